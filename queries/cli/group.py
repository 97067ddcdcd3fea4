"""The click group of ``ddgraph``, its shared options, and how a command reports errors and answers.

Example:
    >>> from click.testing import CliRunner
    >>> CliRunner().invoke(cli, ["--help"]).exit_code
    0
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import click

from ddgraph.graph.errors import DDGraphError
from ddgraph.graph.store import default_store_path, open_store
from ddgraph.queries.questions import Answer
from ddgraph.queries.terminal import SafeGroup, safe_line


def _group_store(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A command's ``--store``, else the one given before the command (``ddgraph --store S met X``)."""
    return value if value is not None else ctx.find_root().params.get("store_path")


STORE_OPTION = click.option(
    "--store", "store_path", type=click.Path(file_okay=False), default=None, callback=_group_store,
    help="Store directory (default: $DDGRAPH_STORE, else ./ddgraph-store).",
)


@contextmanager
def errors() -> Iterator[None]:
    """Turn ddgraph errors into one-line click errors."""
    try:
        yield
    except DDGraphError as exc:
        raise click.ClickException(safe_line(str(exc))) from None  # one line, whatever the user typed


@contextmanager
def reading(store_path: str | None, *, store: bool = False):
    """Open the store's newest snapshot read-only; yield its dataset (or the store itself)."""
    with errors():
        opened = open_store(default_store_path(store_path), read_only=True)
    try:
        yield opened if store else opened.dataset
    finally:
        opened.close()


def echo_json(data) -> None:
    """Print plain data (dicts, lists) as indented JSON, non-ASCII kept."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


@click.group(cls=SafeGroup)  # everything printed goes through queries.terminal.safe_text
@click.version_option(package_name="ddgraph")
@click.option("--store", "store_path", type=click.Path(file_okay=False), default=None,
              help="Store directory for the command (it may also follow the command).")
def cli(store_path: str | None) -> None:
    """ddgraph: a knowledge graph of defense-diplomacy events built from news articles."""


JSON_OPTION = click.option("--json", "as_json", is_flag=True, help="Print JSON.")
#: How many items a list answer shows by default (the latest; 0 shows all).
DEFAULT_LIMIT = 20


def limit_option(what: str, default: int = DEFAULT_LIMIT):
    """``--limit N``: show the latest N ``what`` (0: all)."""
    return click.option("--limit", type=click.IntRange(min=0), default=default, show_default=True,
                        help=f"Show the latest N {what} (0: all); the total is always given.")
SINCE_OPTION = click.option("--since", default=None, metavar="DATE", help="From this date (YYYY[-MM[-DD]]).")
UNTIL_OPTION = click.option("--until", default=None, metavar="DATE", help="Until this date, inclusive.")


@dataclass
class Asking:
    """The context object of a ``ddgraph questions`` run: its question commands answer from
    this one open graph (a :class:`queries.library.KnowledgeGraph`) and hand their answers
    back here instead of printing them."""

    kg: Any
    answers: list[Answer] = field(default_factory=list)


def answer(store_path: str | None, as_json: bool, compute: Callable[[Any], Any], text: Callable[[Any], str],
           *, remember: dict | None = None) -> None:
    """Answer a question command: ``compute(kg)`` calls the one facade method that answers it,
    ``text(data)`` formats the answer; print it as text, or as JSON with ``--json``.

    Args:
        remember: for a question over the whole graph (``central``...), what identifies it:
            its answer is computed once per published snapshot and read back by later
            processes (:func:`queries.memo.remembered`).
    """
    from ddgraph.queries.library import KnowledgeGraph

    asking = click.get_current_context().find_object(Asking)
    if asking is not None:
        asking.answers.append(_answered(asking.kg, compute, text, remember))
        return
    with errors(), KnowledgeGraph(store_path) as kg:
        result = _answered(kg, compute, text, remember)
    click.echo(_json(result.data) if as_json else result.text)


def _answered(kg, compute: Callable, text: Callable, remember: dict | None) -> Answer:
    if remember is None:
        data = compute(kg)
        return Answer(data, text(data))
    from ddgraph.graph.store import answers_dir_of
    from ddgraph.queries.memo import remembered

    def both() -> dict[str, str]:
        data = compute(kg)
        return {"json": _json(data), "text": text(data)}

    value = remembered(answers_dir_of(kg.ox), remember, both)  # both forms kept: the next process may ask the other
    return Answer(json.loads(value["json"]), value["text"])


def _json(data) -> str:
    from ddgraph.queries.tables import to_json

    return to_json(data)
