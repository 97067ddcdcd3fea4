"""Where a meeting took place: a place named after "in"/"to", a country's capital named
by its adjective ("in the Saudi capital"), or the city of the article's dateline.

A place is a ``(kind, lexicon id, mention)`` triple, kind "place" (a city) or "country".

Example:
    >>> from ddgraph.ingest.document import Article, make_document
    >>> from ddgraph.ingest.extract.context import annotate
    >>> ctx = annotate(make_document(Article("Healey held talks in the Saudi capital on Tuesday.", "x")),
    ...                use_ner=False)
    >>> meeting_place(ctx, ctx.sentences)[:2]
    ('place', 'riyadh')
"""

from __future__ import annotations

import re

from ddgraph.graph.model import Mention
from ddgraph.ingest.extract.context import Context, SentenceView
from ddgraph.ingest.extract.match import find_terms
from ddgraph.ingest.extract.roles import home_country
from ddgraph.ingest.extract.tokens import tokenize
from ddgraph.ingest.lexicon import load_lexicon

Place = tuple[str, str, Mention]

_PREPOSITIONS_IN = {"in", "to", "at", "у", "в", "до", "на"}
_VISIT = {"visit", "visited", "відвідати", "відвідав"}
_CAPITAL = {"capital", "столиця"}
_WHERE = {"where", "де", "где"}
_OPENING = re.compile(r"\s*([A-ZА-ЯІЇЄҐ][A-ZА-ЯІЇЄҐ'’ .-]{1,30}?)(?::\s|\s[-–—]\s)")
#: A dateline opening the text, in any case: the city (and "[Country]"), maybe a date after a comma,
#: maybe the agency in brackets or slashes, then a dash, a colon or a full stop before a capital:
#: "Bucharest, Oct 8 /Agerpres/ - ...", "Kyiv, 12 June 2025 – ...", "New Delhi [India], October 3
#: (ANI): ...", "Tokyo, Nov. 2 (Jiji Press)--...", "KHARKIV, March 3 /Ukrinform/. ...", "Київ, 3 березня. ..."
_OPENING_DATED = re.compile(
    r"\s*([A-ZА-ЯІЇЄҐ][^\W\d_]+(?:[ -][A-ZА-ЯІЇЄҐ][^\W\d_]+){0,2})"
    r"(?:\s*\[[^\]\n]{1,30}\])?"
    r"(?:,\s*[^\n]{0,30}?\d[^\n]{0,12}?)?"
    r"\s*(?:\([^()\n]{1,30}\)|/[^/\n]{1,30}/)?"
    r"\s*(?:[-–—]{1,2}|:|\.)\s*(?=[A-ZА-ЯІЇЄҐ\"«“])")
#: The city at the head of a dateline. A site's header "Kyiv • UNN" names the newsroom, whatever the story,
#: so a bullet ends no dateline.
_DATELINE_HEAD = re.compile(r"^\s*([^\W\d](?:[^\W\d'’]|['’ .-](?=[^\W\d])){0,30}?)\s*(?:[,:(\[/]|\s?[-–—]|\.\s|$)")


#: Prepositions of a destination: a place after one is where a meeting was only when
#: someone travels there ("arrived to", "visit to", "прибув до"), not where goods go.
_TO = {"to", "до"}
#: Words of travel (English forms, Ukrainian lemmas, Russian lemmas) that make "to X" a
#: destination of the people who met.
_TRAVEL = {"visit", "visited", "visiting", "trip", "travel", "travelled", "traveled", "travels", "arrive",
           "arrived", "arrives", "came", "come", "comes", "flew", "fly", "journey", "went", "go", "goes", "returned",
           "welcomed", "welcome", "invited", "invitation", "візит", "поїздка", "прибути", "приїхати", "прилетіти",
           "відвідати", "запросити", "запрошення", "повернутися", "прибувати", "приїжджати", "визит", "поездка",
           "прибыть", "приехать", "прилететь", "посетить", "пригласить", "приглашение", "прибывать", "приезжать"}


def _travels_to(sent: SentenceView, k: int) -> bool:
    """Whether a word of travel stands within the twelve tokens before token ``k`` ("Austin
    arrived on an unannounced visit to Kyiv", "the visit of the French Minister of the Armed
    Forces to Ukraine"; "прибув з візитом до Києва")."""
    return any(t.norm in _TRAVEL or t.text.lower() in _TRAVEL for t in sent.tokens[max(0, k - 12) : k])


