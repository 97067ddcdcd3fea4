"""One lexicon entry (:class:`Term`), the lexicon files, and the vocabularies of their fields.

Example:
    >>> FILES["country"], "defence-ministry" in BODY_KINDS
    ('countries.yaml', True)
    >>> Term("paris", "place", "Paris", "Париж", ("Paris",), ()).names("en")
    ('Paris',)
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Mapping

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

ORGANIZATION_KINDS = ("ministry", "armed-forces", "agency", "government", "company", "international", "military-unit",
                      "regional-administration")
#: Generic bodies an office belongs to (besides organizations.yaml ids).
BODY_KINDS = (
    "head-of-state", "government", "presidential-office", "defence-ministry", "foreign-ministry",
    "general-staff", "armed-forces", "air-force", "navy", "ground-forces", "security-council",
    "parliament", "embassy", "company", "regional-administration",
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
COUNTRY_TITLES = ("defence_minister", "foreign_minister", "head_of_government", "forces_commander")


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
        return unique(aliases if self.kind == "topic" else (label, *aliases))


def unique(items: Any) -> tuple[str, ...]:
    """The non-empty items, each once, in order.

    Example:
        >>> unique(["Paris", "", "Paryzh", "Paris"])
        ('Paris', 'Paryzh')
    """
    seen: dict[str, None] = {}
    for item in items:
        if item and item not in seen:
            seen[item] = None
    return tuple(seen)
