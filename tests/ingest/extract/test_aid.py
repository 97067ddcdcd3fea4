"""Aid deliveries (provider, recipient, items, status) and agreements."""

import pytest

from ddgraph.ingest.extract.amounts import number_value


def aid(record):
    out = []
    for ev in record.events:
        if ev.kind == "aid":
            name = lambda k: record.entity(k).name if k else None  # noqa: E731
            out.append((name(ev.provider), name(ev.recipient), sorted(name(k) for k in ev.items),
                        list(ev.item_descriptions), ev.subtype))
    return out


@pytest.mark.parametrize("text, expected", [
    ("France has already provided Ukraine with SAMP/T air defense systems and CAESAR howitzers.",
     [("France", "Ukraine", ["CAESAR", "SAMP/T"], [], "delivered")]),
    ("Germany will provide Ukraine with four more IRIS-T systems, Pistorius said.",
     [("Germany", "Ukraine", ["IRIS-T"], [], "pledged")]),
    ("Ukraine ordered six CAESAR howitzers from France under a new contract.",
     [("France", "Ukraine", ["CAESAR"], [], "ordered")]),
    ("Pistorius said that Germany would supply Ukraine with four more IRIS-T systems.",
     [("Germany", "Ukraine", ["IRIS-T"], [], "pledged")]),
    ("More than seven thousand Ukrainian soldiers were trained in France.",
     [("France", "Ukraine", [], ["training of more than 7,000 Ukrainian soldiers"], "delivered")]),
    # the trainees' country named earlier in the sentence than their count
    ("They discussed the training of Ukrainian recruits under Operation Interflex, which has put more than 56,000 "
     "soldiers through courses in Britain.",
     [("United Kingdom", "Ukraine", [], ["training of more than 56,000 Ukrainian soldiers"], "delivered")]),
    ("Ukraine's Defense Minister Rustem Umerov thanked Germany for the IRIS-T systems that protect Ukrainian cities.",
     [("Germany", "Ukraine", ["IRIS-T"], [], "delivered")]),
    ("Austin announced a new U.S. security assistance package that includes Bradley vehicles.",
     [("United States", None, ["Bradley"], [], "pledged")]),
    ("Air defense remains a priority for Ukraine.", []),
    # a list gives each item, a system next to another item by a comma or "and" does not swallow it
    ("Norway has delivered to Ukraine M113 armoured personnel carriers, counter-drone jammers and a batch of "
     "155 mm shells.",
     [("Norway", "Ukraine", ["M113"], ["counter-drone jammers", "155 mm shells"], "delivered")]),
    ("Finland has handed over to Ukraine a further batch of 120 mm mortar ammunition and Stinger missiles.",
     [("Finland", "Ukraine", ["Stinger"], ["120 mm mortar ammunition"], "delivered")]),
    # a machine or a detector is materiel; the recipient as subject receives "from" the provider
    ("Ukraine has already received two DOK-ING MV-10 mine-clearing machines from Lithuania.",
     [("Lithuania", "Ukraine", [], ["MV-10 mine-clearing machines"], "delivered")]),
    ("Ukraine has already received two DOK-ING MV-4 mine-clearing machines from Lithuania.",
     [("Lithuania", "Ukraine", ["MV-4"], [], "delivered")]),
    # a passive with no agent: the other country the text names gives
    ("Estonian Defence Minister Hanno Pevkur spoke in Tallinn. All of the Estonian 155 mm FH70 howitzers were "
     "handed over to Ukraine in 2023.",
     [("Estonia", "Ukraine", ["FH70"], [], "delivered")]),
    ("Estonia will keep supporting Ukraine, Pevkur said. The FH70 howitzers were handed over to Ukraine in 2023.",
     [("Estonia", "Ukraine", ["FH70"], [], "delivered")]),
    # ... but not when the text names no other country
    ("The FH70 howitzers were handed over to Ukraine in 2023.", [(None, "Ukraine", ["FH70"], [], "delivered")]),
    # what follows a list says when, not what
    ("Poland will provide Ukraine with a package that includes demining machines and detectors, before the "
     "winter.",
     [("Poland", "Ukraine", [], ["demining machines", "detectors"], "pledged")]),
    # a capital stands for its country; the subject of "receive" receives
    ("Umerov spoke to Marles a day after Canberra announced it would send 49 M1A1 Abrams tanks to Ukraine.",
     [("Australia", "Ukraine", ["Abrams"], [], "pledged")]),
    ("Ukraine will receive from Spain a new batch of missiles for Patriot systems.",
     [("Spain", "Ukraine", ["Patriot"], [], "pledged")]),
    # a kind of materiel without a system name; abstract support is no item
    ("The Netherlands would finance the production of interceptor drones for Ukraine.",
     [("Netherlands", "Ukraine", [], ["interceptor drones"], "pledged")]),
    ("Germany will continue to provide support in air defense to Ukraine.", []),
    # "has pledged to transfer" pledges; "has already given" delivers; a designation is no count of trainees
    ("Belgium has pledged to transfer 30 F-16 aircraft to Ukraine by 2028.",
     [("Belgium", "Ukraine", ["F-16"], [], "pledged")]),
    ("Estonia has already given Ukraine FH70 howitzers and Javelin anti-tank missiles.",
     [("Estonia", "Ukraine", ["FH70", "Javelin"], [], "delivered")]),
    ("So far Lithuania has handed over to Ukraine M577 armoured command vehicles, M113 armoured personnel "
     "carriers, anti-drone systems and ammunition, and has trained Ukrainian soldiers in Lithuania.",
     [("Lithuania", "Ukraine", ["M113", "M577"], ["anti-drone systems", "ammunition"], "delivered")]),
    # buying for another country, or paying for it, is a pledge; the first verb of the sentence decides
    ("Pevkur said Estonia would buy additional 155 mm shells for Ukraine this year.",
     [("Estonia", "Ukraine", [], ["155 mm shells"], "pledged")]),
    ("Pistorius said Germany would pay for two additional Patriot systems for Ukraine.",
     [("Germany", "Ukraine", ["Patriot"], [], "pledged")]),
    ("Healey said Britain would supply Ukraine with additional artillery shells and would continue to fund "
     "the purchase of Ukrainian-made drones.",
     [("United Kingdom", "Ukraine", [], ["artillery shells", "Ukrainian-made drones"], "pledged")]),
    # the receiver's own materiel, and materiel pledged by no one in particular, are no items
    ("Britain would provide money for the repair of Ukrainian military vehicles.", []),
    ("Ukraine's allies pledged new air defence systems and drones.", []),
    # money set aside as aid, beside weapons delivered
    ("Francken said that Belgium would allocate EUR 1 billion in military aid to Ukraine in 2025.",
     [("Belgium", "Ukraine", [], ["military aid worth EUR 1 billion"], "pledged")]),
    ("Umerov thanked Latvia for the M109 howitzers that Latvia has handed over to Ukraine, and for the decision "
     "to allocate 0.25% of its GDP to military assistance to Ukraine every year.",
     [("Latvia", "Ukraine", ["M109"], [], "delivered"),
      ("Latvia", "Ukraine", [], ["military assistance worth 0.25% of GDP"], "pledged")]),
    ("Germany allocated 500 million euros for the renovation of schools.", []),
    # an official announces: his country gives
    ("In Kyiv, US Defense Secretary Lloyd Austin met Rustem Umerov. Austin announced a new security assistance "
     "package for Ukraine which includes TOW and Javelin anti-tank missiles.",
     [("United States", "Ukraine", ["Javelin", "TOW"], [], "pledged")]),
    # forces a country will deploy to another are promised there; a system named twice is one item
    ("Hegseth said Washington would deploy additional capabilities to the Philippines, including the Navy Marine "
     "Expeditionary Ship Interdiction System (NMESIS) anti-ship missile system.",
     [("United States", "Philippines", ["NMESIS"], [], "pledged")]),
    ("Russia deployed S-400 systems to Belarus in 2023.", []),
    # financing is aid given as money; a company's funding is not
    ("Philippine Defense Secretary Gilberto Teodoro thanked the US for the USD500 million in Foreign Military "
     "Financing announced in July 2024.",
     [("United States", "Philippines", [], ["military financing worth USD 500 million"], "pledged")]),
    ("The company received EUR 20 million in funding from investors.", []),
    # a giver's aid with no receiver named goes to the other country of the story
    ("Latvia's Defence Minister Andris Spruds said Latvia stands with Ukraine. Latvia will allocate "
     "EUR 112 million in aid next year.",
     [("Latvia", "Ukraine", [], ["aid worth EUR 112 million"], "pledged")]),
    # a country does not receive its own make from its buyer
    ("Russia and India held talks in Moscow. India signed a deal with Russia for five squadrons of the S-400, "
     "and three of them have been delivered so far.",
     [("Russia", "India", ["S-400"], [], "delivered")]),
    # a country that gives "together with" the subject gives too
    ("Norway, together with the United States, has already delivered NASAMS fire units to Ukraine.",
     [("Norway", "Ukraine", ["NASAMS"], [], "delivered"), ("United States", "Ukraine", ["NASAMS"], [], "delivered")]),
    # so do the countries listed with it before the verb
    ("Norway, Sweden and Denmark will provide Ukraine with CV90 vehicles.",
     [("Norway", "Ukraine", ["CV90"], [], "pledged"), ("Sweden", "Ukraine", ["CV90"], [], "pledged"),
      ("Denmark", "Ukraine", ["CV90"], [], "pledged")]),
    # a share of GDP in words, currencies beyond the euro and the dollar, "will again allocate"
    ("Pevkur confirmed that Estonia will again allocate 0.25 percent of its GDP to military aid for Ukraine.",
     [("Estonia", "Ukraine", [], ["military aid worth 0.25% of GDP"], "pledged")]),
    ("Copenhagen would allocate a further 4 billion Danish kroner in military aid to Ukraine.",
     [("Denmark", "Ukraine", [], ["military aid worth DKK 4 billion"], "pledged")]),
    ("Canada will provide C$500 million in military aid to Ukraine.",
     [("Canada", "Ukraine", [], ["military aid worth CAD 500 million"], "pledged")]),
    # a package worth a sum is itself given, beside what it includes
    ("Lithuania would hand over a new package of mine-clearing equipment worth 10 million euros to Ukraine, "
     "including remote-controlled demining machines and detectors.",
     [("Lithuania", "Ukraine", [], ["mine-clearing equipment package worth EUR 10 million",
                                    "remote-controlled demining machines", "detectors"], "pledged")]),
    # a contribution to a named fund or programme; a contribution to a country's defence names none
    ("Sweden will contribute EUR 50 million to the International Fund for Ukraine.",
     [("Sweden", "Ukraine", [], ["contribution to International Fund for Ukraine worth EUR 50 million"], "pledged")]),
    ("Germany and Canada announced additional contributions to PURL for Ukraine.",
     [("Germany", "Ukraine", [], ["contribution to PURL for Ukraine"], "pledged"),
      ("Canada", "Ukraine", [], ["contribution to PURL for Ukraine"], "pledged")]),
    ("The volunteers contributed to Ukraine's defence.", []),
    # thanks for money set aside are for a pledge; "its" is the country of the sentence before
    ("Lithuania is one of Ukraine's most consistent friends. We are grateful for its decision to allocate "
     "0.25 percent of GDP annually to military assistance to Ukraine, Shmygal said.",
     [("Lithuania", "Ukraine", [], ["military assistance worth 0.25% of GDP"], "pledged")]),
    # a passive agent gives; the subject holds what was given
    ("The Royal Saudi Air Force operates 72 Eurofighter Typhoon jets supplied by Britain under the Al-Salam program.",
     [("United Kingdom", "Saudi Arabia", ["Eurofighter Typhoon"], [], "delivered")]),
    ("Ukraine has received 12 IRIS-T systems delivered by Germany.",
     [("Germany", "Ukraine", ["IRIS-T"], [], "delivered")]),
    # the maker may receive what another paid for, when the text says it went there
    ("Denmark has already paid for 18 Bohdana self-propelled howitzers, which were delivered to the Ukrainian "
     "military last year.",
     [("Denmark", "Ukraine", ["Bohdana"], [], "delivered")]),
    # a model the lexicon does not know stays in the item ("KX-77 howitzers", not "howitzers"); a variant of
    # one it knows is that system ("FA-50GF")
    ("South Korea has delivered 180 KX-77 howitzers and 12 TX-90GF light attack aircraft to Poland.",
     [("South Korea", "Poland", [], ["KX-77 howitzers", "TX-90GF light attack aircraft"], "delivered")]),
    ("South Korea has delivered 180 K9 howitzers and 12 FA-50GF light attack aircraft to Poland.",
     [("South Korea", "Poland", ["FA-50", "K9 Thunder"], [], "delivered")]),
    # an order: the buyer is the country nearest before the verb; a capital after "in central" is a place
    ("At talks in central Seoul, the ministers said that Poland ordered 180 K2 tanks from South Korea.",
     [("South Korea", "Poland", ["K2 Black Panther"], [], "ordered")]),
    # "the Russian side" is Russia itself, not Russian-made
    ("Belarus received Su-30SM2 fighters from the Russian side this year.",
     [("Russia", "Belarus", ["Su-30SM"], [], "delivered")]),
    # a capitalised head is part of a name ("BAE Systems"), no kind of materiel
    ("Sweden ordered 40 CV90 vehicles for Ukraine from BAE Systems Hägglunds.",
     [("Sweden", "Ukraine", ["CV90"], [], "ordered")]),
    # "US$" is a currency: no United States in it
    ("Japan will provide the Philippines with patrol boats worth 1.6 billion yen (US$10 million).",
     [("Japan", "Philippines", [], ["patrol boats"], "pledged")]),
    # two clauses with aid verbs of two statuses are two facts; the second takes the first's giver and receiver,
    # and its bare count the first's noun
    ("Britain has already delivered more than 10,000 drones to Ukraine and will send a further 90,000 before the "
     "end of the year.",
     [("United Kingdom", "Ukraine", [], ["10,000 drones"], "delivered"),
      ("United Kingdom", "Ukraine", [], ["90,000 drones"], "pledged")]),
    ("Norway has delivered NASAMS launchers to Ukraine and will send IRIS-T systems next year.",
     [("Norway", "Ukraine", ["NASAMS"], [], "delivered"), ("Norway", "Ukraine", ["IRIS-T"], [], "pledged")]),
    # one status: one fact
    ("Norway has delivered NASAMS launchers and IRIS-T systems to Ukraine.",
     [("Norway", "Ukraine", ["IRIS-T", "NASAMS"], [], "delivered")]),
    # protection of the power grid is aid too
    ("Pevkur said Estonia would pay for mobile generators and concrete shelters for Ukraine.",
     [("Estonia", "Ukraine", [], ["mobile generators", "concrete shelters"], "pledged")]),
])
def test_aid(record_of, text, expected):
    assert aid(record_of(text, language="en")) == expected


