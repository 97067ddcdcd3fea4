"""The event components a change touches, and the batches they are re-clustered in.

Two dated events are connected when they share a blocking key and lie within
:data:`REACH` days in one window; an undated event is connected to every event
sharing a key with it. Each connected component clusters on its own
(:func:`graph.events.cluster_events`), so :mod:`graph.incremental` re-clusters only
the components of the events a change touches, a batch of whole components at a time.

Example:
    >>> [sorted(b) for b in block_batches([{("a", "e1")}, {("b", "e1")}], 1)]
    [[('a', 'e1')], [('b', 'e1')]]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from graph.events import WINDOW, window
from graph.persons import Node
from graph.state import ResolutionState

Token = tuple[str, int | None]  # (hash of an event blocking key, day as an ordinal, None when floating)
#: Events further apart in time than this (days) are never compared (see graph.events._dates_ok: 11 at most).
REACH = 12


def event_components(state: ResolutionState, dirty: dict[Node, tuple[Token, ...]]) -> list[set[Node]]:
    """The connected components of event nodes that hold the dirty ones, under their stored or new tokens.

    Two dated events are connected when they share a blocking key and lie within
    :data:`REACH` days in one window (no other pair is ever joined, so the clusters of such a
    component depend on it alone); an undated event is connected to every event
    sharing a key with it (it may join any of them).
    """
    found: dict[tuple[str, int | None], list[tuple[int | None, Node]]] = {}
    dirty_index: dict[str, list[tuple[int | None, Node]]] = defaultdict(list)
    for node, tokens in dirty.items():
        for h, day in tokens:
            dirty_index[h].append((day, node))

    def stored(h: str, w: int | None) -> list[tuple[int | None, Node]]:
        """Stored nodes of token ``h``: undated ones (``w`` -1), dated in window ``w``, or all (None)."""
        if (h, w) not in found:
            if w is None:
                rows = state.db.execute("SELECT day, article, key FROM etoken WHERE hash = ?", (h,))
            elif w < 0:
                rows = state.db.execute("SELECT day, article, key FROM etoken WHERE hash = ? AND day IS NULL", (h,))
            else:
                rows = state.db.execute("SELECT day, article, key FROM etoken WHERE hash = ? AND day >= ? AND day < ?",
                                     (h, w * WINDOW, (w + 1) * WINDOW))
            found[(h, w)] = [(day, (a, k)) for day, a, k in rows]
        return found[(h, w)]

    def members(h: str, day: int | None) -> list[tuple[int | None, Node]]:
        """The nodes of token ``h`` a node of ``day`` may be connected to (and some it may not)."""
        near = stored(h, None) if day is None else stored(h, -1) + stored(h, window(day))
        return near + dirty_index.get(h, [])

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
                for other_day, n in members(h, day):
                    if not (day is None or other_day is None or (
                            abs(other_day - day) <= REACH and window(day) == window(other_day))):
                        continue
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
