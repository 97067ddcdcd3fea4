"""Commands that write HTML: ``view ...`` (one page) and ``site`` (every page)."""

from __future__ import annotations

import click

from ddgraph.queries.cli.group import STORE_OPTION, cli, SINCE_OPTION, UNTIL_OPTION, errors, reading


OUTPUT_OPTION = click.option("-o", "--output", type=click.Path(dir_okay=False), required=True, help="HTML file to write.")


def _view(function: str, *args, **kwargs) -> None:
    """Write a view with queries.byname.FUNCTION and print its path."""
    from ddgraph.queries import byname

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
    from ddgraph.queries.site import write_site

    with reading(store_path) as ds, errors():
        paths = write_site(ds, output, max_nodes=max_nodes)
    click.echo(f"{len(paths)} pages written; open {paths[0]}")
