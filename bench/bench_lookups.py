"""Benchmark: the README's lookups on a store, in process and as new ``ddgraph`` processes.

Usage:
    .venv/bin/python bench/bench_lookups.py STORE [--runs 20] [--process-runs 5]
        [--questions bench/questions_synthetic.yaml] [--memory] [--memory-timeout 120]

For each lookup of :data:`LOOKUPS` (the README's "Using it" commands, with names
that the synthetic corpus of ``bench/make_corpus.py`` holds) it prints the p50 and
p95 wall time over ``--runs`` runs in this process (store opened once, as a
library user or the endpoint would) and over ``--process-runs`` runs of a new
``ddgraph`` process (what a shell user waits for: start-up, imports, opening the
store's snapshot and the answer), and the size of the answer. ``--questions``
times each question of a questions file the same way (in process). With
``--memory`` the store's quads are loaded into rdflib's in-memory ``Dataset`` and
every lookup runs there too (``--memory-timeout`` seconds at most each), printed
beside ours with the ratio.
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ddgraph.graph.store import open_store  # noqa: E402
from ddgraph.queries.cli.lookups import answer_line  # noqa: E402
from ddgraph.queries.library import KnowledgeGraph  # noqa: E402
from ddgraph.queries.questions import load_questions  # noqa: E402

#: The README's lookups, with names of the synthetic corpus.
LOOKUPS = [
    "ddgraph stats",
    "ddgraph person Умєров",
    "ddgraph met 'Rustem Umerov'",
    "ddgraph met Pistorius",
    "ddgraph meetings --topic air-defense --since 2024 --place Paris",
    "ddgraph meetings --topic air-defense --since 2024",
    "ddgraph delegation 'Umerov Pistorius 2024'",
    "ddgraph offices Umerov",
    "ddgraph timeline Umerov",
    "ddgraph aid --provider France --recipient Ukraine",
    "ddgraph agreements --party Ukraine",
    "ddgraph topics France Ukraine",
    "ddgraph explain Pistorius --property holdsRole",
    "ddgraph person Umerow",
]


def pct(values: list[float], q: float) -> float:
    """The q-quantile (0..1) of some values, nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def _answer(ds, command: str, counts: dict | None = None) -> tuple[str, int]:
    """(outcome, answer size): "ok" with the text's length, or "error" with the message's.
    ``stats`` is no question command: it is answered as the CLI does, from the store's counts."""
    from ddgraph.graph.errors import DDGraphError
    from ddgraph.queries.stats import format_stats, store_stats

    try:
        if command.split()[1:] == ["stats"]:
            return "ok", len(format_stats(store_stats(ds, counts)))
        return "ok", len(answer_line(KnowledgeGraph.over(ds), command).text)
    except DDGraphError as exc:
        return "error", len(str(exc))


def in_process(ds, command: str, runs: int, counts: dict | None = None) -> tuple[float, float, str, int]:
    """(p50 ms, p95 ms, outcome, size) of ``runs`` answers in this process (after one warm-up)."""
    outcome, size = _answer(ds, command, counts)
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        _answer(ds, command, counts)
        times.append((time.perf_counter() - t) * 1000)
    return pct(times, 0.5), pct(times, 0.95), outcome, size


def new_process(store: Path, command: str, runs: int) -> tuple[float, float]:
    """(p50 ms, p95 ms) of ``runs`` new ``ddgraph`` processes answering ``command``."""
    import shlex

    argv = [str(ROOT / ".venv" / "bin" / "ddgraph"), *shlex.split(command)[1:], "--store", str(store)]
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(argv, capture_output=True, check=False)
        times.append((time.perf_counter() - t) * 1000)
    return pct(times, 0.5), pct(times, 0.95)


def _memory_worker(store: str, commands: list[str], timeout: float, out) -> None:
    """Load the store into rdflib's Memory store and time each command (in a child process)."""
    from rdflib import Dataset

    t = time.perf_counter()
    with open_store(store, read_only=True) as s:
        mem = Dataset(default_union=True)
        for q in s.dataset.quads((None, None, None, None)):
            mem.addN([q])
    out.send(("load", time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))
    for command in commands:
        t = time.perf_counter()
        outcome, _ = _answer(mem, command)
        out.send((command, (time.perf_counter() - t) * 1000, outcome))
    out.send(None)


def memory_times(store: Path, commands: list[str], timeout: float) -> dict[str, float | None]:
    """Command -> ms on rdflib's in-memory store (None: over ``timeout`` s), each run once."""
    ctx = multiprocessing.get_context("fork")
    recv, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_memory_worker, args=(str(store), commands, timeout, send), daemon=True)
    proc.start()
    out: dict[str, float | None] = dict.fromkeys(commands)
    deadline = None
    while True:
        wait = 3600 if deadline is None else max(0.0, deadline - time.perf_counter())
        if not recv.poll(wait):
            break
        msg = recv.recv()
        if msg is None:
            break
        if msg[0] == "load":
            print(f"rdflib in-memory store loaded in {msg[1]:.1f} s, peak RSS {msg[2]:.0f} MB", flush=True)
        else:
            out[msg[0]] = msg[1]
        deadline = time.perf_counter() + timeout
    proc.kill()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("store", type=Path)
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--process-runs", type=int, default=5)
    ap.add_argument("--questions", type=Path, default=ROOT / "bench" / "questions_synthetic.yaml")
    ap.add_argument("--memory", action="store_true", help="also time rdflib's in-memory store")
    ap.add_argument("--memory-timeout", type=float, default=120.0)
    args = ap.parse_args()
    with open_store(args.store, read_only=True) as store:
        print(f"store {args.store}: {store.counts['articles']:,} articles, {store.counts['quads']:,} quads, "
              f"snapshot {store.generation}")
        ds = store.dataset
        print(f"{'in-process p50':>15} {'p95':>8} {'new process p50':>16} {'p95':>8}  outcome  size  command")
        rows = {}
        for command in LOOKUPS:
            p50, p95, outcome, size = in_process(ds, command, args.runs, store.counts)
            n50, n95 = new_process(args.store, command, args.process_runs) if args.process_runs else (0, 0)
            rows[command] = p50
            print(f"{p50:12.1f} ms {p95:8.1f} {n50:13.1f} ms {n95:8.1f}  {outcome:<7} {size:5}  {command}", flush=True)
        if args.questions and args.questions.exists():
            print(f"\nquestions of {args.questions} (in process, per question):")
            for row in load_questions(args.questions):
                p50, p95, outcome, size = in_process(ds, row["command"], args.runs)
                print(f"{p50:12.1f} ms {p95:8.1f}  {outcome:<7} {size:5}  {row['command']}", flush=True)
    if args.memory:
        print("\nrdflib in-memory store, the same lookups (one run each):")
        mem = memory_times(args.store, LOOKUPS, args.memory_timeout)
        for command in LOOKUPS:
            ms = mem[command]
            shown = f"{ms:10.1f} ms  x{ms / max(rows[command], 0.01):8.1f}" if ms is not None else \
                f"> {args.memory_timeout:.0f} s (stopped)"
            print(f"{shown}  (ours {rows[command]:.1f} ms)  {command}", flush=True)


if __name__ == "__main__":
    main()
