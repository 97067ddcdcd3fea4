"""The state one evaluation run shares between its category scorers.

:class:`ScoringRun` reads the store once (:class:`queries.eval_view.StoreView`),
indexes the gold persons by every normalised name and variant, and collects
scores and findings; the scorers of :mod:`queries.score_persons`,
:mod:`queries.score_meetings`, :mod:`queries.score_aid` and
:mod:`queries.score_noise` are mixins over it, put together by
:func:`queries.evaluate.evaluate`.

Example:
    >>> from rdflib import Dataset
    >>> from ddgraph.queries.gold import Gold, GoldPerson
    >>> run = ScoringRun(Dataset(), Gold("g.yaml", persons=(GoldPerson("Rustem Umerov", ("Умєров",)),)))
    >>> sorted(run.index), run.warnings
    (['rustem umerov', 'умєров'], [])
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:  # rdflib only in annotations: a lookup process does not load it
    from rdflib import Dataset
    from rdflib.term import Node

from ddgraph.queries.eval_view import StoreView, labels_text
from ddgraph.queries.gold import Gold, GoldPerson
from ddgraph.queries.matching import norm, word_similarity
from ddgraph.queries.report import Finding, Score

HAPPENED = "happened"
KEPT_APART = frozenset({"planned", "denied"})


class ScoringRun:
    """Accumulates scores and findings category by category.

    Attributes:
        gold: the gold file.
        v: the store as the scored articles state it.
        scored: the scored articles.
        scores: category -> :class:`~queries.report.Score`.
        found: finding kind -> findings.
        people: gold person name -> person (meeting participants included).
        index: normalised name or variant -> gold person names.
        matches: gold meeting id -> matched store meeting IRI.
        warnings, kept, agreement_dates: lines for the report.
    """

    def __init__(self, ds: Dataset, gold: Gold) -> None:
        self.gold = gold
        self.v = StoreView(ds, gold.sources)
        self.scored = sorted(self.v.name, key=str)
        self.scores: dict[str, Score] = {}
        self.found: dict[str, list[Finding]] = defaultdict(list)
        self.people = {p.name: p for p in gold.persons}
        for m in gold.meetings:
            for name in m.participants:
                self.people.setdefault(name, GoldPerson(name))
        self.index: dict[str, set[str]] = defaultdict(set)
        for person in self.people.values():
            for key in person.keys:
                self.index[key].add(person.name)
        self.matches: dict[str, str] = {}
        self.warnings = list(gold.notes) + [f"gold source {p!r} matches no article in the store" for p, gs in
                         self.v.by_prefix.items() if not gs]
        self.warnings += [f"gold source {p!r} matches {len(gs)} articles: {labels_text(self.v, gs)}"
                          for p, gs in self.v.by_prefix.items() if len(gs) > 1]
        extra_names = [n for nm in gold.not_meetings for n in nm.participants]
        extra_names += [n for pair in gold.distinct_persons for n in pair]
        extra_names += [n for a in gold.agreements for n in a.signatories]
        self.warnings += [f"{name!r} is not a gold person: matched by that exact name only"
                          for name in dict.fromkeys(extra_names) if name not in self.people]
        self.kept: list[str] = []
        self.agreement_dates: list[str] = []

    def add(self, category: str, kind: str, subject: str, reason: str, articles: Iterable[str] = ()) -> None:
        """Record a finding of ``kind`` ("miss", "extra", ...) in ``category``."""
        self.found[kind].append(Finding(category, kind, subject, reason, tuple(articles)))

    def graphs(self, sources: Iterable[str]) -> list[Node]:
        """The articles of the gold ``sources``, sorted."""
        return sorted({g for s in sources for g in self.v.by_prefix.get(s, ())}, key=str)

    def gold_names(self, node: Node) -> set[str]:
        """The gold persons whose name or variant is a label of store ``node``."""
        return {n for label in self.v.names(node) for n in self.index.get(norm(label), ())}

    def is_person(self, node: Node, name: str) -> bool:
        """Whether store ``node`` is the person ``name`` (gold persons by name or variant, others by name)."""
        if name in self.people:
            return name in self.gold_names(node)
        return norm(name) in {norm(label) for label in self.v.names(node)}

    def is_org(self, node: Node, name: str) -> bool:
        """Whether store ``node`` is the organisation ``name`` (a gold name or variant, or word overlap >= 0.5)."""
        labels = self.v.names(node)
        return bool(self.gold.org_keys(name) & {norm(n) for n in labels}) or any(
            word_similarity(name, n) >= 0.5 for n in labels)
