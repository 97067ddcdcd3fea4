"""Furniture removal: reduce a page's text to the article body, by general features.

The page is cut into lines ("units"); each is classified by its form (a headline-like
line without final punctuation, a time stamp, a view counter, a dateline, a caption, a
section marker from ``data/furniture.yaml``...: see :mod:`ingest.furniture`). Everything before the first body
paragraph is page header (the title is taken from it); after it, headline-like lines are
links to other stories, a run of them or a section marker opens a trailing zone, and
a paragraph repeated later (the teaser) is dropped in favour of its second copy.
HTML pages are first reduced to their main text by :func:`ingest.html_page.extract_html`
(re-exported here).

Example:
    >>> raw = "Other story one\\nOther story two\\n\\nUmerov meets Lecornu\\n\\nKyiv • UNN\\n\\n" \\
    ...       "Umerov met Lecornu in Paris to discuss air defense.\\n\\nLatest news\\n\\nA headline"
    >>> text, removed, title = clean_text(raw)
    >>> text, title
    ('Umerov met Lecornu in Paris to discuss air defense.', 'Umerov meets Lecornu')
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ddgraph.ingest.dates import dates_in_spans
from ddgraph.ingest.document import Removed
from ddgraph.ingest.furniture import (
    SENTENCE_END_RE,
    STRIP,
    TERMINAL_RE,
    WORD_RE,
    classify_line,
    fold,
    line_key,
    load_markers,
    word_count,
)
from ddgraph.ingest.html_page import extract_html

__all__ = ["clean_text", "extract_html"]

_BULLET_RE = re.compile(r"^([-–—•*▪●]|\d{1,2}[.)])\s")
_HEADER_PREFIX_RE = re.compile(r"[ \t\xa0]*(date[ \t]+\d{4}-\d\d-\d\d[ \t]*)?(\(MENAFN-[^)\n]*\)[ \t]*)?", re.I)
_WIRE_PREFIX_RES = (  # "KYIV, Sept 2 (Reuters) - ", "КИЇВ. 26 березня. ІНТЕРФАКС-УКРАЇНА - "
    re.compile(r"[A-ZА-ЯІЇЄҐ][A-ZА-ЯІЇЄҐ'’ .-]{1,30}(?:,[^()\n]{1,30})?\s*\([A-Z][\w.&' -]{1,30}\)\s*(?:--|[-–—])\s+"),
    re.compile(r"[A-ZА-ЯІЇЄҐ][A-ZА-ЯІЇЄҐ'’ .-]{1,30},\s*[^\W\d]{3,9}\.?\s+\d{1,2}\s*(?:--|[-–—])\s+"),  # "KIEV, Jan. 21 -- "
    re.compile(r"[А-ЯІЇЄҐЁЫЭЪ][А-ЯІЇЄҐЁЫЭЪа-яіїєґёыэъ'’ -]{1,30}\.\s+\d{1,2}\s+[а-яіїєґёыэъ']+\.\s+"
               r"[А-ЯІЇЄҐЁЫЭЪA-Z'’ .-]{2,40}?\s+[-–—]\s+"),  # "Москва. 10 декабря. INTERFAX.RU - "
    re.compile(r"[А-ЯІЇЄҐЁЫЭЪ][А-ЯІЇЄҐЁЫЭЪ'’ -]{1,30}[.,]\s+\d{1,2}\s+[а-яіїєґёыэъ']+\.?\s*/[^/\n]{2,30}/\.?\s+"),  # "МИНСК, 20 ноября. /ТАСС/. "
)
_RUN_KINDS = {"headline", "teaser", "stamp", "question"}
_DROP_KINDS = {"lone", "caption", "cta", "byline", "stamp", "dateline", "tags", "link", "separator"}


@dataclass
class _Unit:
    start: int  # offsets of the line in the raw text
    end: int
    text: str  # the line, spaces normalised
    block: int  # index of the blank-line separated block
    kind: str = ""
    keep: bool = False
    reason: str = ""


def _units(raw: str) -> list[_Unit]:
    """Cut ``raw`` into non-blank lines, joining hard-wrapped continuation lines."""
    units: list[_Unit] = []
    pos, block, blank = 0, 0, False
    for line in raw.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        content = line.strip(STRIP)
        if not content:
            blank = True
            continue
        block += blank
        blank = False
        start += len(line) - len(line.lstrip(STRIP))
        end -= len(line) - len(line.rstrip(STRIP))
        prev = units[-1] if units else None
        if (prev and prev.block == block and len(prev.text) >= 40 and content[0].islower()
                and not TERMINAL_RE.search(prev.text)):
            prev.end, prev.text = end, _space(raw[prev.start:end])
        else:
            units.append(_Unit(start, end, _space(content), block))
    return units


def _space(text: str) -> str:
    return " ".join(text.replace("\u200b", "").replace("\ufeff", "").split())


def _title_cased(text: str) -> bool:
    """A headline In Title Case (every word of four letters or more capitalised): a link
    to another story, not an item of a list.

    Example:
        >>> _title_cased("Kihara Says LDP Will Seek Bigger Defense Budget"), _title_cased("air defense systems")
        (True, False)
    """
    words = [w for w in WORD_RE.findall(text) if len(w) >= 4 and w[:1].isalpha()]
    return len(words) >= 3 and all(w[:1].isupper() for w in words)


def _strong(u: _Unit) -> bool:
    """A paragraph of body text that can end a headline zone (teasers are shorter)."""
    n = word_count(u.text)
    return u.kind == "body" and (n >= 40 or (n >= 20 and len(SENTENCE_END_RE.findall(u.text)) >= 2))


def _mark_repeats(units: list[_Unit]) -> None:
    """Mark a paragraph repeated later (a lead teaser) and a title+caption+teaser glue."""
    keys = [line_key(u.text) for u in units]
    last = {k: i for i, k in enumerate(keys)}
    for i, u in enumerate(units):
        if u.kind not in ("body", "short") or len(keys[i]) < 40:
            continue
        if last[keys[i]] > i:
            u.kind = "repeat"
            continue
        for j in range(i + 1, min(len(units), i + 12)):
            other = keys[j]
            if (units[j].kind == "body" and len(other) >= 40 and keys[i].endswith(other)
                    and not SENTENCE_END_RE.search(keys[i][: -len(other)])):
                u.kind = "repeat"
                break


def _first_body(units: list[_Unit]) -> int:
    """Index of the first body paragraph, skipping a zone of other stories before it.

    After a section marker at the top ("Latest news"), a paragraph starts the article
    only when it is long or another paragraph follows it (teasers alternate with
    headlines).
    """
    skipping = False
    for i, u in enumerate(units):
        if u.kind == "zone":
            skipping = True
        elif u.kind == "body" and word_count(u.text) >= 8:
            nxt = units[i + 1] if i + 1 < len(units) else None
            if not skipping or _strong(u) or (nxt is not None and nxt.kind == "body"):
                return i
    for i, u in enumerate(units):
        if u.kind in ("body", "short", "question"):
            return i
    return -1


def _stems(text: str) -> set[str]:
    return {w[:5] for w in WORD_RE.findall(fold(text)) if len(w) >= 4}


def _title(units: list[_Unit], first: int) -> str | None:
    """The headline: a header line repeated below; else the header headline sharing most
    words with the lead; else the last headline before the body that does not end a list."""
    keys = [line_key(u.text) for u in units]
    last = {k: i for i, k in enumerate(keys)}
    heads = [i for i, u in enumerate(units[:first])
             if u.kind in ("headline", "question") and word_count(u.text) >= 2 and not dates_in_spans(u.text)]
    for i in heads:
        near = keys[i + 1 : i + 4] + keys[first : first + 3]
        if last[keys[i]] > i or any(k.startswith(keys[i] + " ") for k in near):
            return units[i].text
    heads = [i for i in heads if word_count(units[i].text) >= 3]
    lead = _stems(" ".join(u.text for u in units[first : first + 2] if u.kind == "body"))
    shared = {i: len(_stems(units[i].text) & lead) for i in heads}
    best = max(heads, key=lambda i: (shared[i], i), default=None)
    if best is not None and shared[best] >= 2:
        return units[best].text
    for i in reversed(heads):
        run = 0  # headline units right before it: the end of a list is no title
        while i - run - 1 >= 0 and units[i - run - 1].kind in ("headline", "question"):
            run += 1
        if run < 2:
            return units[i].text
    return None


def _walk_body(units: list[_Unit], first: int, title: str | None) -> None:
    """Decide keep/drop for every unit from the first body paragraph on."""
    title_key = line_key(title) if title else None
    i, list_open = first, False
    while i < len(units):
        u = units[i]
        if u.kind == "zone":
            for rest in units[i:]:
                rest.keep, rest.reason = False, "zone"
            return
        if title_key and line_key(u.text) == title_key:
            u.reason = "title"
        elif u.kind == "repeat":
            u.reason = "repeat"
        elif u.kind == "headline" and list_open and (_BULLET_RE.match(u.text) or word_count(u.text) <= 12) \
                and not _title_cased(u.text):
            u.keep = True  # an item of a list the body introduced with ':'
        elif u.kind in _RUN_KINDS:
            j = i
            while j < len(units) and units[j].kind in _RUN_KINDS | {"link-marker", "link"}:
                j += 1
            if sum(units[k].kind in ("headline", "teaser", "question") for k in range(i, j)) >= 3:
                while j < len(units) and not _strong(units[j]) and units[j].kind != "zone":
                    j += 1
                for rest in units[i:j]:
                    rest.reason = "headlines"
                i = j
                continue
            nxt = units[i + 1] if i + 1 < len(units) else None
            if u.kind == "question" or (nxt and nxt.kind in ("short", "body") and nxt.text[0] in "-–—"):
                u.keep = True  # a question in the body; a quote that the next line attributes
            else:
                u.reason = {"headline": "link", "teaser": "teaser", "stamp": "stamp"}[u.kind]
        elif u.kind == "link-marker":
            u.reason = "link"
            j = i + 1  # "Read next" over one headline, or over a list of them: every one links away
            while j < len(units) and units[j].kind in ("headline", "teaser", "stamp"):
                units[j].reason = "link"
                j += 1
            i = j
            list_open = False
            continue
        elif u.kind in _DROP_KINDS:
            u.reason = "marker" if u.kind == "lone" else u.kind
        else:
            u.keep = True
        if u.keep:
            list_open = u.text.endswith(":") or (list_open and (u.kind == "headline" or bool(_BULLET_RE.match(u.text))))
        i += 1


def _strip_prefix(raw: str, u: _Unit, regex: re.Pattern[str], reason: str, removed: list[Removed]) -> None:
    m = regex.match(raw, u.start, u.end)
    if m and m.end() > u.start:
        removed.append(Removed(u.start, m.end(), reason))
        u.start = m.end()
        u.text = _space(raw[u.start : u.end])


#: A photo credit that ends a line, after its caption: "... review an honor guard, Oct. 29, 2025. DOD
#: PHOTO BY U.S. NAVY PETTY OFFICER ...", "... attend the talks [Saul Loeb/Pool via Reuters]", "(AP Photo/X Y)",
#: "(DoD photo by Navy Petty Officer 2nd Class X)".
_CREDIT_SUFFIX_RE = re.compile(
    r"(?:\s*\[[^\[\]\n]{0,80}(?:/|\bvia\b|\bPhoto\b|\bPool\b|\bGetty\b)[^\[\]\n]{0,80}\]"
    r"|\s*\((?:AP|AFP|Reuters|EPA)?\s*Photo\b[^()\n]{0,80}\)"
    r"|\s*\([A-Z][A-Za-z.]{1,11}\s+photo\s+by\b[^()\n]{0,80}\)"
    r"|\s+(?:[A-Z][A-Z./]+\s)?PHOTOS?\s(?:BY|COURTESY)\b[^\n]*)\s*$")


def _strip_credit(raw: str, u: _Unit, removed: list[Removed]) -> None:
    """Drop the photo credit that ends a line (:data:`_CREDIT_SUFFIX_RE`)."""
    m = _CREDIT_SUFFIX_RE.search(raw, u.start, u.end)
    if m and m.start() > u.start:
        removed.append(Removed(m.start(), u.end, "caption"))
        u.end = m.start()
        u.text = _space(raw[u.start : u.end])


def _phrase_re(text: str) -> re.Pattern[str]:
    return re.compile(r"[\s\xa0]+".join(re.escape(w) for w in text.split()) + r"[\s\xa0]+")


def clean_text(raw: str, language_hint: str | None = None) -> tuple[str, tuple[Removed, ...], str | None]:
    """Return the main text of a page, the spans dropped (offsets in ``raw``) and the title.

    Kept paragraphs are joined by a blank line. Markers of every language in
    ``data/furniture.yaml`` are applied whatever ``language_hint`` says, since pages mix
    languages; the hint is accepted for callers that know it.

    Example:
        >>> text, removed, title = clean_text("09:19 29.09.2023\\n\\nUkraine, France discuss aid\\n\\n"
        ...                                   "Umerov and Lecornu discussed the supply of weapons.")
        >>> text, title, [r.reason for r in removed]
        ('Umerov and Lecornu discussed the supply of weapons.', 'Ukraine, France discuss aid', ['stamp', 'title'])
    """
    markers, removed = load_markers(), []
    units = _units(raw)
    for u in units[:3]:
        _strip_prefix(raw, u, _HEADER_PREFIX_RE, "header", removed)
    for u in units:
        _strip_credit(raw, u, removed)  # the line is judged without it
    units = [u for u in units if u.text]
    for u in units:
        u.kind = classify_line(u.text, markers)
    _mark_repeats(units)
    first = _first_body(units)
    if first < 0:  # no sentence at all: keep what is not furniture
        for u in units:
            u.keep, u.reason = u.kind in ("headline", "short"), u.kind
        title = None
    else:
        title = _title(units, first)
        for u in units[:first]:
            u.reason = "title" if title and line_key(u.text) == line_key(title) else _header_reason(u.kind)
        _walk_body(units, first, title)
        kept = [u for u in units if u.keep]
        if kept:
            for regex in _WIRE_PREFIX_RES:
                _strip_prefix(raw, kept[0], regex, "dateline", removed)
        for u in kept[:3] if title else []:
            if line_key(u.text).startswith(line_key(title) + " "):
                _strip_prefix(raw, u, _phrase_re(title), "title", removed)
    removed.extend(Removed(u.start, u.end, u.reason) for u in units if not u.keep)
    text = "\n\n".join(u.text for u in units if u.keep and u.text)
    return text, _merge(raw, removed), title


def _header_reason(kind: str) -> str:
    return {"headline": "headlines", "question": "headlines", "lone": "marker", "link-marker": "link", "body": "header",
            "short": "header", "zone": "zone"}.get(kind, kind)


def _merge(raw: str, removed: list[Removed]) -> tuple[Removed, ...]:
    """Sort the spans and join neighbours with the same reason (only blanks between)."""
    merged: list[Removed] = []
    for r in sorted(removed, key=lambda r: (r.start, r.end)):
        if merged and merged[-1].reason == r.reason and not raw[merged[-1].end : r.start].strip(STRIP):
            merged[-1] = Removed(merged[-1].start, r.end, r.reason)
        else:
            merged.append(r)
    return tuple(merged)
