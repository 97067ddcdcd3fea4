"""Offices, ranks and countries read from the words around a name.

An office is read from the words right before a name ("Deputy Chief of the
General Staff of the Armed Forces of Ukraine, Major General Volodymyr Horbatiuk"),
from an apposition after it ("Andriy Yermak, Head of the President's Office";
"Rustem Umerov, who is now the Secretary of the NSDC"), from "his French
counterpart X", and from a coordination ("Defense Ministers of Ukraine A and
France B"). "Former", "dismissed" and the like cancel the office.

Example:
    >>> from ddgraph.ingest.document import Article, make_document
    >>> from ddgraph.ingest.extract.context import annotate
    >>> ctx = annotate(make_document(Article("Estonia's Defense Minister Hanno Pevkur spoke.", "x")), use_ner=False)
    >>> [m.id for m in window_left(ctx.sentences[0], 3, "en") if m.kind == "office"]
    ['minister-of-defence']
"""

from __future__ import annotations

from dataclasses import dataclass

from ddgraph.graph.model import Mention
from ddgraph.ingest.extract.context import Context, SentenceView
from ddgraph.ingest.extract.match import Match, longest
from ddgraph.ingest.extract.tokens import CYRILLIC_LANGS, token_cases
from ddgraph.ingest.lexicon import load_lexicon

_WINDOW_OK = {"the", ",", "of", "to", "in", "at", "his", "her", "its", "their", "and", "for", "’s", "'s", "-", "–", "a", "an",
              "prince", "princess", "sheikh", "mr", "mrs", "ms", "dr", ".",  # "Minister of Defense Prince Khalid"
              # the service before a rank: "Supreme Allied Commander Europe, US Air Force General X"
              "air", "force", "army", "navy", "marine", "corps", "space", "royal"}


_WINDOW_OK_UK = {",", "його", "її", "їхній", "свій", "з", "питання", "у", "в", "–", "-"}


_APPOSITION_GLUE = {"the", "a", "who", "is", "now", "currently", "which", "serves", "serve", "serving", "as", "acts", "act", "acting", "який", "яка", "нині", "тепер", "зараз",
                    "є", "наразі"}


_ROLE_KINDS = {"office", "rank", "country", "organization", "counterpart", "former", "place"}


#: A country or place right after one of these is where someone goes or is ("during his visit
#: to Estonia, Defence Minister X"), not whose office X holds, unless an office comes first
#: ("Ambassador to France X").
_PLACE_PREPOSITIONS = {"to", "in", "at", "from", "into", "visiting", "до", "у", "в", "з", "із", "зі", "на", "по"}


@dataclass(frozen=True)
class OfficeRef:
    """An office as read next to a name: lexicon title id + country / organisation ids."""

    title_id: str
    country: str | None
    organization: str | None
    mention: Mention
    assumed: bool = False  # the country is the article language's default, not read in the text
    destination: str | None = None  # the country an ambassador is posted to ("Ambassador to the UK")


def window_left(sent: SentenceView, i: int, language: str, stops: set[int] = frozenset()) -> list[Match]:
    """Role matches in the words right before token ``i``.

    The window grows leftwards over words that belong to a role match (office,
    rank, country, organisation, counterpart, former) or to a small set of glue
    words, and stops at anything else, at "and" (recorded as a match of kind
    "and") and at the end of another name (``stops``).
    """
    ok = _WINDOW_OK_UK if language in CYRILLIC_LANGS else _WINDOW_OK
    covered: set[int] = set()
    titles: set[int] = set()
    near = [m for m in sent.matches if i - 30 <= m.j <= i]  # the walk below looks 30 tokens back at most
    places: dict[int, int] = {}  # end -> start of a country or place named after a preposition
    for m in near:
        if m.kind in _ROLE_KINDS:
            covered.update(range(m.i, m.j))
            if m.kind == "office":
                titles.add(m.j - 1)
    title_starts = {m.i for m in near if m.kind == "office"}
    cues = {m.j for m in near if m.kind == "counterpart"}
    for m in near:
        if m.kind in {"country", "place"} and m.i > 0 and sent.tokens[m.i - 1].norm in _PLACE_PREPOSITIONS \
                and (m.i - 2) not in titles and (m.i - 1) not in cues \
                and not _qualifies_title(sent, m, title_starts, language):
            places[m.j] = m.i  # but "his counterpart from Moldova, X": X's country
    k = i
    found_and: Match | None = None
    while k > 0 and i - k < 30 and (k - 1) not in stops:
        tok = sent.tokens[k - 1]
        if k in places and k < i:  # "during his visit to Estonia, Defence Minister X": a destination
            break
        if (k - 1) in covered:
            k -= 1
            continue
        if tok.text.lower() == "and" or tok.norm in {"і", "та", "й"}:
            if (k - 2) in titles:  # "Deputy Prime Minister and Minister of Defence X": one person
                k -= 1
                continue
            if _countries_of_counterparts(near, k - 1):  # "her Latvian and Estonian counterparts, A and B"
                k -= 1
                continue
            found_and = Match("and", "and", k - 1, k, tok.start, tok.end)
            break
        if tok.norm == "to" and any(m.kind == "office" and k <= m.i for m in near):
            break  # "adviser to President X": the adviser is someone else
        if tok.norm in ok or tok.text.lower() in ok or (k - 1) in cues and tok.norm in _PLACE_PREPOSITIONS:
            k -= 1  # glue; or "from" after "counterpart"
            continue
        break
    found = [m for m in near if m.kind in _ROLE_KINDS and k <= m.i]
    if language in CYRILLIC_LANGS:
        found = _without_possessor(sent, found, i)
    return found + ([found_and] if found_and else [])


