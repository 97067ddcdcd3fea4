"""Answers about aid, agreements, what two countries discuss, and provenance:
the sentences (with article, outlet and date) that support a thing or a fact.

Example:
    >>> sorted({i.label for a in aid(ds, provider="France", recipient="Ukraine") for i in a.items})  # doctest: +SKIP
    ['AMX-10 RC', 'CAESAR', 'Crotale', 'Milan', 'SAMP/T', 'VAB']
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from rdflib import Dataset

from graph.errors import QueryError
from queries.lookup import Ref, Source, refs, find_meeting, select, source_of, sources_of
from queries.names import NameIndex, expand_iri, find_iri

DD = "https://w3id.org/ddgraph/ontology#"
AID_STATUSES = ("delivered", "pledged", "ordered", "denied")


@dataclass(frozen=True)
class Aid:
    """One aid delivery (or pledge, order) as its articles describe it."""

    iri: str
    label: str
    providers: tuple[Ref, ...]
    recipients: tuple[Ref, ...]
    items: tuple[Ref, ...]  # weapon systems
    descriptions: tuple[str, ...]  # items given only as text
    status: str | None
    date: str | None
    date_qualifier: str | None
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Agreement:
    """One agreement: type, parties, signatories, date, status, sources."""

    iri: str
    label: str
    type: str | None
    parties: tuple[Ref, ...]
    signatories: tuple[Ref, ...]
    status: str | None
    date: str | None
    date_qualifier: str | None
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class TopicYear:
    """A topic two countries discussed in one year, in how many meetings."""

    year: str
    topic: Ref
    meetings: tuple[str, ...]


@dataclass(frozen=True)
class Evidence:
    """A sentence that supports a thing, or one fact about it (``supports`` = ``about``)."""

    sentence: str
    surface: str | None
    supports: str | None  # dd: property local name, e.g. "discusses"
    about: str | None  # the value: IRI or literal
    source: Source


@dataclass(frozen=True)
class Explanation:
    """The evidence for a thing: its IRI and label, and the supporting sentences."""

    thing: Ref
    evidence: tuple[Evidence, ...]

    @property
    def sources(self) -> tuple[Source, ...]:
        found = {e.source.article: e.source for e in self.evidence}
        return tuple(sorted(found.values(), key=lambda s: (s.published or "9999", s.name)))


def _dated(rs: list[dict]) -> tuple[str | None, str | None]:
    on = sorted(r["date"][:10] for r in rs if r.get("date"))
    bound = sorted(r["notAfter"][:10] for r in rs if r.get("notAfter")) or sorted(
        r["published"][:10] for r in rs if r.get("published"))
    return (on[0], "on") if on else (bound[0], "not after") if bound else (None, None)


def _status(rs: list[dict]) -> str | None:
    found = sorted({r["state"] for r in rs if r.get("state")})
    return "/".join(found) or None


def aid(ds: Dataset, *, provider: str | None = None, recipient: str | None = None,
        system: str | None = None, status: str | None = None) -> list[Aid]:
    """Aid deliveries, pledges and orders, filtered by provider and recipient
    (country names), weapon system and status. Sorted by date.

    Raises:
        QueryError: an unknown name or status.
    """
    if status is not None and status not in AID_STATUSES:
        raise QueryError(f"unknown aid status '{status}' (choose from {', '.join(AID_STATUSES)})")
    rows = select(ds, "aid", provider=find_iri(ds, provider, "country"), recipient=find_iri(ds, recipient, "country"),
                  system=find_iri(ds, system, "system"), status=status)
    by: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        by[r["aid"]].append(r)
    out = []
    for iri, rs in by.items():
        date, qualifier = _dated(rs)
        out.append(Aid(
            iri=iri,
            label=min((r["label"] for r in rs if r["label"]), default=iri),
            providers=refs((r["prov"], r["provLabel"]) for r in rs if r["prov"]),
            recipients=refs((r["rec"], r["recLabel"]) for r in rs if r["rec"]),
            items=refs((r["item"], r["itemLabel"]) for r in rs if r["item"]),
            descriptions=tuple(sorted({r["description"] for r in rs if r["description"]})),
            status=_status(rs), date=date, date_qualifier=qualifier, sources=sources_of(rs),
        ))
    return sorted(out, key=lambda a: (a.date or "9999", a.iri))


def agreements(ds: Dataset, *, party: str | None = None) -> list[Agreement]:
    """Agreements, optionally those a body, country or person (``party``, any
    name) is party to or signed. Sorted by date.

    Raises:
        QueryError: unknown or ambiguous party.
    """
    party_iri = None
    if party is not None:
        party_iri = NameIndex.load(ds, "organization", "country", "person").find(party).iri
    rows = select(ds, "agreements", party=party_iri)
    by: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        by[r["agreement"]].append(r)
    out = []
    for iri, rs in by.items():
        date, qualifier = _dated(rs)
        out.append(Agreement(
            iri=iri,
            label=min((r["label"] for r in rs if r["label"]), default=iri),
            type=min((r["type"] for r in rs if r["type"]), default=None),
            parties=refs((r["partyX"], r["partyLabel"]) for r in rs if r["partyX"]),
            signatories=refs((r["signatory"], r["signatoryLabel"]) for r in rs if r["signatory"]),
            status=_status(rs), date=date, date_qualifier=qualifier, sources=sources_of(rs),
        ))
    return sorted(out, key=lambda a: (a.date or "9999", a.iri))


def country_topics(ds: Dataset, country_a: str, country_b: str) -> list[TopicYear]:
    """The topics of the meetings between people or bodies of two countries, by
    year (then most meetings first); see ``queries/sparql/country_topics.rq``.

    Raises:
        QueryError: unknown country, or the same country twice.
    """
    a, b = find_iri(ds, country_a, "country"), find_iri(ds, country_b, "country")
    if a == b:
        raise QueryError(f"'{country_a}' and '{country_b}' are the same country")
    rows = select(ds, "country_topics", countryA=a, countryB=b)
    by: dict[tuple[str, str], set[str]] = defaultdict(set)
    labels = {}
    for r in rows:
        by[(r["year"] or "undated", r["topic"])].add(r["meeting"])
        labels[r["topic"]] = r["topicLabel"] or r["topic"].rsplit("/", 1)[-1]
    out = [TopicYear(year, Ref(t, labels[t]), tuple(sorted(ms))) for (year, t), ms in by.items()]
    return sorted(out, key=lambda x: (x.year, -len(x.meetings), x.topic.label))


def topic_changes(rows: list[TopicYear]) -> list[tuple[str, list[str], list[str]]]:
    """(year, topics new that year, topics of the year before no longer discussed).

    Example:
        >>> r = [TopicYear("2023", Ref("t1", "A"), ("m",)), TopicYear("2024", Ref("t2", "B"), ("n",))]
        >>> topic_changes(r)
        [('2023', ['A'], []), ('2024', ['B'], ['A'])]
    """
    years = sorted({r.year for r in rows})
    out, before = [], set()
    for y in years:
        now = {r.topic.label for r in rows if r.year == y}
        out.append((y, sorted(now - before), sorted(before - now)))
        before = now
    return out


def resolve_thing(ds: Dataset, target: str) -> Ref:
    """What ``target`` names: an IRI, else a person, organisation, country, place,
    weapon system or topic by name, else a meeting (see :func:`queries.lookup.find_meeting`).

    Raises:
        QueryError: nothing matches (the person suggestions are given), or several do.
    """
    iri = expand_iri(target)
    if iri is not None:
        return Ref(iri, iri)
    persons = NameIndex.load(ds, "person")
    if persons.matches(target):
        e = persons.find(target)
        return Ref(e.iri, e.label)
    others = NameIndex.load(ds, "organization", "country", "place", "system", "topic")
    if others.matches(target):
        e = others.find(target)
        return Ref(e.iri, e.label)
    try:
        return Ref(find_meeting(ds, target), target)
    except QueryError as exc:
        if str(exc).startswith("no meeting"):
            persons.find(target)  # raises with the person suggestions
        raise


def explain(ds: Dataset, target: str, *, prop: str | None = None, value: str | None = None,
            topic: str | None = None) -> Explanation:
    """The sentences that support a thing (``target``: IRI or name, see
    :func:`resolve_thing`), or only one fact about it: ``prop`` (a dd: property
    name such as "holdsRole" or "discusses") with ``value`` (IRI, name or
    literal); ``topic`` is short for prop "discusses" with that topic.

    Raises:
        QueryError: unknown target or topic.
    """
    thing = resolve_thing(ds, target)
    if topic is not None:
        prop, value = "discusses", find_iri(ds, topic, "topic")
    prop_iri = None if prop is None else (expand_iri(prop) or DD + prop.removeprefix("dd:"))
    if value is not None and expand_iri(value) is not None:
        value = expand_iri(value)
    rows = select(ds, "evidence", thing=thing.iri, property=prop_iri, value=value)
    if thing.label == thing.iri or thing.label == target:
        label = select(ds, "label_of", thing=thing.iri)
        if not label and not rows:
            raise QueryError(f"{target}: not in the graph")
        thing = Ref(thing.iri, label[0]["label"] if label and label[0]["label"] else thing.iri)
    seen, out = set(), []
    for r in rows:
        key = (r["g"], r["sentence"], r["supports"], r["about"])
        if key in seen:
            continue
        seen.add(key)
        supports = r["supports"].rsplit("#", 1)[-1] if r["supports"] else None
        out.append(Evidence(r["sentence"], r["surface"], supports, r["about"], source_of(r)))
    out.sort(key=lambda e: (e.source.published or "9999", e.source.name))  # stable: text order within an article
    return Explanation(thing, tuple(out))
