"""``ddgraph check`` finds what is wrong with a store, and ``--repair`` mends it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from ddgraph.graph.check import check_store, repair_store
from ddgraph.graph.instances import INSTANCES
from ddgraph.graph.store import open_store
from ddgraph.ingest.pipeline import ingest_paths
from ddgraph.queries.cli import cli

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "data" / "articles").glob("*.txt"))
DD = "https://w3id.org/ddgraph/ontology#"


@pytest.fixture(scope="module")
def sound(tmp_path_factory) -> Path:
    store = tmp_path_factory.mktemp("check") / "store"
    assert ingest_paths(SEEDS, store, progress=False, workers=1).failed == 0
    return store


def nquads(store: Path) -> list[str]:
    with open_store(store, read_only=True) as s:
        return sorted(s.ox.dump(format=ox.RdfFormat.N_QUADS).decode().splitlines())


def damage_metadata(s):
    g = s.named_graphs()[0]
    s.ox.update(f"DELETE WHERE {{ <{g}> ?p ?o }}")
    return "graph without metadata"


def damage_mentions(s):
    g = s.named_graphs()[1]
    s.ox.update(f"DELETE WHERE {{ GRAPH <{g}> {{ ?m <{DD}supportsProperty> ?x }} }}")
    return "fact or thing without its mention"


def damage_instances(s):
    s.ox.update(f"DELETE WHERE {{ GRAPH <{INSTANCES.value}> {{ ?m <{DD}bestDate> ?d }} }}")
    return "instance layer: triples a rebuild holds and it lacks"


def damage_dangling(s):
    s.ox.update(f"INSERT DATA {{ GRAPH <{INSTANCES.value}> {{ <https://w3id.org/ddgraph/id/meeting/x> "
                f"<{DD}participant> <https://w3id.org/ddgraph/id/person/nobody> }} }}")
    return "dangling IRI in the instance layer"


def damage_journal(s):
    s.write_journal({"articles": []})
    return "interrupted write (journal left)"


@pytest.mark.parametrize("damage", [damage_metadata, damage_mentions, damage_instances, damage_dangling,
                                    damage_journal])
def test_check_finds_and_repair_mends(sound, tmp_path, damage):
    store = tmp_path / "s"
    shutil.copytree(sound, store, ignore=shutil.ignore_patterns("lock"))
    with open_store(store) as s:
        assert check_store(s).ok
        kind = damage(s)
        s.publish()
    result = CliRunner().invoke(cli, ["check", "--store", str(store)])
    assert result.exit_code == 1 and result.stdout.startswith(kind + ": ")
    assert result.stderr == "Error: the store has problems; run 'ddgraph check --repair'\n"
    with open_store(store) as s:
        before, after = repair_store(s)
    assert not before.ok and after.ok
    assert nquads(store) == nquads(sound)
    result = CliRunner().invoke(cli, ["check", "--store", str(store)])
    assert (result.exit_code, result.stdout) == (0, "store is sound: 5 articles checked\n")
