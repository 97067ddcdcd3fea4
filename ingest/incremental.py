"""Incremental resolution: fold new records into the stored resolution of a store.

:func:`graph.resolve.resolve` is a pure function of the set of records, and what
it links never crosses these boundaries, which this module relies on:

* persons are linked only through a shared surname-key bucket (the 4-letter
  prefix of a surname key) or an analyst's "same" decision, so the clusters of
  one connected component of buckets depend on that component only; an IRI
  then depends on the other clusters whose label has the same slug;
* an office named without country takes the one qualified office of the same
  title that its holder has in any article: it depends on that person's cluster;
* events are compared only when they share a blocking key in the same or the
  next 12-day bin (any bin for an undated one), so each connected component of
  that candidate graph clusters on its own.

:func:`update` re-resolves only the bucket components the new persons touch,
the slug groups of their labels, and the event components (under the old and
the new tokens) of the new events and of the events whose persons changed. It
returns the articles whose triples can have changed (a node with another IRI,
or an IRI with another label). The :class:`~ingest.resolution_state.State` it
extends then equals the state of a full resolution of all the records.

This module uses helpers that are private to :mod:`graph.resolve`: a change of
its rules must keep the boundaries above, or be mirrored here
(``tests/ingest/test_pipeline.py`` compares incremental and from-scratch builds).

Example:
    >>> from graph.model import ArticleRecord, Entity
    >>> rec = lambda i, n: ArticleRecord(i, "", "", (), "en", entities=(Entity("p1", "person", n, "en"),))
    >>> stored = {"a": rec("a", "Rustem Umerov")}
    >>> state = State.build(list(stored.values()), Decisions(), "")
    >>> changed = update(state, [rec("b", "Umerov")], stored.__getitem__, Decisions())
    >>> sorted(changed), state.iri[("b", "p1")].rsplit("/", 1)[1]
    (['b'], 'rustem-umerov')
"""

from __future__ import annotations

from collections import ChainMap, defaultdict
from collections.abc import Callable, Iterable, Sequence

from graph.curation import Decisions
from graph.iri import ID_NS, event_iri, slug
from graph.model import ArticleRecord
from graph.resolve import (
    Node,
    _cluster_events,
    _event_labels,
    _events,
    _forms,
    _label_key,
    _link_persons,
    _person_iris,
    _persons,
    entity_iri,
)
from ingest.resolution_state import (
    STATE_FILE,
    State,
    Token,
    _tokens,
    changed_articles,
    event_tokens,
    office_holdings,
    person_buckets,
)

PERSON_NS = ID_NS + "person/"
__all__ = ["STATE_FILE", "State", "block_share", "changed_articles", "event_block", "person_block", "update"]


def _closure(start: Iterable, links: Callable[[object], Iterable]) -> set:
    """Everything reachable from ``start`` through ``links``."""
    seen, todo = set(start), list(start)
    while todo:
        for y in links(todo.pop()):
            if y not in seen:
                seen.add(y)
                todo.append(y)
    return seen


def person_block(state: State, buckets: dict[Node, tuple[str, ...]]) -> set[Node]:
    """Person nodes, stored or new (``buckets``), in the bucket components of the new ones."""
    by_bucket: dict[str, set[Node]] = defaultdict(set)
    for src in (state.persons, buckets):
        for node, bs in src.items():
            for b in bs:
                by_bucket[b].add(node)
    every = ChainMap(buckets, state.persons)
    reached = _closure({b for bs in buckets.values() for b in bs}, lambda b: {x for n in by_bucket[b] for x in every[n]})
    return set(buckets) | {n for b in reached for n in by_bucket[b]}


def event_block(state: State, dirty: dict[Node, tuple[Token, ...]]) -> set[Node]:
    """Event nodes connected to the ``dirty`` ones (with their new tokens) under old or new tokens."""
    index: dict[str, dict[int | None, set[Node]]] = defaultdict(lambda: defaultdict(set))
    for src in (state.events, dirty):
        for node, tokens in src.items():
            for h, b in tokens:
                index[h][b].add(node)

    def links(node: Node) -> set[Node]:
        out = set()
        for h, b in (*state.events.get(node, ()), *dirty.get(node, ())):
            bins = index[h]
            if b is None or None in bins:
                out.update(*bins.values())
            else:
                out.update(*(bins.get(x, ()) for x in (b - 1, b, b + 1)))
        return out

    return _closure(set(dirty), links)


