"""The ingest job: read articles, extract them on every core, resolve and write them in chunks.

Per article: read (:mod:`ingest.read`, in this process) -> :func:`ingest.document.make_document`
-> :func:`ingest.extract.extract` (in a pool of worker processes when there is
enough to do) -> an :class:`~graph.model.ArticleRecord` kept in the store. Every
``chunk`` new records are resolved against the store and written
(:func:`graph.writer.write_articles`: only the blocks they touch are re-resolved,
only the graphs that change are rewritten, the instance layer follows), while the
workers go on extracting. At the end the store publishes a snapshot for readers.
The result equals a from-scratch build whatever the order and batching of
ingestion, and re-ingesting changes nothing.

Example:
    >>> import tempfile
    >>> s = ingest_paths(["data/articles"], tempfile.mkdtemp() + "/s", progress=False)
    >>> (s.read, s.failed, s.mode)
    (5, 0, 'incremental')
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from ddgraph.graph.errors import DDGraphError, InputError
from ddgraph.graph.model import ArticleRecord
from ddgraph.graph.namespaces import DATA_DIR
from ddgraph.graph.state import chunks
from ddgraph.graph.store import Store, close_inherited_locks, current_generation, open_store
from ddgraph.graph.writer import WriteStats, file_digest, load_defaults, recover, reresolve, write_articles
from ddgraph.ingest.document import Article, Document, make_document
from ddgraph.ingest.extract import EXTRACTOR, extract_annotated
from ddgraph.ingest.extract.context import annotate_many, prefetch_model
from ddgraph.ingest.read import iter_articles

DEFAULT_TURTLE = (DATA_DIR / "ontology.ttl", DATA_DIR / "topics.ttl")
#: Records resolved and written together at least (a snapshot is published after each chunk).
CHUNK = 1000
#: The automatic chunk grows with the store up to this many records.
MAX_CHUNK = 10_000


def auto_chunk(stored: int) -> int:
    """Records to resolve together when the store holds ``stored`` articles: an eighth of
    them, between :data:`CHUNK` and :data:`MAX_CHUNK`.

    Resolving a chunk re-clusters the windows it touches, and a chunk of articles
    from all over the calendar touches every window of the busiest people: a
    chunk growing with the store keeps the total work of a bulk ingest linear.

    Example:
        >>> auto_chunk(0), auto_chunk(40_000), auto_chunk(1_000_000)
        (1000, 5000, 10000)
    """
    return max(CHUNK, min(stored // 8, MAX_CHUNK))
#: Records kept in the store together while extracting (an interrupted run keeps them).
SAVE_EVERY = 50
#: Fewer articles than this are extracted in this process (a pool costs more to start).
POOL_THRESHOLD = 24
#: Articles handed to the workers ahead of the one being collected: more than a chunk, so that
#: they go on extracting while this process resolves and writes one (at 256 they stood idle for
#: half of it: 47 against 52 articles/s at 10,000 articles on 2 cores; at 1,024 they stood idle
#: through most of the writing of a 10,000-record chunk in a store of 100,000). The records wait
#: pickled (:func:`_extract_packed`: about 7 KB each)...
WINDOW = MAX_CHUNK + 2048
#: ... and at most this many characters of article text (memory stays bounded however long they are).
WINDOW_CHARS = 48_000_000
#: Articles a worker extracts together (their NER in one pass: see :func:`extract_batch`).
BATCH = 8


@dataclass(frozen=True)
class IngestSummary:
    """What one ingest run did.

    Attributes:
        read: articles read. new: articles extracted for the first time (or again,
        after an extractor change). unchanged: already stored, identical.
        failed: inputs that could not be ingested (see ``errors``, "PATH: problem" lines).
        warnings: "PATH: problem" lines about articles that were ingested all the same
        (a date that is no date, text read from HTML nested too deep, a field left out).
        graphs_written: named graphs (re)written. triples_written: triples added to them.
        seconds: wall time. read_seconds: reading files. extract_seconds: cleaning and
        extraction, summed over the workers. resolve_seconds: resolution. rdf_seconds:
        generating triples. instance_seconds: the instance layer. write_seconds: the
        store writes. mode: "incremental", "full" (everything resolved again) or "none".
        resolved: articles whose records took part in resolution. workers: extraction
        processes (1: this process), or Dask workers. cluster: the Dask cluster's address, if any.
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
    instance_seconds: float = 0.0
    publish_seconds: float = 0.0
    workers: int = 1
    warnings: tuple[str, ...] = field(default=())
    cluster: str | None = None

    def lines(self) -> list[str]:
        """The one-screen summary printed at the end of a run."""
        rate = self.new / self.seconds if self.seconds else 0.0
        return [
            f"articles read     {self.read}",
            f"  new             {self.new}",
            f"  unchanged       {self.unchanged}",
            f"  failed          {self.failed}",
            f"graphs written    {self.graphs_written}",
            f"triples written   {self.triples_written}",
            f"time              {self.seconds:.1f} s ({rate:.1f} new articles/s, {self.workers} "
            + (f"Dask worker(s) at {self.cluster})" if self.cluster else "worker(s))"),
            f"  read            {self.read_seconds:.2f} s",
            f"  clean+extract   {self.extract_seconds:.2f} s (summed over workers)",
            f"  resolution      {self.resolve_seconds:.2f} s ({self.mode}, {self.resolved} articles)",
            f"  rdf             {self.rdf_seconds:.2f} s",
            f"  instance layer  {self.instance_seconds:.2f} s",
            f"  store write     {self.write_seconds:.2f} s (+ snapshot {self.publish_seconds:.2f} s)",
        ]


