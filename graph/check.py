"""Verify a store, and repair it: what ``ddgraph check [--repair]`` runs.

A store is sound when

* no write was left half done (no journal) and every stored record is resolved;
* every article graph has its article's metadata in the default graph, and every
  article with metadata has its record;
* every person and event an article graph describes has a mention in that graph,
  and every office, rank, topic and quotation it states a mention that supports it
  (the sentence that states it);
* every thing the instance layer links to is described there (no dangling IRI),
  topics of the scheme and articles aside;
* the instance layer equals a rebuild from the article graphs.

Repairing finishes an interrupted write, resolves what was never resolved,
regenerates the article graphs that are wrong from their records, and rebuilds
what differs in the instance layer; then the store is checked again.

Example:
    >>> import tempfile
    >>> from ddgraph.graph.store import open_store
    >>> with open_store(tempfile.mkdtemp() + "/s") as store:
    ...     check_store(store).ok
    True
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from ddgraph.graph.instances import INSTANCES, REPORTED_IN
from ddgraph.graph.iri import article_iri
from ddgraph.graph.namespaces import ID_NS, SCHEMA_NS
from ddgraph.graph.rdf import MENTION_NS, RDF_TYPE, term
from ddgraph.graph.store import Store
from ddgraph.graph.writer import instance_drift, recover, repair_instances, rewrite, write_articles

ARTICLE_NS = article_iri("")
#: Things an article graph describes only with a mention of them.
_MENTIONED = ("Person", "Meeting", "AidDelivery", "Agreement")
#: Facts an article graph states only with a mention that supports them.
_STATED = ("holdsRole", "rank", "discusses", "said")
_LINKS = ("participant", "delegationMember", "party", "signatory", "provider", "recipient", "item", "location",
          "holdsRole", "ofCountry", "ofOrganization")


@dataclass
class CheckReport:
    """What :func:`check_store` found: a list of (problem, articles or things) per kind."""

    problems: dict[str, list[str]] = field(default_factory=dict)
    articles: int = 0

    @property
    def ok(self) -> bool:
        """True when nothing is wrong."""
        return not any(self.problems.values())

    def add(self, kind: str, items) -> None:
        items = sorted(set(items))
        if items:
            self.problems[kind] = items

    def bad_articles(self) -> set[str]:
        """Ids of the articles whose graphs must be regenerated."""
        out = set()
        for kind in ("graph without metadata", "fact or thing without its mention", "metadata without a graph"):
            out |= {x[len(ARTICLE_NS):] for x in self.problems.get(kind, ()) if x.startswith(ARTICLE_NS)}
        return out

    def lines(self) -> list[str]:
        """One line per kind of problem (with a few examples), or that the store is sound."""
        if self.ok:
            return [f"store is sound: {self.articles:,} articles checked"]
        out = []
        for kind, items in self.problems.items():
            shown = ", ".join(x.replace(ID_NS, "ddr:") for x in items[:3])
            out.append(f"{kind}: {len(items):,} ({shown}{', ...' if len(items) > 3 else ''})")
        return out


def _articles_with_metadata(store: Store) -> set[str]:
    news = ox.NamedNode(SCHEMA_NS + "NewsArticle")
    return {q.subject.value for q in store.ox.quads_for_pattern(None, RDF_TYPE, news, ox.DefaultGraph())}


def check_store(store: Store) -> CheckReport:
    """Check a store opened for writing (see the module docstring)."""
    report = CheckReport()
    journal = store.journal()
    report.add("interrupted write (journal left)", ["journal.json"] if journal is not None else [])
    records = set(store.records.ids())
    report.add("records never resolved", records - store.state.articles())
    graphs = {g for g in store.named_graphs() if g.startswith(ARTICLE_NS)}
    meta = _articles_with_metadata(store)
    report.articles = len(meta)
    report.add("graph without metadata", graphs - meta)
    report.add("metadata without a record", {a for a in meta if a[len(ARTICLE_NS):] not in records})
    report.add("metadata without a graph", {article_iri(a) for a in records if article_iri(a) not in meta})
    report.add("fact or thing without its mention", _unmentioned(store, graphs))
    report.add("dangling IRI in the instance layer", _dangling(store))
    extra, missing = instance_drift(store)
    report.add("instance layer: triples a rebuild does not hold", [f"{s} {p} {o}" for s, p, o in extra])
    report.add("instance layer: triples a rebuild holds and it lacks", [f"{s} {p} {o}" for s, p, o in missing])
    return report


def _unmentioned(store: Store, graphs: set[str]) -> set[str]:
    """Article graphs in which a person or an event has no mention, or an office, rank, topic
    or quotation no mention that states it (dd:supportsProperty and dd:supportsValue)."""
    bad = set()
    mention_of, prop, value = term("mentionOf"), term("supportsProperty"), term("supportsValue")
    for g in sorted(graphs):
        node = ox.NamedNode(g)
        quads = lambda s, p, o: store.ox.quads_for_pattern(s, p, o, node)  # noqa: E731
        mentioned = {q.object for q in quads(None, mention_of, None)}
        if any(q.subject not in mentioned for c in _MENTIONED for q in quads(None, RDF_TYPE, term(c))):
            bad.add(g)
            continue
        stated = {(o.object, p.object, v.object) for p in quads(None, prop, None)
                  for v in quads(p.subject, value, None) for o in quads(p.subject, mention_of, None)}
        if any((q.subject, q.predicate, q.object) not in stated for name in _STATED
               for q in quads(None, term(name), None)):
            bad.add(g)
    return bad


def _dangling(store: Store) -> set[str]:
    """IRIs the instance layer links to that it does not describe (topics and articles aside)."""
    out = set()
    for name in _LINKS:
        for q in store.ox.quads_for_pattern(None, term(name), None, INSTANCES):
            o = q.object
            if isinstance(o, ox.NamedNode) and not any(True for _ in store.ox.quads_for_pattern(o, RDF_TYPE, None,
                                                                                                INSTANCES)):
                out.add(o.value)
    for q in store.ox.quads_for_pattern(None, REPORTED_IN, None, INSTANCES):
        if not q.object.value.startswith(ARTICLE_NS):
            out.add(q.object.value)
    return {x for x in out if not x.startswith(MENTION_NS)}


def repair_store(store: Store) -> tuple[CheckReport, CheckReport]:
    """Repair what :func:`check_store` finds; return the reports before and after."""
    before = check_store(store)
    if before.ok:
        return before, before
    recover(store)
    write_articles(store, [])  # resolves every record never resolved
    bad = before.bad_articles()
    records = set(store.records.ids())
    for kind in ("metadata without a record",):
        bad |= {x[len(ARTICLE_NS):] for x in before.problems.get(kind, ())}
    if bad:
        rewrite(store, bad & records)
        orphans = bad - records  # metadata or graphs of articles whose records are gone
        if orphans:
            rewrite(store, orphans)
    repair_instances(store)
    store.publish()
    return before, check_store(store)
