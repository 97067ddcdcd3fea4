"""Cross-article resolution: one global IRI for every entity and event.

``resolve`` is a pure function of the *set* of records: any order of the same
records gives the same :class:`Resolution`, IRIs included, because every choice
below is made in an order fixed by article ids and local keys.

Persons are linked pairwise, strongest evidence first, and merged with a
union-find that refuses any merge putting two conflicting mentions together
(cannot-link): a different first name, a different country, different offices
(unless the first names agree), or an analyst's "different" decision.

1. analysts' "same" decisions (must-link);
2. same first name and same surname key (``phonetic_key``, Ukrainian case
   endings stripped, so Умєровим = Umerov);
3. same first name and a garbled surname (Lecorne ~ Lecornu: same 4-letter key
   prefix and a high rapidfuzz ratio, or a truncation);
4. within one article, a bare or garbled surname that fits exactly one
   full-named person of the article;
5. a shared office (title + country) with a same or garbled surname;
6. a same surname key that fits exactly one full-named person across articles.

Events of different articles are one event when their participants overlap
(two shared persons, or one plus the same body or place), kind, subtype and
factuality agree and dates fit (see :func:`_cluster_events`). ``BlockIndex``
says which stored articles a new one can touch, so a big store re-resolves only
that block and merges it in (:func:`merge_resolution`).

Example:
    >>> from graph.model import ArticleRecord, Entity
    >>> def rec(article_id, name, lang):
    ...     return ArticleRecord(article_id, "", "", (), lang, entities=(Entity("p1", "person", name, lang),))
    >>> r = resolve([rec("a", "Rustem Umerov", "en"), rec("b", "Умєровим", "uk")])
    >>> r.iri[("b", "p1")]
    'https://w3id.org/ddgraph/id/person/rustem-umerov'
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from rapidfuzz import fuzz

from graph.curation import Decisions
from graph.iri import event_iri, group_iri, lexicon_iri, office_iri, person_iri, slug
from graph.model import ArticleRecord, Entity, Event
from graph.translit import (
    first_name_id,
    first_name_variants,
    fold,
    is_cyrillic,
    is_feminine_name,
    is_patronymic,
    kmu2010,
    phonetic_key,
    preferred_first_name,
    strip_uk_case,
)

Node = tuple[str, str]  # (article_id, local key)
_PUNCT = ".,;:()[]\"'«»“”„"
_LEXICON_KINDS = ("country", "place", "organization", "system")
_PARTICLES = {
    "de", "da", "di", "van", "von", "der", "den", "la", "le", "du", "al", "bin", "ibn",
    "фон", "дер", "де", "ван", "ле", "ла", "дю", "аль", "да", "ді",
}  # fmt: skip


@dataclass(frozen=True)
class Resolution:
    """Global identities of everything a set of records names.

    Attributes:
        iri: (article_id, local key) -> IRI, for every entity and event.
        label: IRI -> (canonical label, lang); persons get a canonical English label.
        alt_labels: IRI -> every other (form, lang) seen, the canonical label excluded.
    """

    iri: Mapping[tuple[str, str], str]
    label: Mapping[str, tuple[str, str]]
    alt_labels: Mapping[str, frozenset[tuple[str, str]]]


# --- names --------------------------------------------------------------------


def split_name(name: str) -> tuple[str | None, str]:
    """Split a person name into (first name or None, surname); a patronymic is dropped.

    Example:
        >>> split_name("Умєров Рустем Ахмедович"), split_name("Lecornu")
        (('Рустем', 'Умєров'), (None, 'Lecornu'))
        >>> split_name("Ursula von der Leyen")
        ('Ursula', 'von der Leyen')
    """
    toks = [t for t in (t.strip(_PUNCT) for t in name.split()) if t]
    if not toks:
        return None, ""
    if len(toks) >= 3 and is_patronymic(toks[-1]) and first_name_id(toks[-2]):  # Surname First Patronymic
        toks = toks[:-1]
    elif len(toks) >= 3 and is_patronymic(toks[1]):  # First Patronymic Surname
        toks = [toks[0], *toks[2:]]
    if len(toks) > 1 and first_name_id(toks[-1]) and not first_name_id(toks[0]):
        toks = [toks[-1], *toks[:-1]]
    i = len(toks) - 1
    while i > 0 and toks[i - 1].lower() in _PARTICLES:
        i -= 1
    return (toks[0] if i > 0 else None), " ".join(toks[i:])


_HUSH = re.compile(r"([szc])h")


@lru_cache(maxsize=65536)
def surname_keys(surname: str) -> frozenset[str]:
    """Phonetic keys of a surname as written and with its case ending stripped, each
    also without the "h" of sh/zh/ch (Lithuanian, Czech, Polish š/ž/č fold to s/z/c).

    Example:
        >>> sorted(surname_keys("Умєровим")), sorted(surname_keys("Umerov's"))
        (['umerov', 'umerovim'], ['umerov', 'umerovs'])
        >>> bool(surname_keys("Šakalienė") & surname_keys("Шакалене") & surname_keys("Sakaliene"))
        True
    """
    head, _, last = surname.rpartition(" ")
    stripped = strip_uk_case(last) if is_cyrillic(last) else re.sub(r"['’]s$", "", last)
    forms = {surname, f"{head} {stripped}".strip()}
    keys = {k for k in ("".join(phonetic_key(f).split()) for f in forms) if k}
    # Šakalienė folds to "sakalene" but Шакалене reads "shakalene": compare without the hushing h too
    return frozenset(keys | {_HUSH.sub(r"\1", k) for k in keys})


def garbled(a: str, b: str) -> bool:
    """Tell whether two surname keys look like one name garbled or truncated.

    Example:
        >>> garbled("lekornu", "lekorneuil"), garbled("shevtsov", "shevhenko")
        (True, False)
    """
    if len(a) < 4 or len(b) < 4 or a[:4] != b[:4]:
        return False
    if a.startswith(b) or b.startswith(a):
        return min(len(a), len(b)) >= 5
    return fuzz.ratio(a, b) >= 75


@lru_cache(maxsize=65536)
def first_name_relation(a: str | None, b: str | None) -> str:
    """Compare two given names: "same", "different" or "unknown".

    Example:
        >>> first_name_relation("Denis", "Денис"), first_name_relation("Dmytro", "Oleksiy")
        ('same', 'different')
    """
    if not a or not b:
        return "unknown"
    ka, kb = (phonetic_key(strip_uk_case(x)).replace(" ", "") for x in (a, b))
    va = {ka, *(phonetic_key(v).replace(" ", "") for v in first_name_variants(a))}
    vb = {kb, *(phonetic_key(v).replace(" ", "") for v in first_name_variants(b))}
    if len(ka) == 1 or len(kb) == 1:
        return "unknown" if {k[:1] for k in va} & {k[:1] for k in vb} else "different"
    ia, ib = first_name_id(a), first_name_id(b)
    if ia and ib:
        return "same" if ia == ib else "different"
    if va & vb or max(fuzz.ratio(x, y) for x in va for y in vb) >= 85:
        return "same"
    return "different" if is_cyrillic(a) == is_cyrillic(b) else "unknown"


# --- persons --------------------------------------------------------------------


@dataclass(frozen=True)
class _Person:
    node: Node
    entity: Entity
    first: str | None
    keys: frozenset[str]  # surname keys
    offices: frozenset[tuple[str, str]]
    countries: frozenset[str]
    terms: frozenset[str]  # decision terms this mention matches

    @property
    def sig(self) -> tuple:
        return (self.first, self.offices, self.countries, self.terms)

    @property
    def names(self) -> tuple:
        return (self.first or "", tuple(sorted(self.keys)))


def _ref_id(record: ArticleRecord, value: str | None) -> str:
    """Lexicon id behind an attribute value that may be a local key."""
    if not value:
        return ""
    ent = record.entity(value)
    if ent is not None:
        return ent.lexicon_id or slug(ent.name)
    return value.split(":", 1)[1] if ":" in value else value


def _term_slug(term: str) -> str:
    return term.rsplit("/person/", 1)[1] if "/person/" in term else slug(term)


def _persons(records: Sequence[ArticleRecord], decisions: Decisions) -> list[_Person]:
    terms = {t: _term_slug(t) for t in decisions.terms()}
    out = []
    for rec in records:
        for ent in rec.entities:
            if ent.kind != "person":
                continue
            offices = set()
            for fact in rec.facts:
                if (fact.subject, fact.predicate) != (ent.key, "holdsRole"):
                    continue
                office = rec.entity(fact.object)
                if office is not None and office.kind == "office":
                    title = office.lexicon_id or slug(office.attr("title") or office.name)
                    offices.add((title, _ref_id(rec, office.attr("country"))))
            countries = {_ref_id(rec, v) for k, v in ent.attrs if k == "country"} | {c for _, c in offices if c}
            first, surname = split_name(ent.name)
            slugs = {slug(f) for f in (ent.name, *ent.forms)}
            slugs |= {f"{slug(ent.name)}-{slug('-'.join(o))}" for o in offices}
            matched = frozenset(t for t, s in terms.items() if s in slugs)
            keys = surname_keys(surname) if surname else frozenset()
            node = (rec.article_id, ent.key)
            out.append(_Person(node, ent, first, keys, frozenset(offices), frozenset(countries), matched))
    return sorted(out, key=lambda p: p.node)


def _same_office(a: tuple[str, str], b: tuple[str, str]) -> bool:
    """Same title, and the same country when both are known."""
    return a[0] == b[0] and (a[1] == b[1] or not a[1] or not b[1])


def _conflict(x: tuple, y: tuple, different: frozenset[tuple[str, str]]) -> str | None:
    """"hard" (an analyst said different), "soft" (evidence says different) or None."""
    (fx, ox, cx, tx), (fy, oy, cy, ty) = x, y
    if any((a in tx and b in ty) or (b in tx and a in ty) for a, b in different):
        return "hard"
    rel = first_name_relation(fx, fy)
    if rel == "different" or (cx and cy and not cx & cy):
        return "soft"
    if ox and oy and rel != "same" and not any(_same_office(a, b) for a in ox for b in oy):
        return "soft"
    return None


class _Clusters:
    """Union-find over person mentions that keeps the distinct feature signatures of each cluster."""

    def __init__(self, persons: list[_Person], different: frozenset[tuple[str, str]]) -> None:
        self.parent = {p.node: p.node for p in persons}
        self.sigs = {p.node: {p.sig} for p in persons}
        self.full = {p.node: p.first is not None for p in persons}
        self.different = different

    def find(self, n: Node) -> Node:
        while self.parent[n] != n:
            self.parent[n] = self.parent[self.parent[n]]
            n = self.parent[n]
        return n

    def compatible(self, ra: Node, rb: Node, forced: bool = False) -> bool:
        blocking = {"hard"} if forced else {"hard", "soft"}
        pairs = ((x, y) for x in self.sigs[ra] for y in self.sigs[rb])
        return not any(_conflict(x, y, self.different) in blocking for x, y in pairs)

    def union(self, a: Node, b: Node, forced: bool = False) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if not self.compatible(ra, rb, forced):
            return False
        ra, rb = min(ra, rb), max(ra, rb)
        self.parent[rb] = ra
        self.sigs[ra] |= self.sigs.pop(rb)
        self.full[ra] = self.full[ra] or self.full.pop(rb)
        return True


def _greedy(uf: _Clusters, nodes: Iterable[Node]) -> None:
    """Join each node, in order, to the first compatible cluster already formed among ``nodes``."""
    roots: list[Node] = []
    for n in sorted(nodes):
        if not any(uf.union(r, n) for r in roots):
            roots.append(n)
        roots = sorted({uf.find(r) for r in roots})


def _components(edges: Iterable[tuple]) -> list[list]:
    """Connected components of the nodes of ``edges``, each sorted, in sorted order."""
    edges = list(edges)
    parent = {x: x for e in edges for x in e}

    def find(x):
        while parent[x] != x:
            x = parent[x]
        return x

    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    comps: dict = defaultdict(list)
    for x in parent:
        comps[find(x)].append(x)
    return sorted(sorted(c) for c in comps.values())


def _link_persons(persons: list[_Person], decisions: Decisions) -> _Clusters:
    uf = _Clusters(persons, decisions.different)
    for a, b in sorted(decisions.same):  # 1. must-link
        group = [p.node for p in persons if a in p.terms or b in p.terms]
        for n in group[1:]:
            uf.union(group[0], n, forced=True)
    # Relations are computed between name groups (first name, surname keys), not mentions.
    groups: dict[tuple, list[_Person]] = defaultdict(list)
    for p in persons:
        groups[p.names].append(p)
    buckets: dict[str, set[tuple]] = defaultdict(set)
    for g in groups:
        for k in g[1]:
            buckets[k[:4]].add(g)
    exact, fuzzy = set(), set()
    for names in buckets.values():
        for g, h in ((g, h) for g in names for h in names if g <= h):
            if set(g[1]) & set(h[1]):
                exact.add((g, h))
            elif any(garbled(x, y) for x in g[1] for y in h[1]):
                fuzzy.add((g, h))
    same = lambda g, h: first_name_relation(g[0] or None, h[0] or None) == "same"  # noqa: E731
    nodes_of = lambda comp: [p.node for g in comp for p in groups[g]]  # noqa: E731
    for rel in (exact, fuzzy):  # 2. same first name, same surname; 3. ... garbled surname
        for comp in _components([(g, h) for g, h in rel if same(g, h)]):
            _greedy(uf, nodes_of(comp))
    related = exact | fuzzy | {(h, g) for g, h in exact | fuzzy}
    by_article: dict[str, list[_Person]] = defaultdict(list)
    for p in persons:
        by_article[p.node[0]].append(p)
    for p in persons:  # 4. within one article: fits exactly one full-named person
        if p.first is None:
            fits = {uf.find(q.node) for q in by_article[p.node[0]] if q.first and (p.names, q.names) in related}
            fits.discard(uf.find(p.node))
            if len(fits) == 1:
                uf.union(p.node, fits.pop())
    by_office: dict[tuple, list[_Person]] = defaultdict(list)
    for p in persons:
        for o in p.offices:
            by_office[o].append(p)
    for office in sorted(by_office):  # 5. shared office, same or garbled surname
        names = {p.names for p in by_office[office]}
        for comp in _components([(g, h) for g, h in related if g in names and h in names]):
            _greedy(uf, [p.node for p in by_office[office] if p.names in comp])
    _link_unique_surnames(uf, persons)  # 6.
    return uf


def _link_unique_surnames(uf: _Clusters, persons: list[_Person]) -> None:
    """A cluster joins the one full-named cluster sharing a surname key; bare leftovers join each other."""
    keys_of: dict[Node, set[str]] = defaultdict(set)
    for p in persons:
        keys_of[uf.find(p.node)] |= p.keys
    full_by_key: dict[str, set[Node]] = defaultdict(set)
    for root, keys in keys_of.items():
        if uf.full[root]:
            for k in keys:
                full_by_key[k].add(root)
    plan, orphans = [], defaultdict(list)
    for root in sorted(keys_of):
        near = {t for k in keys_of[root] for t in full_by_key[k] if t != root}
        full = sorted(t for t in near if uf.compatible(root, t))
        if len(full) == 1:
            plan.append((root, full[0]))
        elif not full and not uf.full[root]:
            for k in keys_of[root]:
                orphans[k].append(root)
    for a, b in plan:
        uf.union(a, b)
    chains = [(ns[i], ns[i + 1]) for ns in orphans.values() for i in range(len(ns) - 1)]
    for comp in _components(chains):
        _greedy(uf, comp)


def _forms(ent: Entity) -> list[str]:
    """The entity's name and surface forms, blanks dropped."""
    return [f for f in (ent.name, *ent.forms) if f.strip()]


