"""Persons of one article, with their offices and ranks.

Full names are collected first; bare or garbled surnames ("Lecorneuil",
"Умєровим") then attach to the one full name of the article they fit. An office
is read from the words right before a name ("Deputy Chief of the General Staff of
the Armed Forces of Ukraine, Major General Volodymyr Horbatiuk"), from an
apposition after it ("Andriy Yermak, Head of the President's Office"), from
"his French counterpart X", and from a coordination ("Defense Ministers of
Ukraine A and France B"). "Former", "dismissed" and the like cancel the office.

Example:
    >>> from ingest.extract.persons import surname_fits
    >>> surname_fits("Lecorneuil", "Lecornu"), surname_fits("Kuleba", "Umerov")
    (True, False)
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz import fuzz

from graph.model import Mention
from graph.translit import phonetic_key, strip_uk_case
from ingest.extract.context import Context, SentenceView
from ingest.extract.match import Match, longest
from ingest.extract.names import NameCandidate, find_name_candidates
from ingest.extract.tokens import parses_uk, word_is_known
from ingest.lexicon import load_lexicon

_WINDOW_OK = {"the", ",", "of", "to", "in", "at", "his", "her", "its", "their", "and", "for", "’s", "'s", "-", "–", "a", "an"}
_WINDOW_OK_UK = {",", "його", "її", "їхній", "свій", "з", "питання", "у", "в", "–", "-"}
_APPOSITION_GLUE = {"the", "a", "who", "is", "now", "currently", "which", "який", "яка", "нині", "тепер", "зараз",
                    "є", "наразі"}
_CUE_KINDS = {"former", "counterpart", "background", "status", "same_day", "delegation"}
_ROLE_KINDS = {"office", "rank", "country", "organization", "counterpart", "former", "place"}


@dataclass(frozen=True)
class OfficeRef:
    """An office as read next to a name: lexicon title id + country / organisation ids."""

    title_id: str
    country: str | None
    organization: str | None
    mention: Mention


@dataclass
class PersonDraft:
    """A person of the article while it is being built."""

    key: str
    first: str | None
    surname: str
    forms: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    rank: str | None = None
    offices: list[OfficeRef] = field(default_factory=list)

    @property
    def name(self) -> str:
        return f"{self.first} {self.surname}" if self.first else self.surname


def surname_fits(short: str, full: str) -> bool:
    """True when surname ``short`` is (a garbled or inflected form of) ``full``.

    Example:
        >>> surname_fits("Умєровим", "Умєров"), surname_fits("Lecorne", "Lecornu")
        (True, True)
    """
    a, b = phonetic_key(short), phonetic_key(full)
    if not a or not b:
        return False
    if a == b:
        return True
    common = 0
    for x, y in zip(a, b):
        if x != y:
            break
        common += 1
    shorter = min(len(a), len(b))
    if shorter >= 4 and common >= shorter - 1 and common >= 4:
        return True
    return common >= 5 and fuzz.ratio(a, b) >= 70


def _normal_first(word: str, language: str) -> str:
    """Nominative of a Ukrainian first name the dictionary knows ("Рустемом" -> "Рустем");
    a foreign name it only guesses at keeps its written form ("Довіле" stays)."""
    if language == "uk" and word_is_known(word.lower()):
        for lemma, tag in parses_uk(word.lower()):
            if "Name" in tag:
                return lemma[:1].upper() + lemma[1:]
    return word


def _normal_surname(word: str, language: str) -> str:
    return strip_uk_case(word) if language == "uk" else word


def _split(cand: NameCandidate, ctx: Context, sent: SentenceView, language: str) -> tuple[str | None, str]:
    words = [t.text for t in sent.tokens[cand.i : cand.j]]
    if len(words) == 1:
        return None, _normal_surname(words[0], language)
    first = _normal_first(words[0], language)
    surname = " ".join(words[1:])
    if language == "uk":
        surname = " ".join(_normal_surname(w, language) for w in words[1:])
    return first, surname


def _window_left(sent: SentenceView, i: int, language: str, stops: set[int] = frozenset()) -> list[Match]:
    """Role matches in the words right before token ``i``.

    The window grows leftwards over words that belong to a role match (office,
    rank, country, organisation, counterpart, former) or to a small set of glue
    words, and stops at anything else, at "and" (recorded as a match of kind
    "and") and at the end of another name (``stops``).
    """
    ok = _WINDOW_OK_UK if language == "uk" else _WINDOW_OK
    covered: set[int] = set()
    titles: set[int] = set()
    for m in sent.matches:
        if m.kind in _ROLE_KINDS and m.j <= i:
            covered.update(range(m.i, m.j))
            if m.kind == "office":
                titles.add(m.j - 1)
    k = i
    found_and: Match | None = None
    while k > 0 and i - k < 30 and (k - 1) not in stops:
        tok = sent.tokens[k - 1]
        if (k - 1) in covered:
            k -= 1
            continue
        if tok.text.lower() == "and" or tok.norm in {"і", "та", "й"}:
            if (k - 2) in titles:  # "Deputy Prime Minister and Minister of Defence X": one person
                k -= 1
                continue
            found_and = Match("and", "and", k - 1, k, tok.start, tok.end)
            break
        if tok.norm in ok or tok.text.lower() in ok:
            k -= 1
            continue
        break
    found = [m for m in sent.matches if m.kind in _ROLE_KINDS and k <= m.i and m.j <= i]
    return found + ([found_and] if found_and else [])


def _window_right(sent: SentenceView, j: int, name_starts: set[int]) -> list[Match]:
    """Office matches in an apposition right after token ``j``: ", [the] OFFICE ...".

    Example: "Andriy Yermak, Head of the President's Office". An office that is
    followed by another name is that name's title, not an apposition.
    """
    if j >= len(sent.tokens) or sent.tokens[j].text != ",":
        return []
    k = j + 1
    while k < len(sent.tokens) and sent.tokens[k].norm in _APPOSITION_GLUE:
        k += 1  # ", who is now the Secretary of ...", ", нині секретар ..."
    out = []
    for m in sorted(sent.matches, key=lambda m: (m.i, -(m.j - m.i))):
        if m.kind == "office" and m.i == k:
            out.append(m)
            rest = [x for x in sent.matches if x.kind in {"country", "organization"} and m.j <= x.i <= m.j + 6]
            end = max([m.j] + [x.j for x in rest])
            if any(end <= s <= end + 4 for s in name_starts):
                return []
            out.extend(rest)
            break
    return out


class _Builder:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.language = ctx.language
        self.persons: list[PersonDraft] = []

    def find(self, first: str | None, surname: str) -> PersonDraft | None:
        fits = [p for p in self.persons if surname_fits(surname, p.surname)]
        if first:
            key = phonetic_key(first)
            same_first = [p for p in fits if p.first and phonetic_key(p.first) == key]
            if same_first:
                return same_first[0]
            exact = [p for p in fits if phonetic_key(p.surname) == phonetic_key(surname) and not p.first]
            return exact[0] if exact else None
        full = [p for p in fits if p.first]
        pool = full or fits
        exact = [p for p in pool if phonetic_key(p.surname) == phonetic_key(surname)]
        if len(exact) == 1:
            return exact[0]
        return pool[0] if len(pool) == 1 else None

    def add(self, first, surname, form, mention) -> PersonDraft:
        person = self.find(first, surname)
        if person is None:
            person = PersonDraft(f"p{len(self.persons) + 1}", first, surname)
            self.persons.append(person)
        elif first and not person.first:
            person.first = first
        person.forms.append(form)
        person.mentions.append(mention)
        return person


def _offices_from_window(window: list[Match], last_office: OfficeRef | None,
                        ctx: Context) -> tuple[list[OfficeRef], str | None]:
    """Read (offices, rank) from the matches next to a name.

    Coordinated titles all count ("Deputy Prime Minister and Minister of National
    Defence"); the country of the window applies to each; an organisation goes to the
    office it overlaps or directly follows.
    """
    kinds = {m.kind for m in window}
    ranks = [m for m in window if m.kind == "rank"]
    rank = max(ranks, key=lambda m: (m.j, m.j - m.i)).id if ranks else None  # nearest, then longest
    if "former" in kinds:
        return [], rank
    countries = [m.id for m in window if m.kind == "country"]
    country = countries[0] if countries else None
    offices = longest(window, {"office"})
    if offices:
        out = []
        for n, office in enumerate(offices):
            nxt = offices[n + 1].i if n + 1 < len(offices) else 10**9
            orgs = [m for m in window if m.kind == "organization" and office.i <= m.i < nxt and m.i <= office.j + 2]
            org = max(orgs, key=lambda m: m.j - m.i).id if orgs else None
            start = min([office.start] + [m.start for m in window if m.kind == "country" and m.j <= office.i])
            out.append(OfficeRef(office.id, country, org, ctx.mention(start, office.end)))
        return out, rank
    if ("counterpart" in kinds or "and" in kinds) and last_office is not None:
        if country is None:  # "A and B met": B does not share A's office
            return [], rank
        span = [m for m in window if m.kind in {"counterpart", "country"}] or window
        mention = ctx.mention(min(m.start for m in span), max(m.end for m in span))
        return [OfficeRef(last_office.title_id, country, None, mention)], rank
    return [], rank


def _national(title_id: str) -> bool:
    """True for titles of a national body (a minister), False for an international one."""
    lex = load_lexicon()
    return (lex.offices[title_id].attr("org_kind") or "") not in lex.organizations


def home_country(ctx: Context) -> str | None:
    """The country an article is about: the one its text names most often (places count
    for their country), first named on a tie. "Defense Minister X" with no country is
    that country's.

    Example:
        >>> from ingest.document import Article, make_document
        >>> from ingest.extract.context import annotate
        >>> home_country(annotate(make_document(Article("Talks in Kyiv. France and Ukraine agreed.", "x")),
        ...                       use_ner=False))
        'ukraine'
    """
    if ctx.home is None:
        lex = load_lexicon()
        counts: dict[str, list[int]] = {}
        for sent in ctx.sentences:
            for m in longest(sent.matches, {"country", "place"}):
                country = m.id if m.kind == "country" else (lex.places[m.id].attr("country") if m.id in lex.places else None)
                if country:
                    counts.setdefault(country, [0, m.start])[0] += 1
        ctx.home = min(counts, key=lambda c: (-counts[c][0], counts[c][1])) if counts else ""
    return ctx.home or None


def _country_of(office: OfficeRef) -> str | None:
    if office.country or not office.organization:
        return office.country
    org = load_lexicon().organizations.get(office.organization)
    return org.attr("country") if org is not None else None


def extract_persons(ctx: Context) -> list[PersonDraft]:
    """Find the persons of the article with their mentions, offices and ranks."""
    b = _Builder(ctx)
    pending: list[tuple[NameCandidate, SentenceView]] = []
    pending_bounds: dict[int, tuple[set[int], set[int]]] = {}
    for sent in ctx.sentences:
        cue_ends = {k for k, tok in enumerate(sent.tokens) if tok.is_cap and k > 0
                    and any(m.kind in {"office", "rank", "counterpart"} for m in _window_left(sent, k, ctx.language))}
        blocked = {k for m in sent.matches if m.kind in _CUE_KINDS for k in range(m.i, m.j)}
        cands = find_name_candidates(sent.tokens, ctx.language, sent.person_spans, cue_ends, blocked)
        named = [c for c in cands if c.confirmed]
        bounds = ({c.j - 1 for c in named}, {c.i for c in named})
        last_office: OfficeRef | None = None
        for cand in cands:
            if not cand.full:
                pending.append((cand, sent))
                continue
            if not cand.confirmed:
                continue
            first, surname = _split(cand, ctx, sent, ctx.language)
            person = b.add(first, surname, ctx.text(cand.start, cand.end), ctx.mention(cand.start, cand.end))
            last_office = _attach_role(person, cand, sent, ctx, last_office, bounds)
        pending_bounds[sent.index] = bounds
    for cand, sent in pending:  # bare surnames, once every full name is known
        first, surname = _split(cand, ctx, sent, ctx.language)
        person = b.find(None, surname)
        bounds = pending_bounds.get(sent.index, (set(), set()))
        window = _window_left(sent, cand.i, ctx.language, bounds[0])
        has_office = any(m.kind == "office" for m in window)
        if person is None and not (cand.confirmed and has_office):
            continue
        if person is None:
            person = b.add(None, surname, ctx.text(cand.start, cand.end), ctx.mention(cand.start, cand.end))
        else:
            person.forms.append(ctx.text(cand.start, cand.end))
            person.mentions.append(ctx.mention(cand.start, cand.end))
        _attach_role(person, cand, sent, ctx, None, bounds)
    return b.persons


def _attach_role(person: PersonDraft, cand: NameCandidate, sent: SentenceView, ctx: Context,
                 last_office: OfficeRef | None, bounds: tuple[set[int], set[int]]) -> OfficeRef | None:
    window = _window_left(sent, cand.i, ctx.language, bounds[0])
    offices, rank = _offices_from_window(window, last_office, ctx)
    if not offices:  # an apposition in the present tense counts even after "replaced X"
        right = _window_right(sent, cand.j, bounds[1])
        if right:
            offices, _ = _offices_from_window(right, None, ctx)
    if rank and not person.rank:
        person.rank = rank
    listed = any(m.kind == "and" for m in window) or (cand.i > 0 and sent.tokens[cand.i - 1].text == ",")
    for office in offices:
        if office.country is None and office.organization is None and last_office is not None and listed:
            # in a list of titles ("A of the General Staff of Ukraine, B, and C") the country carries over
            office = OfficeRef(office.title_id, _country_of(last_office), None, office.mention)
        if office.country is None and office.organization is None and _national(office.title_id):
            office = OfficeRef(office.title_id, home_country(ctx), None, office.mention)
        person.offices.append(office)
        last_office = office
    return last_office
