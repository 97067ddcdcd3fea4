"""Namespaces of the ddgraph vocabulary, and the shipped ontology and topic scheme.

The ``dd:`` terms are declared in ``data/ontology.ttl``; :class:`DD` lists the same
terms and refuses any other, so a typo in code fails at once instead of writing a
triple nobody can query.

Example:
    >>> DD.Person
    rdflib.term.URIRef('https://w3id.org/ddgraph/ontology#Person')
    >>> DDR["person/rustem-umerov"]
    rdflib.term.URIRef('https://w3id.org/ddgraph/id/person/rustem-umerov')
"""

# No ``from __future__ import annotations``: rdflib reads the class annotations
# of DD at run time.

from functools import lru_cache
from pathlib import Path

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

from ddgraph.graph.namespaces import (  # noqa: F401 - re-exported: the namespaces are defined once, there
    DATA_DIR,
    DD_NS,
    ID_NS,
    INSTANCES_GRAPH,
    PROV_NS,
    RDF_NS,
    RDFS_NS,
    SCHEMA_NS,
    SKOS_NS,
    SPARQL_PREFIXES,
    TOPIC_NS,
    XSD_NS,
)

#: IRI of the ontology document itself (not a ``dd:`` term).
ONTOLOGY_IRI = URIRef("https://w3id.org/ddgraph/ontology")

#: IRI of the ``ddt:`` concept scheme.
TOPIC_SCHEME = URIRef("https://w3id.org/ddgraph/topics")

DDR = Namespace(ID_NS)
DDT = Namespace(TOPIC_NS)
SCHEMA = Namespace(SCHEMA_NS)
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
ORG = Namespace("http://www.w3.org/ns/org#")


class DD(DefinedNamespace):
    """The ``dd:`` classes and properties; any other name raises AttributeError.

    Example:
        >>> DD.holdsRole
        rdflib.term.URIRef('https://w3id.org/ddgraph/ontology#holdsRole')
        >>> DD.NotATerm
        Traceback (most recent call last):
        ...
        AttributeError: term 'NotATerm' not in namespace 'https://w3id.org/ddgraph/ontology#'
    """

    _NS = Namespace(DD_NS)
    _fail = True

    # classes
    Person: URIRef
    Organization: URIRef
    Group: URIRef
    Office: URIRef
    Place: URIRef
    Country: URIRef
    Event: URIRef
    Meeting: URIRef
    AidDelivery: URIRef
    Agreement: URIRef
    WeaponSystem: URIRef
    Topic: URIRef
    Mention: URIRef

    # roles and belonging
    holdsRole: URIRef
    rank: URIRef
    ofOrganization: URIRef
    ofCountry: URIRef

    # events
    participant: URIRef
    delegationMember: URIRef
    location: URIRef
    date: URIRef
    notAfter: URIRef
    discusses: URIRef
    meetingKind: URIRef
    status: URIRef
    provider: URIRef
    recipient: URIRef
    item: URIRef
    itemDescription: URIRef
    agreementType: URIRef
    party: URIRef
    signatory: URIRef

    # evidence and provenance
    mentionOf: URIRef
    inArticle: URIRef
    surfaceForm: URIRef
    sentence: URIRef
    charStart: URIRef
    charEnd: URIRef
    supportsProperty: URIRef
    supportsValue: URIRef
    said: URIRef
    sourceFile: URIRef
    extractor: URIRef

    # the instance layer: values derived at write time
    InstanceLayer: URIRef
    nameKey: URIRef
    actorCountry: URIRef
    reportedIn: URIRef
    reportCount: URIRef
    firstReported: URIRef
    bestDate: URIRef
    dateQualifier: URIRef
    bestStatus: URIRef
    bestKind: URIRef
    participantCountry: URIRef
    locatedIn: URIRef
    meetingKey: URIRef
    participantKey: URIRef
    topicKey: URIRef
    placeKey: URIRef
    countryKey: URIRef
    pairKey: URIRef
    pairTopicKey: URIRef
    topicCount: URIRef
    keyId: URIRef
    statedIn: URIRef


def dd_terms() -> tuple[str, ...]:
    """Return the local names of every ``dd:`` term, in declaration order.

    Example:
        >>> "Meeting" in dd_terms() and "participant" in dd_terms()
        True
    """
    return tuple(name for name in DD.__annotations__ if not name.startswith("_"))


def bind_prefixes(graph: Graph) -> Graph:
    """Bind the project's prefixes on ``graph`` and return it.

    Binds dd, ddr, ddt, schema, skos, xsd, prov, sem, org, rdfs (and rdf, owl).

    Example:
        >>> g = bind_prefixes(Graph())
        >>> dict(g.namespaces())["ddt"]
        rdflib.term.URIRef('https://w3id.org/ddgraph/topic/')
    """
    for prefix, namespace in (
        ("dd", DD._NS),
        ("ddr", DDR),
        ("ddt", DDT),
        ("schema", SCHEMA),
        ("skos", SKOS),
        ("xsd", XSD),
        ("prov", PROV),
        ("sem", SEM),
        ("org", ORG),
        ("rdfs", RDFS),
        ("rdf", RDF),
        ("owl", OWL),
    ):
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


@lru_cache(maxsize=None)
def _parse(path: Path) -> Graph:
    graph = bind_prefixes(Graph())
    graph.parse(path, format="turtle")
    return graph


def ontology_graph() -> Graph:
    """Return ``data/ontology.ttl`` parsed (cached: copy it before changing it).

    Example:
        >>> (DD.Meeting, RDFS.subClassOf, SEM.Event) in ontology_graph()
        True
    """
    return _parse(DATA_DIR / "ontology.ttl")


def topic_graph() -> Graph:
    """Return ``data/topics.ttl``, the ``ddt:`` SKOS scheme, parsed (cached: copy it before changing it).

    Example:
        >>> (DDT["air-defense"], RDF.type, DD.Topic) in topic_graph()
        True
    """
    return _parse(DATA_DIR / "topics.ttl")


def topic_ids() -> tuple[str, ...]:
    """Return the ids of the ``ddt:`` topics (``"air-defense"``, ...), sorted.

    Example:
        >>> len(topic_ids())
        28
    """
    graph = topic_graph()
    return tuple(
        sorted(str(s)[len(str(DDT)) :] for s in graph.subjects(RDF.type, DD.Topic) if str(s).startswith(str(DDT)))
    )
