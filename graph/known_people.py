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

import re
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
    """(canonical name, country id) of a listed official named by first name and surname, else None.

    A Cyrillic name is also looked up in the nominative its case ending may stand for
    ("Нарендры Моди", "Джона Гілі"): the list is closed, so a wrong guess finds nobody.

    Example:
        >>> known_person("Нарендры", "Моди"), known_person("Джона", "Гілі")
        (('Narendra Modi', 'india'), ('John Healey', 'united-kingdom'))
    """
    if not first:
        return None
    index = _index()
    found = index.get((phonetic_key(first), phonetic_key(surname)))
    if found is not None or not _CYRILLIC.search(first + surname):
        return found
    for f in _nominatives(first):
        for s in _nominatives(surname):
            found = index.get((phonetic_key(f), phonetic_key(s)))
            if found is not None:
                return found
    return None


_CYRILLIC = re.compile(r"[А-яЁёІіЇїЄєҐґ]")
#: Case endings of a declined name and the nominative endings they may stand for (a bare stem
#: too for the endings of a declined masculine surname: "Гегсета", "Гегсетом").
_ENDINGS = (("ою", ("а", "я", "")), ("ею", ("я", "а")), ("ой", ("а",)), ("ей", ("я", "а")), ("ові", ("",)),
            ("еві", ("ь", "")), ("ом", ("",)), ("ем", ("ь", "")), ("ым", ("", "ий")), ("им", ("", "ий")),
            ("ого", ("ий", "ой")), ("ому", ("ий",)),
            ("ы", ("а",)), ("и", ("а", "я")), ("і", ("а", "я", "")), ("у", ("а", "")), ("ю", ("я", "ь", "")),
            ("е", ("а", "")), ("а", ("",)), ("я", ("ь", "й", "")))


def _nominatives(word: str) -> list[str]:
    """``word`` and the nominatives its case ending may stand for."""
    out = [word]
    for ending, replacements in _ENDINGS:
        if word.endswith(ending) and len(word) > len(ending) + 2:
            out += [word[: -len(ending)] + r for r in replacements]
    return out