_SECTOR = {"direction", "directions", "sector", "sectors", "axis", "axes", "напрямок", "напрям", "направление"}
_LINK = {"and", "or", ",", "та", "і", "й", "и"}


def _front_sector(sent: SentenceView, k: int) -> bool:
    """Whether the place ending at token ``k`` names a sector of the front ("Pokrovsk
    direction", "on the Pokrovsk and Kurakhove axes", "на Покровському напрямку")."""
    places = {t for m in sent.matches if m.kind in {"place", "country"} for t in range(m.i, m.j)}
    for tok_i in range(k, min(k + 6, len(sent.tokens))):
        tok = sent.tokens[tok_i]
        if tok.norm in _SECTOR:
            return True
        if tok_i not in places and tok.norm not in _LINK and not tok.text[:1].isupper():
            return False
    return False


def _capital_phrase(ctx: Context, sent: SentenceView) -> Place | None:
    """"in the Saudi capital", "у британській столиці": the capital of the country the
    adjective names; a bare "in the capital" is the capital of the article's country."""
    countries = {m.j: m for m in sent.matches if m.kind == "country"}
    for k, tok in enumerate(sent.tokens):
        if tok.norm not in _CAPITAL:
            continue
        if k in countries:
            country, start = countries[k].id, countries[k]
        elif k > 0 and (sent.tokens[k - 1].norm in _PREPOSITIONS_IN or
                        sent.tokens[k - 1].norm == "the" and k > 1 and sent.tokens[k - 2].norm in _PREPOSITIONS_IN):
            # the country someone of the sentence came to ("у столиці обговорив з міністром Норвегії, який
            # прибув в Україну"), else the article's
            country, start = _visited_country(sent) or home_country(ctx), sent.tokens[k]
            if country is None:
                continue
            return _capital_of(country, start.start, tok.end, sent.index)
        else:
            continue
        before = {t.norm for t in sent.tokens[max(0, start.i - 2) : start.i]}
        if before & _PREPOSITIONS_IN:
            return _capital_of(country, start.start, tok.end, sent.index)
    return None


def _visited_country(sent: SentenceView) -> str | None:
    """The country a sentence says someone travelled to ("arrived in Ukraine on a visit",
    "який прибув в Україну з візитом"), or None."""
    for m in sent.matches:
        if m.kind == "country" and m.i > 0 and sent.tokens[m.i - 1].norm in _PREPOSITIONS_IN \
                and _travels_to(sent, m.i):
            return m.id
    return None


def _where_place(sent: SentenceView) -> Place | None:
    """The place a meeting of the sentence is told in by a "where" after it ("flew into Tokyo
    from Manila, where on Friday he held talks with X": Manila), or None."""
    toks = sent.tokens
    for m in sent.matches:
        if m.kind not in {"place", "country"} or m.j + 1 >= len(toks):
            continue
        if toks[m.j].text == "," and toks[m.j + 1].norm in _WHERE \
                and any(v.kind == "meeting" and v.i > m.j for v in sent.matches):
            return (m.kind, m.id, Mention(m.start, m.end, sent.index))
    return None


def _capital_of(country: str, start: int, end: int, sentence: int) -> Place | None:
    ctry = load_lexicon().countries.get(country)
    capital = ctry.attr("capital") if ctry is not None else None
    return ("place", capital, Mention(start, end, sentence)) if capital else None


