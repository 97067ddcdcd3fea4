"""The SPARQL endpoint as a user runs it: ``ddgraph serve`` in a subprocess, real HTTP over loopback.

Two servers on the seed store: ``plain`` with the defaults (no CORS, no SERVICE)
but a 2 s time limit and 500 rows, and ``open_`` with ``--cors``, one allow-listed
SERVICE endpoint, a 1 MB response cap and a 1 GB memory cap.
"""

from __future__ import annotations

import csv
import http.client
import io
import json
import shutil
import signal
import socket
import subprocess
import threading
import time
import urllib.parse
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner
from rdflib import Graph

from ddgraph.queries.cli import cli
from tests.queries.seed_store import R, seed_store
from tests.queries.serving import DDGRAPH, CountingServer, Served, alive, cpu_seconds

COUNT_PERSONS = "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a dd:Person }"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
SRX = "{http://www.w3.org/2005/sparql-results#}"
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
APP = "https://app.example"


@pytest.fixture(scope="module")
def secret():
    server = CountingServer()
    yield server
    server.close()


@pytest.fixture(scope="module")
def allowed():
    server = CountingServer()
    yield server
    server.close()


@pytest.fixture(scope="module")
def plain():
    served = Served(seed_store(), "--timeout", "2", "--max-rows", "500")
    yield served
    served.stop()


@pytest.fixture(scope="module")
def open_(allowed):
    served = Served(seed_store(), "--cors", APP, "--allow-service", allowed.url, "--max-response", "1",
                    "--max-memory", "1024", "--workers", "1")
    yield served
    served.stop()


def get(served: Served, query: str, accept: str | None = None, headers: dict | None = None, **params):
    qs = urllib.parse.urlencode({"query": query, **params}, doseq=True)
    status, head, body = served.request("GET", f"/sparql?{qs}", headers={**({"Accept": accept} if accept else {}),
                                                                        **(headers or {})})
    return status, head, body.decode("utf-8")


def post_form(served: Served, params, headers: dict | None = None):
    status, head, body = served.request("POST", "/sparql", urllib.parse.urlencode(params, doseq=True).encode(),
                                        {**FORM, **(headers or {})})
    return status, head, body.decode("utf-8")


def count(body: str, var: str = "n") -> int:
    return int(json.loads(body)["results"]["bindings"][0][var]["value"])


def one_line(body: str) -> bool:
    return body.endswith("\n") and body.count("\n") == 1 and "Traceback" not in body


# --- what held before and still must ---

def test_get_select_json_by_default(plain):
    status, head, body = get(plain, COUNT_PERSONS)
    assert (status, head["content-type"]) == (200, "application/sparql-results+json")
    assert count(body) >= 5  # Umerov, Lecornu, Horbatiuk, Shevtsov, Balanutsa...


def test_post_form_and_sparql_query(plain):
    persons = count(get(plain, COUNT_PERSONS)[2])
    status, _, body = post_form(plain, {"query": COUNT_PERSONS})
    assert status == 200 and count(body) == persons
    status, _, body = plain.request("POST", "/sparql", COUNT_PERSONS.encode(),
                                    {"Content-Type": "application/sparql-query; charset=utf-8"})
    assert status == 200 and count(body.decode()) == persons


def test_select_as_xml_csv_and_tsv(plain):
    query = f"SELECT ?label WHERE {{ <{R}person/volodymyr-horbatiuk> rdfs:label ?label }} LIMIT 1"
    status, head, body = get(plain, query, "application/sparql-results+xml")
    assert (status, head["content-type"]) == (200, "application/sparql-results+xml")
    assert [e.text for e in ET.fromstring(body).iter(f"{SRX}literal")] == ["Volodymyr Horbatiuk"]
    status, head, body = get(plain, query, "text/csv")
    assert (status, head["content-type"]) == (200, "text/csv; charset=utf-8")
    assert list(csv.reader(io.StringIO(body))) == [["label"], ["Volodymyr Horbatiuk"]]
    status, head, body = get(plain, query, "text/tab-separated-values")
    assert (status, body) == (200, '?label\n"Volodymyr Horbatiuk"@en\n')


def test_ask(plain):
    status, _, body = get(plain, f"ASK {{ <{R}person/rustem-umerov> a dd:Person }}")
    assert status == 200 and json.loads(body)["boolean"] is True