def _best(counts: Mapping[str, set[str]]) -> str:
    """The form seen in most articles; ties go to the lexicographically smallest."""
    return min(counts, key=lambda f: (-len(counts[f]), f))


def _nominative(first: str | None, surname: str) -> tuple[str | None, str]:
    if first and is_feminine_name(first):
        return first, surname
    head, _, last = surname.rpartition(" ")
    return (strip_uk_case(first) if first else None), f"{head} {strip_uk_case(last)}".strip()


def person_label(forms: Iterable[tuple[str, str]]) -> str:
    """Canonical English label of a person from its (form, article id) pairs.

    The most frequent full Latin form by folded key (articles counted), with
    diacritics preferred inside the key; else the KMU 2010 form of the commonest
    Cyrillic nominative, first name from the table, surname from a matching Latin
    form when one was seen; else the commonest surname.

    Example:
        >>> person_label([("Sebastien Lecornu", "a"), ("Sébastien Lecornu", "b"), ("Lecorne", "b")])
        'Sébastien Lecornu'
        >>> person_label([("Олександр Балануца", "a"), ("Балануца", "a")])
        'Oleksandr Balanutsa'
    """
    latin: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    cyrillic: dict[tuple[str, str], set[str]] = defaultdict(set)
    latin_bare: dict[str, set[str]] = defaultdict(set)
    cyrillic_bare: dict[str, set[str]] = defaultdict(set)
    for form, article in forms:
        first, surname = split_name(form)
        if not surname:
            continue
        if first and len(first.rstrip(".")) < 2:  # an initial makes no label
            first = None
        if is_cyrillic(form):
            first, surname = _nominative(first, surname)
            (cyrillic[(first, surname)] if first else cyrillic_bare[surname]).add(article)
        else:
            if first:
                text = " ".join(t.strip(_PUNCT) for t in form.split())
                latin[fold(text)][text].add(article)
            latin_bare[surname].add(article)
    if latin:
        articles = {key: set().union(*by_form.values()) for key, by_form in latin.items()}
        by_form = latin[_best(articles)]
        return min(by_form, key=lambda f: (fold(f) == f.casefold(), -len(by_form[f]), f))
    if cyrillic:
        first, surname = min(cyrillic, key=lambda k: (-len(cyrillic[k]), k))
    elif cyrillic_bare and not latin_bare:
        first, surname = None, _best(cyrillic_bare)
    else:
        return _best(latin_bare) if latin_bare else ""
    keys = surname_keys(surname)
    matching = {s: a for s, a in latin_bare.items() if surname_keys(s) & keys}
    latin_surname = _best(matching) if matching else kmu2010(surname)
    return f"{preferred_first_name(first)} {latin_surname}" if first else latin_surname


