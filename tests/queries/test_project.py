"""The networkx projections of queries/project.py on a small hand-made graph."""

from __future__ import annotations

from collections import Counter

import networkx as nx
import pytest
from rdflib import Dataset

from ddgraph.graph.instances import add_instance_layer

from ddgraph.graph.errors import QueryError

from ddgraph.queries.project import country_graph, person_graph, to_networkx

R = "https://w3id.org/ddgraph/id/"
T = "https://w3id.org/ddgraph/topic/"
UMEROV, LECORNU, HORBATIUK = R + "person/rustem-umerov", R + "person/sebastien-lecornu", R + "person/volodymyr-horbatiuk"
M1, M2 = R + "meeting/m1", R + "meeting/m2"
A1, A2, A3 = R + "article/a1", R + "article/a2", R + "article/a3"
UKRAINE, FRANCE = R + "country/ukraine", R + "country/france"

TRIG = """
@prefix dd: <https://w3id.org/ddgraph/ontology#> .
@prefix ddt: <https://w3id.org/ddgraph/topic/> .
@prefix schema: <https://schema.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@base <https://w3id.org/ddgraph/id/> .

<article/a1> a schema:NewsArticle ; schema:datePublished "2024-09-02"^^xsd:date ; schema:headline "Umerov in Paris" .
<article/a2> a schema:NewsArticle ; schema:datePublished "2024-09-03"^^xsd:date .
<article/a3> a schema:NewsArticle ; schema:datePublished "2025-03-26"^^xsd:date .
ddt:air-defense a dd:Topic ; skos:prefLabel "Air defence"@en, "ППО"@uk .

<article/a1> {
  <person/rustem-umerov> a dd:Person ; rdfs:label "Rustem Umerov"@en ; skos:altLabel "Умєров"@uk ;
      dd:holdsRole <office/minister-of-defence-ukraine> .
  <office/minister-of-defence-ukraine> a dd:Office ; rdfs:label "Minister of Defence"@en ;
      dd:ofOrganization <organization/mod-ukraine> ; dd:ofCountry <country/ukraine> .
  <organization/mod-ukraine> a dd:Organization ; rdfs:label "Ministry of Defence of Ukraine"@en ; dd:ofCountry <country/ukraine> .
  <country/ukraine> a dd:Country, dd:Place ; rdfs:label "Ukraine"@en .
  <person/sebastien-lecornu> a dd:Person ; rdfs:label "Sébastien Lecornu"@en ; dd:holdsRole <office/minister-armed-forces-france> .
  <office/minister-armed-forces-france> a dd:Office ; dd:ofOrganization <organization/mod-france> .
  <organization/mod-france> a dd:Organization ; rdfs:label "Ministry of the Armed Forces"@en ; dd:ofCountry <country/france> .
  <country/france> a dd:Country, dd:Place ; rdfs:label "France"@en .
  <place/paris> a dd:Place ; rdfs:label "Paris"@en ; dd:ofCountry <country/france> .
  <person/volodymyr-horbatiuk> a dd:Person ; rdfs:label "Volodymyr Horbatiuk"@en .
  <meeting/m1> a dd:Meeting ; rdfs:label "Umerov meets Lecornu"@en ;
      dd:participant <person/rustem-umerov>, <person/sebastien-lecornu>, <person/volodymyr-horbatiuk> ;
      dd:delegationMember <person/volodymyr-horbatiuk> ; dd:location <place/paris> ;
      dd:notAfter "2024-09-02"^^xsd:date ; dd:meetingKind "in-person" ; dd:status "happened" ;
      dd:discusses ddt:air-defense, ddt:drones .
  <mention/a1-40-46-0> a dd:Mention ; dd:mentionOf <person/rustem-umerov> ; dd:inArticle <article/a1> ;
      dd:sentence "Umerov met Lecornu in Paris." ; dd:charStart 40 ; dd:charEnd 46 .
  <mention/a1-0-6-0> a dd:Mention ; dd:mentionOf <person/rustem-umerov> ; dd:inArticle <article/a1> ;
      dd:sentence "Umerov flew to France." ; dd:charStart 0 ; dd:charEnd 6 .
}

<article/a2> {
  <person/rustem-umerov> a dd:Person ; rdfs:label "Рустем Умєров"@uk .
  <person/sebastien-lecornu> a dd:Person .
  <meeting/m1> a dd:Meeting ; dd:participant <person/rustem-umerov>, <person/sebastien-lecornu> ;
      dd:notAfter "2024-09-03"^^xsd:date ; dd:discusses ddt:joint-production .
}

<article/a3> {
  <person/rustem-umerov> a dd:Person ; rdfs:label "Rustem Umerov"@en .
  <group/french-defense-companies> a dd:Organization, dd:Group ; rdfs:label "French defense companies"@en ;
      dd:ofCountry <country/france> .
  <meeting/m2> a dd:Meeting ; rdfs:label "Umerov meets French companies"@en ;
      dd:participant <person/rustem-umerov>, <group/french-defense-companies> ; dd:location <place/paris> ;
      dd:date "2025-03-26"^^xsd:date ; dd:discusses ddt:procurement .
  <system/caesar> a dd:WeaponSystem ; rdfs:label "CAESAR"@en .
  <aid/x> a dd:AidDelivery ; rdfs:label "CAESAR for Ukraine"@en ; dd:provider <country/france> ;
      dd:recipient <country/ukraine> ; dd:item <system/caesar> ; dd:status "delivered" .
  <agreement/y> a dd:Agreement ; rdfs:label "memorandum"@en ; dd:party <organization/mod-ukraine>, <organization/dga> ;
      dd:signatory <person/rustem-umerov> ; dd:date "2025-03-27"^^xsd:date .
  <organization/dga> a dd:Organization ; rdfs:label "Directorate General for Armaments"@en ; dd:ofCountry <country/france> .
}
"""


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return add_instance_layer(Dataset().parse(data=TRIG, format="trig"))


