"""The parts every answer is made of: sources, refs, date bounds, and the rows of the named queries.

:func:`select` runs one of the parameterised queries of ``queries/sparql/``
(bindings through :func:`queries.sparql.run_select`); :func:`source_of` and
:func:`refs` turn its rows into :class:`Source` and :class:`Ref` records. Used
by :mod:`queries.lookup`, :mod:`queries.facts` and :mod:`queries.people`.

Example:
    >>> sources_of([{"g": "https://w3id.org/ddgraph/id/article/a1", "file": "data/000_a1.txt",
    ...              "published": "2024-09-02T10:00:00", "publisher": "Ukrinform"}])[0].name
    '000_a1'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # rdflib only in annotations: a lookup process does not load it
    from rdflib import Dataset

from ddgraph.graph.errors import QueryError
from ddgraph.queries.names import compact_iri
from ddgraph.queries.sparql import load_query, run_select


@dataclass(frozen=True)
class Source:
    """An article that states something: IRI, short name (file stem), file, date, outlet."""

    article: str
    name: str
    file: str | None = None
    published: str | None = None
    publisher: str | None = None


@dataclass(frozen=True)
class Ref:
    """A thing an answer points to: IRI and label."""

    iri: str
    label: str


def select(ds: Dataset, name: str, *, values: dict[str, list[str]] | None = None, limit: int | None = None,
           iris: dict[str, str] | None = None, keys: dict[str, str] | None = None,
           **bindings: str | None) -> list[dict[str, str | None]]:
    """Run ``queries/sparql/NAME.rq`` with the bindings that are not None; rows as dicts.

    ``values`` fills the query's ``{{values ?x}}`` blocks (see :func:`queries.sparql.load_query`);
    a block of no IRIs gives no rows without running the query.

    Example:
        >>> from rdflib import Dataset
        >>> select(Dataset(), "articles")
        []
    """
    if values is not None and any(not v for v in values.values()):
        return []
    query = load_query(name, values=values, limit=limit, iris=iris, keys=keys)
    return run_select(ds, query, {k: v for k, v in bindings.items() if v is not None}, union=False).dicts()


class Page(list):
    """A list of answers that may be the first part (or the latest part) of more.

    Attributes:
        total: how many answers there are in all (``len(page)`` when nothing was left out).

    Example:
        >>> p = Page([1, 2], total=5)
        >>> (list(p), p.total, p.partial)
        ([1, 2], 5, True)
    """

    def __init__(self, items=(), total: int | None = None) -> None:
        super().__init__(items)
        self.total = len(self) if total is None else total

    @property
    def partial(self) -> bool:
        """Whether answers were left out."""
        return self.total > len(self)


def latest(items: list, limit: int | None) -> tuple[list, int]:
    """The last ``limit`` items of a chronologically sorted list (all for None), and how many there were.

    Example:
        >>> latest([1, 2, 3], 2)
        ([2, 3], 3)
    """
    if limit is None or limit >= len(items):
        return list(items), len(items)
    return list(items[len(items) - max(0, limit):]), len(items)


def labels_of(ds: Dataset, things) -> dict[str, str]:
    """IRI -> its label in the instance layer, for the IRIs among ``things`` that have one.

    Example:
        >>> from ddgraph.graph.store import open_store  # doctest: +SKIP
        >>> labels_of(store.ox, ["https://w3id.org/ddgraph/id/person/rustem-umerov"])  # doctest: +SKIP
        {'https://w3id.org/ddgraph/id/person/rustem-umerov': 'Rustem Umerov'}
    """
    iris = sorted({t for t in things if t and t.startswith(("http://", "https://"))})
    out: dict[str, str] = {}
    for i in range(0, len(iris), 500):
        for r in select(ds, "labels", values={"thing": iris[i : i + 500]}):
            out[r["thing"]] = r["label"]
    return out


_META = {"sourceFile": "file", "datePublished": "published", "publisher": "publisher"}


def sources_by_article(ds: Dataset, articles) -> dict[str, Source]:
    """The :class:`Source` of each article IRI (file, date, outlet from the default graph)."""
    meta: dict[str, dict[str, str]] = {}
    articles = sorted(set(articles))
    for i in range(0, len(articles), 500):
        for r in select(ds, "article_meta", values={"g": articles[i : i + 500]}):
            field = _META[r["p"].rsplit("/", 1)[-1].rsplit("#", 1)[-1]]
            row = meta.setdefault(r["g"], {"g": r["g"]})
            row[field] = min(row.get(field) or r["value"], r["value"])
    found = {g: source_of(row) for g, row in meta.items()}
    return {a: found.get(a) or Source(a, a.rsplit("/", 1)[-1]) for a in articles}


_N3_LITERAL = re.compile(r'^"(.*)"(?:@([A-Za-z0-9-]+)|\^\^<([^>]*)>)?$', re.S)
_N3_ESCAPES = re.compile(r'\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)', re.S)


def from_n3(text: str):
    """An rdflib term from its N-Triples form (an IRI or a literal).

    Example:
        >>> from_n3('"Umerov\\"s"@en'), from_n3("<urn:x>")
        (rdflib.term.Literal('Umerov"s', lang='en'), rdflib.term.URIRef('urn:x'))
    """
    from rdflib import Literal, URIRef

    if text.startswith("<") and text.endswith(">"):
        return URIRef(text[1:-1])
    m = _N3_LITERAL.match(text)
    if m is None:
        return Literal(text)
    simple = {"t": "\t", "n": "\n", "r": "\r", "b": "\b", "f": "\f", '"': '"', "'": "'", "\\": "\\"}
    value = _N3_ESCAPES.sub(lambda e: chr(int(e.group(1)[1:], 16)) if e.group(1)[0] in "uU" and len(e.group(1)) > 1
                            else simple.get(e.group(1), e.group(1)), m.group(1))
    return Literal(value, lang=m.group(2), datatype=URIRef(m.group(3)) if m.group(3) else None)


def local(iri: str) -> str:
    """The local name of a property IRI.

    Example:
        >>> local("https://w3id.org/ddgraph/ontology#bestDate"), local("http://www.w3.org/2000/01/rdf-schema#label")
        ('bestDate', 'label')
    """
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def topic_labels(ds: Dataset) -> dict[str, str]:
    """Topic IRI -> its English label (the topic scheme)."""
    out: dict[str, str] = {}
    for r in sorted(select(ds, "topics"), key=lambda r: (r["x"], r["form"])):
        if r["main"] == "true" and (r["lang"] == "en" or r["x"] not in out):
            out[r["x"]] = r["form"]
    return out


def by_date(sources) -> tuple[Source, ...]:
    """Sources sorted by publication date (undated last), then name."""
    return tuple(sorted(sources, key=lambda s: (s.published or "9999", s.name)))


def source_of(row: dict) -> Source:
    """The :class:`Source` of a row with ?g ?file ?published ?publisher.

    Example:
        >>> source_of({"g": "ddr:article/a1", "file": "data/000_a1.txt", "published": "2024-09-02T10:00:00"})
        Source(article='ddr:article/a1', name='000_a1', file='data/000_a1.txt', published='2024-09-02', publisher=None)
    """
    file = row.get("file")
    name = PurePath(file).stem if file else row["g"].rsplit("/", 1)[-1]
    published = row.get("published")
    return Source(row["g"], name, file, published[:10] if published else None, row.get("publisher"))


def sources_of(rows) -> tuple[Source, ...]:
    """Distinct sources of some rows, by publication date then name.

    Example:
        >>> [s.name for s in sources_of([{"g": "x/a"}, {"g": "x/b", "published": "2024-09-02"}, {"g": "x/a"}])]
        ['b', 'a']
    """
    found = {r["g"]: source_of(r) for r in rows if r.get("g")}
    return tuple(sorted(found.values(), key=lambda s: (s.published or "9999", s.name)))


def node_type(iri: str) -> str:
    """The kind of a ddr: IRI from its path (person, organization, group, country...).

    Example:
        >>> node_type("https://w3id.org/ddgraph/id/group/french-defense-companies")
        'group'
    """
    rest = compact_iri(iri)
    return rest.split(":", 1)[-1].split("/", 1)[0] if rest.startswith("ddr:") else "topic" if rest.startswith("ddt:") else "other"


_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def date_bound(value: str | None, *, end: bool = False, option: str = "date") -> str | None:
    """Check a date bound (YYYY, YYYY-MM or YYYY-MM-DD) and complete it.

    Example:
        >>> date_bound("2024"), date_bound("2024", end=True), date_bound("2024-09")
        ('2024-01-01', '2024-12-31', '2024-09-01')
    """
    if value is None:
        return None
    m = _DATE.match(str(value).strip())
    if not m or (m.group(2) and not 1 <= int(m.group(2)) <= 12) or (m.group(3) and not 1 <= int(m.group(3)) <= 31):
        raise QueryError(f"{option}: '{value}' is not a date (YYYY-MM-DD, YYYY-MM or YYYY)")
    y, mo, d = m.groups()
    return f"{y}-{mo or ('12' if end else '01')}-{d or ('31' if end else '01')}"


def refs(pairs) -> tuple[Ref, ...]:
    """Distinct refs of (IRI, label) pairs: persons first, then by label; a missing label from the IRI.

    Example:
        >>> [r.label for r in refs([("https://w3id.org/ddgraph/id/country/france", None),
        ...                         ("https://w3id.org/ddgraph/id/person/rustem-umerov", "Rustem Umerov")])]
        ['Rustem Umerov', 'france']
    """
    labels: dict[str, str] = {}
    for iri, label in pairs:
        if label or iri not in labels:
            labels[iri] = label or labels.get(iri) or iri.rsplit("/", 1)[-1].replace("-", " ")
    order = {"person": 0}
    return tuple(Ref(i, labels[i]) for i in sorted(labels, key=lambda i: (order.get(node_type(i), 1), labels[i], i)))
