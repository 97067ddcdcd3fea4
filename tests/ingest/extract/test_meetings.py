"""Meetings: participants, kind, factuality, place, date and topics."""

import pytest

from tests.ingest.extract.conftest import meetings


@pytest.mark.parametrize("text, published, expected", [
    # an in-person meeting with a place and topics
    ("Ukraine's Defense Minister Rustem Umerov met with his French counterpart Sébastien Lecornu in Paris. "
     "They discussed air defense and joint ventures.", "2024-09-02",
     [{"participants": ["Rustem Umerov", "Sébastien Lecornu"], "kind": "in-person", "status": "happened",
       "location": "Paris", "date": None, "topics": {"air-defense", "joint-production"}}]),
    # a phone call on a weekday, resolved against the publication date (a Wednesday)
    ("Defense Minister Rustem Umerov had a phone call with Boris Pistorius on Tuesday. "
     "They discussed ammunition.", "2025-03-26",
     [{"participants": ["Boris Pistorius", "Rustem Umerov"], "kind": "phone", "status": "happened",
       "location": None, "date": "2025-03-25", "topics": {"ammunition"}}]),
    # a weekday without "on", in wire style ("agreed Saturday"), is a date too
    ("Defense Minister Koizumi Shinjiro and Gilberto Teodoro held talks Saturday on radars.", "2025-11-01",
     [{"participants": ["Gilberto Teodoro", "Shinjiro Koizumi"], "kind": "in-person", "status": "happened",
       "location": None, "date": "2025-11-01", "topics": set()}]),
    # a telephonic conversation, in Indian official English
    ("Shri Rajnath Singh held a telephonic conversation with Mr Pete Hegseth on Tuesday.", "2025-07-02",
     [{"participants": ["Pete Hegseth", "Rajnath Singh"], "kind": "phone", "status": "happened",
       "location": None, "date": "2025-07-01", "topics": set()}]),
    # views exchanged by two named persons are a meeting too
    ("Defense Minister Rustem Umerov and Hanno Pevkur exchanged views on air defense.", "2025-03-26",
     [{"participants": ["Hanno Pevkur", "Rustem Umerov"], "kind": "in-person", "status": "happened",
       "location": None, "date": None, "topics": {"air-defense"}}]),
    ("Міністр оборони Рустем Умєров провів розмову з Ганно Певкуром.", "2025-03-26",
     [{"participants": ["Ганно Певкур", "Рустем Умєров"], "kind": "in-person", "status": "happened",
       "location": None, "date": None, "topics": set()}]),
    # a planned meeting is kept apart from meetings that happened
    ("Rustem Umerov will meet Boris Pistorius next week to discuss drones.", "2025-03-26",
     [{"participants": ["Boris Pistorius", "Rustem Umerov"], "kind": "in-person", "status": "planned",
       "location": None, "date": None, "topics": {"drones"}}]),
    # a denial
    ("The ministry denied reports that Rustem Umerov met Sergei Shoigu in Istanbul.", "2024-03-27",
     [{"participants": ["Rustem Umerov", "Sergei Shoigu"], "kind": "in-person", "status": "denied",
       "location": "Istanbul", "date": None, "topics": set()}]),
    # a body instead of a person
    ("Defense Minister Rustem Umerov held meetings in Berlin with representatives of German defense "
     "companies. The focus was on localization of production.", "2025-01-10",
     [{"participants": ["German defense companies", "Rustem Umerov"], "kind": "in-person",
       "status": "happened", "location": "Berlin", "date": None,
       "topics": {"joint-production", "defense-industry"}}]),
    # a multilateral format
    ("Rustem Umerov took part in a meeting with EU defense ministers. They discussed air defense.", None,
     [{"participants": ["EU defense ministers", "Rustem Umerov"], "kind": "multilateral",
       "status": "happened", "location": None, "date": None, "topics": {"air-defense"}}]),
    # Ukrainian, with inflected names and a place in the locative
    ("Міністр оборони України Рустем Умєров провів переговори з Борисом Пісторіусом у Берліні. "
     "Сторони обговорили засоби ППО та спільне виробництво.", "2025-02-01",
     [{"participants": ["Борис Пісторіус", "Рустем Умєров"], "kind": "in-person", "status": "happened",
       "location": "Berlin", "date": None, "topics": {"air-defense", "joint-production"}}]),
    # "the sides discussed X with <bodies>": more of the meeting told, the bodies are no new party
    ("Міністр оборони України Рустем Умєров провів у Києві зустріч з міністром оборони Фінляндії "
     "Антті Гяккяненом. Сторони також обговорили "
     "спільне виробництво боєприпасів фінськими та українськими оборонними підприємствами і фінансування "
     "закупівель зброї в українських виробників.", "2024-03-11",
     [{"participants": ["Антті Гяккянен", "Рустем Умєров"], "kind": "in-person", "status": "happened",
       "location": "Kyiv", "date": None, "topics": {"ammunition", "joint-production", "financing", "procurement",
                                                    "defense-industry"}}]),
    # aid told beside a meeting: a delivery report adds only military aid, talk about it adds its topics
    ("Rustem Umerov met Sébastien Lecornu in Kyiv. France has already provided Ukraine with CAESAR "
     "artillery systems.", "2024-03-11",
     [{"participants": ["Rustem Umerov", "Sébastien Lecornu"], "kind": "in-person", "status": "happened",
       "location": "Kyiv", "date": None, "topics": {"military-aid"}}]),
    ("Rustem Umerov met Sébastien Lecornu in Kyiv. The sides also discussed air defense and the F-16 "
     "jets that France has already provided to Ukraine.", "2024-03-11",
     [{"participants": ["Rustem Umerov", "Sébastien Lecornu"], "kind": "in-person", "status": "happened",
       "location": "Kyiv", "date": None, "topics": {"military-aid", "air-defense", "combat-aircraft"}}]),
    # a recap names someone else: no second meeting
    ("Denys Shmyhal met Ruben Brekelmans in Kyiv. It was their first meeting since Shmyhal took over "
     "the ministry from Rustem Umerov. They discussed drones.", "2025-10-08",
     [{"participants": ["Denys Shmyhal", "Ruben Brekelmans"], "kind": "in-person", "status": "happened",
       "location": "Kyiv", "date": None, "topics": {"drones"}}]),
    # a planned meeting told after the real one; "the talks" later is the real one again
    ("Hanno Pevkur and his Ukrainian counterpart Rustem Umerov discussed shells in Kyiv on Thursday. Pevkur said "
     "he would meet General Valeriy Zaluzhnyi on Friday. The talks came a day after the crash.", "2024-01-25",
     [{"participants": ["Hanno Pevkur", "Rustem Umerov"], "kind": "in-person", "status": "happened",
       "location": "Kyiv", "date": "2024-01-25", "topics": {"ammunition"}},
      {"participants": ["Hanno Pevkur", "Valeriy Zaluzhnyi"], "kind": "in-person", "status": "planned",
       "location": None, "date": "2024-01-26", "topics": set()}]),
    # "the two agreed to continue the talks at ...": a planned meeting of the same two, not more of this one
    ("Denys Shmyhal discussed F-16 training with Theo Francken in Brussels. The two agreed to continue the talks "
     "on the sidelines of the next meeting of the Ukraine Defense Contact Group.", "2025-09-30",
     [{"participants": ["Denys Shmyhal", "Theo Francken"], "kind": "in-person", "status": "happened",
       "location": "Brussels", "date": None, "topics": {"combat-aircraft", "training"}},
      {"participants": ["Denys Shmyhal", "Theo Francken", "Ukraine Defense Contact Group"], "kind": "in-person",
       "status": "planned", "location": "Brussels", "date": None, "topics": set()}]),
    # no meeting at all: one person and no body
    ("Rustem Umerov said that air defense remains a priority.", None, []),
    # "his South Korean counterpart", named only earlier by his office: the one South Korean officer
    ("South Korea's Minister of National Defence Ahn Gyu-baek spoke to reporters. The tour followed talks in Seoul "
     "on Monday, in which Poland's Defence Minister Władysław Kosiniak-Kamysz discussed with his South Korean "
     "counterpart the transfer of technology.", "2025-10-21",
     [{"participants": ["Ahn Gyu-baek", "Władysław Kosiniak-Kamysz"], "kind": "in-person", "status": "happened",
       "location": "Seoul", "date": "2025-10-20", "topics": set()}]),
    # ... and nobody when two persons of that country could be meant
    ("Ahn Gyu-baek, South Korea's Minister of National Defence, and South Korean President Lee Jae-myung spoke. "
     "Władysław Kosiniak-Kamysz discussed tanks with his South Korean counterpart.", "2025-10-21", []),
    # received "is to be", offered to meet: not yet happened
    ("Polish Defence Minister Władysław Kosiniak-Kamysz is to be received by President Lee Jae-myung in Seoul "
     "on Tuesday.", "2025-10-21",
     [{"participants": ["Lee Jae-myung", "Władysław Kosiniak-Kamysz"], "kind": "in-person", "status": "planned",
       "location": "Seoul", "date": "2025-10-28", "topics": set()}]),
])
def test_meetings(record_of, text, published, expected):
    assert meetings(record_of(text, published=published, language="uk" if "Умєров" in text else "en")) == expected


