"""The ingest job: read articles, extract, resolve against the store, write named graphs.

Per article: read -> :func:`ingest.document.make_document` -> :func:`ingest.extract.extract`
-> an :class:`~graph.model.ArticleRecord` kept in the store. Then the new records are
resolved against the stored ones (:mod:`ingest.incremental`: only the block of stored
articles they can touch is re-resolved) and only the article graphs whose triples
changed are rewritten, in one transaction. The result equals a from-scratch build
whatever the order and batching of ingestion, and re-ingesting changes nothing.

Besides ``records/`` the store keeps ``graphs.json`` (a digest of each article graph as
written) and ``resolution.json`` (the resolution of every stored article, see
:class:`ingest.resolution_state.State`). A full resolution runs instead when the
curation file changed, a stored record was re-extracted, either file is missing or
damaged, or the new records' block holds most of the store (a big batch: then it is
cheaper); only the graphs whose triples differ are rewritten all the same. Both files
are invalidated before graphs are written, so a crash leaves a store that the next
ingest repairs. Each run times its stages (see :class:`IngestSummary`).

Example:
    >>> import tempfile
    >>> s = ingest_paths(["data/articles"], tempfile.mkdtemp() + "/s", progress=False)
    >>> (s.read, s.failed, s.mode)
    (5, 0, 'full')
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from graph.curation import load_decisions
from graph.errors import DDGraphError, InputError
from graph.iri import article_iri
from graph.model import ArticleRecord
from graph.ontology import DATA_DIR
from graph.rdf import article_triples, to_ntriples
from graph.records import record_from_dict, record_to_dict
from graph.store import Store, open_store
from ingest.document import make_document
from ingest.gazetteer import gazetteer_by_subject
from ingest.extract import EXTRACTOR, extract
from ingest.incremental import STATE_FILE as RESOLUTION_FILE
from ingest.incremental import State, block_share, changed_articles, update
from ingest.read import iter_articles

STATE_FILE = "graphs.json"
CURATION_FILE = "curation.yaml"
DEFAULT_TURTLE = (DATA_DIR / "ontology.ttl", DATA_DIR / "topics.ttl")
_DEFAULTS_KEY = "#defaults"  # digest of DEFAULT_TURTLE as loaded, kept in graphs.json
#: Resolve everything when the new records' block holds more than this share of the store.
FULL_SHARE = 0.5


@dataclass(frozen=True)
class IngestSummary:
    """What one ingest run did.

    Attributes:
        read: articles read. new: articles extracted for the first time (or again,
        after an extractor change). unchanged: already stored, identical.
        failed: inputs that could not be ingested (see ``errors``).
        graphs_written: named graphs (re)written. triples_written: their triples.
        seconds: wall time. read_seconds: reading and cleaning. extract_seconds:
        extraction. resolve_seconds: resolution (loading the records it needs
        included). rdf_seconds: generating triples. write_seconds: writing records,
        graphs and state. mode: "incremental", "full" or "none" (nothing to resolve).
        resolved: articles whose records took part in resolution. load_seconds: the
        part of resolve_seconds spent reading stored records.
    """

    read: int = 0
    new: int = 0
    unchanged: int = 0
    failed: int = 0
    graphs_written: int = 0
    triples_written: int = 0
    seconds: float = 0.0
    resolve_seconds: float = 0.0
    errors: tuple[str, ...] = field(default=())
    read_seconds: float = 0.0
    extract_seconds: float = 0.0
    rdf_seconds: float = 0.0
    write_seconds: float = 0.0
    mode: str = "none"
    resolved: int = 0
    load_seconds: float = 0.0

    def lines(self) -> list[str]:
        """The one-screen summary printed at the end of a run."""
        return [
            f"articles read     {self.read}",
            f"  new             {self.new}",
            f"  unchanged       {self.unchanged}",
            f"  failed          {self.failed}",
            f"graphs written    {self.graphs_written}",
            f"triples written   {self.triples_written}",
            f"time              {self.seconds:.1f} s (resolution {self.resolve_seconds:.1f} s)",
            f"  read+clean      {self.read_seconds:.2f} s",
            f"  extraction      {self.extract_seconds:.2f} s",
            f"  resolution      {self.resolve_seconds:.2f} s ({self.mode}, {self.resolved} articles, "
            f"{self.load_seconds:.2f} s reading them)",
            f"  rdf             {self.rdf_seconds:.2f} s",
            f"  store write     {self.write_seconds:.2f} s",
        ]


class _Timer:
    """Seconds per stage, added up."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    def add(self, stage: str, since: float) -> float:
        now = time.perf_counter()
        self.seconds[stage] = self.seconds.get(stage, 0.0) + now - since
        return now


