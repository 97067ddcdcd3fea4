"""Persons, offices and ranks read from the words around a name."""

import pytest

from ddgraph.ingest.extract.surnames import surname_fits
from tests.ingest.extract.conftest import persons

MOD_UA = ("Minister of Defence", "Ukraine")


@pytest.mark.parametrize("text, expected", [
    ("Ukraine's Defense Minister Rustem Umerov met Boris Pistorius.",
     {"Rustem Umerov": ([MOD_UA], None), "Boris Pistorius": ([], None)}),
    ("Deputy Chief of the General Staff of the Armed Forces of Ukraine Major General Volodymyr Horbatiuk "
     "spoke to reporters.",
     {"Volodymyr Horbatiuk": ([("Deputy Chief of the General Staff", "Ukraine")], "Major General")}),
    ("Ukraine's Defense Minister Rustem Umerov met with his French counterpart Sébastien Lecornu.",
     {"Rustem Umerov": ([MOD_UA], None),
      "Sébastien Lecornu": ([("Minister of the Armed Forces", "France")], None)}),
    ("Defense Ministers of Ukraine Rustem Umerov and Germany Boris Pistorius discussed air defense.",
     {"Rustem Umerov": ([MOD_UA], None),
      "Boris Pistorius": ([("Federal Minister of Defence", "Germany")], None)}),
    ("Head of the President's Office, Andriy Yermak, visited Washington.",
     {"Andriy Yermak": ([("Head of the Office of the President", "Ukraine")], None)}),
    ("Former defense minister Oleksii Reznikov attended the forum in Kyiv.",
     {"Oleksii Reznikov": ([], None)}),
    # a country with a title of its own for the head of its forces: France's "начальник Генштабу" is its
    # Chief of the Defence Staff (as English reports call him); Ukraine's stays Chief of the General Staff
    ("Генерал Олександр Сирський провів розмову з начальником Генерального штабу Збройних сил Франції генералом "
     "Фаб'єном Мандоном.",
     {"Олександр Сирський": ([], "General"), "Фаб'єн Мандон": ([("Chief of the Defence Staff", "France")], "General")}),
    ("Начальник Генерального штабу ЗСУ генерал-лейтенант Андрій Гнатов доповів про ситуацію.",
     {"Андрій Гнатов": ([("Chief of the General Staff", "Ukraine")], "Lieutenant General")}),
    # Indian honorifics and the Hindi title of the defence minister
    ("Raksha Mantri Shri Rajnath Singh chaired the review in New Delhi.",
     {"Rajnath Singh": ([("Minister of Defence", "India")], None)}),
    # a long US title ending in a capitalised word is no part of the name
    ("U.S. Under Secretary of Defense for Policy Elbridge Colby hosted the delegation.",
     {"Elbridge Colby": ([("Under Secretary of Defense for Policy", "United States")], None)}),
    # a capitalised phrase before "operation" or "exercise" names a thing, not a person
    ("Hanno Pevkur said the Baltic Sentry operation and the Steadfast Defender exercise would continue.",
     {"Hanno Pevkur": ([], None)}),
    # ... and so does one right after "exercise", "operation", "codenamed", or between commas after it
    ("Hanno Pevkur said the navies held the joint exercise Al Mohed Al Hindi and the first land exercise, "
     "Sada Tanseeq, in Rajasthan.", {"Hanno Pevkur": ([], None)}),
    ("Hanno Pevkur praised the operation codenamed Spiderweb.", {"Hanno Pevkur": ([], None)}),
    # a name that ends in "Embankment", "Street", "Square" is a place
    ("Andrei Belousov held talks at the ministry's headquarters on Frunzenskaya Embankment.",
     {"Andrei Belousov": ([], None)}),
    ("President Park Jin met Lloyd Austin near Downing Street.",
     {"Park Jin": ([("President", None)], None), "Lloyd Austin": ([], None)}),
    ("After the exercise, Rustem Umerov met Boris Pistorius in Kyiv.",
     {"Rustem Umerov": ([], None), "Boris Pistorius": ([], None)}),
    ("Rustem Umerov and Boris Pistorius met in Kyiv.",
     {"Rustem Umerov": ([], None), "Boris Pistorius": ([], None)}),
    ("Міністр оборони України Рустем Умєров провів зустріч у Києві.",
     {"Рустем Умєров": ([MOD_UA], None)}),
    ("Заступник начальника Генштабу ЗСУ генерал-майор Володимир Горбатюк доповів про ситуацію.",
     {"Володимир Горбатюк": ([("Deputy Chief of the General Staff", "Ukraine")], "Major General")}),
    # where someone goes is not whose office he holds; an office before "to" still takes its country
    ("During his visit to Estonia, Ukraine's Defense Minister Rustem Umerov met Hanno Pevkur.",
     {"Rustem Umerov": ([MOD_UA], None), "Hanno Pevkur": ([], None)}),
    ("In Estonia, Defence Minister Rustem Umerov met Hanno Pevkur.",  # his own country (nationalities.yaml)
     {"Rustem Umerov": ([MOD_UA], None), "Hanno Pevkur": ([], None)}),
    ("In Estonia, Defence Minister Ivan Petrenko met Hanno Pevkur.",
     {"Ivan Petrenko": ([("Minister of Defence", None)], None), "Hanno Pevkur": ([], None)}),
    ("Ukraine's Ambassador to France Vadym Omelchenko attended the forum.",
     {"Vadym Omelchenko": ([("Ambassador of Ukraine to France", "Ukraine")], None)}),
    ("Під час візиту до Естонії міністр оборони України Рустем Умєров зустрівся з Ганно Певкуром.",
     {"Рустем Умєров": ([MOD_UA], None), "Ганно Певкур": ([], None)}),
    # a woman's office with a feminine head noun; a country's own body and title
    ("Начальниця Штабу оборони Канади генерал Дженні Каріньян прибула до Києва.",
     {"Дженні Каріньян": ([("Chief of the Defence Staff", "Canada")], "General")}),
    ("Командувач Сил оборони Фінляндії генерал Янне Яаккола виступив.",
     {"Янне Яаккола": ([("Commander of the Finnish Defence Forces", "Finland")], "General")}),
    ("Spanish Prime Minister Pedro Sánchez welcomed the guests.",
     {"Pedro Sánchez": ([("President of the Government", "Spain")], None)}),
    # an apposition in the present tense, after a clause that ends his former office
    ("Shmyhal took over the Defense Ministry from Rustem Umerov, who now serves as secretary of the "
     "National Security and Defense Council.",
     {"Rustem Umerov": ([("Secretary of the National Security and Defense Council", "Ukraine")], None)}),
    # a rank word inside a title is no rank
    ("NATO Secretary General Mark Rutte joined online.",
     {"Mark Rutte": ([("Secretary General of NATO", None)], None)}),
    # a title before a prince's name; the heir's own title
    ("Saudi Minister of Defense Prince Khalid bin Salman held talks in Riyadh.",
     {"Khalid bin Salman": ([("Minister of Defense", "Saudi Arabia")], None)}),
    ("Crown Prince Mohammed bin Salman received the delegation.",
     {"Mohammed bin Salman": ([("Crown Prince", "Saudi Arabia")], None)}),
    # a regional governor: the head word before or after the body's name; titled with the body
    ("Rustem Umerov and the head of the Odesa Regional Military Administration, Oleh Kiper, agreed on demining.",
     {"Rustem Umerov": ([], None), "Oleh Kiper": ([("Head of the Odesa Regional Military Administration", "Ukraine")], None)}),
    ("Kharkiv RMA head Oleh Syniehubov said the city was shelled.",
     {"Oleh Syniehubov": ([("Head of the Kharkiv Regional Military Administration", "Ukraine")], None)}),
    ("Участь у переговорах взяв також начальник Одеської ОВА Олег Кіпер.",
     {"Олег Кіпер": ([("Head of the Odesa Regional Military Administration", "Ukraine")], None)}),
    ("Голова Львівської ОДА Максим Козицький зустрів делегацію.",
     {"Максим Козицький": ([("Head of the Lviv Regional Military Administration", "Ukraine")], None)}),
    # "Defence Secretary": the minister but in India and Pakistan
    ("British Defence Secretary John Healey arrived in Kyiv.",
     {"John Healey": ([("Secretary of State for Defence", "United Kingdom")], None)}),
    ("Indian Defence Secretary Rajesh Kumar Singh chaired the review.",
     {"Rajesh Kumar Singh": ([("Defence Secretary", "India")], None)}),
    # an abbreviation the text defined names the body ("AFP" alone is also a news agency)
    ("The funds modernize the Armed Forces of the Philippines (AFP). AFP Chief of Staff Gen. Romeo Brawner Jr. "
     "attended.", {"Romeo Brawner Jr.": ([("Chief of Staff of the Armed Forces of the Philippines", "Philippines")],
                                        "General")}),
    ("AFP Chief of Staff Gen. Romeo Brawner Jr. attended.", {"Romeo Brawner Jr.": ([], "General")}),
    # a call sign in quotes between the first name and the surname is no part of the name
    ("Ukraine's commander of the Unmanned Systems Forces Major Robert \"Madyar\" Brovdi said drones matter.",
     {"Robert Brovdi": ([("Commander of the Unmanned Systems Forces", "Ukraine")], "Major")}),
    # ... but quotes after a word that is no first name stay out of any name
    ("The Norwegian company Nammo «Raufoss» Norway delivered shells.", {}),
    # the last word of a name that an acronym of the lexicon spells in capitals ("UN") is still a name word, and
    # the acronym itself is not
    ("Andrei Belousov met Kim Jong Un in Pyongyang.", {"Andrei Belousov": ([], None), "Kim Jong Un": ([], None)}),
    ("The UN welcomed the talks, Andrei Belousov said.", {"Andrei Belousov": ([], None)}),
    # a counterpart "from" a country, before or after the name, is that country's holder of the title
    ("Romanian Defence Minister Ionut Mosteanu met his counterpart from Moldova, Anatolie Nosatii.",
     {"Ionut Mosteanu": ([("Minister of National Defence", "Romania")], None),
      "Anatolie Nosatii": ([("Minister of Defence", "Moldova")], None)}),
    ("Romanian Defence Minister Ionut Mosteanu met Anatolie Nosatii, his counterpart from Moldova.",
     {"Ionut Mosteanu": ([("Minister of National Defence", "Romania")], None),
      "Anatolie Nosatii": ([("Minister of Defence", "Moldova")], None)}),
    ("Romanian Defence Minister Ionut Mosteanu met Anatolie Nosatii, his Moldovan counterpart, in Bucharest.",
     {"Ionut Mosteanu": ([("Minister of National Defence", "Romania")], None),
      "Anatolie Nosatii": ([("Minister of Defence", "Moldova")], None)}),
    # ... but travelling "from" a country says nothing of anyone's office
    ("Romanian Defence Minister Ionut Mosteanu travelled from Moldova, Anatolie Nosatii said.",
     {"Ionut Mosteanu": ([("Minister of National Defence", "Romania")], None), "Anatolie Nosatii": ([], None)}),
    # counterparts of two countries, then two names: in that order
    ("Lithuanian Defence Minister Dovile Sakaliene met her Latvian and Estonian counterparts, Andris Spruds and "
     "Hanno Pevkur.",
     {"Dovile Sakaliene": ([("Minister of National Defence", "Lithuania")], None),
      "Andris Spruds": ([("Minister of Defence", "Latvia")], None),
      "Hanno Pevkur": ([("Minister of Defence", "Estonia")], None)}),
    # a given name that is also a weapon system's name is still a name word; the system is no person
    ("Indian Defence Minister Rajnath Singh met Army chief General Arjun Kumar in New Delhi.",
     {"Rajnath Singh": ([("Minister of Defence", "India")], None), "Arjun Kumar": ([], "General")}),
    ("Singapore Prime Minister Lee Hsien Loong spoke.",
     {"Lee Hsien Loong": ([("Prime Minister", "Singapore")], None)}),
    ("India delivered Akash air defence systems and Arjun tanks to Armenia, Rajnath Singh said.",
     {"Rajnath Singh": ([], None)}),
    # no counterparts: two names after "met" hold no title
    ("Lithuanian Defence Minister Dovile Sakaliene met Andris Spruds and Hanno Pevkur in Riga.",
     {"Dovile Sakaliene": ([("Minister of National Defence", "Lithuania")], None),
      "Andris Spruds": ([], None), "Hanno Pevkur": ([], None)}),
])
def test_offices_and_ranks(record_of, text, expected):
    assert persons(record_of(text)) == expected


