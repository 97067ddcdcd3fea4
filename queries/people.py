"""Answers about one person: the names they go by, the offices and ranks the
articles give them (with the sentences that say so), and their timeline.

Example:
    >>> [(s.kind, s.label) for s in offices(ds, "Horbatiuk")]  # doctest: +SKIP
    [('office', 'Deputy Chief of the General Staff'), ('rank', 'Major General')]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # rdflib only in annotations: a lookup process does not load it
    from rdflib import Dataset

from ddgraph.queries.lookup import Page, Ref, Source, load_meetings, select, select_meetings
from ddgraph.queries.names import find
from ddgraph.graph.instance_keys import parse_stats
from ddgraph.graph.namespaces import DD_NS, RDFS_NS, SKOS_NS
from ddgraph.queries.rows import by_date, from_n3, latest, local, sources_by_article

DD = DD_NS
RDFS_LABEL = RDFS_NS + "label"
SKOS_ALT = SKOS_NS + "altLabel"
#: Articles listed for an alias, office or rank (their number is given besides).
SOME = 5

_KIND_ORDER = {"office": 0, "rank": 1}


@dataclass(frozen=True)
class Alias:
    """One name of a person: how many articles use it, when first and last, and one of them."""

    text: str
    lang: str | None
    canonical: bool
    sources: tuple[Source, ...]  # some of them (see articles)
    articles: int = 0
    first_seen: str | None = None
    last_seen: str | None = None


@dataclass(frozen=True)
class Statement:
    """An office or rank a person holds, with the articles and sentences that state it.

    ``label`` is the office title or the rank; for offices, ``organization`` and
    ``country`` are the labels of the office's body and country when known.
    ``first_stated`` / ``last_stated`` are the earliest and latest publication
    dates of those articles; ``articles`` how many state it; ``sources`` one of them.
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
    articles: int = 0

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


def _stats(ds: Dataset, person: str) -> dict[tuple[str, str], tuple[int, str | None, str | None, object]]:
    """(property, value as N-Triples) -> (articles, first date, last date, value as an rdflib term)."""
    out = {}
    for r in select(ds, "person_stats", person=person):
        pred, n, first, last, value = parse_stats(r["stats"])
        out[(pred, value)] = (n, first, last, from_n3(value))
    return out


def _statements(ds: Dataset, person: str, examples: int = 2, stats: dict | None = None) -> list[Statement]:
    stats = _stats(ds, person) if stats is None else stats
    out = []
    rows = sorted(select(ds, "person_offices", person=person),
                  key=lambda r: (r["what"], r["value"], not (r["countryLabel"] or "~") in (r["orgLabel"] or ""),
                                 r["countryLabel"] or "~", r["orgLabel"] or "~"))
    seen = set()
    for r in rows:
        if (r["what"], r["value"]) in seen:  # an office with two bodies or countries is listed once
            continue
        seen.add((r["what"], r["value"]))
        is_office = r["what"] == "office"
        prop = DD + ("holdsRole" if is_office else "rank")
        value = r["value"]
        key = ("holdsRole", f"<{value}>") if is_office else next(
            (k for k in stats if k[0] == "rank" and str(stats[k][3]) == value), ("rank", value))
        n, first, last, term = stats.get(key, (0, None, None, value))
        if not examples:
            sentences = []
        elif is_office:
            sentences = select(ds, "fact_sentences", limit=examples, iris={"thing": person, "property": prop},
                               value=value)
        else:  # a rank is a literal with a language: compare its text
            sentences = [x for x in select(ds, "fact_sentences", limit=50, iris={"thing": person, "property": prop})
                         if x.get("value") == value][:examples]
        out.append(Statement(
            kind=r["what"],
            iri=value if is_office else None,
            label=r["valueLabel"] or value,
            organization=r["orgLabel"],
            country=r["countryLabel"],
            sources=_some_sources(ds, person, prop, term if not is_office else value),
            sentences=tuple(sorted({x["sentence"] for x in sentences if x.get("sentence")})),
            first_stated=first,
            last_stated=last,
            articles=n,
        ))
    return sorted(out, key=lambda s: (_KIND_ORDER.get(s.kind, 2), s.first_stated or "9999", s.label))


def _day(value: str | None) -> str | None:
    return value[:10] if value and value != "~" else None


