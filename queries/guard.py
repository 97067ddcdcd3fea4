"""Find the SERVICE calls of a SPARQL query, so that they can be refused.

A query with ``SERVICE <iri> { ... }`` makes the engine fetch ``iri``: on an
endpoint that is server-side request forgery. :func:`check_service` refuses it
unless the endpoint IRI is in an allow-list. It reads the query text as the
engine's parser does (pyoxigraph's): the keyword in any case, between any
tokens, in nested groups, and not the word "service" inside string literals,
IRIs, comments, variables or prefixed local names.

Where a ``<`` can be read both as the start of an IRI and as the operator
"less than" (``FILTER(?a<?b) ...``) both readings are followed, and a SERVICE
found in either counts. So a few odd queries are refused although harmless: a
prefix name containing "service" (``PREFIX myservice: <...>``), or an IRI
containing the word right after another term inside parentheses
(``VALUES (?a ?b) { (<x> <http://example.org/service>) }``).

Example:
    >>> service_endpoints("SELECT * { service <http://example.org/sparql> { ?s ?p ?o } }")
    ['http://example.org/sparql']
    >>> service_endpoints('SELECT * { ?s rdfs:label "customer service" }')
    []
    >>> check_service("SELECT * { SERVICE <http://127.0.0.1/x> { ?s ?p ?o } }")
    Traceback (most recent call last):
    ...
    ddgraph.graph.errors.QueryError: SERVICE is refused: ddgraph does not call other SPARQL endpoints
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from ddgraph.graph.errors import QueryError

REFUSED = "SERVICE is refused: ddgraph does not call other SPARQL endpoints"
NOT_ALLOWED = "SERVICE is refused: only the allow-listed endpoints may be called, each written as a full <IRI>"
MAX_STATES = 20_000  # readings followed before giving up (and refusing)

_BASE = ("A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D"
         "\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\U00010000-\U000EFFFF")
_CHARS_U = _BASE + "_"
_CHARS = _CHARS_U + "\\-0-9\u00B7\u0300-\u036F\u203F-\u2040"
_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"
_UCHAR = r"\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8}"
_TOKEN_PATTERN = rf"""
    (?P<ws>[\x20\t\r\n]+)
  | (?P<comment>\#[^\r\n]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
               |'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")
  | (?P<var>[?$][{_CHARS_U}0-9\u00B7\u0300-\u036F\u203F-\u2040]+)
  | (?P<bnode>_:[{_CHARS_U}0-9](?:[{_CHARS}.]*[{_CHARS}])?)
  | (?P<prefix>(?:[{_BASE}](?:[{_CHARS}.]*[{_CHARS}])?)?:)
        (?:[{_CHARS_U}:0-9]|{_PLX})(?:(?:[{_CHARS}.:]|{_PLX})*(?:[{_CHARS}:]|{_PLX}))?
  | (?P<pname_ns>(?:[{_BASE}](?:[{_CHARS}.]*[{_CHARS}])?)?:)
  | (?P<word>\w+)
  | (?P<punct>.)
"""
_IRI = re.compile(rf"<(?:[^\x00-\x20<>\"{{}}|^`\\]|{_UCHAR})*>")
_NOT_OPERAND = set("(,=!&|<>+-*/^{[;")  # after these (and DISTINCT, AS) a "<" opens an IRI


@cache
def _token() -> re.Pattern:
    """The token pattern, compiled on first use (its Unicode classes take ~0.1 s to compile,
    which a lookup that sends no query text should not pay at start-up)."""
    return re.compile(_TOKEN_PATTERN, re.VERBOSE | re.DOTALL)


def _unescape(iri: str) -> str:
    return re.sub(_UCHAR, lambda m: chr(int(m.group()[2:], 16)), iri)


def service_endpoints(query: str) -> list[str | None]:
    """The endpoints the SERVICE calls of ``query`` name, in order of reading.

    An endpoint is the IRI after ``SERVICE [SILENT]``, or None when it is not
    written as a full IRI (a variable, a prefixed name) or the word "service"
    shows in a place where the parser could read the keyword.

    Example:
        >>> service_endpoints("SELECT * {?s ?p ?o FILTER(?s<?o)SERVICE ?x#>\\n{}}")
        [None]
        >>> service_endpoints("SELECT ?service { ?service <http://x.org/service> 'SERVICE' }")
        []
    """
    if "service" not in query.lower():
        return []
    found: list[str | None] = []
    todo = [(0, (), "other", 0)]  # (position, open brackets, previous token, after SERVICE: 1, SILENT: 2)
    seen = set()
    while todo:
        state = todo.pop()
        if state in seen:
            continue
        seen.add(state)
        if len(seen) > MAX_STATES:
            return found + [None]
        todo.extend(_read(query, *state, found))
    return found


def _read(query: str, pos: int, stack: tuple, prev: str, pending: int, found: list) -> list[tuple]:
    """Read one way from ``pos``; return the states to follow where the reading forks."""
    while pos < len(query):
        if query[pos] == "<":
            iri = _IRI.match(query, pos)
            as_punct = (prev == "operand" and stack[-1:] == ("(",)) or prev == "<"  # "less than", or "<<"
            if iri and as_punct:
                if pending:
                    found.extend([_unescape(iri.group()[1:-1]), None])
                return [(iri.end(), stack, "operand", 0), (pos + 1, stack, "<", 0)]
            if iri:
                if pending:
                    found.append(_unescape(iri.group()[1:-1]))
                pos, prev, pending = iri.end(), "operand", 0
                continue
            if pending:
                found.append(None)
            pos, prev, pending = pos + 1, "<", 0
            continue
        token = _token().match(query, pos)
        kind, text, pos = token.lastgroup, token.group(), token.end()
        if kind in ("ws", "comment"):
            prev = "other" if prev == "<" else prev
            continue
        if kind in ("word", "prefix", "pname_ns"):
            name = token.group(kind).lower()
            if pending == 1 and name == "silent":
                pending, prev = 2, "operand"
                continue
            if pending:
                found.append(None)
                pending = 0
            if "service" in name:
                if name == "service":
                    pending, prev = 1, "operand"
                    continue
                found.append(None)
        elif pending:
            found.append(None)
            pending = 0
        if kind == "punct" and text in "([{":
            stack += (text,)
        elif kind == "punct" and text in ")]}":
            stack = stack[:-1]
        prev = "other" if (kind == "punct" and text in _NOT_OPERAND) or text.lower() in ("distinct", "as") else "operand"
    if pending:
        found.append(None)
    return []


def check_service(query: str, allowed: Iterable[str] = ()) -> None:
    """Refuse ``query`` if it calls a SERVICE whose IRI is not in ``allowed``.

    Args:
        query: SPARQL query text.
        allowed: endpoint IRIs that may be called (exactly as written).

    Raises:
        QueryError: one line, naming no endpoint.

    Example:
        >>> check_service("SELECT * { SERVICE <http://a.example/q> {} }", ["http://a.example/q"])
        >>> check_service("SELECT * { SERVICE <http://b.example/q> {} }", ["http://a.example/q"])
        Traceback (most recent call last):
        ...
        ddgraph.graph.errors.QueryError: SERVICE is refused: only the allow-listed endpoints may be called, each written as a full <IRI>
    """
    allowed = set(allowed)
    endpoints = service_endpoints(query)
    if endpoints and not allowed:
        raise QueryError(REFUSED)
    if any(e is None or e not in allowed for e in endpoints):
        raise QueryError(NOT_ALLOWED)
