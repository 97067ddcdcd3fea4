"""Who gives and who receives aid: the countries around an aid cue.

The giver is named before the verb and the receiver after it; a capital stands
for its country ("Copenhagen will finance"); an official who announces aid
speaks for his country; "its" is the country of the sentence before; with no
receiver named, the receiver is the article's own country or the other country
of the story.

Example:
    >>> from ddgraph.ingest.document import Article, make_document
    >>> from ddgraph.ingest.extract.context import annotate
    >>> ctx = annotate(make_document(Article("Germany will provide Ukraine with IRIS-T systems.", "x")), use_ner=False)
    >>> sent = ctx.sentences[0]
    >>> sides(sent, next(m for m in sent.of("aid")), "pledged", None)
    ('germany', 'ukraine')
"""

from __future__ import annotations

from ddgraph.ingest.extract.context import Context, SentenceView
from ddgraph.ingest.extract.match import Match, load_defaults, longest
from ddgraph.ingest.extract.roles import home_country
from ddgraph.ingest.lexicon import load_lexicon
from ddgraph.ingest.meta import outlet_country

#: Words between the items of a list, and between countries giving together.
LIST_SEPARATORS = {",", ";", "and", "or", "та", "і", "й", "або"}


def adjective(sent: SentenceView, m: Match) -> bool:
    """True for a country named by its adjective ("Ukrainian", "українського"), but for "the
    Russian side" / "російської сторони", which is the country itself.

    Example:
        >>> from ddgraph.ingest.extract.context import SentenceView
        >>> from ddgraph.ingest.extract.match import find_terms
        >>> from ddgraph.ingest.extract.tokens import tokenize
        >>> toks = tokenize("Su-30 jets received from the Russian side and Russian trucks", "en")
        >>> view = SentenceView(0, 0, 60, toks, find_terms(toks, "en"))
        >>> [adjective(view, c) for c in view.of("country")]
        [False, True]
    """
    tok = sent.tokens[m.j - 1]
    if m.j < len(sent.tokens) and sent.tokens[m.j].norm in _SIDE:
        return False
    if "ADJF" in tok.tag:
        return True
    demonym = load_lexicon().countries[m.id].attr("demonym.en") if m.id in load_lexicon().countries else None
    return bool(demonym) and tok.norm == demonym.lower()


#: "the Russian side", "російська сторона", "российская сторона" (lemmas map to "сторона"): a country.
_SIDE = {"side", "сторона"}
_RECEIVE = {"received", "receive", "receives", "receiving", "get", "gets", "got", "obtained", "отримати", "одержати",
            "отриманий"}
_FROM = {"from", "від", "з", "із"}
#: Words before the country something goes to ("to Ukraine", "for the Armed Forces of Ukraine", "для ЗСУ").
_TO = {"to", "for", "до", "для"}
_LOCATIVE = {"in", "at", "to", "into", "у", "в", "до", "на", "по"}


def actors(sent: SentenceView) -> list[Match]:
    """Countries that can give or receive: named, or by their capital used as the actor
    ("a day after Canberra announced it would send ...", "Копенгаген профінансує"), not
    a capital after a preposition of place ("in Kyiv")."""
    lex = load_lexicon()
    out = list(longest(sent.matches, {"country"}))
    for m in longest(sent.matches, {"place"}):
        place = lex.places.get(m.id)
        country = place.attr("country") if place is not None else None
        if not country or lex.countries[country].attr("capital") != m.id:
            continue
        prev = sent.tokens[m.i - 1] if m.i > 0 else None
        if prev is not None and (prev.norm in _LOCATIVE or prev.text.isascii() and prev.text.islower() and m.i > 1
                                 and sent.tokens[m.i - 2].norm in _LOCATIVE):
            continue  # "in Kyiv", "in central Seoul"
        out.append(Match("country", country, m.i, m.j, m.start, m.end))
    return sorted(out, key=lambda m: m.i)


_ATTRIBUTIVE = {"security", "military", "aid", "assistance", "package", "defense", "weapon", "arm", "government"}


