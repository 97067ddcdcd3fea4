"""Benchmark: ingest synthetic corpora of growing size, one article more, batches; print numbers.

Usage:
    .venv/bin/python bench/bench_ingest.py [--sizes 1000,10000,100000] [--style real] [--workers 2]
        [--data DIR] [--batches 0] [--chunks 0] [--keep] [--verify]

For each size N a corpus of N + 2 articles is made by ``bench/make_corpus.py``
(``--style real``: ~300-word articles; kept under ``--data`` and reused) and its
first N articles go into a fresh store in one ``ingest_paths`` call with
``--workers`` extraction processes. Printed per size: wall seconds, articles per
second, the seconds of each stage, peak RSS of this process and of its workers,
and the store on disk (bytes per article: RDF database, records, resolution state).

After the largest size: the time to ingest one article more into that store, in
this process and as a new ``ddgraph ingest`` process (held-back articles N and
N + 1), and with ``--verify`` the drift of the instance layer from a rebuild
(0 / 0 means equal). ``--chunks C`` builds each size's store C articles at a time
and prints a row per chunk: its seconds stay level if the cost of an article does not
grow with the store (the 1k -> 10k -> 100k table). ``--batches B`` ingests the largest corpus again into
another store in B equal batches and prints each batch's seconds (they should
not grow with the store).
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.make_corpus import make_corpus  # noqa: E402
from ddgraph.graph.store import open_store  # noqa: E402
from ddgraph.ingest.pipeline import ingest_paths  # noqa: E402

STAGES = ("read_seconds", "extract_seconds", "resolve_seconds", "rdf_seconds", "instance_seconds", "write_seconds",
          "publish_seconds")


def size(path: Path) -> int:
    """Bytes of a file, or of the files under a folder."""
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.exists() else 0


def corpus(data: Path, n: int, style: str, seed: int) -> list[Path]:
    """The N + 2 article files of a corpus (made once, then reused)."""
    folder = data / f"corpus-{style}-{n}-{seed}"
    files = sorted(folder.glob("*.txt")) if folder.exists() else []
    if len(files) != n + 2:
        shutil.rmtree(folder, ignore_errors=True)
        t = time.perf_counter()
        make_corpus(n + 2, folder, seed, style=style)
        files = sorted(folder.glob("*.txt"))
        print(f"corpus of {n + 2} {style} articles written in {time.perf_counter() - t:.1f} s", flush=True)
    return files


def rss_mb() -> tuple[float, float]:
    """Peak RSS (MB) of this process and of its largest finished child."""
    return (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)


def report_store(store: Path, n: int) -> str:
    """Bytes on disk, in all and per article."""
    ox, rec = size(store / "oxigraph"), size(store) - size(store / "oxigraph") - size(store / "snapshots")
    state = sum(size(p) for p in store.glob("resolution.sqlite*"))
    records = sum(size(p) for p in store.glob("records.sqlite*"))
    total = ox + rec
    return (f"{total / 2**20:.0f} MB = {total / n / 1024:.1f} KB/article (RDF {ox / n / 1024:.1f}, records "
            f"{records / n / 1024:.1f}, resolution state {state / n / 1024:.1f}; snapshots share the RDF files)")


def ingest_chunks(files: list[Path], store: Path, step: int, workers: int) -> None:
    """Ingest ``files`` into one store ``step`` articles at a time, a row per chunk: the
    chunk's seconds and rate, the running total, the stages, peak RSS and the store's size
    (time that grows linearly with the store keeps the chunks' rates level)."""
    total = 0.0
    for i in range(0, len(files), step):
        s = ingest_paths(files[i : i + step], store, progress=False, workers=workers)
        total += s.seconds
        main_mb, child_mb = rss_mb()
        stages = " ".join(f"{getattr(s, k):9.1f}" for k in STAGES)
        print(f"{min(len(files), i + step):9} {s.seconds:8.1f} {s.new / s.seconds:6.1f}  {stages}  "
              f"{s.graphs_written:6}  {main_mb:.0f}/{child_mb:.0f}  (total {total:.0f} s)", flush=True)
        print(f"          store: {report_store(store, min(len(files), i + step))}", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--style", default="real", choices=["real", "short"])
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--data", type=Path, default=Path("/tmp/ddgraph-bench"))
    ap.add_argument("--batches", type=int, default=0)
    ap.add_argument("--chunks", type=int, default=0,
                    help="build each size's store in chunks of this many articles, a row per chunk")
    ap.add_argument("--keep", action="store_true", help="keep the stores")
    ap.add_argument("--verify", action="store_true", help="compare the instance layer with a rebuild")
    args = ap.parse_args()
    sizes = [int(x) for x in args.sizes.split(",")]
    args.data.mkdir(parents=True, exist_ok=True)
    print(f"{'articles':>9} {'seconds':>8} {'art/s':>6}  " + " ".join(f"{s.split('_')[0]:>9}" for s in STAGES)
          + "  graphs  peak RSS main/worker MB")
    last_store, last_files = None, None
    for n in sizes:
        files = corpus(args.data, n, args.style, args.seed)
        store = args.data / f"store-{args.style}-{n}"
        shutil.rmtree(store, ignore_errors=True)
        if args.chunks:
            ingest_chunks(files[:n], store, args.chunks, args.workers)
            last_store, last_files = store, files
            continue
        s = ingest_paths(files[:n], store, progress=False, workers=args.workers)
        main_mb, child_mb = rss_mb()
        stages = " ".join(f"{getattr(s, k):9.1f}" for k in STAGES)
        print(f"{n:9} {s.seconds:8.1f} {s.new / s.seconds:6.1f}  {stages}  {s.graphs_written:6}  "
              f"{main_mb:.0f}/{child_mb:.0f}", flush=True)
        print(f"          store: {report_store(store, n)}", flush=True)
        if last_store is not None and not args.keep:
            shutil.rmtree(last_store, ignore_errors=True)
        last_store, last_files = store, files
    n = sizes[-1]
    extra = corpus(args.data, 10, args.style, args.seed + 1)  # articles the store does not hold
    for i, label in ((0, "cold: the extractor loads in this process"), (1, "warm"), (2, "warm")):
        one = ingest_paths([extra[i]], last_store, progress=False, workers=args.workers)
        print(f"{'' if i else chr(10)}one more article into {n + i:,}, in process ({label}): {one.seconds:.3f} s "
              f"(extraction {one.extract_seconds:.3f}, resolution {one.resolve_seconds:.3f}, rdf {one.rdf_seconds:.3f}, "
              f"instance layer {one.instance_seconds:.3f}, write {one.write_seconds:.3f}, snapshot "
              f"{one.publish_seconds:.3f}; {one.graphs_written} graphs written)")
    t = time.perf_counter()
    cli = subprocess.run([str(ROOT / ".venv" / "bin" / "ddgraph"), "ingest", str(extra[3]), "--store",
                          str(last_store), "--no-progress"], capture_output=True, text=True, check=True)
    print(f"one more article into {n + 3:,}, new process: {time.perf_counter() - t:.2f} s wall; its summary:")
    print("\n".join("    " + line for line in cli.stdout.splitlines()))
    if args.verify:
        from ddgraph.graph.writer import instance_drift

        with open_store(last_store) as st:
            t = time.perf_counter()
            extra, missing = instance_drift(st)
            print(f"instance layer against a rebuild: {len(extra)} extra, {len(missing)} missing "
                  f"({time.perf_counter() - t:.1f} s)")
    if args.batches:
        store = args.data / f"store-{args.style}-{n}-batches"
        shutil.rmtree(store, ignore_errors=True)
        step = -(-n // args.batches)
        print(f"\n{n:,} articles in {args.batches} batches of {step:,}:")
        print(f"{'batch':>6} {'stored':>8} {'seconds':>8} {'art/s':>6}  resolution  rdf  instance  write")
        for i in range(0, n, step):
            s = ingest_paths(last_files[i : i + step], store, progress=False, workers=args.workers)
            print(f"{i // step + 1:6} {min(n, i + step):8} {s.seconds:8.1f} {s.new / s.seconds:6.1f}  "
                  f"{s.resolve_seconds:10.2f} {s.rdf_seconds:5.2f} {s.instance_seconds:9.2f} {s.write_seconds:6.2f}",
                  flush=True)
        if not args.keep:
            shutil.rmtree(store, ignore_errors=True)
    if not args.keep:
        shutil.rmtree(last_store, ignore_errors=True)


if __name__ == "__main__":
    main()