def types(G) -> Counter:
    return Counter(t for _, t in G.nodes(data="type"))


def test_node_types_and_counts(ds):
    G = to_networkx(ds)
    assert types(G) == Counter(person=3, meeting=2, aid=1, agreement=1, group=1, organization=3, country=2,
                               place=1, system=1, topic=4)
    assert not any("/office/" in n for n in G)  # offices are collapsed
    assert sorted(n for n in G if G.nodes[n]["type"] == "topic") == sorted(
        T + t for t in ("air-defense", "drones", "joint-production", "procurement"))


def test_edges_and_role_collapse(ds):
    G = to_networkx(ds)
    assert G.has_edge(UMEROV, UKRAINE, key="from")
    assert G.has_edge(LECORNU, FRANCE, key="from")  # office -> organization -> country
    assert not any(rel == "from" for _, _, rel in G.out_edges(HORBATIUK, keys=True))
    assert G.edges[M1, HORBATIUK, "participant"]["delegation"] is True
    assert G.edges[M1, UMEROV, "participant"]["delegation"] is False
    assert G.edges[M1, UMEROV, "participant"]["sources"] == [A1, A2]
    assert {rel for _, _, rel in G.out_edges(R + "aid/x", keys=True)} == {"provider", "recipient", "item"}
    assert {rel for _, _, rel in G.out_edges(R + "agreement/y", keys=True)} == {"party", "signatory"}
    assert G.has_edge(R + "place/paris", FRANCE, key="country")
    assert Counter(rel for *_, rel in G.edges(keys=True))["discusses"] == 4


def test_node_attributes(ds):
    G = to_networkx(ds)
    u = G.nodes[UMEROV]
    assert u["label"] == "Rustem Umerov"  # English label preferred over the Ukrainian one
    assert u["sources"] == [A1, A2, A3]
    assert u["evidence"] in {"Umerov flew to France.", "Umerov met Lecornu in Paris."}  # one mention's sentence
    assert u["dates"] == ["2024-09-02", "2025-03-26", "2025-03-27"]
    m1 = G.nodes[M1]
    assert (m1["date"], m1["date_qualifier"], m1["kind"], m1["status"]) == ("2024-09-02", "not after", "in-person", "happened")
    assert m1["sources"] == [A1, A2]
    assert (G.nodes[M2]["date"], G.nodes[M2]["date_qualifier"]) == ("2025-03-26", "on")
    assert G.nodes[R + "aid/x"]["date"] == "2025-03-26"  # bounded by its article
    assert G.nodes[T + "air-defense"]["label"] == "Air defence"  # from the topic scheme
    assert G.nodes[T + "drones"]["label"] == "drones"  # fallback


