"""Tests of ingest.pipeline: incremental ingest equals a from-scratch build.

Every store is compared through ``ddgraph export --format nquads`` (sorted lines)
and through the resolution kept in the store, which must equal
:func:`graph.resolve.resolve` over all the stored records.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import ingest.pipeline as pipeline
from graph.curation import Decisions, add_decision, load_decisions
from graph.model import ArticleRecord, Entity, Fact
from graph.resolve import resolve
from graph.store import open_store
from ingest.incremental import STATE_FILE as RESOLUTION_FILE
from ingest.incremental import State, changed_articles, update
from ingest.pipeline import STATE_FILE, ingest_paths, load_records, write_graphs
from queries.cli import cli

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "data" / "articles").glob("*.txt"))
OURS = sorted((ROOT / "tests" / "data" / "articles").glob("*.txt"))
FILES = SEEDS + OURS
DD = "PREFIX dd: <https://w3id.org/ddgraph/ontology#>\n"


@pytest.fixture(autouse=True)
def incremental_always(monkeypatch):
    """Small stores: keep the incremental path even when the block is most of the store."""
    monkeypatch.setattr(pipeline, "FULL_SHARE", 1.0)


def ingest(store: Path, files) -> object:
    summary = ingest_paths(list(files), store, progress=False)
    assert summary.failed == 0, summary.errors
    return summary


def nquads(store: Path) -> list[str]:
    result = CliRunner().invoke(cli, ["export", "--format", "nquads", "--store", str(store)])
    assert result.exit_code == 0, result.output
    return sorted(line for line in result.stdout.splitlines() if line.strip())


def assert_resolution_is_full(store: Path) -> None:
    """The resolution kept in the store is the full resolution of its records."""
    with open_store(store, read_only=True) as s:
        state = State.load(s.path / RESOLUTION_FILE)
        records = load_records(s)
        decisions = load_decisions(s.path / "curation.yaml")
    assert state is not None and state.articles == {r.article_id for r in records}
    assert state.resolution() == resolve(records, decisions)


@pytest.fixture(scope="module")
def scratch_store(tmp_path_factory) -> Path:
    """Every test article ingested at once."""
    store = tmp_path_factory.mktemp("scratch") / "store"
    assert ingest(store, FILES).mode == "full"
    return store


@pytest.fixture(scope="module")
def scratch(scratch_store) -> list[str]:
    """Sorted N-Quads of every test article ingested at once."""
    return nquads(scratch_store)


def office_record(article_id: str, name: str, country: str | None) -> ArticleRecord:
    """A person holding the defence minister's office, of a country or bare."""
    office = Entity("o1", "office", "Minister of Defence", "en", "minister-of-defence",
                    attrs=(("country", country),) if country else ())
    return ArticleRecord(article_id, f"{article_id}.txt", "", (), "en", facts=(Fact("p1", "holdsRole", "o1"),),
                         entities=(Entity("p1", "person", name, "en"), office))


@pytest.mark.parametrize("seed", range(6))
def test_update_equals_resolve_for_any_batching(scratch_store, seed):
    """ingest.incremental.update keeps the state equal to a full resolution, decisions and bare offices included."""
    with open_store(scratch_store, read_only=True) as s:
        records = load_records(s)
    records += [office_record("o1", "Rustem Umerov", None), office_record("o2", "Rustem Umerov", "ukraine"),
                office_record("o3", "Umerov", None), office_record("o4", "Pete Hegseth", None),
                office_record("o5", "Pete Hegseth", "united-states"), office_record("o6", "Hegseth", "poland")]
    rnd = random.Random(seed)
    rnd.shuffle(records)
    decisions = [Decisions(), Decisions(same=frozenset({("Lecorneuil", "Sébastien Lecornu")})),
                 Decisions(different=frozenset({("Pete Hegseth", "Hegseth")}))][seed % 3]
    by_id = {r.article_id: r for r in records}
    n = rnd.randint(1, 4)
    state = State.build(records[:n], decisions, "")
    while n < len(records):
        k = rnd.choice([1, 1, 2, 3, 5])
        changed = update(state, records[n : n + k], by_id.__getitem__, decisions)
        before = State.build(records[:n], decisions, "")
        n += k
        full = State.build(records[:n], decisions, "")
        assert state.resolution() == full.resolution()
        assert (state.persons, state.events, state.known) == (full.persons, full.events, full.known)
        assert changed_articles(before, full) <= changed


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_one_by_one_in_any_order_equals_all_at_once(scratch, tmp_path, seed):
    files = list(FILES)
    random.Random(seed).shuffle(files)
    modes = [ingest(tmp_path / "s", [f]).mode for f in files]
    assert modes[0] == "full" and set(modes[1:]) == {"incremental"}
    assert nquads(tmp_path / "s") == scratch
    assert_resolution_is_full(tmp_path / "s")


