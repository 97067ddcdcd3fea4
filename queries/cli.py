"""The ``ddgraph`` command line: a thin click group over the library functions.

Each command calls one library function and turns ddgraph's own errors into a
one-line ``click.ClickException`` (exit code 1).

Example:
    >>> from click.testing import CliRunner
    >>> CliRunner().invoke(cli, ["--help"]).exit_code
    0
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from graph.errors import DDGraphError
from graph.store import default_store_path, open_store

STORE_OPTION = click.option(
    "--store", "store_path", type=click.Path(file_okay=False), default=None,
    help="Store directory (default: $DDGRAPH_STORE, else ./ddgraph-store).",
)


@contextmanager
def errors() -> Iterator[None]:
    """Turn ddgraph errors into one-line click errors."""
    try:
        yield
    except DDGraphError as exc:
        raise click.ClickException(str(exc)) from None


@contextmanager
def reading(store_path: str | None):
    """Open the store read-only and yield its dataset."""
    with errors():
        store = open_store(default_store_path(store_path), read_only=True)
    try:
        yield store.dataset
    finally:
        store.close()


def _echo_json(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


@click.group()
@click.version_option(package_name="ddgraph")
def cli() -> None:
    """ddgraph: a knowledge graph of defense-diplomacy events built from news articles."""


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@STORE_OPTION
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: when on a terminal).")
def ingest(paths: tuple[str, ...], store_path: str | None, progress: bool | None) -> None:
    """Ingest article files or folders (.txt, .html, .jsonl) into the store."""
    from ingest.pipeline import ingest_paths

    if progress is None:
        progress = sys.stderr.isatty()
    with errors():
        summary = ingest_paths(paths, default_store_path(store_path), progress=progress)
    for line in summary.errors:
        click.echo(f"error: {line}", err=True)
    for line in summary.lines():
        click.echo(line)
    if summary.read == 0 or (summary.new + summary.unchanged == 0 and summary.failed):
        raise click.ClickException("nothing could be ingested")


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["trig", "nquads", "turtle", "jsonld"]), default="trig")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None, help="Write to FILE.")
@STORE_OPTION
def export(fmt: str, output: str | None, store_path: str | None) -> None:
    """Export the whole graph (named graphs included)."""
    from queries.sparql import export as do_export

    with reading(store_path) as ds, errors():
        text = do_export(ds, fmt)
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        click.echo(text)


@cli.command()
@click.argument("query")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table")
@STORE_OPTION
def sparql(query: str, fmt: str, store_path: str | None) -> None:
    """Run a SPARQL 1.1 query (text, or @FILE.rq) over the union of named graphs."""
    from queries.sparql import format_rows, run_select

    if query.startswith("@"):
        try:
            query = Path(query[1:]).read_text(encoding="utf-8")
        except OSError as exc:
            raise click.ClickException(f"{query[1:]}: cannot read query file ({exc.strerror})") from None
    with reading(store_path) as ds, errors():
        rows = run_select(ds, query)
    click.echo(format_rows(rows, fmt))


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@STORE_OPTION
def stats(as_json: bool, store_path: str | None) -> None:
    """Counts per class, articles, languages and the date span."""
    from queries.stats import format_stats, store_stats

    with reading(store_path) as ds, errors():
        data = store_stats(ds)
    if as_json:
        _echo_json(data)
    else:
        click.echo(format_stats(data))


@cli.command()
@click.option("--gold", "gold_path", type=click.Path(dir_okay=False), required=True, help="Gold YAML file.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--explain", is_flag=True, help="List every miss and every extra.")
@STORE_OPTION
def evaluate(gold_path: str, as_json: bool, explain: bool, store_path: str | None) -> None:
    """Score the store against a gold file (precision / recall / F1 per category)."""
    from queries.evaluate import evaluate as do_evaluate
    from queries.evaluate import format_report, load_gold

    with errors():
        gold = load_gold(gold_path)
    with reading(store_path) as ds, errors():
        report = do_evaluate(ds, gold)
    if as_json:
        _echo_json(report.to_dict())
    else:
        click.echo(format_report(report, explain=explain))


def main(argv: list[str] | None = None) -> None:
    """Console entry point."""
    cli.main(args=argv, prog_name="ddgraph")


_: Callable = main
