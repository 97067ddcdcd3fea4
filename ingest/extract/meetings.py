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

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from ddgraph.graph.model import Mention
from ddgraph.ingest.extract.context import Context, SentenceView
from ddgraph.ingest.extract.groups import Group
from ddgraph.ingest.extract.mentions import MentionIndex
from ddgraph.ingest.extract.persons import PersonDraft
from ddgraph.ingest.extract.places import dateline_place, meeting_place, title_place
from ddgraph.ingest.extract.scenes import Scene, scenes_of, status_of
from ddgraph.ingest.extract.when import find_date
from ddgraph.ingest.lexicon import load_lexicon
from ddgraph.ingest.meta import dates_in


@dataclass
class MeetingDraft:
    """A meeting while it is being built (local keys of participants)."""

    key: str
    kind: str
    participants: list[str] = field(default_factory=list)
    delegation: list[str] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    bodies: list[tuple[str, Mention]] = field(default_factory=list)  # organisation ids
    location: tuple[str, str, Mention | None] | None = None  # (kind, lexicon id, mention; none for a dateline)
    date: str | None = None
    status: str = "happened"
    topics: dict[str, list[Mention]] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)


def system_topics(system_id: str) -> tuple[str, ...]:
    """Topics a weapon system implies (``topics`` of its systems.yaml entry).

    Example:
        >>> system_topics("patriot")
        ('air-defense',)
    """
    term = load_lexicon().systems.get(system_id)
    return term.attr_all("topics") if term is not None else ()


def episodes_of(sentences: list[tuple[int, str]], starts_episode: Callable[[int], bool]) -> list[list[int]]:
    """Group sentence indexes into episodes; a new one starts where ``starts_episode``."""
    out: list[list[int]] = []
    for idx, _ in sentences:
        if not out or starts_episode(idx):
            out.append([])
        out[-1].append(idx)
    return out


def _paragraph_starts(ctx: Context) -> set[int]:
    """Indexes of sentences that begin a paragraph (a line break before them, spaces and tabs aside)."""
    text = ctx.doc.text
    starts = {0}
    for s in ctx.sentences[1:]:
        k = s.start
        while k > 0 and text[k - 1] in " \t":
            k -= 1
        if k > 0 and text[k - 1] == "\n":
            starts.add(s.index)
    return starts


def _is_background(sent: SentenceView, paragraph_start: bool) -> bool:
    return paragraph_start and any(m.kind == "background" and m.i <= 2 for m in sent.matches)


#: "The evening before the meeting", "the day before", "напередодні засідання": a side meeting of the eve.
_EVE_OF = re.compile(r"\b(?:the )?(?:evening|day|night) before\b|\bнапередодні\b|\bнакануне\b", re.I)


def _main_again(ctx: Context, para: set[int], episodes: list[list[int]]) -> list[list[int]]:
    """Move back to the main story (the first episode) the paragraphs after a background one
    that open with "The same day" / "Того ж дня" / "В тот же день": they go on with the
    main story's day and people ("Того ж дня норвезький генерал обговорив з X")."""
    if len(episodes) < 2:
        return episodes
    main, rest = list(episodes[0]), []
    for episode in episodes[1:]:
        kept, back = [], False
        for i in episode:
            sent = ctx.sentences[i]
            if i in para:
                back = any(m.kind == "same_day" and m.i <= 1 for m in sent.matches)
            (main if back else kept).append(i)
        if kept:
            rest.append(kept)
    return [main, *rest]


def _lead_date(ctx: Context, scene: Scene) -> str | None:
    """A date written in the sentences that lead up to the meeting's first trigger ("On 12
    January 2024 they signed the agreement. Sunak ... held talks with Zelensky"; "Austin
    arrived in Kyiv on 20 November ... In the Ukrainian capital, Austin held talks with X")."""
    first = scene.triggers[0].index if scene.triggers else None
    for sent in scene.sents:
        if first is not None and sent.index >= first:
            break
        found = dates_in(ctx.doc.text[sent.start : sent.end])
        if found:
            return found[0][2]
        if sent.has("meeting") or sent.has("during_visit"):  # "arrived ... on 20 November on a visit"
            day = find_date(ctx, sent)
            if day:
                return day
    return None


