"""Network analytics over the projections of :mod:`queries.project`.

Every function returns plain data (lists of frozen dataclasses) that
:func:`as_table` prints as a text table and :func:`as_json` as JSON.

Example:
    >>> from rdflib import Dataset
    >>> centrality(Dataset())
    []
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

import networkx as nx

if TYPE_CHECKING:  # rdflib only in annotations: a lookup process does not load it
    from rdflib import Dataset

from ddgraph.graph.errors import QueryError
from ddgraph.queries.project import country_graph, iso, meeting_sort_key, person_graph, to_networkx

#: Above this many nodes betweenness is estimated from ``k`` sampled sources.
EXACT_BETWEENNESS_LIMIT = 2000


@dataclass(frozen=True)
class Centrality:
    """How central one person or country is in its co-meeting network."""

    iri: str
    label: str
    degree: int  # distinct partners
    meetings: int  # distinct meetings (persons), or distinct meetings and aid deliveries (countries), with partners
    betweenness: float
    pagerank: float


def _events_of(G: nx.Graph, v: str) -> set[str]:
    """The distinct meetings (and aid deliveries) on the edges of ``v``: a meeting of four
    persons is on three of each one's edges, and counts once."""
    return {e for u in G[v] for key in ("meetings", "aid") for e in G[v][u].get(key, ())}


@dataclass(frozen=True)
class Community:
    """A group of persons (or countries) that meet each other more than others."""

    id: int
    size: int
    members: tuple[str, ...]
    labels: tuple[str, ...]


@dataclass(frozen=True)
class Hop:
    """One step of a meeting chain: ``person`` met ``other`` at ``meeting``."""

    person: str
    person_label: str
    meeting: str
    meeting_label: str
    meeting_date: str | None
    other: str
    other_label: str


@dataclass(frozen=True)
class NewlyActive:
    """A person whose first dated meeting falls on or after a date."""

    iri: str
    label: str
    first_date: str
    first_meeting: str
    first_meeting_label: str
    meetings: int


def _network(ds: Dataset, kind: str, since, until, topic=None, graph=None) -> nx.Graph:
    if kind == "person":
        return person_graph(ds, since=since, until=until, topic=topic, graph=graph)
    if kind == "country":
        return country_graph(ds, since=since, until=until, topic=topic, graph=graph)
    raise QueryError(f"unknown kind {kind!r}: expected 'person' or 'country'")


def centrality(
    ds: Dataset,
    *,
    since=None,
    until=None,
    kind: str = "person",
    top: int | None = 10,
    by: str = "pagerank",
    betweenness_k: int = 256,
    seed: int = 0,
    graph: nx.MultiDiGraph | None = None,
) -> list[Centrality]:
    """Rank persons (co-meeting network) or countries (meetings and aid) by centrality.

    Degree is the number of distinct partners, betweenness is normalised and
    exact up to :data:`EXACT_BETWEENNESS_LIMIT` nodes (above, estimated from
    ``betweenness_k`` sources drawn with ``seed``), PageRank is weighted by the
    number of shared meetings.

    Args:
        ds: the dataset.
        since, until: period of the meetings (ISO dates, inclusive).
        kind: "person" or "country".
        top: how many rows to return (None: all).
        by: sort key, one of "pagerank", "betweenness", "degree", "meetings".
        betweenness_k: sample size for large networks.
        seed: random seed of the sample.
        graph: an already built :func:`queries.project.to_networkx` projection.

    Returns:
        Rows sorted by ``by`` (descending), then IRI.

    Example:
        >>> rows = centrality(ds, kind="person", top=3)  # doctest: +SKIP
        >>> print(as_table(rows))  # doctest: +SKIP
    """
    if by not in ("pagerank", "betweenness", "degree", "meetings"):
        raise QueryError(f"unknown centrality {by!r}")
    G = _network(ds, kind, since, until, graph=graph)
    if G.number_of_nodes() == 0:
        return []
    n = G.number_of_nodes()
    if n > EXACT_BETWEENNESS_LIMIT:
        btw = nx.betweenness_centrality(G, k=min(betweenness_k, n), seed=seed)
    else:
        btw = nx.betweenness_centrality(G)
    pr = nx.pagerank(G, weight="weight") if G.number_of_edges() else {v: 1.0 / n for v in G}
    rows = [
        Centrality(
            iri=v,
            label=G.nodes[v].get("label", v),
            degree=G.degree(v),
            meetings=len(_events_of(G, v)),
            betweenness=round(btw[v], 6),
            pagerank=round(pr[v], 6),
        )
        for v in G
    ]
    rows.sort(key=lambda r: (-getattr(r, by), r.iri))
    return rows if top is None else rows[:top]


