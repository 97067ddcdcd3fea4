"""Run SPARQL over the store and format the results; export the dataset.

Queries see the union of the named graphs as their default graph, and
``GRAPH ?g { ... }`` gives provenance (each article's graph). The prefixes dd:,
ddr:, ddt:, schema:, skos:, rdfs:, xsd: are predeclared.

Example:
    >>> from rdflib import Dataset
    >>> rows = run_select(Dataset(), "SELECT (1 AS ?x) WHERE {}")
    >>> rows.variables, rows.rows
    (['x'], [['1']])
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # rdflib is loaded only for an rdflib store or an export: lookups do without it
    import pyoxigraph as ox
    from rdflib import Dataset
    from rdflib.term import Node

from ddgraph.graph.errors import QueryError
from ddgraph.graph.namespaces import INSTANCES_GRAPH, PREFIX_NAMESPACES, SPARQL_PREFIXES
from ddgraph.queries.guard import check_service
from ddgraph.queries.sparql_text import engine_error

PREFIXES = SPARQL_PREFIXES
#: The lines of :data:`PREFIXES` put before every query (not counted in the positions shown).
HIDDEN_LINES = PREFIXES.count("\n")
#: The predeclared prefix names.
PREDECLARED = tuple(PREFIX_NAMESPACES)
#: The instance layer's named graph (``GRAPH ddg:instances { ... }`` in the shipped queries).
INSTANCES = INSTANCES_GRAPH
_IRI_OK = re.compile(r"^[^\x00-\x20<>\"{}|^`\\]+$")
_TEMPLATE = re.compile(r"\{\{\s*(values\s+\?(\w+)|iri\s+(\w+)|key\s+(\w+)|keys\s+\?(\w+)|limit|offset)\s*\}\}")
#: A part of a query kept only when its IRI or key is given: ``{{if x}} ... {{end}}`` (not nested).
_CONDITIONAL = re.compile(r"\{\{\s*if\s+(\w+)\s*\}\}(.*?)\{\{\s*end\s*\}\}", re.DOTALL)
#: What a ``{{key x}}`` constant may hold: the characters of the instance layer's index keys.
_KEY_OK = re.compile(r"^[0-9A-Za-z~_-]{0,32}$")
#: Where a shipped query wants its bound values: a ``VALUES`` block there, the values
#: as constants Oxigraph plans the query from. ``GRAPH ?g { {{bindings}} ?m dd:mentionOf <x> ;
#: dd:supportsValue ?v }`` with ?v given reads one value's mentions (1 ms), where the same
#: value given as a substitution is checked against every mention of <x> (100 ms at 10k
#: articles). The block joins the values in that group only, so the marker goes in the group
#: whose patterns use them (once in each branch of a UNION); a query without the marker gets
#: its values as substitutions, which also reach filters of inner groups.
BINDINGS = "{{bindings}}"
EXPORT_FORMATS = {"trig": "trig", "nquads": "nquads", "turtle": "turtle", "jsonld": "json-ld"}


@dataclass(frozen=True)
class Rows:
    """A SELECT result as plain strings (None for unbound)."""

    variables: list[str]
    rows: list[list[str | None]]

    def dicts(self) -> list[dict[str, str | None]]:
        """Rows as dicts keyed by variable name."""
        return [dict(zip(self.variables, row)) for row in self.rows]


def _text(node: Node | None) -> str | None:
    if node is None:
        return None
    return str(node)


def _is_rdflib_term(value) -> bool:
    """Whether ``value`` is an rdflib term (only possible once rdflib is loaded)."""
    rdflib_term = sys.modules.get("rdflib.term")
    return rdflib_term is not None and isinstance(value, rdflib_term.Node)


def load_query(name: str, *, values: dict[str, list[str]] | None = None, limit: int | None = None,
               offset: int | None = None, iris: dict[str, str] | None = None,
               keys: dict[str, str] | None = None) -> str:
    """Text of a shipped query ``queries/sparql/NAME.rq``, its placeholders filled.

    A query may hold ``{{values ?x}}`` (a ``VALUES ?x { ... }`` block of the IRIs
    given in ``values["x"]``), ``{{keys ?x}}`` (the same of the keys in ``values["x"]``,
    as literals), ``{{iri x}}`` (the IRI ``iris["x"]`` as a constant:
    Oxigraph plans a query around constants, not around substituted variables),
    ``{{key x}}`` (the string ``keys["x"]``, letters, digits, ``~``, ``_`` and ``-``
    only, as a literal constant: an index key or a bound of a range of keys), and
    ``{{limit}}`` and ``{{offset}}`` (numbers). A part between ``{{if x}}`` and ``{{end}}``
    is kept only when ``x`` is given in ``iris`` or ``keys`` (a filter costs a lookup per
    row even when the value it tests is unbound). IRIs and keys are checked, so nothing
    a user typed can change the query.

    Example:
        >>> "SELECT" in load_query("articles")
        True
        >>> "<urn:a>" in load_query("meeting_details", values={"meeting": ["urn:a"]})
        True
        >>> q = dict(drive="urn:p", driveValue="urn:v")
        >>> ("dd:recipient" in load_query("event_select", iris=q), "dd:recipient" in load_query(
        ...     "event_select", iris=q | {"recipient": "urn:c"}))
        (False, True)
    """
    try:
        text = resources.files(__package__).joinpath("sparql", f"{name}.rq").read_text(encoding="utf-8")
    except FileNotFoundError:
        raise QueryError(f"queries/sparql/{name}.rq: no such query") from None

    def fill(m: re.Match) -> str:
        if m.group(3):
            iri = (iris or {}).get(m.group(3))
            if iri is None or not _IRI_OK.fullmatch(iri):
                raise QueryError(f"{name}.rq: no IRI given for {{{{iri {m.group(3)}}}}}")
            return f"<{iri}>"
        if m.group(4):
            key = (keys or {}).get(m.group(4))
            if key is None or not _KEY_OK.fullmatch(key):
                raise QueryError(f"{name}.rq: no key given for {{{{key {m.group(4)}}}}}")
            return f'"{key}"'
        if m.group(5) or m.group(2):
            if (m.group(5) or m.group(2)) not in (values or {}):  # an empty list is given, not left out
                raise QueryError(f"{name}.rq: no values given for {m.group(0)}")
        if m.group(5):
            listed = (values or {}).get(m.group(5), [])
            bad = [k for k in listed if not _KEY_OK.fullmatch(k)]
            if bad:
                raise QueryError(f"not an index key: {bad[0]!r}")
            quoted = " ".join('"' + k + '"' for k in listed)
            return f"VALUES ?{m.group(5)} {{ {quoted} }}"
        if m.group(2):
            listed = (values or {}).get(m.group(2), [])
            bad = [i for i in listed if not _IRI_OK.fullmatch(i)]
            if bad:
                raise QueryError(f"not an IRI: {bad[0]!r}")
            return f"VALUES ?{m.group(2)} {{ {' '.join(f'<{i}>' for i in listed)} }}"
        number = limit if m.group(1) == "limit" else offset
        return str(max(0, int(number))) if number is not None else ("100000000" if m.group(1) == "limit" else "0")

    given = {k for k, v in {**(iris or {}), **(keys or {})}.items() if v is not None}
    text = _CONDITIONAL.sub(lambda m: m.group(2) if m.group(1) in given else "", text)
    return _TEMPLATE.sub(fill, text)


def read_query(text: str) -> str:
    """The query ``text`` names: the contents of FILE for "@FILE", else the text itself.

    Raises:
        QueryError: FILE cannot be read.

    Example:
        >>> read_query("SELECT * WHERE { ?s ?p ?o }")
        'SELECT * WHERE { ?s ?p ?o }'
    """
    if not text.startswith("@"):
        return text
    try:
        return Path(text[1:]).read_text(encoding="utf-8")
    except OSError as exc:
        raise QueryError(f"{text[1:]}: cannot read query file ({exc.strerror})") from None


def run_select(ds: Dataset, query: str, bindings: dict[str, str | Node | ox.NamedNode | ox.Literal] | None = None, *, union: bool = True) -> Rows:
    """Run a SELECT (or ASK) query over the union of named graphs.

    Args:
        ds: the dataset.
        query: SPARQL text (the prefixes of :data:`PREFIXES` are added).
        bindings: initial bindings; str values become literals, unless they start
            with "http" (IRIs).
        union: the default graph is the union of all graphs (as for ``ddgraph
            sparql``); the shipped queries, which name the graphs they read, pass
            False: their default graph is then the store's own (article metadata,
            ontology, topics, gazetteer), which Oxigraph reads faster.

    Raises:
        QueryError: the query does not parse or cannot run.
    """
    check_service(query)
    fast = oxigraph_of(ds)
    try:
        if fast is not None:
            return _run_ox(fast, PREFIXES + query, bindings or {}, union)
        from rdflib import Literal, URIRef

        init = {key: (URIRef(v) if v.startswith(("http://", "https://")) else Literal(v))
                if isinstance(v, str) and not _is_rdflib_term(v) else v for key, v in (bindings or {}).items()}
        result = ds.query(PREFIXES + query.replace(BINDINGS, ""), initBindings=init)
    except QueryError:
        raise
    except Exception as exc:  # rdflib and pyoxigraph raise many types for bad SPARQL
        raise QueryError(engine_error(str(exc) or type(exc).__name__, query, HIDDEN_LINES)) from None
    if result.type == "ASK":
        return Rows(["ask"], [["true" if result.askAnswer else "false"]])
    if result.type != "SELECT":
        raise QueryError("a CONSTRUCT or DESCRIBE query gives triples, not rows: run it with run_graph")
    variables = [str(v) for v in result.vars]
    rows = [[_text(row[i]) for i in range(len(variables))] for row in result]
    return Rows(variables, rows)


#: Serialisations of a CONSTRUCT or DESCRIBE result, by ``--format`` name.
GRAPH_FORMATS = {"turtle": "TURTLE", "ntriples": "N_TRIPLES"}


def run_graph(store: ox.Store, query: str, fmt: str = "turtle", *, union: bool = True) -> str:
    """Run a CONSTRUCT or DESCRIBE query over a pyoxigraph store; the triples as Turtle
    (the predeclared prefixes used) or N-Triples.

    Raises:
        QueryError: the query does not parse or cannot run, or is no CONSTRUCT or DESCRIBE.

    Example:
        >>> import pyoxigraph as ox
        >>> run_graph(ox.Store(), "CONSTRUCT { <urn:a> dd:p 1 } WHERE {}", "ntriples")
        '<urn:a> <https://w3id.org/ddgraph/ontology#p> "1"^^<http://www.w3.org/2001/XMLSchema#integer> .\\n'
    """
    import pyoxigraph as ox

    check_service(query)
    try:
        result = store.query(PREFIXES + query, use_default_graph_as_union=union)
        if not isinstance(result, ox.QueryTriples):
            raise QueryError("a SELECT or ASK query gives rows, not triples: run it with run_select")
        triples = list(dict.fromkeys(result))  # a triple of many graphs comes once per graph
    except QueryError:
        raise
    except Exception as exc:  # pyoxigraph raises SyntaxError, OSError, RuntimeError, ...
        raise QueryError(engine_error(str(exc) or type(exc).__name__, query, HIDDEN_LINES)) from None
    prefixes = None
    if fmt == "turtle":  # those used; ddr: would only escape the slashes of the IRIs (ddr:person\/x)
        terms = " ".join(str(term) for triple in triples for term in triple)  # N-Triples forms, datatypes included
        prefixes = {p: ns for p, ns in PREFIX_NAMESPACES.items() if p != "ddr" and f"<{ns}" in terms}
    data = ox.serialize(triples, format=getattr(ox.RdfFormat, GRAPH_FORMATS[fmt]), prefixes=prefixes)
    return data.decode("utf-8") if data else ""


def oxigraph_of(ds: Dataset):
    """The pyoxigraph store to query directly (faster): ``ds`` itself, or the one under an rdflib
    Dataset over oxrdflib; None for another rdflib store."""
    import pyoxigraph as ox

    if isinstance(ds, ox.Store):
        return ds
    inner = getattr(getattr(ds, "store", None), "_inner", None)
    return inner if isinstance(inner, ox.Store) else None


def as_dataset(ds) -> Dataset:
    """An rdflib ``Dataset`` for ``ds``: a pyoxigraph store is wrapped (default graph: the union).

    The lookups query a pyoxigraph store directly; the projections and views read an rdflib Dataset.
    """
    import pyoxigraph as ox

    if isinstance(ds, ox.Store):
        from oxrdflib import OxigraphStore
        from rdflib import Dataset

        return Dataset(store=OxigraphStore(store=ds), default_union=True)
    return ds


def _run_ox(store, query: str, init: dict, union: bool = True) -> Rows:
    import pyoxigraph as ox

    def term(v):
        if isinstance(v, (ox.NamedNode, ox.Literal)):
            return v
        if not _is_rdflib_term(v):  # a plain string: an IRI if it looks like one, else a literal
            return ox.NamedNode(v) if str(v).startswith(("http://", "https://")) else ox.Literal(str(v))
        if getattr(v, "language", None):
            return ox.Literal(str(v), language=v.language)
        if getattr(v, "datatype", None):
            return ox.Literal(str(v), datatype=ox.NamedNode(str(v.datatype)))
        return ox.Literal(str(v)) if type(v).__name__ == "Literal" else ox.NamedNode(str(v))

    terms = {k: term(v) for k, v in init.items()}
    if BINDINGS in query:  # the bound values as constants the planner starts from (see BINDINGS)
        values = f"VALUES ({' '.join('?' + k for k in terms)}) {{ ({' '.join(str(t) for t in terms.values())}) }}"
        query, terms = query.replace(BINDINGS, values if terms else ""), {}
    result = store.query(query, use_default_graph_as_union=union,
                         substitutions={ox.Variable(k): t for k, t in terms.items()})
    if isinstance(result, ox.QueryBoolean):
        return Rows(["ask"], [["true" if bool(result) else "false"]])
    if not isinstance(result, ox.QuerySolutions):
        raise QueryError("a CONSTRUCT or DESCRIBE query gives triples, not rows: run it with run_graph")
    variables = [v.value for v in result.variables]
    rows = [[None if x is None else x.value for x in solution] for solution in result]
    return Rows(variables, rows)


def format_rows(rows: Rows, fmt: str = "table") -> str:
    """Render rows as an aligned table, JSON (list of objects) or CSV.

    Example:
        >>> print(format_rows(Rows(["a", "b"], [["1", None]]), "csv").strip())
        a,b
        1,
    """
    if fmt == "json":
        return json.dumps(rows.dicts(), ensure_ascii=False, indent=2)
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(rows.variables)
        for row in rows.rows:
            writer.writerow(["" if v is None else v for v in row])
        return buf.getvalue()
    cells = [rows.variables] + [["" if v is None else v for v in row] for row in rows.rows]
    widths = [min(max(len(r[i]) for r in cells), 80) for i in range(len(rows.variables))]
    lines = []
    for n, row in enumerate(cells):
        lines.append("  ".join(v[:80].ljust(w) for v, w in zip(row, widths)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    lines.append(f"({len(rows.rows)} rows)")
    return "\n".join(lines)


def export(ds: Dataset, fmt: str = "trig") -> str:
    """Serialise the whole dataset (named graphs and default graph).

    Args:
        fmt: trig, nquads, turtle (the union as one graph) or jsonld.
    """
    if fmt not in EXPORT_FORMATS:
        raise QueryError(f"unknown export format '{fmt}' (choose from {', '.join(EXPORT_FORMATS)})")
    from rdflib import XSD, Dataset, Literal

    from ddgraph.graph.ontology import bind_prefixes

    copy = Dataset()
    bind_prefixes(copy)
    for s, p, o, g in ds.quads((None, None, None, None)):
        graph = copy.default_graph if g is None or g == ds.default_graph.identifier else copy.graph(g)
        if isinstance(o, Literal) and o.datatype == XSD.string:
            o = Literal(str(o))  # a simple literal: the store reports its implicit xsd:string
        graph.add((s, p, o))
    if fmt == "turtle":
        union = copy.default_graph.__class__()
        bind_prefixes(union)
        for s, p, o, _ in copy.quads((None, None, None, None)):
            union.add((s, p, o))
        return union.serialize(format="turtle")
    return copy.serialize(format=EXPORT_FORMATS[fmt])
