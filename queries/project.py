"""Project the RDF dataset onto networkx graphs for analytics and views.

Reads the store once (:class:`queries.snapshot.Snapshot`: the union of the
per-article named graphs plus the article metadata and topic labels in the
default graph), and builds:

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
from pathlib import PurePath
from collections.abc import Iterable

import networkx as nx
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # rdflib only in annotations: a lookup process does not load it
    from rdflib import Dataset

from ddgraph.graph.errors import QueryError
from ddgraph.queries.snapshot import DDR, DDT, EVENT_TYPES, NODE_TYPES, Snapshot, iso

__all__ = [
    "country_graph", "event_countries", "local_label", "meeting_sort_key", "person_graph", "to_networkx", "topic_iri",
    # re-exported from queries.snapshot
    "DDR", "EVENT_TYPES", "NODE_TYPES", "iso",
]


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
    evidence: bool = True,
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
        evidence: read one evidence sentence per node (for tooltips; analytics need none).

    Returns:
        The projection; node ids are IRI strings.

    Raises:
        QueryError: for an unknown node type in ``kinds``.

    Example:
        >>> from rdflib import Dataset
        >>> G = to_networkx(Dataset())
        >>> G.number_of_nodes(), G.number_of_edges()
        (0, 0)
    """
    snap = Snapshot(ds, evidence=evidence)
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
    titles = meeting_titles(snap, {n for n in keep if snap.types[n] == "meeting"})
    for n in sorted(keep):
        attrs = {
            "label": titles.get(n) or snap.labels.get(n) or local_label(n),
            "name": snap.labels.get(n) or local_label(n),
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


def when(attrs: dict) -> str:
    """An event's date as the pages show it: "≤ " before a date that only bounds it, "undated" for none.

    Example:
        >>> when({"date": "2024-09-02", "date_qualifier": "not after"}), when({"date": "2024-09-02"}), when({})
        ('≤ 2024-09-02', '2024-09-02', 'undated')
    """
    if not attrs.get("date"):
        return "undated"
    return ("≤ " if attrs.get("date_qualifier") == "not after" else "") + attrs["date"]


def meeting_titles(snap: Snapshot, meetings: set[str]) -> dict[str, str]:
    """A title per meeting from the graph's own labels: its date, place and participants
    (surnames of persons, then bodies), e.g. "2024-09-02, Paris: Lecornu – Umerov".

    The labels the articles gave meetings mix spellings ("Sebastien", "Sébastien") and,
    cut to a node's width, several meetings of the same pair read the same; the date
    and place come first so that they stay apart.
    """
    out_of: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for s, o, rel in snap.edges:
        if s in meetings and rel in ("participant", "location"):
            out_of[s].append((rel, o))
    titles = {}
    for m in meetings:
        date = when(snap.attrs.get(m, {}))
        places = [snap.labels.get(o) or local_label(o) for o in sorted(  # a city before its country
            (o for rel, o in out_of[m] if rel == "location"),
            key=lambda o: (snap.types.get(o) == "country", snap.labels.get(o) or o))]
        who = [o for rel, o in out_of[m] if rel == "participant"]
        persons = sorted((snap.labels.get(o) or local_label(o)).split()[-1] for o in who if snap.types.get(o) == "person")
        bodies = sorted(snap.labels.get(o) or local_label(o) for o in who if snap.types.get(o) != "person")
        where = f", {places[0]}" if places else ""
        titles[m] = f"{date}{where}: {' – '.join(persons + bodies)}" if who else f"{date}{where}"
    return titles


def article_title(meta: dict, article: str) -> str:
    """An article's outlet and date, then its headline (else its file's name), never a hash alone.

    Example:
        >>> article_title({"publisher": "Ukrinform", "published": "2024-09-02", "headline": "Umerov in Paris"}, "x")
        'Ukrinform, 2024-09-02: Umerov in Paris'
        >>> article_title({"file": "data/articles/000_ukrinform.txt"}, "https://w3id.org/ddgraph/id/article/ab12")
        '000_ukrinform'
    """
    what = meta.get("headline") or (PurePath(meta["file"]).stem if meta.get("file") else local_label(article))
    source = ", ".join(x for x in (meta.get("publisher"), (meta.get("published") or "")[:10]) if x)
    return f"{source}: {what}" if source else what


def _add_articles(G: nx.MultiDiGraph, snap: Snapshot) -> None:
    events = [n for n, t in G.nodes(data="type") if t in EVENT_TYPES]
    for art in sorted({g for e in events for g in G.nodes[e]["sources"]}):
        meta = snap.articles.get(art, {})
        G.add_node(
            art,
            label=article_title(meta, art),
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
        >>> from rdflib import Dataset
        >>> person_graph(Dataset()).number_of_nodes()
        0
    """
    G = graph if graph is not None else to_networkx(ds, since=since, until=until, topic=topic, evidence=False)
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
        >>> from rdflib import Dataset
        >>> country_graph(Dataset()).number_of_edges()
        0
    """
    G = graph if graph is not None else to_networkx(ds, since=since, until=until, topic=topic, evidence=False)
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
