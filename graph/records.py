"""Round-trip an :class:`~graph.model.ArticleRecord` through plain JSON data.

The store keeps each article's extraction record so that resolution can be run
again (when a new article arrives or a curator decides) without re-reading or
re-extracting anything.

Example:
    >>> from graph.model import ArticleRecord
    >>> r = ArticleRecord("abc", "x.txt", "Hi.", ((0, 3),), "en")
    >>> record_from_dict(record_to_dict(r)) == r
    True
"""

from __future__ import annotations

import dataclasses

from graph.model import ArticleRecord, Entity, Event, Fact, Mention


def record_to_dict(record: ArticleRecord) -> dict:
    """Return ``record`` as JSON-serialisable data."""
    return dataclasses.asdict(record)


def _mention(data) -> Mention:
    return Mention(*data) if isinstance(data, (list, tuple)) else Mention(**data)


def _mentions(items) -> tuple[Mention, ...]:
    return tuple(_mention(m) for m in items)


def _pairs(items) -> tuple[tuple[str, str], ...]:
    return tuple((a, b) for a, b in items)


def _entity(data: dict) -> Entity:
    return Entity(
        key=data["key"],
        kind=data["kind"],
        name=data["name"],
        lang=data["lang"],
        lexicon_id=data.get("lexicon_id"),
        forms=tuple(data.get("forms", ())),
        mentions=_mentions(data.get("mentions", ())),
        attrs=_pairs(data.get("attrs", ())),
    )


def _event(data: dict) -> Event:
    fields = dict(data)
    for name in ("participants", "items", "item_descriptions", "signatories", "topics"):
        fields[name] = tuple(fields.get(name, ()))
    fields["mentions"] = _mentions(fields.get("mentions", ()))
    fields["topic_mentions"] = tuple(
        (topic, _mention(m)) for topic, m in fields.get("topic_mentions", ())
    )
    return Event(**fields)


def _fact(data: dict) -> Fact:
    fields = dict(data)
    fields["mentions"] = _mentions(fields.get("mentions", ()))
    return Fact(**fields)


def record_from_dict(data: dict) -> ArticleRecord:
    """Rebuild an :class:`ArticleRecord` from :func:`record_to_dict` output."""
    return ArticleRecord(
        article_id=data["article_id"],
        source=data["source"],
        text=data["text"],
        sentences=tuple((a, b) for a, b in data["sentences"]),
        language=data["language"],
        published=data.get("published"),
        publisher=data.get("publisher"),
        title=data.get("title"),
        url=data.get("url"),
        removed=tuple((a, b, c) for a, b, c in data.get("removed", ())),
        entities=tuple(_entity(e) for e in data.get("entities", ())),
        events=tuple(_event(e) for e in data.get("events", ())),
        facts=tuple(_fact(f) for f in data.get("facts", ())),
        extractor=data.get("extractor", ""),
        meta=_pairs(data.get("meta", ())),
    )
