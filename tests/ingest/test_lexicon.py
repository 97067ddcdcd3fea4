"""The domain lexicon loads, is consistent, and reports a broken file in one line."""

import re
import shutil

import pytest
import yaml

from ddgraph.graph.errors import DDGraphError
from ddgraph.graph.ontology import DATA_DIR, topic_graph, topic_ids
from ddgraph.ingest.lexicon import BODY_KINDS, FILES, Lexicon, Term, load_lexicon
from rdflib.namespace import SKOS


@pytest.fixture(scope="module")
def lex() -> Lexicon:
    return load_lexicon()


def test_loads_with_enough_entries(lex):
    assert len(lex.countries) >= 55
    assert len(lex.places) >= 80
    assert len(lex.organizations) >= 55
    assert len(lex.offices) >= 40
    assert len(lex.ranks) >= 15
    assert len(lex.systems) >= 80
    assert len(lex.topics) == 28


def test_cached(lex):
    assert load_lexicon() is lex
    assert load_lexicon(DATA_DIR) is lex


def test_terms_are_frozen(lex):
    term = lex.get("country", "france")
    with pytest.raises(AttributeError):
        term.en = "x"  # type: ignore[misc]
    with pytest.raises(TypeError):
        lex.countries["x"] = term  # type: ignore[index]


def test_every_term_is_well_formed(lex):
    for term in lex.all_terms():
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", term.id), term
        assert term.kind in FILES
        assert term.en and term.uk, term
        assert term.en_aliases or term.kind != "topic", term


def test_every_reference_resolves(lex):
    for term in lex.all_terms():
        country = term.attr("country")
        if country is not None:
            assert country in lex.countries, term
        for topic in term.attr_all("topics"):
            assert topic in lex.topics, term
    for country in lex.countries.values():
        if country.attr("capital"):
            assert lex.get("place", country.attr("capital")).attr("country") == country.id
    for org in lex.organizations.values():
        if org.attr("parent"):
            assert org.attr("parent") in lex.organizations
    for office in lex.offices.values():
        body = office.attr("org_kind")
        assert body in lex.organizations or body in BODY_KINDS, office


def test_topic_ids_match_topics_ttl(lex):
    assert set(lex.topics) == set(topic_ids())
    graph = topic_graph()
    for topic in lex.topics.values():
        labels = {lit.language: str(lit) for lit in graph.objects(_ddt(topic.id), SKOS.prefLabel)}
        assert labels == {"en": topic.en, "uk": topic.uk}, topic.id


def _ddt(topic_id):
    from ddgraph.graph.ontology import DDT

    return DDT[topic_id]


def test_all_eu_and_nato_members_present(lex):
    members = (
        "albania austria belgium bulgaria canada croatia cyprus czechia denmark estonia finland france "
        "germany greece hungary iceland ireland italy latvia lithuania luxembourg malta montenegro "
        "netherlands north-macedonia norway poland portugal romania slovakia slovenia spain sweden "
        "turkey united-kingdom united-states"
    ).split()
    assert not set(members) - set(lex.countries)


