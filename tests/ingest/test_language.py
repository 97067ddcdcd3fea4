"""Tests of ingest/language.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from ddgraph.ingest.language import detect_language

ARTICLES = Path(__file__).parents[2] / "data" / "articles"


@pytest.mark.parametrize(("prefix", "code"), [("000", "en"), ("001", "en"), ("002", "uk"), ("003", "en"), ("004", "en")])
def test_seeds(prefix, code):
    (path,) = ARTICLES.glob(f"{prefix}_*.txt")
    assert detect_language(path.read_text(encoding="utf-8")) == code


@pytest.mark.parametrize(("text", "code"), [
    ("Ukraine's Defense Minister met his French counterpart in Paris on Wednesday.", "en"),
    ("Міністр оборони України провів зустріч із французьким колегою у Парижі.", "uk"),
    ("Умєров", "uk"),  # one Ukrainian letter is enough
    ("Министр обороны Украины провёл встречу с французским коллегой в Париже.", "ru"),
    ("Объявлены итоги встречи", "ru"),
    ("Le ministre ukrainien de la Défense a rencontré son homologue français à Paris mercredi.", "fr"),
    ("Der ukrainische Verteidigungsminister traf seinen französischen Amtskollegen in Paris.", "de"),
    # an English text quoting a Ukrainian name stays English
    ("The minister, Рустем Умєров, met his French counterpart in Paris on Wednesday to discuss drones.", "en"),
    ("OK", "und"),
    ("", "und"),
    ("12:30 • 2025", "und"),
    ("Paris talks", "und"),  # too short to tell
])
def test_detect_language(text, code):
    assert detect_language(text) == code


def test_deterministic():
    text = "Defense cooperation between the two countries was discussed at length."
    assert len({detect_language(text) for _ in range(5)}) == 1
