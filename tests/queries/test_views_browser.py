"""Every view type in real headless Chromium, offline, from file://.

Needs Debian's ``chromium`` at /usr/bin/chromium (``apt-get install -y chromium``)
and the Python ``playwright`` package; never downloads a browser. Screenshots go
to tests/artifacts/ (gitignored).
"""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from ddgraph.queries import views
from ddgraph.queries.project import to_networkx
from ddgraph.queries.site import write_site
from ddgraph.queries.views import country_pair_view, ego_view, graph_view, meeting_view, page_data, topic_view
from tests.queries.synthetic import build_trig, synthetic_dataset
from tests.queries.chromium import MARKS, browser, sync_api  # noqa: F401 (browser: a fixture)

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
R = "https://w3id.org/ddgraph/id/"

pytestmark = MARKS


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("views")
    ds = synthetic_dataset(persons=12, meetings=10, topics=4, articles=5, seed=0)
    G = to_networkx(ds, articles=True)
    written = {
        "ego": ego_view(ds, R + "person/p0", out / "ego.html", graph=G),
        "meeting": meeting_view(ds, R + "meeting/m0", out / "meeting.html", graph=G),
        "topic": topic_view(ds, "air-defense", out / "topic.html", graph=G),
        "country_pair": country_pair_view(ds, "c0", "c1", out / "pair.html", graph=G),
        "graph": graph_view(ds, out / "graph.html"),
        "graph_capped": graph_view(ds, out / "capped.html", max_nodes=15),
    }
    limit = views.PHYSICS_MAX_NODES
    views.PHYSICS_MAX_NODES = 10  # force the Python layout with physics off
    try:
        written["graph_layout"] = graph_view(ds, out / "layout.html")
    finally:
        views.PHYSICS_MAX_NODES = limit
    site = write_site(ds, out / "site", per_page=5)
    written["site_index"] = site[0]
    written["site_person"] = out / "site" / "persons" / "p0.html"
    written["site_persons_1"] = out / "site" / "lists" / "persons-1.html"
    return written


PAYLOAD = "<img src=x onerror=window.pwned=1> Anna"


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory) -> Path:
    """A site whose labels hold markup and an accented name."""
    from rdflib import Dataset

    from ddgraph.graph.instances import add_instance_layer

    trig = build_trig(persons=12, meetings=10, topics=4, articles=5, seed=0)
    trig = trig.replace('"Anna Adler 0"@en', '"' + PAYLOAD + '"@en').replace('"Boris Adler 1"@en', '"Sébastien Lecornu"@en')
    ds = add_instance_layer(Dataset().parse(data=trig, format="trig"))
    out = tmp_path_factory.mktemp("payload") / "site"
    write_site(ds, out, per_page=50)
    return out



def distinct_colours(browser, png: bytes, limit: int = 50) -> int:
    """Decode a PNG with the browser itself and count distinct pixel colours (up to limit)."""
    page = browser.new_page()
    try:
        return page.evaluate(
            """async ([data, limit]) => {
                const img = new Image(); img.src = "data:image/png;base64," + data; await img.decode();
                const c = document.createElement("canvas"); c.width = img.width; c.height = img.height;
                const ctx = c.getContext("2d"); ctx.drawImage(img, 0, 0);
                const px = ctx.getImageData(0, 0, c.width, c.height).data; const seen = new Set();
                for (let i = 0; i < px.length && seen.size < limit; i += 4) seen.add((px[i] << 16) | (px[i+1] << 8) | px[i+2]);
                return seen.size; }""",
            [base64.b64encode(png).decode(), limit],
        )
    finally:
        page.close()


VIEWS = ["ego", "meeting", "topic", "country_pair", "graph", "graph_capped", "graph_layout"]


