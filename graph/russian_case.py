"""Nominative of an inflected name in Russian text ("Шмыгалем" -> "Шмыгаль").

Russian news declines every name it can: Ukrainian and Russian surnames ("с Умеровым",
"Сырского"), foreign ones ending in a consonant ("с Писториусом", "Хегсета"). The
nominative is found by suffix rules, because pymorphy3's Russian dictionary has
odd entries for rare names ("шмыгалем" as a nominative first name); the dictionary
is asked only whether a word with a bare case ending is an indeclinable name (Шойгу). ``graph.translit``'s
phonetic key then joins the nominative with the Ukrainian and Latin spellings.

Example:
    >>> [strip_ru_case(w) for w in ("Шмыгалем", "Умерова", "Сырским", "Писториусом", "Шойгу")]
    ['Шмыгаль', 'Умеров', 'Сырский', 'Писториус', 'Шойгу']
"""

from __future__ import annotations

from functools import lru_cache

_CONSONANTS = set("бвгджзйклмнпрстфхцчшщ")
_VELAR_SIBILANT = ("г", "к", "х", "ж", "ш", "ч", "щ")
_SOFT = ("л", "н", "р")
#: (ending, replacement, the stem left must end with one of these; None: any consonant).
#: First match wins, so longer endings come first.
_RULES: tuple[tuple[str, str, tuple[str, ...] | None], ...] = (
    ("ского", "ский", ()), ("скому", "ский", ()), ("ским", "ский", ()), ("ском", "ский", ()),
    ("цкого", "цкий", ()), ("цкому", "цкий", ()), ("цким", "цкий", ()), ("цком", "цкий", ()),
    ("ской", "ская", ()), ("цкой", "цкая", ()),
    ("овым", "ов", ()), ("евым", "ев", ()), ("ёвым", "ёв", ()), ("иным", "ин", ()), ("ыным", "ын", ()),
    ("ного", "ный", ()), ("ному", "ный", ()), ("ным", "ный", ()),
    ("овой", "ова", ()), ("евой", "ева", ()), ("иной", "ина", ()),
    ("ову", "ов", ()), ("еву", "ев", ()), ("ину", "ин", ()),
    ("ова", "ов", ()), ("ева", "ев", ()), ("ина", "ин", ()),
    ("ом", "", None), ("ем", "ь", _SOFT), ("ем", "", ("ц", "ж", "ш", "ч", "щ")),
    ("ой", "а", None), ("ы", "а", None), ("и", "а", _VELAR_SIBILANT),
    ("я", "ь", _SOFT), ("а", "", None), ("у", "", None),
)  # fmt: skip


@lru_cache(maxsize=1)
def _morph():
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


def _indeclinable(word: str) -> bool:
    """True when the dictionary knows ``word`` as an indeclinable surname or name (Шойгу)."""
    return any(
        "Fixd" in p.tag.grammemes and {"Surn", "Name"} & set(p.tag.grammemes)
        and type(p.methods_stack[0][0]).__name__ == "DictionaryAnalyzer"
        for p in _morph().parse(word)
    )


def _restore_case(stem: str, original: str) -> str:
    if original.isupper() and len(original) > 1:
        return stem.upper()
    return stem[:1].upper() + stem[1:]


@lru_cache(maxsize=8192)
def strip_ru_case(word: str) -> str:
    """Best-effort nominative of a name inflected in Russian; other words come back unchanged.

    Example:
        >>> strip_ru_case("Белоусовым"), strip_ru_case("Зеленского"), strip_ru_case("Хегсета")
        ('Белоусов', 'Зеленский', 'Хегсет')
        >>> strip_ru_case("Лекорню"), strip_ru_case("Umerov")
        ('Лекорню', 'Umerov')
    """
    word = word.strip()
    if "-" in word:
        return "-".join(strip_ru_case(part) for part in word.split("-"))
    low = word.lower()
    if len(low) < 4 or not all("\u0400" <= c <= "\u04ff" for c in low):
        return word
    for ending, repl, stems in _RULES:
        if not low.endswith(ending) or len(low) - len(ending) < 3:
            continue
        stem = low[: len(low) - len(ending)]
        if stems is None and stem[-1] not in _CONSONANTS:
            continue
        if stems and not stem.endswith(stems):
            continue
        if stems != () and _indeclinable(low):  # a bare case ending: Шойгу is no dative of Шойг
            return word
        return _restore_case(stem + repl, word)
    return word
