"""queries/analytics.py on small hand-made meeting graphs."""

from __future__ import annotations

import json

import pytest
from rdflib import Dataset

from ddgraph.graph.instances import add_instance_layer

from ddgraph.graph.errors import QueryError
from ddgraph.queries import analytics
from ddgraph.queries.analytics import centrality, communities, meeting_path, newly_active
from tests.queries.synthetic import meetings_trig, synthetic_dataset

R = "https://w3id.org/ddgraph/id/"


def person(p: str) -> str:
    return f"{R}person/{p}"


def dataset(meetings, countries=None) -> Dataset:
    return add_instance_layer(Dataset().parse(data=meetings_trig(meetings, countries), format="trig"))


@pytest.fixture(scope="module")
def star() -> Dataset:
    """h meets a, b, c, d (one meeting each, 2024); a and b also meet (2025); c and x meet in 2025."""
    return dataset({
        "m1": ("2024-01-10", ["h", "a"]), "m2": ("2024-02-10", ["h", "b"]), "m3": ("2024-03-10", ["h", "c"]),
        "m4": ("2024-04-10", ["h", "d"]), "m5": ("2025-01-05", ["a", "b"]), "m6": ("2025-02-01", ["c", "x"]),
    })


def test_centrality_ranks_the_hub_first(star):
    rows = centrality(star, kind="person", top=3)
    assert [r.label for r in rows][0] == "H"
    assert len(rows) == 3
    hub = rows[0]
    assert (hub.degree, hub.meetings) == (4, 4)
    by_degree = centrality(star, by="degree", top=None)
    assert [r.label for r in by_degree][:2] == ["H", "A"]  # ties (a, b, c: 2) broken by IRI
    by_btw = centrality(star, by="betweenness", top=2)
    assert [r.label for r in by_btw] == ["H", "C"]  # c bridges x to the rest
    assert by_btw[0].betweenness > by_btw[1].betweenness > 0
    assert abs(sum(r.pagerank for r in centrality(star, top=None)) - 1) < 1e-3


def test_centrality_counts_a_meeting_of_many_once():
    """h meets a, b and c together once, and a alone once: 2 meetings with 3 partners, not 4."""
    ds = dataset({"m1": ("2024-01-10", ["h", "a", "b", "c"]), "m2": ("2024-02-10", ["h", "a"])})
    rows = {r.label: r for r in centrality(ds, kind="person", top=None)}
    assert (rows["H"].degree, rows["H"].meetings) == (3, 2)
    assert (rows["B"].degree, rows["B"].meetings) == (3, 1)


def test_centrality_period(star):
    rows = centrality(star, since="2025-01-01", top=None)
    assert sorted(r.label for r in rows) == ["A", "B", "C", "X"]
    assert all(r.degree == 1 for r in rows)


def test_chain_betweenness_middle_highest():
    ds = dataset({"m1": ("2024-01-01", ["a", "b"]), "m2": ("2024-01-02", ["b", "c"])})
    rows = centrality(ds, by="betweenness")
    assert rows[0].label == "B" and rows[0].betweenness == 1.0


def test_country_centrality():
    ds = dataset(
        {"m1": ("2024-01-01", ["u1", "f1"]), "m2": ("2024-01-02", ["u2", "g1"]), "m3": ("2024-02-01", ["u1", "f1"])},
        countries={"u1": "ukraine", "u2": "ukraine", "f1": "france", "g1": "germany"},
    )
    rows = centrality(ds, kind="country", top=None)
    assert [r.label for r in rows][0] == "Ukraine"
    assert {r.label: r.meetings for r in rows} == {"Ukraine": 3, "France": 2, "Germany": 1}
    with pytest.raises(QueryError):
        centrality(ds, kind="planet")


def test_sampled_betweenness_is_deterministic(monkeypatch):
    ds = synthetic_dataset(persons=40, meetings=60, topics=3, articles=10, seed=3)
    monkeypatch.setattr(analytics, "EXACT_BETWEENNESS_LIMIT", 10)
    a = centrality(ds, by="betweenness", betweenness_k=8, top=None)
    b = centrality(ds, by="betweenness", betweenness_k=8, top=None)
    assert a == b and len(a) == 40


def test_communities_two_cliques_and_a_bridge():
    ds = dataset({
        "m1": ("2024-01-01", ["a", "b", "c"]), "m2": ("2024-01-02", ["a", "b", "c"]),
        "m3": ("2024-01-03", ["d", "e", "f"]), "m4": ("2024-01-04", ["d", "e", "f"]),
        "m5": ("2024-01-05", ["c", "d"]),
    })
    for method in ("louvain", "greedy"):
        found = communities(ds, method=method)
        assert [c.size for c in found] == [3, 3]
        assert {c.labels for c in found} == {("A", "B", "C"), ("D", "E", "F")}
        assert [c.id for c in found] == [0, 1]
    assert communities(ds) == communities(ds)
    with pytest.raises(QueryError):
        communities(ds, method="magic")


def test_meeting_path_on_a_chain():
    ds = dataset({"m1": ("2024-01-01", ["a", "b"]), "m2": ("2024-05-01", ["b", "c"]), "m3": (None, ["d", "e"]),
                  "m0": ("2024-06-01", ["a", "b"])})
    hops = meeting_path(ds, person("a"), person("c"))
    assert len(hops) == 2
    assert [(h.person_label, h.meeting_label, h.meeting_date, h.other_label) for h in hops] == [
        ("A", "M1", "2024-01-01", "B"),  # the earliest of m0 / m1
        ("B", "M2", "2024-05-01", "C"),
    ]
    assert [h.other for h in meeting_path(ds, person("c"), person("a"))] == [person("b"), person("a")]
    assert meeting_path(ds, person("a"), person("d")) == []
    assert meeting_path(ds, person("a"), person("a")) == []
    with pytest.raises(QueryError):
        meeting_path(ds, person("a"), person("nobody"))


def test_newly_active(star):
    rows = newly_active(star, "2025-01-01")
    assert [(r.label, r.first_date, r.first_meeting_label, r.meetings) for r in rows] == [("X", "2025-02-01", "M6", 1)]
    assert [r.label for r in newly_active(star, "2024-03-01")] == ["C", "D", "X"]
    assert newly_active(star, "2030-01-01") == []


def test_printable(star):
    rows = centrality(star, top=2)
    table = analytics.as_table(rows)
    assert table.splitlines()[0].split() == ["label", "degree", "meetings", "betweenness", "pagerank"]
    assert table.splitlines()[1].startswith("H ")
    data = json.loads(analytics.as_json(rows))
    assert data[0]["label"] == "H" and data[0]["iri"] == person("h")
    assert analytics.as_table([]) == "(no rows)"
    hops = analytics.as_table(meeting_path(star, person("a"), person("d")))
    assert "M1" in hops and "M4" in hops
