"""Counts that describe a store: things per class, articles, languages, date span.

Example:
    >>> from rdflib import Dataset
    >>> store_stats(Dataset())["articles"]
    0
"""

from __future__ import annotations

from rdflib import Dataset

from queries.sparql import run_select

_CLASSES = ("Person", "Organization", "Group", "Office", "Country", "Place", "Meeting", "AidDelivery",
            "Agreement", "WeaponSystem", "Topic", "Mention")


def store_stats(ds: Dataset) -> dict:
    """Return counts per ``dd:`` class (in article graphs), articles, languages and the date span."""
    out: dict = {"classes": {}}
    for cls in _CLASSES:
        rows = run_select(ds, f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ GRAPH ?g {{ ?x a dd:{cls} }} }}")
        out["classes"][cls] = int(rows.rows[0][0])
    rows = run_select(ds, "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    out["named_graphs"] = int(rows.rows[0][0])
    rows = run_select(ds, "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a schema:NewsArticle }")
    out["articles"] = int(rows.rows[0][0])
    rows = run_select(ds, "SELECT ?lang (COUNT(?a) AS ?n) WHERE { ?a a schema:NewsArticle ; schema:inLanguage ?lang }"
                          " GROUP BY ?lang ORDER BY ?lang")
    out["languages"] = {lang: int(n) for lang, n in rows.rows}
    rows = run_select(ds, "SELECT (MIN(?d) AS ?first) (MAX(?d) AS ?last) WHERE { ?a schema:datePublished ?d }")
    first, last = rows.rows[0] if rows.rows else (None, None)
    out["published"] = {"first": first, "last": last}
    rows = run_select(ds, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    out["quads"] = int(rows.rows[0][0])
    return out


def format_stats(stats: dict) -> str:
    """Plain-text rendering of :func:`store_stats`."""
    lines = [f"articles        {stats['articles']} ({stats['named_graphs']} named graphs, {stats['quads']} quads)"]
    langs = ", ".join(f"{k}: {v}" for k, v in stats["languages"].items()) or "-"
    lines.append(f"languages       {langs}")
    span = stats["published"]
    lines.append(f"published       {span['first'] or '?'} .. {span['last'] or '?'}")
    for cls, n in stats["classes"].items():
        lines.append(f"{cls:<15} {n}")
    return "\n".join(lines)
