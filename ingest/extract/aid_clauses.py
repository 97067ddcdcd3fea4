"""Two aid facts in one sentence: coordinated clauses with aid verbs of two statuses.

"Britain has already delivered more than 10,000 drones to Ukraine since April and will send
a further 90,000 ..."; "Британія вже передала Україні понад 10 тисяч дронів і передасть ще 90
тисяч ...". Each clause is read as a sentence of its own (:func:`clauses`); the second one,
which names no giver, takes the first one's (see :func:`ingest.extract.aid.extract_aid`).

Example:
    >>> from ddgraph.ingest.document import Article, make_document
    >>> from ddgraph.ingest.extract.context import annotate
    >>> text = "Britain has delivered 10,000 drones to Ukraine and will send a further 90,000 drones."
    >>> sent = annotate(make_document(Article(text, "x")), use_ner=False).sentences[0]
    >>> [" ".join(t.text for t in part.tokens[:3]) for part in clauses(sent, lambda s: s.of("aid")[0].id)]
    ['Britain has delivered', 'will send a']
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from ddgraph.ingest.extract.amounts import NUMBER
from ddgraph.ingest.extract.context import SentenceView

_AND = {"and", "і", "и"}
#: Tokens between the conjunction and the second clause's aid verb ("and will also send").
_GAP = 4
#: The same after a comma, which opens a clause with a subject of its own.
_CLAUSE_GAP = 8


def part(sent: SentenceView, i: int, j: int) -> SentenceView:
    """The tokens [i, j) of a sentence as a sentence of its own (matches inside them, re-indexed)."""
    tokens = sent.tokens[i:j]
    matches = [replace(m, i=m.i - i, j=m.j - i) for m in sent.matches if i <= m.i and m.j <= j]
    return SentenceView(sent.index, tokens[0].start, tokens[-1].end, tokens, matches, sent.person_spans)


def clauses(sent: SentenceView, status: Callable[[SentenceView], object]) -> list[SentenceView]:
    """The sentence, or its two clauses when an "and" joins two with aid verbs whose ``status``
    (a function of a sentence: :func:`ingest.extract.aid_status.aid_status`'s status) differs."""
    cues = sent.of("aid")
    for k, tok in enumerate(sent.tokens):
        if tok.norm not in _AND or k == 0 or k + 1 >= len(sent.tokens):
            continue
        gap = _CLAUSE_GAP if sent.tokens[k - 1].text == "," else _GAP  # ", and Iranian officials have said Tehran ordered"
        if not any(m.j <= k for m in cues) or not any(0 < m.i - k <= gap for m in cues):
            continue
        left, right = part(sent, 0, k), part(sent, k + 1, len(sent.tokens))
        a, b = status(left), status(right)
        if a is not None and b is not None and a != b:
            return [left, right]
    return [sent]


def elided_items(text: str, clause: SentenceView, cue_end: int, before: list[str]) -> list[str]:
    """Counted materiel of a second clause whose noun is left out ("... delivered 10,000 drones and will
    send a further 90,000"): each number after its aid verb, with the noun of the first clause's
    counted item ("90,000 drones"). ``before`` are the first clause's item descriptions.

    Example:
        >>> from ddgraph.ingest.extract.tokens import tokenize
        >>> t = "will send a further 90,000 before June"
        >>> elided_items(t, SentenceView(0, 0, len(t), tokenize(t, "en"), []), 2, ["10,000 drones"])
        ['90,000 drones']
    """
    nouns = [d.split()[-1] for d in before if d[:1].isdigit() and len(d.split()) >= 2]
    if not nouns:
        return []
    out = []
    for m in NUMBER.finditer(text, cue_end, clause.end):
        rest = text[m.end() : clause.end].split()
        if m.group(3) or (rest and rest[0][:1].isalpha() and rest[0].lower() not in _AFTER_COUNT):
            continue  # "90,000 drones" says its noun; a number word is no count of this kind
        out.append(f"{m.group(0).strip()} {nouns[0]}")
        break
    return out


#: Words after a bare count that leave its noun out ("a further 90,000 before the end of the year").
_AFTER_COUNT = {"before", "by", "until", "in", "this", "next", "over", "within", "до", "у", "в", "протягом", "к"}
