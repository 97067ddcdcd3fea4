"""Agreements of one article: memoranda, letters of intent, agreements, contracts.

An agreement is a document of a known type that the sentence says was signed
("signed", "підписали"); planned when the signing is still to come. Its parties
are the bodies on each side of "between" / "між"; without "between", the bodies
named in the sentence or the bodies the signatories speak for. Signatories are
the persons named before "signed" or after "signed by".

Example:
    >>> from ddgraph.ingest.document import Article, make_document
    >>> from ddgraph.ingest.extract.context import annotate
    >>> ctx = annotate(make_document(Article("A memorandum of understanding was signed between NATO and "
    ...     "the European Union.", "x")), use_ner=False)
    >>> [(a.type, a.label, [p[1] for p in a.parties]) for a in extract_agreements(ctx)]
    [('memorandum', 'memorandum of understanding', ['nato', 'european-union'])]
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ddgraph.graph.model import Mention
from ddgraph.ingest.extract.context import Context, SentenceView
from ddgraph.ingest.extract.match import Match, longest
from ddgraph.ingest.extract.mentions import MentionIndex
from ddgraph.ingest.extract.nationality import country_of_person
from ddgraph.ingest.extract.when import find_date

@dataclass
class AgreementDraft:
    """An agreement while it is being built (organisation / country ids)."""

    type: str
    label: str
    parties: list[tuple[str, str, Mention]] = field(default_factory=list)  # (kind, id, mention)
    signatories: list = field(default_factory=list)  # PersonDraft
    date: str | None = None
    status: str = "happened"
    mention: Mention | None = None
    collective: bool = False  # "the ministers signed ...": the signatories are the meeting's participants


def _agreement_label(ctx: Context, sent: SentenceView, m: Match) -> str:
    stop = {"was", "were", "is", "signed", "between", "with", "by", "that", "which", "has", "have", ",", ".",
            "during", "amid", "after", "before", "while", "at", "під", "між", "було", "який", "що", "у", "в", "("}
    j = m.j
    while j < len(sent.tokens) and sent.tokens[j].norm not in stop and j - m.j < 12 \
            and (not sent.tokens[j].is_cap or sent.tokens[j - 1].norm in {"of", "the", "on", "for", "-"}):
        j += 1  # "protocol of the 21st session of the Russian-Indian Intergovernmental Commission"
    return ctx.doc.text[sent.tokens[m.i].start : sent.tokens[j - 1].end]


#: Words before an agreement's name that point back to one already told ("the" does not:
#: "signed the memorandum on ..." often tells the first, or the one only planned before).
_BACK_REFERENCE = {"this", "that", "цей", "ця", "це", "даний", "цього", "цієї", "этот", "эта", "этого", "этой"}


def extract_agreements(ctx: Context, persons: list | None = None) -> list[AgreementDraft]:
    """Signed (or to-be-signed) agreements, with their parties and signatories.

    Parties are the bodies on each side of "between"; without "between", the bodies
    named in the sentence, or, failing those, the signatories' offices (resolved when
    the record is built). Signatories are the persons named before "signed" or after
    "signed by".
    """
    out = []
    index = MentionIndex(persons or [], [(s.start, s.end) for s in ctx.sentences])
    for sent in ctx.sentences:
        kinds = longest(sent.matches, {"agreement"})
        signed = sent.of("agreement_signed")
        if not kinds or not signed:
            continue
        m = kinds[0]
        if m.i > 0 and sent.tokens[m.i - 1].norm in _BACK_REFERENCE \
                and any(d.type == m.id and d.status == "happened" for d in out):
            continue  # "This memorandum opens the way ...": the one told before
        draft = AgreementDraft(m.id, _agreement_label(ctx, sent, m), mention=Mention(m.start, m.end, sent.index))
        if sent.has("status", "planned") or _future(sent, signed[0]):
            draft.status = "planned"
        bodies = [b for b in longest(sent.matches, {"organization", "country", "office"}) if b.kind != "office"]
        between = next((k for k, t in enumerate(sent.tokens) if t.norm in {"between", "між"}), None)
        collective = any(c.j <= signed[0].i for c in sent.of("collective"))
        signers = _signatories(sent, signed[0], index)
        if between is not None:
            conj = next((k for k in range(between + 1, len(sent.tokens))
                         if sent.tokens[k].norm in {"and", "і", "та", "й"}), len(sent.tokens))
            left = [b for b in bodies if between < b.i < conj]
            right = [b for b in bodies if b.i > conj]
            chosen = ([left[-1]] if left else []) + ([right[0]] if right else [])
        elif collective and not signers:
            # "Окремо міністри підписали угоду про ... на території Норвегії": the bodies after the
            # verb say what the document is about; the parties are the ministers' (their meeting's)
            chosen = [b for b in bodies if b.j <= signed[0].i and not sent.tokens[b.j - 1].is_possessive]
        else:
            chosen = [b for b in bodies if not sent.tokens[b.j - 1].is_possessive] if not signers else []
        for b in chosen:
            if all((k, i) != (b.kind, b.id) for k, i, _ in draft.parties):  # "India and ... for the Indian Navy"
                draft.parties.append((b.kind, b.id, Mention(b.start, b.end, sent.index)))
        draft.signatories = signers
        if not draft.parties:
            draft.parties = _countries_of(sent, draft.signatories, index)
        draft.date = find_date(ctx, sent)
        draft.collective = not (draft.parties or draft.signatories) and collective
        if draft.parties or draft.signatories or draft.collective:
            out.append(draft)
    return out


#: Words of a verb chain that put the signing in the future ("will be prepared and signed").
_FUTURE = {"will", "would", "shall", "буде", "будуть", "будет", "будут"}


def _future(sent: SentenceView, cue: Match) -> bool:
    before = {t.norm for t in sent.tokens[max(0, cue.i - 3) : cue.i]}
    if before & {"will", "would", "plan", "plans", "to"} or "futr" in sent.tokens[cue.i].tag:
        return True
    k = cue.i - 1  # the verb chain back to the clause's start: "agreed that an agreement will be prepared and signed"
    while k >= max(0, cue.i - 6) and sent.tokens[k].text not in {",", ";", ":", "."}:
        if sent.tokens[k].norm in _FUTURE:
            return True
        k -= 1
    return False


def _countries_of(sent: SentenceView, signatories: list, persons: MentionIndex) -> list[tuple[str, str, Mention]]:
    """The countries of signatories named with no office at all in the article, when none has one
    ("Договор, который Владимир Путин и Ким Чен Ын подписали": Russia, North Korea), from the
    listed officials' nationalities; else none (the record takes the parties from the offices)."""
    if not signatories or any(o.organization or o.country for p in signatories for o in p.offices):
        return []
    out: list[tuple[str, str, Mention]] = []
    for p, start, end in persons.mentions_in(sent.index):
        country = country_of_person(p.first, p.surname) if p in signatories else None
        if country and all(c != country for _, c, _ in out):
            out.append(("country", country, Mention(start, end, sent.index)))
    return out if len(out) == len(signatories) else []


def _signatories(sent: SentenceView, cue: Match, persons: MentionIndex) -> list:
    """Persons named before the signing verb, or after "signed by"."""
    by = cue.j < len(sent.tokens) and sent.tokens[cue.j].norm in {"by"}
    out = []
    for p, _start, end in persons.mentions_in(sent.index):
        if ((end <= cue.start) != by) and p not in out:
            out.append(p)
    return out