def test_a_meeting_is_titled_by_its_date_place_and_participants_and_keeps_its_name(ds):
    """Labels of articles mix spellings and read alike cut short: the title puts date and place first."""
    G = to_networkx(ds)
    assert (G.nodes[M1]["label"], G.nodes[M1]["name"]) == ("≤ 2024-09-02, Paris: Horbatiuk – Lecornu – Umerov",
                                                             "Umerov meets Lecornu")
    assert G.nodes[M2]["label"] == "2025-03-26, Paris: Umerov – French defense companies"
    assert G.nodes[UMEROV]["name"] == G.nodes[UMEROV]["label"] == "Rustem Umerov"  # only meetings are titled
    only_meetings = to_networkx(ds, kinds=["meeting"])  # the participants need not be in the projection
    assert only_meetings.nodes[M1]["label"] == G.nodes[M1]["label"]


def test_period_filters(ds):
    late = to_networkx(ds, since="2025-01-01")
    assert M2 in late and M1 not in late and R + "aid/x" in late and R + "agreement/y" in late
    assert UMEROV in late and LECORNU not in late and HORBATIUK not in late
    assert UKRAINE in late and FRANCE in late
    early = to_networkx(ds, until="2024-12-31")
    assert M1 in early and M2 not in early and R + "aid/x" not in early
    assert types(early)["person"] == 3
    import datetime

    assert set(to_networkx(ds, since=datetime.date(2025, 1, 1))) == set(late)
    assert to_networkx(ds, since="2026-01-01").number_of_nodes() == 0


def test_topic_and_kind_filters(ds):
    G = to_networkx(ds, topic="air-defense")
    assert M1 in G and M2 not in G and R + "aid/x" not in G
    assert set(to_networkx(ds, topic=T + "air-defense")) == set(G)
    K = to_networkx(ds, kinds={"person", "meeting"})
    assert set(types(K)) == {"person", "meeting"}
    assert {rel for *_, rel in K.edges(keys=True)} == {"participant"}
    with pytest.raises(QueryError):
        to_networkx(ds, kinds={"person", "planet"})


def test_articles_optional(ds):
    assert "article" not in types(to_networkx(ds))
    G = to_networkx(ds, articles=True)
    assert types(G)["article"] == 3
    assert G.has_edge(A1, M1, key="reports") and G.has_edge(A2, M1, key="reports")
    assert G.nodes[A1]["label"] == "2024-09-02: Umerov in Paris"  # its outlet (none here) and date first
    assert all(not G.nodes[a]["label"].startswith("https://") and "/" not in G.nodes[a]["label"][:4]
               for a, t in G.nodes(data="type") if t == "article")


def test_person_graph(ds):
    P = person_graph(ds)
    assert sorted(P) == sorted([UMEROV, LECORNU, HORBATIUK])
    assert P[UMEROV][LECORNU] == {"meetings": [M1], "weight": 1}
    assert P.number_of_edges() == 3
    assert person_graph(ds, since="2025-01-01").number_of_edges() == 0


def test_country_graph(ds):
    C = country_graph(ds)
    assert C[UKRAINE][FRANCE]["meetings"] == [M1, M2]
    assert C[UKRAINE][FRANCE]["aid"] == [R + "aid/x"]
    assert C[UKRAINE][FRANCE]["weight"] == 3


def test_oxigraph_store_gives_the_same_projection(ds, tmp_path):
    ox = Dataset(store="Oxigraph")
    ox.open(str(tmp_path / "store"), create=True)
    ox.parse(data=TRIG, format="trig")
    add_instance_layer(ox)
    try:
        a, b = to_networkx(ds, articles=True), to_networkx(ox, articles=True)
        assert nx.node_link_data(a, edges="edges") == nx.node_link_data(b, edges="edges")
    finally:
        ox.close()


def test_empty_dataset():
    assert to_networkx(Dataset()).number_of_nodes() == 0
    assert person_graph(Dataset()).number_of_nodes() == 0
