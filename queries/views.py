"""Interactive HTML views of the graph (pyvis / vis-network).

Each view picks part of the :func:`queries.project.to_networkx` projection and
writes one HTML page that works offline (see :mod:`queries.render`: legend,
tooltips, no external references). Alone, a page inlines vis-network
(self-contained); with ``assets`` (the site's mode) it links the shared copy.

Small views settle with vis physics (200 stabilisation iterations); views above
:data:`PHYSICS_MAX_NODES` get a layout computed in Python and physics off.
``max_events`` caps the events a person, topic or country-pair view shows (the
most recent ones; the page says so). Given the projection (``graph=``), a view
reads only the neighbourhood it shows, never the whole graph. The same input
always gives the same bytes.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # rdflib only in annotations: a lookup process does not load it
    from rdflib import Dataset

from ddgraph.graph.errors import QueryError
from ddgraph.queries.project import DDR, EVENT_TYPES, event_countries, person_graph, to_networkx, topic_iri
from ddgraph.queries.render import PageView, external_refs, force_layout, page_data, write_page

__all__ = [
    "PHYSICS_MAX_NODES", "country_iri", "country_pair_view", "ego_view", "graph_view", "meeting_view", "render",
    "topic_view",
    # re-exported from queries.render
    "external_refs", "force_layout", "page_data",
]

#: Views with more nodes get a Python layout and no physics.
PHYSICS_MAX_NODES = 500
#: Relations from an event to the things (or countries) taking part in it.
_TAKING_PART = ("participant", "party", "signatory", "provider", "recipient")


def render(view: PageView, path: str | Path, title: str, subtitle: str = "", notice: str = "", *,
           assets: str | Path | None = None, links: dict[str, str] | None = None) -> Path:
    """Write a view as one offline page: vis physics up to :data:`PHYSICS_MAX_NODES` nodes,
    else a layout computed in Python (:func:`queries.render.write_page`).

    ``assets``: None inlines vis-network; else the directory of the shared copy (site mode).
    ``links``: the site's pages by node (paths from the site's root, see :func:`queries.render.write_page`).

    Example:
        >>> view = PageView(to_networkx(ds))  # doctest: +SKIP
        >>> view.nodes = {"https://w3id.org/ddgraph/id/country/france"}  # doctest: +SKIP
        >>> render(view, "out/france.html", "France")  # doctest: +SKIP
        PosixPath('out/france.html')
    """
    return write_page(view, path, title, subtitle, notice, physics=len(view.nodes) <= PHYSICS_MAX_NODES, assets=assets,
                      links=links)


def _projection(ds, graph, **filters) -> nx.MultiDiGraph:
    return graph if graph is not None else to_networkx(ds, articles=True, **filters)


def _require(G: nx.MultiDiGraph, iri: str, kind: str) -> None:
    if iri not in G or G.nodes[iri]["type"] != kind:
        raise QueryError(f"{iri}: not a {kind} of the graph")


def _countries_of(G: nx.MultiDiGraph, nodes) -> set[str]:
    return {c for n in nodes for _, c, r in G.out_edges(n, keys=True) if r in ("from", "country")}


def most_recent(G: nx.MultiDiGraph, events, limit: int | None) -> list[str]:
    """The ``limit`` most recent events (dated ones by date, then undated ones by IRI), sorted by IRI.

    Example:
        >>> G = nx.MultiDiGraph(); G.add_node("a", date="2024-01-01"); G.add_node("b", date="2025-01-01"); G.add_node("c")
        >>> most_recent(G, ["a", "b", "c"], 2), most_recent(G, ["a", "b", "c"], None)
        (['a', 'b'], ['a', 'b', 'c'])
    """
    events = sorted(events)
    if limit is None or len(events) <= limit:
        return events
    dated = sorted((e for e in events if G.nodes[e].get("date")), key=lambda e: (G.nodes[e]["date"], e), reverse=True)
    return sorted((dated + [e for e in events if not G.nodes[e].get("date")])[:limit])


def _cap_notice(shown: int, total: int, what: str = "events") -> str:
    return f"Showing the {shown:,} most recent of {total:,} {what}." if shown < total else ""


def ego_view(ds: Dataset, person_iri: str, path, *, since=None, until=None, graph=None,
             max_events: int | None = None, assets=None, links=None) -> Path:
    """One person, the events they took part in, who else was there, where, on what.

    Args:
        ds: the dataset (not read when ``graph`` is given).
        person_iri: the person.
        path: the page to write.
        since, until: the period (ignored when ``graph`` is given).
        graph: an already built ``to_networkx(ds, articles=True)`` projection.
        max_events: show only this many of the person's most recent events (None: all).
        assets: the shared vis-network directory (site mode), or None to inline it.

    Example:
        >>> ego_view(ds, "https://w3id.org/ddgraph/id/person/rustem-umerov", "out/umerov.html")  # doctest: +SKIP
        PosixPath('out/umerov.html')
    """
    G = _projection(ds, graph, since=since, until=until)
    _require(G, person_iri, "person")
    v = PageView(G)
    every = {s for s, _, r in G.in_edges(person_iri, keys=True) if r in ("participant", "signatory")}
    events = most_recent(G, every, max_events)
    v.nodes = {person_iri, *events} | {o for e in events for o in G.successors(e)}
    v.nodes |= _countries_of(G, v.nodes)
    v.focus = {person_iri}
    v.add_projection_edges()
    P = person_graph(graph=G.subgraph(v.nodes))
    for other in sorted(P.neighbors(person_iri)) if person_iri in P else ():
        v.add_summary(person_iri, other, P[person_iri][other]["meetings"])
    label = G.nodes[person_iri]["label"]
    return render(v, path, f"{label}: meetings and partners",
                  f"{len(every)} event(s), {len(v.nodes):,} nodes. Dashed lines: meetings together.",
                  _cap_notice(len(events), len(every)), assets=assets, links=links)


def _meetings_of(G: nx.MultiDiGraph, person: str) -> set[str]:
    return {s for s, _, r in G.in_edges(person, keys=True) if r == "participant" and G.nodes[s]["type"] == "meeting"}


def meeting_view(ds: Dataset, meeting_iri: str, path, *, graph=None, assets=None, links=None) -> Path:
    """One meeting: participants, their countries, place, topics and the articles that report it.

    Two participants who met more than once (in any meeting of the graph) are
    joined by a dashed "met (all meetings)" line.

    Example:
        >>> meeting_view(ds, "https://w3id.org/ddgraph/id/meeting/ab12", "out/m.html")  # doctest: +SKIP
        PosixPath('out/m.html')
    """
    G = _projection(ds, graph)
    _require(G, meeting_iri, "meeting")
    v = PageView(G)
    v.nodes = {meeting_iri} | set(G.successors(meeting_iri)) | set(G.predecessors(meeting_iri))
    v.nodes |= _countries_of(G, v.nodes)
    v.focus = {meeting_iri}
    v.add_projection_edges()
    people = sorted(n for n in v.nodes if G.nodes[n]["type"] == "person")
    met = {p: _meetings_of(G, p) for p in people}
    for i, a in enumerate(people):
        for b in people[i + 1:]:
            together = met[a] & met[b]
            if len(together) > 1:
                v.add_summary(a, b, together, "met (all meetings)")
    d = G.nodes[meeting_iri]
    when = f"{d.get('date_qualifier', '')} {d['date']}" if d.get("date") else "undated"
    return render(v, path, d["label"], f"{when}; {len(people)} person(s); reported by {len(d['sources'])} article(s).",
                  assets=assets, links=links)


def topic_view(ds: Dataset, topic_id: str, path, *, since=None, until=None, graph=None,
               max_events: int | None = None, assets=None, links=None) -> Path:
    """The meetings that discussed a topic, with their participants and countries.

    ``max_events``: show only this many of the most recent meetings (None: all).

    Example:
        >>> topic_view(ds, "air-defense", "out/air-defense.html")  # doctest: +SKIP
        PosixPath('out/air-defense.html')
    """
    G = _projection(ds, graph, since=since, until=until)
    t = topic_iri(topic_id)
    _require(G, t, "topic")
    v = PageView(G)
    every = {s for s, _, r in G.in_edges(t, keys=True) if r == "discusses"}
    meetings = most_recent(G, every, max_events)
    v.nodes = {t, *meetings} | {o for m in meetings for o, in_rel in _participants(G, m)}
    v.nodes |= _countries_of(G, v.nodes)
    v.focus = {t}
    v.add_projection_edges()
    return render(v, path, f"Topic: {G.nodes[t]['label']}", f"{len(every)} meeting(s) discussed it.",
                  _cap_notice(len(meetings), len(every), "meetings"), assets=assets, links=links)


def _participants(G: nx.MultiDiGraph, event: str):
    return [(o, r) for _, o, r in G.out_edges(event, keys=True) if r in ("participant", "party", "signatory", "location")]


def country_iri(country: str) -> str:
    """Accept a country slug ("france") or IRI.

    Example:
        >>> country_iri("france")
        'https://w3id.org/ddgraph/id/country/france'
    """
    return country if "://" in country else str(DDR[f"country/{country}"])


def country_events(G: nx.MultiDiGraph, country: str) -> set[str]:
    """The events a country takes part in, itself or through its people and bodies
    (the inverse of :func:`queries.project.event_countries`, read from the country's neighbourhood).

    Example:
        >>> G = nx.MultiDiGraph(); G.add_node("m", type="meeting"); G.add_node("p", type="person")
        >>> _ = G.add_edge("m", "p", key="participant"); _ = G.add_edge("p", "c", key="from")
        >>> country_events(G, "c")
        {'m'}
    """
    found = set()
    for s, _, r in G.in_edges(country, keys=True):
        if r in _TAKING_PART and G.nodes[s]["type"] in EVENT_TYPES:
            found.add(s)
        elif r in ("from", "country"):
            found |= {e for e, _, r2 in G.in_edges(s, keys=True) if r2 in _TAKING_PART and G.nodes[e]["type"] in EVENT_TYPES}
    return found


def country_pair_view(ds: Dataset, a: str, b: str, path, *, since=None, until=None, graph=None,
                      max_events: int | None = None, assets=None, links=None) -> Path:
    """What links two countries: meetings between their people or bodies, aid, agreements.

    ``max_events``: show only this many of the most recent events (None: all).

    Example:
        >>> country_pair_view(ds, "ukraine", "france", "out/ua-fr.html")  # doctest: +SKIP
        PosixPath('out/ua-fr.html')
    """
    G = _projection(ds, graph, since=since, until=until)
    a, b = country_iri(a), country_iri(b)
    _require(G, a, "country")
    _require(G, b, "country")
    smaller = min((a, b), key=lambda c: (G.in_degree(c), c))
    every = {e for e in country_events(G, smaller) if {a, b} <= event_countries(G, e)}
    events = most_recent(G, every, max_events)
    v = PageView(G)
    v.nodes = {a, b, *events} | {o for e in events for o in G.successors(e)}
    v.focus = {a, b}
    v.add_projection_edges()
    meetings = [e for e in events if G.nodes[e]["type"] == "meeting"]
    if events:
        v.add_summary(a, b, meetings)
    n_meetings = sum(1 for e in every if G.nodes[e]["type"] == "meeting")
    la, lb = G.nodes[a]["label"], G.nodes[b]["label"]
    return render(v, path, f"{la} – {lb}", f"{n_meetings} meeting(s), {len(every) - n_meetings} aid / agreement(s).",
                  _cap_notice(len(events), len(every)), assets=assets, links=links)


def graph_view(ds: Dataset, path, *, since=None, until=None, kinds=None, topic=None, max_nodes: int = 3000, graph=None,
               assets=None, links=None) -> Path:
    """The whole projection (or a period / type / topic slice of it).

    Above ``max_nodes`` only the most connected nodes are kept (ties by IRI)
    and the page says "showing N of M nodes".

    Example:
        >>> graph_view(ds, "out/graph.html", since="2024-01-01", max_nodes=500)  # doctest: +SKIP
        PosixPath('out/graph.html')
    """
    G = graph if graph is not None else to_networkx(ds, since=since, until=until, kinds=kinds, topic=topic)
    if graph is not None and (kinds is None or "article" not in kinds):
        G = G.subgraph(n for n, t in G.nodes(data="type") if t != "article" and (kinds is None or t in kinds))
    v = PageView(G)
    total = G.number_of_nodes()
    degree = dict(G.degree())  # one pass (a subgraph view answers G.degree(n) slowly)
    ranked = sorted(G.nodes, key=lambda n: (-degree[n], n))
    v.nodes = set(ranked[:max_nodes])
    v.add_projection_edges()
    notice = f"Showing {len(v.nodes):,} of {total:,} nodes (the most connected)." if total > max_nodes else ""
    parts = [f"from {since}" if since else "", f"until {until}" if until else "", f"topic {topic}" if topic else "",
             "types: " + ", ".join(sorted(kinds)) if kinds else ""]
    sub = f"{total:,} nodes, {sum(degree.values()) // 2:,} edges. " + "; ".join(p for p in parts if p)
    return render(v, path, "ddgraph: defense-diplomacy network", sub.strip(), notice, assets=assets, links=links)
