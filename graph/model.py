"""Plain records that flow from extraction into the graph.

Nothing here knows RDF. ``ingest`` builds these records from a cleaned document;
``graph`` resolves them against the store and writes them as triples.

Offsets are always character offsets into the cleaned text of the article
(``ArticleRecord.text``); a :class:`Mention` never copies the words it points at.

Example:
    >>> m = Mention(start=0, end=6, sentence=0)
    >>> "Umerov met Lecornu"[m.start:m.end]
    'Umerov'
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: Kinds of entity an extractor may emit.
ENTITY_KINDS = (
    "person",  # a named human being
    "organization",  # a body from the lexicon or a named body
    "group",  # an unnamed body standing in for people ("French defense companies")
    "country",
    "place",  # a city or region
    "office",  # a post such as "Minister of Defence of Ukraine"
    "system",  # a weapon system
)

#: Kinds of event.
EVENT_KINDS = ("meeting", "aid", "agreement")

#: Factuality of an event or fact.
STATUSES = ("happened", "planned", "denied", "reported")


@dataclass(frozen=True, order=True)
class Mention:
    """A span of the cleaned article text.

    Args:
        start: first character (inclusive).
        end: last character (exclusive).
        sentence: index of the sentence that contains the span.
    """

    start: int
    end: int
    sentence: int


@dataclass(frozen=True)
class Entity:
    """Something named in one article, before cross-article resolution.

    Attributes:
        key: identifier local to the article ("p1", "country:france").
        kind: one of :data:`ENTITY_KINDS`.
        name: the best name the article gives, normalised (nominative case,
            full first name + surname when the article states both).
        lang: language of ``name`` ("en", "uk", ...).
        lexicon_id: id of the lexicon entry when the entity is a known one
            (countries, places, organisations, offices, systems); None for persons.
        forms: every surface form seen in the article (as written).
        mentions: where the article names it.
        attrs: extra typed attributes as sorted (name, value) pairs, e.g.
            ("rank", "Major General"), ("country", "ukraine"), ("title", "...").
    """

    key: str
    kind: str
    name: str
    lang: str
    lexicon_id: str | None = None
    forms: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = ()
    attrs: tuple[tuple[str, str], ...] = ()

    def attr(self, name: str, default: str | None = None) -> str | None:
        """Return the first value of attribute ``name``.

        Example:
            >>> Entity("p1", "person", "X", "en", attrs=(("rank", "Colonel"),)).attr("rank")
            'Colonel'
        """
        for key, value in self.attrs:
            if key == name:
                return value
        return default


def is_qualified_office(ent: Entity) -> bool:
    """True for an office whose country or body the text states (not an assumed default).

    Example:
        >>> is_qualified_office(Entity("o", "office", "President", "en", attrs=(("assumed", "true"), ("country", "c"))))
        False
    """
    return bool((ent.attr("country") or ent.attr("organization")) and not ent.attr("assumed"))


@dataclass(frozen=True)
class Fact:
    """A binary statement between two local entities (or an entity and a literal).

    Attributes:
        subject: local key of the subject entity.
        predicate: local name of a ``dd:`` property ("holdsRole", "rank", ...).
        object: local key of the object entity, or a literal value.
        literal: True when ``object`` is a literal, not an entity key.
        mentions: the spans that state the fact.
        status: factuality, one of :data:`STATUSES`.
    """

    subject: str
    predicate: str
    object: str
    literal: bool = False
    mentions: tuple[Mention, ...] = ()
    status: str = "happened"


@dataclass(frozen=True)
class Event:
    """A meeting, an aid delivery or an agreement reported by one article.

    Attributes:
        key: identifier local to the article ("m1").
        kind: one of :data:`EVENT_KINDS`.
        subtype: meeting kind (in-person, phone, video, multilateral, visit),
            aid status (delivered, pledged, ordered) or agreement type
            (memorandum, letter-of-intent, agreement, contract).
        participants: local keys of persons, organisations and groups
            (meetings), of parties (agreements).
        provider: local key of the providing country (aid).
        recipient: local key of the receiving country (aid).
        items: local keys of weapon-system entities (aid).
        item_descriptions: items that are not systems, as English text
            ("training of more than 7,000 Ukrainian soldiers") (aid).
        signatories: local keys of persons who signed (agreements).
        location: local key of a place or country.
        date: ISO date when the text fixes it.
        not_after: ISO date bounding it (publication date) when no date is stated.
        topics: topic ids from the ``ddt:`` vocabulary, sorted.
        status: factuality, one of :data:`STATUSES`.
        label: a short human-readable English summary.
        mentions: the spans that report the event (trigger sentences).
        topic_mentions: (topic id, mention) pairs, the evidence for each topic.
    """

    key: str
    kind: str
    subtype: str = ""
    participants: tuple[str, ...] = ()
    provider: str | None = None
    recipient: str | None = None
    items: tuple[str, ...] = ()
    item_descriptions: tuple[str, ...] = ()
    signatories: tuple[str, ...] = ()
    location: str | None = None
    date: str | None = None
    not_after: str | None = None
    topics: tuple[str, ...] = ()
    status: str = "happened"
    label: str = ""
    mentions: tuple[Mention, ...] = ()
    topic_mentions: tuple[tuple[str, Mention], ...] = ()


@dataclass(frozen=True)
class ArticleRecord:
    """Everything ddgraph keeps of one article: metadata, clean text, extraction.

    Attributes:
        article_id: first 16 hex digits of sha256 of the raw text.
        source: where it was read from ("data/articles/x.txt", "feed.jsonl:3").
        text: the cleaned main text that all offsets refer to.
        sentences: (start, end) offsets of each sentence in ``text``.
        language: ISO 639-1 code, "und" when unknown.
        published: ISO date of publication when stated.
        publisher: outlet name when stated.
        title: headline when known.
        url: address when known.
        removed: (start, end, reason) spans of the raw text that cleaning dropped.
        entities, events, facts: what extraction found.
        extractor: name and version of the extractor.
    """

    article_id: str
    source: str
    text: str
    sentences: tuple[tuple[int, int], ...]
    language: str
    published: str | None = None
    publisher: str | None = None
    title: str | None = None
    url: str | None = None
    removed: tuple[tuple[int, int, str], ...] = ()
    entities: tuple[Entity, ...] = ()
    events: tuple[Event, ...] = ()
    facts: tuple[Fact, ...] = ()
    extractor: str = ""
    meta: tuple[tuple[str, str], ...] = field(default=())

    def entity(self, key: str) -> Entity | None:
        """Return the local entity with ``key``, or None."""
        for ent in self.entities:
            if ent.key == key:
                return ent
        return None

    def sentence_text(self, index: int) -> str:
        """Return the text of sentence ``index``."""
        start, end = self.sentences[index]
        return self.text[start:end]
