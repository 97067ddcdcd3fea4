"""What ``ddgraph serve`` answers at a thing's own IRI, and its query page.

Every ddgraph IRI (``https://w3id.org/ddgraph/id/person/rustem-umerov``) is served at
its path, ``/id/person/rustem-umerov``: what the instance layer states about the
thing (its own triples, and up to :data:`INCOMING` triples that point at it), as
Turtle, N-Triples, RDF/XML or JSON-LD for an RDF client, and as an HTML page for a
browser (``Accept: text/html``), each IRI of the graph linked to its own page.
The index entries (``dd:*Key``) are left out: they are the lookups' machinery, not
facts. ``/query`` is a plain form that sends a query to ``/sparql``.

Pure functions: the server runs :func:`describe_query` in its query processes like
any query and renders the N-Triples it gets with :func:`render_html`.

Example:
    >>> iri_of_path("/id/person/rustem-umerov")
    'https://w3id.org/ddgraph/id/person/rustem-umerov'
    >>> iri_of_path("/id/../etc") is None
    True
"""

from __future__ import annotations

import html
import re

import pyoxigraph as ox

from ddgraph.graph.namespaces import DD_NS, ID_NS, RDFS_NS

#: Triples pointing at a thing that its page shows at most (a topic is discussed at thousands of meetings).
INCOMING = 500
_PATH = re.compile(r"/id/((?:[A-Za-z0-9._~%-]+/)*[A-Za-z0-9._~%-]+)\Z")
_LABEL = RDFS_NS + "label"


def iri_of_path(path: str) -> str | None:
    """The ddgraph IRI served at ``path`` (``/id/...``), None for any other path or a dot segment."""
    m = _PATH.match(path)
    if m is None or any(seg in (".", "..") for seg in m.group(1).split("/")):
        return None
    return ID_NS + m.group(1)


def path_of_iri(iri: str) -> str | None:
    """Where the server shows ``iri`` (None for an IRI outside ddgraph's ``id/`` space).

    Example:
        >>> path_of_iri("https://w3id.org/ddgraph/id/topic/air-defense"), path_of_iri("https://schema.org/x")
        ('/id/topic/air-defense', None)
    """
    return "/id/" + iri[len(ID_NS):] if iri.startswith(ID_NS) and iri_of_path("/id/" + iri[len(ID_NS):]) else None


def describe_query(iri: str) -> str:
    """A CONSTRUCT of what the instance layer states about ``iri`` and (up to :data:`INCOMING`)
    what points at it, index entries left out. ``iri`` must come from :func:`iri_of_path`."""
    not_index = f'!STRENDS(STR(?p), "Key") && ?p != <{DD_NS}keyId>'
    return (f"CONSTRUCT {{ <{iri}> ?p ?o . ?s ?p ?x . ?s <{_LABEL}> ?l }} WHERE {{ GRAPH ddg:instances {{\n"
            f"  {{ <{iri}> ?p ?o FILTER({not_index}) }}\n"
            f"  UNION {{ SELECT ?s ?p ?x WHERE {{ ?s ?p <{iri}> BIND(<{iri}> AS ?x) FILTER({not_index}) }} "
            f"LIMIT {INCOMING} }}\n"
            f"  OPTIONAL {{ ?s <{_LABEL}> ?l }}\n}} }}")


def _term_html(term) -> str:
    if isinstance(term, ox.NamedNode):
        href = path_of_iri(term.value)
        text = html.escape(_short(term.value))
        return f'<a href="{html.escape(href)}">{text}</a>' if href else f'<span title="{html.escape(term.value)}">{text}</span>'
    if isinstance(term, ox.Literal):
        lang = f' <small>@{html.escape(term.language)}</small>' if term.language else ""
        return html.escape(term.value) + lang
    return html.escape(str(term))


def _short(iri: str) -> str:
    for prefix, ns in (("ddr:", ID_NS), ("dd:", DD_NS), ("rdfs:", RDFS_NS)):
        if iri.startswith(ns):
            return prefix + iri[len(ns):]
    return iri


def render_html(iri: str, ntriples: bytes) -> str:
    """The HTML page of ``iri`` from the N-Triples of :func:`describe_query` (every text escaped)."""
    triples = list(ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES))
    me = ox.NamedNode(iri)
    labels = {t.subject.value: t.object.value for t in triples if t.predicate.value == _LABEL}
    title = labels.get(iri, _short(iri))
    own = sorted((t for t in triples if t.subject == me), key=lambda t: (_short(t.predicate.value), str(t.object)))
    incoming = sorted((t for t in triples if t.object == me and t.subject != me),
                      key=lambda t: (_short(t.predicate.value), labels.get(t.subject.value, t.subject.value)))
    rows = "".join(f"<tr><th>{html.escape(_short(t.predicate.value))}</th><td>{_term_html(t.object)}</td></tr>"
                   for t in own)
    back = "".join(
        f"<tr><td>{_term_html(t.subject)}"
        f"{' <small>' + html.escape(labels[t.subject.value]) + '</small>' if t.subject.value in labels else ''}"
        f"</td><th>{html.escape(_short(t.predicate.value))}</th></tr>" for t in incoming)
    more = f"<p>(the first {INCOMING} shown)</p>" if len(incoming) >= INCOMING else ""
    return (
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><link rel=\"icon\" href=\"data:,\">"
        f"<title>{html.escape(title)} · ddgraph</title>"
        "<style>body{font:15px/1.45 system-ui,sans-serif;margin:2em;max-width:60em}"
        "th{text-align:left;padding-right:1em;vertical-align:top;font-weight:600}td{padding:2px 0}"
        "code{font-size:13px}</style></head><body>"
        f"<h1>{html.escape(title)}</h1><p><code>{html.escape(iri)}</code> · "
        f"<a href=\"{html.escape(path_of_iri(iri) or '')}?format=turtle\">Turtle</a> · "
        "<a href=\"/query\">query</a></p>"
        f"<table class=\"own\">{rows}</table>"
        + (f"<h2>Pointing here</h2><table class=\"incoming\">{back}</table>{more}" if back else "")
        + "</body></html>")


#: The query page: a form that sends its query to /sparql (GET), results in the format chosen.
QUERY_PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>ddgraph · SPARQL query</title>
<style>body{font:15px/1.45 system-ui,sans-serif;margin:2em;max-width:60em}textarea{width:100%;height:14em;
font:13px monospace}</style></head><body><h1>SPARQL query</h1>
<p>The prefixes dd:, ddr:, ddg:, schema:, rdfs:, rdf:, xsd: and skos: are declared. The default graph is the
union of all graphs; <code>GRAPH ddg:instances { ... }</code> reads each fact once.</p>
<form method="get" action="/sparql"><textarea name="query" id="query" spellcheck="false">SELECT ?person ?label WHERE {
  GRAPH ddg:instances { ?person a dd:Person ; rdfs:label ?label }
} ORDER BY ?label LIMIT 50</textarea>
<p><label>Results as <select name="format" id="format"><option value="json">JSON</option><option value="csv">CSV</option>
<option value="tsv">TSV</option><option value="xml">XML</option><option value="turtle">Turtle (CONSTRUCT)</option>
</select></label> <button type="submit" id="run">Run</button></p></form></body></html>
"""
