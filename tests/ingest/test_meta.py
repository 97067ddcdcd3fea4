"""Tests of ingest/meta.py: dates and publishers from page headers, relative dates."""

from __future__ import annotations

from pathlib import Path

import pytest

from ddgraph.ingest.meta import (
    canonical_outlet,
    dates_in,
    find_published,
    find_publisher,
    parse_date,
    resolve_relative_date,
)

ARTICLES = Path(__file__).parents[2] / "data" / "articles"
BODY = "Ukraine's Defense Minister met his French counterpart in Paris to discuss air defense."
UK_BODY = "Міністр оборони України провів зустріч із французьким колегою у Парижі в середу."


def seed(prefix: str) -> str:
    (path,) = ARTICLES.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize(("text", "iso"), [
    (" date 2024-09-02", "2024-09-02"),
    ("19:57 26.03.2025", "2025-03-26"),
    ("09:19 29.09.2023", "2023-09-29"),
    ("26 March 2025, 19:57", "2025-03-26"),
    ("March 26, 2025 7:57 PM", "2025-03-26"),
    ("Sept. 2, 2024", "2024-09-02"),
    ("26 березня 2025", "2025-03-26"),
    ("Понеділок, 2 вересня 2024, 10:15", "2024-09-02"),
    ("2025-03-26T19:57:00+02:00", "2025-03-26"),
    ("2023/11/21 - 10:15", "2023-11-21"),  # year first with slashes
    ("2024.05.14 12:00", "2024-05-14"),
    ("03/26/2025", "2025-03-26"),  # cannot be day first
    ("05/03/2025", "2025-03-05"),  # day first when ambiguous
    ("31.02.2025", None),
    ("Starmer announces meeting on March 2", None),
    ("вчора о 12:30", None),
    ("20084 views", None),
])
def test_parse_date(text, iso):
    assert parse_date(text, "en") == iso


def test_dates_in_gives_spans():
    assert dates_in("19:57 26.03.2025, оновлено 27 березня 2025") == [
        (6, 16, "2025-03-26"), (27, 42, "2025-03-27")]


@pytest.mark.parametrize(("prefix", "iso"), [
    ("000", "2024-09-02"), ("001", None), ("002", None), ("003", "2023-09-29"), ("004", "2025-03-26")])
def test_find_published_on_seeds(prefix, iso):
    assert find_published(seed(prefix), None) == iso


@pytest.mark.parametrize(("raw", "iso"), [
    (f"Minister meets counterpart\n\n26 March 2025, 19:57\n\n{BODY}", "2025-03-26"),
    (f"Міністри обговорили оборону\n\n26 березня 2025 19:57\n\n{UK_BODY}", "2025-03-26"),
    (f"Published: 2025-03-26T19:57:00\n\n{BODY}", "2025-03-26"),
    # the header's last date is the article's; dates of other stories below the body do not count
    (f"10:00 01.01.2025\nOther story\n\n19:57 26.03.2025\n\nTitle\n\n{BODY}\n\n20:59 27.03.2025\nOther", "2025-03-26"),
    (f"Title\n\n{BODY}\n\nMORE ABOUT\n\n20:59 27.03.2025\nOther story", None),
    (f"Title\n\n{BODY} It happened on 26 March 2025.", None),  # a date in the body is the event's
    (f"Title\n\nMon 2 Sep 2024\n\n{BODY}", "2024-09-02"),  # dateparser fallback
    (f"Title\n\n{BODY}\n\n12.06.2024 15:42\n\nPhoto: Agency\n\n{BODY}", "2024-06-12"),  # stamp after a lead teaser
    (f"Title\n\n{BODY}\n\nOn 12.06.2024 it rained\n\n{BODY}", None),
    # two stamps after a lead teaser: the one that cannot be read two ways ("06/12/2025" is June or December)
    (f"Title\n\n{BODY}\n\n06/12/2025\nJune 12, 2025\n\n{BODY}", "2025-06-12"),
    # a byline with its date after a lead teaser
    (f"Title\n\n{BODY}\n\nBy Tim Martin on November 13, 2025 at 9:41 AM\n\n{BODY}", "2025-11-13"),
    # ... or the newsroom's city before a bar and the stamp
    (f"Title\n\n{BODY}\n\nWritten by Karan Mehrotra\nNew Delhi | Updated: June 27, 2025 06:12 IST\n\n{BODY}",
     "2025-06-27"),
    (f"Title\n\n{BODY}\n\nDefence | Politics | 12 June 2025 was a date\n\n{BODY}", None),
    # a wire dateline opening the body: the city, the date, a dash (the agency in brackets before it)
    (f"Title\n\nKYIV, 12 June 2025 — {BODY}", "2025-06-12"),
    (f"Title\n\nWARSAW, March 3, 2025 (PAP) - {BODY}", "2025-03-03"),
    (f"Title\n\nNEW DELHI, 3 March 2025 – {BODY}", "2025-03-03"),
    (f"Title\n\nThe talks of 3 March 2025 — in Kyiv — were long. {BODY}", None),  # no dateline: an event's date
    (f"Title\n\nKYIV, 12 June 2025 the minister said {BODY}", None),  # no dash after the date
])
def test_find_published(raw, iso):
    assert find_published(raw, "en") == iso


