"""Incremental resolution: fold new records into the stored resolution of a store.

:func:`graph.resolve.resolve` is a pure function of the set of records, and its
links never cross two kinds of boundary, which this module relies on:

* persons are linked only through a shared surname-key bucket (the 4-letter
  prefix of a surname key) or an analyst's "same" decision, so the person
  clusters of one connected component of buckets depend on that component only;
  an IRI then depends on the other clusters whose label has the same slug;
* events are compared only when they share a blocking key in the same or the
  next 12-day bin (any bin for an undated one), so each connected component of
  that candidate graph clusters on its own;
* an office named without country takes the one qualified office of the same
  title its holder has in any article, so it depends on that person's cluster.

:class:`State` keeps, for every stored article, the IRI of each local key, the
buckets of each person and the blocking tokens of each event, every label, and
the qualified offices each person holds.
:func:`update` re-resolves only the bucket components the new persons touch,
the slug groups their labels fall in, and the event components (under the old
and the new tokens) of the new events and of the events whose persons changed;
it reports the articles whose triples can have changed (a node with another IRI,
or an IRI with another label). The result is identical to a full resolution.

This module uses helpers of :mod:`graph.resolve` that are private there; a
change of its linking rules must keep the two boundaries above (the pipeline
tests compare incremental and from-scratch builds).

Example:
    >>> from graph.model import ArticleRecord, Entity
    >>> rec = lambda i, n: ArticleRecord(i, "", "", (), "en", entities=(Entity("p1", "person", n, "en"),))
    >>> state = State.build([rec("a", "Rustem Umerov")], Decisions(), "")
    >>> changed = update(state, [rec("b", "Umerov")], {}.__getitem__, Decisions())
    >>> sorted(changed), state.iri[("b", "p1")].rsplit("/", 1)[1]
    (['b'], 'rustem-umerov')
"""

from __future__ import annotations

import hashlib
import json
from collections import ChainMap, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from graph.curation import Decisions
from graph.iri import ID_NS, event_iri, slug
from graph.model import ArticleRecord
from graph.resolve import (
    Node,
    Resolution,
    _blocking,
    _cluster_events,
    _event_labels,
    _events,
    _forms,
    _label_key,
    _link_persons,
    _person_iris,
    _persons,
    entity_iri,
    resolve,
)

STATE_FILE = "resolution.json"
FORMAT = 1
PERSON_NS = ID_NS + "person/"
Token = tuple[str, int | None]  # (hash of an event blocking key, 12-day bin or None)


def _short(iri: str) -> str:
    return iri[len(ID_NS):] if iri.startswith(ID_NS) else "<" + iri


def _long(text: str) -> str:
    return text[1:] if text.startswith("<") else ID_NS + text


def person_buckets(records: Sequence[ArticleRecord], decisions: Decisions) -> dict[Node, tuple[str, ...]]:
    """Buckets of every person mention: surname-key prefixes and the "same" decisions it matches."""
    out = {}
    for p in _persons(records, decisions):
        keys = {f"p:{k[:4]}" for k in p.keys}
        keys |= {f"d:{a}|{b}" for a, b in decisions.same if a in p.terms or b in p.terms}
        out[p.node] = tuple(sorted(keys))
    return out


def event_tokens(records: Sequence[ArticleRecord], iri: ChainMap | dict) -> dict[Node, tuple[Token, ...]]:
    """Blocking tokens of every event of ``records``, given the IRIs of their local keys."""
    persons = {iri[(r.article_id, e.key)] for r in records for e in r.entities if e.kind == "person"}
    return {e.node: _tokens(e) for e in _events(records, iri, persons)}