def _progress(items: list, enabled: bool, desc: str):
    if not enabled:
        return items
    from tqdm import tqdm

    return tqdm(items, desc=desc, unit="article", leave=False)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def _file_digest(*paths: Path) -> str:
    h = hashlib.sha256()
    for p in paths:
        h.update(p.read_bytes() if p.exists() else b"\0missing")
    return h.hexdigest()[:20]


def _load_state(store: Store) -> dict[str, str] | None:
    """Digests of the article graphs as written; None when the file is missing or damaged."""
    path = store.path / STATE_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return None  # the graphs are rewritten, nothing is lost
    return data if isinstance(data, dict) else None


def _save_state(store: Store, state: dict[str, str]) -> None:
    tmp = store.path / f".{STATE_FILE}.tmp"
    tmp.write_text(json.dumps(state, sort_keys=True), encoding="utf-8")
    tmp.replace(store.path / STATE_FILE)


def _write(store: Store, state: State, records: dict[str, ArticleRecord], changed: set[str],
           digests: dict[str, str] | None, timer: _Timer) -> tuple[int, int]:
    """Regenerate the graphs of ``changed`` articles and write those that differ; save the state."""
    t = time.perf_counter()
    res = state.resolution()
    old = dict(digests or {})
    new_digests = {k: v for k, v in old.items() if k in state.articles or k == _DEFAULTS_KEY}
    graphs: dict[str, str] = {}
    defaults: dict[str, str] = {}
    triples = 0
    for aid in sorted(changed if digests is not None else state.articles):
        named, default = article_triples(records[aid] if aid in records else _record(store, aid), res)
        named_nt, default_nt = to_ntriples(named), to_ntriples(default)
        digest = new_digests[aid] = _digest(named_nt + "\n#\n" + default_nt)
        if old.get(aid) != digest:
            iri = article_iri(aid)
            graphs[iri], defaults[iri] = named_nt, default_nt
            triples += len(named) + len(default)
    t = timer.add("rdf", t)
    turtle = _defaults_digest()
    if old.get(_DEFAULTS_KEY) != turtle:  # the ontology, topics or lexicon changed: reload them
        defaults.update(gazetteer_by_subject())
    if graphs or old.get(_DEFAULTS_KEY) != turtle:  # invalidate first: a crash in between is repaired
        (store.path / RESOLUTION_FILE).unlink(missing_ok=True)
        _save_state(store, {k: v for k, v in old.items() if k in new_digests and old[k] == new_digests[k]
                            and k != _DEFAULTS_KEY})
        store.load_default_turtle(DEFAULT_TURTLE)
        new_digests[_DEFAULTS_KEY] = turtle
        store.replace_graphs(graphs, defaults)
    if new_digests != digests:
        _save_state(store, new_digests)
    state.save(store.path / RESOLUTION_FILE)
    timer.add("write", t)
    return len(graphs), triples


def _defaults_digest() -> str:
    """Digest of what the default graph is loaded from: ontology, topics and the lexicon (gazetteer)."""
    return _file_digest(*DEFAULT_TURTLE, *sorted((DATA_DIR / "lexicon").glob("*.yaml")))


def _record(store: Store, article_id: str, timer: _Timer | None = None) -> ArticleRecord:
    t = time.perf_counter()
    record = record_from_dict(store.read_record_json(article_id))
    if timer is not None:
        timer.add("load", t)
    return record


def _full(store: Store, records: list[ArticleRecord], timer: _Timer, digests: dict[str, str] | None,
          old: State | None) -> tuple[int, int]:
    """Resolve ``records`` from scratch; rewrite what differs from ``old`` (all when None) and from ``digests``."""
    t = time.perf_counter()
    path = store.path / CURATION_FILE
    state = State.build(records, load_decisions(path), _file_digest(path))
    changed = changed_articles(old, state)
    timer.add("resolve", t)
    return _write(store, state, {r.article_id: r for r in records}, changed, digests, timer)


