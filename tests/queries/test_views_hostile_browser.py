"""Payloads in article text never run in any generated page (headless Chromium, offline, file://).

An article whose sentences, title, URL and outlet carry ``<script>``, ``<img onerror>``,
``javascript:`` URLs and ``</script>`` inside what ends up in a JSON string, and a
person named with an apostrophe, is ingested into a fresh store; the whole site is
written; every page is opened, the pointer is moved over every node (the tooltips
show the sentences), and no dialog, no marker set by a payload, no console error
and no injected element may appear.

Needs Debian's ``chromium`` (``apt-get install -y chromium``) and the python
``playwright`` package; skipped otherwise, like tests/queries/test_views_browser.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ddgraph.graph.store import open_store
from ddgraph.ingest.pipeline import ingest_paths
from ddgraph.queries.site import write_site
from tests.queries.chromium import MARKS, browser, sync_api  # noqa: F401 (browser: a fixture)


pytestmark = MARKS

PAYLOADS = ('<script>window.__pwned="script";alert("script")</script>',
            '<img src=x onerror="window.__pwned=\'img\';alert(\'img\')">',
            '</script><script>window.__pwned="close";alert("close")</script>',
            '"quoted" \'single\' `tick` ${window.__pwned="tpl"}',
            'javascript:window.__pwned="js";alert("js")',
            '<svg onload="window.__pwned=\'svg\'"></svg>',
            '<a href="javascript:alert(\'href\')">link</a>')
HOSTILE = " ".join(PAYLOADS)
TEXT = (f"Ukraine's Defense Minister Rustem Umerov met his French counterpart Sébastien Lecornu in Paris {HOSTILE}. "
        f"They discussed air defense and drones {HOSTILE}. "
        f"Umerov also met Norway's Defense Minister Bjørn Arild D'Arcy-O'Neil in Kyiv {HOSTILE}. "
        f"\"We need air defense {HOSTILE}\", Umerov said.")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("hostile-in")
    (folder / "a.jsonl").write_text(json.dumps({
        "text": TEXT, "title": f"Umerov meets Lecornu {HOSTILE}", "url": 'javascript:alert("url")',
        "publisher": PAYLOADS[1], "published": "2025-03-26"}) + "\n", encoding="utf-8")
    store = tmp_path_factory.mktemp("hostile-store") / "s"
    summary = ingest_paths([folder], store, progress=False, workers=1)
    assert summary.failed == 0, summary.errors
    opened = open_store(store, read_only=True)
    try:
        pages = write_site(opened.dataset, tmp_path_factory.mktemp("hostile-site"))
    finally:
        opened.close()
    assert len(pages) > 3
    return pages



HOVER_NODES = """(n) => {
    if (typeof network === 'undefined') return [];
    const ids = network.body.data.nodes.getIds().slice(0, n);
    const pos = network.getPositions(ids);
    return ids.map(id => network.canvasToDOM(pos[id]));
}"""

INJECTED = """() => ({
    pwned: window.__pwned === undefined ? null : String(window.__pwned),
    handlers: document.querySelectorAll('[onerror],[onload],[onclick],[onmouseover]').length,
    jsLinks: [...document.querySelectorAll('a[href]')].filter(a => a.href.trim().toLowerCase().startsWith('javascript:')).length,
    strayImages: document.querySelectorAll('img[src="x"]').length,
    svgs: document.querySelectorAll('svg[onload]').length,
})"""


def test_site_has_the_hostile_article(site):
    text = "\n".join(p.read_text(encoding="utf-8") for p in site)
    assert "Umerov" in text and "window.__pwned" in text  # the payloads are there, as data


def test_no_payload_runs_in_any_page(browser, site):
    fired, shown = [], 0
    for path in site:
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.on("dialog", lambda d, path=path: (fired.append(f"{path.name}: dialog {d.message}"), d.dismiss()))
        page.on("pageerror", lambda e, path=path: fired.append(f"{path.name}: page error {e}"))
        page.on("console", lambda m, path=path: fired.append(f"{path.name}: console {m.text}")
                if m.type == "error" else None)
        try:
            page.goto(path.as_uri())
            # a page without a graph (the index, the lists) has no network to wait for
            page.wait_for_function("typeof network === 'undefined' || typeof window.ddgraphStable === 'number'",
                                   timeout=30_000)
            hover = 8  # nodes to point at (each shows its tooltip)
            for point in page.evaluate(HOVER_NODES, hover):  # the tooltips show labels and sentences
                page.mouse.move(point["x"], point["y"])
                page.wait_for_timeout(350)  # vis-network shows a tooltip 300 ms after the pointer stops
                shown += page.evaluate("[...document.querySelectorAll('.vis-tooltip')]"
                                       ".some(t => t.innerText.includes('window.__pwned'))")
            page.wait_for_timeout(300)
            state = page.evaluate(INJECTED)
            if state != {"pwned": None, "handlers": 0, "jsLinks": 0, "strayImages": 0, "svgs": 0}:
                fired.append(f"{path.name}: {state}")
        finally:
            page.close()
    assert fired == []
    assert shown > 0  # the payloads were on screen, as text, in tooltips