def _person_iris(persons: list[_Person], uf: _Clusters) -> dict[str, tuple[str, list[_Person]]]:
    """IRI -> (canonical label, members) of each person cluster.

    Clusters whose labels give one slug keep it in order of article count (then
    smallest mention); the others add their first office, else an ordinal.
    """
    clusters: dict[Node, list[_Person]] = defaultdict(list)
    for p in persons:
        clusters[uf.find(p.node)].append(p)
    labels = {}
    for root, ms in clusters.items():
        labels[root] = person_label((f, p.node[0]) for p in ms for f in _forms(p.entity))
    by_slug: dict[str, list[Node]] = defaultdict(list)
    for root in sorted(clusters):
        by_slug[slug(labels[root])].append(root)
    out: dict[str, tuple[str, list[_Person]]] = {}
    for roots in by_slug.values():
        roots.sort(key=lambda r: (-len({p.node[0] for p in clusters[r]}), r))
        for n, root in enumerate(roots):
            offices = sorted("-".join(x for x in o if x) for p in clusters[root] for o in p.offices)
            candidates = [person_iri(labels[root])] if n == 0 else []
            candidates += [person_iri(labels[root], o) for o in offices[:1]]
            candidates.append(person_iri(labels[root], str(n + 1)))
            iri = next(c for c in candidates if c not in out)
            out[iri] = (labels[root], clusters[root])
    return out