def test_random_batches_equal_all_at_once(scratch, tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "FULL_SHARE", 0.5)  # big blocks resolve everything
    files, rnd, modes = list(reversed(FILES)), random.Random(7), set()
    while files:
        n = rnd.randint(2, 5)
        modes.add(ingest(tmp_path / "s", files[:n]).mode)
        files = files[n:]
    assert modes == {"full", "incremental"}
    assert nquads(tmp_path / "s") == scratch
    assert_resolution_is_full(tmp_path / "s")


def test_incremental_rewrites_only_the_block(scratch, tmp_path):
    store = tmp_path / "s"
    ingest(store, FILES[:-1])
    summary = ingest(store, FILES[-1:])
    assert summary.mode == "incremental" and summary.new == 1
    assert 1 <= summary.graphs_written < len(FILES) - 1
    assert summary.resolved < len(FILES)
    assert nquads(store) == scratch


def test_reingest_writes_nothing(scratch, tmp_path):
    store = tmp_path / "s"
    ingest(store, FILES)
    files = {p: p.stat().st_mtime_ns for p in store.rglob("*") if p.is_file() and "oxigraph" not in p.parts}
    summary = ingest(store, FILES[3:9])
    assert (summary.unchanged, summary.new, summary.graphs_written, summary.mode) == (6, 0, 0, "none")
    assert {p: p.stat().st_mtime_ns for p in files} == files
    assert nquads(store) == scratch


def test_lost_graph_state_is_repaired(scratch, tmp_path):
    store = tmp_path / "s"
    ingest(store, FILES)
    with open_store(store) as s:  # a crash lost a graph and the digests of what was written
        s.ox.update(f"DROP GRAPH <{s.named_graphs()[0]}>")
    (store / STATE_FILE).unlink()
    assert nquads(store) != scratch
    summary = ingest(store, FILES[:1])
    assert summary.mode == "full" and summary.graphs_written == len(FILES)
    assert nquads(store) == scratch
    assert ingest(store, FILES[:1]).mode == "none"


def test_damaged_resolution_and_left_over_records_are_resolved(scratch, tmp_path):
    store = tmp_path / "s"
    ingest(store, FILES[:10])
    (store / RESOLUTION_FILE).write_text("{not json", encoding="utf-8")
    assert ingest(store, FILES[10:12]).mode == "full"
    other = tmp_path / "other"  # records written by a run that stopped before resolving
    ingest(other, FILES[12:])
    for path in (other / "records").glob("*.json"):
        shutil.copy(path, store / "records" / path.name)
    summary = ingest(store, FILES[:1])
    assert summary.mode == "incremental" and summary.new == 0 and summary.graphs_written >= len(FILES) - 12
    assert nquads(store) == scratch
    assert_resolution_is_full(store)


def test_curation_change_resolves_everything_and_stays_exact(tmp_path):
    store, fresh = tmp_path / "s", tmp_path / "fresh"
    ingest(store, SEEDS)
    add_decision(store / "curation.yaml", "different", "Sébastien Lecornu", "Lecorneuil")
    assert ingest(store, OURS[:3]).mode == "full"
    add_decision(store / "curation.yaml", "same", "Sébastien Lecornu", "Lecorneuil")
    with open_store(store) as s:  # what a curation command does after recording a decision
        written, _, _ = write_graphs(s, load_records(s))
    assert written > 0
    assert ingest(store, OURS[3:]).mode == "incremental"
    with open_store(fresh):
        pass
    shutil.copy(store / "curation.yaml", fresh / "curation.yaml")
    ingest(fresh, FILES)
    assert nquads(store) == nquads(fresh)
    assert_resolution_is_full(store)


def test_new_article_joins_the_existing_meeting(tmp_path):
    """Seeds 000 and 001 report one meeting; 002 (Ukrainian, "у Парижі") joins it.

    The meeting's IRI hashes the smallest (article id, key) of its reports
    (graph.resolve), so it is renamed when the new article's id sorts first, as here:
    the old IRI must then be gone from every graph.
    """
    store = tmp_path / "s"
    query = DD + "SELECT ?m ?g WHERE { GRAPH ?g { ?m a dd:Meeting } }"

    def meetings() -> dict[str, set[str]]:
        out: dict[str, set[str]] = {}
        with open_store(store, read_only=True) as s:
            for r in s.ox.query(query):
                out.setdefault(r["m"].value, set()).add(r["g"].value)
        return out

    ingest(store, SEEDS[:2])
    (old, before), = ((m, gs) for m, gs in meetings().items() if len(gs) == 2)
    summary = ingest(store, SEEDS[2:3])
    assert summary.mode == "incremental" and summary.graphs_written == 3
    after = meetings()
    with open_store(store, read_only=True) as s:
        paris = {r["m"].value for r in s.ox.query(DD + "SELECT ?m WHERE { GRAPH ?g { ?m a dd:Meeting ; "
                                                  "dd:location <https://w3id.org/ddgraph/id/place/paris> } }")}
    (meeting,) = paris
    assert len(after[meeting]) == 3 and before < after[meeting]
    assert old == meeting or old not in after