@pytest.mark.parametrize("name", VIEWS)
def test_view_renders_offline(browser, pages, name):
    path = pages[name]
    expected_nodes, expected_edges = page_data(path.read_text(encoding="utf-8"))
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    errors, requests = [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    try:
        page.goto(path.as_uri())
        page.wait_for_function("typeof window.ddgraphStable === 'number'", timeout=60_000)
        counts = page.evaluate("[network.body.data.nodes.length, network.body.data.edges.length]")
        assert counts == [len(expected_nodes), len(expected_edges)]
        colours = """() => { const c = document.querySelector('#mynetwork canvas');
                       const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                       const seen = new Set();
                       for (let i = 0; i < px.length && seen.size < 10; i += 16) seen.add(px[i] * 65536 + px[i+1] * 256 + px[i+2] + px[i+3] * 16777216);
                       return seen.size; }"""
        try:  # the first frame is painted on the next animation frame after stabilisation
            page.wait_for_function(f"({colours})() > 1", timeout=10_000)
        except Exception:
            pass
        assert page.evaluate(colours) > 1, "the network canvas is blank"
        assert page.locator("#ddg-legend span").count() >= 2
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        png = page.screenshot(path=str(ARTIFACTS / f"view_{name}.png"))
        assert distinct_colours(browser, png) > 1
    finally:
        page.close()
    assert errors == []
    assert requests and all(u.startswith(("file://", "data:")) for u in requests), requests


def test_node_counts_match_the_graph(browser, pages):
    page = browser.new_page()
    try:
        page.goto(pages["graph_capped"].as_uri())
        page.wait_for_function("typeof window.ddgraphStable === 'number'", timeout=60_000)
        assert page.evaluate("network.body.data.nodes.length") == 15
        assert "Showing 15 of" in page.inner_text("#ddg-head")
    finally:
        page.close()


def test_site_index_is_offline(browser, pages):
    page = browser.new_page()
    requests, errors = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(pages["site_index"].as_uri())
        hrefs = page.eval_on_selector_all("a", "els => els.map(e => e.href)")
        assert hrefs and all(h.startswith("file://") for h in hrefs)
        page.click("a:text-is('Persons')")
        page.click("#ddg-list a >> nth=0")
        page.wait_for_function("typeof window.ddgraphStable === 'number'", timeout=60_000)
        page.go_back()
        page.click("text=ddgraph index")
        page.click("text=Whole graph")
        page.wait_for_function("typeof window.ddgraphStable === 'number'", timeout=60_000)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "site_graph.png"))
    finally:
        page.close()
    assert errors == []
    assert all(u.startswith(("file://", "data:")) for u in requests), requests


def _open(browser, path: Path):
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    log = {"errors": [], "requests": [], "dialogs": []}
    page.on("console", lambda m: log["errors"].append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: log["errors"].append(str(e)))
    page.on("request", lambda r: log["requests"].append(r.url))
    page.on("dialog", lambda d: (log["dialogs"].append(d.message), d.dismiss()))
    page.goto(path.as_uri())
    return page, log


def test_site_person_page_loads_the_shared_assets(browser, pages):
    path = pages["site_person"]
    nodes, edges = page_data(path.read_text(encoding="utf-8"))
    page, log = _open(browser, path)
    try:
        page.wait_for_function("typeof window.ddgraphStable === 'number'", timeout=60_000)
        assert page.evaluate("[network.body.data.nodes.length, network.body.data.edges.length]") == [len(nodes), len(edges)]
        assert page.locator("#ddg-legend span").count() >= 2
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "site_person.png"))
    finally:
        page.close()
    assert log["errors"] == []
    assets = path.parents[1] / "assets"
    assert {(assets / n).as_uri() for n in ("vis-network.min.js", "vis-network.css")} <= set(log["requests"])
    assert all(u.startswith(("file://", "data:")) for u in log["requests"]), log["requests"]


