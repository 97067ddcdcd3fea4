"""Answers about one person: the names they go by, the offices and ranks the
articles give them (with the sentences that say so), and their timeline.

Example:
    >>> [(s.kind, s.label) for s in offices(ds, "Horbatiuk")]  # doctest: +SKIP
    [('office', 'Deputy Chief of the General Staff'), ('rank', 'Major General')]
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from rdflib import Dataset

from queries.lookup import Ref, Source, load_meetings, select, sources_of
from queries.names import find

_KIND_ORDER = {"office": 0, "rank": 1}


@dataclass(frozen=True)
class Alias:
    """One name of a person and the articles that use it."""

    text: str
    lang: str | None
    canonical: bool
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Statement:
    """An office or rank a person holds, with the articles and sentences that state it.

    ``label`` is the office title or the rank; for offices, ``organization`` and
    ``country`` are the labels of the office's body and country when known.
    ``first_stated`` / ``last_stated`` are the earliest and latest publication
    dates of those articles.
    """

    kind: str  # office | rank
    iri: str | None
    label: str
    organization: str | None
    country: str | None
    sources: tuple[Source, ...]
    sentences: tuple[str, ...]
    first_stated: str | None
    last_stated: str | None

    @property
    def full_title(self) -> str:
        """The office with its body or country: "Deputy Chief of the General Staff (General Staff ...)"."""
        where = self.organization or self.country
        return f"{self.label} ({where})" if where and self.kind == "office" else self.label


@dataclass(frozen=True)
class PersonProfile:
    """A person: canonical label, every alias with its articles, offices and ranks, meetings."""

    person: Ref
    aliases: tuple[Alias, ...]
    statements: tuple[Statement, ...]
    meetings: int
    articles: int


@dataclass(frozen=True)
class TimelineEntry:
    """One dated line of a person's timeline.

    ``what`` is meeting, agreement, office or rank; ``qualifier`` is "on",
    "not after" (a meeting or agreement bounded by its articles) or "stated"
    (an office or rank, dated by the first article that states it).
    """

    date: str | None
    qualifier: str | None
    what: str
    iri: str | None
    label: str
    detail: str
    sources: tuple[Source, ...]


def offices(ds: Dataset, name: str) -> list[Statement]:
    """The offices and ranks articles give a person (any alias), offices first.

    Raises:
        QueryError: unknown or ambiguous name.
    """
    person = find(ds, name, "person")
    rows = select(ds, "person_offices", person=person.iri)
    by: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for r in rows:
        by[(r["what"], r["value"])].append(r)
    out = []
    for (what, value), rs in by.items():
        srcs = sources_of(rs)
        dates = sorted(s.published for s in srcs if s.published)
        first = lambda key: next((r[key] for r in rs if r.get(key)), None)  # noqa: E731
        out.append(Statement(
            kind=what,
            iri=value if what == "office" else None,
            label=first("valueLabel") or value,
            organization=first("orgLabel"),
            country=first("countryLabel"),
            sources=srcs,
            sentences=tuple(sorted({r["sentence"] for r in rs if r.get("sentence")})),
            first_stated=dates[0] if dates else None,
            last_stated=dates[-1] if dates else None,
        ))
    return sorted(out, key=lambda s: (_KIND_ORDER.get(s.kind, 2), s.first_stated or "9999", s.label))


def person_profile(ds: Dataset, name: str) -> PersonProfile:
    """Everything about a person at a glance: aliases with their articles, offices
    and ranks with their sources, how many meetings and articles.

    Raises:
        QueryError: unknown or ambiguous name.
    """
    person = find(ds, name, "person")
    rows = select(ds, "person_aliases", person=person.iri)
    by: dict[tuple[str, str | None], list[dict]] = defaultdict(list)
    canonical = set()
    for r in rows:
        by[(r["alias"], r["lang"] or None)].append(r)
        if r["main"] == "true":
            canonical.add(r["alias"])
    aliases = sorted(
        (Alias(text, lang, text in canonical, sources_of(rs)) for (text, lang), rs in by.items()),
        key=lambda a: (not a.canonical, a.text),
    )
    articles = {r["g"] for r in rows}
    timeline_rows = select(ds, "timeline", person=person.iri)
    meetings = {r["entry"] for r in timeline_rows if r["what"] == "meeting"}
    return PersonProfile(Ref(person.iri, person.label), tuple(aliases), tuple(offices(ds, person.iri)),
                         len(meetings), len(articles))


def timeline(ds: Dataset, name: str) -> list[TimelineEntry]:
    """A person's meetings and signed agreements by date, with the dates the
    articles first state each of their offices and ranks.

    Raises:
        QueryError: unknown or ambiguous name.
    """
    person = find(ds, name, "person")
    rows = select(ds, "timeline", person=person.iri)
    by: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for r in rows:
        by[(r["what"], r["entry"])].append(r)
    meetings = {m.iri: m for m in load_meetings(ds, [e for w, e in by if w == "meeting"])}
    out = []
    for (what, entry), rs in by.items():
        srcs = sources_of(rs)
        label = next((r["entryLabel"] for r in rs if r["entryLabel"]), entry)
        if what == "meeting":
            m = meetings[entry]
            others = [p.label for p in m.participants if p.iri != person.iri]
            where = f" in {', '.join(p.label for p in m.places)}" if m.places else ""
            detail = f"with {', '.join(others) or 'nobody named'}{where}" + ("" if m.status == "happened" else f" [{m.status}]")
            out.append(TimelineEntry(m.date, m.date_qualifier, what, entry, m.label, detail, m.sources))
            continue
        on = sorted(r["when"] for r in rs if r["qualifier"] == "on" and r["when"])
        bound = sorted(r["when"] for r in rs if r["qualifier"] in ("not after", "stated") and r["when"])
        date, qualifier = (on[0], "on") if on else (bound[0], "not after" if what == "agreement" else "stated") if bound else (None, None)
        statuses = sorted({r["status"] for r in rs if r.get("status")})
        detail = f"stated by {len(srcs)} article(s)" if what in ("office", "rank") else ", ".join(statuses)
        out.append(TimelineEntry(date, qualifier, what, entry if what != "rank" else None, label, detail, srcs))
    return sorted(out, key=lambda e: (e.date or "9999", _KIND_ORDER.get(e.what, -1), e.label))

