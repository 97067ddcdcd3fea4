"""Tests of ingest/read.py: good input is read, every kind of bad input is reported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ddgraph.ingest.read import iter_articles

ARTICLES = Path(__file__).parents[2] / "data" / "articles"


def read(*paths, **kwargs):
    errors = []
    articles = list(iter_articles(paths, errors, **kwargs))
    return articles, [str(e) for e in errors]


def test_sample_folder_is_read_in_sorted_order():
    articles, errors = read(ARTICLES)
    assert errors == []
    assert [Path(a.source).name[:3] for a in articles] == ["000", "001", "002", "003", "004"]
    assert all(a.fmt == "txt" and a.text.strip() for a in articles)


def test_txt_html_and_nested_folders(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "x.txt").write_text("Second.", encoding="utf-8")
    (tmp_path / "a.html").write_text("<html><body><p>First.</p></body></html>", encoding="utf-8")
    (tmp_path / "c.HTM").write_text("<p>Third.</p>", encoding="utf-8")
    articles, errors = read(tmp_path)
    assert errors == []
    assert [(Path(a.source).name, a.fmt) for a in articles] == [("a.html", "html"), ("c.HTM", "html"), ("x.txt", "txt")]
    assert articles[0].text.startswith("<html>")


def test_hidden_files_and_folders_are_skipped(tmp_path):
    (tmp_path / ".hidden.txt").write_text("Hidden.", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("Hidden too.", encoding="utf-8")
    (tmp_path / "seen.txt").write_text("Seen.", encoding="utf-8")
    articles, errors = read(tmp_path)
    assert [a.text for a in articles] == ["Seen."] and errors == []


def test_bom_is_stripped_and_newlines_normalised(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeffLine one.\r\nLine two.\rLine three.".encode("utf-8"))
    (article,), errors = read(path)
    assert article.text == "Line one.\nLine two.\nLine three."
    assert article.source == str(path) and errors == []


def test_a_bare_path_is_one_path():
    errors = []
    assert len(list(iter_articles(str(ARTICLES), errors))) == 5 and errors == []


def test_a_file_named_twice_is_read_once(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Once.", encoding="utf-8")
    articles, _ = read(path, tmp_path)
    assert len(articles) == 1


def test_missing_path(tmp_path):
    missing = tmp_path / "nope.txt"
    assert read(missing) == ([], [f"{missing}: no such file or directory"])


def test_unknown_extension(tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(b"%PDF-1.4")
    assert read(path)[1] == [f"{path}: unsupported file type '.pdf' (expected .txt, .html, .jsonl)"]


def test_no_extension(tmp_path):
    path = tmp_path / "README"
    path.write_text("x", encoding="utf-8")
    assert read(path)[1] == [f"{path}: unsupported file type (no extension) (expected .txt, .html, .jsonl)"]


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  ", "\ufeff\n".encode("utf-8")])
def test_empty_file(tmp_path, content):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    assert read(path) == ([], [f"{path}: file is empty"])


def test_binary_file(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert read(path) == ([], [f"{path}: binary file"])


def test_not_utf8(tmp_path):
    path = tmp_path / "cp1251.txt"
    path.write_bytes("Умєров".encode("utf-8")[:4] + "зустрівся".encode("cp1251"))
    assert read(path) == ([], [f"{path}: not UTF-8 text (invalid byte at offset 4)"])


def test_too_large_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.html"
    with open(path, "wb") as f:
        f.truncate(50 * 1024 * 1024)  # sparse: no 50 MB written
    assert read(path) == ([], [f"{path}: file too large (50.0 MB > 20 MB limit)"])


def test_too_large_article_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as f:
        f.truncate(3 * 1024 * 1024)
    assert read(path) == ([], [f"{path}: article too large (3.0 MB of text > 1 MB per article)"])


def test_size_limit_is_a_parameter(tmp_path):
    path = tmp_path / "a.txt"
    with open(path, "wb") as f:
        f.truncate(3 * 1024 * 1024)
    assert read(path, max_bytes=1024 * 1024)[1] == [f"{path}: file too large (3.0 MB > 1 MB limit)"]


def test_errors_do_not_stop_the_run(tmp_path):
    (tmp_path / "a.pdf").write_bytes(b"%PDF")
    (tmp_path / "b.txt").write_bytes(b"")
    (tmp_path / "c.txt").write_text("Good.", encoding="utf-8")
    articles, errors = read(tmp_path / "missing", tmp_path)
    assert [a.text for a in articles] == ["Good."]
    assert len(errors) == 3


def test_jsonl_good_and_bad_lines(tmp_path):
    path = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"text": "First article.", "url": "https://example.org/1", "title": "One",
                    "published": "2025-03-26", "publisher": "UNN", "language": "en"}),
        "",
        '{"text": "broken"',
        json.dumps({"title": "no text"}),
        json.dumps({"text": "   "}),
        json.dumps({"text": 42}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"text": "Bad title.", "title": 7}),
        json.dumps({"text": "Last article.\r\nSecond line.", "url": None}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    articles, errors = read(path)
    assert [(a.source, a.text) for a in articles] == [
        (f"{path}:1", "First article."),
        (f"{path}:9", "Last article.\nSecond line."),
    ]
    first = articles[0]
    assert (first.fmt, first.url, first.title, first.published, first.publisher, first.language) == (
        "jsonl", "https://example.org/1", "One", "2025-03-26", "UNN", "en")
    assert articles[1].url is None
    assert errors == [
        f"{path}: line 3: invalid JSON (Expecting ',' delimiter at column 18)",
        f"{path}: line 4: missing required field 'text'",
        f"{path}: line 5: 'text' must be a non-empty string",
        f"{path}: line 6: 'text' must be a non-empty string",
        f"{path}: line 7: expected a JSON object, got array",
        f"{path}: line 8: 'title' must be a string",
    ]


def test_error_messages_are_one_line(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text('{"text": "a\nb"}\n', encoding="utf-8")  # a raw newline splits the record
    _, errors = read(path)
    assert errors and all("\n" not in e for e in errors)
