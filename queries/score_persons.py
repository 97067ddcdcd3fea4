"""Scoring persons against the gold: persons, ranks, roles and the pairs that must stay apart.

A store person matches the gold person one of whose names or variants is its
label or alt label (after :func:`queries.matching.norm`); a role matches when the
title (:func:`queries.matching.norm_title`) and the country of the office agree.
Gold ``distinct_persons``: a violation (``false_merges``) when both names
resolve to one store IRI.

Example:
    >>> from rdflib import Dataset
    >>> from ddgraph.queries.gold import Gold, GoldPerson
    >>> run = PersonScoring(Dataset(), Gold("g.yaml", persons=(GoldPerson("Rustem Umerov"),)))
    >>> run.persons()
    >>> run.scores["persons"].fn, run.found["miss"][0].subject
    (1, 'Rustem Umerov')
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # rdflib only in annotations: a lookup process does not load it
    from rdflib.term import Node

from ddgraph.queries.eval_view import DD, compact, labels_text
from ddgraph.queries.matching import norm, norm_title
from ddgraph.queries.report import Score
from ddgraph.queries.scoring import ScoringRun


class PersonScoring(ScoringRun):
    """Scores persons (with their ranks and roles) and checks the gold ``distinct_persons``."""

    def persons(self) -> None:
        """Score persons (one IRI a gold person: splits and merges reported), then their ranks and roles."""
        v, store = self.v, self.v.nodes(self.scored, DD.Person)
        by_gold: dict[str, list[Node]] = defaultdict(list)
        tp = fn = fp = 0
        for node in store:
            names = self.gold_names(node)
            for name in names:
                by_gold[name].append(node)
            if not names:
                fp += 1
                self.add("persons", "extra", f"{v.label(node)} ({compact(node)})",
                         "no gold person has this name or variant", v.appears(node))
            elif len(names) > 1:
                self.add("persons", "merged", compact(node), "one IRI matches gold persons " + ", ".join(sorted(names)),
                         v.appears(node))
        for person in self.people.values():
            found = by_gold.get(person.name, [])
            if found:
                tp += 1
            else:
                fn += 1
                near = [v.label(n) for n in store if set(norm(person.name).split()) & set(norm(v.label(n)).split())]
                self.add("persons", "miss", person.name, "no store person labelled with the name or a variant"
                         + (f" (similar: {', '.join(near)})" if near else ""), self.gold.sources)
            if len(found) > 1:
                self.add("persons", "split", person.name, f"{len(found)} IRIs: " + ", ".join(map(compact, found)),
                         sorted({a for n in found for a in v.appears(n)}))
        self.scores["persons"] = Score.of(tp, fp, fn)
        self.store_persons = store
        self._ranks(store)
        self._roles(store)

    def distinct(self) -> None:
        """Gold ``distinct_persons``: a violation when both names resolve to one store IRI."""
        v = self.v
        for a, b in self.gold.distinct_persons:
            na = [n for n in self.store_persons if self.is_person(n, a)]
            nb = [n for n in self.store_persons if self.is_person(n, b)]
            shared = [n for n in na if n in nb]
            if shared:
                self.add("distinct_persons", "false_merge", f"{a} / {b}",
                         "both resolve to " + ", ".join(f"{compact(n)} ('{v.label(n)}')" for n in shared),
                         sorted({x for n in shared for x in v.appears(n)}))
            elif na and nb:
                self.kept.append(f"{a} / {b}: {', '.join(map(compact, na))} vs {', '.join(map(compact, nb))}")

    def _ranks(self, store: list[Node]) -> None:
        v, tp, fp, fn = self.v, 0, 0, 0
        for person in self.gold.persons:
            if person.rank is None:
                continue
            ranks = {str(r) for n in store if person.name in self.gold_names(n) for r in v.of(n, DD.rank)}
            if norm(person.rank) in {norm(r) for r in ranks}:
                tp += 1
            else:
                fn += 1
                self.add("ranks", "miss", f"{person.name}: {person.rank}",
                         f"store ranks: {', '.join(sorted(ranks)) or 'none'}", self._seen(person.name))
        for node in store:
            wanted = {norm(self.people[n].rank) for n in self.gold_names(node) if self.people[n].rank}
            for rank in v.of(node, DD.rank):
                if norm(str(rank)) not in wanted:
                    fp += 1
                    self.add("ranks", "extra", f"{v.label(node)}: {rank}", "gold has no such rank for this person",
                             v.stated(node, DD.rank, rank))
        self.scores["ranks"] = Score.of(tp, fp, fn)

    def _countries(self, office: Node) -> list[Node]:
        """``dd:ofCountry`` of the office, or of its ``dd:ofOrganization``."""
        v = self.v
        via_org = [c for org in v.of(office, DD.ofOrganization) for c in v.of(org, DD.ofCountry)]
        return v.of(office, DD.ofCountry) + via_org

    def _office(self, office: Node) -> tuple[set[str], set[str]]:
        """Normalised titles (also without the office's own country: "Ambassador of India to X" is
        India's "Ambassador to X") and country names of an office."""
        countries = [c for n in self._countries(office) for c in self.v.names(n)]
        titles = self.v.names(office)
        return ({norm_title(t) for t in titles} | {norm_title(t, c) for t in titles for c in countries},
                {norm(c) for c in countries})

    def _seen(self, name: str) -> tuple[str, ...]:
        """Articles where store persons matching gold person ``name`` appear (else every gold source)."""
        return tuple(sorted({a for n in self.store_persons if name in self.gold_names(n)
                             for a in self.v.appears(n)})) or self.gold.sources

    def _roles(self, store: list[Node]) -> None:
        v = self.v
        held = [(p, o) for p in store for o in v.of(p, DD.holdsRole)]
        used: set[tuple[Node, Node]] = set()
        tp = fn = 0
        for person in self.gold.persons:
            for role in person.roles:
                subject = f"{person.name}: {role.title}" + (f" ({role.country})" if role.country else "")
                mine = [(p, o) for p, o in held if person.name in self.gold_names(p)]
                ok = [(p, o) for p, o in mine if (p, o) not in used and norm_title(role.title, role.country) in self._office(o)[0]
                      and (role.country is None or norm(role.country) in self._office(o)[1])]
                if ok:
                    tp += 1
                    used.add(ok[0])
                    continue
                fn += 1
                if not mine:
                    why = "person not found" if not any(person.name in self.gold_names(p) for p in store) \
                        else "the person holds no office in the scored articles"
                else:
                    why = "store has " + "; ".join(f"'{v.label(o)}' (country: {labels_text(v, self._countries(o))})"
                                                   for _, o in mine)
                self.add("roles", "miss", subject, why, self._seen(person.name))
        fp = 0
        for p, o in held:
            if (p, o) in used:
                continue
            fp += 1
            names = self.gold_names(p)
            why = (f"no gold role with this title and country for {', '.join(sorted(names))}" if names
                   else "person is not in the gold")
            self.add("roles", "extra", f"{v.label(p)}: {v.label(o)}", why, v.stated(p, DD.holdsRole, o))
        self.scores["roles"] = Score.of(tp, fp, fn)
