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
factuality agree and dates fit (see :func:`_cluster_events`). ``BlockIndex`` says which stored articles a new one
can touch, so a big store re-resolves only that block (:func:`merge_resolution`).

Example:
    >>> from graph.model import ArticleRecord, Entity
    >>> a = ArticleRecord("a", "a.txt", "", (), "en", entities=(Entity("p1", "person", "Rustem Umerov", "en"),))
    >>> b = ArticleRecord("b", "b.txt", "", (), "uk", entities=(Entity("p1", "person", "Умєровим", "uk"),))
    >>> r = resolve([a, b])
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
_PARTICLES = {"de", "da", "di", "van", "von", "der", "den", "la", "le", "du", "al", "bin", "ibn",
              "фон", "дер", "де", "ван", "ле", "ла", "дю", "аль", "да", "ді"}  # fmt: skip


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
    """Split a person name into (first name or None, surname); patronymics dropped.

    Example:
        >>> split_name("Умєров Рустем Ахмедович"), split_name("Lecornu"), split_name("Ursula von der Leyen")
        (('Рустем', 'Умєров'), (None, 'Lecornu'), ('Ursula', 'von der Leyen'))
    """
    toks = [t.strip(_PUNCT) for t in name.split()]
    toks = [t for t in toks if t and not is_patronymic(t)]
    if not toks:
        return None, ""
    if len(toks) > 1 and first_name_id(toks[-1]) and not first_name_id(toks[0]):
        toks = [toks[-1], *toks[:-1]]
    i = len(toks) - 1
    while i > 0 and toks[i - 1].lower() in _PARTICLES:
        i -= 1
    return (toks[0] if i > 0 else None), " ".join(toks[i:])


@lru_cache(maxsize=65536)
def surname_keys(surname: str) -> frozenset[str]:
    """Phonetic keys of a surname as written and with its case ending stripped.

    Example:
        >>> sorted(surname_keys("Умєровим")), sorted(surname_keys("Umerov's"))
        (['umerov', 'umerovim'], ['umerov', 'umerovs'])
    """
    head, _, last = surname.rpartition(" ")
    stripped = strip_uk_case(last) if is_cyrillic(last) else re.sub(r"['’]s$", "", last)
    forms = {surname, f"{head} {stripped}".strip()}
    return frozenset(k for k in ("".join(phonetic_key(f).split()) for f in forms) if k)


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
    surname: str
    keys: frozenset[str]
    offices: frozenset[tuple[str, str]]
    countries: frozenset[str]
    terms: frozenset[str]  # decision terms this mention matches

    @property
    def sig(self) -> tuple:
        return (self.first, self.offices, self.countries, self.terms)


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
                office = rec.entity(fact.object) if fact.subject == ent.key and fact.predicate == "holdsRole" else None
                if office is not None and office.kind == "office":
                    title = office.lexicon_id or slug(office.attr("title") or office.name)
                    offices.add((title, _ref_id(rec, office.attr("country"))))
            countries = {_ref_id(rec, v) for k, v in ent.attrs if k == "country"} | {c for _, c in offices if c}
            first, surname = split_name(ent.name)
            slugs = {slug(f) for f in (ent.name, *ent.forms)} | {f"{slug(ent.name)}-{slug('-'.join(o))}" for o in offices}
            out.append(
                _Person(
                    (rec.article_id, ent.key), ent, first, surname, surname_keys(surname) if surname else frozenset(),
                    frozenset(offices), frozenset(countries), frozenset(t for t, s in terms.items() if s in slugs),
                )  # fmt: skip
            )
    return sorted(out, key=lambda p: p.node)


def _conflict(x: tuple, y: tuple, different: frozenset[tuple[str, str]]) -> str | None:
    """"hard" (an analyst said different), "soft" (evidence says different) or None."""
    (fx, ox, cx, tx), (fy, oy, cy, ty) = x, y
    if any((a in tx and b in ty) or (b in tx and a in ty) for a, b in different):
        return "hard"
    rel = first_name_relation(fx, fy)
    if rel == "different" or (cx and cy and not cx & cy):
        return "soft"
    if ox and oy and not ox & oy and rel != "same":
        return "soft"
    return None


class _Clusters:
    """Union-find over person mentions that keeps the distinct feature signatures of each cluster."""

    def __init__(self, persons: list[_Person], different: frozenset[tuple[str, str]]) -> None:
        self.parent = {p.node: p.node for p in persons}
        self.sigs = {p.node: {p.sig} for p in persons}
        self.full = {p.node: p.first is not None for p in persons}
        self.members = {p.node: [p.node] for p in persons}
        self.different = different

    def find(self, n: Node) -> Node:
        while self.parent[n] != n:
            self.parent[n] = self.parent[self.parent[n]]
            n = self.parent[n]
        return n

    def compatible(self, ra: Node, rb: Node, forced: bool = False) -> bool:
        blocking = {"hard"} if forced else {"hard", "soft"}
        return not any(_conflict(x, y, self.different) in blocking for x in self.sigs[ra] for y in self.sigs[rb])

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
        self.members[ra] += self.members.pop(rb)
        return True


