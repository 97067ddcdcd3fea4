"""Find a person (or country, place, system, topic...) by any of its names.

A name argument may be the canonical label, any alias seen in an article, a
surname alone, in any script and case: ``Горбатюк``, ``horbatiuk``,
``Lecorne`` and ``Umerov`` all find their person. Matching goes in three
levels and the first level that finds something wins (see
:mod:`graph.namekeys` for the keys):

1. the canonical label or the IRI's last segment;
2. an alias, or the last words of a person's label or alias (the surname);
   Ukrainian case endings are removed from a Cyrillic query
   (``Горбатюка`` = ``Горбатюк``);
3. across scripts: a Latin query against the KMU 2010 romanisation of Cyrillic
   names, a Cyrillic query against Latin names by romanisation and by
   :func:`graph.translit.phonetic_key` (``Лекорню`` = ``Lecornu``).

In a store the keys are ``dd:nameKey`` values of the instance layer, so a
lookup is a handful of index reads whatever the size of the archive; topics are
matched in memory from the topic scheme. Spelling variants in the *same* script
are not matched but suggested, so that a typo is never silently taken for
someone: ``Umerow`` raises ``no person named 'Umerow'; did you mean: Rustem
Umerov?``. When one level finds two things the name is ambiguous and both are listed.

Example:
    >>> norm("Sébastien  LECORNU's")
    'sebastien lecornu'
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # rdflib only in annotations: a lookup process does not load it
    from rdflib import Dataset

from ddgraph.graph.errors import QueryError
from ddgraph.graph.namekeys import name_keys, norm, query_keys
from ddgraph.graph.namespaces import DD_NS, ID_NS, TOPIC_NS
from ddgraph.graph.translit import is_cyrillic, kmu2010
from ddgraph.queries.sparql import load_query, oxigraph_of, run_select

__all__ = ["KINDS", "Entry", "NameIndex", "StoreNames", "compact_iri", "expand_iri", "find", "find_iri", "norm"]

DD = DD_NS
PREFIXES = {"ddr:": ID_NS, "ddt:": TOPIC_NS, "dd:": DD}

#: kind -> (class IRI, the noun used in messages)
KINDS = {
    "person": (DD + "Person", "person"),
    "organization": (DD + "Organization", "organization"),
    "country": (DD + "Country", "country"),
    "place": (DD + "Place", "place"),
    "system": (DD + "WeaponSystem", "weapon system"),
    "topic": (DD + "Topic", "topic"),
    "office": (DD + "Office", "office"),
}
SUGGESTIONS = 3


def expand_iri(text: str) -> str | None:
    """The IRI written in ``text`` (full, or with the ddr: / ddt: / dd: prefix), else None.

    Example:
        >>> expand_iri("ddr:person/rustem-umerov")
        'https://w3id.org/ddgraph/id/person/rustem-umerov'
        >>> expand_iri("Umerov") is None
        True
    """
    text = text.strip()
    if text.startswith(("http://", "https://")):
        return text
    for prefix, ns in PREFIXES.items():
        if text.startswith(prefix):
            return ns + text[len(prefix):]
    return None


def compact_iri(iri: str) -> str:
    """Shorten an IRI with the ddr: / ddt: prefixes.

    Example:
        >>> compact_iri("https://w3id.org/ddgraph/id/person/rustem-umerov")
        'ddr:person/rustem-umerov'
    """
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns):
            return prefix + iri[len(ns):]
    return iri


def _fallback_label(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1].replace("-", " ")


@dataclass
class Entry:
    """One thing of the index: its IRI, canonical label and every other form."""

    iri: str
    label: str = ""
    forms: set[str] = field(default_factory=set)


class _Finder:
    """What :class:`NameIndex` and :class:`StoreNames` share: levels, ambiguity, suggestions."""

    kinds: tuple[str, ...]

    @property
    def noun(self) -> str:
        return " or ".join(KINDS[k][1] for k in self.kinds)

    def lookup(self, keys: list[str]) -> set[str]:  # pragma: no cover - abstract
        raise NotImplementedError

    def has(self, iri: str) -> bool:  # pragma: no cover - abstract
        raise NotImplementedError

    def label(self, iri: str) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def fuzzy(self) -> dict[str, set[str]]:  # pragma: no cover - abstract
        raise NotImplementedError

    def matches(self, name: str) -> list[str]:
        """IRIs that ``name`` names, at the first level that finds any (sorted)."""
        iri = expand_iri(name)
        if iri is not None:
            return [iri] if self.has(iri) else []
        for keys in query_keys(name):
            found = self.lookup(keys)
            if found:
                return sorted(found)
        return []

    def suggestions(self, name: str, limit: int = SUGGESTIONS) -> list[str]:
        """Labels of the things whose names are closest to ``name`` (rapidfuzz WRatio >= 75)."""
        key = norm(kmu2010(name)) if is_cyrillic(name) else norm(name)
        choices = self.fuzzy()
        if not key or not choices:
            return []
        scored: dict[str, float] = {}
        for choice, score, _ in process.extract(key, list(choices), scorer=fuzz.WRatio, limit=25, score_cutoff=75):
            for iri in choices[choice]:
                scored[iri] = max(scored.get(iri, 0), score)
        labels = {i: self.label(i) for i in scored}
        ranked = sorted(scored, key=lambda i: (-scored[i], labels[i], i))
        return [labels[i] for i in ranked[:limit]]

    def find(self, name: str) -> Entry:
        """The one thing ``name`` names.

        Raises:
            QueryError: nothing has that name (with the closest names suggested),
                or several things have it (all listed).
        """
        if not name or not name.strip():
            raise QueryError(f"empty {self.noun} name")
        found = self.matches(name)
        if len(found) == 1:
            return Entry(found[0], self.label(found[0]))
        if len(found) > 1:
            listed = ", ".join(f"{self.label(i)} ({compact_iri(i)})" for i in found)
            raise QueryError(f"'{name}' is ambiguous: {listed}; give a full name or the IRI")
        iri = expand_iri(name)
        if iri is not None:
            raise QueryError(f"{iri}: not a {self.noun} of the graph")
        hint = self.suggestions(name)
        message = f"no {self.noun} named '{name}'"
        raise QueryError(message + (f"; did you mean: {', '.join(hint)}?" if hint else ""))


class NameIndex(_Finder):
    """The names of some things, held in memory (the topic scheme, tests).

    Example:
        >>> idx = NameIndex.from_labels("person", {"ddr:person/a": ("Rustem Umerov", ["Умєров"])})
        >>> idx.find("умєровим").label, idx.find("UMEROV").label
        ('Rustem Umerov', 'Rustem Umerov')
        >>> idx.find("Umerow")
        Traceback (most recent call last):
        ...
        ddgraph.graph.errors.QueryError: no person named 'Umerow'; did you mean: Rustem Umerov?
    """

    def __init__(self, kinds: tuple[str, ...], entries: dict[str, Entry]) -> None:
        self.kinds = kinds
        self.entries = entries
        self.keys: dict[str, set[str]] = {}
        for e in entries.values():
            for k in name_keys(e.label, e.forms, person="person" in kinds, iri=e.iri):
                self.keys.setdefault(k, set()).add(e.iri)

    @classmethod
    def from_labels(cls, kind: str, labels: dict[str, tuple[str, list[str]]]) -> NameIndex:
        """Build an index from ``{iri: (label, [other forms])}`` (IRIs may use ddr:)."""
        entries = {}
        for iri, (label, forms) in labels.items():
            full = expand_iri(iri) or iri
            entries[full] = Entry(full, label, set(forms))
        return cls((kind,), entries)

    @classmethod
    def load(cls, ds: Dataset, *kinds: str) -> StoreNames:
        """The names of every thing of ``kinds`` (default: persons) in a store."""
        return StoreNames(ds, *kinds)

    def lookup(self, keys: list[str]) -> set[str]:
        return {i for k in keys for i in self.keys.get(k, ())}

    def has(self, iri: str) -> bool:
        return iri in self.entries

    def label(self, iri: str) -> str:
        return self.entries[iri].label if iri in self.entries else _fallback_label(iri)

    def fuzzy(self) -> dict[str, set[str]]:
        return {k[2:]: v for k, v in self.keys.items() if k.startswith("f|")}


def topic_index(ds: Dataset) -> NameIndex:
    """The topics of the scheme in the store's default graph, by every label."""
    entries: dict[str, Entry] = {}
    for row in sorted(run_select(ds, load_query("topics"), union=False).dicts(), key=lambda r: (r["x"], r["form"])):
        entry = entries.setdefault(row["x"], Entry(row["x"]))
        if row["main"] == "true" and (not entry.label or row["lang"] == "en"):
            if entry.label:
                entry.forms.add(entry.label)
            entry.label = row["form"]
        else:
            entry.forms.add(row["form"])
    return NameIndex(("topic",), entries)


