"""Language of an article's text: ISO 639-1 code, or "und" when it cannot be told.

Cyrillic text is decided by its letters (є ї ґ і are Ukrainian, ы э ъ ё Russian), which
is exact where langdetect confuses the two; other text goes to langdetect, seeded so
that the answer is the same on every run.

Example:
    >>> detect_language("Міністр оборони України Рустем Умєров зустрівся з колегою.")
    'uk'
    >>> detect_language("Ukraine's Defense Minister met his French counterpart in Paris.")
    'en'
"""

from __future__ import annotations

import re

_LETTER_RE = re.compile(r"[^\W\d_]")
_CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]")
_UKRAINIAN_RE = re.compile(r"[єїґіЄЇҐІ]")
_RUSSIAN_RE = re.compile(r"[ыэъёЫЭЪЁ]")
#: Fewer letters than this (and no telling Cyrillic letter) is "too short" to detect.
MIN_LETTERS = 20
_SAMPLE = 5000  # characters given to langdetect: plenty, and keeps long texts fast
_WORD_RE = re.compile(r"[A-Za-z]+")
#: Function words of English only: other languages written in Latin letters use few of them.
_ENGLISH = frozenset("the and of to in is was for with that on said has have will by from at as are were this "
                     "it its their which also".split())
_ENGLISH_SHARE = 0.15  # of the words: news prose in English has about a quarter


def _is_english(text: str) -> bool:
    """Whether a Latin text is plainly English: many English function words, "the", "and" and "of" among them.

    Example:
        >>> _is_english("The minister met the head of the agency and said the talks went well."), _is_english("Le ministre")
        (True, False)
    """
    words = [w.lower() for w in _WORD_RE.findall(text)]
    if len(words) < 8:
        return False
    hits = [w for w in words if w in _ENGLISH]
    return len(hits) >= _ENGLISH_SHARE * len(words) and {"the", "and", "of"} <= set(hits)


def detect_language(text: str) -> str:
    """Return the ISO 639-1 code of ``text``'s language, or "und" when it is too short.

    Example:
        >>> detect_language("Умєров")
        'uk'
        >>> detect_language("OK")
        'und'
    """
    letters = _LETTER_RE.findall(text)
    if not letters:
        return "und"
    cyrillic = sum(1 for c in letters if _CYRILLIC_RE.match(c))
    if cyrillic * 2 > len(letters):
        if _UKRAINIAN_RE.search(text):
            return "uk"
        if _RUSSIAN_RE.search(text):
            return "ru"
    if len(letters) < MIN_LETTERS:
        return "und"
    if not cyrillic and _is_english(text[:_SAMPLE]):
        return "en"
    from langdetect import DetectorFactory, LangDetectException, detect  # slow to import

    DetectorFactory.seed = 0
    try:
        code = detect(text[:_SAMPLE])
    except LangDetectException:
        return "und"
    return code.split("-")[0]
