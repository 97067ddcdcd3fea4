"""Writing resolved articles into the store: article graphs, the instance layer, the journal.

One write (:func:`write_articles`) resolves new records into the resolution
state (:func:`graph.incremental.update`), regenerates the graphs of the articles
whose IRIs or labels changed, works out what that changes in the instance layer
(:func:`graph.instances.instance_delta`), and applies only the differences with
Oxigraph's bulk loader. A journal names the articles being written before any
graph is touched; an interrupted write is finished by :func:`recover` the next
time a writer opens the store (the graphs are regenerated, the instance layer
rebuilt), and readers never see a half-written state because they read the
snapshot the writer publishes at the end (:meth:`graph.store.Store.publish`).

Example:
    >>> import tempfile
    >>> from ddgraph.graph.model import ArticleRecord, Entity
    >>> from ddgraph.graph.store import open_store
    >>> rec = ArticleRecord("a1", "a.txt", "Umerov.", ((0, 7),), "en",
    ...                     entities=(Entity("p1", "person", "Rustem Umerov", "en"),))
    >>> with open_store(tempfile.mkdtemp() + "/s") as store:
    ...     store.records.put([rec])
    ...     write_articles(store, [rec], Decisions()).graphs_written
    1
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import hashlib
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from ddgraph.graph.curation import Decisions, load_decisions
from ddgraph.graph.errors import StoreError
from ddgraph.graph.incremental import lean_record, update
from ddgraph.graph.instances import INSTANCES, SubjectCache, instance_delta, rebuild_instances, refresh_derived, stored_instances
from ddgraph.graph.iri import article_iri
from ddgraph.graph.model import ArticleRecord
from ddgraph.graph.pair_topics import pair_topic_layer
from ddgraph.graph.rdf import Triple, article_triples
from ddgraph.graph.records import decode_record
from ddgraph.graph.resolve import Resolution, resolution_for, state_resolution
from ddgraph.graph.state import ResolutionState
from ddgraph.graph.store import CURATION_FILE, MARKER, STORE_FORMAT, Store, open_store


@dataclass
class WriteStats:
    """What one write did, and where its time went (seconds)."""

    graphs_written: int = 0
    triples_written: int = 0
    articles_resolved: int = 0
    resolve_seconds: float = 0.0
    rdf_seconds: float = 0.0
    instance_seconds: float = 0.0
    write_seconds: float = 0.0
    full_resolutions: int = 0

    def add(self, other: WriteStats) -> WriteStats:
        """The sum of two stats."""
        return WriteStats(*(getattr(self, f) + getattr(other, f) for f in self.__dataclass_fields__))


def file_digest(*paths) -> str:
    """A digest of some files' bytes (a missing file counts as such).

    Example:
        >>> file_digest("/nonexistent") == file_digest("/nonexistent")
        True
    """
    h = hashlib.sha256()
    for p in paths:
        try:
            with open(p, "rb") as fh:
                h.update(fh.read())
        except OSError:
            h.update(b"\0missing")
    return h.hexdigest()[:20]


def curation_digest(store: Store) -> str:
    """Digest of the store's curation file."""
    return file_digest(store.path / CURATION_FILE)


def decisions_of(store: Store) -> Decisions:
    """The analysts' decisions of the store."""
    return load_decisions(store.path / CURATION_FILE)


def articles_naming(store: Store, iris: Iterable[str]) -> set[str]:
    """Ids of the articles whose graphs use any of ``iris`` as a subject."""
    prefix = article_iri("")
    out = set()
    for iri in iris:
        for q in store.ox.quads_for_pattern(ox.NamedNode(iri), None, None, None):
            g = q.graph_name
            if isinstance(g, ox.NamedNode) and g.value.startswith(prefix):
                out.add(g.value[len(prefix):])
    return out


def _apply(store: Store, remove: Iterable[ox.Quad], add: Sequence[ox.Quad]) -> None:
    """Remove and add quads (each really present / absent), keeping the store's counts."""
    store.counts  # noqa: B018 - counted (when no counts were kept) before anything changes
    remove = list(remove)
    if remove or add:
        store.will_change()  # a writer killed from here on leaves a snapshot owed
    for q in remove:
        store.ox.remove(q)
    if add:
        store.ox.bulk_extend(add)
    store.count_changes(remove, list(add))


