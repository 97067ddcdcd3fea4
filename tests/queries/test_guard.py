"""queries/guard.py: SERVICE found however it is written, and only where the parser reads it.

The differential test runs every query of CALLS on an in-memory pyoxigraph store
whose SERVICE calls reach a counting server on loopback: whenever the engine
really calls out, the guard must have seen a SERVICE.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from ddgraph.graph.errors import QueryError
from ddgraph.queries.guard import NOT_ALLOWED, REFUSED, check_service, service_endpoints
from tests.queries.serving import CountingServer

# U: the endpoint; H: its base (for prefixed names)
CALLS = [
    "SELECT * WHERE { SERVICE <U> { ?s ?p ?o } }",
    "select * where { service <U> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE SILENT <U> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE # comment\n silent#x\n<U> { ?s ?p ?o } }",
    "SELECT * WHERE { {}SERVICE<U>{?s ?p ?o} }",
    "SELECT * WHERE { { OPTIONAL { { SERVICE <U> { ?s ?p ?o } } } } }",
    "SELECT * WHERE { ?s ?p ?o FILTER EXISTS { SERVICE <U> { ?a ?b ?c } } }",
    "SELECT * WHERE { ?s ?p ?o.SERVICE <U> { ?a ?b ?c } }",
    "SELECT * WHERE { ?s ?p 'x'SERVICE <U> { ?a ?b ?c } }",
    "PREFIX e: <H> SELECT * WHERE { SERVICE e:secret { ?s ?p ?o } }",
    "PREFIX : <H> SELECT * WHERE { SERVICE:secret { ?s ?p ?o } }",
    "PREFIX e: <H> SELECT * WHERE { SERVICEe:secret { ?s ?p ?o } }",
    "PREFIX e: <H> SELECT * WHERE { BIND(1 AS ?a) BIND(2 AS ?b) FILTER(?a<?b)SERVICE e:secret#>\n{ ?s ?p ?o } }",
    "SELECT * WHERE { BIND(1 AS ?a) FILTER(?a<'x>') SERVICE <U> { ?s ?p ?o } FILTER(?a != 'y') }",
    "SELECT * WHERE { BIND(1 AS ?a) FILTER(?a<<'x>') SERVICE <U> { ?s ?p ?o } }",
    "BASE <H> SELECT * WHERE { SERVICE <secret> { ?s ?p ?o } }",
    "SELECT * WHERE { <http://a> <http://p> 1SERVICE <U> { ?s ?p ?o } }",
    "SELECT * WHERE { <http://a> <http://p> trueSERVICE <U> { ?s ?p ?o } }",
    "SELECT * WHERE { VALUES ?e { <U> } SERVICE ?e { ?s ?p ?o } }",
    "ASK { SERVICE <U> { ?s ?p ?o } }",
    "CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <U> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE <U> { SERVICE <U> { ?s ?p ?o } } }",
]
HARMLESS = [
    'SELECT * WHERE { ?s rdfs:label "customer SERVICE <http://x/> {}" }',
    "SELECT * WHERE { ?s rdfs:label '''a\nservice <x> {}\n''' }",
    r"SELECT * WHERE { ?s rdfs:label 'it\'s service <x> {}' }",
    "SELECT * WHERE { ?s <http://example.org/service> ?o }",
    "SELECT * WHERE { ?s ?p ?o # SERVICE <http://x> {}\n }",
    "SELECT ?service WHERE { ?service a dd:Service }",
    "SELECT * WHERE { ?s dd:service ?o ; schema:serviceType ?t . _:service ?p ?o }",
    "SELECT * WHERE { ?s ?p ?o FILTER(?p = <http://x.org/service>) }",
    "SELECT * WHERE { ?s ?p ?o FILTER(?p IN (<http://a>, <http://x.org/service>)) }",
    "SELECT * WHERE { ?s ?p ?o FILTER(?o < 3) ?s <http://x/service> ?z }",
    "SELECT * WHERE { ?s ?p ?o FILTER(?o < 'service') }",
]


def _fill(query: str, url: str) -> str:
    return query.replace("<U>", f"<{url}>").replace("<H>", f"<{url.rsplit('/', 1)[0]}/>")


@pytest.fixture(scope="module")
def counting():
    server = CountingServer()
    yield server
    server.close()


@pytest.mark.parametrize("query", CALLS)
def test_every_way_of_writing_service_is_refused(query):
    query = _fill(query, "http://127.0.0.1:1/secret")
    assert service_endpoints(query)
    with pytest.raises(QueryError, match=f"^{REFUSED}$"):
        check_service(query)


@pytest.mark.parametrize("query", HARMLESS)
def test_the_word_elsewhere_is_no_service(query):
    assert service_endpoints(query) == []
    check_service(query)


def _engine_calls(counting, query: str) -> int:
    """How many requests pyoxigraph sends to ``counting`` for ``query`` (without the guard)."""
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("http://a"), ox.NamedNode("http://p"), ox.Literal("1")))
    counting.hits.clear()
    try:
        results = store.query(query, prefixes={"dd": "https://w3id.org/ddgraph/ontology#",
                                               "schema": "https://schema.org/",
                                               "rdfs": "http://www.w3.org/2000/01/rdf-schema#"})
        if not isinstance(results, ox.QueryBoolean):
            list(results)
    except (SyntaxError, RuntimeError, OSError, ValueError):
        pass
    return len(counting.hits)


@pytest.mark.parametrize("query", CALLS + HARMLESS)
def test_the_guard_sees_every_call_the_engine_makes(counting, query):
    query = _fill(query, counting.url)
    if _engine_calls(counting, query):
        assert service_endpoints(query)


def test_the_engine_does_call_out(counting):  # so that the test above can fail
    assert _engine_calls(counting, _fill(CALLS[0], counting.url)) == 1
    assert _engine_calls(counting, _fill(CALLS[12], counting.url)) == 1  # FILTER(?a<?b)SERVICE e:secret#>


def test_allow_list_is_exact():
    url = "http://127.0.0.1:1/sparql"
    check_service(f"SELECT * {{ SERVICE <{url}> {{}} }}", [url])
    check_service(f"SELECT * {{ SERVICE <{url.replace(':', chr(92) + 'u003A', 1)}> {{}} }}", [url])  # \u003A is ':'
    for query in (f"SELECT * {{ SERVICE <{url}/> {{}} }}", f"SELECT * {{ SERVICE <{url}> {{}} SERVICE <http://x/> {{}} }}",
                  f"PREFIX e: <{url}> SELECT * {{ SERVICE e: {{}} }}", "SELECT * { SERVICE ?x {} }",
                  f"BASE <{url}> SELECT * {{ SERVICE <> {{}} }}"):
        with pytest.raises(QueryError, match=f"^{NOT_ALLOWED}$"):
            check_service(query, [url])


def test_odd_but_harmless_queries_may_be_refused():
    # documented over-caution: a prefix named like the keyword, an IRI right after a term inside parentheses
    assert None in service_endpoints("PREFIX myservice: <http://x/> SELECT * { ?s myservice:p ?o }")
    assert service_endpoints("SELECT * { VALUES (?a ?b) { (<http://x> <http://x.org/service>) } }") == [None]
