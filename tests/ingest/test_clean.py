"""Tests of ingest/clean.py: furniture is dropped by its form, body text is kept.

Synthetic snippets imitate the furniture of real news pages (EN and UK); the five
sample pages check the whole cleaner, and ``make_document`` on them the pipeline.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ddgraph.ingest.clean import clean_text, extract_html
from ddgraph.ingest.document import Article, make_document

ARTICLES = Path(__file__).parents[2] / "data" / "articles"

B1 = "Ukraine's Defense Minister met his French counterpart in Paris on Wednesday."
B2 = "The ministers discussed air defense, long-range capabilities and joint production of drones."
B3 = "The talks lasted two hours."
U1 = "Міністр оборони України провів зустріч із французьким колегою у Парижі в середу."
U2 = "Сторони обговорили протиповітряну оборону, далекобійні можливості та спільне виробництво."


def seed(prefix: str) -> str:
    (path,) = ARTICLES.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def body(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs)


@pytest.mark.parametrize(("raw", "expected"), [
    # header: breadcrumbs, stamps, datelines, view counters, read time, bylines
    (f"Home › News › Politics\n\nMinister meets counterpart\n\n19:57 26.03.2025\n\n{B1}\n\n{B2}", body(B1, B2)),
    (f"Minister meets counterpart\n\nKyiv • AGENCY\n\n • 1234 views\n\n3 min read\n\n{B1}", B1),
    (f"Minister meets counterpart\n\nBy Jane Smith\n\nUpdated: 26 March 2025, 19:57\n\n{B1}", B1),
    (f"Views: 1 234\n\n{B1}\n\n{B2}", body(B1, B2)),
    (f" date 2024-09-02 (MENAFN- SomeAgency) {B1}\n\n{B2}", body(B1, B2)),
    (f"KYIV, March 26 (Wire) - {B1}\n\n{B2}", body(B1, B2)),
    (f"KIEV, Jan. 21 -- {B1}\n\n{B2}", body(B1, B2)),
    # a section of other stories at the top: headlines, or teasers alternating with headlines
    (f"News feed\n\nOther story one\n\nOther story two\n\n{B1}\n\n{B2}", body(B1, B2)),
    (f"Latest news\n\nA teaser of another story that reads like a sentence of news.\n\nOther story\n\n"
     f"Minister meets counterpart\n\n{B1}\n\n{B2}", body(B1, B2)),
    # a headline list before the article, with the title repeated
    (f"First other story\nSecond other story\nThird other story\nMinister meets counterpart\n\n"
     f"Minister meets counterpart\n\n{B1}", B1),
    # inline links and markers between body paragraphs
    (f'{B1}\n\nMinister after the attack: "We need more systems"\n\n{B2}', body(B1, B2)),
    (f"{B1}\n\nRead also: Another minister visits another capital\n\n{B2}", body(B1, B2)),
    (f"{B1}\n\nRead also\n\nAnother minister visits another capital\n\n{B2}", body(B1, B2)),
    # the credit line that ends a wire story names a reporter, not a party
    (f"{B1}\n\nAssociated Press writer Emma Burrows in London contributed.", body(B1)),
    (f"{B1}\n\nReporters Anna Smith and Oleh Petrenko contributed to this report.", body(B1)),
    # a marker over a list of headlines: every one links away, even after a list the body opened with ':'
    (f"{B1}\n\nSuggested Topics:\n\nEurope\n\nRead Next\n\nA says B will insist on return of all children\n\n"
     f"Trump says he is disappointed with Putin after strikes\n\nRutte: allies to agree spending target\n\n{B2}",
     body(B1, "Suggested Topics:", "Europe", B2)),
    (f"{B1}\n\nDetails\n\n{B2}", body(B1, B2)),
    (f"{B1}\n\nPhoto: Ministry of Defense\n\n{B2}\n\nAD\n\nShare on Facebook", body(B1, B2)),
    (f"{B1}\n\nA story about something else entirely, cut off in the...\n\n{B2}", body(B1, B2)),
    # "Recall" introduces background: it stays, as its own paragraph, for the extractor
    (f"{B1}\n\nRecall\n\n{B2}", body(B1, "Recall", B2)),
    # quoted speech attributed on the next line is body
    (f'{B1}\n\n"We need more air defense systems and we need them now"\n\n- the minister said.',
     body(B1, '"We need more air defense systems and we need them now"', "- the minister said.")),
    # a list the body introduces
    (f"{B1}\n\nFrance delivered:\n\n- howitzers;\n\n- air defense systems\n\n{B2}",
     body(B1, "France delivered:", "- howitzers;", "- air defense systems", B2)),
    # a question inside the body is kept
    (f"{B1}\n\nWhat comes next?\n\n{B2}", body(B1, "What comes next?", B2)),
    # trailing zones: markers, tags, copyright, lists of timestamped headlines
    (f"{B1}\n\n{B2}\n\nLatest news\n\nOne headline\n\nA full teaser sentence about another story here.", body(B1, B2)),
    (f"{B1}\n\nTags: #defense #france\n\nMORE ABOUT\n\n20:59 26.03.2025\nOther story", B1),
    (f"{B1}\n\n{B2}\n\n© 2025 Agency. All rights reserved.", body(B1, B2)),
    (f"{B1}\n\n© Agency / Photographer\n\n{B2}", body(B1, B2)),  # a photo credit, not the footer
    (f"{B1}\n\n{B2}\n\n20:59 26.03.2025\nOther story one\n\n19:01 26.03.2025\nOther story two\n\n"
     f"18:10 26.03.2025\nOther story three", body(B1, B2)),
    (f"{B1}\n\n{B2}\n\nHOT NEWS\n\nOne\n\nTwo\n\nLATEST\n\nThree", body(B1, B2)),
    # a lead repeated verbatim later: the first copy goes
    (f"{B1}\n\n{B2}\n\n{B1}", body(B2, B1)),
    # hard-wrapped lines are joined
    ("Ukraine's Defense Minister met his French counterpart\nin Paris on Wednesday to discuss air defense.",
     "Ukraine's Defense Minister met his French counterpart in Paris on Wednesday to discuss air defense."),
    # a text without any sentence keeps what is not furniture
    ("Minister meets counterpart", "Minister meets counterpart"),
    ("", ""),
    # links to other stories after a section label, or in Title Case after a line ending in ':'
    (f"{B1}\n\nRelated media releases\n\nMinister Conroy announces new guided weapons contract\n\n"
     "Assistant Minister welcomes HMAS Sydney home", B1),
    (f"{B1}\n\nMore from the desk:\nKihara Says LDP Will Seek Bigger Defense Budget\n"
     "Foreign Minister Iwaya To Visit China For Trilateral Talks", f"{B1}\n\nMore from the desk:"),
    # a photo credit at the end of a line goes, the caption before it stays
    (f"{B1}\n\n{B2} DOD PHOTO BY U.S. NAVY PETTY OFFICER 1ST CLASS ALEXANDER KUBITZA\n\n{B3}", body(B1, B2, B3)),
    (f"{B1}\n\n{B2} [Saul Loeb/Pool via Reuters]\n\n{B3}", body(B1, B2, B3)),
    (f"{B1}\n\n{B2} (AP Photo/Efrem Lukatsky)\n\n{B3}", body(B1, B2, B3)),
    (f"{B1}\n\n{B2} (DoD photo by Navy Petty Officer 2nd Class Alex Moran)\n\n{B3}", body(B1, B2, B3)),
    # a bracket that speaks of a photo in the text is no credit
    (f"{B1}\n\n{B2} (Photos of the talks were not released.)\n\n{B3}",
     body(B1, f"{B2} (Photos of the talks were not released.)", B3)),
    # brackets in the text are no credit
    (f"{B1}\n\nThe talks [in Kyiv] lasted two hours [or three].", body(B1, "The talks [in Kyiv] lasted two hours [or three].")),
])
def test_clean_en(raw, expected):
    assert clean_text(raw)[0] == expected


@pytest.mark.parametrize(("raw", "expected"), [
    (f"Головна › Новини\n\nПонеділок, 26 березня 2025, 19:57\n\nМіністри обговорили оборону\n\n"
     f"Автор: Олена Коваль\n\n{U1}\n\n{U2}", body(U1, U2)),
    (f"Київ • АГЕНЦІЯ\n\n20084 переглядів\n\n{U1}", U1),
    (f"{U1}\n\nЧитайте також: Інший міністр відвідав іншу столицю\n\n{U2}", body(U1, U2)),
    (f"{U1}\n\nЧИТАЙТЕ ТАКОЖ\n\nІнший міністр відвідав іншу столицю\n\n{U2}", body(U1, U2)),
    (f"{U1}\n\nФото: Міноборони\n\n{U2}\n\nРеклама", body(U1, U2)),
    (f"{U1}\n\nДетальніше\n\n{U2}", body(U1, U2)),
    (f"{U1}\n\nНагадаємо\n\n{U2}", body(U1, "Нагадаємо", U2)),
    (f"{U1}\n\nНагадаємо, що раніше міністр відвідав Берлін.", body(U1, "Нагадаємо, що раніше міністр відвідав Берлін.")),
    (f'{U1}\n\n"Нам потрібно більше систем ППО", – зазначив міністр.',
     body(U1, '"Нам потрібно більше систем ППО", – зазначив міністр.')),
    (f"{U1}\n\n{U2}\n\nОстанні новини\n\nІнший заголовок\n\nПочаток анонсу іншої новини, що обривається на...",
     body(U1, U2)),
    (f"{U1}\n\n{U2}\n\nТеги: Франція оборона\n\nНовини партнерів\n\nЗаголовок", body(U1, U2)),
    (f"{U1}\n\nПідписуйтесь на наш Telegram-канал\n\n{U2}", body(U1, U2)),
])
def test_clean_uk(raw, expected):
    assert clean_text(raw, "uk")[0] == expected


@pytest.mark.parametrize(("raw", "title"), [
    (f"09:19 29.09.2023\n\nMinisters discuss cooperation\n\n{B1}", "Ministers discuss cooperation"),
    (f"Other one\nOther two\nOther three\nMinisters discuss cooperation\n\nMinisters discuss cooperation\n\n{B1}",
     "Ministers discuss cooperation"),
    (f"Other one\nOther two\nOther three\nMinisters discuss cooperation\n\n{B1}", None),  # a list's last line
    # the header headline that shares most words with the lead
    (f"Skip to content\n\nFrench minister talks\n\nDefense minister meets French counterpart in Paris\n\n"
     f"Weather in Kyiv today\n\n{B1}", "Defense minister meets French counterpart in Paris"),
    (f"Ministers discuss cooperation\n\nJane Smith — 26 March, 19:57\n\n{B1}", "Ministers discuss cooperation"),
    (f"Politics\n\nMinisters discuss cooperation\n\nNews\n\n{B1}", "Ministers discuss cooperation"),
    (f"Will France send more aid?\n\n{B1}", "Will France send more aid?"),
    (f" date 2024-09-02 (MENAFN- SomeAgency) {B1}", None),
])
def test_title(raw, title):
    assert clean_text(raw)[2] == title


def test_title_glued_to_caption_and_teaser_is_dropped():
    title = "Міністри обговорили оборону"
    raw = body(title, f"{title} Фото: з вільного доступу {U2}", U1, U2)
    text, removed, found = clean_text(raw, "uk")
    assert found == title
    assert text == body(U1, U2)
    assert [r.reason for r in removed] == ["title", "repeat"]


def test_title_glued_to_body_is_stripped():
    text, removed, title = clean_text(body("Ministers discuss cooperation", f"Ministers discuss cooperation {B1}"))
    assert (text, title) == (B1, "Ministers discuss cooperation")


def test_removed_spans_point_into_raw():
    raw = f"Other one\nOther two\nOther three\n\nKyiv • AGENCY\n\n{B1}\n\nRead also: Other\n\n{B2}\n\nLatest news\n\nX"
    text, removed, _ = clean_text(raw)
    assert text == body(B1, B2)
    assert [(raw[r.start : r.end], r.reason) for r in removed] == [
        ("Other one\nOther two\nOther three", "headlines"),
        ("Kyiv • AGENCY", "dateline"),
        ("Read also: Other", "link"),
        ("Latest news\n\nX", "zone"),
    ]


def test_crlf_and_nbsp_are_tolerated():
    text, _, _ = clean_text(f"Title of the story\r\n\r\n{B1}\xa0\r\n\r\n{B2}")
    assert text == body(B1, B2)


# --- the five sample pages ----------------------------------------------------------


def test_seed_000_header_prefix_dropped_body_kept():
    text, removed, title = clean_text(seed("000"))
    assert title is None
    assert text.startswith("During the meeting, Ukrainian Defense Rustem Umerov")
    assert "MENAFN" not in text and "date 2024" not in text
    assert text.endswith("held negotiations on the joint production of weapons.")
    assert removed[0].reason == "header"


def test_seed_001_headline_list_and_inline_link_gone():
    text, _, title = clean_text(seed("001"))
    assert title == "They discussed combat aircraft, air defense, and ammunition: Umerov meets with French Defense Minister"
    for noise in ("Oval Office", "Oscar 2025", "Gulliver", "Hetmantsev", "Starmer", "Umerov after a massive Russian attack",
                  "views", "Kyiv  •  UNN", "\nDetails\n", "They discussed combat aircraft"):
        assert noise not in text
    assert text.startswith("Ukraine's Defense Minister Rustem Umerov met with his French counterpart")
    assert "we discussed a number of important issues\n\n- Umerov said." in text
    assert "- summarized the head of the Ministry of Defense of Ukraine." in text
    assert text.endswith("increased investment in Ukraine's defense industry.")  # the "Recall" paragraph


def test_seed_002_title_caption_teaser_and_latest_news_gone():
    text, _, title = clean_text(seed("002"), "uk")
    assert title == "Міністри оборони України та Франції обговорили посилення співробітництва і підтримки у Парижі"
    assert text.startswith("Міністр оборони України Рустем Умєров і його французький колега")
    assert text.count("Лекорню зазначив") == 1 and "Фото" not in text
    for noise in ("Останні новини", "Трамп", "Стубб", "Заморожування"):
        assert noise not in text
    assert text.endswith("– зазначив Умєров.")


def test_seed_003_timestamp_and_title_gone():
    text, _, title = clean_text(seed("003"))
    assert title == "Ukraine, France discuss further defense cooperation"
    assert text.startswith("Defense Ministers of Ukraine Rustem Umerov and France Sebastien Lecornu")
    assert "09:19" not in text and text.endswith("ensuring the defense of both countries.")


def test_seed_004_more_about_hot_news_latest_gone():
    text, _, title = clean_text(seed("004"))
    assert title == "Umerov discusses development of cooperation with reps of French defense companies"
    for noise in ("MORE ABOUT", "HOT NEWS", "LATEST", "Tags", "Macron", "Zhovkva", "Sybiha", "Naftogaz", "Kyivstar",
                  "Riyadh", "Qatar", "1 min read", "19:57", "Facts", "Interfax-Ukraine", "AD"):
        assert noise not in text
    paragraphs = text.split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[0].startswith("Ukrainian Defense Minister Rustem Umerov held meetings in Paris")
    assert paragraphs[2].startswith("As reported, during the visit, Umerov had already discussed")


@pytest.mark.parametrize(("prefix", "title", "published", "publisher", "language", "sentences"), [
    ("000", None, "2024-09-02", "Ukrinform", "en", 14),
    ("001", "They discussed combat aircraft, air defense, and ammunition: Umerov meets with French Defense Minister",
     None, "UNN", "en", 20),  # the "Recall" marker is a sentence of its own
    ("002", "Міністри оборони України та Франції обговорили посилення співробітництва і підтримки у Парижі",
     None, None, "uk", 10),
    ("003", "Ukraine, France discuss further defense cooperation", "2023-09-29", None, "en", 16),
    ("004", "Umerov discusses development of cooperation with reps of French defense companies",
     "2025-03-26", "Interfax-Ukraine", "en", 5),
])
def test_make_document_on_seeds(prefix, title, published, publisher, language, sentences):
    doc = make_document(Article(seed(prefix), f"{prefix}.txt"))
    assert (doc.title, doc.published, doc.publisher, doc.language) == (title, published, publisher, language)
    assert len(doc.sentences) == sentences
    for s in doc.sentences:
        assert doc.text[s.start : s.end] == doc.text[s.start : s.end].strip() != ""
    for r in doc.removed:
        assert 0 <= r.start < r.end <= len(doc.article.text)


def test_make_document_metadata_given_wins():
    article = Article(seed("004"), "x.jsonl:1", fmt="jsonl", title="Given title", published="2025-03-27T08:00:00Z",
                      publisher="kyiv post", language="EN-GB")
    doc = make_document(article)
    assert (doc.title, doc.published, doc.publisher, doc.language) == ("Given title", "2025-03-27", "Kyiv Post", "en")


HTML = f"""<html><head><title>Ministers discuss cooperation</title>
<meta property="og:site_name" content="Agency"><meta property="article:published_time" content="2025-03-26T19:57:00+02:00">
</head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Ministers discuss cooperation</h1><p>Kyiv • AGENCY</p><p>{B1} {B2}</p>
<p>Read also: Another minister visits another capital</p><p>{B2} {B1}</p></article>
<aside><h3>Latest news</h3><ul><li>Other story one</li><li>Other story two</li></ul></aside></body></html>"""


def test_extract_html_and_clean():
    page = extract_html(HTML)
    assert (page.title, page.published, page.publisher) == ("Ministers discuss cooperation", "2025-03-26", "Agency")
    doc = make_document(Article(HTML, "x.html", fmt="html"))
    assert doc.text == body(f"{B1} {B2}", f"{B2} {B1}")
    assert (doc.title, doc.published, doc.publisher, doc.language) == (
        "Ministers discuss cooperation", "2025-03-26", "Agency", "en")
    assert doc.removed == ()  # the cleaner's spans would point into trafilatura's text


def test_extract_html_strips_site_name_from_title():
    html = HTML.replace("<title>Ministers discuss cooperation</title>", "<title>Ministers discuss cooperation | Agency</title>")
    assert extract_html(html).title == "Ministers discuss cooperation"
