"""Kill ``ddgraph ingest`` (SIGKILL) at random points, again and again, and check nothing is lost.

Usage:
    .venv/bin/python bench/kill_ingest.py [--kills 20] [--seed 1] [--files DIR ...] [--workers 1]

A reference store is built once from the files without interruption. Then, into
another store, ``ddgraph ingest`` is started and killed after a random delay,
``--kills`` times (each run resumes the previous one's work); after every kill a
reader must still open the store's last snapshot; finally one ingest runs to the
end and ``ddgraph check`` must find the store sound. Printed: each kill (delay,
articles stored at that moment, whether a journal was left), then whether the
final store equals the reference (sorted N-Quads, every graph, the instance layer
included) and the check's verdict.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DDGRAPH = str(ROOT / ".venv" / "bin" / "ddgraph")
DEFAULT_FILES = [ROOT / "data" / "articles", ROOT / "tests" / "data" / "articles", ROOT / "tests" / "data" / "holdout"]


def nquads(store: Path) -> list[str]:
    """The store's last snapshot as sorted N-Quads lines."""
    out = subprocess.run([DDGRAPH, "export", "--format", "nquads", "--store", str(store)], capture_output=True,
                         text=True, check=True).stdout
    return sorted(line for line in out.splitlines() if line.strip())


#: Seconds a ``ddgraph ingest`` takes before its first article (imports, models, opening the store).
STARTUP = 2.0


def articles_in(store: Path) -> int:
    """How many articles the store's last snapshot holds (0 when none is readable)."""
    out = subprocess.run([DDGRAPH, "stats", "--json", "--store", str(store)], capture_output=True, text=True)
    return json.loads(out.stdout)["articles"] if out.returncode == 0 else 0


def ingest(store: Path, files: list[Path], workers: int) -> subprocess.Popen:
    return subprocess.Popen([DDGRAPH, "ingest", *map(str, files), "--store", str(store), "--no-progress",
                             "--workers", str(workers), "--chunk", "4"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, start_new_session=True)


def run(files: list[Path], kills: int, seed: int, workers: int, work: Path) -> tuple[bool, bool, list[str]]:
    """(the final store equals the reference, the check passed, one line per kill)."""
    rnd = random.Random(seed)
    reference, store = work / "reference", work / "killed"
    t = time.perf_counter()
    proc = ingest(reference, files, workers)
    _, err = proc.communicate()
    if proc.returncode:
        raise SystemExit(f"reference ingest failed: {err.decode()}")
    full = time.perf_counter() - t
    total, stored = articles_in(reference), 0
    lines = []
    for i in range(kills):
        proc = ingest(store, files, workers)
        # within the time the work left should take (start-up included), so that most runs die mid-way;
        # once little is left the kills land in start-up and in the recovery of the previous kill
        left = STARTUP + max(0.0, full - STARTUP) * (1 - stored / max(1, total))
        delay = rnd.uniform(0.2, max(0.5, left * 0.9))
        try:
            proc.wait(timeout=delay)
            lines.append(f"kill {i + 1:3}: the ingest finished before {delay:.2f} s")
            continue
        except subprocess.TimeoutExpired:
            import os

            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        journal = (store / "journal.json").exists()
        readable = subprocess.run([DDGRAPH, "stats", "--store", str(store)], capture_output=True, text=True)
        state = readable.stdout.splitlines()[0] if readable.returncode == 0 else readable.stderr.strip()
        stored = articles_in(store) if readable.returncode == 0 else stored
        lines.append(f"kill {i + 1:3} after {delay:5.2f} s: journal left {str(journal):5}  reader: {state}")
    proc = ingest(store, files, workers)
    _, err = proc.communicate()
    if proc.returncode:
        raise SystemExit(f"final ingest failed: {err.decode()}")
    check = subprocess.run([DDGRAPH, "check", "--store", str(store)], capture_output=True, text=True)
    return nquads(store) == nquads(reference), check.returncode == 0, lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--kills", type=int, default=20)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--files", type=Path, nargs="*", default=DEFAULT_FILES)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="ddgraph-kill-"))
    try:
        equal, sound, lines = run(args.files, args.kills, args.seed, args.workers, work)
        print("\n".join(lines))
        print(f"final store equals the reference: {equal}; ddgraph check: {'sound' if sound else 'PROBLEMS'}")
        raise SystemExit(0 if equal and sound else 1)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