def release_memory() -> None:
    """Hand the heap pages freed by a stage back to the system (glibc's ``malloc_trim``).

    The stages of a chunk (resolution, then each batch of rewrites) each free what
    they built, but the C allocator keeps the freed pages mapped, so without this
    their peaks add up in the process's resident size instead of taking turns.
    Elsewhere than glibc it does nothing.

    Example:
        >>> release_memory()
    """
    trim = getattr(_libc(), "malloc_trim", None)
    if trim is not None:
        trim(0)


@functools.lru_cache(maxsize=1)
def _libc():
    """The C library, once (``find_library`` runs a program, which forks this process)."""
    try:
        return ctypes.CDLL("libc.so.6")
    except OSError:
        name = ctypes.util.find_library("c")
    try:
        return ctypes.CDLL(name) if name else None
    except OSError:
        return None


#: Articles rewritten at a time: memory stays bounded whatever the number a change touches.
REWRITE_BATCH = 500


def rewrite(store: Store, articles: Iterable[str], records: dict[str, ArticleRecord] | None = None,
            stats: WriteStats | None = None) -> WriteStats:
    """Regenerate the graphs of ``articles`` from their records and the resolution state,
    and write what differs (article graphs, article metadata, instance layer).

    Articles go :data:`REWRITE_BATCH` at a time, each batch's instance-layer delta
    computed against the store the batches before it left, so the layer ends equal
    to a rebuild and memory does not grow with the number of articles. Readers see
    none of it before the caller publishes; a crash in between is mended from the
    journal (:func:`recover`).
    """
    stats = stats or WriteStats()
    articles = sorted(set(articles))
    records = records or {}
    cache = SubjectCache()
    for i in range(0, len(articles), REWRITE_BATCH):
        batch = articles[i : i + REWRITE_BATCH]
        _rewrite_batch(store, batch, {a: records[a] for a in batch if a in records}, stats, cache)
        release_memory()
    return stats


def _rewrite_batch(store: Store, articles: list[str], records: dict[str, ArticleRecord], stats: WriteStats,
                   cache: SubjectCache) -> None:
    t = time.perf_counter()
    records.update(store.records.get_many(a for a in articles if a not in records))
    res = resolution_for(store.state, [records[a] for a in articles if a in records])
    rewrites: dict[str, tuple[set[Triple], set[Triple]]] = {}
    published: dict[str, str | None] = {}
    meta_remove: list[ox.Quad] = []
    meta_add: list[ox.Quad] = []
    for a in articles:
        g = article_iri(a)
        node = ox.NamedNode(g)
        rec = records.get(a)
        named, default = article_triples(rec, res) if rec is not None else (set(), set())
        rewrites[g] = (store.graph_triples(g), named)
        published[g] = rec.published if rec is not None else None
        old_meta = {(q.subject, q.predicate, q.object) for q in
                    store.ox.quads_for_pattern(node, None, None, ox.DefaultGraph())}
        meta_remove += [ox.Quad(*x) for x in old_meta - default]
        meta_add += [ox.Quad(*x) for x in default - old_meta]
    stats.rdf_seconds += time.perf_counter() - t
    t = time.perf_counter()
    i_remove, i_add = instance_delta(store.ox, rewrites, published, cache)
    stats.instance_seconds += time.perf_counter() - t
    t = time.perf_counter()
    remove = list(meta_remove) + [ox.Quad(*x, INSTANCES) for x in i_remove]
    add = list(meta_add) + [ox.Quad(*x, INSTANCES) for x in i_add]
    for g, (old, new) in rewrites.items():
        node = ox.NamedNode(g)
        if old != new:
            stats.graphs_written += 1
            stats.triples_written += len(new - old)
        remove += [ox.Quad(*x, node) for x in old - new]
        add += [ox.Quad(*x, node) for x in new - old]
    _apply(store, remove, add)
    cache.applied(i_remove, i_add)
    stats.write_seconds += time.perf_counter() - t


