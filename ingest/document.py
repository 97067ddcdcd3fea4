"""The two text records of the pipeline: the raw :class:`Article` and the cleaned :class:`Document`.

Example:
    >>> a = Article(text="Umerov met Lecornu.", source="x.txt")
    >>> a.article_id
    '22ca1c3c66d37dc1'
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property

from ddgraph.graph.errors import InputError


#: The most text one article may have, in UTF-8 bytes: a .txt file, a JSONL record's ``text``,
#: the main text of an HTML page. A long news story is 20-50 KB; past 1 MB it is no article,
#: and extraction time grows with the length (about 20 s per MB of English prose on one core).
MAX_ARTICLE_BYTES = 1024 * 1024


def too_large(size: int, limit: int = MAX_ARTICLE_BYTES) -> str:
    """The problem of an article over the limit (sizes in bytes).

    Example:
        >>> too_large(5 * 2**20)
        'article too large (5.0 MB of text > 1 MB per article)'
    """
    return f"article too large ({size / 2**20:.1f} MB of text > {limit / 2**20:g} MB per article)"


@dataclass(frozen=True)
class Article:
    """An article as read from disk, before any cleaning.

    Attributes:
        text: the raw text (page text with furniture, or raw HTML for ``fmt="html"``).
        source: where it came from: a path, or "path:LINE" for a JSONL record.
        fmt: "txt", "html" or "jsonl".
        url, title, published, publisher, language: metadata given by the
            container (JSONL fields), None when not given.
        warnings: what reading repaired or left out ("'title' left out ..."), one
            line each; the article is still good.
    """

    text: str
    source: str
    fmt: str = "txt"
    url: str | None = None
    title: str | None = None
    published: str | None = None
    publisher: str | None = None
    language: str | None = None
    warnings: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """Where the article came from, as messages name it: the path, "PATH: line N" for a JSONL record.

        Example:
            >>> Article("x", "feed.jsonl:3", fmt="jsonl").label, Article("x", "a.txt").label
            ('feed.jsonl: line 3', 'a.txt')
        """
        if self.fmt == "jsonl" and ":" in self.source:
            path, number = self.source.rsplit(":", 1)
            return f"{path}: line {number}"
        return self.source

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
        warnings: what was wrong but did not stop the article ("'published' value
            '31.02.2025' is not a valid date: left out"), one line each.
    """

    article: Article
    text: str
    language: str
    published: str | None
    publisher: str | None
    title: str | None
    sentences: tuple[Sentence, ...]
    removed: tuple[Removed, ...] = ()
    warnings: tuple[str, ...] = ()

    def sentence_index(self, offset: int) -> int:
        """Return the index of the sentence containing character ``offset``.

        Example:
            >>> d = Document(Article("A. B.", "x"), "A. B.", "en", None, None, None,
            ...              (Sentence(0, 2), Sentence(3, 5)))
            >>> d.sentence_index(4)
            1
        """
        # the last sentence starting at or before ``offset`` (by bisection): the one that
        # holds it, or the one before the whitespace it falls in; the first one before all
        return max(bisect_right(self._sentence_starts, offset) - 1, 0)

    @cached_property
    def authors(self) -> frozenset[str]:
        """The folded names of the persons the article's bylines name ("By Megan Rossi"):
        who wrote it, not who acts in it."""
        from ddgraph.ingest.furniture import byline_names, load_markers

        markers = load_markers()
        return frozenset(name for r in self.removed if r.reason == "byline"
                         for line in self.article.text[r.start : r.end].splitlines()
                         for name in byline_names(line, markers))

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    def sentence_text(self, index: int) -> str:
        """Return the text of sentence ``index``."""
        sent = self.sentences[index]
        return self.text[sent.start : sent.end]


def make_document(article: Article) -> Document:
    """Clean an article and find its language, date, publisher, title and sentences.

    Metadata given with the article (JSONL fields) wins over what the page text says; a
    given ``published`` that is no valid date is left out with a warning. The main
    text of an HTML page over :data:`MAX_ARTICLE_BYTES` raises :class:`InputError`.
    HTML (``fmt="html"``, or a JSONL text that is an HTML document) goes through
    trafilatura first; its ``removed`` is then empty, since the cleaner's spans refer
    to the extracted text, not to ``article.text``.

    Example:
        >>> doc = make_document(Article("19:57 26.03.2025\\n\\nKyiv • UNN\\n\\n"
        ...                             "Umerov met Lecornu in Paris. They discussed drones.", "x.txt"))
        >>> doc.text, doc.published, doc.publisher, doc.language, len(doc.sentences)
        ('Umerov met Lecornu in Paris. They discussed drones.', '2025-03-26', 'UNN', 'en', 2)
    """
    from ddgraph.ingest.clean import clean_text, extract_html
    from ddgraph.ingest.language import detect_language
    from ddgraph.ingest.meta import canonical_outlet, find_published, find_publisher, parse_date
    from ddgraph.ingest.sentences import split_sentences

    raw, page, warnings = article.text, None, []
    if article.fmt == "html" or (article.fmt == "jsonl" and looks_like_html(raw)):
        page = extract_html(raw)
        raw = page.text
        warnings += page.warnings
        size = len(raw.encode("utf-8"))
        if size > MAX_ARTICLE_BYTES:
            raise InputError(article.source, too_large(size))
    text, removed, title = clean_text(raw, article.language)
    language = _language_code(article.language) or detect_language(text or raw)
    given = parse_date(article.published, language) if article.published else None
    if article.published and given is None:
        value = article.published if len(article.published) <= 40 else article.published[:39] + "…"
        warnings.append(f"'published' value {value!r} is not a valid date: left out")
    published = given \
        or (parse_date(page.published) if page and page.published else None) \
        or find_published(raw, language)
    publisher = article.publisher or (page and page.publisher) or find_publisher(raw)
    return Document(
        article=article,
        text=text,
        language=language,
        published=published,
        publisher=(canonical_outlet(publisher) or publisher.strip()) if publisher else None,
        title=article.title or (page and page.title) or title,
        sentences=split_sentences(text, language),
        removed=() if page else removed,
        warnings=tuple(warnings),
    )


def looks_like_html(text: str) -> bool:
    """True when ``text`` is an HTML document rather than page text.

    Example:
        >>> looks_like_html("<html><body><p>x</p></body></html>"), looks_like_html("<3 drones")
        (True, False)
    """
    head = text[:2000].lstrip().lower()
    return head.startswith("<") and any(tag in head for tag in ("<html", "<body", "<article", "<p>", "<div"))


def _language_code(code: str | None) -> str | None:
    """Normalise a language tag ("en-GB" -> "en", "UK" -> "uk"); None when empty."""
    code = (code or "").strip().lower().replace("_", "-").split("-")[0]
    return code or None