def _some_sources(ds: Dataset, s: str, p: str, o, n: int = SOME) -> tuple[Source, ...]:
    """Up to ``n`` of the articles whose graphs state (s, p, o), by date."""
    graphs = [r["g"] for r in select(ds, "fact_articles", limit=n, s=s, p=p, o=o)]
    meta = sources_by_article(ds, graphs)
    return by_date(meta[g] for g in graphs)


def offices(ds: Dataset, name: str) -> list[Statement]:
    """The offices and ranks articles give a person (any alias), offices first: each
    with how many articles state it, when first and last, one of them and two sentences.

    Raises:
        QueryError: unknown or ambiguous name.
    """
    return _statements(ds, find(ds, name, "person").iri)


def person_profile(ds: Dataset, name: str) -> PersonProfile:
    """Everything about a person at a glance: aliases with how many articles use
    each, offices and ranks with their sources, how many meetings and articles.

    Raises:
        QueryError: unknown or ambiguous name.
    """
    person = find(ds, name, "person")
    stats = _stats(ds, person.iri)
    aliases = []
    for (pred, _), (n, first, last, term) in stats.items():
        if pred not in ("label", "altLabel"):
            continue
        prop = RDFS_LABEL if pred == "label" else SKOS_ALT
        aliases.append(Alias(str(term), getattr(term, "language", None) or None, pred == "label",
                             _some_sources(ds, person.iri, prop, term), n, first, last))
    aliases.sort(key=lambda a: (not a.canonical, a.text))
    merged: dict[tuple, Alias] = {}
    for a in aliases:  # the canonical label is also an alias somewhere: keep it once, canonical
        merged.setdefault((a.text, a.lang), a)
    counts = select(ds, "person_counts", iris={"person": person.iri})
    meetings = int(counts[0]["meetings"] or 0) if counts else 0
    articles = max((a.articles for a in aliases if a.canonical), default=0)
    return PersonProfile(Ref(person.iri, person.label), tuple(merged.values()),
                         tuple(_statements(ds, person.iri, stats=stats)), meetings, articles)


def timeline(ds: Dataset, name: str, *, limit: int | None = None) -> Page:
    """A person's meetings and signed agreements by date, with the dates the
    articles first state each of their offices and ranks. With ``limit``, the
    latest ``limit`` meetings and agreements (offices and ranks always).

    Raises:
        QueryError: unknown or ambiguous name.
    """
    person = find(ds, name, "person")
    found, count = select_meetings(ds, {"person": person.iri}, limit=limit)
    signed = select(ds, "signed", iris={"person": person.iri})
    dated = [("meeting", m, date or "9999") for date, _, _, m in found]
    dated += [("agreement", r["entry"], (r["date"] or "9999")[:10]) for r in signed]
    dated.sort(key=lambda x: (x[2], x[1]))
    page, total = latest(dated, limit)
    total += count - len(found)
    out = []
    for m in load_meetings(ds, [e for what, e, _ in page if what == "meeting"]):
        out.append(TimelineEntry(m.date, m.date_qualifier, "meeting", m.iri, m.label, m.status, m.sources))
    keep = {e for what, e, _ in page if what == "agreement"}
    agreements = {r["entry"]: r for r in signed if r["entry"] in keep}
    reports = _reports(ds, list(agreements))
    for e, r in agreements.items():
        out.append(TimelineEntry(r["date"][:10] if r["date"] else None, r["qualifier"], "agreement", e,
                                 r["entryLabel"] or e, r["status"] or "", reports.get(e, ())))
    for st in _statements(ds, person.iri, examples=0):
        out.append(TimelineEntry(st.first_stated, "stated" if st.first_stated else None, st.kind,
                                 st.iri, st.full_title, f"stated by {st.articles} article(s)", st.sources))
    return Page(sorted(out, key=lambda e: (e.date or "9999", _KIND_ORDER.get(e.what, -1), e.label)),
                total + len(out) - len(page))


def _reports(ds: Dataset, events: list[str]) -> dict[str, tuple[Source, ...]]:
    rows = select(ds, "event_details", values={"event": events})
    graphs: dict[str, set[str]] = {}
    for r in rows:
        if local(r["p"]) == "reportedIn":
            graphs.setdefault(r["event"], set()).add(r["value"])
    meta = sources_by_article(ds, {g for gs in graphs.values() for g in gs})
    return {e: by_date(meta[g] for g in gs) for e, gs in graphs.items()}