def write_graphs(store: Store, records: list[ArticleRecord], *, force: bool = False) -> tuple[int, int, float]:
    """Resolve ``records`` together (all the stored ones) and rewrite the article graphs that changed.

    Used after anything that calls for a full resolution, e.g. a curation decision.

    Returns:
        (graphs written, triples written, seconds spent resolving).
    """
    timer = _Timer()
    digests = None if force else _load_state(store)
    old = None if digests is None else State.load(store.path / RESOLUTION_FILE)
    written, triples = _full(store, records, timer, digests, old)
    return written, triples, timer.seconds.get("resolve", 0.0)


def load_records(store: Store) -> list[ArticleRecord]:
    """Every extraction record kept in the store, by article id."""
    return [_record(store, aid) for aid in store.article_ids()]


def _resolve_and_write(store: Store, new: dict[str, ArticleRecord], replaced: bool, timer: _Timer) -> tuple:
    """Resolve the new records against the store and write; (written, triples, mode, resolved)."""
    t = time.perf_counter()
    stored = set(store.article_ids())
    path = store.path / CURATION_FILE
    digests = _load_state(store)
    old = None if digests is None or replaced else State.load(store.path / RESOLUTION_FILE)
    state = old if old is not None and old.curation == _file_digest(path) and old.articles <= stored else None
    pending = sorted(stored - state.articles) if state is not None else []  # this run's, and a crash's
    fresh = {a: new[a] if a in new else _record(store, a, timer) for a in pending}
    decisions = load_decisions(path)
    if state is not None and fresh and block_share(state, list(fresh.values()), decisions) > FULL_SHARE:
        state = None  # a big batch: resolving everything costs less
    if state is None:
        records = [new.get(a) or fresh.get(a) or _record(store, a, timer) for a in sorted(stored)]
        timer.add("resolve", t)
        written, triples = _full(store, records, timer, digests, old)
        return written, triples, "full", len(records)
    if not pending and digests.get(_DEFAULTS_KEY) == _defaults_digest():
        timer.add("resolve", t)
        return 0, 0, "none", 0
    cache: dict[str, ArticleRecord] = {}
    changed = update(state, list(fresh.values()), lambda a: _record(store, a, timer), decisions, cache=cache)
    timer.add("resolve", t)
    written, triples = _write(store, state, cache, changed, digests, timer)
    return written, triples, "incremental", len(cache)


def ingest_paths(paths: Iterable[str | Path], store_path: str | Path, *, progress: bool = True) -> IngestSummary:
    """Ingest files and folders of articles into the store at ``store_path``.

    Bad inputs are reported in the summary's ``errors`` (one line each) and skipped;
    the other articles are still ingested. Store problems raise
    :class:`~graph.errors.StoreError` before anything is written.
    """
    t0 = time.perf_counter()
    timer = _Timer()
    errors: list[InputError] = []
    articles = list(iter_articles(paths, errors))
    t = timer.add("read", t0)
    read = unchanged = 0
    new: dict[str, ArticleRecord] = {}
    replaced = False
    with open_store(store_path) as store:
        known = set(store.article_ids())
        seen: set[str] = set()
        for article in _progress(articles, progress and len(articles) > 20, "extract"):
            read += 1
            aid = article.article_id
            if aid in seen:
                unchanged += 1
                continue
            seen.add(aid)
            if aid in known:
                stored = store.read_record_json(aid) or {}
                if stored.get("extractor") == EXTRACTOR:
                    unchanged += 1
                    continue
            t = time.perf_counter()
            try:
                doc = make_document(article)
                t = timer.add("read", t)
                record = extract(doc)
            except DDGraphError as exc:
                errors.append(InputError(article.source, str(exc)))
                continue
            except Exception as exc:  # an extractor bug must not lose the other articles
                errors.append(InputError(article.source, f"extraction failed ({type(exc).__name__}: {exc})"))
                continue
            finally:
                t = timer.add("extract", t)
            store.write_record_json(aid, record_to_dict(record))
            timer.add("write", t)
            new[aid] = record
            replaced = replaced or aid in known
        written, triples, mode, resolved = _resolve_and_write(store, new, replaced, timer)
    s = timer.seconds
    return IngestSummary(
        read=read, new=len(new), unchanged=unchanged, failed=len(errors), graphs_written=written,
        triples_written=triples, seconds=time.perf_counter() - t0, resolve_seconds=s.get("resolve", 0.0),
        errors=tuple(str(e) for e in errors), read_seconds=s.get("read", 0.0),
        extract_seconds=s.get("extract", 0.0), rdf_seconds=s.get("rdf", 0.0), write_seconds=s.get("write", 0.0),
        mode=mode, resolved=resolved, load_seconds=s.get("load", 0.0),
    )
