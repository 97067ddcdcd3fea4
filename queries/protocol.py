"""The SPARQL 1.1 Protocol as the endpoint reads it: parameters, media types, errors.

Pure functions over what arrived (query string, body, headers), no I/O, so that
every refusal is one line and testable without a server. A request becomes a
:class:`Job` (what a query process runs) or a :class:`ProtocolError` (an HTTP
status and one line).

Example:
    >>> job = read_request("GET", b"query=ASK%20%7B%7D", None, b"", "text/csv")
    >>> job.query, job.accept
    ('ASK {}', 'text/csv')
    >>> read_request("GET", b"query=ASK%7B%7D&query=ASK%7B%7D", None, b"", None)
    Traceback (most recent call last):
    ...
    ddgraph.queries.protocol.ProtocolError: give exactly one 'query' parameter (got 2)
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from http import HTTPStatus
from urllib.parse import parse_qsl

import pyoxigraph as ox

MAX_BODY = 1 << 20  # bytes of a POST body
MAX_FIELDS = 200  # parameters of one request
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
FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
UPDATE_PARAMS = ("update", "using-graph-uri", "using-named-graph-uri")
_ABSOLUTE_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:[^\x00-\x20<>\"{}|^`\\]*\Z")


class ProtocolError(Exception):
    """A request the endpoint refuses: an HTTP status and a one-line message.

    Example:
        >>> ProtocolError(HTTPStatus.FORBIDDEN, "no").status
        403
    """

    def __init__(self, status: int, message: str) -> None:
        super().__init__(" ".join(message.split()))
        self.status = int(status)


@dataclass(frozen=True)
class Job:
    """One query to run: text, Accept header and the dataset it names."""

    query: str
    accept: str | None = None
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


def negotiate(accept: str | None, offered: dict[str, object]) -> str:
    """The media type of ``offered`` that ``accept`` prefers (the first offered for */*).

    Raises:
        ProtocolError: 406, nothing offered is acceptable.

    Example:
        >>> negotiate("text/csv;q=0.5, application/sparql-results+xml", RESULT_TYPES)
        'application/sparql-results+xml'
        >>> negotiate(None, GRAPH_TYPES)
        'text/turtle'
    """
    default = next(iter(offered))
    for mtype in _ranked(accept):
        if mtype in offered:
            return mtype
        major = mtype.split("/")[0]
        if mtype == "*/*":
            return default
        if mtype == major + "/*":
            match = next((t for t in offered if t.startswith(major + "/")), None)
            if match:
                return match
    if not _ranked(accept):
        return default
    raise ProtocolError(HTTPStatus.NOT_ACCEPTABLE, f"cannot answer with the Accept header given; accepted: {', '.join(offered)}")


def _ranked(accept: str | None) -> list[str]:
    """Media types of an Accept header, best first (q=0 left out)."""
    ranked = []
    for i, part in enumerate((accept or "").split(",")):
        fields = [f.strip() for f in part.split(";")]
        mtype, q = fields[0].lower(), 1.0
        for f in fields[1:]:
            if f.lower().startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        if mtype and q > 0:
            ranked.append((-q, i, mtype))
    return [m for _, _, m in sorted(ranked)]


def check_acceptable(accept: str | None) -> None:
    """Refuse (406) an Accept header that no query form can be answered with.

    Example:
        >>> check_acceptable("text/turtle, */*;q=0.1")
        >>> check_acceptable("image/png")
        Traceback (most recent call last):
        ...
        ddgraph.queries.protocol.ProtocolError: cannot answer with the Accept header given; accepted: application/sparql-results+json, application/json, application/sparql-results+xml, application/xml, text/csv, text/tab-separated-values, text/turtle, application/n-triples, application/rdf+xml, application/ld+json
    """
    negotiate(accept, {**RESULT_TYPES, **GRAPH_TYPES})


def form_params(raw: bytes, where: str) -> list[tuple[str, str]]:
    try:
        return parse_qsl(raw.decode("utf-8"), keep_blank_values=True, strict_parsing=False,
                         encoding="utf-8", errors="strict", max_num_fields=MAX_FIELDS)
    except UnicodeDecodeError:
        raise ProtocolError(HTTPStatus.BAD_REQUEST, f"the {where} is not valid UTF-8") from None
    except ValueError:
        raise ProtocolError(HTTPStatus.BAD_REQUEST, f"the {where} has more than {MAX_FIELDS} parameters") from None


def media_type(content_type: str | None) -> str:
    """The media type of a Content-Type header, refusing charsets other than UTF-8.

    Example:
        >>> media_type("application/sparql-query; charset=UTF-8")
        'application/sparql-query'
    """
    fields = [f.strip() for f in (content_type or "").split(";")]
    for f in fields[1:]:
        name, _, value = f.partition("=")
        if name.strip().lower() == "charset" and value.strip().strip('"').lower() not in ("utf-8", "utf8"):
            raise ProtocolError(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "only UTF-8 request bodies are read")
    return fields[0].lower()


def read_request(method: str, query_string: bytes, content_type: str | None, body: bytes,
                 accept: str | None) -> Job | None:
    """The job a GET or POST asks for; None for a GET without ``query`` (the usage page).

    Raises:
        ProtocolError: 400 bad or duplicate parameter, 403 update, 406 Accept, 415 content type.
    """
    params = form_params(query_string, "query string")
    if method == "POST":
        ctype = media_type(content_type)
        if ctype == FORM:
            params += form_params(body, "request body")
        elif ctype == SPARQL_QUERY:
            try:
                params.append(("query", body.decode("utf-8")))
            except UnicodeDecodeError:
                raise ProtocolError(HTTPStatus.BAD_REQUEST, "the request body is not valid UTF-8") from None
        elif ctype == "application/sparql-update":
            params.append(("update", ""))
        else:
            raise ProtocolError(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, f"POST needs {FORM} or {SPARQL_QUERY}")
    names = [name for name, _ in params]
    if any(name in UPDATE_PARAMS for name in names):
        raise ProtocolError(HTTPStatus.FORBIDDEN, "this endpoint is read-only: SPARQL Update is refused")
    queries = [value for name, value in params if name == "query"]
    if not queries and method != "POST":
        return None
    if len(queries) != 1:
        raise ProtocolError(HTTPStatus.BAD_REQUEST, f"give exactly one 'query' parameter (got {len(queries)})")
    if not queries[0].strip():
        raise ProtocolError(HTTPStatus.BAD_REQUEST, "the 'query' parameter is empty")
    if "\x00" in queries[0]:
        raise ProtocolError(HTTPStatus.BAD_REQUEST, "the 'query' parameter holds a NUL character")
    accept = format_accept(params) or accept
    check_acceptable(accept)
    graphs = {}
    for name in ("default-graph-uri", "named-graph-uri"):
        graphs[name] = tuple(value for key, value in params if key == name)
        for value in graphs[name]:
            if not _is_absolute_iri(value):
                raise ProtocolError(HTTPStatus.BAD_REQUEST, f"each '{name}' must be an absolute IRI")
    return Job(queries[0], accept, graphs["default-graph-uri"], graphs["named-graph-uri"])


#: ``format=`` values (as HTML forms send them) and the media types they stand for.
FORMATS = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml", "csv": "text/csv",
           "tsv": "text/tab-separated-values", "turtle": "text/turtle", "ntriples": "application/n-triples",
           "rdfxml": "application/rdf+xml", "jsonld": "application/ld+json"}


