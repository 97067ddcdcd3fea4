"""Move a store to a SPARQL 1.1 server and back: the Graph Store HTTP Protocol.

:func:`push` sends every named graph of a store (article graphs, the instance
layer) and its default graph (article metadata, ontology, topics) to a server's
graph store endpoint, each with one ``PUT`` (the server's copy of that graph is
replaced, so pushing again changes nothing); :func:`pull` asks the server's query
endpoint which named graphs it holds, reads each with a ``GET`` and writes them,
with the default graph, to an N-Quads file. The shipped queries name the graphs
they read, so they run unchanged on Oxigraph server, Apache Jena Fuseki, QLever or
Virtuoso once the data is there.

Both speak only HTTP(S) to the one server the user names, with a time limit on
every request and a size limit on every answer; a failure is one line naming the
URL and the problem.

Example:
    >>> push(store.ox, "http://127.0.0.1:7878/store")  # doctest: +SKIP
    Transfer(graphs=7, triples=1321, bytes=318102)
    >>> pull("http://127.0.0.1:7878/store", "http://127.0.0.1:7878/query", "copy.nq")  # doctest: +SKIP
    Transfer(graphs=7, triples=1321, bytes=318102)
"""

from __future__ import annotations

import http.client
import json
import os
import socket
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from ddgraph.graph.errors import DDGraphError

#: Seconds a request may take (connecting, sending, answering).
TIMEOUT = 60.0
#: Bytes one answer may have when pulling (a graph, the list of graphs).
MAX_ANSWER = 1 << 30
_NT = "application/n-triples"


class EndpointError(DDGraphError):
    """A server could not be reached or refused a request: ``URL: problem``."""

    def __init__(self, url: str, problem: str) -> None:
        super().__init__(f"{url}: {problem}")
        self.url, self.problem = url, problem


@dataclass(frozen=True)
class Transfer:
    """What one push or pull moved: graphs (named graphs, and the default graph when it has
    triples), triples and the bytes of N-Triples sent or received."""

    graphs: int = 0
    triples: int = 0
    bytes: int = 0


class _Connection:
    """One kept-alive HTTP(S) connection to one server, reopened when the server closes it."""

    def __init__(self, url: str, timeout: float) -> None:
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise EndpointError(url, "not an http:// or https:// URL")
        self.url, self.parts, self.timeout = url, parts, timeout
        self.conn: http.client.HTTPConnection | None = None

    def _open(self) -> http.client.HTTPConnection:
        cls = http.client.HTTPSConnection if self.parts.scheme == "https" else http.client.HTTPConnection
        return cls(self.parts.hostname, self.parts.port, timeout=self.timeout)

    def request(self, method: str, query: str, body: bytes | None = None, headers: dict | None = None,
                max_bytes: int = MAX_ANSWER) -> tuple[int, bytes]:
        """(status, answer) of ``METHOD path?query`` on the endpoint's path."""
        path = (self.parts.path or "/") + (f"?{query}" if query else "")
        for attempt in (1, 2):  # a kept-alive connection the server closed meanwhile is opened again once
            if self.conn is None:
                self.conn = self._open()
            try:
                self.conn.request(method, path, body=body, headers=headers or {})
                response = self.conn.getresponse()
                data = response.read(max_bytes + 1)
                if len(data) > max_bytes:
                    self.close()
                    raise EndpointError(self.url, f"the answer is larger than {max_bytes:,} bytes")
                if response.getheader("connection", "").lower() == "close":
                    self.close()
                return response.status, data
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError) as exc:
                self.close()
                if attempt == 2:
                    raise EndpointError(self.url, f"the server closed the connection ({type(exc).__name__})") from None
            except (socket.timeout, TimeoutError):
                self.close()
                raise EndpointError(self.url, f"no answer within {self.timeout:g} s") from None
            except OSError as exc:
                self.close()
                raise EndpointError(self.url, f"cannot connect ({exc.strerror or exc})") from None
        raise AssertionError("unreachable")  # pragma: no cover

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def _check(url: str, status: int, data: bytes, what: str) -> None:
    if not 200 <= status < 300:
        first = data.decode("utf-8", "replace").strip().splitlines()[:1]
        detail = f": {first[0][:200]}" if first else ""
        raise EndpointError(url, f"{what} refused with HTTP {status}{detail}")


def _graph_query(graph: ox.NamedNode | None) -> str:
    return "default" if graph is None else "graph=" + urllib.parse.quote(graph.value, safe="")


def push(store: ox.Store, endpoint: str, *, timeout: float = TIMEOUT) -> Transfer:
    """PUT every graph of ``store`` to the graph store endpoint ``endpoint`` (each replaced there).

    Args:
        store: the pyoxigraph store (a reader's snapshot: :attr:`graph.store.Store.ox`).
        endpoint: the server's Graph Store Protocol URL (Oxigraph server: ``http://host:7878/store``;
            Fuseki: ``http://host:3030/DATASET/data``).
        timeout: seconds each request may take.

    Raises:
        EndpointError: the server cannot be reached or refuses a graph (graphs sent before stay there).

    Example:
        >>> push(ox.Store(), "ftp://example.org/store")
        Traceback (most recent call last):
        ...
        ddgraph.queries.gsp.EndpointError: ftp://example.org/store: not an http:// or https:// URL
    """
    conn = _Connection(endpoint, timeout)
    graphs = sorted(store.named_graphs(), key=lambda g: g.value)
    done = Transfer()
    try:
        for graph in [None, *graphs]:
            pattern = store.quads_for_pattern(None, None, None, ox.DefaultGraph() if graph is None else graph)
            triples = [ox.Triple(q.subject, q.predicate, q.object) for q in pattern]
            if graph is None and not triples:
                continue
            body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
            status, data = conn.request("PUT", _graph_query(graph), body, {"Content-Type": _NT})
            _check(endpoint, status, data, f"PUT of graph {graph.value if graph else '(default)'}")
            done = Transfer(done.graphs + 1, done.triples + len(triples), done.bytes + len(body))
    finally:
        conn.close()
    return done


