"""Tokens with offsets and a normalised form that lexicon terms are matched on.

English words are lower-cased, British spellings and plurals folded ("defence
systems" and "defense system" normalise alike); Ukrainian words are reduced to
their pymorphy3 lemma ("спільних підприємств" -> "спільний підприємство");
Russian words to their Russian lemma, then to the Ukrainian lemma of the same
word by ``data/lexicon/ru_uk.yaml`` ("совместного производства" -> "спільний
виробництво"), so that one Cyrillic lexicon serves both languages.
Both sides of a match (text and lexicon term) go through the same function.

Example:
    >>> [t.norm for t in tokenize("Air defence systems", "en")]
    ['air', 'defense', 'system']
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

from ddgraph.graph.yaml_data import load_yaml

_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|\w+(?:[-/’'ʼ]\w+)*|[^\w\s]", re.UNICODE)  # "U.S." is one token
_UK_LETTERS = re.compile(r"[а-яґєіїА-ЯҐЄІЇ']")
_RU_LETTERS = re.compile(r"[а-яёА-ЯЁ]")
#: Languages read with pymorphy3 and matched against the Cyrillic (Ukrainian-keyed) lexicon.
CYRILLIC_LANGS = ("uk", "ru")
_EN_SPELLING = {
    "defence": "defense",
    "offence": "offense",
    "programme": "program",
    "licence": "license",
    "centre": "center",
    "armour": "armor",
    "armoured": "armored",
    "localisation": "localization",
    "organisation": "organization",
    "modernisation": "modernization",
    "kiev": "kyiv",
}
_NO_PLURAL = ("ss", "us", "is", "ous", "ics", "ys")
#: Plurals kept as written: "United States Secretary of Defense" holds no "state secretary".
_KEEP_PLURAL = frozenset({"states"})


@dataclass(frozen=True)
class Token:
    """A word or punctuation mark of the text.

    Attributes:
        start, end: offsets in the text.
        text: the surface form.
        norm: the form lexicon terms are matched on.
        tag: morphological tag (Ukrainian, pymorphy3) or "" (English).
    """

    start: int
    end: int
    text: str
    norm: str
    tag: str = ""

    @property
    def is_cap(self) -> bool:
        """True when the token starts with an upper-case letter."""
        return self.text[:1].isupper()

    @property
    def is_possessive(self) -> bool:
        """True for an English possessive ("Ukraine's", "Trump’s")."""
        return self.text.endswith(("'s", "’s"))

    @property
    def is_word(self) -> bool:
        """True for words (not punctuation)."""
        return self.text[:1].isalnum()


@lru_cache(maxsize=100_000)
def norm_en(word: str) -> str:
    """Normalise an English word for matching.

    Example:
        >>> norm_en("Ventures"), norm_en("localisation"), norm_en("Ukraine's")
        ('venture', 'localization', 'ukraine')
    """
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = _EN_SPELLING.get(w, w)
    if len(w) > 4 and w.isalpha() and w not in _KEEP_PLURAL:
        if w.endswith("ies"):
            w = w[:-3] + "y"
        elif w.endswith("s") and not w.endswith(_NO_PLURAL):
            w = w[:-1]
    return _EN_SPELLING.get(w, w)


@lru_cache(maxsize=2)
def _morph(language: str = "uk"):
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang=language)


def lexicon_language(language: str) -> str:
    """The lexicon a text in ``language`` is matched against: "uk" for Cyrillic languages, else "en".

    Example:
        >>> lexicon_language("ru"), lexicon_language("de")
        ('uk', 'en')
    """
    return "uk" if language in CYRILLIC_LANGS else "en"


@lru_cache(maxsize=200_000)
def parse_uk(word: str) -> tuple[str, str]:
    """Return (lemma, tag) of a Ukrainian word with pymorphy3 (first parse).

    Example:
        >>> parse_uk("підприємств")[0]
        'підприємство'
    """
    parses = _morph().parse(word)
    if not parses:
        return word.lower(), ""
    return parses[0].normal_form, str(parses[0].tag)


@lru_cache(maxsize=50_000)
def word_is_known(word: str, language: str = "uk") -> bool:
    """True when pymorphy3's dictionary of ``language`` has the word (not a guess).

    Example:
        >>> word_is_known("рустемом"), word_is_known("довіле"), word_is_known("денисом", "ru")
        (True, False, True)
    """
    return _morph(language).word_is_known(word)


@lru_cache(maxsize=50_000)
def parses_uk(word: str, language: str = "uk") -> tuple[tuple[str, str], ...]:
    """Every (lemma, tag) parse of a Ukrainian word (of a Russian one with ``language="ru"``)."""
    return tuple((p.normal_form, str(p.tag)) for p in _morph(language).parse(word))


@lru_cache(maxsize=1)
def ru_to_uk() -> dict[str, str]:
    """Russian lemma -> Ukrainian lemma of the same word (``data/lexicon/ru_uk.yaml``, loaded once).

    Example:
        >>> ru_to_uk()["встреча"]
        'зустріч'
    """
    from ddgraph.graph.namespaces import DATA_DIR

    with open(DATA_DIR / "lexicon" / "ru_uk.yaml", encoding="utf-8") as fh:
        table = load_yaml(fh) or {}
    return {str(ru).lower(): str(uk).lower() for ru, uk in table.items()}


@lru_cache(maxsize=1)
def lexicon_lemmas() -> frozenset[str]:
    """Lemmas of the words of every Ukrainian lexicon term (their first parse).

    When a text word has several parses, one whose lemma is a lexicon word wins:
    "Києві" is read as "Київ" (the city), not as the first parse "Кий" (a name).
    Read from the file cache of :mod:`ingest.extract.index_cache` when it holds them.
    """
    from ddgraph.ingest.extract.index_cache import cached

    return frozenset(cached("uk-lemmas", lambda: sorted(_lexicon_lemmas())))


def _lexicon_lemmas() -> set[str]:
    from ddgraph.ingest.lexicon import load_lexicon

    lemmas: set[str] = set()
    for term in load_lexicon().all_terms():
        for phrase in (term.uk, *term.uk_aliases):
            for m in _TOKEN.finditer(phrase or ""):
                if _UK_LETTERS.search(m.group()):
                    lemmas.add(parse_uk(m.group().lower())[0])
    return lemmas


@lru_cache(maxsize=200_000)
def _norm_uk(word: str) -> tuple[str, str]:
    parses = parses_uk(word)
    if not parses:
        return word, ""
    known = lexicon_lemmas()
    lemma, tag = next((p for p in parses if p[0] in known), parses[0])
    return lemma.lower().replace("’", "'"), tag


_GUESSED_PROPER = {"Geox", "Orgn", "Abbr"}


@lru_cache(maxsize=200_000)
def _norm_ru(word: str) -> tuple[str, str]:
    parses = parses_uk(word, "ru")
    if not parses:
        return word, ""
    table, known = ru_to_uk(), lexicon_lemmas()
    if not word_is_known(word, "ru"):  # a guess: an unknown capitalised word is rather a name than a place
        parses = tuple(p for p in parses if not _GUESSED_PROPER & set(p[1].replace(" ", ",").split(","))) \
            or tuple((lemma, re.sub(r",(?:Geox|Orgn|Abbr)\b", "", tag)) for lemma, tag in parses)
    mapped = [(table.get(lemma, lemma), tag) for lemma, tag in parses]
    lemma, tag = next((p for p in mapped if p[0] in known), mapped[0])
    return lemma, tag


_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'", "ʹ": "'"})


def norm_word(word: str, language: str) -> tuple[str, str]:
    """Return (norm, tag) of one word in ``language``.

    The Ukrainian conjunctions "та" and "й" read as "і", so that a term written with one matches
    a text written with another ("з питань оборони та космосу", "по вопросам обороны и космоса").

    Example:
        >>> norm_word("Києві", "uk")[0], norm_word("та", "uk")[0]
        ('київ', 'і')
    """
    if language == "uk" and _UK_LETTERS.search(word):
        norm, tag = _norm_uk(word.lower().translate(_APOSTROPHES))
    elif language == "ru" and _RU_LETTERS.search(word):
        norm, tag = _norm_ru(word.lower())
    else:
        return norm_en(word), ""
    return ("і" if norm in _AND else norm), tag


_AND = {"та", "й"}


#: The grammatical cases of pymorphy3's tags.
CASES = frozenset({"nomn", "gent", "datv", "accs", "ablt", "loct", "voct"})


def token_cases(tok: Token) -> set[str]:
    """The cases a (Cyrillic) token's tag gives it, e.g. {"gent"}; empty when it gives none.

    Example:
        >>> token_cases(tokenize("міністра", "uk")[0])
        {'gent'}
    """
    return set(tok.tag.replace(" ", ",").split(",")) & CASES


def tokenize(text: str, language: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Split ``text[start:end]`` into tokens with absolute offsets.

    Example:
        >>> [t.text for t in tokenize("SAMP/T and IRIS-T, F-16s.", "en")]
        ['SAMP/T', 'and', 'IRIS-T', ',', 'F-16s', '.']
        >>> [t.text for t in tokenize("U.S. President", "en")]
        ['U.S.', 'President']
    """
    end = len(text) if end is None else end
    out = []
    for m in _TOKEN.finditer(text, start, end):
        word = m.group()
        if word[:1].isalnum():
            norm, tag = norm_word(word, language)
        else:
            norm, tag = word, ""
        out.append(Token(m.start(), m.end(), word, norm, tag))
    return out


def term_key(term: str, language: str) -> tuple[str, ...]:
    """Normalised token tuple of a lexicon term, as text tokens would be.

    Example:
        >>> term_key("засоби ППО", "uk")
        ('засіб', 'ппо')
    """
    return tuple(t.norm for t in tokenize(term, language))


def term_keys_ru(term: str, limit: int = 8) -> list[tuple[str, ...]]:
    """Every normalised token tuple a Russian term may take: a word the dictionary reads
    two ways ("Филиппины": a plural noun, or the plural of "Филиппина") keys under each,
    so that text tokens, which prefer the reading the lexicon knows, meet one of them.

    Example:
        >>> ("филиппины",) in term_keys_ru("Филиппины")
        True
    """
    options = []
    for tok in tokenize(term, "ru"):
        word = tok.text.lower()
        forms = [tok.norm]
        if _RU_LETTERS.search(word):
            table = ru_to_uk()
            forms += [table.get(lemma, lemma) for lemma, _ in parses_uk(word, "ru")]
        options.append(list(dict.fromkeys(forms))[:3])
    return list(itertools.islice(itertools.product(*options), limit))
