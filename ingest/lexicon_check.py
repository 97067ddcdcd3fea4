"""Reading and checking the lexicon files: one-line errors ``data/lexicon/FILE: entry ID: problem``.

:func:`read_terms` reads every file of :data:`ingest.lexicon_term.FILES` and
checks ids, required and known fields, field types, the values of enumerated
fields and the cross-references (countries, capitals, parent organisations,
office bodies, topics).

Example:
    >>> entry = {"id": "paris", "en": "Paris", "uk": "Париж", "country": "france"}
    >>> make_term("place", entry, Where("places.yaml", entry, 0)).attrs
    (('country', 'france'),)
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from ddgraph.graph.errors import DDGraphError
from ddgraph.ingest.lexicon_term import (
    BODY_KINDS,
    COUNTRY_BODIES,
    COUNTRY_TITLES,
    FILES,
    OFFICE_LEVELS,
    ORGANIZATION_KINDS,
    PLACE_KINDS,
    RANK_SYSTEMS,
    SYSTEM_CATEGORIES,
    Term,
    unique,
)
from ddgraph.graph.yaml_data import load_yaml

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
    "office": ("uk_patterns", "country_title", "national_equivalent", "not_equivalent_in", "en_body_title"),
    "rank": ("en_aliases", "uk_aliases", "system"),
    "system": ("en_aliases", "uk_aliases", "topics"),
}
_ALIASES = {"topic": ("en_terms", "uk_terms"), "office": ("en_patterns", "uk_patterns")}
_LISTS = {"en_aliases", "uk_aliases", "en_terms", "uk_terms", "en_patterns", "uk_patterns", "topics", "not_equivalent_in"}
_NESTED = {"demonym", *COUNTRY_BODIES.values(), *COUNTRY_TITLES}
_NULLABLE = {("organization", "country"), ("system", "country")}
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def read_terms(data_dir: Path) -> dict[str, dict[str, Term]]:
    """Read and check every lexicon file of ``data_dir/lexicon``: kind -> id -> :class:`Term`.

    Raises:
        DDGraphError: a file is missing or malformed, an id is repeated, a field is
            missing or unknown, or a reference does not resolve.

    Example:
        >>> from ddgraph.ingest.lexicon import DEFAULT_DATA_DIR
        >>> read_terms(DEFAULT_DATA_DIR)["country"]["france"].attr("capital")
        'paris'
    """
    terms: dict[str, dict[str, Term]] = {kind: {} for kind in FILES}
    checks: list[tuple[str, Term, Where]] = []
    for kind in FILES:
        shown, entries = read_entries(data_dir, kind)
        for index, entry in enumerate(entries):
            where = Where(shown, entry, index)
            term = make_term(kind, entry, where)
            if term.id in terms[kind]:
                raise where.error("duplicate id")
            terms[kind][term.id] = term
            checks.append((kind, term, where))
    for kind, term, where in checks:
        check_references(kind, term, terms, where)
    for kind, term, where in checks:  # once every place is known to lie in a known country
        capital = terms["place"].get(term.attr("capital") or "") if kind == "country" else None
        if capital is not None and capital.attr("country") != term.id:
            raise where.error(f"capital {capital.id!r} lies in {capital.attr('country')!r}")
    return terms



class Where:
    """Where a problem is: file and entry, for one-line error messages.

    Example:
        >>> Where("places.yaml", {"id": "paris"}, 3).error("missing field 'country'")
        DDGraphError("places.yaml: entry paris: missing field 'country'")
    """

    def __init__(self, file: str, entry: Any, index: int) -> None:
        ident = entry.get("id") if isinstance(entry, dict) else None
        self.prefix = f"{file}: entry {ident}" if isinstance(ident, str) and ident else f"{file}: entry #{index + 1}"

    def error(self, problem: str) -> DDGraphError:
        """The error to raise for ``problem`` here."""
        return DDGraphError(f"{self.prefix}: {problem}")


def read_entries(data_dir: Path, kind: str) -> tuple[str, list[Any]]:
    """The file name to show in errors and the YAML entries of the lexicon file of ``kind``.

    Example:
        >>> from ddgraph.ingest.lexicon import DEFAULT_DATA_DIR
        >>> shown, entries = read_entries(DEFAULT_DATA_DIR, "country")
        >>> shown, "id" in entries[0]
        ('data/lexicon/countries.yaml', True)
    """
    path = data_dir / "lexicon" / FILES[kind]
    shown = f"{data_dir.name}/lexicon/{FILES[kind]}"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DDGraphError(f"{shown}: cannot be read ({exc.strerror or exc})") from None
    try:
        entries = load_yaml(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        problem = " ".join(str(getattr(exc, "problem", None) or exc).split())
        raise DDGraphError(f"{shown}: invalid YAML{where}: {problem}") from None
    if not isinstance(entries, list):
        raise DDGraphError(f"{shown}: expected a list of entries")
    return shown, entries


def make_term(kind: str, entry: Any, where: Where) -> Term:
    """Check one YAML entry of ``kind`` and turn it into a :class:`Term` (references aside).

    Example:
        >>> make_term("rank", {"id": "colonel", "en": "Colonel"}, Where("ranks.yaml", {}, 0))
        Traceback (most recent call last):
        ...
        ddgraph.graph.errors.DDGraphError: ranks.yaml: entry #1: missing field 'uk'
    """
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
            if name in ("topics", "not_equivalent_in"):
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
    check_enums(kind, entry, where)
    return Term(entry["id"], kind, en, uk, unique(en_aliases), unique(uk_aliases), tuple(attrs))


def check_enums(kind: str, entry: dict, where: Where) -> None:
    """Check the values of the enumerated fields of an entry (organization kind, office level...).

    Example:
        >>> check_enums("place", {"kind": "village"}, Where("places.yaml", {"id": "x"}, 0))
        Traceback (most recent call last):
        ...
        ddgraph.graph.errors.DDGraphError: places.yaml: entry x: kind 'village' is not one of city, region, base, venue
    """
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


def check_references(kind: str, term: Term, terms: dict[str, dict[str, Term]], where: Where) -> None:
    """Check that what ``term`` refers to (country, capital, parent, body, topics) is in ``terms``.

    Example:
        >>> paris = Term("paris", "place", "Paris", "Париж", (), (), (("country", "frankreich"),))
        >>> check_references("place", paris, {"country": {}}, Where("places.yaml", {"id": "paris"}, 0))
        Traceback (most recent call last):
        ...
        ddgraph.graph.errors.DDGraphError: places.yaml: entry paris: unknown country 'frankreich'
    """
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
        need(term.attr("national_equivalent"), "office", "national_equivalent office")
        for country in term.attr_all("not_equivalent_in"):
            need(country, "country", "not_equivalent_in country")
    for topic in term.attr_all("topics"):
        need(topic, "topic", "topic")
