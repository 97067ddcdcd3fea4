"""Deterministic IRIs of everything ddgraph writes.

Resources live under ``https://w3id.org/ddgraph/id/`` (``ddr:``), topics under
``https://w3id.org/ddgraph/topic/`` (``ddt:``). Names in any script become
ASCII slugs through KMU 2010 transliteration and diacritic folding.

Example:
    >>> person_iri("Sébastien Lecornu")
    'https://w3id.org/ddgraph/id/person/sebastien-lecornu'
    >>> office_iri("defence-minister", "ukraine")
    'https://w3id.org/ddgraph/id/office/defence-minister-ukraine'
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from typing import TYPE_CHECKING

from ddgraph.graph.translit import fold, kmu2010

from ddgraph.graph.namespaces import ID_NS, TOPIC_NS  # noqa: E402 - the namespaces are defined once

if TYPE_CHECKING:
    from ddgraph.graph.model import ArticleRecord, Entity

#: Kinds of lexicon thing that get an IRI from their lexicon id.
LEXICON_KINDS = ("country", "place", "organization", "system", "office", "group")
#: Kinds of event.
EVENT_IRI_KINDS = ("meeting", "aid", "agreement")

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=65536)
def slug(text: str) -> str:
    """Turn text in any script into lowercase ASCII words joined by hyphens.

    Example:
        >>> slug("Рустем Умєров"), slug("SAMP/T"), slug("  Šakalienė ")
        ('rustem-umierov', 'samp-t', 'sakaliene')
    """
    return _NON_ALNUM.sub("-", fold(kmu2010(text))).strip("-")


def _digest(text: str, n: int = 12) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:n]


def _slug_or_hash(text: str) -> str:
    return slug(text) or "x" + _digest(text)


def article_iri(article_id: str) -> str:
    """IRI of an article.

    Example:
        >>> article_iri("caa004cb4c554bd8")
        'https://w3id.org/ddgraph/id/article/caa004cb4c554bd8'
    """
    return f"{ID_NS}article/{article_id}"


def person_iri(canonical_label: str, disambiguator: str | None = None) -> str:
    """IRI of a person: the slug of the canonical label, plus a disambiguator.

    Example:
        >>> person_iri("Dmytro Kuleba", "foreign-minister-ukraine")
        'https://w3id.org/ddgraph/id/person/dmytro-kuleba-foreign-minister-ukraine'
    """
    local = _slug_or_hash(canonical_label)
    if disambiguator:
        local = f"{local}-{_slug_or_hash(disambiguator)}"
    return f"{ID_NS}person/{local}"


def lexicon_iri(kind: str, lexicon_id: str) -> str:
    """IRI of a lexicon thing (country, place, organization, system...).

    Example:
        >>> lexicon_iri("country", "france")
        'https://w3id.org/ddgraph/id/country/france'
    """
    if kind not in LEXICON_KINDS:
        raise ValueError(f"unknown lexicon kind: {kind!r}")
    return f"{ID_NS}{kind}/{_slug_or_hash(lexicon_id)}"


def office_iri(title_id: str, country_id: str | None = None, org_id: str | None = None) -> str:
    """IRI of an office: its title, qualified by country (else by organisation).

    Example:
        >>> office_iri("deputy-chief", org_id="general-staff-ukraine")
        'https://w3id.org/ddgraph/id/office/deputy-chief-general-staff-ukraine'
    """
    parts = [_slug_or_hash(title_id)]
    qualifier = country_id or org_id
    if qualifier:
        parts.append(_slug_or_hash(qualifier))
    return f"{ID_NS}office/{'-'.join(parts)}"


def group_iri(name: str) -> str:
    """IRI of an ad-hoc group or an organisation not in the lexicon.

    Example:
        >>> group_iri("French defense companies")
        'https://w3id.org/ddgraph/id/group/french-defense-companies'
    """
    return f"{ID_NS}group/{_slug_or_hash(name)}"


def event_iri(kind: str, identity: str) -> str:
    """IRI of an event: its kind and the first 12 hex digits of sha256(identity).

    Example:
        >>> event_iri("meeting", "caa004cb4c554bd8:m1")
        'https://w3id.org/ddgraph/id/meeting/4df3e2cfa033'
    """
    if kind not in EVENT_IRI_KINDS:
        raise ValueError(f"unknown event kind: {kind!r}")
    return f"{ID_NS}{kind}/{_digest(identity)}"


def mention_iri(article_id: str, start: int, end: int, n: int = 0) -> str:
    """IRI of the ``n``-th mention node on the span [start, end) of an article.

    Example:
        >>> mention_iri("abc", 10, 16, 0)
        'https://w3id.org/ddgraph/id/mention/abc-10-16-0'
    """
    return f"{ID_NS}mention/{article_id}-{start}-{end}-{n}"


def topic_iri(topic_id: str) -> str:
    """IRI of a topic concept.

    Example:
        >>> topic_iri("air-defense")
        'https://w3id.org/ddgraph/topic/air-defense'
    """
    return f"{TOPIC_NS}{topic_id}"


#: Kinds of non-person entity whose IRI comes from their lexicon id (an organisation only when it has one).
_ENTITY_LEXICON_KINDS = ("country", "place", "organization", "system")


def ref_id(record: ArticleRecord, value: str | None) -> str:
    """Lexicon id behind an attribute value that may be a local key.

    Example:
        >>> from ddgraph.graph.model import ArticleRecord, Entity
        >>> rec = ArticleRecord("a", "", "", (), "en", entities=(Entity("c1", "country", "France", "en", "france"),))
        >>> ref_id(rec, "c1"), ref_id(rec, "country:poland"), ref_id(rec, None)
        ('france', 'poland', '')
    """
    if not value:
        return ""
    ent = record.entity(value)
    if ent is not None:
        return ent.lexicon_id or slug(ent.name)
    return value.split(":", 1)[1] if ":" in value else value


def entity_iri(record: ArticleRecord, ent: Entity) -> str:
    """IRI of a non-person entity as its article writes it: from its lexicon id, office title or name.

    Example:
        >>> from ddgraph.graph.model import ArticleRecord, Entity
        >>> rec = ArticleRecord("a", "a.txt", "", (), "en")
        >>> attrs = (("country", "ukraine"),)
        >>> entity_iri(rec, Entity("o1", "office", "Minister of Defence", "en", "defence-minister", attrs=attrs))
        'https://w3id.org/ddgraph/id/office/defence-minister-ukraine'
    """
    if ent.kind == "office":
        title = ent.lexicon_id or ent.attr("title") or ent.name
        country, org, posted = (ref_id(record, ent.attr(name)) or None for name in ("country", "organization",
                                                                                  "destination"))
        return office_iri(f"{title}-to-{posted}" if posted else title, country, org)
    if ent.kind in _ENTITY_LEXICON_KINDS and (ent.lexicon_id or ent.kind != "organization"):
        return lexicon_iri(ent.kind, ent.lexicon_id or ent.name)
    return group_iri(ent.name)
