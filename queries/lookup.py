"""Answers about meetings: who met whom, meetings by person / topic / country /
place / period, and the delegation of a meeting.

Every question starts from the most selective thing it is given (a person, a
place, a topic, a country: whichever has the fewest meetings) and reads the
instance layer, where each meeting's facts are held once with the values derived
at write time (best date and its qualifier, strongest status, one kind, the
participants' countries); article graphs are read only for the evidence an
answer shows. Lists can be cut to the latest ``limit`` meetings (a
:class:`~queries.rows.Page` knows how many there were in all).
Name arguments accept any alias in any script (see :mod:`queries.names`).

A meeting's date is its ``dd:date`` (qualifier "on"), else its ``dd:notAfter``
("not after"), else the earliest publication date of its articles ("not
after"). Its status is the strongest any article gives: happened > reported >
planned > denied (no status counts as happened).

Example:
    >>> [m.label for m in meetings(ds, topic="air-defense")]  # doctest: +SKIP
    ['Meeting: Rustem Umerov – EU defense ministers', ...]
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # rdflib only in annotations: a lookup process does not load it
    from rdflib import Dataset

from ddgraph.graph.errors import QueryError
from ddgraph.graph.translit import kmu2010
from ddgraph.graph.instance_keys import date_key, decode_key
from ddgraph.graph.namespaces import DD_NS, RDF_NS
from ddgraph.queries.names import StoreNames, compact_iri, expand_iri, find, find_iri, norm
from ddgraph.queries.sparql import load_query, run_select
from ddgraph.queries.rows import (
    Page,
    labels_of,
    local,
    topic_labels,
    Ref,
    Source,
    by_date,
    date_bound,
    node_type,
    refs,
    select,
    source_of,
    sources_by_article,
    sources_of,
)

__all__ = [
    "Delegation", "DelegationMember", "Encounter", "MANY", "Meeting", "STATUS_ORDER", "UNCONFIRMED", "delegation",
    "find_meeting", "load_meetings", "meetings", "met", "partners",
    # re-exported from queries.rows
    "Page", "Ref", "Source", "date_bound", "node_type", "refs", "select", "source_of", "sources_of",
]

DD = DD_NS
RDF_TYPE = RDF_NS + "type"
#: statuses from strongest to weakest
STATUS_ORDER = ("happened", "reported", "planned", "denied")
#: statuses of meetings that did not (or not yet) take place
UNCONFIRMED = frozenset({"planned", "denied"})
MANY = 500  # meetings whose details are read in one query
PARTNERS_MAX = 300  # above this many meetings, ``met`` counts partners on the page only


@dataclass(frozen=True)
class Meeting:
    """One meeting, as all the articles that report it describe it."""

    iri: str
    label: str
    date: str | None
    date_qualifier: str | None  # "on" | "not after" | None
    kind: str | None
    status: str
    participants: tuple[Ref, ...]  # persons first, then bodies; delegation members included
    delegation: tuple[Ref, ...]
    places: tuple[Ref, ...]
    topics: tuple[Ref, ...]  # IRI ddt:..., label the English prefLabel
    sources: tuple[Source, ...]

    @property
    def when(self) -> str:
        """The date for display: "2024-09-02", "≤ 2024-09-02" or "undated"."""
        if not self.date:
            return "undated"
        return ("≤ " if self.date_qualifier == "not after" else "") + self.date

    @property
    def year(self) -> str | None:
        return self.date[:4] if self.date else None


@dataclass(frozen=True)
class Encounter:
    """``person`` met ``other`` (a person or a body) at ``meeting``."""

    person: Ref
    other: Ref
    other_type: str  # person | organization | group | country | ...
    meeting: Meeting


@dataclass(frozen=True)
class DelegationMember:
    """A member of a meeting's delegation with the offices and rank its articles give."""

    person: Ref
    offices: tuple[str, ...]
    ranks: tuple[str, ...]
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Delegation:
    """The delegation (``dd:delegationMember``) of one meeting."""

    meeting: Meeting
    members: tuple[DelegationMember, ...]


