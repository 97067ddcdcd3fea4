"""What around a run of name words decides whether it is a person, and when the NER's opinion matters.

:func:`ingest.extract.names.find_name_candidates` confirms a name by its words (a known
first name, a pymorphy3 tag), a title, a cue right before it (an office, rank or
"counterpart": :func:`name_cues`) or spaCy's PERSON label. The model is the costliest
step of extraction (about half of it for an English article), and most sentences do
not need it: their candidates come out the same whatever it says (:func:`ner_matters`).

Example:
    >>> from ddgraph.ingest.document import Article, make_document
    >>> from ddgraph.ingest.extract.context import annotate
    >>> ctx = annotate(make_document(Article("Boris Pistorius arrived. Later Kowalczyk spoke.", "x")),
    ...                use_ner=False)
    >>> [ner_matters(s, "en") for s in ctx.sentences]
    [False, True]
"""

from __future__ import annotations

from ddgraph.ingest.extract.context import SentenceView
from ddgraph.ingest.extract.names import find_name_candidates, has_name_word
from ddgraph.ingest.extract.roles import window_left

#: Match kinds whose words are never part of a name ("Former", "counterpart", "Recall").
CUE_KINDS = frozenset({"former", "counterpart", "background", "status", "same_day", "delegation"})
_TITLE_KINDS = frozenset({"office", "rank", "counterpart"})


def name_cues(sent: SentenceView, language: str) -> tuple[set[int], set[int]]:
    """(cue ends, blocked) of a sentence for :func:`find_name_candidates`: the indexes of the
    capitalised tokens right after an office, rank or counterpart cue, and of the tokens
    inside cue phrases.

    Example:
        >>> from ddgraph.ingest.document import Article, make_document
        >>> from ddgraph.ingest.extract.context import annotate
        >>> ctx = annotate(make_document(Article("Former Defence Minister Reznikov spoke.", "x")), use_ner=False)
        >>> name_cues(ctx.sentences[0], "en")
        ({3}, {0})
    """
    cue_ends = {k for k, tok in enumerate(sent.tokens) if tok.is_cap and k > 0
                and any(m.kind in _TITLE_KINDS for m in window_left(sent, k, language))}
    blocked = {k for m in sent.matches if m.kind in CUE_KINDS for k in range(m.i, m.j)}
    return cue_ends, blocked


def ner_matters(sent: SentenceView, language: str) -> bool:
    """Whether PERSON spans could change the name candidates of ``sent``.

    The spans enter :func:`find_name_candidates` only as "does a span overlap this
    candidate" and "does a span hold the sentence's first word". When the candidates
    are the same with a span over the whole sentence and with none, every answer to
    those questions gives them, so the model need not read the sentence.

    Example:
        >>> from ddgraph.ingest.document import Article, make_document
        >>> from ddgraph.ingest.extract.context import annotate
        >>> ctx = annotate(make_document(Article("Boris Pistorius met Defence Minister Kowalczyk.", "x")), use_ner=False)
        >>> ner_matters(ctx.sentences[0], "en")
        False
    """
    if not sent.tokens or not has_name_word(sent.tokens, language):
        return False
    cue_ends, blocked = name_cues(sent, language)
    whole = {(sent.tokens[0].start, sent.tokens[-1].end + 1)}
    return (find_name_candidates(sent.tokens, language, whole, cue_ends, blocked)
            != find_name_candidates(sent.tokens, language, set(), cue_ends, blocked))
