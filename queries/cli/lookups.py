"""The question commands (``person``, ``met``, ``meetings``...), each a call of one
:class:`queries.library.KnowledgeGraph` method with explicit arguments and the
formatter of its answer; ``stats``, ``evaluate``; and ``questions``, which answers a
file of command lines with the same commands, on one open graph (:func:`ask`).
"""

from __future__ import annotations

import shlex

import click

from ddgraph.graph.errors import DDGraphError, QueryError
from ddgraph.queries import tables
from ddgraph.queries.questions import Answer, Asked
from ddgraph.queries.cli.group import (
    JSON_OPTION,
    SINCE_OPTION,
    STORE_OPTION,
    UNTIL_OPTION,
    Asking,
    answer,
    cli,
    echo_json,
    errors,
    limit_option,
    reading,
)


def as_table(rows) -> str:
    """The text table of an analytics answer (networkx is loaded only for these)."""
    from ddgraph.queries.analytics import as_table as table

    return table(rows)


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@STORE_OPTION
def stats(as_json: bool, store_path: str | None) -> None:
    """Counts per class, articles, languages and the date span."""
    from ddgraph.queries.library import KnowledgeGraph
    from ddgraph.queries.stats import format_stats

    with errors(), KnowledgeGraph(store_path) as kg:
        data = kg.stats()
        st = kg.store
        data["pending"] = max(0, st.records.count() - data["articles"]) if (st.path / "records.sqlite").exists() else 0
    if as_json:
        echo_json(data)
    else:
        click.echo(format_stats(data))


@cli.command()
@click.option("--gold", "gold_path", type=click.Path(dir_okay=False), required=True, help="Gold YAML file.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--explain", is_flag=True, help="List every miss and every extra.")
@STORE_OPTION
def evaluate(gold_path: str, as_json: bool, explain: bool, store_path: str | None) -> None:
    """Score the store against a gold file (precision / recall / F1 per category)."""
    from ddgraph.queries.evaluate import evaluate as do_evaluate
    from ddgraph.queries.evaluate import format_report, load_gold

    with errors():
        gold = load_gold(gold_path)
    with reading(store_path) as ds, errors():
        report = do_evaluate(ds, gold)
    if as_json:
        echo_json(report.to_dict())
    else:
        click.echo(format_report(report, explain=explain))


@cli.command()
@click.argument("name")
@JSON_OPTION
@STORE_OPTION
def person(name: str, as_json: bool, store_path: str | None) -> None:
    """A person (any alias): every name with its articles, offices and ranks with sources, meetings."""
    answer(store_path, as_json, lambda kg: kg.person(name), tables.format_profile)


@cli.command()
@click.argument("name")
@click.option("--happened-only", is_flag=True, help="Leave out planned and denied meetings.")
@limit_option("meetings")
@JSON_OPTION
@STORE_OPTION
def met(name: str, happened_only: bool, limit: int, as_json: bool, store_path: str | None) -> None:
    """Whom a person met: when, where, sources; planned / denied meetings marked."""
    answer(store_path, as_json, lambda kg: kg.met(name, happened_only=happened_only, limit=limit or None),
           tables.format_encounters)


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
    answer(store_path, as_json,
           lambda kg: kg.meetings(person=person, topic=topic, country=country, place=place, since=since, until=until,
                                  all_statuses=all_statuses, limit=limit or None),
           tables.format_meetings)


@cli.command()
@click.argument("meeting")
@JSON_OPTION
@STORE_OPTION
def delegation(meeting: str, as_json: bool, store_path: str | None) -> None:
    """The delegation of a meeting: MEETING is its IRI, a unique part of it, or words ("Paris 2024")."""
    answer(store_path, as_json, lambda kg: kg.delegation(meeting), tables.format_delegation)


@cli.command()
@click.argument("name")
@JSON_OPTION
@STORE_OPTION
def offices(name: str, as_json: bool, store_path: str | None) -> None:
    """The offices and ranks of a person, with the articles, dates and sentences that state them."""
    answer(store_path, as_json, lambda kg: kg.offices(name), tables.format_statements)


@cli.command()
@click.argument("name")
@limit_option("meetings and agreements")
@JSON_OPTION
@STORE_OPTION
def timeline(name: str, limit: int, as_json: bool, store_path: str | None) -> None:
    """A person's meetings, agreements, offices and ranks by date."""
    answer(store_path, as_json, lambda kg: kg.timeline(name, limit=limit or None), tables.format_timeline)


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
    answer(store_path, as_json,
           lambda kg: kg.aid(provider=provider, recipient=recipient, system=system, status=status, limit=limit or None),
           tables.format_aid)


@cli.command()
@click.option("--party", default=None, help="A body, country or person party to (or signing) the agreement.")
@limit_option("agreements")
@JSON_OPTION
@STORE_OPTION
def agreements(party: str | None, limit: int, as_json: bool, store_path: str | None) -> None:
    """Agreements with their parties, signatories, dates and sources."""
    answer(store_path, as_json, lambda kg: kg.agreements(party=party, limit=limit or None), tables.format_agreements)


@cli.command()
@click.argument("country_a")
@click.argument("country_b")
@JSON_OPTION
@STORE_OPTION
def topics(country_a: str, country_b: str, as_json: bool, store_path: str | None) -> None:
    """The topics two countries discuss, by year, and how they changed."""
    answer(store_path, as_json, lambda kg: kg.topics(country_a, country_b),
           lambda rows: tables.format_topics(rows, country_a, country_b))


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
    answer(store_path, as_json, lambda kg: kg.explain(target, prop=prop, value=value, topic=topic, limit=limit or None),
           tables.format_explain)


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
    answer(store_path, as_json, lambda kg: kg.central(kind=kind, since=since, until=until, top=top, by=by),
           as_table, remember={"central": [kind, since, until, top, by]})


