"""Reading articles from files and folders: .txt page text, .html pages, .jsonl records.

Bad input never stops a run: each problem becomes an :class:`InputError` appended to
the caller's list (one line, "PATH: problem", with "line N" for a JSONL record), and
reading goes on with the next file or record. Whatever goes wrong with one file
(unreadable folder, symbolic link loop, FIFO or device, a file that vanishes, bad
bytes, JSON nested a thousand deep...) costs that file or that record only. What
is repaired rather than refused (a lone surrogate, an over-long optional field) is
noted in the article's ``warnings``.

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
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from ddgraph.graph.errors import InputError
from ddgraph.ingest.document import MAX_ARTICLE_BYTES, Article, looks_like_html, too_large
from ddgraph.ingest.files import display, list_files, read_bytes

#: Files larger than this are refused (checked before reading): an HTML page, or a JSONL file of many records.
MAX_BYTES = 20 * 1024 * 1024
#: The most characters of an optional JSONL field (url, title, published, publisher, language).
MAX_FIELD_CHARS = 2000
FORMATS = {".txt": "txt", ".html": "html", ".htm": "html", ".jsonl": "jsonl"}
OPTIONAL_FIELDS = ("url", "title", "published", "publisher", "language")
_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def iter_articles(paths: Iterable[str | Path], errors: list[InputError], *,
                  max_bytes: int = MAX_BYTES, max_article_bytes: int = MAX_ARTICLE_BYTES) -> Iterator[Article]:
    """Yield the articles in ``paths`` (files, or folders read recursively in sorted order).

    Hidden files and folders (name starting with ".") inside a folder are skipped; a
    file named twice is read once; symbolic links are followed, a loop is reported.
    Problems are appended to ``errors`` as they are met.

    Args:
        paths: files or folders.
        errors: receives one :class:`InputError` per unreadable file or JSONL record.
        max_bytes: size limit per file.
        max_article_bytes: size limit of one article's text (UTF-8 bytes).

    Example:
        >>> errors = []
        >>> list(iter_articles(["no/such/file.txt"], errors)), str(errors[0])
        ([], 'no/such/file.txt: no such file or directory')
    """
    if isinstance(paths, (str, Path)):  # one path given bare
        paths = [paths]
    for file in list_files(map(Path, paths), errors):
        try:
            yield from _read_file(file, errors, max_bytes, max_article_bytes)
        except Exception as exc:  # noqa: BLE001 - whatever one file does, the others are still read
            errors.append(InputError(display(file), f"cannot read file ({type(exc).__name__}: {_one_line(exc)})"))


def _read_file(path: Path, errors: list[InputError], max_bytes: int, max_article_bytes: int) -> Iterator[Article]:
    name = display(path)
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        kind = f"'{display(path.suffix)}'" if path.suffix else "(no extension)"
        errors.append(InputError(name, f"unsupported file type {kind} (expected .txt, .html, .jsonl)"))
        return
    if fmt == "txt" and max_article_bytes < max_bytes:
        data = read_bytes(path, max_article_bytes, errors, too_large)
    else:
        data = read_bytes(path, max_bytes, errors, _file_too_large)
    if data is None:
        return
    if b"\x00" in data:
        errors.append(InputError(name, "binary file"))
        return
    if fmt == "jsonl":
        yield from _read_jsonl(path, data, errors, max_article_bytes)
        return
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        errors.append(InputError(name, f"not UTF-8 text (invalid byte at offset {exc.start})"))
        return
    text = _normalise(text.removeprefix("\ufeff"))
    if not text.strip():
        errors.append(InputError(name, "file is empty"))
        return
    yield Article(text=text, source=name, fmt=fmt)


def _normalise(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _one_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [""])[0][:200]


def _read_jsonl(path: Path, data: bytes, errors: list[InputError], max_article_bytes: int) -> Iterator[Article]:
    """The records of a JSONL file, line by line: a bad line (bytes, JSON or fields) costs that line only.

    A file none of whose lines is UTF-8 is reported once, as a whole.
    """
    name = display(path)
    lines = data.removeprefix(b"\xef\xbb\xbf").split(b"\n")
    bad_bytes: list[InputError] = []
    decoded = 0
    for number, raw in enumerate(lines, 1):
        raw = raw.removesuffix(b"\r").removeprefix(b"\xef\xbb\xbf")
        if not raw.strip():
            continue
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            problem = f"not UTF-8 text (invalid byte at column {exc.start + 1})"
            bad_bytes.append(InputError(name, f"line {number}: {problem}"))
            continue
        decoded += 1
        if not line.strip():  # spaces of other kinds (U+0085, U+2028...): a blank line too
            continue
        article = _record(name, number, line, errors, max_article_bytes)
        if article is not None:
            yield article
    if bad_bytes and not decoded:
        first = bad_bytes[0].problem.split(": ", 1)[1]
        errors.append(InputError(name, f"{first} on every line" if len(bad_bytes) > 1 else bad_bytes[0].problem))
    else:
        errors.extend(bad_bytes)


#: Arrays and objects nested deeper than this are refused, whatever the Python: 3.11's
#: json module raises RecursionError near 1,000 levels, 3.12's reads much deeper.
MAX_JSON_DEPTH = 500


def _too_deep(line: str) -> bool:
    """Whether a JSON text nests arrays or objects deeper than :data:`MAX_JSON_DEPTH`
    (brackets inside strings do not count).

    Example:
        >>> _too_deep("[" * 501), _too_deep('{"text": "' + "[" * 900 + '"}'), _too_deep("[[1]]")
        (True, False, False)
    """
    if line.count("[") + line.count("{") <= MAX_JSON_DEPTH:
        return False
    depth, in_string, escaped = 0, False, False
    for ch in line:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > MAX_JSON_DEPTH:
                return True
        elif ch in "]}":
            depth -= 1
    return False


def _record(name: str, number: int, line: str, errors: list[InputError], max_article_bytes: int) -> Article | None:
    """One JSONL line as an article, or None after noting why not."""
    where = f"line {number}"
    if _too_deep(line):
        errors.append(InputError(name, f"{where}: invalid JSON (nested too deeply)"))
        return None
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        errors.append(InputError(name, f"{where}: invalid JSON ({exc.msg} at column {exc.colno})"))
        return None
    except RecursionError:
        errors.append(InputError(name, f"{where}: invalid JSON (nested too deeply)"))
        return None
    except ValueError as exc:  # e.g. an integer of more than 4,300 digits
        errors.append(InputError(name, f"{where}: invalid JSON ({_one_line(exc)})"))
        return None
    problem = _record_problem(record)
    if problem:
        errors.append(InputError(name, f"{where}: {problem}"))
        return None
    warnings: list[str] = []
    text = _repaired(record["text"], "text", warnings)
    size = len(text.encode("utf-8"))
    if looks_like_html(text):  # a page: its main text is checked once extracted (make_document)
        problem = _file_too_large(size, MAX_BYTES) if size > MAX_BYTES else None
    else:
        problem = too_large(size, max_article_bytes) if size > max_article_bytes else None
    if problem:
        errors.append(InputError(name, f"{where}: {problem}"))
        return None
    fields = {}
    for key in OPTIONAL_FIELDS:
        value = record.get(key)
        if value is None:
            continue
        if len(value) > MAX_FIELD_CHARS:
            warnings.append(f"'{key}' left out ({len(value):,} characters > {MAX_FIELD_CHARS:,})")
            continue
        fields[key] = _normalise(_repaired(value, key, warnings)).strip() or None
    return Article(text=_normalise(text), source=f"{name}:{number}", fmt="jsonl", warnings=tuple(warnings), **fields)


def _repaired(value: str, key: str, warnings: list[str]) -> str:
    """``value`` with lone surrogates ("\\ud800", no UTF-8 for them) replaced by U+FFFD, noted in ``warnings``."""
    found = _SURROGATE_RE.findall(value)
    if not found:
        return value
    warnings.append(f"'{key}' has {len(found)} lone surrogate(s) (\\u{ord(found[0]):04x}), replaced by U+FFFD")
    return _SURROGATE_RE.sub("\ufffd", value)


def _file_too_large(size: int, limit: int) -> str:
    return f"file too large ({size / 2**20:.1f} MB > {limit / 2**20:g} MB limit)"


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
