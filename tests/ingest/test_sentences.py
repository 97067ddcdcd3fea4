"""Tests of ingest/sentences.py: sentence splits with exact offsets."""

from __future__ import annotations

from pathlib import Path

import pytest

from ddgraph.ingest.clean import clean_text
from ddgraph.ingest.sentences import split_sentences

ARTICLES = Path(__file__).parents[2] / "data" / "articles"


def split(text: str, language: str = "en") -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text, language)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Umerov met Lecornu. They discussed drones.", ["Umerov met Lecornu.", "They discussed drones."]),
    ("Did they meet? Yes! They did.", ["Did they meet?", "Yes!", "They did."]),
    ("Lt. Gen. Mykola Shevtsov and Maj. Gen. Horbatiuk spoke. Col. Smith agreed.",
     ["Lt. Gen. Mykola Shevtsov and Maj. Gen. Horbatiuk spoke.", "Col. Smith agreed."]),
    ("Also present were US Amb. MaryKay Carlson and Hon. Jane Doe. Talks go on.",
     ["Also present were US Amb. MaryKay Carlson and Hon. Jane Doe.", "Talks go on."]),
    ("The U.S. Army and the U.K. Ministry of Defence agreed. Talks go on.",
     ["The U.S. Army and the U.K. Ministry of Defence agreed.", "Talks go on."]),
    ("V. Zelensky and J.R. Smith met Mr. Lecornu. Then they left.",
     ["V. Zelensky and J.R. Smith met Mr. Lecornu.", "Then they left."]),
    ('He said: "We will win." Then he left.', ['He said: "We will win."', "Then he left."]),
    ('"We need air defense." – Umerov said. The talks ended.', ['"We need air defense." – Umerov said.', "The talks ended."]),
    ("It was done. – Next, the minister spoke.", ["It was done.", "– Next, the minister spoke."]),
    ("Tanks, guns, etc. According to him, more will come.", ["Tanks, guns, etc.", "According to him, more will come."]),
    ("Tanks, guns, etc. are coming.", ["Tanks, guns, etc. are coming."]),
    ("He asked “why?” and left.", ["He asked “why?” and left."]),
    ("The price rose 2.5 percent. Costs fell.", ["The price rose 2.5 percent.", "Costs fell."]),
    ("Wait... The minister came.", ["Wait...", "The minister came."]),
    ("First paragraph without end\n\nSecond paragraph.", ["First paragraph without end", "Second paragraph."]),
    ("A line\nwrapped inside. Next one.", ["A line\nwrapped inside.", "Next one."]),
    ("  Padded sentence.   ", ["Padded sentence."]),
    ("", []),
    ("   \n\n  ", []),
])
def test_english(text, expected):
    assert split(text, "en") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Умєров прибув до м. Париж. Зустріч тривала годину.", ["Умєров прибув до м. Париж.", "Зустріч тривала годину."]),
    ("Доповідав ген. Шевцов. Потім говорив міністр.", ["Доповідав ген. Шевцов.", "Потім говорив міністр."]),
    ("Передано танки, гармати тощо. Далі буде більше.", ["Передано танки, гармати тощо.", "Далі буде більше."]),
    ("Виділено 5 млн. грн. на потреби армії.", ["Виділено 5 млн. грн. на потреби армії."]),
    ("Виділено 5 млрд. Україна вдячна.", ["Виділено 5 млрд.", "Україна вдячна."]),
    ('"Ми переможемо", – сказав Умєров. Зустріч завершилась.', ['"Ми переможемо", – сказав Умєров.', "Зустріч завершилась."]),
    ("«Ми переможемо!» – сказав Умєров. Далі.", ["«Ми переможемо!» – сказав Умєров.", "Далі."]),
    ("В. Зеленський і О. Балануца прибули. Все.", ["В. Зеленський і О. Балануца прибули.", "Все."]),
    ("Це сталося у 2024 р. в Парижі. Так.", ["Це сталося у 2024 р. в Парижі.", "Так."]),
])
def test_ukrainian(text, expected):
    assert split(text, "uk") == expected


def test_unknown_language_uses_both_lists():
    assert split("Ген. Шевцов і Gen. Smith прибули. Все.", "und") == ["Ген. Шевцов і Gen. Smith прибули.", "Все."]


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_offsets_on_seeds(prefix):
    (path,) = ARTICLES.glob(f"{prefix}_*.txt")
    text, _, _ = clean_text(path.read_text(encoding="utf-8"))
    sentences = split_sentences(text, "uk" if prefix == "002" else "en")
    assert sentences
    previous_end = 0
    for s in sentences:
        chunk = text[s.start : s.end]
        assert chunk == chunk.strip() and chunk
        assert s.start >= previous_end
        assert not text[previous_end : s.start].strip()  # nothing lost between sentences
        previous_end = s.end
    assert not text[previous_end:].strip()


def test_seed_003_etc_then_capital_splits():
    (path,) = ARTICLES.glob("003_*.txt")
    text, _, _ = clean_text(path.read_text(encoding="utf-8"))
    sents = split(text)
    assert "VAB armored personnel carriers, etc." in sents[2] and sents[3].startswith("According to Umerov")
