"""Surnames that name the same person: inflected, garbled or with a one-letter typo
("Умєровим", "Lecorneuil", "Pistroius"), and the shorter forms of a family name ("bin Hamed
Al-Ruwaili" -> "Al-Ruwaili"). Used by :mod:`ingest.extract.persons` to attach bare surnames to
the full names of an article.

Example:
    >>> surname_fits("Lecorneuil", "Lecornu"), surname_fits("Kuleba", "Umerov"), surname_fits("Pistroius", "Pistorius")
    (True, False, True)
"""

from __future__ import annotations

from functools import lru_cache

from rapidfuzz import fuzz

from ddgraph.graph.translit import phonetic_key
from ddgraph.ingest.extract.names import PARTICLES


def surname_fits(short: str, full: str) -> bool:
    """True when surname ``short`` is (a garbled or inflected form of) ``full``.

    Example:
        >>> surname_fits("Умєровим", "Умєров"), surname_fits("Lecorne", "Lecornu")
        (True, True)
    """
    a, b = surname_key(short), surname_key(full)
    if not a or not b:
        return False
    if a == b:
        return True
    common = 0
    for x, y in zip(a, b):
        if x != y:
            break
        common += 1
    shorter = min(len(a), len(b))
    if shorter >= 4 and common >= shorter - 1 and common >= 4:
        return True
    return common >= 5 and fuzz.ratio(a, b) >= 70 or _one_typo(a, b)


TYPO_MIN = 6  # keys shorter than this that differ by a letter are different names


def _one_typo(a: str, b: str) -> bool:
    """True when keys ``a`` and ``b`` of at least 6 letters, with the same first letter,
    differ by one letter swapped with its neighbour, replaced, added or dropped.

    Example:
        >>> _one_typo("pistorus", "pistrous"), _one_typo("kaskunas", "kaksunas"), _one_typo("sirski", "sirksi")
        (True, True, True)
        >>> _one_typo("kuleba", "kulyba"), _one_typo("kulba", "kuba"), _one_typo("sirski", "kirski")
        (True, False, False)
    """
    if min(len(a), len(b)) < TYPO_MIN or abs(len(a) - len(b)) > 1 or a[:1] != b[:1] or a == b:
        return False
    k = next((x for x, (p, q) in enumerate(zip(a, b)) if p != q), min(len(a), len(b)))
    if len(a) == len(b):
        swapped = k + 1 < len(a) and a[k] == b[k + 1] and a[k + 1] == b[k] and a[k + 2:] == b[k + 2:]
        return swapped or a[k + 1:] == b[k + 1:]
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    return longer[k + 1:] == shorter[k:]


def deletions(key: str) -> set[str]:
    """The key and the key without each one of its letters: two keys one typo apart
    share one of these (how :mod:`ingest.extract.persons` finds typo pairs without a scan)."""
    return {key} | {key[:k] + key[k + 1:] for k in range(len(key))}


@lru_cache(maxsize=4096)
def surname_key(name: str) -> str:
    return phonetic_key(name)


def surname_bucket(surname: str) -> str:
    """What two surnames that fit each other share, but for a typo: the first 4 letters
    of their keys (typo pairs are found through their :func:`deletions`)."""
    return surname_key(surname)[:4]


_NASAB = {"bin", "ibn", "bint", "бін", "ібн", "бінт"}
_FAMILY_PREFIX = ("al-", "el-", "аль-", "ель-")


def surname_forms(surname: str) -> list[str]:
    """A surname and the shorter forms that name the same family: what follows a nasab
    ("bin Hamed Al-Ruwaili" -> "Al-Ruwaili", "Ruwaili") or particles ("von der Leyen"
    -> "Leyen"). A nasab alone ("bin Salman") is no family name.

    Example:
        >>> surname_forms("bin Hamed Al-Ruwaili"), surname_forms("bin Salman"), surname_forms("von der Leyen")
        (['bin Hamed Al-Ruwaili', 'Al-Ruwaili', 'Ruwaili'], ['bin Salman'], ['von der Leyen', 'Leyen'])
        >>> surname_forms("Lund Poulsen")
        ['Lund Poulsen']
    """
    words = surname.split()
    out = [surname]
    low = [w.lower() for w in words]
    nasab = max((k for k, w in enumerate(low) if w in _NASAB), default=-1)
    rest = words[nasab + 2:] if nasab >= 0 else words
    while len(rest) > 1 and rest[0].lower() in PARTICLES:
        rest = rest[1:]
    if rest and " ".join(rest) != surname and (nasab < 0 or len(words) > nasab + 2):
        out.append(" ".join(rest))
    last = out[-1]
    if " " not in last and last.lower().startswith(_FAMILY_PREFIX):
        out.append(last.split("-", 1)[1])
    return out
