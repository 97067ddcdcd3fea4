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
from ddgraph.ingest.extract.when import eve_adverb

KIND_ORDER = ("multilateral", "video", "phone", "in-person")


def _person_tokens(sent: SentenceView, index: MentionIndex) -> set[int]:
    spans = index.spans_in(sent.index)
    return {k for k, t in enumerate(sent.tokens) if any(s <= t.start < e for s, e in spans)}


def _present(sent: SentenceView, here: list[PersonDraft]) -> list[PersonDraft]:
    """The persons of a sentence but those named right after "the greetings of", "on behalf
    of" (they are not in the room), unless named elsewhere in it too."""
    proxies = sent.of("proxy")
    if not proxies:
        return here
    tokens = sent.tokens

    def absent(m: Mention) -> bool:
        return any(r.j <= k < r.j + 6 and tokens[k].start <= m.start < tokens[k].end + 1
                   for r in proxies for k in range(r.j, min(r.j + 6, len(tokens))))

    return [p for p in here if not all(absent(m) for m in p.mentions if sent.start <= m.start < sent.end)]


def _unnamed_counterparts(sent: SentenceView, here: list[PersonDraft], everyone: list[PersonDraft]) -> list[PersonDraft]:
    """The persons a sentence names only as "his South Korean counterpart" / "свого литовського
    колегу": for each counterpart cue after a country's adjective and followed by no name, the one
    person of the article, not named in the sentence, whose stated office is of that country
    (none when no one or several are)."""
    out: list[PersonDraft] = []
    named = {t for p in here for m in p.mentions if sent.start <= m.start < sent.end
             for t, tok in enumerate(sent.tokens) if m.start <= tok.start < m.end}
    countries = {m.j: m.id for m in sent.matches if m.kind == "country"}
    for cue in sent.of("counterpart"):
        country = countries.get(cue.i) or (countries.get(cue.i - 1) if cue.i >= 1 else None)
        if country is None or any(cue.j <= t < cue.j + 3 for t in named):
            continue  # "his Ukrainian counterpart Rustem Umerov": the name is there
        if any(o.country == country and not o.assumed for p in here for o in p.offices):
            continue  # the sentence's own people are of that country: no one else is meant
        found = [p for p in everyone if p not in here and p not in out
                 and any(o.country == country and not o.assumed for o in p.offices)]
        if len(found) == 1:
            out.append(found[0])
    return out


def _urges(sent: SentenceView, cue: Match) -> bool:
    """"called on allies to send more air defence" urges; "called on President Putin and
    conveyed greetings" is a visit: "to" and a verb soon after "called on" make it an appeal."""
    if not sent.tokens[cue.i].norm.startswith("call"):
        return False
    after = sent.tokens[cue.j : cue.j + 8]
    return any(t.norm == "to" and k + 1 < len(after) and after[k + 1].text[:1].islower() for k, t in enumerate(after))


def _welcomes_a_thing(sent: SentenceView, cue: Match) -> bool:
    """"welcomed Donald Trump's decision", "welcomed the statement by X" approve of something;
    "welcomed X to NATO Headquarters", "was welcomed by X in Ankara" receive a guest: a
    welcome is a meeting only with "to", "in" or "at" and a capitalised place soon after it,
    and not when an article, or a possessive before a lower-case thing, follows the verb."""
    if not sent.tokens[cue.i].norm.startswith("welcom"):
        return False
    after = sent.tokens[cue.j : cue.j + 10]
    if not after or after[0].norm in {"the", "a", "an", "this", "that", "these", "those", "it", "news"} \
            or any(t.is_possessive and k + 1 < len(after) and not after[k + 1].is_cap
                   for k, t in enumerate(after[:4])):  # "Trump's decision", not "Ukraine's Minister X"
        return True
    return not any(t.norm in {"to", "in", "at"} and k + 1 < len(after) and after[k + 1].is_cap
                   for k, t in enumerate(after))


