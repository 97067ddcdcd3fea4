"""Russian-language text: names in their cases, titles, meetings, dates and aid.

Russian words are matched against the Cyrillic lexicon through their lemmas
(``data/lexicon/ru_uk.yaml``), so these cases check the whole path, not one table.
"""

import pytest

from ddgraph.graph.translit import phonetic_key
from ddgraph.ingest.extract.tokens import term_keys_ru, tokenize
from ddgraph.ingest.language import detect_language
from tests.ingest.extract.conftest import meetings, persons


@pytest.mark.parametrize("text, expected", [
    ("Министр обороны Германии Борис Писториус прибыл в Киев.",
     {"Борис Писториус": ([("Federal Minister of Defence", "Germany")], None)}),
    ("Премьер-министр Украины Денис Шмыгаль выступил в Раде.",
     {"Денис Шмыгаль": ([("Prime Minister", "Ukraine")], None)}),
    # a title with a word that does not map word for word ("глава Пентагона")
    ("Умеров провел переговоры с главой Пентагона Питом Хегсетом.",
     {"Пит Хегсет": ([("Secretary of Defense", "United States")], None)}),
    # an inflected surname the dictionary does not know is still read as a name
    ("Министр обороны Латвии Андрис Спрудс провел телефонный разговор с Умеровым.",
     {"Андрис Спрудс": ([("Minister of Defence", "Latvia")], None)}),
    # a rank between the title and the name
    ("Министр обороны Белоруссии генерал-лейтенант Виктор Хренин встретился с коллегой.",
     {"Виктор Хренин": ([("Minister of Defence", "Belarus")], "Lieutenant General")}),
    # a title in the genitive that the one before governs is not the name's: its case says whose it is
    ("Шойгу провел разговор с советником по национальной безопасности премьер-министра Индии Аджитом Довалом.",
     {"Аджит Довал": ([("National Security Adviser", "India")], None)}),
    ("Советник по национальной безопасности премьер-министра Индии Аджит Довал прибыл в Москву.",
     {"Аджит Довал": ([("National Security Adviser", "India")], None)}),
    # a noun before the title governs it ("the president's aide"): the aide holds no presidency, but his own office
    ("Российскую делегацию возглавил помощник президента РФ Владимир Мединский.",
     {"Владимир Мединский": ([("Aide to the President", "Russia")], None)}),
    # a word of a listed official's name is a name word, though a dictionary reads "Чен" as a place
    ("Ким Чен Ын в пятницу принял в Пхеньяне министра обороны России Андрея Белоусова.",
     {"Ким Чен Ын": ([], None), "Андрей Белоусов": ([("Minister of Defence", "Russia")], None)}),
    # a listed official named in the genitive keeps his own country for the title the text gives him
    ("Путин посетит Индию по приглашению премьер-министра Нарендры Моди.",
     {"Нарендры Моди": ([("Prime Minister", "India")], None)}),
    ("Пресс-секретарь президента РФ Дмитрий Песков заявил об этом журналистам.",
     {"Дмитрий Песков": ([("Press Secretary of the President", "Russia")], None)}),
    # ... but a title in the genitive that the name shares is the name's
    ("Визит президента Украины Владимира Зеленского в Анкару начался.",
     {"Владимир Зеленский": ([("President", "Ukraine")], None)}),
])
def test_russian_persons_and_roles(record_of, text, expected):
    assert persons(record_of(text, "2025-02-13")) == expected


