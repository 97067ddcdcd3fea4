"""Reading a gold file: type checks that fail with one line naming the file and the place.

Example:
    >>> GoldReader("g.yaml").mapping({"idd": 1}, "meetings[0]", {"id"})
    Traceback (most recent call last):
    ...
    ddgraph.graph.errors.QueryError: g.yaml: meetings[0]: unknown key 'idd'
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterator
from typing import Any

from ddgraph.graph.errors import QueryError


class GoldReader:
    """Validation helpers that raise one-line errors naming the file and the place.

    ``where`` arguments name the place in the file ("meetings[0].date"); notes
    collects what was read in a way the author may not have meant.

    Example:
        >>> r = GoldReader("g.yaml")
        >>> r.texts(["a", "7", "000 b"], "aid[0].items"), len(r.notes)
        (('a', '7,000 b'), 1)
        >>> r.date("2024-9-2", "meetings[0].date")
        Traceback (most recent call last):
        ...
        ddgraph.graph.errors.QueryError: g.yaml: meetings[0].date: expected a date YYYY-MM-DD or null, got '2024-9-2'
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self.notes: list[str] = []

    def fail(self, where: str, problem: str) -> QueryError:
        """The error to raise for ``problem`` at ``where``."""
        return QueryError(f"{self.path}: {where}: {problem}" if where else f"{self.path}: {problem}")

    def mapping(self, value: Any, where: str, allowed: set[str], required: set[str] = frozenset()) -> dict:
        """Check that ``value`` is a mapping with only ``allowed`` keys and every ``required`` one."""
        if not isinstance(value, dict):
            raise self.fail(where, f"expected a mapping, got {type(value).__name__}")
        for key in value:
            if key not in allowed:
                raise self.fail(where, f"unknown key {key!r}")
        for key in sorted(required):
            if value.get(key) in (None, "", []):
                raise self.fail(where, f"missing {key!r}")
        return value

    def text(self, value: Any, where: str, optional: bool = False) -> str | None:
        """A non-empty string (numbers read as text); None only when ``optional``."""
        if value is None and optional:
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int, float)) or str(value).strip() == "":
            raise self.fail(where, f"expected a non-empty string, got {value!r}")
        return str(value).strip()

    def texts(self, value: Any, where: str) -> tuple[str, ...]:
        """A list of non-empty strings (none for null), "7,000" split by YAML joined again."""
        if value is None:
            return ()
        if not isinstance(value, list):
            raise self.fail(where, f"expected a list, got {type(value).__name__}")
        out: list[str] = []
        for i, v in enumerate(value):
            item = self.text(v, f"{where}[{i}]")
            # An unquoted "7,000" in a YAML flow list [a, 7,000 b] reads as "... 7" and "000 b": rejoin.
            if out and isinstance(v, str) and re.search(r"\d$", out[-1]) and re.match(r"\d{3}\b", item):
                self.notes.append(f"{self.path}: {where}: read '{out[-1]}' + '{item}' as one item "
                                  f"'{out[-1]},{item}' (quote numbers with commas in YAML lists)")
                out[-1] = f"{out[-1]},{item}"
            else:
                out.append(item)
        return tuple(out)

    def sources(self, value: Any, where: str) -> tuple[str, ...]:
        """A non-empty list of quoted article prefixes."""
        if not isinstance(value, list) or not value:
            raise self.fail(where, "expected a non-empty list of quoted file prefixes like \"000\"")
        return tuple(self.source(v, f"{where}[{i}]") for i, v in enumerate(value))

    def source(self, value: Any, where: str) -> str:
        """One quoted article prefix ("000")."""
        if not isinstance(value, str) or not value.strip():
            raise self.fail(where, f"source {value!r} must be a quoted string like \"000\"")
        return value.strip()

    def date(self, value: Any, where: str) -> str | None:
        """An ISO date YYYY-MM-DD, or None for null."""
        if value is None:
            return None
        if isinstance(value, _dt.date):
            return value.isoformat()[:10]
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
            return value.strip()
        raise self.fail(where, f"expected a date YYYY-MM-DD or null, got {value!r}")

    def items(self, data: dict, key: str) -> list:
        """The list under ``key`` of ``data`` (empty when absent)."""
        value = data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.fail(key, f"expected a list, got {type(value).__name__}")
        return value

    def entries(self, data: dict, key: str, prefix: str = "") -> Iterator[tuple[str, Any]]:
        """(where, item) for each item of the list under ``key``: where is "<prefix><key>[i]"."""
        for i, item in enumerate(self.items(data, key)):
            yield f"{prefix}{key}[{i}]", item
