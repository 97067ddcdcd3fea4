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
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from graph.errors import DDGraphError
from graph.store import default_store_path, open_store
from queries.terminal import SafeGroup, safe_line

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


def _echo_json(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


@click.group(cls=SafeGroup)  # everything printed goes through queries.terminal.safe_text
@click.version_option(package_name="ddgraph")
@click.option("--store", "store_path", type=click.Path(file_okay=False), default=None,
              help="Store directory for the command (it may also follow the command).")
def cli(store_path: str | None) -> None:
    """ddgraph: a knowledge graph of defense-diplomacy events built from news articles."""


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
    from ingest.pipeline import ingest_paths

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
        from queries.gsp import push as do_push

        with reading(store_path, store=True) as st, errors():
            done = do_push(st.ox, endpoint)
        click.echo(f"pushed {done.graphs} graphs ({done.triples:,} triples, {done.bytes:,} bytes) to {endpoint}")


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["trig", "nquads", "turtle", "jsonld", "csv", "parquet"]),
              default="trig", help="RDF (trig, nquads, turtle, jsonld: one file) or tidy tables (csv: a folder).")
@click.option("-o", "--output", type=click.Path(), default=None, help="Write to FILE (RDF) or into DIR (tables).")
@STORE_OPTION
def export(fmt: str, output: str | None, store_path: str | None) -> None:
    """Export the whole graph (named graphs included), or tidy tables with CAMEO and PLOVER codes."""
    from queries.sparql import export as do_export

    if fmt in ("csv", "parquet"):
        from queries.tidy import write_tables

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
    from queries.gsp import push as do_push, push_bulk

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
    from queries.gsp import pull as do_pull, query_endpoint_of

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
    from queries.sparql import PREDECLARED, format_rows, read_query, run_graph, run_select
    from queries.sparql_text import check_query

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


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@STORE_OPTION
def stats(as_json: bool, store_path: str | None) -> None:
    """Counts per class, articles, languages and the date span."""
    from queries.stats import format_stats, store_stats

    with reading(store_path, store=True) as st, errors():
        data = store_stats(st.ox, st.counts)
        data["pending"] = max(0, st.records.count() - data["articles"]) if (st.path / "records.sqlite").exists() else 0
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


@cli.command()
@click.option("--repair", is_flag=True, help="Repair what is wrong (rewrites graphs from the records).")
@STORE_OPTION
def check(repair: bool, store_path: str | None) -> None:
    """Verify the store: no half-done write, every graph with its metadata and mentions,
    no dangling IRI, the instance layer equal to a rebuild (exit 1 when something is wrong)."""
    from graph.check import check_store, repair_store

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
    from graph.store import STORE_FORMAT
    from graph.writer import upgrade_store

    path = default_store_path(store_path)
    with errors():
        old, added = upgrade_store(path)
    if old == STORE_FORMAT:
        click.echo(f"{path}: already at format {STORE_FORMAT}")
    else:
        click.echo(f"{path}: upgraded from format {old} to {STORE_FORMAT} ({added:,} triples added)")


# --- questions, analytics, views, curation, SPARQL endpoint ------------------------

JSON_OPTION = click.option("--json", "as_json", is_flag=True, help="Print JSON.")
#: How many items a list answer shows by default (the latest; 0 shows all).
DEFAULT_LIMIT = 20


def limit_option(what: str, default: int = DEFAULT_LIMIT):
    """``--limit N``: show the latest N ``what`` (0: all)."""
    return click.option("--limit", type=click.IntRange(min=0), default=default, show_default=True,
                        help=f"Show the latest N {what} (0: all); the total is always given.")
SINCE_OPTION = click.option("--since", default=None, metavar="DATE", help="From this date (YYYY[-MM[-DD]]).")
UNTIL_OPTION = click.option("--until", default=None, metavar="DATE", help="Until this date, inclusive.")


def _ask(command: str, params: dict) -> None:
    """Answer a question command (queries.questions.answer) and print text or JSON."""
    from queries.questions import printed_answer

    with reading(params.pop("store_path", None), store=True) as st, errors():
        text = printed_answer(st, command, params)
    click.echo(text)


@cli.command()
@click.argument("name")
@JSON_OPTION
@STORE_OPTION
def person(name: str, as_json: bool, store_path: str | None) -> None:
    """A person (any alias): every name with its articles, offices and ranks with sources, meetings."""
    _ask("person", locals())


@cli.command()
@click.argument("name")
@click.option("--happened-only", is_flag=True, help="Leave out planned and denied meetings.")
@limit_option("meetings")
@JSON_OPTION
@STORE_OPTION
def met(name: str, happened_only: bool, limit: int, as_json: bool, store_path: str | None) -> None:
    """Whom a person met: when, where, sources; planned / denied meetings marked."""
    _ask("met", locals())


