"""Counts that describe a store: things per class, articles, languages, date span.

Things are counted in the instance layer (each once); they, the articles, their
languages and publication span, quads and mentions come from the counts the
writer keeps with each snapshot, so ``ddgraph stats`` runs no query (without
those counts, it counts in the dataset).

Example:
    >>> from rdflib import Dataset
    >>> store_stats(Dataset())["articles"]
    0
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # rdflib only in annotations: a lookup process does not load it
    from rdflib import Dataset

from ddgraph.queries.sparql import run_select

_CLASSES = ("Person", "Organization", "Group", "Office", "Country", "Place", "Meeting", "AidDelivery",
            "Agreement", "WeaponSystem", "Topic")


def store_stats(ds: Dataset, counts: dict | None = None) -> dict:
    """Return counts per ``dd:`` class (instance layer), articles, languages and the date span.

    Topics are those of the shipped scheme; ``topics_discussed`` counts those some meeting discusses.

    Args:
        counts: the counts the store keeps (:attr:`graph.store.Store.counts`); without
            them, articles and mentions are counted in the dataset.
    """
    out: dict = {"classes": {}}
    if counts is not None and "classes" in counts:  # kept by the writer: no query
        kept = counts["classes"]
        out["classes"] = {cls: kept.get("scheme:Topic" if cls == "Topic" else cls, 0) for cls in _CLASSES}
        out["topics_discussed"] = len(counts["topic_keys"])
    else:
        for cls in _CLASSES:
            where = "?x a dd:Topic" if cls == "Topic" else f"GRAPH ddg:instances {{ ?x a dd:{cls} }}"
            rows = run_select(ds, f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}")  # each fact is there once
            out["classes"][cls] = int(rows.rows[0][0])
        discussed = ("SELECT (COUNT(?x) AS ?n) WHERE { ?x a dd:Topic "
                     "FILTER EXISTS { GRAPH ddg:instances { ?x dd:topicKey ?k } } }")  # one index probe per topic
        out["topics_discussed"] = int(run_select(ds, discussed).rows[0][0])
    if counts is None:
        counts = _count(ds)
    out["classes"]["Mention"] = counts["mentions"]
    out["articles"] = counts["articles"]
    out["named_graphs"] = counts["articles"] + (1 if out["classes"]["Meeting"] or counts["articles"] else 0)
    out["languages"] = {k: v for k, v in sorted(counts["languages"].items()) if v}
    out["published"] = {"first": counts["first"], "last": counts["last"]}
    out["quads"] = counts["quads"]
    return out


def _count(ds: Dataset) -> dict:
    one = lambda q: (run_select(ds, q).rows or [[None, None]])[0]  # noqa: E731
    langs = {lang: int(n) for lang, n in run_select(
        ds, "SELECT ?l (COUNT(?a) AS ?n) WHERE { ?a a schema:NewsArticle ; schema:inLanguage ?l } GROUP BY ?l").rows}
    first, last = one("SELECT (MIN(STR(?d)) AS ?f) (MAX(STR(?d)) AS ?l) WHERE { ?a schema:datePublished ?d }")
    return {
        "mentions": int(one("SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE { GRAPH ?g { ?m a dd:Mention } }")[0] or 0),
        "articles": int(one("SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a schema:NewsArticle }")[0] or 0),
        "languages": langs, "first": first[:10] if first else None, "last": last[:10] if last else None,
        "quads": int(one("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")[0] or 0),
    }


def format_stats(stats: dict) -> str:
    """Plain-text rendering of :func:`store_stats`."""
    lines = [f"articles        {stats['articles']} ({stats['named_graphs']} named graphs, {stats['quads']} quads)"]
    langs = ", ".join(f"{k}: {v}" for k, v in stats["languages"].items()) or "-"
    lines.append(f"languages       {langs}")
    span = stats["published"]
    lines.append(f"published       {span['first'] or '?'} .. {span['last'] or '?'}")
    for cls, n in stats["classes"].items():
        lines.append(f"{cls:<15} {n}" + (f" ({stats['topics_discussed']} discussed)"
                                          if cls == "Topic" and "topics_discussed" in stats else ""))
    if stats.get("pending"):
        lines.append(f"pending         {stats['pending']} extracted article(s) not yet in the graph "
                     "(an ingest was interrupted): run 'ddgraph ingest' again")
    return "\n".join(lines)