@pytest.mark.parametrize("text, name, forms", [
    ("Sébastien Lecornu arrived. Later Lecorneuil said the talks went well, Lecornu added.",
     "Sébastien Lecornu", {"Sébastien Lecornu", "Lecorneuil", "Lecornu"}),
    ("Рустем Умєров прибув до Парижа. Лекорню зустрівся з Умєровим.", "Рустем Умєров",
     {"Рустем Умєров", "Умєровим"}),
    # a genitive man's name beside a genitive surname in -я; a woman's name beside an indeclinable surname
    ("Міністр оборони Денис Шмигаль прибув. Заява Дениса Шмигаля пролунала.", "Денис Шмигаль",
     {"Денис Шмигаль", "Дениса Шмигаля"}),
    ("Перша віцепрем'єрка Юлія Свириденко виступила. Юлія Свириденко додала.", "Юлія Свириденко",
     {"Юлія Свириденко"}),
    # a first name in the nominative keeps an indeclinable surname as written
    ("Засідання очолив міністр оборони Великої Британії Джон Гілі. Зустріч з Джоном Гілі тривала годину.",
     "Джон Гілі", {"Джон Гілі", "Джоном Гілі"}),
    # a foreign first name declined with a double surname, and the double surname alone
    ("Шмигаль провів зустріч з міністром оборони Данії Троелсом Лундом Поульсеном. «Дякую», – заявив "
     "Лунд Поульсен.", "Троелс Лунд Поульсен", {"Троелсом Лундом Поульсеном", "Лунд Поульсен"}),
    # a foreign woman's first name in the instrumental, beside an indeclinable surname
    ("Зеленський зустрівся з прем'єр-міністеркою Італії Джорджею Мелоні.", "Джорджа Мелоні",
     {"Джорджею Мелоні"}),
    # a surname the dictionary only guesses at (an "abbreviation") is still a surname
    ("Прем'єр-міністр Великої Британії Ріші Сунак прибув. Зеленський зустрівся з Ріші Сунаком.", "Ріші Сунак",
     {"Ріші Сунак", "Ріші Сунаком"}),
])
def test_surnames_attach_to_the_full_name(record_of, text, name, forms):
    rec = record_of(text)
    person = next(e for e in rec.entities if e.kind == "person" and e.name == name)
    assert forms <= set(person.forms)


