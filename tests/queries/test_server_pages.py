"""What ``ddgraph serve`` answers besides /sparql: things at their IRI's path, the query page, and real
SPARQL clients (SPARQLWrapper, rdflib's SPARQLStore, rdflib fetching an IRI, Chromium)."""

from __future__ import annotations

import json
import urllib.parse

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef

from ddgraph.queries.entity_page import describe_query, iri_of_path, path_of_iri, render_html
from tests.queries.seed_store import seed_store
from tests.queries.serving import Served

R = "https://w3id.org/ddgraph/id/"
DD = "https://w3id.org/ddgraph/ontology#"
UMEROV = R + "person/rustem-umerov"


@pytest.fixture(scope="module")
def served():
    s = Served(seed_store(), "--timeout", "10")
    yield s
    s.stop()


@pytest.mark.parametrize(("path", "iri"), [
    ("/id/person/rustem-umerov", UMEROV), ("/id/topic/air-defense", R + "topic/air-defense"),
    ("/id/graph/instances", R + "graph/instances"), ("/id/", None), ("/id/person/../../etc/passwd", None),
    ("/id/person/./x", None), ("/id/person/a b", None), ("/id/person/<x>", None), ("/sparql", None),
    ("/id/person/x?y", None),
])
def test_paths_of_things(path, iri):
    assert iri_of_path(path) == iri
    if iri:
        assert path_of_iri(iri) == path


def test_the_page_escapes_everything_it_shows():
    hostile = '<script>alert(1)</script>"\'&'
    me = ox.NamedNode(UMEROV)
    nt = ox.serialize([ox.Triple(me, ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), ox.Literal(hostile)),
                       ox.Triple(me, ox.NamedNode(DD + "said"), ox.Literal('a" onmouseover="x')),
                       ox.Triple(ox.NamedNode(R + "meeting/1"), ox.NamedNode(DD + "participant"), me)],
                      format=ox.RdfFormat.N_TRIPLES)
    page = render_html(UMEROV, nt)
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#x27;&amp;" in page
    assert 'a&quot; onmouseover=&quot;x' in page and '<a href="/id/meeting/1">ddr:meeting/1</a>' in page


def test_a_thing_is_turtle_for_rdf_clients_and_rdflib_reads_it(served):
    g = Graph().parse(f"http://127.0.0.1:{served.port}/id/person/rustem-umerov")  # rdflib negotiates itself
    me = URIRef(UMEROV)
    assert (me, URIRef(DD + "holdsRole"), URIRef(R + "office/minister-of-defence-ukraine")) in g
    assert (me, URIRef("http://www.w3.org/2000/01/rdf-schema#label"), Literal("Rustem Umerov", lang="en")) in g
    assert not any(str(p).endswith("Key") for p in g.predicates())  # the index stays out
    assert any(o == me for o in g.objects())  # what points at him: his meetings
    status, head, body = served.request("GET", "/id/person/rustem-umerov", headers={"Accept": "application/n-triples"})
    assert status == 200 and head["content-type"] == "application/n-triples"
    assert {t for t in ox.parse(body, format=ox.RdfFormat.N_TRIPLES)} and len(g) == body.count(b"\n")


def test_a_thing_is_html_for_a_browser_and_unknown_things_are_404(served):
    status, head, body = served.request("GET", "/id/person/rustem-umerov",
                                        headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert status == 200 and head["content-type"] == "text/html; charset=utf-8"
    assert "default-src 'none'" in head["content-security-policy"]
    assert b"<h1>Rustem Umerov</h1>" in body and b'href="/id/office/minister-of-defence-ukraine"' in body
    status, _, body = served.request("GET", "/id/person/nobody-at-all")
    assert (status, body) == (404, f"the graph states nothing about {R}person/nobody-at-all\n".encode())
    assert served.request("GET", "/id/person/rustem-umerov?format=bogus")[0] == 400
    status, head, _ = served.request("GET", "/id/person/rustem-umerov?format=ntriples", headers={"Accept": "text/html"})
    assert head["content-type"] == "application/n-triples"


def test_the_describe_query_reads_the_instance_layer_only():
    q = describe_query(UMEROV)
    assert "GRAPH ddg:instances" in q and "LIMIT 500" in q and q.count(f"<{UMEROV}>") >= 3


def test_sparqlwrapper_reads_rows_and_graphs(served):
    SPARQLWrapper = pytest.importorskip("SPARQLWrapper")
    client = SPARQLWrapper.SPARQLWrapper(f"http://127.0.0.1:{served.port}/sparql")
    client.setQuery("SELECT ?l WHERE { GRAPH ddg:instances { ?p a dd:Person ; rdfs:label ?l } } ORDER BY ?l")
    client.setReturnFormat(SPARQLWrapper.JSON)
    labels = [b["l"]["value"] for b in client.query().convert()["results"]["bindings"]]
    assert "Rustem Umerov" in labels and labels == sorted(labels)
    client.setQuery(f"CONSTRUCT {{ <{UMEROV}> ?p ?o }} WHERE {{ GRAPH ddg:instances {{ <{UMEROV}> ?p ?o }} }}")
    client.setReturnFormat(SPARQLWrapper.TURTLE)
    g = Graph().parse(data=client.query().convert(), format="turtle")
    assert (URIRef(UMEROV), URIRef(DD + "holdsRole"), URIRef(R + "office/minister-of-defence-ukraine")) in g


def test_rdflib_sparqlstore_queries_the_endpoint(served):
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    store = SPARQLStore(f"http://127.0.0.1:{served.port}/sparql")
    rows = list(Graph(store=store).query(
        "PREFIX dd: <https://w3id.org/ddgraph/ontology#> SELECT (COUNT(*) AS ?n) WHERE { ?m a dd:Meeting }"))
    assert int(rows[0][0]) > 0


def test_format_parameter_of_the_endpoint(served):
    q = urllib.parse.quote("SELECT ?p WHERE { GRAPH ddg:instances { ?p a dd:Person } } LIMIT 1")
    status, head, body = served.request("GET", f"/sparql?query={q}&format=csv", headers={"Accept": "text/html"})
    assert status == 200 and head["content-type"].startswith("text/csv") and body.startswith(b"p\r\n")
    status, _, body = served.request("GET", f"/sparql?query={q}&format=png")
    assert status == 400 and body.startswith(b"give one 'format' of json, xml, csv")


@pytest.mark.browser
def test_the_query_page_and_thing_pages_in_chromium(served):
    from tests.queries.chromium import ARGS, CHROMIUM

    if not CHROMIUM.exists():
        pytest.skip("needs Debian chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page()
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
        base = f"http://127.0.0.1:{served.port}"
        page.goto(f"{base}/query")
        page.fill("#query", "SELECT ?l WHERE { GRAPH ddg:instances { <%s> rdfs:label ?l } }" % UMEROV)
        page.select_option("#format", "json")
        page.click("#run")
        page.wait_for_load_state()
        answer = json.loads(page.inner_text("body"))
        assert answer["results"]["bindings"][0]["l"]["value"] == "Rustem Umerov"
        page.goto(f"{base}/id/person/rustem-umerov")
        assert page.inner_text("h1") == "Rustem Umerov"
        page.click('a[href="/id/office/minister-of-defence-ukraine"]')
        page.wait_for_load_state()
        assert page.url.endswith("/id/office/minister-of-defence-ukraine") and page.inner_text("h1")
        assert errors == []
        browser.close()
