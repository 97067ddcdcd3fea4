"""Transliteration and matching keys for names in Latin and Cyrillic script.

``kmu2010`` is the official Ukrainian romanisation (Cabinet of Ministers
resolution 55 of 2010), ``fold`` removes diacritics and case, and
``phonetic_key`` maps the spellings that English, Ukrainian and Russian-derived
texts give one name onto one key. ``strip_uk_case`` turns an inflected
Ukrainian surname back into its nominative form, and the first-name table in
``data/lexicon/first_names.yaml`` tells which given names are the same name.

Example:
    >>> kmu2010("Рустем Умєров")
    'Rustem Umierov'
    >>> phonetic_key("Лекорню") == phonetic_key("Lecornu")
    True
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from ddgraph.graph.yaml_data import load_yaml

FIRST_NAMES_FILE = Path(__file__).resolve().parents[1] / "data" / "lexicon" / "first_names.yaml"

# KMU 2010 (lower case); Russian-only letters are an extension (ы э ё ъ).
_KMU = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie",
    "ж": "zh", "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l",
    "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": "iu",
    "я": "ia", "ы": "y", "э": "e", "ё": "io", "ъ": "",
}  # fmt: skip
_KMU_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya", "ё": "yo"}
_APOSTROPHES = "'’ʼ`‘"
_EXTRA_FOLD = {"ł": "l", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "đ": "d", "ı": "i", "þ": "th"}
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LETTER_RUNS = re.compile(r"(.)\1+")
_PATRONYMIC = re.compile(r"(ович|йович|евич|івна|ївна|овна|евна|ovych|ovich|ivna|ovna)$", re.IGNORECASE)


def is_cyrillic(text: str) -> bool:
    """Tell whether ``text`` contains a Cyrillic letter.

    Example:
        >>> is_cyrillic("Умєров"), is_cyrillic("Umerov")
        (True, False)
    """
    return bool(_CYRILLIC.search(text))


def kmu2010(text: str) -> str:
    """Romanise Ukrainian (and Russian) Cyrillic by the KMU 2010 table.

    Word-initial є ї й ю я become Ye Yi Y Yu Ya, "зг" becomes "zgh" and the soft
    sign and apostrophe are dropped. Other characters pass through unchanged.

    Example:
        >>> kmu2010("Згорани, Їжакевич, Знам'янка, Юрій")
        'Zghorany, Yizhakevych, Znamianka, Yurii'
    """
    out: list[str] = []
    word_start = True
    for i, ch in enumerate(text):
        low = ch.lower()
        if low in _APOSTROPHES and 0 < i < len(text) - 1 and is_cyrillic(text[i - 1] + text[i + 1]):
            continue
        if low not in _KMU:
            out.append(ch)
            word_start = not ch.isalpha()
            continue
        if low == "г" and i > 0 and text[i - 1].lower() == "з":
            latin = "gh"
        elif word_start and low in _KMU_INITIAL:
            latin = _KMU_INITIAL[low]
        else:
            latin = _KMU[low]
        if ch.isupper() and latin:
            nxt = text[i + 1] if i + 1 < len(text) else ""
            prev = text[i - 1] if i > 0 else ""
            whole_upper = (nxt.isalpha() and nxt.isupper()) or (not word_start and prev.isupper())
            latin = latin.upper() if whole_upper else latin[0].upper() + latin[1:]
        out.append(latin)
        word_start = False
    return "".join(out)


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Strip diacritics (NFKD) and case-fold.

    Example:
        >>> fold("Šakalienė Sébastien Łukasz")
        'sakaliene sebastien lukasz'
    """
    text = "".join(_EXTRA_FOLD.get(c, c) for c in text.casefold())
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _token_key(token: str) -> str:
    s = re.sub(r"[^a-z]", "", token)
    s = s.replace("tch", "ch").replace("ph", "f").replace("x", "ks").replace("q", "k")
    s = re.sub(r"ow(?=[bcdfghjklmnpqrtvxz]|$)", "o", s)  # Brown = Браун; Kowalski, -owski keep "ov"
    s = s.replace("w", "v").replace("au", "o")
    s = s.replace("shch", "SC").replace("ch", "C").replace("sh", "S").replace("zh", "Z")
    s = s.replace("kh", "h").replace("ck", "k").replace("c", "k").replace("g", "h")
    s = s.replace("y", "i").replace("j", "i")
    s = _LETTER_RUNS.sub(r"\1", s)
    if s.startswith("ie"):
        s = s[1:]
    s = s[:1] + re.sub(r"i([eauo])", r"\1", s[1:])
    s = _LETTER_RUNS.sub(r"\1", s)
    return s.replace("C", "ch").replace("S", "sh").replace("Z", "zh")


