"""What the store keeps of its resolution, for :mod:`ingest.incremental` to extend it.

``<store>/resolution.json`` holds a :class:`State`: for every stored article the
IRI of each local key, the buckets of each person mention and the blocking tokens
of each event, every label and alt label, and the qualified offices each person
holds. It is built from a full :func:`graph.resolve.resolve` and kept equal to one
by :func:`ingest.incremental.update`.

Example:
    >>> from graph.model import ArticleRecord, Entity
    >>> rec = ArticleRecord("a", "", "", (), "uk", entities=(Entity("p1", "person", "Умєровим", "uk"),))
    >>> State.build([rec], Decisions(), "").persons
    {('a', 'p1'): ('p:umer',)}
"""

from __future__ import annotations

import hashlib
import json
from collections import ChainMap, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from graph.curation import Decisions
from graph.iri import ID_NS
from graph.model import ArticleRecord, is_qualified_office
from graph.resolve import Node, Resolution, _blocking, _events, _persons, resolve

STATE_FILE = "resolution.json"
FORMAT = 1
Token = tuple[str, int | None]  # (hash of an event blocking key, 12-day bin or None)


def _short(iri: str) -> str:
    return iri[len(ID_NS):] if iri.startswith(ID_NS) else "<" + iri


def _long(text: str) -> str:
    return text[1:] if text.startswith("<") else ID_NS + text


def person_buckets(records: Sequence[ArticleRecord], decisions: Decisions) -> dict[Node, tuple[str, ...]]:
    """Buckets of every person mention: surname-key prefixes and the "same" decisions it matches."""
    out = {}
    for p in _persons(records, decisions):
        keys = {f"p:{k[:4]}" for k in p.keys}
        keys |= {f"d:{a}|{b}" for a, b in decisions.same if a in p.terms or b in p.terms}
        out[p.node] = tuple(sorted(keys))
    return out


def event_tokens(records: Sequence[ArticleRecord], iri: ChainMap | dict) -> dict[Node, tuple[Token, ...]]:
    """Blocking tokens of every event of ``records``, given the IRIs of their local keys."""
    persons = {iri[(r.article_id, e.key)] for r in records for e in r.entities if e.kind == "person"}
    return {e.node: _tokens(e) for e in _events(records, iri, persons)}


def office_holdings(records: Iterable[ArticleRecord], iri, persons: set[str] | None = None):
    """Qualified offices by (person IRI, title), and the bare office facts, of ``records``.

    Only holders whose IRI is in ``persons`` count (all when None). Bare facts come in
    the order :func:`graph.resolve.resolve` applies them: (office node, person IRI, title).
    """
    known: dict[tuple[str, str], set[str]] = defaultdict(set)
    bare: list[tuple[Node, str, str]] = []
    for rec in sorted(records, key=lambda r: r.article_id):
        offices = {e.key: e for e in rec.entities if e.kind == "office"}
        for f in rec.facts:
            office = offices.get(f.object) if f.predicate == "holdsRole" else None
            person = iri.get((rec.article_id, f.subject)) if office is not None else None
            if person is None or (persons is not None and person not in persons):
                continue
            title = office.lexicon_id or office.name
            if is_qualified_office(office):
                known[(person, title)].add(iri[(rec.article_id, office.key)])
            else:
                bare.append(((rec.article_id, office.key), person, title))
    return known, bare


def _tokens(e) -> tuple[Token, ...]:
    when = e.day or e.bound
    b = when.toordinal() // 12 if when else None
    return tuple(sorted((hashlib.blake2b(k.encode(), digest_size=8).hexdigest(), b) for k in _blocking(e)))


@dataclass
class State:
    """The resolution of every stored article, with what :func:`update` needs to extend it.

    Attributes:
        curation: digest of the curation file the resolution used.
        iri, label, alt_labels: as in :class:`graph.resolve.Resolution`.
        persons: person node -> its buckets. events: event node -> its blocking tokens.
        known: (person IRI, office title) -> the qualified office IRIs the person holds.
        articles: the article ids resolved.
    """

    curation: str
    iri: dict[Node, str]
    label: dict[str, tuple[str, str]]
    alt_labels: dict[str, frozenset[tuple[str, str]]]
    persons: dict[Node, tuple[str, ...]]
    events: dict[Node, tuple[Token, ...]]
    known: dict[tuple[str, str], frozenset[str]]
    articles: set[str]

    @classmethod
    def build(cls, records: Sequence[ArticleRecord], decisions: Decisions, curation: str,
              resolution: Resolution | None = None) -> State:
        """The state of a full resolution of ``records`` (computed unless given)."""
        res = resolution or resolve(records, decisions)
        known = {k: frozenset(v) for k, v in office_holdings(records, res.iri)[0].items()}
        return cls(curation, dict(res.iri), dict(res.label), dict(res.alt_labels), person_buckets(records, decisions),
                   event_tokens(records, res.iri), known, {r.article_id for r in records})

    def resolution(self) -> Resolution:
        """A :class:`Resolution` view of the state (no copy)."""
        return Resolution(self.iri, self.label, self.alt_labels)

    # -- on disk ---------------------------------------------------------------
    def save(self, path: Path) -> None:
        """Write the state as JSON (atomic rename)."""
        arts: dict[str, dict] = {a: {"iri": {}, "p": {}, "e": {}} for a in sorted(self.articles)}
        for (a, k), v in self.iri.items():
            arts[a]["iri"][k] = _short(v)
        for (a, k), v in self.persons.items():
            arts[a]["p"][k] = v
        for (a, k), v in self.events.items():
            arts[a]["e"][k] = v
        data = {
            "format": FORMAT, "curation": self.curation, "articles": arts,
            "label": {_short(k): v for k, v in sorted(self.label.items())},
            "alt": {_short(k): sorted(v) for k, v in sorted(self.alt_labels.items()) if v},
            "known": sorted([_short(p), t, sorted(map(_short, v))] for (p, t), v in self.known.items()),
        }  # fmt: skip
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        tmp.replace(path)

    @classmethod
    def load(cls, path: Path) -> State | None:
        """Read a saved state; None when it is missing, damaged or of another format."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") != FORMAT:
                return None
            iri, persons, events = {}, {}, {}
            for a, d in data["articles"].items():
                iri.update(((a, k), _long(v)) for k, v in d["iri"].items())
                persons.update(((a, k), tuple(v)) for k, v in d["p"].items())
                events.update(((a, k), tuple((h, b) for h, b in v)) for k, v in d["e"].items())
            label = {_long(k): (t, lang) for k, (t, lang) in data["label"].items()}
            alts = {k: frozenset() for k in label}
            alts.update((_long(k), frozenset((f, lang) for f, lang in v)) for k, v in data["alt"].items())
            known = {(_long(p), t): frozenset(map(_long, v)) for p, t, v in data["known"]}
            return cls(str(data["curation"]), iri, label, alts, persons, events, known, set(data["articles"]))
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None


def changed_articles(old: State | None, new: State) -> set[str]:
    """Articles of ``new`` whose triples can differ from those written from ``old``."""
    if old is None:
        return set(new.articles)
    out = new.articles - old.articles
    out |= {a for (a, k) in old.iri if (a, k) not in new.iri and a in new.articles}
    for n, x in new.iri.items():
        if old.iri.get(n) != x or old.label.get(x) != new.label[x]:
            out.add(n[0])
    return out
