"""Properties of cleaning, dates and names: never raise, results in bounds, valid, deterministic."""

from __future__ import annotations

import datetime as dt
import re

from hypothesis import given
from hypothesis import strategies as st

from ddgraph.graph.iri import slug
from ddgraph.graph.names import split_name, surname_keys
from ddgraph.graph.translit import kmu2010
from ddgraph.ingest.clean import clean_text
from ddgraph.ingest.dates import dates_in, parse_date, resolve_relative_date, times_in
from tests.property.cases import count, examples

PAGE_BITS = st.sampled_from([
    "\n", "\n\n", " ", "Read also: ", "Latest news", "19:57 26.03.2025", "Kyiv • UNN", "Views: 1 234",
    "Umerov met Lecornu in Paris to discuss air defense and the supply of drones.", "Other story title",
    "«Цитата»", "Умєров зустрівся з Лекорню.", "Tags: drones", "(MENAFN- UkrinForm)", "KYIV, Sept 2 (Reuters) - ",
    "\u200b", "\ufeff", "\xa0", "...", "1.", "- item", "\t",
])
PAGE = st.lists(PAGE_BITS | st.text(max_size=15), max_size=25).map("".join)
DATEISH = st.lists(st.sampled_from(["26", "03", "2025", ".", "/", "-", " ", "March", "березня", "31", "02", "T",
                                    "19:57", "12", "1999", "2101", "0", "yesterday", "у середу"])
                   | st.text(max_size=5), max_size=10).map("".join)
NAMEISH = st.text(max_size=40) | st.lists(st.sampled_from(["Умєров", "Рустем", "Šakalienė", "O'Neil", "-", " ",
                                                          "Jr.", "von", "Ахмедович", "'", "ʼ", "İ"]),
                                          max_size=5).map(" ".join)


def is_subsequence(small: str, big: str) -> bool:
    it = iter(big)
    return all(c in it for c in small)


@examples(200)
@given(PAGE | st.text(max_size=300), st.sampled_from([None, "en", "uk"]))
def test_clean_text(raw, hint):
    count("clean: clean_text")
    text, removed, title = clean_text(raw, hint)
    assert all(0 <= r.start <= r.end <= len(raw) and r.reason for r in removed)
    assert [(r.start, r.end) for r in removed] == sorted((r.start, r.end) for r in removed)
    squeeze = lambda s: "".join(s.replace("\u200b", "").replace("\ufeff", "").split())  # noqa: E731
    assert is_subsequence(squeeze(text), squeeze(raw))  # kept words come from the page, in order
    assert title is None or squeeze(title) in squeeze(raw) or is_subsequence(squeeze(title), squeeze(raw))
    assert clean_text(raw, hint) == (text, removed, title)


@examples(200)
@given(DATEISH | st.text(max_size=60))
def test_dates_in_and_times_in(text):
    count("dates: dates_in / times_in")
    found = dates_in(text)
    assert all(0 <= s < e <= len(text) and dt.date.fromisoformat(iso).isoformat() == iso for s, e, iso in found)
    assert all(a[1] <= b[0] for a, b in zip(found, found[1:]))  # sorted, disjoint
    assert all(0 <= s < e <= len(text) for s, e in times_in(text))


@examples(150)
@given(DATEISH | st.text(max_size=40), st.sampled_from([None, "en", "uk", "ru", "xx"]))
def test_parse_date(text, language):
    count("dates: parse_date")
    iso = parse_date(text, language)
    assert iso is None or dt.date.fromisoformat(iso).isoformat() == iso


@examples(150)
@given(DATEISH | st.text(max_size=30), st.none() | st.dates().map(dt.date.isoformat) | st.text(max_size=12))
def test_resolve_relative_date(phrase, published):
    count("dates: resolve_relative_date")
    iso = resolve_relative_date(phrase, published, "en")
    assert iso is None or dt.date.fromisoformat(iso).isoformat() == iso


@examples(200)
@given(NAMEISH)
def test_names(name):
    count("names: split_name / surname_keys / kmu2010 / slug")
    first, surname = split_name(name)
    assert first is None or isinstance(first, str)
    assert isinstance(surname, str) and split_name(name) == (first, surname)
    keys = surname_keys(name)
    assert isinstance(keys, frozenset) and all(isinstance(k, str) for k in keys) and surname_keys(name) == keys
    latin = kmu2010(name)
    assert isinstance(latin, str) and kmu2010(name) == latin
    s = slug(name)
    assert re.fullmatch(r"[a-z0-9-]*", s) and slug(name) == s
    assert not s.startswith("-") and not s.endswith("-")
