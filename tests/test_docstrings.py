"""The examples in the docstrings of every module of graph/, ingest/ and queries/ run.

Each module is imported by its installed name (``ddgraph.graph.store``...), never by
its path: one module object per file, whatever ran before.
"""

from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def installed_name(path: Path) -> str:
    """The name a module of the repository is imported by.

    Example:
        >>> installed_name(ROOT / "graph" / "store.py"), installed_name(ROOT / "queries" / "facade" / "__init__.py")
        ('ddgraph.graph.store', 'ddgraph')
    """
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    if parts[:2] == ["queries", "facade"]:
        parts = parts[2:]
    return ".".join(["ddgraph", *parts])


MODULES = sorted(installed_name(p) for folder in ("graph", "ingest", "queries") for p in (ROOT / folder).rglob("*.py")
                 if "__pycache__" not in p.parts)


def test_every_module_is_found():
    assert {"ddgraph", "ddgraph.graph.store", "ddgraph.ingest.extract", "ddgraph.queries.cli.lookups"} <= set(MODULES)
    assert doctest.testmod(importlib.import_module(__name__)).failed == 0


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), report=False)
    assert result.failed == 0, f"{result.failed} of {result.attempted} example(s) failed in {name} (above)"
