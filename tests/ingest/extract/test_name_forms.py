"""Name forms of official English (and Ukrainian) within one article: possessives,
titles, initials, middle initials, generational suffixes, one-letter typos, Arabic names."""

import pytest

from ddgraph.ingest.extract.surnames import surname_fits


def people(record) -> dict[str, set[str]]:
    """Person name -> its surface forms."""
    return {e.name: set(e.forms) for e in record.entities if e.kind == "person"}


@pytest.mark.parametrize("text, expected", [
    # possessives: the "'s" (either apostrophe) is no part of the name
    ("President Joe Biden's envoy arrived in Kyiv on Monday.", {"Joe Biden": {"Joe Biden"}}),
    ("French President Emmanuel Macron’s visit was announced. Macron’s team confirmed it.",
     {"Emmanuel Macron": {"Emmanuel Macron", "Macron"}}),
    # honorific + initial: the initial's full name of the article; "Mr." is never a name
    (("Ukraine's Defense Minister Rustem Umerov arrived in Vilnius. Defense Minister Mr. R. Umerov said the talks "
      "were useful."), {"Rustem Umerov": {"Rustem Umerov", "R. Umerov"}}),
    ("Russian Defense Minister Andrei Belousov spoke on Monday. Later, Mr. A. Belousov said the army would respond.",
     {"Andrei Belousov": {"Andrei Belousov", "A. Belousov"}}),
    # an initial with no full name of the article is a person of its own
    ("Minister of Defence of Ukraine Mr. R. Umerov signed the memorandum. Mr. Umerov thanked Lithuania.",
     {"R. Umerov": {"R. Umerov", "Umerov"}}),
    # another first letter is another person; two full names with the letter leave the initial unresolved
    ("Rustem Umerov visited Kyiv on Monday. Later, Mr. O. Umerov spoke to the press.",
     {"Rustem Umerov": {"Rustem Umerov"}, "O. Umerov": {"O. Umerov"}}),
    (("Rustem Umerov and Roman Umerov visited Kyiv on Monday. Later, Defense Minister Mr. R. Umerov spoke to the "
      "press."), {"Rustem Umerov": {"Rustem Umerov"}, "Roman Umerov": {"Roman Umerov"}}),
    # a Korean or Chinese name is later called by its family name, which comes first
    ("Singapore's Defence Minister Dr Ng Eng Hen met South Korea's Defence Minister Shin Won-sik. Dr Ng said "
     "Mr Shin had been a good friend.",
     {"Ng Eng Hen": {"Ng Eng Hen", "Ng"}, "Shin Won-sik": {"Shin Won-sik", "Shin"}}),
    # office and rank abbreviations before the name
    ("SecDef Lloyd Austin arrived in Kyiv on Monday.", {"Lloyd Austin": {"Lloyd Austin"}}),
    ("SecDef Lloyd Austin arrived in Kyiv. Gen. C. Q. Brown Jr. joined him.",
     {"Lloyd Austin": {"Lloyd Austin"}, "C. Q. Brown Jr.": {"C. Q. Brown Jr."}}),
    # a given-name title: "Prince" is no name; "Prince Khalid" is the one full name with that first name
    (("Saudi Defense Minister Prince Khalid bin Salman met Rustem Umerov. Prince Khalid said the talks were "
      "productive."), {"Khalid bin Salman": {"Khalid bin Salman", "Khalid"}, "Rustem Umerov": {"Rustem Umerov"}}),
    # ... named before the other Khalid, and the same words keep naming him afterwards
    (("Prince Khalid bin Salman held talks in Riyadh. Prince Khalid discussed the partnership. The talks were "
      "attended by Prince Khalid bin Bandar. Prince Khalid wrote on X."),
     {"Khalid bin Salman": {"Khalid bin Salman", "Khalid"}, "Khalid bin Bandar": {"Khalid bin Bandar"}}),
    # ... but not a full name given without a title ("King Charles" is not Charles Michel)
    (("Prince Khalid bin Salman met King Charles and Charles Michel in London. Later, King Charles and Prince Khalid "
      "spoke to the press."),
     {"Khalid bin Salman": {"Khalid bin Salman", "Khalid"}, "Charles Michel": {"Charles Michel"}}),
    # middle initials
    ("U.S. Defense Secretary Lloyd J. Austin met Rustem Umerov in Kyiv. Lloyd Austin said the aid would continue.",
     {"Lloyd J. Austin": {"Lloyd J. Austin", "Lloyd Austin"}, "Rustem Umerov": {"Rustem Umerov"}}),
    # generational suffixes are part of the name; two suffixes are two persons
    ("Chairman of the Joint Chiefs of Staff Gen. Charles Q. Brown Jr. visited Brussels. Brown said NATO was strong.",
     {"Charles Q. Brown Jr.": {"Charles Q. Brown Jr.", "Brown"}}),
    ("Charles Q. Brown Jr. met Charles Brown Sr. in Washington on Monday.",
     {"Charles Q. Brown Jr.": {"Charles Q. Brown Jr."}, "Charles Brown Sr.": {"Charles Brown Sr."}}),
    # ... and the name without one, beside both, is neither
    ("Charles Q. Brown Jr. met Charles Brown Sr. in Washington on Monday. Charles Brown said the talks went well.",
     {"Charles Q. Brown Jr.": {"Charles Q. Brown Jr."}, "Charles Brown Sr.": {"Charles Brown Sr."},
      "Charles Brown": {"Charles Brown"}}),
    # one-letter typos of a long surname in the same article
    ("German Defense Minister Boris Pistorius visited Kyiv. Pistroius said more Patriots would come.",
     {"Boris Pistorius": {"Boris Pistorius", "Pistroius"}}),
    ("Lithuanian Defense Minister Laurynas Kasčiūnas visited Kyiv. Kačsiūnas said Vilnius would help.",
     {"Laurynas Kasčiūnas": {"Laurynas Kasčiūnas", "Kačsiūnas"}}),
    ("Commander-in-Chief Oleksandr Syrskyi met the delegation. Syrksyi said the front was stable.",
     {"Oleksandr Syrskyi": {"Oleksandr Syrskyi", "Syrksyi"}}),
    # Arabic names: first name + nasab, three different people
    ("Saudi Chief of General Staff Gen. Fayyadh bin Hamed Al-Ruwaili met Oleksandr Syrskyi in Riyadh.",
     {"Fayyadh bin Hamed Al-Ruwaili": {"Fayyadh bin Hamed Al-Ruwaili"}, "Oleksandr Syrskyi": {"Oleksandr Syrskyi"}}),
    ("Prince Khalid bin Salman's talks with Prince Khalid bin Bandar and Crown Prince Mohammed bin Salman ended.",
     {"Khalid bin Salman": {"Khalid bin Salman"}, "Khalid bin Bandar": {"Khalid bin Bandar"},
      "Mohammed bin Salman": {"Mohammed bin Salman"}}),
    ("European Commission President Ursula von der Leyen said the EU would help.",
     {"Ursula von der Leyen": {"Ursula von der Leyen"}}),
    # Japanese names written family name first are read given name first; "Gen" is a given name there
    ("Defense Minister Nakatani Gen held talks in Tokyo under Prime Minister Ishiba Shigeru.",
     {"Gen Nakatani": {"Nakatani Gen"}, "Shigeru Ishiba": {"Ishiba Shigeru"}}),
    ("Japan's Minister of Defense, Gen Nakatani, met Richard Marles.",
     {"Gen Nakatani": {"Gen Nakatani"}, "Richard Marles": {"Richard Marles"}}),
    # ... while a dotless "Gen" before any other surname stays a rank
    ("Gen Sir Roly Walker met Rustem Umerov.", {"Roly Walker": {"Roly Walker"}, "Rustem Umerov": {"Rustem Umerov"}}),
    # "the Hon" is an honorific
    ("Minister for Defence, the Hon Richard Marles MP, met Gen Nakatani.",
     {"Richard Marles": {"Richard Marles"}, "Gen Nakatani": {"Gen Nakatani"}}),
])  # fmt: skip
def test_english_name_forms(record_of, text, expected):
    assert people(record_of(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("Міністр оборони України Рустем Умєров прибув до Вільнюса. Р. Умєров заявив, що переговори були корисними.",
     {"Рустем Умєров": {"Рустем Умєров", "Р. Умєров"}}),
    (("Умєров зустрівся з міністром оборони Саудівської Аравії принцом Халідом бін Салманом. Принц Халід подякував "
      "Україні за співпрацю."), {"Халід бін Салман": {"Халідом бін Салманом", "Халід"}}),
    (("Голова Об'єднаного комітету начальників штабів США генерал Чарльз К. Браун-молодший прибув до Києва. "
      "Генерал Браун заявив про підтримку України."),
     {"Чарльз К. Браун-молодший": {"Чарльз К. Браун-молодший", "Браун"}}),
    ("Головнокомандувач ЗСУ Олександр Сирський провів нараду. Сирксий заявив, що ситуація на фронті складна.",
     {"Олександр Сирський": {"Олександр Сирський", "Сирксий"}}),
    # a foreign first name the dictionary does not know takes its surname's case ending off
    ("Олександр Сирський провів відеоконференцію з генералом Алексусом Гринкевичем.",
     {"Олександр Сирський": {"Олександр Сирський"}, "Алексус Гринкевич": {"Алексусом Гринкевичем"}}),
    # two surnames side by side, each of a person named in full before: two persons, not a third one
    (("Рустем Умєров провів зустріч з міністром оборони Великої Британії Джоном Гілі. Під час переговорів з "
      "Умєровим Гілі підтвердив постачання дронів."),
     {"Рустем Умєров": {"Рустем Умєров", "Умєровим"}, "Джон Гілі": {"Джоном Гілі", "Гілі"}}),
])  # fmt: skip
def test_ukrainian_name_forms(record_of, text, expected):
    assert people(record_of(text, language="uk")) == expected


