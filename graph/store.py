"""The persistent store: an rdflib ``Dataset`` over an Oxigraph database on disk.

Layout of a store directory::

    ddgraph-store/
      ddgraph-store.json   format version (a store from another version is refused)
      lock                 flock'ed: exclusive by writers, shared by readers
      oxigraph/            the RDF dataset (one named graph per article)
      records/<id>.json    what extraction found in each article (re-resolution input)
      graphs.json          a digest of each article graph as written (only changed graphs are rewritten)
      resolution.json      the resolution state (IRIs, labels, blocking keys) for incremental ingest
      curation.yaml        analysts' same/different decisions (see graph.curation)

Example:
    >>> import tempfile
    >>> with open_store(tempfile.mkdtemp() + "/s") as store:
    ...     len(store.article_ids())
    0
"""

from __future__ import annotations

import fcntl
import gc
import json
import os
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox
from oxrdflib import OxigraphStore
from rdflib import Dataset

from graph.errors import StoreError

#: Version of the on-disk layout and graph shapes. Bump when either changes.
STORE_FORMAT = 1
MARKER = "ddgraph-store.json"
DEFAULT_STORE = "ddgraph-store"


def default_store_path(explicit: str | os.PathLike | None = None) -> Path:
    """Return ``explicit``, else ``$DDGRAPH_STORE``, else ``./ddgraph-store``.

    Example:
        >>> default_store_path("/tmp/x").name
        'x'
    """
    if explicit:
        return Path(explicit)
    return Path(os.environ.get("DDGRAPH_STORE") or DEFAULT_STORE)


class Store:
    """An open store. Use :func:`open_store` rather than building one."""

    def __init__(self, path: Path, ox_store: ox.Store, lock_fd: int, read_only: bool) -> None:
        self.path = path
        self.ox = ox_store
        self.read_only = read_only
        self._lock_fd = lock_fd
        self.dataset = Dataset(store=OxigraphStore(store=ox_store), default_union=True)

    # -- article graphs -------------------------------------------------------------
    def article_ids(self) -> list[str]:
        """Ids of the articles whose extraction records are stored, sorted."""
        folder = self.path / "records"
        if not folder.is_dir():
            return []
        return sorted(p.stem for p in folder.glob("*.json"))

    def read_record_json(self, article_id: str) -> dict | None:
        """Return the stored extraction record of an article as parsed JSON, or None."""
        path = self.path / "records" / f"{article_id}.json"
        if not path.exists():
            return None
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise StoreError(str(path), f"unreadable extraction record ({exc})") from exc

    def write_record_json(self, article_id: str, data: dict) -> None:
        """Store the extraction record of an article (atomic rename)."""
        folder = self.path / "records"
        folder.mkdir(exist_ok=True)
        tmp = folder / f".{article_id}.json.tmp"
        tmp.write_text(json.dumps(data, ensure_ascii=False, sort_keys=True), encoding="utf-8")
        os.replace(tmp, folder / f"{article_id}.json")

    def replace_graphs(self, graphs: dict[str, str], default_subjects: dict[str, str]) -> None:
        """Replace named graphs and default-graph descriptions in one transaction.

        Args:
            graphs: named-graph IRI -> N-Triples text of its new content.
            default_subjects: subject IRI -> N-Triples text describing it in the
                default graph (its previous description there is removed first).

        Either every graph is replaced or, on error, nothing changes.
        """
        if not graphs and not default_subjects:
            return
        ops = []
        for iri in sorted(default_subjects):
            ops.append(f"DELETE WHERE {{ <{iri}> ?p ?o }}")
        for iri in sorted(graphs):
            ops.append(f"DROP SILENT GRAPH <{iri}>")
        inserts = []
        for iri in sorted(default_subjects):
            inserts.append(default_subjects[iri])
        for iri in sorted(graphs):
            inserts.append(f"GRAPH <{iri}> {{\n{graphs[iri]}\n}}")
        ops.append("INSERT DATA {\n" + "\n".join(inserts) + "\n}")
        try:
            self.ox.update(" ;\n".join(ops))
        except (OSError, SyntaxError, ValueError) as exc:
            raise StoreError(str(self.path), f"write failed, nothing changed ({exc})") from exc

    def load_default_turtle(self, turtle_paths: Iterable[Path]) -> None:
        """Load Turtle files (ontology, topic scheme) into the default graph if not there."""
        for path in turtle_paths:
            self.ox.load(path=str(path), format=ox.RdfFormat.TURTLE, to_graph=ox.DefaultGraph())

    def named_graphs(self) -> list[str]:
        """IRIs of all named graphs, sorted."""
        return sorted(g.value for g in self.ox.named_graphs())

    def flush(self) -> None:
        """Make sure everything written is on disk."""
        if not self.read_only:
            self.ox.flush()

    def close(self) -> None:
        """Flush and release the lock."""
        try:
            self.flush()
        finally:
            # Drop every reference so that RocksDB really closes before the lock goes.
            self.dataset = None  # type: ignore[assignment]
            self.ox = None  # type: ignore[assignment]
            gc.collect()
            os.close(self._lock_fd)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _check_marker(path: Path, create: bool) -> None:
    marker = path / MARKER
    if marker.exists():
        try:
            info = json.loads(marker.read_text(encoding="utf-8"))
            fmt = int(info["format"])
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise StoreError(str(path), f"damaged store marker {MARKER} ({exc})") from exc
        if fmt != STORE_FORMAT:
            raise StoreError(
                str(path),
                f"store format {fmt} is not supported by this ddgraph (expects {STORE_FORMAT}); "
                "ingest into a new store",
            )
        return
    if path.exists() and any(path.iterdir()):
        raise StoreError(str(path), f"not a ddgraph store (no {MARKER}) and not empty")
    if not create:
        raise StoreError(str(path), "no store here; run 'ddgraph ingest' first")


def _lock(path: Path, exclusive: bool) -> int:
    fd = os.open(path / "lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise StoreError(str(path), "store is locked by another ddgraph process") from None
    return fd


def open_store(path: str | os.PathLike, *, read_only: bool = False) -> Store:
    """Open (creating it when writing) the store at ``path``.

    Args:
        path: the store directory.
        read_only: open for queries only (a shared lock; writers are refused meanwhile).

    Raises:
        StoreError: locked, from another format version, not a store, or unreadable.

    Example:
        >>> import tempfile
        >>> s = open_store(tempfile.mkdtemp() + "/s"); s.close()
    """
    path = Path(path)
    _check_marker(path, create=not read_only)
    if not read_only:
        path.mkdir(parents=True, exist_ok=True)
    fd = _lock(path, exclusive=not read_only)
    try:
        if read_only:
            ox_store = ox.Store.read_only(str(path / "oxigraph"))
        else:
            ox_store = ox.Store(str(path / "oxigraph"))
            marker = path / MARKER
            if not marker.exists():
                marker.write_text(json.dumps({"format": STORE_FORMAT}) + "\n", encoding="utf-8")
    except (OSError, RuntimeError) as exc:
        os.close(fd)
        raise StoreError(str(path), f"cannot open the RDF database ({exc})") from exc
    return Store(path, ox_store, fd, read_only)
