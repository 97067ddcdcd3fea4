"""A file cache of the term indexes, so that a new process need not build them again.

Building the Ukrainian term index lemmatises every word of every lexicon term with
pymorphy3 (0.4-0.5 s), and the English one takes 0.15 s: time that every new
``ddgraph ingest`` process paid before reading its first article. The index is a
pure function of ``data/lexicon``, of the code that normalises words and of the
pymorphy3 dictionaries, so it is kept as JSON under a key made of all three
(:func:`fingerprint`): a change to any of them makes a new key, and an entry that
cannot be read is built again (entries of other keys are removed when a new one is
written). The cache is only ever a shortcut: it is written
atomically (a temporary file renamed), never holds code (JSON, no pickle), and a
directory that cannot be written leaves the index built in memory as before.

The directory is ``$DDGRAPH_CACHE_DIR``, else ``$XDG_CACHE_HOME/ddgraph``, else
``~/.cache/ddgraph``; ``DDGRAPH_CACHE_DIR=off`` turns the cache off.

Example:
    >>> import tempfile, os
    >>> with tempfile.TemporaryDirectory() as d:
    ...     os.environ["DDGRAPH_CACHE_DIR"] = d
    ...     first = cached("demo", lambda: {"a": [1, 2]})
    ...     again = cached("demo", lambda: {"a": ["built again"]})
    ...     del os.environ["DDGRAPH_CACHE_DIR"]
    >>> first == again == {"a": [1, 2]}
    True
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from ddgraph.graph.namespaces import DATA_DIR

#: The modules whose code decides what an index holds (how terms load, how words normalise, how terms key).
_CODE = ("../lexicon.py", "tokens.py", "match.py", "names.py", "index_cache.py")
#: The packages whose data decides how words normalise.
_PACKAGES = ("pymorphy3", "pymorphy3-dicts-uk", "pymorphy3-dicts-ru")


def cache_dir() -> Path | None:
    """The directory of the cache, or None when it is turned off.

    Example:
        >>> os.environ["DDGRAPH_CACHE_DIR"] = "off"; print(cache_dir()); del os.environ["DDGRAPH_CACHE_DIR"]
        None
    """
    chosen = os.environ.get("DDGRAPH_CACHE_DIR")
    if chosen:
        return None if chosen == "off" else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "ddgraph"


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """A hash of the lexicon files, the indexing code and the dictionaries' versions.

    Example:
        >>> len(fingerprint())
        16
    """
    h = hashlib.sha256()
    for path in sorted((DATA_DIR / "lexicon").rglob("*")):
        if path.is_file():
            h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    here = Path(__file__).resolve().parent
    for name in _CODE:
        h.update((here / name).read_bytes())
    for package in _PACKAGES:
        try:
            h.update(f"{package}={metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{package}=none".encode())
    return h.hexdigest()[:16]


def cached(name: str, build: Callable[[], object]) -> object:
    """The JSON value ``build()`` returns, read from the cache when it holds it for this
    :func:`fingerprint`, else built and written there (when the directory allows)."""
    folder = cache_dir()
    if folder is None:
        return build()
    path = folder / f"{name}-{fingerprint()}.json"
    try:
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)
    except (OSError, ValueError):
        pass
    value = build()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}-", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(value, fh, ensure_ascii=False, separators=(",", ":"))
            os.replace(tmp, path)
            for old in folder.glob(f"{name}-*.json"):
                if old != path:  # an entry of another lexicon or code: never read again
                    old.unlink(missing_ok=True)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    except OSError:
        pass  # a read-only home: the index stays in memory only
    return value
