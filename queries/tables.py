"""Plain-text tables and JSON for the answers of :mod:`queries.lookup`,
:mod:`queries.people` and :mod:`queries.facts` (what the CLI prints).

Example:
    >>> print(table(["a", "bb"], [["1", "x"], ["22", None]]))
    a   bb
    --  --
    1   x
    22
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence

from ddgraph.queries.facts import Aid, Agreement, Explanation, TopicYear, topic_changes
from ddgraph.queries.lookup import Delegation, Encounter, Meeting, Source, partners
from ddgraph.queries.names import compact_iri
from ddgraph.queries.people import PersonProfile, Statement, TimelineEntry

WIDTH = 70


def _cut(text: str, width: int = WIDTH) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def table(headers: Sequence[str], rows: Sequence[Sequence[str | None]], width: int = WIDTH) -> str:
    """An aligned text table; cells longer than ``width`` are cut with "…"."""
    cells = [[_cut("" if v is None else str(v), width) for v in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip() for r in cells]
    return "\n".join(lines)


def to_json(value) -> str:
    """JSON of answers (dataclasses, lists and dicts of them).

    Example:
        >>> print(to_json(Source("a", "000", None, "2024-09-02", "Ukrinform")))
        {
          "article": "a",
          "name": "000",
          "file": null,
          "published": "2024-09-02",
          "publisher": "Ukrinform"
        }
    """
    def plain(v):
        if dataclasses.is_dataclass(v) and not isinstance(v, type):
            out = {f.name: plain(getattr(v, f.name)) for f in dataclasses.fields(v)}
            if isinstance(v, Meeting):
                out["when"] = v.when
            return out
        if isinstance(v, (list, tuple)):
            return [plain(x) for x in v]
        if isinstance(v, dict):
            return {str(k): plain(x) for k, x in v.items()}
        return v

    return json.dumps(plain(value), ensure_ascii=False, indent=2)


def sources(srcs: Sequence[Source]) -> str:
    """Source names, comma-separated: "000_caa004cb4c554bd8, 001_311a52a1c49435c9"."""
    return ", ".join(s.name for s in srcs)


def _more(rows, noun: str) -> str:
    """The line that says a list is the latest part of more ("" when nothing was left out)."""
    total = getattr(rows, "total", len(rows))
    if total <= len(rows):
        return ""
    return f"\n(the latest {len(rows):,} of {total:,} {noun}; --limit N shows more, --limit 0 all)"


def _counted(n: int, srcs) -> str:
    """'3 articles: a, b, c' or '1,234 articles, e.g. a, b'."""
    if n <= len(srcs):
        return sources(srcs)
    return f"{n:,} articles, e.g. {sources(srcs)}"


def _status(status: str | None) -> str:
    return "" if status in (None, "happened") else status.upper()


def _labels(refs, n: int = 6) -> str:
    labels = [r.label for r in refs]
    return ", ".join(labels[:n]) + (f" (+{len(labels) - n})" if len(labels) > n else "")


def format_meetings(rows: Sequence[Meeting]) -> str:
    if not rows:
        return "(no meetings)"
    body = [[m.when, _labels(m.places), _labels(m.participants), m.kind, _status(m.status), sources(m.sources),
             compact_iri(m.iri)] for m in rows]
    out = table(["date", "place", "participants", "kind", "status", "sources", "meeting"], body)
    total = getattr(rows, "total", len(rows))
    return out + f"\n({total:,} meeting{'s' if total != 1 else ''})" + _more(rows, "meetings")


def format_encounters(rows: Sequence[Encounter]) -> str:
    if not rows:
        return "(no meetings)"
    body = [[e.meeting.when, e.other.label, _labels(e.meeting.places), e.meeting.kind, _status(e.meeting.status),
             sources(e.meeting.sources)] for e in rows]
    who = rows[0].person.label
    happened = {e.meeting.iri for e in rows if e.meeting.status not in ("planned", "denied")}
    unconfirmed = {e.meeting.iri for e in rows} - happened
    everyone = getattr(rows, "partners", None)
    if getattr(rows, "partial", False):
        head = f"{who}: {rows.total:,} meeting(s) in all"
        if everyone is not None:
            head += f", with {len(everyone)} partner(s)"
    else:
        head = f"{who} met {len({e.other for e in rows if e.meeting.iri in happened})} partner(s) in {len(happened)} meeting(s)"
        if unconfirmed:
            head += f"; {len(unconfirmed)} more meeting(s) only planned or denied (marked)"
    lines = [head, "", table(["date", "met", "place", "kind", "status", "sources"], body) + _more(rows, "meetings")]
    if getattr(rows, "partial", False) and everyone is not None:
        lines += ["", "by partner (every meeting that took place):"]
        lines += [f"  {ref.label}: {n} meeting(s)" for ref, n in everyone]
        return "\n".join(lines)
    lines += ["", "by partner:" if not getattr(rows, "partial", False) else "by partner (the meetings above):"]
    for other, ms in partners(list(rows)):
        lines.append(f"  {other.label}: {len(ms)} meeting(s): " + "; ".join(
            m.when + (f" {_labels(m.places)}" if m.places else "") + (f" [{m.status}]" if _status(m.status) else "")
            for m in ms))
    return "\n".join(lines)


def format_statements(rows: Sequence[Statement]) -> str:
    if not rows:
        return "(no office or rank stated)"
    body = [[s.kind, s.full_title, s.first_stated, s.last_stated, _counted(s.articles, s.sources)] for s in rows]
    out = table(["kind", "office / rank", "first stated", "last stated", "sources"], body)
    sentences = [f"  [{s.label}] {sent}" for s in rows for sent in s.sentences[:2]]
    return out + ("\n\nstated in:\n" + "\n".join(_cut(x, 200) for x in sentences) if sentences else "")


def format_profile(p: PersonProfile) -> str:
    lines = [f"{p.person.label}  ({compact_iri(p.person.iri)})",
             f"{p.meetings} meeting(s), named in {p.articles} article(s)", "", "names:"]
    for a in p.aliases:
        mark = " (canonical)" if a.canonical else ""
        lines.append(f"  {a.text}{mark} [{a.lang or '-'}]: {_counted(a.articles, a.sources)}")
    lines += ["", "offices and ranks:", format_statements(p.statements)]
    return "\n".join(lines)


def format_timeline(rows: Sequence[TimelineEntry]) -> str:
    if not rows:
        return "(nothing dated)"
    body = []
    for e in rows:
        when = "undated" if not e.date else ("≤ " if e.qualifier == "not after" else "") + e.date
        body.append([when, e.what, e.label, e.detail, sources(e.sources)])
    return table(["date", "what", "event", "detail", "sources"], body) + _more(rows, "entries")


def format_delegation(d: Delegation) -> str:
    m = d.meeting
    head = f"{m.label}\n{m.when}" + (f", {_labels(m.places)}" if m.places else "") + f"  ({compact_iri(m.iri)})"
    if not d.members:
        return head + "\n(no delegation recorded)"
    body = [[x.person.label, ", ".join(x.ranks), "; ".join(x.offices), sources(x.sources)] for x in d.members]
    return head + "\n\n" + table(["member", "rank", "office", "sources"], body)


def format_aid(rows: Sequence[Aid]) -> str:
    if not rows:
        return "(no aid)"
    body = [["" if not a.date else ("≤ " if a.date_qualifier == "not after" else "") + a.date, _labels(a.providers),
             _labels(a.recipients), ", ".join([i.label for i in a.items] + list(a.descriptions)), a.status,
             sources(a.sources)] for a in rows]
    systems = sorted({i.label for a in rows for i in a.items})
    out = table(["date", "provider", "recipient", "items", "status", "sources"], body) + _more(rows, "deliveries")
    return out + (f"\n\nweapon systems: {', '.join(systems)}" if systems else "")


def format_agreements(rows: Sequence[Agreement]) -> str:
    if not rows:
        return "(no agreements)"
    body = [["" if not a.date else ("≤ " if a.date_qualifier == "not after" else "") + a.date, a.label, a.type,
             _labels(a.parties), _labels(a.signatories), a.status, sources(a.sources)] for a in rows]
    return table(["date", "agreement", "type", "parties", "signatories", "status", "sources"], body) \
        + _more(rows, "agreements")


def format_topics(rows: Sequence[TopicYear], a: str = "", b: str = "") -> str:
    if not rows:
        return "(no meetings between them discussed a topic)"
    lines = [f"topics discussed{f' by {a} and {b}' if a and b else ''}, by year:"]
    for year, new, dropped in topic_changes(list(rows)):
        items = [f"{r.topic.label} ({r.count or len(r.meetings)})" for r in rows if r.year == year]
        lines.append(f"  {year}: {', '.join(items)}")
        if new and year != rows[0].year:
            lines.append(f"        new: {', '.join(new)}")
        if dropped:
            lines.append(f"        no longer: {', '.join(dropped)}")
    return "\n".join(lines)


def format_explain(e: Explanation) -> str:
    head = f"{e.thing.label}  ({compact_iri(e.thing.iri)})"
    if not e.evidence:
        return head + "\n(no supporting sentence recorded)"
    total, articles = max(e.total, len(e.evidence)), max(e.article_count, len(e.sources))
    lines = [head, f"{total:,} sentence(s) in {articles:,} article(s)"
                   + (f"; {len(e.evidence)} of them follow (--limit N for more, 0 for all)"
                      if total > len(e.evidence) else ""),
             ""]
    for ev in e.evidence:
        s = ev.source
        meta = ", ".join(x for x in (s.publisher, s.published) if x) or "no outlet or date stated"
        fact = f" [{ev.supports}: {compact_iri(ev.about) if ev.about else ''}]" if ev.supports else ""
        lines.append(f"{s.name} ({meta}){fact}")
        lines.append(f"  “{ev.sentence}”")
    return "\n".join(lines)


def format_path(hops, a: str, b: str) -> str:
    """The chain of meetings between two persons (``ddgraph path``), one hop a line.

    Example:
        >>> format_path([], "A", "B")
        'no chain of meetings links A and B'
    """
    if not hops:
        return f"no chain of meetings links {a} and {b}"
    lines = [f"{len(hops)} meeting(s) apart:"]
    lines += [f"  {h.person_label} met {h.other_label} at {h.meeting_label} ({h.meeting_date or 'undated'}, "
              f"{h.meeting.replace('https://w3id.org/ddgraph/id/', 'ddr:')})" for h in hops]
    return "\n".join(lines)
