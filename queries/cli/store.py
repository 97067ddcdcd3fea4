"""Commands that write the store: ``ingest``, ``check``, ``upgrade``, and the analysts'
``same`` / ``different`` decisions with ``curation``."""

from __future__ import annotations

import sys

import click

from ddgraph.graph.store import default_store_path, open_store
from ddgraph.queries.cli.group import STORE_OPTION, cli, JSON_OPTION, echo_json, errors, reading


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@STORE_OPTION
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: when on a terminal).")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Extraction processes (default: the machine's cores).")
@click.option("--chunk", type=click.IntRange(min=1), default=None,
              help="Articles resolved and written together; readers see each chunk once written "
                   "(default: an eighth of the store, 1,000 to 10,000).")
@click.option("--dask", "dask", default=None, metavar="ADDRESS",
              help="Clean and extract on a Dask cluster: local:N (N local worker processes) or a scheduler "
                   "address such as tcp://HOST:8786.")
@click.option("--endpoint", default=None, metavar="URL",
              help="Then push every graph to this SPARQL server's graph store endpoint (as ddgraph push).")
def ingest(paths: tuple[str, ...], store_path: str | None, progress: bool | None, workers: int | None,
           chunk: int | None, dask: str | None, endpoint: str | None) -> None:
    """Ingest article files or folders (.txt, .html, .jsonl) into the store."""
    from ddgraph.ingest.pipeline import ingest_paths

    if progress is None:
        progress = sys.stderr.isatty()
    if dask is not None and workers is not None:
        raise click.ClickException("--workers is for local extraction: a Dask cluster has its own workers")
    with errors():
        summary = ingest_paths(paths, default_store_path(store_path), progress=progress, workers=workers, chunk=chunk,
                               dask=dask)
    for line in summary.errors:
        click.echo(f"error: {line}", err=True)
    for line in summary.warnings:
        click.echo(f"warning: {line}", err=True)
    for line in summary.lines():
        click.echo(line)
    if summary.read == 0 or (summary.new + summary.unchanged == 0 and summary.failed):
        raise click.ClickException("nothing could be ingested")
    if endpoint is not None:
        from ddgraph.queries.gsp import push as do_push

        with reading(store_path, store=True) as st, errors():
            done = do_push(st.ox, endpoint)
        click.echo(f"pushed {done.graphs} graphs ({done.triples:,} triples, {done.bytes:,} bytes) to {endpoint}")


@cli.command()
@click.option("--repair", is_flag=True, help="Repair what is wrong (rewrites graphs from the records).")
@STORE_OPTION
def check(repair: bool, store_path: str | None) -> None:
    """Verify the store: no half-done write, every graph with its metadata and mentions,
    no dangling IRI, the instance layer equal to a rebuild (exit 1 when something is wrong)."""
    from ddgraph.graph.check import check_store, repair_store

    with errors(), open_store(default_store_path(store_path)) as store:
        if repair:
            before, after = repair_store(store)
            lines = [*before.lines(), *(["repaired: " + line for line in after.lines()] if not before.ok else [])]
            report = after
        else:
            report = check_store(store)
            lines = report.lines()
    for line in lines:
        click.echo(line)
    if not report.ok:
        raise click.ClickException("the store has problems" + ("" if repair else "; run 'ddgraph check --repair'"))


@cli.command()
@STORE_OPTION
def upgrade(store_path: str | None) -> None:
    """Bring a store made by an older ddgraph to this version's format, in place (no
    article is read again)."""
    from ddgraph.graph.store import STORE_FORMAT
    from ddgraph.graph.writer import upgrade_store

    path = default_store_path(store_path)
    with errors():
        old, added = upgrade_store(path)
    if old == STORE_FORMAT:
        click.echo(f"{path}: already at format {STORE_FORMAT}")
    else:
        click.echo(f"{path}: upgraded from format {old} to {STORE_FORMAT} ({added:,} triples added)")


def _decide(kind: str, a: str, b: str, store_path: str | None) -> None:
    """Record a same / different decision about two persons and rewrite the graphs."""
    from ddgraph.ingest.curate import decide
    from ddgraph.queries.names import NameIndex

    path = default_store_path(store_path)
    with reading(store_path) as ds, errors():
        index = NameIndex.load(ds, "person")
        a_iri, b_iri = index.find(a).iri, index.find(b).iri
    with errors():
        result = decide(path, kind, a, b, a_iri, b_iri)
    for line in result.lines():
        click.echo(line)


@cli.command()
@click.argument("a")
@click.argument("b")
@STORE_OPTION
def same(a: str, b: str, store_path: str | None) -> None:
    """Record that two persons (names or IRIs) are one, and rewrite the graph."""
    _decide("same", a, b, store_path)


@cli.command()
@click.argument("a")
@click.argument("b")
@STORE_OPTION
def different(a: str, b: str, store_path: str | None) -> None:
    """Record that two persons (names or IRIs) are two, and rewrite the graph."""
    _decide("different", a, b, store_path)


@cli.command()
@click.option("--export", "export_path", type=click.Path(dir_okay=False), default=None, help="Write the decisions to FILE (YAML).")
@JSON_OPTION
@STORE_OPTION
def curation(export_path: str | None, as_json: bool, store_path: str | None) -> None:
    """List the analysts' same / different decisions of the store."""
    from ddgraph.ingest.curate import export_decisions, format_decisions, list_decisions

    with errors():
        rows = list_decisions(default_store_path(store_path))
        if export_path:
            export_decisions(default_store_path(store_path), export_path)
    if as_json:
        echo_json(rows)
    else:
        click.echo(format_decisions(rows))
    if export_path:
        click.echo(f"{len(rows)} decision(s) written to {export_path}", err=as_json)
