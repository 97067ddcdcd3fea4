"""The event components a change touches, and the batches they are re-clustered in.

Two events are connected when :func:`graph.events.cluster_events` could join them,
or let one decide where the other goes: they share a blocking key and a status
group (the key of a token, :func:`event_token_keys`), a person and a place only when
one of them has no other person, lie in one window, and their days
are as near as :func:`graph.events._dates_ok` asks (two stated dates a day apart,
a date and a publication bound within 10 days after it, two bounds 10 days
apart); an event with neither a date nor a bound is connected to every event
sharing a key with it (it may join any of them). Each connected component
clusters on its own, so :mod:`graph.incremental` re-clusters only the components
of the events a change touches, a batch of whole components at a time. A hub's
reports of a month are many events sharing keys, but the reports of one meeting
are a few days apart: the component of a new report is near that meeting's
reports, not the month's (bench/bench_ingest.py prints what one more article costs).

Example:
    >>> [sorted(b) for b in block_batches([{("a", "e1")}, {("b", "e1")}], 1)]
    [[('a', 'e1')], [('b', 'e1')]]
"""

from __future__ import annotations

import hashlib
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable

from ddgraph.graph.events import WINDOW, EventMention, event_blocking_keys, status_group, window
from ddgraph.graph.persons import Node
from ddgraph.graph.state import ResolutionState

#: (the hash of an event blocking key and status group, then its role, then the kind of its
#: day; the day as an ordinal, None for kind "f"). Role: "s" for a meeting of one person
#: with a body or at a place under that person's key with the body or place ("Umerov in
#: Kyiv"), "m" for a meeting of more persons under such a key, "p" for any other key. Kind:
#: "d" a stated date, "b" a publication bound, "f" neither.
Token = tuple[str, int | None]
#: (kind of a day, kind of another) -> the other's day minus this one's that
#: :func:`graph.events._dates_ok` accepts, at the widest
_NEAR = {("d", "d"): (-1, 1), ("d", "b"): (-1, 10), ("b", "d"): (-10, 1), ("b", "b"): (-10, 10)}
#: role -> the roles of the same key it is connected to: two meetings that share one person
#: and a place are one only when one of them has no other person ("Umerov with Austin in
#: Kyiv" and "Umerov with Pevkur in Kyiv" are two; graph.events._eligible)
_ROLES = {"p": "p", "s": "sm", "m": "s"}


def event_token_keys(e: EventMention) -> dict[str, str]:
    """The keys of an event's tokens (its blocking keys with its status group) and their roles.

    Example:
        >>> from ddgraph.graph.model import ArticleRecord, Event
        >>> from ddgraph.graph.events import event_mentions
        >>> rec = ArticleRecord("a", "", "", (), "en", events=(Event("e1", "meeting", "reported", participants=("p1", "p2")),))
        >>> event_token_keys(event_mentions([rec], {("a", "p1"): "x", ("a", "p2"): "y"}, {"x", "y"})[0])
        {'meeting|x|y|happened': 'p'}
    """
    role = "p" if e.ev.kind != "meeting" else "s" if len(e.persons) == 1 else "m"
    return {f"{k}|{status_group(e)}": role if "|@" in k else "p" for k in event_blocking_keys(e)}


def event_tokens(e: EventMention) -> tuple[Token, ...]:
    """The tokens under which an event is stored (see :data:`Token`)."""
    kind = "d" if e.day else "b" if e.bound else "f"
    when = e.day or e.bound
    day = when.toordinal() if when else None
    return tuple(sorted((hashlib.blake2b(k.encode(), digest_size=8).hexdigest() + role + kind, day)
                        for k, role in event_token_keys(e).items()))


def near(kind: str, day: int | None, other_kind: str, other_day: int | None) -> bool:
    """Whether the days of two tokens of one key connect their events (see the module docstring).

    Example:
        >>> near("d", 72, "d", 73), near("d", 72, "d", 74), near("d", 72, "b", 82), near("b", 82, "d", 72)
        (True, False, True, True)
        >>> near("f", None, "d", 5), near("d", 35, "d", 36)  # 35 and 36 lie in two windows
        (True, False)
    """
    if kind == "f" or other_kind == "f":
        return True
    lo, hi = _NEAR[(kind, other_kind)]
    return lo <= other_day - day <= hi and window(day) == window(other_day)


