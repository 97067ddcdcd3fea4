"""The SPARQL 1.1 Protocol endpoint (queries/server.py), started on 127.0.0.1 with
port 0 in a thread and queried with urllib."""

from __future__ import annotations

import csv
import io
import json
import threading
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

import pytest
from rdflib import Graph

from graph.store import open_store
from queries.server import RESULT_TYPES, ProtocolError, make_server, negotiate
from queries.sparql import run_select
from tests.queries.seed_store import R, seed_store

COUNT_PERSONS = "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a dd:Person }"
SRX = "{http://www.w3.org/2005/sparql-results#}"


@pytest.fixture(scope="module")
def endpoint():
    store = open_store(seed_store(), read_only=True)
    server = make_server(store.ox, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host, port = server.server_address[:2]
    persons = int(run_select(store.dataset, COUNT_PERSONS).rows[0][0])
    assert persons >= 5  # Umerov, Lecornu, Horbatiuk, Shevtsov, Balanutsa...
    yield f"http://{host}:{port}/sparql", persons
    server.shutdown()
    server.server_close()
    thread.join(5)
    store.close()


def fetch(url: str, *, data: bytes | None = None, headers: dict | None = None):
    """(status, content type, body text) of one request."""
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers["Content-Type"], response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers["Content-Type"], exc.read().decode("utf-8")


def get(endpoint: str, query: str, accept: str | None = None, **params):
    qs = urllib.parse.urlencode({"query": query, **params})
    return fetch(f"{endpoint}?{qs}", headers={"Accept": accept} if accept else {})


def persons_json(body: str) -> int:
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


def test_get_select_json_by_default(endpoint):
    endpoint, persons = endpoint
    status, ctype, body = get(endpoint, COUNT_PERSONS)
    assert (status, ctype) == (200, "application/sparql-results+json")
    assert persons_json(body) == persons


def test_post_form_and_sparql_query(endpoint):
    endpoint, persons = endpoint
    form = urllib.parse.urlencode({"query": COUNT_PERSONS}).encode()
    status, _, body = fetch(endpoint, data=form, headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 200 and persons_json(body) == persons
    status, _, body = fetch(endpoint, data=COUNT_PERSONS.encode(), headers={"Content-Type": "application/sparql-query"})
    assert status == 200 and persons_json(body) == persons


def test_select_as_xml_and_csv(endpoint):
    endpoint, _ = endpoint
    query = f"SELECT ?label WHERE {{ <{R}person/volodymyr-horbatiuk> rdfs:label ?label }} LIMIT 1"
    status, ctype, body = get(endpoint, query, "application/sparql-results+xml")
    assert (status, ctype) == (200, "application/sparql-results+xml")
    literals = [e.text for e in ET.fromstring(body).iter(f"{SRX}literal")]
    assert literals == ["Volodymyr Horbatiuk"]
    status, ctype, body = get(endpoint, query, "text/csv")
    assert (status, ctype) == (200, "text/csv; charset=utf-8")
    assert list(csv.reader(io.StringIO(body))) == [["label"], ["Volodymyr Horbatiuk"]]


def test_ask(endpoint):
    endpoint, _ = endpoint
    status, _, body = get(endpoint, f"ASK {{ <{R}person/rustem-umerov> a dd:Person }}")
    assert status == 200 and json.loads(body)["boolean"] is True


def test_construct_as_turtle_and_ntriples(endpoint):
    endpoint, _ = endpoint
    query = f"CONSTRUCT {{ ?p a dd:Person }} WHERE {{ ?p a dd:Person FILTER(?p = <{R}person/rustem-umerov>) }}"
    status, ctype, body = get(endpoint, query)
    assert (status, ctype) == (200, "text/turtle; charset=utf-8")
    g = Graph().parse(data=body, format="turtle")
    assert len(g) == 1
    status, ctype, body = get(endpoint, query, "application/n-triples")
    assert (status, ctype) == (200, "application/n-triples; charset=utf-8")
    assert body.strip() == f"<{R}person/rustem-umerov> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> " \
                           "<https://w3id.org/ddgraph/ontology#Person> ."


def test_named_graphs_and_default_graph_uri(endpoint):
    endpoint, _ = endpoint
    status, _, body = get(endpoint, "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert int(json.loads(body)["results"]["bindings"][0]["n"]["value"]) == 5
    # with an explicit default graph (the default graph of the store holds the article metadata only)
    status, _, body = get(endpoint, COUNT_PERSONS, **{"default-graph-uri": "https://w3id.org/ddgraph/id/article/none"})
    assert status == 200 and persons_json(body) == 0


def test_bad_query_is_400_with_one_line(endpoint):
    endpoint, _ = endpoint
    status, ctype, body = get(endpoint, "SELEKT ?x WHERE { ?x ?y ?z }")
    assert (status, ctype) == (400, "text/plain; charset=utf-8")
    assert body.startswith("SPARQL error: ") and body.count("\n") == 1


def test_update_is_refused(endpoint):
    endpoint, persons = endpoint
    form = urllib.parse.urlencode({"update": "DELETE WHERE { ?s ?p ?o }"}).encode()
    status, _, body = fetch(endpoint, data=form, headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert (status, body) == (403, "this endpoint is read-only: SPARQL Update is refused\n")
    status, _, _ = get(endpoint, "DELETE WHERE { ?s ?p ?o }")
    assert status == 400  # not a query
    assert persons_json(get(endpoint, COUNT_PERSONS)[2]) == persons


def test_protocol_errors(endpoint):
    endpoint, _ = endpoint
    assert get(endpoint, COUNT_PERSONS, "image/png")[0] == 406
    assert fetch(endpoint, data=b"x", headers={"Content-Type": "text/plain"})[0] == 415
    assert fetch(endpoint.replace("/sparql", "/other"))[0] == 404
    status, _, body = fetch(endpoint)
    assert status == 200 and "read-only" in body  # usage


def test_negotiate():
    assert negotiate("application/json;q=0.2, text/csv", RESULT_TYPES) == "text/csv"
    assert negotiate("*/*", RESULT_TYPES) == "application/sparql-results+json"
    assert negotiate("text/*", RESULT_TYPES) == "text/csv"
    with pytest.raises(ProtocolError):
        negotiate("text/html", RESULT_TYPES)
