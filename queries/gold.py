"""Gold files: load and validate them into frozen dataclasses.

A gold file (``data/gold/seeds.yaml``) lists, for a handful of articles named by
file-name prefix ("000"), the persons, meetings, aid, agreements and noise a
correct graph must (not) hold; optionally also ``not_meetings`` (meetings an
article mentions that did not happen: planned, denied, or with a former
office-holder), ``distinct_persons`` (pairs of names that must stay two
entities) and agreement ``signatories`` and ``date``. :func:`load_gold` turns it into frozen
dataclasses; a bad file raises :class:`graph.errors.QueryError` with one line
naming the file and the problem (checks in :mod:`queries.gold_reader`).

The name rules used to compare with a gold file live in :mod:`queries.matching`
(re-exported here).

Example:
    >>> gold = Gold("g.yaml", meetings=(GoldMeeting("paris", ("000", "001"), ("Rustem Umerov",)),))
    >>> gold.sources, gold.org_keys("NATO")
    (('000', '001'), frozenset({'nato'}))
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from ddgraph.queries.gold_reader import GoldReader
from ddgraph.queries.matching import content_words, item_matches, norm, norm_title, word_similarity

__all__ = [
    "Gold", "GoldAgreement", "GoldAid", "GoldMeeting", "GoldNotMeeting", "GoldOrganization", "GoldPerson",
    "GoldRole", "NOT_MEETING_REASONS", "load_gold",
    # re-exported from queries.matching
    "content_words", "item_matches", "norm", "norm_title", "word_similarity",
]


@dataclass(frozen=True)
class GoldRole:
    """An office a gold person holds."""

    title: str
    organization: str | None = None
    country: str | None = None


@dataclass(frozen=True)
class GoldPerson:
    """A person with every spelling that must resolve to them."""

    name: str
    variants: tuple[str, ...] = ()
    rank: str | None = None
    roles: tuple[GoldRole, ...] = ()

    @property
    def keys(self) -> frozenset[str]:
        """Normalised name and variants."""
        return frozenset(norm(n) for n in (self.name, *self.variants))


@dataclass(frozen=True)
class GoldOrganization:
    """An organisation and its other names (acronyms included)."""

    name: str
    variants: tuple[str, ...] = ()


@dataclass(frozen=True)
class GoldMeeting:
    """A real-world meeting and the articles (file prefixes) that report it."""

    id: str
    sources: tuple[str, ...]
    participants: tuple[str, ...] = ()
    organizations: tuple[str, ...] = ()
    location: str | None = None
    date: str | None = None
    topics: tuple[str, ...] = ()
    kind: str | None = None


@dataclass(frozen=True)
class GoldAid:
    """Items one provider gave (or pledged) to one recipient."""

    provider: str
    recipient: str
    items: tuple[str, ...]
    status: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class GoldAgreement:
    """An agreement, its parties, and (when the text states them) its signatories and date."""

    name: str
    parties: tuple[str, ...]
    sources: tuple[str, ...]
    signatories: tuple[str, ...] = ()
    date: str | None = None


NOT_MEETING_REASONS = ("planned", "denied", "former")


@dataclass(frozen=True)
class GoldNotMeeting:
    """A meeting one article mentions that did not happen (``why``: planned, denied or former)."""

    source: str
    why: str
    participants: tuple[str, ...] = ()
    organizations: tuple[str, ...] = ()


@dataclass(frozen=True)
class Gold:
    """A whole gold file."""

    path: str
    persons: tuple[GoldPerson, ...] = ()
    organizations: tuple[GoldOrganization, ...] = ()
    places: tuple[str, ...] = ()
    meetings: tuple[GoldMeeting, ...] = ()
    aid: tuple[GoldAid, ...] = ()
    agreements: tuple[GoldAgreement, ...] = ()
    noise: tuple[tuple[str, tuple[str, ...]], ...] = ()
    notes: tuple[str, ...] = ()
    not_meetings: tuple[GoldNotMeeting, ...] = ()
    distinct_persons: tuple[tuple[str, str], ...] = ()

    @property
    def sources(self) -> tuple[str, ...]:
        """Every article prefix the gold covers (sources and noise keys), sorted."""
        found = {s for m in self.meetings for s in m.sources}
        found |= {s for a in self.aid for s in a.sources}
        found |= {s for a in self.agreements for s in a.sources}
        found |= {key for key, _ in self.noise}
        found |= {n.source for n in self.not_meetings}
        return tuple(sorted(found))

    def org_keys(self, name: str) -> frozenset[str]:
        """Normalised ``name`` plus the variants of the gold organisation of that name."""
        keys = {norm(name)}
        for org in self.organizations:
            names = {norm(n) for n in (org.name, *org.variants)}
            if norm(name) in names:
                keys |= names
        return frozenset(keys)


_TOP_KEYS = {"entities", "meetings", "aid", "agreements", "noise", "questions", "not_meetings",
             "distinct_persons"}


def load_gold(path: str | Path) -> Gold:
    """Read and validate a gold YAML file.

    Raises:
        QueryError: one line ``"<file>: <where>: <problem>"`` when the file is
            missing, not YAML, or not in the gold format.

    Example:
        >>> gold = load_gold("data/gold/seeds.yaml")  # doctest: +SKIP
        >>> gold.meetings[0].id, gold.meetings[0].sources  # doctest: +SKIP
        ('paris-2024', ('000', '001', '002'))
    """
    path = str(path)
    r = GoldReader(path)
    try:
        raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise r.fail("", f"cannot read gold file ({exc.strerror or exc})") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" at line {mark.line + 1}" if mark is not None else ""
        problem = " ".join(str(getattr(exc, "problem", None) or exc).split())
        raise r.fail("", f"not valid YAML{line}: {problem}") from exc
    data = r.mapping(raw, "", _TOP_KEYS) if raw is not None else {}
    if not data:
        raise r.fail("", "gold file is empty")
    ents = r.mapping(data.get("entities") or {}, "entities", {"persons", "organizations", "places"})
    persons, orgs = _persons(r, ents), _organizations(r, ents)
    places = r.texts(ents.get("places"), "entities.places")
    meetings, aid, agreements = _meetings(r, data), _aid(r, data), _agreements(r, data)
    not_meetings, distinct, noise = _not_meetings(r, data), _distinct_persons(r, data), _noise(r, data)
    if data.get("questions") is not None and not isinstance(data["questions"], list):
        raise r.fail("questions", "expected a list")
    return Gold(path, persons, orgs, places, meetings, aid, agreements, noise, tuple(r.notes), not_meetings, distinct)


def _persons(r: GoldReader, ents: dict) -> tuple[GoldPerson, ...]:
    persons = []
    for where, p in r.entries(ents, "persons", "entities."):
        p = r.mapping(p, where, {"name", "variants", "rank", "roles"}, {"name"})
        roles = []
        for j, role in enumerate(p.get("roles") or []):
            rw = f"{where}.roles[{j}]"
            role = r.mapping(role, rw, {"title", "organization", "country"}, {"title"})
            roles.append(GoldRole(r.text(role["title"], rw + ".title"),
                                  r.text(role.get("organization"), rw + ".organization", True),
                                  r.text(role.get("country"), rw + ".country", True)))
        persons.append(GoldPerson(r.text(p["name"], where + ".name"), r.texts(p.get("variants"), where + ".variants"),
                                  r.text(p.get("rank"), where + ".rank", True), tuple(roles)))
    return tuple(persons)


def _organizations(r: GoldReader, ents: dict) -> tuple[GoldOrganization, ...]:
    orgs = []
    for where, o in r.entries(ents, "organizations", "entities."):
        o = r.mapping(o, where, {"name", "variants"}, {"name"})
        orgs.append(GoldOrganization(r.text(o["name"], where + ".name"),
                                     r.texts(o.get("variants"), where + ".variants")))
    return tuple(orgs)


def _with_parties(r: GoldReader, item, where: str, what: str):
    """``item`` (a meeting or not_meeting) when it names participants or organizations."""
    if not item.participants and not item.organizations:
        raise r.fail(where, f"a {what} needs participants or organizations")
    return item


def _meetings(r: GoldReader, data: dict) -> tuple[GoldMeeting, ...]:
    meetings, seen = [], set()
    for where, m in r.entries(data, "meetings"):
        m = r.mapping(m, where, {"id", "sources", "participants", "organizations", "location", "date",
                                 "topics", "kind"}, {"id", "sources"})
        mid = r.text(m["id"], where + ".id")
        if mid in seen:
            raise r.fail(where, f"duplicate meeting id {mid!r}")
        seen.add(mid)
        meetings.append(_with_parties(r, GoldMeeting(
            mid, r.sources(m.get("sources"), where + ".sources"),
            r.texts(m.get("participants"), where + ".participants"),
            r.texts(m.get("organizations"), where + ".organizations"),
            r.text(m.get("location"), where + ".location", True), r.date(m.get("date"), where + ".date"),
            r.texts(m.get("topics"), where + ".topics"), r.text(m.get("kind"), where + ".kind", True)),
            where, "meeting"))
    return tuple(meetings)


def _aid(r: GoldReader, data: dict) -> tuple[GoldAid, ...]:
    aid = []
    for where, a in r.entries(data, "aid"):
        a = r.mapping(a, where, {"provider", "recipient", "items", "status", "sources"},
                      {"provider", "recipient", "items", "status", "sources"})
        aid.append(GoldAid(r.text(a["provider"], where + ".provider"), r.text(a["recipient"], where + ".recipient"),
                           r.texts(a["items"], where + ".items"), r.text(a["status"], where + ".status"),
                           r.sources(a["sources"], where + ".sources")))
    return tuple(aid)


def _agreements(r: GoldReader, data: dict) -> tuple[GoldAgreement, ...]:
    agreements = []
    for where, a in r.entries(data, "agreements"):
        a = r.mapping(a, where, {"name", "parties", "sources", "signatories", "date"}, {"name", "parties", "sources"})
        agreements.append(GoldAgreement(r.text(a["name"], where + ".name"), r.texts(a["parties"], where + ".parties"),
                                        r.sources(a["sources"], where + ".sources"),
                                        r.texts(a.get("signatories"), where + ".signatories"),
                                        r.date(a.get("date"), where + ".date")))
    return tuple(agreements)


def _not_meetings(r: GoldReader, data: dict) -> tuple[GoldNotMeeting, ...]:
    not_meetings = []
    for where, n in r.entries(data, "not_meetings"):
        n = r.mapping(n, where, {"source", "participants", "organizations", "why"}, {"source", "why"})
        why = r.text(n["why"], where + ".why")
        if why not in NOT_MEETING_REASONS:
            raise r.fail(where + ".why", f"expected one of {', '.join(NOT_MEETING_REASONS)}, got {why!r}")
        not_meetings.append(_with_parties(r, GoldNotMeeting(
            r.source(n["source"], where + ".source"), why, r.texts(n.get("participants"), where + ".participants"),
            r.texts(n.get("organizations"), where + ".organizations")), where, "not_meeting"))
    return tuple(not_meetings)


def _distinct_persons(r: GoldReader, data: dict) -> tuple[tuple[str, str], ...]:
    distinct = []
    for where, pair in r.entries(data, "distinct_persons"):
        if not isinstance(pair, list) or len(pair) != 2:
            raise r.fail(where, f"expected a pair of names [A, B], got {pair!r}")
        a, b = (r.text(name, f"{where}[{j}]") for j, name in enumerate(pair))
        if norm(a) == norm(b):
            raise r.fail(where, f"the two names are the same person name {a!r}")
        distinct.append((a, b))
    return tuple(distinct)


def _noise(r: GoldReader, data: dict) -> tuple[tuple[str, tuple[str, ...]], ...]:
    noise = []
    raw_noise = data.get("noise") or {}
    if not isinstance(raw_noise, dict):
        raise r.fail("noise", f"expected a mapping of article prefix to strings, got {type(raw_noise).__name__}")
    for key, strings in raw_noise.items():
        if not isinstance(key, str):
            raise r.fail("noise", f"article key {key!r} must be a quoted string like \"001\"")
        noise.append((key, r.texts(strings, f"noise[{key!r}]")))
    return tuple(sorted(noise))
