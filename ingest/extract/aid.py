"""Aid deliveries of one article: provider, recipient, items and status.

A sentence with a delivery, pledge or order cue ("has provided", "will
transfer", "ordered") that names weapon systems or counted materiel ("100,000
drones"), or says that a number of soldiers were trained; provider and recipient
are the countries around the cue.

Example:
    >>> from ddgraph.ingest.document import Article, make_document
    >>> from ddgraph.ingest.extract.context import annotate
    >>> ctx = annotate(make_document(Article("Germany will provide Ukraine with IRIS-T systems.", "x")), use_ner=False)
    >>> [(a.status, a.provider, a.recipient, [s for s, _ in a.systems]) for a in extract_aid(ctx)[0]]
    [('pledged', 'germany', 'ukraine', ['iris-t'])]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ddgraph.graph.model import Mention
from ddgraph.ingest.extract.aid_sides import (
    LIST_SEPARATORS,
    actors,
    adjective,
    antecedent,
    co_providers,
    counterpart,
    own_country,
    sent_to,
    sides,
    speaker_country,
)
from ddgraph.ingest.extract.aid_clauses import clauses, elided_items
from ddgraph.ingest.extract.aid_lists import listed_items, materiel_nouns
from ddgraph.ingest.extract.aid_package import contents_verb, package_sides
from ddgraph.ingest.extract.aid_status import aid_status, condition_spans
from ddgraph.ingest.extract.amounts import MORE, NUMBER, NUMBER_WORDS, contribution_item, money_item, number_value
from ddgraph.ingest.extract.context import Context, SentenceView
from ddgraph.ingest.extract.match import Match, longest
from ddgraph.ingest.lexicon import load_lexicon


@dataclass
class AidDraft:
    """An aid delivery while it is being built (lexicon ids, not keys)."""

    status: str
    provider: str | None
    recipient: str | None
    systems: list[tuple[str, Mention]] = field(default_factory=list)
    descriptions: list[str] = field(default_factory=list)
    mention: Mention | None = None


def _training(ctx: Context, sent: SentenceView) -> tuple[str, str | None, str | None] | None:
    """"More than seven thousand Ukrainian soldiers were trained in France"."""
    if not sent.has("training") or not sent.has("trainee_nouns"):
        return None
    noun = sent.of("trainee_nouns")[0]
    text = ctx.doc.text[sent.start : noun.start]
    number = None
    for m in NUMBER.finditer(text):
        if m.start() > 0 and (text[m.start() - 1].isalpha() or text[m.start() - 1] in "-/"):
            continue  # "M113", "F-16": a designation, not a count
        number = m
    if number is None:
        return None
    value = number_value(number.group(0))
    if not value or value < 10:
        return None
    more = MORE.search(text[: number.start()])
    countries = longest(sent.matches, {"country"})
    hosts = [m.id for m in countries if m.i > noun.j]
    nationality = next((m.id for m in countries if m.j == noun.i or m.j == noun.i - 1), None) \
        or next((m.id for m in countries if m.j < noun.i and adjective(sent, m) and m.id not in hosts), None)
    # "the training of Ukrainian recruits in the UK ..., which has put more than 56,000 soldiers through"
    demonym = load_lexicon().countries[nationality].attr("demonym.en") if nationality else None
    phrase = f"training of {'more than ' if more else ''}{value:,} " + (f"{demonym} " if demonym else "") + "soldiers"
    return phrase, (hosts[0] if hosts else None), nationality


_MATERIEL = {"drones", "ammunition", "artillery", "armored-vehicles", "missiles", "air-defense", "combat-aircraft",
             "electronic-warfare", "demining"}


def _counted_materiel(ctx: Context, sent: SentenceView) -> list[str]:
    """Items named by a number and a kind of materiel: "100,000 drones", "300 тисяч снарядів"."""
    out = []
    for m in sent.of("topic"):
        if m.id not in _MATERIEL or m.i == 0:
            continue
        k = m.i - 1
        while k > 0 and sent.tokens[k].norm in {"more", "new", "additional", "додатковий", "новий", "ще"}:
            k -= 1
        start = k
        while start > 0 and (sent.tokens[start - 1].text[:1].isdigit() or sent.tokens[start - 1].text in {",", "."}
                             and start > 1 and sent.tokens[start - 2].text[:1].isdigit()):
            start -= 1
        value = number_value(ctx.doc.text[sent.tokens[start].start : sent.tokens[k].end]) \
            if sent.tokens[k].text[:1].isdigit() or sent.tokens[k].norm in NUMBER_WORDS else None
        if value:
            out.append(ctx.doc.text[sent.tokens[start].start : m.end])
    return out


#: A model designation that the lexicon may not know: letters and digits, as in "K9", "FA-50GF",
#: "TC-90", "Mi-24", "BVP-1", "M109A3GN" (a materiel phrase keeps it before its noun).
DESIGNATION = re.compile(r"^(?:[A-Z][A-Za-z]{0,3}-?\d{1,4}[A-Z0-9]{0,5}|[A-Z]{1,4}-\d{1,4}[A-Za-z]{0,4})$")

_MODIFIER_STOP = {"the", "a", "an", "other", "some", "of", "for", "and", "or", "to", "with", "by", "new", "more", "additional", "further",
                  "its", "their", "our", "з", "та", "і", "й", "для", "до", "на", "новий", "додатковий"}


def _materiel_phrases(ctx: Context, sent: SentenceView, cue: Match, systems: list[Match] = ()) -> list[str]:
    """Kinds of materiel given without a system name, after the cue: "would finance the
    production of interceptor drones", "additional funds for Ukrainian-made long-range drones".
    The head is a plural noun of ``materiel_heads`` (``data/lexicon/defaults.yaml``), with up
    to two lower-case modifiers before it; "support in air defense" names none."""
    heads, mass = materiel_nouns(ctx.language)  # called for English text only
    heads |= mass
    out = []
    for k in range(cue.j, len(sent.tokens)):
        tok = sent.tokens[k]
        plural = tok.text.lower().endswith("s") if ctx.language == "en" else "plur" in tok.tag
        if tok.norm not in heads or not (plural or tok.norm in mass):
            continue
        if tok.text[:1].isupper() and k > 0:
            continue  # "BAE Systems": a name, not a kind of materiel
        if any(s.i - 3 <= k < s.j + 3 and not _listed_apart(sent, k, s) for s in systems):
            continue  # "Javelin anti-tank missiles", "missiles for Patriot systems": the system is the item
        start = k
        while start > cue.j and k - start < 3:
            prev = sent.tokens[start - 1]
            made = prev.text.lower().endswith(("-made", "-built", "-produced"))  # "Ukrainian-made drones"
            calibre = prev.text.isdigit() and start < k and sent.tokens[start].norm in {"mm", "мм"}  # "155 mm shells"
            model = bool(DESIGNATION.match(prev.text))  # "K9 howitzers", "FA-50GF light attack aircraft"
            if model:
                start -= 1
                break
            if not (prev.text[:1].islower() or made or calibre) or prev.norm in _MODIFIER_STOP \
                    or not (prev.text.replace("-", "").isalpha() or calibre):
                break
            start -= 1
        owner = [m for m in sent.matches if m.kind == "country" and m.j == start]
        if owner:
            continue  # "the repair of Ukrainian military vehicles": the receiver's own
        phrase = ctx.doc.text[sent.tokens[start].start : tok.end]
        if phrase not in out:
            out.append(phrase)
    return out


def _listed_apart(sent: SentenceView, k: int, system: Match) -> bool:
    """True when a comma or a conjunction stands between token ``k`` and ``system``: two
    items of a list ("M577 vehicles, anti-drone jammers", "ammunition and Javelin missiles")."""
    between = range(k + 1, system.i) if k < system.i else range(system.j, k)
    return any(sent.tokens[x].norm in LIST_SEPARATORS for x in between)


_PASSIVE = {"was", "were", "been", "be", "is", "are", "був", "була", "були", "было", "были"}


def _passive(sent: SentenceView, cue: Match) -> bool:
    """Whether a delivery cue is passive with no agent: "were handed over to Ukraine" (and no
    "by")."""
    before = {t.norm for t in sent.tokens[max(0, cue.i - 2) : cue.i]}
    agent = any(t.norm in {"by", "від"} for t in sent.tokens[cue.j : cue.j + 6])
    return bool(before & _PASSIVE) and not agent


def _named(ctx: Context) -> set[str]:
    """The countries an article names as actors."""
    return {m.id for sent in ctx.sentences for m in actors(sent)}


def _package_contents(ctx: Context, sent: SentenceView, verb: int, systems: list[Match],
                      drafts: list[AidDraft]) -> list[AidDraft]:
    """The aid a sentence listing a package's contents states, with the giver, receiver and
    status of the package the sentence before names (:mod:`ingest.extract.aid_package`); ``verb`` is
    the index of the verb that lists them."""
    sides_of = package_sides(ctx, sent, drafts)
    items = listed_items(ctx, sent, systems, start=verb + 1)
    if sides_of is None or not (systems or items):
        return []
    status, provider, recipient, told = sides_of
    if status is None:  # "Poland is preparing its package", "Norway has delivered a package"
        found = aid_status(told)
        status = found[0] if found is not None and found[0] == "delivered" else "pledged"
    if recipient is None:
        home = own_country(ctx)
        recipient = home if home != provider else counterpart(ctx, provider)
    tok = sent.tokens[verb]
    draft = AidDraft(status, provider, recipient, mention=Mention(tok.start, tok.end, sent.index))
    unique = {m.id: m for m in reversed(systems)}.values()
    draft.systems.extend((m.id, Mention(m.start, m.end, sent.index)) for m in unique)
    draft.descriptions.extend(items)
    return [draft]


def extract_aid(ctx: Context, persons: list = ()) -> tuple[list[AidDraft], set[int]]:
    """Aid deliveries, and the indexes of the sentences that state them (their words
    describe what was given or promised, not what a meeting discussed).

    ``persons`` (:class:`ingest.extract.persons.PersonDraft`) give the provider when an
    official, not a country, announces the aid."""
    out: list[AidDraft] = []
    used: set[int] = set()
    clause_status = lambda s: (aid_status(s) or (None,))[0]  # noqa: E731
    for sent in (part for whole in ctx.sentences for part in clauses(whole, clause_status)):
        first_clause = out[-1] if out and out[-1].mention and out[-1].mention.sentence == sent.index \
            and out[-1].mention.start < sent.start else None  # the aid of the sentence's first clause
        found = aid_status(sent)
        conditions = condition_spans(sent)
        systems = [m for m in longest(sent.matches, {"system"}) if not any(m.i in span for span in conditions)]
        training = _training(ctx, sent)
        if training is not None:
            phrase, host, nationality = training
            out.append(AidDraft("delivered", host, nationality, [], [phrase],
                                Mention(sent.start, sent.end, sent.index)))
            if not systems:
                continue
        verb = contents_verb(sent) if found is None else None
        if verb is not None:  # "The package includes radar systems, ..."
            out.extend(_package_contents(ctx, sent, verb, systems, out))
            continue
        counted = listed_items(ctx, sent, systems) or ([] if systems else _counted_materiel(ctx, sent))
        if first_clause is not None and found is not None and not (systems or counted):
            counted = elided_items(ctx.doc.text, sent, found[1].end, first_clause.descriptions)  # "and will send
            # a further 90,000": the first clause's drones
        described = False
        if found is not None and not counted and found[0] != "thanks" and ctx.language == "en":
            counted = _materiel_phrases(ctx, sent, found[1], systems)
            described = bool(counted) and not systems
        fund = contribution_item(ctx, sent) if found is not None and found[0] in {"pledged", "delivered"} else None
        if fund and fund not in counted:  # "announced additional contributions to PURL"
            counted, described = [*counted, fund], described or not (counted or systems)
        money_set_aside = found is not None and found[0] == "thanks" and sent.has("aid", "money")
        wants_money = found is not None and (found[0] in {"pledged", "delivered"} or money_set_aside)
        money, package = (money_item(ctx, sent) if wants_money else None) or (None, False)
        if money and not (systems or counted):  # "Belgium would allocate EUR 1 billion in military aid"
            counted, described, money = [money], True, None
        elif money and package:  # "a package of demining equipment worth EUR 10 million, including detectors"
            counted, money = [money, *counted], None
        money_set_aside = money_set_aside and described  # thanks for money set aside are for a pledge
        if found is None or not (systems or counted):
            continue
        status, cue = found
        provider, recipient = sides(sent, cue, status, own_country(ctx))
        if first_clause is not None:  # "... delivered 10,000 drones to Ukraine and will send a further 90,000"
            provider, recipient = provider or first_clause.provider, recipient or first_clause.recipient
        thanks = next((m for m in sent.of("aid") if m.id == "thanks" and m.j <= cue.i), None)
        thanked = next((m.id for m in actors(sent) if thanks.j <= m.i <= thanks.j + 1), None) if thanks else None
        if status == "pledged" and thanked is not None:  # "X thanked the US for the $500 million ... announced"
            speaker = speaker_country(sent, thanks, persons)
            provider, recipient = thanked, speaker or (recipient if recipient != thanked else None)
            recipient = recipient if recipient != provider else None
        buyer = next((m.id for m in reversed(actors(sent)) if m.j <= cue.i and cue.i - m.j <= 4), None)
        if status == "ordered" and provider and recipient and provider != recipient and buyer != recipient \
                and {t.norm for t in sent.tokens[max(0, cue.i - 2) : cue.i]} & {"will", "would", "to"}:
            status = "pledged"  # "Estonia would buy 155 mm shells for Ukraine": bought for another is given
            # (not "400 Tomahawk cruise missiles Tokyo agreed to buy from the US": the buyer receives)
        if status == "thanks":  # what one thanks for was delivered, and is talk too (see extract_meetings)
            status = "delivered"
        if provider is None and status in {"pledged", "delivered"}:  # "Austin announced a new package"
            provider = speaker_country(sent, cue, persons)
            if provider == recipient:
                provider = None
        if money_set_aside:  # "grateful for its decision to allocate 0.25 percent of GDP": a pledge
            status = "pledged"
            if provider is not None and (provider == speaker_country(sent, cue, persons) or sent_to(sent, provider)):
                provider, recipient = None, recipient or provider  # the thanking side receives
            if provider is None and any(t.norm in {"its", "their"} for t in sent.tokens[cue.j : cue.j + 3]):
                provider = antecedent(ctx, sent, recipient)  # "Lithuania is ... We are grateful for its decision"
        if provider is None and recipient is not None and status == "delivered" and _passive(sent, cue):
            # "All of the Estonian FH70 were handed over to Ukraine": the country the sentence or the
            # article names besides the recipient
            provider = next((m.id for m in actors(sent) if m.id != recipient), None) or counterpart(ctx, recipient)
        if provider is None and recipient is None or provider is None and described:
            continue  # "Ukraine's allies pledged new air defence systems": no one in particular
        makers = [load_lexicon().systems[m.id].attr("country") for m in systems if m.id in load_lexicon().systems]
        if provider is None and status == "ordered":  # "Ukraine ordered six CAESAR": from their maker
            provider = next((c for c in makers if c and c != recipient), None)
        if provider is None and recipient is not None and status == "delivered" and len(set(makers)) == 1 \
                and makers[0] not in {None, recipient} and makers[0] in _named(ctx):
            provider = makers[0]  # "Poland has received 180 K9 howitzers" in a story of Korea: from their maker
        if recipient is None and status == "ordered" and provider is not None:  # "36 FA-50PL are on order from KAI"
            recipient = counterpart(ctx, provider)
        if recipient is None and status == "ordered" and sent.tokens[0].norm in {"it", "they"}:
            recipient = antecedent(ctx, sent, provider)  # "Japan ... It signed a deal with Washington to buy"
        if recipient is None and status != "ordered":  # "thanked Germany for the IRIS-T delivered"
            home = own_country(ctx)
            recipient = home if home != provider else counterpart(ctx, provider)
        if status in {"delivered", "ordered"} and provider and recipient in makers and provider not in makers \
                and not sent_to(sent, recipient):
            # no buyer delivers or sells the S-400 to its maker ("выполнение контрактов на поставку С-400
            # ... ВВС Индии"); but the Bohdana Denmark paid for were "delivered to the Ukrainian military"
            provider, recipient = recipient, provider
        draft = AidDraft(status, provider, recipient, mention=Mention(cue.start, cue.end, sent.index))
        for m in {m.id: m for m in reversed(systems)}.values():  # "... System (NMESIS)": one item
            draft.systems.append((m.id, Mention(m.start, m.end, sent.index)))
        draft.descriptions.extend(counted)
        out.append(draft)
        for partner in co_providers(sent, cue, provider) if provider and status != "ordered" else ():
            if partner != recipient:
                out.append(AidDraft(status, partner, recipient, list(draft.systems), list(counted), draft.mention))
        if money and sent.has("aid", "money") and draft.provider:  # "... handed over M109, and to allocate 0.25% of GDP"
            out.append(AidDraft("pledged", draft.provider, draft.recipient, [], [money], draft.mention))
        if status != "pledged" and (systems or not described):
            used.add(sent.index)  # a kind of materiel named in passing, or promised, is also talk
    return out, used


