"""Aid told in two sentences: a package named in one, what it holds listed in the next.

"Britain's new package is worth 450 million pounds. The package includes radar systems,
anti-tank mines and ..."; "Poland is preparing its 48th military aid package for Ukraine.
It will include 155 mm shells and Piorun ...". The second sentence has no aid verb of
its own: its giver, receiver and status are those of the package the sentence before
(or the one before that) names.

Example:
    >>> from ddgraph.ingest.document import Article, make_document
    >>> from ddgraph.ingest.extract.context import annotate
    >>> ctx = annotate(make_document(Article(
    ...     "Poland is preparing its new aid package for Ukraine. It will include Piorun systems.", "x")), use_ner=False)
    >>> contents_verb(ctx.sentences[1]), package_sides(ctx, ctx.sentences[1], [])[:3]
    (2, (None, 'poland', 'ukraine'))
"""

from __future__ import annotations

from collections.abc import Sequence

from ddgraph.ingest.extract.aid_sides import actors, adjective
from ddgraph.ingest.extract.context import Context, SentenceView

#: Verbs (lemmas for Ukrainian and Russian) that list what a package holds.
_LISTS = {"include", "includes", "included", "contains", "contain", "comprises", "comprise", "consists",
          "включати", "містити", "включать", "содержать",
          "увійти", "войти"}  # "До нього увійдуть ...", "В него войдут ..."
#: What may stand before such a verb: the package itself or a pronoun for it, with its
#: determiners, modifiers and auxiliaries ("The new package will also include").
_SUBJECTS = {"package", "it", "пакет", "він", "он"}
_BEFORE = {"the", "this", "new", "latest", "military", "aid", "security", "support", "assistance", "will", "would",
           "also", "is", "to", "expected", "цей", "новий", "этот", "новый", "також", "также", "до", "в"}
_PACKAGE = {"package", "пакет"}
_TO = {"for", "to", "для", "до"}


def contents_verb(sent: SentenceView) -> int | None:
    """The index of the verb that lists what a package holds, when the sentence opens with the
    package (or "it") and that verb; else None.

    Example:
        >>> from ddgraph.ingest.extract.context import SentenceView
        >>> from ddgraph.ingest.extract.tokens import tokenize
        >>> [contents_verb(SentenceView(0, 0, 99, tokenize(s, "en"), [])) for s in
        ...  ("The package includes radar systems.", "It will also include mines.", "Talks included drones.")]
        [2, 3, None]
    """
    words = [t.norm for t in sent.tokens[:8]]
    k = next((i for i, w in enumerate(words) if w in _LISTS), None)
    if not k or not any(w in _SUBJECTS for w in words[:k]):
        return None
    return k if all(w in _BEFORE or w in _SUBJECTS for w in words[:k]) else None


def package_sides(ctx: Context, sent: SentenceView,
                  drafts: Sequence) -> tuple[str | None, str, str | None, SentenceView] | None:
    """(status, provider, recipient, sentence) of the package a listing sentence continues: those
    of the aid found in the nearest of the two sentences before it that names a package, else
    the country that owns the package there ("Sweden's 20th package", "Poland is preparing its
    package") gives it to the country it is "for" (recipient None when not said), with the
    status of that sentence's aid verb (None: the caller reads it); None when neither sentence
    names a package with a giver.

    ``drafts`` are the :class:`ingest.extract.aid.AidDraft` found so far."""
    for back in (1, 2):
        if sent.index - back < 0:
            return None
        prev = ctx.sentences[sent.index - back]
        at = next((k for k, t in enumerate(prev.tokens) if t.norm in _PACKAGE), None)
        if at is None:
            continue
        found = [d for d in drafts if d.mention is not None and d.mention.sentence == prev.index and d.provider]
        if found:
            return found[-1].status, found[-1].provider, found[-1].recipient, prev
        countries = [m for m in actors(prev) if not adjective(prev, m)]
        owners = [m for m in countries if m.j <= at]
        owner = next((m for m in reversed(owners) if prev.tokens[m.j - 1].is_possessive and at - m.j <= 4),
                     owners[0] if owners else None)
        if owner is None:
            return None
        taker = next((m.id for m in countries if m.i > at and m.id != owner.id
                      and prev.tokens[m.i - 1].norm in _TO), None)
        return None, owner.id, taker, prev
    return None