def test_bare_unknown_surname_is_not_a_person(record_of):
    rec = record_of("Zelensky said the situation was difficult. Officials in Kyiv agreed.")
    assert [e for e in rec.entities if e.kind == "person"] == []


@pytest.mark.parametrize("short, full, expected", [
    ("Lecorneuil", "Lecornu", True),
    ("Lecorne", "Lecornu", True),
    ("Умєровим", "Умєров", True),
    ("Horbatyuk", "Horbatiuk", True),
    ("Kuleba", "Umerov", False),
    ("Shmyhal", "Shevtsov", False),
])
def test_surname_fits(short, full, expected):
    assert surname_fits(short, full) is expected


@pytest.mark.parametrize("text, expected", [
    # a country written inside a title
    ("Adm. Kim Myung-soo, chairman of the South Korean Joint Chiefs of Staff, and Gen. Charles Q. Brown Jr., "
     "chairman of the U.S. Joint Chiefs of Staff, held talks.",
     {"Kim Myung-soo": ([("Chairman of the Joint Chiefs of Staff", "South Korea")], "Admiral"),
      "Charles Q. Brown Jr.": ([("Chairman of the Joint Chiefs of Staff", "United States")], "General")}),
    ("The meeting was attended by the chief of Poland's general staff, Gen. Wiesław Kukuła.",
     {"Wiesław Kukuła": ([("Chief of the General Staff", "Poland")], "General")}),
    # "United States Secretary of Defense" is no "State Secretary"
    ("United States Secretary of Defense Pete Hegseth arrived in Manila.",
     {"Pete Hegseth": ([("Secretary of Defense", "United States")], None)}),
    # an apposition that names the country first
    ("Adm. David Johnston, Australia's Chief of the Defence Force, was also present.",
     {"David Johnston": ([("Chief of the Defence Force", "Australia")], "Admiral")}),
    # "adviser to President X": the adviser is someone else
    ("Shin Won-sik, who now serves as national security adviser to President Yoon Suk Yeol, spoke.",
     {"Shin Won-sik": ([("National Security Adviser", None)], None), "Yoon Suk Yeol": ([("President", None)], None)}),
    # a country adjective after a preposition qualifies the title that follows it ...
    ("Umerov spoke to French Defence Minister Jean Dupont about air defence.",
     {"Jean Dupont": ([("Minister of the Armed Forces", "France")], None)}),
    ("Рустем Умєров поспілкувався з аргентинським міністром оборони Святославом Лінханеллі.",
     {"Рустем Умєров": ([], None), "Святослав Лінханеллі": ([("Minister of Defence", "Argentina")], None)}),
    # ... a capitalised country noun after one is where someone goes
    ("Під час візиту до Польщі міністр оборони Рустем Умєров обговорив питання ППО.",
     {"Рустем Умєров": ([("Minister of Defence", "Ukraine")], None)}),
    # a bare national title: the country the text names most whose same title nobody else holds
    ("Minister of National Defence Angel Tîlvăr met in Bucharest on Thursday with Ukraine's Minister of Defence "
     "Rustem Umerov. Ukraine thanked Romania.",
     {"Angel Tîlvăr": ([("Minister of National Defence", "Romania")], None),
      "Rustem Umerov": ([("Minister of Defence", "Ukraine")], None)}),
    ("Міністр оборони України Рустем Умєров зустрівся з міністром оборони Святославом Лінханеллі. "
     "Аргентина передасть Україні системи ППО.",
     {"Рустем Умєров": ([("Minister of Defence", "Ukraine")], None),
      "Святослав Лінханеллі": ([("Minister of Defence", "Argentina")], None)}),
    # two titles in one apposition; an office of a body of no country takes none
    # (and the surname said after it is no title holder of its own)
    ("Oleksandr Syrskyi spoke with Gen. Christopher Cavoli, NATO's Supreme Allied Commander Europe (SACEUR) and "
     "head of U.S. European Command, Syrskyi wrote.",
     {"Oleksandr Syrskyi": ([], None),
      "Christopher Cavoli": ([("Commander of United States European Command", "United States"),
                              ("Supreme Allied Commander Europe", None)], "General")}),
    # "armed forces" inside the title of a body of no country are no country's armed forces
    ("Олександр Сирський провів відеоконференцію з Верховним головнокомандувачем об'єднаних збройних сил НАТО в "
     "Європі генералом Алексусом Гринкевичем.",
     {"Олександр Сирський": ([], None), "Алексус Гринкевич": ([("Supreme Allied Commander Europe", None)], "General")}),
])  # fmt: skip
def test_titles_with_a_country_inside_or_before(record_of, text, expected):
    assert persons(record_of(text)) == expected


