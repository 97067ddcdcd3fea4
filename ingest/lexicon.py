"""The domain lexicon: countries, places, organizations, offices, ranks, weapon systems, topics.

The knowledge lives in ``data/lexicon/*.yaml`` (see the header of each file); this
module reads it once, checks it (ids, required fields, cross-references) and
hands it out as frozen :class:`Term` records. A broken file raises
:class:`graph.errors.DDGraphError` with a one-line message
``data/lexicon/FILE: entry ID: problem``.

Example:
    >>> lex = load_lexicon()
    >>> lex.get("country", "france").attr("capital")
    'paris'
    >>> "MoD of Ukraine" in lex.get("organization", "ministry-of-defence-ukraine").en_aliases
    True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, Iterator, Mapping

import yaml

from graph.errors import DDGraphError

#: Default data directory: the repository's ``data/``.
DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "data"

#: Term kinds, in load order, and the file each comes from.
FILES: Mapping[str, str] = MappingProxyType(
    {
        "topic": "topics.yaml",
        "country": "countries.yaml",
        "place": "places.yaml",
        "organization": "organizations.yaml",
        "office": "offices.yaml",
        "rank": "ranks.yaml",
        "system": "systems.yaml",
    }
)

ORGANIZATION_KINDS = ("ministry", "armed-forces", "agency", "government", "company", "international", "military-unit")
#: Generic bodies an office belongs to (besides organizations.yaml ids).
BODY_KINDS = (
    "head-of-state", "government", "presidential-office", "defence-ministry", "foreign-ministry",
    "general-staff", "armed-forces", "air-force", "navy", "ground-forces", "security-council",
    "parliament", "embassy", "company",
)  # fmt: skip
OFFICE_LEVELS = ("head", "deputy", "other")
SYSTEM_CATEGORIES = (
    "air-defense", "artillery", "tank", "apc", "ifv", "missile", "aircraft", "drone",
    "anti-tank", "mlrs", "ew", "ship", "helicopter",
)  # fmt: skip
PLACE_KINDS = ("city", "region", "base", "venue")
RANK_SYSTEMS = ("army", "navy", "air")
#: Nested {en, uk} fields of a country; offices name one of the titles in ``country_title``.
COUNTRY_BODIES = {"defence-ministry": "defence_ministry", "foreign-ministry": "foreign_ministry"}
COUNTRY_TITLES = ("defence_minister", "foreign_minister")

# kind -> (required fields, optional fields); "aliases" are the two list fields of the kind.
_REQUIRED = {
    "topic": ("id", "en", "uk", "en_terms", "uk_terms"),
    "country": ("id", "en", "uk"),
    "place": ("id", "en", "uk", "country"),
    "organization": ("id", "en", "uk", "country", "kind"),
    "office": ("id", "en", "uk", "org_kind", "level", "en_patterns"),
    "rank": ("id", "en", "uk"),
    "system": ("id", "en", "uk", "category", "country"),
}
_OPTIONAL = {
    "topic": (),
    "country": ("en_aliases", "uk_aliases", "demonym", "capital", *COUNTRY_BODIES.values(), *COUNTRY_TITLES),
    "place": ("en_aliases", "uk_aliases", "kind"),
    "organization": ("en_aliases", "uk_aliases", "org_kind", "parent", "topics"),
    "office": ("uk_patterns", "country_title"),
    "rank": ("en_aliases", "uk_aliases", "system"),
    "system": ("en_aliases", "uk_aliases", "topics"),
}
_ALIASES = {"topic": ("en_terms", "uk_terms"), "office": ("en_patterns", "uk_patterns")}
_LISTS = {"en_aliases", "uk_aliases", "en_terms", "uk_terms", "en_patterns", "uk_patterns", "topics"}
_NESTED = {"demonym", *COUNTRY_BODIES.values(), *COUNTRY_TITLES}
_NULLABLE = {("organization", "country"), ("system", "country")}
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Term:
    """One lexicon entry.

    Attributes:
        id: lowercase-hyphen slug, unique within its kind.
        kind: "country", "place", "organization", "office", "rank", "system" or "topic".
        en, uk: canonical labels ("" when absent).
        en_aliases, uk_aliases: other forms; for topics the terms, for offices the
            patterns (always including the canonical title).
        attrs: every other field as (name, value) strings; nested fields as
            "field.en", lists as one pair per item.

    Example:
        >>> t = Term("paris", "place", "Paris", "Париж", (), (), (("country", "france"),))
        >>> t.attr("country"), t.names("uk")
        ('france', ('Париж',))
    """

    id: str
    kind: str
    en: str
    uk: str
    en_aliases: tuple[str, ...]
    uk_aliases: tuple[str, ...]
    attrs: tuple[tuple[str, str], ...] = ()

    def attr(self, name: str, default: str | None = None) -> str | None:
        """Return the first value of attribute ``name``, or ``default``."""
        return next((value for key, value in self.attrs if key == name), default)

    def attr_all(self, name: str) -> tuple[str, ...]:
        """Return every value of attribute ``name`` (e.g. all ``topics`` of a system)."""
        return tuple(value for key, value in self.attrs if key == name)

    def names(self, lang: str) -> tuple[str, ...]:
        """Return the forms to match in ``lang`` ("en" or "uk"): label first, then aliases.

        A topic's label ("Missiles") is not a signal: topics give their terms only.
        """
        label, aliases = (self.en, self.en_aliases) if lang == "en" else (self.uk, self.uk_aliases)
        return _unique(aliases if self.kind == "topic" else (label, *aliases))


@dataclass(frozen=True)
class Lexicon:
    """All lexicon terms, by kind, as read-only id -> :class:`Term` mappings.

    Example:
        >>> lex = load_lexicon()
        >>> lex.get("office", "minister-of-defence").attr("org_kind")
        'defence-ministry'
    """

    countries: Mapping[str, Term]
    places: Mapping[str, Term]
    organizations: Mapping[str, Term]
    offices: Mapping[str, Term]
    ranks: Mapping[str, Term]
    systems: Mapping[str, Term]
    topics: Mapping[str, Term]

    def by_kind(self, kind: str) -> Mapping[str, Term]:
        """Return the id -> Term mapping of ``kind`` ("country", "place", ...)."""
        if kind not in FILES:
            raise KeyError(f"unknown lexicon kind {kind!r}")
        return getattr(self, "countries" if kind == "country" else kind + "s")

    def get(self, kind: str, id: str) -> Term:
        """Return the term of ``kind`` with ``id``; KeyError when there is none."""
        try:
            return self.by_kind(kind)[id]
        except KeyError:
            raise KeyError(f"no {kind} {id!r} in the lexicon") from None

    def all_terms(self) -> Iterator[Term]:
        """Yield every term, kind by kind in :data:`FILES` order."""
        for kind in FILES:
            yield from self.by_kind(kind).values()

    def body_for(self, org_kind: str, country: str | None) -> Term | None:
        """Return the organization an office of ``org_kind`` belongs to in ``country``.

        ``org_kind`` is an organizations id (returned as is) or a generic body kind:
        an organization with that ``org_kind`` and country wins, else a ministry is
        built from the country's ``defence_ministry`` / ``foreign_ministry``.

        Example:
            >>> lex = load_lexicon()
            >>> lex.body_for("defence-ministry", "france").en
            'Ministry of the Armed Forces of France'
            >>> lex.body_for("defence-ministry", "poland").id
            'ministry-of-defence-poland'
        """
        if org_kind in self.organizations:
            return self.organizations[org_kind]
        for org in self.organizations.values():
            if org.attr("org_kind") == org_kind and org.attr("country") == country:
                return org
        field = COUNTRY_BODIES.get(org_kind)
        ctry = self.countries.get(country or "")
        if field is None or ctry is None or not ctry.attr(f"{field}.en"):
            return None
        prefix = "ministry-of-defence" if field == "defence_ministry" else "ministry-of-foreign-affairs"
        attrs = (("country", ctry.id), ("kind", "ministry"), ("org_kind", org_kind))
        return Term(f"{prefix}-{ctry.id}", "organization", ctry.attr(f"{field}.en") or "",
                    ctry.attr(f"{field}.uk") or "", (), (), attrs)  # fmt: skip

    def office_title(self, office: str, country: str | None) -> tuple[str, str]:
        """Return the (en, uk) title of ``office`` in ``country``: the country's own when it has one.

        Example:
            >>> load_lexicon().office_title("minister-of-defence", "united-states")
            ('Secretary of Defense', 'Міністр оборони')
        """
        term = self.get("office", office)
        field = term.attr("country_title")
        ctry = self.countries.get(country or "")
        if field and ctry is not None and ctry.attr(f"{field}.en"):
            return ctry.attr(f"{field}.en") or term.en, ctry.attr(f"{field}.uk") or term.uk
        return term.en, term.uk


def load_lexicon(data_dir: Path | None = None) -> Lexicon:
    """Read, check and return the lexicon in ``data_dir/lexicon`` (default: the repo's ``data/``).

    Cached per directory: call it as often as you like.

    Raises:
        DDGraphError: a file is missing or malformed, an id is repeated, a field is
            missing or unknown, or a reference (country, capital, topic, ...) does not resolve.

    Example:
        >>> len(load_lexicon().topics)
        28
    """
    return _load(Path(data_dir or DEFAULT_DATA_DIR).resolve())


@lru_cache(maxsize=8)
def _load(data_dir: Path) -> Lexicon:
    terms: dict[str, dict[str, Term]] = {kind: {} for kind in FILES}
    checks: list[tuple[str, Term, _Where]] = []
    for kind in FILES:
        shown, entries = _read(data_dir, kind)
        for index, entry in enumerate(entries):
            where = _Where(shown, entry, index)
            term = _term(kind, entry, where)
            if term.id in terms[kind]:
                raise where.error("duplicate id")
            terms[kind][term.id] = term
            checks.append((kind, term, where))
    for kind, term, where in checks:
        _check_references(kind, term, terms, where)
    for kind, term, where in checks:  # once every place is known to lie in a known country
        capital = terms["place"].get(term.attr("capital") or "") if kind == "country" else None
        if capital is not None and capital.attr("country") != term.id:
            raise where.error(f"capital {capital.id!r} lies in {capital.attr('country')!r}")
    frozen = {kind: MappingProxyType(dict(table)) for kind, table in terms.items()}
    return Lexicon(
        countries=frozen["country"], places=frozen["place"], organizations=frozen["organization"],
        offices=frozen["office"], ranks=frozen["rank"], systems=frozen["system"], topics=frozen["topic"],
    )  # fmt: skip


class _Where:
    """Where a problem is: file and entry, for one-line error messages."""

    def __init__(self, file: str, entry: Any, index: int) -> None:
        ident = entry.get("id") if isinstance(entry, dict) else None
        self.prefix = f"{file}: entry {ident}" if isinstance(ident, str) and ident else f"{file}: entry #{index + 1}"

    def error(self, problem: str) -> DDGraphError:
        return DDGraphError(f"{self.prefix}: {problem}")


def _read(data_dir: Path, kind: str) -> tuple[str, list[Any]]:
    path = data_dir / "lexicon" / FILES[kind]
    shown = f"{data_dir.name}/lexicon/{FILES[kind]}"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DDGraphError(f"{shown}: cannot be read ({exc.strerror or exc})") from None
    try:
        entries = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        problem = " ".join(str(getattr(exc, "problem", None) or exc).split())
        raise DDGraphError(f"{shown}: invalid YAML{where}: {problem}") from None
    if not isinstance(entries, list):
        raise DDGraphError(f"{shown}: expected a list of entries")
    return shown, entries


def _term(kind: str, entry: Any, where: _Where) -> Term:
    if not isinstance(entry, dict):
        raise where.error("expected a mapping")
    for name in _REQUIRED[kind]:
        if name not in entry or (entry[name] is None and (kind, name) not in _NULLABLE):
            raise where.error(f"missing field {name!r}")
    unknown = sorted(set(entry) - set(_REQUIRED[kind]) - set(_OPTIONAL[kind]))
    if unknown:
        raise where.error(f"unknown field {unknown[0]!r}")
    attrs: list[tuple[str, str]] = []
    for name, value in entry.items():
        if value is None:
            continue
        if name in _LISTS:
            if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
                raise where.error(f"field {name!r} must be a list of non-empty strings")
            if name == "topics":
                attrs.extend((name, v.strip()) for v in value)
        elif name in _NESTED:
            if not isinstance(value, dict) or set(value) - {"en", "uk"} or not all(
                isinstance(v, str) and v.strip() for v in value.values()
            ):
                raise where.error(f"field {name!r} must be a mapping of en/uk strings")
            attrs.extend((f"{name}.{lang}", text.strip()) for lang, text in value.items())
        elif not isinstance(value, str) or not value.strip():
            raise where.error(f"field {name!r} must be a non-empty string")
        elif name not in ("id", "en", "uk"):
            attrs.append((name, value.strip()))
    if not isinstance(entry["id"], str) or not _SLUG.match(entry["id"]):
        raise where.error("id must be a lowercase-hyphen slug")
    en_field, uk_field = _ALIASES.get(kind, ("en_aliases", "uk_aliases"))
    en, uk = entry["en"].strip(), entry["uk"].strip()
    en_aliases = [v.strip() for v in entry.get(en_field) or ()]
    uk_aliases = [v.strip() for v in entry.get(uk_field) or ()]
    if kind == "office":  # the canonical title is a pattern too
        en_aliases = [en] + [a for a in en_aliases if a.lower() != en.lower()]
        uk_aliases = [uk] + [a for a in uk_aliases if a.lower() != uk.lower()]
    _check_enums(kind, entry, where)
    return Term(entry["id"], kind, en, uk, _unique(en_aliases), _unique(uk_aliases), tuple(attrs))


def _check_enums(kind: str, entry: dict, where: _Where) -> None:
    enums = {
        ("organization", "kind"): ORGANIZATION_KINDS,
        ("organization", "org_kind"): BODY_KINDS,
        ("office", "level"): OFFICE_LEVELS,
        ("office", "country_title"): COUNTRY_TITLES,
        ("system", "category"): SYSTEM_CATEGORIES,
        ("place", "kind"): PLACE_KINDS,
        ("rank", "system"): RANK_SYSTEMS,
    }
    for (k, name), allowed in enums.items():
        if k == kind and entry.get(name) is not None and entry[name] not in allowed:
            raise where.error(f"{name} {entry[name]!r} is not one of {', '.join(allowed)}")


def _check_references(kind: str, term: Term, terms: dict[str, dict[str, Term]], where: _Where) -> None:
    def need(ref: str | None, target: str, what: str) -> None:
        if ref is not None and ref not in terms[target]:
            raise where.error(f"unknown {what} {ref!r}")

    need(term.attr("country"), "country", "country")
    if kind == "country":
        need(term.attr("capital"), "place", "capital")
    elif kind == "organization":
        need(term.attr("parent"), "organization", "parent organization")
        for prefix in ("ministry-of-defence-", "ministry-of-foreign-affairs-"):
            if term.id.startswith(prefix) and term.id[len(prefix) :] != term.attr("country"):
                raise where.error(f"id names country {term.id[len(prefix):]!r} but country is {term.attr('country')!r}")
    elif kind == "office":
        org_kind = term.attr("org_kind")
        if org_kind not in BODY_KINDS and org_kind not in terms["organization"]:
            raise where.error(f"org_kind {org_kind!r} is neither a body kind nor an organization id")
    for topic in term.attr_all("topics"):
        need(topic, "topic", "topic")


def _unique(items: Any) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for item in items:
        if item and item not in seen:
            seen[item] = None
    return tuple(seen)
