"""``import ddgraph``: the facade over one store, each method the library call of a CLI command."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph

import ddgraph
from graph.errors import QueryError, StoreError
from queries.cli import cli
from tests.queries.seed_store import ROOT, copy_store, seed_store

UMEROV = "https://w3id.org/ddgraph/id/person/rustem-umerov"


@pytest.fixture(scope="module")
def kg():
    with ddgraph.open(copy_store(seed_store(), "library")) as graph:
        yield graph


def cli_json(kg, *args) -> object:
    result = CliRunner().invoke(cli, [*args, "--json", "--store", str(kg.path)])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_answers_are_the_cli_answers(kg):
    met = kg.met("Rustem Umerov")
    assert {e.other.label for e in met} == {r["other"]["label"] for r in cli_json(kg, "met", "Rustem Umerov")}
    meetings = kg.meetings(topic="air-defense", since="2024")
    assert [m.iri for m in meetings] == [m["iri"] for m in cli_json(kg, "meetings", "--topic", "air-defense",
                                                                    "--since", "2024")]
    assert [a.iri for a in kg.aid(provider="France")] == [a["iri"] for a in cli_json(kg, "aid", "--provider", "France")]
    assert [a.label for a in kg.agreements(party="DGA")] == ["memorandum of intent on cooperation"]
    assert kg.person("Умєров").person.iri == UMEROV
    assert kg.timeline("Umerov").total == len(cli_json(kg, "timeline", "Umerov", "--limit", "0"))
    why = kg.explain("Paris 2024", topic="joint-production")
    assert why.total > 0 and all(e.sentence for e in why.evidence)


def test_sparql_rows_and_triples(kg):
    rows = kg.sparql("SELECT ?l WHERE { GRAPH ddg:instances { ?p a dd:Person ; rdfs:label ?l } } ORDER BY ?l",
                     dataframe=False)
    assert len(rows) == 6 and rows[0] == {"l": "Andriy Yermak"}
    turtle = kg.sparql(f"DESCRIBE <{UMEROV}>")
    assert len(Graph().parse(data=turtle, format="turtle")) > 10
    with pytest.raises(QueryError, match="SPARQL updates are refused"):
        kg.sparql("INSERT DATA { <urn:a> <urn:b> <urn:c> }")


def test_sparql_gives_a_dataframe_when_pandas_is_there(kg):
    pandas = pytest.importorskip("pandas")
    frame = kg.sparql("SELECT ?p WHERE { GRAPH ddg:instances { ?p a dd:Person } }")
    assert isinstance(frame, pandas.DataFrame) and len(frame) == 6


def test_files(kg, tmp_path):
    page = kg.view_person("Umerov", tmp_path / "umerov.html")
    assert page.stat().st_size > 100_000 and "Rustem Umerov" in page.read_text(encoding="utf-8")
    out = kg.export(tmp_path / "g.trig")
    graphs = {str(g.identifier) for g in Dataset().parse(out, format="trig").graphs() if len(g)}
    assert sum(1 for g in graphs if "/id/article/" in g) == 5


def test_ingest_then_read_the_new_snapshot(tmp_path):
    with ddgraph.open(tmp_path / "store") as graph:
        with pytest.raises(StoreError, match="no store here"):
            graph.met("Umerov")
        summary = graph.ingest([ROOT / "data" / "articles"])
        assert (summary.new, summary.failed) == (5, 0)
        assert len(graph.met("Rustem Umerov")) > 0  # the reader opened after the write
        again = graph.ingest([ROOT / "data" / "articles"])
        assert (again.new, again.unchanged) == (0, 5)


def test_open_defaults_to_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("DDGRAPH_STORE", str(tmp_path / "s"))
    assert ddgraph.open().path == tmp_path / "s" and repr(ddgraph.open()) == f"<KnowledgeGraph {tmp_path / 's'}>"
