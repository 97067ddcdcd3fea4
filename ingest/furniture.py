"""Page furniture markers and the classification of one line of a page by its form.

``data/furniture.yaml`` lists, for every language, the section markers ("Latest
news"), link markers ("Read also"), lone markers, caption, call-to-action and
byline prefixes, counter units and stamp words; :func:`load_markers` reads them
all together (pages mix languages). :func:`classify_line` tells what a line
looks like: a headline-like line without final punctuation, a time stamp, a
view counter, a dateline, a caption, a section marker, body text...

Example:
    >>> m = load_markers()
    >>> classify_line("19:57 26.03.2025", m), classify_line("Kyiv • UNN", m)
    ('stamp', 'dateline')
    >>> classify_line("Umerov met Lecornu in Paris to discuss air defense and drones.", m)
    'body'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path


from ddgraph.ingest.dates import blank_spans, dates_in_spans
from ddgraph.graph.yaml_data import load_yaml

_FURNITURE_FILE = Path(__file__).resolve().parents[1] / "data" / "furniture.yaml"
STRIP = " \t\r\n\xa0\u200b\u2009\u202f\ufeff"
_EDGE = STRIP + "•·|*-–—:►▶»#"
WORD_RE = re.compile(r"[^\W_][\w'’-]*")
TERMINAL_RE = re.compile(r"[.!?;:,][\"'”’»)\]]*$")  # ends as a sentence (or leads on)
SENTENCE_END_RE = re.compile(r"[.!?][\"'”’»)\]]*(?=\s|$)")
_QUESTION_RE = re.compile(r"\?[\"'”’»)\]]*$")
_ELLIPSIS_RE = re.compile(r"(\.\.\.|…)[\"'”’»)\]]*$")
_DATELINE_RE = re.compile(r"^[^\W\d][\w .'’-]{1,40}?\s*[•·|]\s*[^\W\d][\w .&'’-]{0,40}$")


@dataclass(frozen=True)
class Markers:
    """The markers of ``data/furniture.yaml``, every language together, folded for comparison."""

    zone: frozenset[str]
    zone_prefixes: tuple[str, ...]
    link: tuple[str, ...]
    lone: frozenset[str]
    background: frozenset[str]
    captions: tuple[str, ...]
    cta: tuple[str, ...]
    bylines: tuple[str, ...]
    counter_re: re.Pattern[str]  # the unit after a number: "views", "k views", "тис. переглядів"
    stamp_words_re: re.Pattern[str]


@lru_cache(maxsize=1)
def load_markers() -> Markers:
    """Load data/furniture.yaml, every language together (pages mix languages).

    Example:
        >>> "latest news" in load_markers().zone
        True
    """
    data = load_yaml(_FURNITURE_FILE.read_text(encoding="utf-8"))

    def words(key: str) -> list[str]:
        return [fold(w) for lang in data[key].values() for w in lang]

    units = "|".join(re.escape(u) for u in sorted(words("counter_units"), key=len, reverse=True))
    stamp = "|".join(re.escape(u) for u in sorted(words("stamp_words"), key=len, reverse=True))
    return Markers(
        zone=frozenset(line_key(w) for w in words("zone_markers")),
        zone_prefixes=tuple(words("zone_prefixes")),
        link=tuple(sorted((line_key(w) for w in words("link_markers")), key=len, reverse=True)),
        lone=frozenset(line_key(w) for w in words("lone_markers")),
        background=frozenset(line_key(w) for w in words("background_markers")),
        captions=tuple(words("caption_prefixes")),
        cta=tuple(words("cta_prefixes")),
        bylines=tuple(words("byline_prefixes")),
        counter_re=re.compile(rf"(?:k|тис\.?)?\s*(?:{units})\b\.?", re.I),
        stamp_words_re=re.compile(rf"(?<!\w)(?:{stamp})(?!\w)", re.I),
    )


def fold(text: str) -> str:
    """Casefold with one apostrophe.

    Example:
        >>> fold("Міністр Обʼєднаних")
        "міністр об'єднаних"
    """
    return text.casefold().replace("’", "'").replace("ʼ", "'")


def line_key(text: str) -> str:
    """Compare form of a line: casefolded, spaces collapsed, bullets and ':' trimmed.

    Example:
        >>> line_key("• Read  ALSO:")
        'read also'
    """
    return " ".join(fold(text).split()).strip(_EDGE)


def word_count(text: str) -> int:
    """The number of words of ``text``.

    Example:
        >>> word_count("Umerov's visit — 2 days")
        4
    """
    return len(WORD_RE.findall(text))


def classify_line(text: str, m: Markers) -> str:
    """Classify one line by its form: "zone", "link", "caption", "stamp", "headline", "body"...

    Example:
        >>> classify_line("Read also: Umerov meets Lecornu", load_markers())
        'link'
        >>> classify_line("Associated Press writer Emma Burrows in London contributed.", load_markers())
        'byline'
        >>> classify_line("(DoD photo by Navy Petty Officer 2nd Class Alex Moran)", load_markers())
        'caption'
    """
    key, folded, n = line_key(text), fold(text), word_count(text)
    terminal = bool(TERMINAL_RE.search(text))
    if not key or not WORD_RE.search(key):
        return "separator"
    if key in m.zone or folded.startswith(m.zone_prefixes):
        return "zone"
    if key in m.link:
        return "link-marker"
    if n <= 30 and any(key.startswith(w) and re.match(r"\s*[:\-–—»\"“]", key[len(w):]) for w in m.link):
        return "link"
    if key in m.lone:
        return "lone"
    if key in m.background:
        return "background"  # kept: it tells the extractor that an earlier event follows
    if folded.startswith(m.captions) and (n <= 25 or not terminal) \
            or n <= 25 and _PHOTO_CREDIT_RE.match(text) and (text.lstrip()[:1] in "([" or not terminal):
        return "caption"
    if n <= 25 and _ATTRIBUTION_RE.match(text):
        return "byline"  # "Attributed to Pentagon Press Secretary Air Force Maj. Gen. Pat Ryder:"
    if folded.startswith(m.cta) and n <= 30:
        return "cta"
    if folded.startswith(m.bylines) and n <= 6 and not terminal:
        return "byline"
    if n <= 25 and _CREDIT_RE.search(text):
        return "byline"  # "Associated Press writer Emma Burrows in London contributed."
    if is_stamp(text, m):
        return "stamp"
    if _DATELINE_RE.match(text) and n <= 8:
        return "dateline"
    if all(w.startswith("#") for w in text.split()):
        return "tags"
    if _ELLIPSIS_RE.search(text) and n <= 40:
        return "teaser"
    if not terminal and n <= 30:
        return "headline"
    if _QUESTION_RE.search(text) and n <= 25 and len(SENTENCE_END_RE.findall(text)) == 1:
        return "question"  # a headline in the header, a paragraph in the body
    return "body" if n >= 8 or not terminal else "short"


#: A photo credit anywhere in its first words: "(DoD photo by Navy Petty Officer 2nd Class Alex Moran)",
#: "(AP Photo/Efrem Lukatsky)", "Reuters photo: ...".
_PHOTO_CREDIT_RE = re.compile(r"^[\s(\[]*(?:[\w.'’-]+\s+){0,3}(?:photo|photograph|image|фото)s?\s*(?:by\b|courtesy\b|/|:)",
                              re.I)
#: The line that says whose words a readout is: "Attributed to Pentagon Press Secretary X:", "The following is
#: attributable to Spokesperson Y:".
_ATTRIBUTION_RE = re.compile(r"^(?:the following is |statement )?attribut(?:ed|able) to\b.*:\s*$", re.I)

#: The credit line that ends a wire story: "Associated Press writers A and B contributed to this report."
_CREDIT_RE = re.compile(r"\b(?:writers?|reporters?|correspondents?|journalists?|staff)\b.*\bcontributed"
                        r"(?: to this (?:report|story|article))?\.?\s*$", re.I)


def is_stamp(text: str, m: Markers) -> bool:
    """A line of dates, times, counters and stamp words only ("19:57 26.03.2025", "1 min read").

    Example:
        >>> is_stamp("Views: 1 234", load_markers()), is_stamp("Umerov, 26.03.2025", load_markers())
        (True, False)
    """
    spans = dates_in_spans(text)
    rest = blank_spans(text, spans)
    rest, counters = _counters_out(rest, m.counter_re)
    rest, words = m.stamp_words_re.subn(" ", rest)
    rest, numbers = _NUMBER_RE.subn(" ", rest)  # "Views: 1 234"
    return bool(spans or counters or (words and numbers)) and not WORD_RE.search(rest)


_NUMBER_RE = re.compile(r"\d[\d\s.,]*")


def _counters_out(text: str, unit_re: re.Pattern[str]) -> tuple[str, int]:
    """``text`` with every counter ("1 234 views", "5k переглядів") replaced by a space, and their number.

    Each run of digits, spaces, dots and commas is read once and the unit looked for
    right after it: one regex for number and unit would try again from every digit of
    a long run ("1.1.1.1..."), which costs the square of its length.

    Example:
        >>> _counters_out("Views: 1 234 views, 5k comments", load_markers().counter_re)
        ('Views:  ,  ', 2)
    """
    out, pos, count = [], 0, 0
    for run in _NUMBER_RE.finditer(text):
        unit = unit_re.match(text, run.end())
        if unit:
            out += [text[pos : run.start()], " "]
            pos, count = unit.end(), count + 1
    return "".join(out) + text[pos:], count


def byline_names(line: str, m: Markers) -> list[str]:
    """The persons a byline names ("By Megan Rossi and John Doe" -> both), folded.

    Example:
        >>> byline_names("By Megan Rossi and John Doe", load_markers())
        ['megan rossi', 'john doe']
        >>> byline_names("Reporting by Tom Balmforth; Editing by Ros Russell", load_markers())
        ['tom balmforth', 'ros russell']
    """
    out = []
    for part in re.split(r"[;|]", fold(line)):
        part = part.strip()
        prefix = next((p for p in sorted(m.bylines, key=len, reverse=True) if part.startswith(p.strip())), None)
        if prefix is None:
            continue
        for name in re.split(r",|\band\b|\bі\b|\bта\b|\bи\b", part[len(prefix.strip()):]):
            name = name.strip(" .:-–—")
            if 1 < len(name.split()) <= 4:
                out.append(name)
    return out
