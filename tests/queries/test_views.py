"""queries/views.py and queries/site.py without a browser: content, offline, caps, determinism."""

from __future__ import annotations

import re
import statistics
from pathlib import Path

import pytest
from rdflib import Dataset

from ddgraph.graph.instances import add_instance_layer

from ddgraph.graph.errors import QueryError
from ddgraph.queries import views
from ddgraph.queries.assets import ASSETS, _TEMPLATES
from ddgraph.queries.project import event_countries, to_networkx
from ddgraph.queries.site import write_site
from ddgraph.queries.views import country_pair_view, ego_view, external_refs, graph_view, meeting_view, page_data, topic_view
from tests.queries.synthetic import build_trig, meetings_trig, synthetic_dataset

R = "https://w3id.org/ddgraph/id/"


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return synthetic_dataset(persons=12, meetings=10, topics=4, articles=5, seed=0)


@pytest.fixture(scope="module")
def G(ds):
    return to_networkx(ds, articles=True)


VIS_JS = (_TEMPLATES / ASSETS["vis-network.min.js"]).read_text(encoding="utf-8")


def check_offline(page: str) -> None:
    assert external_refs(page) == []
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:[a-z][a-z0-9+.-]*:|//)(?!data:)""", page, re.I)
    assert "cdn.jsdelivr" not in page and "cdnjs" not in page
    assert "new vis.Network" in page


def check_self_contained(page: str) -> None:
    """A page written alone: vis-network inlined, no file linked."""
    check_offline(page)
    assert VIS_JS in page
    assert not re.search(r"<script\b[^>]*\bsrc=|<link\b[^>]*\bhref=", page)


def test_every_view_is_offline_with_legend_and_hook(ds, G, tmp_path):
    paths = [
        ego_view(ds, R + "person/p0", tmp_path / "ego.html", graph=G),
        meeting_view(ds, R + "meeting/m0", tmp_path / "meeting.html", graph=G),
        topic_view(ds, "air-defense", tmp_path / "topic.html", graph=G),
        country_pair_view(ds, "c0", "c1", tmp_path / "pair.html", graph=G),
        graph_view(ds, tmp_path / "graph.html"),
    ]
    for p in paths:
        page = p.read_text(encoding="utf-8")
        check_self_contained(page)
        assert 'id="ddg-legend"' in page
        assert "window.ddgraphStable" in page and "stabilizationIterationsDone" in page
        nodes, edges = page_data(page)
        assert nodes and edges
        assert [n["id"] for n in nodes] == sorted(n["id"] for n in nodes)
        assert all(n["title"].startswith(n["label"][:10].rstrip("…")) for n in nodes)
        assert all(e["from"] in {n["id"] for n in nodes} and e["to"] in {n["id"] for n in nodes} for e in edges)


def test_meeting_view_content(ds, G, tmp_path):
    m = R + "meeting/m0"
    page = meeting_view(ds, m, tmp_path / "m.html", graph=G).read_text(encoding="utf-8")
    ids = {n["id"] for n in page_data(page)[0]}
    expected = {m} | set(G.successors(m)) | set(G.predecessors(m))
    expected |= {c for n in expected for _, c, r in G.out_edges(n, keys=True) if r in ("from", "country")}
    assert ids == expected
    assert any(G.nodes[n]["type"] == "article" for n in ids)
    evidence = G.nodes[m]["evidence"]
    assert evidence and evidence in page


def test_ego_view_met_edges_are_as_wide_as_meetings(ds, G, tmp_path):
    ego = R + "person/p0"
    nodes, edges = page_data(ego_view(ds, ego, tmp_path / "e.html", graph=G).read_text(encoding="utf-8"))
    met = [e for e in edges if e.get("dashes")]
    assert met and all(ego in (e["from"], e["to"]) for e in met)
    widths = {int(e["title"].split(": ")[1].split()[0]): e["width"] for e in met}
    assert len(widths) > 1 and sorted(widths.values()) == [widths[k] for k in sorted(widths)]
    assert {n["type"] for n in nodes} >= {"person", "meeting", "country", "topic"}


def test_graph_view_caps_and_says_so(ds, tmp_path):
    page = graph_view(ds, tmp_path / "g.html", max_nodes=7).read_text(encoding="utf-8")
    total = to_networkx(ds).number_of_nodes()
    assert f"Showing 7 of {total:,} nodes" in page
    assert len(page_data(page)[0]) == 7
    full = graph_view(ds, tmp_path / "full.html").read_text(encoding="utf-8")
    assert "Showing" not in full and len(page_data(full)[0]) == total