def test_background_paragraph_is_its_own_meeting(record_of):
    text = ("Rustem Umerov met Sébastien Lecornu in Paris. They discussed artillery.\n\n"
            "Recall\n\n"
            "Earlier, Andriy Yermak met American security experts in Washington and discussed drones.")
    found = meetings(record_of(text, language="en"))
    assert [m["participants"] for m in found] == [
        ["Rustem Umerov", "Sébastien Lecornu"], ["American security experts", "Andriy Yermak"]]
    assert found[0]["topics"] == {"artillery"} and found[1]["topics"] == {"drones"}


@pytest.mark.parametrize("text, published, expected", [
    # "The same day, the Norwegian general discussed ... with Y" after a background paragraph: the main
    # story's day, and the general is the Norwegian of the first meeting
    ("Ukraine's Chief of the General Staff Andrii Hnatov held talks with Norway's Chief of Defence General "
     "Eirik Kristoffersen in Kyiv on Wednesday. They discussed artillery.\n\n"
     "Recall, Norway delivered M109 howitzers to Ukraine in 2023.\n\n"
     "The same day, the Norwegian general discussed interceptor drones with the commander of the Unmanned "
     "Systems Forces Major Robert Brovdi.", "2025-09-18",
     [{"participants": ["Andrii Hnatov", "Eirik Kristoffersen"], "date": "2025-09-17"},
      {"participants": ["Eirik Kristoffersen", "Robert Brovdi"], "date": "2025-09-17",
       "topics": {"drones", "air-defense"}}]),
    # "held talks with A and with B": two meetings; "During the meeting with A" goes on with A's
    ("KIEV, Jan. 21 -- Lithuanian Defence Minister Dovile Sakaliene held talks with Ukrainian Prime Minister "
     "Denis Shmygal and with the Commander-in-Chief of the Ukrainian Armed Forces, Alexander Syrsky.\n\n"
     "Later on Monday, the Lithuanian minister met with Syrsky, who briefed her on the front line.\n\n"
     "During the meeting with Shmygal, the two sides discussed the protection of energy infrastructure.\n\n"
     "At the meeting, Sakaliene said Vilnius would pay Ukrainian manufacturers to produce weapons.", "2025-01-21",
     [{"participants": ["Denis Shmygal", "Dovile Sakaliene"], "topics": {"energy-security"}},
      {"participants": ["Alexander Syrsky", "Dovile Sakaliene"], "topics": {"defense-industry"}}]),
    # "The meeting, held ...": the talks just told, whoever else it names; "later joined Z for a working
    # lunch": another meeting, in the same city; "hoped to visit Manila": no place of either
    ("KUALA LUMPUR - Defense Minister Shinjiro Koizumi and his Philippine counterpart Gilberto Teodoro "
     "agreed Saturday to accelerate talks on exporting destroyers to Manila.\n\n"
     "The meeting, held on the sidelines of a gathering of defense chiefs in the Malaysian capital, was "
     "Koizumi's first face-to-face talks with Teodoro since he took office under Prime Minister Sanae Takaichi.\n\n"
     "Shinjiro Koizumi and Gilberto Teodoro later joined Australian Defence Minister Richard Marles for a "
     "working lunch, where the three discussed maritime security.\n\n"
     "Koizumi told reporters that he hoped to visit Manila at an early date.", "2025-11-01",
     [{"participants": ["Gilberto Teodoro", "Shinjiro Koizumi"], "location": "Kuala Lumpur", "date": "2025-11-01"},
      {"participants": ["Gilberto Teodoro", "Richard Marles", "Shinjiro Koizumi"], "location": "Kuala Lumpur"}]),
    # a tour together is a meeting; "The visit followed talks in Seoul on Monday" is an earlier one
    ("Poland's Defence Minister Władysław Kosiniak-Kamysz on Tuesday toured the Hyundai Rotem plant in Changwon "
     "together with South Korea's Minister of National Defence Ahn Gyu-baek.\n\n"
     "The visit followed talks in Seoul on Monday, in which Kosiniak-Kamysz discussed with his South Korean "
     "counterpart the transfer of technology.", "2025-10-21",
     [{"participants": ["Ahn Gyu-baek", "Władysław Kosiniak-Kamysz"], "date": "2025-10-21"},
      {"participants": ["Ahn Gyu-baek", "Władysław Kosiniak-Kamysz"], "date": "2025-10-20", "location": "Seoul"}]),
    # "Pistorius was also received by Zelensky": the trip's day and city, past a meeting told between
    ("German Defence Minister Boris Pistorius held talks with Rustem Umerov in Kyiv on Thursday. "
     "Rustem Umerov later held a meeting with German companies. "
     "Boris Pistorius was also received by President Volodymyr Zelensky.", "2025-06-12",
     [{"participants": ["Boris Pistorius", "Rustem Umerov"]},
      {"participants": ["German companies", "Rustem Umerov"]},
      {"participants": ["Boris Pistorius", "Volodymyr Zelensky"], "location": "Kyiv", "date": "2025-06-12"}]),
    # a working dinner beside a ministerial is a side meeting of its own, on the eve when "the evening before"
    ("BRUSSELS (AP) — Defence ministers met at a meeting of the Ukraine Defense Contact Group on Friday. "
     "British Defence Secretary John Healey and German Defense Minister Boris Pistorius co-chaired it, and "
     "Ukraine's Defense Minister Rustem Umerov attended. "
     "The evening before the meeting, Healey and Pistorius hosted Umerov for a working dinner.", "2025-04-11",
     [{"date": "2025-04-11"},
      {"participants": ["Boris Pistorius", "John Healey", "Rustem Umerov"], "kind": "in-person",
       "date": "2025-04-10"}]),
    # "had previously held talks by phone": an earlier meeting of the same two, told after the story's;
    # "During the talks" after it goes on with the story's meeting
    ("Japan's Defense Minister Gen Nakatani and US Defense Secretary Pete Hegseth held talks at the Defense Ministry "
     "in Tokyo on Sunday. It was their first in-person "
     "meeting. The two ministers had previously held talks by phone in February. During the talks, the ministers "
     "discussed air defense.", "2025-03-30",
     [{"participants": ["Gen Nakatani", "Pete Hegseth"], "kind": "in-person", "date": "2025-03-30",
       "topics": {"air-defense"}},
      {"participants": ["Gen Nakatani", "Pete Hegseth"], "kind": "phone", "date": None, "topics": set()}]),
    # "as previously reported" of the same talks, neither in the past perfect nor of another kind, is no other one
    ("Japan's Defense Minister Gen Nakatani and US Defense Secretary Pete Hegseth held talks in Tokyo on Sunday. "
     "As previously reported, the two ministers held talks "
     "on missiles.", "2025-03-30",
     [{"participants": ["Gen Nakatani", "Pete Hegseth"], "kind": "in-person"}]),
    # a sentence that lists a side's team, or names a member of the delegation, adds to the talks just told;
    # not when the member is only planned to do something
    ("Ukraine's Defence Minister Rustem Umerov held talks with Kremlin aide Vladimir Medinsky in Istanbul on "
     "Monday. Russia's team included Deputy Defence Minister Alexander Fomin and Deputy Foreign Minister Mikhail "
     "Galuzin.", "2025-06-02",
     [{"participants": ["Alexander Fomin", "Mikhail Galuzin", "Rustem Umerov", "Vladimir Medinsky"]}]),
    ("Ukraine's Defence Minister Rustem Umerov held talks with Kremlin aide Vladimir Medinsky in Istanbul on "
     "Monday. Kyiv handed over a list of children, said Sergiy Kyslytsya, Ukraine's first deputy foreign minister "
     "and a member of the delegation.", "2025-06-02",
     [{"participants": ["Rustem Umerov", "Sergiy Kyslytsya", "Vladimir Medinsky"]}]),
    ("Ukraine's Defence Minister Rustem Umerov held talks with Kremlin aide Vladimir Medinsky in Istanbul on "
     "Monday. Sergiy Kyslytsya, a member of the delegation, will travel to Kyiv next week.", "2025-06-02",
     [{"participants": ["Rustem Umerov", "Vladimir Medinsky"]}]),
    # talks of two "on the sidelines of" a ministerial that the story shows to be a meeting of many: the
    # ministerial and the talks, each with the day, place and topics told
    ("Defence Minister Rajnath Singh on Thursday held talks with Andrei Belousov, the defence minister of Russia, on "
     "the sidelines of the Shanghai Cooperation Organisation (SCO) Defence Ministers' Meeting in Qingdao. They "
     "discussed air defence. Pakistan's Defence Minister Khawaja Asif also attended the meeting in Qingdao.",
     "2025-06-27",
     [{"participants": ["Andrei Belousov", "Defence Ministers", "Khawaja Asif", "Rajnath Singh"],
       "kind": "multilateral", "date": "2025-06-26", "location": "Qingdao"},
      {"participants": ["Andrei Belousov", "Rajnath Singh"], "kind": "in-person", "date": "2025-06-26",
       "location": "Qingdao", "topics": {"air-defense"}}]),
    # an invitation accepted is a visit planned, not made
    ("Singapore's Defence Minister Ng Eng Hen hosted his Philippine counterpart Gilberto Teodoro in Singapore on "
     "Thursday. Dr Ng has accepted an invitation from Mr Teodoro to visit Manila later in 2025.", "2025-02-20",
     [{"participants": ["Gilberto Teodoro", "Ng Eng Hen"], "status": "happened", "location": "Singapore"},
      {"participants": ["Gilberto Teodoro", "Ng Eng Hen"], "status": "planned", "location": "Manila"}]),
    # a meeting denied is told with that status; a part not taken is no part
    ("Defense Minister Rustem Umerov did not meet Sergei Shoigu in Istanbul, the ministry said.", "2024-03-27",
     [{"participants": ["Rustem Umerov", "Sergei Shoigu"], "status": "denied"}]),
    # "he" opening a sentence is who opened the sentence before, not the first meeting's first party
    ("Andriy Yermak met Secretary of State Marco Rubio in Jeddah on Tuesday. Volodymyr Zelenskyy did not take part "
     "in Tuesday's talks. On Monday, he was received by Saudi Crown Prince Mohammed bin Salman in Jeddah.",
     "2025-03-11",
     [{"participants": ["Andriy Yermak", "Marco Rubio"], "date": "2025-03-11"},
      {"participants": ["Mohammed bin Salman", "Volodymyr Zelenskyy"], "date": "2025-03-10"}]),
])
def test_meetings_of_an_episode(record_of, text, published, expected):
    # each meeting, in order, with the fields the case is about
    found = meetings(record_of(text, published=published, language="en"))
    assert len(found) == len(expected), found
    assert [{k: m[k] for k in want} for m, want in zip(found, expected)] == expected