@cli.command()
@click.option("--person", default=None, help="A participant (any alias).")
@click.option("--topic", default=None, help="A topic id (air-defense), label or IRI.")
@click.option("--country", default=None, help="A participant's country, or the country of the place.")
@click.option("--place", default=None, help="The place (a city, or a country for every place in it).")
@SINCE_OPTION
@UNTIL_OPTION
@click.option("--all-statuses", is_flag=True, help="Include planned and denied meetings.")
@limit_option("meetings")
@JSON_OPTION
@STORE_OPTION
def meetings(person, topic, country, place, since, until, all_statuses, limit, as_json, store_path) -> None:
    """Meetings by person, topic, country, place and period, with their sources."""
    _ask("meetings", locals())


@cli.command()
@click.argument("meeting")
@JSON_OPTION
@STORE_OPTION
def delegation(meeting: str, as_json: bool, store_path: str | None) -> None:
    """The delegation of a meeting: MEETING is its IRI, a unique part of it, or words ("Paris 2024")."""
    _ask("delegation", locals())


@cli.command()
@click.argument("name")
@JSON_OPTION
@STORE_OPTION
def offices(name: str, as_json: bool, store_path: str | None) -> None:
    """The offices and ranks of a person, with the articles, dates and sentences that state them."""
    _ask("offices", locals())


@cli.command()
@click.argument("name")
@limit_option("meetings and agreements")
@JSON_OPTION
@STORE_OPTION
def timeline(name: str, limit: int, as_json: bool, store_path: str | None) -> None:
    """A person's meetings, agreements, offices and ranks by date."""
    _ask("timeline", locals())


@cli.command()
@click.option("--provider", default=None, help="Providing country.")
@click.option("--recipient", default=None, help="Receiving country.")
@click.option("--system", default=None, help="A weapon system (CAESAR, SAMP/T...).")
@click.option("--status", default=None, type=click.Choice(["delivered", "pledged", "ordered", "denied"]))
@limit_option("deliveries")
@JSON_OPTION
@STORE_OPTION
def aid(provider, recipient, system, status, limit, as_json, store_path) -> None:
    """Aid deliveries, pledges and orders: provider, recipient, items, status, sources."""
    _ask("aid", locals())


@cli.command()
@click.option("--party", default=None, help="A body, country or person party to (or signing) the agreement.")
@limit_option("agreements")
@JSON_OPTION
@STORE_OPTION
def agreements(party: str | None, limit: int, as_json: bool, store_path: str | None) -> None:
    """Agreements with their parties, signatories, dates and sources."""
    _ask("agreements", locals())


@cli.command()
@click.argument("country_a")
@click.argument("country_b")
@JSON_OPTION
@STORE_OPTION
def topics(country_a: str, country_b: str, as_json: bool, store_path: str | None) -> None:
    """The topics two countries discuss, by year, and how they changed."""
    _ask("topics", locals())


@cli.command()
@click.argument("target")
@click.option("--topic", default=None, help="Only the sentences saying a meeting discussed this topic.")
@click.option("--property", "prop", default=None, help="Only the sentences stating this dd: property (holdsRole, rank...).")
@click.option("--value", default=None, help="...with this value (IRI, or a literal such as a rank).")
@click.option("--limit", type=click.IntRange(min=0), default=20, show_default=True,
              help="Show the sentences of the earliest articles, N of them (0: all); the total is always given.")
@JSON_OPTION
@STORE_OPTION
def explain(target, topic, prop, value, limit, as_json, store_path) -> None:
    """The sentences (article, outlet, date) that support a thing: IRI, name, or meeting words."""
    _ask("explain", locals())


@cli.command()
@click.option("--kind", type=click.Choice(["person", "country"]), default="person")
@SINCE_OPTION
@UNTIL_OPTION
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True)
@click.option("--by", type=click.Choice(["pagerank", "betweenness", "degree", "meetings"]), default="pagerank")
@JSON_OPTION
@STORE_OPTION
def central(kind, since, until, top, by, as_json, store_path) -> None:
    """The most central persons or countries of the meeting network."""
    _ask("central", locals())


@cli.command()
@click.option("--kind", type=click.Choice(["person", "country"]), default="person")
@SINCE_OPTION
@UNTIL_OPTION
@click.option("--min-size", type=click.IntRange(min=1), default=2, show_default=True)
@JSON_OPTION
@STORE_OPTION
def communities(kind, since, until, min_size, as_json, store_path) -> None:
    """Groups of persons (or countries) that meet each other more than others."""
    _ask("communities", locals())


@cli.command()
@click.argument("name_a")
@click.argument("name_b")
@SINCE_OPTION
@UNTIL_OPTION
@JSON_OPTION
@STORE_OPTION
def path(name_a, name_b, since, until, as_json, store_path) -> None:
    """The shortest chain of meetings between two persons."""
    _ask("path", locals())


