"""The instance layer's reads: one subject's own facts, whatever the number of index entries on it."""

import pyoxigraph as ox
import pytest

import ddgraph.graph.instances as instances
from ddgraph.graph.instances import INSTANCES, REPORTED_IN, _Store
from ddgraph.graph.rdf import RDFS_LABEL

HUB = ox.NamedNode("https://w3id.org/ddgraph/id/country/ukraine")
INDEX_KEY = ox.NamedNode("https://w3id.org/ddgraph/ontology#countryKey")  # an entry another subject owns


def _store(entries: int) -> ox.Store:
    store = ox.Store()
    store.add(ox.Quad(HUB, RDFS_LABEL, ox.Literal("Ukraine", language="en"), INSTANCES))
    store.add(ox.Quad(HUB, REPORTED_IN, ox.NamedNode("https://w3id.org/ddgraph/graph/article/a"), INSTANCES))
    store.add(ox.Quad(HUB, RDFS_LABEL, ox.Literal("elsewhere"), ox.DefaultGraph()))  # not the instance layer
    for i in range(entries):
        store.add(ox.Quad(HUB, INDEX_KEY, ox.Literal(f"2024-01-{i:05d}"), INSTANCES))
    return store


@pytest.mark.parametrize("entries", [0, 3, instances._SCAN_LIMIT - 2, instances._SCAN_LIMIT, 3 * instances._SCAN_LIMIT])
def test_subject_reads_its_own_facts_only(entries):
    got = sorted(_Store(_store(entries)).subject(HUB), key=str)
    assert got == sorted([(RDFS_LABEL, ox.Literal("Ukraine", language="en")),
                          (REPORTED_IN, ox.NamedNode("https://w3id.org/ddgraph/graph/article/a"))], key=str)
