"""Score a graph against a gold file (``ddgraph evaluate``).

Command to add to ``queries/cli.py``::

    ddgraph evaluate --gold FILE [--json] [--explain]

    report = evaluate(ds, load_gold(gold_file))
    click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2) if as_json
               else format_report(report, explain=explain))

Only articles the gold names (sources and noise keys) are scored; a gold source
"000" is the article whose ``dd:sourceFile`` basename starts with "000_" or is
"000" plus an extension. Facts are read from those articles' named graphs (plus
``dd:ofCountry`` / ``dd:ofOrganization`` triples that are only in the default
graph); labels and types from the whole store. Matching is strict: the only
fuzziness is in :mod:`queries.gold` (name normalisation, title spelling, word
overlap). Meetings pair one-to-one, greedily by participant Jaccard + 0.1 per
agreeing location / date, ties by gold order then IRI; topics, locations and
dates are scored over matched meetings only.

Gold ``not_meetings``: a store meeting of that article whose dd:status is
"planned" / "denied" and whose participants cover the listed ones is "kept
apart correctly" (left out of meeting scoring); one with status "happened" or
none is a violation (``false_meetings``, and a meeting fp) unless it is matched
to a gold meeting that really has those participants. Gold ``distinct_persons``:
a violation (``false_merges``) when both names resolve to one store IRI.
Agreement ``signatories`` are scored as ``agreement_signatories`` over matched
agreements whose gold lists them; agreement dates are explained, not scored.
Result types and rendering live in :mod:`queries.report`.

Example:
    >>> from rdflib import Dataset
    >>> from queries.gold import Gold
    >>> report = evaluate(Dataset(), Gold("empty.yaml"))
    >>> report.scores["persons"].f1
    1.0
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Iterable, Mapping

from rdflib import RDF, RDFS, SKOS, Dataset, Literal, Namespace, URIRef
from rdflib.term import Node

from queries.gold import (Gold, GoldPerson, item_matches, norm, norm_title, word_similarity)
from queries.gold import load_gold  # noqa: F401  (re-exported for the CLI)
from queries.report import Finding, Report, Score, format_report  # noqa: F401  (format_report re-exported)

DD = Namespace("https://w3id.org/ddgraph/ontology#")
DDR = "https://w3id.org/ddgraph/id/"
DDT = "https://w3id.org/ddgraph/topic/"
CATEGORIES = ("persons", "ranks", "roles", "meetings", "multi_source", "topics", "locations",
              "dates", "aid", "agreements", "agreement_parties", "agreement_signatories")
HAPPENED = "happened"
KEPT_APART = frozenset({"planned", "denied"})


def compact(node: Node) -> str:
    """Shorten a ddgraph IRI for display.

    Example:
        >>> compact(URIRef("https://w3id.org/ddgraph/id/person/x"))
        'ddr:person/x'
    """
    text = str(node)
    for base, prefix in ((DDR, "ddr:"), (DDT, "ddt:"), (str(DD), "dd:")):
        if text.startswith(base):
            return prefix + text[len(base):]
    return text


def _values(nodes: Iterable[Node]) -> str:
    return " ".join(n.n3() for n in nodes)


class _View:
    """What evaluation needs from the store, read once with a few SPARQL queries."""

    def __init__(self, ds: Dataset, prefixes: Iterable[str]) -> None:
        q = "PREFIX dd: <%s> " % DD
        self.files: dict[Node, str] = {}
        for a, f in ds.query(q + "SELECT DISTINCT ?a ?f WHERE { { ?a dd:sourceFile ?f } "
                             "UNION { GRAPH ?g { ?a dd:sourceFile ?f } } }"):
            self.files[a] = str(f)
        self.by_prefix = {p: tuple(sorted(a for a, f in self.files.items() if _is_source(f, p)))
                          for p in prefixes}
        self.name = {g: p for p, gs in self.by_prefix.items() for g in gs}
        scored = sorted({g for gs in self.by_prefix.values() for g in gs})
        self.quads: dict[Node, list[tuple[Node, Node, Node]]] = defaultdict(list)
        self.terms: dict[Node, set[Node]] = defaultdict(set)
        self.facts: dict[tuple[Node, Node], set[Node]] = defaultdict(set)
        self.where: dict[tuple[Node, Node, Node], set[str]] = defaultdict(set)
        self.labels: dict[Node, set[tuple[Node, Literal]]] = defaultdict(set)
        self.types: dict[Node, set[Node]] = defaultdict(set)
        rows = ds.query("SELECT ?g ?s ?p ?o WHERE { VALUES ?g { %s } GRAPH ?g { ?s ?p ?o } }"
                        % _values(scored)) if scored else []
        for g, s, p, o in rows:
            self.quads[g].append((s, p, o))
            self.terms[g].add(s)
            if not isinstance(o, Literal):
                self.terms[g].add(o)
            self._add(s, p, o, self.name[g])
        # default-graph-only triples (also right when the dataset's default graph is the union)
        for s, p, o in ds.query(q + "SELECT ?s ?p ?o WHERE { VALUES ?p { dd:ofCountry dd:ofOrganization } ?s ?p ?o "
                                "FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?o } } }"):
            self._add(s, p, o, "default graph")
        nodes = sorted({n for key in self.facts for n in (key[0], *self.facts[key])
                        if isinstance(n, URIRef)})
        for i in range(0, len(nodes), 400):
            for s, p, o in ds.query(
                    "SELECT ?s ?p ?o WHERE { VALUES ?s { %s } VALUES ?p { %s } { ?s ?p ?o } UNION "
                    "{ GRAPH ?g { ?s ?p ?o } } }"
                    % (_values(nodes[i:i + 400]), _values((RDFS.label, SKOS.altLabel, RDF.type)))):
                self._add(s, p, o, None)

    def _add(self, s: Node, p: Node, o: Node, where: str | None) -> None:
        if p == RDF.type:
            self.types[s].add(o)
        elif p in (RDFS.label, SKOS.altLabel) and isinstance(o, Literal):
            self.labels[s].add((p, o))
        if where is not None:
            self.facts[(s, p)].add(o)
            self.where[(s, p, o)].add(where)

    def names(self, node: Node) -> set[str]:
        """Every label and altLabel (the value itself for a literal)."""
        if isinstance(node, Literal):
            return {str(node)}
        return {str(o) for _, o in self.labels.get(node, ())}

    def label(self, node: Node) -> str:
        """The best display label: rdfs:label@en, any rdfs:label, an altLabel, the IRI."""
        if isinstance(node, Literal):
            return str(node)
        ranked = sorted(self.labels.get(node, ()),
                        key=lambda po: (po[0] != RDFS.label, po[1].language != "en", str(po[1])))
        return str(ranked[0][1]) if ranked else compact(node)

    def has(self, node: Node, *classes: Node) -> bool:
        return bool(self.types.get(node, set()) & set(classes))

    def of(self, s: Node, *preds: Node) -> list[Node]:
        return sorted({o for p in preds for o in self.facts.get((s, p), ())}, key=str)

    def nodes(self, graphs: Iterable[Node], *classes: Node) -> list[Node]:
        return sorted({t for g in graphs for t in self.terms.get(g, ()) if self.has(t, *classes)}, key=str)

    def appears(self, node: Node, graphs: Iterable[Node] | None = None) -> tuple[str, ...]:
        graphs = self.terms if graphs is None else graphs
        return tuple(sorted({self.name[g] for g in graphs if node in self.terms.get(g, ())}))

    def stated(self, s: Node, p: Node, o: Node) -> tuple[str, ...]:
        return tuple(sorted(self.where.get((s, p, o), ())))


def _is_source(source_file: str, prefix: str) -> bool:
    base = re.split(r"[\\/]", source_file)[-1]
    return base.startswith(prefix + "_") or base.rsplit(".", 1)[0] == prefix


def _labels_text(view: _View, nodes: Iterable[Node]) -> str:
    return ", ".join(view.label(n) for n in nodes) or "none"


class _Evaluation:
    """Accumulates scores and findings category by category."""

    def __init__(self, ds: Dataset, gold: Gold) -> None:
        self.gold = gold
        self.v = _View(ds, gold.sources)
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
        self.warnings += [f"gold source {p!r} matches {len(gs)} articles: {_labels_text(self.v, gs)}"
                          for p, gs in self.v.by_prefix.items() if len(gs) > 1]
        extra_names = [n for nm in gold.not_meetings for n in nm.participants]
        extra_names += [n for pair in gold.distinct_persons for n in pair]
        extra_names += [n for a in gold.agreements for n in a.signatories]
        self.warnings += [f"{name!r} is not a gold person: matched by that exact name only"
                          for name in dict.fromkeys(extra_names) if name not in self.people]
        self.kept: list[str] = []
        self.agreement_dates: list[str] = []

    def add(self, category: str, kind: str, subject: str, reason: str, articles: Iterable[str] = ()) -> None:
        self.found[kind].append(Finding(category, kind, subject, reason, tuple(articles)))

    def graphs(self, sources: Iterable[str]) -> list[Node]:
        return sorted({g for s in sources for g in self.v.by_prefix.get(s, ())}, key=str)

    def gold_names(self, node: Node) -> set[str]:
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

    # -- entities ---------------------------------------------------------
    def persons(self) -> None:
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
        """Normalised titles and country names of an office."""
        return ({norm_title(t) for t in self.v.names(office)},
                {norm(c) for n in self._countries(office) for c in self.v.names(n)})

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
                    why = "store has " + "; ".join(f"'{v.label(o)}' (country: {_labels_text(v, self._countries(o))})"
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

    # -- meetings ---------------------------------------------------------
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
                  + (f"; orgs: {_labels_text(self.v, orgs)} (word similarity {sim:.2f})" if gm.organizations else ""))
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
                    f" + {_labels_text(v, orgs)}" if orgs else "") + (
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
                    self.add(key, "miss", f"{gm.id}: {wanted}", f"{compact(m)} has {_labels_text(v, got)}", gm.sources)
                if got and not ok:
                    counts[key][1] += 1
                    self.add(key, "extra", f"{gm.id}: {_labels_text(v, got)}", f"gold says {wanted}",
                             sorted({a for o in got for a in v.stated(m, pred, o)}))
        for key, (tp, fp, fn) in counts.items():
            self.scores[key] = Score.of(tp, fp, fn)

    # -- aid and agreements -------------------------------------------------
    def aid(self) -> None:
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
                    got = _labels_text(v, v.of(cands[0][0], DD.status))
                    self.add("aid", "status", subject, f"{compact(cands[0][0])} has status {got}", ga.sources)
                    self.add("aid", "miss", subject, f"found as {compact(cands[0][0])} but status is {got}", ga.sources)
                else:
                    self.add("aid", "miss", subject,
                             "no AidDelivery in its sources with this provider, recipient and item", ga.sources)
        for unit in units:
            a, item, _ = unit
            if unit not in used:
                route = f"{_labels_text(v, v.of(a, DD.provider))} -> {_labels_text(v, v.of(a, DD.recipient))}"
                self.add("aid", "extra", f"{route}: {v.label(item)} ({_labels_text(v, v.of(a, DD.status))})",
                         f"{compact(a)} matches no gold aid item",
                         v.appears(a, self.scored))
        self.scores["aid"] = Score.of(tp, len(units) - len(used), fn)

    def agreements(self) -> None:
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
                         f"parties: {_labels_text(v, v.of(a, DD.party))}; matches no gold agreement",
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
                             f"not a dd:signatory of {compact(a)} (has: {_labels_text(v, signers)})", ga.sources)
            for p in signers:
                if not any(self.is_person(p, name) for name in ga.signatories):
                    sc[1] += 1
                    self.add("agreement_signatories", "extra", f"{ga.name}: {v.label(p)}",
                             f"signatory of {compact(a)}, not in the gold", v.stated(a, DD.signatory, p))
        self.scores["agreement_signatories"] = Score.of(*sc)

    # -- noise -------------------------------------------------------------
    def noise(self) -> None:
        v = self.v
        for key, strings in self.gold.noise:
            for g in v.by_prefix.get(key, ()):
                sentences = [(s, str(o)) for s, p, o in v.quads[g] if p == DD.sentence]
                of = {s: o for s, p, o in v.quads[g] if p == DD.mentionOf}
                things = [t for t in sorted(v.terms[g], key=str) if not v.has(t, DD.Mention)
                          and any(str(c).startswith(str(DD)) for c in v.types.get(t, ()))]
                for text in strings:
                    needle = norm(text)
                    for s, sentence in sentences:
                        if needle in norm(sentence):
                            target = f" of {compact(of[s])}" if s in of else ""
                            self.add("noise", "violation", text, f"mention {compact(s)}{target} in sentence "
                                     f"'{_clip(sentence)}'", (key,))
                    for t in things:
                        for name in sorted(n for n in v.names(t) if needle in norm(n)):
                            self.add("noise", "violation", text, f"label '{name}' of {compact(t)}", (key,))

    def report(self) -> Report:
        for step in (self.persons, self.distinct, self.meetings, self.aid, self.agreements, self.noise):
            step()
        f = self.found
        return Report(self.gold.path, {p: tuple(compact(g) for g in gs) for p, gs in self.v.by_prefix.items()},
                      {k: self.scores[k] for k in CATEGORIES}, tuple(f["miss"]), tuple(f["extra"]),
                      tuple(f["split"]), tuple(f["merged"]), self.multi, tuple(f["violation"]),
                      tuple(f["status"]), dict(self.matches), tuple(self.warnings), tuple(f["false_meeting"]),
                      tuple(f["false_merge"]), tuple(self.kept), tuple(self.agreement_dates))


def _clip(text: str, width: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def evaluate(ds: Dataset, gold: Gold) -> Report:
    """Score the graph in ``ds`` against ``gold``.

    Example:
        >>> from rdflib import Dataset
        >>> from queries.gold import Gold, GoldMeeting
        >>> r = evaluate(Dataset(), Gold("g.yaml", meetings=(GoldMeeting("m", ("000",), ("A",)),)))
        >>> r.scores["meetings"].fn, r.warnings
        (1, ("gold source '000' matches no article in the store",))
    """
    return _Evaluation(ds, gold).report()