@lru_cache(maxsize=65536)
def phonetic_key(name: str) -> str:
    """Return a spelling-insensitive key of a name in any script.

    Cyrillic goes through :func:`kmu2010` first; then lower case, no diacritics,
    c/ck→k, kh→h, g→h, ph→f, "ow" before a consonant→o, w→v, x→ks, au→o, y/j→i, ie/iu/ia/io→e/u/a/o
    (word-initial "ie" too, so Yermak = Ermak), repeated letters collapsed.
    Each whitespace-separated word is keyed on its own.

    Example:
        >>> [phonetic_key(n) for n in ("Horbatyuk", "Горбатюк", "Shmygal", "Шмигаль")]
        ['horbatuk', 'horbatuk', 'shmihal', 'shmihal']
        >>> phonetic_key("Šakalienė"), phonetic_key("Шакалене")  # see graph.names.surname_keys
        ('sakalene', 'shakalene')
    """
    words = fold(kmu2010(name)).replace("-", " ").split()
    return " ".join(k for k in (_token_key(w) for w in words) if k)


# --- Ukrainian case endings -------------------------------------------------

_CONSONANT_STEMS = ("ов", "ев", "єв", "ів", "їв", "ін", "їн", "ин", "ук", "юк", "чук", "ак", "як", "ик", "ич")
_SUFFIX_RULES: tuple[tuple[str, str, tuple[str, ...] | None], ...] = (
    # (ending, replacement, the stem left must end with one of these, or None for any consonant)
    ("ського", "ський", ()), ("ському", "ський", ()), ("ським", "ський", ()), ("ській", "ський", ()),
    ("цького", "цький", ()), ("цькому", "цький", ()), ("цьким", "цький", ()),
    ("енка", "енко", ()), ("енку", "енко", ()), ("енкові", "енко", ()), ("енком", "енко", ()),
    ("ою", "а", ()), ("жею", "жа", ()), ("чею", "ча", ()), ("шею", "ша", ()), ("щею", "ща", ()), ("цею", "ца", ()),
    ("єю", "я", ()), ("ею", "я", None),  # Джорджею, Каєю, Олесею: a woman's name in -а / -я
    ("ці", "ца", ()), ("і", "", ("ов", "ев", "єв", "ін", "їн")),
    ("ові", "", None), ("еві", "", None), ("єві", "", None),
    ("ом", "", None), ("ем", "", None), ("єм", "", None), ("им", "", _CONSONANT_STEMS),
    ("а", "", _CONSONANT_STEMS), ("у", "", _CONSONANT_STEMS), ("і", "", _CONSONANT_STEMS),
    ("и", "а", None),  # Сибіги, Кулеби: the genitive of a name in -а
)  # fmt: skip
_VOWELS = set("аеєиіїоуюяь'")


@lru_cache(maxsize=1)
def _morph():
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="uk")


def _restore_case(lemma: str, original: str) -> str:
    if original.isupper() and len(original) > 1:
        return lemma.upper()
    return "-".join(p[:1].upper() + p[1:] for p in lemma.split("-"))


def _dictionary_nominative(word: str, locative_ok: bool = True) -> str | None:
    parses = [
        p
        for p in _morph().parse(word)
        if {"Surn", "Name"} & set(p.tag.grammemes)
        and all(type(m[0]).__name__ == "DictionaryAnalyzer" for m in p.methods_stack)
        and (locative_ok or p.tag.case != "loct")
    ]
    if not parses:
        return None
    parses = [p for p in parses if p.tag.gender == "masc"] or parses
    if any(p.tag.case == "nomn" and p.normal_form == word.lower() for p in parses):
        return word
    return _restore_case(parses[0].normal_form, word)


