"""What the evaluation reads from the store: the scored articles' facts, labels and types.

Only articles a gold file names are scored; a gold source "000" is the article
whose ``dd:sourceFile`` basename starts with "000_" or is "000" plus an
extension (:func:`is_source`). Facts are read from those articles' named
graphs (plus ``dd:ofCountry`` / ``dd:ofOrganization`` triples that are only in
the default graph); labels and types from the whole store.

Example:
    >>> from rdflib import Dataset
    >>> view = StoreView(Dataset(), ["000"])
    >>> view.by_prefix, view.label(URIRef("https://w3id.org/ddgraph/id/person/x"))
    ({'000': ()}, 'ddr:person/x')
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Iterable

from rdflib import RDF, RDFS, SKOS, Dataset, Literal, Namespace, URIRef
from rdflib.term import Node

from ddgraph.graph.namespaces import DD_NS, ID_NS, TOPIC_NS

DD = Namespace(DD_NS)
DDR = ID_NS
DDT = TOPIC_NS


def compact(node: Node) -> str:
    """Shorten a ddgraph IRI for display.

    Example:
        >>> compact(URIRef("https://w3id.org/ddgraph/id/person/x"))
        'ddr:person/x'
    """
    text = str(node)
    for base, prefix in ((DDR, "ddr:"), (DDT, "ddt:"), (str(DD), "dd:")):
        if text.startswith(base):
            return prefix + text[len(base):]
    return text


def values_clause(nodes: Iterable[Node]) -> str:
    """The terms of a SPARQL VALUES clause.

    Example:
        >>> values_clause([URIRef("https://x/a"), Literal("b")])
        '<https://x/a> "b"'
    """
    return " ".join(n.n3() for n in nodes)


class StoreView:
    """What evaluation needs from the store, read once with a few SPARQL queries.

    Attributes:
        files: article -> ``dd:sourceFile``.
        by_prefix: gold source prefix -> the articles it names.
        name: article -> its gold prefix.
        quads: article -> the triples of its named graph.
        terms: article -> the IRIs its named graph holds.
        facts: (subject, predicate) -> objects stated in a scored article (or the default graph).
        where: (subject, predicate, object) -> the prefixes of the articles stating it.
        labels: node -> (rdfs:label | skos:altLabel, literal) pairs.
        types: node -> rdf:types.
    """

    def __init__(self, ds: Dataset, prefixes: Iterable[str]) -> None:
        q = "PREFIX dd: <%s> " % DD
        self.files: dict[Node, str] = {}
        for a, f in ds.query(q + "SELECT DISTINCT ?a ?f WHERE { { ?a dd:sourceFile ?f } "
                             "UNION { GRAPH ?g { ?a dd:sourceFile ?f } } }"):
            self.files[a] = str(f)
        self.by_prefix = {p: tuple(sorted(a for a, f in self.files.items() if is_source(f, p)))
                          for p in prefixes}
        self.name = {g: p for p, gs in self.by_prefix.items() for g in gs}
        scored = sorted({g for gs in self.by_prefix.values() for g in gs})
        self.quads: dict[Node, list[tuple[Node, Node, Node]]] = defaultdict(list)
        self.terms: dict[Node, set[Node]] = defaultdict(set)
        self.facts: dict[tuple[Node, Node], set[Node]] = defaultdict(set)
        self.where: dict[tuple[Node, Node, Node], set[str]] = defaultdict(set)
        self.labels: dict[Node, set[tuple[Node, Literal]]] = defaultdict(set)
        self.types: dict[Node, set[Node]] = defaultdict(set)
        rows = ds.query("SELECT ?g ?s ?p ?o WHERE { VALUES ?g { %s } GRAPH ?g { ?s ?p ?o } }"
                        % values_clause(scored)) if scored else []
        for g, s, p, o in rows:
            self.quads[g].append((s, p, o))
            self.terms[g].add(s)
            if not isinstance(o, Literal):
                self.terms[g].add(o)
            self._add(s, p, o, self.name[g])
        # default-graph-only triples (also right when the dataset's default graph is the union)
        for s, p, o in ds.query(q + "SELECT ?s ?p ?o WHERE { VALUES ?p { dd:ofCountry dd:ofOrganization } ?s ?p ?o "
                                "FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?o } } }"):
            self._add(s, p, o, "default graph")
        nodes = sorted({n for key in self.facts for n in (key[0], *self.facts[key])
                        if isinstance(n, URIRef)})
        for i in range(0, len(nodes), 400):
            for s, p, o in ds.query(
                    "SELECT ?s ?p ?o WHERE { VALUES ?s { %s } VALUES ?p { %s } { ?s ?p ?o } UNION "
                    "{ GRAPH ?g { ?s ?p ?o } } }"
                    % (values_clause(nodes[i:i + 400]), values_clause((RDFS.label, SKOS.altLabel, RDF.type)))):
                self._add(s, p, o, None)

    def _add(self, s: Node, p: Node, o: Node, where: str | None) -> None:
        if p == RDF.type:
            self.types[s].add(o)
        elif p in (RDFS.label, SKOS.altLabel) and isinstance(o, Literal):
            self.labels[s].add((p, o))
        if where is not None:
            self.facts[(s, p)].add(o)
            self.where[(s, p, o)].add(where)

    def names(self, node: Node) -> set[str]:
        """Every label and altLabel (the value itself for a literal)."""
        if isinstance(node, Literal):
            return {str(node)}
        return {str(o) for _, o in self.labels.get(node, ())}

    def label(self, node: Node) -> str:
        """The best display label: rdfs:label@en, any rdfs:label, an altLabel, the IRI."""
        if isinstance(node, Literal):
            return str(node)
        ranked = sorted(self.labels.get(node, ()),
                        key=lambda po: (po[0] != RDFS.label, po[1].language != "en", str(po[1])))
        return str(ranked[0][1]) if ranked else compact(node)

    def has(self, node: Node, *classes: Node) -> bool:
        """Whether ``node`` has any of ``classes`` as type."""
        return bool(self.types.get(node, set()) & set(classes))

    def of(self, s: Node, *preds: Node) -> list[Node]:
        """Objects of ``s`` for any of ``preds``, sorted."""
        return sorted({o for p in preds for o in self.facts.get((s, p), ())}, key=str)

    def nodes(self, graphs: Iterable[Node], *classes: Node) -> list[Node]:
        """Nodes of any of ``classes`` that the named ``graphs`` hold, sorted."""
        return sorted({t for g in graphs for t in self.terms.get(g, ()) if self.has(t, *classes)}, key=str)

    def appears(self, node: Node, graphs: Iterable[Node] | None = None) -> tuple[str, ...]:
        """Prefixes of the articles (of ``graphs``, default all) whose graph holds ``node``."""
        graphs = self.terms if graphs is None else graphs
        return tuple(sorted({self.name[g] for g in graphs if node in self.terms.get(g, ())}))

    def stated(self, s: Node, p: Node, o: Node) -> tuple[str, ...]:
        """Prefixes of the articles that state the triple."""
        return tuple(sorted(self.where.get((s, p, o), ())))


def is_source(source_file: str, prefix: str) -> bool:
    """Whether the article of ``source_file`` is gold source ``prefix``.

    Example:
        >>> is_source("data/articles/000_caa004cb.txt", "000"), is_source("0001_x.txt", "000")
        (True, False)
    """
    base = re.split(r"[\\/]", source_file)[-1]
    return base.startswith(prefix + "_") or base.rsplit(".", 1)[0] == prefix


def labels_text(view: StoreView, nodes: Iterable[Node]) -> str:
    """The display labels of ``nodes``, comma-separated ("none" for no nodes).

    Example:
        >>> labels_text(StoreView(Dataset(), []), [])
        'none'
    """
    return ", ".join(view.label(n) for n in nodes) or "none"