# --- other entities -----------------------------------------------------------


def entity_iri(record: ArticleRecord, ent: Entity) -> str:
    """IRI of a non-person entity: from its lexicon id, office title or name.

    Example:
        >>> rec = ArticleRecord("a", "a.txt", "", (), "en")
        >>> attrs = (("country", "ukraine"),)
        >>> entity_iri(rec, Entity("o1", "office", "Minister of Defence", "en", "defence-minister", attrs=attrs))
        'https://w3id.org/ddgraph/id/office/defence-minister-ukraine'
    """
    if ent.kind == "office":
        title = ent.lexicon_id or ent.attr("title") or ent.name
        country, org = (_ref_id(record, ent.attr(name)) or None for name in ("country", "organization"))
        return office_iri(title, country, org)
    if ent.kind in _LEXICON_KINDS and (ent.lexicon_id or ent.kind != "organization"):
        return lexicon_iri(ent.kind, ent.lexicon_id or ent.name)
    return group_iri(ent.name)


def _label_key(pair: tuple[str, str]) -> tuple:
    return (pair[1] != "en", pair[0], pair[1])


# --- events -------------------------------------------------------------------

_STATUS_GROUP = {"happened": "happened", "reported": "happened", "planned": "planned", "denied": "denied"}
_SUBTYPE_GROUP = {"visit": "in-person"}


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


