"""The persistent store: Oxigraph on disk, written by one writer, read through snapshots.

Layout of a store directory::

    ddgraph-store/
      ddgraph-store.json   format version (a store of another version is refused)
      lock                 flock'ed by the one writer (ingest, curation, repair)
      oxigraph/            the RDF dataset the writer works on
      snapshots/<n>/       committed states for readers (RocksDB checkpoints: hard links)
      snapshots/<n>.json   what snapshot n holds (counts); <n>.lock: held by its readers
      snapshots/<n>.answers/  answers readers computed from snapshot n (whole-graph questions)
      current              the number of the newest snapshot
      records.sqlite       what extraction found in each article (graph.records.RecordStore)
      resolution.sqlite    the resolution state (graph.state.ResolutionState)
      journal.json         present only while article graphs are being written
      curation.yaml        analysts' same/different decisions (graph.curation)

Readers (lookups, ``ddgraph serve``) never take the writer's lock: they open the
newest snapshot read-only and keep it until they close, so a writer can ingest
meanwhile; each commit publishes a new snapshot, and a reader that reopens sees it.

Example:
    >>> import tempfile
    >>> path = tempfile.mkdtemp() + "/s"
    >>> with open_store(path) as store:
    ...     _ = store.publish()
    >>> with open_store(path, read_only=True) as reader:
    ...     reader.generation
    1
"""

from __future__ import annotations

import fcntl
import gc
import json
import os
import shutil
import threading
import time
from functools import cached_property
from pathlib import Path

import pyoxigraph as ox

from ddgraph.graph.errors import StoreError
from ddgraph.graph.namespaces import DD_NS, INSTANCES_GRAPH, RDF_NS, SCHEMA_NS
from ddgraph.graph.records import RecordStore
from ddgraph.graph.state import STATE_FILE, ResolutionState

#: Version of the on-disk layout and graph shapes. Bump when either changes.
STORE_FORMAT = 3
#: Older formats that :func:`graph.writer.upgrade_store` (``ddgraph upgrade``) brings to this one.
UPGRADABLE = frozenset({2})
MARKER = "ddgraph-store.json"
DEFAULT_STORE = "ddgraph-store"
JOURNAL = "journal.json"
RECORDS = "records.sqlite"
CURATION_FILE = "curation.yaml"
COUNTS = "counts.json"
#: Present while the working database holds changes no snapshot has: a writer killed after
#: writing and before publishing leaves it, and the next writer publishes even with nothing new.
UNPUBLISHED = "unpublished"
ANSWERS_SUFFIX = ".answers"  # snapshots/<n>.answers: what readers computed from snapshot n
#: What a store directory may hold before its marker is written (a creation that was interrupted).
_CREATION_LEFTOVERS = {"lock", "oxigraph", MARKER + ".tmp"}


def default_store_path(explicit: str | os.PathLike | None = None) -> Path:
    """Return ``explicit``, else ``$DDGRAPH_STORE``, else ``./ddgraph-store``.

    Example:
        >>> default_store_path("/tmp/x").name
        'x'
    """
    if explicit:
        return Path(explicit)
    return Path(os.environ.get("DDGRAPH_STORE") or DEFAULT_STORE)


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


