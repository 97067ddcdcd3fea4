"""A generic title for an office that a country names otherwise.

Ukrainian outlets call the head of France's armed forces "начальник Генерального
штабу" (Chief of the General Staff), while France titles him Chief of the Defence Staff,
and English reports say so. An office of ``data/lexicon/offices.yaml`` with a
``national_equivalent`` stands, in a country that has a title of its own for that
equivalent (its ``country_title`` field in ``countries.yaml``), for the equivalent, so
both reports give the person one office.

Example:
    >>> from ddgraph.ingest.extract.roles import OfficeRef
    >>> national_office(OfficeRef("chief-of-the-general-staff", "france", None, None)).title_id
    'chief-of-the-defence-staff'
    >>> national_office(OfficeRef("chief-of-the-general-staff", "ukraine", None, None)).title_id
    'chief-of-the-general-staff'

A title can also be an office of its own in some countries only ("Defence Secretary":
the minister in the United Kingdom, a civil servant in India; ``not_equivalent_in``):
    >>> [national_office(OfficeRef("defence-secretary", c, None, None)).title_id for c in ("india", "united-kingdom", None)]
    ['defence-secretary', 'minister-of-defence', 'minister-of-defence']
"""

from __future__ import annotations

import dataclasses

from ddgraph.ingest.extract.persons import PersonDraft
from ddgraph.ingest.extract.roles import OfficeRef
from ddgraph.ingest.lexicon import load_lexicon


def national_office(office: OfficeRef) -> OfficeRef:
    """``office``, or its national equivalent in its country (see the module docstring)."""
    lex = load_lexicon()
    term = lex.offices[office.title_id]
    equivalent = term.attr("national_equivalent")
    exceptions = term.attr_all("not_equivalent_in")
    if equivalent is not None and exceptions:  # the equivalent but in the countries listed
        return office if office.country in exceptions else dataclasses.replace(office, title_id=equivalent)
    country = lex.countries.get(office.country or "")
    if equivalent is None or country is None:
        return office
    field = lex.offices[equivalent].attr("country_title")
    if field and country.attr(f"{field}.en"):
        return dataclasses.replace(office, title_id=equivalent)
    return office


def national_offices(persons: list[PersonDraft]) -> list[PersonDraft]:
    """``persons`` with every office replaced by :func:`national_office` (in place)."""
    for person in persons:
        person.offices = [national_office(o) for o in person.offices]
    return persons
