"""Find person names in a sentence's tokens (English and Ukrainian).

A name is a run of capitalised words that are not lexicon vocabulary (titles,
ranks, countries, organisations), confirmed by at least one signal: a known first
name, a pymorphy3 ``Name``/``Surn`` tag, spaCy's PERSON label, an office, rank or
"counterpart" right before it, or a title ("Mr.", "Dr.", "Prince"). Single words
are kept as surname candidates; they become persons only when they point to a
full name of the same article or follow an office.

The forms of official English are read apart from the name words: a title before
the name ("Mr.", "Prof.", "SecDef", "Prince"; never part of the name), initials
("R. Umerov", "C. Q. Brown", the middle "J." of "Lloyd J. Austin"), a generational
suffix ("Jr.", "Sr.", "III") and a possessive ("Biden's", "Macron’s").

Example:
    >>> from ddgraph.ingest.extract.tokens import tokenize
    >>> toks = tokenize("French Defense Minister Sébastien Lecornu said", "en")
    >>> [(c.text, c.full) for c in find_name_candidates(toks, "en", set())]
    [('Sébastien Lecornu', True)]
    >>> c = find_name_candidates(tokenize("Gen. C. Q. Brown Jr.'s visit", "en"), "en", set())[0]
    >>> c.text, c.words, c.initials, c.suffix
    ('C. Q. Brown Jr.', ('Brown',), ('C.', 'Q.'), 'Jr.')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache


from ddgraph.graph.known_people import name_words
from ddgraph.graph.namespaces import DATA_DIR
from ddgraph.ingest.extract.tokens import (
    CYRILLIC_LANGS,
    Token,
    lexicon_language,
    tokenize,
    token_cases,
    word_is_known,
)
from ddgraph.ingest.extract.match import load_defaults
from ddgraph.ingest.lexicon import load_lexicon
from ddgraph.graph.yaml_data import load_yaml

PARTICLES = frozenset({  # lower-case words inside a name: "von der Leyen", "Khalid bin Salman"
    "de", "da", "di", "van", "von", "der", "den", "la", "le", "du", "al", "bin", "ibn", "bint",
    "бін", "ібн", "бінт", "аль", "фон", "дер", "ван", "де", "ле", "ла", "дю",
})
#: A word in capitals of two letters or more ("UN", "NATO", "ЗСУ").
_ACRONYM = re.compile(r"^[A-ZА-ЯҐЄІЇ]{2,}$")
_CAP_WORD = re.compile(r"^(?:[A-ZÀ-ÖØ-ÞĀ-ſА-ЯҐЄІЇ]|(?:al|el|аль|ель)-[A-ZА-ЯҐЄІЇ])[\w’'-]*$")
_INITIALS = re.compile(r"^(?:[A-ZА-ЯҐЄІЇ]\.){2,}$")  # "C.Q." (one token)
_POSSESSIVE = re.compile(r"(?<=\w)['’ʼ]s$")
_NOT_NAMES_EN = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "the", "a", "an", "he", "she", "they", "we", "it", "this", "that",
    "according", "during", "after", "before", "also", "in", "on", "at", "as", "and", "but", "our",
    "his", "her", "their", "details", "recall", "photo", "facebook", "telegram", "twitter", "x",
    "russian", "russia", "european", "euro-atlantic", "other", "together", "together with",
    "royal", "army", "navy", "air", "force", "marine", "corps",  # "Royal Navy Admiral X": the service, no name
}
# Titles before a name: never part of it, and a sign that a name follows. After a
# "given" title the single word is a given name ("Prince Khalid", "Sir Keir"),
# after an honorific a surname ("Mr. Umerov"). The short honorifics are never name
# words; a few abbreviations are titles only with their dot ("Sen." but "Amartya Sen").
_HONORIFICS = {"mr", "mrs", "ms", "mx", "messrs", "dr", "prof", "пан", "пані", "господин", "госпожа", "г-н", "г-жа"}
_TITLE_WORDS = {"lord", "lady", "baron", "baroness", "amb", "secdef", "secstate", "hon", "honourable", "honorable",
                "shri", "shrimati", "smt"}  # Indian honorifics ("Raksha Mantri Shri Rajnath Singh")
_DOTTED = {"sen", "rep", "gov"}
_GIVEN_TITLES = {
    "crown", "prince", "princess", "sheikh", "sheikha", "sheik", "king", "queen", "sir", "dame",
    "принц", "принцеса", "шейх", "король", "королева", "сер",
}
_SUFFIXES = {"jr": "Jr.", "sr": "Sr.", "ii": "II", "iii": "III", "iv": "IV"}
_SHORT_GIVEN = {"Gen"}  # Japanese given names that are also abbreviated titles
_UK_SUFFIX = re.compile(r"^(\w.*?)-(молодш|старш)\w*$", re.IGNORECASE)  # "Браун-молодший", "Брауном-молодшим"


@dataclass(frozen=True)
class NameCandidate:
    """A possible person name.

    Attributes:
        i, j: token range [i, j) of the name (initials and suffix included, titles not).
        start, end: character offsets (a possessive "'s" left out).
        text: surface form.
        full: True for first name + surname (two or more name words).
        confirmed: True when a signal other than capitalisation supports it.
        lead: token index where the name's titles begin ("Mr." of "Mr. R. Umerov");
            ``i`` when there is none.
        words: the name words, particles included, possessive stripped.
        initials: the initials that stand for the first name ("R.", or "C.", "Q."),
            empty when a first name is written out.
        middle: middle initials after a written first name ("J." of "Lloyd J. Austin").
        suffix: a generational suffix ("Jr.", "Sr.", "II", "III", "IV"; "-молодший",
            "-старший" written joined to the surname), else "".
        title: "given" after a title followed by a given name ("Prince"),
            "honorific" after one followed by a surname ("Mr."), else "".
    """

    i: int
    j: int
    start: int
    end: int
    text: str
    full: bool
    confirmed: bool
    lead: int = -1
    words: tuple[str, ...] = ()
    initials: tuple[str, ...] = ()
    middle: tuple[str, ...] = ()
    suffix: str = ""
    title: str = ""

    @property
    def head(self) -> int:
        """Token index where the whole phrase (titles included) begins."""
        return self.lead if self.lead >= 0 else self.i


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Lower-cased first names of ``data/lexicon/first_names.yaml`` (any script)."""
    path = DATA_DIR / "lexicon" / "first_names.yaml"
    names: set[str] = set()
    if path.exists():
        def walk(node) -> None:
            if isinstance(node, str):
                names.add(node.strip().lower())
            elif isinstance(node, dict):
                for value in node.values():
                    walk(value)
            elif isinstance(node, list):
                for value in node:
                    walk(value)

        with open(path, encoding="utf-8") as fh:
            walk(load_yaml(fh))
    return frozenset(n for n in names if n and " " not in n)


