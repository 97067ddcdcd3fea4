"""Person names: split into first name and surname, surname keys, name relations, labels.

The rules cross-article resolution (:mod:`graph.persons`) compares names with:
a title ("Mr.", "Prince") and a patronymic are dropped, a generational suffix
("Jr.", "III") is kept apart (:func:`name_suffix`: never a surname, and two
different suffixes are two persons), and a surname keeps its particles ("von der
Leyen"); surname keys are phonetic keys with Ukrainian case endings stripped
(Умєровим = Umerov); two keys are "garbled" forms of one name when they share a
4-letter prefix and read alike; two first names are the same, different or
unknown (an initial is unknown beside a name with its letter).

Example:
    >>> split_name("Умєровим Рустемом")[1], sorted(surname_keys("Умєровим"))
    ('Умєровим', ['umerov', 'umerovim'])
    >>> first_name_relation("Denis", "Денис"), garbled("lekornu", "lekorneuil")
    ('same', True)
    >>> split_name("Gen. Charles Q. Brown Jr."), name_suffix("Charles Q. Brown Jr.")
    (('Charles', 'Brown'), 'jr')
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

from rapidfuzz import fuzz

from ddgraph.graph.known_people import known_person
from ddgraph.graph.namespaces import DATA_DIR
from ddgraph.graph.translit import (
    first_name_id,
    first_name_variants,
    fold,
    is_cyrillic,
    is_feminine_name,
    is_patronymic,
    kmu2010,
    phonetic_key,
    preferred_first_name,
    strip_uk_case,
)
from ddgraph.graph.yaml_data import load_yaml

_PUNCT = ".,;:()[]\"'«»“”„"
_PARTICLES = {
    "de", "da", "di", "van", "von", "der", "den", "la", "le", "du", "al", "bin", "ibn",
    "фон", "дер", "де", "ван", "ле", "ла", "дю", "аль", "да", "ді",
}  # fmt: skip


_SUFFIXES = {"jr": "jr", "sr": "sr", "ii": "ii", "iii": "iii", "iv": "iv", "молодший": "jr", "старший": "sr"}
_UK_SUFFIX = re.compile(r"^(\w.*?)-(молодш|старш)\w*$", re.IGNORECASE)  # "Браун-молодший"
_TITLES = frozenset({
    "mr", "mrs", "ms", "mx", "dr", "prof", "lord", "lady", "crown", "prince", "princess", "sheikh", "sheikha",
    "sir", "dame", "gen", "adm", "пан", "пані", "принц", "принцеса", "шейх", "сер",
})  # fmt: skip  # before a name, never part of it


def _tokens(name: str) -> list[str]:
    """The words of a name, punctuation stripped, a joined Ukrainian suffix apart
    ("Браун-молодший" -> "Браун", "молодший")."""
    toks = [t for t in (t.strip(_PUNCT) for t in name.split()) if t]
    joined = _UK_SUFFIX.match(toks[-1]) if toks else None
    if joined:
        toks[-1:] = [joined.group(1), joined.group(2).lower() + "ий"]
    return toks


def _words(name: str) -> list[str]:
    """The words of a name without a title before it (kept when nothing else is left) or
    a generational suffix after it (a suffix alone is no name)."""
    toks = _tokens(name)
    while len(toks) > 1 and toks[0].lower() in _TITLES:
        toks = toks[1:]
    while toks and toks[-1].lower() in _SUFFIXES:
        toks = toks[:-1]
    return toks


def name_suffix(name: str) -> str:
    """The generational suffix of a person name: "jr", "sr", "ii", "iii", "iv" or "".

    Example:
        >>> name_suffix("Charles Q. Brown Jr."), name_suffix("Чарльз Браун-молодший"), name_suffix("Lloyd J. Austin")
        ('jr', 'jr', '')
    """
    toks = _tokens(name)
    return _SUFFIXES.get(toks[-1].lower(), "") if len(toks) > 1 else ""


def is_initial(first: str | None) -> bool:
    """True when a first name is only initials ("R.", "C. Q.", "C.Q.").

    Example:
        >>> is_initial("R."), is_initial("C. Q."), is_initial("Rustem"), is_initial(None)
        (True, True, False, False)
    """
    parts = [p for p in re.split(r"[.\s]+", first or "") if p]
    return bool(parts) and all(len(p) == 1 for p in parts)


@lru_cache(maxsize=1)
def _family_first_names() -> frozenset[str]:
    with open(DATA_DIR / "lexicon" / "name_order.yaml", encoding="utf-8") as fh:
        return frozenset(w.lower() for w in (load_yaml(fh) or {}).get("family_first_names") or ())


def family_first(words: Sequence[str]) -> bool:
    """True for a Korean or Chinese name written family name first, as the English press
    does (``family_first_names`` of ``data/lexicon/name_order.yaml``): three words whose
    first is such a family name, or two whose second is a hyphenated given name or a short
    syllable.

    Example:
        >>> [family_first(n.split()) for n in ("Ng Eng Hen", "Shin Won-sik", "Wang Yi", "Kim Darroch", "Lee")]
        [True, True, True, False, False]
    """
    if len(words) not in (2, 3) or words[0].lower() not in _family_first_names():
        return False
    if len(words) == 3:
        return all(w[:1].isupper() for w in words[1:])
    given = words[1]
    head, _, tail = given.partition("-")
    return bool(tail) and tail[:1].islower() and head[:1].isupper() or given.isalpha() and len(given) <= 3


def split_name(name: str) -> tuple[str | None, str]:
    """Split a person name into (first name or None, surname); a patronymic, a title and
    a generational suffix are dropped.

    Example:
        >>> split_name("Умєров Рустем Ахмедович"), split_name("Lecornu")
        (('Рустем', 'Умєров'), (None, 'Lecornu'))
        >>> split_name("Ursula von der Leyen"), split_name("Prince Khalid bin Salman")
        (('Ursula', 'von der Leyen'), ('Khalid', 'bin Salman'))
        >>> split_name("C. Q. Brown Jr."), split_name("Lloyd J. Austin"), split_name("Jr.")
        (('C', 'Brown'), ('Lloyd', 'Austin'), (None, ''))
        >>> split_name("Dr Ng Eng Hen"), split_name("Shin Won-sik")
        (('Eng Hen', 'Ng'), ('Won-sik', 'Shin'))
    """
    toks = _words(name)
    if not toks:
        return None, ""
    if len(toks) >= 3 and is_patronymic(toks[-1]) and first_name_id(toks[-2]):  # Surname First Patronymic
        toks = toks[:-1]
    elif len(toks) >= 3 and is_patronymic(toks[1]):  # First Patronymic Surname
        toks = [toks[0], *toks[2:]]
    if family_first(toks):  # "Ng Eng Hen": Ng is the surname
        return " ".join(toks[1:]), toks[0]
    if len(toks) > 1 and first_name_id(toks[-1]) and not first_name_id(toks[0]):
        toks = [toks[-1], *toks[:-1]]
    i = len(toks) - 1
    while i > 0 and toks[i - 1].lower() in _PARTICLES:
        i -= 1
    return (toks[0] if i > 0 else None), " ".join(toks[i:])


_HUSH = re.compile(r"([szc])h")


@lru_cache(maxsize=65536)
def surname_keys(surname: str) -> frozenset[str]:
    """Phonetic keys of a surname as written and with its case ending stripped, each
    also without the "h" of sh/zh/ch (Lithuanian, Czech, Polish š/ž/č fold to s/z/c).

    Example:
        >>> sorted(surname_keys("Умєровим")), sorted(surname_keys("Umerov's"))
        (['umerov', 'umerovim'], ['umerov', 'umerovs'])
        >>> bool(surname_keys("Šakalienė") & surname_keys("Шакалене") & surname_keys("Sakaliene"))
        True
    """
    head, _, last = surname.rpartition(" ")
    stripped = strip_uk_case(last) if is_cyrillic(last) else re.sub(r"['’]s$", "", last)
    forms = {surname, f"{head} {stripped}".strip()}
    keys = {k for k in ("".join(phonetic_key(f).split()) for f in forms) if k}
    # Šakalienė folds to "sakalene" but Шакалене reads "shakalene": compare without the hushing h too
    return frozenset(keys | {_HUSH.sub(r"\1", k) for k in keys})


def skeleton(key: str) -> str:
    """A surname key with every run of vowels read as one: what an ear keeps of a name
    spelled from another language ("Healey" and "Гілі", "heali" and "hili").

    Example:
        >>> skeleton("heali"), skeleton("hili"), skeleton("umerov")
        ('hala', 'hala', 'amarav')
    """
    return re.sub(r"[aeiou]+", "a", key)


def garbled(a: str, b: str) -> bool:
    """Tell whether two surname keys look like one name garbled or truncated.

    Example:
        >>> garbled("lekornu", "lekorneuil"), garbled("shevtsov", "shevhenko")
        (True, False)
    """
    if len(a) < 4 or len(b) < 4 or a[:4] != b[:4]:
        return False
    if a.startswith(b) or b.startswith(a):
        return min(len(a), len(b)) >= 5
    return fuzz.ratio(a, b) >= 75


@lru_cache(maxsize=65536)
def first_name_relation(a: str | None, b: str | None) -> str:
    """Compare two given names: "same", "different" or "unknown".

    Example:
        >>> first_name_relation("Denis", "Денис"), first_name_relation("Dmytro", "Oleksiy")
        ('same', 'different')
    """
    if not a or not b:
        return "unknown"
    if is_initial(a) or is_initial(b):
        return "unknown" if _initials_agree(a, b) else "different"
    ka, kb = (phonetic_key(strip_uk_case(x)).replace(" ", "") for x in (a, b))
    va = {ka, *(phonetic_key(v).replace(" ", "") for v in first_name_variants(a))}
    vb = {kb, *(phonetic_key(v).replace(" ", "") for v in first_name_variants(b))}
    ia, ib = first_name_id(a), first_name_id(b)
    if ia and ib:
        return "same" if ia == ib else "different"
    if va & vb or max(fuzz.ratio(x, y) for x in va for y in vb) >= 85:
        return "same"
    return "different" if is_cyrillic(a) == is_cyrillic(b) else "unknown"


def _initials_agree(a: str, b: str) -> bool:
    """Whether an initial may stand for a name (or another initial): the same first letter
    as written (Cyrillic romanised: "Ю." = "Yurii"), or, across scripts, as read ("Є." = "Evhen").

    Example:
        >>> _initials_agree("C.", "Charles"), _initials_agree("K.", "Charles"), _initials_agree("Р.", "Rustem")
        (True, False, True)
    """
    la, lb = (fold(kmu2010(x.strip(". ")))[:1] for x in (a, b))
    if la == lb:
        return True
    return is_cyrillic(a) != is_cyrillic(b) and phonetic_key(a)[:1] == phonetic_key(b)[:1]


_RUSSIAN_LETTERS = re.compile(r"[ыэъёЫЭЪЁ]")


def _best(counts: Mapping[str, set[str]]) -> str:
    """The form seen in most articles; ties go to the lexicographically smallest."""
    return min(counts, key=lambda f: (-len(counts[f]), f))


def _nominative(first: str | None, surname: str) -> tuple[str | None, str]:
    if first and is_feminine_name(first):
        return first, surname
    head, _, last = surname.rpartition(" ")
    return (strip_uk_case(first) if first else None), f"{head} {strip_uk_case(last)}".strip()


def _known_label(by_form: Mapping[str, set[str]]) -> str | None:
    """The canonical name of a listed official (``graph.known_people``) that a Cyrillic form
    names, as written or in the nominative; the form of the most articles first."""
    for form in sorted(by_form, key=lambda f: (-len(by_form[f]), f)):
        first, surname = split_name(form)
        if not (first and surname and is_cyrillic(form)):
            continue
        nominative = _nominative(first, surname)  # foreign surnames often do not decline: "Джоном Гілі"
        # known_person also tries the nominatives a case ending may stand for ("Гегсетом": Гегсет)
        for pair in ((first, surname), nominative, (nominative[0], surname)):
            known = known_person(*pair)
            if known is not None:
                return known[0]
    return None


def person_label(forms: Iterable[tuple[str, str]] | Mapping[str, Iterable[str]]) -> str:
    """Canonical English label of a person from its (form, article id) pairs, or form -> article ids.

    The most frequent full Latin form by folded key (articles counted), with
    diacritics preferred inside the key; else the KMU 2010 form of the commonest
    Cyrillic nominative, first name from the table, surname from a matching Latin
    form when one was seen; else the commonest surname.

    Example:
        >>> person_label([("Sebastien Lecornu", "a"), ("Sébastien Lecornu", "b"), ("Lecorne", "b")])
        'Sébastien Lecornu'
        >>> person_label([("Олександр Балануца", "a"), ("Балануца", "a")])
        'Oleksandr Balanutsa'
        >>> person_label([("Denis Shmygal", "a"), ("Denys Shmyhal", "b"), ("Денис Шмигаль", "c"), ("Денис Шмыгаль", "d")])
        'Denys Shmyhal'
    """
    if isinstance(forms, Mapping):
        by_form = {f: set(a) for f, a in forms.items()}
    else:
        by_form = defaultdict(set)
        for form, article in forms:
            by_form[form].add(article)
    latin: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    cyrillic: dict[tuple[str, str], set[str]] = defaultdict(set)
    latin_bare: dict[str, set[str]] = defaultdict(set)
    cyrillic_bare: dict[str, set[str]] = defaultdict(set)
    for form, articles in by_form.items():
        first, surname = split_name(form)
        if not surname:
            continue
        if first and len(first.rstrip(".")) < 2:  # an initial makes no label
            first = None
        if is_cyrillic(form):
            first, surname = _nominative(first, surname)
            (cyrillic[(first, surname)] if first else cyrillic_bare[surname]).update(articles)
        else:
            if first:
                text = " ".join(t.strip(_PUNCT) for t in form.split())
                latin[fold(text)][text].update(articles)
            latin_bare[surname].update(articles)
    if latin:
        articles = {key: set().union(*by_form.values()) for key, by_form in latin.items()}
        national = {fold(kmu2010(f"{first} {surname}")) for (first, surname) in cyrillic
                    if not _RUSSIAN_LETTERS.search(f"{first}{surname}")}  # a tie goes to the Ukrainian romanisation
        by_form = latin[min(articles, key=lambda k: (-len(articles[k]), k not in national, k))]
        return min(by_form, key=lambda f: (fold(f) == f.casefold(), -len(by_form[f]), f))
    known = _known_label(by_form) if cyrillic else None
    if known is not None:  # "Джон Гілі": John Healey, not a romanisation of the spelling
        return known
    if cyrillic:
        first, surname = min(cyrillic, key=lambda k: (-len(cyrillic[k]), k))
    elif cyrillic_bare and not latin_bare:
        first, surname = None, _best(cyrillic_bare)
    else:
        return _best(latin_bare) if latin_bare else ""
    keys = surname_keys(surname)
    matching = {s: a for s, a in latin_bare.items() if surname_keys(s) & keys}
    latin_surname = _best(matching) if matching else kmu2010(surname)
    return f"{preferred_first_name(first)} {latin_surname}" if first else latin_surname
