"""The date a sentence gives an event: a full date, a day and month, or a relative day.

Relative words ("today", "yesterday", "on Wednesday", "вчора", "у середу") and
dates without a year are resolved against the publication date; nothing is
guessed when the article states no publication date.

Example:
    >>> resolve_day_month("5 March", "2025-03-26")
    '2025-03-05'
"""

from __future__ import annotations

import re
from datetime import date

from ddgraph.ingest.dates import MONTHS
from ddgraph.ingest.extract.context import Context, SentenceView
from ddgraph.ingest.meta import dates_in, resolve_relative_date

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_DAY_MONTH = re.compile(rf"\b(?:(\d{{1,2}})\s+({_MONTH})\b\.?|({_MONTH})\.?\s+(\d{{1,2}})\b)(?!\s*,?\s*\d{{4}})", re.I)
_RELATIVE = re.compile(
    r"\b(today|yesterday|the day before yesterday|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"|(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?!['’]s)"  # wire style: "agreed Saturday"
    r"|сьогодні|вчора|учора|позавчора|(?:у|в) (?:понеділок|вівторок|середу|четвер|п'ятницю|п’ятницю|суботу|неділю)"
    r"|сегодня|вчера|позавчера|(?:в|во) (?:понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье))\b",
    re.I,
)


def resolve_day_month(text: str, published: str) -> str | None:
    """ISO date of a "5 March" / "March 5" / "5 березня" phrase, in the year of publication
    (or the year before, when that date would be more than two months after the publication).

    Example:
        >>> resolve_day_month("Oct. 15", "2025-10-08"), resolve_day_month("20 December", "2025-01-10")
        ('2025-10-15', '2024-12-20')
    """
    m = _DAY_MONTH.search(text)
    if not m:
        return None
    day = int(m.group(1) or m.group(4))
    month = MONTHS[(m.group(2) or m.group(3)).lower()]
    pub = date.fromisoformat(published)
    try:
        found = date(pub.year, month, day)
        if (found - pub).days > 60:  # "on 20 December" in a January article is last year's;
            found = date(pub.year - 1, month, day)  # "on Oct. 15" a week ahead is still this year's
    except ValueError:
        return None
    return found.isoformat()


_WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
             "понеділок": 0, "вівторок": 1, "середу": 2, "четвер": 3, "п'ятницю": 4, "п’ятницю": 4, "суботу": 5,
             "неділю": 6, "понедельник": 0, "вторник": 1, "среду": 2, "четверг": 3, "пятницу": 4,
             "субботу": 5, "воскресенье": 6}


def next_weekday(phrase: str, published: str) -> str | None:
    """The day a planned event "on Friday" falls on: the first such weekday after publication.

    Example:
        >>> next_weekday("on Friday", "2024-01-25"), next_weekday("у четвер", "2024-01-25")
        ('2024-01-26', '2024-02-01')
    """
    day = _WEEKDAYS.get(phrase.split()[-1].lower())
    if day is None:
        return None
    pub = date.fromisoformat(published)
    return date.fromordinal(pub.toordinal() + ((day - pub.weekday()) % 7 or 7)).isoformat()


def find_date(ctx: Context, sent: SentenceView, planned: bool = False) -> str | None:
    """The date of an event stated in ``sent``, or None; a weekday of a ``planned`` event
    is the next one ("said he would meet X on Friday"), its last in the sentence."""
    text = ctx.doc.text[sent.start : sent.end]
    full = dates_in(text)
    if full:
        return full[0][2]
    published = ctx.doc.published
    if not published:
        return None
    if planned:
        ahead = [m for m in _RELATIVE.finditer(text) if m.group(0).split()[-1].lower() in _WEEKDAYS]
        if ahead:
            return next_weekday(ahead[-1].group(0), published)
    rel = _RELATIVE.search(text)
    if rel:
        return resolve_relative_date(rel.group(0), published, ctx.language)
    if _day_before(sent):
        return resolve_relative_date("yesterday", published, ctx.language)
    return resolve_day_month(text, published)


_EVE = {"накануне", "напередодні"}


def eve_adverb(sent: SentenceView, k: int) -> bool:
    """True when token ``k`` is "накануне" / "напередодні" as an adverb ("накануне провел
    переговоры": the day before), not as a preposition ("накануне саммита": on the eve of it).

    Example:
        >>> from ddgraph.ingest.extract.context import SentenceView
        >>> from ddgraph.ingest.extract.tokens import tokenize
        >>> toks = tokenize("Белоусов накануне провел переговоры", "ru")
        >>> eve_adverb(SentenceView(0, 0, 35, toks, []), 1)
        True
    """
    toks = sent.tokens
    if toks[k].text.lower() not in _EVE or k + 1 >= len(toks):
        return False
    nxt = toks[k + 1].tag.split(",")[0].split(" ")[0]
    return nxt in {"VERB", "PREP", "ADVB", "CONJ", "PRCL"} or not toks[k + 1].is_word


def _day_before(sent: SentenceView) -> bool:
    """True when the sentence's main clause says "накануне" / "напередодні" as an adverb: the
    event was the day before publication."""
    for k, tok in enumerate(sent.tokens):
        if tok.text in {",", "–", "—", "("}:
            return False  # "..., який напередодні заявив": a clause about something else
        if tok.text.lower() in _EVE:
            return eve_adverb(sent, k)
    return False
