"""A read-only SPARQL 1.1 Protocol endpoint over the store (``ddgraph serve``).

``GET /sparql?query=...`` and ``POST /sparql`` (``application/x-www-form-urlencoded``
with ``query=...``, or ``application/sparql-query`` with the query as body).
``default-graph-uri`` / ``named-graph-uri`` parameters choose the dataset;
without them the default graph is the union of all graphs, as for
``ddgraph sparql``, and the prefixes dd:, ddr:, ddt:, schema:, skos:, rdfs:,
rdf:, xsd:, prov: are predeclared.

Results by the ``Accept`` header: SELECT / ASK as
``application/sparql-results+json`` (default), ``application/sparql-results+xml``,
``text/csv`` or ``text/tab-separated-values``; CONSTRUCT / DESCRIBE as
``text/turtle`` (default), ``application/n-triples``, ``application/rdf+xml`` or
``application/ld+json``. A bad query gets 400 with a one-line message, an
update 403, an unsupported Accept 406. Built on the standard library's
``ThreadingHTTPServer`` and pyoxigraph's own query engine and serializers.

Example:
    >>> server = make_server(store, "127.0.0.1", 0)  # doctest: +SKIP
    >>> threading.Thread(target=server.serve_forever, daemon=True).start()  # doctest: +SKIP
"""

from __future__ import annotations

import re
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox

from queries.sparql import PREFIXES

MAX_BODY = 1 << 20
_PREFIX_MAP = dict(re.findall(r"PREFIX (\w+): <([^>]+)>", PREFIXES))
RESULT_TYPES = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
}
_CHARSET = {"text/csv", "text/tab-separated-values", "text/turtle", "application/n-triples"}
USAGE = ("ddgraph SPARQL endpoint (read-only).\n"
         "GET /sparql?query=... or POST /sparql (form 'query=...' or application/sparql-query).\n")


class ProtocolError(Exception):
    """A request the endpoint refuses: HTTP status and a one-line message."""

    def __init__(self, status: HTTPStatus, message: str) -> None:
        super().__init__(message)
        self.status = status


def negotiate(accept: str | None, offered: dict[str, object]) -> str:
    """The media type of ``offered`` that ``accept`` prefers (first offered for */*).

    Example:
        >>> negotiate("text/csv;q=0.5, application/sparql-results+xml", RESULT_TYPES)
        'application/sparql-results+xml'
        >>> negotiate(None, GRAPH_TYPES)
        'text/turtle'
    """
    default = next(iter(offered))
    if not accept or not accept.strip():
        return default
    ranked = []
    for i, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        mtype, q = fields[0].lower(), 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        if q > 0:
            ranked.append((-q, i, mtype))
    for _, _, mtype in sorted(ranked):
        if mtype in offered:
            return mtype
        if mtype in ("*/*", "application/*", "text/*"):
            major = mtype.split("/")[0]
            match = next((t for t in offered if major == "*" or t.startswith(major + "/")), None)
            if match:
                return default if major == "*" else match
    raise ProtocolError(HTTPStatus.NOT_ACCEPTABLE, f"cannot answer with {accept!r}; accepted: {', '.join(offered)}")