def office_holdings(records: Iterable[ArticleRecord], iri, persons: set[str] | None = None):
    """Qualified offices by (person IRI, title), and the bare office facts, of ``records``.

    Only holders whose IRI is in ``persons`` count (all when None). Bare facts come in
    the order :func:`graph.resolve.resolve` applies them: (office node, person IRI, title).
    """
    known: dict[tuple[str, str], set[str]] = defaultdict(set)
    bare: list[tuple[Node, str, str]] = []
    for rec in sorted(records, key=lambda r: r.article_id):
        offices = {e.key: e for e in rec.entities if e.kind == "office"}
        for f in rec.facts:
            office = offices.get(f.object) if f.predicate == "holdsRole" else None
            person = iri.get((rec.article_id, f.subject)) if office is not None else None
            if person is None or (persons is not None and person not in persons):
                continue
            title = office.lexicon_id or office.name
            if office.attr("country") or office.attr("organization"):
                known[(person, title)].add(iri[(rec.article_id, office.key)])
            else:
                bare.append(((rec.article_id, office.key), person, title))
    return known, bare


def _tokens(e) -> tuple[Token, ...]:
    when = e.day or e.bound
    b = when.toordinal() // 12 if when else None
    return tuple(sorted((hashlib.blake2b(k.encode(), digest_size=8).hexdigest(), b) for k in _blocking(e)))


