"""Benchmark: extraction alone, in this process, stage by stage; print milliseconds per article.

Usage:
    .venv/bin/python bench/bench_extract.py DIR_OR_FILE... [--limit 400] [--batch 8]

The articles are read first (not timed), then taken ``--batch`` at a time as
``ddgraph ingest``'s workers take them, and each stage is timed over all of them:
the document (cleaning, language, date, sentences), tokens and lexicon terms, the
English NER (the annotation with it, less the annotation without it), and the
extractors. A first batch warms the model and the indexes and is not counted.
Printed: articles, their languages, and ms per article for each stage and in all.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ddgraph.ingest.document import make_document  # noqa: E402
from ddgraph.ingest.extract import extract_annotated  # noqa: E402
from ddgraph.ingest.extract.context import annotate_many  # noqa: E402
from ddgraph.ingest.read import iter_articles  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--limit", type=int, default=400, help="articles to time at most")
    ap.add_argument("--batch", type=int, default=8)
    args = ap.parse_args()
    articles = list(iter_articles(args.paths, []))[: args.limit + args.batch]
    warm, articles = articles[: args.batch], articles[args.batch :]
    [extract_annotated(c) for c in annotate_many([make_document(a) for a in warm])]
    seconds: Counter = Counter()
    languages: Counter = Counter()
    for i in range(0, len(articles), args.batch):
        batch = articles[i : i + args.batch]
        t = time.perf_counter()
        docs = [make_document(a) for a in batch]
        seconds["document"] += time.perf_counter() - t
        languages.update(d.language for d in docs)
        t = time.perf_counter()
        annotate_many(docs, use_ner=False)
        seconds["tokens and terms"] += time.perf_counter() - t
        t = time.perf_counter()
        contexts = annotate_many(docs)
        seconds["NER"] += time.perf_counter() - t
        t = time.perf_counter()
        for ctx in contexts:
            extract_annotated(ctx)
        seconds["extractors"] += time.perf_counter() - t
    seconds["NER"] -= seconds["tokens and terms"]  # the annotation with the NER, less the one without
    n = max(len(articles), 1)
    print(f"{len(articles)} articles ({', '.join(f'{k} {v}' for k, v in sorted(languages.items()))}), "
          f"batches of {args.batch}")
    for stage in ("document", "tokens and terms", "NER", "extractors"):
        print(f"  {stage:<17} {seconds[stage] / n * 1000:7.2f} ms/article")
    print(f"  {'all':<17} {sum(seconds.values()) / n * 1000:7.2f} ms/article")


if __name__ == "__main__":
    main()