class Store:
    """An open store. Use :func:`open_store` rather than building one.

    Attributes:
        path: the store directory.
        read_only: a reader (a snapshot) or the writer (the working database).
        ox: the pyoxigraph database.
        generation: the snapshot a reader opened (0 for the writer).
        format: the format of the working database (older only while an upgrade runs).
    """

    def __init__(self, path: Path, ox_store: ox.Store, lock_fd: int, read_only: bool, generation: int = 0) -> None:
        self.format = STORE_FORMAT
        self.path = path
        self.ox = ox_store
        self.read_only = read_only
        self.generation = generation
        self._lock_fd = lock_fd
        _LOCK_FDS.add(lock_fd)
        self._closed = False
        self._collector: threading.Thread | None = None  # deleting older snapshots (see publish)
        # the working database differs from the last snapshot (this writer's changes, or a killed one's)
        self.dirty = not read_only and (path / UNPUBLISHED).exists()
        if read_only:
            _OPEN_SNAPSHOTS[id(ox_store)] = self

    @cached_property
    def dataset(self):
        """The store as an rdflib ``Dataset`` (default graph: the union of all graphs)."""
        from oxrdflib import OxigraphStore
        from rdflib import Dataset

        return Dataset(store=OxigraphStore(store=self.ox), default_union=True)

    # -- the writer's side files ----------------------------------------------------
    @cached_property
    def records(self) -> RecordStore:
        """The extraction records (read-only for a reader)."""
        return RecordStore(self.path / RECORDS, read_only=self.read_only)

    @cached_property
    def state(self) -> ResolutionState:
        """The resolution state (the writer only); a damaged one is started afresh."""
        if self.read_only:
            raise StoreError(str(self.path), "the resolution state is the writer's")
        path = self.path / STATE_FILE
        state = ResolutionState.open(path)
        if state is None:
            for p in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
                p.unlink(missing_ok=True)
            state = ResolutionState.open(path)
        return state

    def reset_state(self) -> ResolutionState:
        """Drop the resolution state and start an empty one (a full re-resolution follows)."""
        if "state" in self.__dict__:
            self.state.close()
            del self.__dict__["state"]
        for suffix in ("", "-wal", "-shm"):
            (self.path / (STATE_FILE + suffix)).unlink(missing_ok=True)
        return self.state

    # -- counts -----------------------------------------------------------------------
    @cached_property
    def counts(self) -> dict:
        """What the store holds, kept up to date by the writer (``counts.json``; counted once
        when missing): quads, mentions, articles, their languages and publication span."""
        if self.read_only:
            try:
                return json.loads((self.path / "snapshots" / f"{self.generation}.json").read_text(encoding="utf-8"))
            except (OSError, ValueError):
                return count_store(self.ox)
        try:
            data = json.loads((self.path / COUNTS).read_text(encoding="utf-8"))
            if data.get("format") == STORE_FORMAT:
                if "classes" not in data:  # kept by an earlier ddgraph: the instance counts are added once
                    data.update(count_instances(self.ox))
                return data
        except (OSError, ValueError):
            pass
        return count_store(self.ox)

    def will_change(self) -> None:
        """Note, before the writer changes the working database, that a snapshot is owed."""
        if not (self.path / UNPUBLISHED).exists():
            _write_atomic(self.path / UNPUBLISHED, "changes not yet published\n")

    def count_changes(self, removed: list[ox.Quad], added: list[ox.Quad]) -> None:
        """Account for quads the writer removed and added (each really removed or added)."""
        if not removed and not added:
            return
        self.dirty = True
        c = self.counts
        c["quads"] += len(added) - len(removed)
        c["mentions"] += sum(1 for q in added if _is_mention_type(q)) - sum(1 for q in removed if _is_mention_type(q))
        _count_instances(c, added, 1)
        _count_instances(c, removed, -1)
        for q in added:
            if isinstance(q.graph_name, ox.DefaultGraph):
                p = q.predicate.value
                if p == _IN_LANGUAGE:
                    c["languages"][q.object.value] = c["languages"].get(q.object.value, 0) + 1
                    c["articles"] += 1
                elif p == _PUBLISHED:
                    d = q.object.value[:10]
                    c["first"] = min(c["first"] or d, d)
                    c["last"] = max(c["last"] or d, d)
        for q in removed:
            if isinstance(q.graph_name, ox.DefaultGraph) and q.predicate.value == _IN_LANGUAGE:
                c["languages"][q.object.value] -= 1
                c["articles"] -= 1
        (self.path / COUNTS).unlink(missing_ok=True)  # rewritten at publish

    # -- journal --------------------------------------------------------------------
    def journal(self) -> dict | None:
        """The journal of an interrupted write, or None."""
        path = self.path / JOURNAL
        if not path.exists():
            return None
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {"articles": None}  # unreadable: every article is redone

    def write_journal(self, data: dict) -> None:
        """Record what is about to be written (durably), before writing it."""
        _write_atomic(self.path / JOURNAL, json.dumps(data, sort_keys=True))

    def clear_journal(self) -> None:
        """The write finished: flush the database, then drop the journal."""
        self.ox.flush()
        (self.path / JOURNAL).unlink(missing_ok=True)

    # -- graphs -----------------------------------------------------------------------
    def article_count(self) -> int:
        """Articles of the store (with a graph and metadata)."""
        q = "SELECT (COUNT(?a) AS ?n) WHERE { ?a a <https://schema.org/NewsArticle> }"
        return int(next(iter(self.ox.query(q, use_default_graph_as_union=False)))["n"].value)

    def named_graphs(self) -> list[str]:
        """IRIs of all named graphs, sorted."""
        return sorted(g.value for g in self.ox.named_graphs())

    def graph_triples(self, graph_iri: str) -> set[tuple]:
        """The triples of one named graph."""
        g = ox.NamedNode(graph_iri)
        return {(q.subject, q.predicate, q.object) for q in self.ox.quads_for_pattern(None, None, None, g)}

    def flush(self) -> None:
        """Make sure everything written is on disk."""
        if not self.read_only and self.ox is not None:
            self.ox.flush()

    # -- snapshots ----------------------------------------------------------------------
    @property
    def answers_dir(self) -> Path | None:
        """Where answers computed from this reader's snapshot may be kept (None for the writer).

        A published snapshot never changes, so what was computed from it stays
        true; the directory is deleted with the snapshot.

        Example:
            >>> import tempfile
            >>> s = open_store(tempfile.mkdtemp() + "/s"); s.answers_dir is None; s.close()
            True
        """
        return self.path / "snapshots" / f"{self.generation}{ANSWERS_SUFFIX}" if self.read_only else None

    def mark_upgraded(self) -> None:
        """Record that the working database now has this ddgraph's format (after an upgrade)."""
        _write_atomic(self.path / MARKER, json.dumps({"format": STORE_FORMAT}) + "\n")
        self.format = STORE_FORMAT

    def publish(self) -> int:
        """Publish the working database as a new snapshot for readers; return its number."""
        if self.read_only:
            raise StoreError(str(self.path), "only the writer publishes")
        self._join_collector()
        self.ox.flush()
        snaps = self.path / "snapshots"
        snaps.mkdir(exist_ok=True)
        generation = current_generation(self.path) + 1
        target = snaps / str(generation)
        shutil.rmtree(target, ignore_errors=True)
        tmp = snaps / f".{generation}.tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        self.ox.backup(str(tmp))
        os.replace(tmp, target)
        _write_atomic(snaps / f"{generation}.json", json.dumps(self.counts, sort_keys=True))
        _write_atomic(self.path / COUNTS, json.dumps(self.counts, sort_keys=True))
        _write_atomic(self.path / "current", f"{generation}\n")
        # the older snapshots' files (hundreds of hard links: 0.3 s on a slow disk) are deleted in a
        # thread, while the writer goes on (or closes); close waits for it before it lets the lock go
        self._collector = threading.Thread(target=_collect_quietly, args=(snaps, generation),
                                           name="ddgraph-collect-snapshots")
        self._collector.start()
        (self.path / UNPUBLISHED).unlink(missing_ok=True)
        self.dirty = False
        return generation

    def close(self) -> None:
        """Flush and release the locks."""
        if self._closed:
            return
        self._closed = True
        try:
            self.flush()
        finally:
            for name in ("records", "state"):
                if name in self.__dict__:
                    self.__dict__.pop(name).close()
            self.__dict__.pop("dataset", None)
            if _OPEN_SNAPSHOTS.get(id(self.ox)) is self:
                del _OPEN_SNAPSHOTS[id(self.ox)]
            self.ox = None  # type: ignore[assignment]
            gc.collect()  # RocksDB really closes before the lock goes
            self._join_collector()
            _LOCK_FDS.discard(self._lock_fd)
            os.close(self._lock_fd)

    def _join_collector(self) -> None:
        if self._collector is not None:
            self._collector.join()
            self._collector = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