def _link_persons(persons: list[_Person], decisions: Decisions) -> _Clusters:
    uf = _Clusters(persons, decisions.different)
    by_node = {p.node: p for p in persons}
    for a, b in sorted(decisions.same):  # 1. must-link
        group = [p.node for p in persons if a in p.terms or b in p.terms]
        for n in group[1:]:
            uf.union(group[0], n, forced=True)
    buckets: dict[str, set[Node]] = defaultdict(set)
    for p in persons:
        for k in p.keys:
            buckets[k[:4]].add(p.node)
    exact, fuzzy = set(), set()
    for nodes in buckets.values():
        ordered = sorted(nodes)
        for i, n in enumerate(ordered):
            for m in ordered[i + 1 :]:
                x, y = by_node[n], by_node[m]
                if x.keys & y.keys:
                    exact.add((n, m))
                elif any(garbled(kx, ky) for kx in x.keys for ky in y.keys):
                    fuzzy.add((n, m))
    same_first = lambda n, m: first_name_relation(by_node[n].first, by_node[m].first) == "same"  # noqa: E731
    for n, m in sorted(exact):  # 2. same first name, same surname
        if same_first(n, m):
            uf.union(n, m)
    for n, m in sorted(fuzzy):  # 3. same first name, garbled surname
        if same_first(n, m):
            uf.union(n, m)
    near: dict[Node, set[Node]] = defaultdict(set)
    for n, m in exact | fuzzy:
        near[n].add(m)
        near[m].add(n)
    for p in persons:  # 4. within one article: fits exactly one full-named person
        if p.first is None:
            fits = {uf.find(m) for m in near[p.node] if m[0] == p.node[0] and by_node[m].first is not None}
            fits = {r for r in fits if r != uf.find(p.node)}
            if len(fits) == 1:
                uf.union(p.node, fits.pop())
    for n, m in sorted(exact | fuzzy):  # 5. shared office
        if by_node[n].offices & by_node[m].offices:
            uf.union(n, m)
    exact_near: dict[Node, set[Node]] = defaultdict(set)
    for n, m in exact:
        exact_near[n].add(m)
        exact_near[m].add(n)
    for p in persons:  # 6. same surname key, one full-named candidate
        root = uf.find(p.node)
        targets = {uf.find(m) for q in uf.members[root] for m in exact_near[q]} - {root}
        targets = {t for t in targets if uf.compatible(root, t)}
        full = sorted(t for t in targets if uf.full[t])
        if len(full) == 1:
            uf.union(root, full[0])
        elif not full and not uf.full[root]:
            for t in sorted(targets):
                uf.union(root, t)
    return uf


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
        >>> person_label([("Sebastien Lecornu", "a"), ("Sébastien Lecornu", "b"), ("Sébastien Lecorne", "b")])
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
        if is_cyrillic(form):
            first, surname = _nominative(first, surname)
            (cyrillic[(first, surname)] if first else cyrillic_bare[surname]).add(article)
        else:
            if first:
                text = " ".join(form.split())
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


def _person_iris(persons: list[_Person], uf: _Clusters) -> tuple[dict[Node, str], dict[str, list[_Person]]]:
    clusters: dict[Node, list[_Person]] = defaultdict(list)
    for p in persons:
        clusters[uf.find(p.node)].append(p)
    labels = {r: person_label((f, p.node[0]) for p in ms for f in (p.entity.name, *p.entity.forms)) for r, ms in clusters.items()}
    by_slug: dict[str, list[Node]] = defaultdict(list)
    for root in sorted(clusters):
        by_slug[slug(labels[root])].append(root)
    iri_of: dict[Node, str] = {}
    used: set[str] = set()
    for roots in by_slug.values():
        roots.sort(key=lambda r: (-len({p.node[0] for p in clusters[r]}), r))
        for n, root in enumerate(roots):
            offices = sorted("-".join(x for x in o if x) for p in clusters[root] for o in p.offices)
            iri = person_iri(labels[root])
            if n and (not offices or (iri := person_iri(labels[root], offices[0])) in used):
                iri = person_iri(labels[root], str(n + 1))
            used.add(iri)
            iri_of[root] = iri
    members = {iri_of[r]: ms for r, ms in clusters.items()}
    return {p.node: iri_of[uf.find(p.node)] for p in persons}, members


# --- other entities -----------------------------------------------------------


def entity_iri(record: ArticleRecord, ent: Entity) -> str:
    """IRI of a non-person entity: from its lexicon id, office title or name.

    Example:
        >>> rec = ArticleRecord("a", "a.txt", "", (), "en")
        >>> entity_iri(rec, Entity("o1", "office", "Minister of Defence", "en", "defence-minister", attrs=(("country", "ukraine"),)))
        'https://w3id.org/ddgraph/id/office/defence-minister-ukraine'
    """
    if ent.kind == "office":
        title = ent.lexicon_id or ent.attr("title") or ent.name
        return office_iri(title, _ref_id(record, ent.attr("country")) or None, _ref_id(record, ent.attr("organization")) or None)
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
    near = 0.5 * _jaccard(e.parts, parts) + 0.5 * _jaccard(e.topics, topics) + 0.5 * (e.loc is not None and e.loc in locs)
    return round(contained + near, 9)