def format_accept(params: list[tuple[str, str]]) -> str | None:
    """The Accept a ``format`` parameter stands for (it wins over the header: a browser's form
    cannot set one); None without one. A result format (json, csv...) goes with the graph
    format of the same family for CONSTRUCT (json: JSON-LD, xml: RDF/XML, else Turtle).

    Raises:
        ProtocolError: 400, an unknown or repeated format.

    Example:
        >>> format_accept([("format", "csv")])
        'text/csv, text/turtle;q=0.5'
    """
    given = [value for name, value in params if name == "format"]
    if not given:
        return None
    if len(given) > 1 or given[0] not in FORMATS:
        raise ProtocolError(HTTPStatus.BAD_REQUEST, f"give one 'format' of {', '.join(FORMATS)}")
    graph = {"json": "application/ld+json", "xml": "application/rdf+xml"}.get(given[0], "text/turtle")
    mtype = FORMATS[given[0]]
    return mtype if mtype in GRAPH_TYPES else f"{mtype}, {graph};q=0.5"


def _is_absolute_iri(value: str) -> bool:
    if not _ABSOLUTE_IRI.match(value):
        return False
    try:
        ox.NamedNode(value)
    except ValueError:
        return False
    return True


def error_body(status: int, message: str, accept: str | None) -> tuple[str, bytes]:
    """(content type, body) of an error: JSON ``{"error": ...}`` if Accept prefers JSON, else one text line.

    Example:
        >>> error_body(400, "bad", "application/sparql-results+json")
        ('application/json', b'{"error": "bad", "status": 400}\\n')
        >>> error_body(400, "bad", None)
        ('text/plain; charset=utf-8', b'bad\\n')
    """
    message = " ".join(message.split())
    for mtype in _ranked(accept):
        if "json" in mtype:
            return "application/json", (json.dumps({"error": message, "status": status}) + "\n").encode()
        if mtype.startswith("text/") or mtype == "*/*":
            break
    return "text/plain; charset=utf-8", (message + "\n").encode()