def run_query(store: ox.Store, query: str, accept: str | None, default_graphs=(), named_graphs=()) -> tuple[str, bytes]:
    """Run one query and serialise its results; returns (content type, body).

    Raises:
        ProtocolError: bad query (400) or unsupported Accept (406).
    """
    options: dict = {"prefixes": _PREFIX_MAP}
    if default_graphs:
        options["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
    else:
        options["use_default_graph_as_union"] = True
    if named_graphs:
        options["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
    try:
        results = store.query(query, **options)
        if isinstance(results, ox.QueryTriples):
            mtype = negotiate(accept, GRAPH_TYPES)
            body = results.serialize(format=GRAPH_TYPES[mtype])
        else:
            mtype = negotiate(accept, RESULT_TYPES)
            body = results.serialize(format=RESULT_TYPES[mtype])
    except (SyntaxError, ValueError, RuntimeError) as exc:  # parse and evaluation errors
        message = (str(exc).splitlines() or [type(exc).__name__])[0]
        raise ProtocolError(HTTPStatus.BAD_REQUEST, f"SPARQL error: {message}") from None
    except OSError as exc:
        raise ProtocolError(HTTPStatus.INTERNAL_SERVER_ERROR, f"store error: {exc}") from None
    if mtype in _CHARSET:
        mtype += "; charset=utf-8"
    return mtype, body


class SparqlHandler(BaseHTTPRequestHandler):
    """SPARQL 1.1 Protocol query operation over ``server.store`` (read-only)."""

    server_version = "ddgraph-sparql/0.1"

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (stdlib signature)
        if getattr(self.server, "verbose", False):
            super().log_message(format, *args)

    def do_GET(self) -> None:  # noqa: N802 (stdlib name)
        url = urlsplit(self.path)
        if url.path in ("/", ""):
            self._send(HTTPStatus.OK, "text/plain; charset=utf-8", USAGE.encode())
            return
        if url.path != "/sparql":
            self._fail(ProtocolError(HTTPStatus.NOT_FOUND, f"no such resource {url.path}; the endpoint is /sparql"))
            return
        params = parse_qs(url.query, keep_blank_values=True)
        if "query" not in params:
            self._send(HTTPStatus.OK, "text/plain; charset=utf-8", USAGE.encode())
            return
        self._answer(params)

    def do_POST(self) -> None:  # noqa: N802
        url = urlsplit(self.path)
        if url.path != "/sparql":
            self._fail(ProtocolError(HTTPStatus.NOT_FOUND, f"no such resource {url.path}; the endpoint is /sparql"))
            return
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if length < 0 or length > MAX_BODY:
            self._fail(ProtocolError(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"request body must be 0 to {MAX_BODY} bytes"))
            return
        body = self.rfile.read(length).decode("utf-8", errors="replace")
        params = parse_qs(url.query, keep_blank_values=True)
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if ctype == "application/x-www-form-urlencoded":
            for key, values in parse_qs(body, keep_blank_values=True).items():
                params.setdefault(key, []).extend(values)
        elif ctype == "application/sparql-query":
            params["query"] = [body]
        elif ctype == "application/sparql-update":
            params["update"] = [body]
        else:
            self._fail(ProtocolError(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                                     "POST needs application/x-www-form-urlencoded or application/sparql-query"))
            return
        self._answer(params)

    def _answer(self, params: dict[str, list[str]]) -> None:
        try:
            if "update" in params:
                raise ProtocolError(HTTPStatus.FORBIDDEN, "this endpoint is read-only: SPARQL Update is refused")
            queries = params.get("query", [])
            if len(queries) != 1 or not queries[0].strip():
                raise ProtocolError(HTTPStatus.BAD_REQUEST, "exactly one non-empty 'query' parameter is required")
            ctype, body = run_query(self.server.store, queries[0], self.headers.get("Accept"),
                                    params.get("default-graph-uri", []), params.get("named-graph-uri", []))
        except ProtocolError as exc:
            self._fail(exc)
            return
        self._send(HTTPStatus.OK, ctype, body)

    def _fail(self, exc: ProtocolError) -> None:
        self._send(exc.status, "text/plain; charset=utf-8", (str(exc).replace("\n", " ") + "\n").encode())

    def _send(self, status: HTTPStatus, ctype: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Vary", "Accept")
        self.end_headers()
        self.wfile.write(body)


def make_server(store: ox.Store, host: str = "127.0.0.1", port: int = 7878, *, verbose: bool = False) -> ThreadingHTTPServer:
    """An HTTP server answering SPARQL queries over ``store`` (pyoxigraph); port 0 picks a free port."""
    server = ThreadingHTTPServer((host, port), SparqlHandler)
    server.daemon_threads = True
    server.store = store  # type: ignore[attr-defined]
    server.verbose = verbose  # type: ignore[attr-defined]
    return server


def serve(store_path, host: str = "127.0.0.1", port: int = 7878, *, announce=print, verbose: bool = True) -> None:
    """Open the store read-only and serve it until interrupted (Ctrl-C).

    Raises:
        StoreError: the store cannot be opened.
        OSError: the address is in use.
    """
    from graph.store import open_store

    with open_store(store_path, read_only=True) as store:
        server = make_server(store.ox, host, port, verbose=verbose)
        h, p = server.server_address[:2]
        announce(f"SPARQL endpoint: http://{h}:{p}/sparql  (store {store_path}; Ctrl-C to stop)")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
