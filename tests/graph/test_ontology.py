"""The shipped ontology and topic scheme agree with the code and the data contract."""

import re
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from ddgraph.graph.ontology import (
    DATA_DIR,
    DD,
    DDT,
    ONTOLOGY_IRI,
    ORG,
    SCHEMA,
    SEM,
    TOPIC_SCHEME,
    bind_prefixes,
    dd_terms,
    ontology_graph,
    topic_graph,
    topic_ids,
)

CONTRACT = Path(__file__).resolve().parents[3] / "shared" / "ONTOLOGY.md"

#: The 28 topic ids of ONTOLOGY.md (also read from the file when it is there).
TOPICS = (
    "air-defense long-range-strike combat-aircraft electronic-warfare drones artillery ammunition "
    "armored-vehicles missiles joint-production defense-industry procurement financing training "
    "maintenance-repair nato-integration security-guarantees military-aid battlefield-situation "
    "countering-aggression sanctions peace-negotiations defense-technology demining maritime-security "
    "cyber energy-security intelligence"
).split()


def declared_terms(graph: Graph) -> set[str]:
    ns = str(DD._NS)
    return {str(s)[len(ns) :] for s in graph.subjects() if isinstance(s, URIRef) and str(s).startswith(ns)}


def test_every_dd_term_is_declared_and_nothing_else():
    declared = declared_terms(ontology_graph())
    assert declared == set(dd_terms())


def test_unknown_term_raises():
    with pytest.raises(AttributeError):
        DD.NotATerm  # noqa: B018


def test_known_terms_resolve():
    assert DD.Meeting == URIRef("https://w3id.org/ddgraph/ontology#Meeting")
    assert DD.delegationMember == URIRef("https://w3id.org/ddgraph/ontology#delegationMember")


@pytest.mark.parametrize("term", dd_terms())
def test_term_has_label_comment_and_type(term):
    g = ontology_graph()
    iri = DD[term]
    assert g.value(iri, RDFS.label) is not None
    assert g.value(iri, RDFS.comment) is not None
    kinds = set(g.objects(iri, RDF.type))
    expected = OWL.Class if term[0].isupper() else None
    if expected:
        assert OWL.Class in kinds
    else:
        assert kinds & {OWL.ObjectProperty, OWL.DatatypeProperty}


@pytest.mark.parametrize(
    ("sub", "pred", "sup"),
    [
        (DD.Person, RDFS.subClassOf, SCHEMA.Person),
        (DD.Organization, RDFS.subClassOf, ORG.Organization),
        (DD.Office, RDFS.subClassOf, ORG.Post),
        (DD.holdsRole, RDFS.subPropertyOf, ORG.holds),
        (DD.Meeting, RDFS.subClassOf, SEM.Event),
        (DD.participant, RDFS.subPropertyOf, SEM.hasActor),
        (DD.location, RDFS.subPropertyOf, SEM.hasPlace),
        (DD.Topic, RDFS.subClassOf, SKOS.Concept),
        (DD.Country, RDFS.subClassOf, DD.Place),
        (DD.Group, RDFS.subClassOf, DD.Organization),
        (DD.Meeting, RDFS.subClassOf, DD.Event),
        (DD.AidDelivery, RDFS.subClassOf, DD.Event),
        (DD.Agreement, RDFS.subClassOf, DD.Event),
        (DD.delegationMember, RDFS.subPropertyOf, DD.participant),
    ],
)
def test_alignments(sub, pred, sup):
    assert (sub, pred, sup) in ontology_graph()


def test_ontology_header():
    g = ontology_graph()
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in g
    assert g.value(ONTOLOGY_IRI, OWL.versionInfo) == Literal("1")


def contract_topics() -> list[str]:
    if not CONTRACT.exists():
        return TOPICS
    text = CONTRACT.read_text(encoding="utf-8").split("## Topics", 1)[-1]
    rows = re.findall(r"^\| ([a-z][a-z-]+) \|", text, flags=re.M)
    return [row for row in rows if row != "id"]


def test_contract_topic_table_is_the_one_we_know():
    assert sorted(contract_topics()) == sorted(TOPICS)


def test_topics_are_exactly_the_28_of_the_contract():
    g = topic_graph()
    typed = {str(s)[len(str(DDT)) :] for s in g.subjects(RDF.type, SKOS.Concept)}
    assert typed == set(TOPICS)
    assert set(topic_ids()) == set(TOPICS)
    assert len(topic_ids()) == 28


@pytest.mark.parametrize("topic", TOPICS)
def test_topic_shape(topic):
    g = topic_graph()
    iri = DDT[topic]
    assert (iri, RDF.type, DD.Topic) in g
    assert (iri, SKOS.inScheme, TOPIC_SCHEME) in g
    labels = {lit.language: lit for lit in g.objects(iri, SKOS.prefLabel)}
    assert set(labels) == {"en", "uk"}
    assert all(str(lit).strip() for lit in labels.values())
    assert any(lit.language == "en" for lit in g.objects(iri, SKOS.definition))


def test_scheme():
    g = topic_graph()
    assert (TOPIC_SCHEME, RDF.type, SKOS.ConceptScheme) in g
    assert len(set(g.objects(TOPIC_SCHEME, SKOS.hasTopConcept))) == 28


def test_bind_prefixes():
    g = bind_prefixes(Graph())
    bound = {prefix: str(ns) for prefix, ns in g.namespaces()}
    for prefix in ("dd", "ddr", "ddt", "schema", "skos", "xsd", "prov", "sem", "org", "rdfs"):
        assert prefix in bound
    assert bound["dd"] == "https://w3id.org/ddgraph/ontology#"
    assert bound["schema"] == "https://schema.org/"


def test_data_dir():
    assert (DATA_DIR / "ontology.ttl").is_file()
    assert (DATA_DIR / "topics.ttl").is_file()
