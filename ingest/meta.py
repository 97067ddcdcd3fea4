"""Publication date and publisher read from the page text.

The date is searched for in the page header only (the lines before the first body
paragraph, and a stamp line right after a lead teaser), so the time stamps of other
stories listed further down never count. Dates in text are read by
:mod:`ingest.dates` (re-exported here); outlets are listed in ``data/outlets.yaml``.

Example:
    >>> find_published("19:57 26.03.2025\\n\\nUmerov met Lecornu in Paris on Wednesday, the ministry said.", "en")
    '2025-03-26'
    >>> find_publisher("Kyiv • UNN\\n\\nUmerov met Lecornu in Paris on Wednesday, the ministry said.")
    'UNN'
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path


from ddgraph.ingest.dates import dates_in, dates_in_spans, parse_date, resolve_relative_date, times_in, without_stamps
from ddgraph.graph.yaml_data import load_yaml

__all__ = [
    "canonical_outlet", "find_published", "find_publisher", "outlet_country",
    # re-exported from ingest.dates
    "dates_in", "dates_in_spans", "parse_date", "resolve_relative_date", "times_in",
]

_OUTLETS_FILE = Path(__file__).resolve().parents[1] / "data" / "outlets.yaml"
_WORD_RE = re.compile(r"[^\W\d_][\w'’-]*")
_TERMINAL_RE = re.compile(r"[.!?][\"'”’»)\]]*\s*$")


def _words(line: str) -> int:
    return len(_WORD_RE.findall(line))


def _is_body(line: str) -> bool:
    n = _words(line)
    return (n >= 8 and bool(_TERMINAL_RE.search(line))) or n >= 25


def _regions(raw: str, max_header: int = 40) -> tuple[list[str], list[str], list[str]]:
    """Split the page into header lines (at most ``max_header``, the ones right before
    the first body paragraph), the body paragraphs, and the lines between the first
    two body paragraphs (where a lead teaser is followed by the page's stamp)."""
    lines = [ln.strip() for ln in raw.replace("\xa0", " ").split("\n") if ln.strip()]
    body = [i for i, line in enumerate(lines) if _is_body(line)]
    if not body:
        return lines[:max_header], [], []
    gap = lines[body[0] + 1 : body[1]] if len(body) > 1 else []
    return lines[max(0, body[0] - max_header) : body[0]], [lines[i] for i in body], gap


#: A byline that carries the date: "By Tim Martin on November 13, 2025 at 9:41 AM", "Автор: ..., 12.06.2025".
_BYLINE_DATED = re.compile(r"^(?:by|автор|авторка|author)\b[^\n]{0,60}\d", re.I)

#: A numeric date whose day and month could change places: "06/12/2025", "03.04.2024".
_AMBIGUOUS = re.compile(r"\b(?:0?[1-9]|1[0-2])[./](?:0?[1-9]|1[0-2])[./]\d{4}\b")


#: The city of a wire dateline before its date: "KYIV, ", "NEW DELHI, ", "Київ, "
_DATELINE_CITY = re.compile(r"\s*[A-ZА-ЯІЇЄҐ][^\W\d_]*(?:[ .-][A-ZА-ЯІЇЄҐ][^\W\d_]*){0,2}\s*,\s*")


#: A stamp line with the newsroom's city before a bar: "New Delhi | Updated: June 27, 2025 06:12 IST".
_PLACED_STAMP = re.compile(r"^\s*[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*){0,2}\s*\|\s*"
                           r"(?:(?:Updated|Published|Posted)\s*:?\s*)?(?:[A-Z][a-z]{2,8}\.?\s+)?\d")


def find_published(raw: str, language: str | None = None) -> str | None:
    """Return the publication date stated in the page header as an ISO date, or None.

    The header is the lines before the first body paragraph; of its dates the last
    one (the one closest to the article) wins. A date that opens the first body line
    (" date 2024-09-02 (MENAFN- ...) During the meeting...") counts too.

    Example:
        >>> find_published(" date 2024-09-02 (MENAFN- UkrinForm) During the meeting, they discussed aid.", "en")
        '2024-09-02'
        >>> find_published("Menu\\n\\nKYIV, 12 June 2025 — Ukraine's minister met his Danish counterpart.", "en")
        '2025-06-12'
        >>> find_published("Minister meets counterpart\\n\\nThe two ministers met.\\n\\nNew Delhi | Updated: June 27, 2025 "
        ...                "06:12 IST\\n\\nSingh held talks with Belousov on Thursday in Qingdao.", "en")
        '2025-06-27'
    """
    header, body, gap = _regions(raw)
    for line in reversed(header):
        dates = dates_in(line)
        if dates:
            return dates[-1][2]
    stamps = []  # stamp lines between a lead teaser and the body, or a byline with its date ("By A on
    for line in gap[:4]:  # November 13, 2025 at 9:41 AM")
        found = dates_in(line)
        if found and (not re.search(r"[^\W\d_]", without_stamps(line)) or _BYLINE_DATED.match(line)
                      or _PLACED_STAMP.match(line)):
            stamps.append((line, found[0]))
    if stamps:  # "06/12/2025" then "June 12, 2025": the date that cannot be read two ways wins
        plain = [iso for line, (start, end, iso) in stamps if not _AMBIGUOUS.search(line[start:end])]
        return (plain or [stamps[0][1][2]])[0]
    if body:
        for start, end, iso in dates_in(body[0][:80]):
            before = re.sub(r"(?i)\b(date|updated|published|оновлено|опубліковано)\b", "", body[0][:start])
            if not before.strip(" :•|·-–—,"):
                return iso
            if _DATELINE_CITY.fullmatch(before) and re.match(r"\s*(?:\([^()]{1,40}\)\s*)?[-–—]", body[0][end:]):
                return iso  # "KYIV, 12 June 2025 — ...", "WARSAW, March 3, 2025 (PAP) - ...": a wire dateline
    for line in reversed(header):
        if re.search(r"\d", line) and _words(line) <= 6:
            iso = parse_date(line, language)
            if iso:
                return iso
    return None


_REPORTS_EN = r"\s+(?:reports|reported|has reported|informs|learned|has learned|saw|writes)\b"
_REPORTS_UK = (r"(?i:повідомляє|повідомляв|повідомило|повідомили|передає|інформує|кореспондент|кореспондентка"
               r"|сообщает|сообщило|сообщили|передает|передаёт|информирует|корреспондент)\s+")


@lru_cache(maxsize=1)
def _outlet_entries() -> tuple[dict, ...]:
    """The outlets of data/outlets.yaml (read once)."""
    return tuple(load_yaml(_OUTLETS_FILE.read_text(encoding="utf-8"))["outlets"])


@lru_cache(maxsize=1)
def _outlets() -> tuple[dict[str, str], re.Pattern[str], tuple[re.Pattern[str], ...]]:
    """Load data/outlets.yaml: key -> name, an alias regex, and the "X reports" regexes.

    Keys are aliases casefolded, except short ones ("AP", "НВ") that are kept exact.
    """
    canon: dict[str, str] = {}
    alts = []
    for outlet in _outlet_entries():
        for alias in [outlet["name"], *(outlet.get("aliases") or [])]:
            canon[_key(alias)] = outlet["name"]
            body = re.escape(alias)
            if re.search(r"[а-яіїєґ]", alias, re.I):
                body += r"(?:у|а|ом|і|ові)?"  # inflected: "кореспондент Укрінформу"
            alts.append((len(alias), body if len(alias) <= 3 else f"(?i:{body})"))
    alts.sort(key=lambda a: a[0], reverse=True)
    name = rf"(?<![\w.-])(?P<o>{'|'.join(a for _, a in alts)})(?![\w-])"
    phrases = (re.compile(name + _REPORTS_EN), re.compile(_REPORTS_UK + name))
    return canon, re.compile(name), phrases


def _key(alias: str) -> str:
    return alias if len(alias) <= 3 else alias.casefold()


@lru_cache(maxsize=1)
def _outlet_countries() -> dict[str, str]:
    return {o["name"]: o["country"] for o in _outlet_entries() if o.get("country")}


def outlet_country(name: str | None) -> str | None:
    """The country (countries.yaml id) of a national outlet, None for others and for None.

    Example:
        >>> outlet_country("Yonhap"), outlet_country("Reuters"), outlet_country(None)
        ('south-korea', None, None)
    """
    return _outlet_countries().get(canonical_outlet(name) or "") if name else None


def canonical_outlet(name: str) -> str | None:
    """Return the canonical name of a known outlet ("UkrInform" -> "Ukrinform"), else None.

    Example:
        >>> canonical_outlet("Інтерфакс-Україна")
        'Interfax-Ukraine'
    """
    canon, regex, _ = _outlets()
    name = name.strip()
    if _key(name) in canon:
        return canon[_key(name)]
    m = regex.fullmatch(name)
    if m:  # an inflected Cyrillic alias: the longest alias it starts with
        found = [a for a in canon if _key(m["o"]).startswith(a)]
        return canon[max(found, key=len)] if found else None
    return None


_MENAFN_RE = re.compile(r"\(MENAFN-\s*([^)\n]{2,40}?)\s*\)")
_DATELINE_RE = re.compile(r"^([^\W\d][\w .'’-]{1,40}?)\s*[•·|]\s*([^\W\d][\w .&'’-]{0,40}?)$")
_WIRE_RE = re.compile(r"^[^()\n]{2,60}\(([A-Z][\w.&' -]{1,30})\)\s*[-–—]\s")


def find_publisher(raw: str) -> str | None:
    """Return the outlet that published the page, or None.

    Looks, in order, for an aggregator tag "(MENAFN- UkrinForm)", a dateline
    "Kyiv • UNN", a wire dateline "KYIV, Sept 2 (Reuters) -", a header line that is
    an outlet's name, and "UNN reports" / "повідомляє Укрінформ" in the body.

    Example:
        >>> find_publisher(" date 2024-09-02 (MENAFN- UkrinForm) During the meeting...")
        'Ukrinform'
    """
    _canon, regex, phrases = _outlets()
    header, body, _gap = _regions(raw)
    m = _MENAFN_RE.search(raw[:1000])
    if m:
        return canonical_outlet(m[1]) or m[1]
    for line in header:
        m = _DATELINE_RE.match(line)
        if m and _words(m[1]) <= 4 and 0 < _words(m[2]) <= 4:
            known = canonical_outlet(m[2])
            if known or sum(c.isupper() for c in m[2]) >= 2:  # "Kyiv • UNN", not "Home • News"
                return known or m[2].strip()
    if body:
        m = _WIRE_RE.match(body[0])
        if m:
            return canonical_outlet(m[1]) or m[1]
        head = re.split(r"\s[-–—]\s", body[0][:120], maxsplit=1)
        if len(head) == 2:  # "КИЇВ. 26 березня. ІНТЕРФАКС-УКРАЇНА - ..."
            m = regex.search(head[0])
            if m and m["o"].isupper():
                return canonical_outlet(m["o"])
    for line in header:  # "Київ. 5 грудня. ІНТЕРФАКС-УКРАЇНА": a wire name in capitals
        m = regex.search(line)
        if m and len(m["o"]) > 3 and m["o"].isupper() and _words(line) <= 8:
            return canonical_outlet(m["o"])
    for line in header:
        rest = re.sub(r"(?i)\b(?:date|copyright)\b|©", "", without_stamps(line)).strip(" :•|·-–—,.")
        if rest and canonical_outlet(rest):
            return canonical_outlet(rest)
    for line in (ln for ln in raw.split("\n") if _TERMINAL_RE.search(ln.strip())):  # sentences only
        for phrase in phrases:
            m = phrase.search(line)
            if m:
                return canonical_outlet(m["o"])
    return None