def meeting_place(ctx: Context, sents: list[SentenceView], cities_only: bool = False) -> Place | None:
    """A place or country introduced by "in"/"to"/"у"; cities win over countries.

    A country in a possessive ("in Ukraine's defense industry") or inside the name
    of a body ("of the Armed Forces of Ukraine") is no location.
    """
    best = None
    for sent in sents:
        where = _where_place(sent)
        if where is not None and not (cities_only and where[0] == "country"):
            return where
        bodies = [m for m in sent.matches if m.kind in {"organization", "office"}]
        capital = _capital_phrase(ctx, sent)
        if capital is not None:
            return capital
        for m in sent.matches:
            if m.kind not in {"place", "country"} or m.i == 0 or (cities_only and m.kind == "country"):
                continue
            if sent.tokens[m.j - 1].is_possessive:
                continue
            if m.kind == "place" and not sent.tokens[m.i].text[:1].isupper():
                continue  # "на сумму 150 млн" (a sum, not Sumy): a city is written with a capital
            if any(b.i <= m.i and m.j <= b.j and b.j - b.i > m.j - m.i for b in bodies):
                continue
            if _front_sector(sent, m.j):
                continue  # "the situation in the Pokrovsk and Kurakhove directions": a sector of the front
            start = m.i
            adjective = next((c for c in sent.matches if c.kind == "country" and c.j == m.i and c.i > 0), None)
            if m.kind == "place" and adjective is not None:
                start = adjective.i  # "В китайском Циндао": the city, after the adjective of its country
            prev = sent.tokens[start - 1].norm
            prev2 = sent.tokens[start - 2].norm if start >= 2 else ""
            visit = any(v.kind == "meeting" and v.j == m.i and sent.tokens[v.i].norm in _VISIT for v in sent.matches)
            if prev not in _PREPOSITIONS_IN and not (prev == "the" and prev2 in _PREPOSITIONS_IN) and not visit:
                continue
            to = prev if prev in _TO else prev2 if prev == "the" and prev2 in _TO else None
            if to is not None and not visit and not _travels_to(sent, m.i):
                continue  # "exporting destroyers to Manila", "deliveries to Ukraine": where goods go
            cand = (m.kind, m.id, Mention(m.start, m.end, sent.index))
            if best is None or (best[0] == "country" and m.kind == "place"):
                best = cand
        if best is not None:
            return best
    return best


def dateline_place(ctx: Context) -> str | None:
    """The city of the article's dateline ("KYIV, Jan 25 (Reuters) -", "РИГА. 14 травня.
    ІНТЕРФАКС-УКРАЇНА -", "RIYADH: ..."), as a places id; None when there is none.

    The cleaner drops a wire dateline from the text (it is kept among the removed spans);
    a "CITY:" opening is still at the start of the text.

    Example:
        >>> from ddgraph.ingest.document import Article, make_document
        >>> from ddgraph.ingest.extract.context import annotate
        >>> dateline_place(annotate(make_document(Article("RIYADH: Talks were held.", "x")), use_ner=False))
        'riyadh'
        >>> dateline_place(annotate(make_document(Article("VILNIUS — Talks were held.", "x")), use_ner=False))
        'vilnius'
        >>> dateline_place(annotate(make_document(Article("Bucharest, Oct 8 /Agerpres/ - Talks were held.", "x")),
        ...                         use_ner=False))
        'bucharest'
    """
    doc = ctx.doc
    # every span the cleaner took for a dateline, in order: a language switcher ("Українською | English")
    # may come before the wire line
    heads = [line for r in doc.removed if r.reason == "dateline"
             for line in doc.article.text[r.start : r.end].splitlines() if line.strip()]
    opening = _OPENING.match(doc.text) or _OPENING_DATED.match(doc.text)  # "RIYADH: ...", "WASHINGTON — ..."
    if opening:
        heads.append(opening.group(1))
    for head in heads:
        m = _DATELINE_HEAD.match(head)
        if not m:
            continue
        name = m.group(1).strip().title()
        found = [t for t in find_terms(tokenize(name, ctx.language), ctx.language, {"place"}) if t.i == 0]
        if found:
            return found[0].id
    return None


def title_place(ctx: Context) -> str | None:
    """The one city the headline names ("Шмигаль у Празі домовився про нову партію снарядів"),
    as a places id; None when it names none or several.

    Example:
        >>> from ddgraph.ingest.document import Article, make_document
        >>> from ddgraph.ingest.extract.context import annotate
        >>> doc = make_document(Article("Talks were held.", "x", title="Umerov and Healey meet in London"))
        >>> title_place(annotate(doc, use_ner=False))
        'london'
    """
    title = ctx.doc.title
    if not title:
        return None
    places = load_lexicon().places
    found = {m.id for m in find_terms(tokenize(title, ctx.language), ctx.language, {"place"})
             if places[m.id].attr("kind") in (None, "city")}
    return found.pop() if len(found) == 1 else None
