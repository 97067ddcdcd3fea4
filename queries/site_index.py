"""The index of the site: counts, and the list of each kind split into pages with a filter box.

``index.html`` gives the size of the graph, links to the whole-graph page and,
for each kind (persons, meetings, topics, country pairs), its count and links
to its list pages ``lists/<kind>-<n>.html`` of at most ``per_page`` rows, in
the order of :class:`Listing`'s rows. Each list page is plain HTML: a pager, a
table and a filter box whose few lines of inline JavaScript hide the rows of
the page that do not contain every word typed (case and accents ignored). It
only reads ``textContent`` and sets ``hidden``: text from the graph is escaped
once, in the table (:func:`queries.assets.escape_text`), and never parsed again.

Example:
    >>> rows = [Row("persons/a.html", "Rustem Umerov", (3, 2))]
    >>> listing = Listing("persons", "Persons", ("person", "meetings", "partners"), rows)
    >>> [name for name, _ in list_pages(listing, per_page=500)]
    ['lists/persons-1.html']
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass
from pathlib import Path

from ddgraph.queries.assets import escape_text, external_refs

__all__ = ["Listing", "Row", "index_page", "list_pages", "write_index"]


@dataclass(frozen=True)
class Row:
    """One line of a list: a page of the site (relative to the site's root), its label and other cells."""

    href: str
    label: str
    cells: tuple = ()


@dataclass(frozen=True)
class Listing:
    """The rows of one kind, already in their order; ``key`` names the list pages.

    ``span_cell``: the cell that the rows are sorted by (e.g. the meetings' date), if any:
    each page link then says the range of that cell on the page ("2024-01-02 – 2024-05-30").
    """

    key: str
    title: str
    headers: tuple[str, ...]
    rows: list[Row]
    span_cell: int | None = None

    def pages(self, per_page: int) -> int:
        """Number of list pages (at least one)."""
        return max(1, math.ceil(len(self.rows) / per_page))

    def page_name(self, number: int) -> str:
        """The path of list page ``number`` (from 1) relative to the site's root."""
        return f"lists/{self.key}-{number}.html"

    def span(self, number: int, per_page: int) -> str:
        """The range of :attr:`span_cell` on page ``number`` ("" without one).

        Example:
            >>> rows = [Row("meetings/a.html", "A", ("2024-01-02",)), Row("meetings/b.html", "B", ("2024-05-30",))]
            >>> Listing("meetings", "Meetings", ("meeting", "date"), rows, span_cell=0).span(1, 500)
            '2024-01-02 – 2024-05-30'
        """
        rows = self.rows[(number - 1) * per_page: number * per_page]
        if self.span_cell is None or not rows:
            return ""
        first, last = (str(r.cells[self.span_cell]) for r in (rows[0], rows[-1]))
        return first if first == last else f"{first} – {last}"


_STYLE = """<style>
body{font-family:sans-serif;margin:16px 24px;color:#222}
h1{font-size:22px} h2{font-size:18px;margin-top:24px}
table{border-collapse:collapse;font-size:14px} td,th{padding:2px 10px;text-align:left;border-bottom:1px solid #eee}
td.n{text-align:right}
nav.pager{margin:8px 0;line-height:1.8} nav.pager a,nav.pager b{margin-right:6px}
#ddg-filter{font-size:15px;padding:3px 6px;width:24em;margin:6px 8px 8px 0}
</style>"""
# Hides the rows of the page that miss a typed word; reads textContent only (no HTML is parsed).
_FILTER = r"""<script>
(function () {
  var box = document.getElementById("ddg-filter"), shown = document.getElementById("ddg-shown");
  var rows = document.querySelectorAll("#ddg-list tbody tr");
  function fold(s) { return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); }
  var texts = Array.prototype.map.call(rows, function (r) { return fold(r.textContent); });
  function apply() {
    var words = fold(box.value).split(/\s+/).filter(Boolean), n = 0;
    for (var i = 0; i < rows.length; i++) {
      var hit = words.every(function (w) { return texts[i].indexOf(w) >= 0; });
      rows[i].hidden = !hit;
      if (hit) { n++; }
    }
    shown.textContent = n + " of " + rows.length + " rows of this page";
  }
  box.addEventListener("input", apply);
  apply();
})();
</script>"""


def _head(title: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{escape_text(title)}</title>\n'
            f"{_STYLE}\n</head><body>")


def _cell(value) -> str:
    if isinstance(value, int):
        return f'<td class="n">{value:,}</td>'
    return f"<td>{escape_text(str(value))}</td>"


def _table(listing: Listing, rows: list[Row], prefix: str) -> str:
    heads = "".join(f"<th>{escape_text(h)}</th>" for h in listing.headers)
    body = "\n".join(
        f'<tr><td><a href="{html.escape(prefix + r.href)}">{escape_text(r.label)}</a></td>{"".join(map(_cell, r.cells))}</tr>'
        for r in rows
    )
    return f'<table id="ddg-list"><thead><tr>{heads}</tr></thead>\n<tbody>\n{body}\n</tbody></table>'


def _page_links(listing: Listing, per_page: int, prefix: str, current: int | None = None) -> str:
    """Links to every list page of a kind ("3" or, with a span cell, "3: 2024-01-02 – 2024-05-30")."""
    links = []
    for n in range(1, listing.pages(per_page) + 1):
        span = listing.span(n, per_page)
        text = f"{n}: {escape_text(span)}" if span else str(n)
        links.append(f"<b>{text}</b>" if n == current else f'<a href="{prefix}{listing.page_name(n)}">{text}</a>')
    return (" · " if listing.span_cell is not None else " ").join(links)


def list_pages(listing: Listing, *, per_page: int = 500) -> list[tuple[str, str]]:
    """The list pages of one kind: (path relative to the site's root, HTML).

    Example:
        >>> rows = [Row(f"topics/t{i}.html", f"topic <{i}>", (i,)) for i in range(3)]
        >>> pages = list_pages(Listing("topics", "Topics", ("topic", "meetings"), rows), per_page=2)
        >>> [name for name, _ in pages], "topic &lt;2&gt;" in pages[1][1]
        (['lists/topics-1.html', 'lists/topics-2.html'], True)
    """
    total = listing.pages(per_page)
    out = []
    for number in range(1, total + 1):
        rows = listing.rows[(number - 1) * per_page: number * per_page]
        first = (number - 1) * per_page + 1
        span = f"{first:,}–{first + len(rows) - 1:,} of {len(listing.rows):,}" if rows else "none"
        pager = f'<nav class="pager">Pages: {_page_links(listing, per_page, "../", number)}</nav>' if total > 1 else ""
        parts = [
            _head(f"ddgraph: {listing.title} ({number}/{total})"),
            '<p><a href="../index.html">ddgraph index</a></p>',
            f"<h1>{escape_text(listing.title)}: {span}</h1>",
            pager,
            '<p><input id="ddg-filter" type="search" placeholder="Filter this page: words in any column" '
            'autocomplete="off" aria-label="Filter the rows of this page"><span id="ddg-shown"></span></p>',
            _table(listing, rows, "../"),
            pager,
            _FILTER,
            "</body></html>\n",
        ]
        out.append((listing.page_name(number), "\n".join(p for p in parts if p)))
    return out


def index_page(listings: list[Listing], summary: str, *, per_page: int = 500) -> str:
    """The site's ``index.html``: the summary, the whole-graph link and, per kind, its count and list pages.

    Example:
        >>> page = index_page([Listing("persons", "Persons", ("person",), [])], "0 nodes")
        >>> "Persons" in page and 'href="lists/persons-1.html"' in page
        True
    """
    rows = []
    for listing in listings:
        links = _page_links(listing, per_page, "")
        rows.append(f'<tr><td><a href="{listing.page_name(1)}">{escape_text(listing.title)}</a></td>'
                    f'<td class="n">{len(listing.rows):,}</td><td>{links}</td></tr>')
    return "\n".join([
        _head("ddgraph"),
        "<h1>ddgraph: defense-diplomacy knowledge graph</h1>",
        f'<p>{escape_text(summary)} <a href="graph.html">Whole graph</a></p>',
        f"<p>Lists of {per_page:,} rows per page, each with a filter box.</p>",
        "<table><thead><tr><th>list</th><th>count</th><th>pages</th></tr></thead><tbody>",
        *rows,
        "</tbody></table>",
        "</body></html>\n",
    ])


def write_index(out_dir: str | Path, listings: list[Listing], summary: str, *, per_page: int = 500) -> list[Path]:
    """Write ``index.html`` and every list page under ``out_dir``; return their paths, index first.

    Raises:
        RuntimeError: a page would load anything from the network.

    Example:
        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     [p.name for p in write_index(tmp, [Listing("topics", "Topics", ("topic",), [])], "0 nodes")]
        ['index.html', 'topics-1.html']
    """
    out = Path(out_dir)
    pages = [("index.html", index_page(listings, summary, per_page=per_page))]
    for listing in listings:
        pages += list_pages(listing, per_page=per_page)
    written = []
    for name, page in pages:
        bad = external_refs(page)
        if bad:
            raise RuntimeError(f"{out / name}: the page would load {bad[0]!r} from the network")
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page, encoding="utf-8")
        written.append(path)
    return written