def test_a_national_outlet_gives_bare_titles_its_country(record_of):
    text = ("Yonhap News Agency\n\nWASHINGTON, Oct. 30 (Yonhap) -- Defense Minister Kim Yong-hyun and U.S. Secretary "
            "of Defense Lloyd J. Austin III held talks at the Pentagon on Wednesday.")
    got = persons(record_of(text, "2024-10-31"))
    assert got["Kim Yong-hyun"] == ([("Minister of National Defense", "South Korea")], None)
    assert got["Lloyd J. Austin III"] == ([("Secretary of Defense", "United States")], None)


@pytest.mark.parametrize("page, person, expected", [
    ("THE STRAITS TIMES\n\nSingapore\n\nDefence Minister Ng Eng Hen hosted Philippine Secretary of National Defense "
     "Gilberto Teodoro. Mr Teodoro later called on Prime Minister Lawrence Wong.",
     "Lawrence Wong", [("Prime Minister", "Singapore")]),
    ("nippon.com\nYour Doorway to Japan\n\nDefense Minister Koizumi Shinjiro met US Secretary of War Pete Hegseth "
     "in Tokyo. Hegseth also paid a courtesy call on Prime Minister Takaichi Sanae.",
     "Sanae Takaichi", [("Prime Minister", "Japan")]),
    ("КРАСНАЯ ЗВЕЗДА\n\nМинистр обороны Андрей Белоусов провел переговоры с министром обороны Индии Раджнатом "
     "Сингхом.", "Андрей Белоусов", [("Minister of Defence", "Russia")]),
    # the outlet's country has one foreign minister: a second bare title goes to the other country named
    ("U.S. Department of Defense\n\nThe Secretary looked forward to the U.S.-Japan Security Consultative Committee "
     "later today with Secretary of State Antony J. Blinken and Minister for Foreign Affairs Kamikawa Yoko.",
     "Yoko Kamikawa", [("Minister for Foreign Affairs", "Japan")]),
])  # fmt: skip
def test_more_national_outlets_give_bare_titles_their_country(record_of, page, person, expected):
    assert persons(record_of(page, "2025-06-26"))[person][0] == expected


