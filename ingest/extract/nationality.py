"""The country of a bare title from the known nationality of its holder.

News writes "President Vladimir Putin" or "Prime Minister Keir Starmer" without the
country. ``data/lexicon/nationalities.yaml`` lists the country of well-known officials;
a title the text gives such a person without a country (or with only the article
language's assumed default) takes that country, marked as assumed: a country the text
states elsewhere still wins, and no office is ever added.

Example:
    >>> country_of_person("Vladimir", "Putin"), country_of_person("Володимир", "Путін")
    ('russia', 'russia')
    >>> country_of_person(None, "Putin") is None  # a bare surname is not enough
    True
"""

from __future__ import annotations

from functools import lru_cache


from graph.translit import phonetic_key
from ingest.extract.match import DATA_DIR
from ingest.extract.persons import PersonDraft
from ingest.extract.roles import OfficeRef
from ingest.lexicon import load_lexicon
from graph.yaml_data import load_yaml


@lru_cache(maxsize=1)
def _index() -> dict[tuple[str, str], str]:
    """(first-name key, surname key) -> country id, for every name and alias."""
    with open(DATA_DIR / "lexicon" / "nationalities.yaml", encoding="utf-8") as fh:
        entries = load_yaml(fh) or []
    out: dict[tuple[str, str], str] = {}
    for entry in entries:
        for name in [entry["name"], *(entry.get("aliases") or ())]:
            first, _, surname = name.partition(" ")
            if surname:
                out[(phonetic_key(first), phonetic_key(surname))] = entry["country"]
    return out


def country_of_person(first: str | None, surname: str) -> str | None:
    """The country of a listed official named by first name and surname, else None."""
    if not first:
        return None
    return _index().get((phonetic_key(first), phonetic_key(surname)))


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
