"""Lexicon term matching: the walk along term prefixes finds what trying every length would."""

import pytest

import ddgraph.ingest.extract.match as match
from ddgraph.ingest.extract.match import find_terms
from ddgraph.ingest.extract.tokens import tokenize


class _EveryKey:
    """A prefix set that holds every key: the walk then tries every length at every token."""

    def __contains__(self, key) -> bool:
        return True


@pytest.mark.parametrize(("text", "language"), [
    ("Defence Minister Rustem Umerov discussed air defense and the joint production of weapons with Germany.", "en"),
    ("The Minister of Defence of Estonia Hanno Pevkur and the chief of Poland's general staff spoke.", "en"),
    ("Patriot, IRIS-T and NASAMS systems, F-16 pilot training and demining were on the agenda.", "en"),
    ("Міністр оборони України Рустем Умєров обговорив з Пісторіусом посилення ППО та спільне виробництво.", "uk"),
    ("Министр обороны Украины Денис Шмыгаль обсудил с коллегой поставки систем ПВО.", "ru"),
])
def test_find_terms_equals_trying_every_length(monkeypatch, text, language):
    tokens = tokenize(text, language)
    walked = find_terms(tokens, language)
    monkeypatch.setattr(match, "_prefixes", lambda language: _EveryKey())
    assert walked == find_terms(tokens, language)
    assert len({m.kind for m in walked}) >= 2, walked  # the texts do hold terms of several kinds


@pytest.mark.parametrize(("text", "language", "topics"), [
    ("They discussed the prospects for a peaceful settlement of the conflict.", "en", ["peace-negotiations"]),
    ("Стороны обменялись мнениями о перспективах мирного урегулирования.", "ru", ["peace-negotiations"]),
    ("Сторони обговорили перспективи мирного врегулювання.", "uk", ["peace-negotiations"]),
    ("Umerov thanked France for its support and joint work to bring a just peace closer.", "en", []),
    ("Особливу увагу приділили підготовці українських пілотів.", "uk", ["training"]),
    ("They focused on the security of maritime navigation in the Red Sea.", "en", ["maritime-security"]),
    ("They reaffirmed the ironclad commitment to the 1951 Mutual Defense Treaty.", "en", ["security-guarantees"]),
    ("Teodoro thanked the US for the Foreign Military Financing.", "en", ["military-aid"]),
    ("The joint military exercise will involve 17,000 troops.", "en", ["training"]),
    # counter-drone means are air defence and drones both
    ("They also discussed counter-drone capabilities.", "en", ["air-defense", "drones"]),
    ("Говорили про засоби протидії ударним дронам.", "uk", ["air-defense", "drones"]),
    ("Йшлося про удари по військових об'єктах у глибині території росії.", "uk", ["long-range-strike"]),
    # a mutual-defence promise is a security guarantee
    ("They reaffirmed Washington's commitment to provide extended deterrence.", "en", ["security-guarantees"]),
    ("The treaty includes provisions on mutual assistance in the event of aggression.", "en", ["security-guarantees"]),
    ("Министры обсудили положения о взаимной военной помощи.", "ru", ["security-guarantees"]),
    ("Обговорили підготовку угоди про співробітництво у сфері безпеки.", "uk", ["security-guarantees"]),
    # making it in the other country, under licence or together, is joint production
    ("They discussed localizing the production of unmanned aerial vehicles in the Kingdom.", "en",
     ["drones", "joint-production"]),
    ("A Ukrainian manufacturer will licence its design to a British firm.", "en", ["joint-production"]),
    ("Говорили о лицензионном производстве бронетехники.", "ru", ["armored-vehicles", "joint-production"]),
    # paying for it is financing
    ("Pevkur said Estonia would pay for mobile generators.", "en", ["financing"]),
    ("Stockholm has earmarked 1 billion kronor to finance the production of drones.", "en",
     ["defense-industry", "drones", "financing"]),
    # buying and contracts are procurement in every language
    ("The letter of intent covers the acquisition of 50 Leopard 2A8 main battle tanks.", "en",
     ["armored-vehicles", "procurement"]),
    ("A third of that sum will go toward buying artillery rounds.", "en", ["ammunition", "procurement"]),
    ("Стороны обсудили ход выполнения действующих контрактов.", "ru", ["procurement"]),
    ("Йшлося про придбання двох систем Patriot.", "uk", ["procurement"]),
])
def test_topic_terms_in_each_language(text, language, topics):
    assert sorted({m.id for m in find_terms(tokenize(text, language), language) if m.kind == "topic"}) == topics


@pytest.mark.parametrize(("text", "language"), [
    # "і", "та", "й" (and Russian "и") are one conjunction: a title written with one matches text with another
    ("Еврокомиссар по вопросам обороны и космоса Андрюс Кубилюс прибыл в Киев.", "ru"),
    ("Єврокомісар з питань оборони і космосу Андрюс Кубілюс прибув до Києва.", "uk"),
    ("Єврокомісар з питань оборони та космосу Андрюс Кубілюс прибув до Києва.", "uk"),
])
def test_conjunctions_are_one_word(text, language):
    offices = {m.id for m in find_terms(tokenize(text, language), language) if m.kind == "office"}
    assert "european-commissioner-for-defence" in offices, offices


@pytest.mark.parametrize(("text", "systems"), [
    # a variant of a system the lexicon knows is that system (the form as written stays a label)
    ("Norway delivered M109A3GN howitzers and F-16AM jets.", ["m109", "f-16"]),
    # a digit after the base model makes another model
    ("The M1131 vehicles arrived.", []),
])
def test_system_variants(text, systems):
    from ddgraph.ingest.extract.match import find_terms
    from ddgraph.ingest.extract.tokens import tokenize

    assert [m.id for m in find_terms(tokenize(text, "en"), "en", {"system"})] == systems
