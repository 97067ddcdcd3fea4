"""Answers about aid, agreements, what two countries discuss, and provenance:
the sentences (with article, outlet and date) that support a thing or a fact.

Example:
    >>> sorted({i.label for a in aid(ds, provider="France", recipient="Ukraine") for i in a.items})  # doctest: +SKIP
    ['AMX-10 RC', 'CAESAR', 'Crotale', 'Milan', 'SAMP/T', 'VAB']
"""

from __future__ import annotations

from collections import defaultdict
from itertools import product
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # rdflib only in annotations: a lookup process does not load it
    from rdflib import Dataset

from ddgraph.graph.errors import QueryError
from ddgraph.queries.lookup import Page, Ref, Source, find_meeting, refs, select
from ddgraph.queries.names import NameIndex, expand_iri, find_iri
from ddgraph.graph.instance_keys import PAIR_NS, decode_key, parse_topic_count
from ddgraph.graph.namespaces import DD_NS, RDF_NS
from ddgraph.queries.lookup import by_key_id
from ddgraph.queries.rows import by_date, labels_of, latest, local, sources_by_article, topic_labels

DD = DD_NS
RDF_TYPE = RDF_NS + "type"
AID_STATUSES = ("delivered", "pledged", "ordered", "denied")
#: How far ``event_count.rq`` counts the events of each thing given before choosing the rarest.
_COUNT_CAP = 2000


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
    """A topic two countries discussed in one year: in how many meetings, and one of them."""

    year: str
    topic: Ref
    meetings: tuple[str, ...]  # an example
    count: int = 0


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
    total: int = 0  # sentences in all (the evidence may be the first of them)
    article_count: int = 0

    @property
    def sources(self) -> tuple[Source, ...]:
        found = {e.source.article: e.source for e in self.evidence}
        return tuple(sorted(found.values(), key=lambda s: (s.published or "9999", s.name)))


def _events(ds: Dataset, cls: str, filters: dict[str, str | None], drives: dict[str, str],
            limit: int | None) -> tuple[dict[str, dict[str, list]], dict[str, Source], int]:
    """The events of class ``cls`` that pass ``filters`` (starting from the rarest one): their
    facts by property (the latest ``limit`` by date), the sources, and how many match in all."""
    given = [(k, drives[k], v) for k, v in filters.items() if v is not None and k in drives]
    starts = given[:1] or [(None, RDF_TYPE, cls)]
    if len(given) > 1:  # the rarest (counts stop at _COUNT_CAP: past it, any is as good)
        counts = {g: int(select(ds, "event_count", iris={"drive": g[1], "driveValue": g[2]},
                                limit=_COUNT_CAP)[0]["n"]) for g in given}
        starts = [min(given, key=lambda g: (counts[g], g[1], g[2]))]
    if filters.get("party"):  # the drive is the filter
        starts = [("party", DD + "party", filters["party"]), ("party", DD + "signatory", filters["party"])]
    found: dict[str, str] = {}
    for name, d, v in starts:
        also = {k: iri for k, iri in filters.items() if k in drives and k != name and iri is not None}
        keys = {"status": filters["status"]} if filters.get("status") else {}
        for r in select(ds, "event_select", iris={"drive": d, "driveValue": v, **also}, keys=keys):
            found[r["event"]] = min(found.get(r["event"], "9999"), (r["date"] or "9999")[:10])
    ordered = sorted(found, key=lambda e: (found[e], e))
    page, total = latest(ordered, limit)
    facts: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    rows = [r for i in range(0, len(page), 500) for r in select(ds, "event_details", values={"event": page[i : i + 500]})]
    labels = labels_of(ds, {r["value"] for r in rows if not r["p"].endswith("reportedIn")})
    for r in rows:
        facts[r["event"]][local(r["p"])].append((r["value"], labels.get(r["value"])))
    meta = sources_by_article(ds, {a for f in facts.values() for a, _ in f["reportedIn"]})
    return {e: facts[e] for e in page}, meta, total


