"""Persons of one article, with their offices and ranks.

Full names are collected first; bare or garbled surnames ("Lecorneuil",
"Умєровим", the typo "Pistroius"), initials with a surname ("R. Umerov") and a
given name after a title ("Prince Khalid") then attach to the one full name of the
article they fit. A generational suffix ("Jr.", "Sr.") is part of the name: two
different suffixes are two persons. Offices and ranks come from the words around
each name (:mod:`ingest.extract.roles`).

Example:
    >>> from ddgraph.ingest.extract.surnames import surname_fits
    >>> surname_fits("Lecorneuil", "Lecornu"), surname_fits("Kuleba", "Umerov"), surname_fits("Pistroius", "Pistorius")
    (True, False, True)
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ddgraph.graph.model import Mention
from ddgraph.graph.names import family_first
from ddgraph.graph.translit import first_name_id, fold, kmu2010
from ddgraph.ingest.extract.context import Context, SentenceView
from ddgraph.ingest.extract.match import load_defaults
from ddgraph.ingest.extract.name_cues import name_cues
from ddgraph.ingest.extract.names import NameCandidate, find_name_candidates
from ddgraph.ingest.extract.nominative import normal_first, split_nominative
from ddgraph.ingest.extract.roles import (
    OfficeRef,
    country_of,
    named_countries,
    offices_from_window,
    window_left,
    window_right,
)
from ddgraph.ingest.extract.surnames import (
    TYPO_MIN,
    deletions,
    surname_bucket,
    surname_fits,
    surname_forms,
    surname_key,
)
from ddgraph.ingest.lexicon import load_lexicon
from ddgraph.ingest.meta import outlet_country


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
    middle: tuple[str, ...] = ()
    suffix: str = ""

    @property
    def name(self) -> str:
        """The name as the article gives it in full ("Charles Q. Brown Jr.", "R. Umerov").

        Example:
            >>> PersonDraft("p1", "Lloyd", "Austin", middle=("J.",)).name, PersonDraft("p2", "Eng Hen", "Ng").name
            ('Lloyd J. Austin', 'Ng Eng Hen')
        """
        order = (self.first, *self.middle, self.surname)
        if self.first and family_first([self.surname, *self.first.split()]):
            order = (self.surname, self.first, *self.middle)  # "Shin Won-sik" (graph.names.family_first)
        name = " ".join(x for x in order if x)
        return name + self.suffix if self.suffix.startswith("-") else " ".join(x for x in (name, self.suffix) if x)

    @property
    def initial_only(self) -> bool:
        """True when the first name is known by its initial only ("R.")."""
        return bool(self.first) and len(self.first.rstrip(".")) == 1


def _letter(name: str) -> str:
    """The first letter of a name or initial, in Latin script ("Юрій" and "Ю." -> "y")."""
    return fold(kmu2010(name.strip(". ")))[:1]


def _suffixes_agree(a: str, b: str) -> bool:
    """Two generational suffixes may name one person unless both are given and differ."""
    return not (a and b and a != b)


class _Builder:
    """The persons of one article, indexed by the keys of their surnames."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.language = ctx.language
        self.persons: list[PersonDraft] = []
        self._buckets: dict[str, list[PersonDraft]] = {}  # surname_bucket(surname form) -> persons
        self._typos: dict[str, list[PersonDraft]] = {}  # deletions(key) -> persons
        self._firsts: dict[str, list[PersonDraft]] = {}  # surname_key(first name) -> persons
        self._given: dict[str, PersonDraft] = {}  # a given name after a title -> the person it named
        self.titled: set[str] = set()  # keys of persons named in full after a title ("Prince Khalid bin Salman")

    def _index(self, person: PersonDraft) -> None:
        for form in surname_forms(person.surname):
            key = surname_key(form)
            self._buckets.setdefault(key[:4], []).append(person)
            if len(key) >= TYPO_MIN:
                for d in deletions(key):
                    self._typos.setdefault(d, []).append(person)

    def _set_first(self, person: PersonDraft, first: str) -> None:
        person.first = first
        if not person.initial_only:
            self._firsts.setdefault(surname_key(first), []).append(person)

    def _fits(self, surname: str, suffix: str = "") -> list[PersonDraft]:
        """Persons (in article order) one of whose surname forms ``surname`` fits."""
        key = surname_key(surname)
        near = list(self._buckets.get(key[:4], ()))
        if len(key) >= TYPO_MIN:
            near += [p for d in deletions(key) for p in self._typos.get(d, ())]
        seen: set[str] = set()
        out = []
        for p in sorted(near, key=lambda p: int(p.key[1:])):
            if p.key in seen:
                continue
            seen.add(p.key)
            if _suffixes_agree(suffix, p.suffix) and any(surname_fits(surname, f) for f in surname_forms(p.surname)):
                out.append(p)
        return out

    @staticmethod
    def _exact(p: PersonDraft, surname: str) -> bool:
        return any(surname_key(f) == surname_key(surname) for f in surname_forms(p.surname))

    def find(self, first: str | None, surname: str, suffix: str = "") -> PersonDraft | None:
        """The person of the article a name (first name or None, surname) names, if one."""
        fits = self._fits(surname, suffix)
        if first:
            key = surname_key(first)
            same_first = [p for p in fits if p.first and surname_key(p.first) == key]
            if len({p.suffix for p in same_first if p.suffix}) > 1 and not suffix:
                return None  # "Charles Brown" beside "Charles Brown Jr." and "Charles Brown Sr.": either
            if same_first:
                return same_first[0]
            exact = [p for p in fits if self._exact(p, surname) and not p.first]
            if exact:
                return exact[0]
            whole = f"{first} {surname}"  # "Лунд Поульсен": a double surname, not a first name and a surname
            double = [p for p in self._buckets.get(surname_bucket(whole), ()) if p.first and " " in p.surname
                      and surname_fits(whole, p.surname)]
            return double[0] if len(double) == 1 else None
        full = [p for p in fits if p.first]
        pool = full or fits
        exact = [p for p in pool if self._exact(p, surname)]
        if len(exact) == 1:
            return exact[0]
        return pool[0] if len(pool) == 1 else None

    def find_initials(self, initials: tuple[str, ...], surname: str, suffix: str = "") -> PersonDraft | str | None:
        """The person "R. Umerov" names: the one fitting the surname whose first name starts
        with the initial (never one whose first name starts with another letter); the
        string "ambiguous" when several may be meant, None when none.

        A written first name wins over another initial, which wins over a bare surname.
        """
        letter = _letter(initials[0])
        fits = [p for p in self._fits(surname, suffix) if not p.first or _letter(p.first) == letter]
        for pool in ([p for p in fits if p.first and not p.initial_only], [p for p in fits if p.first], fits):
            exact = [p for p in pool if self._exact(p, surname)]
            if len(pool) == 1 or len(exact) == 1:
                return pool[0] if len(pool) == 1 else exact[0]
            if pool:
                return "ambiguous"
        return None

    def find_given(self, given: str, start: int) -> PersonDraft | None:
        """The person a given name after a title names ("Prince Khalid"): among the full
        names of the article with that first name and a title of their own ("Prince Khalid
        bin Salman", not "Charles Michel" for "King Charles"), the only one, else the only
        one named before ``start``, else the person the same words named earlier."""
        key = surname_key(given)
        named = [p for p in self._firsts.get(key, ()) if p.surname and p.key in self.titled]
        before = [p for p in named if p.mentions and p.mentions[0].start < start]
        person = named[0] if len(named) == 1 else before[0] if len(before) == 1 else self._given.get(key)
        if person is not None:
            self._given.setdefault(key, person)
        return person

    def add(self, first, surname, form, mention, middle=(), suffix="", person=None) -> PersonDraft:
        """Record a mention of ``person``, or of the person the name names (a new one if none)."""
        person = person or self.find(first, surname, suffix)
        if person is None:
            person = PersonDraft(f"p{len(self.persons) + 1}", None, surname, middle=tuple(middle), suffix=suffix)
            self.persons.append(person)
            self._index(person)
            if first:
                self._set_first(person, first)
        else:
            if first and (not person.first or person.initial_only and len(first.rstrip(".")) > 1):
                self._set_first(person, first)
            person.middle = person.middle or tuple(middle)
            person.suffix = person.suffix or suffix
        person.forms.append(form)
        person.mentions.append(mention)
        return person