@lru_cache(maxsize=2)
def vocabulary(language: str) -> frozenset[str]:
    """Normalised words of titles, ranks, countries, places, organisations and systems.

    Capitalised words from this set are not names ("Minister", "General", "French").
    Read from the file cache of :mod:`ingest.extract.index_cache` when it holds them
    (building them normalises every lexicon word: a third of a second of each new process).

    Example:
        >>> {"minister", "general"} <= vocabulary("en")
        True
    """
    from ddgraph.ingest.extract.index_cache import cached

    return frozenset(cached(f"vocabulary-{language}", lambda: sorted(_vocabulary(language))))


def _vocabulary(language: str) -> set[str]:
    lex = load_lexicon()
    words: set[str] = set()
    given = {w.lower() for w in load_defaults().get("system_given_names") or ()}  # "Arjun" the tank, "Arjun Kumar"
    for table in (lex.offices, lex.ranks, lex.countries, lex.places, lex.organizations, lex.systems):
        names = given if table is lex.systems else set()
        for term in table.values():
            phrases = [term.en, *term.en_aliases] if language != "uk" else [term.uk, *term.uk_aliases]
            if language == "uk":
                phrases += [term.en, *term.en_aliases]
            for phrase in phrases:
                # an acronym's word ("UN") keeps no capitalised word from a name ("Kim Jong Un"): a
                # token in capitals is never a name word anyway
                words.update(t.norm for t in tokenize(phrase or "", language)
                             if not _ACRONYM.match(t.text) and t.text.lower() not in names)
    return {w for w in words if len(w) > 1}