def communities(
    ds: Dataset,
    *,
    since=None,
    until=None,
    kind: str = "person",
    method: str = "louvain",
    seed: int = 0,
    min_size: int = 1,
    graph: nx.MultiDiGraph | None = None,
) -> list[Community]:
    """Split the co-meeting network into communities.

    Args:
        ds: the dataset.
        since, until: period of the meetings.
        kind: "person" or "country".
        method: "louvain" (seeded) or "greedy" (greedy modularity).
        seed: random seed for Louvain.
        min_size: drop smaller communities (isolated persons are size 1).
        graph: an already built projection.

    Returns:
        Communities, largest first (ties: first member IRI), numbered from 0;
        members sorted by IRI.

    Example:
        >>> from rdflib import Dataset
        >>> communities(Dataset())
        []
    """
    G = _network(ds, kind, since, until, graph=graph)
    if G.number_of_nodes() == 0:
        return []
    if method == "louvain":
        parts = nx.community.louvain_communities(G, weight="weight", seed=seed)
    elif method == "greedy":
        parts = nx.community.greedy_modularity_communities(G, weight="weight")
    else:
        raise QueryError(f"unknown community method {method!r}")
    groups = sorted((sorted(p) for p in parts if len(p) >= min_size), key=lambda p: (-len(p), p[0]))
    return [
        Community(id=i, size=len(p), members=tuple(p), labels=tuple(G.nodes[v].get("label", v) for v in p))
        for i, p in enumerate(groups)
    ]


def meeting_path(ds: Dataset, a_iri: str, b_iri: str, *, since=None, until=None, graph=None) -> list[Hop]:
    """The shortest chain of meetings linking two persons.

    When two persons met several times, the hop shows the earliest meeting.

    Args:
        ds: the dataset.
        a_iri, b_iri: person IRIs.
        since, until: only meetings in this period.
        graph: an already built projection.

    Returns:
        The hops from ``a_iri`` to ``b_iri``; empty when they are the same
        person or no chain links them.

    Raises:
        QueryError: when either IRI is not a person of the graph.

    Example:
        >>> [(h.person_label, h.meeting_label, h.other_label) for h in meeting_path(ds, a, c)]  # doctest: +SKIP
        [('A', 'm1', 'B'), ('B', 'm2', 'C')]
    """
    G = graph if graph is not None else to_networkx(ds, since=since, until=until, evidence=False)
    P = person_graph(graph=G)
    for iri in (a_iri, b_iri):
        if iri not in P:
            raise QueryError(f"{iri}: not a person of the graph")
    try:
        path = nx.shortest_path(P, a_iri, b_iri)
    except nx.NetworkXNoPath:
        return []
    hops = []
    for x, y in zip(path, path[1:]):
        m = min(P[x][y]["meetings"], key=lambda mm: meeting_sort_key(G, mm))
        hops.append(Hop(x, P.nodes[x]["label"], m, G.nodes[m].get("name", G.nodes[m]["label"]), G.nodes[m].get("date"), y, P.nodes[y]["label"]))
    return hops


def newly_active(ds: Dataset, since, *, graph=None) -> list[NewlyActive]:
    """Persons whose first dated meeting is on or after ``since``.

    Undated meetings are ignored; a meeting with only ``dd:notAfter`` counts at
    that bound.

    Args:
        ds: the dataset.
        since: ISO date (or ``datetime.date``).
        graph: an already built (unfiltered) projection.

    Returns:
        Rows sorted by first date, then IRI.

    Example:
        >>> from rdflib import Dataset
        >>> newly_active(Dataset(), "2025-01-01")
        []
    """
    since = iso(since)
    G = graph if graph is not None else to_networkx(ds, evidence=False)
    first: dict[str, list] = {}
    for m in sorted((n for n, t in G.nodes(data="type") if t == "meeting"), key=lambda m: meeting_sort_key(G, m)):
        date = G.nodes[m].get("date")
        if date is None:
            continue
        for _, p, rel in G.out_edges(m, keys=True):
            if rel == "participant" and G.nodes[p]["type"] == "person":
                first.setdefault(p, [date, m, 0])[2] += 1
    rows = [
        NewlyActive(p, G.nodes[p]["label"], d, m, G.nodes[m].get("name", G.nodes[m]["label"]), count)
        for p, (d, m, count) in first.items()
        if d >= since
    ]
    return sorted(rows, key=lambda r: (r.first_date, r.iri))


def as_json(rows: Sequence) -> str:
    """Serialise analytics rows (dataclasses) as a JSON array.

    Example:
        >>> as_json([Community(0, 1, ("x",), ("X",))])
        '[{"id": 0, "size": 1, "members": ["x"], "labels": ["X"]}]'
    """
    return json.dumps([dataclasses.asdict(r) for r in rows], ensure_ascii=False)


def as_table(rows: Sequence, columns: Sequence[str] | None = None) -> str:
    """Format analytics rows as a plain text table (IRIs left out unless asked).

    Example:
        >>> print(as_table([Community(0, 1, ("x",), ("X",))]))
        id  size  labels
        0   1     X
    """
    if not rows:
        return "(no rows)"
    names = list(columns or [f.name for f in dataclasses.fields(rows[0]) if f.name not in ("iri", "members") and not f.name.endswith(("meeting", "person", "other"))])
    cells = [[_cell(getattr(r, c)) for c in names] for r in rows]
    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(names)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(names, widths)).rstrip()]
    lines += ["  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip() for row in cells]
    return "\n".join(lines)


def _cell(value) -> str:
    if isinstance(value, tuple):
        shown = ", ".join(map(str, value[:5]))
        return shown + (f", … (+{len(value) - 5})" if len(value) > 5 else "")
    if isinstance(value, float):
        return f"{value:.4f}"
    return "" if value is None else str(value)
