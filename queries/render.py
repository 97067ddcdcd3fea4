"""Writing one view as an offline HTML page (pyvis / vis-network).

A page written alone is self-contained: vis-network's JS and CSS are inlined
(about 0.7 MB). A page of a site links the copies written once under the
site's ``assets/`` by a relative path instead (a few KB; see
:mod:`queries.assets`). Either way every external ``<link>`` / ``<script src>``
of pyvis's template is removed and the result is checked for external
references before it is written; the nodes and edges stay in the page. Nodes
are coloured and shaped by type (legend at the top of the page), tooltips give
the label, dates, number of sources and the evidence sentence, and "met" edges
(drawn dashed) are as wide as the number of meetings they stand for.

With physics the network settles in the browser (200 stabilisation
iterations); without, :func:`queries.layout.force_layout` places the nodes in
Python. The page sets ``window.ddgraphStable = performance.now()`` once the
network is stable (or first drawn, without physics); pyvis's global
``network`` is the vis.Network. The same input always gives the same bytes.

Example:
    >>> external_refs('<link href="//cdn.example/vis.css">')
    ['href="//cdn.example/vis.css"']
"""

from __future__ import annotations

import html
import os
import json
import math
import re
from collections import defaultdict
from pathlib import Path

import networkx as nx
from pyvis.network import Network

from ddgraph.queries.assets import ASSETS, escape_text, external_refs, link_assets, template_env
from ddgraph.queries.layout import force_layout
from ddgraph.queries.project import meeting_sort_key

__all__ = ["TYPE_STYLE", "PageView", "external_refs", "force_layout", "page_data", "write_page"]

#: type -> (colour, vis shape, legend name)
TYPE_STYLE = {
    "person": ("#1f77b4", "dot", "Person"),
    "organization": ("#2ca02c", "square", "Organization"),
    "group": ("#98df8a", "square", "Group"),
    "country": ("#d62728", "diamond", "Country"),
    "place": ("#ff9896", "triangle", "Place"),
    "meeting": ("#ff7f0e", "star", "Meeting"),
    "aid": ("#9467bd", "triangleDown", "Aid delivery"),
    "agreement": ("#8c564b", "triangleDown", "Agreement"),
    "topic": ("#17becf", "hexagon", "Topic"),
    "system": ("#7f7f7f", "triangleDown", "Weapon system"),
    "article": ("#bcbd22", "square", "Article"),
}
_SIZE = {"person": 14, "country": 18, "meeting": 11, "topic": 12}
_EDGE = "#b0b0b0"


def page_data(page: str) -> tuple[list[dict], list[dict]]:
    """Read back the nodes and edges embedded in a written page (for checks).

    Example:
        >>> page_data('nodes = new vis.DataSet([{"id": "a"}]);' + chr(10) + 'edges = new vis.DataSet([]);')
        ([{'id': 'a'}], [])
    """
    m = re.search(r"nodes = new vis\.DataSet\((.*)\);\s*\n\s*edges = new vis\.DataSet\((.*)\);", page)
    if m is None:
        raise ValueError("no vis data in page")
    return json.loads(m.group(1)), json.loads(m.group(2))


def _short(text: str, n: int = 40) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _tooltip(d: dict, extra: str = "") -> str:
    lines = [d.get("label", ""), TYPE_STYLE.get(d.get("type"), ("", "", d.get("type", "")))[2]]
    if d.get("date"):
        lines[1] += f" · {d.get('date_qualifier', 'on')} {d['date']}"
    elif d.get("dates"):
        ds = d["dates"]
        lines[1] += f" · {ds[0]}" + (f" – {ds[-1]} ({len(ds)} dates)" if len(ds) > 1 else "")
    for key in ("kind", "status"):
        if d.get(key):
            lines[1] += f" · {d[key]}"
    if d.get("sources"):
        lines.append(f"{len(d['sources'])} source article(s)")
    if d.get("evidence"):
        lines.append("“" + _short(d["evidence"], 300) + "”")
    if extra:
        lines.append(extra)
    # pyvis switches to an innerHTML popup when a title contains "href"
    return "\n".join(lines).replace("href", "hre\u200bf")