@dataclass
class State:
    """The resolution of every stored article, with what :func:`update` needs to extend it.

    Attributes:
        curation: digest of the curation file the resolution used.
        iri, label, alt_labels: as in :class:`graph.resolve.Resolution`.
        persons: person node -> its buckets. events: event node -> its blocking tokens.
        known: (person IRI, office title) -> the qualified office IRIs the person holds.
        articles: the article ids resolved.
    """

    curation: str
    iri: dict[Node, str]
    label: dict[str, tuple[str, str]]
    alt_labels: dict[str, frozenset[tuple[str, str]]]
    persons: dict[Node, tuple[str, ...]]
    events: dict[Node, tuple[Token, ...]]
    known: dict[tuple[str, str], frozenset[str]]
    articles: set[str]

    @classmethod
    def build(cls, records: Sequence[ArticleRecord], decisions: Decisions, curation: str,
              resolution: Resolution | None = None) -> State:
        """The state of a full resolution of ``records`` (computed unless given)."""
        res = resolution or resolve(records, decisions)
        known = {k: frozenset(v) for k, v in office_holdings(records, res.iri)[0].items()}
        return cls(curation, dict(res.iri), dict(res.label), dict(res.alt_labels), person_buckets(records, decisions),
                   event_tokens(records, res.iri), known, {r.article_id for r in records})

    def resolution(self) -> Resolution:
        """A :class:`Resolution` view of the state (no copy)."""
        return Resolution(self.iri, self.label, self.alt_labels)

    # -- on disk ---------------------------------------------------------------
    def save(self, path: Path) -> None:
        """Write the state as JSON (atomic rename)."""
        arts: dict[str, dict] = {a: {"iri": {}, "p": {}, "e": {}} for a in sorted(self.articles)}
        for (a, k), v in self.iri.items():
            arts[a]["iri"][k] = _short(v)
        for (a, k), v in self.persons.items():
            arts[a]["p"][k] = v
        for (a, k), v in self.events.items():
            arts[a]["e"][k] = v
        data = {
            "format": FORMAT, "curation": self.curation, "articles": arts,
            "label": {_short(k): v for k, v in sorted(self.label.items())},
            "alt": {_short(k): sorted(v) for k, v in sorted(self.alt_labels.items()) if v},
            "known": sorted([_short(p), t, sorted(map(_short, v))] for (p, t), v in self.known.items()),
        }  # fmt: skip
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        tmp.replace(path)

    @classmethod
    def load(cls, path: Path) -> State | None:
        """Read a saved state; None when it is missing, damaged or of another format."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") != FORMAT:
                return None
            iri, persons, events = {}, {}, {}
            for a, d in data["articles"].items():
                iri.update(((a, k), _long(v)) for k, v in d["iri"].items())
                persons.update(((a, k), tuple(v)) for k, v in d["p"].items())
                events.update(((a, k), tuple((h, b) for h, b in v)) for k, v in d["e"].items())
            label = {_long(k): (t, lang) for k, (t, lang) in data["label"].items()}
            alts = {k: frozenset() for k in label}
            alts.update((_long(k), frozenset((f, lang) for f, lang in v)) for k, v in data["alt"].items())
            known = {(_long(p), t): frozenset(map(_long, v)) for p, t, v in data["known"]}
            return cls(str(data["curation"]), iri, label, alts, persons, events, known, set(data["articles"]))
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None


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


class _Roots:
    """Cluster roots: a fresh union-find inside the block, the stored clusters outside it."""

    def __init__(self, uf, outside: dict[Node, Node]) -> None:
        self.uf, self.outside = uf, outside

    def find(self, node: Node) -> Node:
        return self.outside[node] if node in self.outside else self.uf.find(node)


def update(state: State, new: Sequence[ArticleRecord], load: Callable[[str], ArticleRecord],
           decisions: Decisions, *, cache: dict[str, ArticleRecord] | None = None) -> set[str]:
    """Resolve ``new`` records (ids not in ``state``) into ``state``, in place.

    Args:
        state: the resolution of the stored articles; extended with ``new``.
        new: records of articles not yet in ``state``.
        load: article id -> stored record (called for the articles of the block only).
        decisions: the same decisions ``state`` was built with.
        cache: receives every record loaded (by article id), for the caller to reuse.

    Returns:
        Ids of the articles whose triples can have changed, new ones included.
    """
    cache = {} if cache is None else cache
    cache.update((r.article_id, r) for r in new)
    get = lambda a: cache[a] if a in cache else cache.setdefault(a, load(a))  # noqa: E731
    records = lambda nodes: [get(a) for a in sorted({n[0] for n in nodes})]  # noqa: E731
    old_iri = ChainMap({}, state.iri)  # reads fall back to the stored IRIs; .maps[0] gets the updates
    # 1. persons: the bucket components of the new persons, then their slug groups
    buckets = person_buckets(new, decisions)
    block = person_block(state, buckets)
    persons = [p for p in _persons(records(block), decisions) if p.node in block]
    uf = _link_persons(persons, decisions)
    clusters = _person_iris(persons, uf)
    slugs = {slug(text) for text, _ in clusters.values()}
    slugs |= {slug(state.label[state.iri[n]][0]) for n in block if n in state.iri}
    outside_iris = {i for i in state.label if i.startswith(PERSON_NS) and slug(state.label[i][0]) in slugs}
    outside = {n: i for n, i in state.iri.items() if i in outside_iris and n in state.persons and n not in block}
    if outside:
        roots: dict[str, Node] = {}
        for n, i in sorted(outside.items(), reverse=True):
            roots[i] = n  # the smallest node of each stored cluster, as union-find leaves it
        more = [p for p in _persons(records(outside), decisions) if p.node in outside]
        clusters = _person_iris(persons + more, _Roots(uf, {n: roots[i] for n, i in outside.items()}))
    redone: dict[Node, str] = {}
    labels: dict[str, tuple[str, str]] = {}
    alts: dict[str, frozenset[tuple[str, str]]] = {}
    for piri, (text, members) in clusters.items():
        labels[piri] = (text, "en")
        alts[piri] = frozenset((f, p.entity.lang) for p in members for f in _forms(p.entity) if f != text)
        redone.update((p.node, piri) for p in members)
    person_nodes = set(redone)
    # 2. other entities of the new records: IRIs are local, labels the smallest name seen
    for rec in new:
        for ent in rec.entities:
            if ent.kind == "person":
                continue
            x = redone[(rec.article_id, ent.key)] = entity_iri(rec, ent)
            prev = labels[x] if x in labels else state.label.get(x)
            forms = {(f, ent.lang) for f in (ent.name, *ent.forms) if f.strip()}
            pool = set(alts[x] if x in alts else state.alt_labels.get(x, frozenset())) | forms
            if prev and prev[0].strip():
                pool.add(prev)
            labels[x] = min([p for p in (prev, (ent.name, ent.lang)) if p], key=_label_key)
            alts[x] = frozenset(pool - {labels[x]})
    old_iri.maps[0].update(redone)
    # 2b. a bare office takes the one qualified office of its title its holder has anywhere
    held = {redone[n] for n in person_nodes}
    loaded = [get(a) for a in sorted({n[0] for n in person_nodes} | {r.article_id for r in new})]
    for k in [k for k in state.known if k[0] in {state.iri.get(n) for n in person_nodes}]:
        del state.known[k]
    state.known.update((k, frozenset(v)) for k, v in office_holdings(loaded, old_iri, held)[0].items())
    bare = office_holdings(loaded, old_iri)[1]
    offices = {n: entity_iri(get(n[0]), get(n[0]).entity(n[1])) for n, person, _ in bare if person in held}
    for node, person, title in bare:  # in resolve's order: the last holder with one such office wins
        qualified = state.known.get((person, title), ())
        if node in offices and len(qualified) == 1:
            offices[node] = next(iter(qualified))
    redone.update(offices)
    old_iri.maps[0].update(offices)
    # 3. events: components of the new events and of those whose persons changed
    moved = {n for n, i in redone.items() if state.iri.get(n) != i}
    dirty_arts = {r.article_id for r in new} | {n[0] for n in moved}
    dirty_recs = [get(a) for a in sorted(dirty_arts)]
    dirty = {n: t for n, t in event_tokens(dirty_recs, old_iri).items()}
    ev_block = event_block(state, dirty)
    ev_recs = records(ev_block)
    person_iris = {old_iri[(r.article_id, e.key)] for r in ev_recs for e in r.entities if e.kind == "person"}
    evs = [e for e in _events(ev_recs, old_iri, person_iris) if e.node in ev_block]
    root = _cluster_events(evs)
    groups: dict[Node, list] = defaultdict(list)
    for e in evs:
        groups[root[e.node]].append(e)
    for members in groups.values():
        x = event_iri(members[0].ev.kind, min(f"{m.node[0]}:{m.node[1]}" for m in members))
        labels[x], alts[x] = _event_labels(members)
        redone.update((m.node, x) for m in members)
    # 4. fold into the state and tell which articles changed
    old_pairs = {n: (state.iri.get(n), state.label.get(state.iri.get(n))) for n in redone}
    clustered = person_nodes | {e.node for e in evs}  # whole clusters: an IRI no node keeps is gone
    gone = {state.iri[n] for n in clustered if n in state.iri} - {redone[n] for n in clustered}
    for x in gone:
        state.label.pop(x, None)
        state.alt_labels.pop(x, None)
    relabelled = {x for x, lab in labels.items() if state.label.get(x) != lab}
    state.iri.update(redone)
    state.label.update(labels)
    state.alt_labels.update(alts)
    state.persons.update(buckets)
    state.events.update({e.node: _tokens(e) for e in evs})
    state.articles |= {r.article_id for r in new}
    changed = {n[0] for n, pair in old_pairs.items() if pair != (redone[n], state.label.get(redone[n]))}
    if relabelled:  # an IRI with a new label (France, Umerov...) changes every article naming it
        changed |= {a for (a, _), x in state.iri.items() if x in relabelled}
    return changed | {r.article_id for r in new}


def changed_articles(old: State | None, new: State) -> set[str]:
    """Articles of ``new`` whose triples can differ from those written from ``old``."""
    if old is None:
        return set(new.articles)
    out = new.articles - old.articles
    out |= {a for (a, k) in old.iri if (a, k) not in new.iri and a in new.articles}
    for n, x in new.iri.items():
        if old.iri.get(n) != x or old.label.get(x) != new.label[x]:
            out.add(n[0])
    return out
