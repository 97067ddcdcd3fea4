"""Analysts' questions files: each question (``q``) with the ``ddgraph`` command line that
answers it (``data/questions.yaml``), matched against the questions of a gold file, and
printed with their answers. The command lines are answered by the CLI's own commands
(:func:`queries.cli.lookups.ask`); this module knows nothing of them.

Example:
    >>> print(format_asked([Asked("Who met X?", "ddgraph met X", Answer([], "no meetings"))]))
    Q: Who met X?
    $ ddgraph met X
    no meetings
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ddgraph.graph.errors import InputError

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
QUESTIONS_FILE = DATA_DIR / "questions.yaml"
GOLD_FILE = DATA_DIR / "gold" / "seeds.yaml"


@dataclass(frozen=True)
class Answer:
    """What a question command answers: the library's data and the text the CLI prints."""

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