def strip_possessive(word: str) -> str:
    """A name word without its English possessive ending.

    Example:
        >>> strip_possessive("Biden's"), strip_possessive("Macron’s"), strip_possessive("Lewis")
        ('Biden', 'Macron', 'Lewis')
    """
    return _POSSESSIVE.sub("", word)


def title_kind(word: str, dotted: bool = False) -> str:
    """"honorific", "given" or "" for a word that may stand before a name ("Mr." -> honorific);
    ``dotted`` when the word's abbreviation dot follows it as a token of its own.

    Example:
        >>> title_kind("Mr."), title_kind("Prince"), title_kind("Sen"), title_kind("Sen", dotted=True)
        ('honorific', 'given', '', 'honorific')
    """
    low = word.rstrip(".").lower()
    if low in _GIVEN_TITLES and low not in first_names():
        return "given"
    dotted = dotted or word.endswith(".")
    return "honorific" if low in _HONORIFICS or low in _TITLE_WORDS or dotted and low in _DOTTED else ""


def _is_name_word(tok: Token, language: str, vocab: frozenset[str]) -> bool:
    if not _CAP_WORD.match(tok.text) or tok.text.isupper() and len(tok.text) > 1:
        return False
    low = tok.text.lower()
    if low in _NOT_NAMES_EN or low in _HONORIFICS or low in _SUFFIXES:
        return False
    if low in name_words():
        return True  # a word of a well-known official's name ("Чен" of "Ким Чен Ын", not a place)
    declined = language in CYRILLIC_LANGS and tok.norm in first_names()
    if (low in first_names() or declined) and not (language in CYRILLIC_LANGS and "Geox" in tok.tag):
        return True  # "Ivan" ("Іваном") is a first name even if some lexicon entry uses the word
    if tok.norm in vocab:
        return False
    if language in CYRILLIC_LANGS and ("Geox" in tok.tag or "Orgn" in tok.tag or "Abbr" in tok.tag) \
            and word_is_known(low, language):
        return False  # a place, body or abbreviation the dictionary knows; its guesses ("Сунаком") are no proof
    return True


def has_name_word(tokens: list[Token], language: str) -> bool:
    """True when one of ``tokens`` may be (part of) a name: a sentence without one
    yields no name candidate.

    Example:
        >>> from ddgraph.ingest.extract.tokens import tokenize
        >>> has_name_word(tokenize("Umerov spoke.", "en"), "en"), has_name_word(tokenize("Air defense.", "en"), "en")
        (True, False)
    """
    vocab = vocabulary(lexicon_language(language))
    return any(_is_name_word(t, language, vocab) for t in tokens)


def _signal(tok: Token, language: str) -> str:
    """'first', 'surname' or '' for one token."""
    low = tok.text.lower()
    if low in first_names() or tok.norm in first_names():
        return "first"
    if language in CYRILLIC_LANGS:
        if "Name" in tok.tag:
            return "first"
        if "Surn" in tok.tag:
            return "surname"
    return ""


def _dot_after(tokens: list[Token], k: int) -> bool:
    return k + 1 < len(tokens) and tokens[k + 1].text == "." and tokens[k + 1].start == tokens[k].end


