"""Cross-article resolution: one global IRI for every entity and event.

``resolve`` is a pure function of the *set* of records: any order of the same
records gives the same :class:`Resolution`, IRIs included, because every choice
below is made in an order fixed by article ids and local keys.

Persons are clustered by :mod:`graph.persons` (names compared with
:mod:`graph.names`), events by :mod:`graph.events`; other entities get the IRI
of their lexicon id, office title or name (:func:`entity_iri`). ``BlockIndex``
says which stored articles a new one can touch, so a big store re-resolves only
that block and merges it in (:func:`merge_resolution`).

Example:
    >>> from graph.model import ArticleRecord, Entity, is_qualified_office
    >>> def rec(article_id, name, lang):
    ...     return ArticleRecord(article_id, "", "", (), lang, entities=(Entity("p1", "person", name, lang),))
    >>> r = resolve([rec("a", "Rustem Umerov", "en"), rec("b", "Умєровим", "uk")])
    >>> r.iri[("b", "p1")]
    'https://w3id.org/ddgraph/id/person/rustem-umerov'
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from graph.curation import Decisions
from graph.events import EventMention, cluster_events, event_blocking_keys, event_labels, event_mentions
from graph.iri import event_iri, group_iri, lexicon_iri, office_iri
from graph.model import ArticleRecord, Entity, is_qualified_office
from graph.names import first_name_relation, person_label, split_name
from graph.persons import Node, entity_forms, link_persons, person_iris, person_mentions, ref_id

__all__ = [
    "BlockIndex", "Node", "Resolution", "affected_articles", "blocking_keys", "entity_iri", "merge_resolution",
    "resolve",
    # re-exported: tests and ingest.incremental / ingest.resolution_state import them from here
    "first_name_relation", "person_label", "split_name",
    "_blocking", "_cluster_events", "_event_labels", "_events", "_forms", "_link_persons", "_person_iris", "_persons",
]

_LEXICON_KINDS = ("country", "place", "organization", "system")


@dataclass(frozen=True)
class Resolution:
    """Global identities of everything a set of records names.

    Attributes:
        iri: (article_id, local key) -> IRI, for every entity and event.
        label: IRI -> (canonical label, lang); persons get a canonical English label.
        alt_labels: IRI -> every other (form, lang) seen, the canonical label excluded.
    """

    iri: Mapping[tuple[str, str], str]
    label: Mapping[str, tuple[str, str]]
    alt_labels: Mapping[str, frozenset[tuple[str, str]]]


# --- other entities -----------------------------------------------------------


def entity_iri(record: ArticleRecord, ent: Entity) -> str:
    """IRI of a non-person entity: from its lexicon id, office title or name.

    Example:
        >>> rec = ArticleRecord("a", "a.txt", "", (), "en")
        >>> attrs = (("country", "ukraine"),)
        >>> entity_iri(rec, Entity("o1", "office", "Minister of Defence", "en", "defence-minister", attrs=attrs))
        'https://w3id.org/ddgraph/id/office/defence-minister-ukraine'
    """
    if ent.kind == "office":
        title = ent.lexicon_id or ent.attr("title") or ent.name
        country, org = (ref_id(record, ent.attr(name)) or None for name in ("country", "organization"))
        return office_iri(title, country, org)
    if ent.kind in _LEXICON_KINDS and (ent.lexicon_id or ent.kind != "organization"):
        return lexicon_iri(ent.kind, ent.lexicon_id or ent.name)
    return group_iri(ent.name)


def _label_key(pair: tuple[str, str]) -> tuple:
    return (pair[1] != "en", pair[0], pair[1])


# --- resolution ---------------------------------------------------------------


def resolve(records: Sequence[ArticleRecord], decisions: Decisions | None = None) -> Resolution:
    """Give every entity and event of ``records`` its global IRI, label and alt labels.

    Args:
        records: the articles, in any order (article ids must be unique).
        decisions: analysts' same/different decisions about persons.

    Example:
        >>> from graph.model import ArticleRecord, Entity, is_qualified_office
        >>> recs = [ArticleRecord(i, "", "", (), "en", entities=(Entity("p1", "person", n, "en"),))
        ...         for i, n in (("a", "Dmytro Kuleba"), ("b", "Oleksiy Kuleba"))]
        >>> sorted(set(resolve(recs).iri.values()))[0]
        'https://w3id.org/ddgraph/id/person/dmytro-kuleba'
    """
    decisions = decisions or Decisions()
    records = sorted(records, key=lambda r: r.article_id)
    ids = [r.article_id for r in records]
    if len(set(ids)) != len(ids):
        raise ValueError("resolve: duplicate article ids")
    iri: dict[Node, str] = {}
    label: dict[str, tuple[str, str]] = {}
    alts: dict[str, set[tuple[str, str]]] = defaultdict(set)
    persons = person_mentions(records, decisions)
    clusters = person_iris(persons, link_persons(persons, decisions))
    for piri, (text, members) in clusters.items():
        label[piri] = (text, "en")
        alts[piri] = {(f, p.entity.lang) for p in members for f in entity_forms(p.entity) if f != text}
        iri.update((p.node, piri) for p in members)
    names: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for rec in records:
        for ent in rec.entities:
            if ent.kind == "person":
                continue
            node_iri = iri[(rec.article_id, ent.key)] = entity_iri(rec, ent)
            names[node_iri].add((ent.name, ent.lang))
            alts[node_iri] |= {(f, ent.lang) for f in (ent.name, *ent.forms) if f.strip()}
    _qualify_offices(records, iri)
    for node_iri, pairs in names.items():
        label[node_iri] = min(pairs, key=_label_key)
        alts[node_iri].discard(label[node_iri])
    evs = event_mentions(records, iri, set(clusters))
    root = cluster_events(evs)
    groups: dict[Node, list[EventMention]] = defaultdict(list)
    for e in evs:
        groups[root[e.node]].append(e)
    for r, members in groups.items():
        ev_iri = event_iri(members[0].ev.kind, min(f"{m.node[0]}:{m.node[1]}" for m in members))
        label[ev_iri], alts[ev_iri] = event_labels(members)
        for m in members:
            iri[m.node] = ev_iri
    return Resolution(
        iri=dict(sorted(iri.items())),
        label=dict(sorted(label.items())),
        alt_labels={k: frozenset(alts[k]) for k in sorted(label)},
    )


def _qualify_offices(records: Sequence[ArticleRecord], iri: dict[Node, str]) -> None:
    """An office named without country or body ("Defense Minister Umerov") becomes the
    office of the same title that the same person holds with a country elsewhere, when
    there is exactly one such office."""
    bare: list[tuple[Node, str, str]] = []  # (office node, person IRI, title)
    known: dict[tuple[str, str], set[str]] = defaultdict(set)
    for rec in records:
        offices = {e.key: e for e in rec.entities if e.kind == "office"}
        for f in rec.facts:
            office = offices.get(f.object) if f.predicate == "holdsRole" else None
            if office is None or (rec.article_id, f.subject) not in iri:
                continue
            person, title = iri[(rec.article_id, f.subject)], office.lexicon_id or office.name
            if is_qualified_office(office):
                known[(person, title)].add(iri[(rec.article_id, office.key)])
            else:
                bare.append(((rec.article_id, office.key), person, title))
    for node, person, title in bare:
        if len(known.get((person, title), ())) == 1:
            iri[node] = next(iter(known[(person, title)]))


# --- incremental resolution ---------------------------------------------------


def blocking_keys(record: ArticleRecord, decisions: Decisions | None = None) -> frozenset[str]:
    """Keys that any cross-article link of this record must share with the other article.

    Persons: the 4-letter prefix of each surname key; analysts' "same" pairs the
    record's persons match; aid: provider>recipient; agreements: non-person parties.
    Meetings link only through shared persons, so person keys cover them.

    Example:
        >>> from graph.model import ArticleRecord, Entity, is_qualified_office
        >>> person = Entity("p1", "person", "Умєровим", "uk")
        >>> sorted(blocking_keys(ArticleRecord("a", "", "", (), "uk", entities=(person,))))
        ['p:umer']
    """
    decisions = decisions or Decisions()
    keys = set()
    persons = person_mentions([record], decisions)
    for p in persons:
        keys |= {f"p:{k[:4]}" for k in p.keys}
    for a, b in decisions.same:
        if any(a in p.terms or b in p.terms for p in persons):
            keys.add(f"d:{a}|{b}")
    ent_iri = {e.key: entity_iri(record, e) for e in record.entities if e.kind != "person"}
    for ev in record.events:
        if ev.kind == "aid":
            keys.add(f"aid:{ent_iri.get(ev.provider or '')}>{ent_iri.get(ev.recipient or '')}")
        elif ev.kind == "agreement":
            parties = (*ev.participants, *ev.signatories)
            keys |= {f"agr:{ent_iri[k]}" for k in parties if k in ent_iri}
    return frozenset(keys)


class BlockIndex:
    """Blocking keys of stored articles, to find the block a new article touches.

    Example:
        >>> from graph.model import ArticleRecord, Entity, is_qualified_office
        >>> rec = lambda i, n: ArticleRecord(i, "", "", (), "en", entities=(Entity("p1", "person", n, "en"),))
        >>> index = BlockIndex.from_records([rec("a", "Rustem Umerov"), rec("b", "Lecornu")])
        >>> sorted(index.affected([rec("c", "Umerov")]))
        ['a', 'c']
    """

    def __init__(self, stored_keys: Mapping[str, Iterable[str]] | None = None) -> None:
        self.keys: dict[str, frozenset[str]] = {}
        self.articles: dict[str, set[str]] = defaultdict(set)
        for article_id, keys in (stored_keys or {}).items():
            self._put(article_id, frozenset(keys))

    def _put(self, article_id: str, keys: frozenset[str]) -> None:
        for k in self.keys.get(article_id, ()):
            self.articles[k].discard(article_id)
        self.keys[article_id] = keys
        for k in keys:
            self.articles[k].add(article_id)

    @classmethod
    def from_records(cls, records: Iterable[ArticleRecord], decisions: Decisions | None = None) -> BlockIndex:
        """Index the blocking keys of ``records``."""
        index = cls()
        for rec in records:
            index.add(rec, decisions)
        return index

    def add(self, record: ArticleRecord, decisions: Decisions | None = None) -> None:
        """Index (or re-index) one record."""
        self._put(record.article_id, blocking_keys(record, decisions))

    def affected(self, new: Sequence[ArticleRecord], decisions: Decisions | None = None) -> set[str]:
        """Ids of the stored articles connected to ``new`` through shared keys, plus the new ids."""
        seen_keys: set[str] = set()
        todo = [k for rec in new for k in blocking_keys(rec, decisions)]
        found = {rec.article_id for rec in new}
        while todo:
            key = todo.pop()
            if key in seen_keys:
                continue
            seen_keys.add(key)
            for article_id in self.articles.get(key, ()):
                if article_id not in found:
                    found.add(article_id)
                    todo.extend(self.keys[article_id])
        return found


def affected_articles(
    new: Sequence[ArticleRecord], stored_keys: Mapping[str, set[str]], decisions: Decisions | None = None
) -> set[str]:
    """Articles to re-resolve when ``new`` joins a store whose articles have ``stored_keys``.

    Example:
        >>> from graph.model import ArticleRecord, Entity, is_qualified_office
        >>> r = ArticleRecord("c", "", "", (), "en", entities=(Entity("p1", "person", "Umerov", "en"),))
        >>> sorted(affected_articles([r], {"a": {"p:umer"}, "b": {"p:leko"}}))
        ['a', 'c']
    """
    return BlockIndex(stored_keys).affected(new, decisions)


def merge_resolution(previous: Resolution, partial: Resolution, replaced: Iterable[str] = ()) -> Resolution:
    """Merge the re-resolution of a block into the previous resolution of the store.

    Entries of the articles in ``partial`` (and in ``replaced``) come from
    ``partial``; the others stay. IRIs both sides name (lexicon things) get the
    smaller label (English first) and the union of the other forms. Records are
    assumed to be only added, never changed, between the two resolutions.

    Example:
        >>> a = Resolution({("a", "c"): "x"}, {"x": ("France", "en")}, {"x": frozenset({("Франція", "uk")})})
        >>> b = Resolution({("b", "c"): "x"}, {"x": ("Франція", "uk")}, {})
        >>> merge_resolution(a, b).label["x"], sorted(merge_resolution(a, b).alt_labels["x"])
        (('France', 'en'), [('Франція', 'uk')])
    """
    replaced = set(replaced) | {article for article, _ in partial.iri}
    kept = {k: v for k, v in previous.iri.items() if k[0] not in replaced}
    old, new = set(kept.values()), set(partial.iri.values())
    label, alts = {}, {}
    for x in old | new:
        sides = [r for r, has in ((previous, x in old), (partial, x in new)) if has]
        pairs = [r.label[x] for r in sides if x in r.label]
        if not pairs:
            continue
        label[x] = min(pairs, key=_label_key)
        alts[x] = frozenset().union(*(r.alt_labels.get(x, frozenset()) for r in sides), pairs) - {label[x]}
    return Resolution(
        iri=dict(sorted({**kept, **partial.iri}.items())),
        label=dict(sorted(label.items())),
        alt_labels={k: alts[k] for k in sorted(label)},
    )


# The helpers' old private names, which ingest.incremental and ingest.resolution_state import from here.
_persons, _link_persons, _person_iris, _forms = person_mentions, link_persons, person_iris, entity_forms
_events, _blocking, _cluster_events, _event_labels = event_mentions, event_blocking_keys, cluster_events, event_labels
