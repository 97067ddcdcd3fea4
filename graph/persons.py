"""Person clustering across articles: which mentions are one person, and their IRIs.

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

Example:
    >>> from graph.model import ArticleRecord, Entity
    >>> recs = [ArticleRecord(i, "", "", (), "en", entities=(Entity("p1", "person", n, "en"),))
    ...         for i, n in (("a", "Rustem Umerov"), ("b", "Umerov"))]
    >>> persons = person_mentions(recs, Decisions())
    >>> clusters = person_iris(persons, link_persons(persons, Decisions()))
    >>> [(label, [p.node for p in members]) for label, members in clusters.values()]
    [('Rustem Umerov', [('a', 'p1'), ('b', 'p1')])]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from graph.curation import Decisions
from graph.iri import person_iri, slug
from graph.model import ArticleRecord, Entity
from graph.names import first_name_relation, garbled, person_label, split_name, surname_keys

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
    """

    node: Node
    entity: Entity
    first: str | None
    keys: frozenset[str]  # surname keys
    offices: frozenset[tuple[str, str]]
    countries: frozenset[str]
    terms: frozenset[str]  # decision terms this mention matches

    @property
    def sig(self) -> tuple:
        """What decides a conflict: (first name, offices, countries, decision terms)."""
        return (self.first, self.offices, self.countries, self.terms)

    @property
    def names(self) -> tuple:
        """The name group: (first name or "", sorted surname keys)."""
        return (self.first or "", tuple(sorted(self.keys)))


def ref_id(record: ArticleRecord, value: str | None) -> str:
    """Lexicon id behind an attribute value that may be a local key.

    Example:
        >>> rec = ArticleRecord("a", "", "", (), "en", entities=(Entity("c1", "country", "France", "en", "france"),))
        >>> ref_id(rec, "c1"), ref_id(rec, "country:poland"), ref_id(rec, None)
        ('france', 'poland', '')
    """
    if not value:
        return ""
    ent = record.entity(value)
    if ent is not None:
        return ent.lexicon_id or slug(ent.name)
    return value.split(":", 1)[1] if ":" in value else value


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
            first, surname = split_name(ent.name)
            slugs = {slug(f) for f in (ent.name, *ent.forms)}
            slugs |= {f"{slug(ent.name)}-{slug('-'.join(o))}" for o in offices}
            matched = frozenset(t for t, s in terms.items() if s in slugs)
            keys = surname_keys(surname) if surname else frozenset()
            node = (rec.article_id, ent.key)
            out.append(PersonMention(node, ent, first, keys, frozenset(offices), frozenset(countries), matched))
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


class PersonClusters:
    """Union-find over person mentions that keeps the distinct feature signatures of each cluster.

    A union is refused when any two signatures of the two clusters conflict: a
    "hard" conflict (an analyst's "different") always, a "soft" one (another first
    name, country or office) unless the union is ``forced``.

    Example:
        >>> recs = [ArticleRecord(i, "", "", (), "en", entities=(Entity("p1", "person", n, "en"),))
        ...         for i, n in (("a", "Dmytro Kuleba"), ("b", "Oleksiy Kuleba"))]
        >>> uf = PersonClusters(person_mentions(recs, Decisions()), frozenset())
        >>> uf.union(("a", "p1"), ("b", "p1")), uf.union(("a", "p1"), ("b", "p1"), forced=True)
        (False, True)
    """

    def __init__(self, persons: list[PersonMention], different: frozenset[tuple[str, str]]) -> None:
        self.parent = {p.node: p.node for p in persons}
        self.sigs = {p.node: {p.sig} for p in persons}
        self.full = {p.node: p.first is not None for p in persons}
        self.different = different

    def find(self, n: Node) -> Node:
        """The root of the cluster of ``n``."""
        while self.parent[n] != n:
            self.parent[n] = self.parent[self.parent[n]]
            n = self.parent[n]
        return n

    def compatible(self, ra: Node, rb: Node, forced: bool = False) -> bool:
        """Whether the clusters of roots ``ra`` and ``rb`` may merge."""
        blocking = {"hard"} if forced else {"hard", "soft"}
        pairs = ((x, y) for x in self.sigs[ra] for y in self.sigs[rb])
        return not any(_conflict(x, y, self.different) in blocking for x, y in pairs)

    def union(self, a: Node, b: Node, forced: bool = False) -> bool:
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


