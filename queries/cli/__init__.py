"""The ``ddgraph`` command line: a thin click group over the library.

Each command calls one library function (the question commands, one method of
:class:`queries.library.KnowledgeGraph`) with explicit arguments and turns
ddgraph's own errors into a one-line ``click.ClickException`` (exit code 1). The
group and what commands share are in :mod:`queries.cli.group`; the commands, by
what they do, in :mod:`~queries.cli.lookups` (questions), :mod:`~queries.cli.store`
(writing the store), :mod:`~queries.cli.exchange` (export, push, pull, SPARQL, serving)
and :mod:`~queries.cli.views` (HTML).

Example:
    >>> from click.testing import CliRunner
    >>> sorted(cli.commands)[:4]
    ['agreements', 'aid', 'central', 'check']
"""

from __future__ import annotations

from ddgraph.queries.cli import exchange, lookups, store, views  # noqa: F401 - each registers its commands
from ddgraph.queries.cli.group import cli

__all__ = ["cli", "main"]


def main(argv: list[str] | None = None) -> None:
    """Console entry point."""
    cli.main(args=argv, prog_name="ddgraph")
