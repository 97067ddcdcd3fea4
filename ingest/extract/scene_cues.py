"""Sentence-level cues of the scenes of an episode: whether a sentence starts or goes on
with a meeting, who it names as parties (counterparts, anaphors, heads of delegations) and
whether what it tells happened, is planned or was denied (:mod:`ingest.extract.scenes`
cuts an episode into meetings with them).

Example:
    >>> status_of([])
    'happened'
"""

from __future__ import annotations

from ddgraph.graph.model import Mention
from ddgraph.ingest.extract.context import SentenceView
from ddgraph.ingest.extract.match import Match
from ddgraph.ingest.extract.mentions import MentionIndex
from ddgraph.ingest.extract.persons import PersonDraft
from ddgraph.ingest.extract.when import eve_adverb

__all__ = ["KIND_ORDER", "OTHER_TIME", "anaphors", "at_the_meeting", "continues", "delegation_heads",
           "followed_earlier", "in_earlier_year", "joined_at_another", "joins_later", "person_tokens", "planned",
           "present_persons",
           "status_of", "the_meeting_again", "trigger_of", "unnamed_counterparts"]

def _sentence(text: str) -> SentenceView:
    """The first sentence of ``text``, annotated without NER (for the examples)."""
    from ddgraph.ingest.document import Article, make_document
    from ddgraph.ingest.extract.context import annotate

    return annotate(make_document(Article(text, "x")), use_ner=False).sentences[0]


#: Meeting kinds, the strongest first: a scene takes the first of the kinds its triggers name.
KIND_ORDER = ("multilateral", "video", "phone", "in-person")


def person_tokens(sent: SentenceView, index: MentionIndex) -> set[int]:
    spans = index.spans_in(sent.index)
    return {k for k, t in enumerate(sent.tokens) if any(s <= t.start < e for s, e in spans)}


def present_persons(sent: SentenceView, here: list[PersonDraft]) -> list[PersonDraft]:
    """The persons of a sentence but those named right after "the greetings of", "on behalf
    of" (they are not in the room), or only as the owner of something that is no meeting
    ("since Chancellor Friedrich Merz's government was sworn in"), unless named elsewhere in it too.

    Example:
        >>> from ddgraph.ingest.extract.persons import PersonDraft
        >>> text = "It is his first visit since Chancellor Friedrich Merz's government took office."
        >>> merz = PersonDraft("p1", "Friedrich", "Merz", mentions=[Mention(text.index("Fri"), text.index("'s"), 0)])
        >>> present_persons(_sentence(text), [merz]), len(present_persons(_sentence(text.replace("'s government", "'s visit")), [merz]))
        ([], 1)
    """
    here = [p for p in here if not _only_owner(sent, p)]
    proxies = sent.of("proxy")
    if not proxies:
        return here
    tokens = sent.tokens

    def absent(m: Mention) -> bool:
        return any(r.j <= k < r.j + 6 and tokens[k].start <= m.start < tokens[k].end + 1
                   for r in proxies for k in range(r.j, min(r.j + 6, len(tokens))))

    return [p for p in here if not all(absent(m) for m in p.mentions if sent.start <= m.start < sent.end)]


def _only_owner(sent: SentenceView, person: PersonDraft) -> bool:
    """Whether every mention of ``person`` in the sentence is a possessive whose noun is no
    meeting ("Merz's government"; not "Merz's visit")."""
    meeting_at = {m.i for m in sent.matches if m.kind in {"meeting", "discussion"}}
    mentions = [m for m in person.mentions if sent.start <= m.start < sent.end]
    for m in mentions:
        k = next((k for k, t in enumerate(sent.tokens) if t.start < m.end <= t.end), None)
        if k is None or not sent.tokens[k].is_possessive or k + 1 in meeting_at or k + 2 in meeting_at:
            return False
    return bool(mentions)


def unnamed_counterparts(sent: SentenceView, here: list[PersonDraft], everyone: list[PersonDraft]) -> list[PersonDraft]:
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
#: The anaphors that are pronouns ("he", "він"; Russian "он" reads as "він"): they stand for the
#: person just named, the others ("the minister") for the story's main one.
PRONOUNS = frozenset({"he", "she", "він", "вона"})


def anaphors(sent: SentenceView) -> list[Match]:
    """The anaphor cues of a sentence ("he", "the minister", "міністр"), and "the <country's
    adjective> general / minister ..." with no name after it.

    Example:
        >>> [(m.i, m.j) for m in anaphors(_sentence("The Norwegian general discussed drones with X."))]
        [(0, 3)]
    """
    out = list(sent.of("anaphor"))
    toks = sent.tokens
    for c in sent.of("country"):
        if c.i >= 1 and toks[c.i - 1].norm == "the" and c.j < len(toks) and toks[c.j].text in _ANAPHOR_HEADS \
                and (c.j + 1 >= len(toks) or not toks[c.j + 1].is_cap):
            out.append(Match("anaphor", "anaphor", c.i - 1, c.j + 1, toks[c.i - 1].start, toks[c.j].end))
    return sorted(out, key=lambda m: m.i)