def write_articles(store: Store, new: Sequence[ArticleRecord], decisions: Decisions | None = None) -> WriteStats:
    """Resolve ``new`` records (already in the store's records) into the store and write their graphs.

    The records of the articles the store holds but never resolved (an interrupted
    ingest) are resolved with them.
    """
    decisions = decisions if decisions is not None else decisions_of(store)
    state = store.state
    if state.meta("curation") not in (None, curation_digest(store)) or state.has_articles(r.article_id for r in new):
        return reresolve(store, decisions, replaced=new)  # the decisions or some records changed
    stats = WriteStats()
    t = time.perf_counter()
    by_id = {r.article_id: r for r in new}
    pending = set(store.records.ids()) - state.articles() - set(by_id) if _maybe_pending(store) else set()
    by_id.update(store.records.get_many(pending))
    state.begin()
    try:
        if state.meta("curation") is None:
            state.set_meta("curation", curation_digest(store))
        changes = update(state, list(by_id.values()), decisions)
        articles = changes.articles | articles_naming(store, changes.relabelled)
        store.write_journal({"articles": sorted(articles)})
        state.commit()
    except BaseException:
        state.rollback()
        raise
    stats.articles_resolved = len(by_id)
    stats.resolve_seconds = time.perf_counter() - t
    release_memory()
    rewrite(store, articles, by_id, stats)
    store.clear_journal()
    return stats


def _maybe_pending(store: Store) -> bool:
    """Whether the store may hold records never resolved (cheap: counts only)."""
    return store.records.count() != store.state.article_count()


def reresolve(store: Store, decisions: Decisions | None = None, *,
              replaced: Sequence[ArticleRecord] = ()) -> WriteStats:
    """Resolve every article again from scratch (after a curation decision, a re-extraction,
    or to repair) and rewrite the graphs whose IRIs or labels changed.

    Args:
        replaced: records that replace the stored ones (re-extracted), or new ones.
    """
    decisions = decisions if decisions is not None else decisions_of(store)
    t = time.perf_counter()
    old_state = store.state
    old = state_resolution(old_state) if old_state.article_count() else None
    fresh = ResolutionState.memory()
    fresh.set_meta("curation", curation_digest(store))
    update(fresh, list(_lean_records(store, old_state, replaced)), decisions)
    fresh_count = fresh.article_count()
    new = state_resolution(fresh)
    changed = _changed_articles(old, new) | {r.article_id for r in replaced}
    store.write_journal({"articles": sorted(changed)})
    state = store.reset_state()
    fresh.db.backup(state.db)
    fresh.close()
    state.db.execute("PRAGMA journal_mode=WAL")
    stats = WriteStats(articles_resolved=fresh_count, resolve_seconds=time.perf_counter() - t, full_resolutions=1)
    rewrite(store, changed, {r.article_id: r for r in replaced}, stats)
    store.clear_journal()
    return stats


def _lean_records(store: Store, state: ResolutionState, replaced: Sequence[ArticleRecord]):
    """The lean record of every stored article (the state's, else the records'), ``replaced`` first."""
    seen = {r.article_id for r in replaced}
    yield from (lean_record(r) for r in replaced)
    for aid, blob in state.leans():
        if aid not in seen and store.records.has(aid):
            seen.add(aid)
            yield decode_record(blob)
    ids = [a for a in store.records.ids() if a not in seen]
    for i in range(0, len(ids), 1000):
        yield from (lean_record(r) for r in store.records.get_many(ids[i : i + 1000]).values())


def stored_records(store: Store) -> list[ArticleRecord]:
    """The lean record (entities, events, office facts) of every stored article."""
    return list(_lean_records(store, store.state, ()))


def _changed_articles(old: Resolution | None, new: Resolution) -> set[str]:
    """Articles whose nodes have another IRI, or an IRI with another label, in ``new``."""
    articles = {a for a, _ in new.iri}
    if old is None:
        return articles
    out = {a for (a, k), x in new.iri.items() if old.iri.get((a, k)) != x or old.label.get(x) != new.label.get(x)}
    out |= {a for a, k in old.iri if (a, k) not in new.iri}
    return out


