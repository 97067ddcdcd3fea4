"""Analysts' decisions about persons: "these two are the same", "these two differ".

Decisions live in a small versioned YAML file (``curation.yaml`` in the store)::

    version: 2
    decisions:
      - {kind: same, a: "Lecorneuil", b: "Sébastien Lecornu", at: "2025-04-01T10:00:00+00:00"}
      - {kind: different, a: "Dmytro Kuleba", b: "Oleksiy Kuleba", at: "..."}

The list is append-only; ``version`` counts the decisions ever written. When the
same pair is decided twice, the later decision wins. ``a`` and ``b`` are person
IRIs or names; :func:`graph.resolve.resolve` applies ``same`` as must-link and
``different`` as cannot-link.

Example:
    >>> import tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), "curation.yaml")
    >>> _ = add_decision(path, "same", "Lecorneuil", "Sébastien Lecornu")
    >>> load_decisions(path).same
    frozenset({('Lecorneuil', 'Sébastien Lecornu')})
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import yaml

from ddgraph.graph.errors import InputError

KINDS = ("same", "different")


@dataclass(frozen=True)
class Decisions:
    """Pairs of person IRIs or names, each pair sorted.

    Attributes:
        same: pairs that must be one person.
        different: pairs that must stay two persons.
    """

    same: frozenset[tuple[str, str]] = frozenset()
    different: frozenset[tuple[str, str]] = frozenset()

    def terms(self) -> frozenset[str]:
        """Every IRI or name any decision mentions.

        Example:
            >>> sorted(Decisions(same=frozenset({("a", "b")})).terms())
            ['a', 'b']
        """
        return frozenset(t for pair in self.same | self.different for t in pair)


def _pair(a: str, b: str) -> tuple[str, str]:
    a, b = str(a).strip(), str(b).strip()
    return (a, b) if a <= b else (b, a)


def _read(path: Path) -> dict:
    if not path.exists():
        return {"version": 0, "decisions": []}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise InputError(str(path), f"not valid YAML ({exc.__class__.__name__})") from exc
    if not isinstance(data, dict) or not isinstance(data.get("decisions", []), list):
        raise InputError(str(path), "expected a mapping with a 'decisions' list")
    for i, row in enumerate(data.get("decisions") or []):
        if not isinstance(row, dict) or row.get("kind") not in KINDS or not row.get("a") or not row.get("b"):
            raise InputError(str(path), f"decision {i + 1} needs kind (same|different), a and b")
    return {"version": int(data.get("version") or 0), "decisions": list(data.get("decisions") or [])}


def decisions_from_log(rows: list[dict]) -> Decisions:
    """Replay an append-only decision log; a later decision on a pair wins.

    Example:
        >>> log = [{"kind": "same", "a": "x", "b": "y"}, {"kind": "different", "a": "y", "b": "x"}]
        >>> decisions_from_log(log)
        Decisions(same=frozenset(), different=frozenset({('x', 'y')}))
    """
    latest: dict[tuple[str, str], str] = {}
    for row in rows:
        pair = _pair(row["a"], row["b"])
        if pair[0] != pair[1]:
            latest[pair] = row["kind"]
    return Decisions(
        same=frozenset(p for p, k in latest.items() if k == "same"),
        different=frozenset(p for p, k in latest.items() if k == "different"),
    )


def load_decisions(path: str | os.PathLike) -> Decisions:
    """Read the decisions file; a missing file means no decisions.

    Example:
        >>> load_decisions("/nonexistent/curation.yaml")
        Decisions(same=frozenset(), different=frozenset())
    """
    return decisions_from_log(_read(Path(path))["decisions"])


def decision_version(path: str | os.PathLike) -> int:
    """Return the version counter of the decisions file (0 when missing).

    Example:
        >>> decision_version("/nonexistent/curation.yaml")
        0
    """
    return _read(Path(path))["version"]


def add_decision(path: str | os.PathLike, kind: str, a: str, b: str, at: str | None = None) -> Decisions:
    """Append one decision, bump the version, write atomically; return all decisions.

    Args:
        path: the YAML file (created when missing).
        kind: "same" or "different".
        a, b: person IRIs or names.
        at: ISO timestamp; now (UTC) by default.

    Example:
        >>> import tempfile, os
        >>> p = os.path.join(tempfile.mkdtemp(), "c.yaml")
        >>> add_decision(p, "different", "Dmytro Kuleba", "Oleksiy Kuleba").different
        frozenset({('Dmytro Kuleba', 'Oleksiy Kuleba')})
    """
    if kind not in KINDS:
        raise ValueError(f"decision kind must be one of {KINDS}, not {kind!r}")
    if not str(a).strip() or not str(b).strip() or _pair(a, b)[0] == _pair(a, b)[1]:
        raise ValueError("a decision needs two different, non-empty terms")
    path = Path(path)
    data = _read(path)
    stamp = at or datetime.now(timezone.utc).isoformat(timespec="seconds")
    data["decisions"].append({"kind": kind, "a": str(a).strip(), "b": str(b).strip(), "at": stamp})
    data["version"] += 1
    text = "# ddgraph curation decisions: append-only; a later decision on a pair wins.\n"
    text += yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=None)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".curation-", suffix=".yaml")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.replace(tmp, path)
    return decisions_from_log(data["decisions"])