def _initial_width(tokens: list[Token], k: int, language: str, vocab: frozenset[str]) -> int:
    """Tokens taken by an initial at ``k`` ("R" + ".", "C.Q.", an English "Q" without its dot),
    0 when there is none. "A" and "I" (and any Ukrainian letter) need the dot: they are words too."""
    tok = tokens[k]
    if len(tok.text) == 1 and tok.text.isupper() and tok.text.isalpha():
        if _dot_after(tokens, k):
            return 2
        return 1 if language not in CYRILLIC_LANGS and tok.text not in {"A", "I"} and "A" <= tok.text <= "Z" else 0
    if _INITIALS.match(tok.text) and tok.norm not in vocab:
        return 1
    return 0


def _suffix_width(tokens: list[Token], k: int) -> int:
    """Tokens taken by a generational suffix at ``k`` ("Jr" + ".", "III"), 0 when there is none."""
    low = tokens[k].text.lower()
    if low not in _SUFFIXES or tokens[k].start - tokens[k - 1].end > 1:
        return 0
    return 2 if low in {"jr", "sr"} and _dot_after(tokens, k) else 1


def _dotted_title(tokens: list[Token], k: int, language: str, vocab: frozenset[str]) -> bool:
    """True for an abbreviated title before a name ("Sen." of "Sen. Lindsey Graham")."""
    return _dot_after(tokens, k) and k + 2 < len(tokens) and bool(title_kind(tokens[k].text, True)) \
        and (_is_name_word(tokens[k + 2], language, vocab) or bool(_initial_width(tokens, k + 2, language, vocab)))


def _lead(tokens: list[Token], i: int) -> tuple[int, str]:
    """Where the titles right before token ``i`` begin, and the kind of the nearest one."""
    lead, kind = i, ""
    k = i
    while k > 0:
        p = k - 1
        dotted = tokens[p].text == "." and p > 0 and tokens[p - 1].end == tokens[p].start
        p -= dotted
        found = title_kind(tokens[p].text, dotted) or title_kind(tokens[p].norm, dotted)  # "принцом": принц
        if not found:
            break
        kind = kind or found
        lead = k = p
    return lead, kind


@lru_cache(maxsize=1)
def _japanese_family_names() -> frozenset[str]:
    with open(DATA_DIR / "lexicon" / "name_order.yaml", encoding="utf-8") as fh:
        return frozenset(w.lower() for w in (load_yaml(fh) or {}).get("japanese_family_names") or ())


def family_name_first(words: list[str]) -> bool:
    """True for a two-word name written family name first ("Yoshida Yoshihide", not "Gen Nakatani").

    Example:
        >>> family_name_first(["Ishiba", "Shigeru"]), family_name_first(["Gen", "Nakatani"])
        (True, False)
    """
    family = _japanese_family_names()
    return words[0].lower() in family and words[1].lower() not in family


def _given_next_to_family(tokens: list[Token]) -> list[Token]:
    """The tokens, with a given name that is also a title word ("Gen", no dot) made a plain
    word when a Japanese family name stands next to it: "Gen Nakatani", "Nakatani Gen"."""
    family = _japanese_family_names()
    out = list(tokens)
    for k, tok in enumerate(tokens):
        if tok.text in _SHORT_GIVEN and not _dot_after(tokens, k) and any(
                0 <= x < len(tokens) and tokens[x].text.lower() in family for x in (k - 1, k + 1)):
            out[k] = Token(tok.start, tok.end, tok.text, tok.text.lower() + "#given", tok.tag)
    return out


@lru_cache(maxsize=4)
def _thing_heads(language: str) -> frozenset[str]:
    """Lower-case nouns after which a capitalised phrase names a thing (``data/lexicon/defaults.yaml``)."""
    return frozenset((load_defaults().get("named_thing_heads") or {}).get(language) or ())


@lru_cache(maxsize=4)
def _place_heads(language: str) -> frozenset[str]:
    """Capitalised words that end the name of a street, a square or a building (``data/lexicon/defaults.yaml``)."""
    return frozenset((load_defaults().get("place_name_heads") or {}).get(language) or ())