@cli.command("new-actors")
@click.option("--since", required=True, metavar="DATE", help="First meeting on or after this date.")
@JSON_OPTION
@STORE_OPTION
def new_actors(since: str, as_json: bool, store_path: str | None) -> None:
    """Persons whose first dated meeting is on or after a date."""
    _ask("new-actors", locals())


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False))
@JSON_OPTION
@STORE_OPTION
def questions(file: str, as_json: bool, store_path: str | None) -> None:
    """Answer a questions file ({q, command} pairs): prints question, command, answer."""
    from queries.questions import ask, format_asked, load_questions
    from queries.tables import to_json

    with errors():
        rows = load_questions(file)
    with reading(store_path, store=True) as st, errors():
        asked = ask(st.ox, rows)
    if as_json:
        click.echo(to_json([a.to_dict() for a in asked]))
    else:
        click.echo(format_asked(asked))
    failed = [a for a in asked if a.error]
    if failed:
        raise click.ClickException(f"{len(failed)} of {len(asked)} question(s) could not be answered")


OUTPUT_OPTION = click.option("-o", "--output", type=click.Path(dir_okay=False), required=True, help="HTML file to write.")


def _view(function: str, *args, **kwargs) -> None:
    """Write a view with queries.byname.FUNCTION and print its path."""
    from queries import byname

    store_path = kwargs.pop("store_path")
    with reading(store_path) as ds, errors():
        out = getattr(byname, function)(ds, *args, **kwargs)
    click.echo(str(out))


@cli.group()
def view() -> None:
    """Interactive HTML views (self-contained pages)."""


@view.command("person")
@click.argument("name")
@OUTPUT_OPTION
@SINCE_OPTION
@UNTIL_OPTION
@STORE_OPTION
def view_person(name, output, since, until, store_path) -> None:
    """A person, their meetings, partners, places and topics."""
    _view("view_person", name, output, since=since, until=until, store_path=store_path)


@view.command("meeting")
@click.argument("meeting")
@OUTPUT_OPTION
@STORE_OPTION
def view_meeting(meeting, output, store_path) -> None:
    """One meeting: participants, countries, place, topics, articles."""
    _view("view_meeting", meeting, output, store_path=store_path)


@view.command("topic")
@click.argument("topic")
@OUTPUT_OPTION
@SINCE_OPTION
@UNTIL_OPTION
@STORE_OPTION
def view_topic(topic, output, since, until, store_path) -> None:
    """The meetings that discussed a topic."""
    _view("view_topic", topic, output, since=since, until=until, store_path=store_path)


@view.command("countries")
@click.argument("country_a")
@click.argument("country_b")
@OUTPUT_OPTION
@SINCE_OPTION
@UNTIL_OPTION
@STORE_OPTION
def view_countries(country_a, country_b, output, since, until, store_path) -> None:
    """What links two countries: meetings, aid, agreements."""
    _view("view_countries", country_a, country_b, output, since=since, until=until, store_path=store_path)


@view.command("graph")
@OUTPUT_OPTION
@SINCE_OPTION
@UNTIL_OPTION
@click.option("--topic", default=None, help="Only the meetings on this topic.")
@click.option("--max-nodes", type=click.IntRange(min=1), default=3000, show_default=True)
@STORE_OPTION
def view_graph(output, since, until, topic, max_nodes, store_path) -> None:
    """The whole graph, or a period / topic slice of it."""
    _view("view_graph", output, since=since, until=until, topic=topic, max_nodes=max_nodes, store_path=store_path)


@cli.command()
@click.option("-o", "--output", type=click.Path(file_okay=False), required=True, help="Directory to write.")
@click.option("--max-nodes", type=click.IntRange(min=1), default=3000, show_default=True)
@STORE_OPTION
def site(output: str, max_nodes: int, store_path: str | None) -> None:
    """Write the offline site of views (index, graph, persons, meetings, topics, country pairs)."""
    from queries.site import write_site

    with reading(store_path) as ds, errors():
        paths = write_site(ds, output, max_nodes=max_nodes)
    click.echo(f"{len(paths)} pages written; open {paths[0]}")


def _decide(kind: str, a: str, b: str, store_path: str | None) -> None:
    """Record a same / different decision about two persons and rewrite the graphs."""
    from ingest.curate import decide
    from queries.names import NameIndex

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
    from ingest.curate import export_decisions, format_decisions, list_decisions

    with errors():
        rows = list_decisions(default_store_path(store_path))
        if export_path:
            export_decisions(default_store_path(store_path), export_path)
    if as_json:
        _echo_json(rows)
    else:
        click.echo(format_decisions(rows))
    if export_path:
        click.echo(f"{len(rows)} decision(s) written to {export_path}", err=as_json)


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
    from queries.execute import Limits
    from queries.server import ServeOptions
    from queries.server import serve as run_server

    limits = Limits(timeout=timeout, max_rows=max_rows, max_bytes=max_response_mb << 20,
                    max_memory=max_memory_mb << 20, allow_service=allow_service)
    options = ServeOptions(host=host, port=port, workers=workers, limits=limits, cors=cors, quiet=quiet)
    try:
        with errors():
            run_server(default_store_path(store_path), options, announce=click.echo)
    except OSError as exc:
        raise click.ClickException(f"{host}:{port}: cannot listen ({exc.strerror or exc})") from None


def main(argv: list[str] | None = None) -> None:
    """Console entry point."""
    cli.main(args=argv, prog_name="ddgraph")


_: Callable = main
