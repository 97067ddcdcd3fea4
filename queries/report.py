"""The result of ``ddgraph evaluate``: scores, findings, JSON and plain-text rendering.

:func:`queries.evaluate.evaluate` builds a :class:`Report`; the CLI prints it with
:func:`format_report` or ``json.dumps(report.to_dict())``. Nothing here reads
the store or the gold file.

Example:
    >>> report = Report("g.yaml", {}, {"persons": Score.of(1, 0, 0)})
    >>> report.to_dict()["false_meetings"], report.false_merges
    (0, 0)
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Mapping


@dataclass(frozen=True)
class Score:
    """Counts and ratios of one category (empty denominators count as 1.0)."""

    tp: int
    fp: int
    fn: int
    precision: float
    recall: float
    f1: float

    @classmethod
    def of(cls, tp: int, fp: int, fn: int) -> "Score":
        """Build a score from counts.

        Example:
            >>> Score.of(3, 1, 0).precision
            0.75
        """
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        return cls(tp, fp, fn, p, r, 2 * p * r / (p + r) if p + r else 0.0)


@dataclass(frozen=True)
class Finding:
    """One miss, extra, split, merge or violation, with why and where."""

    category: str
    kind: str  # miss | extra | split | merged | violation | status | false_meeting | false_merge
    subject: str
    reason: str
    articles: tuple[str, ...] = ()


@dataclass(frozen=True)
class Report:
    """The result of :func:`queries.evaluate.evaluate`.

    ``not_meetings`` holds the gold ``not_meetings`` violations (store meetings
    that "happened" although the gold says planned / denied / former) and
    ``distinct_persons`` the gold pairs that resolve to one store IRI;
    ``kept_apart`` and ``agreement_dates`` are explanation lines.
    """

    gold_path: str
    articles: Mapping[str, tuple[str, ...]]
    scores: Mapping[str, Score]
    misses: tuple[Finding, ...] = ()
    extras: tuple[Finding, ...] = ()
    splits: tuple[Finding, ...] = ()
    merged: tuple[Finding, ...] = ()
    multi_source: tuple[str, ...] = ()
    noise: tuple[Finding, ...] = ()
    status_mismatches: tuple[Finding, ...] = ()
    meeting_matches: Mapping[str, str] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    not_meetings: tuple[Finding, ...] = ()
    distinct_persons: tuple[Finding, ...] = ()
    kept_apart: tuple[str, ...] = ()
    agreement_dates: tuple[str, ...] = ()

    @property
    def noise_violations(self) -> int:
        """Number of noise violations."""
        return len(self.noise)

    @property
    def false_meetings(self) -> int:
        """Number of gold ``not_meetings`` violated by a store meeting."""
        return len(self.not_meetings)

    @property
    def false_merges(self) -> int:
        """Number of gold ``distinct_persons`` pairs resolved to one store IRI."""
        return len(self.distinct_persons)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (for ``--json``).

        Example:
            >>> Report("g.yaml", {}, {"persons": Score.of(1, 0, 0)}).to_dict()["scores"]["persons"]["f1"]
            1.0
        """
        rows = lambda fs: [asdict(f) for f in fs]  # noqa: E731
        return {"gold": self.gold_path, "articles": {k: list(v) for k, v in self.articles.items()},
                "scores": {k: asdict(v) for k, v in self.scores.items()},
                "noise_violations": self.noise_violations, "false_meetings": self.false_meetings,
                "false_merges": self.false_merges, "misses": rows(self.misses),
                "extras": rows(self.extras), "splits": rows(self.splits), "merged": rows(self.merged),
                "multi_source": list(self.multi_source), "noise": rows(self.noise),
                "status_mismatches": rows(self.status_mismatches),
                "not_meetings": rows(self.not_meetings), "distinct_persons": rows(self.distinct_persons),
                "kept_apart": list(self.kept_apart), "agreement_dates": list(self.agreement_dates),
                "meeting_matches": dict(self.meeting_matches), "warnings": list(self.warnings)}


def format_report(report: Report, explain: bool = False) -> str:
    """Render a report as a plain-text table; with ``explain``, every miss, extra and violation.

    Example:
        >>> print(format_report(Report("g.yaml", {}, {"persons": Score.of(2, 0, 1)})).splitlines()[2])
        persons               2     0     1      1.000   0.667   0.800
    """
    width = max([18] + [len(name) + 2 for name in report.scores])
    out = [f"gold: {report.gold_path} ({len(report.articles)} articles)",
           f"{'category':<{width}}{'tp':>5}{'fp':>6}{'fn':>6}{'precision':>11}{'recall':>8}{'f1':>8}"]
    for name, s in report.scores.items():
        out.append(f"{name:<{width}}{s.tp:>5}{s.fp:>6}{s.fn:>6}{s.precision:>11.3f}{s.recall:>8.3f}{s.f1:>8.3f}")
    out.append("(topics, locations and dates are counted over matched meetings only)")
    out.append(f"noise violations: {report.noise_violations}")
    out.append(f"false meetings: {report.false_meetings}")
    out.append(f"false merges: {report.false_merges}")
    sections = [("multi-source", [(line,) for line in report.multi_source]),
                ("warnings", [(w,) for w in report.warnings]),
                ("split persons", report.splits), ("merged persons", report.merged),
                ("status mismatches", report.status_mismatches)]
    if explain:
        sections += [("misses", report.misses), ("extras", report.extras), ("noise violations", report.noise),
                     ("false meetings", report.not_meetings), ("false merges", report.distinct_persons),
                     ("kept apart correctly", [(line,) for line in report.kept_apart]),
                     ("agreement dates", [(line,) for line in report.agreement_dates])]
    for title, rows in sections:
        if rows:
            out.append(f"{title}:")
            for row in rows:
                if isinstance(row, Finding):
                    where = f" [{', '.join(row.articles)}]" if row.articles else ""
                    out.append(f"  {row.category}: {row.subject} - {row.reason}{where}")
                else:
                    out.append(f"  {row[0]}")
    return "\n".join(out)