ALIASES = [
    ("en", "US", "country", "united-states"),
    ("en", "U.S.", "country", "united-states"),
    ("en", "America", "country", "united-states"),
    ("en", "Britain", "country", "united-kingdom"),
    ("en", "French", "country", "france"),
    ("en", "Türkiye", "country", "turkey"),
    ("en", "Czech Republic", "country", "czechia"),
    ("uk", "французький", "country", "france"),
    ("uk", "США", "country", "united-states"),
    ("uk", "РФ", "country", "russia"),
    ("en", "Kiev", "place", "kyiv"),
    ("en", "Odessa", "place", "odesa"),
    ("uk", "Курщина", "place", "kursk-region"),
    ("uk", "Харківщина", "place", "kharkiv-region"),
    ("en", "DPA", "organization", "defense-procurement-agency"),
    ("en", "DGA", "organization", "dga"),
    ("en", "Pentagon", "organization", "ministry-of-defence-united-states"),
    ("en", "Ramstein format", "organization", "ukraine-defense-contact-group"),
    ("uk", "Рамштайн", "organization", "ukraine-defense-contact-group"),
    ("uk", "Генштаб ЗСУ", "organization", "general-staff-ukraine"),
    ("uk", "ЗСУ", "organization", "armed-forces-ukraine"),
    ("uk", "Міноборони", "organization", "ministry-of-defence-ukraine"),
    ("en", "defense minister", "office", "minister-of-defence"),
    ("en", "minister of the armed forces", "office", "minister-of-defence"),
    ("en", "secretary of defense", "office", "minister-of-defence"),
    ("uk", "очільник міноборони", "office", "minister-of-defence"),
    ("en", "chief of the main logistics department", "office", "chief-of-the-main-logistics-directorate"),
    ("en", "deputy minister of defense for european integration", "office",
     "deputy-minister-of-defence-for-european-integration"),
    ("uk", "заступник начальника генштабу", "office", "deputy-chief-of-the-general-staff"),
    ("en", "head of the president's office", "office", "head-of-the-office-of-the-president"),
    ("en", "Maj. Gen.", "rank", "major-general"),
    ("uk", "генерал-лейтенант", "rank", "lieutenant-general"),
    ("en", "AMX", "system", "amx-10-rc"),
    ("uk", "Петріот", "system", "patriot"),
    ("en", "SAMP/T", "system", "samp-t"),
    ("en", "joint ventures", "topic", "joint-production"),
    ("en", "co-financing", "topic", "financing"),
    ("en", "operational situation", "topic", "battlefield-situation"),
    ("uk", "засіб ППО", "topic", "air-defense"),
    ("uk", "спільне підприємство", "topic", "joint-production"),
    ("uk", "радіоелектронна боротьба", "topic", "electronic-warfare"),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "alias", "kind", "term_id"), ALIASES)
def test_alias(lex, lang, alias, kind, term_id):
    assert alias in lex.get(kind, term_id).names(lang)


def test_office_patterns_include_canonical_title(lex):
    for office in lex.offices.values():
        assert office.en in office.en_aliases and office.uk in office.uk_aliases


def test_topic_labels_are_not_match_forms(lex):
    missiles = lex.get("topic", "missiles")
    assert "Missiles" not in missiles.names("en") and "missiles" not in missiles.names("en")


@pytest.mark.parametrize("name", ["offices.yaml", "topics.yaml"])
def test_patterns_are_lowercase_except_acronyms(name):
    field = {"offices.yaml": "en_patterns", "topics.yaml": "en_terms"}[name]
    for entry in yaml.safe_load((DATA_DIR / "lexicon" / name).read_text(encoding="utf-8")):
        for pattern in entry[field]:
            for word in re.findall(r"[A-Za-z][\w'&.-]*", pattern):
                assert not (word[0].isupper() and word[1:].islower() and len(word) > 1), (entry["id"], pattern)


def test_country_specific_titles_and_bodies(lex):
    assert lex.office_title("minister-of-defence", "france") == ("Minister of the Armed Forces", "Міністр збройних сил")
    assert lex.office_title("minister-of-defence", "ukraine")[0] == "Minister of Defence"
    assert lex.office_title("chief-of-the-general-staff", "france")[0] == "Chief of the General Staff"
    assert lex.body_for("defence-ministry", "ukraine").id == "ministry-of-defence-ukraine"
    assert lex.body_for("general-staff", "ukraine").id == "general-staff-ukraine"
    assert lex.body_for("defence-ministry", "poland").en == "Ministry of National Defence of Poland"
    assert lex.body_for("dga", None).id == "dga"
    assert lex.body_for("general-staff", "poland") is None


def test_term_attr_helpers():
    term = Term("x", "system", "X", "Х", (), (), (("topics", "drones"), ("topics", "air-defense")))
    assert term.attr("topics") == "drones"
    assert term.attr_all("topics") == ("drones", "air-defense")
    assert term.attr("missing", "d") == "d"


def test_get_unknown_raises(lex):
    with pytest.raises(KeyError):
        lex.get("country", "atlantis")
    with pytest.raises(KeyError):
        lex.get("planet", "mars")


# ---- broken data: one line naming file and entry --------------------------------


def _copy(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR / "lexicon", data / "lexicon")
    return data