#: The lock files of the stores open in this process (see :func:`close_inherited_locks`).
_LOCK_FDS: set[int] = set()


def close_inherited_locks() -> None:
    """In a process forked from one that holds stores open: close this process's copies of
    their lock files, so that a lock goes when the parent closes its store (a lock taken
    with ``flock`` lasts while any copy of its descriptor is open)."""
    for fd in list(_LOCK_FDS):
        try:
            os.close(fd)
        except OSError:
            pass
    _LOCK_FDS.clear()


#: The snapshots open in this process, by the id of their database (see :func:`answers_dir_of`).
_OPEN_SNAPSHOTS: dict[int, Store] = {}


def answers_dir_of(database: object) -> Path | None:
    """The answers directory (:attr:`Store.answers_dir`) of the published snapshot that
    ``database`` (a pyoxigraph store) is open on in this process; None for anything else
    (a writer's database, an in-memory one): what a lookup handed only the database may
    keep for later ones, since a snapshot never changes.

    Example:
        >>> import tempfile
        >>> path = tempfile.mkdtemp() + "/s"
        >>> with open_store(path) as store:
        ...     _ = store.publish()
        ...     answers_dir_of(store.ox) is None
        True
        >>> with open_store(path, read_only=True) as reader:
        ...     answers_dir_of(reader.ox).name
        '1.answers'
    """
    store = _OPEN_SNAPSHOTS.get(id(database))
    return store.answers_dir if store is not None and store.ox is database else None