@pytest.mark.parametrize("text, expected", [
    # a surname in the instrumental, then another person's surname in the nominative: two people
    ("Андрис Спрудс позвонил Рустему Умерову. В разговоре с Умеровым Спрудс также коснулся встречи НАТО.",
     {"Андрис Спрудс", "Рустем Умеров"}),
    # a man's first name in the nominative says nothing of his surname's case (a Chinese family name first);
    # a woman's keeps her surname's -а
    ("Андрей Белоусов встретился с министром обороны Китая Дун Цзюнем. Мария Захарова и Джон Хили промолчали.",
     {"Андрей Белоусов", "Дун Цзюнь", "Мария Захарова", "Джон Хили"}),
    # ... and a known first name in the nominative after an oblique surname starts another person
    ("По итогам встречи с Борисом Писториусом Денис Шмыгаль заявил о поставках ПВО.",
     {"Борис Писториус", "Денис Шмыгаль"}),
    # a first name and surname declined together are one person, in the nominative
    ("Денис Шмыгаль встретился с Борисом Писториусом и Александром Сырским.",
     {"Денис Шмыгаль", "Борис Писториус", "Александр Сырский"}),
])
def test_russian_name_boundaries(record_of, text, expected):
    assert set(persons(record_of(text, "2025-02-13"))) == expected


@pytest.mark.parametrize("text, published, expected", [
    # an in-person meeting told with "провел переговоры", on a weekday, in a city
    ("Премьер-министр Украины Денис Шмыгаль во вторник провел переговоры с министром обороны Германии "
     "Борисом Писториусом в Берлине. Стороны обсудили усиление противовоздушной обороны и совместное "
     "производство вооружения.", "2025-03-14",
     [{"participants": ["Борис Писториус", "Денис Шмыгаль"], "kind": "in-person", "status": "happened",
       "location": "Berlin", "date": "2025-03-11", "topics": {"air-defense", "joint-production"}}]),
    # a phone call is held nowhere, whatever city the text names near it
    ("Министр обороны Латвии Андрис Спрудс и министр обороны Украины Рустем Умеров вчера провели "
     "телефонный разговор. Спрудс рассказал о ситуации в Покровске.", "2024-10-17",
     [{"participants": ["Андрис Спрудс", "Рустем Умеров"], "kind": "phone", "status": "happened",
       "location": None, "date": "2024-10-16", "topics": set()}]),
    # "накануне" as an adverb is the day before publication
    ("Министр обороны РФ Андрей Белоусов накануне провел в Минске переговоры с министром обороны "
     "Белоруссии Виктором Хрениным.", "2024-11-20",
     [{"participants": ["Андрей Белоусов", "Виктор Хренин"], "kind": "in-person", "status": "happened",
       "location": "Minsk", "date": "2024-11-19", "topics": set()}]),
    # an agreed next call is planned, not a second report of the call
    ("Александр Сырский провел переговоры в режиме видеоконференции с генералом Чарльзом Брауном. "
     "Стороны договорились провести следующий разговор после встречи Контактной группы по вопросам "
     "обороны Украины.", "2024-11-15",
     [{"participants": ["Александр Сырский", "Чарльз Браун"], "kind": "video", "status": "happened",
       "location": None, "date": None, "topics": set()},
      {"participants": ["Ukraine Defense Contact Group", "Александр Сырский", "Чарльз Браун"], "kind": "multilateral",
       "status": "planned", "location": None, "date": None, "topics": set()}]),
    # a talk held ("провел беседу", "пообщался") is a meeting; views exchanged are a discussion
    ("Рустем Умеров провел беседу с Ханно Певкуром.", "2025-03-26",
     [{"participants": ["Рустем Умеров", "Ханно Певкур"], "kind": "in-person", "status": "happened",
       "location": None, "date": None, "topics": set()}]),
    ("Сергей Шойгу и Аджит Довал обменялись мнениями о ситуации.", "2025-03-26",
     [{"participants": ["Аджит Довал", "Сергей Шойгу"], "kind": "in-person", "status": "happened",
       "location": None, "date": None, "topics": set()}]),
])
def test_russian_meetings(record_of, text, published, expected):
    assert meetings(record_of(text, published)) == expected


def test_one_actor_two_calls_in_sequence_same_day(record_of):
    text = ("Министр обороны Украины Рустем Умеров во вторник провел переговоры с министром обороны США Питом "
            "Хегсетом в Брюсселе.\n\nНапомним, в тот же день президент США Дональд Трамп провел телефонный "
            "разговор с Владимиром Путиным, а затем с Владимиром Зеленским.")
    got = [(m["participants"], m["kind"], m["date"]) for m in meetings(record_of(text, "2025-02-13"))]
    assert got == [(["Пит Хегсет", "Рустем Умеров"], "in-person", "2025-02-11"),
                   (["Владимир Путин", "Дональд Трамп"], "phone", "2025-02-11"),
                   (["Владимир Зеленский", "Дональд Трамп"], "phone", "2025-02-11")]