@dataclass(frozen=True)
class _Ev:
    node: Node
    ev: Event
    parts: frozenset[str]  # participant IRIs (agreements: parties)
    persons: frozenset[str]
    loc: str | None
    day: date | None
    bound: date | None
    topics: frozenset[str]
    items: frozenset[str]  # item IRIs and folded item descriptions
    signers: frozenset[str]
    provider: str | None
    recipient: str | None

    @property
    def floating(self) -> bool:
        return self.day is None and self.bound is None


def _events(records: Sequence[ArticleRecord], iri: Mapping[Node, str], person_iris: set[str]) -> list[_Ev]:
    out = []
    for rec in records:
        g = lambda key: iri.get((rec.article_id, key)) if key else None  # noqa: E731
        for ev in rec.events:
            parts = frozenset(x for x in map(g, ev.participants) if x)
            items = {x for x in map(g, ev.items) if x} | {"text:" + fold(d) for d in ev.item_descriptions}
            out.append(
                _Ev(
                    (rec.article_id, ev.key), ev, parts, parts & person_iris, g(ev.location), _day(ev.date),
                    _day(ev.not_after), frozenset(ev.topics), frozenset(items),
                    frozenset(x for x in map(g, ev.signatories) if x), g(ev.provider), g(ev.recipient),
                )  # fmt: skip
            )
    return sorted(out, key=lambda e: e.node)


def _eligible(a: _Ev, b: _Ev) -> bool:
    """Could two events of different articles be one event (dates aside)?"""
    if a.node[0] == b.node[0] or a.ev.kind != b.ev.kind:
        return False
    if _STATUS_GROUP.get(a.ev.status, a.ev.status) != _STATUS_GROUP.get(b.ev.status, b.ev.status):
        return False
    sa, sb = (_SUBTYPE_GROUP.get(e.ev.subtype, e.ev.subtype) for e in (a, b))
    if sa and sb and sa != sb:
        return False
    if a.ev.kind == "meeting":
        shared = len(a.persons & b.persons)
        same_body = bool((a.parts - a.persons) & (b.parts - b.persons))
        return shared >= 2 or (shared == 1 and (same_body or (a.loc is not None and a.loc == b.loc)))
    if a.ev.kind == "aid":
        same_ends = a.provider is not None and (a.provider, a.recipient) == (b.provider, b.recipient)
        return same_ends and (bool(a.items & b.items) or not (a.items or b.items))
    return (bool(a.parts) and a.parts == b.parts) or bool(a.signers & b.signers)


def _dates_ok(a: _Ev, b: _Ev) -> bool:
    """Explicit dates within a day; a date and a publication bound within 10 days after it."""
    if a.day and b.day:
        return abs((a.day - b.day).days) <= 1
    if a.day or b.day:
        day, bound = (a.day, b.bound) if a.day else (b.day, a.bound)
        return bound is None or -1 <= (bound - day).days <= 10
    if a.bound and b.bound:
        return abs((a.bound - b.bound).days) <= 10
    return True


def _jaccard(a: frozenset, b: frozenset) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def _score(e: _Ev, parts: frozenset, topics: frozenset, locs: set) -> float:
    """How well ``e`` fits a (cluster of) event(s): its participants found there first."""
    contained = len(e.parts & parts) / len(e.parts) if e.parts else 0.0
    near = _jaccard(e.parts, parts) + _jaccard(e.topics, topics) + (e.loc is not None and e.loc in locs)
    return round(contained + 0.5 * near, 9)