def _two_surnames(b: _Builder, cand: NameCandidate, sent: SentenceView, ctx: Context) -> list | None:
    """The two persons a two-word name stands for when each word is the surname of another
    person named in full before and the first word is no given name ("з Умєровим Гілі
    підтвердив": with Umerov, Healey confirmed); else None."""
    if len(cand.words) != 2 or cand.j - cand.i != 2 or cand.initials or cand.middle or first_name_id(cand.words[0]):
        return None
    found = [b.find(None, split_nominative(replace(cand, words=(w,)), ctx, sent, ctx.language)[1])
             for w in cand.words]
    if None in found or found[0] is found[1] or not all(p.first for p in found):
        return None
    return [(found[0], sent.tokens[cand.i]), (found[1], sent.tokens[cand.i + 1])]


def extract_persons(ctx: Context) -> list[PersonDraft]:
    """Find the persons of the article with their mentions, offices and ranks.

    Example:
        >>> from ddgraph.ingest.document import Article, make_document
        >>> from ddgraph.ingest.extract.context import annotate
        >>> text = "Rustem Umerov met Boris Pistorius. Mr. R. Umerov and Pistroius spoke."
        >>> [(p.name, p.forms) for p in extract_persons(annotate(make_document(Article(text, "x")), use_ner=False))]
        [('Rustem Umerov', ['Rustem Umerov', 'R. Umerov']), ('Boris Pistorius', ['Boris Pistorius', 'Pistroius'])]
    """
    b = _Builder(ctx)
    pending: list[tuple[NameCandidate, SentenceView]] = []
    pending_bounds: dict[int, tuple[set[int], set[int]]] = {}
    for sent in ctx.sentences:
        cue_ends, blocked = name_cues(sent, ctx.language)
        cands = find_name_candidates(sent.tokens, ctx.language, sent.person_spans, cue_ends, blocked)
        named = [c for c in cands if c.confirmed]
        repeated = {c.words[-1] for c in cands if c.full}  # "X, head of ..., X said": no new title holder
        bounds = ({c.j - 1 for c in named}, {c.head for c in named if c.full or c.words[-1] not in repeated})
        last_office: OfficeRef | None = None
        queue: list = []  # "her Latvian and Estonian counterparts, A and B": the countries still to give
        for cand in cands:
            if not cand.full:
                pending.append((cand, sent))
                continue
            if not cand.confirmed:
                continue
            if ctx.doc.authors and fold(ctx.text(cand.start, cand.end)) in ctx.doc.authors:
                continue  # "Megan Rossi covers acquisition for Defense News": the byline's author
            pair = _two_surnames(b, cand, sent, ctx)
            if pair is not None:  # "з Умєровим Гілі підтвердив": Umerov, then Healey, both named before
                for person, tok in pair:
                    b.add(None, person.surname, tok.text, ctx.mention(tok.start, tok.end), person=person)
                continue
            first, surname = split_nominative(cand, ctx, sent, ctx.language)
            person = b.add(first, surname, ctx.text(cand.start, cand.end), ctx.mention(cand.start, cand.end),
                           cand.middle, cand.suffix)
            if cand.title == "given":
                b.titled.add(person.key)
            last_office = _attach_role(person, cand, sent, ctx, last_office, bounds, queue)
        pending_bounds[sent.index] = bounds
    for cand, sent in pending:  # bare surnames, initials, given names: once every full name is known
        _, surname = split_nominative(cand, ctx, sent, ctx.language)
        if cand.initials:
            person = b.find_initials(cand.initials, surname, cand.suffix)
            if person == "ambiguous":
                continue
        elif cand.title == "given":
            person = b.find_given(normal_first(cand.words[0], ctx.language), cand.start)
        else:
            person = b.find(None, surname, cand.suffix)
        bounds = pending_bounds.get(sent.index, (set(), set()))
        stops = bounds[0]
        if person is not None and cand.i > 0 and sent.tokens[cand.i - 1].text == ",":
            stops = stops | {cand.i - 1}  # "..., head of U.S. European Command, Syrskyi reported": no title of his
        window = _window(sent, cand, ctx.language, stops)
        has_office = any(m.kind == "office" for m in window)
        if person is None and not (cand.confirmed and (has_office or cand.title == "honorific" or cand.initials)):
            continue
        first = cand.initials[0] if cand.initials else None
        person = b.add(first, surname, ctx.text(cand.start, cand.end), ctx.mention(cand.start, cand.end),
                       cand.initials[1:] + cand.middle, cand.suffix, person)
        _attach_role(person, cand, sent, ctx, None, (stops, bounds[1]))
    default = (load_defaults().get("title_default_country") or {}).get(ctx.language) \
        or outlet_country(ctx.doc.publisher)
    stated = [{(o.title_id, country_of(o)) for o in p.offices if country_of(o) and not o.assumed} for p in b.persons]
    assumed: set[tuple[str, str]] = set()  # head titles an earlier person took by assumption
    out = []
    for n, p in enumerate(b.persons):
        # "Secretary of State Antony J. Blinken and Minister for Foreign Affairs Kamikawa Yoko" in a US outlet:
        # one US foreign minister; the second bare title goes to another country the text names
        out.append(_qualify(p, (default,) if default else (), set().union(*stated[:n], *stated[n + 1:], assumed),
                            named_countries(ctx)))
        assumed |= {(o.title_id, o.country) for o in out[-1].offices if o.assumed and o.country}
    return out


