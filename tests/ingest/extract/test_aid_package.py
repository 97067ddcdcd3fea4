"""Aid told in two sentences: a package named in one, its contents listed in the next."""

import pytest

from ddgraph.ingest.extract.context import SentenceView
from ddgraph.ingest.extract.tokens import tokenize

from .test_aid import aid


@pytest.mark.parametrize("text, expected", [
    # the package's owner gives, to the country it is for; a package being prepared is a pledge
    ("Kosiniak-Kamysz confirmed that Poland is preparing its 48th military aid package for Ukraine. "
     "It will include 155 mm shells and Piorun man-portable air defence systems.",
     [("Poland", "Ukraine", ["Piorun"], ["155 mm shells"], "pledged")]),
    # a possessive owns the package; with no receiver named, the article's other country receives
    ("Healey met Ukraine's Defence Minister Rustem Umerov in Brussels. Healey said Britain's new package is worth "
     "450 million pounds. The package includes radar systems, anti-tank mines and repairs to military vehicles.",
     [("United Kingdom", "Ukraine", [], ["radar systems", "anti-tank mines", "repairs to military vehicles"], "pledged")]),
    # the package of the sentence before has its aid: the contents take its giver, receiver and status
    ("Norway has delivered a package of NASAMS launchers to Ukraine. The package also includes IRIS-T systems.",
     [("Norway", "Ukraine", ["NASAMS"], [], "delivered"), ("Norway", "Ukraine", ["IRIS-T"], [], "delivered")]),
    # else the status of that sentence's verb: a package delivered
    ("Norway has delivered a new aid package to Ukraine. It includes NASAMS launchers.",
     [("Norway", "Ukraine", ["NASAMS"], [], "delivered")]),
    # no package before, or nobody's package: nothing is given
    ("The talks went well. The package includes radar systems.", []),
    ("A package was discussed in Brussels. It includes radar systems.", []),
    # a list that is no package's contents
    ("Ukraine's Defence Minister Rustem Umerov met Healey. The agenda included air defence systems.", []),
])
def test_package_contents(record_of, text, expected):
    assert aid(record_of(text, language="en")) == expected


@pytest.mark.parametrize("text, language, expected", [
    # "До нього увійдуть" / "В него войдут": what the package holds, in English where the glossary knows it
    ("Уряд Фінляндії затвердив черговий пакет військової допомоги Україні на суму близько 190 млн євро. "
     "До нього увійдуть засоби протиповітряної оборони та важкі артилерійські боєприпаси.", "uk",
     [("Finland", "Ukraine", [], ["air defence equipment", "heavy artillery ammunition"], "pledged")]),
    ("Швеция готовит 20-й пакет военной помощи Украине. В него войдут артиллерийские боеприпасы и средства связи.",
     "ru", [("Sweden", "Ukraine", [], ["artillery ammunition", "communications equipment"], "pledged")]),
])
def test_package_contents_cyrillic(record_of, text, language, expected):
    assert aid(record_of(text, language=language)) == expected


@pytest.mark.parametrize("text, expected", [
    ("The package includes radar systems.", 2),
    ("It will also include mines.", 3),
    ("The new military aid package would include shells.", 6),
    ("Talks included drones.", None),
    ("Germany's package includes drones.", None),
    ("Radar systems are included.", None),
])
def test_contents_verb(text, expected):
    from ddgraph.ingest.extract.aid_package import contents_verb

    assert contents_verb(SentenceView(0, 0, len(text), tokenize(text, "en"), [])) == expected