#: Nouns of an office or rank that, after a country's adjective and with no name after them,
#: stand for a person told before ("the Norwegian general", "the Polish minister").
_ANAPHOR_HEADS = {"general", "admiral", "minister", "commander", "secretary", "chief"}


def _anaphors(sent: SentenceView) -> list[Match]:
    """The anaphor cues of a sentence ("he", "the minister", "міністр"), and "the <country's
    adjective> general / minister ..." with no name after it.

    Example:
        >>> from ddgraph.ingest.extract.context import annotate
        >>> from ddgraph.ingest.document import Article, make_document
        >>> s = annotate(make_document(Article("The Norwegian general discussed drones with X.", "x")), use_ner=False).sentences[0]
        >>> [(m.i, m.j) for m in _anaphors(s)]
        [(0, 3)]
    """
    out = list(sent.of("anaphor"))
    toks = sent.tokens
    for c in sent.of("country"):
        if c.i >= 1 and toks[c.i - 1].norm == "the" and c.j < len(toks) and toks[c.j].text in _ANAPHOR_HEADS \
                and (c.j + 1 >= len(toks) or not toks[c.j + 1].is_cap):
            out.append(Match("anaphor", "anaphor", c.i - 1, c.j + 1, toks[c.i - 1].start, toks[c.j].end))
    return sorted(out, key=lambda m: m.i)


def _trigger(sent: SentenceView, persons_here: int, groups_here: int) -> tuple[str, Mention | None] | None:
    refs = [r for r in sent.of("time_ref") if not eve_adverb(sent, r.i)]  # "ahead of the NATO summit": a date
    meeting = [m for m in sent.of("meeting") if not any(0 <= m.i - r.j <= 3 for r in refs) and not _urges(sent, m)
               and not _welcomes_a_thing(sent, m)]
    if meeting:
        kinds = sorted({m.id for m in meeting}, key=KIND_ORDER.index)
        m = next(x for x in meeting if x.id == kinds[0])
        return kinds[0], Mention(m.start, m.end, sent.index)
    discussion = sent.of("discussion")
    anaphor = bool(discussion) and any(a.end <= discussion[0].start for a in _anaphors(sent))
    if discussion and persons_here + groups_here + (persons_here == 1 and anaphor) >= 2:
        m = discussion[0]  # "X discussed ... with Y"; "the Norwegian general discussed ... with Y"
        return "in-person", Mention(m.start, m.end, sent.index)
    return None


def _continues(sent: SentenceView, trig: tuple[str, Mention] | None) -> bool:
    """"The sides also discussed the joint production of shells with Ukrainian companies":
    a discussion whose subject is the parties already met (a collective subject before
    the verb, no meeting word) goes on with the current meeting; so does a sentence that
    recaps it ("It was Brekelmans' first meeting with Shmyhal since he took over from X")."""
    if trig is None:
        return False
    if any(m.i <= 3 for m in sent.of("recap")) and not any(t.norm in {"after", "після"} for t in sent.tokens):
        return True  # "It was their first meeting since ..."
    if _at_the_meeting(sent):
        return True  # "At the meeting, X said ...", "Під час зустрічі ...": the meeting just told
    if sent.of("meeting"):
        return False
    return any(m.end <= trig[1].start and m.i <= 3 for m in sent.of("collective"))


#: Words before an opening "the meeting" that make it the meeting just told.
_DURING = {"at", "during", "під", "час", "на", "во", "время", "в", "ході", "ходе"}


def _at_the_meeting(sent: SentenceView) -> bool:
    """Whether the sentence opens with "At the meeting" / "During the talks (with X)" /
    "Під час зустрічі": it tells more of a meeting already told (in English, "the" or "this"
    says so: "At a meeting with X" may be another one)."""
    toks = sent.tokens
    return any(m.i <= 3 and any(t.norm in _DURING for t in toks[max(0, m.i - 3) : m.i])
               and (toks[m.i - 1].norm in {"the", "this", "that"} or not toks[m.i].text.isascii())
               for m in sent.of("meeting") if m.i >= 1)