class StoreNames(_Finder):
    """Names of the things of some kinds in a store, read through the instance layer's keys."""

    def __init__(self, ds: Dataset, *kinds: str) -> None:
        kinds = kinds or ("person",)
        for kind in kinds:
            if kind not in KINDS:
                raise QueryError(f"unknown kind {kind!r}: expected one of {', '.join(KINDS)}")
        self.ds, self.kinds = ds, kinds
        self._labels: dict[str, str] = {}
        self._topics = topic_index(ds) if "topic" in kinds else None
        self._classes = [KINDS[k][0] for k in kinds if k != "topic"]

    def lookup(self, keys: list[str]) -> set[str]:
        found = set(self._topics.lookup(keys)) if self._topics else set()
        for cls in self._classes:
            for key in keys:
                found |= {r[0] for r in run_select(self.ds, load_query("name_lookup"), {"key": key, "class": cls}, union=False).rows}
        return found

    def has(self, iri: str) -> bool:
        if self._topics and self._topics.has(iri):
            return True
        return any(run_select(self.ds, load_query("is_a"), {"x": iri, "class": cls}, union=False).rows for cls in self._classes)

    def label(self, iri: str) -> str:
        if self._topics and self._topics.has(iri):
            return self._topics.label(iri)
        if iri not in self._labels:
            rows = run_select(self.ds, load_query("label_of"), {"thing": iri}, union=False).rows
            self._labels[iri] = rows[0][1] if rows and rows[0][1] else _fallback_label(iri)
        return self._labels[iri]

    def fuzzy(self) -> dict[str, set[str]]:
        out: dict[str, set[str]] = self._topics.fuzzy() if self._topics else {}
        for cls in self._classes:
            for x, key in _fuzzy_keys(self.ds, cls):
                out.setdefault(key[2:], set()).add(x)
        return out


