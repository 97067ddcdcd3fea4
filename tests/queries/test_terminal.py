"""Escape sequences in article text or arguments never reach the terminal raw; --json stays exact JSON."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from ddgraph.ingest.pipeline import ingest_paths
from ddgraph.queries.cli import cli
from ddgraph.queries.terminal import UNSAFE_RE, safe_text

HOSTILE = "\x1b]0;pwned\x07\x1b[2J\x9b31m\u202e\u2066\x00\x7f"

SAFE_TEXT = [
    ("plain text", "plain text"),
    ("Умєров\tmet\nLecornu", "Умєров\tmet\nLecornu"),
    ("\x1b]0;title\x07", "\\u001b]0;title\\u0007"),
    ("\x1b[31mred\x1b[0m", "\\u001b[31mred\\u001b[0m"),
    ("over\rwrite", "over\\u000dwrite"),
    ("\x9b31m", "\\u009b31m"),
    ("\x00\x08\x0b\x0c\x7f", "\\u0000\\u0008\\u000b\\u000c\\u007f"),
    ("abc\u202eFED\u202c", "abc\\u202eFED\\u202c"),
    ("\u2066\u2067\u2068\u2069\u200e\u200f\u061c", "\\u2066\\u2067\\u2068\\u2069\\u200e\\u200f\\u061c"),
    ("\ud800", "\\ud800"),
    ("emoji \U0001F681 and é", "emoji \U0001F681 and é"),
]


@pytest.mark.parametrize("text, shown", SAFE_TEXT)
def test_safe_text(text, shown):
    assert safe_text(text) == shown


@pytest.mark.parametrize("text, _", SAFE_TEXT)
def test_safe_text_keeps_json_valid_and_exact(text, _):
    encoded = json.dumps({"v": text}, ensure_ascii=False)
    assert json.loads(safe_text(encoded)) == {"v": text}


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "a.jsonl").write_text(json.dumps({
        "text": "Ukraine's Defense Minister Rustem Umerov met his French counterpart Sébastien Lecornu in Paris "
                f"to discuss air defense {HOSTILE}. Umerov said the talks were useful {HOSTILE}.",
        "title": f"Umerov meets Lecornu {HOSTILE}", "publisher": f"UNN{HOSTILE}", "published": "2025-03-26"}) + "\n",
        encoding="utf-8")
    path = tmp_path_factory.mktemp("store") / "s"
    summary = ingest_paths([folder], path, progress=False, workers=1)
    assert summary.failed == 0, summary.errors
    return path


def run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


COMMANDS = [("person", "Umerov"), ("offices", "Umerov"), ("explain", "Umerov"), ("timeline", "Umerov"),
            ("met", "Umerov"), ("meetings", "--person", "Umerov")]


@pytest.mark.parametrize("command", COMMANDS)
def test_text_output_has_no_raw_control(store, command):
    result = run(*command, "--store", str(store))
    assert result.exit_code == 0, result.output
    assert not UNSAFE_RE.search(result.output), repr(result.output)
    if command[0] in ("offices", "explain"):  # they print the sentences: the escapes are shown
        # (click itself strips CSI sequences such as ESC [2J when the output is no terminal)
        assert "\\u001b]0;pwned\\u0007\\u009b31m\\u202e\\u2066\\u0000\\u007f." in result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_json_output_is_valid_and_exact(store, command):
    result = run(*command, "--json", "--store", str(store))
    assert result.exit_code == 0, result.output
    assert not UNSAFE_RE.search(result.output)
    data = json.loads(result.output)
    if command[0] == "explain":
        assert any("\x1b]0;pwned\x07" in ev["sentence"] for ev in data["evidence"])


def test_argument_with_escapes_in_an_error(store):
    result = run("person", "\x1b]0;x\x07Umerow\u202e", "--store", str(store))
    assert result.exit_code == 1
    assert result.output == "Error: no person named '\\u001b]0;x\\u0007Umerow\\u202e'; did you mean: Rustem Umerov?\n"


def test_usage_error_with_escapes(store):
    result = run("person", "--\x1b[2Jbad")
    assert result.exit_code == 2
    assert not UNSAFE_RE.search(result.output)
    assert result.output.endswith("Error: No such option '--\\x1b[2Jbad'.\n")  # click shows it with repr()


def test_ingest_error_lines_with_escapes_in_file_names(tmp_path):
    bad = tmp_path / "in" / "\x1b]0;x\x07.pdf"
    bad.parent.mkdir()
    bad.write_bytes(b"%PDF")
    result = run("ingest", str(bad.parent), "--store", str(tmp_path / "s"), "--no-progress")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (f"error: {tmp_path}/in/\\u001b]0;x\\u0007.pdf: unsupported file type "
                                             "'.pdf' (expected .txt, .html, .jsonl)")
    assert not UNSAFE_RE.search(result.output)