def _countries_of_counterparts(near: list[Match], k: int) -> bool:
    """Whether the "and" at token ``k`` joins two countries before a counterpart cue
    ("Latvian and Estonian counterparts")."""
    after = next((m for m in near if m.kind == "country" and m.i == k + 1), None)
    return after is not None and any(m.kind == "country" and m.j == k for m in near) \
        and any(m.kind == "counterpart" and m.i == after.j for m in near)


def _without_possessor(sent: SentenceView, found: list[Match], i: int) -> list[Match]:
    """Leave out the office in the genitive that a title before it governs when the name
    agrees with that title ("з радником з питань національної безпеки прем'єр-міністра Індії
    Аджитом Довалом": the adviser of the prime minister, not the prime minister), or that a
    noun before the window governs ("помощник президента РФ Владимир Мединский").

    Example:
        >>> from ddgraph.ingest.document import Article, make_document
        >>> from ddgraph.ingest.extract import extract
        >>> rec = extract(make_document(Article("Радник президента України Михайло Подоляк заявив.", "x", language="uk")))
        >>> [f for f in rec.facts if f.predicate == "holdsRole"]
        []
    """
    offices = sorted(longest(found, {"office"}), key=lambda m: m.i)
    if not offices or i >= len(sent.tokens):
        return found
    name = token_cases(sent.tokens[i])
    start = min(m.i for m in found)
    head = sent.tokens[start - 1] if start > 0 else None
    if head is not None and head.tag.startswith("NOUN") and "gent" not in token_cases(head) \
            and token_cases(sent.tokens[offices[0].i]) == {"gent"} and name and "gent" not in name:
        # "помощник президента РФ Владимир Мединский", "радник президента Михайло Подоляк": a noun
        # outside the window governs the office; the person is the aide, not the president
        return [m for m in found if m.kind != "office"]
    if len(offices) < 2:
        return found
    last, before = offices[-1], offices[-2]
    if token_cases(sent.tokens[last.i]) == {"gent"} and name and "gent" not in name \
            and token_cases(sent.tokens[before.i]) & name:
        return [m for m in found if not (m.kind == "office" and last.i <= m.i and m.j <= last.j)]
    return found


def _qualifies_title(sent: SentenceView, m: Match, title_starts: set[int], language: str) -> bool:
    """Whether a country right after a preposition is the adjective of the title that follows it
    ("spoke to French Defence Minister X", "з аргентинським міністром оборони X"), not where
    someone goes ("під час візиту до Польщі міністр оборони X": a capitalised noun)."""
    if m.kind != "country" or m.j not in title_starts:
        return False
    return language not in CYRILLIC_LANGS or sent.tokens[m.i].text[:1].islower()