def default_triples() -> set:
    """What the default graph holds besides article metadata: the ontology, the topic
    scheme, the lexicon as a gazetteer, and the instance layer's declaration."""
    import pyoxigraph as ox

    from ddgraph.graph.instances import INSTANCES
    from ddgraph.graph.ontology import ontology_graph, topic_graph
    from ddgraph.graph.rdf import RDF_TYPE, RDFS_LABEL, from_rdflib, term
    from ddgraph.ingest.gazetteer import gazetteer_triples

    out = from_rdflib(ontology_graph()) | from_rdflib(topic_graph())
    for triples in gazetteer_triples().values():
        out |= from_rdflib(triples)
    out.add((INSTANCES, RDF_TYPE, term("InstanceLayer")))
    out.add((INSTANCES, RDFS_LABEL,
             ox.Literal("ddgraph instance layer", language="en")))
    return out


def defaults_digest() -> str:
    """Digest of what the default graph is loaded from: ontology, topics and the lexicon."""
    return file_digest(*DEFAULT_TURTLE, *sorted((DATA_DIR / "lexicon").glob("*.yaml")), __file__)


def extract_one(article: Article) -> tuple[str, ArticleRecord | None, str | None, float, tuple[str, ...]]:
    """Clean and extract one article: (label, record or None, error or None, seconds, warnings)."""
    return extract_batch([article])[0]