@pytest.mark.parametrize("text, expected", [
    ("Поульсен підтвердив, що Копенгаген профінансує закупівлю для ЗСУ нової партії самохідних гаубиць «Богдана».",
     [("Denmark", "Ukraine", ["Bohdana"], [], "pledged")]),
    # the instrumental after a passive participle is who gave ("переданих Норвегією": handed over by Norway)
    ("Йшлося про ремонт переданих Норвегією самохідних гаубиць M109 і пускових установок NASAMS.",
     [("Norway", "Ukraine", ["M109", "NASAMS"], [], "delivered")]),
    ("Сибіга подякував Чехії за ініціативу: у 2024 році завдяки їй Україна отримала 1,5 мільйона снарядів.",
     [("Czechia", "Ukraine", [], ["1.5 million shells"], "delivered")]),
    ("Швеція разом із Данією профінансує виробництво бойових машин CV90 для України.",
     [("Sweden", "Ukraine", ["CV90"], [], "pledged"), ("Denmark", "Ukraine", ["CV90"], [], "pledged")]),
    # an imperfective verb of giving: in the present a delivery, in the future a pledge
    ("Франція щомісяця передаватиме Україні 50 керованих авіабомб AASM Hammer.",
     [("France", "Ukraine", ["AASM Hammer"], [], "pledged")]),
    ("Німеччина постачає Україні системи IRIS-T.", [("Germany", "Ukraine", ["IRIS-T"], [], "delivered")]),
    # the subject that receives is no country ("the region"): the giver is who it came "from", the receiver the
    # article's own country
    ("Область вже отримала від Німеччини дві системи IRIS-T.", [("Germany", "Ukraine", ["IRIS-T"], [], "delivered")]),
    ("Британія вже передала Україні понад 10 тисяч дронів і передасть ще 90 тисяч до кінця року.",
     [("United Kingdom", "Ukraine", [], ["10 thousand drones"], "delivered"),
      ("United Kingdom", "Ukraine", [], ["90 thousand drones"], "pledged")]),
    # "поставить" read first as a short infinitive is the future it also is
    ("Німеччина вже передала Україні дві пускові установки Patriot і до кінця року поставить ще чотири системи "
     "IRIS-T SLM.", [("Germany", "Ukraine", ["Patriot"], [], "delivered"),
                     ("Germany", "Ukraine", ["IRIS-T"], [], "pledged")]),
])
def test_aid_uk(record_of, text, expected):
    assert aid(record_of(text, language="uk")) == expected


