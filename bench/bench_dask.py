"""Benchmark: ingest one corpus on a Dask cluster (1 and 2 local workers) and locally; print articles/s
and where the time goes.

Usage:
    .venv/bin/python bench/bench_dask.py [--articles 2000] [--corpus DIR] [--runs local1,pool2,dask1,dask2]
        [--scheduler tcp://HOST:8786]

Each run ingests the same corpus of real-length articles (``bench/make_corpus.py``,
style "real"; written once unless ``--corpus`` names one) into a new store:

- ``local1``: this process alone (``--workers 1``);
- ``pool2``: the local process pool of two workers (``--workers 2``);
- ``daskN``: ``--dask local:N``, a LocalCluster of N worker processes started for the run;
- ``remote``: ``--dask ADDRESS`` with ``--scheduler``.

Columns: wall time and articles/s; ``cluster``: starting the cluster and connecting;
``first``: from submitting the first partition to its records coming back (workers
loading spaCy, scheduling); ``compute``: cleaning and extraction inside the tasks,
summed over workers; ``resolve``, ``rdf``, ``inst``, ``write``: this process's
stages; ``other``: the rest of the wall time (reading files, waiting for records
that were late: scheduling and transfer, and the cluster's shutdown); ``MB sent``:
article text shipped to the workers. Every store is compared with the first run's
(sorted N-Quads): ``same`` must say yes.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.make_corpus import write_corpus  # noqa: E402
from ddgraph.graph.store import open_store  # noqa: E402
from ddgraph.ingest.distributed import ClusterStats  # noqa: E402
from ddgraph.ingest.pipeline import ingest_paths  # noqa: E402


def digest(store: Path) -> str:
    """A digest of the store's sorted N-Quads (blank-node free: equal digests, equal datasets)."""
    import pyoxigraph as ox

    with open_store(store, read_only=True) as reader:
        lines = sorted(ox.serialize([q], format=ox.RdfFormat.N_QUADS).decode("utf-8")
                       for q in reader.ox.quads_for_pattern(None, None, None, None))
    return hashlib.sha256("".join(lines).encode("utf-8")).hexdigest()[:16]


def one_run(name: str, corpus: Path, work: Path, scheduler: str | None) -> dict:
    store = work / f"store-{name}"
    stats = ClusterStats()
    kw: dict = {}
    if name == "local1":
        kw["workers"] = 1
    elif name == "pool2":
        kw["workers"] = 2
    elif name.startswith("dask"):
        kw["dask"], kw["cluster_stats"] = f"local:{int(name[4:])}", stats
    elif name == "remote":
        kw["dask"], kw["cluster_stats"] = scheduler, stats
    t = time.perf_counter()
    s = ingest_paths([str(corpus)], store, progress=False, **kw)
    wall = time.perf_counter() - t
    assert s.failed == 0, s.errors
    mine = s.resolve_seconds + s.rdf_seconds + s.instance_seconds + s.write_seconds + s.publish_seconds
    return {"name": name, "wall": wall, "rate": s.new / wall, "cluster": stats.connect,
            "first": stats.first_result, "compute": stats.compute if "dask" in kw else s.extract_seconds,
            "resolve": s.resolve_seconds, "rdf": s.rdf_seconds, "inst": s.instance_seconds,
            "write": s.write_seconds + s.publish_seconds,
            "other": wall - stats.connect - mine - (s.extract_seconds if name == "local1" else 0.0),
            "sent": stats.sent_bytes / 1e6, "digest": digest(store), "new": s.new}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--corpus", type=Path, default=None)
    ap.add_argument("--runs", default="local1,pool2,dask1,dask2")
    ap.add_argument("--scheduler", default=None)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="ddgraph-bench-dask-"))
    try:
        corpus = args.corpus
        if corpus is None:
            corpus = work / "corpus"
            written = write_corpus(args.articles, corpus, seed=11, style="real")
            print(f"corpus: {written.articles} real-length articles in {corpus}")
        header = (f"{'run':<8} {'wall s':>7} {'art/s':>6} {'cluster':>7} {'first':>6} {'compute':>8} {'resolve':>7} "
                  f"{'rdf':>5} {'inst':>5} {'write':>6} {'other':>6} {'MB sent':>7}  same")
        print(header)
        first = None
        for name in args.runs.split(","):
            r = one_run(name.strip(), corpus, work, args.scheduler)
            first = first or r["digest"]
            fmt = lambda v, w, p=1: f"{v:>{w}.{p}f}" if v is not None else f"{'-':>{w}}"  # noqa: E731
            print(f"{r['name']:<8} {fmt(r['wall'], 7)} {fmt(r['rate'], 6)} {fmt(r['cluster'], 7)} "
                  f"{fmt(r['first'], 6)} {fmt(r['compute'], 8)} {fmt(r['resolve'], 7)} {fmt(r['rdf'], 5)} "
                  f"{fmt(r['inst'], 5)} {fmt(r['write'], 6)} {fmt(r['other'], 6)} {fmt(r['sent'], 7)}  "
                  f"{'yes' if r['digest'] == first else 'NO'}", flush=True)
            shutil.rmtree(work / f"store-{r['name']}", ignore_errors=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
