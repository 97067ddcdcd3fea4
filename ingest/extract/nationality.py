"""The country of a bare title from the known nationality of its holder.

News writes "President Vladimir Putin" or "Prime Minister Keir Starmer" without the
country. ``data/lexicon/nationalities.yaml`` lists the country of well-known officials;
a title the text gives such a person without a country (or with only the article
language's assumed default) takes that country, marked as assumed: a country the text
states elsewhere still wins, and no office is ever added.

Example:
    >>> country_of_person("Vladimir", "Putin"), country_of_person("Володимир", "Путін")
    ('russia', 'russia')
    >>> country_of_person("Чен Ын", "Ким")  # "Ким Чен Ын", family name first
    'north-korea'
    >>> country_of_person(None, "Putin") is None  # a bare surname is not enough
    True
"""

from __future__ import annotations

from ddgraph.graph.known_people import known_person
from ddgraph.graph.names import family_first
from ddgraph.ingest.extract.persons import PersonDraft
from ddgraph.ingest.extract.roles import OfficeRef
from ddgraph.ingest.lexicon import load_lexicon


def country_of_person(first: str | None, surname: str) -> str | None:
    """The country of a listed official named by first name and surname, else None (a Korean or
    Chinese name also as it is listed, family name first: "Ким Чен Ын")."""
    known = known_person(first, surname)
    if known is None and first and family_first([surname, *first.split()]):
        known = known_person(surname, first)
    return known[1] if known else None


def qualify_by_nationality(persons: list[PersonDraft]) -> list[PersonDraft]:
    """Give the bare national titles of listed officials their country (see the module doc)."""
    lex = load_lexicon()
    for person in persons:
        country = country_of_person(person.first, person.surname)
        if country is None:
            continue
        stated = {o.country for o in person.offices if o.country and not o.assumed}
        if stated and country not in stated:
            continue  # the text says otherwise: trust the text
        offices = []
        for office in person.offices:
            national = (lex.offices[office.title_id].attr("org_kind") or "") not in lex.organizations
            if national and office.organization is None and (office.country is None or office.assumed):
                office = OfficeRef(office.title_id, country, None, office.mention, assumed=True)
            offices.append(office)
        person.offices = offices
    return persons