@lru_cache(maxsize=4)
def _thing_words_before(language: str) -> frozenset[str]:
    """Lower-case words after which a capitalised phrase names a thing (``data/lexicon/defaults.yaml``)."""
    return frozenset((load_defaults().get("named_thing_before") or {}).get(language) or ())


def _after_thing_word(tokens: list[Token], cand: NameCandidate, language: str) -> bool:
    """Whether a name follows "exercise", "operation", "codenamed"... right away (lower-case
    particles between allowed), or as an apposition between commas when it starts with no
    known first name and two words or more ("their first joint exercise, Sada Tanseeq, in
    Rajasthan"; but "after the exercise, Boris Pistorius said").

    Example:
        >>> from ddgraph.ingest.extract.tokens import tokenize
        >>> names = lambda text: [c.text for c in find_name_candidates(tokenize(text, "en"), "en", set())]
        >>> names("the joint exercise, Sada Tanseeq, in Rajasthan"), names("the exercise Al Mohed Al Hindi")
        (['Rajasthan'], [])
        >>> names("After the exercise, Boris Pistorius, the minister, said"), names("the drills, Pistorius, said")
        (['Boris Pistorius'], ['Pistorius'])
    """
    k = cand.i
    while k > 0 and tokens[k - 1].text.lower() in PARTICLES:
        k -= 1
    if k > 0 and tokens[k - 1].text == ",":
        apposition = cand.j < len(tokens) and tokens[cand.j].text == ","
        if not apposition or not cand.full or tokens[cand.i].text.lower() in first_names():
            return False  # "after the exercise, Pistorius, the German minister, said"
        k -= 1
    return k > 0 and tokens[k - 1].text.lower() in _thing_words_before(language)


def find_name_candidates(
    tokens: list[Token],
    language: str,
    person_spans: set[tuple[int, int]],
    cue_ends: set[int] | None = None,
    blocked: set[int] | None = None,
) -> list[NameCandidate]:
    """Find name candidates among ``tokens`` (one sentence).

    Args:
        tokens: the sentence's tokens.
        language: "en" or "uk".
        person_spans: character spans that an NER model labelled PERSON.
        cue_ends: token indexes right after an office, rank or counterpart cue.
        blocked: token indexes that belong to cue phrases ("Former", "Recall").

    Example:
        >>> from ddgraph.ingest.extract.tokens import tokenize
        >>> [(c.text, c.initials, c.title) for c in find_name_candidates(
        ...     tokenize("Mr. R. Umerov met Prince Khalid.", "en"), "en", set())]
        [('R. Umerov', ('R.',), 'honorific'), ('Khalid', (), 'given')]
    """
    blocked = blocked or set()
    tokens = _given_next_to_family(tokens) if language == "en" else tokens
    vocab = vocabulary(lexicon_language(language))
    cue_ends = cue_ends or set()
    out: list[NameCandidate] = []
    i = 0
    n = len(tokens)
    while i < n:
        if i in blocked or not (_initial_width(tokens, i, language, vocab)
                                or _is_name_word(tokens[i], language, vocab)) \
                or _dotted_title(tokens, i, language, vocab):
            i += 1
            continue
        parts, j = _scan(tokens, i, language, vocab, blocked)
        cand = _candidate(tokens, parts, language, person_spans, cue_ends) if parts else None
        if cand is not None and not cand.title and cand.j < n and tokens[cand.j].text in _thing_heads(language):
            cand = None  # "the Nordic Warden operation": a named thing
        if cand is not None and not cand.title and tokens[cand.j - 1].text in _place_heads(language):
            cand = None  # "on Frunzenskaya Embankment": a street
        if cand is not None and not cand.title and _after_thing_word(tokens, cand, language):
            cand = None  # "the joint exercise, Sada Tanseeq,": a named thing
        if cand is not None:
            out.append(cand)
        i = max(j, i + 1)
    return out