#: Words that put a "joined" after the meeting told: "A and B later joined C for a working lunch".
_LATER = {"later", "afterwards", "then", "subsequently", "згодом", "потім", "пізніше", "позже", "затем", "потом"}


def _joins_later(sent: SentenceView) -> bool:
    """Whether a "joined" comes after a word of later time: another meeting, not more of this one."""
    first_join = min((m.i for m in sent.of("join")), default=None)
    return first_join is not None and any(t.norm in _LATER for t in sent.tokens[:first_join])


#: Words right before a meeting word that make it an earlier meeting than the one told.
_FOLLOWED = {"followed", "follows"}


def _followed(sent: SentenceView, trig: tuple[str, Mention]) -> bool:
    """Whether the trigger is what the meeting just told came after: "The visit followed
    talks in Seoul on Monday", "It came after talks in Berlin" (not "wrote after the talks":
    the ones just told).

    Example:
        >>> from ddgraph.ingest.extract.context import annotate
        >>> from ddgraph.ingest.document import Article, make_document
        >>> s = lambda t: annotate(make_document(Article(t, "x")), use_ner=False).sentences[0]
        >>> one, two = s("The visit followed talks in Seoul."), s("He thanked him for the visit after the talks.")
        >>> [_followed(x, _trigger(x, 2, 0)) for x in (one, two)]
        [True, False]
    """
    at = next((m for m in sent.of("meeting") if m.start == trig[1].start), None) if trig[1] else None
    later = [m for m in sent.of("meeting") if at is not None and m.i > at.i]
    if at is None or not later:
        return False
    between = sent.tokens[at.j : later[0].i][-3:]
    came_after = any(t.norm == "after" and k and between[k - 1].norm in {"came", "come", "comes"}
                     for k, t in enumerate(between))
    return (any(t.norm in _FOLLOWED for t in between) or came_after) and between[-1].norm not in {"the", "these", "those"}


#: Words that set what a sentence tells against another time: "The visit comes five months
#: after Modi travelled to Moscow" tells of another meeting.
_OTHER_TIME = {"after", "before", "після", "перед", "после"}


def _the_meeting_again(sent: SentenceView) -> bool:
    """Whether the sentence's subject is the meeting just told: "The meeting, held on the
    sidelines of ..., was their first", "The talks lasted two hours"."""
    toks = sent.tokens
    return any(m.i == 1 and toks[0].norm in {"the", "this"} for m in sent.of("meeting"))


#: Words before a year that make it the start of something still going on ("since 2014").
_SINCE = {"since", "from", "з", "із", "від", "с", "со", "от"}


def in_earlier_year(sent: SentenceView, published: str | None) -> bool:
    """Whether the sentence places what it tells in a year before the article's ("The
    council was established in 2019 during a visit by X"): background, not the visit reported.

    Example:
        >>> from ddgraph.ingest.extract.tokens import tokenize
        >>> view = lambda t: SentenceView(0, 0, len(t), tokenize(t, "en"), [])
        >>> [in_earlier_year(view(t), "2025-01-27") for t in ("It was set up in 2019 during a visit.",
        ...  "They have cooperated since 2019.", "They met in January 2025.")]
        [True, False, False]
    """
    if not published or not published[:4].isdigit():
        return False
    year = int(published[:4])
    return any(len(t.text) == 4 and t.text.isdigit() and 1900 < int(t.text) < year
               and not (k and sent.tokens[k - 1].norm in _SINCE) for k, t in enumerate(sent.tokens))


