"""queries/views.py and queries/site.py without a browser: content, offline, caps, determinism."""

from __future__ import annotations

import re

import pytest
from rdflib import Dataset

from graph.instances import add_instance_layer

from graph.errors import QueryError
from queries import views
from queries.project import to_networkx
from queries.site import write_site
from queries.views import country_pair_view, ego_view, external_refs, graph_view, meeting_view, page_data, topic_view
from tests.queries.synthetic import meetings_trig, synthetic_dataset

R = "https://w3id.org/ddgraph/id/"


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return synthetic_dataset(persons=12, meetings=10, topics=4, articles=5, seed=0)


@pytest.fixture(scope="module")
def G(ds):
    return to_networkx(ds, articles=True)


def check_offline(page: str) -> None:
    assert external_refs(page) == []
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I)
    assert "cdn.jsdelivr" not in page and "cdnjs" not in page
    assert "<script>" in page and "vis.Network" in page  # vis-network inlined


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
        check_offline(page)
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
    met = [e for e in edges if e["dashes"]]
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
    assert "&lt;script&gt;alert(1)" in page  # the page heading
    check_offline(page)
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
    assert not external_refs('<a href="persons/p1.html">p1</a><img src="data:image/png;base64,AAA">')


def test_write_site(ds, tmp_path):
    paths = write_site(ds, tmp_path / "site")
    G = to_networkx(ds)
    index = paths[0]
    assert index.name == "index.html"
    persons = [n for n, t in G.nodes(data="type") if t == "person"]
    meetings = [n for n, t in G.nodes(data="type") if t == "meeting"]
    assert len([p for p in paths if p.parent.name == "persons"]) == len(persons)
    assert len([p for p in paths if p.parent.name == "meetings"]) == len(meetings)
    topics = [p for p in paths if p.parent.name == "topics"]
    assert 0 < len(topics) <= 4
    assert [p for p in paths if p.parent.name == "countries"]
    page = index.read_text(encoding="utf-8")
    check_offline_index = external_refs(page)
    assert check_offline_index == []
    links = re.findall(r'href="([^"]+)"', page)
    assert sorted(set(links)) == sorted(str(p.relative_to(index.parent)) for p in paths[1:])
    assert f"Persons ({len(persons)})" in page
    for p in paths[1:]:
        check_offline(p.read_text(encoding="utf-8"))


def test_empty_graph_view(tmp_path):
    page = graph_view(Dataset(), tmp_path / "empty.html").read_text(encoding="utf-8")
    assert page_data(page) == ([], [])
    check_offline(page)