def query_endpoint_of(endpoint: str) -> str:
    """The query URL beside a graph store URL: its last path segment replaced by "query".

    Example:
        >>> query_endpoint_of("http://127.0.0.1:7878/store"), query_endpoint_of("http://h:3030/ds/data")
        ('http://127.0.0.1:7878/query', 'http://h:3030/ds/query')
    """
    parts = urllib.parse.urlsplit(endpoint)
    head = parts.path.rstrip("/").rpartition("/")[0]
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, f"{head}/query", "", ""))


#: Quads sent in one request by :func:`push_bulk`.
BULK_QUADS = 200_000
_NQ = "application/n-quads"


def push_bulk(store: ox.Store, endpoint: str, *, timeout: float = TIMEOUT, batch: int = BULK_QUADS) -> Transfer:
    """Add every quad of ``store`` to the server's dataset, ``batch`` quads a request (a ``POST``
    of N-Quads to the graph store URL itself: an extension of the protocol that Oxigraph
    server and Fuseki accept). Twice as fast as :func:`push` on Oxigraph server, and meant
    for a first load into an empty dataset: graphs already on the server are added to, not
    replaced (an RDF dataset is a set: pushing the same quads again changes nothing).

    Raises:
        EndpointError: unreachable, or a batch refused (batches sent before stay there).
    """
    conn = _Connection(endpoint, timeout)
    graphs: set = set()
    done = Transfer()
    try:
        pending: list[ox.Quad] = []

        def send() -> None:
            nonlocal done
            body = ox.serialize(pending, format=ox.RdfFormat.N_QUADS) or b""
            status, data = conn.request("POST", "", body, {"Content-Type": _NQ})
            _check(endpoint, status, data, "POST of a batch of N-Quads")
            done = Transfer(0, done.triples + len(pending), done.bytes + len(body))
            pending.clear()

        for q in store.quads_for_pattern(None, None, None, None):
            graphs.add(q.graph_name)
            pending.append(q)
            if len(pending) >= batch:
                send()
        if pending:
            send()
    finally:
        conn.close()
    return Transfer(len(graphs), done.triples, done.bytes)


def server_graphs(query_endpoint: str, *, timeout: float = TIMEOUT) -> list[ox.NamedNode]:
    """The named graphs a SPARQL endpoint holds (sorted), asked with a SELECT.

    Raises:
        EndpointError: unreachable, refused, or an answer that is no SPARQL JSON result.
    """
    conn = _Connection(query_endpoint, timeout)
    body = urllib.parse.urlencode({"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"}).encode("ascii")
    try:
        status, data = conn.request("POST", "", body, {"Content-Type": "application/x-www-form-urlencoded",
                                                         "Accept": "application/sparql-results+json"})
    finally:
        conn.close()
    _check(query_endpoint, status, data, "the query for the graphs")
    try:
        rows = json.loads(data)["results"]["bindings"]
        names = {row["g"]["value"] for row in rows if row.get("g", {}).get("type") == "uri"}
    except (ValueError, KeyError, TypeError, AttributeError):
        raise EndpointError(query_endpoint, "the answer is no SPARQL JSON result") from None
    return [ox.NamedNode(n) for n in sorted(names)]


def pull(endpoint: str, query_endpoint: str, output: str | os.PathLike, *, timeout: float = TIMEOUT,
         max_bytes: int = MAX_ANSWER) -> Transfer:
    """Read every graph a server holds into an N-Quads file (the default graph, then the named
    graphs in IRI order; written to a temporary file beside ``output``, then moved there).

    Args:
        endpoint: the server's Graph Store Protocol URL (see :func:`push`).
        query_endpoint: its SPARQL query URL (Oxigraph server: ``http://host:7878/query``), which
            lists the named graphs.
        output: the N-Quads file to write.
        max_bytes: the largest answer read for one graph.

    Raises:
        EndpointError: unreachable, refused, too large, or not N-Triples.
        DDGraphError: ``output`` cannot be written.
    """
    graphs = server_graphs(query_endpoint, timeout=timeout)
    out = Path(output)
    tmp = out.with_name(f".{out.name}.part")
    conn = _Connection(endpoint, timeout)
    done = Transfer()
    try:
        with open(tmp, "wb") as fh:
            for graph in [None, *graphs]:
                status, data = conn.request("GET", _graph_query(graph), None, {"Accept": _NT}, max_bytes)
                if graph is None and status == 404:
                    continue  # an empty default graph
                _check(endpoint, status, data, f"GET of graph {graph.value if graph else '(default)'}")
                try:
                    triples = list(ox.parse(data, format=ox.RdfFormat.N_TRIPLES))
                except (SyntaxError, ValueError) as exc:
                    raise EndpointError(endpoint, f"graph {graph.value if graph else '(default)'} is no N-Triples "
                                                  f"({str(exc).splitlines()[0][:120]})") from None
                name = ox.DefaultGraph() if graph is None else graph
                quads = [ox.Quad(t.subject, t.predicate, t.object, name) for t in triples]
                if quads:
                    ox.serialize(quads, fh, format=ox.RdfFormat.N_QUADS)
                if graph is not None or quads:
                    done = Transfer(done.graphs + 1, done.triples + len(quads), done.bytes + len(data))
        os.replace(tmp, out)
    except OSError as exc:
        raise EndpointError(str(out), f"cannot write ({exc.strerror or exc})") from None
    finally:
        conn.close()
        tmp.unlink(missing_ok=True)
    return done
