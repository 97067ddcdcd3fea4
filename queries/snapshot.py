"""What the networkx projections read from the store, with a handful of SPARQL queries.

:class:`Snapshot` reads the instance layer (each fact once, with the values
derived at write time) plus the article metadata and topic labels in the
default graph: the type of every node (the first of :data:`CLASS_TYPES` that
matches, else guessed from its IRI or edge), the edges of :data:`EDGE_PROPS`
with the articles reporting them (``holdsRole`` / ``ofCountry`` collapsed into
``from`` edges), labels (English first), best dates, meeting kind and status,
and the first evidence sentence of each event (read from the article graphs).

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

from ddgraph.graph.namespaces import DD_NS, ID_NS, INSTANCES_GRAPH, SCHEMA_NS, TOPIC_NS

DD = Namespace(DD_NS)
DDR = Namespace(ID_NS)
DDT = Namespace(TOPIC_NS)
SCHEMA = Namespace(SCHEMA_NS)

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


def _rows(ds: Dataset, body: str) -> list[tuple]:
    """Rows of a SELECT as tuples of plain strings (None when unbound)."""
    from ddgraph.queries.sparql import run_select

    return [tuple(row) for row in run_select(ds, _PREFIXES + body, union=False).rows]


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


INSTANCES = INSTANCES_GRAPH
_EVENT_CLASSES = (DD.Meeting, DD.AidDelivery, DD.Agreement)


class Snapshot:
    """Everything the projections need, read from the instance layer with a handful of SPARQL queries.

    Attributes:
        types: node -> node type.
        sources: node -> the articles reporting it (events: ``dd:reportedIn``; other
            things: the articles reporting the events they take part in).
        edges: (subject, object, relation) -> the articles stating it (those reporting its event).
        delegation: (meeting, person) pairs of ``dd:delegationMember``.
        attrs: event -> date, date_qualifier, kind and status (derived at write time).
        articles: article -> published date and headline.
        labels: node -> its label (English first).
        evidence: node -> the first sentence of a mention of it (events: by article and offset;
            other things: the first the index gives).
    """

    def __init__(self, ds: Dataset, *, evidence: bool = True) -> None:
        self.types: dict[str, str] = {}
        self.sources: dict[str, set[str]] = defaultdict(set)
        self.edges: dict[tuple[str, str, str], set[str]] = defaultdict(set)
        self.delegation: set[tuple[str, str]] = set()
        self.attrs: dict[str, dict] = defaultdict(dict)
        self.articles: dict[str, dict] = {}
        self.evidence: dict[str, str] = {}
        self._read_types(ds)
        self._read_edges(ds)
        self._read_labels(ds)
        self._read_dates(ds)
        if evidence:
            self._read_evidence(ds, [n for n, t in self.types.items() if t in EVENT_TYPES])
            for n in sorted(n for n, t in self.types.items() if t not in EVENT_TYPES and t != "topic"):
                q = (f"SELECT ?s WHERE {{ GRAPH ?g {{ ?m dd:mentionOf <{n}> ; dd:sentence ?s }} "
                     f"FILTER(?g != <{INSTANCES}>) }} LIMIT 1")
                for (sentence,) in _rows(ds, q):
                    self.evidence[n] = sentence

    def _read_types(self, ds: Dataset) -> None:
        rank = {str(c): i for i, (c, _) in enumerate(CLASS_TYPES)}
        best: dict[str, int] = {}
        rows = [(s, str(c)) for c, _ in CLASS_TYPES
                for (s,) in _rows(ds, f"SELECT ?s WHERE {{ GRAPH <{INSTANCES}> {{ ?s a <{c}> }} }}")]
        for s, t in rows:
            r = rank[t]
            if r < best.get(s, len(rank)):
                best[s] = r
        self.types = {s: CLASS_TYPES[r][1] for s, r in best.items()}
        q = f"SELECT ?e ?a WHERE {{ GRAPH <{INSTANCES}> {{ ?e <{DD.reportedIn}> ?a }} }}"
        for e, a in _rows(ds, q):
            self.sources[e].add(a)
        q = ("SELECT ?a ?d ?h ?o ?f WHERE { ?a a schema:NewsArticle . OPTIONAL { ?a schema:datePublished ?d } "
             "OPTIONAL { ?a schema:headline ?h } OPTIONAL { ?a schema:publisher ?o } OPTIONAL { ?a dd:sourceFile ?f } }")
        for a, d, h, o, f in _rows(ds, q):
            self.articles[a] = {"published": iso(d) if d is not None else None, "headline": h, "publisher": o,
                                "file": f}

    def _read_edges(self, ds: Dataset) -> None:
        props = list(EDGE_PROPS) + [DD.holdsRole, DD.ofCountry, DD.ofOrganization]
        rows = [(s, str(p), o) for p in props
                for s, o in _rows(ds, f"SELECT ?s ?o WHERE {{ GRAPH <{INSTANCES}> {{ ?s <{p}> ?o }} }}")]
        holds, of_org, of_country, delegation = (str(DD.holdsRole), str(DD.ofOrganization), str(DD.ofCountry),
                                                  str(DD.delegationMember))
        relation = {str(k): v for k, v in EDGE_PROPS.items()}
        role, office_country, office_org, entity_country = (defaultdict(set) for _ in range(4))
        edges: set[tuple[str, str, str]] = set()
        for s, p, o in rows:
            if p == holds:
                role[s].add(o)
            elif p == of_org:
                office_org[s].add(o)
            elif p == of_country:
                if s not in self.types or "/office/" in s:
                    office_country[s].add(o)
                else:
                    entity_country[s].add(o)
                    edges.add((s, o, "country"))
            else:
                edges.add((s, o, relation[p]))
                if p == delegation:
                    self.delegation.add((s, o))
        for s, o, rel in edges:
            if rel != "country" and self.types.get(s) in EVENT_TYPES:
                self.sources[o] |= self.sources.get(s, set())
        for person, offices in role.items():
            for office in offices:
                countries = office_country.get(office) or set().union(
                    *(entity_country.get(org, set()) for org in office_org.get(office, ())))
                edges |= {(person, country, "from") for country in countries}
        empty: set[str] = set()
        for s, o, rel in edges:
            self.edges[(s, o, rel)] = self.sources.get(s, empty)  # shared, never changed in place
            if s not in self.types:
                self.types[s] = _guess_type(s, "participant")
            if o not in self.types:
                self.types[o] = _guess_type(o, rel)

    def _read_labels(self, ds: Dataset) -> None:
        labels: dict[str, list] = defaultdict(list)
        q = (f"SELECT ?s ?l (LANG(?l) AS ?lang) WHERE {{ {{ GRAPH <{INSTANCES}> {{ ?s rdfs:label ?l }} }} "
             "UNION { ?s a <" + str(DD.Topic) + "> ; skos:prefLabel ?l } }")
        for s, lit, lang in _rows(ds, q):
            labels[s].append((0 if lang == "en" else 1 if not lang else 2, lit))
        self.labels = {s: min(ls)[1] for s, ls in labels.items()}

    def _read_dates(self, ds: Dataset) -> None:
        props = [DD.bestDate, DD.dateQualifier, DD.bestKind, DD.bestStatus, DD.status]
        found: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        for p in props:
            name = str(p).rsplit("#", 1)[-1]
            for e, v in _rows(ds, f"SELECT ?e ?v WHERE {{ GRAPH <{INSTANCES}> {{ ?e <{p}> ?v }} }}"):
                found[e][name].append(v)
        for e, props in found.items():
            if props.get("bestDate"):
                self.attrs[e].update(date=min(iso(d) for d in props["bestDate"]),
                                     date_qualifier=min(props.get("dateQualifier") or ["on"]))
            if props.get("bestKind"):
                self.attrs[e]["kind"] = min(props["bestKind"])
            status = props.get("bestStatus") or props.get("status")
            if status:
                self.attrs[e]["status"] = min(status)

    def _read_evidence(self, ds: Dataset, events: list[str]) -> None:
        for i in range(0, len(events), 500):
            batch = " ".join(f"<{e}>" for e in sorted(events)[i : i + 500])
            q = (f"SELECT ?x ?s ?g ?c WHERE {{ VALUES ?x {{ {batch} }} GRAPH ?g {{ ?m dd:mentionOf ?x ; "
                 "dd:sentence ?s . OPTIONAL { ?m dd:charStart ?c } } }")
            best: dict[str, tuple] = {}
            for x, sent, g, c in _rows(ds, q):
                key = (g, int(c) if c is not None else 0, sent)
                if x not in best or key < best[x]:
                    best[x] = key
            self.evidence.update((x, k[2]) for x, k in best.items())
