"""Apply an analyst's decision about two persons ("same" / "different") to a store.

The decision is appended to ``<store>/curation.yaml`` (:mod:`graph.curation`),
then every stored article is resolved again with all the decisions and the
article graphs that changed are rewritten, with the instance layer
(:func:`graph.writer.reresolve`), by the store's one writer; readers see the
result when the new snapshot is published.

A decision term is matched against the names of person mentions (see
:func:`graph.resolve.resolve`), so for each person the term recorded is the one
that names most of their mentions and no one else's: their IRI when it does,
else one of the names the articles use.

Example:
    >>> r = "https://w3id.org/ddgraph/id/person/"
    >>> result = decide("out/store", "same", "Шакалене", "Šakalienė", r + "dovil-shakalene", r + "dovile-sakaliene")  # doctest: +SKIP
    >>> print("\\n".join(result.lines()))  # doctest: +SKIP
    recorded: same '...dovil-shakalene' '...dovile-sakaliene' (decision 1 in out/store/curation.yaml)
    merged: Dovil Shakalene + Dovilė Šakalienė -> Dovilė Šakalienė (ddr:person/dovile-sakaliene)
    graphs rewritten: 2
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml

from ddgraph.graph.curation import KINDS, add_decision, decision_version, load_decisions
from ddgraph.graph.errors import InputError, QueryError
from ddgraph.graph.iri import slug
from ddgraph.graph.namespaces import ID_NS
from ddgraph.graph.model import ArticleRecord
from ddgraph.graph.resolve import Resolution, state_resolution
from ddgraph.graph.store import open_store
from ddgraph.graph.translit import phonetic_key
from ddgraph.graph.writer import recover, reresolve, stored_records

CURATION_FILE = "curation.yaml"
_ID = ID_NS


@dataclass(frozen=True)
class Change:
    """How the persons changed: ``before`` IRIs became ``after`` IRIs."""

    kind: str  # merged | split | renamed
    before: tuple[tuple[str, str], ...]  # (IRI, label)
    after: tuple[tuple[str, str], ...]

    def line(self) -> str:
        show = lambda pairs: " + ".join(label for _, label in pairs)  # noqa: E731
        where = ", ".join(i.replace(_ID, "ddr:") for i, _ in self.after)
        return f"{self.kind}: {show(self.before)} -> {show(self.after)} ({where})"


@dataclass(frozen=True)
class CurationResult:
    """What :func:`decide` did."""

    kind: str
    term_a: str
    term_b: str
    version: int
    path: str
    changes: tuple[Change, ...]
    graphs_written: int

    def lines(self) -> list[str]:
        out = [f"recorded: {self.kind} '{self.term_a}' '{self.term_b}' (decision {self.version} in {self.path})"]
        out += [c.line() for c in self.changes] or ["no person changed: the graph already agreed with this decision"]
        out.append(f"graphs rewritten: {self.graphs_written}")
        return out


def _slugs(records: list[ArticleRecord]) -> dict[tuple[str, str], set[str]]:
    """(article id, local key) of every person mention -> slugs of its names."""
    return {
        (rec.article_id, ent.key): {slug(f) for f in (ent.name, *ent.forms) if f.strip()}
        for rec in records for ent in rec.entities if ent.kind == "person"
    }


def _term_slug(term: str) -> str:
    return term.rsplit("/person/", 1)[1] if "/person/" in term else slug(term)


def decision_term(records: list[ArticleRecord], resolution: Resolution, person: str,
                  prefer: frozenset[str] = frozenset()) -> str:
    """The term that names most mentions of ``person`` (an IRI) and no other person's.

    Terms of earlier decisions (``prefer``) that fit come first, so that a new
    decision about the same two persons replaces the earlier one.

    Raises:
        QueryError: ``person`` is not a person of the stored records.
    """
    names = _slugs(records)
    mine = {node for node in names if resolution.iri.get(node) == person}
    if not mine:
        raise QueryError(f"{person}: not a person of the stored records")
    candidates = sorted(prefer) + [person] + sorted({f for rec in records for ent in rec.entities if (rec.article_id, ent.key) in mine
                                    for f in (ent.name, *ent.forms) if f.strip()})
    best, best_score = person, (False, -1, 0)
    for i, term in enumerate(candidates):
        key = _term_slug(term)
        hits = {node for node, s in names.items() if key in s}
        if hits - mine:
            continue
        score = (term in prefer, len(hits), -i)
        if score > best_score:
            best, best_score = term, score
    return best


def _clusters(resolution: Resolution, nodes) -> dict[str, frozenset]:
    by: dict[str, set] = defaultdict(set)
    for node in nodes:
        by[resolution.iri[node]].add(node)
    return {iri: frozenset(ns) for iri, ns in by.items()}


def changes(before: Resolution, after: Resolution, nodes) -> list[Change]:
    """The persons whose mentions were regrouped (or renamed) between two resolutions."""
    old, new = _clusters(before, nodes), _clusters(after, nodes)
    old_of = {n: iri for iri, ns in old.items() for n in ns}
    label = lambda r, i: r.label.get(i, (i, ""))[0]  # noqa: E731
    out, done = [], set()
    for iri, ns in sorted(new.items()):
        sources = sorted({old_of[n] for n in ns})
        if len(sources) == 1 and old[sources[0]] == ns:
            if sources[0] != iri:
                out.append(Change("renamed", ((sources[0], label(before, sources[0])),), ((iri, label(after, iri)),)))
            continue
        if len(sources) > 1:
            out.append(Change("merged", tuple((s, label(before, s)) for s in sources), ((iri, label(after, iri)),)))
        else:
            src = sources[0]
            if src in done:
                continue
            done.add(src)
            parts = sorted({i for i, ms in new.items() if ms & old[src]})
            out.append(Change("split", ((src, label(before, src)),), tuple((p, label(after, p)) for p in parts)))
    return out


def _names_in(records: list[ArticleRecord], resolution: Resolution, person: str, name: str,
              prefer: frozenset[str] = frozenset()) -> str:
    """The name the articles use, among ``person``'s mentions, that is spelled like ``name``
    (a term of an earlier decision first, so that the new decision replaces it)."""
    names = _slugs(records)
    mine = {node for node in names if resolution.iri.get(node) == person}
    forms = sorted({f for rec in records for ent in rec.entities if (rec.article_id, ent.key) in mine
                    for f in (ent.name, *ent.forms) if f.strip()})
    keys = {slug(name), phonetic_key(name)}
    spelled = lambda t: _term_slug(t) in keys or phonetic_key(_term_slug(t).replace("-", " ")) in keys  # noqa: E731
    known = [t for t in prefer if spelled(t) and {n for n, ss in names.items() if _term_slug(t) in ss} <= mine]
    fits = known or [f for f in forms if slug(f) in keys or phonetic_key(f) in keys]
    if not fits:
        raise QueryError(f"no article calls {resolution.label.get(person, (person,))[0]} '{name}'; "
                         f"use one of: {', '.join(forms[:12])}")
    return max(fits, key=lambda f: (sum(1 for s in names.values() if _term_slug(f) in s), f))


def decide(store_path: str | Path, kind: str, a: str, b: str, a_iri: str, b_iri: str) -> CurationResult:
    """Record that persons ``a`` and ``b`` are the same / different, re-resolve, rewrite.

    ``a_iri`` / ``b_iri`` are the persons the names ``a`` / ``b`` stand for now.
    When both names stand for one person (both IRIs equal), the terms recorded are
    names the articles use, spelled like ``a`` and ``b``: a "different" decision
    splits the person, a "same" decision keeps them together whatever later
    articles say (the graph already agrees with it).

    Raises:
        QueryError: unknown kind, names that cannot be told apart, or not a person.
        StoreError: the store cannot be opened for writing (e.g. a reader holds it).
    """
    if kind not in KINDS:
        raise QueryError(f"decision kind must be one of {', '.join(KINDS)}, not {kind!r}")
    with open_store(store_path) as store:
        recover(store)
        path = store.path / CURATION_FILE
        records = stored_records(store)
        decisions = load_decisions(path)
        before, known = state_resolution(store.state), decisions.terms()
        if a_iri == b_iri:
            term_a, term_b = _names_in(records, before, a_iri, a, known), _names_in(records, before, b_iri, b, known)
            if kind == "same" and _term_slug(term_a) == _term_slug(term_b):
                raise QueryError(f"'{a}' and '{b}' are one name of one person ({a_iri}): nothing to record")
            names = _slugs(records)
            hits_a = {n for n, ss in names.items() if _term_slug(term_a) in ss}
            hits_b = {n for n, ss in names.items() if _term_slug(term_b) in ss}
            if kind == "different" and hits_a & hits_b:
                both = sorted({n[0] for n in hits_a & hits_b})
                raise QueryError(f"'{term_a}' and '{term_b}' are names of the same mention (article {', '.join(both)}); "
                                 "a decision cannot tell them apart")
        else:
            term_a, term_b = decision_term(records, before, a_iri, known), decision_term(records, before, b_iri, known)
        add_decision(path, kind, term_a, term_b)
        written = reresolve(store).graphs_written
        store.publish()
        after = state_resolution(store.state)
        nodes = list(_slugs(records))
        return CurationResult(kind, term_a, term_b, decision_version(path), str(path),
                              tuple(changes(before, after, nodes)), written)


def list_decisions(store_path: str | Path) -> list[dict]:
    """The decisions recorded for a store, oldest first (kind, a, b, at).

    Raises:
        StoreError: no store at ``store_path``. InputError: the file is damaged.
    """
    with open_store(store_path, read_only=True) as store:
        path = store.path / CURATION_FILE
    load_decisions(path)  # validates
    if not path.exists():
        return []
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    rows = data.get("decisions") or []
    if not isinstance(rows, list):
        raise InputError(str(path), "expected a 'decisions' list")
    return [{"kind": r["kind"], "a": str(r["a"]), "b": str(r["b"]), "at": str(r.get("at", ""))} for r in rows]


def format_decisions(rows: list[dict]) -> str:
    """The rows of :func:`list_decisions`, one numbered line each ("(no decisions)" for none).

    Example:
        >>> print(format_decisions([{"kind": "same", "a": "Шакалене", "b": "Šakalienė", "at": "2025-01-02"}]))
          1  same       Шакалене  |  Šakalienė  (2025-01-02)
    """
    if not rows:
        return "(no decisions)"
    return "\n".join(f"{i:3}  {r['kind']:<9}  {r['a']}  |  {r['b']}  ({r['at']})" for i, r in enumerate(rows, 1))


def export_decisions(store_path: str | Path, out: str | Path) -> int:
    """Copy the store's decisions file to ``out`` (for another store); returns the number of decisions."""
    rows = list_decisions(store_path)
    version = decision_version(Path(store_path) / CURATION_FILE)
    text = "# ddgraph curation decisions: append-only; a later decision on a pair wins.\n"
    text += yaml.safe_dump({"version": version, "decisions": rows}, allow_unicode=True, sort_keys=False)
    Path(out).write_text(text, encoding="utf-8")
    return len(rows)
