"""The items a sentence lists after "includes" / "including" that are no known system.

"The package includes Tridon Mk2 mobile anti-aircraft guns, ammunition for the CV90s and
additional radar systems" lists three items: a model the lexicon does not know is named
with its kind, and what an item is "for" stays with it unless it is a country (the
receiver: "... and radars to Ukraine" ends the list).

See :func:`listed_items`.
"""

from __future__ import annotations

from functools import lru_cache

from ddgraph.ingest.extract.context import Context, SentenceView
from ddgraph.ingest.extract.match import Match, load_defaults

#: Words after which a list of items begins.
LIST_INTRO = {"include", "includes", "including", "included", "comprising", "consisting",
              "включати", "зокрема", "включно"}
#: Words that end a list of items: what follows says to whom, when or why ("..., before the
#: start of the harvest season").
_LIST_END = {"to", "for", "by", "which", "that", "before", "after", "until", "during", "within", "since", "in",
             "but", "while", "although", "though", "whereas", "who", "he", "she", "they", "said", "says", "added",
             "до", "для", "які", "що", "перед", "після", "протягом", "але", "а", "проте", "однак", "но", "однако"}
#: Of those, the words that may instead say what an item is for ("ammunition for the CV90s"),
#: when no country follows them.
_PURPOSE = {"for", "to", "для"}
_SEPARATORS = {"and", "і", "та", "й", "as"}
_ITEM_SKIP = {"additional", "new", "more", "further", "other", "the", "a", "an", "also", "додатковий", "новий"}
_PREPOSITIONS = {"на", "в", "у", "з", "із", "від", "по", "під", "над", "при", "за", "через", "к", "с", "от", "из"}
_MAX_WORDS = 6  # an item longer than this is a clause, not a thing
_MAX_TAIL = 4


@lru_cache(maxsize=4)
def materiel_nouns(language: str) -> tuple[frozenset[str], frozenset[str]]:
    """(heads, mass) of ``data/lexicon/defaults.yaml`` for a language: plural nouns that name a
    kind of materiel ("drones", "снаряди") and the ones that do so in the singular ("equipment").
    Russian is read through its Ukrainian lemmas.

    Example:
        >>> heads, mass = materiel_nouns("en")
        >>> "drone" in heads, "equipment" in mass
        (True, True)
    """
    language = "en" if language == "en" else "uk"
    defaults = load_defaults()
    return tuple(frozenset((defaults.get(key) or {}).get(language, ())) for key in ("materiel_heads", "materiel_mass"))


def _list_start(sent: SentenceView) -> int | None:
    return next((k + 1 for k, t in enumerate(sent.tokens) if t.norm in LIST_INTRO), None)


def _country_at(sent: SentenceView, k: int) -> bool:
    """Whether a country (or its adjective) is named at token ``k``, after an article."""
    while k < len(sent.tokens) and sent.tokens[k].norm in {"the"}:
        k += 1
    return any(m.kind == "country" and m.i == k for m in sent.matches)


def _chunks(sent: SentenceView, start: int) -> list[tuple[list[int], list[int]]]:
    """(head, tail) token indexes of each listed item: the head names the thing, the tail what
    it is for."""
    items: list[tuple[list[int], list[int]]] = []
    head: list[int] = []
    tail: list[int] = []

    def close() -> None:
        while tail and sent.tokens[tail[-1]].norm in _ITEM_SKIP:
            tail.pop()
        if head:
            items.append((list(head), list(tail) if len(tail) > 1 else []))
        head.clear()
        tail.clear()

    for idx in range(start, len(sent.tokens)):
        tok = sent.tokens[idx]
        if _in_number(sent, idx):  # "over 150,000 drones": one item
            (tail if tail else head).append(idx)
            continue
        if tok.text in {",", ".", ";", "(", ")"} or tok.norm in _SEPARATORS:
            close()
            if tok.text in {".", ";", "("} or tok.norm == "as":
                break
            continue
        if tail:
            if tok.norm in _LIST_END or len(tail) >= _MAX_TAIL:
                break
            tail.append(idx)
        elif tok.norm in _LIST_END:
            if not (head and tok.norm in _PURPOSE) or _country_at(sent, idx + 1):
                break
            tail.append(idx)
        else:
            head.append(idx)
    close()
    return items


def _in_number(sent: SentenceView, k: int) -> bool:
    """Whether token ``k`` is the "," or "." inside a number ("150,000", "1.5"), glued to digits on both sides."""
    toks = sent.tokens
    return toks[k].text in {",", "."} and 0 < k < len(toks) - 1 and toks[k - 1].text[-1:].isdigit() \
        and toks[k + 1].text[:1].isdigit() and toks[k - 1].end == toks[k].start and toks[k].end == toks[k + 1].start


def _a_thing(sent: SentenceView, words: list[int], system_tokens: set[int], heads: set[str]) -> bool:
    """Whether head words name a thing: not a known system (counted apart), not a country, a
    place or a name, and short. ``heads``: the language's nouns of kinds of materiel."""
    if not words or len(words) > _MAX_WORDS or system_tokens & set(words):
        return False
    if any(m.kind == "country" and m.i in words for m in sent.matches):
        return False
    if "PREP" in sent.tokens[words[0]].tag or sent.tokens[words[0]].norm in _PREPOSITIONS:
        return False  # "зокрема на Покровському напрямку": where, not what
    if all(sent.tokens[i].text[:1].islower() or not sent.tokens[i].text[:1].isalpha() for i in words):
        return any(sent.tokens[i].text.replace("-", "").isalpha() for i in words)
    # a capitalised word: a model the lexicon does not know, when a kind of materiel is named with it
    # ("Tridon Mk2 mobile anti-aircraft guns"); else a name or a place
    return any(sent.tokens[i].norm in heads for i in words)


def listed_items(ctx: Context, sent: SentenceView, systems: list[Match], start: int | None = None) -> list[str]:
    """The items a package lists that are no known system, from token ``start`` (default:
    after "includes", "including"...): "a package that includes air-to-air munitions,
    artillery ammunition and additional Bradley vehicles" -> the first two.

    Example:
        >>> from ddgraph.ingest.document import Article, make_document
        >>> from ddgraph.ingest.extract.context import annotate
        >>> ctx = annotate(make_document(Article(
        ...     "It sent aid including Tridon Mk2 guns, shells for Ukraine.", "x")), use_ner=False)
        >>> listed_items(ctx, ctx.sentences[0], [])
        ['Tridon Mk2 guns', 'shells']
    """
    start = _list_start(sent) if start is None else start
    if start is None:  # not "a package of military and humanitarian assistance": that is its kind
        return []
    system_tokens = {x for m in systems for x in range(m.i, m.j)}
    heads = frozenset().union(*materiel_nouns(ctx.language))
    heads |= {w + "s" for w in heads}  # an English plural's token norm may keep its "s"
    out = []
    for head, tail in _chunks(sent, start):
        words = [i for i in head if sent.tokens[i].norm not in _ITEM_SKIP]
        if not _a_thing(sent, words, system_tokens, heads):
            continue
        last = tail[-1] if tail else words[-1]
        out.append(ctx.doc.text[sent.tokens[words[0]].start : sent.tokens[last].end])
    return out