@pytest.mark.parametrize("text, rank", [
    ("Saudi Chief of General Staff Gen. Fayyadh bin Hamed Al-Ruwaili met Oleksandr Syrskyi in Riyadh.", "General"),
    ("The Chairman of the Joint Chiefs of Staff, Gen. C. Q. Brown Jr., arrived in Kyiv.", "General"),
])
def test_rank_before_initials_or_a_nasab(record_of, text, rank):
    rec = record_of(text)
    person = next(e for e in rec.entities if e.kind == "person" and "Syrskyi" not in e.name)
    assert [f.object for f in rec.facts if f.subject == person.key and f.predicate == "rank"] == [rank]


@pytest.mark.parametrize("short, full, miss, other", [
    ("Pistroius", "Pistorius", "Pistroisu", "Pistorius"),  # two letters swapped; two typos do not fit
    ("Kačsiūnas", "Kasčiūnas", "Kačsiūans", "Kasčiūnas"),
    ("Syrksyi", "Syrskyi", "Kyrskyi", "Syrskyi"),          # the first letter must agree
    ("Kuelba", "Kuleba", "Tsuk", "Tusk"),                  # short surnames that differ are different names
    ("Pevkru", "Pevkur", "Rtute", "Rutte"),
])  # fmt: skip
def test_one_letter_typos_of_long_surnames_fit(short, full, miss, other):
    assert surname_fits(short, full) and not surname_fits(miss, other)
