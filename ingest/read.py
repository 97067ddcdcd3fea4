"""Reading articles from files and folders: .txt page text, .html pages, .jsonl records.

Bad input never stops a run: each problem becomes an :class:`InputError` appended to
the caller's list (one line, "PATH: problem"), and reading goes on with the next file
or record.

Example:
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("Umerov met Lecornu.", encoding="utf-8")
    >>> _ = (folder / "b.pdf").write_bytes(b"%PDF")
    >>> errors = []
    >>> [a.text for a in iter_articles([folder], errors)]
    ['Umerov met Lecornu.']
    >>> errors[0].problem
    "unsupported file type '.pdf' (expected .txt, .html, .jsonl)"
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from graph.errors import InputError
from ingest.document import Article

#: Files larger than this are refused (checked before reading).
MAX_BYTES = 20 * 1024 * 1024
FORMATS = {".txt": "txt", ".html": "html", ".htm": "html", ".jsonl": "jsonl"}
OPTIONAL_FIELDS = ("url", "title", "published", "publisher", "language")


def iter_articles(paths: Iterable[str | Path], errors: list[InputError], *,
                  max_bytes: int = MAX_BYTES) -> Iterator[Article]:
    """Yield the articles in ``paths`` (files, or folders read recursively in sorted order).

    Hidden files and folders (name starting with ".") inside a folder are skipped; a
    file named twice is read once. Problems are appended to ``errors`` as they are met.

    Args:
        paths: files or folders.
        errors: receives one :class:`InputError` per unreadable file or JSONL record.
        max_bytes: size limit per file.

    Example:
        >>> errors = []
        >>> list(iter_articles(["no/such/file.txt"], errors)), str(errors[0])
        ([], 'no/such/file.txt: no such file or directory')
    """
    if isinstance(paths, (str, Path)):  # one path given bare
        paths = [paths]
    seen: set[Path] = set()
    for path in map(Path, paths):
        for file in _files(path, errors):
            key = file.resolve()
            if key in seen:
                continue
            seen.add(key)
            yield from _read_file(file, errors, max_bytes)


def _files(path: Path, errors: list[InputError]) -> Iterator[Path]:
    if path.is_dir():
        for root, dirs, names in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(names):
                if not name.startswith("."):
                    yield Path(root) / name
    elif path.exists():
        yield path
    else:
        errors.append(InputError(str(path), "no such file or directory"))


def _read_file(path: Path, errors: list[InputError], max_bytes: int) -> Iterator[Article]:
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        kind = f"'{path.suffix}'" if path.suffix else "(no extension)"
        errors.append(InputError(str(path), f"unsupported file type {kind} (expected .txt, .html, .jsonl)"))
        return
    text = _read_text(path, errors, max_bytes)
    if text is None:
        return
    if fmt == "jsonl":
        yield from _read_jsonl(path, text, errors)
    else:
        yield Article(text=text, source=str(path), fmt=fmt)


def _read_text(path: Path, errors: list[InputError], max_bytes: int) -> str | None:
    """Return the file's text (BOM stripped, newlines "\\n"), or None after noting why not."""
    try:
        if not path.is_file():
            errors.append(InputError(str(path), "not a regular file"))
            return None
        size = path.stat().st_size
        if size > max_bytes:
            problem = f"file too large ({size / 2**20:.1f} MB > {max_bytes / 2**20:g} MB limit)"
            errors.append(InputError(str(path), problem))
            return None
        data = path.read_bytes()
    except OSError as exc:
        errors.append(InputError(str(path), f"cannot read file ({exc.strerror or exc})"))
        return None
    if b"\x00" in data:
        errors.append(InputError(str(path), "binary file"))
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        errors.append(InputError(str(path), f"not UTF-8 text (invalid byte at offset {exc.start})"))
        return None
    text = _normalise(text.removeprefix("\ufeff"))
    if not text.strip():
        errors.append(InputError(str(path), "file is empty"))
        return None
    return text


def _normalise(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _read_jsonl(path: Path, text: str, errors: list[InputError]) -> Iterator[Article]:
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(InputError(str(path), f"line {number}: invalid JSON ({exc.msg} at column {exc.colno})"))
            continue
        problem = _record_problem(record)
        if problem:
            errors.append(InputError(str(path), f"line {number}: {problem}"))
            continue
        fields = {k: _normalise(record[k]).strip() or None for k in OPTIONAL_FIELDS if record.get(k) is not None}
        yield Article(text=_normalise(record["text"]), source=f"{path}:{number}", fmt="jsonl", **fields)


def _record_problem(record: object) -> str | None:
    if not isinstance(record, dict):
        kind = {list: "array", str: "string", bool: "boolean", int: "number", float: "number"}.get(type(record), "null")
        return f"expected a JSON object, got {kind}"
    if "text" not in record:
        return "missing required field 'text'"
    if not isinstance(record["text"], str) or not record["text"].strip():
        return "'text' must be a non-empty string"
    for key in OPTIONAL_FIELDS:
        if record.get(key) is not None and not isinstance(record[key], str):
            return f"'{key}' must be a string"
    return None
