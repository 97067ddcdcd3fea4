"""Meetings of one article: who took part, where, when, what was discussed.

The article is cut into *episodes*: the main story, and each paragraph that
recalls an earlier event ("As reported earlier", "Recall", "Нагадаємо") with
the paragraphs that follow it. An episode with a meeting trigger ("met",
"talks", "phone call", "переговори") or a discussion between two named parties
yields one meeting; its topics are the topic terms of the episode's sentences
(except sentences that report deliveries, which are aid facts, not talk).

Example:
    >>> episodes_of([(0, "Main."), (1, "Recall: X met Y.")], lambda i: i == 1)
    [[0], [1]]
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from graph.model import Mention
from ingest.extract.context import Context, SentenceView
from ingest.extract.groups import Group, find_groups
from ingest.extract.persons import PersonDraft
from ingest.extract.when import find_date

_PREPOSITIONS_IN = {"in", "to", "at", "у", "в", "до", "на"}
_KIND_ORDER = ("multilateral", "video", "phone", "in-person")


@dataclass
class MeetingDraft:
    """A meeting while it is being built (local keys of participants)."""

    key: str
    kind: str
    participants: list[str] = field(default_factory=list)
    delegation: list[str] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    location: tuple[str, str, Mention] | None = None  # (kind, lexicon id, mention)
    date: str | None = None
    status: str = "happened"
    topics: dict[str, list[Mention]] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)


def episodes_of(sentences: list[tuple[int, str]], starts_episode: Callable[[int], bool]) -> list[list[int]]:
    """Group sentence indexes into episodes; a new one starts where ``starts_episode``."""
    out: list[list[int]] = []
    for idx, _ in sentences:
        if not out or starts_episode(idx):
            out.append([])
        out[-1].append(idx)
    return out


def _paragraph_starts(ctx: Context) -> set[int]:
    """Indexes of sentences that begin a paragraph."""
    text = ctx.doc.text
    starts = {0}
    for s in ctx.sentences[1:]:
        between = text[: s.start].rstrip(" \t")
        if between.endswith("\n\n") or between.endswith("\n"):
            starts.add(s.index)
    return starts


def _is_background(sent: SentenceView, paragraph_start: bool) -> bool:
    return paragraph_start and any(m.kind == "background" and m.i <= 2 for m in sent.matches)


def _persons_in(sent: SentenceView, persons: list[PersonDraft]) -> list[PersonDraft]:
    found = []
    for p in persons:
        if any(sent.start <= m.start < sent.end for m in p.mentions):
            found.append(p)
    return sorted(found, key=lambda p: min(m.start for m in p.mentions if sent.start <= m.start < sent.end))


def _person_tokens(sent: SentenceView, persons: list[PersonDraft]) -> set[int]:
    spans = [(m.start, m.end) for p in persons for m in p.mentions if sent.start <= m.start < sent.end]
    return {k for k, t in enumerate(sent.tokens) if any(s <= t.start < e for s, e in spans)}


def _trigger(sent: SentenceView, persons_here: int, groups_here: int) -> tuple[str, Mention | None] | None:
    meeting = sent.of("meeting")
    if meeting:
        kinds = sorted({m.id for m in meeting}, key=_KIND_ORDER.index)
        m = next(x for x in meeting if x.id == kinds[0])
        return kinds[0], Mention(m.start, m.end, sent.index)
    discussion = sent.of("discussion")
    if discussion and persons_here + groups_here >= 2:
        m = discussion[0]
        return "in-person", Mention(m.start, m.end, sent.index)
    return None


def _status(sents: list[SentenceView]) -> str:
    if any(s.has("status", "denied") for s in sents):
        return "denied"
    if sents and all(s.has("status", "planned") for s in sents):
        return "planned"
    return "happened"


def _location(ctx: Context, sents: list[SentenceView], cities_only: bool = False) -> tuple[str, str, Mention] | None:
    """A place or country introduced by "in"/"to"/"у"; cities win over countries.

    A country in a possessive ("in Ukraine's defense industry") or inside the name
    of a body ("of the Armed Forces of Ukraine") is no location.
    """
    best = None
    for sent in sents:
        bodies = [m for m in sent.matches if m.kind in {"organization", "office"}]
        for m in sent.matches:
            if m.kind not in {"place", "country"} or m.i == 0 or (cities_only and m.kind == "country"):
                continue
            if sent.tokens[m.j - 1].text.endswith(("'s", "’s")):
                continue
            if any(b.i <= m.i and m.j <= b.j and b.j - b.i > m.j - m.i for b in bodies):
                continue
            prev = sent.tokens[m.i - 1].norm
            prev2 = sent.tokens[m.i - 2].norm if m.i >= 2 else ""
            if prev not in _PREPOSITIONS_IN and not (prev == "the" and prev2 in _PREPOSITIONS_IN):
                continue
            cand = (m.kind, m.id, Mention(m.start, m.end, sent.index))
            if best is None or (best[0] == "country" and m.kind == "place"):
                best = cand
        if best is not None:
            return best
    return best


def extract_meetings(ctx: Context, persons: list[PersonDraft], aid_sentences: set[int],
                     person_key: Callable[[PersonDraft], str]) -> list[MeetingDraft]:
    """Find the meetings of the article (one per episode with a meeting trigger)."""
    para = _paragraph_starts(ctx)
    episodes = episodes_of([(s.index, "") for s in ctx.sentences],
                           lambda i: _is_background(ctx.sentences[i], i in para))
    out: list[MeetingDraft] = []
    for episode in episodes:
        sents = [ctx.sentences[i] for i in episode]
        trig_sents, kind, mentions = [], None, []
        participants: list[PersonDraft] = []
        delegation: list[PersonDraft] = []
        groups: list[Group] = []
        for sent in sents:
            here = _persons_in(sent, persons)
            sent_groups = find_groups(sent.tokens, sent.matches, ctx.language, _person_tokens(sent, persons))
            trig = _trigger(sent, len(here), len(sent_groups))
            if trig is None:
                continue
            trig_sents.append(sent)
            mentions.append(trig[1])
            if kind is None or _KIND_ORDER.index(trig[0]) < _KIND_ORDER.index(kind):
                kind = trig[0]
            is_delegation = sent.has("delegation")
            for p in here:
                target = delegation if is_delegation and participants and p not in participants else participants
                if p not in participants and p not in delegation:
                    target.append(p)
            groups.extend(g for g in sent_groups if g.label not in {x.label for x in groups})
        if not trig_sents or (not participants and not groups):
            continue
        if any(g.head in {"minister", "ministers", "міністр"} or g.label.lower().endswith("ministers")
               for g in groups) and kind == "in-person":
            kind = "multilateral"
        draft = MeetingDraft(f"m{len(out) + 1}", kind or "in-person")
        draft.participants = [person_key(p) for p in participants]
        draft.delegation = [person_key(p) for p in delegation]
        draft.groups = groups
        draft.status = _status(trig_sents)
        draft.mentions = mentions
        draft.location = _location(ctx, trig_sents) or _location(ctx, sents, cities_only=True)
        draft.date = next((d for d in (find_date(ctx, s) for s in trig_sents) if d), None)
        for sent in sents:
            if sent.index in aid_sentences:
                continue
            for m in sent.of("topic"):
                draft.topics.setdefault(m.id, []).append(Mention(m.start, m.end, sent.index))
        out.append(draft)
    return out
