"""Rule-based sentence splitting with exact character offsets, for English and Ukrainian.

A blank line always ends a sentence. Inside a paragraph a sentence ends at ``.``,
``!``, ``?`` or an ellipsis (with any closing quotes or brackets after it) followed by
a space and a word that can start a sentence, unless the word before the period is an
abbreviation ("Gen.", "Lt.", "U.S.", "м.", "ген.") or an initial ("V. Zelensky").
A "sentence" longer than :data:`MAX_SENTENCE` characters (a list without a period, a
page of text on one line) is cut after a comma or semicolon, else at a space, so
that what the extractors do per sentence stays bounded.

Example:
    >>> text = 'Lt. Gen. Shevtsov spoke. "We need air defense." – Umerov said.'
    >>> [text[s.start:s.end] for s in split_sentences(text, "en")]
    ['Lt. Gen. Shevtsov spoke.', '"We need air defense." – Umerov said.']
"""

from __future__ import annotations

import re

from ddgraph.ingest.document import Sentence

_COMMON = {"vs", "e.g", "i.e", "cf", "approx", "incl", "ca", "u.s", "u.k", "u.n", "e.u", "u.s.a"}
#: Abbreviations after which a period never ends a sentence (lowercase, no final period).
NEVER = {
    "en": _COMMON | set(
        "mr mrs ms dr prof gen lt maj col capt cpt sgt cpl pvt adm brig cmdr cdr gov sen rep rev st mt ft"
        " no nos vol fig jan feb mar apr jun jul aug sep sept oct nov dec dept univ ave blvd gen.-lt amb hon"
        " secdef lt.gen maj.gen".split()),
    "uk": _COMMON | set(
        "м ген полк підполк майор лейт кап ген.-лейт ген.-майор п пп вул просп пл обл р-н ім див проф акад"
        " д-р с смт т тов ст ч гр напр зокр англ укр рос нім фр св о с.-г".split()),
    "ru": _COMMON | set(
        "ген полк подполк майор лейт кап ген.-лейт ген.-майор п пп ул просп пл обл р-н им см проф акад"
        " д-р с пгт т тов ст ч гр напр в т.ч англ укр рус нем фр св о".split()),
}
#: Abbreviations that end a sentence only when a capitalised word follows ("etc.", "млн.").
AMBIGUOUS = {
    "en": {"etc", "inc", "ltd", "co", "corp", "jr", "sr", "a.m", "p.m", "bn", "mln", "km"},
    "uk": {"тис", "млн", "млрд", "грн", "р", "рр", "т.д", "т.п", "ін", "інш", "км", "коп", "дол", "тощо"},
    "ru": {"тыс", "млн", "млрд", "руб", "грн", "г", "гг", "т.д", "т.п", "др", "км", "долл", "коп"},
}
#: Characters of the longest sentence: past this, a sentence is cut (news sentences stay under 500).
MAX_SENTENCE = 1000
_PARAGRAPH_RE = re.compile(r"\n[ \t\xa0\r]*\n\s*")
_END_RE = re.compile(r"(?:(?<![.!?])[.!?]++|…)[\"'”’»)\]]*(?=\s)")  # a run of marks is read once
_TOKEN_RE = re.compile(r"[^\s\"'“”«»(\[]+$")
_INITIAL_RE = re.compile(r"^(?:[A-ZА-ЯІЇЄҐ]\.)*[A-ZА-ЯІЇЄҐ]$")
_DASHES = "–—-"


def split_sentences(text: str, language: str) -> tuple[Sentence, ...]:
    """Split ``text`` into sentences; ``text[s.start:s.end]`` is the sentence, stripped.

    ``language`` picks the abbreviation lists ("en", "uk", "ru"); any other code uses all.

    Example:
        >>> [(s.start, s.end) for s in split_sentences("Умєров прибув до м. Париж. Зустріч тривала.", "uk")]
        [(0, 26), (27, 43)]
    """
    never, ambiguous = _lists(language)
    sentences: list[Sentence] = []
    pos = 0
    for m in _PARAGRAPH_RE.finditer(text):
        _split_paragraph(text, pos, m.start(), never, ambiguous, sentences)
        pos = m.end()
    _split_paragraph(text, pos, len(text), never, ambiguous, sentences)
    return tuple(sentences)


def _lists(language: str) -> tuple[set[str], set[str]]:
    if language in NEVER:
        return NEVER[language], AMBIGUOUS[language]
    return set().union(*NEVER.values()), set().union(*AMBIGUOUS.values())


def _split_paragraph(text: str, start: int, end: int, never: set[str], ambiguous: set[str],
                     out: list[Sentence]) -> None:
    seg = start
    for m in _END_RE.finditer(text, start, end):
        if _is_boundary(text, m, end, never, ambiguous):
            _add(text, seg, m.end(), out)
            seg = m.end()
    _add(text, seg, end, out)


def _add(text: str, start: int, end: int, out: list[Sentence]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE:
        cut = _cut(text, start, start + MAX_SENTENCE)
        _add(text, start, cut, out)
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        out.append(Sentence(start, end))


def _cut(text: str, start: int, limit: int) -> int:
    """Where to cut an over-long sentence before ``limit``: after the last ", " or "; " of
    its second half, else at its last space, else at ``limit``."""
    half = start + (limit - start) // 2
    cut = max(text.rfind(", ", half, limit), text.rfind("; ", half, limit))
    if cut >= 0:
        return cut + 1
    cut = max(text.rfind(" ", half, limit), text.rfind("\n", half, limit))
    return cut if cut > start else limit


def _is_boundary(text: str, m: re.Match[str], end: int, never: set[str], ambiguous: set[str]) -> bool:
    """Does the punctuation matched by ``m`` end a sentence?"""
    nxt = m.end()
    while nxt < end and text[nxt].isspace():
        nxt += 1
    if nxt >= end:
        return False  # the paragraph's end closes the last sentence anyway
    follower = text[nxt]
    if follower in _DASHES and m.group()[-1] in "\"'”’»":
        return False  # '"We need air defense." – Umerov said.' : the attribution goes on
    first_letter = next((c for c in text[nxt : nxt + 4] if c.isalnum()), "")
    if follower.islower() or (not follower.isalnum() and first_letter.islower()):
        return False
    if m.group()[0] != "." or m.group().startswith(".."):
        return True
    token = _TOKEN_RE.search(text, max(0, m.start() - 40), m.start())
    word = token.group() if token else ""
    if _INITIAL_RE.match(word):
        return False  # "V. Zelensky", "J.R. Smith"
    low = word.lower().lstrip(_DASHES)
    if low in never:
        return False
    if low in ambiguous:
        return follower.isupper() or (follower in "\"«“" and first_letter.isupper())
    return True