def _blocking(e: _Ev) -> set[str]:
    """Keys two events must share to be eligible: two persons, a person and a body or place..."""
    if e.ev.kind == "meeting":
        ps = sorted(e.persons)
        extra = sorted((e.parts - e.persons) | ({e.loc} if e.loc else set()))
        keys = {f"{a}|{b}" for i, a in enumerate(ps) for b in ps[i + 1 :]}
        keys |= {f"{a}|@{x}" for a in ps for x in extra}
    elif e.ev.kind == "aid":
        keys = {f"{e.provider}>{e.recipient}"}
    else:
        keys = set(e.parts | e.signers)
    return {f"{e.ev.kind}|{k}" for k in keys}


def _candidate_pairs(evs: list[_Ev]) -> set[tuple[Node, Node]]:
    """Pairs sharing a blocking key, dated ones only within 12-day bins next to each other."""
    index: dict[str, dict[int | None, list[Node]]] = defaultdict(lambda: defaultdict(list))
    for e in evs:
        when = e.day or e.bound
        for key in _blocking(e):
            index[key][when.toordinal() // 12 if when else None].append(e.node)
    pairs = set()
    for bins in index.values():
        every = [n for ns in bins.values() for n in ns]
        for b, ns in bins.items():
            pool = every if b is None else ns + bins.get(b + 1, []) + bins.get(None, [])
            pairs |= {(min(a, c), max(a, c)) for a in ns for c in pool if a != c}
    return pairs


def _cluster_events(evs: list[_Ev]) -> dict[Node, Node]:
    """Cluster events; return node -> cluster root (its smallest node)."""
    by_node = {e.node: e for e in evs}
    root = {e.node: e.node for e in evs}
    members = {e.node: [e] for e in evs}
    articles = {e.node: {e.node[0]} for e in evs}
    # date span of a cluster: first and last day, first and last bound (of undated members)
    span = {e.node: (e.day, e.day, None if e.day else e.bound, None if e.day else e.bound) for e in evs}

    def merged_span(a: tuple, b: tuple) -> tuple | None:
        lo = lambda x, y: y if x is None else x if y is None else min(x, y)  # noqa: E731
        hi = lambda x, y: y if x is None else x if y is None else max(x, y)  # noqa: E731
        d0, d1, b0, b1 = lo(a[0], b[0]), hi(a[1], b[1]), lo(a[2], b[2]), hi(a[3], b[3])
        if d0 and (d1 - d0).days > 1 or b0 and (b1 - b0).days > 10:
            return None
        if d0 and b0 and ((b0 - d1).days < -1 or (b1 - d0).days > 10):
            return None
        return d0, d1, b0, b1

    def join(a: Node, b: Node) -> None:
        ra, rb = sorted((root[a], root[b]))
        if ra == rb or articles[ra] & articles[rb]:
            return
        new_span = merged_span(span[ra], span[rb])
        if new_span is None:
            return
        for m in members[rb]:
            root[m.node] = ra
        members[ra] += members.pop(rb)
        articles[ra] |= articles.pop(rb)
        span[ra] = new_span

    pairs = {(a, b) for a, b in _candidate_pairs(evs) if _eligible(by_node[a], by_node[b])}
    links = []
    for a, b in pairs:
        x, y = by_node[a], by_node[b]
        if not x.floating and not y.floating and _dates_ok(x, y):
            links.append((-_score(x, y.parts, y.topics, {y.loc}), a, b))
    for _, a, b in sorted(links):
        join(a, b)
    snapshot = {}
    for r, ms in members.items():
        parts, topics = (frozenset().union(*(getattr(m, a) for m in ms)) for a in ("parts", "topics"))
        snapshot[r] = (parts, topics, {m.loc for m in ms})
    near: dict[Node, set[Node]] = defaultdict(set)
    for a, b in pairs:
        near[a].add(b)
        near[b].add(a)
    floating = [e for e in evs if e.floating]
    choice = {}
    for f in floating:  # an undated event joins the single best dated cluster, if any
        cands = {root[n] for n in near[f.node] if not by_node[n].floating}
        cands = {r for r in cands if f.node[0] not in articles[r]}
        scored = sorted((-_score(f, *snapshot[r]), r) for r in cands)
        if scored and (len(scored) == 1 or scored[0][0] < scored[1][0]):
            choice[f.node] = scored[0][1]
    for node, target in sorted(choice.items()):
        join(node, target)
    rest = {f.node for f in floating if f.node not in choice}
    for a, b in sorted(p for p in pairs if p[0] in rest and p[1] in rest):
        join(a, b)
    return root


def _event_labels(members: list[_Ev]) -> tuple[tuple[str, str], frozenset[tuple[str, str]]]:
    """Label of the first member (in node order) with a Latin-script label; the others as alt labels."""
    labels = [(m.ev.label, "uk" if is_cyrillic(m.ev.label) else "en") for m in members if m.ev.label.strip()]
    latin = [x for x in labels if x[1] == "en"]
    label = (latin or labels or [(members[0].ev.kind, "en")])[0]
    return label, frozenset(x for x in labels if x != label)


# --- resolution ---------------------------------------------------------------


def resolve(records: Sequence[ArticleRecord], decisions: Decisions | None = None) -> Resolution:
    """Give every entity and event of ``records`` its global IRI, label and alt labels.

    Args:
        records: the articles, in any order (article ids must be unique).
        decisions: analysts' same/different decisions about persons.

    Example:
        >>> from graph.model import ArticleRecord, Entity
        >>> recs = [ArticleRecord(i, "", "", (), "en", entities=(Entity("p1", "person", n, "en"),))
        ...         for i, n in (("a", "Dmytro Kuleba"), ("b", "Oleksiy Kuleba"))]
        >>> sorted(set(resolve(recs).iri.values()))[0]
        'https://w3id.org/ddgraph/id/person/dmytro-kuleba'
    """
    decisions = decisions or Decisions()
    records = sorted(records, key=lambda r: r.article_id)
    ids = [r.article_id for r in records]
    if len(set(ids)) != len(ids):
        raise ValueError("resolve: duplicate article ids")
    iri: dict[Node, str] = {}
    label: dict[str, tuple[str, str]] = {}
    alts: dict[str, set[tuple[str, str]]] = defaultdict(set)
    persons = _persons(records, decisions)
    clusters = _person_iris(persons, _link_persons(persons, decisions))
    for piri, (text, members) in clusters.items():
        label[piri] = (text, "en")
        alts[piri] = {(f, p.entity.lang) for p in members for f in _forms(p.entity) if f != text}
        iri.update((p.node, piri) for p in members)
    names: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for rec in records:
        for ent in rec.entities:
            if ent.kind == "person":
                continue
            node_iri = iri[(rec.article_id, ent.key)] = entity_iri(rec, ent)
            names[node_iri].add((ent.name, ent.lang))
            alts[node_iri] |= {(f, ent.lang) for f in (ent.name, *ent.forms) if f.strip()}
    _qualify_offices(records, iri)
    for node_iri, pairs in names.items():
        label[node_iri] = min(pairs, key=_label_key)
        alts[node_iri].discard(label[node_iri])
    evs = _events(records, iri, set(clusters))
    root = _cluster_events(evs)
    groups: dict[Node, list[_Ev]] = defaultdict(list)
    for e in evs:
        groups[root[e.node]].append(e)
    for r, members in groups.items():
        ev_iri = event_iri(members[0].ev.kind, min(f"{m.node[0]}:{m.node[1]}" for m in members))
        label[ev_iri], alts[ev_iri] = _event_labels(members)
        for m in members:
            iri[m.node] = ev_iri
    return Resolution(
        iri=dict(sorted(iri.items())),
        label=dict(sorted(label.items())),
        alt_labels={k: frozenset(alts[k]) for k in sorted(label)},
    )


def _qualify_offices(records: Sequence[ArticleRecord], iri: dict[Node, str]) -> None:
    """An office named without country or body ("Defense Minister Umerov") becomes the
    office of the same title that the same person holds with a country elsewhere, when
    there is exactly one such office."""
    bare: list[tuple[Node, str, str]] = []  # (office node, person IRI, title)
    known: dict[tuple[str, str], set[str]] = defaultdict(set)
    for rec in records:
        offices = {e.key: e for e in rec.entities if e.kind == "office"}
        for f in rec.facts:
            office = offices.get(f.object) if f.predicate == "holdsRole" else None
            if office is None or (rec.article_id, f.subject) not in iri:
                continue
            person, title = iri[(rec.article_id, f.subject)], office.lexicon_id or office.name
            if office.attr("country") or office.attr("organization"):
                known[(person, title)].add(iri[(rec.article_id, office.key)])
            else:
                bare.append(((rec.article_id, office.key), person, title))
    for node, person, title in bare:
        if len(known.get((person, title), ())) == 1:
            iri[node] = next(iter(known[(person, title)]))


# --- incremental resolution ---------------------------------------------------


def blocking_keys(record: ArticleRecord, decisions: Decisions | None = None) -> frozenset[str]:
    """Keys that any cross-article link of this record must share with the other article.

    Persons: the 4-letter prefix of each surname key; analysts' "same" pairs the
    record's persons match; aid: provider>recipient; agreements: non-person parties.
    Meetings link only through shared persons, so person keys cover them.

    Example:
        >>> from graph.model import ArticleRecord, Entity
        >>> person = Entity("p1", "person", "Умєровим", "uk")
        >>> sorted(blocking_keys(ArticleRecord("a", "", "", (), "uk", entities=(person,))))
        ['p:umer']
    """
    decisions = decisions or Decisions()
    keys = set()
    persons = _persons([record], decisions)
    for p in persons:
        keys |= {f"p:{k[:4]}" for k in p.keys}
    for a, b in decisions.same:
        if any(a in p.terms or b in p.terms for p in persons):
            keys.add(f"d:{a}|{b}")
    ent_iri = {e.key: entity_iri(record, e) for e in record.entities if e.kind != "person"}
    for ev in record.events:
        if ev.kind == "aid":
            keys.add(f"aid:{ent_iri.get(ev.provider or '')}>{ent_iri.get(ev.recipient or '')}")
        elif ev.kind == "agreement":
            parties = (*ev.participants, *ev.signatories)
            keys |= {f"agr:{ent_iri[k]}" for k in parties if k in ent_iri}
    return frozenset(keys)


class BlockIndex:
    """Blocking keys of stored articles, to find the block a new article touches.

    Example:
        >>> from graph.model import ArticleRecord, Entity
        >>> rec = lambda i, n: ArticleRecord(i, "", "", (), "en", entities=(Entity("p1", "person", n, "en"),))
        >>> index = BlockIndex.from_records([rec("a", "Rustem Umerov"), rec("b", "Lecornu")])
        >>> sorted(index.affected([rec("c", "Umerov")]))
        ['a', 'c']
    """

    def __init__(self, stored_keys: Mapping[str, Iterable[str]] | None = None) -> None:
        self.keys: dict[str, frozenset[str]] = {}
        self.articles: dict[str, set[str]] = defaultdict(set)
        for article_id, keys in (stored_keys or {}).items():
            self._put(article_id, frozenset(keys))

    def _put(self, article_id: str, keys: frozenset[str]) -> None:
        for k in self.keys.get(article_id, ()):
            self.articles[k].discard(article_id)
        self.keys[article_id] = keys
        for k in keys:
            self.articles[k].add(article_id)

    @classmethod
    def from_records(cls, records: Iterable[ArticleRecord], decisions: Decisions | None = None) -> BlockIndex:
        """Index the blocking keys of ``records``."""
        index = cls()
        for rec in records:
            index.add(rec, decisions)
        return index

    def add(self, record: ArticleRecord, decisions: Decisions | None = None) -> None:
        """Index (or re-index) one record."""
        self._put(record.article_id, blocking_keys(record, decisions))

    def affected(self, new: Sequence[ArticleRecord], decisions: Decisions | None = None) -> set[str]:
        """Ids of the stored articles connected to ``new`` through shared keys, plus the new ids."""
        seen_keys: set[str] = set()
        todo = [k for rec in new for k in blocking_keys(rec, decisions)]
        found = {rec.article_id for rec in new}
        while todo:
            key = todo.pop()
            if key in seen_keys:
                continue
            seen_keys.add(key)
            for article_id in self.articles.get(key, ()):
                if article_id not in found:
                    found.add(article_id)
                    todo.extend(self.keys[article_id])
        return found


def affected_articles(
    new: Sequence[ArticleRecord], stored_keys: Mapping[str, set[str]], decisions: Decisions | None = None
) -> set[str]:
    """Articles to re-resolve when ``new`` joins a store whose articles have ``stored_keys``.

    Example:
        >>> from graph.model import ArticleRecord, Entity
        >>> r = ArticleRecord("c", "", "", (), "en", entities=(Entity("p1", "person", "Umerov", "en"),))
        >>> sorted(affected_articles([r], {"a": {"p:umer"}, "b": {"p:leko"}}))
        ['a', 'c']
    """
    return BlockIndex(stored_keys).affected(new, decisions)


def merge_resolution(previous: Resolution, partial: Resolution, replaced: Iterable[str] = ()) -> Resolution:
    """Merge the re-resolution of a block into the previous resolution of the store.

    Entries of the articles in ``partial`` (and in ``replaced``) come from
    ``partial``; the others stay. IRIs both sides name (lexicon things) get the
    smaller label (English first) and the union of the other forms. Records are
    assumed to be only added, never changed, between the two resolutions.

    Example:
        >>> a = Resolution({("a", "c"): "x"}, {"x": ("France", "en")}, {"x": frozenset({("Франція", "uk")})})
        >>> b = Resolution({("b", "c"): "x"}, {"x": ("Франція", "uk")}, {})
        >>> merge_resolution(a, b).label["x"], sorted(merge_resolution(a, b).alt_labels["x"])
        (('France', 'en'), [('Франція', 'uk')])
    """
    replaced = set(replaced) | {article for article, _ in partial.iri}
    kept = {k: v for k, v in previous.iri.items() if k[0] not in replaced}
    old, new = set(kept.values()), set(partial.iri.values())
    label, alts = {}, {}
    for x in old | new:
        sides = [r for r, has in ((previous, x in old), (partial, x in new)) if has]
        pairs = [r.label[x] for r in sides if x in r.label]
        if not pairs:
            continue
        label[x] = min(pairs, key=_label_key)
        alts[x] = frozenset().union(*(r.alt_labels.get(x, frozenset()) for r in sides), pairs) - {label[x]}
    return Resolution(
        iri=dict(sorted({**kept, **partial.iri}.items())),
        label=dict(sorted(label.items())),
        alt_labels={k: alts[k] for k in sorted(label)},
    )