def _scan(tokens, i, language, vocab, blocked) -> tuple[list[tuple[str, int, int]], int]:
    """The parts of the run of name words starting at ``i``, as (kind, first token, end
    token) with kind "word", "particle", "initial" or "suffix"; and the token after the run."""
    parts: list[tuple[str, int, int]] = []
    n = len(tokens)
    k = i
    while k < n and k not in blocked:
        if parts and tokens[k].start - tokens[k - 1].end > 1:
            break
        if parts and parts[-1][0] == "word" and _suffix_width(tokens, k):
            width = _suffix_width(tokens, k)
            parts.append(("suffix", k, k + width))
            k += width
            break
        width = _initial_width(tokens, k, language, vocab)
        if width:
            parts.append(("initial", k, k + width))
            k += width
            continue
        if parts and parts[-1][0] == "word" and _nickname(tokens, k, language, vocab):
            k += 3  # "Роберт «Мадяр» Бровді", "Robert 'Madyar' Brovdi": the call sign is no name word
            continue
        if _is_name_word(tokens[k], language, vocab):
            if parts and parts[-1][0] == "word" and _case_break(tokens[k - 1], tokens[k], language):
                break
            parts.append(("word", k, k + 1))
            k += 1
            if _POSSESSIVE.search(tokens[k - 1].text):  # "Biden's envoy": the name ends here
                break
            continue
        m = k
        while m < n and tokens[m].text.lower() in PARTICLES:
            m += 1
        if m > k and parts and m < n and _is_name_word(tokens[m], language, vocab):
            parts += [("particle", x, x + 1) for x in range(k, m)]
            k = m
            continue
        break
    while parts and parts[-1][0] in {"initial", "particle"}:  # "Lloyd J." with no surname after it
        parts.pop()
    return parts, k


_OPEN_QUOTES, _CLOSE_QUOTES = set("«\"“„'‘"), set("»\"”“'’")


def _nickname(tokens: list[Token], k: int, language: str, vocab: frozenset[str]) -> bool:
    """Whether tokens ``k``..``k + 2`` are a quoted call sign between a known first name and a
    surname: "Роберт «Мадяр» Бровді", "Robert "Madyar" Brovdi".

    Example:
        >>> from ddgraph.ingest.extract.tokens import tokenize
        >>> toks = tokenize("Робертом «Мадяром» Бровді", "uk")
        >>> _nickname(toks, 1, "uk", vocabulary("uk")), _nickname(tokenize("Nammo «Raufoss» Norway", "en"), 1, "en", vocabulary("en"))
        (True, False)
    """
    if k + 3 >= len(tokens) or k < 1:
        return False
    opening, nick, closing, after = tokens[k : k + 4]
    return (opening.text in _OPEN_QUOTES and closing.text in _CLOSE_QUOTES and nick.text[:1].isupper()
            and nick.text.isalpha() and tokens[k - 1].norm in first_names()
            and _is_name_word(after, language, vocab)
            and after.start - closing.end <= 1 and nick.start - opening.end <= 1 and closing.start - nick.end <= 1)


_OBLIQUE = {"gent", "datv", "ablt", "loct"}


def _case_break(prev: Token, tok: Token, language: str) -> bool:
    """True between two capitalised Cyrillic words that are not one name: a surname in an
    oblique case, then a nominative ("с Умеровым Спрудс": two persons), or any oblique word
    then a known first name in the nominative ("с Писториусом Денис Шмыгаль"). A first name
    and its surname decline together ("Андрисом Спрудсом")."""
    if language not in CYRILLIC_LANGS:
        return False
    cases = lambda t: token_cases(t) & (_OBLIQUE | {"nomn"})
    oblique = cases(prev) <= _OBLIQUE and cases(prev) != set()
    if oblique and "Name" in tok.tag and cases(tok) == {"nomn"} and word_is_known(tok.text.lower(), language):
        return True  # "с Борисом Писториусом Денис Шмыгаль": a first name in the nominative starts another
    return "Name" not in prev.tag and "Surn" in prev.tag and oblique and cases(tok) == {"nomn"}


