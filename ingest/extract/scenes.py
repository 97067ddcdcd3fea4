"""The scenes of an episode: the sentences of each meeting it tells, who takes part, and
whether it happened, is planned or was denied.

A trigger sentence ("met", "talks", "phone call", "переговори", or "discussed" between two
named parties) starts a scene, or adds to the current one when it names no new party; a
sentence that recaps the meeting or whose subject is its parties ("The sides also
discussed ...") goes on with it.

Example:
    >>> status_of([])
    'happened'
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ddgraph.graph.model import Mention
from ddgraph.ingest.extract.context import Context, SentenceView
from ddgraph.ingest.extract.groups import Group, find_groups
from ddgraph.ingest.extract.match import Match
from ddgraph.ingest.extract.mentions import MentionIndex
from ddgraph.ingest.extract.persons import PersonDraft
from ddgraph.ingest.extract.scene_cues import (
    KIND_ORDER,
    OTHER_TIME,
    PRONOUNS,
    anaphors,
    at_the_meeting,
    continues,
    delegation_heads,
    followed_earlier,
    in_earlier_year,
    joined_at_another,
    joins_later,
    person_tokens,
    planned,
    present_persons,
    status_of,
    the_meeting_again,
    trigger_of,
    unnamed_counterparts,
)



@dataclass
class Scene:
    """The sentences of one meeting inside an episode, while they are collected."""

    sents: list[SentenceView] = field(default_factory=list)
    triggers: list[SentenceView] = field(default_factory=list)
    kind: str | None = None
    mentions: list[Mention] = field(default_factory=list)
    participants: list[PersonDraft] = field(default_factory=list)
    delegation: list[PersonDraft] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    bodies: list[Match] = field(default_factory=list)  # formats and bodies that meet ("Contact Group")
    side: bool = False  # "on the sidelines" of the scene before: same place and day

    def parties(self) -> int:
        return len(self.participants) + len(self.groups) + len(self.bodies)

    def knows(self, p: PersonDraft) -> bool:
        return p in self.participants or p in self.delegation

    def add_trigger(self, sent: SentenceView, trig: tuple[str, Mention], here: list[PersonDraft],
                    groups: list[Group], update_kind: bool = True) -> None:
        self.triggers.append(sent)
        self.mentions.append(trig[1])
        if self.kind is None or (update_kind and KIND_ORDER.index(trig[0]) < KIND_ORDER.index(self.kind)):
            self.kind = trig[0]
        is_delegation = sent.has("delegation")
        heads = delegation_heads(sent, here) if is_delegation else []
        for p in here:
            if not self.knows(p):
                member = is_delegation and self.participants and p not in heads
                (self.delegation if member else self.participants).append(p)
        self.groups.extend(g for g in groups if g.label not in {x.label for x in self.groups})


#: Nouns for one side of talks besides "delegation" ("Russia's team was again led by B").
_SIDE_WORDS = {"team", "side", "команда", "сторона"}


def _delegations_meet(sent: SentenceView) -> bool:
    """Whether the sentence's subject is two countries' delegations ("Russian and Ukrainian
    delegations", "Российская и украинская делегации"): a plural "delegations" and two countries."""
    plural = any(t.text.lower() in {"delegations", "делегации", "делегації"}  # (also read as a genitive)
                 or t.norm in {"делегація", "делегация"} and "plur" in t.tag for t in sent.tokens)
    return plural and len({m.id for m in sent.matches if m.kind == "country"}) >= 2


_TO_BODY = {"of", "the", "a", "with", "representatives", "representative", "reps", "management", "leadership",
            "heads", "head", "executives", "ceo", "з", "із", "зі", "представник", "керівництво", "керівник",
            "компанія", "концерн", "leading", "company", "companies", "firm", "group"}


def _formats(sent: SentenceView, trig: tuple[str, Mention] | None, groups: list[Group] = ()) -> list[Match]:
    """Bodies that take part: the meeting itself ("a meeting of the Ukraine Defense
    Contact Group", "the NATO-Ukraine Council meeting", "засідання Ради НАТО-Україна")
    or the body met ("held talks with the management of Kongsberg")."""
    if trig is None:
        return []
    cue = next((m for m in sent.matches if m.kind == "meeting" and m.start == trig[1].start), None)
    if cue is None:
        return []
    titles = [m for m in sent.matches if m.kind == "office"]
    out = []
    for m in sent.matches:
        if m.kind != "organization" or any(t.i <= m.i and m.j <= t.j for t in titles):
            continue  # "met NATO Secretary General X": a title, not the body meeting
        if any(g.start <= m.start and m.end <= g.end for g in groups):
            continue  # "EU defense ministers": the ministers are the party
        between = [t.norm for t in sent.tokens[cue.j:m.i]]
        if (0 <= m.i - cue.j <= 4 and set(between) <= _TO_BODY) or m.j == cue.i or \
                (m.i <= cue.i and cue.j <= m.j) or (m.j <= cue.i and _members_of(sent, m)):
            out.append(m)
    return out


def _big(scene: Scene) -> bool:
    """A meeting of many: multilateral, a body's meeting, or more than two persons (one
    held "on its sidelines" is another, smaller one)."""
    return scene.kind == "multilateral" or bool(scene.bodies) or len(scene.participants) > 2


def _roster(sent: SentenceView) -> Match | None:
    """The join cue of "Among those attending were A, B and C", "Also present were ...": who
    took part in the meeting just told (a join cue opening the sentence, no meeting cue)."""
    return next((m for m in sent.of("join") if m.i <= 3), None) if not planned(sent) else None


def _members_of(sent: SentenceView, body: Match) -> bool:
    """"Defense ministers of the Joint Expeditionary Force gathered ... for talks": the
    members of a body are the subject, so the body meets (plural heads only: "the
    Minister of Defence of Ukraine" is a title)."""
    k = body.i - 1
    if k >= 0 and sent.tokens[k].norm in {"the", "її"}:
        k -= 1
    if k < 1 or sent.tokens[k].norm not in {"of", "країн"}:
        return False
    return any(h.kind == "group_heads" and h.j == k and sent.tokens[k - 1].text.lower().endswith("s")
               for h in sent.matches)


def _anaphoric_actor(sent: SentenceView, trig: tuple[str, Mention], here: list[PersonDraft],
                     scenes: list[Scene], prev_subject: PersonDraft | None = None) -> PersonDraft | None:
    """The person a subject like "he", "the minister", "міністр" stands for, when the anaphor
    comes before the meeting word and the sentence names exactly one other person: for "he" /
    "she" the person who opens the sentence before ("Zelenskyy did not take part in the talks.
    On Monday, he was received by ..."), else the first participant of the article's first meeting."""
    if len(here) != 1:
        return None
    leading = [m for m in anaphors(sent) if m.end <= trig[1].start  # no name after it: "he", not "General X"
               and (m.j >= len(sent.tokens) or not sent.tokens[m.j].is_cap)]
    if prev_subject is not None and prev_subject is not here[0] \
            and any(m.j - m.i == 1 and sent.tokens[m.i].norm in PRONOUNS for m in leading):
        return prev_subject
    if not leading or not scenes or not scenes[0].participants:
        return None
    # "the Polish minister ... he had met X": the participant from that country, else the first one
    named = {c.id for c in sent.of("country") if c.end <= trig[1].start}
    fits = [p for p in scenes[0].participants if any(o.country in named for o in p.offices)]
    actor = (fits or scenes[0].participants)[0]
    return actor if actor is not here[0] else None


_NOT = {"not", "n't", "never", "не", "ні", "ни"}
_CLAUSE_BREAKS = {",", ";", ":", "—", "–"}


def _negated(sent: SentenceView, trig: tuple) -> bool:
    """Whether the meeting word is denied in its clause: "did not take part in the talks",
    "не брав участі в переговорах" (but "not only met X")."""
    if trig[1] is None:
        return False
    k = next((i for i, t in enumerate(sent.tokens) if t.start >= trig[1].start), len(sent.tokens)) - 1
    stop = max(-1, k - 8)
    while k > stop and sent.tokens[k].text not in _CLAUSE_BREAKS:
        if sent.tokens[k].norm in _NOT and not (k + 1 < len(sent.tokens) and sent.tokens[k + 1].norm == "only"):
            return True
        k -= 1
    return False


def _subject_before(ctx: Context, sent: SentenceView, persons: MentionIndex) -> PersonDraft | None:
    """The person named first in the sentence before ``sent``, when the name opens it."""
    if sent.index == 0 or not ctx.sentences[sent.index - 1].tokens:
        return None
    first = ctx.sentences[sent.index - 1].tokens[0]
    return persons.first_in(first.start, first.end)


def _in_sequence(sent: SentenceView, trig: tuple[str, Mention], here: list[PersonDraft],
                 persons: MentionIndex) -> list[list[PersonDraft]] | None:
    """The parties of two meetings told in one sentence one after the other: the actor named
    before the trigger, with the persons before "and then" / "а затем", and with those after it.
    None when the sentence tells one meeting."""
    seq = sent.of("sequence")
    if not seq or len(here) < 3 or trig[1] is None:
        return None
    cut = seq[0].start
    first = {}
    for p, start, _end in persons.mentions_in(sent.index):
        first[id(p)] = min(first.get(id(p), start), start)
    actors = [p for p in here if first.get(id(p), cut) < trig[1].start]
    before = [p for p in here if trig[1].start <= first.get(id(p), cut) < cut]
    after = [p for p in here if first.get(id(p), -1) > cut]
    if len(actors) != 1 or not before or not after:
        return None
    return [[*actors, *before], [*actors, *after]]


def _earlier_talks(sent: SentenceView, trig: tuple, current: Scene) -> bool:
    """Whether a trigger sentence recalls earlier talks of the same sides: it says "previously" /
    "earlier" and either a verb in the past perfect ("had held talks") or another kind of meeting
    than the current one ("by phone" after talks in person)."""
    if not sent.has("background"):
        return False
    perfect = any(t.norm == "had" for t in sent.tokens)
    return perfect or current.kind is not None and trig[0] != current.kind


def _with_parties_of(scene: Scene, here: list[PersonDraft]) -> list[PersonDraft]:
    """The scene's participants, then the persons of ``here`` it does not have: the sides "the two"
    stands for ("The two agreed to continue the talks", "The two ministers had previously held talks")."""
    return [*scene.participants, *(p for p in here if p not in scene.participants)]


def scenes_of(ctx: Context, episode: list[SentenceView], persons: MentionIndex) -> list[Scene]:
    """Cut an episode into meetings: a trigger sentence naming two parties of whom one
    is new to the current meeting (and that is no delegation list) starts another one
    ("The same day, Zelensky received Pistorius")."""
    scenes: list[Scene] = []
    recalled: list[Scene] = []
    lead: list[SentenceView] = []
    for sent in episode:
        here = present_persons(sent, persons.persons_in(sent.index))
        if sent.of("counterpart"):
            here = here + unnamed_counterparts(sent, here, persons.persons)
        groups = find_groups(sent.tokens, sent.matches, ctx.language, person_tokens(sent, persons))
        trig = trigger_of(sent, len(here), len(groups))
        if trig is not None and _negated(sent, trig) and not sent.has("status", "denied"):
            trig = None  # "Zelenskyy did not take part in Tuesday's talks": no party of them ("did not meet"
            # is a meeting denied: told, with that status)
        if trig is not None and sent.has("habitual"):
            trig = None  # "неодноразово зустрічався з Паппергером": many meetings, none in particular
        current = scenes[-1] if scenes else None
        one_by_one = _in_sequence(sent, trig, here, persons) if trig is not None else None
        if one_by_one is not None:  # "Trump spoke with Putin, and then with Zelensky": two calls
            for part in one_by_one:
                scenes.append(Scene(sents=[sent] if scenes else [*lead, sent]))
                scenes[-1].add_trigger(sent, trig, part, [])
            continue
        if trig is not None and current is not None and current.triggers and not sent.has("join") \
                and (at_the_meeting(sent) or the_meeting_again(sent)) and not followed_earlier(sent, trig):
            owner = next((sc for sc in reversed(scenes) if here and all(sc.knows(p) for p in here)), None)
            told = sum(current.knows(p) for p in here)
            if owner is None and at_the_meeting(sent) and not sent.has("side_meeting") and not _big(current) \
                    and told >= 2 and len(here) - told == 1:
                # "Під час зустрічі у присутності Камишіна ... Сметанін і Паппергер підписали угоду": one more
                # at that meeting
                current.add_trigger(sent, trig, here, [], update_kind=False)
                current.sents.append(sent)
                continue
            if owner is None and the_meeting_again(sent) and not any(t.norm in OTHER_TIME for t in sent.tokens):
                owner = current  # "The meeting ... was his first talks with Y since he took office under Z"
            if owner is not None:  # "During the meeting with Shmygal, ...": that meeting, not the last one
                if sent not in owner.triggers:
                    owner.triggers.append(sent)  # its place and date are the meeting's
                owner.sents.append(sent)
                continue
        known = sum(scenes[0].knows(p) for p in here) if scenes else 0
        if trig is not None and current is not None and sent.has("during_visit") and not groups \
                and (scenes[0] is not current and known == len(here)
                     or known >= 2 and len(here) - known <= 1):  # "During the visit, A, B and the governor C agreed"
            scenes[0].add_trigger(sent, trig, here, [], update_kind=False)  # "During the visit, Singh also ..."
            scenes[0].sents.append(sent)
            continue
        if trig is not None and current is not None and current.triggers and _earlier_talks(sent, trig, current) \
                and (len(here) >= 2 or sent.has("collective")) and status_of([sent]) == status_of(current.triggers):
            # "The two ministers had previously held talks by phone in February": another meeting of the same sides
            recalled.append(Scene(sents=[sent]))  # told apart, after the others: the story goes on with the current one
            recalled[-1].add_trigger(sent, trig, here if len(here) >= 2 else _with_parties_of(current, here), [])
            continue
        if current is not None and continues(sent, trig) and \
                (sum(not current.knows(p) for p in here) <= (1 if sent.has("recap") else 0)):  # "the visit came after": earlier
            trig = None  # more of the current meeting: its sentences give topics
        if trig is None and current is not None and current.triggers and here and sent.has("delegation_member") \
                and not planned(sent):  # "Russia's team included A, B and C": members of the talks just told
            current.delegation.extend(p for p in here if not current.knows(p))
            current.sents.append(sent)
            continue
        roster = _roster(sent) if trig is None and current is not None and current.triggers and here else None
        if roster is not None:  # "Among those attending in person were A, B and C": the cue is the mention
            current.add_trigger(sent, (current.kind or "in-person", Mention(roster.start, roster.end, sent.index)),
                                here, [], update_kind=False)
            current.sents.append(sent)
            continue
        if trig is not None and not here and not groups and _delegations_meet(sent) and status_of([sent]) == "happened":
            # "Russian and Ukrainian delegations met in Istanbul": talks whose parties the next sentences name
            current = Scene(sents=lead if current is None else [])
            scenes.append(current)
            current.add_trigger(sent, trig, [], [])
            current.sents.append(sent)
            continue
        heads = delegation_heads(sent, here) if trig is None and current is not None and current.triggers \
            and (sent.has("delegation") or any(t.norm in _SIDE_WORDS for t in sent.tokens)) \
            and not planned(sent) and not sent.has("habitual") else []
        if heads:  # "Ukraine's delegation was headed by A." "Russia's team was again led by B": the sides' heads
            current.participants.extend(p for p in heads if not current.knows(p))
            current.sents.append(sent)
            continue
        joined = joined_at_another(sent) if trig is not None and current is not None and current.triggers \
            and here and not planned(sent) else None
        if joined is not None and any(not current.knows(p) for p in here):
            # "The two ministers met ... hours before the 2+2, where they were joined by A and B": the 2+2 is
            # another meeting, of the two and those who joined
            current.add_trigger(sent, trig, [p for p in here if current.knows(p)], [], update_kind=False)
            current.sents.append(sent)
            scenes.append(Scene(sents=[sent]))
            scenes[-1].add_trigger(sent, (joined[0], Mention(joined[1], joined[2], sent.index)),
                                   _with_parties_of(current, here), [])
            continue
        bodies = _formats(sent, trig, groups)
        if trig is not None and (here or groups or bodies):
            side = sent.has("side_meeting")
            fresh = current is not None and (any(not current.knows(p) for p in here)
                                             or any(g.label not in {x.label for x in current.groups} for g in groups))
            actor = _anaphoric_actor(sent, trig, here, scenes, _subject_before(ctx, sent, persons))
            joins = sent.has("join") and not bodies and not planned(sent) \
                and not joins_later(sent)  # "X also joined the talks by video"; not "later joined Y for lunch"
            new_party = (fresh and not sent.has("delegation") and not joins
                         and (len(here) + len(groups) + len(bodies) >= 2 or actor is not None)
                         and (current.kind != "multilateral" or side))
            if side and current is not None and _big(current) and len(here) >= 2:
                new_party = True  # "on the sidelines, A held a separate meeting with B"
            sides = len(here) + (actor is not None and actor not in here)  # "He is scheduled to call on Y"
            if current is not None and current.triggers and (sides >= 2 or bodies or sent.has("collective")) \
                    and status_of([sent]) in {"planned", "denied"} and status_of(current.triggers) == "happened":
                new_party = True  # "A and B agreed to meet again": a planned (or a denied) meeting is another one
                if len(here) < 2 and sent.has("collective"):  # "The two agreed to continue the talks at ..."
                    here = _with_parties_of(current, here)
            if new_party and actor is not None and actor not in here:
                here = [actor, *here]  # "The minister also held talks with X": the minister is the actor
            if current is not None and current.triggers and len(here) + len(bodies) >= 2 \
                    and status_of(current.triggers) == "planned" and status_of([sent]) == "happened":
                new_party = True  # after "ahead of the summit ...", "Later, X was received by Y" happened
            if new_party and current is not None and current.parties() < 2 and any(current.knows(p) for p in here) \
                    and status_of([sent]) == status_of(current.triggers):
                new_party = False  # "Austin arrived in Kyiv on a visit. ... Austin held talks with X": one scene
            if current is not None and current.triggers and len(here) >= 2 and followed_earlier(sent, trig) \
                    and status_of([sent]) == status_of(current.triggers):
                new_party = True  # "The visit followed talks in Seoul on Monday, in which A discussed with B"
            earlier = current is not None and current.triggers and fresh and in_earlier_year(sent, ctx.doc.published)
            if earlier and len(here) >= 2 and not any(current.knows(p) for p in here):
                new_party = True  # "the agreement Z and S signed at a meeting in Madrid in May 2024": another one
            elif earlier and not new_party:
                continue  # "The council was established in 2019 during a visit by Modi": not this meeting's
            if current is None or new_party:
                if side and current is not None and _big(current):
                    current.add_trigger(sent, trig, here, [])  # they attended the big meeting too
                current = Scene(sents=lead if current is None else [], side=side and current is not None)
                scenes.append(current)
            if not new_party and current.triggers and status_of([sent]) != status_of(current.triggers) \
                    and len(here) < 2:
                current.sents.append(sent)  # "X hoped to visit Manila": no place or day of the talks told;
                continue  # "It is X's third visit to Ukraine": no more of a meeting still planned
            current.add_trigger(sent, trig, here, groups, update_kind=not joins)
            current.bodies.extend(b for b in bodies if b not in current.bodies)
        elif trig is not None and current is not None and status_of([sent]) == status_of(current.triggers):
            current.triggers.append(sent)  # "during the visit ... to Ukraine": place and date only
        if current is None:
            lead.append(sent)
        elif sent not in current.sents:
            current.sents.append(sent)
    return [part for scene in scenes for part in _side_apart(scene, persons)] + recalled


#: Side-meeting cues that place talks beside a bigger meeting (not "separately", not a working lunch).
_BESIDE = ("sideline", "margin", "на пол", "кулуар")


def _side_apart(scene: Scene, persons: MentionIndex) -> list[Scene]:
    """The scene, or the big meeting and the talks of two held beside it, when the scene opens with
    "A held talks with B on the sidelines of the C Meeting" and grew into a meeting of many: the big
    meeting keeps everyone; the talks, told after it, are A's and B's alone."""
    if not scene.triggers or not _big(scene) or not (scene.groups or scene.bodies) \
            or status_of(scene.triggers) != "happened":
        return [scene]
    first = scene.triggers[0]
    cues = [" ".join(t.norm for t in first.tokens[m.i : m.j]) for m in first.of("side_meeting")]
    beside = any(b in cue for cue in cues for b in _BESIDE)
    pair = [p for p in persons.persons_in(first.index) if p in scene.participants]
    if not beside or len(pair) != 2:
        return [scene]
    side = Scene(sents=list(scene.sents), side=True)  # what the talks covered is told of them
    side.add_trigger(first, ("in-person", scene.mentions[0]), pair, [])
    return [scene, side]