def extract_batch(articles: Sequence[Article]) -> list[tuple[str, ArticleRecord | None, str | None, float,
                                                              tuple[str, ...]]]:
    """:func:`extract_one` for several articles, their NER in one pass: the same results,
    a fifth less time for the model (see :func:`ingest.extract.context.annotate_many`).
    An article that fails fails alone; the NER's time is shared out evenly.

    Example:
        >>> [(label, sum(e.kind == "person" for e in record.entities)) for label, record, *_ in
        ...  extract_batch([Article("Ukraine's Defense Minister Rustem Umerov met Boris Pistorius.", "a"),
        ...                Article("No one met.", "b")])]
        [('a', 2), ('b', 0)]
    """
    out: list = [None] * len(articles)
    docs: list[tuple[int, Document, float]] = []
    for i, article in enumerate(articles):
        t = time.perf_counter()
        try:
            docs.append((i, make_document(article), time.perf_counter() - t))
        except Exception as exc:  # noqa: BLE001 - a failure is a result (see _problem)
            out[i] = (article.label, None, _problem(exc), time.perf_counter() - t, ())
    t = time.perf_counter()
    try:
        contexts: list = annotate_many([doc for _, doc, _ in docs])
    except Exception:  # noqa: BLE001 - one article broke the batch: each alone, so that only it fails
        contexts = [_annotate_alone(doc) for _, doc, _ in docs]
    shared = (time.perf_counter() - t) / max(len(docs), 1)
    for (i, doc, seconds), ctx in zip(docs, contexts):
        t = time.perf_counter()
        try:
            if isinstance(ctx, Exception):
                raise ctx
            record, problem = extract_annotated(ctx), None
        except Exception as exc:  # noqa: BLE001
            record, problem = None, _problem(exc)
        out[i] = (articles[i].label, record, problem, seconds + shared + time.perf_counter() - t,
                  doc.warnings if record is not None else ())
    return out


def _annotate_alone(doc: Document):
    """The annotated document, or the exception annotating it raised."""
    try:
        return annotate_many([doc])[0]
    except Exception as exc:  # noqa: BLE001
        return exc


def _problem(exc: Exception) -> str:
    """The one-line problem an article's failure is reported as."""
    if isinstance(exc, InputError):
        return exc.problem
    if isinstance(exc, DDGraphError):
        return str(exc)
    if isinstance(exc, RecursionError):
        return "extraction failed (too deeply nested)"
    problem = (str(exc).splitlines() or [""])[0][:200]  # an extractor bug must not lose the other articles
    return f"extraction failed ({type(exc).__name__}: {problem})"


def _extract_packed(articles: Sequence[Article]) -> bytes:
    """:func:`extract_batch` pickled: a result waiting for this process to collect it takes a
    fifth of the memory it takes as objects."""
    return pickle.dumps(extract_batch(articles), protocol=pickle.HIGHEST_PROTOCOL)


def _worker_init() -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
    close_inherited_locks()  # the store's lock goes when the parent closes it, whatever a worker does


def _extracted(articles: Iterator[Article], workers: int) -> Iterator[tuple]:
    """Extract ``articles`` in order, :data:`BATCH` at a time, in a pool of ``workers``
    processes when there are enough."""
    head: list[Article] = []
    for a in articles:
        head.append(a)
        if len(head) >= POOL_THRESHOLD:
            break
    batches = chunks(_chain(head, articles), BATCH)
    if workers <= 1 or len(head) < POOL_THRESHOLD:
        for batch in batches:
            yield from extract_batch(batch)
        return
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    with ctx.Pool(workers, initializer=_worker_init) as pool:
        pending: deque = deque()
        held = 0  # characters of article text in the tasks pending
        for batch in batches:
            size = sum(len(a.text) for a in batch)
            pending.append((pool.apply_async(_extract_packed, (batch,)), size))
            held += size
            while pending and (len(pending) * BATCH >= WINDOW or held >= WINDOW_CHARS):
                task, size = pending.popleft()
                held -= size
                yield from pickle.loads(task.get())
        while pending:
            yield from pickle.loads(pending.popleft()[0].get())


def _chain(head: list, rest: Iterator) -> Iterator:
    yield from head
    yield from rest


