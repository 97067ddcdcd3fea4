"""A static, offline site of views: the whole graph plus one page per person,
meeting, topic that occurs and pair of countries that met, and a paginated index.

Layout of ``out_dir``::

    index.html               counts, the whole-graph link, links to the list pages
    lists/<kind>-<n>.html    persons, meetings, topics, country pairs: PER_PAGE rows a page, with a filter box
    assets/                  vis-network's JS and CSS (pyvis's copy), written once
    graph.html               the whole graph (capped at ``max_nodes``, see queries.views.graph_view)
    persons/<id>.html        one ego view per person
    meetings/<id>.html       one view per meeting
    topics/<id>.html         one view per topic discussed by at least one meeting
    countries/<a>--<b>.html  one view per pair of countries whose people met

View pages link ``../assets/`` by a relative path (a few KB each instead of
0.7 MB); the nodes and edges of each page stay in it. The projection is built
once; each page reads only the neighbourhood it shows, and person, topic and
country-pair pages show at most ``max_events`` events (the most recent). The
same store gives the same bytes.
"""

from __future__ import annotations

import hashlib
import re
import time
from pathlib import Path

import networkx as nx
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # rdflib only in annotations: a lookup process does not load it
    from rdflib import Dataset

from ddgraph.queries.assets import write_assets
from ddgraph.queries.project import country_graph, meeting_sort_key, to_networkx, when
from ddgraph.queries.site_index import Listing, Row, write_index
from ddgraph.queries.views import country_pair_view, ego_view, graph_view, meeting_view, topic_view

__all__ = ["MAX_EVENTS", "PER_PAGE", "page_name", "write_site"]

#: Rows of a list page.
PER_PAGE = 500
#: Events shown at most on a person, topic or country-pair page of the site.
MAX_EVENTS = 100


def page_name(iri: str) -> str:
    """A file name for an IRI: its last segment, made safe (with a short hash
    when characters had to be replaced).

    Example:
        >>> page_name("https://w3id.org/ddgraph/id/person/rustem-umerov")
        'rustem-umerov'
        >>> page_name("https://w3id.org/ddgraph/id/person/séb astien")[:10]
        's-b-astien'
    """
    last = iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
    safe = re.sub(r"[^A-Za-z0-9_.-]", "-", last).strip(".") or "x"
    if safe != last:
        safe += "-" + hashlib.sha256(iri.encode()).hexdigest()[:8]
    return safe[:120]


class _Clock:
    """Seconds spent per step, added into ``timings`` when given."""

    def __init__(self, timings: dict | None) -> None:
        self.timings = timings if timings is not None else {}
        self.t = time.perf_counter()

    def lap(self, step: str) -> None:
        now = time.perf_counter()
        self.timings[step] = self.timings.get(step, 0.0) + now - self.t
        self.t = now