@pytest.mark.parametrize("text, expected", [
    ("Indian Ambassador to Saudi Arabia Suhel Ajaz Khan also attended.",
     {"Suhel Ajaz Khan": ([("Ambassador of India to Saudi Arabia", "India")], None)}),
    ("Valerii Zaluzhnyi, Ukraine's ambassador to the UK, attended.",
     {"Valerii Zaluzhnyi": ([("Ambassador of Ukraine to the United Kingdom", "Ukraine")], None)}),
    ("Посол України у Великій Британії Валерій Залужний взяв участь.",
     {"Валерій Залужний": ([("Ambassador of Ukraine to the United Kingdom", "Ukraine")], None)}),
    # the country after "to" is the posting, not the envoy's own
    ("Ambassador to Ukraine Bridget Brink met the minister.",
     {"Bridget Brink": ([("Ambassador to Ukraine", None)], None)}),
])  # fmt: skip
def test_envoys_are_posted_to_a_country(record_of, text, expected):
    assert persons(record_of(text)) == expected


@pytest.mark.parametrize("text, expected", [
    # a known first name whose lemma is also a lexicon word or whose first parse is no name
    ("Рустем Умєров зустрівся з міністром оборони Аргентини Іваном Петренком у Києві.", "Іван Петренко"),
    ("Рустем Умєров зустрівся з міністром оборони Аргентини Богданом Коваленком у Києві.", "Богдан Коваленко"),
    ("Рустем Умєров зустрівся з міністром оборони Аргентини Софією Петренко у Києві.", "Софія Петренко"),
])  # fmt: skip
def test_declined_first_names_start_a_name(record_of, text, expected):
    assert expected in persons(record_of(text, language="uk"))


