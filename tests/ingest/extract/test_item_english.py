"""English for Ukrainian and Russian aid item descriptions (ingest.extract.item_english)."""

import pytest

from ddgraph.ingest.extract.item_english import english_item


@pytest.mark.parametrize("text, language, expected", [
    # adjectives in order, then the head noun
    ("важкі артилерійські боєприпаси", "uk", "heavy artillery ammunition"),
    ("протитанкові комплекси", "uk", "anti-tank systems"),
    # what depends on the head comes before it in English
    ("засоби протиповітряної оборони", "uk", "air defence equipment"),
    ("системи ППО", "uk", "air defence systems"),
    ("артилерійських снарядів калібру 155 мм", "uk", "artillery 155 mm shells"),
    # a quantity is no head
    ("90 тисяч дронів", "uk", "90 thousand drones"),
    ("1,5 мільйона снарядів", "uk", "1.5 million shells"),
    ("понад 150 тисяч дронів", "uk", "over 150 thousand drones"),
    ("сотні тисяч протитанкових мін", "uk", "hundreds of thousands anti-tank mines"),
    # Russian, through the Ukrainian lemmas the tokenizer gives and the Russian ones it keeps
    ("артиллерийские боеприпасы", "ru", "artillery ammunition"),
    ("средства связи", "ru", "communications equipment"),
    # a Latin model name stays as written
    ("гаубиці M109", "uk", "M109 howitzers"),
    # a word the glossary lacks: nothing is guessed
    ("засоби, які ми отримали від партнерів", "uk", None),
    ("кошти на відновлення енергетики", "uk", None),
    # not Cyrillic, or English: nothing to translate
    ("radar systems", "uk", None),
    ("снаряди", "en", None),
])
def test_english_item(text, language, expected):
    assert english_item(text, language) == expected
