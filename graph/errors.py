"""The errors ddgraph raises on purpose.

Every message is one line that names the file (or store) and the problem, so the
CLI can print it as it is.

Example:
    >>> str(InputError("a.txt", "file is empty"))
    'a.txt: file is empty'
"""

from __future__ import annotations


class DDGraphError(Exception):
    """Base class of every error ddgraph raises on purpose."""


class InputError(DDGraphError):
    """An input file (or one record of it) cannot be read as an article.

    Args:
        path: the file, with ":LINE" for one line of a JSONL file.
        problem: what is wrong, in a few words.
    """

    def __init__(self, path: str, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class StoreError(DDGraphError):
    """The store cannot be opened or written (locked, other version, corrupt)."""

    def __init__(self, path: str, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class QueryError(DDGraphError):
    """A query or lookup cannot be answered (bad SPARQL, unknown name...)."""