def _date(f: dict[str, list]) -> tuple[str | None, str | None]:
    dates = sorted(v[:10] for v, _ in f["bestDate"])
    if not dates:
        return None, None
    return dates[0], min((v for v, _ in f["dateQualifier"]), default=None)


def _label(f: dict[str, list], iri: str) -> str:
    return min((v for v, _ in f["label"]), default=iri)


def aid(ds: Dataset, *, provider: str | None = None, recipient: str | None = None,
        system: str | None = None, status: str | None = None, limit: int | None = None) -> Page:
    """Aid deliveries, pledges and orders, filtered by provider and recipient
    (country names), weapon system and status. Sorted by date; with ``limit``, the latest.

    Raises:
        QueryError: an unknown name or status.
    """
    if status is not None and status not in AID_STATUSES:
        raise QueryError(f"unknown aid status '{status}' (choose from {', '.join(AID_STATUSES)})")
    filters = {"provider": find_iri(ds, provider, "country"), "recipient": find_iri(ds, recipient, "country"),
               "system": find_iri(ds, system, "system"), "status": status}
    drives = {"provider": DD + "provider", "recipient": DD + "recipient", "system": DD + "item"}
    events, meta, total = _events(ds, DD + "AidDelivery", filters, drives, limit)
    out = []
    for iri, f in events.items():
        date, qualifier = _date(f)
        statuses = sorted({v for v, _ in f["status"]})
        out.append(Aid(
            iri=iri, label=_label(f, iri), providers=refs(f["provider"]), recipients=refs(f["recipient"]),
            items=refs(f["item"]), descriptions=tuple(sorted({v for v, _ in f["itemDescription"]})),
            status="/".join(statuses) or None, date=date, date_qualifier=qualifier,
            sources=by_date(meta[a] for a, _ in f["reportedIn"]),
        ))
    return Page(sorted(out, key=lambda a: (a.date or "9999", a.iri)), total)


def agreements(ds: Dataset, *, party: str | None = None, limit: int | None = None) -> Page:
    """Agreements, optionally those a body, country or person (``party``, any
    name) is party to or signed. Sorted by date; with ``limit``, the latest.

    Raises:
        QueryError: unknown or ambiguous party.
    """
    party_iri = None
    if party is not None:
        party_iri = NameIndex.load(ds, "organization", "country", "person").find(party).iri
    events, meta, total = _events(ds, DD + "Agreement", {"party": party_iri}, {}, limit)
    out = []
    for iri, f in events.items():
        date, qualifier = _date(f)
        statuses = sorted({v for v, _ in f["status"]})
        out.append(Agreement(
            iri=iri, label=_label(f, iri), type=min((v for v, _ in f["agreementType"]), default=None),
            parties=refs(f["party"]), signatories=refs(f["signatory"]), status="/".join(statuses) or None,
            date=date, date_qualifier=qualifier, sources=by_date(meta[a] for a, _ in f["reportedIn"]),
        ))
    return Page(sorted(out, key=lambda a: (a.date or "9999", a.iri)), total)


def country_topics(ds: Dataset, country_a: str, country_b: str) -> list[TopicYear]:
    """The topics of the meetings between people or bodies of two countries, by
    year (then most meetings first), with the earliest meeting of each as its example;
    read from the counts the instance layer keeps on the pair (``dd:topicCount``, see
    ``queries/sparql/pair_topics.rq``).

    Raises:
        QueryError: unknown country, or the same country twice.
    """
    a, b = find_iri(ds, country_a, "country"), find_iri(ds, country_b, "country")
    if a == b:
        raise QueryError(f"'{country_a}' and '{country_b}' are the same country")
    tail = lambda iri: iri.rsplit("/country/", 1)[-1]  # noqa: E731
    pair = PAIR_NS + "--".join(sorted((tail(a), tail(b))))
    counts = [parse_topic_count(r["counts"]) for r in select(ds, "pair_topics", pair=pair)]
    labels = topic_labels(ds) if counts else {}
    out = []
    for year, count, first_key, topic in counts:
        meeting = decode_key(first_key)[3]
        meeting = by_key_id(ds, meeting) if meeting.startswith("~") else meeting
        out.append(TopicYear(year, Ref(topic, labels.get(topic) or topic.rsplit("/", 1)[-1]), (meeting,), count))
    return sorted(out, key=lambda x: (x.year, -x.count, x.topic.label))


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


