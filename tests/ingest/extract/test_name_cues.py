"""When the NER's PERSON spans can change a sentence's name candidates, and when they cannot."""

import itertools

import pytest

from ddgraph.ingest.document import Article, make_document
from ddgraph.ingest.extract.context import _name_runs, annotate
from ddgraph.ingest.extract.name_cues import name_cues, ner_matters
from ddgraph.ingest.extract.names import find_name_candidates


def sentence(text: str, language: str = "en"):
    return annotate(make_document(Article(text, "t.txt", language=language)), use_ner=False).sentences[0]


@pytest.mark.parametrize(("text", "expected"), [
    ("The talks were held in Kyiv.", False),  # no name word
    ("Boris Pistorius met Defence Minister Kowalczyk.", False),  # a known first name, an office before
    ("He met Rustem Umerov in Brussels.", False),
    ("Later Kowalczyk spoke to reporters.", True),  # "Later Kowalczyk" or "Kowalczyk": the model says
    ("Tomasz Nowak met Boris Pistorius.", True),  # an unknown first name opens the sentence
    ("The minister met Wojciech Kowalczyk on Monday.", True),  # no cue, no known first name
    ("Kowalczyk, the minister, said.", True),
])
def test_ner_matters(text, expected):
    assert ner_matters(sentence(text), "en") is expected


@pytest.mark.parametrize("text", [
    "Boris Pistorius met Defence Minister Kowalczyk.",
    "He met Rustem Umerov and Lloyd J. Austin in Brussels.",
    "Former Defence Minister Oleksii Reznikov thanked Gen. Brown.",
    "On Monday, Prime Minister Denys Shmyhal met Ursula von der Leyen.",
])
def test_when_the_ner_does_not_matter_no_spans_change_the_candidates(text):
    """Every set of PERSON spans over the sentence's words gives the same candidates."""
    sent = sentence(text)
    assert not ner_matters(sent, "en")
    cue_ends, blocked = name_cues(sent, "en")
    spans = [(t.start, t.end) for t in sent.tokens]
    expected = find_name_candidates(sent.tokens, "en", set(), cue_ends, blocked)
    for k in (1, 2):
        for chosen in itertools.combinations(spans, k):
            assert find_name_candidates(sent.tokens, "en", set(chosen), cue_ends, blocked) == expected


def test_only_the_sentences_where_the_ner_matters_go_to_the_model():
    text = ("Boris Pistorius met Rustem Umerov in Kyiv. Later Kowalczyk spoke. Tomasz Nowak agreed. "
            "The talks were about air defense. Lloyd Austin thanked them.")
    ctx = annotate(make_document(Article(text, "t.txt")), use_ner=False)
    runs = [text[s:e] for s, e in _name_runs(text, ctx.sentences)]
    assert runs == ["Later Kowalczyk spoke. Tomasz Nowak agreed."]


def test_cues_and_blocked_words():
    assert name_cues(sentence("Former Defence Minister Reznikov spoke."), "en") == ({3}, {0})
