"""Properties of reading: any bytes, any JSONL, any page text -> articles or one-line InputErrors, never a crash."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from ddgraph.graph.errors import InputError
from ddgraph.ingest.document import Article, make_document
from ddgraph.ingest.read import iter_articles
from tests.property.cases import count, examples

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(
        ["text", "title", "url", "published", "publisher", "language", "x"]) | st.text(max_size=5), inner, max_size=5),
    max_leaves=12,
)
RECORD = st.fixed_dictionaries({"text": st.text(min_size=0, max_size=200)}, optional={
    "title": st.text(max_size=30) | st.integers(), "published": st.text(max_size=20),
    "language": st.sampled_from(["en", "uk", "EN-gb", "", "xx"]), "url": st.none() | st.text(max_size=10)})
LINE = (JSON.map(lambda v: json.dumps(v, ensure_ascii=False)) | RECORD.map(json.dumps) | st.text(max_size=60)
        | st.binary(max_size=60).map(lambda b: b.decode("latin-1")) | st.just("[" * 1200)
        | st.just('{"text": "\\ud800 x"}'))


def read_one(name: str, data: bytes) -> tuple[list[Article], list[InputError]]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        errors: list[InputError] = []
        return list(iter_articles([Path(tmp)], errors)), errors


def check(articles: list[Article], errors: list[InputError]) -> None:
    for e in errors:
        assert isinstance(e, InputError) and "\n" not in str(e) and e.problem
    for a in articles:
        a.text.encode("utf-8")  # no lone surrogate left
        assert a.text.strip() and all("\n" not in w for w in a.warnings)
        for value in (a.title, a.url, a.published, a.publisher, a.language):
            assert value is None or (isinstance(value, str) and value.encode("utf-8"))


@examples(150)
@given(st.binary(max_size=400), st.sampled_from(["a.txt", "a.jsonl", "a.html", "a.JSONL", "a"]))
def test_any_bytes_in_any_file(data, name):
    count("read: any bytes in a file")
    check(*read_one(name, data))


@examples(150)
@given(st.lists(LINE, max_size=6), st.sampled_from(["\n", "\r\n"]), st.booleans())
def test_any_jsonl(lines, newline, bom):
    count("read: any JSONL lines")
    data = ("\ufeff" if bom else "") + newline.join(lines)
    articles, errors = read_one("feed.jsonl", data.encode("utf-8", "surrogatepass"))
    check(articles, errors)
    assert len(articles) + len(errors) <= max(1, len([x for x in data.split("\n") if x.strip()]))  # one a line at most


@examples(100)
@given(st.text(max_size=300), st.sampled_from([None, "en", "uk"]), st.none() | st.text(max_size=20))
def test_make_document_of_any_text(text, language, published):
    count("document: any page text")
    doc = make_document(Article(text, "x.jsonl:1", fmt="jsonl", language=language, published=published))
    assert all(0 <= s.start < s.end <= len(doc.text) for s in doc.sentences)
    assert [s.start for s in doc.sentences] == sorted(s.start for s in doc.sentences)
    assert all("\n" not in w for w in doc.warnings)
