"""English for a Ukrainian or Russian aid item description, word by word from a glossary.

"важкі артилерійські боєприпаси" is "heavy artillery ammunition"; "засоби
протиповітряної оборони" is "air defence equipment" (the head noun said last, what
depends on it before it); "90 тисяч дронів" is "90 thousand drones". The words are in
``data/lexicon/materiel_en.yaml``; a description with a word the glossary lacks is not
translated (None), so nothing is guessed.

Example:
    >>> english_item("важкі артилерійські боєприпаси", "uk")
    'heavy artillery ammunition'
    >>> english_item("засоби протиповітряної оборони", "uk")
    'air defence equipment'
    >>> english_item("засоби, які ми отримали", "uk") is None
    True
"""

from __future__ import annotations

import re
from functools import lru_cache

from ddgraph.graph.namespaces import DATA_DIR
from ddgraph.graph.yaml_data import load_yaml
from ddgraph.ingest.extract.tokens import tokenize

_CYRILLIC = re.compile(r"[А-Яа-яЁёЄєІіЇїҐґ]")
#: a number with a calibre unit written on it: "155-мм"
_CALIBRE = re.compile(r"^(\d+(?:[.,]\d+)?)-?мм$")


@lru_cache(maxsize=1)
def _glossary() -> dict[str, dict[str, str]]:
    with open(DATA_DIR / "lexicon" / "materiel_en.yaml", encoding="utf-8") as fh:
        data = load_yaml(fh) or {}
    return {part: {str(k): str(v) for k, v in (data.get(part) or {}).items()}
            for part in ("nouns", "quantities", "modifiers")}


def _word(text: str, lemma: str) -> tuple[str, str] | None:
    """(part, English) of one token: part is "noun", "quantity", "other"; None when unknown."""
    words = _glossary()
    calibre = _CALIBRE.match(text.lower())
    if calibre:
        return "other", f"{calibre.group(1)} mm"
    if not _CYRILLIC.search(text):
        return "other", text  # a number, a Latin model name
    for key in (text.lower(), text, lemma):  # the written form first: "сотні" (hundreds of), not its lemma's
        for part, table in (("noun", words["nouns"]), ("quantity", words["quantities"]), ("other", words["modifiers"])):
            if key in table:
                return part, table[key]
    return None


def _words(text: str, language: str) -> list[tuple[str, str]]:
    """(text, lemma) of the words of ``text``, a decimal number one word ("1,5": "1.5")."""
    out: list[tuple[str, str]] = []
    tokens = tokenize(text, language)
    end = -1
    for k, t in enumerate(tokens):
        glued = t.start == end and out and out[-1][0][-1:].isdigit()
        if t.text in {",", "."} and k + 1 < len(tokens) and tokens[k + 1].start == t.end and glued \
                and tokens[k + 1].text[:1].isdigit():
            out[-1] = (out[-1][0] + ".", "")
        elif t.start == end and out and out[-1][0][-1:] == "." and t.text[:1].isdigit():
            out[-1] = (out[-1][0] + t.text, "")
        elif t.text not in {",", ".", "(", ")", ";", ":"}:
            out.append((t.text, t.norm))
        end = t.end
    return out


def english_item(text: str, language: str) -> str | None:
    """The English of a description in ``language`` ("uk", "ru"), or None when it is not
    Cyrillic or has a word the glossary lacks.

    Example:
        >>> english_item("90 тисяч дронів", "uk"), english_item("средства связи", "ru")
        ('90 thousand drones', 'communications equipment')
        >>> english_item("1,5 мільйона снарядів", "uk")
        '1.5 million shells'
        >>> english_item("артилерійських снарядів калібру 155 мм", "uk")
        'artillery 155 mm shells'
    """
    if language not in {"uk", "ru"} or not _CYRILLIC.search(text):
        return None
    read = [_word(word, lemma) for word, lemma in _words(text, language)]
    if not read or any(r is None for r in read):
        return None
    head = next((k for k, (part, _) in enumerate(read) if part == "noun"), None)
    words = [w for _, w in read] if head is None else \
        [w for _, w in read[:head]] + [w for _, w in read[head + 1 :]] + [read[head][1]]
    english = re.sub(r"\bof (thousand|million)\b", r"of \1s", " ".join(w for w in words if w))  # "hundreds of thousands"
    return english or None
