"""Project the RDF dataset onto networkx graphs for analytics and views.

Reads the union of the per-article named graphs (``GRAPH ?g { ... }``) plus the
article metadata and topic labels in the default graph, and builds:

* :func:`to_networkx`: a ``MultiDiGraph`` whose nodes are persons,
  organisations / groups, countries, places, meetings, aid deliveries,
  agreements, topics, weapon systems (and optionally articles), and whose edges
  are ``participant``, ``location``, ``discusses``, ``provider``, ``recipient``,
  ``item``, ``party``, ``signatory``, ``from`` (``person -holdsRole-> office
  -ofCountry-> country`` collapsed), ``country`` (``dd:ofCountry`` of a body or
  place) and ``reports`` (article -> event).
* :func:`person_graph`: persons linked when they took part in the same meeting.
* :func:`country_graph`: countries linked when their people or bodies met, or
  when one gave aid to the other.

Node ids are IRI strings. Node attributes: ``label``, ``type``, ``date`` and
``date_qualifier`` ("on" / "not after", events only), ``dates`` (sorted dates of
the event, or of the events the entity takes part in), ``sources`` (sorted
article IRIs), ``evidence`` (the first ``dd:sentence`` of a ``dd:Mention`` of
the node, by article IRI then offset) and, for meetings, ``kind`` / ``status``.
Edge keys are the relation names; edge attributes ``rel``, ``sources`` and, on
participant edges, ``delegation``.
"""

from __future__ import annotations

import datetime as _dt
import itertools
from collections import defaultdict
from collections.abc import Iterable

import networkx as nx
from rdflib import Dataset, Namespace, URIRef
from rdflib.namespace import RDFS, SKOS

from graph.errors import QueryError

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


def local_label(iri: str) -> str:
    """A readable fallback label from the last segment of an IRI.

    Example:
        >>> local_label("https://w3id.org/ddgraph/topic/air-defense")
        'air defense'
    """
    return iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1].replace("-", " ")


def topic_iri(topic: str) -> str:
    """Accept a topic id ("air-defense") or IRI and return the IRI.

    Example:
        >>> topic_iri("air-defense")
        'https://w3id.org/ddgraph/topic/air-defense'
    """
    return topic if "://" in topic else str(DDT[topic])


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


class _Snapshot:
    """Everything the projections need, read with a handful of SPARQL queries."""

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


def _keep_event(event: str, attrs: dict, etype: str, since: str | None, until: str | None, topic: str | None, discussed: set) -> bool:
    if topic is not None and (etype != "meeting" or event not in discussed):
        return False
    if since is None and until is None:
        return True
    d = attrs.get("date")
    return d is not None and (since is None or d >= since) and (until is None or d <= until)


def to_networkx(
    ds: Dataset,
    *,
    since: str | _dt.date | None = None,
    until: str | _dt.date | None = None,
    kinds: Iterable[str] | None = None,
    topic: str | None = None,
    articles: bool = False,
) -> nx.MultiDiGraph:
    """Project the dataset onto a typed ``MultiDiGraph``.

    Period (``since`` / ``until``, inclusive ISO dates) and ``topic`` filters keep
    the events that match (an event's date is ``dd:date``, else ``dd:notAfter``,
    else the earliest publication date of its articles; with a topic only the
    meetings that discuss it) and the entities linked to them, plus the
    countries of those entities. ``kinds`` (node types, see :data:`NODE_TYPES`)
    then drops every other type. Article nodes are added when ``articles`` is
    true or "article" is in ``kinds``.

    Args:
        ds: the dataset.
        since: first day of the period.
        until: last day of the period.
        kinds: node types to keep; None keeps all.
        topic: a topic id ("air-defense") or IRI.
        articles: add article nodes with ``reports`` edges to the events.

    Returns:
        The projection; node ids are IRI strings.

    Raises:
        QueryError: for an unknown node type in ``kinds``.

    Example:
        >>> G = to_networkx(Dataset())
        >>> G.number_of_nodes(), G.number_of_edges()
        (0, 0)
    """
    snap = _Snapshot(ds)
    since, until = iso(since), iso(until)
    tiri = topic_iri(topic) if topic else None
    discussed = {s for (s, o, rel) in snap.edges if rel == "discusses" and o == tiri}
    filtered = since is not None or until is not None or tiri is not None
    keep = {n for n, t in snap.types.items() if t in EVENT_TYPES and _keep_event(n, snap.attrs[n], t, since, until, tiri, discussed)}
    if filtered:
        keep |= {o for (s, o, _) in snap.edges if s in keep} | ({tiri} if tiri in snap.types else set())
        keep |= {o for (s, o, rel) in snap.edges if rel in ("from", "country") and s in keep}
    else:
        keep = set(snap.types)
    kinds = set(kinds) if kinds is not None else None
    if kinds is not None and not kinds <= set(NODE_TYPES):
        raise QueryError(f"unknown node type(s) {sorted(kinds - set(NODE_TYPES))}: expected some of {', '.join(NODE_TYPES)}")
    with_articles = articles or (kinds is not None and "article" in kinds)
    if kinds is not None:
        keep = {n for n in keep if snap.types[n] in kinds}

    G = nx.MultiDiGraph()
    dates: dict[str, set[str]] = defaultdict(set)
    edges = sorted((s, o, rel) for (s, o, rel) in snap.edges if s in keep and o in keep)
    for s, o, rel in edges:
        if snap.types[s] in EVENT_TYPES and "date" in snap.attrs[s]:
            dates[o].add(snap.attrs[s]["date"])
    for n in sorted(keep):
        attrs = {
            "label": snap.labels.get(n) or local_label(n),
            "type": snap.types[n],
            "sources": sorted(snap.sources.get(n, ())),
            "evidence": snap.evidence.get(n),
        }
        attrs.update(snap.attrs.get(n, {}))
        own = {attrs["date"]} if attrs.get("date") else set()
        attrs["dates"] = sorted(own | dates[n])
        G.add_node(n, **attrs)
    for s, o, rel in edges:
        extra = {"delegation": (s, o) in snap.delegation} if rel == "participant" else {}
        G.add_edge(s, o, key=rel, rel=rel, sources=sorted(snap.edges[(s, o, rel)]), **extra)
    if with_articles:
        _add_articles(G, snap)
    return G


