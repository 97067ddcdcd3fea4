"""Dates in text: full dates and clock times with their offsets, parsing, relative dates.

Only dates with day, month and year count (English, Ukrainian and Russian month
names, ISO and numeric day-first forms); a relative phrase ("yesterday", "у
середу") is resolved against the publication date.

Example:
    >>> dates_in("19:57 26.03.2025")
    [(6, 16, '2025-03-26')]
    >>> resolve_relative_date("on Wednesday", "2025-03-28", "en")
    '2025-03-26'
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left

#: Month names (EN, UK genitive and nominative, RU genitive) -> month number; shared with ingest.extract.when.
MONTHS = {
    **{m: i for i, m in enumerate(
        "january february march april may june july august september october november december".split(), 1)},
    **{m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)},
    "sept": 9,
    **{m: i for i, m in enumerate(  # Ukrainian, genitive ("26 березня") and nominative
        "січня лютого березня квітня травня червня липня серпня вересня жовтня листопада грудня".split(), 1)},
    **{m: i for i, m in enumerate(
        "січень лютий березень квітень травень червень липень серпень вересень жовтень листопад грудень".split(), 1)},
    **{m: i for i, m in enumerate(  # Russian genitive, met on Russian-language pages of Ukrainian outlets
        "января февраля марта апреля мая июня июля августа сентября октября ноября декабря".split(), 1)},
}
_MON = "|".join(sorted(MONTHS, key=len, reverse=True))
_Y = r"(?P<y>(?:19|20)\d\d)"
_DATE_RES = (
    re.compile(rf"(?<!\d){_Y}-(?P<m>\d\d)-(?P<d>\d\d)(?!\d)"),  # 2025-03-26, 2025-03-26T19:57:00
    re.compile(rf"(?<![\d/.]){_Y}([/.])(?P<m>\d{{1,2}})\2(?P<d>\d{{1,2}})(?![\d/.])"),  # 2023/11/21, 2023.11.21
    re.compile(rf"(?<![\d.])(?P<d>\d{{1,2}})([./])(?P<m>\d{{1,2}})\2{_Y}(?!\d)"),  # 26.03.2025
    re.compile(rf"(?<!\d)(?P<d>\d{{1,2}})\s+(?P<mon>{_MON})\.?,?\s+{_Y}(?!\d)", re.I),  # 26 March 2025
    re.compile(rf"\b(?P<mon>{_MON})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+{_Y}(?!\d)", re.I),  # March 26, 2025
)
_YEAR = re.compile(_Y)
#: The longest text handed to dateparser (a date phrase: "Wednesday, 26 March 2025, 19:57 EET").
_MAX_PARSED = 80
_TIME_RE = re.compile(r"(?<![\d:])(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?(?:\s*[ap]\.?m\.?)?(?![\d:])", re.I)


def dates_in(text: str) -> list[tuple[int, int, str]]:
    """Return the full dates written in ``text`` as ``(start, end, iso)``, in order.

    Only dates with day, month and year count; numeric dates are read day first.

    Example:
        >>> dates_in("19:57 26.03.2025, updated 27 березня 2025")
        [(6, 16, '2025-03-26'), (26, 41, '2025-03-27')]
    """
    found: list[tuple[int, int, str]] = []  # disjoint spans, sorted once per regex
    if not _YEAR.search(text):
        return found  # every form holds a year: most lines and sentences have none
    for regex in _DATE_RES:
        starts = [s for s, _, _ in found]
        new: list[tuple[int, int, str]] = []
        for m in regex.finditer(text):
            k = bisect_left(starts, m.end()) - 1  # the last earlier date starting before this one ends
            if k >= 0 and found[k][1] > m.start():
                continue  # (an earlier one that overlaps it would overlap this one too: they are disjoint)
            month = MONTHS[m["mon"].lower()] if "mon" in regex.groupindex else int(m["m"])
            day, year = int(m["d"]), int(m["y"])
            if "mon" not in regex.groupindex and "/" in m[0] and month > 12 >= day:
                day, month = month, day  # 03/26/2025 can only be month first
            try:
                new.append((m.start(), m.end(), dt.date(year, month, day).isoformat()))
            except ValueError:
                continue
        found = sorted(found + new)
    return found


def times_in(text: str) -> list[tuple[int, int]]:
    """Return the spans of clock times ("19:57", "9:05 pm") in ``text``.

    Example:
        >>> times_in("19:57 26.03.2025")
        [(0, 5)]
    """
    return [(m.start(), m.end()) for m in _TIME_RE.finditer(text)]


def dates_in_spans(text: str) -> list[tuple[int, int]]:
    """Return the spans of dates and clock times in ``text`` (for stamp-line checks).

    Example:
        >>> dates_in_spans("19:57 26.03.2025")
        [(0, 5), (6, 16)]
    """
    return sorted([(s, e) for s, e, _ in dates_in(text)] + times_in(text))


def without_stamps(text: str) -> str:
    """``text`` with every date and clock time replaced by a space.

    Example:
        >>> without_stamps("Updated 19:57 26.03.2025")
        'Updated    '
    """
    return blank_spans(text, dates_in_spans(text))


def blank_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with each of the sorted ``spans`` replaced by one space (in one pass; overlaps merge).

    Example:
        >>> blank_spans("a 12:00 b 13:00 c", [(2, 7), (10, 15)])
        'a   b   c'
    """
    parts, pos = [], 0
    for start, end in spans:
        if end <= pos:
            continue
        parts += [text[pos:max(start, pos)], " "]
        pos = end
    return "".join(parts) + text[pos:]