@pytest.mark.parametrize("byline, author_kept", [
    ("By Megan Rossi", False),
    ("Reporting by Megan Rossi", False),
    ("", True),  # no byline: a person the text names is a person
])
def test_the_author_of_a_byline_is_no_actor(record_of, byline, author_kept):
    text = (f"Ukraine and US sign deal on co-production\n\n{byline}\n\nWASHINGTON — Oleksandr Kamyshin held talks "
            "with William LaPlante on Wednesday, the Pentagon said.\n\nAbout Megan Rossi\n\nMegan Rossi covers "
            "acquisition and the defense industry for Defense News. She previously reported on Congress.")
    names = {e.name for e in record_of(text, published="2023-12-06", language="en").entities if e.kind == "person"}
    assert {"Oleksandr Kamyshin", "William LaPlante"} <= names
    assert ("Megan Rossi" in names) is author_kept


@pytest.mark.parametrize("text, name, office", [
    ("They were joined by NATO's Supreme Allied Commander Europe, US Air Force General Alexus Grynkewich.",
     "Alexus Grynkewich", "Supreme Allied Commander Europe"),
    ("The Chief of the Defence Staff, Royal Navy Admiral Tony Radakin, met Oleksandr Syrskyi.",
     "Tony Radakin", "Chief of the Defence Staff"),
])
def test_a_title_reaches_its_holder_over_the_service_and_rank(record_of, text, name, office):
    got = persons(record_of(text, published="2025-09-24", language="en"))
    offices, rank = got[name]
    assert [title for title, _ in offices] == [office] and rank is not None
    assert "Royal" not in got  # "Royal Navy" is a service, not a person


