"""The resolution state of a store: what incremental resolution reads and extends.

A SQLite database (``<store>/resolution.sqlite``, or in memory for a pure
:func:`graph.resolve.resolve`) with indexed tables, so that one more article
reads only the rows of the blocks it touches:

==========  ============================================================
article     id -> the lean record (what resolution needs: no text, no spans), compressed
profile     person profile id -> its JSON and its cluster root
pbucket     bucket -> profile (surname-key prefixes, "same" decisions)
pmention    (article, key) -> profile: every person mention
pform       (profile, form, lang, article): the names each mention uses
cluster     root -> IRI, label, slug, article count, smallest office
qoffice     (profile, title, office IRI): qualified offices held
pbare       (article, key, seq, profile, title, own IRI): offices named without country
bare        (article, key) -> the IRI a bare office resolves to
ename       (IRI, name, lang, main): names and forms of the other entities
elabel      IRI -> (label, lang): labels of the other entities and of events
enode       (article, key) -> event IRI
etoken      (hash, day, article, key): event tokens (graph.event_blocks.Token; the day as an ordinal, NULL: undated)
evalt       (IRI, name, lang): other labels of events
meta        key -> value: format, curation digest
==========  ============================================================

Example:
    >>> state = ResolutionState.memory()
    >>> state.meta("format")
    '7'
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

#: Bumped when what the tables hold changes meaning (5: event tokens carry the status group and
#: the kind of day; 6: and the role of a person-and-place key; 7: a listed official's name of three
#: words keys as its canonical name); a state of another format is dropped and every article resolved again.
FORMAT = "7"
STATE_FILE = "resolution.sqlite"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS article(id TEXT PRIMARY KEY, lean BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS profile(id TEXT PRIMARY KEY, data TEXT NOT NULL, root TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS profile_root ON profile(root);
CREATE TABLE IF NOT EXISTS pbucket(bucket TEXT, profile TEXT, PRIMARY KEY(bucket, profile)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS pbucket_profile ON pbucket(profile);
CREATE TABLE IF NOT EXISTS pmention(article TEXT, key TEXT, profile TEXT NOT NULL,
    PRIMARY KEY(article, key)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS pmention_profile ON pmention(profile, article);
CREATE TABLE IF NOT EXISTS pform(profile TEXT, form TEXT, lang TEXT, article TEXT,
    PRIMARY KEY(profile, form, lang, article)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS cluster(root TEXT PRIMARY KEY, iri TEXT NOT NULL, label TEXT NOT NULL,
    slug TEXT NOT NULL, articles INTEGER NOT NULL, office TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS cluster_slug ON cluster(slug);
CREATE TABLE IF NOT EXISTS qoffice(profile TEXT, title TEXT, office TEXT,
    PRIMARY KEY(profile, title, office)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS pbare(article TEXT, key TEXT, seq INTEGER, profile TEXT, title TEXT, own TEXT,
    PRIMARY KEY(article, key, seq)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS pbare_profile ON pbare(profile);
CREATE TABLE IF NOT EXISTS bare(article TEXT, key TEXT, iri TEXT NOT NULL, PRIMARY KEY(article, key)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS ename(iri TEXT, name TEXT, lang TEXT, main INTEGER,
    PRIMARY KEY(iri, name, lang, main)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS elabel(iri TEXT PRIMARY KEY, name TEXT NOT NULL, lang TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS enode(article TEXT, key TEXT, iri TEXT NOT NULL, PRIMARY KEY(article, key)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS enode_iri ON enode(iri);
CREATE TABLE IF NOT EXISTS etoken(hash TEXT, day INTEGER, article TEXT, key TEXT);
DROP INDEX IF EXISTS etoken_hash;
CREATE INDEX IF NOT EXISTS etoken_hash_day ON etoken(hash, day);
CREATE INDEX IF NOT EXISTS etoken_node ON etoken(article, key);
CREATE TABLE IF NOT EXISTS evalt(iri TEXT, name TEXT, lang TEXT, PRIMARY KEY(iri, name, lang)) WITHOUT ROWID;
"""

_CHUNK = 500


def chunks(items: Iterable, size: int = _CHUNK) -> Iterator[list]:
    """Lists of at most ``size`` items (SQLite bounds the parameters of one statement).

    Example:
        >>> [len(c) for c in chunks(range(5), 2)]
        [2, 2, 1]
    """
    batch: list = []
    for x in items:
        batch.append(x)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


class ResolutionState:
    """An open resolution state (a SQLite connection with the schema above).

    Writes happen inside :meth:`transaction`; readers see the last committed state.
    """

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        db.executescript(_SCHEMA)
        if self.meta("format") is None:
            self.set_meta("format", FORMAT)
            db.commit()

    @classmethod
    def memory(cls) -> ResolutionState:
        """A fresh state in memory."""
        return cls(sqlite3.connect(":memory:", isolation_level=None))

    @classmethod
    def open(cls, path: str | Path) -> ResolutionState | None:
        """Open the state file at ``path`` (created when missing); None when it is damaged or of another format."""
        try:
            db = sqlite3.connect(str(path), isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            state = cls(db)
            if state.meta("format") != FORMAT:
                db.close()
                return None
            return state
        except sqlite3.DatabaseError:
            return None

    def close(self) -> None:
        """Close the connection."""
        self.db.close()

    # -- transactions ------------------------------------------------------------
    def begin(self) -> None:
        """Start a write transaction."""
        self.db.execute("BEGIN IMMEDIATE")

    def commit(self) -> None:
        """Commit the write transaction."""
        self.db.execute("COMMIT")

    def rollback(self) -> None:
        """Abandon the write transaction."""
        if self.db.in_transaction:
            self.db.execute("ROLLBACK")

    # -- meta ----------------------------------------------------------------------
    def meta(self, key: str) -> str | None:
        """A value of the meta table, or None."""
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        """Set a value of the meta table."""
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    # -- reading -------------------------------------------------------------------
    def articles(self) -> set[str]:
        """Ids of every resolved article."""
        return {r[0] for r in self.db.execute("SELECT id FROM article")}

    def article_count(self) -> int:
        """How many articles are resolved."""
        return self.db.execute("SELECT COUNT(*) FROM article").fetchone()[0]

    def leans(self, ids: Iterable[str] | None = None) -> Iterator[tuple[str, str]]:
        """(id, lean record JSON) of the given (default: every) resolved article."""
        if ids is None:
            yield from self.db.execute("SELECT id, lean FROM article ORDER BY id")
        else:
            yield from self.values("SELECT id, lean FROM article WHERE id IN ({})", sorted(ids))

    def has_articles(self, ids: Iterable[str]) -> set[str]:
        """Those of ``ids`` that are resolved."""
        return set(self.values("SELECT id FROM article WHERE id IN ({})", ids))

    def values(self, sql: str, keys: Iterable, extra: Sequence = ()) -> list:
        """Rows of ``sql`` (with one ``IN ({})`` placeholder) for every chunk of ``keys``;
        single-column rows are returned as values.

        Example:
            >>> s = ResolutionState.memory()
            >>> s.values("SELECT id FROM article WHERE id IN ({})", ["a"])
            []
        """
        out: list = []
        for batch in chunks(keys):
            sql_n = sql.format(",".join("?" * len(batch)))
            for row in self.db.execute(sql_n, (*batch, *extra)):
                out.append(row[0] if len(row) == 1 else row)
        return out
