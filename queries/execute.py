"""Answer one SPARQL query over a pyoxigraph store, within the endpoint's limits.

This is what a query process of ``ddgraph serve`` runs (see queries/worker.py):
SERVICE is checked against the allow-list, the dataset is chosen (the union of
the named graphs by default), the results are read up to ``max_rows`` and
serialised in the negotiated format, and a result over ``max_rows`` rows or
``max_bytes`` bytes is refused with a one-line error (never cut silently).

Example:
    >>> store = ox.Store()
    >>> header, body = answer(store, Job("SELECT (1 AS ?x) {}", "text/csv"), Limits())
    >>> header["type"], body
    ('text/csv; charset=utf-8', b'x\\r\\n1\\r\\n')
    >>> answer(store, Job("SELECT ?x { VALUES ?x { 1 2 3 } }"), Limits(max_rows=2))[0]["error"]
    "result too large: more than 2 rows (the endpoint's --max-rows limit); add LIMIT or narrow the query"
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from http import HTTPStatus

import pyoxigraph as ox

from ddgraph.graph.errors import QueryError
from ddgraph.graph.namespaces import PREFIX_NAMESPACES
from ddgraph.queries.guard import check_service, service_endpoints
from ddgraph.queries.protocol import GRAPH_TYPES, RESULT_TYPES, Job, ProtocolError, negotiate

PREFIX_MAP = PREFIX_NAMESPACES
_CHARSET = {"text/csv", "text/tab-separated-values", "text/turtle", "application/n-triples"}


@dataclass(frozen=True)
class Limits:
    """What one query may use.

    Attributes:
        timeout: seconds a query may run (the pool kills its process after that).
        max_rows: solutions (SELECT) or triples (CONSTRUCT / DESCRIBE) of one answer.
        max_bytes: bytes of one serialised answer.
        max_memory: address space of a query process in bytes (0: no limit).
        allow_service: SERVICE endpoint IRIs that queries may call.
    """

    timeout: float = 30.0
    max_rows: int = 100_000
    max_bytes: int = 64 << 20
    max_memory: int = 2048 << 20
    allow_service: tuple[str, ...] = ()

    def to_json(self) -> dict:
        """The limits as JSON-ready data (for a query process)."""
        return asdict(self)


def answer(store: ox.Store, job: Job, limits: Limits) -> tuple[dict, bytes]:
    """Run ``job`` and return (header, body); the header has ``status`` and ``type`` or ``error``.

    Never raises for a bad query: the header then has the HTTP status and a one-line error.
    """
    try:
        mtype, body = _run(store, job, limits)
    except ProtocolError as exc:
        return {"status": exc.status, "error": str(exc)}, b""
    except QueryError as exc:
        return {"status": 400, "error": str(exc)}, b""
    except SyntaxError as exc:
        return {"status": 400, "error": "SPARQL error: " + _first_line(exc)}, b""
    except MemoryError:
        limit = limits.max_memory >> 20
        return {"status": 503, "error": f"query stopped: it needed more than the {limit} MB memory limit"}, b""
    except (ValueError, TypeError, RuntimeError, OSError) as exc:  # evaluation errors, SERVICE failures
        if service_endpoints(job.query):
            return {"status": 502, "error": "SPARQL error: a SERVICE call failed"}, b""
        status = 500 if isinstance(exc, OSError) else 400
        return {"status": status, "error": "SPARQL error: " + _first_line(exc)}, b""
    return {"status": 200, "type": mtype + "; charset=utf-8" if mtype in _CHARSET else mtype}, body


def _first_line(exc: BaseException) -> str:
    text = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
    return text[:300]


def _run(store: ox.Store, job: Job, limits: Limits) -> tuple[str, bytes]:
    check_service(job.query, limits.allow_service)
    options: dict = {"prefixes": PREFIX_MAP}
    if job.default_graphs:
        options["default_graph"] = [ox.NamedNode(g) for g in job.default_graphs]
    else:
        options["use_default_graph_as_union"] = True
    if job.named_graphs:
        options["named_graphs"] = [ox.NamedNode(g) for g in job.named_graphs]
    results = store.query(job.query, **options)
    if isinstance(results, ox.QueryBoolean):
        mtype = negotiate(job.accept, RESULT_TYPES)
        return mtype, results.serialize(format=RESULT_TYPES[mtype])
    if isinstance(results, ox.QueryTriples):  # N-Triples first: one line per triple
        mtype = negotiate(job.accept, GRAPH_TYPES)
        lines = _capped(results, ox.RdfFormat.N_TRIPLES, limits, "triples", header=0)
        if GRAPH_TYPES[mtype] == ox.RdfFormat.N_TRIPLES:
            return mtype, lines
        return mtype, _fits(ox.serialize(ox.parse(lines, format=ox.RdfFormat.N_TRIPLES), format=GRAPH_TYPES[mtype]), limits)
    mtype = negotiate(job.accept, RESULT_TYPES)  # TSV first: a header line, then one line per solution
    lines = _capped(results, ox.QueryResultsFormat.TSV, limits, "rows", header=1)
    if RESULT_TYPES[mtype] == ox.QueryResultsFormat.TSV:
        return mtype, lines
    solutions = ox.parse_query_results(lines, format=ox.QueryResultsFormat.TSV)
    return mtype, _fits(solutions.serialize(format=RESULT_TYPES[mtype]), limits)


class _CappedWriter:
    """A binary sink for pyoxigraph's serializers that stops them past the row or byte limit."""

    def __init__(self, limits: Limits, what: str, header: int) -> None:
        self.chunks: list[bytes] = []
        self.size, self.lines = 0, -header
        self.limits, self.what = limits, what

    def write(self, data) -> int:
        self.lines += bytes(data).count(b"\n")
        self.size += len(data)
        if self.lines > self.limits.max_rows:
            raise ProtocolError(HTTPStatus.BAD_REQUEST, f"result too large: more than {self.limits.max_rows:,} "
                                f"{self.what} (the endpoint's --max-rows limit); add LIMIT or narrow the query")
        _fits(b"", self.limits, self.size)
        self.chunks.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass


def _capped(results, fmt, limits: Limits, what: str, header: int) -> bytes:
    """``results`` serialised in a line format (one row or triple per line) within the limits."""
    out = _CappedWriter(limits, what, header)
    results.serialize(out, format=fmt)
    return b"".join(out.chunks)


def _fits(body: bytes, limits: Limits, size: int | None = None) -> bytes:
    if (len(body) if size is None else size) > limits.max_bytes:
        raise ProtocolError(HTTPStatus.BAD_REQUEST, f"result too large: more than {limits.max_bytes:,} bytes "
                            "(the endpoint's --max-response limit); add LIMIT or select less")
    return body
