"""The indexes and bounds that keep extraction linear in the article's length give the answers
of the plain scans they replaced (timings are printed by bench/bench_big_article.py, not tested)."""

from __future__ import annotations

import random
import re

import pytest

from ddgraph.graph.model import Mention
from ddgraph.ingest.dates import dates_in, without_stamps
from ddgraph.ingest.document import Article, Document, Sentence
from ddgraph.ingest.extract.mentions import MentionIndex
from ddgraph.ingest.extract.persons import PersonDraft
from ddgraph.ingest.furniture import _counters_out, is_stamp, load_markers
from ddgraph.ingest.sentences import MAX_SENTENCE, split_sentences


def random_persons(rnd: random.Random, sentences: list[tuple[int, int]]) -> list[PersonDraft]:
    persons = []
    for k in range(rnd.randint(0, 6)):
        mentions = []
        for _ in range(rnd.randint(1, 5)):
            start = rnd.randrange(0, sentences[-1][1])
            mentions.append(Mention(start, start + rnd.randint(1, 12), 0))
        persons.append(PersonDraft(f"p{k}", None, f"S{k}", mentions=mentions))
    return persons


@pytest.mark.parametrize("seed", range(40))
def test_mention_index_answers_as_the_scans(seed):
    rnd = random.Random(seed)
    sentences, pos = [], 0
    for _ in range(rnd.randint(1, 8)):
        start = pos + rnd.randint(0, 3)
        sentences.append((start, start + rnd.randint(5, 40)))
        pos = sentences[-1][1]
    persons = random_persons(rnd, sentences)
    index = MentionIndex(persons, sentences)
    for k, (s, e) in enumerate(sentences):
        found = [p for p in persons if any(s <= m.start < e for m in p.mentions)]
        scan = sorted(found, key=lambda p: min(m.start for m in p.mentions if s <= m.start < e))
        assert index.persons_in(k) == scan
        assert index.mentions_in(k) == [(p, m.start, m.end) for p in persons for m in p.mentions if s <= m.start < e]
    for _ in range(30):
        lo = rnd.randrange(0, pos + 5)
        hi = lo + rnd.randint(0, 30)
        found = [(m.start, p) for p in persons for m in p.mentions if lo <= m.start < hi]
        assert index.first_in(lo, hi) is (min(found, key=lambda x: x[0])[1] if found else None)
        before = [(m.start, p) for p in persons for m in p.mentions if m.end <= hi]
        assert index.last_before(hi) is (max(before, key=lambda x: x[0])[1] if before else None)


@pytest.mark.parametrize("offset, index", [(0, 0), (3, 0), (4, 0), (5, 1), (9, 1), (10, 2), (15, 2), (99, 2), (-1, 0)])
def test_sentence_index_by_bisection(offset, index):
    doc = Document(Article("x", "x"), "One. Two. Three.", "en", None, None, None,
                   (Sentence(0, 4), Sentence(5, 9), Sentence(10, 16)))
    assert doc.sentence_index(offset) == index


@pytest.mark.parametrize("text", [
    "word " * 2000,  # a page on one line, without a period
    "a, b; " * 1000,
    "x" * 5000,  # not even a space
    ("Umerov met Lecornu, " * 200) + "and they talked. Next sentence.",
])
def test_over_long_sentences_are_cut(text):
    sentences = split_sentences(text, "en")
    assert all(0 < s.end - s.start <= MAX_SENTENCE for s in sentences)
    assert all(a.end <= b.start for a, b in zip(sentences, sentences[1:]))
    kept = "".join(text[s.start : s.end] for s in sentences)
    assert re.sub(r"\s", "", kept) == re.sub(r"\s", "", text)  # nothing lost but spaces


def test_runs_of_marks_still_end_sentences():
    text = "Really?! Yes... And then!!! " * 3
    assert [text[s.start : s.end] for s in split_sentences(text, "en")][:3] == ["Really?!", "Yes...", "And then!!!"]


def test_many_dates_are_all_found_once():
    text = "26.03.2025 " * 3000 + "and 27 March 2025"
    found = dates_in(text)
    assert len(found) == 3001 and found[-1][2] == "2025-03-27"
    assert without_stamps("Updated 19:57 26.03.2025 and 20:01") == "Updated     and  "


COUNTERS = [
    ("Views: 1 234", 0, True),
    ("1 234 views", 1, True),
    ("5k views 3 comments", 2, True),
    ("12 тис. переглядів", 1, True),
    ("1.1.1.1.1.1", 0, False),
    ("2 min read", 1, True),
    ("Umerov, 26.03.2025", 0, False),
]


@pytest.mark.parametrize("line, counters, stamp", COUNTERS)
def test_counters_are_read_as_the_single_regex_did(line, counters, stamp):
    markers = load_markers()
    old = re.compile(r"\d[\d\s.,]*\s*" + markers.counter_re.pattern, re.I)
    assert _counters_out(line, markers.counter_re) == old.subn(" ", line)
    assert _counters_out(line, markers.counter_re)[1] == counters
    assert is_stamp(line, markers) is stamp


def test_coreference_compares_each_mention_with_few_persons(monkeypatch):
    """A surname is compared with the persons whose key shares its first letters, not with every person."""
    from ddgraph.ingest.document import make_document
    from ddgraph.ingest.extract import extract, persons as persons_module

    rnd = random.Random(5)
    surnames = sorted({"".join(rnd.choice("bdfgklmnprstvz") + rnd.choice("aeiou") for _ in range(4)).title()
                       for _ in range(120)})
    text = " ".join(f"Defense Minister Ivan {s} met reporters. {s} said the talks went well." for s in surnames)
    calls = []
    real = persons_module.surname_fits
    monkeypatch.setattr(persons_module, "surname_fits", lambda a, b: calls.append(1) or real(a, b))
    record = extract(make_document(Article(text, "x.txt", language="en")), use_ner=False)
    found = sum(e.kind == "person" for e in record.entities)
    assert found >= 100
    assert len(calls) < 10 * found  # a scan of every person for every mention: about found ** 2 (> 10,000)


def test_ner_reads_bounded_batches_of_the_sentences_that_may_hold_a_name(monkeypatch):
    from ddgraph.ingest.extract import context

    seen = []

    class FakeNLP:
        def pipe(self, pieces, batch_size):
            pieces = list(pieces)
            seen.append(sum(map(len, pieces)))
            return [type("Doc", (), {"ents": []})() for _ in pieces]

    monkeypatch.setattr(context, "_spacy", lambda: FakeNLP())
    text = "\n\n".join(["Umerov met Lecornu in Paris." if i % 3 == 0 else "the talks were about air defense."
                        for i in range(20_000)])
    doc = Document(Article(text, "x"), text, "en", None, None, None, split_sentences(text, "en"))
    context.annotate(doc)
    assert seen and max(seen) <= context._NER_CHUNK
    assert sum(seen) < len(text) / 2  # only the sentences with a name word went to the model


def test_the_term_index_is_built_once_per_language():
    from ddgraph.ingest.extract.match import build_index

    assert build_index("uk") is build_index("uk") and build_index("en") is build_index("en")