class PageView:
    """Nodes and merged undirected edges of one page.

    Attributes:
        G: the projection the page shows part of.
        nodes: the nodes shown.
        focus: the nodes drawn larger, with a thick border.
        edges: (a, b) with a < b -> relations, meetings and whether it is a "met" summary edge.

    Example:
        >>> G = nx.MultiDiGraph(); _ = G.add_edge("m", "p", key="participant")
        >>> G.nodes["m"].update(label="Meeting", type="meeting"); G.nodes["p"].update(label="Umerov", type="person")
        >>> view = PageView(G); view.nodes = {"m", "p"}; view.add_projection_edges()
        >>> nodes, edges = view.vis_data(None)
        >>> [n["shape"] for n in nodes], edges[0]["title"]
        (['star', 'dot'], 'participant')
    """

    def __init__(self, G: nx.MultiDiGraph) -> None:
        self.G = G
        self.nodes: set[str] = set()
        self.focus: set[str] = set()
        self.edges: dict[tuple[str, str], dict] = {}

    def add_projection_edges(self) -> None:
        """Add the projection's edges between the shown nodes."""
        for s, o, rel in self.G.subgraph(self.nodes).edges(keys=True):
            e = self._edge(s, o)
            e["rels"].add(rel)
            for m in (s, o):
                if self.G.nodes[m]["type"] == "meeting":
                    e["meetings"].add(m)

    def add_summary(self, a: str, b: str, meetings, note: str = "met") -> None:
        """Add a dashed summary edge standing for ``meetings`` between ``a`` and ``b``."""
        e = self._edge(a, b)
        e["rels"].add(note)
        e["summary"] = True
        e["meetings"] |= set(meetings)

    def _edge(self, a: str, b: str) -> dict:
        key = (a, b) if a < b else (b, a)
        return self.edges.setdefault(key, {"rels": set(), "meetings": set(), "summary": False})

    def vis_data(self, positions: dict | None) -> tuple[list[dict], list[dict]]:
        """The vis nodes and edges of the page, at ``positions`` (None: physics places them)."""
        degree = defaultdict(int)
        for a, b in self.edges:
            degree[a] += 1
            degree[b] += 1
        nodes = []
        for n in sorted(self.nodes):
            d = self.G.nodes[n]
            colour, shape, _ = TYPE_STYLE.get(d["type"], ("#999999", "dot", d["type"]))
            size = _SIZE.get(d["type"], 12) + min(16, 2 * math.sqrt(degree[n]))
            node = {"id": n, "label": _short(d["label"]), "title": _tooltip(d, n), "color": colour, "shape": shape,
                    "value": round(size * (1.8 if n in self.focus else 1), 1), "type": d["type"]}
            if n in self.focus:
                node["borderWidth"] = 4
                node["font"] = {"bold": True}
            if positions is not None:
                node["x"], node["y"] = positions[n]
            nodes.append(node)
        edges = []
        for (a, b), e in sorted(self.edges.items()):
            count = len(e["meetings"])
            title = ", ".join(sorted(e["rels"]))
            if e["summary"]:
                ms = sorted(e["meetings"], key=lambda m: meeting_sort_key(self.G, m))
                title += f": {count} meeting(s)\n" + "\n".join(
                    f"{self.G.nodes[m].get('date') or 'undated'}  {_short(self.G.nodes[m]['label'], 80)}" for m in ms[:20]
                ) + ("\n…" if count > 20 else "")
            edge = {"from": a, "to": b, "title": title}
            width = round(1 + 1.5 * math.log2(max(1, count)), 2) * (1.5 if e["summary"] else 1)
            if width != 1:  # the defaults (grey, plain, 1 px) are set once in the page's options
                edge["width"] = width
            if e["summary"]:
                edge.update(dashes=True, color="#555555")
            edges.append(edge)
        return nodes, edges


#: Label sizes in pixels at zoom 1, from the smallest node's to the largest's, and the size
#: below which a label is not drawn: zoomed out to fit a big network, only the labels of
#: its largest nodes are drawn, and the others appear as one zooms in.
LABEL_MIN, LABEL_MAX, LABEL_DRAW_THRESHOLD = 11, 26, 8


def label_scaling(nodes: list[dict]) -> dict:
    """vis-network's ``nodes.scaling`` for ``nodes``: each node's size is its ``value`` (the
    range of sizes is the range of values), and its label grows with it.

    Example:
        >>> label_scaling([{"value": 12}, {"value": 30}])["min"], label_scaling([{"value": 12}])["max"]
        (12, 12)
    """
    values = [n["value"] for n in nodes] or [12]
    return {"min": min(values), "max": max(values),
            "label": {"enabled": True, "min": LABEL_MIN, "max": LABEL_MAX, "maxVisible": LABEL_MAX,
                      "drawThreshold": LABEL_DRAW_THRESHOLD}}


