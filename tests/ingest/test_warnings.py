"""Silent losses made loud: what is left out or read another way is one warning line, the article stays."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from ddgraph.graph.errors import InputError
from ddgraph.ingest.document import MAX_ARTICLE_BYTES, Article, make_document
from ddgraph.ingest.html_page import MAX_DEPTH, extract_html
from ddgraph.queries.cli import cli

BODY = "Ukraine's Defense Minister Rustem Umerov met his French counterpart Sébastien Lecornu in Paris."


def deep_html(depth: int) -> str:
    return ("<html><head><title>Umerov meets Lecornu</title><script>var x = 1;</script></head><body>"
            + "<div>" * depth + f"<p>{BODY}</p><p>They discussed air defense.</p>" + "</div>" * depth
            + "</body></html>")


@pytest.mark.parametrize("divs, depth", [(MAX_DEPTH - 1, MAX_DEPTH + 1), (260, 262), (1000, 1002),
                                         (5000, 2047)])  # libxml2 stops counting at 2047 (huge_tree)
def test_deep_html_keeps_its_text_and_says_so(divs, depth):
    page = extract_html(deep_html(divs))  # <html> 0, <body> 1, the divs, then <p>
    assert page.text == f"{BODY}\n\nThey discussed air defense."
    assert page.warnings == (f"HTML nested {depth} levels deep (over {MAX_DEPTH}): text read without the page's "
                             "structure, menus and links may remain",)


@pytest.mark.parametrize("depth", [1, 50, MAX_DEPTH - 2])
def test_shallow_html_goes_through_trafilatura_without_warning(depth):
    page = extract_html(deep_html(depth))
    assert BODY in page.text and page.warnings == () and page.title == "Umerov meets Lecornu"


def test_deep_html_document_warns_and_keeps_its_persons():
    doc = make_document(Article(deep_html(400), "deep.html", fmt="html"))
    assert BODY in doc.text and len(doc.warnings) == 1 and doc.warnings[0].startswith("HTML nested 402 levels deep")


@pytest.mark.parametrize("value", ["31.02.2025", "2025-02-29", "yesterday", "not a date", "2025-02-30T10:00:00"])
def test_published_that_is_no_date_is_left_out_with_a_warning(value):
    doc = make_document(Article(BODY, "feed.jsonl:1", fmt="jsonl", published=value))
    assert doc.published is None
    assert doc.warnings == (f"'published' value {value!r} is not a valid date: left out",)


@pytest.mark.parametrize("value, iso", [("2025-03-26", "2025-03-26"), ("26.03.2025", "2025-03-26"),
                                        ("March 26, 2025", "2025-03-26")])
def test_good_published_has_no_warning(value, iso):
    doc = make_document(Article(BODY, "feed.jsonl:1", fmt="jsonl", published=value))
    assert (doc.published, doc.warnings) == (iso, ())


def test_html_main_text_over_the_limit_is_an_input_error():
    html = "<html><body>" + "<p>word word word word word word word word.</p>" * (MAX_ARTICLE_BYTES // 40) + "</body></html>"
    with pytest.raises(InputError, match=r"^big.html: article too large \(1\.\d MB of text > 1 MB per article\)$"):
        make_document(Article(html, "big.html", fmt="html"))


def test_ingest_prints_one_line_per_error_and_warning(tmp_path):
    feed = tmp_path / "in" / "feed.jsonl"
    feed.parent.mkdir()
    lines = [
        json.dumps({"text": BODY, "published": "31.02.2025"}),
        "[" * 1000,
        '{"text": "Umerov \\ud800 met Lecornu in Kyiv on Monday."}',
        json.dumps({"text": "word " * 300_000}),
    ]
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "in" / "deep.html").write_text(deep_html(300), encoding="utf-8")
    (tmp_path / "in" / "loop.txt").symlink_to(tmp_path / "in" / "loop.txt")
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path / "in"), "--store", str(tmp_path / "store"),
                                      "--no-progress", "--workers", "1"])
    assert result.exit_code == 0, result.output
    err = [line for line in result.stderr.splitlines() if line.startswith(("error:", "warning:"))]
    assert err == [
        f"error: {feed}: line 2: invalid JSON (nested too deeply)",
        f"error: {feed}: line 4: article too large (1.4 MB of text > 1 MB per article)",
        f"error: {tmp_path / 'in' / 'loop.txt'}: symbolic link loop",
        f"warning: {feed}: line 3: 'text' has 1 lone surrogate(s) (\\ud800), replaced by U+FFFD",
        f"warning: {tmp_path / 'in' / 'deep.html'}: HTML nested 302 levels deep (over {MAX_DEPTH}): text read without "
        "the page's structure, menus and links may remain",
        f"warning: {feed}: line 1: 'published' value '31.02.2025' is not a valid date: left out",
    ]
    assert "articles read     3" in result.stdout and "failed          3" in result.stdout
    assert "Traceback" not in result.output
