"""Shared helpers: extract a record from a short text."""

import pytest

from ddgraph.ingest.document import Article, make_document
from ddgraph.ingest.extract import extract


@pytest.fixture(scope="session")
def record_of():
    """Return a function text -> ArticleRecord (extraction of a one-article page)."""
    cache = {}

    def run(text: str, published: str | None = None, language: str | None = None):
        key = (text, published, language)
        if key not in cache:
            cache[key] = extract(make_document(Article(text, "t.txt", published=published, language=language)))
        return cache[key]

    return run


def persons(record) -> dict:
    """name -> (sorted office titles with country, rank)."""
    out = {}
    for e in record.entities:
        if e.kind != "person":
            continue
        offices = []
        rank = None
        for f in record.facts:
            if f.subject == e.key and f.predicate == "holdsRole":
                office = record.entity(f.object)
                country = office.attr("country")
                offices.append((office.name, record.entity(country).name if country else None))
            if f.subject == e.key and f.predicate == "rank":
                rank = f.object
        out[e.name] = (sorted(offices), rank)
    return out


def meetings(record) -> list[dict]:
    """Meetings as plain dicts with participant names."""
    out = []
    for ev in record.events:
        if ev.kind != "meeting":
            continue
        loc = record.entity(ev.location).name if ev.location else None
        out.append({
            "participants": sorted(record.entity(k).name for k in ev.participants),
            "kind": ev.subtype, "status": ev.status, "location": loc, "date": ev.date,
            "topics": set(ev.topics),
        })
    return out