def window_right(sent: SentenceView, j: int, name_starts: set[int]) -> list[Match]:
    """Office matches in an apposition right after token ``j``: ", [the] OFFICE ...".

    Example: "Andriy Yermak, Head of the President's Office". An office that is
    followed by another name is that name's title, not an apposition.
    """
    if j >= len(sent.tokens) or sent.tokens[j].text != ",":
        return []
    k = j + 1
    while k < len(sent.tokens) and sent.tokens[k].norm in _APPOSITION_GLUE:
        k += 1  # ", who is now the Secretary of ...", ", нині секретар ..."
    headed = _headed_body(sent, k)
    if headed:  # ", який очолив РНБО", ", who heads the NSDC"
        return headed
    counterpart = _counterpart_apposition(sent, k)
    if counterpart:
        return counterpart
    out = []
    lead = [m for m in sent.matches if m.kind == "country" and m.i == k]
    if lead:  # ", Australia's Chief of the Defence Force"
        out.append(max(lead, key=lambda m: m.j))
        k = out[0].j
    def bodies(office: Match) -> list[Match]:  # the countries and bodies named in or right after a title
        return [x for x in sent.matches if x.kind in {"country", "organization"} and office.i < x.i <= office.j + 6]

    for m in sorted(sent.matches, key=lambda m: (m.i, -(m.j - m.i))):
        if m.kind == "office" and m.i == k:
            out.append(m)
            rest = bodies(m)
            end = max([m.j] + [x.j for x in rest])
            if any(end <= s <= end + 4 and not any(t.norm in {"and", "to"} for t in sent.tokens[end:s]) for s in name_starts):
                return []  # "..., the Chief of the Defence Force, Admiral X": X's title ("..., and Gen. X" is not)
            out.extend(rest)
            k = m.j
            if k + 2 < len(sent.tokens) and sent.tokens[k].text == "(" and sent.tokens[k + 2].text == ")":
                k += 3  # "..., NATO's Supreme Allied Commander Europe (SACEUR) and head of ..."
            if k < len(sent.tokens) and sent.tokens[k].norm == "and":
                k += 1 + (k + 1 < len(sent.tokens) and sent.tokens[k + 1].norm == "the")
                more = [x for x in sent.matches if x.kind == "office" and x.i == k]
                if more:
                    second = max(more, key=lambda x: x.j)
                    out.append(second)
                    out.extend(x for x in bodies(second) if x not in out)
            return out
    return []


_POSSESSIVES = {"his", "her", "their", "its", "свій", "його", "її"}


def _counterpart_apposition(sent: SentenceView, k: int) -> list[Match]:
    """", his Moldovan counterpart", ", her counterpart from Moldova" at token ``k``: the
    counterpart cue and its country; [] otherwise."""
    if k < len(sent.tokens) and sent.tokens[k].norm in _POSSESSIVES:
        k += 1
    country = next((m for m in sent.matches if m.kind == "country" and m.i == k), None)
    at = country.j if country is not None else k
    cue = next((m for m in sent.matches if m.kind == "counterpart" and m.i == at), None)
    if cue is None:
        return []
    if country is None and cue.j + 1 < len(sent.tokens) and sent.tokens[cue.j].norm in {"from", "of", "з", "із"}:
        country = next((m for m in sent.matches if m.kind == "country" and m.i == cue.j + 1), None)
    return [cue, country] if country is not None else []


#: Verbs that make the subject the head of a body now: "heads", "leads"; the perfective
#: "очолив" / "возглавил" (became its head). "headed", "очолював" may be a former post.
_HEAD_VERBS = {"heads", "leads", "очолити", "возглавить"}


def _headed_body(sent: SentenceView, k: int) -> list[Match]:
    """"..., who headed the NSDC", "..., який очолив РНБО": the office of the body's head
    (the one head office of ``offices.yaml`` whose org_kind is the body, else its kind), and
    the body; [] when no body follows a heading verb at token ``k``."""
    if k >= len(sent.tokens) or not {sent.tokens[k].norm, sent.tokens[k].text.lower()} & _HEAD_VERBS:
        return []
    at = k + 1 + (k + 1 < len(sent.tokens) and sent.tokens[k + 1].norm == "the")
    body = next((m for m in sent.matches if m.kind == "organization" and m.i == at), None)
    lex = load_lexicon()
    org = lex.organizations.get(body.id) if body is not None else None
    if org is None:
        return []
    heads = [o.id for o in lex.offices.values() if o.attr("level") == "head" and o.attr("org_kind") == org.id] or \
            [o.id for o in lex.offices.values() if o.attr("level") == "head" and o.attr("org_kind") == org.attr("org_kind")]
    if len(heads) != 1:
        return []
    return [Match("office", heads[0], k, body.j, sent.tokens[k].start, body.end), body]