def event_components(state: ResolutionState, dirty: dict[Node, tuple[Token, ...]]) -> list[set[Node]]:
    """The connected components of event nodes that hold the dirty ones, under their stored or new tokens."""
    found: dict[tuple[str, int | None], list[tuple[int | None, Node]]] = {}
    dirty_index: dict[str, list[tuple[str, str, int | None, Node]]] = defaultdict(list)
    for node, tokens in dirty.items():
        for h, day in tokens:
            dirty_index[h[:-2]].append((h[-2], h[-1], day, node))

    def stored(h: str, w: int | None) -> tuple[list[int | None], list[Node]]:
        """Stored nodes of token ``h``, by day: all of them (``w`` None), or those of window ``w``
        (their days, and the nodes in the same order)."""
        if (h, w) not in found:
            if w is None:
                rows = state.db.execute("SELECT day, article, key FROM etoken WHERE hash = ?", (h,))
            else:
                rows = state.db.execute("SELECT day, article, key FROM etoken WHERE hash = ? AND day >= ? AND day < ?"
                                        " ORDER BY day", (h, w * WINDOW, (w + 1) * WINDOW))
            rows = rows.fetchall()
            found[(h, w)] = ([day for day, _, _ in rows], [(a, k) for _, a, k in rows])
        return found[(h, w)]

    def members(h: str, day: int | None) -> Iterable[Node]:
        """The nodes connected to a node of token ``h`` and ``day``: within a window, only
        those of the days :func:`near` accepts are read (a hub's window holds hundreds)."""
        key, role, kind = h[:-2], h[-2], h[-1]
        w = None if kind == "f" else window(day)
        for other_role in _ROLES[role]:
            for other in "dbf":
                days, nodes = stored(key + other_role + other, None if other == "f" else w)
                if kind == "f" or other == "f":
                    yield from nodes
                    continue
                lo, hi = _NEAR[(kind, other)]
                yield from nodes[bisect_left(days, day + lo) : bisect_right(days, day + hi)]
        for other_role, other, other_day, n in dirty_index.get(key, ()):
            if other_role in _ROLES[role] and near(kind, day, other, other_day):
                yield n

    parent: dict[Node, Node] = {n: n for n in dirty}

    def root(n: Node) -> Node:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    frontier = list(dirty)
    while frontier:  # breadth first, the stored tokens of a whole frontier read at once
        stored_tokens: dict[Node, set[Token]] = defaultdict(set)
        wanted = set(frontier)
        for a, k, h, day in state.values("SELECT article, key, hash, day FROM etoken WHERE article IN ({})",
                                      sorted({a for a, _ in frontier})):
            if (a, k) in wanted:
                stored_tokens[(a, k)].add((h, day))
        reached = []
        for node in frontier:
            for h, day in stored_tokens[node] | set(dirty.get(node, ())):
                for n in members(h, day):
                    if n not in parent:
                        parent[n] = n
                        reached.append(n)
                    a, b = root(node), root(n)
                    if a != b:
                        parent[max(a, b)] = min(a, b)
        frontier = reached
    components: dict[Node, set[Node]] = defaultdict(set)
    for n in parent:
        components[root(n)].add(n)
    return [components[r] for r in sorted(components)]


#: Articles whose event records are held at once while re-clustering (a bigger component alone).
BLOCK_ARTICLES = 4000


def block_batches(components: list[set[Node]], articles: int) -> Iterable[set[Node]]:
    """Unions of whole components, in order, each holding events of about ``articles`` articles at most.

    Example:
        >>> [sorted(b) for b in block_batches([{("a", "e1")}, {("b", "e1")}, {("c", "e1"), ("d", "e1")}], 2)]
        [[('a', 'e1'), ('b', 'e1')], [('c', 'e1'), ('d', 'e1')]]
    """
    block: set[Node] = set()
    held: set[str] = set()
    for comp in components:
        comp_articles = {a for a, _ in comp}
        if block and len(held | comp_articles) > articles:
            yield block
            block, held = set(), set()
        block |= comp
        held |= comp_articles
    if block:
        yield block
