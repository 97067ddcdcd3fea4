"""Lookup keys of names: what the instance layer stores (``dd:nameKey``) and a lookup asks for.

A name in any script and case finds its thing through normalised keys, in three
levels (the first level that finds something wins, see :mod:`queries.names`):

* ``0|`` the canonical label, or the IRI's last segment;
* ``1|`` an alias, or the last words of a person's label or alias (the surname),
  and a person's name without its middle initials or generational suffix
  ("Lloyd J. Austin" is found as "Lloyd Austin"; an initial or a suffix alone is
  never a key);
* ``2|`` a Cyrillic name romanised by KMU 2010 (for a Latin query), ``p|`` the
  phonetic key of a Latin name (for a Cyrillic query: Лекорню = Lecornu);

and ``f|`` keys (Latin or romanised) feed the spelling suggestions.

Example:
    >>> sorted(name_keys("Rustem Umerov", ["Умєров"], person=True))[:4]
    ['0|rustem umerov', '1|umerov', '1|умєров', '2|umierov']
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ddgraph.graph.translit import fold, is_cyrillic, kmu2010, phonetic_key, strip_uk_case

_POSSESSIVE = re.compile(r"['’ʼ]s\b", re.IGNORECASE)
_NON_WORD = re.compile(r"[\W_]+")


def norm(text: str) -> str:
    """Normalise a name for comparison: no diacritics, case-folded, words only.

    Example:
        >>> norm("Šakalienė"), norm("Kosiniak-Kamysz"), norm("Умєров"), norm("Sébastien  LECORNU's")
        ('sakaliene', 'kosiniak kamysz', 'умєров', 'sebastien lecornu')
    """
    return " ".join(_NON_WORD.sub(" ", fold(_POSSESSIVE.sub("", text))).split())


_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "молодшии", "старшии"})  # as norm() writes them


def _tails(key: str) -> list[str]:
    words = key.split()
    return [" ".join(words[i:]) for i in range(1, len(words))]


def person_variants(key: str) -> list[str]:
    """Normalised forms of a person name that name it too: without its generational suffix,
    without its middle initials, and their last words; none is an initial or a suffix alone.

    Example:
        >>> person_variants("charles q brown jr")
        ['charles q brown', 'charles brown', 'brown jr', 'brown']
        >>> person_variants("r umerov"), person_variants("rustem umerov")
        (['umerov'], ['umerov'])
    """
    words = key.split()
    core = list(words)
    while len(core) > 1 and core[-1] in _SUFFIXES:
        core.pop()
    plain = [w for k, w in enumerate(core) if k in (0, len(core) - 1) or len(w) > 1]
    out = [" ".join(v) for v in (core, plain)]
    for v in (words, core, plain):
        out += [t for t in _tails(" ".join(v)) if len(t.split()[0]) > 1 and t.split()[0] not in _SUFFIXES]
    return [v for v in dict.fromkeys(out) if v != key]


def name_keys(label: str, forms: Iterable[str], *, person: bool = False, iri: str | None = None) -> set[str]:
    """Every lookup key of a thing with this canonical ``label`` and other ``forms``.

    Example:
        >>> sorted(k for k in name_keys("France", ["Франція"], iri="https://w3id.org/ddgraph/id/country/france")
        ...        if k[0] in "012")
        ['0|france', '1|франція', '2|frantsiia']
    """
    out: set[str] = set()

    def add(level: str, key: str) -> None:
        if key:
            out.add(f"{level}|{key}")

    add("0", norm(label))
    if iri:
        add("0", norm(iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]))
    for form in {label, *forms}:
        key = norm(form)
        for k in [key] + (person_variants(key) if person else []):
            if k != key or form != label:
                add("1", k)
            add("f", norm(kmu2010(k)) if is_cyrillic(k) else k)
            if is_cyrillic(k):
                add("2", norm(kmu2010(k)))
            else:
                add("p", phonetic_key(k))
    return out


def query_keys(name: str) -> list[list[str]]:
    """The keys a lookup of ``name`` tries, level by level: [[level 0], [level 1], [level 2]].

    Level 2 is the romanised query against ``0|`` / ``1|`` keys and its phonetic
    key against ``p|`` keys for a Cyrillic name, the name against ``2|`` keys for a
    Latin one.

    Example:
        >>> query_keys("Лекорню")
        [['0|лекорню'], ['1|лекорню'], ['0|lekorniu', '1|lekorniu', 'p|lekornu']]
        >>> query_keys("Умєровим")[1]
        ['1|умєровим', '1|умєров']
    """
    key = norm(name)
    if not is_cyrillic(name):
        return [[f"0|{key}"], [f"1|{key}"], [f"2|{key}"]]
    stripped = norm(" ".join(strip_uk_case(w) for w in name.split()))
    translit = list(dict.fromkeys(norm(kmu2010(k)) for k in (key, stripped)))
    level1 = list(dict.fromkeys([key, stripped]))
    level2 = [f"{lv}|{t}" for t in translit for lv in "01"] + list(dict.fromkeys(f"p|{phonetic_key(t)}" for t in translit))
    return [[f"0|{key}"], [f"1|{k}" for k in level1], level2]