def _greedy(uf: PersonClusters, nodes: Iterable[Node]) -> None:
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


def link_persons(persons: list[PersonMention], decisions: Decisions) -> PersonClusters:
    """Cluster person mentions by the six rules of the module docstring, in that order.

    Example:
        >>> recs = [ArticleRecord(i, "", "", (), "en", entities=(Entity("p1", "person", n, "en"),))
        ...         for i, n in (("a", "Sébastien Lecornu"), ("b", "Sebastien Lecorne"))]
        >>> uf = link_persons(person_mentions(recs, Decisions()), Decisions())
        >>> uf.find(("b", "p1"))
        ('a', 'p1')
    """
    uf = PersonClusters(persons, decisions.different)
    for a, b in sorted(decisions.same):  # 1. must-link
        group = [p.node for p in persons if a in p.terms or b in p.terms]
        for n in group[1:]:
            uf.union(group[0], n, forced=True)
    # Relations are computed between name groups (first name, surname keys), not mentions.
    groups: dict[tuple, list[PersonMention]] = defaultdict(list)
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
    by_article: dict[str, list[PersonMention]] = defaultdict(list)
    for p in persons:
        by_article[p.node[0]].append(p)
    for p in persons:  # 4. within one article: fits exactly one full-named person
        if p.first is None:
            fits = {uf.find(q.node) for q in by_article[p.node[0]] if q.first and (p.names, q.names) in related}
            fits.discard(uf.find(p.node))
            if len(fits) == 1:
                uf.union(p.node, fits.pop())
    by_office: dict[tuple, list[PersonMention]] = defaultdict(list)
    for p in persons:
        for o in p.offices:
            by_office[o].append(p)
    for office in sorted(by_office):  # 5. shared office, same or garbled surname
        names = {p.names for p in by_office[office]}
        for comp in _components([(g, h) for g, h in related if g in names and h in names]):
            _greedy(uf, [p.node for p in by_office[office] if p.names in comp])
    _link_unique_surnames(uf, persons)  # 6.
    return uf


def _link_unique_surnames(uf: PersonClusters, persons: list[PersonMention]) -> None:
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


def entity_forms(ent: Entity) -> list[str]:
    """The entity's name and surface forms, blanks dropped.

    Example:
        >>> entity_forms(Entity("p1", "person", "Rustem Umerov", "en", forms=("Umerov", " ")))
        ['Rustem Umerov', 'Umerov']
    """
    return [f for f in (ent.name, *ent.forms) if f.strip()]


def person_iris(persons: list[PersonMention], uf: PersonClusters) -> dict[str, tuple[str, list[PersonMention]]]:
    """IRI -> (canonical label, members) of each person cluster.

    Clusters whose labels give one slug keep it in order of article count (then
    smallest mention); the others add their first office, else an ordinal.

    Example:
        >>> recs = [ArticleRecord(i, "", "", (), "en", entities=(Entity("p1", "person", n, "en"),))
        ...         for i, n in (("a", "Dmytro Kuleba"), ("b", "Oleksiy Kuleba"))]
        >>> persons = person_mentions(recs, Decisions())
        >>> sorted(person_iris(persons, link_persons(persons, Decisions())))[0]
        'https://w3id.org/ddgraph/id/person/dmytro-kuleba'
    """
    clusters: dict[Node, list[PersonMention]] = defaultdict(list)
    for p in persons:
        clusters[uf.find(p.node)].append(p)
    labels = {}
    for root, ms in clusters.items():
        labels[root] = person_label((f, p.node[0]) for p in ms for f in entity_forms(p.entity))
    by_slug: dict[str, list[Node]] = defaultdict(list)
    for root in sorted(clusters):
        by_slug[slug(labels[root])].append(root)
    out: dict[str, tuple[str, list[PersonMention]]] = {}
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
