"""Benchmark: the cost of one big article (clean + extract), by size, so that its growth shows.

Usage:
    .venv/bin/python bench/bench_big_article.py [--sizes 0.1,0.5,1] [--lang en|uk] [--seed 3]
        [--timeout 600] [--profile SIZE]

One article of each size (MB of UTF-8 text) is made of the main text of real-style
wire stories (``bench/real_text.py``: many sentences, names, places, quotes,
numbers) joined by blank lines, after the page header of the first one. Each size
runs in a fresh process that reads it as a ``.txt`` file and does what a worker
of ``ddgraph ingest`` does with it (:func:`ingest.document.make_document`, then
:func:`ingest.extract.extract`). Printed per size: the seconds of cleaning and of
extraction, the persons and events found, and the peak RSS of the process
(imports and the spaCy model included; the row "0" is that baseline, an empty
process that imported everything). ``--profile SIZE`` runs one size under cProfile
and prints the 25 most expensive functions (cumulative).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def big_text(size_mb: float, lang: str = "en", seed: int = 3) -> str:
    """An article of about ``size_mb`` MB (UTF-8) of real-looking prose in ``lang``.

    Example:
        >>> len(big_text(0.01).encode("utf-8")) >= 10_000
        True
    """
    from bench.make_corpus import Corpus
    from bench.real_text import RealWriter
    from ddgraph.ingest.clean import clean_text

    corpus = Corpus(seed)
    writer = RealWriter(corpus)
    rnd = random.Random(seed)
    target = int(size_mb * 1_000_000)
    head, parts, size = None, [], 0
    meetings = corpus.meetings(400)
    while size < target:
        page, _words = writer.article(rnd.choice(meetings), lang)
        text, _removed, _title = clean_text(page)
        if head is None:  # the first page as it is (header, furniture), the others' main text
            head = page[: page.find(text.split("\n")[0][:40])] if text else ""
            parts.append(head)
            size += len(head.encode("utf-8"))
        parts.append(text)
        size += len(text.encode("utf-8")) + 2
    return "\n\n".join(parts)


def _child(path: str) -> None:
    """In a fresh process: clean and extract the article at ``path``; print JSON numbers."""
    from ddgraph.ingest.document import Article, make_document
    from ddgraph.ingest.extract import extract
    from ddgraph.ingest.extract.context import annotate  # noqa: F401 - imports (and spaCy) before the clock

    extract(make_document(Article("Umerov met Lecornu in Paris.", "warm.txt")))  # load models
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    text = Path(path).read_text(encoding="utf-8")
    t = time.perf_counter()
    doc = make_document(Article(text, path))
    clean = time.perf_counter() - t
    t = time.perf_counter()
    rec = extract(doc)
    ext = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    persons = sum(e.kind == "person" for e in rec.entities)
    print(json.dumps({"clean": clean, "extract": ext, "base_kb": base, "peak_kb": peak, "persons": persons,
                      "events": len(rec.events), "sentences": len(doc.sentences)}))


def _profile(path: str) -> None:
    import cProfile
    import pstats

    from ddgraph.ingest.document import Article, make_document
    from ddgraph.ingest.extract import extract

    extract(make_document(Article("Umerov met Lecornu in Paris.", "warm.txt")))
    text = Path(path).read_text(encoding="utf-8")
    prof = cProfile.Profile()
    prof.enable()
    extract(make_document(Article(text, path)))
    prof.disable()
    pstats.Stats(prof).sort_stats("cumulative").print_stats(25)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="0.1,0.5,1", help="MB, comma-separated")
    ap.add_argument("--lang", choices=("en", "uk"), default="en")
    ap.add_argument("--seed", type=int, default=3)
    ap.add_argument("--timeout", type=float, default=600, help="seconds per size before giving up")
    ap.add_argument("--profile", type=float, default=None, metavar="SIZE", help="profile one size instead")
    ap.add_argument("--child", default=None, help=argparse.SUPPRESS)
    ap.add_argument("--profile-child", default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        return _child(args.child)
    if args.profile_child:
        return _profile(args.profile_child)
    with tempfile.TemporaryDirectory(prefix="ddgraph-big-") as tmp:
        sizes = [args.profile] if args.profile is not None else [float(s) for s in args.sizes.split(",")]
        files = []
        for size in sizes:
            path = Path(tmp) / f"big_{size:g}MB_{args.lang}.txt"
            path.write_text(big_text(size, args.lang, args.seed), encoding="utf-8")
            files.append((size, path))
        if args.profile is not None:
            subprocess.run([sys.executable, __file__, "--profile-child", str(files[0][1])], check=False)
            return
        print(f"language {args.lang}, seed {args.seed}")
        print(f"{'MB':>5} {'chars':>9} {'sentences':>9} {'clean s':>8} {'extract s':>9} {'total s':>8} "
              f"{'persons':>7} {'events':>6} {'peak RSS MB':>11} {'(+ over base)':>13}")
        for size, path in files:
            chars = len(path.read_text(encoding="utf-8"))
            try:
                out = subprocess.run([sys.executable, __file__, "--child", str(path)], capture_output=True,
                                     text=True, timeout=args.timeout, check=True).stdout
            except subprocess.TimeoutExpired:
                print(f"{size:>5g} {chars:>9} {'':>9} {'':>8} {'':>9} {'>' + str(int(args.timeout)):>8}  (stopped)")
                continue
            except subprocess.CalledProcessError as exc:
                print(f"{size:>5g} {chars:>9}  failed: {(exc.stderr or '').strip().splitlines()[-1:]}")
                continue
            r = json.loads(out.strip().splitlines()[-1])
            total = r["clean"] + r["extract"]
            print(f"{size:>5g} {chars:>9} {r['sentences']:>9} {r['clean']:>8.2f} {r['extract']:>9.2f} {total:>8.2f} "
                  f"{r['persons']:>7} {r['events']:>6} {r['peak_kb'] / 1024:>11.0f} "
                  f"{(r['peak_kb'] - r['base_kb']) / 1024:>+13.0f}")


if __name__ == "__main__":
    main()
