"""Tests of ingest.pipeline: incremental ingest equals a from-scratch build.

Every store is compared through ``ddgraph export --format nquads`` (sorted lines:
article graphs, article metadata and the instance layer), through the resolution
kept in the store, which must equal :func:`graph.resolve.resolve` over all the
stored records, and through its instance layer, which must equal a rebuild.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from ddgraph.graph.curation import Decisions, add_decision, load_decisions
from ddgraph.graph.instances import stored_instances
from ddgraph.graph.model import ArticleRecord, Entity, Fact
from ddgraph.graph.rdf import RDFS_LABEL
from ddgraph.graph.resolve import resolve, state_resolution, update
from ddgraph.graph.state import ResolutionState
from ddgraph.graph.store import count_instances, open_store
from ddgraph.graph.writer import instance_drift, load_defaults, reresolve
from ddgraph.ingest.pipeline import default_triples, ingest_paths
from ddgraph.queries.cli import cli

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "data" / "articles").glob("*.txt"))
OURS = sorted((ROOT / "tests" / "data" / "articles").glob("*.txt"))
FILES = SEEDS + OURS
DD = "PREFIX dd: <https://w3id.org/ddgraph/ontology#>\n"


def ingest(store: Path, files, **kw) -> object:
    summary = ingest_paths(list(files), store, progress=False, workers=1, **kw)
    assert summary.failed == 0, summary.errors
    return summary


def nquads(store: Path) -> list[str]:
    result = CliRunner().invoke(cli, ["export", "--format", "nquads", "--store", str(store)])
    assert result.exit_code == 0, result.output
    return sorted(line for line in result.stdout.splitlines() if line.strip())


def assert_consistent(store: Path) -> None:
    """The resolution kept in the store is the full resolution of its records; the
    instance layer equals a rebuild from the article graphs."""
    with open_store(store) as s:
        records = list(s.records.get_many(s.records.ids()).values())
        decisions = load_decisions(s.path / "curation.yaml")
        assert s.state.articles() == {r.article_id for r in records}
        assert state_resolution(s.state) == resolve(records, decisions)
        assert instance_drift(s) == (set(), set())
        assert {k: s.counts[k] for k in ("classes", "topic_keys")} == count_instances(s.ox)  # what stats shows


@pytest.fixture(scope="module")
def scratch_store(tmp_path_factory) -> Path:
    """Every test article ingested at once."""
    store = tmp_path_factory.mktemp("scratch") / "store"
    ingest(store, FILES, chunk=10_000)
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


def test_scratch_store_is_consistent(scratch_store):
    assert_consistent(scratch_store)


@pytest.mark.parametrize("seed", range(6))
def test_update_equals_resolve_for_any_batching(scratch_store, seed):
    """graph.incremental.update keeps the state equal to a full resolution, decisions and bare offices included."""
    with open_store(scratch_store) as s:
        records = list(s.records.get_many(s.records.ids()).values())
    records += [office_record("o1", "Rustem Umerov", None), office_record("o2", "Rustem Umerov", "ukraine"),
                office_record("o3", "Umerov", None), office_record("o4", "Pete Hegseth", None),
                office_record("o5", "Pete Hegseth", "united-states"), office_record("o6", "Hegseth", "poland")]
    rnd = random.Random(seed)
    rnd.shuffle(records)
    decisions = [Decisions(), Decisions(same=frozenset({("Lecorneuil", "Sébastien Lecornu")})),
                 Decisions(different=frozenset({("Pete Hegseth", "Hegseth")}))][seed % 3]
    state = ResolutionState.memory()
    n = 0
    while n < len(records):
        k = rnd.choice([1, 1, 2, 3, 5])
        before = resolve(records[:n], decisions)
        changed = update(state, records[n : n + k], decisions)
        n += k
        full = resolve(records[:n], decisions)
        assert state_resolution(state) == full
        moved = {a for (a, key), x in before.iri.items() if full.iri[(a, key)] != x or
                 before.label.get(x) != full.label.get(x)}
        assert moved <= changed.articles | {a for x in changed.relabelled for (a, _), y in full.iri.items() if y == x}


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_one_by_one_in_any_order_equals_all_at_once(scratch, tmp_path, seed):
    files = list(FILES)
    random.Random(seed).shuffle(files)
    modes = [ingest(tmp_path / "s", [f]).mode for f in files]
    assert set(modes) == {"incremental"}
    assert nquads(tmp_path / "s") == scratch
    assert_consistent(tmp_path / "s")


def test_random_batches_and_chunks_equal_all_at_once(scratch, tmp_path):
    files, rnd = list(reversed(FILES)), random.Random(7)
    while files:
        n = rnd.randint(2, 5)
        ingest(tmp_path / "s", files[:n], chunk=rnd.randint(1, 3))
        files = files[n:]
    assert nquads(tmp_path / "s") == scratch
    assert_consistent(tmp_path / "s")


def test_rewrites_in_small_batches_equal_all_at_once(scratch, tmp_path, monkeypatch):
    """graph.writer.rewrite writes REWRITE_BATCH articles at a time; each batch's instance delta
    is computed against the store the batches before it left."""
    import ddgraph.graph.writer

    monkeypatch.setattr(ddgraph.graph.writer, "REWRITE_BATCH", 2)
    files = list(FILES)
    random.Random(11).shuffle(files)
    ingest(tmp_path / "s", files[:9], chunk=9)
    ingest(tmp_path / "s", files[9:], chunk=100)  # touches events and persons of earlier batches
    assert nquads(tmp_path / "s") == scratch
    assert_consistent(tmp_path / "s")


def test_workers_give_the_same_store(scratch, tmp_path):
    summary = ingest_paths(FILES, tmp_path / "s", progress=False, workers=2, chunk=7)
    assert summary.failed == 0 and summary.workers == 2
    assert nquads(tmp_path / "s") == scratch


def test_incremental_rewrites_only_the_block(scratch, tmp_path):
    store = tmp_path / "s"
    ingest(store, FILES[:-1])
    summary = ingest(store, FILES[-1:])
    assert summary.mode == "incremental" and summary.new == 1
    assert 1 <= summary.graphs_written < len(FILES) - 1
    assert summary.resolved == 1
    assert nquads(store) == scratch


def test_reingest_writes_nothing(scratch, tmp_path):
    store = tmp_path / "s"
    ingest(store, FILES)
    files = {p: p.stat().st_mtime_ns for p in store.rglob("*") if p.is_file() and "oxigraph" not in p.parts
             and "-wal" not in p.name and "-shm" not in p.name and p.name != "lock"}
    summary = ingest(store, FILES[3:9])
    assert (summary.unchanged, summary.new, summary.graphs_written, summary.mode) == (6, 0, 0, "none")
    assert {p: p.stat().st_mtime_ns for p in files} == files
    assert nquads(store) == scratch


def test_interrupted_write_is_recovered(scratch, tmp_path):
    """A writer killed while writing graphs leaves its journal; the next writer finishes the job."""
    store = tmp_path / "s"
    ingest(store, FILES)
    with open_store(store) as s:  # the crash: a graph lost, the instance layer half updated, the journal left
        g = s.named_graphs()[0]
        s.ox.update(f"DROP GRAPH <{g}>")
        s.ox.update("DELETE WHERE { GRAPH <https://w3id.org/ddgraph/id/graph/instances> "
                    "{ ?m <https://w3id.org/ddgraph/ontology#bestDate> ?d } }")
        s.write_journal({"articles": [g.rsplit("/", 1)[1]]})
    summary = ingest(store, FILES[:1])
    assert summary.new == 0 and not (store / "journal.json").exists()
    assert nquads(store) == scratch
    assert_consistent(store)


def test_unreadable_journal_redoes_everything(scratch, tmp_path):
    store = tmp_path / "s"
    ingest(store, FILES)
    with open_store(store) as s:
        s.ox.update(f"DROP GRAPH <{s.named_graphs()[3]}>")
    (store / "journal.json").write_text("{not json", encoding="utf-8")
    ingest(store, FILES[:1])
    assert nquads(store) == scratch


def test_damaged_resolution_and_left_over_records_are_resolved(scratch, tmp_path):
    store = tmp_path / "s"
    ingest(store, FILES[:10])
    (store / "resolution.sqlite").write_bytes(b"not a database")
    for suffix in ("-wal", "-shm"):
        (store / ("resolution.sqlite" + suffix)).unlink(missing_ok=True)
    ingest(store, FILES[10:12])
    other = tmp_path / "other"  # records written by a run that stopped before resolving
    ingest(other, FILES[12:])
    with open_store(other) as o, open_store(store) as s:
        s.records.put(o.records.get_many(o.records.ids()).values())
    summary = ingest(store, FILES[:1])
    assert summary.new == 0 and summary.graphs_written >= len(FILES) - 12
    assert nquads(store) == scratch
    assert_consistent(store)


def test_curation_change_resolves_everything_and_stays_exact(tmp_path):
    store, fresh = tmp_path / "s", tmp_path / "fresh"
    ingest(store, SEEDS)
    add_decision(store / "curation.yaml", "different", "Sébastien Lecornu", "Lecorneuil")
    assert ingest(store, OURS[:3]).mode == "full"
    add_decision(store / "curation.yaml", "same", "Sébastien Lecornu", "Lecorneuil")
    with open_store(store) as s:  # what a curation command does after recording a decision
        assert reresolve(s).graphs_written > 0
        s.publish()
    assert ingest(store, OURS[3:]).mode == "incremental"
    with open_store(fresh):
        pass
    shutil.copy(store / "curation.yaml", fresh / "curation.yaml")
    ingest(fresh, FILES)
    assert nquads(store) == nquads(fresh)
    assert_consistent(store)


def test_new_article_joins_the_existing_meeting(tmp_path):
    """Seeds 000 and 001 report one meeting; 002 (Ukrainian, "у Парижі") joins it.

    The meeting's IRI hashes the smallest (article id, key) of its reports
    (graph.resolve), so it is renamed when the new article's id sorts first, as here:
    the old IRI must then be gone from every graph.
    """
    store = tmp_path / "s"
    query = DD + ("SELECT ?m ?g WHERE { GRAPH ?g { ?m a dd:Meeting } "
                  'FILTER(STRSTARTS(STR(?g), "https://w3id.org/ddgraph/id/article/")) }')

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
        paris = {r["m"].value for r in s.ox.query(DD + "SELECT DISTINCT ?m WHERE { GRAPH ?g { ?m a dd:Meeting ; "
                                                  "dd:location <https://w3id.org/ddgraph/id/place/paris> } }")}
    (meeting,) = paris
    assert len(after[meeting]) == 3 and before < after[meeting]
    assert old == meeting or old not in after


def test_a_format_2_store_is_refused_until_upgraded(scratch_store, scratch, tmp_path):
    """A store made before the pair-topic counts (format 2) is refused with the command that
    upgrades it; the upgrade adds exactly what a new ingest would have written."""
    import json

    from ddgraph.graph.pair_topics import INSTANCES, PAIR_TOPIC_KEY, TOPIC_COUNT

    old = tmp_path / "old"
    shutil.copytree(scratch_store, old, ignore=shutil.ignore_patterns("lock", "snapshots", "current"))
    with open_store(old) as s:  # as format 2 wrote it: no pair-topic entries, no counts
        gone = [q for p in (PAIR_TOPIC_KEY, TOPIC_COUNT) for q in s.ox.quads_for_pattern(None, p, None, INSTANCES)]
        assert gone
        for q in gone:
            s.ox.remove(q)
        s.ox.flush()
        s.publish()
    (old / "ddgraph-store.json").write_text(json.dumps({"format": 2}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["topics", "France", "Ukraine", "--store", str(old)])
    assert result.exit_code == 1
    assert result.output == (f"Error: {old}: store format 2 is older than this ddgraph's (3); "
                              f"run 'ddgraph upgrade --store {old}'\n")
    result = CliRunner().invoke(cli, ["upgrade", "--store", str(old)])
    assert result.exit_code == 0, result.output
    assert result.output == f"{old}: upgraded from format 2 to 3 ({len(gone):,} triples added)\n"
    assert nquads(old) == scratch
    assert_consistent(old)
    result = CliRunner().invoke(cli, ["upgrade", "--store", str(old)])
    assert result.output == f"{old}: already at format 3\n"


def _instances(s) -> set:
    return stored_instances(s.ox)


def test_a_changed_default_refreshes_what_depends_on_it_and_nothing_else(tmp_path):
    # the lexicon's names go into the default graph; the instance layer's keys derive from them
    store = tmp_path / "store"
    ingest(store, SEEDS)
    france = ox.NamedNode("https://w3id.org/ddgraph/id/country/france")
    triples = default_triples()
    renamed = {t for t in triples if not (t[0] == france and t[1] == RDFS_LABEL and t[2].language == "en")}
    renamed.add((france, RDFS_LABEL, ox.Literal("Gallia", language="en")))
    with open_store(store) as s:
        before = _instances(s)
        assert load_defaults(s, set(triples), "same triples, another digest")
        assert _instances(s) == before  # nothing changed: nothing to refresh
        assert load_defaults(s, renamed, "France renamed")
        after = _instances(s)
        assert after != before  # the keys that spell France's name changed
        assert instance_drift(s) == (set(), set())  # and equal what a rebuild derives


def test_changes_a_killed_writer_left_unpublished_are_published_by_the_next(tmp_path):
    """A writer killed after writing and before publishing: the next ingest, with nothing new to
    do, still publishes, so readers see what the working database holds."""
    from ddgraph.graph.store import UNPUBLISHED, current_generation, open_store
    from ddgraph.graph.writer import _apply

    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Rustem Umerov met Boris Pistorius in Kyiv on Monday.", encoding="utf-8")
    store_dir = tmp_path / "store"
    ingest_paths([src], store_dir, progress=False)
    generation = current_generation(store_dir)
    quad = ox.Quad(ox.NamedNode("urn:x"), ox.NamedNode("urn:p"), ox.Literal("written, never published"))
    store = open_store(store_dir)
    _apply(store, [], [quad])
    assert (store_dir / UNPUBLISHED).exists()
    store.ox.flush()
    store.close()  # as if killed here: no snapshot was published
    ingest_paths([src], store_dir, progress=False)  # nothing new to ingest
    assert current_generation(store_dir) == generation + 1 and not (store_dir / UNPUBLISHED).exists()
    reader = open_store(store_dir, read_only=True)
    assert quad in set(reader.ox.quads_for_pattern(None, None, None))