# --- meetings ------------------------------------------------------------------------


def load_meetings(ds: Dataset, iris, *, sources: dict[str, set[str]] | None = None) -> list[Meeting]:
    """Build :class:`Meeting` objects for meeting IRIs, sorted by date then IRI.

    Args:
        iris: meeting IRIs.
        sources: restrict a meeting's sources to these article IRIs (by meeting).
    """
    iris = sorted(set(iris))
    topics = topic_labels(ds) if iris else {}
    by: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    rows = [r for i in range(0, len(iris), MANY)
            for r in select(ds, "meeting_details", values={"meeting": iris[i : i + MANY]})]
    labels = labels_of(ds, {r["value"] for r in rows if not r["p"].endswith("reportedIn")})
    for r in rows:
        by[r["meeting"]][local(r["p"])].append((r["value"], labels.get(r["value"]) or topics.get(r["value"])))
    articles = {a for facts in by.values() for a, _ in facts["reportedIn"]}
    meta = sources_by_article(ds, articles)
    out = []
    for iri in iris:
        facts = by[iri]
        graphs = {a for a, _ in facts["reportedIn"]}
        if sources is not None and iri in sources:
            graphs &= sources[iri]
        dates = sorted(v[:10] for v, _ in facts["bestDate"])
        labels = sorted({v for v, _ in facts["label"]})
        out.append(Meeting(
            iri=iri,
            label=labels[0] if labels else compact_iri(iri),
            date=dates[0] if dates else None,
            date_qualifier=min((v for v, _ in facts["dateQualifier"]), default=None) if dates else None,
            kind=min((v for v, _ in facts["bestKind"]), default=None),
            status=min((v for v, _ in facts["bestStatus"]), default="happened"),
            participants=refs(facts["participant"] + facts["delegationMember"]),
            delegation=refs(facts["delegationMember"]),
            places=refs(facts["location"]),
            topics=tuple(sorted(refs(facts["discusses"]), key=lambda t: t.iri)),
            sources=by_date(meta[a] for a in graphs),
        ))
    return sorted(out, key=lambda m: (m.date or "9999", m.iri))


#: filter -> the property of the index entries it reads (see graph.instances.meeting_index)
KEY_PROPERTY = {"person": DD + "participantKey", "place": DD + "placeKey", "topic": DD + "topicKey",
                "country": DD + "countryKey", "pair": DD + "pairKey"}


def facet_keys(ds: Dataset, facet: str, prop: str, bounds: dict) -> list[str]:
    """The index keys of one thing in a period, latest first (see ``meeting_select.rq``).

    Example:
        >>> facet_keys(ds, PARIS, DD + "placeKey", {"from": "0", "to": "~", "skip": ""})  # doctest: +SKIP
        ['45535H1iUqglrd', ...]
    """
    rows = run_select(ds, load_query("meeting_select", iris={"facet": facet, "property": prop}, keys=bounds),
                      union=False).rows
    return sorted((k for r in rows if r[0] for k in r[0].split(" ")), reverse=True)


#: How far the keys of each thing given are counted to choose the rarest (a facet's keys
#: cost about 0.5 µs each to count, 2.5 µs each to read in a period).
_COUNT_CAP = 5000
#: A lookup of one key costs about as much as reading this many keys of a facet.
_LOOKUP_COST = 4
_CHECK_BATCH = 500


def _key_count(ds: Dataset, facet: str, prop: str) -> int:
    iris = {"facet": facet, "property": prop}
    return int(run_select(ds, load_query("meeting_key_count", iris=iris, limit=_COUNT_CAP), union=False).rows[0][0])


def _held(ds: Dataset, keys: list[str], facet: str, prop: str) -> set[str]:
    """Which of ``keys`` the thing ``facet`` holds under ``prop`` (one lookup each)."""
    iris = {"facet": facet, "property": prop}
    return {r[0] for i in range(0, len(keys), _CHECK_BATCH)
            for r in run_select(ds, load_query("meeting_key_check", iris=iris, values={"key": keys[i : i + _CHECK_BATCH]}),
                                union=False).rows}


