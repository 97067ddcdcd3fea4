"""The read-only SPARQL 1.1 Protocol endpoint (``ddgraph serve``): Starlette under uvicorn.

``GET /sparql?query=...`` and ``POST /sparql`` (a form with ``query=...``, or
``application/sparql-query``). ``default-graph-uri`` / ``named-graph-uri``
choose the dataset; without them the default graph is the union of the named
graphs, as in ``ddgraph sparql``, and the prefixes dd:, ddr:, ddt:, schema:,
skos:, rdfs:, rdf:, xsd:, prov: are predeclared. Results by ``Accept``: see
queries/protocol.py.

What keeps it from being turned against its user: it listens on 127.0.0.1 and
answers only requests whose Host is a loopback name (no DNS rebinding), sends
no CORS header unless ``--cors ORIGIN`` names the origin, refuses SERVICE
unless ``--allow-service IRI`` lists the endpoint (queries/guard.py), runs each
query in a killable process with a time, row, byte and memory limit
(queries/pool.py), and closes connections that do not send their headers in
time. Errors are one line, JSON or text by Accept.

``serve("out/store", ServeOptions(port=7878))`` prints
``SPARQL endpoint: http://127.0.0.1:7878/sparql  (store out/store, 2 query processes; Ctrl-C to stop)``
and serves until Ctrl-C.

Example:
    >>> options = ServeOptions(cors=("https://app.example",))
    >>> options.host, options.limits.timeout, options.limits.allow_service
    ('127.0.0.1', 30.0, ())
    >>> _is_loopback(_host_name("localhost:7878")), _is_loopback(_host_name("attacker.example"))
    (True, False)
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import logging
import os
import resource
import signal
import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from pathlib import Path

import pyoxigraph as ox
import uvicorn
from starlette.applications import Starlette
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.routing import Mount
from uvicorn.protocols.http.h11_impl import H11Protocol

from ddgraph.graph.errors import QueryError
from ddgraph.graph.namespaces import PREFIX_NAMESPACES
from ddgraph.graph.store import open_store
from ddgraph.queries.execute import Limits
from ddgraph.queries.guard import check_service
from ddgraph.queries.pool import WorkerPool
from ddgraph.queries.entity_page import QUERY_PAGE, describe_query, iri_of_path, render_html
from ddgraph.queries.protocol import (GRAPH_TYPES, MAX_BODY, Job, ProtocolError, form_params, error_body, format_accept, negotiate,
                              read_request)

HEADER_TIMEOUT = 5.0  # seconds for a client to send a whole request head
BODY_TIMEOUT = 10.0  # seconds for a client to send a request body
KEEP_ALIVE = 5  # seconds an idle keep-alive connection is kept
BACKLOG = 2048
MAX_CONNECTIONS = 1000
USAGE = ("ddgraph SPARQL endpoint (read-only).\n"
         "GET /sparql?query=... or POST /sparql (form 'query=...' or application/sparql-query).\n"
         "Things at their IRI's path, /id/... (HTML for a browser, else Turtle); a query form at /query.\n")
logger = logging.getLogger("uvicorn.error")
#: Prefixes of a thing's Turtle: ddgraph's own IRIs stay whole ("ddr:person\/x" would be valid but unreadable).
_PAGE_PREFIXES = {k: v for k, v in PREFIX_NAMESPACES.items() if k not in ("ddr", "ddg")}
#: The pages run no script and load nothing; their form posts to this server only.
PAGE_HEADERS = {"Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                                           "form-action 'self'"}


@dataclass(frozen=True)
class ServeOptions:
    """How ``ddgraph serve`` listens and what it allows.

    Attributes:
        host, port: where to listen (port 0: a free port).
        workers: query processes, i.e. queries running at once.
        limits: per-query time, rows, bytes, memory and the SERVICE allow-list.
        cors: origins whose pages may read the answers (``*``: any).
        quiet: no request log.
    """

    host: str = "127.0.0.1"
    port: int = 7878
    workers: int = 2
    limits: Limits = field(default_factory=Limits)
    cors: tuple[str, ...] = ()
    quiet: bool = False


def _open_reader(store_path: str | os.PathLike):
    """Open the store for one query process (the one place the endpoint opens it)."""
    return open_store(store_path, read_only=True)


def _is_loopback(host: str) -> bool:
    host = host.strip("[]").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _host_name(header: str) -> str:
    header = header.strip()
    if header.startswith("["):
        return header[1:].partition("]")[0]
    return header.rpartition(":")[0] if header.count(":") == 1 else header


class Endpoint:
    """The ASGI application: checks a request, runs its query in the pool, answers."""

    def __init__(self, pool: WorkerPool, options: ServeOptions) -> None:
        self.pool = pool
        self.options = options
        self.check_host = _is_loopback(options.host)

    async def __call__(self, scope, receive, send) -> None:
        request = Request(scope, receive)
        response = await self.respond(request)
        if response is not None:
            await response(scope, receive, send)

    async def respond(self, request: Request) -> Response | None:
        """The response to ``request``; None when the client has gone."""
        accept = request.headers.get("accept")
        try:
            return await self._respond(request, accept)
        except ProtocolError as exc:
            ctype, body = error_body(exc.status, str(exc), accept)
            headers = {"Allow": "GET, POST, OPTIONS"} if exc.status == HTTPStatus.METHOD_NOT_ALLOWED else {}
            return self._response(request, exc.status, ctype, body, headers)
        except (ClientDisconnect, _ClientGone):
            return None

    async def _respond(self, request: Request, accept: str | None) -> Response | None:
        host = request.headers.get("host")
        if self.check_host and host is not None and not _is_loopback(_host_name(host)):
            raise ProtocolError(HTTPStatus.FORBIDDEN, "this endpoint answers requests to 127.0.0.1 or localhost only")
        path, method = request.url.path, request.method
        if path == "/favicon.ico" and method in ("GET", "HEAD"):  # browsers ask for it after any answer they show
            return self._response(request, 204, None, b"")
        iri = iri_of_path(path)
        if (iri is not None or path == "/query") and method in ("GET", "HEAD"):
            return await self._page(request, iri, accept)
        if path not in ("/", "/sparql"):
            raise ProtocolError(HTTPStatus.NOT_FOUND, "no such resource; the endpoint is /sparql, things are at "
                                "/id/..., the query page at /query")
        if method == "OPTIONS":
            return self._preflight(request)
        if method not in ("GET", "HEAD", "POST") or (path == "/" and method == "POST"):
            raise ProtocolError(HTTPStatus.METHOD_NOT_ALLOWED, f"method {method} is not allowed here; "
                                "use GET or POST on /sparql")
        if path == "/":
            return self._response(request, 200, "text/plain; charset=utf-8", USAGE.encode())
        body = await _read_body(request) if method == "POST" else b""
        job = read_request("POST" if method == "POST" else "GET", request.scope["query_string"],
                           request.headers.get("content-type"), body, accept)
        if job is None:
            return self._response(request, 200, "text/plain; charset=utf-8", USAGE.encode())
        try:
            check_service(job.query, self.options.limits.allow_service)
        except QueryError as exc:
            raise ProtocolError(HTTPStatus.BAD_REQUEST, str(exc)) from None
        ctype, result = await _unless_gone(self.pool.run(job), request)
        return self._response(request, 200, ctype, result)

    async def _page(self, request: Request, iri: str | None, accept: str | None) -> Response | None:
        """The query page (``iri`` None), or what the graph states about ``iri``: HTML for a
        browser, else the RDF format negotiated (Turtle by default); 404 when it states nothing."""
        if iri is None:
            return self._response(request, 200, "text/html; charset=utf-8", QUERY_PAGE.encode(), PAGE_HEADERS)
        accept = format_accept(form_params(request.scope["query_string"], "query string")) or accept
        mtype = negotiate(accept, {**GRAPH_TYPES, "text/html": None})
        _, body = await _unless_gone(self.pool.run(Job(describe_query(iri), "application/n-triples")), request)
        if not body.strip():
            raise ProtocolError(HTTPStatus.NOT_FOUND, f"the graph states nothing about {iri}")
        if mtype == "text/html":
            return self._response(request, 200, "text/html; charset=utf-8", render_html(iri, body).encode(),
                                  PAGE_HEADERS)
        triples = ox.parse(body, format=ox.RdfFormat.N_TRIPLES)
        out = ox.serialize(triples, format=GRAPH_TYPES[mtype], prefixes=_PAGE_PREFIXES) \
            if GRAPH_TYPES[mtype] in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML) else \
            ox.serialize(triples, format=GRAPH_TYPES[mtype])
        return self._response(request, 200, f"{mtype}; charset=utf-8" if mtype.startswith("text/") else mtype, out)

    def _cors(self, request: Request) -> dict[str, str]:
        origin = request.headers.get("origin")
        if origin and "*" in self.options.cors:
            return {"Access-Control-Allow-Origin": "*"}
        if origin and origin in self.options.cors:
            return {"Access-Control-Allow-Origin": origin}
        return {}

    def _preflight(self, request: Request) -> Response:
        headers = {"Allow": "GET, POST, OPTIONS"}
        if self._cors(request):
            headers.update({"Access-Control-Allow-Methods": "GET, POST",
                            "Access-Control-Allow-Headers": "Accept, Content-Type",
                            "Access-Control-Max-Age": "600"})
        return self._response(request, 204, None, b"", headers)

    def _response(self, request: Request, status: int, ctype: str | None, body: bytes,
                  headers: dict[str, str] | None = None) -> Response:
        headers = {**(headers or {}), **self._cors(request), "Vary": "Accept, Origin",
                   "X-Content-Type-Options": "nosniff", "Cache-Control": "no-store"}
        return Response(body, status_code=int(status), media_type=ctype, headers=headers)


class _ClientGone(Exception):
    """The client closed its connection before its answer was ready."""


async def _read_body(request: Request) -> bytes:
    length = request.headers.get("content-length")
    if length is not None and length.isdigit() and int(length) > MAX_BODY:
        raise ProtocolError(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"the request body is over {MAX_BODY} bytes")
    chunks, size = [], 0
    try:
        async with asyncio.timeout(BODY_TIMEOUT):
            async for chunk in request.stream():
                size += len(chunk)
                if size > MAX_BODY:
                    raise ProtocolError(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"the request body is over {MAX_BODY} bytes")
                chunks.append(chunk)
    except TimeoutError:
        raise ProtocolError(HTTPStatus.REQUEST_TIMEOUT, f"the request body did not arrive within {BODY_TIMEOUT:g} s") from None
    return b"".join(chunks)


async def _unless_gone(work, request: Request):
    """Await ``work``; cancel it (so its query process is killed) if the client disconnects."""
    task = asyncio.ensure_future(work)
    watch = asyncio.ensure_future(_disconnected(request))
    try:
        await asyncio.wait({task, watch}, return_when=asyncio.FIRST_COMPLETED)
    except asyncio.CancelledError:  # the server is stopping
        task.cancel()
        watch.cancel()
        raise
    watch.cancel()
    if task.done():
        return task.result()
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError, ProtocolError):
        await task
    raise _ClientGone()


async def _disconnected(request: Request) -> None:
    while (await request.receive())["type"] != "http.disconnect":
        pass


class _Protocol(H11Protocol):
    """uvicorn's HTTP/1.1 protocol, with TCP_NODELAY, closing a connection that sends no whole request head in time."""

    def connection_made(self, transport) -> None:  # noqa: D102
        super().connection_made(transport)
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            # head and body are written apart: without this, Nagle and delayed ACKs add 40 ms per keep-alive request
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._arm_header_timer()

    def on_response_complete(self) -> None:  # noqa: D102
        super().on_response_complete()
        self._arm_header_timer()

    def _arm_header_timer(self) -> None:
        self.loop.call_later(HEADER_TIMEOUT, self._header_deadline, self.cycle)

    def _header_deadline(self, cycle) -> None:
        waiting = self.cycle is cycle and (cycle is None or cycle.response_complete)
        if waiting and not self.transport.is_closing():
            self.transport.close()