def _vague_date(ctx: Context, vague: Scene | None, scene: Scene, status: str) -> str | None:
    """The date of a meeting told, right before ``scene``, without two sides named ("The U.S.
    and Ukraine signed a statement on Wednesday, as Ukraine's top official held talks with
    Pentagon leaders. Kamyshin held talks with LaPlante ..."): the same meeting, when of the same status."""
    if vague is None or not vague.triggers or not scene.sents or status_of(vague.triggers) != status \
            or vague.sents[-1].index + 1 != scene.sents[0].index:
        return None
    return next((d for d in (find_date(ctx, s, status == "planned") for s in vague.triggers) if d), None)


def _big_meeting_of(scene: Scene, out: list[MeetingDraft]) -> MeetingDraft | None:
    """The meeting whose sidelines a side meeting was held on: the one just told, or, for talks
    told in a paragraph of their own ("На полях засідання X провів зустріч з Y" after a background
    paragraph), the last multilateral meeting of the article."""
    if scene.side and out:
        return out[-1]
    if any(s.has("side_meeting") for s in scene.triggers):
        return next((m for m in reversed(out) if m.kind == "multilateral"), None)
    return None


def _inherit_visit(draft: MeetingDraft, visit: MeetingDraft) -> None:
    """"During the visit, X had already discussed ...": the meeting happened on the trip the
    article reports, so it takes the trip's day and its country (the city is not said)."""
    draft.date = draft.date or visit.date
    if draft.location is None and visit.location is not None:
        kind, ident, mention = visit.location
        if kind == "place":
            country = load_lexicon().places[ident].attr("country") if ident in load_lexicon().places else None
            draft.location = ("country", country, mention) if country else None
        else:
            draft.location = visit.location


