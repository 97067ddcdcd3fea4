"""Benchmark: write the offline site of a store and print where the time and the bytes go.

Prints plain ``name value`` lines: seconds of the projection and of each kind of
page, pages written by kind, total bytes of the pages, median and max page size
(overall and per kind), bytes of the shared assets, the largest pages, and the
peak RSS of the process.

Usage:
    .venv/bin/python bench/bench_site.py STORE [-o DIR] [--max-events N] [--per-page N]

Without ``-o`` the site goes to a temporary directory, removed afterwards.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ddgraph.graph.store import open_store  # noqa: E402
from ddgraph.queries.project import to_networkx  # noqa: E402
from ddgraph.queries.site import MAX_EVENTS, PER_PAGE, write_site  # noqa: E402


def _kind(page: Path, out: Path) -> str:
    rel = page.relative_to(out)
    if rel == Path("index.html"):
        return "lists"  # written with the list pages
    return rel.stem if len(rel.parts) == 1 else rel.parts[0]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("store", help="store directory")
    ap.add_argument("-o", "--output", help="site directory (default: a temporary one, removed)")
    ap.add_argument("--max-nodes", type=int, default=3000)
    ap.add_argument("--max-events", type=int, default=MAX_EVENTS)
    ap.add_argument("--per-page", type=int, default=PER_PAGE)
    ap.add_argument("--top", type=int, default=5, help="largest pages to list")
    a = ap.parse_args()
    out = Path(a.output) if a.output else Path(tempfile.mkdtemp(prefix="ddgraph-site-"))
    try:
        with open_store(a.store, read_only=True) as store:
            ds = store.dataset
            t = time.perf_counter()
            G = to_networkx(ds, articles=True)
            projection = time.perf_counter() - t
            timings: dict[str, float] = {}
            t = time.perf_counter()
            paths = write_site(ds, out, max_nodes=a.max_nodes, max_events=a.max_events, per_page=a.per_page,
                               graph=G, timings=timings)
            site_s = time.perf_counter() - t
        print(f"nodes {G.number_of_nodes()}")
        print(f"edges {G.number_of_edges()}")
        print(f"projection_s {projection:.2f}  (to_networkx, articles=True)")
        print(f"write_site_s {site_s:.2f}")
        for step, seconds in timings.items():
            print(f"  {step}_s {seconds:.2f}")
        sizes = {p: p.stat().st_size for p in paths}
        by_kind: dict[str, list[int]] = defaultdict(list)
        for p, size in sizes.items():
            by_kind[_kind(p, out)].append(size)
        print(f"pages {len(paths)}")
        for kind, values in sorted(by_kind.items()):
            print(f"  pages_{kind} {len(values)}  median_bytes {statistics.median(values):.0f}  max_bytes {max(values)}"
                  + (f"  s_per_page {timings[kind] / len(values) * 1000:.1f} ms" if kind in timings else ""))
        values = list(sizes.values())
        print(f"pages_bytes {sum(values)}")
        print(f"page_median_bytes {statistics.median(values):.0f}")
        print(f"page_max_bytes {max(values)}")
        assets = [p for p in (out / "assets").iterdir() if p.is_file()]
        print(f"assets_files {len(assets)}")
        print(f"assets_bytes {sum(p.stat().st_size for p in assets)}")
        for p, size in sorted(sizes.items(), key=lambda kv: (-kv[1], str(kv[0])))[: a.top]:
            print(f"  largest {size} {p.relative_to(out)}")
        print(f"peak_rss_mb {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}")
        if a.output:
            print(f"site {out / 'index.html'}")
    finally:
        if not a.output:
            shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main()