@pytest.mark.parametrize("text, expected", [
    # a working lunch is a meeting (Russian: "рабочий обед")
    ("Позже в тот же день еврокомиссар Андрюс Кубилюс провел рабочий обед с министром обороны Денисом Шмыгалем.",
     [("happened", 2)]),
    # a recap of the visit is no more of a meeting still planned
    ("В пятницу еврокомиссара Андрюса Кубилюса должна принять премьер-министр Юлия Свириденко. "
     "Это уже третий визит Кубилюса в Украину.", [("planned", 2)]),
])
def test_russian_meetings(record_of, text, expected):
    found = meetings(record_of(text, published="2025-10-10", language="ru"))
    assert [(m["status"], len(m["participants"])) for m in found] == expected


@pytest.mark.parametrize("text, language", [
    ("ISTANBUL, June 2 (Reuters) - Russian and Ukrainian negotiators held talks in Istanbul on Monday. "
     "At the talks, the Ukrainian delegation was led by Defence Minister Rustem Umerov, the Russian one by Kremlin aide "
     "Vladimir Medinsky.", "en"),
    ("Российская делегация во главе с помощником президента Владимиром Мединским провела переговоры с "
     "украинской стороной, делегацию которой возглавлял министр обороны Украины Рустем Умеров.", "ru"),
])
def test_the_heads_of_delegations_are_the_parties(record_of, text, language):
    found = meetings(record_of(text, published="2025-06-02", language=language))
    assert len(found) == 1 and len(found[0]["participants"]) == 2, found