def test_graph_view_filters(ds, tmp_path):
    page = graph_view(ds, tmp_path / "g.html", kinds={"person", "meeting"}, since="2024-06-01").read_text(encoding="utf-8")
    nodes = page_data(page)[0]
    assert {n["type"] for n in nodes} == {"person", "meeting"}
    assert "from 2024-06-01" in page


def test_large_views_get_a_python_layout(ds, tmp_path, monkeypatch):
    monkeypatch.setattr(views, "PHYSICS_MAX_NODES", 5)
    page = graph_view(ds, tmp_path / "g.html").read_text(encoding="utf-8")
    nodes = page_data(page)[0]
    assert all("x" in n and "y" in n for n in nodes)
    assert '"physics": {"enabled": false' in page
    small = meeting_view(ds, R + "meeting/m0", tmp_path / "m.html").read_text(encoding="utf-8")
    assert '"physics": {"enabled": false' in small  # above 5 nodes too
    monkeypatch.setattr(views, "PHYSICS_MAX_NODES", 500)
    page = graph_view(ds, tmp_path / "g2.html").read_text(encoding="utf-8")
    assert '"physics": {"enabled": true' in page and '"iterations": 200' in page
    assert '"smooth": false' in page and '"improvedLayout": false' in page


def test_output_is_deterministic(tmp_path):
    a = synthetic_dataset(persons=12, meetings=10, topics=4, articles=5, seed=0)
    b = synthetic_dataset(persons=12, meetings=10, topics=4, articles=5, seed=0)
    for name, write in [
        ("g", lambda ds, p: graph_view(ds, p)),
        ("e", lambda ds, p: ego_view(ds, R + "person/p1", p)),
        ("t", lambda ds, p: topic_view(ds, "air-defense", p)),
    ]:
        first = write(a, tmp_path / f"{name}1.html").read_bytes()
        second = write(b, tmp_path / f"{name}2.html").read_bytes()
        assert first == second
    layout = views.force_layout(["a", "b", "c"], [("a", "b")], seed=3)
    assert layout == views.force_layout(["a", "b", "c"], [("a", "b")], seed=3)


