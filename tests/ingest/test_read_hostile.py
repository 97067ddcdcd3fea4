"""Hostile and careless input: every problem is one line for that file (or record), the run goes on."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from ddgraph.ingest.read import MAX_ARTICLE_BYTES, iter_articles

GOOD = "Umerov met Lecornu in Paris."


def read(*paths, **kwargs):
    errors = []
    articles = list(iter_articles(paths, errors, **kwargs))
    return articles, [str(e) for e in errors]


def with_good(folder: Path) -> Path:
    """A good article beside the bad input: it must still be read."""
    (folder / "zz_good.txt").write_text(GOOD, encoding="utf-8")
    return folder


# --- JSONL lines: (line, the one error) --------------------------------------------------

JSONL_LINES = [
    ("[" * 1000, "line 1: invalid JSON (nested too deeply)"),
    ("[" * 100_000 + "]" * 100_000, "line 1: invalid JSON (nested too deeply)"),
    ('{"text": ' + "[" * 5000 + "]" * 5000 + "}", "line 1: invalid JSON (nested too deeply)"),
    ('{"text": "a", "n": ' + "1" * 5000 + "}", "line 1: invalid JSON (Exceeds the limit (4300 digits) for integer "
                                                  "string conversion: value has 5000 digits; use "
                                                  "sys.set_int_max_str_digits() to increase the limit)"),
    ("{}", "line 1: missing required field 'text'"),
    ('{"text": null}', "line 1: 'text' must be a non-empty string"),
    ('{"text": ["a"]}', "line 1: 'text' must be a non-empty string"),
    ('{"text": {"a": 1}}', "line 1: 'text' must be a non-empty string"),
    ('{"text": true}', "line 1: 'text' must be a non-empty string"),
    ('"just a string"', "line 1: expected a JSON object, got string"),
    ("42", "line 1: expected a JSON object, got number"),
    ("null", "line 1: expected a JSON object, got null"),
    ("true", "line 1: expected a JSON object, got boolean"),
    ('{"text": "a\u0001b"}'.replace("\u0001", "\x01"), "line 1: invalid JSON (Invalid control character at at column 12)"),
    ('{"text": "x", "title": 3}', "line 1: 'title' must be a string"),
    ("NaN", "line 1: expected a JSON object, got number"),
]


@pytest.mark.parametrize("line, error", JSONL_LINES)
def test_bad_jsonl_line_is_one_error_and_the_next_line_is_read(tmp_path, line, error):
    path = tmp_path / "feed.jsonl"
    path.write_text(line + "\n" + json.dumps({"text": GOOD}) + "\n", encoding="utf-8")
    articles, errors = read(path)
    assert errors == [f"{path}: {error}"]
    assert [(a.text, a.source) for a in articles] == [(GOOD, f"{path}:2")]


def test_lone_surrogate_is_replaced_and_noted(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text('{"text": "Umerov \\ud800 met Lecornu.", "title": "\\udfff"}\n', encoding="utf-8")
    (article,), errors = read(path)
    assert errors == []
    assert article.text == "Umerov \ufffd met Lecornu." and article.title == "\ufffd"
    assert article.article_id  # hashable as UTF-8 now
    assert article.warnings == ("'text' has 1 lone surrogate(s) (\\ud800), replaced by U+FFFD",
                                "'title' has 1 lone surrogate(s) (\\udfff), replaced by U+FFFD")


def test_a_surrogate_pair_is_one_character(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text('{"text": "drone \\ud83d\\ude81"}\n', encoding="utf-8")
    (article,), errors = read(path)
    assert article.text == "drone \U0001F681" and article.warnings == () and errors == []


def test_over_long_optional_field_is_left_out_with_a_warning(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"text": GOOD, "title": "t" * 5000}) + "\n", encoding="utf-8")
    (article,), errors = read(path)
    assert article.title is None and errors == []
    assert article.warnings == ("'title' left out (5,000 characters > 2,000)",)


def test_jsonl_bom_crlf_and_blank_lines(tmp_path):
    path = tmp_path / "feed.jsonl"
    body = "\r\n".join([json.dumps({"text": "One."}), "", "   ", "\ufeff" + json.dumps({"text": "Two."})])
    path.write_bytes(b"\xef\xbb\xbf" + body.encode("utf-8") + b"\r\n")
    articles, errors = read(path)
    assert [(a.text, a.source) for a in articles] == [("One.", f"{path}:1"), ("Two.", f"{path}:4")]
    assert errors == []


def test_jsonl_mixed_encodings_cost_the_bad_line_only(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_bytes(json.dumps({"text": "Перший."}, ensure_ascii=False).encode("utf-8") + b"\n"
                     + '{"text": "Другий."}'.encode("cp1251") + b"\n")
    articles, errors = read(path)
    assert [a.text for a in articles] == ["Перший."]
    assert errors == [f"{path}: line 2: not UTF-8 text (invalid byte at column 11)"]


def test_jsonl_in_another_encoding_is_one_error(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_bytes(b"\n".join('{"text": "Умєров %d."}'.encode("cp1251") % i for i in range(50)))
    assert read(path) == ([], [f"{path}: not UTF-8 text (invalid byte at column 11) on every line"])


def test_jsonl_record_over_the_article_limit(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"text": "word " * 400_000}) + "\n" + json.dumps({"text": GOOD}) + "\n",
                    encoding="utf-8")
    articles, errors = read(path)
    assert errors == [f"{path}: line 1: article too large (1.9 MB of text > 1 MB per article)"]
    assert [a.text for a in articles] == [GOOD]


def test_huge_single_line_without_newline_is_one_error(tmp_path):
    path = tmp_path / "one.jsonl"
    path.write_text('{"text": "' + "x" * (3 * MAX_ARTICLE_BYTES) + '"', encoding="utf-8")  # and never closed
    articles, errors = read(path)
    assert articles == [] and len(errors) == 1 and errors[0].startswith(f"{path}: line 1: invalid JSON (")


# --- files ---------------------------------------------------------------------------------

def test_nul_bytes_are_a_binary_file(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"Umerov\x00met")
    (tmp_path / "b.jsonl").write_bytes(b'{"text": "x"}\n\x00\x00')
    articles, errors = read(with_good(tmp_path))
    assert errors == [f"{tmp_path / 'a.txt'}: binary file", f"{tmp_path / 'b.jsonl'}: binary file"]
    assert [a.text for a in articles] == [GOOD]


def test_crlf_cr_and_bom_in_text(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"\xef\xbb\xbfOne.\r\nTwo.\rThree.")
    (article,), errors = read(tmp_path / "a.txt")
    assert article.text == "One.\nTwo.\nThree." and errors == []


def test_huge_single_line_txt_is_read_when_under_the_limit(tmp_path):
    path = tmp_path / "line.txt"
    path.write_text("word " * 100_000, encoding="utf-8")
    (article,), errors = read(path)
    assert len(article.text) == 500_000 and errors == []


def test_symlink_loop_in_a_folder(tmp_path):
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    articles, errors = read(with_good(tmp_path))
    assert sorted(errors) == [f"{tmp_path / 'a'}: symbolic link loop", f"{tmp_path / 'b'}: symbolic link loop",
                              f"{tmp_path / 'loop.txt'}: symbolic link loop"]
    assert [a.text for a in articles] == [GOOD]


def test_symlink_loop_named_directly(tmp_path):
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    assert read(tmp_path / "loop.txt") == ([], [f"{tmp_path / 'loop.txt'}: symbolic link loop"])


def test_link_to_a_parent_folder_reads_each_file_once(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "up").symlink_to(tmp_path)
    (tmp_path / "sub" / "x.txt").write_text("Second.", encoding="utf-8")
    articles, errors = read(with_good(tmp_path))
    assert sorted(a.text for a in articles) == ["Second.", GOOD] and errors == []


def test_broken_symlink(tmp_path):
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    articles, errors = read(with_good(tmp_path))
    assert errors == [f"{tmp_path / 'gone.txt'}: broken symbolic link"]
    assert [a.text for a in articles] == [GOOD]


def test_fifo_in_a_folder_is_not_opened(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")  # opening it for reading would block the run for ever
    articles, errors = read(with_good(tmp_path))
    assert errors == [f"{tmp_path / 'pipe.txt'}: not a regular file (a FIFO)"]
    assert [a.text for a in articles] == [GOOD]


def test_device_file_named_directly():
    assert read("/dev/null")[1] == ["/dev/null: not a regular file (a character device)"]
    assert read("/dev/zero")[1] == ["/dev/zero: not a regular file (a character device)"]


def test_link_to_a_device_in_a_folder(tmp_path):
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    articles, errors = read(with_good(tmp_path))
    assert errors == [f"{tmp_path / 'zero.txt'}: not a regular file (a character device)"]


def test_folder_that_cannot_be_listed(tmp_path, monkeypatch):
    (tmp_path / "locked").mkdir()
    real = os.scandir

    def scandir(path):
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)  # root reads any folder: refuse it the way chmod 000 would
    articles, errors = read(with_good(tmp_path))
    assert errors == [f"{tmp_path / 'locked'}: cannot read folder (Permission denied)"]
    assert [a.text for a in articles] == [GOOD]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file and folder")
def test_folder_and_file_without_permission(tmp_path):
    (tmp_path / "locked").mkdir()
    (tmp_path / "secret.txt").write_text("x", encoding="utf-8")
    (tmp_path / "locked").chmod(0)
    (tmp_path / "secret.txt").chmod(0)
    try:
        articles, errors = read(with_good(tmp_path))
    finally:
        (tmp_path / "locked").chmod(0o755)
    assert errors == [f"{tmp_path / 'locked'}: cannot read folder (Permission denied)",
                      f"{tmp_path / 'secret.txt'}: cannot read file (Permission denied)"]


def test_file_that_cannot_be_opened(tmp_path, monkeypatch):
    path = tmp_path / "a.txt"
    path.write_text("x", encoding="utf-8")
    real = os.open
    monkeypatch.setattr(os, "open", lambda p, *a, **k: (_ for _ in ()).throw(PermissionError(13, "Permission denied"))
                        if str(p) == str(path) else real(p, *a, **k))
    assert read(path) == ([], [f"{path}: cannot read file (Permission denied)"])


def test_file_that_vanishes_between_listing_and_reading(tmp_path):
    (tmp_path / "a.txt").write_text("First.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Second.", encoding="utf-8")
    (tmp_path / "c.txt").write_text("Third.", encoding="utf-8")
    errors = []
    articles = iter_articles([tmp_path], errors)
    assert next(articles).text == "First."
    (tmp_path / "b.txt").unlink()
    assert [a.text for a in articles] == ["Third."]
    assert [str(e) for e in errors] == [f"{tmp_path / 'b.txt'}: no such file or directory"]


def test_file_name_that_is_not_utf8(tmp_path):
    name = os.fsdecode(b"caf\xe9.txt")
    (tmp_path / name).write_text(GOOD, encoding="utf-8")
    (tmp_path / os.fsdecode(b"x\xff.pdf")).write_bytes(b"%PDF")
    articles, errors = read(tmp_path)
    assert [a.source for a in articles] == [f"{tmp_path}/caf\\xe9.txt"]
    assert articles[0].source.encode("utf-8")  # printable and storable
    assert errors == [f"{tmp_path}/x\\xff.pdf: unsupported file type '.pdf' (expected .txt, .html, .jsonl)"]


def test_an_unexpected_failure_costs_one_file(tmp_path, monkeypatch):
    import ddgraph.ingest.read as read_module

    (tmp_path / "a.txt").write_text("First.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("boom", encoding="utf-8")
    (tmp_path / "c.txt").write_text("Third.", encoding="utf-8")
    real = read_module._normalise

    def normalise(text):
        if text == "boom":
            raise MemoryError("out of memory\nsecond line")
        return real(text)

    monkeypatch.setattr(read_module, "_normalise", normalise)
    articles, errors = read(tmp_path)
    assert [a.text for a in articles] == ["First.", "Third."]
    assert errors == [f"{tmp_path / 'b.txt'}: cannot read file (MemoryError: out of memory)"]