IRIS_T = ("Germany", "Ukraine", ["IRIS-T"], [])


@pytest.mark.parametrize("text, language, status", [
    # a decision to give is a pledge; the giving itself a delivery
    ("Шмигаль подякував Німеччині за рішення передати Україні ще дві системи IRIS-T SLM.", "uk", "pledged"),
    ("Німеччина вирішила передати Україні ще дві системи IRIS-T SLM.", "uk", "pledged"),
    ("Німеччина передала Україні дві системи IRIS-T SLM, повідомили в уряді.", "uk", "delivered"),
    ("Шмыгаль поблагодарил Германию за решение передать Украине еще две системы IRIS-T SLM.", "ru", "pledged"),
    ("Германия решила передать Украине еще две системы IRIS-T SLM.", "ru", "pledged"),
    ("Германия передала Украине две системы IRIS-T SLM.", "ru", "delivered"),
])
def test_a_decision_to_give_is_a_pledge(record_of, text, language, status):
    assert aid(record_of(text, language=language)) == [(*IRIS_T, status)]


@pytest.mark.parametrize("text, language, expected", [
    # what comes "under a contract" was delivered; the contract is no new order
    ("Германия уже передала Украине две системы IRIS-T SLM по контракту 2023 года.", "ru",
     [("Germany", "Ukraine", ["IRIS-T"], [], "delivered")]),
    ("Ukraine has received two IRIS-T systems from Germany under the 2023 contract.", "en",
     [("Germany", "Ukraine", ["IRIS-T"], [], "delivered")]),
    # of two order cues, the one a country orders with: not the contract named before it
    ("They reviewed the contract for IRIS-T systems, under which Ukraine ordered two more IRIS-T from Germany.", "en",
     [("Germany", "Ukraine", ["IRIS-T"], [], "ordered")]),
    # the country it is bought "from" never buys
    ("Минобороны Украины заключило с Германией контракт на поставку систем IRIS-T.", "ru",
     [("Germany", "Ukraine", ["IRIS-T"], [], "ordered")]),
    # nor does the country a deal is made "with"; "it" is the country of the sentence before
    ("Japan is building up its arsenal. It signed a deal with Washington in January 2024 to buy 400 Tomahawk "
     "cruise missiles.", "en", [("United States", "Japan", ["Tomahawk"], [], "ordered")]),
    ("Poland signed a contract with South Korea to buy K2 tanks.", "en",
     [("South Korea", "Poland", ["K2 Black Panther"], [], "ordered")]),
    # orders a seller hopes to win are none
    ("Seoul hopes the partnership will help win orders in NATO countries, including Romania, which is considering "
     "K2 tanks.", "en", []),
    # an order with no buyer named: the other country of the story buys
    ("South Korea's Defense Minister Ahn Gyu-back met Poland's Defense Minister Wladyslaw Kosiniak-Kamysz. "
     "Another 36 FA-50PL fighters are on order from South Korea.", "en",
     [("South Korea", "Poland", ["FA-50"], [], "ordered")]),
    # what a country received with no giver named comes from the systems' one maker, when the story names it
    ("South Korea's Defense Minister Ahn Gyu-back met Poland's Defense Minister Wladyslaw Kosiniak-Kamysz. "
     "Poland has received more than 180 K9 howitzers and 100 K2 tanks.", "en",
     [("South Korea", "Poland", ["K2 Black Panther", "K9 Thunder"], [], "delivered")]),
    ("Poland has received more than 180 K9 howitzers.", "en", [(None, "Poland", ["K9 Thunder"], [], "delivered")]),
    # no one sells a system to its maker: the other country buys
    ("Министр обороны России Андрей Белоусов провел переговоры с министром обороны Индии Раджнатом Сингхом. "
     "Стороны обсудили выполнение контрактов на поставку зенитных ракетных систем С-400 «Триумф» для "
     "Военно-воздушных сил Индии.", "ru", [("Russia", "India", ["S-400"], [], "ordered")]),
    # ", and" opens a clause of its own, its verb a few words on: a delivery and an order
    ("Russia delivered Yak-130 jet trainers to Iran in 2023, and Iranian officials have said Tehran ordered Su-35 "
     "fighter jets.", "en",
     [("Russia", "Iran", ["Yak-130"], [], "delivered"), ("Russia", "Iran", ["Su-35"], [], "ordered")]),
])
def test_orders_and_contracts(record_of, text, language, expected):
    assert aid(record_of(text, language=language)) == expected