@pytest.mark.parametrize(("prefix", "outlet"), [
    ("000", "Ukrinform"), ("001", "UNN"), ("002", None), ("003", None), ("004", "Interfax-Ukraine")])
def test_find_publisher_on_seeds(prefix, outlet):
    assert find_publisher(seed(prefix)) == outlet


@pytest.mark.parametrize(("raw", "outlet"), [
    (f"Kyiv • UNN\n\n{BODY}", "UNN"),
    (f"Київ • УНН\n\n{UK_BODY}", "UNN"),
    (f"Lviv · NEWSDESK\n\n{BODY}", "NEWSDESK"),  # an unknown outlet in a dateline
    (f"Home • News\n\n{BODY}", None),  # a menu, not a dateline
    (f"KYIV, Sept 2 (Reuters) - {BODY}", "Reuters"),
    (f"КИЇВ. 26 березня. ІНТЕРФАКС-УКРАЇНА - {UK_BODY}", "Interfax-Ukraine"),
    (f"(MENAFN- UkrinForm) {BODY}", "Ukrinform"),
    (f"Title\n\n26.03.2025 Kyiv Post\n\n{BODY}", "Kyiv Post"),
    (f"{BODY} Ukrinform reports with reference to the ministry.", "Ukrinform"),
    (f"{BODY}\n\nThe minister said this on X, Ukrinform saw.", "Ukrinform"),
    (f"Київ. 5 грудня. ІНТЕРФАКС-УКРАЇНА\n\n05.12.2024 12:10\n\n{UK_BODY}", "Interfax-Ukraine"),
    (f"{UK_BODY} Про це повідомляє Суспільне.", "Suspilne"),
    (f"{UK_BODY} Про це повідомляє кореспондент Укрінформу.", "Ukrinform"),
    (f"Zelensky told Reuters about talks\n\n{BODY}", None),  # an outlet inside a headline
    (BODY, None),
])
def test_find_publisher(raw, outlet):
    assert find_publisher(raw) == outlet


@pytest.mark.parametrize(("name", "outlet"), [
    ("UkrInform", "Ukrinform"), ("Інтерфакс-Україна", "Interfax-Ukraine"), ("Європейська правда", "Європейська правда"),
    ("AP", "AP"), ("ap", None), ("Unknown Gazette", None)])
def test_canonical_outlet(name, outlet):
    assert canonical_outlet(name) == outlet


@pytest.mark.parametrize(("phrase", "language", "iso"), [
    ("today", "en", "2025-03-26"),
    ("earlier today", "en", "2025-03-26"),
    ("yesterday", "en", "2025-03-25"),
    ("the day before yesterday", "en", "2025-03-24"),
    ("tomorrow", "en", "2025-03-27"),
    ("on Wednesday", "en", "2025-03-26"),  # 2025-03-26 is a Wednesday: the same day
    ("on Monday", "en", "2025-03-24"),
    ("on Thursday", "en", "2025-03-20"),  # the most recent Thursday before
    ("сьогодні", "uk", "2025-03-26"),
    ("вчора", "uk", "2025-03-25"),
    ("учора", "uk", "2025-03-25"),
    ("у середу", "uk", "2025-03-26"),
    ("в понеділок", "uk", "2025-03-24"),
    ("у п'ятницю", "uk", "2025-03-21"),
    ("у п’ятницю", "uk", "2025-03-21"),
    ("в неділю", None, "2025-03-23"),
    ("recently", "en", None),
    ("нещодавно", "uk", None),
])
def test_resolve_relative_date(phrase, language, iso):
    assert resolve_relative_date(phrase, "2025-03-26", language) == iso


def test_resolve_relative_date_needs_a_publication_date():
    assert resolve_relative_date("yesterday", None, "en") is None
    assert resolve_relative_date("yesterday", "not a date", "en") is None
    assert resolve_relative_date("yesterday", "2025-03-01T10:00:00", "en") == "2025-02-28"