@cli.command()
@click.option("--kind", type=click.Choice(["person", "country"]), default="person")
@SINCE_OPTION
@UNTIL_OPTION
@click.option("--min-size", type=click.IntRange(min=1), default=2, show_default=True)
@JSON_OPTION
@STORE_OPTION
def communities(kind, since, until, min_size, as_json, store_path) -> None:
    """Groups of persons (or countries) that meet each other more than others."""
    answer(store_path, as_json,
           lambda kg: kg.communities(kind=kind, since=since, until=until, min_size=min_size),
           as_table, remember={"communities": [kind, since, until, min_size]})


@cli.command()
@click.argument("name_a")
@click.argument("name_b")
@SINCE_OPTION
@UNTIL_OPTION
@JSON_OPTION
@STORE_OPTION
def path(name_a, name_b, since, until, as_json, store_path) -> None:
    """The shortest chain of meetings between two persons."""
    answer(store_path, as_json, lambda kg: kg.path_between(name_a, name_b, since=since, until=until),
           lambda hops: tables.format_path(hops, name_a, name_b), remember={"path": [name_a, name_b, since, until]})


@cli.command("new-actors")
@click.option("--since", required=True, metavar="DATE", help="First meeting on or after this date.")
@JSON_OPTION
@STORE_OPTION
def new_actors(since: str, as_json: bool, store_path: str | None) -> None:
    """Persons whose first dated meeting is on or after a date."""
    answer(store_path, as_json, lambda kg: kg.new_actors(since), as_table, remember={"new-actors": [since]})


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False))
@JSON_OPTION
@STORE_OPTION
def questions(file: str, as_json: bool, store_path: str | None) -> None:
    """Answer a questions file ({q, command} pairs): prints question, command, answer."""
    from ddgraph.queries.library import KnowledgeGraph
    from ddgraph.queries.questions import format_asked, load_questions
    from ddgraph.queries.tables import to_json

    with errors():
        rows = load_questions(file)
    with errors(), KnowledgeGraph(store_path) as kg:
        kg.ox  # noqa: B018 - opened (or its error reported) before the first question
        asked = ask(kg, rows)
    if as_json:
        click.echo(to_json([a.to_dict() for a in asked]))
    else:
        click.echo(format_asked(asked))
    failed = [a for a in asked if a.error]
    if failed:
        raise click.ClickException(f"{len(failed)} of {len(asked)} question(s) could not be answered")


#: The commands a questions file may use: the question commands of this module.
QUESTION_COMMANDS = frozenset(name for name, command in cli.commands.items()
                              if command.callback.__module__ == __name__) - {"questions", "stats", "evaluate"}


def parse_command(line: str) -> click.Context:
    """Parse ``ddgraph CMD ARGS...`` with the command's own options; the context to invoke it in.

    Raises:
        QueryError: not a ddgraph question command, or bad arguments.

    Example:
        >>> parse_command("ddgraph meetings --topic air-defense --since 2024").params["since"]
        '2024'
    """
    try:
        words = shlex.split(line)
    except ValueError as exc:
        raise QueryError(f"{line}: cannot split the command ({exc})") from None
    if words and words[0] == "ddgraph":
        words = words[1:]
    if not words or words[0] not in QUESTION_COMMANDS:
        raise QueryError(f"{line}: not a ddgraph question command (choose from {', '.join(sorted(QUESTION_COMMANDS))})")
    try:
        return cli.commands[words[0]].make_context(words[0], words[1:])
    except click.ClickException as exc:
        raise QueryError(f"{line}: {exc.format_message()}") from None
    except click.exceptions.Exit:  # --help
        raise QueryError(f"{line}: asks for help, not a question") from None


def answer_line(kg, line: str) -> Answer:
    """Answer a command line as ``ddgraph`` would (its ``--store`` and ``--json`` aside), from ``kg``
    (a :class:`queries.library.KnowledgeGraph`).

    Raises:
        QueryError: as :func:`parse_command`, or the command's own error (an unknown name...).
    """
    ctx = parse_command(line)
    ctx.obj = asking = Asking(kg)
    with ctx:
        ctx.command.invoke(ctx)
    return asking.answers[-1]


def ask(kg, rows: list[dict]) -> list[Asked]:
    """Answer the command of every question; a failing command gives its error, not an exception."""
    out = []
    for row in rows:
        try:
            out.append(Asked(row["q"], row["command"], answer_line(kg, row["command"])))
        except DDGraphError as exc:
            out.append(Asked(row["q"], row["command"], None, str(exc)))
    return out


def answer_gold_questions(kg, gold=None, table=None, echo=print) -> list[Asked]:
    """Print, for each question of the gold file, the question, the command that answers it
    (from the questions ``table``) and its answer; return the answers."""
    from ddgraph.queries.questions import GOLD_FILE, QUESTIONS_FILE, format_asked, gold_questions, load_questions, \
        match_questions

    rows = match_questions(gold_questions(gold or GOLD_FILE), load_questions(table or QUESTIONS_FILE))
    asked = ask(kg, [r for r in rows if r["command"]])
    missing = [Asked(r["q"], "(no command)", None, "no command in the questions table") for r in rows if not r["command"]]
    by_q = {a.q: a for a in asked + missing}
    ordered = [by_q[r["q"]] for r in rows]
    echo(format_asked(ordered))
    return ordered
