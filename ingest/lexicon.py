"""The domain lexicon: countries, places, organizations, offices, ranks, weapon systems, topics.

The knowledge lives in ``data/lexicon/*.yaml`` (see the header of each file); this
module reads it once, checks it (ids, required fields, cross-references: see
:mod:`ingest.lexicon_check`) and hands it out as frozen :class:`Term` records
(:mod:`ingest.lexicon_term`, re-exported here). A broken file raises
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

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Iterator, Mapping

from ddgraph.ingest.lexicon_check import read_terms
from ddgraph.ingest.lexicon_term import BODY_KINDS, COUNTRY_BODIES, FILES, Term

__all__ = ["BODY_KINDS", "DEFAULT_DATA_DIR", "FILES", "Lexicon", "Term", "load_lexicon"]

#: Default data directory: the repository's ``data/``.
DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "data"


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
    if data_dir is None:
        return _default()
    return _load(Path(data_dir).resolve())


@lru_cache(maxsize=1)
def _default() -> Lexicon:
    return _load(Path(DEFAULT_DATA_DIR).resolve())


@lru_cache(maxsize=8)
def _load(data_dir: Path) -> Lexicon:
    frozen = {kind: MappingProxyType(dict(table)) for kind, table in read_terms(data_dir).items()}
    return Lexicon(
        countries=frozen["country"], places=frozen["place"], organizations=frozen["organization"],
        offices=frozen["office"], ranks=frozen["rank"], systems=frozen["system"], topics=frozen["topic"],
    )  # fmt: skip
