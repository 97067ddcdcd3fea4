"""Quotations and their speakers."""

import pytest



def said(record):
    return [(record.entity(f.subject).name, f.object) for f in record.facts if f.predicate == "said"]


@pytest.mark.parametrize("text, expected", [
    ('Rustem Umerov met Boris Pistorius in Kyiv. "Air defense remains our top priority this winter," Umerov said.',
     [("Rustem Umerov", "Air defense remains our top priority this winter")]),
    ('Ukraine\'s Defense Minister Rustem Umerov met German Defense Minister Boris Pistorius. "Germany will stay with Ukraine for as long '
     'as it takes," the German minister said.',
     [("Boris Pistorius", "Germany will stay with Ukraine for as long as it takes")]),
    ('Рустем Умєров зустрівся з Борисом Пісторіусом. «Німеччина залишається нашим надійним партнером», '
     '– зазначив Умєров.', [("Рустем Умєров", "Німеччина залишається нашим надійним партнером")]),
    ('According to Rustem Umerov, "this assistance will certainly bring our victory closer."\n\n'
     'Boris Pistorius, in turn, emphasized the importance of air defense.',
     [("Rustem Umerov", "this assistance will certainly bring our victory closer.")]),
    ('The banner read "Slava Ukraini and glory to the heroes" at the square.', []),
])
def test_quotes_go_to_the_speaker_the_text_gives(record_of, text, expected):
    assert said(record_of(text, language="uk" if "Умєров" in text else "en")) == expected