_MENTION_FIELDS = {"sentence": "sentence", "surfaceForm": "surface", "charStart": "start",
                   "supportsProperty": "supports", "supportsValue": "about"}


def _mention_rows(ds: Dataset, mentions: list[str], prop: str | None, value: str | None) -> list[dict]:
    """A row (g, sentence, surface, start, supports, about) per mention and fact it supports
    (``prop`` and ``value``, when given, keep only that fact)."""
    said: dict[str, dict[str, list[str]]] = {}
    for i in range(0, len(mentions), 500):
        for r in select(ds, "mention_details", values={"m": mentions[i : i + 500]}):
            fields = said.setdefault(r["m"], {"g": [r["g"]]})
            fields.setdefault(_MENTION_FIELDS[r["p"].rsplit("#", 1)[-1]], []).append(r["value"])
    out = []
    for fields in said.values():
        for combo in product(*(fields.get(k) or [None] for k in ("g", "sentence", "surface", "start", "supports",
                                                               "about"))):
            row = dict(zip(("g", "sentence", "surface", "start", "supports", "about"), combo))
            if row["sentence"] is not None and (prop is None or row["supports"] == prop) and \
                    (value is None or row["about"] == value):
                out.append(row)
    return out


def explain(ds: Dataset, target: str, *, prop: str | None = None, value: str | None = None,
            topic: str | None = None, limit: int | None = None) -> Explanation:
    """The sentences that support a thing (``target``: IRI or name, see
    :func:`resolve_thing`), or only one fact about it: ``prop`` (a dd: property
    name such as "holdsRole" or "discusses") with ``value`` (IRI, name or
    literal); ``topic`` is short for prop "discusses" with that topic. With
    ``limit``, the sentences of the earliest articles (the explanation's
    ``total`` and ``article_count`` count them all).

    Raises:
        QueryError: unknown target or topic.
    """
    thing = resolve_thing(ds, target)
    if topic is not None:
        prop, value = "discusses", find_iri(ds, topic, "topic")
    prop_iri = None if prop is None else (expand_iri(prop) or DD + prop.removeprefix("dd:"))
    if value is not None and expand_iri(value) is not None:
        value = expand_iri(value)
    found = select(ds, "evidence", limit=limit, iris={"thing": thing.iri}, property=prop_iri, value=value)
    rows = _mention_rows(ds, [r["m"] for r in found], prop_iri, value)
    if thing.label == thing.iri or thing.label == target:
        label = select(ds, "label_of", thing=thing.iri)
        if not label and not rows:
            raise QueryError(f"{target}: not in the graph")
        thing = Ref(thing.iri, label[0]["label"] if label and label[0]["label"] else thing.iri)
    meta = sources_by_article(ds, {r["g"] for r in rows})
    seen, out = set(), []
    for r in sorted(rows, key=lambda r: (r["g"], int(r["start"] or 0), r["supports"] or "", r["about"] or "")):
        key = (r["g"], r["sentence"], r["supports"], r["about"])
        if key in seen:
            continue
        seen.add(key)
        supports = r["supports"].rsplit("#", 1)[-1] if r["supports"] else None
        out.append(Evidence(r["sentence"], r["surface"], supports, r["about"], meta[r["g"]]))
    out.sort(key=lambda e: (e.source.published or "9999", e.source.name))  # stable: text order within an article
    total, articles = len(out), len({e.source.article for e in out})
    if limit is not None and len(found) >= limit:
        counts = select(ds, "evidence_count", iris={"thing": thing.iri}, property=prop_iri, value=value)
        total, articles = (int(counts[0]["mentions"]), int(counts[0]["articles"])) if counts else (total, articles)
    return Explanation(thing, tuple(out), total, articles)