def test_labels_are_escaped(tmp_path):
    trig = meetings_trig({"m1": ("2024-01-01", ["a", "b"])}).replace('"A"@en', '"<script>alert(1)</script> href"@en')
    ds = add_instance_layer(Dataset().parse(data=trig, format="trig"))
    page = ego_view(ds, R + "person/a", tmp_path / "x.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert&#40;1)" in page  # the page heading
    check_self_contained(page)
    nodes = page_data(page)[0]
    assert any(n["label"].startswith("<script>") for n in nodes)  # kept as data, shown as text by vis


def test_unknown_things_raise(ds, G, tmp_path):
    with pytest.raises(QueryError):
        ego_view(ds, R + "person/nobody", tmp_path / "x.html", graph=G)
    with pytest.raises(QueryError):
        meeting_view(ds, R + "person/p0", tmp_path / "x.html", graph=G)
    with pytest.raises(QueryError):
        topic_view(ds, "no-such-topic", tmp_path / "x.html", graph=G)
    with pytest.raises(QueryError):
        country_pair_view(ds, "c0", "atlantis", tmp_path / "x.html", graph=G)


def test_external_refs_detects():
    assert external_refs('<link href="https://cdn.example/x.css" rel="stylesheet">')
    assert external_refs("<script src='//cdn.example/x.js'></script>")
    assert external_refs("<style>@import 'https://x/y.css';</style>")
    assert external_refs('<a href="javascript:alert(1)">') and external_refs('<img src="file:///etc/x.png">')
    assert external_refs("<div style=\"background:url('http://x/y.png')\">")
    assert not external_refs('<a href="persons/p1.html">p1</a><img src="data:image/png;base64,AAA">')
    assert not external_refs('<script src="../assets/vis-network.min.js"></script>')


def _links(page_path: Path) -> set[Path]:
    page = page_path.read_text(encoding="utf-8")
    return {(page_path.parent / h).resolve() for h in re.findall(r'href="([^"]+)"', page)}


@pytest.fixture(scope="module")
def site(ds, tmp_path_factory) -> tuple[Path, list[Path], dict]:
    out = tmp_path_factory.mktemp("site")
    timings: dict = {}
    return out, write_site(ds, out, per_page=4, timings=timings), timings


def test_write_site(ds, site):
    out, paths, timings = site
    G = to_networkx(ds)
    index = paths[0]
    assert index == out / "index.html"
    persons = [n for n, t in G.nodes(data="type") if t == "person"]
    meetings = [n for n, t in G.nodes(data="type") if t == "meeting"]
    assert len([p for p in paths if p.parent.name == "persons"]) == len(persons)
    assert len([p for p in paths if p.parent.name == "meetings"]) == len(meetings)
    topics = [p for p in paths if p.parent.name == "topics"]
    assert 0 < len(topics) <= 4
    assert [p for p in paths if p.parent.name == "countries"]
    lists = [p for p in paths if p.parent.name == "lists"]
    assert len(lists) == -(-len(persons) // 4) + -(-len(meetings) // 4) + -(-len(topics) // 4) + len(
        [p for p in lists if p.name.startswith("countries-")])
    assert len(set(paths)) == len(paths) and all(p.exists() for p in paths)
    # every page is reachable from the index through the list pages, and every link leads to a page
    reached = _links(index) | set().union(*(_links(p) for p in lists))
    assert reached == {p.resolve() for p in paths}
    assert f"Persons</a></td><td class=\"n\">{len(persons)}<" in index.read_text(encoding="utf-8")
    meeting_dates = sorted((G.nodes[m].get("date") or "undated", m) for m in meetings)
    first_page = meeting_dates[:4]
    assert re.search(f'"lists/meetings-1.html">1: (≤ )?{first_page[0][0]} – (≤ )?{first_page[-1][0]}</a>',
                     index.read_text(encoding="utf-8"))  # the dates of the page's first and last meeting
    assert set(timings) == {"projection", "graph", "persons", "meetings", "topics", "countries", "lists"}


def test_site_partners_are_whom_met_counts(ds, site):
    """The persons list's "partners" is what `ddgraph met` counts: other participants, persons and
    bodies, of the meetings that were not only planned or denied."""
    from ddgraph.queries.sparql import load_query, run_select

    out, paths, _ = site
    rows = []
    for p in paths:
        if p.name.startswith("persons-"):
            rows += re.findall(r'<a href="\.\./persons/([^"]+)\.html">[^<]*</a></td><td class="n">(\d+)</td>'
                               r'<td class="n">(\d+)</td>', p.read_text(encoding="utf-8"))
    assert rows
    G = to_networkx(ds)
    by_page = {p.rsplit("/", 1)[-1]: p for p, t in G.nodes(data="type") if t == "person"}
    for page, _, partners in rows:
        met = run_select(ds, load_query("met_partners"), {"person": by_page[page]}, union=False).rows
        assert int(partners) == len({r[1] for r in met}), page


def test_site_pages_link_the_shared_assets_and_are_small(site):
    out, paths, _ = site
    for name, include in ASSETS.items():
        assert (out / "assets" / name).read_bytes() == (_TEMPLATES / include).read_bytes()
    sizes = {}
    for p in paths:
        page = p.read_text(encoding="utf-8")
        check_offline(page) if p.parent.name not in ("lists",) and p.name != "index.html" else None
        assert external_refs(page) == []
        if p.parent.name in ("lists",) or p.name == "index.html":
            assert "<script src" not in page
            continue
        up = "" if p.parent == out else "../"
        for name in ASSETS:
            assert f'"{up}assets/{name}"' in page
        assert VIS_JS[:2000] not in page  # not inlined
        assert page_data(page)[0]  # the data stays in the page
        sizes[p] = p.stat().st_size
    typical = [sizes[p] for p in sizes if p.parent.name in ("persons", "meetings")]
    assert max(typical) < 60_000 and statistics.median(typical) < 30_000


def test_site_lists_are_paginated_and_sorted(ds, site):
    out, paths, _ = site
    G = to_networkx(ds)
    persons = sorted((n for n, t in G.nodes(data="type") if t == "person"),
                     key=lambda p: (-sum(1 for _, _, r in G.in_edges(p, keys=True) if r == "participant"),
                                    G.nodes[p]["label"]))
    rows = []
    pages = sorted((p for p in paths if p.name.startswith("persons-")), key=lambda p: int(p.stem.split("-")[1]))
    assert len(pages) == -(-len(persons) // 4) > 1
    for number, p in enumerate(pages, 1):
        page = p.read_text(encoding="utf-8")
        found = re.findall(r'<tr><td><a href="\.\./persons/([^"]+)\.html">', page)
        assert 0 < len(found) <= 4
        rows += found
        assert 'id="ddg-filter"' in page and "textContent" in page and "innerHTML" not in page
        assert f"<b>{number}</b>" in page
        assert all(f'href="../lists/persons-{n}.html"' in page for n in range(1, len(pages) + 1) if n != number)
    assert rows == [p.rsplit("/", 1)[-1] for p in persons]


def test_site_caps_events_per_page(ds, tmp_path):
    G = to_networkx(ds, articles=True)
    busiest = max((n for n, t in G.nodes(data="type") if t == "person"),
                  key=lambda p: (sum(1 for _, _, r in G.in_edges(p, keys=True) if r == "participant"), p))
    total = sum(1 for _, _, r in G.in_edges(busiest, keys=True) if r == "participant")
    assert total > 2
    paths = write_site(ds, tmp_path / "site", max_events=2, graph=G)
    page = next(p for p in paths if p.name == busiest.rsplit("/", 1)[-1] + ".html").read_text(encoding="utf-8")
    nodes = page_data(page)[0]
    shown = [n for n in nodes if n["type"] == "meeting"]
    assert len(shown) == 2
    dates = sorted((G.nodes[s].get("date") or "") for s, _, r in G.in_edges(busiest, keys=True) if r == "participant")
    assert sorted(G.nodes[n["id"]].get("date") or "" for n in shown) == dates[-2:]
    assert f"Showing the 2 most recent of {total} events." in page


def test_country_pair_events_match_a_full_scan(ds, G, tmp_path):
    for a, b in (("c0", "c1"), ("c1", "c2"), ("c0", "c2")):
        a, b = R + "country/" + a, R + "country/" + b
        expected = {n for n, t in G.nodes(data="type") if t in views.EVENT_TYPES and {a, b} <= event_countries(G, n)}
        assert {e for e in views.country_events(G, a) if b in event_countries(G, e)} == expected
        page = country_pair_view(ds, a, b, tmp_path / "pair.html", graph=G).read_text(encoding="utf-8")
        assert {n["id"] for n in page_data(page)[0]} >= expected


def test_site_is_deterministic(tmp_path):
    outs = []
    for i in range(2):
        ds = synthetic_dataset(persons=12, meetings=10, topics=4, articles=5, seed=0)
        write_site(ds, tmp_path / f"s{i}", per_page=5)
        outs.append({p.relative_to(tmp_path / f"s{i}"): p.read_bytes() for p in (tmp_path / f"s{i}").rglob("*") if p.is_file()})
    assert outs[0] == outs[1]


PAYLOAD = "<img src=x onerror=window.pwned=1> Anna"


def payload_dataset() -> Dataset:
    trig = build_trig(persons=12, meetings=10, topics=4, articles=5, seed=0)
    assert '"Anna Adler 0"@en' in trig
    trig = trig.replace('"Anna Adler 0"@en', '"' + PAYLOAD + ' href=https://evil.example url(//x) @import"@en')
    return add_instance_layer(Dataset().parse(data=trig, format="trig"))


def test_site_escapes_text_from_the_graph(tmp_path):
    paths = write_site(payload_dataset(), tmp_path / "site", per_page=5)  # does not stop on the label
    lists = [p.read_text(encoding="utf-8") for p in paths if p.parent.name == "lists"]
    assert any("&lt;img src&#61;x onerror&#61;window.pwned&#61;1&gt; Anna" in page for page in lists)
    for p in paths:
        page = p.read_text(encoding="utf-8")
        assert "<img" not in page  # shown as text, never as markup
        assert external_refs(page) == []
    person = (tmp_path / "site" / "persons" / "p0.html").read_text(encoding="utf-8")
    assert any(n["label"].startswith("<img src=x") for n in page_data(person)[0])  # data, drawn as text


def test_single_views_stay_self_contained(ds, G, tmp_path):
    page = ego_view(ds, R + "person/p0", tmp_path / "ego.html", graph=G).read_text(encoding="utf-8")
    check_self_contained(page)
    assert len(page) > 500_000


def test_empty_graph_view(tmp_path):
    page = graph_view(Dataset(), tmp_path / "empty.html").read_text(encoding="utf-8")
    assert page_data(page) == ([], [])
    check_offline(page)


def test_cli_view_is_self_contained_and_site_links_assets(tmp_path):
    from click.testing import CliRunner

    from ddgraph.queries.cli import cli
    from tests.queries.seed_store import seed_store

    store = str(seed_store())
    out = tmp_path / "umerov.html"
    result = CliRunner().invoke(cli, ["view", "person", "Umerov", "-o", str(out), "--store", store], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    check_self_contained(out.read_text(encoding="utf-8"))
    result = CliRunner().invoke(cli, ["site", "-o", str(tmp_path / "site"), "--store", store], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    page = next((tmp_path / "site" / "persons").glob("rustem-umerov*.html")).read_text(encoding="utf-8")
    check_offline(page)
    assert '<script src="../assets/vis-network.min.js"></script>' in page and VIS_JS[:2000] not in page
    assert len(page) < 100_000
