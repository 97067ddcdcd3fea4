"""The nominative of a name read in Ukrainian or Russian text: "Рустемом Умєровим" -> Рустем
Умєров, "Дениса Шмыгаля" -> Денис Шмыгаль, "Ishiba Shigeru" -> Shigeru Ishiba (a Japanese family
name first). First names come from the dictionary (a foreign name it only guesses at keeps its
written form), surnames from the case rules of :mod:`graph.translit` and :mod:`graph.russian_case`.

Example:
    >>> normal_first("Рустемом", "uk")
    'Рустем'
"""

from __future__ import annotations

from ddgraph.graph.russian_case import strip_ru_case
from ddgraph.graph.translit import strip_uk_case
from ddgraph.ingest.extract.context import Context, SentenceView
from ddgraph.graph.names import family_first
from ddgraph.ingest.extract.names import NameCandidate, family_name_first
from ddgraph.ingest.extract.tokens import CYRILLIC_LANGS, parses_uk, word_is_known


def normal_first(word: str, language: str, surname: str = "") -> str:
    """Nominative of a Ukrainian first name the dictionary knows ("Рустемом" -> "Рустем");
    a foreign name it only guesses at keeps its written form ("Довіле" stays).

    The surname tells the gender: -а/-я is a woman's or a man's genitive ("Дениса Шмигаля"),
    an indeclinable -о surname says nothing ("Юлія Свириденко" stays Юлія).
    """
    if language not in CYRILLIC_LANGS:
        return word
    if not word_is_known(word.lower(), language):
        return _feminine_instrumental(word) if language == "uk" else word
    lower = word.lower()
    names = [(lemma, tag) for lemma, tag in parses_uk(lower, language) if "Name" in tag]
    if surname.endswith(("о", "і", "е", "у", "ю")) and not surname.endswith("ого"):
        parses = names  # "Свириденко", "Мелоні": no gender (but "Сирського" is a man's genitive)
    elif surname.endswith(("а", "я", "ська", "цька")):
        parses = [p for p in names if "femn" in p[1]] or [p for p in names if "masc" in p[1]]
    else:
        parses = [p for p in names if "masc" in p[1]]
    if any("nomn" in tag and lemma == lower for lemma, tag in parses):
        return word  # already a nominative name
    for lemma, _ in parses:  # "Олександра Сирського" -> Олександр; "Кір Стармер" stays (not Кіра)
        return lemma[:1].upper() + lemma[1:]
    return word


def _feminine_instrumental(word: str) -> str:
    """A foreign woman's first name the dictionary does not know, in the instrumental case
    ("з Джорджею Мелоні", "з Анналеною Бербок"), in the nominative (by the case rules of
    :func:`graph.translit.strip_uk_case`); any other word as written.

    Example:
        >>> _feminine_instrumental("Джорджею"), _feminine_instrumental("Анналеною"), _feminine_instrumental("Каєю")
        ('Джорджа', 'Анналена', 'Кая')
    """
    if word[:1].isupper() and word.lower().endswith(("ою", "єю", "ею")):
        return strip_uk_case(word)
    return word


_LOCATIVE = {"у", "в", "на", "при", "по", "о", "об"}


def _normal_surname(word: str, language: str, after: str = "") -> str:
    """Nominative of a surname; a locative reading only after a locative preposition."""
    if language == "ru":
        return strip_ru_case(word)
    return strip_uk_case(word, after in _LOCATIVE) if language == "uk" else word


def split_nominative(cand: NameCandidate, ctx: Context, sent: SentenceView, language: str) -> tuple[str | None, str]:
    """(first name or None, surname) of a candidate, in the nominative."""
    words = list(cand.words)
    after = sent.tokens[cand.head - 1].norm if cand.head > 0 else ""
    if len(words) == 2 and family_name_first(words):
        return words[1], words[0]  # "Ishiba Shigeru" is Shigeru Ishiba
    if family_first(words):  # "Ng Eng Hen": "Dr Ng" later; "Но Гван Чхолем": the given name declines
        return " ".join(_normal_surname(w, language, after) for w in words[1:]), words[0]
    if len(words) == 1:
        return None, _normal_surname(words[0], language, after)
    first = normal_first(words[0], language, words[-1])
    surname = " ".join(words[1:])
    if language in CYRILLIC_LANGS and _nominative_name(words[0], language) \
            and (language == "uk" or _feminine(words[0], language)):
        return first, surname  # "Джон Гілі", "Мария Захарова": a first name in the nominative, so is the surname
    if language in CYRILLIC_LANGS:
        surname = " ".join(_normal_surname(w, language, after) for w in words[1:])
        last = _normal_surname(words[-1], language, after)
        ending = words[-1][len(last):] if words[-1].startswith(last) else ""
        same_case = next((g for g in _CASE_ENDINGS if ending in g), (ending,)) if ending else ()
        own = next((e for e in sorted(same_case, key=len, reverse=True) if first.endswith(e)), None)
        if first == words[0] and own and len(first) - len(own) >= 3:
            first = first[: len(first) - len(own)]  # "Троелсом Лундом Поульсеном", "Алексусом Гринкевичем"
    return first, surname


#: Endings of one case that a first name and its surname may take in turn ("Алексусом Гринкевичем").
_CASE_ENDINGS = (("ом", "ем", "єм"), ("ові", "еві", "єві"), ("а", "я"), ("у", "ю"))


def _feminine(word: str, language: str) -> bool:
    """True for a woman's first name ("Мария"): her surname keeps its -а."""
    return any("Name" in tag and "femn" in tag for _, tag in parses_uk(word.lower(), language))


def _nominative_name(word: str, language: str = "uk") -> bool:
    """True for a first name the dictionary knows only in the nominative ("Джон", "Борис"),
    not one that may be a declined form ("Бориса", "Олександра")."""
    if not word_is_known(word.lower(), language):
        return False
    parses = [tag for _, tag in parses_uk(word.lower(), language) if "Name" in tag]
    return bool(parses) and all("nomn" in tag for tag in parses)