_MENTION = DD_NS + "Mention"
_RDF_TYPE = RDF_NS + "type"
_IN_LANGUAGE = SCHEMA_NS + "inLanguage"
_PUBLISHED = SCHEMA_NS + "datePublished"
_TOPIC = DD_NS + "Topic"
_TOPIC_KEY = DD_NS + "topicKey"
_INSTANCES = ox.NamedNode(INSTANCES_GRAPH)


def _is_mention_type(q: ox.Quad) -> bool:
    return q.predicate.value == _RDF_TYPE and q.object.value == _MENTION


def _count_instances(counts: dict, quads: list[ox.Quad], sign: int) -> None:
    """Account for instance-layer typings and topic keys (and scheme topics) added (+1) or removed (-1)."""
    if "classes" not in counts:
        return
    classes, topics = counts["classes"], counts["topic_keys"]
    for q in quads:
        p, g = q.predicate.value, q.graph_name
        if p == _RDF_TYPE and q.object.value.startswith(DD_NS) and (g == _INSTANCES or (
                isinstance(g, ox.DefaultGraph) and q.object.value == _TOPIC)):
            name = ("scheme:" if isinstance(g, ox.DefaultGraph) else "") + q.object.value[len(DD_NS):]
            classes[name] = classes.get(name, 0) + sign
        elif p == _TOPIC_KEY and g == _INSTANCES:
            topics[q.subject.value] = topics.get(q.subject.value, 0) + sign
            if not topics[q.subject.value]:
                del topics[q.subject.value]


