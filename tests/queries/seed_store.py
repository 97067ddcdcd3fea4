"""Stores built once per test session from the real articles, for the question tests.

``seed_store()`` holds ``data/articles`` (the articles of data/gold/seeds.yaml);
``full_store()`` adds ``tests/data/articles`` (planned and denied meetings, the
two Kulebas...). Both are built lazily in a temporary directory removed at exit.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path

from ddgraph.ingest.pipeline import ingest_paths

ROOT = Path(__file__).resolve().parents[2]
R = "https://w3id.org/ddgraph/id/"


@lru_cache(maxsize=1)
def _tmp() -> Path:
    path = Path(tempfile.mkdtemp(prefix="ddgraph-question-tests-"))
    atexit.register(shutil.rmtree, path, ignore_errors=True)
    return path


@lru_cache(maxsize=None)
def _build(name: str, folders: tuple[str, ...]) -> Path:
    store = _tmp() / name
    summary = ingest_paths([str(ROOT / f) for f in folders], store, progress=False)
    assert summary.failed == 0, summary.errors
    return store


def seed_store() -> Path:
    """The store of data/articles (built once)."""
    return _build("seeds", ("data/articles",))


def full_store() -> Path:
    """The store of data/articles and tests/data/articles (built once)."""
    return _build("full", ("data/articles", "tests/data/articles"))


def copy_store(source: Path, name: str) -> Path:
    """A writable copy of a store (for curation tests)."""
    target = _tmp() / name
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("lock"))
    return target