def offices_from_window(window: list[Match], last_office: OfficeRef | None,
                        ctx: Context) -> tuple[list[OfficeRef], str | None]:
    """Read (offices, rank) from the matches next to a name.

    Coordinated titles all count ("Deputy Prime Minister and Minister of National
    Defence"); the country of the window applies to each; an organisation goes to the
    office it overlaps or directly follows.
    """
    kinds = {m.kind for m in window}
    titles = [m for m in window if m.kind == "office"]
    ranks = [m for m in window if m.kind == "rank"  # "Secretary General of NATO": no general
             and not any(t.i <= m.i and m.j <= t.j for t in titles)]
    rank = max(ranks, key=lambda m: (m.j, m.j - m.i)).id if ranks else None  # nearest, then longest
    if "former" in kinds:
        return [], rank
    countries = [m.id for m in window if m.kind == "country"]
    country = countries[0] if countries else None
    offices = longest(window, {"office"})
    if offices:
        out = []
        for n, office in enumerate(offices):
            posted = _posted_to(window, office, ctx)
            if posted is not None:  # "Indian Ambassador to Saudi Arabia X": India's, posted to Saudi Arabia
                sender = next((c for c in countries if c != posted), None)
                out.append(OfficeRef(office.id, sender, None, ctx.mention(office.start, office.end),
                                     destination=posted))
                continue
            nxt = offices[n + 1].i if n + 1 < len(offices) else 10**9
            orgs = [m for m in window if m.kind == "organization" and
                    (office.i <= m.i < nxt and m.i <= office.j + 2 or m.j == office.i)]  # "Rheinmetall CEO X"
            org = max(orgs, key=lambda m: m.j - m.i).id if orgs else None
            if org is not None and country is not None and _country_of_org(org) not in {None, country}:
                org = None  # "Командувач Збройних сил Канади": Canada's armed forces, not Ukraine's
            start = min([office.start] + [m.start for m in window if m.kind == "country" and m.j <= office.i])
            own = _international(office.id)
            if own and org is not None and _country_of_org(org) is not None:
                org = None  # "головнокомандувачем об'єднаних збройних сил НАТО": NATO's, not Ukraine's armed forces
            out.append(OfficeRef(office.id, None if own else country, org, ctx.mention(start, office.end)))
        return out, rank
    if ("counterpart" in kinds or "and" in kinds) and last_office is not None:
        if country is None:  # "A and B met": B does not share A's office
            return [], rank
        span = [m for m in window if m.kind in {"counterpart", "country"}] or window
        mention = ctx.mention(min(m.start for m in span), max(m.end for m in span))
        return [OfficeRef(last_office.title_id, country, None, mention)], rank
    return [], rank


_POSTED = {"to", "in", "у", "в", "до", "при"}


def _posted_to(window: list[Match], office: Match, ctx: Context) -> str | None:
    """The country an envoy's office is posted to: "Ambassador (of Ukraine) to the UK",
    "посол України у Великій Британії"; None for other offices.

    Example:
        >>> from ddgraph.ingest.document import Article, make_document
        >>> from ddgraph.ingest.extract.context import annotate
        >>> ctx = annotate(make_document(Article("Indian Ambassador to Saudi Arabia Suhel Ajaz Khan spoke.", "x")),
        ...                use_ner=False)
        >>> sent = ctx.sentences[0]
        >>> office = next(m for m in sent.matches if m.kind == "office")
        >>> _posted_to(sent.matches, office, ctx)
        'saudi-arabia'
    """
    if (load_lexicon().offices[office.id].attr("org_kind") or "") != "embassy":
        return None
    sent = ctx.sentences[ctx.doc.sentence_index(office.start)]
    for m in sorted((m for m in window if m.kind == "country" and office.j <= m.i <= office.j + 6), key=lambda m: m.i):
        k = m.i - 1
        while k >= office.j and sent.tokens[k].norm == "the":
            k -= 1
        if k >= office.j and sent.tokens[k].norm in _POSTED:
            return m.id
    return None


def home_country(ctx: Context) -> str | None:
    """The country an article is about: the one its text names most often (places count
    for their country), first named on a tie. "Defense Minister X" with no country is
    that country's.

    Example:
        >>> from ddgraph.ingest.document import Article, make_document
        >>> from ddgraph.ingest.extract.context import annotate
        >>> home_country(annotate(make_document(Article("Talks in Kyiv. France and Ukraine agreed.", "x")),
        ...                       use_ner=False))
        'ukraine'
    """
    ranked = named_countries(ctx)
    return ranked[0] if ranked else None


def named_countries(ctx: Context) -> tuple[str, ...]:
    """The countries the article names, most often named first (places count for their
    country; on a tie, the first named)."""
    if ctx.home is None:
        lex = load_lexicon()
        counts: dict[str, list[int]] = {}
        for sent in ctx.sentences:
            for m in longest(sent.matches, {"country", "place"}):
                country = m.id if m.kind == "country" else (lex.places[m.id].attr("country") if m.id in lex.places else None)
                if country:
                    counts.setdefault(country, [0, m.start])[0] += 1
        ctx.home = tuple(sorted(counts, key=lambda c: (-counts[c][0], counts[c][1])))
    return ctx.home


def _international(title_id: str) -> bool:
    """Whether an office belongs to one body of no country (NATO's SACEUR, the EU's High
    Representative): no country named next to it is its own."""
    lex = load_lexicon()
    kind = lex.offices[title_id].attr("org_kind") if title_id in lex.offices else None
    org = lex.organizations.get(kind) if kind else None
    return org is not None and not org.attr("country")


def _country_of_org(org_id: str) -> str | None:
    org = load_lexicon().organizations.get(org_id)
    return org.attr("country") if org is not None else None


def country_of(office: OfficeRef) -> str | None:
    if office.country or not office.organization:
        return office.country
    org = load_lexicon().organizations.get(office.organization)
    return org.attr("country") if org is not None else None
