"""Commands that move the graph in and out: ``export``, ``push``, ``pull``, ``sparql``, ``serve``."""

from __future__ import annotations

import re
from pathlib import Path

import click

from ddgraph.graph.store import default_store_path
from ddgraph.queries.cli.group import STORE_OPTION, cli, errors, reading


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["trig", "nquads", "turtle", "jsonld", "csv", "parquet"]),
              default="trig", help="RDF (trig, nquads, turtle, jsonld: one file) or tidy tables (csv: a folder).")
@click.option("-o", "--output", type=click.Path(), default=None, help="Write to FILE (RDF) or into DIR (tables).")
@STORE_OPTION
def export(fmt: str, output: str | None, store_path: str | None) -> None:
    """Export the whole graph (named graphs included), or tidy tables with CAMEO and PLOVER codes."""
    from ddgraph.queries.sparql import export as do_export

    if fmt in ("csv", "parquet"):
        from ddgraph.queries.tidy import write_tables

        if not output:
            raise click.ClickException(f"--format {fmt} writes one file per table: give the folder with -o DIR")
        with reading(store_path, store=True) as st, errors():
            written = write_tables(st.ox, output, fmt)
        click.echo(f"wrote {len(written)} tables into {output}: {', '.join(f'{n}.{fmt}' for n in written)}")
        return
    with reading(store_path) as ds, errors():
        text = do_export(ds, fmt)
    if output:
        try:
            Path(output).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise click.ClickException(f"{output}: cannot write ({exc.strerror})") from None
        click.echo(f"wrote {output} ({fmt}, {len(text.encode('utf-8')):,} bytes)")
    else:
        click.echo(text)


@cli.command()
@click.option("--endpoint", required=True, help="The server's Graph Store Protocol URL, e.g. http://127.0.0.1:7878/store.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=60.0, show_default=True,
              help="Seconds each request may take.")
@click.option("--bulk", is_flag=True, help="Add all quads in large batches (POST of N-Quads, which Oxigraph server "
              "and Fuseki accept): a first load into an empty dataset; graphs there are added to, not replaced.")
@STORE_OPTION
def push(endpoint: str, timeout: float, bulk: bool, store_path: str | None) -> None:
    """Send every graph of the store to a SPARQL 1.1 server (Graph Store Protocol PUT, each replaced)."""
    from ddgraph.queries.gsp import push as do_push, push_bulk

    with reading(store_path, store=True) as st, errors():
        done = (push_bulk if bulk else do_push)(st.ox, endpoint, timeout=timeout)
    click.echo(f"pushed {done.graphs} graphs ({done.triples:,} triples, {done.bytes:,} bytes) to {endpoint}")


@cli.command()
@click.option("--endpoint", required=True, help="The server's Graph Store Protocol URL, e.g. http://127.0.0.1:7878/store.")
@click.option("--query-endpoint", default=None,
              help="Its SPARQL query URL, which lists the graphs (default: the last part of --endpoint "
                   "replaced by 'query', as on Oxigraph server and Fuseki).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), required=True, help="The N-Quads file to write.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=60.0, show_default=True,
              help="Seconds each request may take.")
def pull(endpoint: str, query_endpoint: str | None, output: str, timeout: float) -> None:
    """Read every graph a SPARQL 1.1 server holds into an N-Quads file (named graphs included)."""
    from ddgraph.queries.gsp import pull as do_pull, query_endpoint_of

    with errors():
        done = do_pull(endpoint, query_endpoint or query_endpoint_of(endpoint), output, timeout=timeout)
    click.echo(f"pulled {done.graphs} graphs ({done.triples:,} triples) from {endpoint} into {output}")


@cli.command()
@click.argument("query")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv", "turtle", "ntriples"]), default="table",
              help="Rows (SELECT, ASK): table, json or csv. Triples (CONSTRUCT, DESCRIBE): turtle or ntriples.")
