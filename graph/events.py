"""Event clustering across articles: which meetings, aid and agreements are one event.

Events of different articles are one event when their participants overlap
(two shared persons, or one plus the same body or place), kind, subtype and
factuality agree and dates fit. Only events sharing a blocking key (two persons,
a person and a body or place, the aid route, an agreement party) in the same or
the next 12-day bin of the same :data:`WINDOW`-day window are compared; dated
events cluster first, best fit first, then each undated one joins its single
best dated cluster.

Windows keep resolution local: a hub (a minister meeting someone every day)
would otherwise chain all its meetings, over years, into one component that
every new report re-clusters. Two reports of one meeting whose dates straddle a
window boundary (a day apart, or a date and a publication bound) stay two
events: the price, about one such pair in 36.

Example:
    >>> from ddgraph.graph.model import ArticleRecord, Event
    >>> ev = Event("e1", "meeting", participants=("p1", "p2"), date="2024-09-02")
    >>> recs = [ArticleRecord(i, "", "", (), "en", events=(ev,)) for i in ("a", "b")]
    >>> iri = {(a, k): f"person/{k}" for a in ("a", "b") for k in ("p1", "p2")}
    >>> cluster_events(event_mentions(recs, iri, set(iri.values())))
    {('a', 'e1'): ('a', 'e1'), ('b', 'e1'): ('a', 'e1')}
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from ddgraph.graph.model import ArticleRecord, Event
from ddgraph.graph.persons import Node
from ddgraph.graph.translit import fold, is_cyrillic

_STATUS_GROUP = {"happened": "happened", "reported": "happened", "planned": "planned", "denied": "denied"}
_SUBTYPE_GROUP = {"visit": "in-person"}


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


@dataclass(frozen=True)
class EventMention:
    """One event of one article, its references turned into global IRIs, with what clustering compares."""

    node: Node
    ev: Event
    parts: frozenset[str]  # participant IRIs (agreements: parties)
    persons: frozenset[str]
    loc: str | None
    day: date | None
    bound: date | None
    topics: frozenset[str]
    items: frozenset[str]  # item IRIs and folded item descriptions
    signers: frozenset[str]
    provider: str | None
    recipient: str | None

    @property
    def floating(self) -> bool:
        """Neither a date nor a publication bound."""
        return self.day is None and self.bound is None


def event_mentions(
    records: Sequence[ArticleRecord], iri: Mapping[Node, str], person_iris: set[str]
) -> list[EventMention]:
    """Every event of ``records`` as an :class:`EventMention`, given the IRIs of the local keys.

    Example:
        >>> rec = ArticleRecord("a", "", "", (), "en", events=(Event("e1", "meeting", participants=("p1",)),))
        >>> [(e.node, sorted(e.persons), e.floating) for e in event_mentions([rec], {("a", "p1"): "x"}, {"x"})]
        [(('a', 'e1'), ['x'], True)]
    """
    out = []
    for rec in records:
        g = lambda key: iri.get((rec.article_id, key)) if key else None  # noqa: E731
        for ev in rec.events:
            parts = frozenset(x for x in map(g, ev.participants) if x)
            items = {x for x in map(g, ev.items) if x} | {"text:" + fold(d) for d in ev.item_descriptions}
            # "military aid worth 0.25% of GDP" and "military support worth 0.25% of GDP": one sum
            items |= {"worth:" + fold(d.rsplit(" worth ", 1)[1]) for d in ev.item_descriptions if " worth " in d}
            out.append(
                EventMention(
                    (rec.article_id, ev.key), ev, parts, parts & person_iris, g(ev.location), _day(ev.date),
                    _day(ev.not_after), frozenset(ev.topics), frozenset(items),
                    frozenset(x for x in map(g, ev.signatories) if x), g(ev.provider), g(ev.recipient),
                )  # fmt: skip
            )
    return sorted(out, key=lambda e: e.node)


def status_group(e: EventMention) -> str | None:
    """The group of an event's status: only events of one group are ever one event
    ("reported" is "happened"; "planned" and "denied" are their own)."""
    return _STATUS_GROUP.get(e.ev.status, e.ev.status)


def _eligible(a: EventMention, b: EventMention) -> bool:
    """Could two events of different articles be one event (dates aside)?"""
    if a.node[0] == b.node[0] or a.ev.kind != b.ev.kind:
        return False
    if status_group(a) != status_group(b):
        return False
    sa, sb = (_SUBTYPE_GROUP.get(e.ev.subtype, e.ev.subtype) for e in (a, b))
    if sa and sb and sa != sb:
        return False
    if a.ev.kind == "meeting":
        shared = len(a.persons & b.persons)
        same_body = bool((a.parts - a.persons) & (b.parts - b.persons))
        if shared == 1 and a.persons - b.persons and b.persons - a.persons:
            return False  # Umerov with Austin, Umerov with Pevkur: two counterparts, two meetings
        return shared >= 2 or (shared == 1 and (same_body or (a.loc is not None and a.loc == b.loc)))
    if a.ev.kind == "aid":
        same_ends = a.provider is not None and (a.provider, a.recipient) == (b.provider, b.recipient)
        return same_ends and (bool(a.items & b.items) or not (a.items or b.items))
    return (bool(a.parts) and a.parts == b.parts) or bool(a.signers & b.signers)


def _dates_ok(a: EventMention, b: EventMention) -> bool:
    """Explicit dates within a day; a date and a publication bound within 10 days after it."""
    if a.day and b.day:
        return abs((a.day - b.day).days) <= 1
    if a.day or b.day:
        day, bound = (a.day, b.bound) if a.day else (b.day, a.bound)
        return bound is None or -1 <= (bound - day).days <= 10
    if a.bound and b.bound:
        return abs((a.bound - b.bound).days) <= 10
    return True


def _jaccard(a: frozenset, b: frozenset) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def _score(e: EventMention, parts: frozenset, topics: frozenset, locs: set) -> float:
    """How well ``e`` fits a (cluster of) event(s): its participants found there first."""
    contained = len(e.parts & parts) / len(e.parts) if e.parts else 0.0
    near = _jaccard(e.parts, parts) + _jaccard(e.topics, topics) + (e.loc is not None and e.loc in locs)
    return round(contained + 0.5 * near, 9)


def event_blocking_keys(e: EventMention) -> set[str]:
    """Keys two events must share to be eligible: two persons, a person and a body or place...

    Example:
        >>> rec = ArticleRecord("a", "", "", (), "en", events=(Event("e1", "meeting", participants=("p1", "p2")),))
        >>> iri = {("a", "p1"): "x", ("a", "p2"): "y"}
        >>> event_blocking_keys(event_mentions([rec], iri, {"x", "y"})[0])
        {'meeting|x|y'}
    """
    if e.ev.kind == "meeting":
        ps = sorted(e.persons)
        extra = sorted((e.parts - e.persons) | ({e.loc} if e.loc else set()))
        keys = {f"{a}|{b}" for i, a in enumerate(ps) for b in ps[i + 1 :]}
        keys |= {f"{a}|@{x}" for a in ps for x in extra}
    elif e.ev.kind == "aid":
        keys = {f"{e.provider}>{e.recipient}"}
    else:
        keys = set(e.parts | e.signers)
    return {f"{e.ev.kind}|{k}" for k in keys}


#: Days of a window: dated events of different windows are never compared.
WINDOW = 36
#: Days apart at most of two dated events that may be one (see :func:`_dates_ok`).
_NEAR_DAYS = 10


def window(day: int) -> int:
    """The window of a day (a date ordinal).

    Example:
        >>> from datetime import date
        >>> window(date(2025, 3, 26).toordinal()) == window(date(2025, 3, 27).toordinal())
        True
    """
    return day // WINDOW


def _candidate_pairs(evs: list[EventMention]) -> set[tuple[Node, Node]]:
    """Pairs sharing a blocking key: two dated ones only when at most :data:`_NEAR_DAYS`
    apart in one window (others never pass :func:`_dates_ok`, and an undated event alone
    asks who its neighbours are), an undated one with every other.

    A hub's key holds many events of a window, but those of one meeting lie a few days
    apart: a sweep over the days keeps the pairs from growing with the square of the window's.

    Example:
        >>> ev = lambda d: Event("e1", "meeting", participants=("p1", "p2"), date=d)
        >>> recs = [ArticleRecord(a, "", "", (), "en", events=(ev(d),))
        ...         for a, d in (("a", "2024-09-02"), ("b", "2024-09-03"), ("c", "2024-09-20"), ("d", None))]
        >>> iri = {(a, k): k for a in "abcd" for k in ("p1", "p2")}
        >>> sorted(f"{x[0]}{y[0]}" for x, y in _candidate_pairs(event_mentions(recs, iri, {"p1", "p2"})))
        ['ab', 'ad', 'bd', 'cd']
    """
    index: dict[str, list[tuple[int | None, Node]]] = defaultdict(list)
    for e in evs:
        when = e.day or e.bound
        for key in event_blocking_keys(e):
            index[key].append((when.toordinal() if when else None, e.node))
    pairs = set()
    for members in index.values():
        dated = sorted((d, n) for d, n in members if d is not None)
        for f in (n for d, n in members if d is None):
            pairs |= {(min(f, c), max(f, c)) for _, c in members if c != f}
        for i, (day, a) in enumerate(dated):
            for other_day, c in dated[i + 1 :]:
                if other_day - day > _NEAR_DAYS:
                    break
                if other_day // WINDOW == day // WINDOW and c != a:
                    pairs.add((min(a, c), max(a, c)))
    return pairs


def cluster_events(evs: list[EventMention]) -> dict[Node, Node]:
    """Cluster events; return node -> cluster root (its smallest node).

    Example:
        >>> ev = Event("e1", "meeting", participants=("p1", "p2"), date="2024-09-02")
        >>> recs = [ArticleRecord(i, "", "", (), "en", events=(ev,)) for i in ("a", "b")]
        >>> iri = {(a, k): k for a in ("a", "b") for k in ("p1", "p2")}
        >>> cluster_events(event_mentions(recs, iri, {"p1", "p2"}))[("b", "e1")]
        ('a', 'e1')
    """
    by_node = {e.node: e for e in evs}
    root = {e.node: e.node for e in evs}
    members = {e.node: [e] for e in evs}
    articles = {e.node: {e.node[0]} for e in evs}
    # date span of a cluster: first and last day, first and last bound (of undated members)
    span = {e.node: (e.day, e.day, None if e.day else e.bound, None if e.day else e.bound) for e in evs}

    def merged_span(a: tuple, b: tuple) -> tuple | None:
        lo = lambda x, y: y if x is None else x if y is None else min(x, y)  # noqa: E731
        hi = lambda x, y: y if x is None else x if y is None else max(x, y)  # noqa: E731
        d0, d1, b0, b1 = lo(a[0], b[0]), hi(a[1], b[1]), lo(a[2], b[2]), hi(a[3], b[3])
        if d0 and (d1 - d0).days > 1 or b0 and (b1 - b0).days > 10:
            return None
        if d0 and b0 and ((b0 - d1).days < -1 or (b1 - d0).days > 10):
            return None
        return d0, d1, b0, b1

    def join(a: Node, b: Node) -> None:
        ra, rb = sorted((root[a], root[b]))
        if ra == rb or articles[ra] & articles[rb]:
            return
        new_span = merged_span(span[ra], span[rb])
        if new_span is None:
            return
        for m in members[rb]:
            root[m.node] = ra
        members[ra] += members.pop(rb)
        articles[ra] |= articles.pop(rb)
        span[ra] = new_span

    pairs = {(a, b) for a, b in _candidate_pairs(evs) if _eligible(by_node[a], by_node[b])}
    links = []
    for a, b in pairs:
        x, y = by_node[a], by_node[b]
        if not x.floating and not y.floating and _dates_ok(x, y):
            links.append((-_score(x, y.parts, y.topics, {y.loc}), a, b))
    for _, a, b in sorted(links):
        join(a, b)
    snapshot = {}
    for r, ms in members.items():
        parts, topics = (frozenset().union(*(getattr(m, a) for m in ms)) for a in ("parts", "topics"))
        snapshot[r] = (parts, topics, {m.loc for m in ms})
    near: dict[Node, set[Node]] = defaultdict(set)
    for a, b in pairs:
        near[a].add(b)
        near[b].add(a)
    floating = [e for e in evs if e.floating]
    choice = {}
    for f in floating:  # an undated event joins the single best dated cluster, if any
        cands = {root[n] for n in near[f.node] if not by_node[n].floating}
        cands = {r for r in cands if f.node[0] not in articles[r]}
        scored = sorted((-_score(f, *snapshot[r]), r) for r in cands)
        if scored and (len(scored) == 1 or scored[0][0] < scored[1][0]):
            choice[f.node] = scored[0][1]
    for node, target in sorted(choice.items()):
        join(node, target)
    rest = {f.node for f in floating if f.node not in choice}
    for a, b in sorted(p for p in pairs if p[0] in rest and p[1] in rest):
        join(a, b)
    return root


def event_labels(members: list[EventMention]) -> tuple[tuple[str, str], frozenset[tuple[str, str]]]:
    """Label of the first member (in node order) with a Latin-script label; the others as alt labels.

    Example:
        >>> recs = [ArticleRecord(i, "", "", (), "en", events=(Event("e1", "meeting", label=t),))
        ...         for i, t in (("a", "Зустріч Умєрова"), ("b", "Umerov meets Lecornu"))]
        >>> event_labels(event_mentions(recs, {}, set()))
        (('Umerov meets Lecornu', 'en'), frozenset({('Зустріч Умєрова', 'uk')}))
    """
    labels = [(m.ev.label, "uk" if is_cyrillic(m.ev.label) else "en") for m in members if m.ev.label.strip()]
    latin = [x for x in labels if x[1] == "en"]
    label = (latin or labels or [(members[0].ev.kind, "en")])[0]
    return label, frozenset(x for x in labels if x != label)