def _planned(sent: SentenceView) -> bool:
    """A planned-cue phrase, or (Ukrainian) a verb in the future tense: "зустрінуться"
    (not "Нагадаємо", "let us recall", which is grammatically a future too)."""
    if sent.has("status", "planned"):
        return True
    meeting_at = [m.i for m in sent.matches if m.kind in {"meeting", "discussion"}]
    if any(t.norm in {"will", "would", "shall"} and any(0 < i - k <= 3 for i in meeting_at)
           for k, t in enumerate(sent.tokens)):
        return True  # "Biden would host a meeting", "they will discuss"
    if any(t.norm in {"next", "upcoming", "наступний", "следующий"} and any(0 < i - k <= 3 for i in meeting_at)
           for k, t in enumerate(sent.tokens)):
        return True  # "to hold the next JEF ministerial meeting in Vilnius"
    asides = {k for m in sent.matches if m.kind in {"background", "same_day"} for k in range(m.i, m.j)}
    near = {k for m in sent.matches if m.kind in {"meeting", "discussion", "join"}
            for k in range(m.i - 4, m.j + 4)}  # the future verb governs the meeting, not a quote beside it
    if any("VERB" in t.tag and "past" in t.tag for k, t in enumerate(sent.tokens) if k not in asides and k in near):
        return False  # "провів переговори з генералом, який перебуває з візитом": the talks are past
    return any("VERB" in t.tag and "futr" in t.tag for k, t in enumerate(sent.tokens)
               if k not in asides and k in near)


def status_of(sents: list[SentenceView]) -> str:
    if any(s.has("status", "denied") for s in sents):
        return "denied"
    if sents and all(_planned(s) for s in sents):
        return "planned"
    return "happened"


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
        heads = _delegation_heads(sent, here) if is_delegation else []
        for p in here:
            if not self.knows(p):
                member = is_delegation and self.participants and p not in heads
                (self.delegation if member else self.participants).append(p)
        self.groups.extend(g for g in groups if g.label not in {x.label for x in self.groups})


def _delegation_heads(sent: SentenceView, here: list[PersonDraft]) -> list[PersonDraft]:
    """The persons a sentence names as heads of delegations: within six tokens after "led by" /
    "во главе с" / "очолював", or after the "by" of an ellipsis ("the Ukrainian delegation was
    led by A, the Russian one by B")."""
    cues = sent.of("delegation_head")
    if not cues:
        return []
    starts = {tok.start: k for k, tok in enumerate(sent.tokens)}
    bys = [k for k, t in enumerate(sent.tokens) if t.norm == "by"]
    out = []
    for p in here:
        for m in p.mentions:
            k = starts.get(m.start)
            if k is not None and (any(0 <= k - c.j <= 6 for c in cues) or any(0 < k - b <= 4 for b in bys)):
                out.append(p)
                break
    return out


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
    return next((m for m in sent.of("join") if m.i <= 3), None) if not _planned(sent) else None


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
                     scenes: list[Scene]) -> PersonDraft | None:
    """The person a subject like "he", "the minister", "міністр" stands for: the first
    participant of the article's first meeting, when the anaphor comes before the
    meeting word and the sentence names exactly one other person."""
    if len(here) != 1 or not scenes or not scenes[0].participants:
        return None
    trigger_at = trig[1].start
    for m in _anaphors(sent):
        nxt = sent.tokens[m.j] if m.j < len(sent.tokens) else None
        if m.end <= trigger_at and (nxt is None or not nxt.is_cap):
            # "the Polish minister ... he had met X": the participant from that country, else the first one
            named = {c.id for c in sent.of("country") if c.end <= trigger_at}
            fits = [p for p in scenes[0].participants if any(o.country in named for o in p.offices)]
            actor = (fits or scenes[0].participants)[0]
            return actor if actor is not here[0] else None
    return None


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


