"""Print the quality of extraction on every corpus that has gold: F1 per measure, one column per corpus.

Each corpus is ingested into a fresh store (in a temporary directory) and scored with
``ddgraph evaluate``'s library function, exactly as ``tests/test_quality.py`` does.

Usage:
    .venv/bin/python bench/quality.py                 # all corpora
    .venv/bin/python bench/quality.py --corpus blind3 --corpus blind3-sealed
    .venv/bin/python bench/quality.py --json          # the numbers as JSON (for a before/after diff)
    .venv/bin/python bench/quality.py --corpus blind4-ru --by-language   # one column per article language

With ``--by-language`` a corpus is also scored once per language of its articles: only the
articles in that language are ingested, and the column ("blind4-ru[ru] P") shows PRECISION
(gold items that only other articles report would count as misses, so recall and F1 of a
part say little; precision says how much of what the part gave is right).

Example output (columns are corpora)::

    measure        seeds  own  holdout  blind2  blind3  blind3-sealed
    persons        1.000  ...
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ddgraph.graph.store import open_store  # noqa: E402
from ddgraph.ingest.document import Article, make_document  # noqa: E402
from ddgraph.ingest.pipeline import ingest_paths  # noqa: E402
from ddgraph.queries.evaluate import evaluate, load_gold  # noqa: E402

CORPORA = {
    "seeds": ("data/articles", "data/gold/seeds.yaml"),
    "own": ("tests/data/articles", "tests/data/gold.yaml"),
    "holdout": ("tests/data/holdout/articles", "tests/data/holdout/gold.yaml"),
    "blind2": ("tests/data/blind2/articles", "tests/data/blind2/gold.yaml"),
    "blind3": ("tests/data/blind3/articles", "tests/data/blind3/gold.yaml"),
    "blind3-sealed": ("tests/data/blind3/sealed/articles", "tests/data/blind3/sealed/gold.yaml"),
    "blind4-ru": ("tests/data/blind4/ru/articles", "tests/data/blind4/ru/gold.yaml"),
    "blind4-world": ("tests/data/blind4/world/articles", "tests/data/blind4/world/gold.yaml"),
    "blind4-sealed": ("tests/data/blind4/sealed/articles", "tests/data/blind4/sealed/gold.yaml"),
    "blind5-open": ("tests/data/blind5/open/articles", "tests/data/blind5/open/gold.yaml"),
    "blind5-sealed": ("tests/data/blind5/sealed/articles", "tests/data/blind5/sealed/gold.yaml"),
    "blind6-open": ("tests/data/blind6/open/articles", "tests/data/blind6/open/gold.yaml"),
    "blind6-sealed": ("tests/data/blind6/sealed/articles", "tests/data/blind6/sealed/gold.yaml"),
    "blind7-open": ("tests/data/blind7/open/articles", "tests/data/blind7/open/gold.yaml"),
    "blind8": ("tests/data/blind8/articles", "tests/data/blind8/gold.yaml"),
    "blind9-sealed": ("tests/data/blind9/articles", "tests/data/blind9/gold.yaml"),
    "blind10-sealed": ("tests/data/blind10/articles", "tests/data/blind10/gold.yaml"),
    "blind11-open": ("tests/data/blind11/articles", "tests/data/blind11/gold.yaml"),
    "blind12-sealed": ("tests/data/blind12/articles", "tests/data/blind12/gold.yaml"),
    "blind13-open": ("tests/data/blind13/articles", "tests/data/blind13/gold.yaml"),
    "blind14-sealed": ("tests/data/blind14/articles", "tests/data/blind14/gold.yaml"),
}
MEASURES = ("persons", "roles", "ranks", "meetings", "multi_source", "topics", "locations", "dates", "aid",
            "agreements")


def languages(name: str) -> dict[str, list[Path]]:
    """The articles of a corpus by the language ingest detects for them."""
    out: dict[str, list[Path]] = {}
    for path in sorted((ROOT / CORPORA[name][0]).iterdir()):
        doc = make_document(Article(path.read_text(encoding="utf-8"), path.name))
        out.setdefault(doc.language, []).append(path)
    return out


def score(name: str, only: list[Path] | None = None) -> dict:
    """Ingest one corpus (or ``only`` these of its articles) into a fresh store and return its
    F1 per measure and its error counts."""
    articles, gold = CORPORA[name]
    with tempfile.TemporaryDirectory(prefix=f"quality-{name}-") as tmp:
        source = ROOT / articles
        if only is not None:
            source = Path(tmp) / "articles"
            source.mkdir()
            for path in only:
                (source / path.name).write_bytes(path.read_bytes())
        summary = ingest_paths([source], Path(tmp) / "store", progress=False)
        if summary.failed:
            raise SystemExit(f"{name}: {summary.failed} articles failed: {summary.errors}")
        with open_store(Path(tmp) / "store", read_only=True) as store:
            report = evaluate(store.dataset, load_gold(ROOT / gold))
    value = (lambda sc: sc.precision) if only is not None else (lambda sc: sc.f1)  # noqa: E731
    out = {m: round(value(report.scores[m]), 3) for m in MEASURES if m in report.scores}
    out.update({"split persons": len(report.splits), "false merges": report.false_merges,
                "false meetings": report.false_meetings, "noise": report.noise_violations,
                "articles": len(only) if only is not None else sum(1 for _ in (ROOT / articles).iterdir())})
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", action="append", choices=sorted(CORPORA), help="corpus to score (repeatable)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--by-language", action="store_true", help="also score each article language apart")
    args = parser.parse_args()
    results = {}
    for name in args.corpus or list(CORPORA):
        results[name] = score(name)
        if args.by_language:
            for lang, paths in sorted(languages(name).items()):
                results[f"{name}[{lang}] P"] = score(name, paths)
    names = list(results)
    if args.json:
        print(json.dumps(results, indent=2))
        return
    rows = [*MEASURES, "split persons", "false merges", "false meetings", "noise", "articles"]
    width = max(len(n) for n in names) + 2
    print("measure".ljust(16) + "".join(n.rjust(width) for n in names))
    for row in rows:
        cells = [results[n].get(row) for n in names]
        print(row.ljust(16) + "".join(("-" if c is None else f"{c:.3f}" if isinstance(c, float) else str(c)).rjust(width)
                                      for c in cells))


if __name__ == "__main__":
    main()
