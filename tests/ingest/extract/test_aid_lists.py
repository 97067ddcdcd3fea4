"""The items a package lists (ingest.extract.aid_lists)."""

import pytest

from ddgraph.ingest.document import Article, make_document
from ddgraph.ingest.extract.aid_lists import listed_items
from ddgraph.ingest.extract.context import annotate


def items(text: str) -> list[str]:
    ctx = annotate(make_document(Article(text, "x")), use_ner=False)
    sent = ctx.sentences[0]
    return listed_items(ctx, sent, [m for m in sent.matches if m.kind == "system"])


@pytest.mark.parametrize("text, expected", [
    # a model the lexicon does not know, named with its kind; what an item is for stays with it
    ("The package includes Tridon Mk2 mobile anti-aircraft guns, ammunition for the CV90s and additional radar "
     "systems.", ["Tridon Mk2 mobile anti-aircraft guns", "ammunition for the CV90s", "radar systems"]),
    # "for" a country is the receiver: the list ends
    ("The package includes radar systems and anti-tank mines for Ukraine and its army.",
     ["radar systems", "anti-tank mines"]),
    ("The aid includes generators for the Ukrainian army.", ["generators"]),
    # a known system is counted apart; "but" ends the list
    ("Washington announced a package for Kyiv, including HIMARS ammunition, 105mm artillery rounds and AIM-9M "
     "missiles for air defense, but officials warned that stocks are low.", ["105mm artillery rounds"]),
    # a number with a comma is one item
    ("The package includes radar systems, over 150,000 drones and anti-tank mines.",
     ["radar systems", "over 150,000 drones", "anti-tank mines"]),
    # the speaker after the list is no item
    ("The package includes radar systems and anti-tank mines, he said.", ["radar systems", "anti-tank mines"]),
    # capitalised words with no kind of materiel are a name or a place, not an item
    ("The talks included Germany, France and the Netherlands.", []),
    ("The delegation included Defence Minister Rustem Umerov.", []),
    ("Росія атакувала, зокрема на Покровському та Запорізькому напрямках.", []),
    # Ukrainian lists, from "зокрема"
    ("Данія передала Україні допомогу, зокрема важкі артилерійські боєприпаси та генератори.",
     ["важкі артилерійські боєприпаси", "генератори"]),
    # no list word: no list
    ("The package of military and humanitarian assistance was approved.", []),
])
def test_listed_items(text, expected):
    assert items(text) == expected
