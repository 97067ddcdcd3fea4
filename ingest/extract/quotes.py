"""Quoted statements and the speaker the text gives them to.

A quotation ("…", “…”, «…») is attributed when a speech verb ("said", "зазначив",
"according to") stands next to it with a person: named ("…," Umerov said), by a
title the article gives one person ("…," the French Minister of Defense said), or
by "he" / "the minister", which points back to the last person named before the
quote. The dash line after a quote ("- Umerov said.") counts too. Quotes nobody is
named for are left alone.

Example:
    >>> from ddgraph.ingest.document import Article, make_document
    >>> from ddgraph.ingest.extract.context import annotate
    >>> from ddgraph.ingest.extract.persons import extract_persons
    >>> ctx = annotate(make_document(Article('Rustem Umerov met Boris Pistorius. "Air defense remains '
    ...     'our top priority this winter," Umerov said.', "x")), use_ner=False)
    >>> [(p.name, ctx.text(m.start, m.end)) for p, m in extract_quotes(ctx, extract_persons(ctx))]
    [('Rustem Umerov', 'Air defense remains our top priority this winter,')]
"""

from __future__ import annotations

import re

from ddgraph.graph.model import Mention
from ddgraph.ingest.extract.context import Context
from ddgraph.ingest.extract.mentions import MentionIndex
from ddgraph.ingest.extract.persons import PersonDraft
from ddgraph.ingest.extract.scene_cues import PRONOUNS

_QUOTE = re.compile(r'["“«„]([^"“”«»„]+)["”»“]')  # every pair, so straight quotes stay paired
_MIN_QUOTE = 20
_ATTRIBUTION_AFTER = re.compile(r"\s*(?:[,–—-]|\n\s*[–—-]|[a-zа-яіїєґ])")  # '," he said', '" – зазначив', '\n- Umerov said'
_REACH = 90  # characters around a quote where its attribution is looked for


def _speech_near(ctx: Context, start: int, end: int) -> bool:
    for sent in ctx.sentences_near(start, end):
        if any(m.kind == "speech" and start <= m.start < end for m in sent.matches):
            return True
    return False


def _titled(ctx: Context, persons: list[PersonDraft], start: int, end: int) -> PersonDraft | None:
    """The one person of the article holding a title (or a title of a country) named
    between ``start`` and ``end``."""
    for sent in ctx.sentences_near(start, end):
        for m in sent.matches:
            if m.kind == "office" and start <= m.start < end:
                holders = [p for p in persons if any(o.title_id == m.id for o in p.offices)]
            elif m.kind == "country" and start <= m.start < end:  # "the German minister said"
                holders = [p for p in persons if any(o.country == m.id for o in p.offices)]
            else:
                continue
            if len(holders) == 1:
                return holders[0]
    return None


def _anaphor(ctx: Context, start: int, end: int) -> str | None:
    """"pronoun" for he/she, "title" for "the minister" and the like, else None."""
    for sent in ctx.sentences_near(start, end):
        for m in sent.matches:
            if m.kind == "anaphor" and start <= m.start < end:
                return "pronoun" if ctx.text(m.start, m.end).lower() in PRONOUNS else "title"
    return None


def extract_quotes(ctx: Context, persons: list[PersonDraft]) -> list[tuple[PersonDraft, Mention]]:
    """(speaker, quoted span) for every quotation the text attributes to a person."""
    text = ctx.doc.text
    out = []
    named = MentionIndex(persons, [(s.start, s.end) for s in ctx.sentences])
    for q in _QUOTE.finditer(text):
        start, end = q.start(1), q.end(1)
        if end - start < _MIN_QUOTE:
            continue
        after = (q.end(), min(len(text), q.end() + _REACH))
        before = (max(0, q.start() - _REACH), q.start())
        speaker = None
        for lo, hi in (after, before):
            if lo == q.end():
                if not (text[end - 1] == "," or _ATTRIBUTION_AFTER.match(text, lo)):  # '…," Umerov said' 
                    continue  # '…closer."' then a new paragraph: nothing after it speaks for it
                stop = text.find(".", lo + 2, hi)  # within reach: a scan to the end would cost O(n) per quote
                hi = min(hi, stop + 1) if stop >= 0 else hi
            if not _speech_near(ctx, lo, hi):
                continue
            speaker = named.first_in(lo, hi) or _titled(ctx, persons, lo, hi)
            anaphor = _anaphor(ctx, lo, hi) if speaker is None else None
            if anaphor == "pronoun":  # "…," he said: the last person named
                speaker = named.last_before(q.start())
            elif anaphor == "title":  # "…," the minister said: the article's protagonist
                speaker = named.protagonist()  # the person the article names most
            if speaker is not None:
                break
        if speaker is not None:
            out.append((speaker, ctx.mention(start, end)))
    return out