def trigger_of(sent: SentenceView, persons_here: int, groups_here: int) -> tuple[str, Mention | None] | None:
    refs = [r for r in sent.of("time_ref") if not eve_adverb(sent, r.i)]  # "ahead of the NATO summit": a date
    meeting = [m for m in sent.of("meeting") if not any(0 <= m.i - r.j <= 3 for r in refs) and not _urges(sent, m)
               and not _welcomes_a_thing(sent, m)]
    framed = [m for m in meeting if any(0 <= m.i - s.j <= 3 for s in sent.of("side_meeting"))]
    if framed and len(framed) < len(meeting):  # "На полях засідання X провів зустріч з Y": the talks, not the session
        meeting = [m for m in meeting if m not in framed]
    if meeting:
        kinds = sorted({m.id for m in meeting}, key=KIND_ORDER.index)
        m = next(x for x in meeting if x.id == kinds[0])
        return kinds[0], Mention(m.start, m.end, sent.index)
    discussion = sent.of("discussion")
    anaphor = bool(discussion) and any(a.end <= discussion[0].start for a in anaphors(sent))
    if discussion and persons_here + groups_here + (persons_here == 1 and anaphor) >= 2:
        m = discussion[0]  # "X discussed ... with Y"; "the Norwegian general discussed ... with Y"
        return "in-person", Mention(m.start, m.end, sent.index)
    return None


def continues(sent: SentenceView, trig: tuple[str, Mention] | None) -> bool:
    """"The sides also discussed the joint production of shells with Ukrainian companies":
    a discussion whose subject is the parties already met (a collective subject before
    the verb, no meeting word) goes on with the current meeting; so does a sentence that
    recaps it ("It was Brekelmans' first meeting with Shmyhal since he took over from X").

    Example:
        >>> s = _sentence("The sides also discussed the joint production of shells with Ukrainian companies.")
        >>> continues(s, trigger_of(s, 0, 2))
        True
    """
    if trig is None:
        return False
    if any(m.i <= 3 for m in sent.of("recap")) and not any(t.norm in {"after", "після"} for t in sent.tokens):
        return True  # "It was their first meeting since ..."
    if at_the_meeting(sent):
        return True  # "At the meeting, X said ...", "Під час зустрічі ...": the meeting just told
    if sent.of("meeting"):
        return False
    return any(m.end <= trig[1].start and m.i <= 3 for m in sent.of("collective"))


#: Words before an opening "the meeting" that make it the meeting just told.
_DURING = {"at", "during", "під", "час", "на", "во", "время", "в", "ході", "ходе"}


def at_the_meeting(sent: SentenceView) -> bool:
    """Whether the sentence opens with "At the meeting" / "During the talks (with X)" /
    "Під час зустрічі": it tells more of a meeting already told (in English, "the" or "this"
    says so: "At a meeting with X" may be another one).

    Example:
        >>> at_the_meeting(_sentence("At the meeting, Umerov said so.")), at_the_meeting(_sentence("At a meeting, X spoke."))
        (True, False)
    """
    toks = sent.tokens
    return any(m.i <= 3 and any(t.norm in _DURING for t in toks[max(0, m.i - 3) : m.i])
               and (toks[m.i - 1].norm in {"the", "this", "that"} or not toks[m.i].text.isascii())
               for m in sent.of("meeting") if m.i >= 1)


#: Words that put a "joined" after the meeting told: "A and B later joined C for a working lunch".
_LATER = {"later", "afterwards", "then", "subsequently", "згодом", "потім", "пізніше", "позже", "затем", "потом"}


def joins_later(sent: SentenceView) -> bool:
    """Whether a "joined" comes after a word of later time: another meeting, not more of this one.

    Example:
        >>> joins_later(_sentence("A and B later joined C for a working lunch.")), joins_later(_sentence("C joined the talks."))
        (True, False)
    """
    first_join = min((m.i for m in sent.of("join")), default=None)
    return first_join is not None and any(t.norm in _LATER for t in sent.tokens[:first_join])


_WHERE = {"where", "at which", "де", "где", "на якому", "на котором"}