def _cluster_events(evs: list[_Ev]) -> dict[Node, Node]:
    """Cluster events; return node -> cluster root (its smallest node)."""
    by_node = {e.node: e for e in evs}
    root = {e.node: e.node for e in evs}
    members = {e.node: [e] for e in evs}

    def join(a: Node, b: Node) -> None:
        ra, rb = sorted((root[a], root[b]))
        if ra == rb or {x.node[0] for x in members[ra]} & {y.node[0] for y in members[rb]}:
            return
        if not all(_dates_ok(x, y) for x in members[ra] for y in members[rb]):
            return
        for m in members[rb]:
            root[m.node] = ra
        members[ra] += members.pop(rb)

    buckets: dict[str, list[Node]] = defaultdict(list)
    for e in evs:
        keys = e.persons if e.ev.kind == "meeting" else e.parts | e.signers if e.ev.kind == "agreement" else {f"{e.provider}>{e.recipient}"}
        for k in keys:
            buckets[f"{e.ev.kind}|{k}"].append(e.node)
    pairs = {(a, b) for nodes in buckets.values() for a in nodes for b in nodes if a < b and _eligible(by_node[a], by_node[b])}
    links = []
    for a, b in pairs:
        x, y = by_node[a], by_node[b]
        if not x.floating and not y.floating and _dates_ok(x, y):
            links.append((-_score(x, y.parts, y.topics, {y.loc}), a, b))
    for _, a, b in sorted(links):
        join(a, b)
    snapshot = {r: (frozenset().union(*(m.parts for m in ms)), frozenset().union(*(m.topics for m in ms)), {m.loc for m in ms})
                for r, ms in members.items()}  # fmt: skip
    near: dict[Node, set[Node]] = defaultdict(set)
    for a, b in pairs:
        near[a].add(b)
        near[b].add(a)
    floating = [e for e in evs if e.floating]
    choice = {}
    for f in floating:  # an undated event joins the single best dated cluster, if any
        cands = {root[n] for n in near[f.node] if not by_node[n].floating}
        cands = {r for r in cands if f.node[0] not in {m.node[0] for m in members[r]}}
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
    labels = [m.ev.label for m in members if m.ev.label]
    label = labels[0] if labels else members[0].ev.kind
    return (label, "en"), frozenset((x, "en") for x in labels if x != label)


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
    person_of, clusters = _person_iris(persons, _link_persons(persons, decisions))
    iri.update(person_of)
    for piri, members in clusters.items():
        forms = {(f, p.entity.lang) for p in members for f in (p.entity.name, *p.entity.forms) if f.strip()}
        label[piri] = (person_label((f, p.node[0]) for p in members for f in (p.entity.name, *p.entity.forms)), "en")
        alts[piri] = {x for x in forms if x[0] != label[piri][0]}
    names: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for rec in records:
        for ent in rec.entities:
            if ent.kind == "person":
                continue
            node_iri = iri[(rec.article_id, ent.key)] = entity_iri(rec, ent)
            names[node_iri].add((ent.name, ent.lang))
            alts[node_iri] |= {(f, ent.lang) for f in (ent.name, *ent.forms) if f.strip()}
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


# --- incremental resolution ---------------------------------------------------


def blocking_keys(record: ArticleRecord, decisions: Decisions | None = None) -> frozenset[str]:
    """Keys that any cross-article link of this record must share with the other article.

    Persons: the 4-letter prefix of each surname key; analysts' "same" pairs the
    record's persons match; aid: provider>recipient; agreements: non-person parties.
    Meetings link only through shared persons, so person keys cover them.

    Example:
        >>> from graph.model import ArticleRecord, Entity
        >>> r = ArticleRecord("a", "", "", (), "uk", entities=(Entity("p1", "person", "Умєровим", "uk"),))
        >>> sorted(blocking_keys(r))
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
    kinds = {e.key: e.kind for e in record.entities}
    for ev in record.events:
        if ev.kind == "aid":
            keys.add(f"aid:{ent_iri.get(ev.provider or '')}>{ent_iri.get(ev.recipient or '')}")
        elif ev.kind == "agreement":
            keys |= {f"agr:{ent_iri[k]}" for k in (*ev.participants, *ev.signatories) if k in ent_iri and kinds[k] != "person"}
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
        >>> b = Resolution({("b", "c"): "x"}, {"x": ("Франція", "uk")}, {"x": frozenset({("Франції", "uk")})})
        >>> sorted(merge_resolution(a, b).alt_labels["x"])
        [('Франція', 'uk'), ('Франції', 'uk')]
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