def write_site(
    ds: Dataset,
    out_dir: str | Path,
    *,
    max_nodes: int = 3000,
    max_events: int | None = MAX_EVENTS,
    per_page: int = PER_PAGE,
    graph: nx.MultiDiGraph | None = None,
    timings: dict | None = None,
) -> list[Path]:
    """Write the whole site and return the HTML pages written (index first, then the list pages).

    Args:
        ds: the dataset (not read when ``graph`` is given).
        out_dir: directory to write into (created).
        max_nodes: cap of the whole-graph view.
        max_events: cap of the events of a person, topic or country-pair page (None: no cap).
        per_page: rows of a list page.
        graph: an already built ``to_networkx(ds, articles=True)`` projection.
        timings: if given, filled with the seconds spent per step ("projection", "graph",
            "persons", "meetings", "topics", "countries", "lists": the index and list pages).

    Example:
        >>> paths = write_site(ds, "out/site")  # doctest: +SKIP
        >>> paths[0].name  # doctest: +SKIP
        'index.html'
    """
    out = Path(out_dir)
    clock = _Clock(timings)
    G = graph if graph is not None else to_networkx(ds, articles=True)
    C = country_graph(graph=G)
    clock.lap("projection")
    assets = out / "assets"
    write_assets(assets)
    by_type: dict[str, list[str]] = {}
    for n, t in sorted(G.nodes(data="type")):
        by_type.setdefault(t, []).append(n)
    pages = site_pages(G, by_type)
    written: list[Path] = [graph_view(ds, out / "graph.html", max_nodes=max_nodes, graph=G, assets=assets,
                                      links=pages)]
    clock.lap("graph")

    persons = []
    for p in by_type.get("person", []):
        rel = pages[p]
        written.append(ego_view(ds, p, out / rel, graph=G, max_events=max_events, assets=assets, links=pages))
        met = [m for m, _, r in G.in_edges(p, keys=True) if r == "participant"]
        persons.append(Row(rel, G.nodes[p]["label"], (len(met), len(partners_of(G, p, met)))))
    clock.lap("persons")
    meetings = []
    for m in sorted(by_type.get("meeting", []), key=lambda m: meeting_sort_key(G, m)):
        rel = pages[m]
        written.append(meeting_view(ds, m, out / rel, graph=G, assets=assets, links=pages))
        d = G.nodes[m]
        people = sum(1 for _, o, r in G.out_edges(m, keys=True) if r == "participant" and G.nodes[o]["type"] == "person")
        meetings.append(Row(rel, d["label"], (when(d), people, len(d["sources"]))))
    clock.lap("meetings")
    topics = []
    for t in by_type.get("topic", []):
        count = sum(1 for _, _, r in G.in_edges(t, keys=True) if r == "discusses")
        if count:
            rel = pages[t]
            written.append(topic_view(ds, t, out / rel, graph=G, max_events=max_events, assets=assets, links=pages))
            topics.append(Row(rel, G.nodes[t]["label"], (count,)))
    clock.lap("topics")
    pairs = []
    for a, b, d in sorted(C.edges(data=True)):
        if d["meetings"]:
            rel = f"countries/{page_name(a)}--{page_name(b)}.html"
            written.append(country_pair_view(ds, a, b, out / rel, graph=G, max_events=max_events, assets=assets,
                                             links=pages))
            pairs.append(Row(rel, f"{C.nodes[a]['label']} – {C.nodes[b]['label']}", (len(d["meetings"]), len(d["aid"]))))
    clock.lap("countries")

    persons.sort(key=lambda r: (-r.cells[0], r.label))
    topics.sort(key=lambda r: (-r.cells[0], r.label))
    pairs.sort(key=lambda r: (-r.cells[0], r.label))
    listings = [
        Listing("persons", "Persons", ("person", "meetings", "partners"), persons),
        Listing("meetings", "Meetings", ("meeting", "date", "persons", "articles"), meetings, span_cell=0),
        Listing("topics", "Topics", ("topic", "meetings"), topics),
        Listing("countries", "Country pairs", ("countries", "meetings", "aid"), pairs),
    ]
    summary = f"{G.number_of_nodes():,} nodes, {G.number_of_edges():,} edges."
    index = write_index(out, listings, summary, per_page=per_page)
    clock.lap("lists")
    return [*index, *written]


def partners_of(G, person: str, meetings: list[str]) -> set[str]:
    """Whom ``person`` met, as ``ddgraph met`` counts them: the other participants (persons
    and bodies) of their meetings that were not only planned or denied.

    Example:
        >>> import networkx as nx
        >>> G = nx.MultiDiGraph(); G.add_node("m", status="happened"); G.add_node("p2", status=None)
        >>> _ = G.add_edge("m", "p", key="participant"), G.add_edge("m", "p2", key="participant")
        >>> sorted(partners_of(G, "p", ["m"]))
        ['p2']
    """
    return {o for m in meetings if G.nodes[m].get("status") not in ("planned", "denied")
            for _, o, r in G.out_edges(m, keys=True) if r == "participant" and o != person}


def site_pages(G, by_type: dict[str, list[str]]) -> dict[str, str]:
    """The page of each person, meeting and discussed topic, as a path from the site's root.

    Example:
        >>> import networkx as nx
        >>> site_pages(nx.MultiDiGraph(), {"person": ["https://w3id.org/ddgraph/id/person/rustem-umerov"]})
        {'https://w3id.org/ddgraph/id/person/rustem-umerov': 'persons/rustem-umerov.html'}
    """
    pages = {n: f"persons/{page_name(n)}.html" for n in by_type.get("person", [])}
    pages.update((n, f"meetings/{page_name(n)}.html") for n in by_type.get("meeting", []))
    pages.update((n, f"topics/{page_name(n)}.html") for n in by_type.get("topic", [])
                 if any(r == "discusses" for _, _, r in G.in_edges(n, keys=True)))
    return pages

