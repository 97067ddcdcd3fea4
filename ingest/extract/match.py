"""Find lexicon terms and cue phrases in a token list (longest match first).

The index is built once per language from ``data/lexicon``: countries, places,
organisations, offices, ranks, systems and topics (``ingest.lexicon``) plus the
event cues of ``data/lexicon/cues.yaml``.

Example:
    >>> from ddgraph.ingest.extract.tokens import tokenize
    >>> toks = tokenize("Air defense systems and interceptors", "en")
    >>> [(m.kind, m.id) for m in find_terms(toks, "en") if m.kind == "topic"][:1]
    [('topic', 'air-defense')]
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache


from ddgraph.graph.namespaces import DATA_DIR
from ddgraph.graph.translit import is_cyrillic
from ddgraph.ingest.extract.index_cache import cached
from ddgraph.ingest.extract.tokens import CYRILLIC_LANGS, Token, term_key, term_keys_ru
from ddgraph.ingest.lexicon import load_lexicon
from ddgraph.graph.yaml_data import load_yaml

MAX_TERM_TOKENS = 10


@dataclass(frozen=True)
class Match:
    """A lexicon term or cue found in the text.

    Attributes:
        kind: "country", "place", "organization", "office", "rank", "system",
            "topic", or a cue family such as "meeting", "status", "aid".
        id: lexicon id, or for cues the sub-kind ("phone", "planned", ...).
        i, j: token range [i, j).
        start, end: character offsets.
    """

    kind: str
    id: str
    i: int
    j: int
    start: int
    end: int


@lru_cache(maxsize=1)
def load_cues() -> dict:
    """The cue phrases of ``data/lexicon/cues.yaml`` (loaded once)."""
    with open(DATA_DIR / "lexicon" / "cues.yaml", encoding="utf-8") as fh:
        return load_yaml(fh)


@lru_cache(maxsize=1)
def load_defaults() -> dict:
    """The defaults of ``data/lexicon/defaults.yaml`` (loaded once)."""
    with open(DATA_DIR / "lexicon" / "defaults.yaml", encoding="utf-8") as fh:
        return load_yaml(fh) or {}


def _cue_entries(cues: dict, language: str):
    """Yield (kind, id, phrase) for every cue phrase in ``language``."""
    for family, body in cues.items():
        if not isinstance(body, dict):
            continue
        if any(isinstance(v, list) for v in body.values()):  # flat family: {en: [...], uk: [...]}
            for phrase in body.get(language) or ():
                yield family, family, phrase
            continue
        for sub, langs in body.items():
            for phrase in (langs or {}).get(language, ()) or ():
                yield family, sub, phrase


_LEXICON_KINDS = ("countries", "places", "organizations", "offices", "ranks", "systems", "topics")


def _feminine_forms(phrase: str) -> list[str]:
    """The feminine forms of a Ukrainian office pattern: its leading words swapped by
    ``uk_feminine_heads`` of ``data/lexicon/defaults.yaml`` ("перший заступник міністра" ->
    "перша заступниця міністра").

    Example:
        >>> _feminine_forms("начальник Генерального штабу")
        ['начальниця Генерального штабу']
    """
    heads = load_defaults().get("uk_feminine_heads") or {}
    words = phrase.split()
    k = 0
    while k < len(words) and words[k].lower() in heads:
        words[k] = heads[words[k].lower()]
        k += 1
    fem = " ".join(words)
    return [fem] if k and fem != phrase else []


@lru_cache(maxsize=1)
def load_ru_terms() -> dict:
    """Russian phrases that are no word-for-word rendering of a Ukrainian lexicon term
    (``data/lexicon/ru_terms.yaml``: kind -> id -> phrases; loaded once)."""
    with open(DATA_DIR / "lexicon" / "ru_terms.yaml", encoding="utf-8") as fh:
        return load_yaml(fh) or {}


@lru_cache(maxsize=4)
def build_index(language: str) -> dict[tuple[str, ...], list[tuple[str, str, str | None]]]:
    """Map normalised token tuples to (kind, id, exact surface or None) entries.

    Acronyms (all upper case) match only when written exactly so. The Russian index
    is the Ukrainian one (Russian words normalise to Ukrainian lemmas) plus the
    Russian cue phrases of ``cues.yaml`` and the phrases of ``ru_terms.yaml``. A new
    process reads it from the file cache of :mod:`ingest.extract.index_cache` once
    some process has built it for the same lexicon and code.

    Example:
        >>> ("topic", "air-defense", None) in build_index("en")[("air", "defense")]
        True
    """
    rows = cached(f"terms-{language}", lambda: [[list(key), [list(e) for e in entries]]
                                                for key, entries in _build_index(language).items()])
    return {tuple(key): [tuple(e) for e in entries] for key, entries in rows}


def _build_index(language: str) -> dict[tuple[str, ...], list[tuple[str, str, str | None]]]:
    """:func:`build_index`, built from the lexicon."""
    index: dict[tuple[str, ...], list[tuple[str, str, str | None]]] = defaultdict(list)
    if language == "ru":
        for key, entries in build_index("uk").items():
            index[key] = list(entries)
    lex = load_lexicon()

    def add(kind: str, ident: str, phrase: str, lang: str) -> None:
        phrase = phrase.strip()
        if not phrase:
            return
        keys = term_keys_ru(phrase) if lang == "ru" else [term_key(phrase, lang)]
        exact = phrase if (phrase.isupper() and len(phrase) <= 6) else None
        entry = (kind, ident, exact)
        for key in keys:
            if key and len(key) <= MAX_TERM_TOKENS and entry not in index[key]:
                index[key].append(entry)

    if language == "ru":
        for kind, terms in load_ru_terms().items():
            for ident, phrases in (terms or {}).items():
                for phrase in phrases or ():
                    add(kind, ident, phrase, "ru")
        for family, sub, phrase in _cue_entries(load_cues(), "ru"):
            add(family, sub, phrase, "ru")
        return dict(index)
    for attr in _LEXICON_KINDS:
        for term in getattr(lex, attr).values():
            labels = ([], []) if term.kind == "topic" else ([term.en], [term.uk])  # topic labels are no cues
            names = [*labels[0], *term.en_aliases] if language == "en" else [*labels[1], *term.uk_aliases]
            if language != "en":  # Latin names and acronyms also occur in Ukrainian text
                names += [a for a in [*labels[0], *term.en_aliases] if a and (a.isupper() or not a.islower())]
            for name in names:
                if name:
                    add(term.kind, term.id, name, language)
                    if term.kind == "office" and language == "uk":
                        for fem in _feminine_forms(name):
                            add(term.kind, term.id, fem, language)
    for family, sub, phrase in _cue_entries(load_cues(), language):
        add(family, sub, phrase, language)
    return dict(index)


@lru_cache(maxsize=4)
def _prefixes(language: str) -> frozenset[tuple[str, ...]]:
    """Every leading part of every key of :func:`build_index` (the keys included)."""
    return frozenset(key[:n] for key in build_index(language) for n in range(1, len(key) + 1))


def find_terms(tokens: list[Token], language: str, kinds: set[str] | None = None,
               abbreviations: dict[str, str] | None = None) -> list[Match]:
    """Return every (possibly overlapping) term match, longest first at each position.

    Args:
        tokens: tokens of the text (from :func:`ingest.extract.tokens.tokenize`).
        language: "en", "uk" or "ru" (others use the English index).
        kinds: keep only these kinds.
        abbreviations: abbreviations the text defines for organisations, surface -> id
            (see :func:`defined_abbreviations`): each such token is that organisation.
    """
    index_language = language if language in CYRILLIC_LANGS else "en"
    index, prefixes = build_index(index_language), _prefixes(index_language)
    norms = [t.norm for t in tokens]
    out: list[Match] = []
    countries: list[Match] = []
    bodies: list[Match] = []
    for i in range(len(tokens)):
        lengths = []  # the lengths of the terms that start here: a key grows while it is a term's prefix
        for n in range(1, min(MAX_TERM_TOKENS, len(tokens) - i) + 1):
            key = tuple(norms[i : i + n])
            if key not in prefixes:
                break
            if key in index:
                lengths.append(n)
        if not lengths and (kinds is None or "system" in kinds):
            variant = _system_variant(tokens[i], index)
            if variant is not None:  # "M109A3GN": a variant of the M109 the lexicon knows
                out.append(Match("system", variant, i, i + 1, tokens[i].start, tokens[i].end))
        for n in reversed(lengths):
            entries = index[tuple(norms[i : i + n])]
            surface = " ".join(t.text for t in tokens[i : i + n])
            for kind, ident, exact in entries:
                if exact is not None and surface.replace(" ", "") != exact.replace(" ", ""):
                    continue
                if kind == "country" and i + n < len(tokens) and tokens[i + n].text == "$" \
                        and tokens[i + n].start == tokens[i + n - 1].end:
                    continue  # "US$15.4 billion", "A$5 million": a currency, not a country
                if kind in {"country", "organization"}:
                    (countries if kind == "country" else bodies).append(
                        Match(kind, ident, i, i + n, tokens[i].start, tokens[i + n - 1].end))
                if kinds and kind not in kinds:
                    continue
                out.append(Match(kind, ident, i, i + n, tokens[i].start, tokens[i + n - 1].end))
    for k, tok in enumerate(tokens if abbreviations else ()):  # "AFP Chief of Staff", after "... (AFP)"
        ident = abbreviations.get(tok.text)
        if ident is not None and not any(b.i <= k < b.j for b in bodies):
            bodies.append(Match("organization", ident, k, k + 1, tok.start, tok.end))
            if not kinds or "organization" in kinds:
                out.append(bodies[-1])
    if kinds is None or "office" in kinds:
        out += _offices_around_countries(tokens, countries, index)
        titled = {k for m in out if m.kind == "office" for k in range(m.i, m.j)}
        out += [m for m in _offices_at_bodies(tokens, bodies) if m.i not in titled]  # "Deputy Chief of the General Staff"
    out = _drop_nested_topics(out)
    if kinds is None or "topic" in kinds:
        from ddgraph.ingest.extract.production import production_topics

        out += production_topics(tokens, out, language)
    return out


#: A model designation with a variant suffix after the base model: "M109A3GN", "F-16AM", "Leopard2A6".
_VARIANT = re.compile(r"^[A-Za-z][A-Za-z-]*\d+[A-Za-z0-9-]*$")
_VARIANT_SUFFIX = re.compile(r"^[a-z]{1,3}\d*[a-z]{0,3}$")


def _system_variant(token: Token, index: dict) -> str | None:
    """The lexicon system that a one-word designation is a variant of: the longest leading part
    of the word that is a system's key, followed by a variant suffix (letters, then digits and
    letters: "a3gn", "am", "m"), never by a digit ("M1131" is no M113).

    Example:
        >>> from ddgraph.ingest.extract.tokens import tokenize
        >>> [_system_variant(t, build_index("en")) for t in tokenize("M109A3GN F-16AM M1131 Leopard", "en")]
        ['m109', 'f-16', None, None]
    """
    word = token.norm
    if not _VARIANT.match(token.text) or len(word) < 3:
        return None
    for cut in range(len(word) - 1, 1, -1):
        if not word[cut - 1].isdigit() or not _VARIANT_SUFFIX.match(word[cut:]):
            continue
        systems = [ident for kind, ident, _ in index.get((word[:cut],), ()) if kind == "system"]
        if systems:
            return systems[0]
    return None


def defined_abbreviations(sentences: list[tuple[list[Token], list[Match]]]) -> dict[str, str]:
    """The abbreviations a text defines for organisations it names in full: "the Armed
    Forces of the Philippines (AFP)" makes "AFP" that body in this text (and nowhere else:
    "AFP" is also a news agency). Upper-case letters, 2 to 6, in brackets right after the name.

    Example:
        >>> from ddgraph.ingest.extract.tokens import tokenize
        >>> toks = tokenize("the Armed Forces of the Philippines (AFP) said", "en")
        >>> defined_abbreviations([(toks, find_terms(toks, "en"))])
        {'AFP': 'armed-forces-philippines'}
    """
    out: dict[str, str] = {}
    for tokens, matches in sentences:
        for m in matches:
            if m.kind == "organization" and m.j + 2 < len(tokens) and tokens[m.j].text == "(" \
                    and tokens[m.j + 2].text == ")":
                abbr = tokens[m.j + 1].text
                if 2 <= len(abbr) <= 6 and abbr.isalpha() and abbr.isupper():
                    out.setdefault(abbr, m.id)
    return out


#: Head words written before a body's name: "head of the Odesa Regional Military Administration",
#: "начальник Одеської ОВА" (Cyrillic words are lemmas; a body kind lists them in ``body_head_offices``).
_HEAD_BEFORE_EN = ("head", "chief", "governor")


def _offices_at_bodies(tokens: list[Token], bodies: list[Match]) -> list[Match]:
    """The office a body's name and a head word make: ``body_head_offices`` of
    ``data/lexicon/defaults.yaml`` (the body's kind -> head words -> office). The head word
    follows the body ("DND Secretary", "Department of National Defense (DND) Secretary",
    "Odesa RMA head Oleh Kiper": capitalised, or followed by a capitalised name), or comes
    before it ("head of the Odesa Regional Military Administration"; in Ukrainian and
    Russian, any listed head word right before the body: "начальник Одеської ОВА"). The
    match spans the body and the head word.

    Example:
        >>> from ddgraph.ingest.extract.tokens import tokenize
        >>> toks = tokenize("Department of National Defense (DND) Secretary Gilberto Teodoro", "en")
        >>> [(m.id, m.i, m.j) for m in find_terms(toks, "en", {"office"})]
        [('minister-of-defence', 0, 8)]
        >>> toks = tokenize("the head of the Odesa Regional Military Administration, Oleh Kiper", "en")
        >>> [(m.id, m.i, m.j) for m in find_terms(toks, "en", {"office"})]
        [('head-of-regional-military-administration', 1, 8)]
    """
    table = load_defaults().get("body_head_offices") or {}
    if not bodies or not table:
        return []
    from ddgraph.ingest.lexicon import load_lexicon

    orgs = load_lexicon().organizations
    out = []
    for m in bodies:
        org = orgs.get(m.id)
        heads = table.get(org.attr("org_kind") or org.attr("kind")) if org is not None else None
        if not heads:
            continue
        k = m.j
        if k + 2 < len(tokens) and tokens[k].text == "(" and tokens[k + 2].text == ")":
            k += 3  # "Department of National Defense (DND) Secretary"
        for words in sorted(heads, key=lambda w: -len(w.split())):
            n = len(words.split())
            named = k + n < len(tokens) and tokens[k + n].is_cap
            if [t.norm for t in tokens[k : k + n]] == words.split() and (tokens[k].is_cap or named):
                out.append(Match("office", heads[words], m.i, k + n, tokens[m.i].start, tokens[k + n - 1].end))
                break
        else:
            before = _head_before(tokens, m.i, heads)
            if before is not None:
                out.append(Match("office", heads[tokens[before].norm], before, m.j, tokens[before].start, tokens[m.j - 1].end))
    return out


def _head_before(tokens: list[Token], i: int, heads: dict) -> int | None:
    """Where a head word of ``heads`` stands before the body starting at token ``i``: "head of
    [the] BODY", or a Cyrillic head word right before it; None when none does."""
    for back in (3, 2):
        k = i - back
        if k >= 0 and tokens[k].norm in _HEAD_BEFORE_EN and tokens[k].norm in heads \
                and tokens[k + 1].norm == "of" and (back == 2 or tokens[k + 2].norm == "the"):
            return k
    k = i - 1
    if k >= 0 and tokens[k].norm in heads and is_cyrillic(tokens[k].norm):
        return k
    return None


def _offices_around_countries(tokens: list[Token], countries: list[Match], index: dict) -> list[Match]:
    """Office titles with a country written inside them: "chairman of the South Korean Joint
    Chiefs of Staff", "chief of Poland's general staff". The title is matched with the
    country's words left out; the country stays a match of its own.

    Example:
        >>> from ddgraph.ingest.extract.tokens import tokenize
        >>> toks = tokenize("chief of Poland's general staff", "en")
        >>> [(m.id, m.i, m.j) for m in find_terms(toks, "en", {"office"})]
        [('chief-of-the-general-staff', 0, 5)]
    """
    inside = {k for m in countries for k in range(m.i, m.j)}
    if not inside:
        return []
    kept = [k for k in range(len(tokens)) if k not in inside]
    norms = [tokens[k].norm for k in kept]
    found: list[Match] = []
    for p in range(len(kept)):
        for n in range(min(MAX_TERM_TOKENS, len(kept) - p), 1, -1):
            i, last = kept[p], kept[p + n - 1]
            if last - i + 1 == n:
                continue  # no country inside: the plain match has it already
            entries = [e for e in index.get(tuple(norms[p : p + n]), ()) if e[0] == "office" and e[2] is None]
            if entries:
                found += [Match("office", ident, i, last + 1, tokens[i].start, tokens[last].end)
                          for _, ident, _ in entries]
                break
    return found


def _drop_nested_topics(matches: list[Match]) -> list[Match]:
    """A topic word inside a title or a body's name is no topic ("Deputy Minister for
    European Integration", "Air Force")."""
    names = [m for m in matches if m.kind in {"office", "organization"}]
    topics = [m for m in matches if m.kind == "topic" and not any(n.i <= m.i and m.j <= n.j for n in names)]
    kept: list[Match] = []  # overlapping topic terms: leftmost, then longest wins ("joint production
    for m in sorted(topics, key=lambda m: (m.i, -(m.j - m.i))):  # of weapons" is joint production)
        if all(m.j <= k.i or k.j <= m.i or (m.i, m.j) == (k.i, k.j) for k in kept):
            kept.append(m)
    return [m for m in matches if m.kind != "topic"] + kept


def longest(matches: list[Match], kinds: set[str]) -> list[Match]:
    """Keep non-overlapping matches of ``kinds``, preferring the longest, in text order.

    Example:
        >>> longest([Match("a", "x", 0, 2, 0, 9), Match("a", "y", 1, 2, 4, 9)], {"a"})
        [Match(kind='a', id='x', i=0, j=2, start=0, end=9)]
    """
    chosen: list[Match] = []
    taken: set[int] = set()
    for m in sorted((m for m in matches if m.kind in kinds), key=lambda m: (-(m.j - m.i), m.i, m.id)):
        if taken.isdisjoint(range(m.i, m.j)):
            chosen.append(m)
            taken.update(range(m.i, m.j))
    return sorted(chosen, key=lambda m: m.i)