_STYLE = """<style>
body{font-family:sans-serif;margin:0 12px}
#ddg-head h1{font-size:20px;margin:8px 0 2px}
#ddg-head p{margin:2px 0;color:#444}
#ddg-head .notice{color:#a00;font-weight:bold}
#ddg-legend{display:flex;flex-wrap:wrap;gap:4px 14px;margin:6px 0;font-size:13px}
#ddg-legend span{display:inline-flex;align-items:center;gap:4px}
.vis-tooltip{white-space:pre-wrap !important;max-width:480px;font-family:sans-serif !important}
</style>"""
_SVG = {
    "dot": '<circle cx="7" cy="7" r="6"/>',
    "square": '<rect x="1" y="1" width="12" height="12"/>',
    "diamond": '<polygon points="7,0 14,7 7,14 0,7"/>',
    "triangle": '<polygon points="7,1 13,13 1,13"/>',
    "triangleDown": '<polygon points="1,1 13,1 7,13"/>',
    "star": '<polygon points="7,0 9,5 14,5 10,8 12,14 7,10 2,14 4,8 0,5 5,5"/>',
    "hexagon": '<polygon points="4,1 10,1 14,7 10,13 4,13 0,7"/>',
}
_HOOK = r"""<script type="text/javascript">
(function () {
  window.ddgraphStable = null;
  window.network = network;
  // A label that would cover a larger node's label at this zoom is not drawn: zoomed out, the
  // largest nodes are named; zooming in names the others as room appears (window.ddgraphDeclutter).
  var hidden = {}, CLEAR = "rgba(0,0,0,0)", pending = null;
  function declutter() {
    var body = network.body, kept = [], changes = [];
    var ids = body.nodeIndices.slice().sort(function (a, b) {
      var va = body.nodes[a].options.value || 0, vb = body.nodes[b].options.value || 0;
      return vb - va || (a < b ? -1 : a > b ? 1 : 0);
    });
    ids.forEach(function (id) {
      var lab = body.nodes[id].labelModule, s = lab.size, clash = false;
      if (lab.elementOptions.label && lab.visible()) {
        var box = [s.left, s.top, s.left + s.width, s.top + s.height];
        clash = kept.some(function (k) { return box[0] < k[2] && k[0] < box[2] && box[1] < k[3] && k[1] < box[3]; });
        if (!clash) { kept.push(box); }
      }
      if (clash !== !!hidden[id]) {
        hidden[id] = clash;
        var font = Object.assign({}, body.data.nodes.get(id).font || {});
        if (clash) { font.color = CLEAR; } else { delete font.color; }
        changes.push({id: id, font: font});
      }
    });
    if (changes.length) { body.data.nodes.update(changes); }
  }
  window.ddgraphDeclutter = declutter;
  function later() { if (pending !== null) { clearTimeout(pending); } pending = setTimeout(function () { pending = null; declutter(); }, 120); }
  network.on("zoom", later);
  network.on("dragEnd", later);
  network.on("stabilized", later);  // the nodes moved on after the first drawing
  function mark() {  // the labels are measured as drawn: after the first drawing of the final layout
    if (window.ddgraphStable !== null || mark.waiting) { return; }
    mark.waiting = true;
    network.once("afterDrawing", function () { declutter(); window.ddgraphStable = performance.now(); });
    network.redraw();
  }
  if (%s && network.body.data.nodes.length > 0) { network.once("stabilizationIterationsDone", mark); network.once("stabilized", mark); }
  else { network.once("afterDrawing", mark); network.redraw(); }
  network.on("doubleClick", function (params) {  // a node with a page of the site opens it
    if (params.nodes.length !== 1) { return; }
    var node = network.body.data.nodes.get(params.nodes[0]);
    if (node && typeof node.url === "string" && /^[A-Za-z0-9_.\/-]+\.html$/.test(node.url)) { window.location.href = node.url; }
  });
})();
</script>"""


def _legend(nodes: list[dict], edges: list[dict]) -> str:
    counts = defaultdict(int)
    for n in nodes:
        counts[n["type"]] += 1
    items = []
    for t, (colour, shape, name) in TYPE_STYLE.items():
        if counts[t]:
            svg = f'<svg width="14" height="14" viewBox="0 0 14 14" fill="{colour}">{_SVG[shape]}</svg>'
            items.append(f"<span>{svg}{html.escape(name)} ({counts[t]:,})</span>")
    if any(e.get("dashes") for e in edges):
        items.append('<span><svg width="28" height="14"><line x1="0" y1="7" x2="28" y2="7" stroke="#555" '
                     'stroke-width="3" stroke-dasharray="5,3"/></svg>met: width = number of meetings</span>')
    return '<div id="ddg-legend">' + "".join(items) + "</div>"


