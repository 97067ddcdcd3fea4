"""What a user's SPARQL text is: its form, its prefixes, and the engine's errors in the user's terms."""

from __future__ import annotations

import pytest

from ddgraph.graph.errors import QueryError
from ddgraph.queries.sparql_text import check_query, engine_error, masked, position, query_form

PREDECLARED = ["dd", "rdfs"]


@pytest.mark.parametrize("text, expected", [
    ("SELECT * WHERE {}", "SELECT"),
    ("  ask {}", "ASK"),
    ("PREFIX x: <urn:x#>\nBASE <urn:b>\nconstruct {} WHERE {}", "CONSTRUCT"),
    ("# SELECT in a comment\nDESCRIBE <urn:a>", "DESCRIBE"),
    ("PREFIX : <urn:x#> INSERT DATA {}", "INSERT"),
    ("", ""),
])
def test_query_form(text, expected):
    assert query_form(text) == expected


@pytest.mark.parametrize("text, expected", [
    ('"a:b" <urn:c:d> # e:f', '"   " <       >      '),
    ("'x'\n'''y\nz'''", "' '\n'   \n   '"),
    ("?a < ?b && ?c > 1", "?a < ?b && ?c > 1"),  # comparisons are no IRIs
])
def test_masked_keeps_length_and_lines(text, expected):
    assert masked(text) == expected and len(masked(text)) == len(text)


@pytest.mark.parametrize("text, offset, expected", [("abc", 0, (1, 1)), ("ab\ncd", 3, (2, 1)), ("a\n\nb", 3, (3, 1))])
def test_position(text, offset, expected):
    assert position(text, offset) == expected


@pytest.mark.parametrize("text", [
    "SELECT ?s WHERE { ?s dd:p ?o }",
    "SELECT ?s WHERE { ?s rdfs:label 'x:y' }",
    "PREFIX ex: <urn:ex#> SELECT ?s WHERE { ?s ex:p ?o }",
    "PREFIX : <urn:ex#> SELECT ?s WHERE { ?s :p ?o }",
    "SELECT ?s WHERE { ?s <http://example.org/a:b> ?o }",
    "SELECT (xsd:integer(1) AS ?x) WHERE {}".replace("xsd", "dd"),
    "SELECT ?s WHERE { ?s ?p ?o FILTER(?o > 10) }",
])
def test_queries_with_known_prefixes_pass(text):
    assert check_query(text, PREDECLARED) in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")


@pytest.mark.parametrize("text, expected", [
    ("SELECT ?s WHERE { ?s ex:p ?o }", "SPARQL error at 1:22: unknown prefix 'ex:'"),
    ("SELECT ?s WHERE { ?s :p ?o }", "SPARQL error at 1:22: unknown prefix ':'"),
    ("SELECT ?s\nWHERE {\n?s dd:p ?o . ?o foaf:name ?n }", "SPARQL error at 3:17: unknown prefix 'foaf:'"),
    ("PREFIX ex: <urn:ex#>", "SPARQL error at 1:21: no query after the prefixes"),
    ("LOAD <http://example.org/x>", "SPARQL updates are refused"),
    ("CLEAR ALL", "SPARQL updates are refused"),
    ("SERVICE <urn:x> {}", "SPARQL error at 1:1: 'SERVICE' begins no query"),
])
def test_bad_queries_are_named_where_they_are(text, expected):
    with pytest.raises(QueryError) as exc:
        check_query(text, PREDECLARED)
    assert str(exc.value).startswith(expected)


@pytest.mark.parametrize("message, query, expected", [
    ("error at 11:10: expected CONSTRUCT", "CONSTRUCT WHERE x", "SPARQL error at 1:10: expected CONSTRUCT (near 'WHERE x')"),
    ("error at 12:3: expected one of ABS, [_]\n| more", "x\nab(c", "SPARQL error at 2:3: unexpected text near '(c'"),
    ("Unsupported feature", "SELECT", "SPARQL error: Unsupported feature"),
])
def test_engine_errors_count_the_users_lines_only(message, query, expected):
    assert engine_error(message, query, 10) == expected