@lru_cache(maxsize=8192)
def strip_uk_case(surname: str, locative_ok: bool = True) -> str:
    """Best-effort nominative of an inflected Ukrainian name (surname or given name).

    Dictionary parses of pymorphy3 tagged ``Surn``/``Name`` come first (a
    masculine reading is preferred); unknown words fall back to suffix rules.
    Words not in Cyrillic, and indeclinable foreign surnames ending in a vowel
    (Лекорню), come back unchanged. ``locative_ok=False`` (no locative preposition
    before the name) refuses locative readings: "з Гілі" is Healey, not the
    locative of Гіль.

    Example:
        >>> [strip_uk_case(w) for w in ("Умєровим", "Горбатюка", "Лекорню", "Lecornu")]
        ['Умєров', 'Горбатюк', 'Лекорню', 'Lecornu']
    """
    word = surname.strip()
    if not is_cyrillic(word) or len(word) < 4:
        return word
    if "-" in word:
        return "-".join(strip_uk_case(p, locative_ok) for p in word.split("-"))
    found = _dictionary_nominative(word, locative_ok)
    if found is not None:
        return found
    low = word.lower()
    for ending, repl, stems in _SUFFIX_RULES:
        if not low.endswith(ending) or len(low) - len(ending) < 3:
            continue
        stem = low[: len(low) - len(ending)]
        if stems is None and stem[-1] in _VOWELS:
            continue
        if stems and not stem.endswith(stems):
            continue
        return _restore_case(stem + repl, word)
    return word


def is_patronymic(token: str) -> bool:
    """Tell whether ``token`` looks like a patronymic (Олександрович, Ivanivna).

    Surnames can look the same (Янукович): callers decide by position.

    Example:
        >>> is_patronymic("Олександрович"), is_patronymic("Oleksandr")
        (True, False)
    """
    return bool(_PATRONYMIC.search(token)) and len(token) > 6


# --- first names --------------------------------------------------------------


@lru_cache(maxsize=1)
def _first_name_table() -> tuple[dict[str, int], tuple[tuple[str, ...], ...]]:
    data = load_yaml(FIRST_NAMES_FILE.read_text(encoding="utf-8")) or {}
    entries = tuple(tuple(str(v) for v in row) for row in data.get("names", ()))
    index: dict[str, int] = {}
    for i, row in enumerate(entries):
        for variant in row:
            index.setdefault(phonetic_key(variant), i)
    return index, entries


@lru_cache(maxsize=16384)
def _row(name: str) -> int | None:
    """Row of the first-name table for ``name`` as written, else for its nominative."""
    index = _first_name_table()[0]
    found = index.get(phonetic_key(name))
    if found is None and is_cyrillic(name):
        found = index.get(phonetic_key(strip_uk_case(name)))
    return found


def first_name_id(name: str) -> str | None:
    """Return the table id (preferred spelling, folded) of a given name, or None.

    Example:
        >>> first_name_id("Alexander") == first_name_id("Олександр") == "oleksandr"
        True
    """
    i = _row(name)
    return None if i is None else fold(_first_name_table()[1][i][0])


def first_name_variants(name: str) -> tuple[str, ...]:
    """Return every spelling the table knows for ``name`` (empty when unknown).

    Example:
        >>> "Denis" in first_name_variants("Денис")
        True
    """
    i = _row(name)
    return () if i is None else _first_name_table()[1][i]


def preferred_first_name(name: str) -> str:
    """English spelling of a given name: the table's preferred one, else KMU 2010.

    Example:
        >>> preferred_first_name("Андрій"), preferred_first_name("Рустемом")
        ('Andriy', 'Rustem')
    """
    variants = first_name_variants(name)
    if variants:
        return variants[0]
    return kmu2010(strip_uk_case(name))


def is_feminine_name(name: str) -> bool:
    """Tell whether a Cyrillic given name is a feminine nominative (Олена, Оксана).

    Example:
        >>> is_feminine_name("Оксана"), is_feminine_name("Микола"), is_feminine_name("Olena")
        (True, False, False)
    """
    if not is_cyrillic(name):
        return False
    parses = [p for p in _morph().parse(name) if "Name" in p.tag.grammemes and p.tag.case == "nomn"]
    return any(p.tag.gender == "femn" and p.normal_form == name.lower() for p in parses) and not any(
        p.tag.gender == "masc" for p in parses
    )
