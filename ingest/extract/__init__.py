"""Extraction: a cleaned :class:`~ingest.document.Document` in, an :class:`~graph.model.ArticleRecord` out.

Stages (each a plain function): annotate (tokens, lexicon terms, cues, NER) ->
persons with offices and ranks -> aid and agreements -> meetings -> records.

Example:
    >>> from ddgraph.ingest.document import Article, make_document
    >>> rec = extract(make_document(Article("Ukraine's Defense Minister Rustem Umerov met "
    ...     "his French counterpart Sébastien Lecornu in Paris. They discussed air defense.", "x.txt")))
    >>> sorted(e.name for e in rec.entities if e.kind == "person")
    ['Rustem Umerov', 'Sébastien Lecornu']
"""

from __future__ import annotations

from ddgraph.ingest.document import Document
from ddgraph.ingest.extract.agreements import extract_agreements
from ddgraph.ingest.extract.aid import extract_aid
from ddgraph.ingest.extract.context import Context, annotate, annotate_many
from ddgraph.ingest.extract.meetings import extract_meetings
from ddgraph.ingest.extract.nationality import qualify_by_nationality
from ddgraph.ingest.extract.national_offices import national_offices
from ddgraph.ingest.extract.persons import extract_persons
from ddgraph.ingest.extract.quotes import extract_quotes
from ddgraph.ingest.extract.records import RecordBuilder

#: Name and version recorded on every article graph (dd:extractor).
EXTRACTOR = "ddgraph-rules/0.1.0"


def extract(doc: Document, *, use_ner: bool = True):
    """Extract persons, offices, meetings, aid and agreements from ``doc``.

    Args:
        doc: the cleaned document.
        use_ner: use spaCy's English NER as one of the signals for names.

    Returns:
        graph.model.ArticleRecord: the article with its entities, events and facts.
    """
    return extract_annotated(annotate(doc, use_ner=use_ner))


def extract_annotated(ctx: Context):
    """The record of an annotated document (see :func:`extract`)."""
    persons = national_offices(qualify_by_nationality(extract_persons(ctx)))
    aid, aid_sentences = extract_aid(ctx, persons)
    agreements = extract_agreements(ctx, persons)
    builder = RecordBuilder(ctx)
    keys = {id(p): builder.person(p) for p in persons}
    meetings = extract_meetings(ctx, persons, aid_sentences, lambda p: keys[id(p)])
    for m in meetings:
        builder.meeting(m)
    for a in aid:
        builder.aid(a)
    for speaker, quote in extract_quotes(ctx, persons):
        builder.quote(keys[id(speaker)], quote)
    for g in agreements:
        signers = [keys[id(p)] for p in g.signatories] or (_meeting_participants(meetings, g) if g.collective else [])
        if g.parties or signers:
            builder.agreement(g, signers)
    return builder.build(EXTRACTOR)


def _meeting_participants(meetings: list, agreement) -> list[str]:
    """The persons of the meeting an agreement signed by "the ministers" / "сторони" belongs to:
    the last meeting that happened and was told before (or in) the agreement's sentence."""
    told = [m for m in meetings if m.status == "happened" and m.mentions
            and min(x.sentence for x in m.mentions) <= agreement.mention.sentence]
    if not told:
        return []
    return list(max(told, key=lambda m: min(x.sentence for x in m.mentions)).participants)
