"""What the networkx projections read from the store, with a handful of SPARQL queries.

:class:`Snapshot` reads the union of the per-article named graphs
(``GRAPH ?g { ... }``) plus the article metadata and topic labels in the default
graph: the type of every node (the first of :data:`CLASS_TYPES` that matches,
else guessed from its IRI or edge), the edges of :data:`EDGE_PROPS` with the
articles stating them (``holdsRole`` / ``ofCountry`` collapsed into ``from``
edges), labels (English first), dates, meeting kind and status, and the first
evidence sentence of each node.

Example:
    >>> from rdflib import Dataset
    >>> snap = Snapshot(Dataset())
    >>> snap.types, dict(snap.edges)
    ({}, {})
"""

from __future__ import annotations

import datetime as _dt
from collections import defaultdict
from collections.abc import Iterable

from rdflib import Dataset, Namespace, URIRef
from rdflib.namespace import RDFS, SKOS

DD = Namespace("https://w3id.org/ddgraph/ontology#")
DDR = Namespace("https://w3id.org/ddgraph/id/")
DDT = Namespace("https://w3id.org/ddgraph/topic/")
SCHEMA = Namespace("https://schema.org/")

#: rdf:type -> node type; the first class that matches wins.
CLASS_TYPES = (
    (DD.Meeting, "meeting"),
    (DD.AidDelivery, "aid"),
    (DD.Agreement, "agreement"),
    (DD.Person, "person"),
    (DD.Group, "group"),
    (DD.Organization, "organization"),
    (DD.Country, "country"),
    (DD.WeaponSystem, "system"),
    (DD.Topic, "topic"),
    (DD.Place, "place"),
)
#: Every node type a projection can hold.
NODE_TYPES = tuple(t for _, t in CLASS_TYPES) + ("article",)
EVENT_TYPES = frozenset({"meeting", "aid", "agreement"})
#: dd: property -> edge relation (subject -> object).
EDGE_PROPS = {
    DD.participant: "participant",
    DD.delegationMember: "participant",
    DD.location: "location",
    DD.discusses: "discusses",
    DD.provider: "provider",
    DD.recipient: "recipient",
    DD.item: "item",
    DD.party: "party",
    DD.signatory: "signatory",
}

_PREFIXES = f"PREFIX dd: <{DD}>\nPREFIX schema: <{SCHEMA}>\nPREFIX rdfs: <{RDFS}>\nPREFIX skos: <{SKOS}>\n"


def _values(terms: Iterable[URIRef]) -> str:
    return " ".join(f"<{t}>" for t in terms)


def _rows(ds: Dataset, body: str):
    return ds.query(_PREFIXES + body)


def iso(value: str | _dt.date | None) -> str | None:
    """Normalise a date bound to an ISO string (or None).

    Example:
        >>> iso(_dt.date(2024, 9, 2)), iso("2024-09-02T10:00:00"), iso(None)
        ('2024-09-02', '2024-09-02', None)
    """
    if value is None:
        return None
    if isinstance(value, _dt.date):
        return value.isoformat()[:10]
    return str(value)[:10]


_SEGMENT_TYPES = {
    "person": "person", "organization": "organization", "group": "group", "country": "country",
    "place": "place", "system": "system", "meeting": "meeting", "aid": "aid", "agreement": "agreement",
}
_REL_TYPES = {"location": "place", "discusses": "topic", "item": "system", "provider": "country", "recipient": "country",
              "from": "country", "country": "country"}


def _guess_type(iri: str, rel: str) -> str:
    """Type of a node that no named graph types: from its IRI, else from the edge."""
    if iri.startswith(str(DDT)):
        return "topic"
    if iri.startswith(str(DDR)):
        segment = iri[len(str(DDR)):].split("/", 1)[0]
        if segment in _SEGMENT_TYPES:
            return _SEGMENT_TYPES[segment]
    return _REL_TYPES.get(rel, "organization")


def _label_rank(lit) -> tuple:
    lang = getattr(lit, "language", None) or ""
    return (0 if lang == "en" else 1 if not lang else 2, str(lit))