@pytest.mark.parametrize("text, language, expected", [
    # a possibility is no pledge
    ("Sweden is considering the possibility of transferring Gripen fighters to Ukraine.", "en", []),
    ("Sweden could supply Gripen fighters to Ukraine.", "en", []),
    ("Стокгольм рассматривает возможность передачи Украине истребителей Gripen.", "ru", []),
    # a future verb in a time clause is a condition ("after the Ukrainian forces get enough F-16s")
    ("Швеция передаст Украине истребители Gripen после того, как ВСУ получат достаточное количество F-16.", "ru",
     [("Sweden", "Ukraine", ["Gripen"], [], "pledged")]),
    ("Sweden will send Gripen fighters to Ukraine once Ukraine receives enough F-16 jets.", "en",
     [("Sweden", "Ukraine", ["Gripen"], [], "pledged")]),
    # "May" the month, and a past verb after "after", are facts
    ("In May Germany delivered IRIS-T systems to Ukraine.", "en", [("Germany", "Ukraine", ["IRIS-T"], [], "delivered")]),
    ("After Germany delivered IRIS-T systems to Ukraine, Kyiv asked for more.", "en",
     [("Germany", "Ukraine", ["IRIS-T"], [], "delivered")]),
    ("Umerov called Marles a day after Canberra announced it would send 49 Abrams tanks to Ukraine.", "en",
     [("Australia", "Ukraine", ["Abrams"], [], "pledged")]),
])
def test_possible_and_conditional_aid(record_of, text, language, expected):
    assert aid(record_of(text, language=language)) == expected