def make_app(pool: WorkerPool, options: ServeOptions) -> Starlette:
    """The Starlette application of the endpoint (its pool is closed on shutdown)."""

    @contextlib.asynccontextmanager
    async def lifespan(app):
        yield
        await pool.close()

    return Starlette(routes=[Mount("/", app=Endpoint(pool, options))], lifespan=lifespan)


def _listen(host: str, port: int) -> socket.socket:
    family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
    try:
        return socket.create_server((host, port), family=family, backlog=BACKLOG)
    except OSError as exc:  # without create_server's "(while attempting to bind ...)"
        raise OSError(exc.errno, os.strerror(exc.errno) if exc.errno else str(exc)) from None


async def serve_async(store_path: str | os.PathLike, options: ServeOptions = ServeOptions(), *,
                      announce: Callable[[str], None] = print) -> None:
    """Serve ``store_path`` until SIGINT / SIGTERM (SIGHUP: the processes re-open the store).

    Raises:
        OSError: cannot listen on host:port.
        DDGraphError: the store cannot be opened.
    """
    sock = _listen(options.host, options.port)
    pool = WorkerPool(store_path, options.workers, options.limits, log=logger.warning)
    try:
        await pool.start()
    except BaseException:
        sock.close()
        raise
    soft_files = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
    config = uvicorn.Config(
        make_app(pool, options), http=_Protocol, loop="asyncio", lifespan="on",
        log_level="warning" if options.quiet else "info", access_log=not options.quiet,
        backlog=BACKLOG, timeout_keep_alive=KEEP_ALIVE, timeout_graceful_shutdown=5,
        limit_concurrency=max(16, min(MAX_CONNECTIONS, soft_files - 64)), server_header=False,
        proxy_headers=False)
    server = uvicorn.Server(config)
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGHUP, pool.reopen)
    host, port = sock.getsockname()[:2]
    host = f"[{host}]" if ":" in host else host
    announce(f"SPARQL endpoint: http://{host}:{port}/sparql  "
             f"(store {store_path}, {options.workers} query processes; Ctrl-C to stop)")
    try:
        await server.serve(sockets=[sock])
    finally:
        loop.remove_signal_handler(signal.SIGHUP)
        await pool.close()
        sock.close()


def serve(store_path: str | os.PathLike, options: ServeOptions = ServeOptions(), *,
          announce: Callable[[str], None] = print) -> None:
    """Serve the store read-only at ``http://HOST:PORT/sparql`` until interrupted (Ctrl-C).

    Raises:
        OSError: cannot listen on host:port.
        DDGraphError: the store cannot be opened.
    """
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve_async(Path(store_path), options, announce=announce))
