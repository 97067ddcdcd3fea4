"""The two text records of the pipeline: the raw :class:`Article` and the cleaned :class:`Document`.

Example:
    >>> a = Article(text="Umerov met Lecornu.", source="x.txt")
    >>> a.article_id
    '22ca1c3c66d37dc1'
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass


@dataclass(frozen=True)
class Article:
    """An article as read from disk, before any cleaning.

    Attributes:
        text: the raw text (page text with furniture, or raw HTML for ``fmt="html"``).
        source: where it came from: a path, or "path:LINE" for a JSONL record.
        fmt: "txt", "html" or "jsonl".
        url, title, published, publisher, language: metadata given by the
            container (JSONL fields), None when not given.
    """

    text: str
    source: str
    fmt: str = "txt"
    url: str | None = None
    title: str | None = None
    published: str | None = None
    publisher: str | None = None
    language: str | None = None

    @property
    def article_id(self) -> str:
        """First 16 hex digits of the sha256 of ``text`` (the ``ddr:article/`` id)."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Removed:
    """A span of the raw text that cleaning dropped, and why ("headlines", "latest", ...)."""

    start: int
    end: int
    reason: str


@dataclass(frozen=True)
class Sentence:
    """A sentence of :attr:`Document.text`, by offsets."""

    start: int
    end: int


@dataclass(frozen=True)
class Document:
    """An article reduced to its main text, with language, date and sentences.

    Attributes:
        article: the raw article it came from.
        text: the main text; every later offset refers to it.
        language: ISO 639-1 code ("en", "uk", ...), "und" when undetermined.
        published: ISO date ("2024-09-02") when the page or metadata states it.
        publisher: outlet name when stated ("UNN", "Interfax-Ukraine").
        title: headline when known.
        sentences: the sentences of ``text``, in order, by offsets.
        removed: spans of ``article.text`` that were dropped as furniture.
    """

    article: Article
    text: str
    language: str
    published: str | None
    publisher: str | None
    title: str | None
    sentences: tuple[Sentence, ...]
    removed: tuple[Removed, ...] = ()

    def sentence_index(self, offset: int) -> int:
        """Return the index of the sentence containing character ``offset``.

        Example:
            >>> d = Document(Article("A. B.", "x"), "A. B.", "en", None, None, None,
            ...              (Sentence(0, 2), Sentence(3, 5)))
            >>> d.sentence_index(4)
            1
        """
        for i, sent in enumerate(self.sentences):
            if sent.start <= offset < sent.end:
                return i
        for i, sent in enumerate(self.sentences):  # offset in whitespace between sentences
            if offset < sent.start:
                return max(i - 1, 0)
        return max(len(self.sentences) - 1, 0)

    def sentence_text(self, index: int) -> str:
        """Return the text of sentence ``index``."""
        sent = self.sentences[index]
        return self.text[sent.start : sent.end]
