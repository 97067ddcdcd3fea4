"""``import ddgraph``: the facade over one store, each method the library call of a CLI command."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph

import ddgraph
from ddgraph.graph.errors import QueryError, StoreError
from ddgraph.queries.cli import cli
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


#: (command line, the facade call that answers it): every question command of the CLI
QUESTIONS = [
    (["person", "Умєров"], lambda kg: kg.person("Умєров")),
    (["met", "Umerov", "--happened-only", "--limit", "3"], lambda kg: kg.met("Umerov", happened_only=True, limit=3)),
    (["meetings", "--country", "France", "--since", "2024", "--all-statuses"],
     lambda kg: kg.meetings(country="France", since="2024", all_statuses=True, limit=20)),
    (["delegation", "Paris 2024"], lambda kg: kg.delegation("Paris 2024")),
    (["offices", "Horbatiuk"], lambda kg: kg.offices("Horbatiuk")),
    (["timeline", "Umerov", "--limit", "0"], lambda kg: kg.timeline("Umerov")),
    (["aid", "--provider", "France", "--status", "pledged"], lambda kg: kg.aid(provider="France", status="pledged",
                                                                             limit=20)),
    (["agreements", "--party", "Ukraine"], lambda kg: kg.agreements(party="Ukraine", limit=20)),
    (["topics", "France", "Ukraine"], lambda kg: kg.topics("France", "Ukraine")),
    (["explain", "Horbatiuk", "--property", "rank"], lambda kg: kg.explain("Horbatiuk", prop="rank")),
    (["central", "--kind", "country", "--by", "degree", "--top", "3"],
     lambda kg: kg.central(kind="country", by="degree", top=3)),
    (["communities", "--min-size", "2"], lambda kg: kg.communities(min_size=2)),
    (["path", "Umerov", "Lecornu"], lambda kg: kg.path_between("Umerov", "Lecornu")),
    (["new-actors", "--since", "2024-01-01"], lambda kg: kg.new_actors("2024-01-01")),
]


def test_every_question_command_is_one_facade_call():
    from ddgraph.queries.cli.lookups import QUESTION_COMMANDS

    assert {args[0] for args, _ in QUESTIONS} == QUESTION_COMMANDS


@pytest.mark.parametrize("args, call", QUESTIONS, ids=[q[0][0] for q in QUESTIONS])
def test_a_question_command_prints_its_facade_answer(kg, args, call):
    from ddgraph.queries.tables import to_json

    assert cli_json(kg, *args) == json.loads(to_json(call(kg)))


def test_a_questions_file_is_answered_by_the_same_commands(kg, tmp_path):
    from ddgraph.queries.cli.lookups import answer_line

    lines = [" ".join(f"'{a}'" for a in ["ddgraph", *args]) for args, _ in QUESTIONS]
    (tmp_path / "q.yaml").write_text(json.dumps({"questions": [{"q": f"q{i}", "command": c}
                                                               for i, c in enumerate(lines)]}), encoding="utf-8")
    result = CliRunner().invoke(cli, ["questions", str(tmp_path / "q.yaml"), "--json", "--store", str(kg.path)])
    assert result.exit_code == 0, result.output
    asked = json.loads(result.stdout)
    assert [a["command"] for a in asked] == lines and not any(a["error"] for a in asked)
    assert [a["answer"] for a in asked] == [cli_json(kg, *args) for args, _ in QUESTIONS]
    assert answer_line(kg, lines[1]).text == CliRunner().invoke(cli, [*QUESTIONS[1][0], "--store",
                                                                     str(kg.path)]).stdout.rstrip("\n")


@pytest.mark.parametrize("line, error", [
    ("ddgraph ingest data/articles", "not a ddgraph question command"),
    ("ddgraph met", "Missing argument 'NAME'"),
    ("ddgraph met 'Umerov", "cannot split the command"),
    ("ddgraph met Umerow", "no person named 'Umerow'; did you mean: Rustem Umerov?"),
])
def test_a_bad_question_is_an_error_line_and_the_others_are_answered(kg, tmp_path, line, error):
    (tmp_path / "q.yaml").write_text(json.dumps({"questions": [{"q": "bad", "command": line},
                                                               {"q": "good", "command": "ddgraph offices Umerov"}]}),
                                     encoding="utf-8")
    result = CliRunner().invoke(cli, ["questions", str(tmp_path / "q.yaml"), "--store", str(kg.path)])
    assert result.exit_code == 1
    assert result.stderr.strip() == "Error: 1 of 2 question(s) could not be answered"
    bad, good = result.stdout.split("\n\nQ: good\n")
    assert bad.startswith(f"Q: bad\n$ {line}\nerror: ") and error in bad
    assert good.startswith("$ ddgraph offices Umerov\n") and "Minister of Defence" in good


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
