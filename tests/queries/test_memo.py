"""Answers kept per snapshot: computed once, read back, never stale, never trusted blindly."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from ddgraph.graph.errors import QueryError
from ddgraph.ingest.pipeline import ingest_paths
from ddgraph.queries.cli import cli
from ddgraph.queries.memo import remembered
from tests.queries.seed_store import ROOT


def counter():
    calls = []

    def compute():
        calls.append(1)
        return {"text": f"answer {len(calls)}"}

    return calls, compute


def test_computed_once_then_read_back(tmp_path):
    calls, compute = counter()
    d = tmp_path / "1.answers"
    assert remembered(d, {"command": "central"}, compute) == {"text": "answer 1"}
    assert remembered(d, {"command": "central"}, compute) == {"text": "answer 1"}
    assert remembered(d, {"command": "central", "top": 3}, compute) == {"text": "answer 2"}
    assert len(calls) == 2 and len(list(d.iterdir())) == 2


@pytest.mark.parametrize("damage", ["", "{not json", '{"key": "other", "value": {"text": "x"}}', "[1, 2]",
                                    '{"key": null, "value": "not a dict"}'])
def test_a_damaged_or_foreign_file_is_computed_again(tmp_path, damage):
    calls, compute = counter()
    d = tmp_path / "1.answers"
    remembered(d, {"q": 1}, compute)
    (kept,) = d.iterdir()
    kept.write_text(damage)
    assert remembered(d, {"q": 1}, compute) == {"text": "answer 2"}
    assert json.loads(kept.read_text())["value"] == {"text": "answer 2"}  # and kept again


def test_errors_are_raised_and_never_kept(tmp_path):
    d = tmp_path / "1.answers"

    def fail():
        raise QueryError("no person is named 'X'")

    with pytest.raises(QueryError):
        remembered(d, {"q": 1}, fail)
    assert not d.exists() or not list(d.iterdir())


def test_an_unwritable_place_just_computes(tmp_path):
    calls, compute = counter()
    blocker = tmp_path / "file"
    blocker.write_text("")
    d = blocker / "1.answers"  # cannot be created: a file is in the way
    assert remembered(d, {"q": 1}, compute) == {"text": "answer 1"}
    assert remembered(d, {"q": 1}, compute) == {"text": "answer 2"}


def test_surrogates_and_any_text_survive(tmp_path):
    d = tmp_path / "1.answers"
    value = {"text": "Лекорню \ud800 \x1b]0;x\x07", "json": '["é"]'}
    assert remembered(d, {"name": "\udcff"}, lambda: value) == value
    assert remembered(d, {"name": "\udcff"}, lambda: {"text": "recomputed"}) == value


def store_of_first_articles(tmp_path, n: int):
    """A store of the first ``n`` sample articles (tmp_path/store)."""
    first = tmp_path / "first"
    first.mkdir()
    for name in sorted(p.name for p in (ROOT / "data" / "articles").iterdir())[:n]:
        shutil.copy(ROOT / "data" / "articles" / name, first / name)
    ingest_paths([str(first)], tmp_path / "store", progress=False)
    return tmp_path / "store"


def test_the_cli_answers_from_the_newest_snapshot_not_from_a_kept_one(tmp_path):
    """Kept answers belong to one snapshot: after an ingest the question is asked afresh."""
    store = store_of_first_articles(tmp_path, 2)
    runner = CliRunner()
    args = ["central", "--kind", "country", "--json", "--store", str(store)]
    before = runner.invoke(cli, args)
    assert before.exit_code == 0, before.output
    assert list((store / "snapshots").glob("*.answers/*.json"))  # kept
    assert runner.invoke(cli, args).output == before.output  # read back
    ingest_paths([str(ROOT / "data" / "articles")], store, progress=False)
    after = runner.invoke(cli, args)
    assert after.exit_code == 0, after.output
    fresh = CliRunner().invoke(cli, ["central", "--kind", "country", "--json", "--store", str(store)])
    assert after.output == fresh.output
    assert after.output != before.output  # three more articles: other countries and meetings
    from ddgraph.queries.library import KnowledgeGraph
    from ddgraph.queries.tables import to_json

    with KnowledgeGraph(store) as kg:
        computed = to_json(kg.central(kind="country", top=10, by="pagerank"))
    assert after.output.strip() == computed.strip()


def test_spelling_suggestions_are_kept_per_snapshot_and_follow_an_ingest(tmp_path):
    """The names a misspelt name is matched against are read once per snapshot, never from an older one."""
    from ddgraph.graph.store import open_store
    from ddgraph.queries.names import find
    from ddgraph.queries.sparql import run_select

    def persons(ox) -> set[str]:
        return {r[0] for r in run_select(ox, "SELECT ?l WHERE { GRAPH ddg:instances { ?p a dd:Person ; rdfs:label ?l } }").rows}

    store = store_of_first_articles(tmp_path, 1)
    with open_store(store, read_only=True) as reader:
        with pytest.raises(QueryError, match="did you mean: Rustem Umerov"):
            find(reader.ox, "Umerow")
        kept = list(reader.answers_dir.glob("*.json"))
        assert kept and "spelling keys" in kept[0].read_text(encoding="utf-8")
        from ddgraph.graph.store import answers_dir_of
        from ddgraph.queries.sparql import oxigraph_of

        assert answers_dir_of(oxigraph_of(reader.dataset)) == reader.answers_dir  # an rdflib Dataset over it too
        with pytest.raises(QueryError, match="did you mean: Oleksandr Balanutsa"):
            find(reader.ox, "Oleksandr Balanuca")  # the kept keys serve any name
        before = persons(reader.ox)
    ingest_paths([str(ROOT / "data" / "articles")], store, progress=False)
    with open_store(store, read_only=True) as reader:
        new = sorted(persons(reader.ox) - before)
    assert new
    misspelt = new[0][:-1] + "x" + new[0][-1]
    result = CliRunner().invoke(cli, ["person", misspelt, "--store", str(store)])
    assert result.exit_code == 1 and f"did you mean: {new[0]}" in result.stderr
    with open_store(store) as writer, pytest.raises(QueryError, match=f"did you mean: {new[0]}"):
        find(writer.ox, misspelt)  # a writer's database: no snapshot, read every time


def test_kept_spelling_keys_never_outlive_their_store(tmp_path):
    """A store made again at the same path (its snapshot has the same number) is read afresh."""
    from ddgraph.graph.store import open_store
    from ddgraph.queries.names import find

    store = store_of_first_articles(tmp_path, 1)
    with open_store(store, read_only=True) as reader:
        generation = reader.generation
        with pytest.raises(QueryError, match="did you mean: Rustem Umerov"):
            find(reader.ox, "Umerow")
    shutil.rmtree(store)
    other = tmp_path / "other"
    other.mkdir()
    (other / "a.txt").write_text("Defence Minister Hanno Pevkur met Lithuania's Defence Minister Dovile Sakaliene "
                                 "in Tallinn on Monday. They discussed air defence.", encoding="utf-8")
    ingest_paths([str(other)], store, progress=False)
    with open_store(store, read_only=True) as reader:
        assert reader.generation == generation
        with pytest.raises(QueryError) as info:
            find(reader.ox, "Umerow")
        assert "umerov" not in str(info.value).lower()