def _rewrite(data, name, change):
    path = data / "lexicon" / name
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(entries)
    path.write_text(yaml.safe_dump(entries, allow_unicode=True), encoding="utf-8")


def _error(data) -> str:
    with pytest.raises(DDGraphError) as info:
        load_lexicon(data)
    message = str(info.value)
    assert "\n" not in message
    return message


def test_invalid_yaml(tmp_path):
    data = _copy(tmp_path)
    (data / "lexicon" / "places.yaml").write_text("- {id: paris, en: Paris\n- [", encoding="utf-8")
    message = _error(data)
    assert message.startswith("data/lexicon/places.yaml: invalid YAML at line ")


def test_unknown_country(tmp_path):
    data = _copy(tmp_path)
    _rewrite(data, "places.yaml", lambda es: es[0].update(country="atlantis"))
    assert _error(data) == "data/lexicon/places.yaml: entry tirana: unknown country 'atlantis'"


def test_unknown_national_equivalent(tmp_path):
    data = _copy(tmp_path)
    _rewrite(data, "offices.yaml", lambda es: es[0].update(national_equivalent="chief-of-everything"))
    assert _error(data) == ("data/lexicon/offices.yaml: entry president: "
                            "unknown national_equivalent office 'chief-of-everything'")


def test_duplicate_id(tmp_path):
    data = _copy(tmp_path)
    _rewrite(data, "systems.yaml", lambda es: es.append(dict(es[0])))
    assert _error(data) == "data/lexicon/systems.yaml: entry patriot: duplicate id"


def test_missing_field(tmp_path):
    data = _copy(tmp_path)
    _rewrite(data, "offices.yaml", lambda es: es[0].pop("level"))
    assert _error(data) == "data/lexicon/offices.yaml: entry president: missing field 'level'"


def test_unknown_topic(tmp_path):
    data = _copy(tmp_path)
    _rewrite(data, "systems.yaml", lambda es: es[0].update(topics=["air-defence"]))
    assert _error(data) == "data/lexicon/systems.yaml: entry patriot: unknown topic 'air-defence'"


def test_unknown_field_and_bad_enum(tmp_path):
    data = _copy(tmp_path)
    _rewrite(data, "ranks.yaml", lambda es: es[0].update(en_alias=["x"]))
    assert _error(data).endswith("entry general-of-the-army: unknown field 'en_alias'")
    _rewrite(data, "ranks.yaml", lambda es: es[0].pop("en_alias"))
    _rewrite(data, "organizations.yaml", lambda es: es[0].update(kind="club"))
    assert "organizations.yaml: entry ministry-of-defence-ukraine: kind 'club' is not one of" in _error(data)


def test_missing_id_names_entry_number(tmp_path):
    data = _copy(tmp_path)
    _rewrite(data, "ranks.yaml", lambda es: es[2].pop("id"))
    assert _error(data) == "data/lexicon/ranks.yaml: entry #3: missing field 'id'"


def test_russian_terms_name_lexicon_entries_of_their_kind():
    # data/lexicon/ru_terms.yaml adds Russian phrases to existing entries; a typo'd id would match nothing
    from ddgraph.ingest.extract.match import load_ru_terms
    from ddgraph.ingest.lexicon import load_lexicon

    lex = load_lexicon()
    tables = {"country": lex.countries, "place": lex.places, "organization": lex.organizations,
              "office": lex.offices, "rank": lex.ranks, "system": lex.systems, "topic": lex.topics}
    for kind, terms in load_ru_terms().items():
        assert kind in tables, kind
        for ident, phrases in terms.items():
            assert ident in tables[kind], (kind, ident)
            assert phrases and all(isinstance(p, str) and p.strip() for p in phrases), (kind, ident)


def test_russian_lemma_table_is_one_to_one_lowercase():
    import yaml

    from ddgraph.graph.ontology import DATA_DIR

    with open(DATA_DIR / "lexicon" / "ru_uk.yaml", encoding="utf-8") as fh:
        table = yaml.safe_load(fh)
    assert all(isinstance(k, str) and isinstance(v, str) and k == k.lower() and v == v.lower()
               for k, v in table.items())
    assert table.get("неделя") != "неділя"  # a false friend: the Russian week is no Ukrainian Sunday