@pytest.mark.parametrize("text, name, office", [
    ("Department of National Defense (DND) Secretary Gilberto Teodoro met Pete Hegseth in Manila.",
     "Gilberto Teodoro", ("Secretary of National Defense", "Philippines")),
    ("Philippine Department of National Defense Secretary Gilberto Teodoro met Pete Hegseth.",
     "Gilberto Teodoro", ("Secretary of National Defense", "Philippines")),
])
def test_a_body_and_a_head_word_name_the_body_s_head(record_of, text, name, office):
    offices, _ = persons(record_of(text, published="2025-03-28", language="en"))[name]
    assert offices == [office]


def test_every_body_head_office_is_an_office_of_a_body_kind_in_use():
    from ddgraph.ingest.extract.match import load_defaults
    from ddgraph.ingest.lexicon import load_lexicon

    lex = load_lexicon()
    kinds = {o.attr("org_kind") or o.attr("kind") for o in lex.organizations.values()}
    table = load_defaults()["body_head_offices"]
    assert table and set(table) <= kinds
    assert {office for heads in table.values() for office in heads.values()} <= set(lex.offices)


@pytest.mark.parametrize("text, language, name, office", [
    ("Defence Minister Denys Shmyhal replaced Rustem Umerov, who heads the NSDC.", "en",
     "Rustem Umerov", "Secretary of the National Security and Defense Council"),
    ("На цій посаді він змінив Рустема Умєрова, який очолив РНБО.", "uk",
     "Рустем Умєров", "Secretary of the National Security and Defense Council"),
    ("На этом посту он сменил Рустема Умерова, который возглавил СНБО.", "ru",
     "Рустем Умеров", "Secretary of the National Security and Defense Council"),
    # "headed", "очолював": maybe a post left since
    ("Oleksii Reznikov, who headed the NSDC in 2020, met Rustem Umerov.", "en", "Oleksii Reznikov", None),
    ("Олексій Резніков, який очолював РНБО у 2020 році, зустрівся з Рустемом Умєровим.", "uk", "Олексій Резніков",
     None),
])
def test_who_heads_a_body_holds_its_head_office(record_of, text, language, name, office):
    offices, _ = persons(record_of(text, published="2025-09-24", language=language))[name]
    assert [title for title, _ in offices] == ([office] if office else [])


@pytest.mark.parametrize("text, language, name", [
    ("Документ підписали президент Володимир Зеленський і тодішній прем'єр-міністр Великої Британії Ріші Сунак.",
     "uk", "Ріші Сунак"),
    ("Документ подписали президент Владимир Зеленский и тогдашний премьер-министр Великобритании Риши Сунак.",
     "ru", "Риши Сунак"),
])
def test_a_title_held_then_is_no_office_now(record_of, text, language, name):
    got = persons(record_of(text, published="2025-01-16", language=language))
    assert got[name][0] == [] and got[next(n for n in got if n != name)][0]  # the president keeps his