def joined_at_another(sent: SentenceView) -> tuple[str, int, int] | None:
    """(kind, start, end) of the other meeting those who "joined" joined: "The two ministers met ...
    hours before the allies' 2+2 Security Consultative Committee, where they were joined by A and B"
    (the 2+2, before "where", not the ministers' talks); None when "joined" is more of the meeting told.

    Example:
        >>> joined_at_another(_sentence("A met B hours before the dinner, where they were joined by C."))[0]
        'in-person'
        >>> joined_at_another(_sentence("A met B, and C joined them.")) is None
        True
    """
    first_join = min((m.i for m in sent.of("join")), default=None)
    if first_join is None:
        return None
    toks = sent.tokens
    for k, tok in enumerate(toks[:first_join]):
        where = next((x for x in range(k + 2, first_join) if toks[x].text.lower() in _WHERE), None)
        if tok.norm not in {"before", "after", "ahead"} or where is None or toks[k + 1].norm not in {"the", "of"}:
            continue
        if any(t.text in {";", "."} for t in toks[k:where]):
            return None
        end = where - 1 if toks[where - 1].text == "," else where
        named = [m for m in sent.of("meeting") if k < m.i < end]
        return (named[0].id if named else "in-person"), toks[k + 1].start, toks[end - 1].end
    return None


#: Words right before a meeting word that make it an earlier meeting than the one told.
_FOLLOWED = {"followed", "follows"}


def followed_earlier(sent: SentenceView, trig: tuple[str, Mention]) -> bool:
    """Whether the trigger is what the meeting just told came after: "The visit followed
    talks in Seoul on Monday", "It came after talks in Berlin" (not "wrote after the talks":
    the ones just told).

    Example:
        >>> one, two = _sentence("The visit followed talks in Seoul."), _sentence("He thanked him for the visit after the talks.")
        >>> three = _sentence("They held a meeting, followed by talks.")
        >>> [followed_earlier(x, trigger_of(x, 2, 0)) for x in (one, two, three)]
        [True, False, False]
    """
    at = next((m for m in sent.of("meeting") if m.start == trig[1].start), None) if trig[1] else None
    later = [m for m in sent.of("meeting") if at is not None and m.i > at.i]
    if at is None or not later:
        return False
    between = sent.tokens[at.j : later[0].i][-3:]
    came_after = any(t.norm == "after" and k and between[k - 1].norm in {"came", "come", "comes"}
                     for k, t in enumerate(between))
    # "a one-on-one meeting, followed by inter-delegation talks": what came next, not before
    return (any(t.norm in _FOLLOWED for t in between) or came_after) \
        and between[-1].norm not in {"the", "these", "those", "by"}


#: Words that set what a sentence tells against another time: "The visit comes five months
#: after Modi travelled to Moscow" tells of another meeting.
OTHER_TIME = {"after", "before", "після", "перед", "после"}


def the_meeting_again(sent: SentenceView) -> bool:
    """Whether the sentence's subject is the meeting just told: "The meeting, held on the
    sidelines of ..., was their first", "The talks lasted two hours".

    Example:
        >>> the_meeting_again(_sentence("The talks lasted two hours.")), the_meeting_again(_sentence("Talks went on."))
        (True, False)
    """
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


def planned(sent: SentenceView) -> bool:
    """A planned-cue phrase, or (Ukrainian) a verb in the future tense: "зустрінуться"
    (not "Нагадаємо", "let us recall", which is grammatically a future too).

    Example:
        >>> planned(_sentence("Umerov will meet Pistorius next week.")), planned(_sentence("Umerov met Pistorius."))
        (True, False)
    """
    if sent.has("status", "planned"):
        return True
    meeting_at = [m.i for m in sent.matches if m.kind in {"meeting", "discussion"}]
    if any(t.norm in {"will", "would", "shall"} and any(0 < i - k <= 3 for i in meeting_at)
           or t.text.lower() in {"бы", "б"} and any(0 < abs(i - k) <= 3 for i in meeting_at)
           for k, t in enumerate(sent.tokens)):
        return True  # "Biden would host a meeting", "they will discuss", "группы, которые работали бы онлайн"
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
    if sents and all(planned(s) for s in sents):
        return "planned"
    return "happened"


def delegation_heads(sent: SentenceView, here: list[PersonDraft]) -> list[PersonDraft]:
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
            if k is not None and (any(0 <= k - c.j <= 6 or _first_after(sent, c.j, k, here, starts) for c in cues)
                                  or any(0 < k - b <= 4 for b in bys)):
                out.append(p)
                break
    return out


def _first_after(sent: SentenceView, j: int, k: int, here: list[PersonDraft], starts: dict[int, int]) -> bool:
    """Whether token ``k`` begins the first person named after token ``j``, within 15 tokens and
    the same clause: "Украинскую делегацию возглавил секретарь Совета национальной безопасности и
    обороны Украины Рустем Умеров" (a long title between)."""
    if not 0 <= k - j <= 15 or any(t.text in {",", ";", "."} for t in sent.tokens[j:k]):
        return False
    firsts = [starts[m.start] for p in here for m in p.mentions if m.start in starts and starts[m.start] >= j]
    return k == min(firsts, default=None)
