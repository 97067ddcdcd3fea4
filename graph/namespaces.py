"""The namespaces of ddgraph as plain strings, defined once, with no rdflib import.

Every module takes its namespaces from here (directly, or through
:mod:`graph.ontology`, which builds rdflib's ``Namespace`` objects and the closed
``dd:`` vocabulary from them). Query commands import only this module, so a new
``ddgraph`` process starts without loading rdflib.

Example:
    >>> INSTANCES_GRAPH
    'https://w3id.org/ddgraph/id/graph/instances'
"""

from pathlib import Path

#: The repository's ``data/`` directory (ontology, topics, lexicon).
DATA_DIR: Path = Path(__file__).resolve().parent.parent / "data"

#: The namespaces, as plain strings: every module takes them from here.
DD_NS = "https://w3id.org/ddgraph/ontology#"
ID_NS = "https://w3id.org/ddgraph/id/"
TOPIC_NS = "https://w3id.org/ddgraph/topic/"
SCHEMA_NS = "https://schema.org/"
RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS_NS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS_NS = "http://www.w3.org/2004/02/skos/core#"
XSD_NS = "http://www.w3.org/2001/XMLSchema#"
PROV_NS = "http://www.w3.org/ns/prov#"
#: The instance layer's named graph (see graph.instances).
INSTANCES_GRAPH = ID_NS + "graph/instances"
#: The prefixes every shipped SPARQL query and ``ddgraph sparql`` may use: name -> namespace.
PREFIX_NAMESPACES = {"dd": DD_NS, "ddr": ID_NS, "ddt": TOPIC_NS, "schema": SCHEMA_NS, "skos": SKOS_NS,
                     "rdfs": RDFS_NS, "rdf": RDF_NS, "xsd": XSD_NS, "prov": PROV_NS, "ddg": ID_NS + "graph/"}
#: Those prefixes as the declarations put before a query.
SPARQL_PREFIXES = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIX_NAMESPACES.items())
