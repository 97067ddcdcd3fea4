"""Well-known officials: their canonical English name and their country, by name key.

``data/lexicon/nationalities.yaml`` lists them with their spellings in every script.
Extraction reads their country (a bare "President" before "Putin" is Russia's); the
label of a person seen only in Cyrillic is their canonical English name ("Джон Гілі" is
John Healey, not a romanisation of the Ukrainian spelling).

Example:
    >>> known_person("Владимир", "Путин")
    ('Vladimir Putin', 'russia')
    >>> known_person("Джон", "Гілі")
    ('John Healey', 'united-kingdom')
    >>> known_person(None, "Путин") is None  # a bare surname is not enough
    True
"""

from __future__ import annotations

from functools import lru_cache

from ddgraph.graph.namespaces import DATA_DIR
from ddgraph.graph.translit import phonetic_key
from ddgraph.graph.yaml_data import load_yaml


@lru_cache(maxsize=1)
def _spellings() -> tuple[tuple[str, str, str], ...]:
    """(spelling, canonical name, country id) for every listed name and alias, read once."""
    with open(DATA_DIR / "lexicon" / "nationalities.yaml", encoding="utf-8") as fh:
        entries = load_yaml(fh) or []
    return tuple((name, entry["name"], entry["country"])
                 for entry in entries for name in [entry["name"], *(entry.get("aliases") or ())])


@lru_cache(maxsize=1)
def _index() -> dict[tuple[str, str], tuple[str, str]]:
    """(first-name key, surname key) -> (canonical name, country id), for every name and alias."""
    out: dict[tuple[str, str], tuple[str, str]] = {}
    for name, canonical, country in _spellings():
        first, _, surname = name.partition(" ")
        if surname:
            out[(phonetic_key(first), phonetic_key(surname))] = (canonical, country)
    return out


@lru_cache(maxsize=1)
def name_words() -> frozenset[str]:
    """The words (lowercase) of every listed official's name and aliases: each is a name word
    wherever it is written with a capital ("Ким Чен Ын", whose "Чен" a dictionary reads as a place).

    Example:
        >>> {"ким", "чен", "ын", "putin"} <= name_words()
        True
    """
    return frozenset(word.lower() for name, _, _ in _spellings() for word in name.replace("-", " ").split()
                     if len(word) > 1)


@lru_cache(maxsize=1)
def _full_index() -> dict[str, str]:
    """Phonetic key of a whole name or alias -> canonical name."""
    return {_full_key(name): canonical for name, canonical, _ in _spellings()}


def _full_key(name: str) -> str:
    return " ".join(phonetic_key(w) for w in name.replace("-", " ").split())


def known_name(name: str) -> str | None:
    """The canonical name of the listed official ``name`` spells whole, in any script, else None
    (a middle word counts: "Ким Чен Ын" and "Kim Jong Un" are one man, whose "first name and
    surname" split drops "Чен" / "Jong").

    Example:
        >>> known_name("Ким Чен Ын"), known_name("Kim Jong-un"), known_name("Kim Ын")
        ('Kim Jong Un', 'Kim Jong Un', None)
    """
    return _full_index().get(_full_key(name))


def known_person(first: str | None, surname: str) -> tuple[str, str] | None:
    """(canonical name, country id) of a listed official named by first name and surname, else None."""
    if not first:
        return None
    return _index().get((phonetic_key(first), phonetic_key(surname)))