class _Run:
    """The state of one ingest run: records are saved every :data:`SAVE_EVERY`, resolved and
    written every ``chunk``, and a snapshot is published after each write."""

    def __init__(self, store: Store, chunk: int | None) -> None:
        self.store, self.fixed = store, chunk
        self.chunk = chunk or auto_chunk(store.records.count())
        self.buffer: list[ArticleRecord] = []
        self.unsaved: list[ArticleRecord] = []
        self.replaced: list[ArticleRecord] = []
        self.stats = WriteStats()
        self.mode = "none"
        self.publish_seconds = 0.0

    def add(self, record: ArticleRecord, replaced: bool) -> None:
        if replaced:
            self.replaced.append(record)
            return
        self.buffer.append(record)
        self.unsaved.append(record)
        if len(self.unsaved) >= SAVE_EVERY:
            self.save()
        if len(self.buffer) >= self.chunk:
            self.flush()

    def save(self) -> None:
        if self.unsaved:
            self.store.records.put(self.unsaved)
            self.unsaved = []

    def flush(self) -> None:
        if not self.buffer:
            return
        self.save()
        self.stats = self.stats.add(write_articles(self.store, self.buffer))
        self.mode = "full" if self.stats.full_resolutions else "incremental"
        self.buffer = []
        self.chunk = self.fixed or auto_chunk(self.store.records.count())
        self.publish()

    def publish(self) -> None:
        t = time.perf_counter()
        self.store.publish()
        self.publish_seconds += time.perf_counter() - t

    def finish(self) -> None:
        if not self.buffer and self.store.records.count() != self.store.state.article_count():
            self.stats = self.stats.add(write_articles(self.store, []))  # records an earlier run left unresolved
            self.mode = "full" if self.stats.full_resolutions else "incremental"
        self.flush()
        if self.replaced:
            self.store.records.put(self.replaced)
            self.stats = self.stats.add(reresolve(self.store, replaced=self.replaced))
            self.mode = "full"


def _todo(articles: Iterable[Article], known, counts: dict) -> Iterator[tuple[Article, bool]]:
    """The articles to extract (new, or extracted by another extractor), once each.

    ``known`` gives the extractor of an article's stored record (None when there is none).
    """
    seen: set[str] = set()
    for article in articles:
        counts["read"] += 1
        aid = article.article_id
        extractor = known(aid) if aid not in seen else EXTRACTOR
        if extractor == EXTRACTOR:
            counts["unchanged"] += 1
            continue
        seen.add(aid)
        yield article, extractor is not None


def ingest_paths(paths: Iterable[str | Path], store_path: str | Path, *, progress: bool = True,
                 workers: int | None = None, chunk: int | None = None, dask: str | None = None,
                 cluster_stats=None) -> IngestSummary:
    """Ingest files and folders of articles into the store at ``store_path``.

    Bad inputs are reported in the summary's ``errors`` (one line each) and skipped;
    the other articles are still ingested. Store problems raise
    :class:`~graph.errors.StoreError` before anything is written.

    Args:
        workers: extraction processes (default: the machine's cores).
        chunk: records resolved and written together (default: :func:`auto_chunk`).
        dask: clean and extract on a Dask cluster instead: ``local:N`` or a scheduler
            address (:mod:`ingest.distributed`); resolution and writing stay here.
        cluster_stats: an :class:`ingest.distributed.ClusterStats` to fill (with ``dask``).

    Raises:
        ClusterError: (with ``dask``) a bad address, an unreachable scheduler, a partition
            failed on every try; the records extracted before are kept in the store, and
            the next run resolves and writes them.
    """
    t0 = time.perf_counter()
    if dask is not None:
        from ddgraph.ingest.distributed import ClusterStats, connect, extracted_on

        stats = cluster_stats if cluster_stats is not None else ClusterStats()
        t = time.perf_counter()
        with connect(dask) as client:
            stats.connect = time.perf_counter() - t
            with open_store(store_path) as store:
                summary = _ingest(store, paths, chunk, progress, lambda arts: extracted_on(client, arts, stats=stats))
        return replace(summary, seconds=time.perf_counter() - t0, workers=stats.workers, cluster=dask)
    workers = max(1, workers or os.cpu_count() or 1)
    paths = list(paths)
    if _few_files(paths):  # extracted here: the model loads in a child meanwhile (forked before the store opens)
        prefetch_model()
    with open_store(store_path) as store:
        summary = _ingest(store, paths, chunk, progress, lambda arts: _extracted(arts, workers))
    return replace(summary, seconds=time.perf_counter() - t0, workers=workers)