def sides(sent: SentenceView, cue: Match, status: str, home: str | None) -> tuple[str | None, str | None]:
    """(provider, recipient): the giver is named before the verb, the receiver after it;
    for an order the buyer comes first and the seller after ("Ukraine ordered X from France");
    a country used attributively after the verb gives ("announced a U.S. security package");
    thanks go to the giver, adjective included ("thanked for British Storm Shadow missiles")."""
    countries = [m for m in actors(sent)  # not "Ukraine's air defense", not "Ukrainian"
                 if not sent.tokens[m.j - 1].is_possessive
                 and (status == "thanks" or not adjective(sent, m))]
    if status == "thanks":  # the maker named by its adjective before what was given, else another country
        systems = [m for m in sent.matches if m.kind == "system"]
        made = [m.id for m in countries if any(0 <= s.i - m.j <= 2 for s in systems)]
        return next((c for c in made + [m.id for m in countries] if c != home), None), None
    attributive = [m for m in countries if m.i >= cue.j and m.j < len(sent.tokens)
                   and sent.tokens[m.j].norm in _ATTRIBUTIVE]
    before = [m.id for m in countries if m.j <= cue.i] or [m.id for m in attributive]
    after = [m for m in countries if m.i >= cue.j and m not in attributive]
    first = before[0] if before else None  # the subject: "Norway, together with the US, delivered"
    second = next((m.id for m in after if m.id != first), None)
    if second is None:  # "for the Armed Forces of Ukraine", "для ЗСУ": the body's country receives
        lex = load_lexicon()
        for m in sent.matches:
            org = lex.organizations.get(m.id) if m.kind == "organization" and m.i >= cue.j else None
            if org is not None and org.attr("country") not in {None, first} and m.i > 0 \
                    and sent.tokens[m.i - 1].norm in _TO:
                second = org.attr("country")
                break
    passive = any("pssv" in t.tag for t in sent.tokens[cue.i : cue.j])  # "переданої Норвегією", "переданной Норвегией"
    doer = next((m.id for m in after if passive and m.i - cue.j <= 2 and "ablt" in sent.tokens[m.i].tag), None)
    if doer is not None:  # the instrumental after a passive participle gives; a dative receives
        taker = next((m.id for m in countries if m.id != doer and "datv" in sent.tokens[m.i].tag), None)
        return doer, taker
    agent = next((m.id for m in after if sent.tokens[m.i - 1].norm == "by"), None)
    if agent is not None:  # "72 Typhoon jets supplied by Britain": the agent gives, the subject holds them
        owners = [m.id for m in actors(sent) if m.j <= cue.i and m.id != agent]  # "the Royal Saudi Air Force"
        return agent, owners[0] if owners else None
    receive = any(t.norm in _RECEIVE for t in sent.tokens[cue.i : cue.j])
    if receive and not before:  # "Область вже отримала від Литви ...": who gives is known, who receives is not said
        giver = next((m.id for m in after if m.i > 0 and sent.tokens[m.i - 1].norm in _FROM), None)
        if giver is not None:
            return giver, None
    if receive and before:  # "Ukraine will receive from Spain": the subject receives
        taker = before[-1]  # the nearest before the verb: "thanked Czechia ... Ukraine received"
        others = [m.id for m in after if m.i > 0 and sent.tokens[m.i - 1].norm in _FROM] + \
                 [c for c in before if c != taker] + [m.id for m in after]
        return next((c for c in others if c != taker), None), taker
    if status == "ordered":
        sellers = [m.id for m in countries if m.i > 0 and (sent.tokens[m.i - 1].norm in _FROM  # "от России"
                                                           or m.j <= cue.i and _dealt_with(sent, m))]
        buyer = next((c for c in reversed(before) if c not in sellers), None)  # the nearest before the verb:
        # "..., under which Poland ordered"; never the country it is bought from
        beneficiary = next((m.id for m in after if m.i > 0 and sent.tokens[m.i - 1].norm in {"for", "для"}), None)
        if beneficiary and beneficiary != buyer:  # "Norway ordered NASAMS for Ukraine"
            return buyer, beneficiary
        seller = next((c for c in sellers + [m.id for m in after] + before if c != buyer), None)
        return seller, buyer  # "Ukraine ordered CAESAR from France": the buyer receives
    return first, second