def _candidate(tokens, parts, language, person_spans, cue_ends) -> NameCandidate | None:
    """Turn the parts of a run into a candidate (at most three name words are kept)."""
    lead, title = _lead(tokens, parts[0][1])
    # a title at the head of the run is no name word: "Prince Khalid", "Crown Prince Mohammed"
    while len(parts) > 1 and parts[0][0] == "word" and title_kind(tokens[parts[0][1]].text):
        title = title_kind(tokens[parts[0][1]].text)
        parts = parts[1:]
    words = [p for p in parts if p[0] == "word"]
    if not words:
        return None
    if len(words) > 3:  # e.g. two names side by side: keep the last three words
        parts = [p for p in parts if p[1] >= words[-3][1]]
        lead, title = parts[0][1], ""
    if lead == parts[0][1] == 0 and len(words) >= 2 and parts[0][0] == "word":
        sig = _signal(tokens[0], language)
        if sig != "first" and not any(s <= tokens[0].start < e for s, e in person_spans) \
                and (language not in CYRILLIC_LANGS or not sig):
            # "Later Lecorneuil said": a capitalised first word of the sentence is no name
            rest = parts[1:]
            while rest and rest[0][0] == "particle":
                rest = rest[1:]
            return _candidate(tokens, rest, language, person_spans, cue_ends) if rest else None
    return _build(tokens, parts, lead, title, language, person_spans, cue_ends)


def _initial_texts(token: Token) -> tuple[str, ...]:
    """"C.Q." -> ("C.", "Q."); "R" -> ("R.",)."""
    return tuple(f"{c}." for c in token.text if c != ".")


def _build(tokens, parts, lead, title, language, person_spans, cue_ends) -> NameCandidate | None:
    """The candidate of the parts of a run (titles already left out)."""
    i, j = parts[0][1], parts[-1][2]
    first_word = next(k for k, p in enumerate(parts) if p[0] == "word")
    initials = tuple(x for p in parts[:first_word] for x in _initial_texts(tokens[p[1]]))
    middle = tuple(x for p in parts[first_word:] if p[0] == "initial" for x in _initial_texts(tokens[p[1]]))
    suffix = next((_SUFFIXES[tokens[p[1]].text.lower()] for p in parts if p[0] == "suffix"), "")
    words = [tokens[p[1]].text for p in parts if p[0] in {"word", "particle"}]
    words[-1] = strip_possessive(words[-1])
    uk_suffix = _UK_SUFFIX.match(words[-1]) if not suffix else None
    if uk_suffix:
        words[-1], suffix = uk_suffix.group(1), "-" + uk_suffix.group(2).lower() + "ий"
    pieces: list[str] = []
    inside = {k for p in parts for k in range(p[1], p[2])}
    for k, tok in enumerate(tokens[i:j], start=i):
        if k not in inside:
            continue  # a call sign between the names
        if tok.text == "." and pieces:
            pieces[-1] += "."
        else:
            pieces.append(tok.text)
    end = tokens[j - 1].end
    if parts[-1][0] == "word":
        pieces[-1] = strip_possessive(pieces[-1])
        end -= len(tokens[j - 1].text) - len(pieces[-1])
    start = tokens[i].start
    ner = any(s < end and start < e for s, e in person_spans)
    signals = [_signal(tokens[p[1]], language) for p in parts if p[0] == "word"]
    cue = i in cue_ends or lead in cue_ends
    full = len(signals) >= 2 and not initials
    if full:
        confirmed = ner or cue or bool(title) or signals[0] == "first" or "surname" in signals
    else:
        confirmed = ner or cue or bool(title) or signals[-1] == "surname"
    if full and not confirmed and i == 0:
        return None
    return NameCandidate(i, j, start, end, " ".join(pieces), full, confirmed, lead if lead != i else -1,
                         tuple(words), initials, middle, suffix, title)