def _qualify(person: PersonDraft, defaults: tuple[str, ...], taken: set[tuple[str, str]],
             named: tuple[str, ...] = ()) -> PersonDraft:
    """An office named without its country takes the country the same person's same
    title has elsewhere in the article ("Ukraine's Defense Minister Rustem Umerov ...
    Defense Minister Umerov said"); else, for a national title, the default country of
    the article's language or outlet (Ukrainian media name foreign officials with their
    country: a bare "президент" is Ukraine's). A head title that someone else in the
    article holds for a country (``taken``) is not that country's: it goes to the
    country the text names most (``named``) for which nobody holds it ("Minister of
    National Defence X met Ukraine's Minister of Defence Y in Bucharest": X is
    Romania's). Such a country is marked as assumed, so that resolution lets a country
    stated elsewhere win."""
    lex = load_lexicon()
    qualified = {o.title_id: o for o in person.offices if o.country or o.organization}
    offices = []
    for office in person.offices:
        term = lex.offices[office.title_id]
        if not (office.country or office.organization) and office.title_id in qualified:
            full = qualified[office.title_id]
            office = OfficeRef(office.title_id, full.country, full.organization, office.mention)
        elif not (office.country or office.organization) and (term.attr("org_kind") or "") not in lex.organizations:
            held = term.attr("level") == "head" and term.attr("org_kind") != "embassy" \
                and any(t == office.title_id for t, _ in taken)
            candidates = [*defaults, *named] if held else defaults
            country = next((c for c in candidates if not held or (office.title_id, c) not in taken), None)
            if country is not None:
                office = OfficeRef(office.title_id, country, None, office.mention, assumed=True)
        offices.append(office)
    person.offices = offices
    return person


