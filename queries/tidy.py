"""Tidy tables of the graph for the tools analysts already run: one CSV file per table.

``ddgraph export --format csv -o DIR`` writes ``meetings``, ``participants``,
``topics``, ``aid``, ``agreements``, ``roles`` and ``sources``: one row per thing
(or pair), IRIs as keys that join the tables, several values of one cell joined
by ``"; "``. Meetings, aid and agreements carry CAMEO and PLOVER codes
(``data/event_codes.yaml``), so that rows line up with GDELT, ICEWS and POLECAT.

Example:
    >>> from ddgraph.graph.store import open_store  # doctest: +SKIP
    >>> with open_store("out/store", read_only=True) as s:  # doctest: +SKIP
    ...     written = write_tables(s.ox, "out/tables")
    >>> sorted(written)  # doctest: +SKIP
    ['agreements', 'aid', 'meetings', 'participants', 'roles', 'sources', 'topics']
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

from ddgraph.graph.errors import QueryError
from ddgraph.graph.yaml_data import load_yaml
from ddgraph.queries.project import to_networkx
from ddgraph.queries.rows import select, sources_by_article
from ddgraph.queries.sparql import as_dataset

CODES_FILE = Path(__file__).resolve().parent.parent / "data" / "event_codes.yaml"
TABLE_FORMATS = ("csv", "parquet")


@lru_cache(maxsize=1)
def event_codes() -> dict:
    """The CAMEO / PLOVER codes by event type, then status or kind (``data/event_codes.yaml``)."""
    return load_yaml(CODES_FILE.read_text(encoding="utf-8"))


def codes(kind: str, status: str | None = None, form: str | None = None) -> tuple[str, str]:
    """(CAMEO, PLOVER) of an event: by its status (planned), else its form (phone...), else the default.

    Example:
        >>> codes("meeting", "happened", "phone"), codes("meeting", "planned", "in-person"), codes("aid", "pledged")
        (('041', 'CONSULT'), ('036', 'CONSULT'), ('072', 'AID'))
    """
    table = event_codes()[kind]
    row = table.get(status or "") or table.get(form or "") or table["default"]
    return row["cameo"], row["plover"]


def _joined(values) -> str:
    return "; ".join(sorted(values))


def tables(store) -> dict[str, tuple[list[str], list[list]]]:
    """The tidy tables of a pyoxigraph store: name -> (header, rows)."""
    G = to_networkx(as_dataset(store))
    out_edges: dict[str, dict[str, list[str]]] = {}
    for s, o, rel in G.edges(keys=True):
        out_edges.setdefault(s, {}).setdefault(rel, []).append(o)
    label = lambda n: G.nodes[n].get("name") or G.nodes[n]["label"]  # noqa: E731 - the graph's own label
    of_type = lambda t: sorted(n for n, k in G.nodes(data="type") if k == t)  # noqa: E731
    rel = lambda n, r: out_edges.get(n, {}).get(r, [])  # noqa: E731
    t: dict[str, tuple[list[str], list[list]]] = {}
    rows = []
    for m in of_type("meeting"):
        d = G.nodes[m]
        rows.append([m, d["label"], d.get("date") or "", d.get("date_qualifier") or "", d.get("kind") or "",
                     d.get("status") or "", _joined(label(p) for p in rel(m, "location")), len(d["sources"]),
                     *codes("meeting", d.get("status"), d.get("kind"))])
    t["meetings"] = (["meeting", "title", "date", "date_qualifier", "kind", "status", "places", "reports", "cameo",
                      "plover"], rows)
    t["participants"] = (["meeting", "participant", "label", "type", "delegation"], [
        [m, p, label(p), G.nodes[p]["type"], str(bool(G.edges[m, p, "participant"].get("delegation"))).lower()]
        for m in of_type("meeting") for p in sorted(rel(m, "participant"))])
    t["topics"] = (["meeting", "topic", "label"],
                   [[m, x, label(x)] for m in of_type("meeting") for x in sorted(rel(m, "discusses"))])
    t["aid"] = (["aid", "label", "date", "date_qualifier", "status", "providers", "recipients", "items", "reports",
                 "cameo", "plover"], [
        [a, label(a), G.nodes[a].get("date") or "", G.nodes[a].get("date_qualifier") or "",
         G.nodes[a].get("status") or "", _joined(label(x) for x in rel(a, "provider")),
         _joined(label(x) for x in rel(a, "recipient")), _joined(label(x) for x in rel(a, "item")),
         len(G.nodes[a]["sources"]), *codes("aid", G.nodes[a].get("status"))] for a in of_type("aid")])
    t["agreements"] = (["agreement", "label", "date", "date_qualifier", "status", "parties", "signatories", "reports",
                        "cameo", "plover"], [
        [g, label(g), G.nodes[g].get("date") or "", G.nodes[g].get("date_qualifier") or "",
         G.nodes[g].get("status") or "", _joined(label(x) for x in rel(g, "party")),
         _joined(label(x) for x in rel(g, "signatory")), len(G.nodes[g]["sources"]),
         *codes("agreement", G.nodes[g].get("status"))] for g in of_type("agreement")])
    t["roles"] = (["person", "person_label", "office", "office_label", "country", "organization"], sorted(
        [r["person"], r["personLabel"] or "", r["office"], r["officeLabel"] or "", r["country"] or "",
         r["organization"] or ""] for r in select(store, "roles")))
    events = [n for kind in ("meeting", "aid", "agreement") for n in of_type(kind)]
    meta = sources_by_article(store, {a for n in events for a in G.nodes[n]["sources"]})
    t["sources"] = (["thing", "article", "file", "published", "publisher"], [
        [n, a, meta[a].file or "", meta[a].published or "", meta[a].publisher or ""]
        for n in events for a in sorted(G.nodes[n]["sources"])])
    return t


def write_tables(store, out_dir: str | Path, fmt: str = "csv") -> dict[str, Path]:
    """Write the tidy tables into ``out_dir`` (created), one ``NAME.csv`` (or ``NAME.parquet``) each;
    name -> path.

    Raises:
        QueryError: an unknown format, or parquet without pyarrow installed.
    """
    if fmt not in TABLE_FORMATS:
        raise QueryError(f"table format must be one of {', '.join(TABLE_FORMATS)}, not {fmt!r}")
    if fmt == "parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise QueryError("--format parquet needs pyarrow, which is not installed (pip install pyarrow); "
                             "--format csv needs nothing more") from None
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = {}
    for name, (header, rows) in tables(store).items():
        path = out / f"{name}.{fmt}"
        if fmt == "parquet":
            _write_parquet(path, header, rows)
        else:
            with path.open("w", encoding="utf-8", newline="") as f:
                w = csv.writer(f)
                w.writerow(header)
                w.writerows(rows)
        written[name] = path
    return written


#: Typed columns of the Parquet tables (every other column is text; CAMEO codes keep their zeros).
_INT_COLUMNS = {"reports"}
_BOOL_COLUMNS = {"delegation"}
_DATE_COLUMNS = {"date", "published"}
_FULL_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")


def _write_parquet(path: Path, header: list[str], rows: list[list]) -> None:
    """One table as Parquet: counts as int64, flags as booleans, days as date32 (when every
    value is a whole day), the rest as strings; an empty cell is null."""
    import datetime as dt

    import pyarrow as pa
    import pyarrow.parquet as pq

    columns = {}
    for n, name in enumerate(header):
        values = [None if row[n] in ("", None) else row[n] for row in rows]
        if name in _INT_COLUMNS:
            columns[name] = pa.array([None if v is None else int(v) for v in values], pa.int64())
        elif name in _BOOL_COLUMNS:
            columns[name] = pa.array([None if v is None else str(v) == "true" for v in values], pa.bool_())
        elif name in _DATE_COLUMNS and all(v is None or _FULL_DATE.match(str(v)) for v in values):
            columns[name] = pa.array([None if v is None else dt.date.fromisoformat(str(v)) for v in values], pa.date32())
        else:
            columns[name] = pa.array([None if v is None else str(v) for v in values], pa.string())
    pq.write_table(pa.table(columns), path)