def select_meetings(ds: Dataset, filters: dict[str, str | None], since: str | None = None, until: str | None = None,
                    *, confirmed: bool = False, limit: int | None = None) -> tuple[list[tuple], int]:
    """The meetings that pass every filter in a period: the latest ``limit`` (all for None) as
    (date, qualifier, status, IRI) in chronological order (undated last), and how many there are.

    Reads the index entries of the given things (see :func:`graph.instances.meeting_key`):
    one scan of a thing's keys in the period, sorted here; for several, the keys of the
    one with the fewest (each counted up to :data:`_COUNT_CAP`), each then looked up in the
    others' keys, or, when they are many, intersected with a scan of them.
    """
    bounds = {"from": date_key(since) if since else "0",
              "to": min(date_key(until) + "~", "99999") if until else ("99999" if since else "~"),
              "skip": "pPdD" if confirmed else ""}
    given = [(v, KEY_PROPERTY[k]) for k, v in filters.items() if v is not None]
    counts = {g: _key_count(ds, *g) for g in given} if len(given) > 1 else {}
    given.sort(key=lambda g: (counts.get(g, 0), g))
    facet, prop = given[0] if given else (DD + "Meeting", DD + "meetingKey")
    keys = facet_keys(ds, facet, prop, bounds)
    for facet, prop in given[1:]:
        if not keys:
            break
        if len(keys) * _LOOKUP_COST < counts[(facet, prop)]:
            held = _held(ds, keys, facet, prop)
            keys = [k for k in keys if k in held]
        else:
            keys = sorted(set(keys) & set(facet_keys(ds, facet, prop, bounds)), reverse=True)
    total = len(keys)
    keys = keys[:limit] if limit is not None else keys
    decoded = [decode_key(k) for k in reversed(keys)]
    if any(iri.startswith("~") for *_, iri in decoded):  # meetings whose IRIs no key can hold
        decoded = [(*rest, by_key_id(ds, iri) if iri.startswith("~") else iri) for *rest, iri in decoded]
    return decoded, total


def by_key_id(ds: Dataset, ident: str) -> str:
    """The IRI of the meeting whose keys hold ``ident`` ("~..."; see :func:`graph.instance_keys.key_id`)."""
    rows = select(ds, "meeting_by_key_id", ident=ident)  # a str: bound as a literal
    return rows[0]["meeting"] if rows else ident


def meetings(
    ds: Dataset,
    *,
    person: str | None = None,
    topic: str | None = None,
    country: str | None = None,
    place: str | None = None,
    since: str | None = None,
    until: str | None = None,
    all_statuses: bool = False,
    limit: int | None = None,
) -> Page:
    """Meetings by participant, topic, country, place and period (all optional).

    Names accept any alias (``person``), a topic id, label or IRI (``topic``),
    a country or place name. With ``topic``, a meeting's sources are the
    articles that say it discussed the topic. Planned and denied meetings are
    left out unless ``all_statuses``. With ``limit``, the latest ``limit``
    meetings (by date) are returned, and the page's ``total`` says how many match.

    Raises:
        QueryError: an unknown name or a bad date.
    """
    filters = {
        "person": find_iri(ds, person, "person"),
        "topic": find_iri(ds, topic, "topic"),
        "country": find_iri(ds, country, "country"),
        "place": find_iri(ds, place, "place", "country") if place else None,
    }
    found, total = select_meetings(ds, filters, date_bound(since, option="--since"),
                                   date_bound(until, end=True, option="--until"), confirmed=not all_statuses,
                                   limit=limit)
    page = [iri for *_, iri in found]
    restrict = None
    if filters["topic"] and page:
        restrict = defaultdict(set)
        for r in select(ds, "stating_articles", values={"s": page}, p=DD + "discusses", o=filters["topic"]):
            restrict[r["s"]].add(r["g"])
    return Page(load_meetings(ds, page, sources=restrict), total)