#: Nouns of a deal: "signed a deal with Washington to buy", "a contract with France for".
_DEAL = {"deal", "contract", "agreement", "угода", "контракт", "договір", "сделка", "договор", "соглашение"}


def _dealt_with(sent: SentenceView, m: Match) -> bool:
    """Whether a country is who a deal is made with ("a deal with Washington"): the seller of an order."""
    return m.i > 1 and sent.tokens[m.i - 1].norm in {"with", "з", "із", "с"} \
        and any(t.norm in _DEAL for t in sent.tokens[max(0, m.i - 4) : m.i - 1])


#: "contributions to PURL", "contribute EUR 50 million to the International Fund for Ukraine":
#: what is given is a share of a named fund or programme
def antecedent(ctx: Context, sent: SentenceView, other: str | None) -> str | None:
    """The country "its" or "their" refers to: the first one the previous sentence names
    as itself (not "Ukraine's"), when it is not ``other``."""
    if sent.index == 0:
        return None
    prev = ctx.sentences[sent.index - 1]
    return next((m.id for m in actors(prev) if not prev.tokens[m.j - 1].is_possessive and m.id != other), None)


def sent_to(sent: SentenceView, country: str) -> bool:
    """Whether the sentence names ``country`` (or its adjective) as where something goes:
    "to the Ukrainian military", "to Ukraine", "для ЗСУ" aside."""
    return any(m.id == country and any(t.norm in _TO for t in sent.tokens[max(0, m.i - 2) : m.i])
               for m in sent.matches if m.kind == "country")


def speaker_country(sent: SentenceView, cue: Match, persons: list) -> str | None:
    """The country of the official who is the subject of the cue ("Austin announced a new
    package"): the nearest person named before it whose office has a country."""
    best = None
    for p in persons:
        for m in p.mentions:
            if sent.start <= m.start and m.end <= sent.tokens[cue.i].start and (best is None or m.start > best[0]):
                country = next((o.country for o in p.offices if o.country and not o.assumed), None)
                if country:
                    best = (m.start, country)
    return best[1] if best else None


def own_country(ctx: Context) -> str | None:
    """The country whose people the article speaks for: the language's (Ukrainian), else the
    outlet's, else the one the text names most. It receives what it thanks for."""
    return (load_defaults().get("title_default_country") or {}).get(ctx.language) \
        or outlet_country(ctx.doc.publisher) or home_country(ctx)


def counterpart(ctx: Context, provider: str | None) -> str | None:
    """The country a giver's article is about besides the giver: the one named most after it
    ("Латвия выделит пакет помощи ..." in a story of Latvia's support for Ukraine)."""
    counts: dict[str, list[int]] = {}
    for sent in ctx.sentences:
        for m in actors(sent):
            if m.id != provider:
                counts.setdefault(m.id, [0, m.start])[0] += 1
    return min(counts, key=lambda c: (-counts[c][0], counts[c][1])) if provider and counts else None


_TOGETHER = {"together", "along", "jointly", "разом", "спільно", "вместе", "совместно"}
_WITH = {"with", "з", "із", "зі", "с", "со"}


def co_providers(sent: SentenceView, cue: Match, provider: str | None) -> list[str]:
    """Countries that give with the provider: "Sweden, together with Denmark, will finance",
    "Норвегія разом зі США передала", named before the verb."""
    out = []
    for m in actors(sent):
        if m.j > cue.i or m.id == provider or m.i < 2:
            continue
        before = [t.text.lower() for t in sent.tokens[max(0, m.i - 3) : m.i]]
        if before and before[-1] in {"the"}:
            before = before[:-1]
        if len(before) >= 2 and before[-1] in _WITH and before[-2] in _TOGETHER:
            out.append(m.id)
    subjects = [m for m in actors(sent) if m.j <= cue.i]  # "Germany and Canada announced": both give
    first = next((k for k, m in enumerate(subjects) if m.id == provider), None)
    if first is not None:
        for prev, m in zip(subjects[first:], subjects[first + 1 :]):
            if not all(t.norm in LIST_SEPARATORS for t in sent.tokens[prev.j : m.i]) or prev.j == m.i:
                break
            if m.id not in out and m.id != provider:
                out.append(m.id)
    return out