def test_construct_in_four_formats(plain):
    query = f"CONSTRUCT {{ ?p a dd:Person }} WHERE {{ ?p a dd:Person FILTER(?p = <{R}person/rustem-umerov>) }}"
    triple = f"<{R}person/rustem-umerov> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> " \
             "<https://w3id.org/ddgraph/ontology#Person> ."
    status, head, body = get(plain, query)
    assert (status, head["content-type"]) == (200, "text/turtle; charset=utf-8")
    assert len(Graph().parse(data=body, format="turtle")) == 1
    status, head, body = get(plain, query, "application/n-triples")
    assert (status, head["content-type"], body.strip()) == (200, "application/n-triples; charset=utf-8", triple)
    for mtype, fmt in (("application/rdf+xml", "xml"), ("application/ld+json", "json-ld")):
        status, head, body = get(plain, query, mtype)
        assert (status, head["content-type"]) == (200, mtype)
        assert len(Graph().parse(data=body, format=fmt)) == 1


def test_dataset_union_default_and_named_graph_uri(plain):
    status, _, body = get(plain, "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert status == 200 and count(body) == 6  # one graph per article, and the instance layer
    status, _, body = get(plain, COUNT_PERSONS, **{"default-graph-uri": f"{R}article/none"})
    assert status == 200 and count(body) == 0  # an explicit default graph replaces the union
    status, _, body = get(plain, "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 1")
    graph = json.loads(body)["results"]["bindings"][0]["g"]["value"]
    status, _, body = get(plain, "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
                          **{"named-graph-uri": graph})
    assert status == 200 and count(body) == 1


def test_bad_query_is_400_with_one_line_text_or_json(plain):
    status, head, body = get(plain, "SELEKT ?x WHERE { ?x ?y ?z }")
    assert (status, head["content-type"]) == (400, "text/plain; charset=utf-8")
    assert body.startswith("SPARQL error: ") and one_line(body)
    status, head, body = get(plain, "SELEKT ?x WHERE { ?x ?y ?z }", "application/sparql-results+json")
    assert (status, head["content-type"]) == (400, "application/json")
    assert json.loads(body)["error"].startswith("SPARQL error: ")


def test_updates_are_refused(plain):
    persons = count(get(plain, COUNT_PERSONS)[2])
    status, _, body = post_form(plain, {"update": "DELETE WHERE { ?s ?p ?o }"})
    assert (status, body) == (403, "this endpoint is read-only: SPARQL Update is refused\n")
    status, _, _ = plain.request("POST", "/sparql", b"DELETE WHERE { ?s ?p ?o }",
                                 {"Content-Type": "application/sparql-update"})
    assert status == 403
    assert get(plain, "DELETE WHERE { ?s ?p ?o }")[0] == 400  # not a query
    assert count(get(plain, COUNT_PERSONS)[2]) == persons


def test_status_codes(plain):
    assert get(plain, COUNT_PERSONS, "image/png")[0] == 406
    assert get(plain, COUNT_PERSONS, "text/turtle")[0] == 406  # a SELECT has no Turtle form
    assert plain.request("POST", "/sparql", b"x", {"Content-Type": "text/plain"})[0] == 415
    assert plain.request("POST", "/sparql", b"x", {"Content-Type": "application/sparql-query; charset=latin-1"})[0] == 415
    assert plain.request("GET", "/other")[0] == 404
    status, head, _ = plain.request("DELETE", "/sparql")
    assert (status, head["allow"]) == (405, "GET, POST, OPTIONS")
    assert plain.request("PUT", "/sparql", b"x")[0] == 405
    status, _, body = plain.request("GET", "/sparql")
    assert status == 200 and b"read-only" in body  # usage


@pytest.mark.parametrize("target, body, headers, status, message", [
    ("/sparql?query=ASK%7B%7D&query=ASK%7B%7D", None, {}, 400, "give exactly one 'query' parameter (got 2)"),
    ("/sparql?query=%20", None, {}, 400, "the 'query' parameter is empty"),
    ("/sparql?query=ASK%7B%7D&default-graph-uri=relative", None, {}, 400, "each 'default-graph-uri' must be an absolute IRI"),
    ("/sparql?query=ASK%7B%7D&named-graph-uri=http://a%20b", None, {}, 400, "each 'named-graph-uri' must be an absolute IRI"),
    ("/sparql?query=ASK%7B%7D&named-graph-uri=", None, {}, 400, "each 'named-graph-uri' must be an absolute IRI"),
    ("/sparql?query=%FF", None, {}, 400, "the query string is not valid UTF-8"),
    ("/sparql?query=ASK%00", None, {}, 400, "the 'query' parameter holds a NUL character"),
    ("/sparql?" + "&".join(f"x{i}=1" for i in range(300)), None, {}, 400, "the query string has more than 200 parameters"),
    ("/sparql", b"", FORM, 400, "give exactly one 'query' parameter (got 0)"),
    ("/sparql", b"query=%FF", FORM, 400, "the request body is not valid UTF-8"),
    ("/sparql", b"\xff", {"Content-Type": "application/sparql-query"}, 400, "the request body is not valid UTF-8"),
    ("/sparql?query=ASK%7B%7D", b"query=ASK%7B%7D", FORM, 400, "give exactly one 'query' parameter (got 2)"),
    ("/sparql", b"query=ASK%7B%7D&named-graph-uri=%3Cx%3E", FORM, 400, "each 'named-graph-uri' must be an absolute IRI"),
    ("/sparql", b"x" * ((1 << 20) + 1), FORM, 413, "the request body is over 1048576 bytes"),
])
def test_malformed_requests_get_a_one_line_answer(plain, target, body, headers, status, message):
    got, _, text = plain.request("POST" if body is not None else "GET", target, body, headers)
    assert (got, text.decode()) == (status, message + "\n")


def test_chunked_body_over_the_limit_is_413(plain):
    with socket.create_connection(("127.0.0.1", plain.port), timeout=10) as sock:
        sock.sendall(b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
                     b"Transfer-Encoding: chunked\r\n\r\n")
        chunk = b"#" * 65536
        try:
            for _ in range(20):
                sock.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        except OSError:
            pass  # the server answered and closed
        assert sock.recv(4096).startswith(b"HTTP/1.1 413 ")


@pytest.mark.parametrize("path", ["/../../etc/passwd", "/sparql/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd",
                                  "/..%2f..%2fetc%2fpasswd", "//etc/passwd"])
def test_path_traversal_is_refused(plain, path):
    status, _, body = plain.request("GET", path)
    assert status == 404 and b"root:" not in body


def test_only_loopback_host_names(plain):
    assert get(plain, "ASK {}", headers={"Host": "localhost:1"})[0] == 200
    status, _, body = get(plain, "ASK {}", headers={"Host": "attacker.example"})  # DNS rebinding
    assert (status, body) == (403, "this endpoint answers requests to 127.0.0.1 or localhost only\n")


# --- SERVICE: server-side request forgery ---

SSRF = [
    "SELECT * WHERE { SERVICE <URL> { ?s ?p ?o } }",
    "select * where { service <URL> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE SILENT <URL> { ?s ?p ?o } }",
    "SELECT * WHERE { ?x ?y ?z OPTIONAL { { SeRvIcE # a comment\n\n<URL> { ?s ?p ?o } } } }",
    "SELECT * WHERE { {}SERVICE<URL>{?s ?p ?o} }",
    "PREFIX e: <HOST> SELECT * WHERE { SERVICE e:secret { ?s ?p ?o } }",
    "PREFIX : <HOST> SELECT * WHERE { SERVICE:secret { ?s ?p ?o } }",
    "PREFIX e: <HOST> SELECT * WHERE { BIND(1 AS ?a) BIND(2 AS ?b) FILTER(?a<?b)SERVICE e:secret#>\n{ ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o FILTER EXISTS { SERVICE <URL> { ?a ?b ?c } } }",
    "SELECT * WHERE { ?s ?p ?o.SERVICE <URL> { ?a ?b ?c } }",
    "SELECT * WHERE { VALUES ?e { <URL> } SERVICE ?e { ?s ?p ?o } }",
]


def _ssrf(query: str, url: str) -> str:
    return query.replace("URL", url).replace("HOST", url.rsplit("/", 1)[0] + "/")


@pytest.mark.parametrize("query", SSRF)
def test_service_is_refused_and_nothing_fetched(plain, secret, query):
    query = _ssrf(query, secret.url)
    for status, _, body in (get(plain, query), post_form(plain, {"query": query})):
        assert (status, body) == (400, "SERVICE is refused: ddgraph does not call other SPARQL endpoints\n")
        assert secret.secret not in body and "127.0.0.1" not in body
    assert secret.hits == []


def test_service_refused_by_the_escaped_iri_too(plain, secret):
    query = "SELECT * WHERE { SERVICE <" + secret.url.replace(":", "\\u003A", 1) + "> { ?s ?p ?o } }"
    assert get(plain, query)[0] == 400
    assert secret.hits == []


@pytest.mark.parametrize("query", [
    'SELECT * WHERE { ?s rdfs:label ?l FILTER(?l != "customer SERVICE <http://127.0.0.1/> {}") } LIMIT 1',
    "SELECT * WHERE { ?s ?p ?o FILTER(?p != <http://example.org/service>) } LIMIT 1",
    "SELECT ?service WHERE { ?service ?p ?o # SERVICE <http://127.0.0.1/> { }\n } LIMIT 1",
    "SELECT * WHERE { ?s ?p '''a\nservice <http://127.0.0.1/> {}''' }",
])
def test_the_word_service_elsewhere_is_fine(plain, query):
    assert get(plain, query)[0] == 200


def test_only_the_allow_listed_service_is_called(open_, allowed, secret):
    status, _, body = get(open_, f"SELECT ?secret WHERE {{ SERVICE <{allowed.url}> {{ ?x ?y ?z }} }}")
    assert status == 200 and json.loads(body)["results"]["bindings"][0]["secret"]["value"] == allowed.secret
    assert len(allowed.hits) == 1
    status, _, body = get(open_, f"SELECT * WHERE {{ SERVICE <{secret.url}> {{ ?s ?p ?o }} }}")
    assert (status, body) == (400, "SERVICE is refused: only the allow-listed endpoints may be called, "
                                   "each written as a full <IRI>\n")
    assert secret.hits == []


def test_sparql_command_refuses_service(secret):
    query = f"SELECT * WHERE {{ SERVICE <{secret.url}> {{ ?s ?p ?o }} }}"
    result = CliRunner().invoke(cli, ["sparql", query, "--store", str(seed_store())])
    assert (result.exit_code, result.output) == (1, "Error: SERVICE is refused: ddgraph does not call other "
                                                    "SPARQL endpoints\n")
    assert secret.hits == []


# --- CORS ---

def test_no_cors_header_by_default(plain):
    for status, head, _ in (get(plain, "ASK {}", headers={"Origin": APP}),
                            plain.request("OPTIONS", "/sparql", headers={"Origin": APP,
                                                                         "Access-Control-Request-Method": "POST"})):
        assert status in (200, 204) and not any(k.startswith("access-control-") for k in head)


def test_cors_only_for_the_origin_given(open_):
    status, head, _ = get(open_, "ASK {}", headers={"Origin": APP})
    assert status == 200 and head["access-control-allow-origin"] == APP
    status, head, _ = get(open_, "SELEKT", headers={"Origin": APP})
    assert status == 400 and head["access-control-allow-origin"] == APP
    status, head, _ = get(open_, "ASK {}", headers={"Origin": "https://evil.example"})
    assert status == 200 and "access-control-allow-origin" not in head
    status, head, _ = open_.request("OPTIONS", "/sparql", headers={"Origin": APP, "Access-Control-Request-Method": "POST"})
    assert (status, head["access-control-allow-origin"], head["access-control-allow-methods"]) == (204, APP, "GET, POST")


# --- limits ---

def test_runaway_query_is_stopped_at_the_deadline(plain):
    before = plain.wait_workers(2)
    start = time.monotonic()
    status, _, body = get(plain, RUNAWAY)
    took = time.monotonic() - start
    assert (status, body) == (503, "query stopped: it ran longer than the 2 s time limit\n")
    assert 1.9 < took < 4
    while not (killed := [p for p in before if not alive(p)]):  # killed (SIGKILL) before the answer; gone soon after
        assert time.monotonic() - start < 5, plain.log()
        time.sleep(0.01)
    gone = time.monotonic() - start
    assert len(killed) == 1 and gone < 4 and f"query process {killed[0]} stopped: its query passed the 2 s time limit" in plain.log()
    start = time.monotonic()
    assert get(plain, "ASK {}")[0] == 200 and time.monotonic() - start < 1
    after = plain.wait_workers(2)
    deadline = time.monotonic() + 10
    while True:  # once the new process has started, no query process uses the CPU
        used = {p: cpu_seconds(p) for p in after}
        time.sleep(0.3)
        if sum(cpu_seconds(p) - used[p] for p in after) < 0.05:
            break
        assert time.monotonic() < deadline, "a query process keeps using the CPU"


def test_query_of_a_client_that_left_is_stopped(open_):
    (worker,) = open_.wait_workers(1)
    body = urllib.parse.urlencode({"query": RUNAWAY}).encode()
    with socket.create_connection(("127.0.0.1", open_.port)) as sock:
        sock.sendall(b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                     b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        time.sleep(0.5)
        assert cpu_seconds(worker) > 0.2  # it is running
    start = time.monotonic()
    line = f"query process {worker} stopped: its client went away"
    while alive(worker) or line not in open_.log():  # the server logs it once the process is gone
        assert time.monotonic() - start < 3, open_.log()
        time.sleep(0.02)
    open_.wait_workers(1)
    assert get(open_, "ASK {}")[0] == 200


def test_row_and_byte_caps(plain, open_):
    status, _, body = get(plain, "SELECT * WHERE { ?s ?p ?o }")
    assert (status, body) == (400, "result too large: more than 500 rows (the endpoint's --max-rows limit); "
                                   "add LIMIT or narrow the query\n")
    status, _, body = get(plain, "SELECT * WHERE { ?s ?p ?o } LIMIT 500")
    assert status == 200 and len(json.loads(body)["results"]["bindings"]) == 500
    assert get(plain, "CONSTRUCT WHERE { ?s ?p ?o }")[0] == 400
    status, _, body = get(open_, "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } LIMIT 50000")
    assert (status, body) == (400, "result too large: more than 1,048,576 bytes (the endpoint's --max-response "
                                   "limit); add LIMIT or select less\n")


def test_memory_limit_kills_only_the_query(open_):
    (worker,) = open_.wait_workers(1)
    status, _, body = get(open_, "SELECT ?a WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f LIMIT 1")
    assert (status, body) == (503, "query stopped: it needed more than the 1024 MB memory limit\n")
    assert not alive(worker)
    open_.wait_workers(1)
    assert get(open_, "ASK {}")[0] == 200


# --- capacity ---

def test_fifty_concurrent_clients_are_all_answered(plain):
    barrier, statuses = threading.Barrier(50), []

    def client() -> None:
        barrier.wait()
        for _ in range(4):
            statuses.append(get(plain, COUNT_PERSONS)[0])

    threads = [threading.Thread(target=client) for _ in range(50)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert statuses == [200] * 200


def test_keep_alive_requests_are_not_delayed(plain):
    conn = http.client.HTTPConnection("127.0.0.1", plain.port, timeout=10)
    start = time.monotonic()
    for _ in range(20):  # head and body of each answer leave at once (TCP_NODELAY): no 40 ms Nagle wait
        conn.request("GET", "/sparql?query=ASK%7B%7D")
        assert conn.getresponse().read() == b'{"head":{},"boolean":true}'
    conn.close()
    assert (time.monotonic() - start) / 20 < 0.02


def test_half_open_connections_do_not_block_and_are_closed(plain):
    idle = []
    for _ in range(300):
        sock = socket.create_connection(("127.0.0.1", plain.port), timeout=10)
        sock.sendall(b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # never finished
        idle.append(sock)
    start = time.monotonic()
    assert get(plain, "ASK {}")[0] == 200 and time.monotonic() - start < 2
    closed = 0
    for sock in idle:  # the server closes them after its 5 s header timeout
        try:
            closed += sock.recv(1) == b""
        except ConnectionResetError:
            closed += 1
        sock.close()
    assert closed == 300


def test_listen_backlog(plain):
    if shutil.which("ss"):
        line = subprocess.run(["ss", "-ltnH", f"sport = :{plain.port}"], capture_output=True, text=True).stdout
        somaxconn = int(open("/proc/sys/net/core/somaxconn").read())
        assert int(line.split()[2]) == min(2048, somaxconn)  # Send-Q of a listening socket: its backlog
    burst = [socket.create_connection(("127.0.0.1", plain.port), timeout=5) for _ in range(200)]
    for sock in burst:
        sock.close()


# --- the command ---

def test_sighup_reopens_the_store(plain):
    plain.proc.send_signal(signal.SIGHUP)
    assert count(get(plain, COUNT_PERSONS)[2]) >= 5
    assert "the query processes will re-open the store" in plain.log()


def test_serve_errors_are_one_line(tmp_path):
    result = subprocess.run([str(DDGRAPH), "serve", "--store", str(tmp_path / "none"), "--port", "0"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and result.stderr.count("\n") == 1 and result.stderr.startswith("Error: ")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run([str(DDGRAPH), "serve", "--store", str(seed_store()), "--port", str(port)],
                                capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stderr) == (1, f"Error: 127.0.0.1:{port}: cannot listen (Address already in use)\n")
    result = CliRunner().invoke(cli, ["serve", "--allow-service", "not an iri"])
    assert result.exit_code == 2 and "is not an absolute IRI" in result.output