def count_instances(store: ox.Store) -> dict:
    """The things of each ``dd:`` class in the instance layer (``classes``; ``scheme:Topic``: the
    topics of the scheme in the default graph) and the meeting keys of each topic (``topic_keys``),
    counted in the store; the writer keeps them up to date from then on (what ``ddgraph stats`` shows).

    Example:
        >>> count_instances(ox.Store())
        {'classes': {}, 'topic_keys': {}}
    """
    classes = {r["c"].value[len(DD_NS):]: int(r["n"].value) for r in store.query(
        f"SELECT ?c (COUNT(*) AS ?n) WHERE {{ GRAPH <{INSTANCES_GRAPH}> {{ ?x <{_RDF_TYPE}> ?c }} "
        f"FILTER(STRSTARTS(STR(?c), \"{DD_NS}\")) }} GROUP BY ?c")}
    scheme = int(next(iter(store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ ?x <{_RDF_TYPE}> <{_TOPIC}> }}")))["n"].value)
    if scheme:
        classes["scheme:Topic"] = scheme
    topics = {r["t"].value: int(r["n"].value) for r in store.query(
        f"SELECT ?t (COUNT(*) AS ?n) WHERE {{ GRAPH <{INSTANCES_GRAPH}> {{ ?t <{_TOPIC_KEY}> ?k }} }} GROUP BY ?t")}
    return {"classes": dict(sorted(classes.items())), "topic_keys": dict(sorted(topics.items()))}


def count_store(store: ox.Store) -> dict:
    """Count what a store holds (reads everything: used when no counts were kept)."""
    count = lambda q: int(next(iter(store.query(q)))["n"].value)  # noqa: E731
    langs = {r["l"].value: int(r["n"].value) for r in store.query(
        f"SELECT ?l (COUNT(?a) AS ?n) WHERE {{ ?a <{_IN_LANGUAGE}> ?l }} GROUP BY ?l")}
    span = next(iter(store.query(f"SELECT (MIN(STR(?d)) AS ?f) (MAX(STR(?d)) AS ?l) WHERE {{ ?a <{_PUBLISHED}> ?d }}")))
    return {
        "format": STORE_FORMAT,
        "quads": len(store),
        "mentions": count(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?m <{_RDF_TYPE}> <{_MENTION}> }} }}"),
        "articles": sum(langs.values()),
        "languages": langs,
        "first": span["f"].value[:10] if span["f"] is not None else None,
        "last": span["l"].value[:10] if span["l"] is not None else None,
        **count_instances(store),
    }


def current_generation(path: str | os.PathLike) -> int:
    """The number of the newest published snapshot (0 when none)."""
    try:
        return int((Path(path) / "current").read_text(encoding="utf-8").strip() or 0)
    except (OSError, ValueError):
        return 0


def _collect_quietly(snaps: Path, keep: int) -> None:
    """:func:`_collect` in a thread: a snapshot that cannot be deleted now is deleted by a later publish."""
    try:
        _collect(snaps, keep)
    except OSError:
        pass


def _collect(snaps: Path, keep: int) -> None:
    """Delete the snapshots no reader holds, but the newest."""
    for entry in snaps.iterdir():
        name = entry.name.removesuffix(".lock").removesuffix(ANSWERS_SUFFIX).removesuffix(".json")
        if not name.isdigit() or int(name) >= keep:
            continue
        lock = snaps / f"{name}.lock"
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            continue  # a reader still uses it
        try:
            shutil.rmtree(snaps / name, ignore_errors=True)
            shutil.rmtree(snaps / f"{name}{ANSWERS_SUFFIX}", ignore_errors=True)
            (snaps / f"{name}.json").unlink(missing_ok=True)
            lock.unlink(missing_ok=True)
        finally:
            os.close(fd)


