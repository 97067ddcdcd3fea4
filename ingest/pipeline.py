"""The ingest job: read articles, extract, resolve against the store, write named graphs.

Per article: read -> :func:`ingest.document.make_document` -> :func:`ingest.extract.extract`
-> an :class:`~graph.model.ArticleRecord` kept in the store. Then resolution runs over
every stored record and only the article graphs whose triples changed are rewritten,
all in one transaction, so re-ingesting changes nothing and the order of ingestion
does not matter.

Example:
    >>> import tempfile
    >>> s = ingest_paths(["data/articles"], tempfile.mkdtemp() + "/s", progress=False)
    >>> (s.read, s.failed)
    (5, 0)
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
from graph.resolve import resolve
from graph.store import Store, open_store
from ingest.document import make_document
from ingest.extract import EXTRACTOR, extract
from ingest.read import iter_articles

STATE_FILE = "graphs.json"


@dataclass(frozen=True)
class IngestSummary:
    """What one ingest run did.

    Attributes:
        read: articles read. new: articles extracted for the first time (or again,
        after an extractor change). unchanged: already stored, identical.
        failed: inputs that could not be ingested (see ``errors``).
        graphs_written: named graphs (re)written. triples_written: their triples.
        seconds: wall time. resolve_seconds: time spent in resolution.
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
        ]


def _progress(items: list, enabled: bool, desc: str):
    if not enabled:
        return items
    from tqdm import tqdm

    return tqdm(items, desc=desc, unit="article", leave=False)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def _load_state(store: Store) -> dict[str, str]:
    path = store.path / STATE_FILE
    if not path.exists():
        return {}
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return {}  # the graphs are rewritten, nothing is lost


def _save_state(store: Store, state: dict[str, str]) -> None:
    tmp = store.path / f".{STATE_FILE}.tmp"
    tmp.write_text(json.dumps(state, sort_keys=True), encoding="utf-8")
    tmp.replace(store.path / STATE_FILE)


def write_graphs(store: Store, records: list[ArticleRecord], *, force: bool = False) -> tuple[int, int, float]:
    """Resolve ``records`` together and rewrite the article graphs that changed.

    Returns:
        (graphs written, triples written, seconds spent resolving).
    """
    t0 = time.perf_counter()
    resolution = resolve(records, load_decisions(store.path / "curation.yaml"))
    resolve_seconds = time.perf_counter() - t0
    state = {} if force else _load_state(store)
    graphs: dict[str, str] = {}
    defaults: dict[str, str] = {}
    new_state = {}
    triples = 0
    for rec in records:
        named, default = article_triples(rec, resolution)
        iri = article_iri(rec.article_id)
        named_nt, default_nt = to_ntriples(named), to_ntriples(default)
        digest = _digest(named_nt + "\n#\n" + default_nt)
        new_state[rec.article_id] = digest
        if state.get(rec.article_id) != digest:
            graphs[iri] = named_nt
            defaults[iri] = default_nt
            triples += len(named) + len(default)
    store.replace_graphs(graphs, defaults)
    _save_state(store, new_state)
    return len(graphs), triples, resolve_seconds


def load_records(store: Store) -> list[ArticleRecord]:
    """Every extraction record kept in the store, by article id."""
    return [record_from_dict(store.read_record_json(aid)) for aid in store.article_ids()]


def ingest_paths(paths: Iterable[str | Path], store_path: str | Path, *, progress: bool = True) -> IngestSummary:
    """Ingest files and folders of articles into the store at ``store_path``.

    Bad inputs are reported in the summary's ``errors`` (one line each) and skipped;
    the other articles are still ingested. Store problems raise
    :class:`~graph.errors.StoreError` before anything is written.
    """
    t0 = time.perf_counter()
    errors: list[InputError] = []
    articles = list(iter_articles(paths, errors))
    read = new = unchanged = failed = 0
    with open_store(store_path) as store:
        store.load_default_turtle([DATA_DIR / "ontology.ttl", DATA_DIR / "topics.ttl"])
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
            try:
                record = extract(make_document(article))
            except DDGraphError as exc:
                errors.append(InputError(article.source, str(exc)))
                continue
            except Exception as exc:  # an extractor bug must not lose the other articles
                errors.append(InputError(article.source, f"extraction failed ({type(exc).__name__}: {exc})"))
                continue
            store.write_record_json(aid, record_to_dict(record))
            new += 1
        failed = len(errors)
        records = load_records(store)
        written, triples, resolve_seconds = write_graphs(store, records)
    return IngestSummary(
        read=read, new=new, unchanged=unchanged, failed=failed, graphs_written=written,
        triples_written=triples, seconds=time.perf_counter() - t0, resolve_seconds=resolve_seconds,
        errors=tuple(str(e) for e in errors),
    )
