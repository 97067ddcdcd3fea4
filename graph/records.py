"""Round-trip an :class:`~graph.model.ArticleRecord` through plain JSON data.

The store keeps each article's extraction record so that resolution can be run
again (when a new article arrives or a curator decides) without re-reading or
re-extracting anything.

Example:
    >>> from ddgraph.graph.model import ArticleRecord
    >>> r = ArticleRecord("abc", "x.txt", "Hi.", ((0, 3),), "en")
    >>> record_from_dict(record_to_dict(r)) == r
    True
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Iterable
from pathlib import Path

from ddgraph.graph.model import ArticleRecord, Entity, Event, Fact, Mention


def _m(m: Mention) -> list[int]:
    return [m.start, m.end, m.sentence]


def _entity_dict(e: Entity) -> dict:
    return {"key": e.key, "kind": e.kind, "name": e.name, "lang": e.lang, "lexicon_id": e.lexicon_id,
            "forms": list(e.forms), "mentions": [_m(m) for m in e.mentions], "attrs": [list(a) for a in e.attrs]}


def _event_dict(e: Event) -> dict:
    out = {f: getattr(e, f) for f in _EVENT_SCALARS}
    out.update((f, list(getattr(e, f))) for f in _EVENT_LISTS)
    out["mentions"] = [_m(m) for m in e.mentions]
    out["topic_mentions"] = [[t, _m(m)] for t, m in e.topic_mentions]
    return out


_EVENT_SCALARS = ("key", "kind", "subtype", "provider", "recipient", "location", "date", "not_after", "status", "label")
_EVENT_LISTS = ("participants", "items", "item_descriptions", "signatories", "topics")


def record_to_dict(record: ArticleRecord) -> dict:
    """Return ``record`` as JSON-serialisable data (mentions as [start, end, sentence]).

    Example:
        >>> record_to_dict(ArticleRecord("abc", "x.txt", "Hi.", ((0, 3),), "en"))["sentences"]
        [[0, 3]]
    """
    r = record
    return {
        "article_id": r.article_id, "source": r.source, "text": r.text, "sentences": [list(x) for x in r.sentences],
        "language": r.language, "published": r.published, "publisher": r.publisher, "title": r.title, "url": r.url,
        "removed": [list(x) for x in r.removed], "entities": [_entity_dict(e) for e in r.entities],
        "events": [_event_dict(e) for e in r.events],
        "facts": [{"subject": f.subject, "predicate": f.predicate, "object": f.object, "literal": f.literal,
                   "mentions": [_m(m) for m in f.mentions], "status": f.status} for f in r.facts],
        "extractor": r.extractor, "meta": [list(x) for x in r.meta],
    }


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


def encode_record(record: ArticleRecord) -> bytes:
    """A record as compressed JSON (what :class:`RecordStore` keeps).

    Example:
        >>> r = ArticleRecord("abc", "x.txt", "Hi.", ((0, 3),), "en")
        >>> decode_record(encode_record(r)) == r
        True
    """
    text = json.dumps(record_to_dict(record), ensure_ascii=False, separators=(",", ":"))
    return zlib.compress(text.encode("utf-8"), 6)


def decode_record(blob: bytes) -> ArticleRecord:
    """The record :func:`encode_record` wrote."""
    return record_from_dict(json.loads(zlib.decompress(blob).decode("utf-8")))


class RecordStore:
    """The extraction records of a store's articles (``records.sqlite``): what re-resolution
    and rewriting a graph read, so that nothing is read or extracted twice.

    Example:
        >>> import tempfile
        >>> rs = RecordStore(tempfile.mkdtemp() + "/records.sqlite")
        >>> rs.put([ArticleRecord("abc", "x.txt", "Hi.", ((0, 3),), "en", extractor="x/1")])
        >>> rs.extractors(), rs.get("abc").text
        ({'abc': 'x/1'}, 'Hi.')
    """

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        uri = f"file:{path}?mode=ro" if read_only else f"file:{path}"
        self.db = sqlite3.connect(uri, uri=True, isolation_level=None)
        if not read_only:
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("CREATE TABLE IF NOT EXISTS record(id TEXT PRIMARY KEY, extractor TEXT NOT NULL, "
                            "data BLOB NOT NULL)")

    def put(self, records: Iterable[ArticleRecord]) -> None:
        """Store (or replace) records, all in one transaction."""
        rows = [(r.article_id, r.extractor, encode_record(r)) for r in records]
        with self.db:
            self.db.execute("BEGIN")
            self.db.executemany("INSERT OR REPLACE INTO record VALUES (?,?,?)", rows)

    def get(self, article_id: str) -> ArticleRecord | None:
        """One record, or None."""
        row = self.db.execute("SELECT data FROM record WHERE id = ?", (article_id,)).fetchone()
        return decode_record(row[0]) if row else None

    def get_many(self, ids: Iterable[str]) -> dict[str, ArticleRecord]:
        """Records by id (the missing ones left out)."""
        out = {}
        ids = list(ids)
        for i in range(0, len(ids), 500):
            batch = ids[i : i + 500]
            q = f"SELECT id, data FROM record WHERE id IN ({','.join('?' * len(batch))})"
            out.update((aid, decode_record(blob)) for aid, blob in self.db.execute(q, batch))
        return out

    def has(self, article_id: str) -> bool:
        """Whether a record of the article is stored."""
        return self.db.execute("SELECT 1 FROM record WHERE id = ?", (article_id,)).fetchone() is not None

    def extractor(self, article_id: str) -> str | None:
        """The extractor of an article's stored record (None when there is none)."""
        row = self.db.execute("SELECT extractor FROM record WHERE id = ?", (article_id,)).fetchone()
        return row[0] if row else None

    def extractors(self) -> dict[str, str]:
        """Article id -> the extractor its record came from."""
        return dict(self.db.execute("SELECT id, extractor FROM record"))

    def ids(self) -> list[str]:
        """Ids of every stored record, sorted."""
        return [r[0] for r in self.db.execute("SELECT id FROM record ORDER BY id")]

    def count(self) -> int:
        """How many records are stored."""
        return self.db.execute("SELECT COUNT(*) FROM record").fetchone()[0]

    def size(self) -> int:
        """Bytes of compressed record data."""
        return self.db.execute("SELECT COALESCE(SUM(LENGTH(data)), 0) FROM record").fetchone()[0]

    def close(self) -> None:
        """Close the database."""
        self.db.close()