def block_share(state: State, new: Sequence[ArticleRecord], decisions: Decisions) -> float:
    """Share of the stored articles in the person block of ``new`` (cheap: the index only).

    Above about one half, a full resolution costs less than :func:`update`.
    """
    block = person_block(state, person_buckets(new, decisions))
    return len({n[0] for n in block} & state.articles) / max(1, len(state.articles))


class _Roots:
    """Cluster roots: a fresh union-find inside the block, the stored clusters outside it."""

    def __init__(self, uf, outside: dict[Node, Node]) -> None:
        self.uf, self.outside = uf, outside

    def find(self, node: Node) -> Node:
        return self.outside[node] if node in self.outside else self.uf.find(node)


class _Update:
    """One :func:`update`: the records at hand and the IRIs, labels and alt labels redone."""

    def __init__(self, state: State, new: Sequence[ArticleRecord], load: Callable[[str], ArticleRecord],
                 decisions: Decisions, cache: dict[str, ArticleRecord]) -> None:
        self.state, self.new, self.load, self.decisions, self.cache = state, new, load, decisions, cache
        cache.update((r.article_id, r) for r in new)
        self.iri = ChainMap({}, state.iri)  # the stored IRIs under the ones redone so far
        self.redone: dict[Node, str] = {}
        self.labels: dict[str, tuple[str, str]] = {}
        self.alts: dict[str, frozenset[tuple[str, str]]] = {}

    def get(self, article_id: str) -> ArticleRecord:
        if article_id not in self.cache:
            self.cache[article_id] = self.load(article_id)
        return self.cache[article_id]

    def records(self, nodes: Iterable[Node]) -> list[ArticleRecord]:
        return [self.get(a) for a in sorted({n[0] for n in nodes})]

    def redo(self, iris: dict[Node, str]) -> None:
        self.redone.update(iris)
        self.iri.maps[0].update(iris)

    def persons(self, buckets: dict[Node, tuple[str, ...]]) -> set[Node]:
        """Re-cluster the bucket components of the new persons and their slug groups; return the nodes."""
        state, decisions = self.state, self.decisions
        block = person_block(state, buckets)
        persons = [p for p in _persons(self.records(block), decisions) if p.node in block]
        uf = _link_persons(persons, decisions)
        clusters = _person_iris(persons, uf)
        slugs = {slug(text) for text, _ in clusters.values()}
        slugs |= {slug(state.label[state.iri[n]][0]) for n in block if n in state.iri}
        same_slug = {i for i in state.label if i.startswith(PERSON_NS) and slug(state.label[i][0]) in slugs}
        outside = {n: i for n, i in state.iri.items() if i in same_slug and n in state.persons and n not in block}
        if outside:  # stored clusters whose IRI may be renamed by a new one of the same slug
            roots: dict[str, Node] = {}
            for n, i in sorted(outside.items(), reverse=True):
                roots[i] = n  # the smallest node of each stored cluster, as union-find leaves it
            more = [p for p in _persons(self.records(outside), decisions) if p.node in outside]
            clusters = _person_iris(persons + more, _Roots(uf, {n: roots[i] for n, i in outside.items()}))
        for piri, (text, members) in clusters.items():
            self.labels[piri] = (text, "en")
            self.alts[piri] = frozenset((f, p.entity.lang) for p in members for f in _forms(p.entity) if f != text)
            self.redo({p.node: piri for p in members})
        return set(self.redone)

    def entities(self) -> None:
        """IRIs of the other entities of the new records (local), labels: the smallest name seen."""
        labels, alts, state = self.labels, self.alts, self.state
        for rec in self.new:
            for ent in rec.entities:
                if ent.kind == "person":
                    continue
                x = entity_iri(rec, ent)
                self.redo({(rec.article_id, ent.key): x})
                prev = labels[x] if x in labels else state.label.get(x)
                pool = set(alts[x] if x in alts else state.alt_labels.get(x, frozenset()))
                pool |= {(f, ent.lang) for f in (ent.name, *ent.forms) if f.strip()}
                if prev and prev[0].strip():
                    pool.add(prev)
                labels[x] = min([p for p in (prev, (ent.name, ent.lang)) if p], key=_label_key)
                alts[x] = frozenset(pool - {labels[x]})

    def offices(self, person_nodes: set[Node]) -> None:
        """A bare office takes the one qualified office of its title its holder has anywhere."""
        state = self.state
        held = {self.redone[n] for n in person_nodes}
        loaded = self.records(person_nodes | {(r.article_id, "") for r in self.new})
        old_iris = {state.iri.get(n) for n in person_nodes}
        for k in [k for k in state.known if k[0] in old_iris]:
            del state.known[k]
        state.known.update((k, frozenset(v)) for k, v in office_holdings(loaded, self.iri, held)[0].items())
        bare = office_holdings(loaded, self.iri)[1]
        offices = {n: entity_iri(self.get(n[0]), self.get(n[0]).entity(n[1])) for n, p, _ in bare if p in held}
        for node, person, title in bare:  # in resolve's order: the last holder with one such office wins
            qualified = state.known.get((person, title), ())
            if node in offices and len(qualified) == 1:
                offices[node] = next(iter(qualified))
        self.redo(offices)

    def events(self) -> list:
        """Re-cluster the event components of the new events and of those whose persons moved."""
        moved = {n[0] for n, i in self.redone.items() if self.state.iri.get(n) != i}
        dirty_records = [self.get(a) for a in sorted(moved | {r.article_id for r in self.new})]
        block = event_block(self.state, event_tokens(dirty_records, self.iri))
        records = self.records(block)
        person_iris = {self.iri[(r.article_id, e.key)] for r in records for e in r.entities if e.kind == "person"}
        evs = [e for e in _events(records, self.iri, person_iris) if e.node in block]
        root = _cluster_events(evs)
        groups: dict[Node, list] = defaultdict(list)
        for e in evs:
            groups[root[e.node]].append(e)
        for members in groups.values():
            x = event_iri(members[0].ev.kind, min(f"{m.node[0]}:{m.node[1]}" for m in members))
            self.labels[x], self.alts[x] = _event_labels(members)
            self.redo({m.node: x for m in members})
        return evs

    def fold(self, clustered: set[Node], evs: list, buckets: dict[Node, tuple[str, ...]]) -> set[str]:
        """Write the redone entries into the state; return the articles whose triples can have changed."""
        state, redone = self.state, self.redone
        old = {n: (state.iri.get(n), state.label.get(state.iri.get(n))) for n in redone}
        gone = {state.iri[n] for n in clustered if n in state.iri} - {redone[n] for n in clustered}
        for x in gone:  # person and event clusters are redone whole: an IRI no node keeps is gone
            state.label.pop(x, None)
            state.alt_labels.pop(x, None)
        relabelled = {x for x, lab in self.labels.items() if state.label.get(x) != lab}
        state.iri.update(redone)
        state.label.update(self.labels)
        state.alt_labels.update(self.alts)
        state.persons.update(buckets)
        state.events.update((e.node, _tokens(e)) for e in evs)
        state.articles |= {r.article_id for r in self.new}
        changed = {n[0] for n, pair in old.items() if pair != (redone[n], state.label.get(redone[n]))}
        if relabelled:  # an IRI with a new label (France, Umerov...) changes every article naming it
            changed |= {a for (a, _), x in state.iri.items() if x in relabelled}
        return changed | {r.article_id for r in self.new}


def update(state: State, new: Sequence[ArticleRecord], load: Callable[[str], ArticleRecord],
           decisions: Decisions, *, cache: dict[str, ArticleRecord] | None = None) -> set[str]:
    """Resolve ``new`` records (ids not in ``state``) into ``state``, in place.

    Args:
        state: the resolution of the stored articles; extended with ``new``.
        new: records of articles not yet in ``state``.
        load: article id -> stored record (called for the articles of the blocks only).
        decisions: the decisions ``state`` was built with.
        cache: receives every record used (by article id), for the caller to reuse.

    Returns:
        Ids of the articles whose triples can have changed, the new ones included.
    """
    job = _Update(state, new, load, decisions, {} if cache is None else cache)
    buckets = person_buckets(new, decisions)
    person_nodes = job.persons(buckets)
    job.entities()
    job.offices(person_nodes)
    evs = job.events()
    return job.fold(person_nodes | {e.node for e in evs}, evs, buckets)