def load_defaults(store: Store, triples: set[Triple], digest: str) -> bool:
    """Replace the default-graph descriptions of ``triples``' subjects (ontology, topics, lexicon)
    when ``digest`` differs from the one loaded; refresh the lookup keys that depend on them."""
    state = store.state
    if state.meta("defaults") == digest:
        return False
    subjects = {s for s, _, _ in triples}
    old = [q for s in subjects for q in store.ox.quads_for_pattern(s, None, None, ox.DefaultGraph())]
    keep = {ox.Quad(*t) for t in triples}
    gone, new = [q for q in old if q not in keep], sorted(keep - set(old), key=str)
    _apply(store, gone, new)
    # only the subjects whose description changed have derived values to refresh (an edit of the
    # cues or of a few topic terms must not re-derive every event of the store)
    changed = sorted({q.subject for q in [*gone, *new] if isinstance(q.subject, ox.NamedNode)}, key=str)
    remove, add = refresh_derived(store.ox, changed)
    _apply(store, [ox.Quad(*x, INSTANCES) for x in remove], [ox.Quad(*x, INSTANCES) for x in add])
    store.ox.flush()
    state.set_meta("defaults", digest)
    return True


def upgrade_store(path: str | Path) -> tuple[int, int]:
    """Bring a store of an older format (:data:`graph.store.UPGRADABLE`) to this ddgraph's, in
    place, and publish it; return (the format it had, how many triples were added).

    Format 2 lacks the pair-topic entries and counts of the instance layer
    (:func:`graph.pair_topics.pair_topic_layer`); they are computed from the stored index, so
    no article is read again.

    Raises:
        StoreError: no store, locked by another writer, or of a format no upgrade knows.

    Example:
        >>> import tempfile
        >>> path = tempfile.mkdtemp() + "/s"; open_store(path).close()
        >>> upgrade_store(path) == (STORE_FORMAT, 0)
        True
    """
    if not (Path(path) / MARKER).exists():
        raise StoreError(str(path), "no store here; run 'ddgraph ingest' first")
    with open_store(path, upgrade=True) as store:
        if store.format == STORE_FORMAT:
            return STORE_FORMAT, 0
        old = store.format
        add = [ox.Quad(*t, INSTANCES) for t in sorted(pair_topic_layer(store.ox), key=str)]
        add = [q for q in add if q not in store.ox]
        _apply(store, [], add)
        store.ox.flush()
        store.publish()
        store.mark_upgraded()
        return old, len(add)


def instance_drift(store: Store) -> tuple[set[Triple], set[Triple]]:
    """(stored but not in a rebuild, in a rebuild but not stored): empty when the instance layer is right."""
    rebuilt = rebuild_instances(store.ox)
    stored = stored_instances(store.ox)
    return stored - rebuilt, rebuilt - stored


def repair_instances(store: Store) -> int:
    """Make the instance layer equal to a rebuild; return how many triples changed."""
    extra, missing = instance_drift(store)
    _apply(store, [ox.Quad(*x, INSTANCES) for x in extra], [ox.Quad(*x, INSTANCES) for x in missing])
    store.ox.flush()
    return len(extra) + len(missing)


def recover(store: Store) -> bool:
    """Finish an interrupted write (a journal is present): resolve what was never
    resolved, regenerate the journaled graphs, rebuild the instance layer. True when
    something was recovered."""
    journal = store.journal()
    if journal is None:
        return False
    state = store.state
    decisions = decisions_of(store)
    if state.meta("curation") not in (None, curation_digest(store)):
        reresolve(store, decisions)
    else:
        pending = set(store.records.ids()) - state.articles()
        state.begin()
        try:
            changes = update(state, list(store.records.get_many(pending).values()), decisions)
            state.commit()
        except BaseException:
            state.rollback()
            raise
        articles = journal.get("articles")
        articles = set(store.records.ids()) if articles is None else set(articles)
        rewrite(store, articles | changes.articles | articles_naming(store, changes.relabelled))
    repair_instances(store)
    store.clear_journal()
    return True
