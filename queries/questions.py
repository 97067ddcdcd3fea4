"""Analysts' questions answered by ``ddgraph`` commands.

:data:`COMMANDS` maps each read-only question command of the CLI (``met``,
``meetings``, ``delegation``...) to the library function that answers it and
the formatter that prints the answer; the CLI commands call :func:`answer`, and
:func:`run_command` parses a command line (``ddgraph met "Rustem Umerov"``)
with the CLI's own options and answers it the same way. A questions file
(``data/questions.yaml``) pairs each question (``q``) with the command that
answers it; :func:`answer_gold_questions` prints, for each question of the gold
file (``data/gold/seeds.yaml``), the question, its command and the answer
computed from the store.

Example:
    >>> run_command(ds, 'ddgraph aid --provider France --recipient Ukraine').text.splitlines()[-1]  # doctest: +SKIP
    'weapon systems: AMX-10 RC, CAESAR, Crotale, Milan, SAMP/T, VAB'
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:  # rdflib only in annotations: a lookup process does not load it
    from rdflib import Dataset

from graph.errors import DDGraphError, InputError, QueryError
from queries import facts, lookup, people, tables
from queries.sparql import as_dataset

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
QUESTIONS_FILE = DATA_DIR / "questions.yaml"
GOLD_FILE = DATA_DIR / "gold" / "seeds.yaml"


@dataclass(frozen=True)
class Answer:
    """What a command answers: the library's data and the text the CLI prints."""

    data: Any
    text: str