def test_second_principal_starts_a_second_meeting(record_of):
    text = ("Rustem Umerov met Boris Pistorius in Kyiv on Thursday. They discussed air defense. "
            "The same day, President Volodymyr Zelensky received Pistorius and discussed military aid.")
    found = meetings(record_of(text, published="2025-06-13", language="en"))
    assert [m["participants"] for m in found] == [
        ["Boris Pistorius", "Rustem Umerov"], ["Boris Pistorius", "Volodymyr Zelensky"]]
    assert found[0]["date"] == found[1]["date"] == "2025-06-12"


def test_meeting_during_the_visit_takes_the_trips_day_and_country(record_of):
    text = ("Defense Minister Rustem Umerov held talks in Paris with representatives of French defense companies "
            "on Wednesday.\n\nAs reported, during the visit, Umerov had already discussed military aid with "
            "French Defense Minister Sébastien Lecornu.")
    found = meetings(record_of(text, published="2025-03-26", language="en"))
    assert [(m["participants"], m["location"], m["date"]) for m in found] == [
        (["French defense companies", "Rustem Umerov"], "Paris", "2025-03-26"),
        (["Rustem Umerov", "Sébastien Lecornu"], "France", "2025-03-26")]


def test_the_main_meeting_recalled_after_a_background_passage_is_the_same_meeting(record_of):
    text = ("Rustem Umerov met Latvian Defence Minister Andris Sprūds in Riga on Tuesday. They discussed drones.\n\n"
            "As reported, in February Latvia and the United Kingdom launched the drone coalition.\n\n"
            "\"Russia must not win this war,\" Sprūds told reporters after the talks with Umerov.")
    found = meetings(record_of(text, published="2024-05-15", language="en"))
    assert [(m["participants"], m["location"], m["date"]) for m in found] == [
        (["Andris Sprūds", "Rustem Umerov"], "Riga", "2024-05-14")]


