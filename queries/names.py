"""Find a person (or country, place, system, topic...) by any of its names.

A name argument may be the canonical label, any alias seen in an article, a
surname alone, in any script and case: ``Горбатюк``, ``horbatiuk``,
``Lecorne`` and ``Umerov`` all find their person. Matching goes in three
levels and the first level that finds something wins:

1. the canonical label (``rdfs:label`` / ``skos:prefLabel``) or the IRI's last segment;
2. an alias (``skos:altLabel``), or the last words of a person's label or alias
   (the surname); Ukrainian case endings are removed from a Cyrillic query
   (``Горбатюка`` = ``Горбатюк``);
3. across scripts: a Latin query against the KMU 2010 romanisation of Cyrillic
   names, a Cyrillic query against Latin names by romanisation and by
   :func:`graph.translit.phonetic_key` (``Лекорню`` = ``Lecornu``).

All comparisons are on normalised text (NFKD, diacritics stripped, case-folded,
punctuation as spaces). Spelling variants in the *same* script are not matched
but suggested, so that a typo is never silently taken for someone:
``Umerow`` raises ``no person named 'Umerow'; did you mean: Rustem Umerov?``.
When one level finds two things the name is ambiguous and both are listed.

Example:
    >>> norm("Sébastien  LECORNU's")
    'sebastien lecornu'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process
from rdflib import Dataset

from graph.errors import QueryError
from graph.translit import fold, is_cyrillic, kmu2010, phonetic_key, strip_uk_case
from queries.sparql import load_query, run_select

DD = "https://w3id.org/ddgraph/ontology#"
PREFIXES = {"ddr:": "https://w3id.org/ddgraph/id/", "ddt:": "https://w3id.org/ddgraph/topic/", "dd:": DD}

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
_POSSESSIVE = re.compile(r"['’ʼ]s\b", re.IGNORECASE)
_NON_WORD = re.compile(r"[\W_]+")


def norm(text: str) -> str:
    """Normalise a name for comparison: no diacritics, case-folded, words only.

    Example:
        >>> norm("Šakalienė"), norm("Kosiniak-Kamysz"), norm("Умєров")
        ('sakaliene', 'kosiniak kamysz', 'умєров')
    """
    return " ".join(_NON_WORD.sub(" ", fold(_POSSESSIVE.sub("", text))).split())


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


def _tails(key: str) -> list[str]:
    words = key.split()
    return [" ".join(words[i:]) for i in range(1, len(words))]


@dataclass
class Entry:
    """One thing of the index: its IRI, canonical label and every other form."""

    iri: str
    label: str = ""
    forms: set[str] = field(default_factory=set)


class NameIndex:
    """The names of every thing of some kinds, ready for :meth:`find`.

    Example:
        >>> idx = NameIndex.from_labels("person", {"ddr:person/a": ("Rustem Umerov", ["Умєров"])})
        >>> idx.find("умєровим").label, idx.find("UMEROV").label
        ('Rustem Umerov', 'Rustem Umerov')
        >>> idx.find("Umerow")
        Traceback (most recent call last):
        ...
        graph.errors.QueryError: no person named 'Umerow'; did you mean: Rustem Umerov?
    """

    def __init__(self, kinds: tuple[str, ...], entries: dict[str, Entry]) -> None:
        self.kinds = kinds
        self.entries = entries
        self.noun = " or ".join(KINDS[k][1] for k in kinds)
        persons = "person" in kinds
        # level -> key -> IRIs
        self.levels: list[dict[str, set[str]]] = [{}, {}, {}]
        self.phonetic: dict[str, set[str]] = {}
        self.fuzzy: dict[str, set[str]] = {}
        for e in entries.values():
            self._add(0, norm(e.label), e.iri)
            self._add(0, norm(e.iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]), e.iri)
            for form in {e.label, *e.forms}:
                key = norm(form)
                keys = [key] + (_tails(key) if persons else [])
                for k in keys:
                    if k != key or form != e.label:
                        self._add(1, k, e.iri)
                    self.fuzzy.setdefault(k if not is_cyrillic(k) else norm(kmu2010(k)), set()).add(e.iri)
                    if is_cyrillic(k):
                        self._add(2, norm(kmu2010(k)), e.iri)
                    else:
                        self.phonetic.setdefault(phonetic_key(k), set()).add(e.iri)

    def _add(self, level: int, key: str, iri: str) -> None:
        if key:
            self.levels[level].setdefault(key, set()).add(iri)

    @classmethod
    def from_labels(cls, kind: str, labels: dict[str, tuple[str, list[str]]]) -> NameIndex:
        """Build an index from ``{iri: (label, [other forms])}`` (IRIs may use ddr:)."""
        entries = {}
        for iri, (label, forms) in labels.items():
            full = expand_iri(iri) or iri
            entries[full] = Entry(full, label, set(forms))
        return cls((kind,), entries)

    @classmethod
    def load(cls, ds: Dataset, *kinds: str) -> NameIndex:
        """Read the names of every thing of ``kinds`` (default: persons) from the store."""
        kinds = kinds or ("person",)
        entries: dict[str, Entry] = {}
        labels: dict[str, list[tuple[int, str]]] = {}
        for kind in kinds:
            if kind not in KINDS:
                raise QueryError(f"unknown kind {kind!r}: expected one of {', '.join(KINDS)}")
            for row in run_select(ds, load_query("names"), {"class": KINDS[kind][0]}).dicts():
                iri, form = row["x"], row["form"]
                entry = entries.setdefault(iri, Entry(iri))
                if row["main"] == "true":
                    labels.setdefault(iri, []).append((0 if row["lang"] == "en" else 1 if not row["lang"] else 2, form))
                else:
                    entry.forms.add(form)
        for iri, entry in entries.items():
            ranked = sorted(labels.get(iri, []))
            entry.label = ranked[0][1] if ranked else iri.rstrip("/").rsplit("/", 1)[-1].replace("-", " ")
            entry.forms |= {f for _, f in ranked[1:]}
        return cls(kinds, entries)

    def _query_keys(self, name: str) -> list[list[str]]:
        key = norm(name)
        exact = [key]
        translit: list[str] = []
        if is_cyrillic(name):
            stripped = norm(" ".join(strip_uk_case(w) for w in name.split()))
            exact.append(stripped)
            translit = [norm(kmu2010(k)) for k in (key, stripped)]
        else:
            translit = [key]
        return [[key], exact, translit]

    def matches(self, name: str) -> list[str]:
        """IRIs that ``name`` names, at the first level that finds any (sorted)."""
        iri = expand_iri(name)
        if iri is not None:
            return [iri] if iri in self.entries else []
        keys0, keys1, keys2 = self._query_keys(name)
        for level, keys in ((0, keys0), (1, keys1)):
            found = {i for k in keys for i in self.levels[level].get(k, ())}
            if found:
                return sorted(found)
        found = set()
        if is_cyrillic(name):
            found |= {i for k in keys2 for i in self.levels[0].get(k, set()) | self.levels[1].get(k, set())}
            for k in keys2:
                found |= self.phonetic.get(phonetic_key(k), set())
        else:
            found |= {i for k in keys2 for i in self.levels[2].get(k, ())}
        return sorted(found)

    def suggestions(self, name: str, limit: int = SUGGESTIONS) -> list[str]:
        """Labels of the things whose names are closest to ``name`` (rapidfuzz WRatio >= 75)."""
        key = norm(kmu2010(name)) if is_cyrillic(name) else norm(name)
        if not key or not self.fuzzy:
            return []
        scored: dict[str, float] = {}
        for choice, score, _ in process.extract(key, list(self.fuzzy), scorer=fuzz.WRatio, limit=25, score_cutoff=75):
            for iri in self.fuzzy[choice]:
                scored[iri] = max(scored.get(iri, 0), score)
        ranked = sorted(scored, key=lambda i: (-scored[i], self.entries[i].label, i))
        return [self.entries[i].label for i in ranked[:limit]]

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
            return self.entries[found[0]]
        if len(found) > 1:
            listed = ", ".join(f"{self.entries[i].label} ({compact_iri(i)})" for i in found)
            raise QueryError(f"'{name}' is ambiguous: {listed}; give a full name or the IRI")
        iri = expand_iri(name)
        if iri is not None:
            raise QueryError(f"{iri}: not a {self.noun} of the graph")
        hint = self.suggestions(name)
        message = f"no {self.noun} named '{name}'"
        raise QueryError(message + (f"; did you mean: {', '.join(hint)}?" if hint else ""))


def find(ds: Dataset, name: str, *kinds: str) -> Entry:
    """The person (or thing of ``kinds``) that ``name`` names; see the module docstring.

    Example:
        >>> find(ds, "Горбатюк").iri  # doctest: +SKIP
        'https://w3id.org/ddgraph/id/person/volodymyr-horbatiuk'
    """
    return NameIndex.load(ds, *(kinds or ("person",))).find(name)


def find_iri(ds: Dataset, name: str | None, *kinds: str) -> str | None:
    """Like :func:`find` but returns the IRI, and None for None."""
    return None if name is None else find(ds, name, *kinds).iri