#: Spelling keys read from snapshots in this process, by (answers directory, the snapshot directory's inode
#: and ctime, class): a few snapshots' worth.
_KEPT_KEYS: dict[tuple, list[tuple[str, str]]] = {}
_KEPT_MAX = 8


def _fuzzy_keys(ds: Dataset, cls: str) -> list[tuple[str, str]]:
    """(thing, "f|" key) of every thing of class ``cls``: the query reads every key's string
    (80 ms for 3,000 persons), so on a published snapshot they are read once, kept with the
    snapshot's answers for later processes (:mod:`queries.memo`) and in this one."""
    from ddgraph.graph.store import answers_dir_of
    from ddgraph.queries.memo import remembered

    def query() -> list[tuple[str, str]]:
        return [(x, key) for x, key in run_select(ds, load_query("name_suggest", iris={"class": cls}), union=False).rows]

    directory = answers_dir_of(oxigraph_of(ds))  # a pyoxigraph store, or the one under an rdflib Dataset
    if directory is None:
        return query()
    try:  # the snapshot's own directory: a store made again at the same path has new ones
        snapshot = os.stat(directory.with_suffix(""))
    except OSError:
        return query()
    where = (str(directory), snapshot.st_ino, snapshot.st_ctime_ns, cls)
    kept = _KEPT_KEYS.get(where)
    if kept is None:
        value = remembered(directory, {"names": "spelling keys", "class": cls}, lambda: {"rows": json.dumps(query())})
        if len(_KEPT_KEYS) >= _KEPT_MAX:
            _KEPT_KEYS.clear()
        kept = _KEPT_KEYS[where] = [(x, key) for x, key in json.loads(value["rows"])]
    return kept


def find(ds: Dataset, name: str, *kinds: str) -> Entry:
    """The person (or thing of ``kinds``) that ``name`` names; see the module docstring.

    Example:
        >>> find(ds, "Горбатюк").iri  # doctest: +SKIP
        'https://w3id.org/ddgraph/id/person/volodymyr-horbatiuk'
    """
    return StoreNames(ds, *(kinds or ("person",))).find(name)


def find_iri(ds: Dataset, name: str | None, *kinds: str) -> str | None:
    """Like :func:`find` but returns the IRI, and None for None."""
    return None if name is None else find(ds, name, *kinds).iri
