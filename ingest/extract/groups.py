"""Bodies that take part in a meeting when no person is named for them.

"representatives of leading French defense companies" -> "French defense companies";
"EU defense ministers"; "American military and security experts";
"керівниками оборонних підприємств" -> "оборонні підприємства".
The head noun comes from ``group_heads`` in ``data/lexicon/cues.yaml``; the words
before it that qualify it (adjectives, country names, "defense", "and") are kept.

Example:
    >>> from ddgraph.ingest.extract.tokens import tokenize
    >>> from ddgraph.ingest.extract.match import find_terms
    >>> toks = tokenize("met with representatives of leading French defense companies", "en")
    >>> [g.label for g in find_groups(toks, find_terms(toks, "en"), "en")]
    ['French defense companies']
"""

from __future__ import annotations

from dataclasses import dataclass

from ddgraph.ingest.extract.match import Match
from ddgraph.ingest.extract.tokens import CYRILLIC_LANGS, Token

_SKIP_EN = {"the", "a", "an", "of", "leading", "several", "many", "some", "major", "top", "key", "other", "with",
            "провідний", "кілька", "низка", "ряд", "деякий", "інший", "найбільший", "ключовий"}
_QUALIFIER_EN = {"defense", "military", "security", "arm", "arms", "industry", "industrial", "aerospace",
                 "and", "foreign", "partner", "allied", "eu", "nato", "european", "western", "private",
                 "state", "state-owned", "weapon", "drone", "technology", "tech"}
_REPRESENTATIVE = {"representative", "rep", "head", "ceo", "executive", "leader", "керівник", "представник",
                   "очільник"}


@dataclass(frozen=True)
class Group:
    """An ad-hoc body: label (as written, cleaned), head id, country id, span."""

    label: str
    head: str
    country: str | None
    start: int
    end: int


def _is_qualifier(tok: Token, country_tokens: set[int], idx: int, language: str) -> bool:
    if idx in country_tokens:
        return True
    if language in CYRILLIC_LANGS:
        return "ADJF" in tok.tag or tok.norm in {"і", "та", "й"}
    return tok.norm in _QUALIFIER_EN or (tok.is_cap and tok.text.isupper() and len(tok.text) <= 4)


#: Words of the big meeting a side meeting is held beside ("on the margins of", "на полях", "в кулуарах").
_SIDELINES = {"margins", "margin", "sidelines", "sideline", "поле", "полях", "поль", "кулуари", "кулуар"}


def find_groups(tokens: list[Token], matches: list[Match], language: str,
                persons: set[int] | None = None) -> list[Group]:
    """Find group participants in one sentence's tokens.

    Args:
        tokens: the sentence tokens.
        matches: lexicon/cue matches of the sentence (for heads and countries).
        language: "en" or "uk".
        persons: token indexes covered by person names (a head right before a
            name is a title, not a group: "Minister Umerov").
    """
    persons = persons or set()
    country_tokens: dict[int, str] = {}
    for m in matches:
        if m.kind in {"country", "organization"}:
            for k in range(m.i, m.j):
                country_tokens[k] = m.id if m.kind == "country" else country_tokens.get(k, "")
    titles = [m for m in matches if m.kind in {"office", "rank", "organization"}]
    out = []
    for m in matches:
        if m.kind != "group_heads":
            continue
        nxt = tokens[m.j] if m.j < len(tokens) else None
        if any(t.i <= m.i and m.j <= t.j for t in titles) and nxt is not None \
                and (nxt.is_cap or nxt.norm in {"of", "з"} or m.j in persons):
            continue  # "Defense Ministers of Ukraine A and France B": a title, not a body
        head = tokens[m.j - 1]
        if not (("plur" in head.tag) if language in CYRILLIC_LANGS else head.text.lower().endswith("s")):
            continue  # a body of people is plural: "companies", "компаній"
        if m.j in persons or (m.j < len(tokens) and tokens[m.j].is_cap and language == "en"):
            continue  # a title before a name
        if any(tokens[k].norm in _REPRESENTATIVE for k in range(m.i, m.j)) and m.j < len(tokens) \
                and tokens[m.j].norm in {"of", "з"}:
            continue  # "representatives of X companies": the companies are the group
        k = m.i
        while k > 0 and _is_qualifier(tokens[k - 1], set(country_tokens), k - 1, language):
            k -= 1
        while k < m.i and (tokens[k].norm in {"and", "і", "та", "й"} or tokens[k].norm in _SKIP_EN):
            k += 1
        if k == m.i and language == "en":
            continue  # a bare "experts" or "companies" says too little
        if language in CYRILLIC_LANGS and k == m.i:
            continue  # a bare "представники" or "компанії" says too little
        if tokens[k].norm in {"joint", "спільний"}:
            continue  # "спільних підприємств" are joint ventures, a topic, not a body
        if any(t.norm in _SIDELINES for t in tokens[max(0, k - 6) : k]):
            continue  # "on the margins of the meeting of NATO Defence Ministers": the big meeting's, not a party
        end_tok = m.j
        if language in CYRILLIC_LANGS and end_tok in country_tokens:  # "підприємств Данії": the country follows
            while end_tok in country_tokens:
                end_tok += 1
        countries = [country_tokens[x] for x in range(k, end_tok) if country_tokens.get(x)]
        start, end = tokens[k].start, tokens[end_tok - 1].end
        label = " ".join(t.text for t in tokens[k:end_tok])
        out.append(Group(label, m.id, countries[0] if countries else None, start, end))
    return out
