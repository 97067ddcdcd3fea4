"""Tests of ingest.pipeline.extract_batch: several articles extracted together (their NER
in one pass) give what each gives alone, and one that fails fails alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from ddgraph.ingest import pipeline
from ddgraph.ingest.extract import context
from ddgraph.ingest.pipeline import extract_batch, extract_one
from ddgraph.ingest.read import iter_articles

ROOT = Path(__file__).resolve().parents[2]
#: English and Ukrainian pages of several outlets, long and short.
CORPUS = [ROOT / "data" / "articles", ROOT / "tests" / "data" / "articles", ROOT / "tests" / "data" / "blind2" / "articles",
          ROOT / "tests" / "data" / "blind3" / "articles"]


@pytest.fixture(scope="module")
def articles():
    found = list(iter_articles(CORPUS, []))
    assert len(found) >= 30 and {a.label for a in found}
    return found


def _results(rows):
    return [(label, record, problem, warnings) for label, record, problem, _, warnings in rows]


@pytest.mark.parametrize("size", [1, 3, 8, 64])
def test_a_batch_gives_what_each_article_gives_alone(articles, size):
    alone = _results(extract_one(a) for a in articles)
    together = _results(r for i in range(0, len(articles), size) for r in extract_batch(articles[i : i + size]))
    assert together == alone
    assert sum(r[1] is not None and any(e.kind == "person" for e in r[1].entities) for r in alone) >= 20


def test_the_ner_of_a_batch_goes_to_the_model_together(articles, monkeypatch):
    calls = []
    real = context._ner_person_spans
    monkeypatch.setattr(context, "_ner_person_spans", lambda texts: calls.append(len(texts)) or real(texts))
    rows = extract_batch(articles[:8])
    assert len(calls) == 1 and calls[0] == sum(r[1] is not None and r[1].language == "en" for r in rows) > 1
    assert all(seconds > 0 for *_, seconds, _ in rows)


def test_an_article_whose_extraction_fails_fails_alone(articles, monkeypatch):
    bad = articles[2].label
    real = pipeline.extract_annotated

    def breaking(ctx):
        if ctx.doc.article.label == bad:
            raise ValueError("boom\nsecond line")
        return real(ctx)

    monkeypatch.setattr(pipeline, "extract_annotated", breaking)
    rows = extract_batch(articles[:5])
    assert [r[2] for r in rows] == [None, None, "extraction failed (ValueError: boom)", None, None]
    assert rows[2][1] is None and all(r[1] is not None for i, r in enumerate(rows) if i != 2)


def test_an_article_that_breaks_the_shared_ner_fails_alone(articles, monkeypatch):
    english = [a for a in articles if extract_one(a)[1].language == "en"][:4]
    bad = english[1]
    real = context._ner_person_spans

    def breaking(texts):
        if any(bad.text.find(text[:200]) >= 0 for text, _ in texts if text):
            raise RecursionError
        return real(texts)

    monkeypatch.setattr(context, "_ner_person_spans", breaking)
    rows = extract_batch(english)
    assert [r[2] for r in rows] == [None, "extraction failed (too deeply nested)", None, None]
    monkeypatch.setattr(context, "_ner_person_spans", real)
    assert _results(rows[i] for i in (0, 2, 3)) == _results(extract_one(english[i]) for i in (0, 2, 3))


@pytest.mark.parametrize("chars, read_at_first", [(None, 200), (1_000, pipeline.POOL_THRESHOLD)])
def test_the_workers_are_handed_a_bounded_amount_of_text(monkeypatch, chars, read_at_first):
    """Workers extract ahead while the records wait, up to WINDOW articles and WINDOW_CHARS characters."""
    from ddgraph.ingest.document import Article

    if chars is not None:
        monkeypatch.setattr(pipeline, "WINDOW_CHARS", chars)
    read = []

    def articles():
        for i in range(200):
            read.append(i)
            yield Article(f"Defense Minister Rustem Umerov met Boris Pistorius in Berlin on day {i}. " * 4, f"a{i}")

    results = pipeline._extracted(articles(), workers=2)
    first = next(results)
    assert first[0] == "a0" and first[1] is not None
    assert len(read) == read_at_first
    assert [r[0] for r in results] == [f"a{i}" for i in range(1, 200)]
