"""Benchmark: one chunk of new articles into a big store — resolution, RDF, instance layer, write, memory.

Usage:
    .venv/bin/python bench/bench_chunk.py STORE FILE_OR_DIR... [--workers 2] [--in-place]

The store is copied to a temporary directory first (``--in-place`` writes into it);
the new articles are read and extracted in a process pool (timed apart), saved as
records, then resolved and written as one chunk (``graph.writer.write_articles``,
what ``ddgraph ingest`` does for each chunk). Printed: the store's size, the
extraction time, each stage of the write, graphs written (new and rewritten), and
the peak RSS of this process before and after the write.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ddgraph.graph.store import open_store  # noqa: E402
from ddgraph.graph.writer import write_articles  # noqa: E402
from ddgraph.ingest.pipeline import _extracted  # noqa: E402
from ddgraph.ingest.read import iter_articles  # noqa: E402


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("store", type=Path)
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--in-place", action="store_true", help="write into STORE itself")
    args = ap.parse_args()
    work = None
    store_path = args.store
    if not args.in_place:
        work = Path(tempfile.mkdtemp(prefix="ddgraph-chunk-"))
        store_path = work / "store"
        t = time.perf_counter()
        shutil.copytree(args.store, store_path, ignore=shutil.ignore_patterns("*.answers", "lock"))
        print(f"store copied in {time.perf_counter() - t:.1f} s")
    try:
        t = time.perf_counter()
        out = list(_extracted(iter(iter_articles(args.paths, [])), args.workers))
        records = [rec for _, rec, err, *_ in out if rec is not None]
        print(f"{len(records)} articles extracted in {time.perf_counter() - t:.1f} s ({args.workers} workers)")
        with open_store(store_path) as store:
            known = set(store.records.ids())
            records = [r for r in records if r.article_id not in known]
            print(f"store: {store.article_count():,} articles; {len(records)} new; peak RSS {peak_mb():.0f} MB")
            store.records.put(records)
            t = time.perf_counter()
            stats = write_articles(store, records)
            seconds = time.perf_counter() - t
            store.publish()
        print(f"write_articles {seconds:.1f} s: resolution {stats.resolve_seconds:.1f}, rdf {stats.rdf_seconds:.1f}, "
              f"instance layer {stats.instance_seconds:.1f}, write {stats.write_seconds:.1f}; "
              f"{stats.graphs_written} graphs written for {len(records)} new articles; peak RSS {peak_mb():.0f} MB")
    finally:
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