def test_a_dated_background_meeting_of_the_same_pair_stays_apart(record_of):
    text = ("Rustem Umerov met Latvian Defence Minister Andris Sprūds in Riga on Tuesday.\n\n"
            "As reported, Umerov and Sprūds met in Kyiv on 12 February 2024.")
    found = meetings(record_of(text, published="2024-05-15", language="en"))
    assert [(m["location"], m["date"]) for m in found] == [("Riga", "2024-05-14"), ("Kyiv", "2024-02-12")]


def test_a_visit_told_before_the_talks_gives_their_day_and_the_days_other_meetings(record_of):
    text = ("US Secretary of Defense Lloyd Austin arrived in Kyiv by train on 20 November on an unannounced visit.\n\n"
            "In the Ukrainian capital, Austin held talks with Ukraine's Defense Minister Rustem Umerov. "
            "Austin was also received by President Volodymyr Zelensky.\n\n"
            "Austin's visit came as Congress remained divided over President Joe Biden's request.")
    found = meetings(record_of(text, published="2023-11-21", language="en"))
    assert [(m["participants"], m["date"]) for m in found] == [
        (["Lloyd Austin", "Rustem Umerov"], "2023-11-20"), (["Lloyd Austin", "Volodymyr Zelensky"], "2023-11-20")]


def test_signing_together_is_a_meeting_and_a_summit_ahead_is_none(record_of):
    text = ("Today, Minister of National Defence Laurynas Kasčiūnas and Minister of Defence of Ukraine Rustem Umerov "
            "signed a memorandum on defence-industrial cooperation in Vilnius.\n\n"
            "Ahead of the NATO Summit in Washington on 9-11 July, the ministers discussed Ukraine's path to membership."
            "\n\nLater on Friday, Umerov was received by President Gitanas Nausėda.")
    found = meetings(record_of(text, published="2024-06-28", language="en"))
    assert [(m["participants"], m["status"], m["location"]) for m in found] == [
        (["Laurynas Kasčiūnas", "Rustem Umerov"], "happened", "Vilnius"),
        (["Gitanas Nausėda", "Rustem Umerov"], "happened", "Vilnius")]
    assert "nato-integration" in found[0]["topics"]


def test_one_signature_is_no_meeting(record_of):
    assert meetings(record_of("President Volodymyr Zelensky signed a decree on sanctions.", language="en")) == []


@pytest.mark.parametrize("text, expected", [
    # a welcome receives a guest "to", "in" or "at" a place; welcoming a decision or a statement is no meeting
    ("NATO Secretary General Mark Rutte welcomed Ukraine's Minister of Defence, Denys Shmyhal, to NATO "
     "Headquarters in Brussels.", [(["Denys Shmyhal", "Mark Rutte"], "Brussels")]),
    ("President Volodymyr Zelensky welcomed Donald Trump's decision to send more Patriot systems.", []),
    ("Defence Minister Rustem Umerov welcomed the statement by Boris Pistorius on new aid.", []),
    # "called on" a person is a visit; "called on allies to" is an appeal
    ("Later in the day, Rajnath Singh called on President Vladimir Putin at the Kremlin and conveyed the greetings "
     "of Prime Minister Narendra Modi.", [(["Rajnath Singh", "Vladimir Putin"], "Moscow")]),
    ("Volodymyr Zelensky called on Olaf Scholz to send more Patriot systems.", []),
])
def test_calling_on_and_welcoming_someone(record_of, text, expected):
    found = meetings(record_of(text, published="2024-12-10", language="en"))
    assert [(m["participants"], m["location"]) for m in found] == expected