def met(ds: Dataset, name: str, *, include_unconfirmed: bool = True, limit: int | None = None) -> Page:
    """Whom a person met (persons and bodies), when, where, with the sources.

    Planned and denied meetings are included, with their status, unless
    ``include_unconfirmed`` is false. Sorted by date, then partner. With
    ``limit``, only the latest ``limit`` meetings are listed; the page's
    ``total`` counts every meeting and its ``partners`` gives every partner with
    their number of meetings that took place.
    """
    who = find(ds, name, "person")
    found, total = select_meetings(ds, {"person": who.iri}, confirmed=not include_unconfirmed, limit=limit)
    page = [iri for *_, iri in found]
    me = Ref(who.iri, who.label)
    out = []
    for m in load_meetings(ds, page):
        for other in m.participants:
            if other.iri != who.iri:
                out.append(Encounter(me, other, node_type(other.iri), m))
    out.sort(key=lambda e: (e.meeting.date or "9999", e.meeting.iri, e.other_type != "person", e.other.label))
    result = Page(out, total)
    result.meetings_total = total
    if total <= PARTNERS_MAX:
        result.partners = [(Ref(r["other"], r["otherLabel"] or r["other"].rsplit("/", 1)[-1]), int(r["n"]))
                           for r in select(ds, "met_partners", person=who.iri)]
    else:  # counting every partner of a hub reads every meeting: the page's partners only
        result.partners = None
    return result


def partners(encounters: list[Encounter]) -> list[tuple[Ref, list[Meeting]]]:
    """Group encounters by partner: (partner, meetings sorted by date), most meetings first."""
    by: dict[Ref, list[Meeting]] = defaultdict(list)
    for e in encounters:
        by[e.other].append(e.meeting)
    return sorted(by.items(), key=lambda kv: (-len(kv[1]), kv[0].label))


# --- one meeting ---------------------------------------------------------------------------

_YEAR = "0123456789"


#: A word of a meeting's name naming more persons (places...) than this is read as text instead.
MAX_ALTERNATIVES = 64


def _meeting_words(ds: Dataset, words: list[str]) -> dict[str, tuple] | None:
    """Meetings whose participants, places, topics or year match every word; None when a
    word names nothing (so that the caller falls back to reading labels)."""
    filters: dict[str, str | None] = {"person": None, "topic": None, "country": None, "place": None}
    years = [w for w in words if len(w) == 4 and all(c in _YEAR for c in w)]
    rest = [w for w in words if w not in years]
    if len(years) > 1:
        return {}
    extra: list[tuple[str, str]] = []
    several: list[tuple[str, list[str]]] = []  # a word naming several persons (places...): any of them
    for word in rest:
        hit, alternatives = None, None
        for kind, key in (("person", "person"), ("place", "place"), ("country", "country"), ("topic", "topic"),
                          ("organization", "person")):
            iris = StoreNames(ds, kind).matches(word)
            if len(iris) == 1:
                hit = (key, iris[0]) if kind != "organization" else ("org", iris[0])
                break
            if len(iris) > 1 and alternatives is None and kind != "organization":
                alternatives = (key, list(iris))
        if hit is None:
            if alternatives is None or len(alternatives[1]) > MAX_ALTERNATIVES:
                return None
            several.append(alternatives)
        elif hit[0] == "org" or filters.get(hit[0]) not in (None, hit[1]):
            extra.append(hit)
        else:
            filters[hit[0]] = hit[1]
    since, until = (f"{years[0]}-01-01", f"{years[0]}-12-31") if years else (None, None)
    if all(v is None for v in filters.values()) and not years:
        if not several:
            return None
        key, iris = several.pop(0)  # the meetings of any of them, read from the index of each
        found = {iri: (date, status) for x in iris
                 for date, _, status, iri in select_meetings(ds, {key: x}, since, until)[0]}
    else:
        found = {iri: (date, status) for date, _, status, iri in select_meetings(ds, filters, since, until)[0]}
    for key, iris in several + [("person", [iri]) for _, iri in extra]:  # organisations: participants too
        keep = {m for x in iris for *_, m in select_meetings(ds, {key: x}, since, until)[0]}
        found = {m: v for m, v in found.items() if m in keep}
    return found


