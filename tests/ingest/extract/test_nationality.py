"""A bare title of a well-known official takes his country; the text's own country wins."""

import pytest

from tests.ingest.extract.conftest import persons


@pytest.mark.parametrize("text, language, expected", [
    ("Rajnath Singh later called on President Vladimir Putin in the Kremlin.", "en",
     {"Vladimir Putin": ([("President", "Russia")], None), "Rajnath Singh": ([], None)}),
    ("The visit follows a trip by Prime Minister Keir Starmer to Riyadh.", "en",
     {"Keir Starmer": ([("Prime Minister", "United Kingdom")], None)}),
    # a Ukrainian article's default (Ukraine) gives way to the known country
    ("Прем'єр-міністр Кір Стармер прибув до Києва.", "uk",
     {"Кір Стармер": ([("Prime Minister", "United Kingdom")], None)}),
    # a country the text states is kept, and unknown people keep a bare title
    ("Former US envoy and now Russian President Vladimir Putin spoke.", "en",
     {"Vladimir Putin": ([("President", "Russia")], None)}),
    ("President Alar Karis of nowhere and President John Doe met.", "en",
     {"Alar Karis": ([("President", "Estonia")], None), "John Doe": ([("President", None)], None)}),
])
def test_bare_titles_of_known_officials(record_of, text, language, expected):
    assert persons(record_of(text, language=language)) == expected
