"""A static, offline site of views: the whole graph plus one page per person,
meeting, topic that occurs and pair of countries that met, and an index.

Layout of ``out_dir``::

    index.html            links to everything, with counts
    graph.html            the whole graph (capped, see queries.views.graph_view)
    persons/<id>.html     one ego view per person
    meetings/<id>.html    one view per meeting
    topics/<id>.html      one view per topic discussed by at least one meeting
    countries/<a>--<b>.html  one view per pair of countries whose people met

Every page is self-contained (vis-network inlined, about 0.7 MB each).
"""

from __future__ import annotations

import hashlib
import html
import re
from pathlib import Path

from rdflib import Dataset

from queries.project import country_graph, person_graph, to_networkx
from queries.views import country_pair_view, ego_view, external_refs, graph_view, meeting_view, topic_view


def page_name(iri: str) -> str:
    """A file name for an IRI: its last segment, made safe (with a short hash
    when characters had to be replaced).

    Example:
        >>> page_name("https://w3id.org/ddgraph/id/person/rustem-umerov")
        'rustem-umerov'
        >>> page_name("https://w3id.org/ddgraph/id/person/séb astien")[:10]
        's-b-astien'
    """
    last = iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
    safe = re.sub(r"[^A-Za-z0-9_.-]", "-", last).strip(".") or "x"
    if safe != last:
        safe += "-" + hashlib.sha256(iri.encode()).hexdigest()[:8]
    return safe[:120]


_INDEX_STYLE = """<style>
body{font-family:sans-serif;margin:16px 24px;color:#222}
h1{font-size:22px} h2{font-size:18px;margin-top:24px}
table{border-collapse:collapse;font-size:14px} td,th{padding:2px 10px;text-align:left;border-bottom:1px solid #eee}
td.n{text-align:right}
</style>"""


def _table(headers: list[str], rows: list[tuple]) -> str:
    """rows: (href, label, *cells)"""
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = []
    for href, label, *cells in rows:
        tds = "".join(f'<td class="n">{c:,}</td>' if isinstance(c, int) else f"<td>{html.escape(str(c))}</td>" for c in cells)
        body.append(f'<tr><td><a href="{html.escape(href)}">{html.escape(label)}</a></td>{tds}</tr>')
    return f"<table><tr>{head}</tr>{''.join(body)}</table>"


def write_site(ds: Dataset, out_dir: str | Path, *, max_nodes: int = 3000) -> list[Path]:
    """Write the whole site and return the paths written (index first).

    Args:
        ds: the dataset.
        out_dir: directory to write into (created).
        max_nodes: cap of the whole-graph view.

    Example:
        >>> paths = write_site(ds, "out/site")  # doctest: +SKIP
        >>> paths[0].name  # doctest: +SKIP
        'index.html'
    """
    out = Path(out_dir)
    G = to_networkx(ds, articles=True)
    P = person_graph(graph=G)
    C = country_graph(graph=G)
    written: list[Path] = [graph_view(ds, out / "graph.html", max_nodes=max_nodes, graph=G)]
    by_type: dict[str, list[str]] = {}
    for n, t in sorted(G.nodes(data="type")):
        by_type.setdefault(t, []).append(n)

    persons = []
    for p in by_type.get("person", []):
        rel = f"persons/{page_name(p)}.html"
        written.append(ego_view(ds, p, out / rel, graph=G))
        meetings = sum(1 for _, _, r in G.in_edges(p, keys=True) if r == "participant")
        persons.append((rel, G.nodes[p]["label"], meetings, P.degree(p)))
    meetings = []
    for m in sorted(by_type.get("meeting", []), key=lambda m: (G.nodes[m].get("date") or "9999", m)):
        rel = f"meetings/{page_name(m)}.html"
        written.append(meeting_view(ds, m, out / rel, graph=G))
        d = G.nodes[m]
        people = sum(1 for _, o, r in G.out_edges(m, keys=True) if r == "participant" and G.nodes[o]["type"] == "person")
        when = f"{'≤ ' if d.get('date_qualifier') == 'not after' else ''}{d['date']}" if d.get("date") else "undated"
        meetings.append((rel, d["label"], when, people, len(d["sources"])))
    topics = []
    for t in by_type.get("topic", []):
        count = sum(1 for _, _, r in G.in_edges(t, keys=True) if r == "discusses")
        if count:
            rel = f"topics/{page_name(t)}.html"
            written.append(topic_view(ds, t, out / rel, graph=G))
            topics.append((rel, G.nodes[t]["label"], count))
    pairs = []
    for a, b, d in sorted(C.edges(data=True)):
        if d["meetings"]:
            rel = f"countries/{page_name(a)}--{page_name(b)}.html"
            written.append(country_pair_view(ds, a, b, out / rel, graph=G))
            pairs.append((rel, f"{C.nodes[a]['label']} – {C.nodes[b]['label']}", len(d["meetings"]), len(d["aid"])))
    persons.sort(key=lambda r: (-r[2], r[1]))
    topics.sort(key=lambda r: (-r[2], r[1]))
    pairs.sort(key=lambda r: (-r[2], r[1]))

    parts = [
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>ddgraph</title>", _INDEX_STYLE, "</head><body>",
        "<h1>ddgraph: defense-diplomacy knowledge graph</h1>",
        f"<p>{G.number_of_nodes():,} nodes, {G.number_of_edges():,} edges. "
        '<a href="graph.html">Whole graph</a></p>',
        f"<h2>Persons ({len(persons):,})</h2>", _table(["person", "meetings", "partners"], persons),
        f"<h2>Meetings ({len(meetings):,})</h2>", _table(["meeting", "date", "persons", "articles"], meetings),
        f"<h2>Topics ({len(topics):,})</h2>", _table(["topic", "meetings"], topics),
        f"<h2>Country pairs ({len(pairs):,})</h2>", _table(["countries", "meetings", "aid"], pairs),
        "</body></html>",
    ]
    page = "\n".join(parts)
    if external_refs(page):
        raise RuntimeError(f"{out / 'index.html'}: links to another host")
    index = out / "index.html"
    index.write_text(page, encoding="utf-8")
    return [index, *written]
