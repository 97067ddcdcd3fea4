"""Answers about meetings: who met whom, meetings by person / topic / country /
place / period, and the delegation of a meeting.

Each function runs one of the parameterised queries of ``queries/sparql/``
(:func:`queries.rows.select`), reads what every article says, and returns plain
frozen dataclasses: one :class:`Meeting` gathers what all its articles state
(participants, place, date, topics, status, sources).
Name arguments accept any alias in any script (see :mod:`queries.names`).

A meeting's date is its ``dd:date`` (qualifier "on"), else its ``dd:notAfter``
("not after"), else the earliest publication date of its articles ("not
after"), as in :mod:`queries.project`. Its status is the strongest any article
gives: happened > reported > planned > denied (no status counts as happened).

Example:
    >>> [m.label for m in meetings(ds, topic="air-defense")]  # doctest: +SKIP
    ['Meeting: Rustem Umerov – EU defense ministers', ...]
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from rdflib import Dataset

from graph.errors import QueryError
from graph.translit import kmu2010
from queries.names import compact_iri, expand_iri, find_iri, norm
from queries.rows import Ref, Source, date_bound, node_type, refs, select, source_of, sources_of

__all__ = [
    "Delegation", "DelegationMember", "Encounter", "MANY", "Meeting", "STATUS_ORDER", "UNCONFIRMED", "delegation",
    "find_meeting", "load_meetings", "meetings", "met", "partners",
    # re-exported from queries.rows
    "Ref", "Source", "date_bound", "node_type", "refs", "select", "source_of", "sources_of",
]

#: statuses from strongest to weakest
STATUS_ORDER = ("happened", "reported", "planned", "denied")
#: statuses of meetings that did not (or not yet) take place
UNCONFIRMED = frozenset({"planned", "denied"})
MANY = 200  # above this many meetings, read the facts of all meetings in one query


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


def _status(values) -> str:
    values = set(values) or {"happened"}
    return min(values, key=lambda s: STATUS_ORDER.index(s) if s in STATUS_ORDER else len(STATUS_ORDER))


def _articles(ds: Dataset) -> dict[str, Source]:
    return {r["article"]: source_of({**r, "g": r["article"]}) for r in select(ds, "articles")}


def load_meetings(ds: Dataset, iris, *, sources: dict[str, set[str]] | None = None) -> list[Meeting]:
    """Build :class:`Meeting` objects for meeting IRIs, sorted by date then IRI.

    Args:
        iris: meeting IRIs.
        sources: restrict a meeting's sources to these article IRIs (by meeting).
    """
    iris = sorted(set(iris))
    if not iris:
        return []
    rows = []
    if len(iris) > MANY:
        wanted = set(iris)
        rows = [r for r in select(ds, "meeting_facts") if r["meeting"] in wanted]
    else:
        for iri in iris:
            rows += select(ds, "meeting_facts", meeting=iri)
    articles = _articles(ds)
    by: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    graphs: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        by[r["meeting"]][r["prop"]].append((r["value"], r["valueLabel"]))
        graphs[r["meeting"]].add(r["g"])
    out = []
    for iri in iris:
        facts = by[iri]
        srcs = sorted(graphs[iri] & sources[iri] if sources is not None and iri in sources else graphs[iri])
        src = tuple(sorted((articles.get(g) or Source(g, g.rsplit("/", 1)[-1]) for g in srcs),
                           key=lambda s: (s.published or "9999", s.name)))
        dates = sorted(v[:10] for v, _ in facts["date"])
        bounds = sorted(v[:10] for v, _ in facts["notAfter"]) or sorted(s.published for s in src if s.published)
        labels = sorted({v for v, _ in facts["label"]})
        out.append(Meeting(
            iri=iri,
            label=labels[0] if labels else compact_iri(iri),
            date=dates[0] if dates else bounds[0] if bounds else None,
            date_qualifier="on" if dates else "not after" if bounds else None,
            kind=min((v for v, _ in facts["meetingKind"]), default=None),
            status=_status(v for v, _ in facts["status"]),
            participants=refs(facts["participant"] + facts["delegationMember"]),
            delegation=refs(facts["delegationMember"]),
            places=refs(facts["location"]),
            topics=tuple(sorted(refs(facts["discusses"]), key=lambda t: t.iri)),
            sources=src,
        ))
    return sorted(out, key=lambda m: (m.date or "9999", m.iri))


# --- questions -------------------------------------------------------------------


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
) -> list[Meeting]:
    """Meetings by participant, topic, country, place and period (all optional).

    Names accept any alias (``person``), a topic id, label or IRI (``topic``),
    a country or place name. With ``topic``, a meeting's sources are the
    articles that say it discussed the topic. Planned and denied meetings are
    left out unless ``all_statuses``.

    Raises:
        QueryError: an unknown name or a bad date.
    """
    bindings = {
        "person": find_iri(ds, person, "person"),
        "topic": find_iri(ds, topic, "topic"),
        "country": find_iri(ds, country, "country"),
        "place": find_iri(ds, place, "place"),
        "since": date_bound(since, option="--since"),
        "until": date_bound(until, end=True, option="--until"),
    }
    rows = select(ds, "meeting_search", **bindings)
    graphs: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        graphs[r["meeting"]].add(r["g"])
    found = load_meetings(ds, graphs, sources=graphs if topic else None)
    return [m for m in found if all_statuses or m.status not in UNCONFIRMED]


def met(ds: Dataset, name: str, *, include_unconfirmed: bool = True) -> list[Encounter]:
    """Whom a person met (persons and bodies), when, where, with the sources.

    Planned and denied meetings are included, with their status, unless
    ``include_unconfirmed`` is false. Sorted by date, then partner.
    """
    person = find_iri(ds, name, "person")
    rows = select(ds, "who_met_whom", person=person)
    pairs: dict[tuple[str, str], str] = {}
    label = ""
    for r in rows:
        label = r["personLabel"] or label
        pairs[(r["meeting"], r["other"])] = r["otherLabel"] or r["other"].rsplit("/", 1)[-1]
    by_iri = {m.iri: m for m in load_meetings(ds, {m for m, _ in pairs})}
    me = Ref(person, label)
    out = [
        Encounter(me, Ref(other, other_label), node_type(other), by_iri[m])
        for (m, other), other_label in pairs.items()
        if include_unconfirmed or by_iri[m].status not in UNCONFIRMED
    ]
    return sorted(out, key=lambda e: (e.meeting.date or "9999", e.meeting.iri, e.other_type != "person", e.other.label))


def partners(encounters: list[Encounter]) -> list[tuple[Ref, list[Meeting]]]:
    """Group encounters by partner: (partner, meetings sorted by date), most meetings first."""
    by: dict[Ref, list[Meeting]] = defaultdict(list)
    for e in encounters:
        by[e.other].append(e.meeting)
    return sorted(by.items(), key=lambda kv: (-len(kv[1]), kv[0].label))


def find_meeting(ds: Dataset, spec: str) -> str:
    """The meeting ``spec`` names: its IRI (full or ddr:), a unique substring of
    its IRI or label, or words that all occur in its IRI, label, participants,
    places, topics or date (``"Paris 2024"``), in any script.

    Raises:
        QueryError: no meeting, or several (listed), match.
    """
    iri = expand_iri(spec)
    every = load_meetings(ds, {r["meeting"] for r in select(ds, "meeting_search")})
    if iri is not None:
        if any(m.iri == iri for m in every):
            return iri
        raise QueryError(f"{iri}: not a meeting of the graph")
    words = norm(spec).split()
    if not words:
        raise QueryError("empty meeting name")

    def text(m: Meeting) -> str:
        parts = [m.iri, m.label, m.date or "", *(r.label for r in m.participants + m.places + m.topics)]
        parts += [t.iri.rsplit("/", 1)[-1] for t in m.topics]
        raw = " ".join(parts)
        return f" {norm(raw)} {norm(kmu2010(raw))} "

    key = norm(spec)
    hits = [m for m in every if key in norm(m.iri + " " + m.label)] or [
        m for m in every if all(w in text(m) for w in words)
    ]
    if len(hits) == 1:
        return hits[0].iri
    if not hits:
        raise QueryError(f"no meeting matches '{spec}'")
    listed = "; ".join(f"{compact_iri(m.iri)} ({m.when}, {', '.join(p.label for p in m.participants[:3])})" for m in hits[:6])
    more = f"; and {len(hits) - 6} more" if len(hits) > 6 else ""
    raise QueryError(f"'{spec}' matches {len(hits)} meetings: {listed}{more}")


def delegation(ds: Dataset, spec: str) -> Delegation:
    """The delegation of a meeting (see :func:`find_meeting` for ``spec``), with
    each member's offices and rank as the reporting articles give them."""
    iri = find_meeting(ds, spec)
    meeting = load_meetings(ds, [iri])[0]
    rows = select(ds, "delegation", meeting=iri)
    by: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        by[r["member"]].append(r)
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
