"""Agreements: type, parties and signatories, including those signed by "the ministers"."""

import pytest


def agreements(record) -> list[tuple[str, list[str], list[str]]]:
    """(type, party names, signatory names) of each agreement."""
    out = []
    for ev in record.events:
        if ev.kind == "agreement":
            out.append((ev.subtype, sorted(record.entity(k).name for k in ev.participants),
                        sorted(record.entity(k).name for k in ev.signatories)))
    return out


@pytest.mark.parametrize("text, expected", [
    # parties on each side of "between"
    ("A memorandum of understanding was signed between NATO and the European Union.",
     [("memorandum", ["European Union", "NATO"], [])]),
    # signatories named before the verb (parties: the bodies they speak for)
    ("Defense Minister Rustem Umerov and German Defence Minister Boris Pistorius signed a letter of intent in Kyiv.",
     [("letter-of-intent", ["Federal Ministry of Defence of Germany", "Ministry of Defence of Ukraine"],
       ["Boris Pistorius", "Rustem Umerov"])]),
    # "the ministers" / "сторони" signed: the participants of the meeting told before (parties: their ministries)
    ("Australian Defence Minister Richard Marles met Japan's Minister of Defense Gen Nakatani in Tokyo. "
     "The ministers signed a letter of intent on defence science and technology.",
     [("letter-of-intent", ["Department of Defence of Australia", "Ministry of Defense of Japan"],
       ["Gen Nakatani", "Richard Marles"])]),
    ("Міністр оборони України Рустем Умєров зустрівся з міністром оборони Литви Довіле Шакалене у Вільнюсі. "
     "Сторони підписали меморандум про співпрацю.",
     [("memorandum", ["Ministry of Defence of Ukraine", "Ministry of National Defence of Lithuania"],
       ["Довіле Шакалене", "Рустем Умєров"])]),
    # "this memorandum" after the signing is the memorandum just told, not a second one
    ("Latvian Defence Minister Andris Sprūds and Ukraine's Defence Minister Rustem Umerov signed a memorandum "
     "of understanding in Riga. "
     "\"This memorandum opens new markets for our companies,\" Sprūds said after the signing ceremony.",
     [("memorandum", ["Ministry of Defence of Latvia", "Ministry of Defence of Ukraine"],
       ["Andris Sprūds", "Rustem Umerov"])]),
    # "the memorandum" may be the first told, or the one that was only planned before
    ("Defence ministers Andris Sprūds and Hanno Pevkur will sign a memorandum of understanding next week. "
     "On Tuesday Latvian Defence Minister Andris Sprūds and Estonian Defence Minister Hanno Pevkur signed the "
     "memorandum of understanding on air defence in Riga.",
     [("memorandum", ["Ministry of Defence of Estonia", "Ministry of Defence of Latvia"],
       ["Andris Sprūds", "Hanno Pevkur"]),
      ("memorandum", ["Ministry of Defence of Estonia", "Ministry of Defence of Latvia"],
       ["Andris Sprūds", "Hanno Pevkur"])]),
    # the bodies after the document's name say what it is about: the parties are still the ministers'
    ("Міністр оборони України Денис Шмигаль провів зустріч з міністром оборони Норвегії Туре Сандвіком у Києві. "
     "Окремо міністри підписали угоду про спільне виробництво безпілотників на території Норвегії.",
     [("agreement", ["Ministry of Defence of Norway", "Ministry of Defence of Ukraine"],
       ["Денис Шмигаль", "Туре Сандвік"])]),
    ("Japan's Defense Minister Gen Nakatani met Philippine Defense Secretary Gilberto Teodoro in Manila. "
     "The two ministers signed a memorandum on the supply of radars from Japan.",
     [("memorandum", ["Department of National Defense of the Philippines", "Ministry of Defense of Japan"],
       ["Gen Nakatani", "Gilberto Teodoro"])]),
    # signatories with no office in the story: the listed leaders' countries
    ("Министры обсудили Договор о всеобъемлющем стратегическом партнерстве, который Владимир Путин и "
     "Ким Чен Ын подписали 19 июня в Пхеньяне.",
     [("agreement", ["North Korea", "Russia"], ["Владимир Путин", "Ким Чен Ын"])]),
    # a collective subject with no meeting before it signs nothing we can name
    ("The ministers signed a letter of intent on military mobility.", []),
    # a statement of intent is a letter of intent
    ("The U.S. and Ukraine signed a statement of intent to co-produce weapons and share technical data.",
     [("letter-of-intent", ["Ukraine", "United States"], [])]),
])  # fmt: skip
def test_agreements(record_of, text, expected):
    assert agreements(record_of(text, "2025-02-18")) == expected


@pytest.mark.parametrize("text, expected", [
    ("Defence Minister Rustem Umerov and Polish Defence Minister Władysław Kosiniak-Kamysz signed an agreement "
     "on drones.", "happened"),
    ("Defence Minister Rustem Umerov and Polish Defence Minister Władysław Kosiniak-Kamysz agreed that an "
     "intergovernmental agreement will be prepared and signed in the coming weeks.", "planned"),
    ("Defence Minister Rustem Umerov and Polish Defence Minister Władysław Kosiniak-Kamysz will sign an agreement "
     "on drones.", "planned"),
    ("The agreement, which will run for ten years, was signed by Defence Minister Rustem Umerov and Polish Defence "
     "Minister Władysław Kosiniak-Kamysz.", "happened"),  # the "will" of another clause
])  # fmt: skip
def test_agreement_status(record_of, text, expected):
    statuses = [ev.status for ev in record_of(text, "2025-02-18").events if ev.kind == "agreement"]
    assert statuses == [expected]


def test_a_party_named_twice_is_one_party_and_the_label_stops_at_a_bracket(record_of):
    record = record_of("India and France on Monday signed an Inter-Governmental Agreement (IGA) for the procurement "
                       "of 26 Rafale-Marine fighter jets for the Indian Navy.", "2025-04-28")
    assert [(ev.label, sorted(record.entity(k).name for k in ev.participants))
            for ev in record.events if ev.kind == "agreement"] == [("Agreement", ["France", "India"])]