def parse_date(text: str, language: str | None = None) -> str | None:
    """Return the ISO date that ``text`` states, or None (regexes first, then dateparser).

    Example:
        >>> parse_date("2025-03-26T19:57:00+02:00")
        '2025-03-26'
        >>> parse_date("26 березня 2025", "uk")
        '2025-03-26'
    """
    dates = dates_in(text)
    if dates:
        return dates[0][2]
    if len(text) > _MAX_PARSED or not re.search(r"\d", text) or len(text.split()) > 8:
        return None  # no date phrase is that long; dateparser's time grows faster than the text
    import dateparser  # slow to import: only when the regexes fail

    settings = {"DATE_ORDER": "DMY", "REQUIRE_PARTS": ["day", "month", "year"],
                "PARSERS": ["custom-formats", "absolute-time"]}  # no "yesterday" = run date
    try:
        parsed = dateparser.parse(text, languages=_languages(language), settings=settings)
    except (ValueError, OverflowError):  # dateparser raises on odd numbers
        return None
    return parsed.date().isoformat() if parsed and 1990 <= parsed.year <= 2100 else None


def _languages(language: str | None) -> list[str]:
    return [language] if language in ("en", "uk", "ru") else ["en", "uk", "ru"]


_TODAY = {"today", "tonight", "сьогодні", "нині", "сегодня"}
_YESTERDAY = {"yesterday", "вчора", "учора", "вчера"}
_BEFORE_YESTERDAY = {"позавчора", "позавчера"}
_TOMORROW = {"tomorrow", "завтра"}
_WEEKDAYS = {
    **{d: i for i, d in enumerate("monday tuesday wednesday thursday friday saturday sunday".split())},
    **{d: i for i, d in enumerate("понеділок вівторок середу четвер п'ятницю суботу неділю".split())},
    **{d: i for i, d in enumerate("понеділка вівторка середи четверга п'ятниці суботи неділі".split())},
    "середа": 2, "п'ятниця": 4, "субота": 5, "неділя": 6,
    **{d: i for i, d in enumerate("понедельник вторник среду четверг пятницу субботу воскресенье".split())},
    "среда": 2, "пятница": 4, "суббота": 5,
}


def resolve_relative_date(phrase: str, published: str | None, language: str | None = None) -> str | None:
    """Turn "today", "yesterday", "on Wednesday", "вчора", "у середу" into an ISO date.

    A weekday means the most recent such day on or before the publication date.
    Returns None when the phrase is not a relative date or ``published`` is unknown.
    ``language`` is accepted for symmetry; English, Ukrainian and Russian words are always known.

    Example:
        >>> resolve_relative_date("у середу", "2025-03-26", "uk")
        '2025-03-26'
        >>> resolve_relative_date("yesterday", "2025-03-26", "en")
        '2025-03-25'
    """
    if not published:
        return None
    try:
        base = dt.date.fromisoformat(published[:10])
    except ValueError:
        return None
    words = re.findall(r"[^\W\d_]+(?:['’ʼ][^\W\d_]+)?", phrase.casefold().replace("’", "'").replace("ʼ", "'"))
    if "day before yesterday" in " ".join(words):
        words = ["позавчора"]
    for word in words:
        if word in _TODAY:
            return base.isoformat()
        if word in _YESTERDAY:
            return (base - dt.timedelta(days=1)).isoformat()
        if word in _BEFORE_YESTERDAY:
            return (base - dt.timedelta(days=2)).isoformat()
        if word in _TOMORROW:
            return (base + dt.timedelta(days=1)).isoformat()
        if word in _WEEKDAYS:
            return (base - dt.timedelta(days=(base.weekday() - _WEEKDAYS[word]) % 7)).isoformat()
    return None
