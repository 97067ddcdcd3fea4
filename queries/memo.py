"""Answers kept per published snapshot: a snapshot never changes, so what was computed from it stays true.

The whole-graph questions (centrality, communities, meeting chains, newly
active persons) read every meeting of the store; the first process that asks
one on a snapshot keeps the printed answer in the snapshot's answers directory
(:attr:`graph.store.Store.answers_dir`), and every later process reads it back.
An ingest publishes a new snapshot, so the next question is computed afresh; the
old answers go when the old snapshot is collected. The files are JSON keyed by
the question and the code's version; a store that cannot be written to (or a
damaged file) just means computing the answer again.

Example:
    >>> import tempfile
    >>> from pathlib import Path
    >>> d = Path(tempfile.mkdtemp()) / "1.answers"
    >>> remembered(d, {"q": "central"}, lambda: {"text": "42"})
    {'text': '42'}
    >>> remembered(d, {"q": "central"}, lambda: {"text": "never computed"})
    {'text': '42'}
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path

from ddgraph.graph import __version__

#: Bumped when what is kept changes shape.
ANSWER_FORMAT = 1


def _key_text(key: dict) -> str:
    return json.dumps({"format": ANSWER_FORMAT, "version": __version__, **key}, sort_keys=True,
                      ensure_ascii=False, default=str)


def remembered(directory: Path | None, key: dict, compute: Callable[[], dict[str, str]]) -> dict[str, str]:
    """The value kept under ``key`` in ``directory``, else ``compute()`` (kept for next time).

    Args:
        directory: the snapshot's answers directory; None computes every time.
        key: what identifies the answer (command and parameters); JSON-able.
        compute: makes the value (strings by name); its errors are raised, never kept.

    Example:
        >>> remembered(None, {}, lambda: {"text": "x"})
        {'text': 'x'}
    """
    if directory is None:
        return compute()
    key_text = _key_text(key)
    path = directory / (hashlib.sha256(key_text.encode("utf-8", "surrogatepass")).hexdigest()[:40] + ".json")
    try:
        kept = json.loads(path.read_text(encoding="utf-8"))
        if kept.get("key") == key_text and isinstance(kept.get("value"), dict):
            return kept["value"]
    except (OSError, ValueError, AttributeError):
        pass
    value = compute()
    tmp = path.with_name(f".{path.stem}.{os.getpid()}.tmp")
    try:
        directory.mkdir(exist_ok=True)
        tmp.write_text(json.dumps({"key": key_text, "value": value}), encoding="ascii")
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
    return value