def test_russian_money_aid(record_of):
    rec = record_of("Латвия выделит Украине пакет помощи на сумму 112 млн евро в следующем году.", "2024-10-17")
    aid = [ev for ev in rec.events if ev.kind == "aid"]
    assert [(ev.subtype, ev.provider, ev.recipient, ev.item_descriptions) for ev in aid] == [
        ("pledged", "country:latvia", "country:ukraine", ("aid package worth EUR 112 million",))]


def test_russian_share_of_gdp_is_money_aid(record_of):
    rec = record_of("Латвия ежегодно направляет на военную помощь Украине 0,25% своего ВВП.", "2024-10-17")
    aid = [(ev.provider, ev.recipient, ev.item_descriptions) for ev in rec.events if ev.kind == "aid"]
    assert aid == [("country:latvia", "country:ukraine", ("military aid worth 0.25% of GDP",))]


def test_russian_wire_dateline_is_not_body_text(record_of):
    rec = record_of("МИНСК, 20 ноября. /ТАСС/. Министр обороны РФ Андрей Белоусов провел переговоры "
                    "в Минске.", "2024-11-20")
    assert not rec.title or "ТАСС" not in rec.title
    assert "ТАСС" not in " ".join(e.name for e in rec.entities)


@pytest.mark.parametrize("text, expected", [
    ("Министр обороны Германии встретился с коллегой.", "ru"),
    ("Міністр оборони Німеччини зустрівся з колегою.", "uk"),
])
def test_russian_is_told_from_ukrainian(text, expected):
    assert detect_language(text) == expected


@pytest.mark.parametrize("russian, other", [
    ("Шмыгаль", "Шмигаль"), ("Шмыгаль", "Shmyhal"), ("Шмыгаль", "Shmygal"), ("Сырский", "Syrskyi"),
    ("Умеров", "Umerov"), ("Браун", "Brown"),
])
def test_russian_spellings_key_like_ukrainian_and_latin(russian, other):
    assert phonetic_key(russian) == phonetic_key(other)


@pytest.mark.parametrize("text, expected", [
    ("совместного производства", ["спільний", "виробництво"]),  # a Russian lemma mapped to the Ukrainian one
    ("противовоздушной обороны", ["протиповітряний", "оборона"]),
    ("встретился", ["зустрітися"]),
])
def test_russian_words_normalise_to_ukrainian_lemmas(text, expected):
    assert [t.norm for t in tokenize(text, "ru")] == expected


def test_russian_term_keys_cover_each_reading():
    assert ("филиппины",) in term_keys_ru("Филиппины")


def test_russian_money_set_aside_for_a_purchase_is_a_pledge_and_a_sum_is_no_city(record_of):
    rec = record_of("Министр обороны Великобритании Джон Хили встретился с Рустемом Умеровым в Брюсселе. "
                    "Великобритания объявила, что выделит пакет помощи на сумму 150 млн фунтов стерлингов на "
                    "закупку дронов для Украины.", "2025-06-05")
    aid = [(ev.subtype, ev.provider, ev.recipient, ev.item_descriptions) for ev in rec.events if ev.kind == "aid"]
    assert aid == [("pledged", "country:united-kingdom", "country:ukraine", ("aid package worth GBP 150 million",))]
    assert all(rec.entity(ev.location).name == "Brussels" for ev in rec.events if ev.kind == "meeting")
    talk = record_of("Министр обороны Великобритании Джон Хили и министр обороны Украины Рустем Умеров обсудили "
                     "пакет помощи на сумму 150 млн фунтов стерлингов.", "2025-06-05")
    assert [ev.location for ev in talk.events if ev.kind == "meeting"] == [None]  # "на сумму": no Sumy
