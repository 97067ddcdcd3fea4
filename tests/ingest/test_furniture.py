"""Line forms (ingest.furniture.classify_line): page furniture is told from body text by its form."""

import pytest

from ddgraph.ingest.furniture import classify_line, load_markers


@pytest.mark.parametrize("text, expected", [
    # photo credits, wherever the word "photo" stands in their first words
    ("(DoD photo by Navy Petty Officer 2nd Class Alex Moran)", "caption"),
    ("(AP Photo/Efrem Lukatsky)", "caption"),
    ("Reuters photo by Gleb Garanich", "caption"),
    ("Photo: Ministry of Defence of Ukraine", "caption"),
    # a sentence of the story that speaks of a photo is body text
    ("The photo by the minister was widely shared on social media after the talks in Kyiv ended on Monday.", "body"),
    # whose words a readout is
    ("Attributed to Pentagon Press Secretary Air Force Maj. Gen. Pat Ryder:", "byline"),
    ("The following is attributable to Spokesperson Matthew Miller:", "byline"),
    ("Associated Press writer Emma Burrows in London contributed.", "byline"),
    ("Secretary of Defense Lloyd J. Austin III met with Japanese Minister of Defense Minoru Kihara in Tokyo today.",
     "body"),
])
def test_classify_line(text, expected):
    assert classify_line(text, load_markers()) == expected
