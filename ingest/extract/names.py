"""Find person names in a sentence's tokens (English and Ukrainian).

A name is a run of capitalised words that are not lexicon vocabulary (titles,
ranks, countries, organisations), confirmed by at least one signal: a known first
name, a pymorphy3 ``Name``/``Surn`` tag, spaCy's PERSON label, or an office, rank
or "counterpart" right before it. Single words are kept as surname candidates;
they become persons only when they point to a full name of the same article or
follow an office.

Example:
    >>> from ingest.extract.tokens import tokenize
    >>> toks = tokenize("French Defense Minister Sébastien Lecornu said", "en")
    >>> [(c.text, c.full) for c in find_name_candidates(toks, "en", set())]
    [('Sébastien Lecornu', True)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import yaml

from graph.ontology import DATA_DIR
from ingest.extract.tokens import Token, term_key
from ingest.lexicon import load_lexicon

_PARTICLES = {"de", "da", "di", "van", "von", "der", "den", "la", "le", "du", "al", "bin", "ibn"}
_CAP_WORD = re.compile(r"^[A-ZÀ-ÖØ-ÞĀ-ſА-ЯҐЄІЇ][\w’'-]*$")
_NOT_NAMES_EN = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "the", "a", "an", "he", "she", "they", "we", "it", "this", "that",
    "according", "during", "after", "before", "also", "in", "on", "at", "as", "and", "but", "our",
    "his", "her", "their", "details", "recall", "photo", "facebook", "telegram", "twitter", "x",
    "russian", "russia", "european", "euro-atlantic", "other", "together", "together with",
}


@dataclass(frozen=True)
class NameCandidate:
    """A possible person name.

    Attributes:
        i, j: token range [i, j).
        start, end: character offsets.
        text: surface form.
        full: True for first name + surname (two or more words).
        confirmed: True when a signal other than capitalisation supports it.
    """

    i: int
    j: int
    start: int
    end: int
    text: str
    full: bool
    confirmed: bool


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
            walk(yaml.safe_load(fh))
    return frozenset(n for n in names if n and " " not in n)


@lru_cache(maxsize=2)
def vocabulary(language: str) -> frozenset[str]:
    """Normalised words of titles, ranks, countries, places, organisations and systems.

    Capitalised words from this set are not names ("Minister", "General", "French").
    """
    lex = load_lexicon()
    words: set[str] = set()
    for table in (lex.offices, lex.ranks, lex.countries, lex.places, lex.organizations, lex.systems):
        for term in table.values():
            phrases = [term.en, *term.en_aliases] if language != "uk" else [term.uk, *term.uk_aliases]
            if language == "uk":
                phrases += [term.en, *term.en_aliases]
            for phrase in phrases:
                words.update(term_key(phrase, language) if phrase else ())
    return frozenset(w for w in words if len(w) > 1)


def _is_name_word(tok: Token, language: str, vocab: frozenset[str]) -> bool:
    if not _CAP_WORD.match(tok.text) or tok.text.isupper() and len(tok.text) > 1:
        return False
    low = tok.text.lower()
    if low in _NOT_NAMES_EN:
        return False
    if low in first_names() and not (language == "uk" and "Geox" in tok.tag):
        return True  # "Ivan" is a first name even if some lexicon entry uses the word
    if tok.norm in vocab:
        return False
    if language == "uk" and ("Geox" in tok.tag or "Orgn" in tok.tag or "Abbr" in tok.tag):
        return False
    return True


def has_name_word(tokens: list[Token], language: str) -> bool:
    """True when one of ``tokens`` may be (part of) a name: a sentence without one
    yields no name candidate.

    Example:
        >>> from ingest.extract.tokens import tokenize
        >>> has_name_word(tokenize("Umerov spoke.", "en"), "en"), has_name_word(tokenize("Air defense.", "en"), "en")
        (True, False)
    """
    vocab = vocabulary("uk" if language == "uk" else "en")
    return any(_is_name_word(t, language, vocab) for t in tokens)


def _signal(tok: Token, language: str) -> str:
    """'first', 'surname' or '' for one token."""
    low = tok.text.lower()
    if low in first_names() or tok.norm in first_names():
        return "first"
    if language == "uk":
        if "Name" in tok.tag:
            return "first"
        if "Surn" in tok.tag:
            return "surname"
    return ""


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
    """
    blocked = blocked or set()
    vocab = vocabulary("uk" if language == "uk" else "en")
    cue_ends = cue_ends or set()
    out: list[NameCandidate] = []
    i = 0
    n = len(tokens)
    while i < n:
        if i in blocked or not _is_name_word(tokens[i], language, vocab):
            i += 1
            continue
        j = i + 1
        while j < n:
            tok = tokens[j]
            if j not in blocked and _is_name_word(tok, language, vocab) and tok.start - tokens[j - 1].end <= 1:
                j += 1
            elif tok.text.lower() in _PARTICLES and j + 1 < n and _is_name_word(tokens[j + 1], language, vocab):
                j += 2
            else:
                break
        out.extend(_split_run(tokens, i, j, language, person_spans, cue_ends))
        i = j
    return out


def _split_run(tokens, i, j, language, person_spans, cue_ends) -> list[NameCandidate]:
    """Turn a run of name words into candidates (runs longer than 3 are split)."""
    words = tokens[i:j]
    if len(words) > 3:  # e.g. two names side by side: keep the last three words
        i = j - 3
        words = tokens[i:j]
    start, end = words[0].start, words[-1].end
    ner = any(s < end and start < e for s, e in person_spans)
    signals = [_signal(t, language) for t in words]
    first_in_ner = any(s <= words[0].start < e for s, e in person_spans)
    if i == 0 and len(words) >= 2 and signals[0] != "first" and not first_in_ner \
            and (language != "uk" or not signals[0]):
        # "Later Lecorneuil said": a capitalised first word of the sentence is no name
        return _split_run(tokens, i + 1, j, language, person_spans, cue_ends)
    cue = i in cue_ends
    sentence_initial = i == 0
    full = len(words) >= 2
    if full:
        confirmed = ner or cue or signals[0] == "first" or "surname" in signals
        if not confirmed and sentence_initial:
            return []
    else:
        confirmed = ner or cue or signals[0] == "surname"
    text = " ".join(t.text for t in words)
    return [NameCandidate(i, j, start, end, text, full, confirmed)]