@STORE_OPTION
def sparql(query: str, fmt: str, store_path: str | None) -> None:
    """Run a SPARQL 1.1 query (text, or @FILE.rq) over the union of named graphs."""
    from ddgraph.queries.sparql import PREDECLARED, format_rows, read_query, run_graph, run_select
    from ddgraph.queries.sparql_text import check_query

    with errors():
        query = read_query(query)
        form = check_query(query, PREDECLARED)
    triples = form in ("CONSTRUCT", "DESCRIBE")
    if triples and fmt in ("json", "csv"):
        raise click.ClickException(f"a {form} query gives triples: --format turtle (its default) or ntriples")
    if not triples and fmt in ("turtle", "ntriples"):
        raise click.ClickException(f"a {form} query gives rows: --format table, json or csv")
    with reading(store_path, store=True) as st, errors():
        try:  # the database itself: no rdflib layer to load or go through
            text = run_graph(st.ox, query, "turtle" if fmt == "table" else fmt) if triples \
                else format_rows(run_select(st.ox, query), fmt)
        except (RuntimeError, OSError, ValueError) as exc:  # raised by the engine while the rows are read
            raise click.ClickException("SPARQL error: " + (str(exc).splitlines() or [type(exc).__name__])[0]) from None
    click.echo(text.rstrip("\n") if triples else text)


def _absolute_iris(ctx, param, values: tuple[str, ...]) -> tuple[str, ...]:
    for value in values:
        if not re.match(r"[A-Za-z][A-Za-z0-9+.\-]*:[^\s<>\"{}|^`\\]+\Z", value):
            raise click.BadParameter(f"{value!r} is not an absolute IRI")
    return values


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=7878, show_default=True, help="Port (0: a free one).")
@click.option("--timeout", type=click.FloatRange(0.1, 3600), default=30.0, show_default=True,
              help="Seconds a query may run; its process is then killed.")
@click.option("--max-rows", type=click.IntRange(1), default=100_000, show_default=True,
              help="Rows (SELECT) or triples (CONSTRUCT) of one answer; more is an error.")
@click.option("--max-response", "max_response_mb", type=click.IntRange(1), default=64, show_default=True,
              help="Megabytes of one serialised answer; more is an error.")
@click.option("--max-memory", "max_memory_mb", type=click.IntRange(0), default=2048, show_default=True,
              help="Megabytes of address space per query process (0: no limit).")
@click.option("--workers", type=click.IntRange(1, 64), default=2, show_default=True,
              help="Query processes (queries running at once).")
@click.option("--allow-service", multiple=True, callback=_absolute_iris, metavar="IRI",
              help="A SERVICE endpoint queries may call (repeatable); SERVICE is refused otherwise.")
@click.option("--cors", multiple=True, metavar="ORIGIN",
              help="An origin whose web pages may read the answers (repeatable); none by default.")
@click.option("--quiet", is_flag=True, help="Do not log requests.")
@STORE_OPTION
def serve(host: str, port: int, timeout: float, max_rows: int, max_response_mb: int, max_memory_mb: int,
          workers: int, allow_service: tuple[str, ...], cors: tuple[str, ...], quiet: bool,
          store_path: str | None) -> None:
    """Serve the store as a read-only SPARQL 1.1 endpoint at /sparql."""
    from ddgraph.queries.execute import Limits
    from ddgraph.queries.server import ServeOptions
    from ddgraph.queries.server import serve as run_server

    limits = Limits(timeout=timeout, max_rows=max_rows, max_bytes=max_response_mb << 20,
                    max_memory=max_memory_mb << 20, allow_service=allow_service)
    options = ServeOptions(host=host, port=port, workers=workers, limits=limits, cors=cors, quiet=quiet)
    try:
        with errors():
            run_server(default_store_path(store_path), options, announce=click.echo)
    except OSError as exc:
        raise click.ClickException(f"{host}:{port}: cannot listen ({exc.strerror or exc})") from None