def _check_marker(path: Path, create: bool, upgrade: bool = False) -> int:
    """The store's format (STORE_FORMAT for a store still to be created)."""
    marker = path / MARKER
    if marker.exists():
        try:
            info = json.loads(marker.read_text(encoding="utf-8"))
            fmt = int(info["format"])
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise StoreError(str(path), f"damaged store marker {MARKER} ({exc})") from exc
        if fmt in UPGRADABLE and not upgrade:
            raise StoreError(str(path), f"store format {fmt} is older than this ddgraph's ({STORE_FORMAT}); "
                                        f"run 'ddgraph upgrade --store {path}'")
        if fmt != STORE_FORMAT and fmt not in UPGRADABLE:
            raise StoreError(
                str(path),
                f"store format {fmt} is not supported by this ddgraph (expects {STORE_FORMAT}); "
                "ingest into a new store",
            )
        return fmt
    if path.exists() and not path.is_dir():
        raise StoreError(str(path), "not a directory")
    leftovers = {p.name for p in path.iterdir()} if path.exists() else set()
    if leftovers - _CREATION_LEFTOVERS:
        raise StoreError(str(path), f"not a ddgraph store (no {MARKER}) and not empty")
    if not create:
        raise StoreError(str(path), "no store here; run 'ddgraph ingest' first")
    return STORE_FORMAT


def _lock(path: Path, exclusive: bool) -> int:
    fd = os.open(path / "lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise StoreError(str(path), "store is locked by another ddgraph writer") from None
    return fd


def _open_writer(path: Path, upgrade: bool = False) -> Store:
    _check_marker(path, create=True, upgrade=upgrade)
    path.mkdir(parents=True, exist_ok=True)
    fd = _lock(path, exclusive=True)
    try:
        fmt = _check_marker(path, create=True, upgrade=upgrade)  # again, under the lock
        fresh = not (path / MARKER).exists()
        if fresh:  # an interrupted creation leaves only what the marker would own
            shutil.rmtree(path / "oxigraph", ignore_errors=True)
        ox_store = ox.Store(str(path / "oxigraph"))
        if fresh:
            _write_atomic(path / MARKER, json.dumps({"format": STORE_FORMAT}) + "\n")
    except (OSError, RuntimeError) as exc:
        os.close(fd)
        raise StoreError(str(path), f"cannot open the RDF database ({exc})") from exc
    except StoreError:
        os.close(fd)
        raise
    store = Store(path, ox_store, fd, read_only=False)
    store.format = fmt
    return store


def _open_reader(path: Path) -> Store:
    _check_marker(path, create=False)
    snaps = path / "snapshots"
    for _ in range(20):
        generation = current_generation(path)
        if generation == 0:
            raise StoreError(str(path), "nothing committed yet; run 'ddgraph ingest' first")
        snaps.mkdir(exist_ok=True)
        fd = os.open(snaps / f"{generation}.lock", os.O_RDWR | os.O_CREAT, 0o644)
        fcntl.flock(fd, fcntl.LOCK_SH)
        if (snaps / str(generation)).is_dir():
            try:
                ox_store = ox.Store.read_only(str(snaps / str(generation)))
            except (OSError, RuntimeError) as exc:
                os.close(fd)
                raise StoreError(str(path), f"cannot open the RDF database ({exc})") from exc
            return Store(path, ox_store, fd, read_only=True, generation=generation)
        os.close(fd)  # collected meanwhile: a newer one is current
        time.sleep(0.01)
    raise StoreError(str(path), "no readable snapshot (the store keeps changing)")


def open_store(path: str | os.PathLike, *, read_only: bool = False, upgrade: bool = False) -> Store:
    """Open the store at ``path``: as its one writer (created when missing), or as a reader.

    Args:
        path: the store directory.
        read_only: open the newest snapshot for queries; never blocks a writer.
        upgrade: open a store of an older format (:data:`UPGRADABLE`) as its writer, for
            :func:`graph.writer.upgrade_store`; its ``format`` says which.

    Raises:
        StoreError: locked by another writer, from another format version, not a
            store, nothing committed yet (readers), or unreadable.

    Example:
        >>> import tempfile
        >>> s = open_store(tempfile.mkdtemp() + "/s"); s.close()
    """
    path = Path(path)
    return _open_reader(path) if read_only else _open_writer(path, upgrade)
