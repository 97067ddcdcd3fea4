"""Tests of graph.iri: slugs and IRI builders."""

from __future__ import annotations

import hashlib

import pytest

from ddgraph.graph.iri import (
    ID_NS,
    article_iri,
    event_iri,
    group_iri,
    lexicon_iri,
    mention_iri,
    office_iri,
    person_iri,
    slug,
    topic_iri,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sébastien Lecornu", "sebastien-lecornu"),
        ("Рустем Умєров", "rustem-umierov"),
        ("Šakalienė", "sakaliene"),
        ("SAMP/T", "samp-t"),
        ("  French   defense companies ", "french-defense-companies"),
        ("Міністерство оборони України", "ministerstvo-oborony-ukrainy"),
        ("F-16", "f-16"),
        ("", ""),
    ],
)
def test_slug(text, expected):
    assert slug(text) == expected


@pytest.mark.parametrize(
    ("iri", "expected"),
    [
        (article_iri("caa004cb4c554bd8"), "article/caa004cb4c554bd8"),
        (person_iri("Sébastien Lecornu"), "person/sebastien-lecornu"),
        (person_iri("sebastien-lecornu"), "person/sebastien-lecornu"),
        (person_iri("Kuleba", "foreign-minister-ukraine"), "person/kuleba-foreign-minister-ukraine"),
        (lexicon_iri("country", "france"), "country/france"),
        (lexicon_iri("place", "paris"), "place/paris"),
        (lexicon_iri("organization", "ministry-of-defence-ukraine"), "organization/ministry-of-defence-ukraine"),
        (lexicon_iri("system", "samp-t"), "system/samp-t"),
        (office_iri("defence-minister", "ukraine"), "office/defence-minister-ukraine"),
        (office_iri("defence-minister", "ukraine", "ministry-of-defence-ukraine"), "office/defence-minister-ukraine"),
        (office_iri("deputy-chief", org_id="general-staff"), "office/deputy-chief-general-staff"),
        (office_iri("defence-minister"), "office/defence-minister"),
        (group_iri("French defense companies"), "group/french-defense-companies"),
        (mention_iri("abc", 3, 9, 1), "mention/abc-3-9-1"),
    ],
)
def test_builders(iri, expected):
    assert iri == ID_NS + expected


def test_event_iri_hashes_identity():
    digest = hashlib.sha256(b"a1:m1").hexdigest()[:12]
    assert event_iri("meeting", "a1:m1") == f"{ID_NS}meeting/{digest}"
    assert event_iri("aid", "a1:m1") == f"{ID_NS}aid/{digest}"


@pytest.mark.parametrize(("call", "args"), [(event_iri, ("party", "x")), (lexicon_iri, ("person", "x"))])
def test_unknown_kinds_rejected(call, args):
    with pytest.raises(ValueError):
        call(*args)


def test_empty_names_still_give_an_iri():
    assert group_iri("!!!").startswith(ID_NS + "group/x")
    assert person_iri("") != ID_NS + "person/"


def test_topic_iri():
    assert topic_iri("air-defense") == "https://w3id.org/ddgraph/topic/air-defense"