def _few_files(paths: list[str | Path]) -> bool:
    """Whether ``paths`` are fewer files than :data:`POOL_THRESHOLD`, none a folder or a JSON
    Lines file (which may hold any number of articles), so that this process extracts them itself.

    Example:
        >>> _few_files(["data/articles/000_caa004cb4c554bd8.txt"]), _few_files(["data/articles"])
        (True, False)
    """
    return len(paths) < POOL_THRESHOLD and all(Path(p).is_file() and Path(p).suffix.lower() != ".jsonl"
                                               for p in paths)


def _ingest(store: Store, paths: Iterable[str | Path], chunk: int | None, progress: bool,
            extracting: Callable[[Iterator[Article]], Iterator[tuple]]) -> IngestSummary:
    """:func:`ingest_paths` on an open store, extracting with ``extracting`` (``seconds``
    and ``workers`` left for the caller). When the extraction fails (a lost cluster), the
    records extracted before are kept in the store for the next run to resolve."""
    errors: list[InputError] = []
    warnings: list[str] = []
    counts = {"read": 0, "unchanged": 0, "new": 0}
    seconds = {"read": 0.0, "extract": 0.0}
    recovered = recover(store)
    defaults_changed = load_defaults(store, default_triples(), defaults_digest()) \
        if store.state.meta("defaults") != defaults_digest() else False
    run = _Run(store, chunk)
    known = store.records.extractor
    replaced_ids: set[str] = set()

    def reading() -> Iterator[Article]:
        t = time.perf_counter()
        for article, replaced in _todo(_noted(iter_articles(paths, errors), warnings), known, counts):
            seconds["read"] += time.perf_counter() - t
            if replaced:
                replaced_ids.add(article.article_id)
            yield article
            t = time.perf_counter()
        seconds["read"] += time.perf_counter() - t

    bar = _progress(progress)
    try:
        for source, record, error, spent, noted in extracting(reading()):
            seconds["extract"] += spent
            warnings += (f"{source}: {w}" for w in noted)
            if bar is not None:
                bar.update(1)
            if error is not None:
                errors.append(InputError(source, error))
                continue
            counts["new"] += 1
            run.add(record, record.article_id in replaced_ids)
    except DDGraphError:
        run.save()  # kept in the store: the next run resolves them
        raise
    finally:
        if bar is not None:
            bar.close()
    run.finish()
    if store.dirty or recovered or defaults_changed or current_generation(store.path) == 0:
        run.publish()
    s = run.stats
    return IngestSummary(
        read=counts["read"], new=counts["new"], unchanged=counts["unchanged"], failed=len(errors),
        graphs_written=s.graphs_written, triples_written=s.triples_written,
        resolve_seconds=s.resolve_seconds, errors=tuple(str(e) for e in errors), read_seconds=seconds["read"],
        extract_seconds=seconds["extract"], rdf_seconds=s.rdf_seconds, write_seconds=s.write_seconds,
        mode=run.mode, resolved=s.articles_resolved, instance_seconds=s.instance_seconds,
        publish_seconds=run.publish_seconds, warnings=tuple(warnings),
    )


def _noted(articles: Iterable[Article], warnings: list[str]) -> Iterator[Article]:
    """``articles``, their reading warnings added to ``warnings`` ("PATH: problem")."""
    for article in articles:
        warnings += (f"{article.label}: {w}" for w in article.warnings)
        yield article


def _progress(enabled: bool):
    if not enabled:
        return None
    import sys

    from tqdm import tqdm

    stream = getattr(sys.stderr, "unfiltered", sys.stderr)  # the CLI's escape filter would show the bar's "\r"
    return tqdm(desc="extract", unit="article", leave=False, file=stream)
