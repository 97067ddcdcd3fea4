"""Name forms of official English across articles: titles, initials, middle initials,
generational suffixes and Arabic names in name splitting, lookup keys and person clustering."""

from __future__ import annotations

import pytest

from ddgraph.graph.namekeys import name_keys
from ddgraph.graph.names import first_name_relation, name_suffix, split_name
from ddgraph.graph.resolve import resolve
from tests.graph.test_resolve import P, rec


@pytest.mark.parametrize("name, expected", [
    ("Charles Q. Brown Jr.", ("Charles", "Brown")),          # the suffix is no surname
    ("Gen. C. Q. Brown Jr.", ("C", "Brown")),
    ("Prince Khalid bin Salman", ("Khalid", "bin Salman")),  # the title is no first name
    ("Mr. R. Umerov", ("R", "Umerov")),
    ("Чарльз К. Браун-молодший", ("Чарльз", "Браун")),
    ("Jr.", (None, "")),                                     # a suffix alone is no name
    # Korean and Chinese names come family name first
    ("Dr Ng Eng Hen", ("Eng Hen", "Ng")),
    ("Shin Won-sik", ("Won-sik", "Shin")),
    ("Wang Yi", ("Yi", "Wang")),
    ("Но Гван Чхол", ("Гван Чхол", "Но")),
    ("Kim Darroch", ("Kim", "Darroch")),                     # a long given name: Western order
    ("Ng", (None, "Ng")),
])  # fmt: skip
def test_split_name_leaves_titles_and_suffixes_out(name, expected):
    assert split_name(name) == expected


@pytest.mark.parametrize("name, expected", [
    ("Charles Q. Brown Jr.", "jr"), ("Charles Brown Sr", "sr"), ("Charles III", "iii"),
    ("Чарльз Браун-молодший", "jr"), ("Lloyd J. Austin", ""),
])  # fmt: skip
def test_name_suffix(name, expected):
    assert name_suffix(name) == expected


@pytest.mark.parametrize("initial, same_letter, other_letter", [
    ("C.", "Charles", "Kyrylo"),     # written with one letter, read with another (c / ch, c / k)
    ("C. Q.", "Charles", "Kyrylo"),  # two initials
    ("C.Q.", "Charles", "Kyrylo"),
])  # fmt: skip
def test_initials_against_first_names(initial, same_letter, other_letter):
    assert first_name_relation(initial, same_letter) == "unknown"
    assert first_name_relation(initial, other_letter) == "different"


@pytest.mark.parametrize("label, forms, present, absent", [
    ("Lloyd J. Austin", [], {"1|lloyd austin", "1|austin"}, {"1|j austin"}),
    ("Charles Q. Brown Jr.", ["Чарльз К. Браун-молодший"], {"1|charles brown", "1|brown", "1|чарльз браун"},
     {"1|jr", "1|q brown jr", "1|молодшии"}),
])  # fmt: skip
def test_person_keys_without_middle_initials_or_suffix(label, forms, present, absent):
    keys = name_keys(label, forms, person=True)
    assert present <= keys and not absent & keys


UMEROV_MOD = {"office": "defence-minister", "country": "ukraine"}
UMEROV_PM = {"office": "prime-minister", "country": "ukraine"}


@pytest.mark.parametrize("persons, together, apart", [
    # a suffix is no merge key: the same person with and without it
    ([P("p1", "Charles Q. Brown Jr."), P("p1", "Charles Q. Brown")], [(0, 1)], []),
    ([P("p1", "Charles Q. Brown Jr."), P("p1", "Charles Brown"), P("p1", "C. Q. Brown Jr.")], [(0, 1), (0, 2)], []),
    # different suffixes are different persons; the name without one may be either
    ([P("p1", "Charles Brown Jr."), P("p1", "Charles Brown Sr."), P("p1", "Charles Brown"), P("p1", "Charles Q. Brown"),
      P("p1", "C. Q. Brown Jr.")], [(0, 4)], [(0, 1), (0, 2), (1, 2), (1, 3)]),
    # an initial is the full name with its letter, never one with another letter
    ([P("p1", "Charles Brown"), P("p1", "C. Brown"), P("p1", "K. Brown")], [(0, 1)], [(0, 2)]),
    # ... even when the full name's person also held another office
    ([P("p1", "Rustem Umerov", **UMEROV_MOD), P("p1", "Rustem Umerov", **UMEROV_PM), P("p1", "R. Umerov", **UMEROV_MOD)],
     [(0, 1), (0, 2)], []),
    # a title is no part of the name; a nasab tells three persons apart
    ([P("p1", "Prince Khalid bin Salman"), P("p1", "Khalid bin Salman"), P("p1", "Khalid bin Bandar"),
      P("p1", "Mohammed bin Salman")], [(0, 1)], [(0, 2), (0, 3), (2, 3)]),
])  # fmt: skip
def test_name_forms_across_articles(persons, together, apart):
    records = [rec(f"a{i}", [p], lang="uk" if any("\u0400" <= c <= "\u04ff" for c in p.name) else "en")
               for i, p in enumerate(persons)]
    res = resolve(records)
    iri = [res.iri[(r.article_id, "p1")] for r in records]
    assert all(iri[a] == iri[b] for a, b in together)
    assert all(iri[a] != iri[b] for a, b in apart)


@pytest.mark.parametrize("one, other", [
    ("Shin Won-sik", "Shin Won Sik"),       # a Korean given name with and without its hyphen
    ("No Kwang Chol", "Но Гван Чхол"),      # across scripts, the family name first in both
    ("Ng Eng Hen", "Ng"),                   # the family name alone
])  # fmt: skip
def test_family_first_names_resolve_to_one_person(one, other):
    res = resolve([rec("a", [P("p1", one, office="defence-minister", country="south-korea")]),
                   rec("b", [P("p1", other, office="defence-minister", country="south-korea")],
                       lang="ru" if other[0] > "z" else "en")])
    assert res.iri[("a", "p1")] == res.iri[("b", "p1")]


@pytest.mark.parametrize("one, other", [
    ("John Healey", "Джон Гілі"),     # a listed official spelled as heard: the keys of his English name
    ("Kim Jong Un", "Ким Чен Ын"),    # and three words
])  # fmt: skip
def test_listed_officials_resolve_across_scripts(one, other):
    res = resolve([rec("a", [P("p1", one)]), rec("b", [P("p1", other)], lang="uk")])
    assert res.iri[("a", "p1")] == res.iri[("b", "p1")]
