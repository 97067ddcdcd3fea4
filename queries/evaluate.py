"""Score a graph against a gold file (``ddgraph evaluate``).

Command to add to ``queries/cli.py``::

    ddgraph evaluate --gold FILE [--json] [--explain]

    report = evaluate(ds, load_gold(gold_file))
    click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2) if as_json
               else format_report(report, explain=explain))

Only articles the gold names (sources and noise keys) are scored
(:mod:`queries.eval_view` reads them). Matching is strict: the only fuzziness is
in :mod:`queries.matching` (name normalisation, title spelling, word overlap).
Each category has its scorer: persons, ranks, roles and ``distinct_persons`` in
:mod:`queries.score_persons`; meetings, multi-source events, topics, locations,
dates and ``not_meetings`` in :mod:`queries.score_meetings`; aid and agreements
(parties, signatories, dates) in :mod:`queries.score_aid`; noise in
:mod:`queries.score_noise`. Result types and rendering live in
:mod:`queries.report`.

Example:
    >>> from rdflib import Dataset
    >>> from ddgraph.queries.gold import Gold
    >>> report = evaluate(Dataset(), Gold("empty.yaml"))
    >>> report.scores["persons"].f1
    1.0
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # rdflib only in annotations: a lookup process does not load it
    from rdflib import Dataset

from ddgraph.queries.eval_view import compact
from ddgraph.queries.eval_view import is_source as _is_source  # under its old name, for the tests
from ddgraph.queries.gold import Gold, load_gold
from ddgraph.queries.report import Report, format_report
from ddgraph.queries.score_aid import AidScoring
from ddgraph.queries.score_meetings import MeetingScoring
from ddgraph.queries.score_noise import NoiseScoring
from ddgraph.queries.score_persons import PersonScoring

__all__ = ["CATEGORIES", "evaluate", "format_report", "load_gold", "_is_source"]

CATEGORIES = ("persons", "ranks", "roles", "meetings", "multi_source", "topics", "locations",
              "dates", "aid", "agreements", "agreement_parties", "agreement_signatories")


class _Evaluation(PersonScoring, MeetingScoring, AidScoring, NoiseScoring):
    """Every category scorer over one shared run."""

    def report(self) -> Report:
        """Run every scorer, in an order where each finds what the previous ones recorded."""
        for step in (self.persons, self.distinct, self.meetings, self.aid, self.agreements, self.noise):
            step()
        f = self.found
        return Report(self.gold.path, {p: tuple(compact(g) for g in gs) for p, gs in self.v.by_prefix.items()},
                      {k: self.scores[k] for k in CATEGORIES}, tuple(f["miss"]), tuple(f["extra"]),
                      tuple(f["split"]), tuple(f["merged"]), self.multi, tuple(f["violation"]),
                      tuple(f["status"]), dict(self.matches), tuple(self.warnings), tuple(f["false_meeting"]),
                      tuple(f["false_merge"]), tuple(self.kept), tuple(self.agreement_dates))


def evaluate(ds: Dataset, gold: Gold) -> Report:
    """Score the graph in ``ds`` against ``gold``.

    Example:
        >>> from rdflib import Dataset
        >>> from ddgraph.queries.gold import Gold, GoldMeeting
        >>> r = evaluate(Dataset(), Gold("g.yaml", meetings=(GoldMeeting("m", ("000",), ("A",)),)))
        >>> r.scores["meetings"].fn, r.warnings
        (1, ("gold source '000' matches no article in the store",))
    """
    return _Evaluation(ds, gold).report()