def scenes_of(ctx: Context, episode: list[SentenceView], persons: MentionIndex) -> list[Scene]:
    """Cut an episode into meetings: a trigger sentence naming two parties of whom one
    is new to the current meeting (and that is no delegation list) starts another one
    ("The same day, Zelensky received Pistorius")."""
    scenes: list[Scene] = []
    lead: list[SentenceView] = []
    for sent in episode:
        here = _present(sent, persons.persons_in(sent.index))
        if sent.of("counterpart"):
            here = here + _unnamed_counterparts(sent, here, persons.persons)
        groups = find_groups(sent.tokens, sent.matches, ctx.language, _person_tokens(sent, persons))
        trig = _trigger(sent, len(here), len(groups))
        current = scenes[-1] if scenes else None
        one_by_one = _in_sequence(sent, trig, here, persons) if trig is not None else None
        if one_by_one is not None:  # "Trump spoke with Putin, and then with Zelensky": two calls
            for part in one_by_one:
                scenes.append(Scene(sents=[sent] if scenes else [*lead, sent]))
                scenes[-1].add_trigger(sent, trig, part, [])
            continue
        if trig is not None and current is not None and current.triggers and not sent.has("join") \
                and (_at_the_meeting(sent) or _the_meeting_again(sent)) and not _followed(sent, trig):
            owner = next((sc for sc in reversed(scenes) if here and all(sc.knows(p) for p in here)), None)
            if owner is None and _the_meeting_again(sent) and not sent.has("join") \
                    and not any(t.norm in _OTHER_TIME for t in sent.tokens):
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
        if current is not None and _continues(sent, trig) and \
                (sum(not current.knows(p) for p in here) <= (1 if sent.has("recap") else 0)):  # "the visit came after": earlier
            trig = None  # more of the current meeting: its sentences give topics
        roster = _roster(sent) if trig is None and current is not None and current.triggers and here else None
        if roster is not None:  # "Among those attending in person were A, B and C": the cue is the mention
            current.add_trigger(sent, (current.kind or "in-person", Mention(roster.start, roster.end, sent.index)),
                                here, [], update_kind=False)
            current.sents.append(sent)
            continue
        bodies = _formats(sent, trig, groups)
        if trig is not None and (here or groups or bodies):
            side = sent.has("side_meeting")
            fresh = current is not None and (any(not current.knows(p) for p in here)
                                             or any(g.label not in {x.label for x in current.groups} for g in groups))
            actor = _anaphoric_actor(sent, trig, here, scenes)
            joins = sent.has("join") and not bodies and not _planned(sent) \
                and not _joins_later(sent)  # "X also joined the talks by video"; not "later joined Y for lunch"
            new_party = (fresh and not sent.has("delegation") and not joins
                         and (len(here) + len(groups) + len(bodies) >= 2 or actor is not None)
                         and (current.kind != "multilateral" or side))
            if side and current is not None and _big(current) and len(here) >= 2:
                new_party = True  # "on the sidelines, A held a separate meeting with B"
            if current is not None and current.triggers and (len(here) >= 2 or bodies or sent.has("collective")) \
                    and status_of([sent]) == "planned" and status_of(current.triggers) == "happened":
                new_party = True  # "A and B agreed to meet again": a planned meeting is another one
                if len(here) < 2 and sent.has("collective"):  # "The two agreed to continue the talks at ..."
                    here = [*current.participants, *(p for p in here if p not in current.participants)]
            if new_party and actor is not None and actor not in here:
                here = [actor, *here]  # "The minister also held talks with X": the minister is the actor
            if current is not None and current.triggers and len(here) + len(bodies) >= 2 \
                    and status_of(current.triggers) == "planned" and status_of([sent]) == "happened":
                new_party = True  # after "ahead of the summit ...", "Later, X was received by Y" happened
            if new_party and current is not None and current.parties() < 2 and any(current.knows(p) for p in here):
                new_party = False  # "Austin arrived in Kyiv on a visit. ... Austin held talks with X": one scene
            if current is not None and current.triggers and len(here) >= 2 and _followed(sent, trig) \
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
    return scenes