def _window(sent: SentenceView, cand: NameCandidate, language: str, stops: set[int]) -> list:
    """Role matches before a name, read from the name and from its titles ("Prof.", "Sir"),
    so that a title which is itself an office ("Crown Prince") counts too."""
    window = window_left(sent, cand.i, language, stops)
    if cand.head != cand.i:
        seen = {(m.kind, m.i, m.j) for m in window}
        window += [m for m in window_left(sent, cand.head, language, stops) if (m.kind, m.i, m.j) not in seen]
    return window


def _attach_role(person: PersonDraft, cand: NameCandidate, sent: SentenceView, ctx: Context,
                 last_office: OfficeRef | None, bounds: tuple[set[int], set[int]],
                 queue: list | None = None) -> OfficeRef | None:
    window = _window(sent, cand, ctx.language, bounds[0])
    offices, rank = offices_from_window(window, last_office, ctx)
    if queue is not None:
        countries = [m for m in window if m.kind == "country"]
        if offices and len(countries) > 1 and any(m.kind == "counterpart" for m in window):
            queue[:] = sorted(countries, key=lambda m: m.i)[1:]  # the first is this name's
        elif not offices and queue and last_office is not None and [m.kind for m in window] == ["and"]:
            country = queue.pop(0)  # "..., A and B": B is the next country's
            offices = [OfficeRef(last_office.title_id, country.id, None, ctx.mention(country.start, country.end))]
        elif offices or window:
            queue.clear()
    if not offices:  # an apposition in the present tense counts even after "replaced X"
        right = window_right(sent, cand.j, bounds[1])
        if right:  # "X, his counterpart from Moldova": the title of the one named before, Moldova's
            counterpart = any(m.kind == "counterpart" for m in right)
            offices, _ = offices_from_window(right, last_office if counterpart else None, ctx)
    if rank and not person.rank:
        person.rank = rank
    listed = any(m.kind == "and" for m in window) or (cand.head > 0 and sent.tokens[cand.head - 1].text == ",")
    for office in offices:
        if office.country is None and office.organization is None and last_office is not None and listed:
            # in a list of titles ("A of the General Staff of Ukraine, B, and C") the country carries over
            office = OfficeRef(office.title_id, country_of(last_office), None, office.mention)
        person.offices.append(office)
        last_office = office
    return last_office