class Snapshot:
    """Everything the projections need, read with a handful of SPARQL queries.

    Attributes:
        types: node -> node type.
        sources: node -> the articles whose graph holds it.
        edges: (subject, object, relation) -> the articles stating it.
        delegation: (meeting, person) pairs of ``dd:delegationMember``.
        attrs: event -> date, date_qualifier, kind and status.
        articles: article -> published date and headline.
        labels: node -> its label (English first).
        evidence: node -> the first sentence of a mention of it.
    """

    def __init__(self, ds: Dataset) -> None:
        self.types: dict[str, str] = {}
        self.sources: dict[str, set[str]] = defaultdict(set)
        self.edges: dict[tuple[str, str, str], set[str]] = defaultdict(set)
        self.delegation: set[tuple[str, str]] = set()
        self.attrs: dict[str, dict] = defaultdict(dict)
        self.articles: dict[str, dict] = {}
        self._read_types(ds)
        self._read_edges(ds)
        self._read_labels(ds)
        self._read_dates(ds)
        self._read_evidence(ds)

    def _read_types(self, ds: Dataset) -> None:
        rank = {str(c): i for i, (c, _) in enumerate(CLASS_TYPES)}
        best: dict[str, int] = {}
        q = f"SELECT ?s ?t ?g WHERE {{ VALUES ?t {{ {_values(c for c, _ in CLASS_TYPES)} }} GRAPH ?g {{ ?s a ?t }} }}"
        for s, t, g in _rows(ds, q):
            s = str(s)
            self.sources[s].add(str(g))
            r = rank[str(t)]
            if r < best.get(s, len(rank)):
                best[s] = r
        self.types = {s: CLASS_TYPES[r][1] for s, r in best.items()}
        q = "SELECT ?a ?d ?h WHERE { ?a a schema:NewsArticle . OPTIONAL { ?a schema:datePublished ?d } OPTIONAL { ?a schema:headline ?h } }"
        for a, d, h in _rows(ds, q):
            self.articles[str(a)] = {"published": iso(d) if d is not None else None, "headline": str(h) if h is not None else None}

    def _read_edges(self, ds: Dataset) -> None:
        props = list(EDGE_PROPS) + [DD.holdsRole, DD.ofCountry, DD.ofOrganization]
        q = f"SELECT ?s ?p ?o ?g WHERE {{ VALUES ?p {{ {_values(props)} }} GRAPH ?g {{ ?s ?p ?o }} }}"
        role, office_country, office_org, of_country = (defaultdict(set) for _ in range(4))
        for s, p, o, g in _rows(ds, q):
            s, o, g = str(s), str(o), str(g)
            if p == DD.holdsRole:
                role[(s, o)].add(g)
            elif p == DD.ofOrganization:
                office_org[s].add(o)
            elif p == DD.ofCountry:
                (office_country if s not in self.types else of_country)[s].add(o)
                if s in self.types:
                    self.edges[(s, o, "country")].add(g)
            else:
                self.edges[(s, o, EDGE_PROPS[p])].add(g)
                if p == DD.delegationMember:
                    self.delegation.add((s, o))
        for (person, office), graphs in role.items():
            countries = office_country.get(office) or set().union(*(of_country.get(org, set()) for org in office_org.get(office, ())))
            for country in countries:
                self.edges[(person, country, "from")] |= graphs
        for (s, o, rel), graphs in self.edges.items():
            self.sources[s] |= graphs
            self.sources[o] |= graphs
            self.types.setdefault(s, _guess_type(s, "participant"))
            self.types.setdefault(o, _guess_type(o, rel))

    def _read_labels(self, ds: Dataset) -> None:
        labels: dict[str, list] = defaultdict(list)
        q = "SELECT ?s ?l WHERE { { GRAPH ?g { ?s rdfs:label ?l } } UNION { ?s rdfs:label|skos:prefLabel ?l } }"
        for s, lit in _rows(ds, q):
            labels[str(s)].append(lit)
        self.labels = {s: str(min(ls, key=_label_rank)) for s, ls in labels.items()}

    def _read_dates(self, ds: Dataset) -> None:
        q = f"SELECT ?e ?p ?v WHERE {{ VALUES ?p {{ {_values([DD.date, DD.notAfter, DD.meetingKind, DD.status])} }} GRAPH ?g {{ ?e ?p ?v }} }}"
        found: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        for e, p, v in _rows(ds, q):
            found[str(e)][str(p).rsplit("#", 1)[-1]].append(str(v))
        for e, props in found.items():
            if props.get("date"):
                self.attrs[e].update(date=min(iso(d) for d in props["date"]), date_qualifier="on")
            elif props.get("notAfter"):
                self.attrs[e].update(date=min(iso(d) for d in props["notAfter"]), date_qualifier="not after")
            if props.get("meetingKind"):
                self.attrs[e]["kind"] = min(props["meetingKind"])
            if props.get("status"):
                self.attrs[e]["status"] = min(props["status"])
        for e, t in self.types.items():  # undated events: bounded by their articles
            if t in EVENT_TYPES and "date" not in self.attrs[e]:
                pub = [self.articles.get(g, {}).get("published") for g in self.sources[e]]
                pub = [d for d in pub if d]
                if pub:
                    self.attrs[e].update(date=min(pub), date_qualifier="not after")

    def _read_evidence(self, ds: Dataset) -> None:
        q = "SELECT ?x ?s ?g ?c WHERE { GRAPH ?g { ?m dd:mentionOf ?x ; dd:sentence ?s . OPTIONAL { ?m dd:charStart ?c } } }"
        best: dict[str, tuple] = {}
        for x, sent, g, c in _rows(ds, q):
            key = (str(g), int(c) if c is not None else 0, str(sent))
            if str(x) not in best or key < best[str(x)]:
                best[str(x)] = key
        self.evidence = {x: k[2] for x, k in best.items()}
