"""Gold files: load and validate them, and the name rules used to compare with them.

A gold file (``data/gold/seeds.yaml``) lists, for a handful of articles named by
file-name prefix ("000"), the persons, meetings, aid, agreements and noise a
correct graph must (not) hold; optionally also ``not_meetings`` (meetings an
article mentions that did not happen: planned, denied, or with a former
office-holder), ``distinct_persons`` (pairs of names that must stay two
entities) and agreement ``signatories`` and ``date``. :func:`load_gold` turns it into frozen
dataclasses; a bad file raises :class:`graph.errors.QueryError` with one line
naming the file and the problem.

The normalisation helpers below are the *only* fuzziness the evaluation allows.

Example:
    >>> norm("Sébastien  Lecornu")
    'sebastien lecornu'
    >>> norm_title("the Minister of Defense & Veterans")
    'minister of defence and veterans'
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from graph.errors import QueryError

_DASHES = re.compile(r"[\s\-\u2010-\u2015\u2212_]+")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'", "`": "'", "\u2018": "'"})
_SPELLING = {"defense": "defence", "defenses": "defences"}
_STOPWORDS = frozenset(
    "a an the of and or for to in on at by with from as than that this these those is are "
    "was were be its their his her our "
    "і й та в у з із зі на до для про що як а але від по за".split()
)


def norm(text: str) -> str:
    """Normalise a name: NFKD, no diacritics, casefold, one space for runs of spaces/hyphens.

    Example:
        >>> norm("Horbatiuk-Ivanenko ") == norm("horbatiuk  ivanenko")
        True
    """
    decomposed = unicodedata.normalize("NFKD", str(text).translate(_APOSTROPHES))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _DASHES.sub(" ", plain.casefold()).strip()


_TITLE_NOISE = {"federal"}


def norm_title(text: str, country: str | None = None) -> str:
    """Normalise an office title for comparison.

    :func:`norm`, "&" -> "and", defense -> defence, "for" -> "of", no leading "the",
    no "Federal" (a country's own word for its ministers), and no trailing
    "of <country>" (when ``country`` is given) or "to <country>" (a posting).

    Example:
        >>> norm_title("The Minister of Defense") == norm_title("minister of defence")
        True
        >>> norm_title("Commander-in-Chief of the Armed Forces of Ukraine", "Ukraine")
        'commander in chief of the armed forces'
        >>> norm_title("Federal Minister for Foreign Affairs") == norm_title("Minister of Foreign Affairs")
        True
    """
    words = [_SPELLING.get(w, w) for w in norm(str(text).replace("&", " and ")).split()]
    words = ["of" if w == "for" else w for w in words if w not in _TITLE_NOISE]
    if words and words[0] == "the":
        words = words[1:]
    title = " ".join(words)
    if country:
        for suffix in (f" of {norm(country)}", f" of the {norm(country)}"):
            if title.endswith(suffix):
                title = title[: -len(suffix)]
    return re.sub(r" to (the )?\w+$", "", title) if " to " in title else title


def content_words(text: str) -> frozenset[str]:
    """Return the normalised words of ``text`` without stop words ("7,000" stays one word).

    Example:
        >>> sorted(content_words("training of more than 7,000 Ukrainian soldiers"))
        ['7000', 'more', 'soldiers', 'training', 'ukrainian']
    """
    text = re.sub(r"(?<=\d)[,\u202f\u00a0 ](?=\d{3}\b)", "", norm(text))
    return frozenset(_SPELLING.get(w, w) for w in re.findall(r"\w+", text) if w not in _STOPWORDS)


def word_similarity(a: str, b: str) -> float:
    """Jaccard similarity of the content words of two labels.

    Example:
        >>> round(word_similarity("French defense companies", "reps of French defence companies"), 2)
        0.75
    """
    wa, wb = content_words(a), content_words(b)
    return len(wa & wb) / len(wa | wb) if wa | wb else 0.0


def item_matches(gold_item: str, label: str | None = None, description: str | None = None) -> bool:
    """Tell whether a store aid item (a system label or a description) is the gold item.

    Labels must be equal after :func:`norm`, or the gold name must be the store
    label's family name (its first words: "AMX" names the "AMX-10 RC", "Leopard" the
    "Leopard 2"); a description matches when it holds at least 60% of the gold item's
    content words.

    Example:
        >>> item_matches("CAESAR", label="Caesar")
        True
        >>> item_matches("AMX", label="AMX-10 RC"), item_matches("AMX", label="AMRAAM")
        (True, False)
        >>> item_matches("training of more than 7,000 Ukrainian soldiers",
        ...              description="training of 7,000 Ukrainian soldiers")
        True
    """
    if label is not None and (norm(label) == norm(gold_item) or norm(label).startswith(norm(gold_item) + " ")):
        return True
    if description is None:
        return False
    if norm(description) == norm(gold_item):
        return True
    wanted = content_words(gold_item)
    return bool(wanted) and len(wanted & content_words(description)) / len(wanted) >= 0.6


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


class _Reader:
    """Validation helpers that raise one-line errors naming the file and the place."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.notes: list[str] = []

    def fail(self, where: str, problem: str) -> QueryError:
        return QueryError(f"{self.path}: {where}: {problem}" if where else f"{self.path}: {problem}")

    def mapping(self, value: Any, where: str, allowed: set[str], required: set[str] = frozenset()) -> dict:
        if not isinstance(value, dict):
            raise self.fail(where, f"expected a mapping, got {type(value).__name__}")
        for key in value:
            if key not in allowed:
                raise self.fail(where, f"unknown key {key!r}")
        for key in sorted(required):
            if value.get(key) in (None, "", []):
                raise self.fail(where, f"missing {key!r}")
        return value

    def text(self, value: Any, where: str, optional: bool = False) -> str | None:
        if value is None and optional:
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int, float)) or str(value).strip() == "":
            raise self.fail(where, f"expected a non-empty string, got {value!r}")
        return str(value).strip()

    def texts(self, value: Any, where: str) -> tuple[str, ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            raise self.fail(where, f"expected a list, got {type(value).__name__}")
        out: list[str] = []
        for i, v in enumerate(value):
            item = self.text(v, f"{where}[{i}]")
            # An unquoted "7,000" in a YAML flow list [a, 7,000 b] reads as "... 7" and "000 b": rejoin.
            if out and isinstance(v, str) and re.search(r"\d$", out[-1]) and re.match(r"\d{3}\b", item):
                self.notes.append(f"{self.path}: {where}: read '{out[-1]}' + '{item}' as one item "
                                  f"'{out[-1]},{item}' (quote numbers with commas in YAML lists)")
                out[-1] = f"{out[-1]},{item}"
            else:
                out.append(item)
        return tuple(out)

    def sources(self, value: Any, where: str) -> tuple[str, ...]:
        if not isinstance(value, list) or not value:
            raise self.fail(where, "expected a non-empty list of quoted file prefixes like \"000\"")
        return tuple(self.source(v, f"{where}[{i}]") for i, v in enumerate(value))

    def source(self, value: Any, where: str) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.fail(where, f"source {value!r} must be a quoted string like \"000\"")
        return value.strip()

    def date(self, value: Any, where: str) -> str | None:
        if value is None:
            return None
        if isinstance(value, _dt.date):
            return value.isoformat()[:10]
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
            return value.strip()
        raise self.fail(where, f"expected a date YYYY-MM-DD or null, got {value!r}")

    def items(self, data: dict, key: str) -> list:
        value = data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.fail(key, f"expected a list, got {type(value).__name__}")
        return value


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
    r = _Reader(path)
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
    persons = []
    for i, p in enumerate(r.items(ents, "persons")):
        where = f"entities.persons[{i}]"
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
    orgs = []
    for i, o in enumerate(r.items(ents, "organizations")):
        where = f"entities.organizations[{i}]"
        o = r.mapping(o, where, {"name", "variants"}, {"name"})
        orgs.append(GoldOrganization(r.text(o["name"], where + ".name"),
                                     r.texts(o.get("variants"), where + ".variants")))
    places = r.texts(ents.get("places"), "entities.places")

    meetings, seen = [], set()
    for i, m in enumerate(r.items(data, "meetings")):
        where = f"meetings[{i}]"
        m = r.mapping(m, where, {"id", "sources", "participants", "organizations", "location", "date",
                                 "topics", "kind"}, {"id", "sources"})
        mid = r.text(m["id"], where + ".id")
        if mid in seen:
            raise r.fail(where, f"duplicate meeting id {mid!r}")
        seen.add(mid)
        meeting = GoldMeeting(mid, r.sources(m.get("sources"), where + ".sources"),
                              r.texts(m.get("participants"), where + ".participants"),
                              r.texts(m.get("organizations"), where + ".organizations"),
                              r.text(m.get("location"), where + ".location", True),
                              r.date(m.get("date"), where + ".date"),
                              r.texts(m.get("topics"), where + ".topics"),
                              r.text(m.get("kind"), where + ".kind", True))
        if not meeting.participants and not meeting.organizations:
            raise r.fail(where, "a meeting needs participants or organizations")
        meetings.append(meeting)

    aid = []
    for i, a in enumerate(r.items(data, "aid")):
        where = f"aid[{i}]"
        a = r.mapping(a, where, {"provider", "recipient", "items", "status", "sources"},
                      {"provider", "recipient", "items", "status", "sources"})
        aid.append(GoldAid(r.text(a["provider"], where + ".provider"), r.text(a["recipient"], where + ".recipient"),
                           r.texts(a["items"], where + ".items"), r.text(a["status"], where + ".status"),
                           r.sources(a["sources"], where + ".sources")))
    agreements = []
    for i, a in enumerate(r.items(data, "agreements")):
        where = f"agreements[{i}]"
        a = r.mapping(a, where, {"name", "parties", "sources", "signatories", "date"}, {"name", "parties", "sources"})
        agreements.append(GoldAgreement(r.text(a["name"], where + ".name"), r.texts(a["parties"], where + ".parties"),
                                        r.sources(a["sources"], where + ".sources"),
                                        r.texts(a.get("signatories"), where + ".signatories"),
                                        r.date(a.get("date"), where + ".date")))
    not_meetings = []
    for i, n in enumerate(r.items(data, "not_meetings")):
        where = f"not_meetings[{i}]"
        n = r.mapping(n, where, {"source", "participants", "organizations", "why"}, {"source", "why"})
        why = r.text(n["why"], where + ".why")
        if why not in NOT_MEETING_REASONS:
            raise r.fail(where + ".why", f"expected one of {', '.join(NOT_MEETING_REASONS)}, got {why!r}")
        item = GoldNotMeeting(r.source(n["source"], where + ".source"), why,
                              r.texts(n.get("participants"), where + ".participants"),
                              r.texts(n.get("organizations"), where + ".organizations"))
        if not item.participants and not item.organizations:
            raise r.fail(where, "a not_meeting needs participants or organizations")
        not_meetings.append(item)
    distinct = []
    for i, pair in enumerate(r.items(data, "distinct_persons")):
        where = f"distinct_persons[{i}]"
        if not isinstance(pair, list) or len(pair) != 2:
            raise r.fail(where, f"expected a pair of names [A, B], got {pair!r}")
        a, b = (r.text(name, f"{where}[{j}]") for j, name in enumerate(pair))
        if norm(a) == norm(b):
            raise r.fail(where, f"the two names are the same person name {a!r}")
        distinct.append((a, b))
    noise = []
    raw_noise = data.get("noise") or {}
    if not isinstance(raw_noise, dict):
        raise r.fail("noise", f"expected a mapping of article prefix to strings, got {type(raw_noise).__name__}")
    for key, strings in raw_noise.items():
        if not isinstance(key, str):
            raise r.fail("noise", f"article key {key!r} must be a quoted string like \"001\"")
        noise.append((key, r.texts(strings, f"noise[{key!r}]")))
    if data.get("questions") is not None and not isinstance(data["questions"], list):
        raise r.fail("questions", "expected a list")
    return Gold(path, tuple(persons), tuple(orgs), places, tuple(meetings), tuple(aid), tuple(agreements),
                tuple(sorted(noise)), tuple(r.notes), tuple(not_meetings), tuple(distinct))
