"""Cross-article resolution: one global IRI for every entity and event.

``resolve`` is a pure function of the *set* of records: any order of the same
records gives the same :class:`Resolution`, IRIs included. It is incremental
resolution (:func:`graph.incremental.update`) applied to an empty, in-memory
state, so a store that resolves article by article equals a store that resolved
everything at once.

Persons are clustered by :mod:`graph.persons` (names compared with
:mod:`graph.names`), events by :mod:`graph.events`; other entities get the IRI
of their lexicon id, office title or name (:func:`entity_iri`).

Example:
    >>> from ddgraph.graph.model import ArticleRecord, Entity
    >>> def rec(article_id, name, lang):
    ...     return ArticleRecord(article_id, "", "", (), lang, entities=(Entity("p1", "person", name, lang),))
    >>> r = resolve([rec("a", "Rustem Umerov", "en"), rec("b", "Умєровим", "uk")])
    >>> r.iri[("b", "p1")]
    'https://w3id.org/ddgraph/id/person/rustem-umerov'
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ddgraph.graph.curation import Decisions
from ddgraph.graph.incremental import Changes, label_key, lean_record, update
from ddgraph.graph.iri import entity_iri
from ddgraph.graph.model import ArticleRecord
from ddgraph.graph.names import first_name_relation, person_label, split_name
from ddgraph.graph.persons import Node
from ddgraph.graph.state import ResolutionState

__all__ = [
    "Changes", "Node", "Resolution", "entity_iri", "label_key", "lean_record", "resolve", "resolution_for",
    "state_resolution", "update",
    # re-exported for the tests
    "first_name_relation", "person_label", "split_name",
]


@dataclass(frozen=True)
class Resolution:
    """Global identities of everything a set of records names.

    Attributes:
        iri: (article_id, local key) -> IRI, for every entity and event.
        label: IRI -> (canonical label, lang); persons get a canonical English label.
        alt_labels: IRI -> every other (form, lang) seen, the canonical label excluded.
    """

    iri: Mapping[tuple[str, str], str]
    label: Mapping[str, tuple[str, str]]
    alt_labels: Mapping[str, frozenset[tuple[str, str]]]


def resolve(records: Sequence[ArticleRecord], decisions: Decisions | None = None) -> Resolution:
    """Give every entity and event of ``records`` its global IRI, label and alt labels.

    Args:
        records: the articles, in any order (article ids must be unique).
        decisions: analysts' same/different decisions about persons.

    Example:
        >>> from ddgraph.graph.model import ArticleRecord, Entity
        >>> recs = [ArticleRecord(i, "", "", (), "en", entities=(Entity("p1", "person", n, "en"),))
        ...         for i, n in (("a", "Dmytro Kuleba"), ("b", "Oleksiy Kuleba"))]
        >>> sorted(set(resolve(recs).iri.values()))[0]
        'https://w3id.org/ddgraph/id/person/dmytro-kuleba'
    """
    state = ResolutionState.memory()
    try:
        update(state, records, decisions or Decisions())
        return state_resolution(state)
    finally:
        state.close()


def _labels(state: ResolutionState, iris: Iterable[str] | None) -> dict[str, tuple[str, str]]:
    if iris is None:
        rows = list(state.db.execute("SELECT iri, label FROM cluster"))
        rows2 = list(state.db.execute("SELECT iri, name, lang FROM elabel"))
    else:
        iris = set(iris)
        rows = state.values("SELECT iri, label FROM cluster WHERE iri IN ({})", iris)
        rows2 = state.values("SELECT iri, name, lang FROM elabel WHERE iri IN ({})", iris)
    out = {i: (lab, "en") for i, lab in rows}
    out.update((i, (n, lang)) for i, n, lang in rows2)
    return out


def resolution_for(state: ResolutionState, records: Iterable[ArticleRecord]) -> Resolution:
    """The IRIs of the nodes of ``records`` and the labels of every IRI they use (no alt labels).

    What writing these articles' graphs needs, read from the state's indexes only.
    """
    from ddgraph.graph.incremental import _Update

    by_id = {r.article_id: r for r in records}
    iri = _Update(state, Decisions()).node_iris(by_id)
    return Resolution(iri, _labels(state, set(iri.values())), {})


def state_resolution(state: ResolutionState) -> Resolution:
    """The whole :class:`Resolution` a state holds, alt labels included (sorted)."""
    from ddgraph.graph.incremental import _Update

    job = _Update(state, Decisions())
    iri = job.node_iris(job.lean(sorted(state.articles())))
    label = _labels(state, None)
    alts: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for x, form, lang in state.db.execute(
            "SELECT c.iri, f.form, f.lang FROM pform f JOIN profile p ON p.id = f.profile "
            "JOIN cluster c ON c.root = p.root WHERE f.form != c.label"):
        alts[x].add((form, lang))
    for x, name, lang in state.db.execute("SELECT iri, name, lang FROM ename WHERE main = 0"):
        if label.get(x) != (name, lang):
            alts[x].add((name, lang))
    for x, name, lang in state.db.execute("SELECT iri, name, lang FROM evalt"):
        alts[x].add((name, lang))
    return Resolution(
        iri=dict(sorted(iri.items())),
        label=dict(sorted(label.items())),
        alt_labels={k: frozenset(alts[k]) for k in sorted(label)},
    )
