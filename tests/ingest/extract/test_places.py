"""Where a meeting took place: "in" a place, "the Saudi capital", the dateline's city."""

import pytest

from tests.ingest.extract.conftest import meetings


@pytest.mark.parametrize("text, language, expected", [
    # a capital named by its country's adjective
    ("Prince Khalid bin Salman held talks with British Defence Secretary John Healey in the Saudi capital on "
     "Tuesday.", "en", "Riyadh"),
    ("Олександр Сирський провів переговори з адміралом Тоні Радакіним у британській столиці.", "uk", "London"),
    # a bare "in the capital" is the capital of the country the article is about
    ("Ukraine's Defence Minister Rustem Umerov held talks with Ruben Brekelmans in the capital on Monday. "
     "Ukraine and the Netherlands agreed on drones for Ukraine.", "en", "Kyiv"),
    # ... unless the sentence says who came to which country
    ("Міністр оборони Денис Шмигаль у вівторок у столиці обговорив із міністром оборони Норвегії Туре Сандвіком, "
     "який прибув в Україну з візитом, фінансування дронів. Норвегія профінансує радари. Норвегія допоможе.",
     "uk", "Kyiv"),
    # a city after the adjective of its country is the place, not the country
    ("В китайском Циндао министр обороны России Андрей Белоусов провел переговоры с министром обороны Индии "
     "Раджнатом Сингхом.", "ru", "Qingdao"),
    # a meeting told in a "where" clause is held in the place before it, not where the trip went next
    ("U.S. Defense Secretary Pete Hegseth flew into Tokyo from Manila, where on Friday he held talks with "
     "Philippine Defense Secretary Gilberto Teodoro.", "en", "Manila"),
    # the city of a wire dateline, which the cleaner drops from the text
    ("KYIV, Jan 25 (Reuters) - Estonian Defence Minister Hanno Pevkur and his Ukrainian counterpart Rustem "
     "Umerov discussed artillery shells on Thursday.", "en", "Kyiv"),
    ("RIYADH: Saudi Minister of Defense Prince Khalid bin Salman held talks with John Healey.", "en", "Riyadh"),
    ("WARSAW — Polish Defence Minister Władysław Kosiniak-Kamysz held talks with Boris Pistorius in Poland "
     "on Tuesday.", "en", "Warsaw"),
    # the dateline's city refines the country the text names, and never overrides another city
    ("РИГА. 14 травня. ІНТЕРФАКС-УКРАЇНА - Під час візиту до Латвії міністр оборони України Рустем Умєров "
     "обговорив з міністром оборони Латвії Андрісом Спрудсом розвиток коаліції дронів.", "uk", "Riga"),
    # ... after a language switcher that the cleaner also drops before the story
    ("Українською | English\n\nКиев. 21 августа. ИНТЕРФАКС-УКРАИНА - Министр обороны Украины Денис Шмыгаль в "
     "четверг принял министра обороны Швеции Пола Йонсона, прибывшего в Украину с визитом.", "ru", "Kyiv"),
    ("NEW DELHI, Dec 10 (Reuters) - Defence Minister Rajnath Singh held talks with Russian Defence Minister "
     "Andrei Belousov in Moscow.", "en", "Moscow"),
    # a sector of the front is no place of a meeting; the city of the talks is
    ("KIEV, Jan. 21 -- Lithuanian Defence Minister Dovile Sakaliene met with Oleksandr Syrskyi, who briefed her "
     "on the situation in the Pokrovsk and Kurakhove directions.", "en", "Kyiv"),
    ("Олександр Сирський зустрівся з Довіле Шакалене у Києві та розповів про ситуацію на Покровському "
     "напрямку.", "uk", "Kyiv"),
    # a dateline in title case with a date and the agency before the dash
    ("Bucharest, Oct 8 /Agerpres/ - Romanian Defence Minister Ionut Mosteanu hosted a meeting with his "
     "counterpart from Ukraine, Denys Shmyhal, in Romania.", "en", "Bucharest"),
    # "to" a place is where the people met when they travelled there, not where goods go
    ("Defense Minister Koizumi Shinjiro and his Philippine counterpart Gilberto Teodoro agreed to accelerate "
     "talks on exporting used destroyers to Manila at their meeting in the Malaysian capital.", "en",
     "Kuala Lumpur"),
    ("Defense Minister Koizumi Shinjiro held talks with Gilberto Teodoro on the transfer of radars to Manila.",
     "en", None),
    ("US Defense Secretary Lloyd Austin arrived on an unannounced visit to Kyiv, where he held talks with "
     "Rustem Umerov.", "en", "Kyiv"),
    ("As part of the visit of the French Minister of the Armed Forces to Kyiv, Lecornu held talks with "
     "Rustem Umerov.", "en", "Kyiv"),
])
def test_meeting_place(record_of, text, language, expected):
    [meeting] = meetings(record_of(text, published="2025-01-25", language=language))
    assert meeting["location"] == expected


