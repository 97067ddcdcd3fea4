"""Benchmark: write a ~2,000-node graph view and time it in headless Chromium.

Prints plain numbers (seconds, milliseconds): building a synthetic dataset in an
on-disk Oxigraph store, projecting it, writing the view, and the time from
navigation start until the page reports the network stable
(``window.ddgraphStable``), once with the Python layout (physics off, the default
above queries.views.PHYSICS_MAX_NODES nodes) and once with vis physics
(200 stabilisation iterations) for comparison.

Usage:
    .venv/bin/python bench/bench_views.py [--persons 700] [--meetings 1200] [--no-physics]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ddgraph.queries import views  # noqa: E402
from ddgraph.queries.project import to_networkx  # noqa: E402
from tests.queries.synthetic import synthetic_dataset  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


def browser_times(pages: list[Path]) -> list[tuple[float, float, int]]:
    """(ms until stable from navigation start, wall seconds, nodes) per page."""
    from playwright.sync_api import sync_playwright

    out = []
    with sync_playwright() as p:  # playwright gives the browser a fresh temporary profile
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for page_path in pages:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            t0 = time.perf_counter()
            page.goto(page_path.as_uri())
            page.wait_for_function("typeof window.ddgraphStable === 'number'", timeout=600_000)
            wall = time.perf_counter() - t0
            stable, nodes = page.evaluate("[window.ddgraphStable, network.body.data.nodes.length]")
            out.append((stable, wall, nodes))
            page.close()
        browser.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--persons", type=int, default=700)
    ap.add_argument("--meetings", type=int, default=1200)
    ap.add_argument("--articles", type=int, default=600)
    ap.add_argument("--no-physics", action="store_true", help="skip the vis-physics comparison")
    a = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="ddgraph-bench-"))
    try:
        t = time.perf_counter()
        ds = synthetic_dataset(store="Oxigraph", path=work / "store", persons=a.persons, meetings=a.meetings,
                               topics=28, articles=a.articles, seed=1)
        print(f"dataset_build_s {time.perf_counter() - t:.2f}")
        t = time.perf_counter()
        G = to_networkx(ds)
        print(f"projection_s {time.perf_counter() - t:.2f}")
        print(f"nodes {G.number_of_nodes()}")
        print(f"edges {G.number_of_edges()}")
        t = time.perf_counter()
        fast = views.graph_view(ds, work / "layout.html", max_nodes=3000)
        print(f"write_view_s {time.perf_counter() - t:.2f}  (projection + layout + HTML)")
        t = time.perf_counter()
        views.graph_view(ds, work / "layout2.html", max_nodes=3000, graph=G)
        print(f"write_view_from_projection_s {time.perf_counter() - t:.2f}")
        print(f"html_mb {fast.stat().st_size / 1e6:.2f}")
        pages = [fast]
        if not a.no_physics:
            limit = views.PHYSICS_MAX_NODES
            views.PHYSICS_MAX_NODES = 10**9
            try:
                pages.append(views.graph_view(ds, work / "physics.html", max_nodes=3000, graph=G))
            finally:
                views.PHYSICS_MAX_NODES = limit
        if not Path(CHROMIUM).exists():
            print("chromium_missing 1")
            return
        for name, (stable, wall, nodes) in zip(("python_layout", "vis_physics_200"), browser_times(pages)):
            print(f"{name}_stable_ms {stable:.0f}")
            print(f"{name}_wall_s {wall:.2f}")
            print(f"{name}_nodes {nodes}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
