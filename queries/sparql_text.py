"""What a user's SPARQL text is, before and after the engine reads it: its form, its prefixes, plain errors.

``ddgraph sparql`` and the shipped queries run with the predeclared prefixes
(:data:`graph.namespaces.SPARQL_PREFIXES`) put before the text, so the engine's
positions count lines the user never wrote, and its parser answers a misspelt
keyword, an update or an unknown prefix with a grammar listing. These small
functions say instead where in the user's own text the problem is, and what it is.

Example:
    >>> query_form("PREFIX x: <urn:x#>\\nconstruct { ?s ?p ?o } WHERE { ?s ?p ?o }")
    'CONSTRUCT'
    >>> check_query("SELEC ?s WHERE { ?s ?p ?o }", ["dd"])
    Traceback (most recent call last):
    ...
    ddgraph.graph.errors.QueryError: SPARQL error at 1:1: 'SELEC' begins no query; a query begins with SELECT, ASK, CONSTRUCT or DESCRIBE
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ddgraph.graph.errors import QueryError

FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
#: The first words of SPARQL 1.1 updates.
UPDATES = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH")
#: Strings, IRIs and comments: what may hold a colon or a keyword that is not one.
_OPAQUE = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
                     r'|<[^<>"{}|^`\\\s]*>|#[^\n]*')
_DECLARATION = re.compile(r"\s*(?:PREFIX\s+([A-Za-z][\w.-]*)?\s*:\s*<\s*>|BASE\s*<\s*>)", re.I)
_WORD = re.compile(r"\s*([A-Za-z]\w*)")
#: A prefixed name's prefix (or the empty prefix), not inside a variable or a longer word.
_PREFIXED = re.compile(r"(?<![\w?$.\-:])([A-Za-z](?:[\w.\-]*[\w\-])?)?:(?=[\w%\\])")
_ENGINE_POSITION = re.compile(r"^error at (\d+):(\d+): (.*)$", re.S)


def masked(query: str) -> str:
    """``query`` with its strings, IRIs and comments blanked (same length, same lines).

    Example:
        >>> masked('SELECT * WHERE { ?s <urn:a:b> "x:y" } # z:w')
        'SELECT * WHERE { ?s <       > "   " }      '
    """
    def blank(m: re.Match) -> str:
        text = m.group(0)
        keep = text[0] + text[-1] if text[0] in "<\"'" and len(text) > 1 else ""
        inner = re.sub(r"[^\n]", " ", text[1:-1]) if keep else re.sub(r"[^\n]", " ", text)
        return text[0] + inner + text[-1] if keep else inner

    return _OPAQUE.sub(blank, query)


def position(text: str, offset: int) -> tuple[int, int]:
    """(line, column), both from 1, of a character offset.

    Example:
        >>> position("ab\\ncd", 4)
        (2, 2)
    """
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _body(masked_text: str) -> tuple[int, list[str]]:
    """Offset where the query proper begins (after PREFIX and BASE), and the prefixes it declares."""
    declared, at = [], 0
    while m := _DECLARATION.match(masked_text, at):
        if m.group(0).strip().upper().startswith("PREFIX"):
            declared.append(m.group(1) or "")
        at = m.end()
    return at, declared


def query_form(query: str) -> str:
    """The first keyword of the query proper, upper-cased ("" if none).

    Example:
        >>> query_form("# a comment\\nask { ?s ?p ?o }")
        'ASK'
    """
    text = masked(query)
    at, _ = _body(text)
    m = _WORD.match(text, at)
    return m.group(1).upper() if m else ""


def check_query(query: str, predeclared: Iterable[str]) -> str:
    """The form of a query a user typed (one of :data:`FORMS`), or a plain error.

    Raises:
        QueryError: an update, a first word that begins no query, or a prefix that is
            neither predeclared nor declared in the text (each with its line and column).
    """
    text = masked(query)
    at, declared = _body(text)
    m = _WORD.match(text, at)
    word = m.group(1) if m else ""
    if word.upper() in UPDATES:
        raise QueryError("SPARQL updates are refused: ddgraph sparql only reads the store "
                         "(ingest, same and different change it)")
    if word.upper() not in FORMS:
        line, col = position(query, m.start(1) if m else len(query.rstrip()))
        shown = f"'{word}' begins no query" if word else "no query after the prefixes"
        raise QueryError(f"SPARQL error at {line}:{col}: {shown}; a query begins with {', '.join(FORMS[:-1])} "
                         f"or {FORMS[-1]}")
    known = set(predeclared) | set(declared)
    for p in _PREFIXED.finditer(text, at):
        name = p.group(1) or ""
        if name not in known:
            line, col = position(query, p.start())
            listed = ", ".join(f"{k}:" for k in sorted(k for k in predeclared))
            raise QueryError(f"SPARQL error at {line}:{col}: unknown prefix '{name}:' (predeclared: {listed}; "
                             f"declare another with PREFIX {name or 'x'}: <...>)")
    return word.upper()


def engine_error(message: str, query: str, hidden_lines: int) -> str:
    """A parse error of the engine in the terms of the user's ``query``: its own line and
    column (the ``hidden_lines`` put before it not counted), the text found there, and
    the engine's expectation unless it is a grammar listing.

    Example:
        >>> engine_error("error at 12:13: expected one of ABS, AVG, [_]", "SELECT * WHERE {\\n FILTER(?s = ) }", 10)
        "SPARQL error at 2:13: unexpected text near ') }'"
    """
    m = _ENGINE_POSITION.match(message.strip())
    if m is None:
        return "SPARQL error: " + (message.strip().splitlines() or ["the query cannot run"])[0]
    line, col, expected = int(m.group(1)) - hidden_lines, int(m.group(2)), m.group(3)
    lines = query.split("\n")
    found = lines[line - 1][col - 1:].strip()[:20] if 0 < line <= len(lines) else ""
    near = f"near '{found}'" if found else "at the end of the line"
    if "\n" in expected or "[" in expected or len(expected) > 80:  # a grammar listing
        return f"SPARQL error at {line}:{col}: unexpected text {near}"
    return f"SPARQL error at {line}:{col}: {expected} ({near})"