def test_a_phone_call_takes_no_place_from_the_dateline(record_of):
    text = ("KYIV, Jan 25 (Reuters) - Ukrainian Defence Minister Rustem Umerov held a phone call with "
            "Boris Pistorius on Thursday.")
    [meeting] = meetings(record_of(text, published="2025-01-25", language="en"))
    assert meeting["kind"] == "phone" and meeting["location"] is None


@pytest.mark.parametrize("text, expected", [
    ("WASHINGTON (AP) — Defense Secretary Pete Hegseth met his counterpart.", "washington"),
    ("NEW DELHI: Defence Minister Rajnath Singh met his counterpart.", "new-delhi"),
    ("New Delhi [India], October 3 (ANI): Rajnath Singh met his counterpart.", "new-delhi"),
    ("Tokyo, Nov. 2 (Jiji Press)--Defense Minister Shinjiro Koizumi met his counterpart.", "tokyo"),
    ("KHARKIV, March 3 /Ukrinform/. The ministers met.", "kharkiv"),
    ("Kyiv • UNN. The ministers met.", None),  # a site's header: the newsroom, whatever the story
    ("Київ, 3 березня. Міністри зустрілися.", "kyiv"),
    ("Manila (PNA) – The ministers met.", "manila"),
    ("Bucharest, Oct 8 /Agerpres/ - The ministers met.", "bucharest"),
    ("Москва. 10 декабря. INTERFAX.RU - Министры провели встречу.", "moscow"),  # a Russian wire line in title case
    # no dateline: a city the sentence is about, a person before a colon
    ("Kyiv, however, is far from the front.", None),
    ("Umerov: we met our partners.", None),
    ("Kyiv is the capital. The ministers met.", None),
])
def test_dateline_place(text, expected):
    from ddgraph.ingest.document import Article, make_document
    from ddgraph.ingest.extract.context import annotate
    from ddgraph.ingest.extract.places import dateline_place

    assert dateline_place(annotate(make_document(Article(text, "x")), use_ner=False)) == expected


@pytest.mark.parametrize("title, text, expected", [
    # the story's meeting that the text places nowhere is where its headline says
    ("Шмигаль у Празі домовився про нову партію снарядів",
     "Прем'єр-міністр Денис Шмигаль провів зустріч з міністеркою оборони Чехії Яною Черноговою.", "Prague"),
    # a headline of two cities says nothing of one meeting
    ("From Prague to Kyiv: Shmyhal's week",
     "Prime Minister Denys Shmyhal held talks with Czech Defence Minister Jana Cernochova.", None),
    # the text's own place wins over the headline's
    ("Shmyhal in Prague", "Prime Minister Denys Shmyhal held talks with Jana Cernochova in Lviv.", "Lviv"),
    # a call is held nowhere
    ("Shmyhal and Cernochova in Prague", "Denys Shmyhal held a phone call with Jana Cernochova.", None),
])
def test_title_place(title, text, expected):
    from ddgraph.ingest.document import Article, make_document
    from ddgraph.ingest.extract import extract

    doc = make_document(Article(text, "t.txt", title=title, published="2025-10-22"))
    [meeting] = meetings(extract(doc))
    assert meeting["location"] == expected
