"""Topics that making materiel implies: the defence industry, and joint production.

"The production of interceptor drones" names drones (a lexicon term) and says they are
made: talk about the defence industry. "The joint development and production of
low-cost interceptors" is joint production (and only that: what is made together is
not counted twice). The words are data
(``production_topics`` in ``data/lexicon/defaults.yaml``).

Example:
    >>> from ddgraph.ingest.extract.tokens import tokenize
    >>> from ddgraph.ingest.extract.match import find_terms
    >>> toks = tokenize("They discussed the joint production of interceptor drones.", "en")
    >>> sorted({m.id for m in find_terms(toks, "en") if m.kind == "topic"})
    ['air-defense', 'drones', 'joint-production']
    >>> toks = tokenize("They discussed the production of interceptor drones.", "en")
    >>> sorted({m.id for m in find_terms(toks, "en") if m.kind == "topic"})
    ['air-defense', 'defense-industry', 'drones']
"""

from __future__ import annotations

from functools import lru_cache

from ddgraph.ingest.extract.match import Match, load_defaults
from ddgraph.ingest.extract.tokens import Token, lexicon_language

#: Tokens before a production word in which a joint word makes it joint production.
JOINT_REACH = 4


@lru_cache(maxsize=4)
def _words(language: str) -> tuple[frozenset, frozenset, frozenset, frozenset, int]:
    """(production words, joint words, materiel words, materiel topics, window) of a language."""
    spec = load_defaults().get("production_topics") or {}
    lang = lexicon_language(language)

    def norms(key: str) -> frozenset:
        return frozenset(w.lower() for w in (spec.get(key) or {}).get(lang, ()))

    return (norms("words"), norms("joint"), norms("materiel_words"),
            frozenset(spec.get("materiel_topics") or ()), int(spec.get("window", 6)))


def production_topics(tokens: list[Token], matches: list[Match], language: str) -> list[Match]:
    """defense-industry (and joint-production) matches at each production word that has
    materiel near it.

    Args:
        tokens: the sentence's tokens.
        matches: its lexicon matches (topics and systems are read).
        language: the text's language.

    Example:
        >>> from ddgraph.ingest.extract.tokens import tokenize
        >>> toks = tokenize("Gas production fell.", "en")
        >>> production_topics(toks, [], "en")
        []
    """
    words, joint, materiel_words, materiel_topics, window = _words(language)
    if not words:
        return []
    materiel = {k for m in matches if m.kind == "system" or m.kind == "topic" and m.id in materiel_topics
                for k in range(m.i, m.j)}
    materiel |= {k for k, t in enumerate(tokens) if t.norm in materiel_words}
    have = {(m.id, m.i) for m in matches if m.kind == "topic"}
    out: list[Match] = []
    for k, tok in enumerate(tokens):
        if tok.norm not in words:
            continue
        if not any(x in materiel for x in range(max(0, k - window), min(len(tokens), k + window + 1)) if x != k):
            continue
        together = any(tokens[x].norm in joint for x in range(max(0, k - JOINT_REACH), k)) \
            or any(m.kind == "topic" and m.id == "joint-production" and m.i <= k < m.j for m in matches)
        ids = ["joint-production"] if together else ["defense-industry"]  # made together: joint production
        out += [Match("topic", ident, k, k + 1, tok.start, tok.end) for ident in ids if (ident, k) not in have]
    return out