@dataclass(frozen=True)
class Asked:
    """One question of a questions file, its command and answer (or error)."""

    q: str
    command: str
    answer: Answer | None
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The question, command, answer data (None after an error) and error, for ``--json``.

        Example:
            >>> Asked("Who met X?", "ddgraph met X", None, "no person 'X'").to_dict()["answer"] is None
            True
        """
        return {"q": self.q, "command": self.command, "answer": self.answer.data if self.answer else None,
                "error": self.error}


def _limit(p) -> int | None:
    """The ``--limit`` of a command: None (all) for 0 or when not given."""
    return p.get("limit") or None


def _met(ds, p):
    rows = lookup.met(ds, p["name"], include_unconfirmed=not p.get("happened_only"), limit=_limit(p))
    return rows, tables.format_encounters(rows)


def _meetings(ds, p):
    rows = lookup.meetings(ds, person=p.get("person"), topic=p.get("topic"), country=p.get("country"),
                           place=p.get("place"), since=p.get("since"), until=p.get("until"),
                           all_statuses=bool(p.get("all_statuses")), limit=_limit(p))
    return rows, tables.format_meetings(rows)


def _delegation(ds, p):
    d = lookup.delegation(ds, p["meeting"])
    return d, tables.format_delegation(d)


def _person(ds, p):
    profile = people.person_profile(ds, p["name"])
    return profile, tables.format_profile(profile)


def _offices(ds, p):
    rows = people.offices(ds, p["name"])
    return rows, tables.format_statements(rows)


def _timeline(ds, p):
    rows = people.timeline(ds, p["name"], limit=_limit(p))
    return rows, tables.format_timeline(rows)


def _aid(ds, p):
    rows = facts.aid(ds, provider=p.get("provider"), recipient=p.get("recipient"), system=p.get("system"),
                     status=p.get("status"), limit=_limit(p))
    return rows, tables.format_aid(rows)


def _agreements(ds, p):
    rows = facts.agreements(ds, party=p.get("party"), limit=_limit(p))
    return rows, tables.format_agreements(rows)


def _topics(ds, p):
    rows = facts.country_topics(ds, p["country_a"], p["country_b"])
    return rows, tables.format_topics(rows, p["country_a"], p["country_b"])


def _explain(ds, p):
    e = facts.explain(ds, p["target"], prop=p.get("prop"), value=p.get("value"), topic=p.get("topic"),
                      limit=_limit(p))
    return e, tables.format_explain(e)


def _central(ds, p):
    from queries import analytics, byname

    rows = byname.central(as_dataset(ds), kind=p.get("kind") or "person", since=p.get("since"), until=p.get("until"),
                          top=p.get("top", 10), by=p.get("by") or "pagerank")
    return rows, analytics.as_table(rows)


def _communities(ds, p):
    from queries import analytics, byname

    rows = byname.communities(as_dataset(ds), kind=p.get("kind") or "person", since=p.get("since"), until=p.get("until"),
                              min_size=p.get("min_size", 2))
    return rows, analytics.as_table(rows)


def _path(ds, p):
    from queries import byname

    hops = byname.path(as_dataset(ds), p["name_a"], p["name_b"], since=p.get("since"), until=p.get("until"))
    if not hops:
        return hops, f"no chain of meetings links {p['name_a']} and {p['name_b']}"
    lines = [f"{len(hops)} meeting(s) apart:"]
    lines += [f"  {h.person_label} met {h.other_label} at {h.meeting_label} ({h.meeting_date or 'undated'}, "
              f"{h.meeting.replace('https://w3id.org/ddgraph/id/', 'ddr:')})" for h in hops]
    return hops, "\n".join(lines)


def _new_actors(ds, p):
    from queries import analytics, byname

    rows = byname.new_actors(as_dataset(ds), p["since"])
    return rows, analytics.as_table(rows)


#: command name -> function(dataset, parsed CLI params) -> (data, text)
COMMANDS: dict[str, Callable[[Dataset, dict], tuple[Any, str]]] = {
    "person": _person, "met": _met, "meetings": _meetings, "delegation": _delegation, "offices": _offices,
    "timeline": _timeline, "aid": _aid, "agreements": _agreements, "topics": _topics, "explain": _explain,
    "central": _central, "communities": _communities, "path": _path, "new-actors": _new_actors,
}


def answer(ds: Dataset, command: str, params: dict) -> Answer:
    """Answer one question command with its parsed parameters.

    Raises:
        QueryError: unknown command, unknown name, bad date...
    """
    if command not in COMMANDS:
        raise QueryError(f"'{command}' is not a question command (choose from {', '.join(COMMANDS)})")
    data, text = COMMANDS[command](ds, params)
    return Answer(data, text)


#: Questions that read the whole graph: their printed answers are kept per snapshot (:mod:`queries.memo`).
WHOLE_GRAPH = frozenset({"central", "communities", "path", "new-actors"})


def printed_answer(store, command: str, params: dict) -> str:
    """What ``ddgraph COMMAND`` prints: JSON when ``params["as_json"]``, else the text.

    The whole-graph questions (:data:`WHOLE_GRAPH`) are computed once per
    published snapshot and read back by later processes.

    Args:
        store: a reader of the store (:func:`graph.store.open_store` with ``read_only=True``).
        command: a question command.
        params: its parsed CLI parameters.

    Raises:
        QueryError: as :func:`answer`.

    Example:
        >>> print(printed_answer(store, "central", {"kind": "country", "top": 3}))  # doctest: +SKIP
    """
    from queries.memo import remembered
    from queries.tables import to_json

    def compute() -> dict[str, str]:
        result = answer(store.ox, command, params)  # the lookups query Oxigraph directly
        return {"json": to_json(result.data), "text": result.text}

    if command not in WHOLE_GRAPH:  # nothing kept: only what is printed
        result = answer(store.ox, command, params)
        return to_json(result.data) if params.get("as_json") else result.text
    key = {"command": command, "params": {k: v for k, v in params.items() if k not in ("as_json", "store_path")}}
    value = remembered(store.answers_dir, key, compute)  # both forms kept: the next process may ask the other
    return value["json" if params.get("as_json") else "text"]


def parse_command(line: str) -> tuple[str, dict]:
    """Parse ``ddgraph CMD ARGS...`` with the CLI's own options: (command, params).

    Raises:
        QueryError: not a ddgraph question command, or bad arguments.
    """
    import click

    from queries.cli import cli

    try:
        words = shlex.split(line)
    except ValueError as exc:
        raise QueryError(f"{line}: cannot split the command ({exc})") from None
    if words and words[0] == "ddgraph":
        words = words[1:]
    if not words or words[0] not in COMMANDS or words[0] not in cli.commands:
        raise QueryError(f"{line}: not a ddgraph question command (choose from {', '.join(COMMANDS)})")
    name, args = words[0], words[1:]
    try:
        ctx = cli.commands[name].make_context(name, list(args))
    except click.ClickException as exc:
        raise QueryError(f"{line}: {exc.format_message()}") from None
    return name, dict(ctx.params)


def run_command(ds: Dataset, line: str) -> Answer:
    """Answer a command line as the CLI would (without ``--store`` / ``--json``)."""
    name, params = parse_command(line)
    return answer(ds, name, params)


def load_questions(path: str | Path = QUESTIONS_FILE) -> list[dict]:
    """Read a questions file: a ``questions`` list of {q, command[, match]}.

    Raises:
        InputError: unreadable file or bad entries.
    """
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except OSError as exc:
        raise InputError(str(path), f"cannot read the questions file ({exc.strerror})") from None
    except yaml.YAMLError as exc:
        raise InputError(str(path), f"not valid YAML ({type(exc).__name__})") from None
    rows = data.get("questions") if isinstance(data, dict) else None
    if not isinstance(rows, list) or not all(isinstance(r, dict) and r.get("q") and r.get("command") for r in rows):
        raise InputError(str(path), "expected a 'questions' list of {q, command}")
    return rows


def ask(ds: Dataset, rows: list[dict]) -> list[Asked]:
    """Run the command of every question; a failing command gives its error, not an exception."""
    out = []
    for row in rows:
        try:
            out.append(Asked(row["q"], row["command"], run_command(ds, row["command"])))
        except DDGraphError as exc:
            out.append(Asked(row["q"], row["command"], None, str(exc)))
    return out


def _norm(q: str) -> str:
    return " ".join(q.casefold().split())


def match_questions(questions: list[str], table: list[dict]) -> list[dict]:
    """For each question, the table entry whose ``q`` equals it (ignoring case and
    spacing) or whose ``match`` regular expression finds it; {q, command: None} when none.

    Example:
        >>> match_questions(["Who met X?"], [{"q": "other", "match": "met X", "command": "ddgraph met X"}])
        [{'q': 'Who met X?', 'command': 'ddgraph met X'}]
    """
    out = []
    for q in questions:
        hit = next((r for r in table if _norm(r["q"]) == _norm(q)), None) or next(
            (r for r in table if r.get("match") and re.search(r["match"], q, re.IGNORECASE)), None)
        out.append({"q": q, "command": hit["command"] if hit else None})
    return out


def gold_questions(gold: str | Path = GOLD_FILE) -> list[str]:
    """The ``questions`` of a gold file (each ``q``)."""
    try:
        data = yaml.safe_load(Path(gold).read_text(encoding="utf-8")) or {}
    except OSError as exc:
        raise InputError(str(gold), f"cannot read the gold file ({exc.strerror})") from None
    return [str(r["q"]) for r in data.get("questions") or [] if isinstance(r, dict) and r.get("q")]


def format_asked(rows: list[Asked]) -> str:
    """Q / command / answer blocks."""
    blocks = []
    for a in rows:
        body = a.answer.text if a.answer is not None else f"error: {a.error}"
        blocks.append(f"Q: {a.q}\n$ {a.command}\n{body}")
    return "\n\n".join(blocks)


def answer_gold_questions(ds: Dataset, gold: str | Path = GOLD_FILE, table: str | Path = QUESTIONS_FILE,
                          echo: Callable[[str], None] = print) -> list[Asked]:
    """Print, for each question of the gold file, the question, the command that
    answers it (from ``table``) and its answer; return the answers."""
    rows = match_questions(gold_questions(gold), load_questions(table))
    asked = ask(ds, [r for r in rows if r["command"]])
    missing = [Asked(r["q"], "(no command)", None, "no command in the questions table") for r in rows if not r["command"]]
    by_q = {a.q: a for a in asked + missing}
    ordered = [by_q[r["q"]] for r in rows]
    echo(format_asked(ordered))
    return ordered