def _add_articles(G: nx.MultiDiGraph, snap: _Snapshot) -> None:
    events = [n for n, t in G.nodes(data="type") if t in EVENT_TYPES]
    for art in sorted({g for e in events for g in G.nodes[e]["sources"]}):
        meta = snap.articles.get(art, {})
        G.add_node(
            art,
            label=meta.get("headline") or local_label(art),
            type="article",
            dates=[meta["published"]] if meta.get("published") else [],
            sources=[art],
            evidence=None,
        )
    for e in sorted(events):
        for art in G.nodes[e]["sources"]:
            G.add_edge(art, e, key="reports", rel="reports", sources=[art])


def meeting_sort_key(G: nx.Graph, meeting: str) -> tuple[str, str]:
    """Sort key for meetings: by date (undated last), then IRI.

    Example:
        >>> G = nx.Graph(); G.add_node("m", date="2024-01-01")
        >>> meeting_sort_key(G, "m")
        ('2024-01-01', 'm')
    """
    return (G.nodes[meeting].get("date") or "9999", meeting)


def person_graph(ds: Dataset | None = None, *, since=None, until=None, topic=None, graph: nx.MultiDiGraph | None = None) -> nx.Graph:
    """Persons linked when they took part in the same meeting.

    Args:
        ds: the dataset (ignored when ``graph`` is given).
        since, until, topic: as in :func:`to_networkx`.
        graph: an already built :func:`to_networkx` projection to reuse.

    Returns:
        An undirected graph of every person of the projection (with its node
        attributes); each edge has ``meetings`` (IRIs sorted by date) and
        ``weight`` (their number).

    Example:
        >>> person_graph(Dataset()).number_of_nodes()
        0
    """
    G = graph if graph is not None else to_networkx(ds, since=since, until=until, topic=topic)
    P = nx.Graph()
    P.add_nodes_from(sorted((n, d) for n, d in G.nodes(data=True) if d["type"] == "person"))
    for m in sorted((n for n, t in G.nodes(data="type") if t == "meeting"), key=lambda m: meeting_sort_key(G, m)):
        people = sorted({o for _, o, rel in G.out_edges(m, keys=True) if rel == "participant" and o in P})
        for a, b in itertools.combinations(people, 2):
            if P.has_edge(a, b):
                P[a][b]["meetings"].append(m)
            else:
                P.add_edge(a, b, meetings=[m])
    for _, _, d in P.edges(data=True):
        d["weight"] = len(d["meetings"])
    return P


def event_countries(G: nx.MultiDiGraph, event: str) -> set[str]:
    """Countries whose people or bodies take part in an event (or are party to it).

    Example:
        >>> G = nx.MultiDiGraph(); G.add_node("c", type="country")
        >>> _ = G.add_edge("m", "c", key="participant")
        >>> event_countries(G, "m")
        {'c'}
    """
    found = set()
    for _, o, rel in G.out_edges(event, keys=True):
        if rel not in ("participant", "party", "signatory", "provider", "recipient"):
            continue
        if G.nodes[o].get("type") == "country":
            found.add(o)
        found |= {c for _, c, r in G.out_edges(o, keys=True) if r in ("from", "country")}
    return found


def country_graph(ds: Dataset | None = None, *, since=None, until=None, topic=None, graph: nx.MultiDiGraph | None = None) -> nx.Graph:
    """Countries linked by meetings between their people or bodies, and by aid.

    Each edge has ``meetings`` (meeting IRIs sorted by date), ``aid`` (aid
    delivery IRIs) and ``weight`` (meetings + aid).

    Example:
        >>> country_graph(Dataset()).number_of_edges()
        0
    """
    G = graph if graph is not None else to_networkx(ds, since=since, until=until, topic=topic)
    C = nx.Graph()
    C.add_nodes_from(sorted((n, d) for n, d in G.nodes(data=True) if d["type"] == "country"))
    events = sorted((n for n, t in G.nodes(data="type") if t in ("meeting", "aid")), key=lambda m: meeting_sort_key(G, m))
    for e in events:
        field = "meetings" if G.nodes[e]["type"] == "meeting" else "aid"
        for a, b in itertools.combinations(sorted(event_countries(G, e) & set(C)), 2):
            if not C.has_edge(a, b):
                C.add_edge(a, b, meetings=[], aid=[])
            C[a][b][field].append(e)
    for _, _, d in C.edges(data=True):
        d["weight"] = len(d["meetings"]) + len(d["aid"])
    return C