def extract_meetings(ctx: Context, persons: list[PersonDraft], aid_sentences: set[int],
                     person_key: Callable[[PersonDraft], str]) -> list[MeetingDraft]:
    """Find the meetings of the article: per episode, one per scene with a meeting trigger."""
    para = _paragraph_starts(ctx)
    episodes = _main_again(ctx, para, episodes_of([(s.index, "") for s in ctx.sentences],
                                                  lambda i: _is_background(ctx.sentences[i], i in para)))
    out: list[MeetingDraft] = []
    index = MentionIndex(persons, [(s.start, s.end) for s in ctx.sentences])
    main_count = 0
    for n_episode, episode in enumerate(episodes):
        main_start = len(out)  # the meetings of this episode begin here
        vague = None  # a meeting told just before without two sides named ("held talks with Pentagon leaders")
        for scene in scenes_of(ctx, [ctx.sentences[i] for i in episode], index):
            if scene.parties() < 2:
                vague = scene
                continue  # a meeting needs two sides
            kind = scene.kind or "in-person"
            if scene.side and kind == "multilateral":
                kind = "in-person"  # a side meeting is bilateral, whatever the big one was
            if kind == "in-person" and (any(g.label.lower().endswith(("ministers", "міністри", "міністрів"))
                                            for g in scene.groups) or scene.bodies and len(scene.participants) > 2):
                kind = "multilateral"  # "EU defense ministers"; a body's meeting of many
            draft = MeetingDraft(f"m{len(out) + 1}", kind)
            draft.participants = [person_key(p) for p in scene.participants]
            draft.delegation = [person_key(p) for p in scene.delegation]
            draft.groups = scene.groups
            draft.status = status_of(scene.triggers)
            draft.mentions = scene.mentions
            draft.bodies = [(b.id, Mention(b.start, b.end, ctx.doc.sentence_index(b.start))) for b in scene.bodies]
            told = [s for s in scene.sents if s in scene.triggers or not (s.of("meeting") and status_of([s]) != draft.status)]
            draft.location = meeting_place(ctx, scene.triggers) or meeting_place(ctx, told, cities_only=True)
            if kind in {"phone", "video"}:
                draft.location = None  # a call is held nowhere: a city named near it is someone's front or trip
            if draft.location and draft.location[0] == "country":  # "visit to Ukraine ... arrived in Kyiv"
                city = meeting_place(ctx, scene.sents, cities_only=True)
                places = load_lexicon().places
                if city and city[1] in places and places[city[1]].attr("country") == draft.location[1]:
                    draft.location = city
            if kind in {"in-person", "multilateral"} and (draft.location is None and not out
                                                          or draft.location and draft.location[0] == "country"):
                city = dateline_place(ctx)  # "KYIV, Jan 25 (Reuters) - A and B discussed ..."
                places = load_lexicon().places
                if city and (draft.location is None or places[city].attr("country") == draft.location[1]):
                    draft.location = ("place", city, None)
            planned = draft.status == "planned"
            draft.date = next((d for d in (find_date(ctx, s, planned) for s in scene.triggers) if d), None) \
                or _lead_date(ctx, scene) or _vague_date(ctx, vague, scene, draft.status)
            vague = None
            if kind in {"in-person", "multilateral"} and draft.location is None and draft.date \
                    and draft.date == ctx.doc.published:
                city = dateline_place(ctx)  # "RIYADH — ... Earlier on Monday, Doval held talks with X"
                draft.location = ("place", city, None) if city else None
            if kind == "in-person" and draft.location is None and not out and draft.status == "happened":
                city = title_place(ctx)  # the story's meeting, placed by its headline only: "X in Prague agreed ..."
                draft.location = ("place", city, None) if city else None
            big = _big_meeting_of(scene, out)
            if big is not None:  # "held separate talks on the sidelines": same place and day
                draft.location, draft.date = big.location or draft.location, big.date or draft.date
                if draft.date and any(_EVE_OF.search(ctx.doc.text[t.start : t.end]) for t in scene.triggers):
                    draft.date = (date.fromisoformat(draft.date) - timedelta(days=1)).isoformat()  # "the evening before"
            if draft.date is None and out and any(s.has("same_day") for s in scene.triggers):
                draft.date = out[-1].date  # "the same day, X received Y"
            if out and any(s.has("during_visit") for s in scene.triggers):
                _inherit_visit(draft, out[0])
            trip = next((b for b in reversed(out[main_start:]) if b.kind == "in-person" and b.status == "happened"
                         and set(b.participants) & set(draft.participants)), None)
            if kind == "in-person" and trip is not None and draft.status == "happened" \
                    and (draft.location is None or draft.location[1:2] == (trip.location or (None, None))[1:2]):
                draft.date = draft.date or trip.date  # "Austin was also received by Zelensky": the same
                draft.location = draft.location or trip.location  # trip, the same day and place
            for sent in scene.sents:
                if sent.index in aid_sentences and sent not in scene.triggers:
                    mention = Mention(sent.start, sent.end, sent.index)
                    draft.topics.setdefault("military-aid", []).append(mention)  # the aid told is the talk's
                    if not (sent.of("discussion") or sent.of("collective")
                            or any(m.id == "thanks" for m in sent.of("aid"))):
                        continue  # "France has already provided SAMP/T ...": a delivery report, not talk
                        # (but what a party thanks for is talk: "thanked Romania for the F-16 training")
                for m in sent.of("topic"):
                    draft.topics.setdefault(m.id, []).append(Mention(m.start, m.end, sent.index))
                for m in sent.of("system"):  # "Patriot" is talk about air defense
                    for topic in system_topics(m.id):
                        draft.topics.setdefault(topic, []).append(Mention(m.start, m.end, sent.index))
            main = _told_before(draft, out[:main_count]) if n_episode else None
            if main is not None:  # "..., Sprūds told reporters after the talks with Umerov": that meeting again
                main.mentions.extend(draft.mentions)
                for topic, mentions in draft.topics.items():
                    main.topics.setdefault(topic, []).extend(mentions)
                continue
            out.append(draft)
        if n_episode == 0:
            main_count = len(out)
    return out


def _told_before(draft: MeetingDraft, main: list[MeetingDraft]) -> MeetingDraft | None:
    """The meeting of the main story that a later, undated and unplaced mention of the
    same parties stands for (a recap at the end of a background passage)."""
    if draft.date or draft.location or draft.status != "happened" or draft.groups or draft.bodies:
        return None
    same = [m for m in main if m.status == "happened" and set(m.participants) == set(draft.participants)]
    return same[0] if len(same) == 1 else None