def find_meeting(ds: Dataset, spec: str) -> str:
    """The meeting ``spec`` names: its IRI (full or ddr:), a unique substring of
    its IRI or label, or words that all name its participants, places, topics or
    year (``"Paris 2024"``, ``"Umerov Lecornu"``), in any script.

    Raises:
        QueryError: no meeting, or several (listed), match.
    """
    iri = expand_iri(spec)
    if iri is not None:
        if _is_meeting(ds, iri):
            return iri
        raise QueryError(f"{iri}: not a meeting of the graph")
    words = norm(spec).split()
    if not words:
        raise QueryError("empty meeting name")
    found = _meeting_words(ds, words)
    if found is None:  # some word names nothing: read every meeting's words (slow on a big store)
        every = load_meetings(ds, [iri for *_, iri in select_meetings(ds, {})[0]])
        key = norm(spec)
        hits = [m for m in every if key in norm(m.iri + " " + m.label)] or [
            m for m in every if all(w in _text(m) for w in words)]
    else:
        hits = load_meetings(ds, found) if len(found) <= 6 else None
        if hits is None:
            hits = load_meetings(ds, sorted(found, key=lambda m: (found[m][0] or "9999", m))[:6])
            raise QueryError(f"'{spec}' matches {len(found)} meetings: {_listed(hits)}; and {len(found) - 6} more")
    if len(hits) == 1:
        return hits[0].iri
    if not hits:
        raise QueryError(f"no meeting matches '{spec}'")
    more = f"; and {len(hits) - 6} more" if len(hits) > 6 else ""
    raise QueryError(f"'{spec}' matches {len(hits)} meetings: {_listed(hits[:6])}{more}")


def _is_meeting(ds: Dataset, iri: str) -> bool:
    return bool(run_select(ds, load_query("is_a"), {"x": iri, "class": DD + "Meeting"}, union=False).rows)


def _listed(hits: list[Meeting]) -> str:
    return "; ".join(f"{compact_iri(m.iri)} ({m.when}, {', '.join(p.label for p in m.participants[:3])})"
                     for m in hits)


def _text(m: Meeting) -> str:
    parts = [m.iri, m.label, m.date or "", *(r.label for r in m.participants + m.places + m.topics)]
    parts += [t.iri.rsplit("/", 1)[-1] for t in m.topics]
    raw = " ".join(parts)
    return f" {norm(raw)} {norm(kmu2010(raw))} "


def delegation(ds: Dataset, spec: str) -> Delegation:
    """The delegation of a meeting (see :func:`find_meeting` for ``spec``), with
    each member's offices and rank as the reporting articles give them."""
    iri = find_meeting(ds, spec)
    meeting = load_meetings(ds, [iri])[0]
    by: dict[str, list[dict]] = defaultdict(list)
    for r in select(ds, "delegation", iris={"meeting": iri}):
        said = select(ds, "delegation_member", iris={"g": r["g"], "member": r["member"]}) or [{}]
        by[r["member"]] += [{"memberLabel": None, "office": None, "officeLabel": None, "rank": None, **r, **x}
                            for x in said]
    members = [
        DelegationMember(
            person=Ref(m, next((r["memberLabel"] for r in rs if r["memberLabel"]), m)),
            offices=tuple(sorted({r["officeLabel"] or r["office"] for r in rs if r["office"]})),
            ranks=tuple(sorted({r["rank"] for r in rs if r["rank"]})),
            sources=sources_of(rs),
        )
        for m, rs in by.items()
    ]
    return Delegation(meeting, tuple(sorted(members, key=lambda d: (d.person.label, d.person.iri))))
