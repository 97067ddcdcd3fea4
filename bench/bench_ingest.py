"""Benchmark: ingest a synthetic corpus in batches, then one article more, and print numbers.

Usage:
    .venv/bin/python bench/bench_ingest.py [--n 10000] [--batches 10] [--seed 7]
        [--style short|real] [--corpus DIR] [--store DIR] [--verify]

The corpus (``bench/make_corpus.py``, N + 2 articles of ``--style``: short, the
default, or real-length) is written to a temporary folder unless ``--corpus`` names
one already made; its last two articles are held back. The first N go into a fresh
store in equal batches (one ``ingest_paths`` call each, in this process), then the
held-back ones, one at a time. Printed, as plain numbers: per
batch the wall time and the seconds of each stage (read+clean, extraction,
resolution, RDF generation, store write); for the whole run articles per second
and the share of ingest time spent in resolution; the time to ingest the one
article more (in this process, and as a new ``ddgraph ingest`` process); peak
RSS; the store size on disk. ``--verify`` then re-resolves the whole store from
scratch (what a curation decision does) and prints how many graphs that rewrote:
0 means the incremental store equals a from-scratch build.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.make_corpus import make_corpus  # noqa: E402
from graph.store import open_store  # noqa: E402
from ingest.pipeline import ingest_paths, load_records, write_graphs  # noqa: E402

STAGES = ("read_seconds", "extract_seconds", "resolve_seconds", "rdf_seconds", "write_seconds")
HEADER = ("batch articles stored seconds read+clean extraction resolution(reading-records) rdf write other "
          "mode resolved graphs")


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _row(name: str, s, stored: int) -> str:
    stages = " ".join(f"{getattr(s, k):.2f}" + (f"({s.load_seconds:.2f})" if k == "resolve_seconds" else "")
                      for k in STAGES)
    other = s.seconds - sum(getattr(s, k) for k in STAGES)  # opening the store, checking known ids
    return f"{name} {s.read} {stored} {s.seconds:.2f} {stages} {other:.2f} {s.mode} {s.resolved} {s.graphs_written}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=10000)
    ap.add_argument("--batches", type=int, default=10)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--style", choices=("short", "real"), default="short", help="corpus style (make_corpus.py)")
    ap.add_argument("--corpus", type=Path, help="a folder made by make_corpus.py with N + 2 articles")
    ap.add_argument("--store", type=Path, help="store directory (must not exist; default: temporary)")
    ap.add_argument("--verify", action="store_true", help="re-resolve from scratch at the end")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="ddgraph-bench-"))
    corpus = args.corpus or tmp / "corpus"
    if args.corpus is None:
        t = time.perf_counter()
        make_corpus(args.n + 2, corpus, args.seed, args.style)
        print(f"corpus {args.n + 2} {args.style}-style articles written in {time.perf_counter() - t:.1f} s")
    files = sorted(corpus.glob("*.txt"))
    files, extra, kept = files[: args.n], files[args.n], files[args.n + 1]
    store = args.store or tmp / "store"
    size = -(-len(files) // args.batches)
    print(HEADER)
    totals = dict.fromkeys(STAGES, 0.0)
    loading = 0.0
    wall = 0.0
    for i in range(0, len(files), size):
        s = ingest_paths(files[i : i + size], store, progress=False)
        print(_row(f"b{i // size + 1}", s, i + len(files[i : i + size])), flush=True)
        wall += s.seconds
        loading += s.load_seconds
        for k in STAGES:
            totals[k] += getattr(s, k)
    last = s
    one = ingest_paths([extra], store, progress=False)
    print(_row("one-more", one, len(files) + 1))
    print()
    print(f"articles ingested            {len(files)} in {len(range(0, len(files), size))} batches")
    print(f"ingest wall time             {wall:.1f} s")
    print(f"articles per second          {len(files) / wall:.1f}")
    for k in STAGES:
        print(f"  {k:<26} {totals[k]:.1f} s ({100 * totals[k] / wall:.1f} %)")
    print(f"    of resolution, reading stored records {loading:.1f} s")
    share = 100 * last.resolve_seconds / last.seconds
    print(f"resolution share, last batch {share:.1f} % ({last.resolve_seconds:.2f} of {last.seconds:.2f} s, "
          f"{len(files) - size} -> {len(files)} articles; {last.load_seconds:.2f} s of it reading stored records)")
    print(f"resolution share, all        {100 * totals['resolve_seconds'] / wall:.1f} %")
    print(f"one more article, in process {one.seconds:.3f} s (resolution {one.resolve_seconds:.3f} s over "
          f"{one.resolved} articles, {one.load_seconds:.3f} s of it reading them; {one.graphs_written} graphs written)")
    print(f"peak RSS                     {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    t = time.perf_counter()
    cli = subprocess.run([str(ROOT / ".venv" / "bin" / "ddgraph"), "ingest", str(kept), "--store", str(store),
                          "--no-progress"], capture_output=True, text=True, check=True)
    print(f"one more article, new process {time.perf_counter() - t:.2f} s wall; its summary:")
    print("\n".join("    " + line for line in cli.stdout.splitlines()))
    print(f"store size on disk           {_size(store) / 2**20:.1f} MB (oxigraph {_size(store / 'oxigraph') / 2**20:.1f}, "
          f"records {_size(store / 'records') / 2**20:.1f}, resolution.json "
          f"{(store / 'resolution.json').stat().st_size / 2**20:.1f}, graphs.json "
          f"{(store / 'graphs.json').stat().st_size / 2**20:.2f})")
    if args.verify:
        with open_store(store) as st:
            t = time.perf_counter()
            records = load_records(st)
            written, _, seconds = write_graphs(st, records)
        print(f"verify: full re-resolution   {time.perf_counter() - t:.1f} s (resolution {seconds:.1f} s), "
              f"graphs rewritten {written}")
    if args.store is None:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
