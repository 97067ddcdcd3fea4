"""Scoring meetings against the gold: matching, multi-source events, topics, places, dates.

Meetings pair one-to-one, greedily by participant Jaccard + 0.1 per agreeing
location / date, ties by gold order then IRI; topics, locations and dates are
scored over matched meetings only.

Gold ``not_meetings``: a store meeting of that article whose dd:status is
"planned" / "denied" and whose participants cover the listed ones is "kept
apart correctly" (left out of meeting scoring); one with status "happened" or
none is a violation (``false_meetings``, and a meeting fp) unless it is matched
to a gold meeting that really has those participants.

Example:
    >>> from rdflib import Dataset
    >>> from ddgraph.queries.gold import Gold, GoldMeeting
    >>> run = MeetingScoring(Dataset(), Gold("g.yaml", meetings=(GoldMeeting("m", ("000",), ("A",)),)))
    >>> run.meetings()
    >>> run.scores["meetings"].fn, run.multi
    (1, ())
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterable, Mapping

from rdflib import URIRef
from rdflib.term import Node

from ddgraph.queries.eval_view import DD, DDT, compact, labels_text
from ddgraph.queries.matching import norm, word_similarity
from ddgraph.queries.report import Score
from ddgraph.queries.scoring import HAPPENED, KEPT_APART, ScoringRun


class MeetingScoring(ScoringRun):
    """Scores meetings and the details of the matched ones; checks the gold ``not_meetings``."""

    def _people_of(self, meeting: Node) -> tuple[set[str], list[Node]]:
        v, people, orgs = self.v, set(), []
        for node in v.of(meeting, DD.participant, DD.delegationMember):
            if v.has(node, DD.Person):
                people |= self.gold_names(node) or {"<" + compact(node) + ">"}
            elif v.has(node, DD.Organization, DD.Group):
                orgs.append(node)
        return people, orgs

    def _fit(self, gm, meeting: Node) -> tuple[bool, float, str]:
        """Participant test of a gold meeting against a store meeting: (ok, base score, detail)."""
        people, orgs = self._people_of(meeting)
        wanted = set(gm.participants)
        union = wanted | people
        jac = len(wanted & people) / len(union) if union else 0.0
        org_ok = bool(gm.organizations) and people == wanted and bool(orgs)
        sim = max((word_similarity(g, n) for g in gm.organizations for o in orgs for n in self.v.names(o)), default=0.0)
        detail = (f"Jaccard {jac:.2f}; missing: {', '.join(sorted(wanted - people)) or '-'}; "
                  f"extra: {', '.join(sorted(people - wanted)) or '-'}"
                  + (f"; orgs: {labels_text(self.v, orgs)} (word similarity {sim:.2f})" if gm.organizations else ""))
        return jac >= 0.5 or org_ok, max(jac, 1.0 if org_ok else 0.0), detail

    def _place_ok(self, gm, meeting: Node) -> bool:
        return gm.location is not None and norm(gm.location) in {
            norm(n) for loc in self.v.of(meeting, DD.location) for n in self.v.names(loc)}

    def _date_ok(self, gm, meeting: Node) -> bool:
        return gm.date is not None and gm.date in {str(d) for d in self.v.of(meeting, DD.date)}

    def _meetings(self, graphs: Iterable[Node]) -> list[Node]:
        """Store meetings of ``graphs``, without those kept apart as planned / denied ``not_meetings``."""
        return [m for m in self.v.nodes(graphs, DD.Meeting) if m not in self.kept_nodes]

    def _status(self, meeting: Node) -> set[str]:
        return {str(s) for s in self.v.of(meeting, DD.status)}

    def _covers(self, nm, meeting: Node) -> bool:
        """Whether the store meeting's participants include every person and organisation of ``nm``."""
        v = self.v
        parts = v.of(meeting, DD.participant, DD.delegationMember)
        people = [n for n in parts if v.has(n, DD.Person)]
        orgs = [n for n in parts if v.has(n, DD.Organization, DD.Group)]
        return (all(any(self.is_person(p, name) for p in people) for name in nm.participants)
                and all(any(self.is_org(o, name) for o in orgs) for name in nm.organizations))

    @staticmethod
    def _nm_subject(nm) -> str:
        return f"{nm.source}: {' + '.join(nm.participants + nm.organizations)} ({nm.why})"

    def _keep_apart(self) -> None:
        """Find store meetings that correctly carry a gold ``not_meeting`` as planned / denied."""
        self.kept_nodes: set[Node] = set()
        for nm in self.gold.not_meetings:
            for m in self.v.nodes(self.graphs([nm.source]), DD.Meeting):
                status = self._status(m)
                if status & KEPT_APART and HAPPENED not in status and self._covers(nm, m):
                    self.kept_nodes.add(m)
                    self.kept.append(f"{self._nm_subject(nm)}: {compact(m)} has status {', '.join(sorted(status))}")

    def _false_meetings(self, taken: Mapping[Node, str]) -> set[Node]:
        """Record ``not_meetings`` that a happened (or status-less) store meeting asserts.

        A store meeting matched to a gold meeting that itself has all the
        ``not_meeting``'s participants is that real meeting, not a violation.
        Returns the matched store meetings that violate (unmatched ones are already extras).
        """
        gold, by_id, matched = self.gold, {gm.id: gm for gm in self.gold.meetings}, set()
        self.false_hint: dict[Node, list[str]] = defaultdict(list)
        for nm in gold.not_meetings:
            subject = self._nm_subject(nm)
            for m in self._meetings(self.graphs([nm.source])):
                status = self._status(m)
                if (status and HAPPENED not in status) or not self._covers(nm, m):
                    continue
                gm = by_id.get(taken.get(m, ""))
                if gm is not None:
                    gold_orgs = {k for o in gm.organizations for k in gold.org_keys(o)}
                    absent = [n for n in nm.participants if norm(n) not in {norm(p) for p in gm.participants}]
                    absent += [o for o in nm.organizations if not gold.org_keys(o) & gold_orgs]
                    if not absent:
                        self.kept.append(f"{subject}: {compact(m)} is gold meeting {gm.id}, "
                                         "which really has these participants")
                        continue
                    matched.add(m)
                why = f"{compact(m)} '{self.v.label(m)}' has status {', '.join(sorted(status)) or 'none'}" + (
                    f" and is matched to gold meeting {gm.id}, which does not have {', '.join(absent)}"
                    if gm is not None else "")
                self.add("not_meetings", "false_meeting", subject, why, (nm.source,))
                self.false_hint[m].append(f"{nm.why} in {nm.source}")
        return matched

    def meetings(self) -> None:
        """Pair store and gold meetings, score them, then the multi-source events and the matched meetings' details."""
        v, gold = self.v, self.gold
        self._keep_apart()
        store = self._meetings(self.scored)
        pairs = []
        for i, gm in enumerate(gold.meetings):
            for m in self._meetings(self.graphs(gm.sources)):
                ok, base, _ = self._fit(gm, m)
                if ok:
                    score = base + 0.1 * self._place_ok(gm, m) + 0.1 * self._date_ok(gm, m)
                    pairs.append((-score, i, str(m), gm, m))
        taken: dict[Node, str] = {}
        for _, _, _, gm, m in sorted(pairs, key=lambda t: t[:3]):
            if gm.id not in self.matches and m not in taken:
                self.matches[gm.id], taken[m] = str(m), gm.id
        false_matched = self._false_meetings(taken)
        for gm in gold.meetings:
            if gm.id in self.matches:
                continue
            cands = self._meetings(self.graphs(gm.sources))
            why = "no store meeting in its sources" if not cands else "; ".join(
                f"{compact(m)}: {self._fit(gm, m)[2]}" + (f" (taken by {taken[m]})" if m in taken else "")
                for m in cands)
            self.add("meetings", "miss", gm.id, why, gm.sources)
        for m in store:
            if m not in taken:
                people, orgs = self._people_of(m)
                dups = [f"{gm.id} (matched to {compact(URIRef(self.matches[gm.id]))})" for gm in gold.meetings
                        if gm.id in self.matches and v.appears(m, self.graphs(gm.sources)) and self._fit(gm, m)[0]]
                why = f"'{v.label(m)}' with {', '.join(sorted(people)) or 'no persons'}" + (
                    f" + {labels_text(v, orgs)}" if orgs else "") + (
                    f": a second event for {', '.join(dups)}" if dups else " matches no gold meeting of its articles") + (
                    f"; a gold not_meeting ({'; '.join(self.false_hint[m])})" if self.false_hint.get(m) else "")
                self.add("meetings", "extra", compact(m), why + self._noise_hint(m), v.appears(m, self.scored))
        for m in sorted(false_matched, key=str):
            self.add("meetings", "extra", compact(m), f"matched to gold meeting {taken[m]} but also asserts a gold "
                     f"not_meeting ({'; '.join(self.false_hint[m])})", v.appears(m, self.scored))
        self.scores["meetings"] = Score.of(len(taken), len(store) - len(taken) + len(false_matched),
                                           len(gold.meetings) - len(taken))
        self._multi_source()
        self._meeting_details()

    def _noise_hint(self, node: Node) -> str:
        hits = set()
        for key, strings in self.gold.noise:
            for g in self.v.by_prefix.get(key, ()):
                quads = self.v.quads[g]
                mentions = {s for s, p, o in quads if p == DD.mentionOf and o == node}
                texts = [str(o) for s, p, o in quads if p == DD.sentence and s in mentions] + sorted(self.v.names(node))
                hits |= {n for n in strings for t in texts if norm(n) in norm(t)}
        return f"; comes from noise text {', '.join(repr(h) for h in sorted(hits))}" if hits else ""

    def _multi_source(self) -> None:
        lines, ok = [], 0
        for gm in (m for m in self.gold.meetings if len(m.sources) > 1):
            iri = self.matches.get(gm.id)
            if iri is None:
                lines.append(f"{gm.id}: no matching event")
                continue
            node = URIRef(iri)
            cover = [s for s in gm.sources if node in {t for g in self.graphs([s]) for t in self.v.terms.get(g, ())}]
            events = {node: cover}
            for s in gm.sources:
                for m in self._meetings(self.graphs([s])):
                    if m != node and self._fit(gm, m)[0]:
                        events.setdefault(m, []).append(s)
            if len(cover) == len(gm.sources):
                ok += 1
                lines.append(f"{gm.id}: 1 event in {len(cover)}/{len(gm.sources)} sources")
            elif len(events) > 1:
                lines.append(f"{gm.id}: split into {len(events)} events (" + "; ".join(
                    f"{compact(m)} in {', '.join(srcs)}"
                    for m, srcs in sorted(events.items(), key=lambda kv: str(kv[0]))) + ")")
            else:
                lines.append(f"{gm.id}: 1 event in {len(cover)}/{len(gm.sources)} sources "
                             f"(missing in {', '.join(s for s in gm.sources if s not in cover)})")
        self.multi = tuple(lines)
        self.scores["multi_source"] = Score.of(ok, 0, len(lines) - ok)

    def _meeting_details(self) -> None:
        v, counts = self.v, {k: [0, 0, 0] for k in ("topics", "locations", "dates")}
        for gm in self.gold.meetings:
            if gm.id not in self.matches:
                continue
            m = URIRef(self.matches[gm.id])
            store = {str(t)[len(DDT):] if str(t).startswith(DDT) else str(t): t for t in v.of(m, DD.discusses)}
            c = counts["topics"]
            for topic in gm.topics:
                if topic in store:
                    c[0] += 1
                else:
                    c[2] += 1
                    self.add("topics", "miss", f"{gm.id}: {topic}", f"not in dd:discusses of {compact(m)} "
                             f"(has: {', '.join(sorted(store)) or 'none'})", gm.sources)
            for topic, node in sorted(store.items()):
                if topic not in gm.topics:
                    c[1] += 1
                    self.add("topics", "extra", f"{gm.id}: {topic}", f"{compact(m)} discusses it, the gold does not",
                             v.stated(m, DD.discusses, node))
            for key, wanted, pred, ok in (("locations", gm.location, DD.location, self._place_ok(gm, m)),
                                          ("dates", gm.date, DD.date, self._date_ok(gm, m))):
                if wanted is None:
                    continue
                got = v.of(m, pred)
                counts[key][0 if ok else 2] += 1
                if not ok:
                    self.add(key, "miss", f"{gm.id}: {wanted}", f"{compact(m)} has {labels_text(v, got)}", gm.sources)
                if got and not ok:
                    counts[key][1] += 1
                    self.add(key, "extra", f"{gm.id}: {labels_text(v, got)}", f"gold says {wanted}",
                             sorted({a for o in got for a in v.stated(m, pred, o)}))
        for key, (tp, fp, fn) in counts.items():
            self.scores[key] = Score.of(tp, fp, fn)