def test_an_earlier_meeting_the_visit_comes_after_is_its_own(record_of):
    text = ("Rajnath Singh met Andrei Belousov in Moscow on Tuesday. The two discussed the S-400.\n\n"
            "The visit comes five months after Prime Minister Narendra Modi travelled to Moscow in July for the "
            "annual summit with Vladimir Putin. During the visit, Singh also laid a wreath.")
    found = meetings(record_of(text, published="2024-12-11", language="en"))
    assert [(m["participants"], m["date"]) for m in found] == [
        (["Andrei Belousov", "Rajnath Singh"], "2024-12-10"), (["Narendra Modi", "Vladimir Putin"], None)]


@pytest.mark.parametrize("text, expected", [
    # one actor, two calls told one after the other
    ("US President Donald Trump held a phone call with Vladimir Putin on Wednesday, and then with Volodymyr Zelensky.",
     [["Donald Trump", "Vladimir Putin"], ["Donald Trump", "Volodymyr Zelensky"]]),
    # "then" with nobody after it tells one meeting
    ("Rustem Umerov met Boris Pistorius and John Healey in Berlin, then flew to Paris.",
     [["Boris Pistorius", "John Healey", "Rustem Umerov"]]),
    # those "also present" join the meeting told before: no meeting of their own
    ("Defense Secretary Gilberto Teodoro met US Secretary of Defense Pete Hegseth in Manila. Also present at the "
     "meeting were Gen. Romeo Brawner Jr. and US Amb. MaryKay Carlson.",
     [["Gilberto Teodoro", "MaryKay Carlson", "Pete Hegseth", "Romeo Brawner Jr."]]),
    # "During the visit, A, B and a local official C agreed ...": C joins the visit's meeting
    ("Estonia's Defence Minister Hanno Pevkur travelled to Kharkiv, where he discussed air defence with Ukraine's "
     "Defence Minister Rustem Umerov. During the visit, Pevkur, Umerov and the city's mayor, Ihor Terekhov, agreed "
     "to open a repair hub.",
     [["Hanno Pevkur", "Ihor Terekhov", "Rustem Umerov"]]),
    # one known party and a new one during the visit: a meeting of its own
    ("Estonia's Defence Minister Hanno Pevkur met Ukraine's Defence Minister Rustem Umerov in Kharkiv. "
     "During the visit, Pevkur also met the city's mayor, Ihor Terekhov.",
     [["Hanno Pevkur", "Rustem Umerov"], ["Hanno Pevkur", "Ihor Terekhov"]]),
])  # fmt: skip
def test_meetings_in_sequence(record_of, text, expected):
    assert [m["participants"] for m in meetings(record_of(text, "2025-02-13"))] == expected


def test_a_body_of_ministers_meets_with_its_host_roster_and_sideline_talks(record_of):
    text = ("Defence ministers of the Shanghai Cooperation Organisation gathered in Moscow on Thursday for talks on "
            "regional security. The session was hosted by Russian Defence Minister Andrei Belousov. Among those "
            "attending in person were Indian Defence Minister Rajnath Singh and Kazakh Defence Minister Ruslan Zhaksylykov. "
            "On the sidelines of the SCO session, Belousov and Singh signed a memorandum on military education. "
            "Singh proposed to hold the next SCO ministerial meeting in New Delhi.")
    got = sorted((m["participants"], m["kind"], m["status"])
                 for m in meetings(record_of(text, published="2025-06-26", language="en")))
    assert got == [
        (["Andrei Belousov", "Rajnath Singh"], "in-person", "happened"),  # on the sidelines: a meeting of its own
        (["Andrei Belousov", "Rajnath Singh", "Ruslan Zhaksylykov", "Shanghai Cooperation Organisation"], "multilateral",
         "happened"),  # the body's members meet: its host and those attending take part
        (["Rajnath Singh", "Shanghai Cooperation Organisation"], "multilateral", "planned"),  # "the next ... meeting"
    ]


def test_a_visit_of_an_earlier_year_adds_no_one_and_a_later_talk_of_the_day_is_in_the_dateline_city(record_of):
    text = ("RIYADH — Minister of Defense Prince Khalid bin Salman received India's National Security Adviser "
            "Ajit Doval on Monday. They discussed defense industry.\n\n"
            "Earlier on Monday, Doval held talks with Saudi National Security Adviser Musaed Al-Aiban on "
            "counter-terrorism. The partnership council was established in 2019 during a visit by Prime Minister "
            "Narendra Modi to Riyadh.")
    found = meetings(record_of(text, published="2025-01-27", language="en"))
    assert [(m["participants"], m["location"], m["date"]) for m in found] == [
        (["Ajit Doval", "Khalid bin Salman"], "Riyadh", "2025-01-27"),
        (["Ajit Doval", "Musaed Al-Aiban"], "Riyadh", "2025-01-27")]


@pytest.mark.parametrize("lead, date", [
    ("The U.S. and Ukraine signed a statement of intent on Wednesday, as Ukraine's top defense-industrial official "
     "held talks with Pentagon acquisition leaders.", "2023-12-06"),
    ("Ukraine's top defense-industrial official is in Washington this week.", None),  # no meeting told: no date
])
def test_a_meeting_told_just_before_without_its_sides_gives_its_day(record_of, lead, date):
    text = (f"{lead}\nMinister for Strategic Industries Oleksandr Kamyshin held talks with U.S. Under Secretary of "
            "Defense William LaPlante on ammunition production.")
    found = meetings(record_of(text, published="2023-12-07", language="en"))
    assert [(m["participants"], m["date"]) for m in found] == [(["Oleksandr Kamyshin", "William LaPlante"], date)]