def test_site_node_opens_its_page_on_a_double_click_and_the_page_links_the_index(browser, pages):
    path = pages["site_person"]
    nodes, _ = page_data(path.read_text(encoding="utf-8"))
    linked = [n for n in nodes if n.get("url")]
    assert {n["type"] for n in linked} >= {"person", "meeting"}
    assert all((path.parent / n["url"]).resolve().is_file() for n in linked)
    assert not any(n.get("url") for n in nodes if n["type"] in ("country", "organization", "place"))
    target = next(n for n in linked if n["type"] == "meeting")
    page, log = _open(browser, path)
    try:
        page.wait_for_function("typeof window.ddgraphStable === 'number'", timeout=60_000)
        page.evaluate("network.setOptions({physics: false}); network.fit()")
        box = page.locator("#mynetwork canvas").bounding_box()
        xy = page.evaluate("(id) => { const p = network.getPositions([id])[id]; return network.canvasToDOM(p); }",
                           target["id"])
        with page.expect_navigation(timeout=30_000):
            page.mouse.dblclick(box["x"] + xy["x"], box["y"] + xy["y"])
        assert page.url == (path.parent / target["url"]).resolve().as_uri()
        page.click("#ddg-head .nav a")
        assert page.url == (path.parents[1] / "index.html").resolve().as_uri()
    finally:
        page.close()
    assert log["errors"] == []


def _visible_rows(page) -> list[str]:
    return page.eval_on_selector_all("#ddg-list tbody tr", "rs => rs.filter(r => !r.hidden).map(r => r.cells[0].textContent)")


def test_site_list_filter_hides_rows(browser, pages):
    page, log = _open(browser, pages["site_persons_1"])
    try:
        every = _visible_rows(page)
        assert len(every) == 5
        first = every[3].split()[0]  # synthetic names: "Dmytro Adler 3"
        page.fill("#ddg-filter", first)
        assert _visible_rows(page) == [r for r in every if first.lower() in r.lower()]
        assert every[3] in _visible_rows(page) and len(_visible_rows(page)) < 5
        assert page.inner_text("#ddg-shown").startswith(f"{len(_visible_rows(page))} of 5")
        page.fill("#ddg-filter", "  " + every[3].upper() + "  ")  # case and spaces do not matter
        assert _visible_rows(page) == [every[3]]
        page.fill("#ddg-filter", "no such words at all")
        assert _visible_rows(page) == []
        page.fill("#ddg-filter", "")
        assert _visible_rows(page) == every
        page.click("nav.pager a[href$='persons-2.html'] >> nth=0")
        page.wait_for_selector("nav.pager b:text-is('2')")
        assert len(_visible_rows(page)) >= 1
    finally:
        page.close()
    assert log["errors"] == [] and log["dialogs"] == []
    assert all(u.startswith("file://") for u in log["requests"]), log["requests"]


def test_labels_with_markup_do_not_run_in_list_pages(browser, payload_site):
    page, log = _open(browser, payload_site / "lists" / "persons-1.html")
    try:
        rows = _visible_rows(page)
        assert PAYLOAD in rows  # shown as text
        assert page.locator("#ddg-list img").count() == 0
        for typed in ("img", "onerror", "<img src", "sebastien lecornu", "SÉBASTIEN"):
            page.fill("#ddg-filter", typed)
            shown = _visible_rows(page)
            assert shown and all(typed.split()[0].lower().replace("é", "e") in
                                 r.lower().replace("é", "e") for r in shown), (typed, shown)
        assert page.evaluate("typeof window.pwned") == "undefined"
        person, plog = _open(browser, payload_site / "persons" / "p0.html")
        try:
            person.wait_for_function("typeof window.ddgraphStable === 'number'", timeout=60_000)
            assert person.evaluate("typeof window.pwned") == "undefined"
            assert PAYLOAD in person.inner_text("#ddg-head h1")
        finally:
            person.close()
    finally:
        page.close()
    assert log["errors"] == [] and log["dialogs"] == [] and plog["errors"] == [] and plog["dialogs"] == []
    assert all(u.startswith("file://") for u in log["requests"] + plog["requests"])
