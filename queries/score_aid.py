"""Scoring aid deliveries and agreements against the gold.

An aid item matches a store ``dd:item`` label or ``dd:itemDescription``
(:func:`queries.matching.item_matches`) of an AidDelivery of its sources with
the same provider and recipient; its status must agree. Agreements pair
greedily by the number of gold parties they have; their parties and (when the
gold lists them) signatories are scored over matched agreements, their dates
explained, not scored.

Example:
    >>> from rdflib import Dataset
    >>> from ddgraph.queries.gold import Gold, GoldAid
    >>> gold = Gold("g.yaml", aid=(GoldAid("France", "Ukraine", ("CAESAR",), "delivered", ("000",)),))
    >>> run = AidScoring(Dataset(), gold)
    >>> run.aid()
    >>> run.scores["aid"].fn
    1
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Mapping

if TYPE_CHECKING:  # rdflib only in annotations: a lookup process does not load it
    from rdflib.term import Node

from ddgraph.queries.eval_view import DD, compact, labels_text
from ddgraph.queries.matching import item_matches, norm
from ddgraph.queries.report import Score
from ddgraph.queries.scoring import ScoringRun


class AidScoring(ScoringRun):
    """Scores aid items, agreements, their parties and signatories."""

    def aid(self) -> None:
        """Score each gold aid item against the items and descriptions of the store's aid deliveries."""
        v = self.v
        units = []  # (aid node, item node or description literal, is_description)
        for a in v.nodes(self.scored, DD.AidDelivery):
            units += [(a, i, False) for i in v.of(a, DD.item)] + [(a, d, True) for d in v.of(a, DD.itemDescription)]
        used: set = set()
        tp = fn = 0
        for ga in self.gold.aid:
            graphs = self.graphs(ga.sources)
            for item in ga.items:
                subject = f"{ga.provider} -> {ga.recipient}: {item} ({ga.status})"
                cands = [u for u in units if u not in used and v.appears(u[0], graphs)
                         and norm(ga.provider) in {norm(n) for p in v.of(u[0], DD.provider) for n in v.names(p)}
                         and norm(ga.recipient) in {norm(n) for r in v.of(u[0], DD.recipient) for n in v.names(r)}
                         and any(item_matches(item, description=str(u[1])) if u[2] else item_matches(item, label=n)
                                 for n in v.names(u[1]))]
                good = [u for u in cands if ga.status in {str(s) for s in v.of(u[0], DD.status)}]
                if good:
                    tp += 1
                    used.add(good[0])
                    continue
                fn += 1
                if cands:
                    got = labels_text(v, v.of(cands[0][0], DD.status))
                    self.add("aid", "status", subject, f"{compact(cands[0][0])} has status {got}", ga.sources)
                    self.add("aid", "miss", subject, f"found as {compact(cands[0][0])} but status is {got}", ga.sources)
                else:
                    self.add("aid", "miss", subject,
                             "no AidDelivery in its sources with this provider, recipient and item", ga.sources)
        for unit in units:
            a, item, _ = unit
            if unit not in used:
                route = f"{labels_text(v, v.of(a, DD.provider))} -> {labels_text(v, v.of(a, DD.recipient))}"
                self.add("aid", "extra", f"{route}: {v.label(item)} ({labels_text(v, v.of(a, DD.status))})",
                         f"{compact(a)} matches no gold aid item",
                         v.appears(a, self.scored))
        self.scores["aid"] = Score.of(tp, len(units) - len(used), fn)

    def agreements(self) -> None:
        """Pair store and gold agreements by their parties; score them, their parties and signatories."""
        v, gold = self.v, self.gold
        store = v.nodes(self.scored, DD.Agreement)

        def parties(ga, agr) -> tuple[list[str], list[Node]]:
            names = {p: {norm(n) for n in v.names(p)} for p in v.of(agr, DD.party)}
            hit = [g for g in ga.parties if any(gold.org_keys(g) & ns for ns in names.values())]
            extra = [p for p, ns in names.items() if not any(gold.org_keys(g) & ns for g in ga.parties)]
            return hit, extra

        pairs = sorted((-len(parties(ga, a)[0]), i, str(a), ga, a) for i, ga in enumerate(gold.agreements)
                       for a in v.nodes(self.graphs(ga.sources), DD.Agreement) if parties(ga, a)[0])
        done, taken, pc = {}, set(), [0, 0, 0]
        for _, i, _, ga, a in pairs:
            if i not in done and a not in taken:
                done[i] = a
                taken.add(a)
                hit, extra = parties(ga, a)
                pc[0] += len(hit)
                for g in ga.parties:
                    if g not in hit:
                        pc[2] += 1
                        self.add("agreement_parties", "miss", f"{ga.name}: {g}", f"not a dd:party of {compact(a)}",
                                 ga.sources)
                for p in extra:
                    pc[1] += 1
                    self.add("agreement_parties", "extra", f"{ga.name}: {v.label(p)}",
                             f"party of {compact(a)}, not in the gold",
                             v.stated(a, DD.party, p))
        for i, ga in enumerate(gold.agreements):
            if i not in done:
                self.add("agreements", "miss", ga.name, "no dd:Agreement in its sources with a gold party", ga.sources)
        for a in store:
            if a not in taken:
                self.add("agreements", "extra", f"'{v.label(a)}' ({compact(a)})",
                         f"parties: {labels_text(v, v.of(a, DD.party))}; matches no gold agreement",
                         v.appears(a, self.scored))
        self.scores["agreements"] = Score.of(len(done), len(store) - len(done), len(gold.agreements) - len(done))
        self.scores["agreement_parties"] = Score.of(*pc)
        self._agreement_details(done)

    def _agreement_details(self, done: Mapping[int, Node]) -> None:
        """Signatories (scored, over matched agreements whose gold lists them) and dates (explained)."""
        v, sc = self.v, [0, 0, 0]
        for i, ga in enumerate(self.gold.agreements):
            a = done.get(i)
            if ga.date is not None:
                dates = sorted(str(d) for d in v.of(a, DD.date)) if a is not None else []
                self.agreement_dates.append(f"{ga.name}: gold {ga.date}; " + (
                    "no matching agreement" if a is None else f"{compact(a)} has {', '.join(dates) or 'no date'}"
                    + (" (ok)" if ga.date in dates else "")))
            if a is None or not ga.signatories:
                continue
            signers = v.of(a, DD.signatory)
            for name in ga.signatories:
                if any(self.is_person(p, name) for p in signers):
                    sc[0] += 1
                else:
                    sc[2] += 1
                    self.add("agreement_signatories", "miss", f"{ga.name}: {name}",
                             f"not a dd:signatory of {compact(a)} (has: {labels_text(v, signers)})", ga.sources)
            for p in signers:
                if not any(self.is_person(p, name) for name in ga.signatories):
                    sc[1] += 1
                    self.add("agreement_signatories", "extra", f"{ga.name}: {v.label(p)}",
                             f"signatory of {compact(a)}, not in the gold", v.stated(a, DD.signatory, p))
        self.scores["agreement_signatories"] = Score.of(*sc)