def test_two_others_meeting_in_an_earlier_year_are_another_meeting_not_this_ones(record_of):
    text = ("Rustem Umerov took part in a meeting of the NATO-Ukraine Council in Brussels on Wednesday, chaired by "
            "Mark Rutte. They discussed air defense. Spain will provide EUR 1 billion under the agreement that "
            "President Volodymyr Zelensky and Prime Minister Pedro Sánchez signed during a meeting in Madrid on "
            "27 May 2024.")
    found = meetings(record_of(text, published="2025-02-14", language="en"))
    assert [(m["participants"], m["location"], m["date"]) for m in found][-1] == (
        ["Pedro Sánchez", "Volodymyr Zelensky"], "Madrid", "2024-05-27")
    assert all("Pedro Sánchez" not in m["participants"] for m in found[:-1])


@pytest.mark.parametrize("thanks, topics", [
    # what a party thanks for is talk, whatever verb tells the delivery
    ("Shmyhal thanked Romania for the training of Ukrainian pilots on F-16 jets and for the Patriot system "
     "that Romania donated last year.", {"military-aid", "training", "combat-aircraft", "air-defense"}),
    ("Shmyhal thanked Romania for the Patriot system.", {"military-aid", "air-defense"}),
    # a delivery told without thanks is a report, not talk: only its being aid counts
    ("Romania donated a Patriot system to Ukraine last year.", {"military-aid"}),
])
def test_what_a_party_thanks_for_in_a_meeting_is_talked_about(record_of, thanks, topics):
    text = ("Romanian Defence Minister Ionut Mosteanu met Ukrainian Prime Minister Denys Shmyhal in Bucharest "
            "on Wednesday. " + thanks)
    found = meetings(record_of(text, published="2025-10-08", language="en"))
    assert [m["participants"] for m in found] == [["Denys Shmyhal", "Ionut Mosteanu"]]
    assert found[0]["topics"] == topics


@pytest.mark.parametrize("text", [
    "NATO Secretary General Mark Rutte met with the Minister of Defence of Ukraine, Denys Shmyhal, at NATO "
    "Headquarters on Wednesday, on the margins of the meeting of NATO Defence Ministers.",
    "Генсек НАТО Марк Рютте зустрівся з міністром оборони України Денисом Шмигалем на полях засідання "
    "міністрів оборони країн НАТО.",
])
def test_the_body_of_the_big_meeting_is_no_party_of_a_side_meeting(record_of, text):
    found = meetings(record_of(text, published="2025-10-15"))
    assert [len(m["participants"]) for m in found] == [2]
    assert not any("NATO" in p or "НАТО" in p or "міністр" in p for p in found[0]["participants"])


@pytest.mark.parametrize("text, language, expected", [
    # "встреча Путина с Зеленским сейчас не рассматривается" names a delegation too; its persons are no parties of
    # the talks just told, and a denied meeting is another one
    ("Помощник президента России Владимир Мединский в понедельник провел переговоры с министром обороны Украины "
     "Рустемом Умеровым в Стамбуле. Пресс-секретарь президента Дмитрий Песков заявил, что встреча Владимира Путина с "
     "Владимиром Зеленским сейчас не рассматривается, поскольку работа делегаций еще не завершена.", "ru",
     [("in-person", "happened", "Istanbul", ["Владимир Мединский", "Рустем Умеров"])]),
    # "домовилися продовжити розмову ... в Лондоні": a planned meeting of its own, not the call's place and kind
    ("Міністр оборони України Денис Шмигаль провів телефонну розмову з міністром оборони Німеччини Борисом "
     "Пісторіусом. Шмигаль і Пісторіус домовилися продовжити розмову особисто 9 вересня в Лондоні.", "uk",
     [("phone", "happened", None, ["Борис Пісторіус", "Денис Шмигаль"]),
      ("in-person", "planned", "London", ["Борис Пісторіус", "Денис Шмигаль"])]),
])
def test_what_is_not_the_talks_just_told(record_of, text, language, expected):
    found = meetings(record_of(text, published="2025-06-02", language=language))
    assert [(m["kind"], m["status"], m["location"], m["participants"]) for m in found] == expected