def write_page(
    view: PageView, path: str | Path, title: str, subtitle: str = "", notice: str = "", *, physics: bool = True,
    assets: str | Path | None = None, links: dict[str, str] | None = None,
) -> Path:
    """Write a view as one offline HTML page (see the module docstring).

    Args:
        view: the nodes and edges to show.
        path: the file to write (its directory is created).
        title, subtitle, notice: the heading of the page (escaped).
        physics: the browser lays the network out; without, :func:`force_layout` does.
        assets: None: inline vis-network (a self-contained page of about 0.7 MB). Else the
            directory where :func:`queries.assets.write_assets` put the shared files, which
            the page links by a relative path (the site's mode).
        links: in the site's mode, the site's pages by node id, as paths from the site's
            root (the parent of ``assets``): a node with a page opens it on a double click,
            and the page links back to the site's ``index.html``.

    Raises:
        RuntimeError: the page would load anything from the network, or ``assets`` lacks a shared file.

    Example:
        >>> import tempfile
        >>> G = nx.MultiDiGraph(); G.add_node("a", label="Rustem Umerov", type="person")
        >>> view = PageView(G); view.nodes = {"a"}
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     page = write_page(view, tmp + "/a.html", "Umerov", physics=False).read_text(encoding="utf-8")
        >>> [n["label"] for n in page_data(page)[0]], external_refs(page), len(page) > 500_000
        (['Rustem Umerov'], [], True)
    """
    if assets is not None:
        missing = [name for name in ASSETS if not (Path(assets) / name).is_file()]
        if missing:
            raise RuntimeError(f"{assets}: no {missing[0]} (write it with queries.assets.write_assets)")
    positions = None
    if not physics:
        names = sorted(view.nodes)
        positions = force_layout(names, sorted(view.edges))
    nodes, edges = view.vis_data(positions)
    index = None
    if assets is not None and links is not None:
        root, here = Path(assets).resolve().parent, Path(path).resolve().parent
        for node in nodes:
            if node["id"] in links:
                node["url"] = Path(os.path.relpath(root / links[node["id"]], here)).as_posix()
        index = Path(os.path.relpath(root / "index.html", here)).as_posix()
    net = Network(height="80vh", width="100%", cdn_resources="in_line", heading="")
    net.templateEnv = template_env(assets is not None)
    net.nodes, net.edges = nodes, edges
    net.options = {
        "nodes": {"font": {"size": 13}, "borderWidth": 1, "scaling": label_scaling(nodes)},
        "edges": {"smooth": False, "width": 1, "dashes": False,
                  "color": {"color": _EDGE, "highlight": _EDGE, "hover": _EDGE, "inherit": False}},
        "layout": {"improvedLayout": False, "randomSeed": 7},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": len(edges) > 2000},
        "physics": {"enabled": physics, "solver": "forceAtlas2Based",
                    "stabilization": {"enabled": physics, "iterations": 200, "updateInterval": 25, "fit": True}},
    }
    page = net.generate_html()
    if assets is not None:
        page = link_assets(page, path, assets)
    page = re.sub(r"<link\b[^>]*\bhref\s*=\s*[\"']?(?:https?:)?//[^>]*>", "", page)
    page = re.sub(r"<script\b[^>]*\bsrc\s*=\s*[\"']?(?:https?:)?//[^>]*>\s*</script>", "", page)
    page = re.sub(r"<!--\s*<link[^>]*node_modules.*?-->", "", page, flags=re.S)
    page = re.sub(r"<center>\s*<h1>\s*</h1>\s*</center>", "", page)
    head = f"<title>{escape_text(title)}</title>\n{_STYLE}\n</head>"
    page = page.replace("</head>", head, 1)
    block = f'<div id="ddg-head"><p class="nav"><a href="{html.escape(index)}">index</a></p>' if index else '<div id="ddg-head">'
    block += f"<h1>{escape_text(title)}</h1>"
    block += f"<p>{escape_text(subtitle)}</p>" if subtitle else ""
    block += f'<p class="notice">{escape_text(notice)}</p>' if notice else ""
    block += _legend(nodes, edges) + "</div>"
    page = page.replace("<body>", "<body>\n" + block, 1)
    cut = page.rindex("drawGraph();")
    cut = page.index("</script>", cut) + len("</script>")
    page = page[:cut] + "\n" + _HOOK % ("true" if physics else "false") + page[cut:]
    bad = external_refs(page)
    if bad:
        raise RuntimeError(f"{path}: the page would load {bad[0]!r} from the network")
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    return out
