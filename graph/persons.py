"""Person clustering across articles: which mentions are one person.

The unit of clustering is the :class:`Profile` of a mention: what the rules
compare (first name, surname keys, offices, countries, the analysts' terms it
matches and, for a bare surname, the full-named profiles of its own article it
could stand for), without the article. Thousands of mentions share a profile
("Rustem Umerov", Minister of Defence of Ukraine), so an archive has few
distinct profiles per name, clustering them is small work at any size, and an
article whose profiles are all known changes no cluster.

Profiles are linked pairwise, strongest evidence first, and merged with a
union-find that refuses any merge putting two conflicting profiles together
(cannot-link): a different first name (an initial differs from a name with
another first letter), a different generational suffix ("Jr." / "Sr."), a
different country, different offices (unless the first names agree), or an
analyst's "different" decision. A first name given by its initial only ("R.
Umerov") counts as no full name for rules 4 and 6.

1. analysts' "same" decisions (must-link);
2. same first name and same surname key (``phonetic_key``, Ukrainian case
   endings stripped, so Умєровим = Umerov);
3. same first name and a garbled surname (Lecorne ~ Lecornu: same 4-letter key
   prefix and a high rapidfuzz ratio, or a truncation);
4. a bare or garbled surname that fits exactly one full-named person of its
   own article (the profile's context);
5. a shared office (title + country) with a same or garbled surname, or, under the same
   first name, a surname with the same consonants (:func:`graph.names.skeleton`: Healey
   and Гілі, "John", Secretary of State for Defence of the United Kingdom);
6. a same surname key that fits exactly one full-named person across articles.

Profiles are only ever linked inside a bucket component (profiles sharing the
4-letter prefix of a surname key, a surname skeleton under one office, or a "same"
decision), so each component
clusters on its own: :func:`profile_buckets` gives the buckets.

Example:
    >>> from ddgraph.graph.model import ArticleRecord, Entity
    >>> recs = [ArticleRecord(i, "", "", (), "en", entities=(Entity("p1", "person", n, "en"),))
    ...         for i, n in (("a", "Rustem Umerov"), ("b", "Umerov"))]
    >>> profiles = [p for r in recs for _, p in article_profiles(r, Decisions())]
    >>> uf = link_profiles(profiles, Decisions())
    >>> uf.find(profiles[1].id) == uf.find(profiles[0].id)
    True
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ddgraph.graph.curation import Decisions
from ddgraph.graph.iri import person_iri, ref_id, slug
from ddgraph.graph.known_people import known_name
from ddgraph.graph.model import ArticleRecord, Entity
from ddgraph.graph.names import (
    first_name_relation,
    garbled,
    is_initial,
    name_suffix,
    skeleton,
    split_name,
    surname_keys,
)

Node = tuple[str, str]  # (article_id, local key)


@dataclass(frozen=True)
class PersonMention:
    """One person entity of one article, with what clustering compares.

    Attributes:
        node: (article id, local key).
        entity: the entity itself.
        first: its first name, None for a bare surname.
        keys: the surname keys (:func:`graph.names.surname_keys`).
        offices: (title, country) of every office the article says it holds.
        countries: the countries of the person and of its offices.
        terms: the analysts' decision terms the mention matches.
        suffix: its generational suffix ("jr", "iii"), "" when none.
    """

    node: Node
    entity: Entity
    first: str | None
    keys: frozenset[str]
    offices: frozenset[tuple[str, str]]
    countries: frozenset[str]
    terms: frozenset[str]
    suffix: str = ""

    @property
    def names(self) -> tuple:
        """The name group: (first name or "", sorted surname keys)."""
        return (self.first or "", tuple(sorted(self.keys)))


@dataclass(frozen=True)
class Profile:
    """What clustering compares of a person mention, without its article.

    Attributes:
        id: a digest of the other fields (mentions with equal fields share it).
        first, keys, offices, countries, terms: as in :class:`PersonMention`.
        context: for a bare surname, the ids of the full-named profiles of the
            same article whose names are related to it (rule 4); else empty.
        suffix: as in :class:`PersonMention`.
    """

    id: str
    first: str | None
    keys: frozenset[str]
    offices: frozenset[tuple[str, str]]
    countries: frozenset[str]
    terms: frozenset[str]
    context: frozenset[str] = frozenset()
    suffix: str = ""

    @property
    def sig(self) -> tuple:
        """What decides a conflict: (first name, offices, countries, decision terms, suffix)."""
        return (self.first, self.offices, self.countries, self.terms, self.suffix)

    @property
    def full(self) -> bool:
        """True when the profile has a first name written out (not an initial)."""
        return self.first is not None and not is_initial(self.first)

    @property
    def names(self) -> tuple:
        """The name group: (first name or "", sorted surname keys)."""
        return (self.first or "", tuple(sorted(self.keys)))

    def to_json(self) -> str:
        """The profile as compact JSON (see :meth:`from_json`; the suffix only when there is one)."""
        fields = [self.id, self.first, sorted(self.keys), sorted(self.offices), sorted(self.countries),
                  sorted(self.terms), sorted(self.context)] + ([self.suffix] if self.suffix else [])
        return json.dumps(fields, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> Profile:
        """Rebuild a profile written by :meth:`to_json`.

        Example:
            >>> p = make_profile("Rustem", {"umerov"}, {("defence-minister", "ukraine")}, {"ukraine"}, ())
            >>> Profile.from_json(p.to_json()) == p
            True
            >>> q = make_profile("Charles", {"braun"}, (), (), (), suffix="jr")
            >>> Profile.from_json(q.to_json()) == q
            True
        """
        pid, first, keys, offices, countries, terms, context, *rest = json.loads(text)
        return cls(pid, first, frozenset(keys), frozenset(tuple(o) for o in offices), frozenset(countries),
                   frozenset(terms), frozenset(context), rest[0] if rest else "")


def make_profile(first, keys, offices, countries, terms, context=(), suffix="") -> Profile:
    """A :class:`Profile` with its id computed from its fields (a profile without a suffix
    has the id it had before suffixes were compared).

    Example:
        >>> make_profile(None, {"umerov"}, (), (), ()).id == make_profile(None, ["umerov"], [], [], []).id
        True
        >>> make_profile("Charles", {"braun"}, (), (), (), suffix="jr").id == make_profile("Charles", {"braun"}, (), (), ()).id
        False
    """
    fields = [first, sorted(keys), sorted(offices), sorted(countries), sorted(terms), sorted(context)]
    fields += [suffix] if suffix else []
    digest = hashlib.blake2b(json.dumps(fields, ensure_ascii=False).encode("utf-8"), digest_size=10).hexdigest()
    return Profile(digest, first, frozenset(keys), frozenset(offices), frozenset(countries), frozenset(terms),
                   frozenset(context), suffix)


def _term_slug(term: str) -> str:
    return term.rsplit("/person/", 1)[1] if "/person/" in term else slug(term)


def person_mentions(records: Sequence[ArticleRecord], decisions: Decisions) -> list[PersonMention]:
    """Every person entity of ``records`` as a :class:`PersonMention`, sorted by node.

    Example:
        >>> person = Entity("p1", "person", "Рустем Умєровим", "uk")
        >>> rec = ArticleRecord("a", "", "", (), "uk", entities=(person,))
        >>> [(p.node, p.first, sorted(p.keys)) for p in person_mentions([rec], Decisions())]
        [(('a', 'p1'), 'Рустем', ['umerov', 'umerovim'])]
    """
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
                    country = ref_id(rec, office.attr("country")) if not office.attr("assumed") else ""
                    offices.add((title, country))  # an assumed country never blocks a merge
            countries = {ref_id(rec, v) for k, v in ent.attrs if k == "country"} | {c for _, c in offices if c}
            # a listed official's name keys as its canonical form: the split of three words drops the middle
            # one ("Ким Чен Ын" would key as "Ын", "Kim Jong Un" as "Un"), and a name spelled as it is heard
            # keys apart from its English form ("Джон Гілі": "hili", not "healey")
            known = known_name(ent.name)
            first, surname = split_name(known or ent.name)
            slugs = {slug(f) for f in (ent.name, *ent.forms)}
            slugs |= {f"{slug(ent.name)}-{slug('-'.join(o))}" for o in offices}
            matched = frozenset(t for t, s in terms.items() if s in slugs)
            keys = surname_keys(surname) if surname else frozenset()
            node = (rec.article_id, ent.key)
            out.append(PersonMention(node, ent, first, keys, frozenset(offices), frozenset(countries), matched,
                                     name_suffix(ent.name)))
    return sorted(out, key=lambda p: p.node)


def related(g: tuple, h: tuple) -> str | None:
    """How two name groups (first, surname keys) relate: "exact" (a shared key),
    "fuzzy" (garbled keys) or None.

    Example:
        >>> related(("", ("lekorneuil",)), ("Sebastien", ("lekornu",))), related(("", ("umerov",)), ("", ("shmyhal",)))
        ('fuzzy', None)
    """
    if set(g[1]) & set(h[1]):
        return "exact"
    if any(garbled(x, y) for x in g[1] for y in h[1]):
        return "fuzzy"
    return None


def article_profiles(record: ArticleRecord, decisions: Decisions) -> list[tuple[PersonMention, Profile]]:
    """Each person mention of one article with its profile (in node order).

    Example:
        >>> ents = (Entity("p1", "person", "Rustem Umerov", "en"), Entity("p2", "person", "Umerov", "en"))
        >>> (_, full), (_, bare) = article_profiles(ArticleRecord("a", "", "", (), "en", entities=ents), Decisions())
        >>> bare.context == {full.id}
        True
    """
    persons = person_mentions([record], decisions)
    base = {p.node: make_profile(p.first, p.keys, p.offices, p.countries, p.terms, suffix=p.suffix) for p in persons}
    full = [p for p in persons if p.first]
    out = []
    for p in persons:
        if p.first is None:
            context = [base[q.node].id for q in full if related(p.names, q.names)]
            prof = make_profile(None, p.keys, p.offices, p.countries, p.terms, context, p.suffix) \
                if context else base[p.node]
        else:
            prof = base[p.node]
        out.append((p, prof))
    return out


def profile_buckets(profile: Profile, decisions: Decisions) -> tuple[str, ...]:
    """Buckets of a profile: its surname-key prefixes and the "same" decisions it matches.

    Example:
        >>> profile_buckets(make_profile(None, {"umerov", "umerovim"}, (), (), ()), Decisions())
        ('p:umer',)
    """
    keys = {f"p:{k[:4]}" for k in profile.keys}
    keys |= {f"d:{a}|{b}" for a, b in decisions.same if a in profile.terms or b in profile.terms}
    sounds = {skeleton(k) for k in profile.keys}
    keys |= {f"s:{sound}|{title}|{country}" for sound in sounds if len(sound) >= 3
             for title, country in profile.offices if country}
    return tuple(sorted(keys))


def _same_office(a: tuple[str, str], b: tuple[str, str]) -> bool:
    """Same title, and the same country when both are known."""
    return a[0] == b[0] and (a[1] == b[1] or not a[1] or not b[1])


def _conflict(x: tuple, y: tuple, different: frozenset[tuple[str, str]]) -> str | None:
    """"hard" (an analyst said different), "soft" (evidence says different), "office"
    (only the offices differ, the first names are not known to be the same) or None.

    Example:
        >>> jr, sr = (make_profile("Charles", {"braun"}, (), (), (), suffix=s).sig for s in ("jr", "sr"))
        >>> _conflict(jr, sr, frozenset()), _conflict(jr, make_profile("Charles", {"braun"}, (), (), ()).sig, frozenset())
        ('soft', None)
    """
    (fx, ox, cx, tx, sx), (fy, oy, cy, ty, sy) = x, y
    if any((a in tx and b in ty) or (b in tx and a in ty) for a, b in different):
        return "hard"
    rel = first_name_relation(fx, fy)
    if rel == "different" or (cx and cy and not cx & cy) or (sx and sy and sx != sy):
        return "soft"
    if ox and oy and rel != "same" and not any(_same_office(a, b) for a in ox for b in oy):
        return "office"
    return None


def _holds(sig: tuple, sigs: Iterable[tuple]) -> bool:
    """Whether a mention without a written first name (``sig``: a bare surname or an
    initial) names someone of a cluster (``sigs``) who holds one of its offices under a
    first name it agrees with: then another office of that person is no conflict
    ("R. Umerov", minister, beside a "Rustem Umerov" who is later NSDC secretary)."""
    first, offices = sig[0], sig[1]
    if first is not None and not is_initial(first):
        return False
    return any(z[0] is not None and first_name_relation(first, z[0]) != "different"
               and any(_same_office(a, b) for a in offices for b in z[1]) for z in sigs)


class PersonClusters:
    """Union-find over profiles that keeps the distinct feature signatures of each cluster.

    A union is refused when any two signatures of the two clusters conflict: a
    "hard" conflict (an analyst's "different") always, a "soft" one (another first
    name, suffix, country or office) unless the union is ``forced``. A cluster's root
    is its smallest profile id.

    Example:
        >>> a, b = (make_profile(f, {"kuleba"}, (), (), ()) for f in ("Dmytro", "Oleksiy"))
        >>> uf = PersonClusters([a, b], frozenset())
        >>> uf.union(a.id, b.id), uf.union(a.id, b.id, forced=True)
        (False, True)
    """

    def __init__(self, profiles: Iterable[Profile], different: frozenset[tuple[str, str]]) -> None:
        profiles = list(profiles)
        self.parent = {p.id: p.id for p in profiles}
        self.sigs = {p.id: {p.sig} for p in profiles}
        self.full = {p.id: p.full for p in profiles}
        self.different = different

    def find(self, n: str) -> str:
        """The root of the cluster of ``n``."""
        while self.parent[n] != n:
            self.parent[n] = self.parent[self.parent[n]]
            n = self.parent[n]
        return n

    def compatible(self, ra: str, rb: str, forced: bool = False) -> bool:
        """Whether the clusters of roots ``ra`` and ``rb`` may merge (an office conflict of a
        mention without a first name is none when the other cluster holds its office)."""
        blocking = {"hard"} if forced else {"hard", "soft", "office"}
        for x in self.sigs[ra]:
            for y in self.sigs[rb]:
                c = _conflict(x, y, self.different)
                if c in blocking and not (c == "office" and (_holds(x, self.sigs[rb]) or _holds(y, self.sigs[ra]))):
                    return False
        return True

    def union(self, a: str, b: str, forced: bool = False) -> bool:
        """Merge the clusters of ``a`` and ``b`` if they are compatible; tell whether they are one now."""
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

    def clusters(self) -> dict[str, list[str]]:
        """Root -> sorted member ids."""
        out: dict[str, list[str]] = defaultdict(list)
        for n in sorted(self.parent):
            out[self.find(n)].append(n)
        return dict(out)


def _greedy(uf: PersonClusters, nodes: Iterable[str]) -> None:
    """Join each profile, in order, to the first compatible cluster already formed among ``nodes``."""
    roots: list[str] = []
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


def _unambiguous(profiles: Iterable[Profile]) -> list[list[str]]:
    """The profiles' ids in groups that may be linked among themselves: the names without
    a generational suffix apart when the others have two different ones ("Charles
    Brown" beside "Charles Brown Jr." and "Charles Brown Sr." may be either).

    Example:
        >>> ps = [make_profile("Charles", {"braun"}, (), (), (), suffix=s) for s in ("jr", "sr", "")]
        >>> [len(g) for g in _unambiguous(ps)], [len(g) for g in _unambiguous(ps[::2])]
        ([2, 1], [2])
    """
    profiles = list(profiles)
    if len({p.suffix for p in profiles if p.suffix}) < 2:
        return [[p.id for p in profiles]]
    return [[p.id for p in profiles if p.suffix], [p.id for p in profiles if not p.suffix]]


def _suffixes(uf: PersonClusters, root: str) -> set[str]:
    """The generational suffixes of the cluster of ``root``."""
    return {sig[4] for sig in uf.sigs[root]} - {""}


def link_profiles(profiles: Iterable[Profile], decisions: Decisions) -> PersonClusters:
    """Cluster profiles by the six rules of the module docstring, in that order.

    The result depends only on the set of profiles (and the decisions).

    Example:
        >>> a = make_profile("Sébastien", {"lekornu"}, (), (), ())
        >>> b = make_profile("Sebastien", {"lekorne"}, (), (), ())
        >>> link_profiles([a, b], Decisions()).union(a.id, b.id, forced=False)
        True
    """
    profiles = sorted({p.id: p for p in profiles}.values(), key=lambda p: p.id)
    uf = PersonClusters(profiles, decisions.different)
    for a, b in sorted(decisions.same):  # 1. must-link
        group = [p.id for p in profiles if a in p.terms or b in p.terms]
        for n in group[1:]:
            uf.union(group[0], n, forced=True)
    # Relations are computed between name groups (first name, surname keys), not profiles.
    groups: dict[tuple, list[Profile]] = defaultdict(list)
    for p in profiles:
        groups[p.names].append(p)
    buckets: dict[str, set[tuple]] = defaultdict(set)
    for g in groups:
        for k in g[1]:
            buckets[k[:4]].add(g)
    exact, fuzzy = set(), set()
    for names in buckets.values():
        for g, h in ((g, h) for g in names for h in names if g <= h):
            rel = related(g, h)
            if rel:
                (exact if rel == "exact" else fuzzy).add((g, h))
    same = lambda g, h: first_name_relation(g[0] or None, h[0] or None) == "same"  # noqa: E731
    for rel in (exact, fuzzy):  # 2. same first name, same surname; 3. ... garbled surname
        for comp in _components([(g, h) for g, h in rel if same(g, h)]):
            for ids in _unambiguous([p for g in comp for p in groups[g]]):
                _greedy(uf, ids)
    partners: dict[tuple, set[tuple]] = defaultdict(set)  # name group -> the groups related to it
    for g, h in exact | fuzzy:
        partners[g].add(h)
        partners[h].add(g)
    for p in profiles:  # 4. a bare surname that fits exactly one full-named person of its article
        if p.first is None and p.context:
            fits = {uf.find(q) for q in p.context if q in uf.parent}
            fits.discard(uf.find(p.id))
            if len(fits) == 1:
                uf.union(p.id, fits.pop())
    by_office: dict[tuple, list[Profile]] = defaultdict(list)
    for p in profiles:
        for o in p.offices:
            by_office[o].append(p)
    for office in sorted(by_office):  # 5. shared office, same or garbled surname, or one heard
        names = {p.names for p in by_office[office]}  # alike under the same first name (Healey, Гілі)
        pairs = [(g, h) for g in names for h in partners.get(g, ()) if h in names]
        if office[1]:
            sounds = {g: {skeleton(k) for k in g[1]} for g in names}
            pairs += [(g, h) for g in names for h in names if g < h and same(g, h) and sounds[g] & sounds[h]]
        for comp in _components(pairs):
            _greedy(uf, [p.id for p in by_office[office] if p.names in comp])
    _link_unique_surnames(uf, profiles)  # 6.
    return uf


def _link_unique_surnames(uf: PersonClusters, profiles: list[Profile]) -> None:
    """A cluster joins the one full-named cluster sharing a surname key (a name without a
    generational suffix none when two suffixes share it); bare leftovers join each other."""
    keys_of: dict[str, set[str]] = defaultdict(set)
    for p in profiles:
        keys_of[uf.find(p.id)] |= p.keys
    full_by_key: dict[str, set[str]] = defaultdict(set)
    for root, keys in keys_of.items():
        if uf.full[root]:
            for k in keys:
                full_by_key[k].add(root)
    plan, orphans = [], defaultdict(list)
    for root in sorted(keys_of):
        near = {t for k in keys_of[root] for t in full_by_key[k] if t != root}
        full = sorted(t for t in near if uf.compatible(root, t))
        if len(_suffixes(uf, root).union(*(_suffixes(uf, t) for t in near))) > 1:  # Jr. and Sr. around
            full = [t for t in full if _suffixes(uf, root) and _suffixes(uf, t)]
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


def entity_forms(ent: Entity) -> list[str]:
    """The entity's name and surface forms, blanks dropped.

    Example:
        >>> entity_forms(Entity("p1", "person", "Rustem Umerov", "en", forms=("Umerov", " ")))
        ['Rustem Umerov', 'Umerov']
    """
    return [f for f in (ent.name, *ent.forms) if f.strip()]


@dataclass(frozen=True)
class ClusterInfo:
    """What the IRI of a person cluster depends on.

    Attributes:
        root: the cluster's smallest profile id.
        label: its canonical label (:func:`graph.names.person_label`).
        articles: how many articles mention it.
        office: its smallest office ("title-country"), "" when none.
    """

    root: str
    label: str
    articles: int
    office: str


def office_tag(offices: Iterable[tuple[str, str]]) -> str:
    """The smallest office of some (title, country) pairs as "title-country" ("" for none).

    Example:
        >>> office_tag([("foreign-minister", "ukraine"), ("ambassador", "")])
        'ambassador'
    """
    return min(("-".join(x for x in o if x) for o in offices), default="")


def slug_group_iris(group: Sequence[ClusterInfo]) -> dict[str, str]:
    """IRIs of the clusters whose labels share one slug: root -> IRI.

    The cluster with most articles (then smallest root) keeps the plain slug; the
    others add their smallest office, else an ordinal.

    Example:
        >>> a = ClusterInfo("r1", "Dmytro Kuleba", 5, "foreign-minister-ukraine")
        >>> b = ClusterInfo("r2", "Dmytro Kuleba", 2, "")
        >>> sorted(slug_group_iris([a, b]).values())[1].rsplit("/", 1)[1]
        'dmytro-kuleba-2'
    """
    out: dict[str, str] = {}
    taken: set[str] = set()
    for n, c in enumerate(sorted(group, key=lambda c: (-c.articles, c.root))):
        candidates = [person_iri(c.label)] if n == 0 else []
        if c.office:
            candidates.append(person_iri(c.label, c.office))
        candidates.append(person_iri(c.label, str(n + 1)))
        iri = next(x for x in candidates if x not in taken)
        taken.add(iri)
        out[c.root] = iri
    return out