@pytest.mark.parametrize("text, language, expected", [
    # a meeting told as many ("repeatedly", "неодноразово") is none in particular
    ("Minister Oleksandr Kamyshin met Armin Papperger in Berlin on Tuesday.\n\nRheinmetall builds a plant in "
     "Ukraine.\n\nOleksandr Kamyshin, who used to run the railways, has repeatedly met Boris Pistorius.", "en",
     [("in-person", "happened", "Berlin", ["Armin Papperger", "Oleksandr Kamyshin"])]),
    ("Міністр Олександр Камишін у вівторок у Берліні провів зустріч з Арміном Паппергером.\n\nRheinmetall будує "
     "завод в Україні.\n\nОлександр Камишін, який раніше очолював Укрзалізницю, неодноразово зустрічався з Борисом "
     "Пісторіусом.", "uk",
     [("in-person", "happened", "Berlin", ["Армін Паппергер", "Олександр Камишін"])]),
    # "He is scheduled to call on Y": the actor of the visit, in a planned meeting of its own
    ("Defense Minister Ahn Gyu-back held talks with Polish Defense Minister Wladyslaw Kosiniak-Kamysz in Seoul. "
     "Kosiniak-Kamysz earlier toured the ADEX exhibition. He is scheduled to pay a courtesy call on "
     "President Lee Jae Myung on Wednesday.", "en",
     [("in-person", "happened", "Seoul", ["Ahn Gyu-back", "Wladyslaw Kosiniak-Kamysz"]),
      ("in-person", "planned", None, ["Lee Jae Myung", "Wladyslaw Kosiniak-Kamysz"])]),
    # an invitation to pay a visit is a visit planned
    ("Turkish Defense Minister Yasar Guler hosted Azerbaijani Defense Minister Zakir Hasanov in Ankara. Hasanov "
     "invited Guler to pay a visit to Baku.", "en",
     [("in-person", "happened", "Ankara", ["Yasar Guler", "Zakir Hasanov"]),
      ("in-person", "planned", "Baku", ["Yasar Guler", "Zakir Hasanov"])]),
    # "during the meeting", two of its parties and one more: one more at that meeting
    ("Міністр Олександр Камишін у вівторок у Берліні провів зустріч з генеральним директором Rheinmetall Арміном "
     "Паппергером. Під час зустрічі у присутності Камишіна генеральний директор Герман Сметанін і Паппергер "
     "підписали угоду.", "uk",
     [("in-person", "happened", "Berlin", ["Армін Паппергер", "Герман Сметанін", "Олександр Камишін"])]),
    # two delegations meet; the next sentences name who led each (a long title between allowed)
    ("Russian and Ukrainian delegations met in Istanbul on Wednesday for a third round of talks. Ukraine's "
     "delegation was headed by Rustem Umerov. Russia's team was again led by Vladimir Medinsky, an aide to "
     "President Vladimir Putin.", "en",
     [("in-person", "happened", "Istanbul", ["Rustem Umerov", "Vladimir Medinsky"])]),
    ("Российская и украинская делегации в среду провели в Стамбуле третий раунд переговоров. Украинскую "
     "делегацию возглавил секретарь Совета национальной безопасности и обороны Украины Рустем Умеров. "
     "Российскую делегацию возглавил помощник президента Владимир Мединский.", "ru",
     [("in-person", "happened", "Istanbul", ["Владимир Мединский", "Рустем Умеров"])]),
    # a proposal, or a meeting that could take place, is planned
    ("Umerov said Kyiv had proposed that President Volodymyr Zelenskyy and Vladimir Putin meet before the end of "
     "August.", "en", [("in-person", "planned", None, ["Vladimir Putin", "Volodymyr Zelenskyy"])]),
    ("Medinsky said a meeting between Vladimir Putin and Volodymyr Zelenskyy could only take place to sign a final "
     "agreement.", "en", [("in-person", "planned", None, ["Vladimir Putin", "Volodymyr Zelenskyy"])]),
])
def test_many_planned_and_joined_meetings(record_of, text, language, expected):
    found = meetings(record_of(text, published="2024-06-11", language=language))
    assert [(m["kind"], m["status"], m["location"], m["participants"]) for m in found] == expected


def test_talks_on_the_sidelines_told_apart_take_the_sessions_day_and_are_talks(record_of):
    # "На полях засідання X провів зустріч з Y" after a background paragraph: the talks (not the session's kind),
    # on the session's day
    text = ("У п'ятницю в штаб-квартирі НАТО в Брюсселі відбулося засідання Контактної групи з питань оборони "
            "України у форматі «Рамштайн». Засідання провели Джон Гілі та Борис Пісторіус.\n\n"
            "Союзники оголосили нові пакети допомоги.\n\n"
            "Нагадаємо, IRIS-T SLM – німецький зенітний ракетний комплекс середньої дальності.\n\n"
            "На полях засідання Рустем Умєров провів зустріч із міністром оборони Нідерландів Рубеном Брекелмансом.")
    found = meetings(record_of(text, published="2025-04-11", language="uk"))
    side = [m for m in found if m["participants"] == ["Рубен Брекелманс", "Рустем Умєров"]]
    assert [(m["kind"], m["date"], m["participants"]) for m in side] == [
        ("in-person", "2025-04-11", ["Рубен Брекелманс", "Рустем Умєров"])]


@pytest.mark.parametrize("text, expected", [
    # those who joined "the 2+2, where" joined the 2+2, another meeting of the two and them
    ("Defense Secretary Lloyd Austin held talks with Japanese Defense Minister Minoru Kihara in Tokyo on Sunday. The "
     "two ministers met at the ministry hours before the 2+2 Security Consultative Committee, where they were joined "
     "by Secretary of State Antony Blinken and Foreign Minister Yoko Kamikawa.",
     [["Lloyd Austin", "Minoru Kihara"], ["Antony Blinken", "Lloyd Austin", "Minoru Kihara", "Yoko Kamikawa"]]),
    # "joined" with no other meeting named before "where": more of the talks told
    ("Defense Secretary Lloyd Austin held talks with Japanese Defense Minister Minoru Kihara in Tokyo on Sunday. "
     "Secretary of State Antony Blinken also joined the talks.",
     [["Antony Blinken", "Lloyd Austin", "Minoru Kihara"]]),
])
def test_joined_at_another_meeting(record_of, text, expected):
    assert [m["participants"] for m in meetings(record_of(text, "2024-07-29"))] == expected
