"""Persons of one article, with their offices and ranks.

Full names are collected first; bare or garbled surnames ("Lecorneuil",
"Умєровим") then attach to the one full name of the article they fit. Offices and
ranks come from the words around each name (:mod:`ingest.extract.roles`).

Example:
    >>> from ingest.extract.persons import surname_fits
    >>> surname_fits("Lecorneuil", "Lecornu"), surname_fits("Kuleba", "Umerov")
    (True, False)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz

from graph.model import Mention
from graph.translit import phonetic_key, strip_uk_case
from ingest.extract.context import Context, SentenceView
from ingest.extract.roles import (
    OfficeRef,
    country_of,
    offices_from_window,
    window_left,
    window_right,
)
from ingest.extract.names import NameCandidate, find_name_candidates
from ingest.extract.match import load_defaults
from ingest.extract.tokens import parses_uk, word_is_known
from ingest.lexicon import load_lexicon

_CUE_KINDS = {"former", "counterpart", "background", "status", "same_day", "delegation"}


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
    a, b = _key(short), _key(full)
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


@lru_cache(maxsize=4096)
def _key(name: str) -> str:
    return phonetic_key(name)


def _bucket(surname: str) -> str:
    """What two surnames that fit each other share: the first 4 letters of their keys
    (every way :func:`surname_fits` accepts a pair needs them equal)."""
    return _key(surname)[:4]


def _normal_first(word: str, language: str, surname: str = "") -> str:
    """Nominative of a Ukrainian first name the dictionary knows ("Рустемом" -> "Рустем");
    a foreign name it only guesses at keeps its written form ("Довіле" stays)."""
    if language == "uk" and word_is_known(word.lower()):
        gender = "femn" if surname.endswith(("а", "я", "ська", "цька")) else "masc"
        parses = [(lemma, tag) for lemma, tag in parses_uk(word.lower()) if "Name" in tag and gender in tag]
        if any("nomn" in tag and lemma == word.lower() for lemma, tag in parses):
            return word  # already a nominative name
        for lemma, _ in parses:  # "Олександра Сирського" -> Олександр; "Кір Стармер" stays (not Кіра)
            return lemma[:1].upper() + lemma[1:]
    return word


_LOCATIVE = {"у", "в", "на", "при", "по", "о", "об"}


def _normal_surname(word: str, language: str, after: str = "") -> str:
    """Nominative of a surname; a locative reading only after a locative preposition."""
    return strip_uk_case(word, after in _LOCATIVE) if language == "uk" else word


def _split(cand: NameCandidate, ctx: Context, sent: SentenceView, language: str) -> tuple[str | None, str]:
    words = [t.text for t in sent.tokens[cand.i : cand.j]]
    after = sent.tokens[cand.i - 1].norm if cand.i > 0 else ""
    if len(words) == 1:
        return None, _normal_surname(words[0], language, after)
    first = _normal_first(words[0], language, words[-1])
    surname = " ".join(words[1:])
    if language == "uk":
        surname = " ".join(_normal_surname(w, language, after) for w in words[1:])
        last = _normal_surname(words[-1], language, after)
        ending = words[-1][len(last):] if words[-1].startswith(last) else ""
        if first == words[0] and ending and first.endswith(ending) and len(first) - len(ending) >= 3:
            first = first[: len(first) - len(ending)]  # "Троелсом Лундом Поульсеном": the name is declined too
    return first, surname


class _Builder:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.language = ctx.language
        self.persons: list[PersonDraft] = []
        self._buckets: dict[str, list[PersonDraft]] = {}  # _bucket(surname) -> persons, in article order

    def find(self, first: str | None, surname: str) -> PersonDraft | None:
        fits = [p for p in self._buckets.get(_bucket(surname), ()) if surname_fits(surname, p.surname)]
        if first:
            key = _key(first)
            same_first = [p for p in fits if p.first and _key(p.first) == key]
            if same_first:
                return same_first[0]
            exact = [p for p in fits if _key(p.surname) == _key(surname) and not p.first]
            if exact:
                return exact[0]
            whole = f"{first} {surname}"  # "Лунд Поульсен": a double surname, not a first name and a surname
            double = [p for p in self._buckets.get(_bucket(whole), ()) if p.first and " " in p.surname
                      and surname_fits(whole, p.surname)]
            return double[0] if len(double) == 1 else None
        full = [p for p in fits if p.first]
        pool = full or fits
        exact = [p for p in pool if _key(p.surname) == _key(surname)]
        if len(exact) == 1:
            return exact[0]
        return pool[0] if len(pool) == 1 else None

    def add(self, first, surname, form, mention) -> PersonDraft:
        person = self.find(first, surname)
        if person is None:
            person = PersonDraft(f"p{len(self.persons) + 1}", first, surname)
            self.persons.append(person)
            self._buckets.setdefault(_bucket(surname), []).append(person)
        elif first and not person.first:
            person.first = first
        person.forms.append(form)
        person.mentions.append(mention)
        return person


def extract_persons(ctx: Context) -> list[PersonDraft]:
    """Find the persons of the article with their mentions, offices and ranks."""
    b = _Builder(ctx)
    pending: list[tuple[NameCandidate, SentenceView]] = []
    pending_bounds: dict[int, tuple[set[int], set[int]]] = {}
    for sent in ctx.sentences:
        cue_ends = {k for k, tok in enumerate(sent.tokens) if tok.is_cap and k > 0
                    and any(m.kind in {"office", "rank", "counterpart"} for m in window_left(sent, k, ctx.language))}
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
        window = window_left(sent, cand.i, ctx.language, bounds[0])
        has_office = any(m.kind == "office" for m in window)
        if person is None and not (cand.confirmed and has_office):
            continue
        if person is None:
            person = b.add(None, surname, ctx.text(cand.start, cand.end), ctx.mention(cand.start, cand.end))
        else:
            person.forms.append(ctx.text(cand.start, cand.end))
            person.mentions.append(ctx.mention(cand.start, cand.end))
        _attach_role(person, cand, sent, ctx, None, bounds)
    default = (load_defaults().get("title_default_country") or {}).get(ctx.language)
    return [_qualify(p, default) for p in b.persons]


def _qualify(person: PersonDraft, default_country: str | None) -> PersonDraft:
    """An office named without its country takes the country the same person's same
    title has elsewhere in the article ("Ukraine's Defense Minister Rustem Umerov ...
    Defense Minister Umerov said"); else, for a national title, the default country of
    the article's language (Ukrainian media name foreign officials with their country:
    a bare "президент" is Ukraine's), marked as assumed so that resolution lets a
    country stated elsewhere win."""
    lex = load_lexicon()
    qualified = {o.title_id: o for o in person.offices if o.country or o.organization}
    offices = []
    for office in person.offices:
        if not (office.country or office.organization) and office.title_id in qualified:
            full = qualified[office.title_id]
            office = OfficeRef(office.title_id, full.country, full.organization, office.mention)
        elif not (office.country or office.organization) and default_country \
                and (lex.offices[office.title_id].attr("org_kind") or "") not in lex.organizations:
            office = OfficeRef(office.title_id, default_country, None, office.mention, assumed=True)
        offices.append(office)
    person.offices = offices
    return person


def _attach_role(person: PersonDraft, cand: NameCandidate, sent: SentenceView, ctx: Context,
                 last_office: OfficeRef | None, bounds: tuple[set[int], set[int]]) -> OfficeRef | None:
    window = window_left(sent, cand.i, ctx.language, bounds[0])
    offices, rank = offices_from_window(window, last_office, ctx)
    if not offices:  # an apposition in the present tense counts even after "replaced X"
        right = window_right(sent, cand.j, bounds[1])
        if right:
            offices, _ = offices_from_window(right, None, ctx)
    if rank and not person.rank:
        person.rank = rank
    listed = any(m.kind == "and" for m in window) or (cand.i > 0 and sent.tokens[cand.i - 1].text == ",")
    for office in offices:
        if office.country is None and office.organization is None and last_office is not None and listed:
            # in a list of titles ("A of the General Staff of Ukraine, B, and C") the country carries over
            office = OfficeRef(office.title_id, country_of(last_office), None, office.mention)
        person.offices.append(office)
        last_office = office
    return last_office