@pytest.mark.parametrize("text, language, expected", [
    # bought for another is given; bought by the receiver is an order
    ("Estonia would buy 155 mm shells for Ukraine.", "en", [("Estonia", "Ukraine", [], ["155 mm shells"], "pledged")]),
    ("Japan will acquire 400 Tomahawk cruise missiles Tokyo agreed to buy from the US in January.", "en",
     [("United States", "Japan", ["Tomahawk"], [], "ordered")]),
])
def test_who_buys(record_of, text, language, expected):
    assert aid(record_of(text, language=language)) == expected


def test_agreement_parties_on_both_sides_of_between(record_of):
    rec = record_of("A memorandum of intent on cooperation was signed between the Defense Procurement Agency "
                    "and the Directorate General for Armaments (DGA).", language="en")
    [agr] = [e for e in rec.events if e.kind == "agreement"]
    assert agr.label == "memorandum of intent on cooperation"
    assert agr.subtype == "memorandum"
    assert sorted(rec.entity(k).name for k in agr.participants) == [
        "Defense Procurement Agency", "Directorate General for Armaments"]


@pytest.mark.parametrize("text, value", [
    ("seven thousand", 7000), ("7,000", 7000), ("more than 2 thousand", 2000), ("понад 2 тисячі", 2000),
    ("twelve", 12),
])
def test_number_value(text, value):
    assert number_value(text) == value


def test_listed_package_items_that_are_no_known_system(record_of):
    rec = record_of("Austin announced a new U.S. security assistance package that includes air-to-air munitions, "
                    "artillery ammunition and additional Bradley infantry fighting vehicles.", language="en")
    [ev] = [e for e in rec.events if e.kind == "aid"]
    assert sorted(rec.entity(k).name for k in ev.items) == ["Bradley"]
    assert ev.item_descriptions == ("air-to-air munitions", "artillery ammunition")


def test_aid_uk_money(record_of):
    text = "Британія й надалі щороку виділятиме Україні 3 млрд фунтів стерлінгів військової допомоги."
    assert aid(record_of(text, language="uk")) == [
        ("United Kingdom", "Ukraine", [], ["military aid worth GBP 3 billion"], "pledged")]
