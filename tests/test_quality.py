"""End-to-end quality: ingest whole corpora and score them with ``evaluate``.

The seeds must meet the bar of the extraction issue; our own articles (tests/data,
written to exercise what the seeds do not) must not regress below the levels
measured when they were written. Nothing here knows what the articles say: the
answers come from the gold files.
"""

from pathlib import Path

import pytest

from ddgraph.graph.store import open_store
from ddgraph.ingest.pipeline import ingest_paths
from ddgraph.queries.evaluate import evaluate, load_gold

ROOT = Path(__file__).resolve().parents[1]


def _report(tmp_path_factory, articles: Path, gold: Path):
    store = tmp_path_factory.mktemp("quality") / "store"
    summary = ingest_paths([articles], store, progress=False)
    assert summary.failed == 0, summary.errors
    with open_store(store, read_only=True) as s:
        return evaluate(s.dataset, load_gold(gold))


@pytest.fixture(scope="module")
def seeds(tmp_path_factory):
    return _report(tmp_path_factory, ROOT / "data" / "articles", ROOT / "data" / "gold" / "seeds.yaml")


@pytest.fixture(scope="module")
def ours(tmp_path_factory):
    return _report(tmp_path_factory, ROOT / "tests" / "data" / "articles", ROOT / "tests" / "data" / "gold.yaml")


@pytest.mark.parametrize("category, bar", [
    ("persons", 0.95), ("roles", 0.90), ("meetings", 0.90), ("topics", 0.85),
    ("ranks", 1.0), ("agreements", 1.0), ("multi_source", 1.0),
])
def test_seed_bars(seeds, category, bar):
    assert seeds.scores[category].f1 >= bar, seeds.scores[category]


def test_seeds_every_aid_item_and_no_noise(seeds):
    assert seeds.scores["aid"].recall == 1.0, seeds.scores["aid"]
    assert seeds.noise_violations == 0
    assert not seeds.splits and not seeds.merged


@pytest.mark.parametrize("category, bar", [
    ("persons", 0.95), ("roles", 0.80), ("meetings", 0.90), ("topics", 0.85), ("dates", 0.90),
    ("locations", 0.85), ("agreements", 1.0), ("multi_source", 1.0),
])
def test_own_corpus_levels(ours, category, bar):
    assert ours.scores[category].f1 >= bar, ours.scores[category]


def test_own_corpus_keeps_apart_what_differs(ours):
    assert ours.noise_violations == 0
    assert ours.false_meetings == 0  # planned and denied meetings are not meetings that happened
    assert ours.false_merges == 0  # homonyms and different people stay apart
    assert not ours.splits and not ours.merged  # one IRI per person across spellings and scripts


@pytest.fixture(scope="module")
def holdout(tmp_path_factory):
    return _report(tmp_path_factory, ROOT / "tests" / "data" / "holdout" / "articles",
                   ROOT / "tests" / "data" / "holdout" / "gold.yaml")


@pytest.mark.parametrize("category, bar", [
    ("persons", 0.95), ("roles", 0.75), ("meetings", 0.85), ("topics", 0.75), ("dates", 0.90),
    ("locations", 0.85), ("aid", 0.60), ("agreements", 1.0), ("multi_source", 1.0),
])
def test_holdout_levels(holdout, category, bar):
    # written blind to the code by another hand; levels a little under those measured (see the closing notes)
    assert holdout.scores[category].f1 >= bar, holdout.scores[category]


def test_holdout_keeps_apart_what_differs(holdout):
    assert holdout.noise_violations == 0 and holdout.false_meetings == 0 and holdout.false_merges == 0
    assert not holdout.splits and not holdout.merged


@pytest.fixture(scope="module")
def blind2(tmp_path_factory):
    return _report(tmp_path_factory, ROOT / "tests" / "data" / "blind2" / "articles",
                   ROOT / "tests" / "data" / "blind2" / "gold.yaml")


@pytest.mark.parametrize("category, bar", [
    ("persons", 0.95), ("roles", 0.50), ("meetings", 0.75), ("topics", 0.65), ("dates", 0.80),
    ("locations", 0.80), ("aid", 0.45), ("agreements", 1.0),
])
def test_second_blind_corpus_levels(blind2, category, bar):
    # measured once, not tuned on: the levels guard against regressions, not a target
    assert blind2.scores[category].f1 >= bar, blind2.scores[category]
    assert blind2.noise_violations == 0 and blind2.false_merges == 0


@pytest.fixture(scope="module")
def blind3(tmp_path_factory):
    return _report(tmp_path_factory, ROOT / "tests" / "data" / "blind3" / "articles",
                   ROOT / "tests" / "data" / "blind3" / "gold.yaml")


@pytest.fixture(scope="module")
def blind3_sealed(tmp_path_factory):
    return _report(tmp_path_factory, ROOT / "tests" / "data" / "blind3" / "sealed" / "articles",
                   ROOT / "tests" / "data" / "blind3" / "sealed" / "gold.yaml")


@pytest.mark.parametrize("category, bar", [
    ("persons", 0.95), ("roles", 0.80), ("meetings", 0.90), ("topics", 0.80), ("dates", 0.90),
    ("locations", 0.90), ("aid", 0.65), ("multi_source", 1.0),
])
def test_third_blind_corpus_levels(blind3, category, bar):
    # the truth issue's patterns (meetings without "met", counterpart titles, datelines, two-outlet pairs);
    # tuned on: the levels are a little under those measured (bench/quality.py) and guard against regressions
    assert blind3.scores[category].f1 >= bar, blind3.scores[category]


def test_third_blind_corpus_keeps_apart_what_differs(blind3):
    assert blind3.noise_violations == 0 and blind3.false_merges == 0 and blind3.false_meetings == 0
    # one known split: "Джон Гілі" (Ukrainian by ear) is not joined to "John Healey" across scripts
    assert len(blind3.splits) <= 1, blind3.splits


@pytest.mark.parametrize("category, bar", [
    ("persons", 0.90), ("roles", 0.75), ("meetings", 0.70), ("topics", 0.65), ("locations", 0.90),
])
def test_sealed_blind_corpus_levels(blind3_sealed, category, bar):
    # never tuned on (nobody working on the extractor reads these articles): a measure, guarded loosely
    assert blind3_sealed.scores[category].f1 >= bar, blind3_sealed.scores[category]
    assert blind3_sealed.noise_violations == 0 and blind3_sealed.false_merges == 0


@pytest.fixture(scope="module")
def blind4(tmp_path_factory):
    """The fourth blind corpus: Russian-language pages (ru), English pages with no Ukrainian party
    (world), and a sealed part of both; written without reading the extractor."""
    base = ROOT / "tests" / "data" / "blind4"
    return {part: _report(tmp_path_factory, base / part / "articles", base / part / "gold.yaml")
            for part in ("ru", "world", "sealed")}


@pytest.mark.parametrize("part, category, bar", [
    ("ru", "persons", 0.95), ("ru", "roles", 0.85), ("ru", "meetings", 0.75), ("ru", "multi_source", 1.0),
    ("ru", "locations", 0.90), ("ru", "dates", 0.75), ("ru", "aid", 0.40),
    ("world", "persons", 0.95), ("world", "roles", 0.78), ("world", "meetings", 0.85), ("world", "locations", 0.90),
    ("world", "dates", 0.90),
    # the sealed part is never tuned on: a measure, guarded loosely
    ("sealed", "persons", 0.85), ("sealed", "roles", 0.80), ("sealed", "meetings", 0.55),
    ("sealed", "locations", 0.90), ("sealed", "aid", 0.50),
])
def test_fourth_blind_corpus_levels(blind4, part, category, bar):
    # the Russian and name-form issue's patterns; levels a little under those measured (bench/quality.py)
    assert blind4[part].scores[category].f1 >= bar, blind4[part].scores[category]


@pytest.mark.parametrize("part", ["ru", "world", "sealed"])
def test_fourth_blind_corpus_keeps_apart_what_differs(blind4, part):
    # two different "Jr."s, Umerov/Умеров, Brown/Браун: no false merge, no split, no page furniture as facts
    report = blind4[part]
    assert report.noise_violations == 0 and report.false_merges == 0 and not report.splits, report.splits


@pytest.fixture(scope="module")
def blind5(tmp_path_factory):
    """The fifth blind corpus: outlets not seen before (Baltic, NATO, Indian, Defense News, Ukrainian
    regional, Russian-language Ukrainian), an open part and a sealed part; written without reading
    the extractor."""
    base = ROOT / "tests" / "data" / "blind5"
    return {part: _report(tmp_path_factory, base / part / "articles", base / part / "gold.yaml")
            for part in ("open", "sealed")}


@pytest.mark.parametrize("part, category, bar", [
    ("open", "persons", 0.97), ("open", "roles", 0.85), ("open", "meetings", 0.75), ("open", "multi_source", 1.0),
    ("open", "topics", 0.85), ("open", "dates", 0.90), ("open", "aid", 0.65),
    # the sealed part is never tuned on: a measure, guarded loosely
    ("sealed", "persons", 0.90), ("sealed", "roles", 0.80), ("sealed", "meetings", 0.70),
    ("sealed", "multi_source", 1.0),
])
def test_fifth_blind_corpus_levels(blind5, part, category, bar):
    # levels a little under those measured (bench/quality.py --corpus blind5-open --corpus blind5-sealed)
    assert blind5[part].scores[category].f1 >= bar, blind5[part].scores[category]


@pytest.mark.parametrize("part", ["open", "sealed"])
def test_fifth_blind_corpus_keeps_apart_what_differs(blind5, part):
    # two Singhs, two Kulebas-like homonyms, Shmyhal in two offices: no false merge, no page furniture as facts
    report = blind5[part]
    assert report.noise_violations == 0 and report.false_merges == 0 and not report.splits, report.splits


@pytest.fixture(scope="module")
def blind6(tmp_path_factory):
    """The sixth blind corpus: wires and outlets not seen before (Reuters, Yonhap, Kyodo, PAP, The Hindu,
    AGERPRES, Мілітарний, Українська правда, РИА Новости, Фокус and others), an open part tuned on and a
    sealed part never tuned on; written by helpers that did not read the extractor."""
    base = ROOT / "tests" / "data" / "blind6"
    return {part: _report(tmp_path_factory, base / part / "articles", base / part / "gold.yaml")
            for part in ("open", "sealed")}


@pytest.mark.parametrize("part, category, bar", [
    ("open", "persons", 0.97), ("open", "roles", 0.75), ("open", "meetings", 0.80), ("open", "topics", 0.75),
    ("open", "locations", 0.85), ("open", "dates", 0.90),
    # the sealed part is never tuned on: a measure, guarded loosely
    ("sealed", "persons", 0.95), ("sealed", "roles", 0.80), ("sealed", "meetings", 0.72),
])
def test_sixth_blind_corpus_levels(blind6, part, category, bar):
    # levels a little under those measured (bench/quality.py --corpus blind6-open --corpus blind6-sealed)
    assert blind6[part].scores[category].f1 >= bar, blind6[part].scores[category]


@pytest.mark.parametrize("part", ["open", "sealed"])
def test_sixth_blind_corpus_merges_no_two_people(blind6, part):
    assert blind6[part].false_merges == 0


@pytest.fixture(scope="module")
def blind7(tmp_path_factory):
    """The seventh blind corpus (AP, Breaking Defense, Euronews, DW, The Times of India, Arab News, LB.ua,
    Економічна правда, ТАСС, БЕЛТА): measured with the code before it was written, then tuned on."""
    base = ROOT / "tests" / "data" / "blind7" / "open"
    return _report(tmp_path_factory, base / "articles", base / "gold.yaml")


@pytest.mark.parametrize("category, bar", [
    ("persons", 0.97), ("roles", 0.95), ("meetings", 0.85), ("multi_source", 1.0), ("topics", 0.80),
    ("locations", 0.78), ("dates", 0.90), ("aid", 0.38),
])
def test_seventh_blind_corpus_levels(blind7, category, bar):
    # levels a little under those measured (bench/quality.py --corpus blind7-open)
    assert blind7.scores[category].f1 >= bar, blind7.scores[category]


def test_seventh_blind_corpus_keeps_apart_what_differs(blind7):
    assert blind7.noise_violations == 0 and blind7.false_merges == 0 and not blind7.splits, blind7.splits


@pytest.fixture(scope="module")
def blind8(tmp_path_factory):
    """The eighth blind corpus (LRT, ERR, Defense News, NHK World, NATO, gov.pl, TASS, Суспільне, Радіо Свобода,
    Новинарня, Коммерсантъ, Интерфакс): measured with the code before it was written, then tuned on."""
    base = ROOT / "tests" / "data" / "blind8"
    return _report(tmp_path_factory, base / "articles", base / "gold.yaml")


@pytest.mark.parametrize("category, bar", [
    ("persons", 0.97), ("roles", 0.85), ("meetings", 0.85), ("multi_source", 0.85), ("topics", 0.78),
    ("locations", 0.95), ("dates", 0.95), ("aid", 0.35),
])
def test_eighth_blind_corpus_levels(blind8, category, bar):
    # levels a little under those measured (bench/quality.py --corpus blind8)
    assert blind8.scores[category].f1 >= bar, blind8.scores[category]


def test_eighth_blind_corpus_keeps_apart_what_differs(blind8):
    assert blind8.noise_violations == 0 and blind8.false_merges == 0 and not blind8.splits, blind8.splits


@pytest.fixture(scope="module")
def blind9(tmp_path_factory):
    """The ninth blind corpus, sealed (Rappler, The Japan News, Hurriyet Daily News, VnExpress, Kyiv Post, ABC News,
    Hindustan Times, Дзеркало тижня, Главком, ZAXID.NET, Известия, ВЗГЛЯД): never tuned on, only read."""
    base = ROOT / "tests" / "data" / "blind9"
    return _report(tmp_path_factory, base / "articles", base / "gold.yaml")


@pytest.mark.parametrize("category, bar", [
    ("persons", 0.95), ("roles", 0.68), ("meetings", 0.80), ("multi_source", 0.60), ("topics", 0.72),
    ("locations", 0.60), ("dates", 0.85), ("aid", 0.30),
])
def test_ninth_blind_corpus_levels(blind9, category, bar):
    # levels a little under those measured (bench/quality.py --corpus blind9-sealed)
    assert blind9.scores[category].f1 >= bar, blind9.scores[category]


@pytest.fixture(scope="module")
def blind10(tmp_path_factory):
    """The tenth blind corpus, sealed (The Korea Herald, The Straits Times, Yle News, POLITICO Europe, The Times of
    Israel, Daily Sabah, Tehran Times, The Baltic Times, Громадське, Еспресо, 24 Канал, Российская газета, Медуза,
    Ведомости): never tuned on, only read."""
    base = ROOT / "tests" / "data" / "blind10"
    return _report(tmp_path_factory, base / "articles", base / "gold.yaml")


@pytest.mark.parametrize("category, bar", [
    ("persons", 0.94), ("roles", 0.74), ("meetings", 0.64), ("multi_source", 0.60), ("topics", 0.78),
    ("locations", 0.68), ("dates", 0.88), ("aid", 0.25),
])
def test_tenth_blind_corpus_levels(blind10, category, bar):
    # levels a little under those measured (bench/quality.py --corpus blind10-sealed)
    assert blind10.scores[category].f1 >= bar, blind10.scores[category]


@pytest.fixture(scope="module")
def blind11(tmp_path_factory):
    """The eleventh blind corpus, open (Defense One, nippon.com, Al Jazeera, Janes, The Straits Times, The Guardian,
    The Indian Express, НВ, Цензор.НЕТ, Еспресо, Интерфакс-Украина, Красная звезда): measured with the code before
    it was written, then tuned on."""
    base = ROOT / "tests" / "data" / "blind11"
    return _report(tmp_path_factory, base / "articles", base / "gold.yaml")


@pytest.mark.parametrize("category, bar", [
    ("persons", 0.95), ("roles", 0.80), ("meetings", 0.80), ("multi_source", 0.80), ("topics", 0.78),
    ("locations", 0.88), ("dates", 0.85), ("aid", 0.40),
])
def test_eleventh_blind_corpus_levels(blind11, category, bar):
    # levels a little under those measured (bench/quality.py --corpus blind11-open)
    assert blind11.scores[category].f1 >= bar, blind11.scores[category]


def test_eleventh_blind_corpus_keeps_page_furniture_out(blind11):
    assert blind11.noise_violations == 0 and blind11.false_merges == 0


#: corpus -> {category: bar}: levels a little under those bench/quality.py measured when the corpus
#: was added. blind12: sealed, never tuned on, only read (house styles of Reuters, Arab News, AP, the BBC,
#: France 24, Kyodo, ABC News, DW, Дзеркало тижня, LB.ua, Фокус, РИА Новости, Коммерсантъ, Новая газета
#: Европа). blind13: open, written in the house styles of The Hindu, Breaking Defense, Euronews, The Moscow
#: Times, Anadolu, Yonhap, The Kyiv Independent, a defense.gov readout, Мілітарний, РБК-Україна, Економічна
#: правда, Интерфакс, Lenta.ru, Радио Свобода. blind14: sealed, never tuned on, only read.
_LATER_CORPORA = {
    "blind12": {"persons": 0.95, "roles": 0.77, "meetings": 0.67, "multi_source": 0.45, "topics": 0.60,
                "locations": 0.78, "dates": 0.88, "aid": 0.38},
    "blind13": {"persons": 0.94, "roles": 0.77, "meetings": 0.74, "multi_source": 0.35, "topics": 0.67,
                "locations": 0.80, "dates": 0.88, "aid": 0.30},
    "blind14": {"persons": 0.91, "roles": 0.63, "meetings": 0.57, "multi_source": 0.80, "topics": 0.72,
                "locations": 0.70, "dates": 0.79, "aid": 0.28},
}


@pytest.fixture(scope="module", params=sorted(_LATER_CORPORA))
def later_corpus(request, tmp_path_factory):
    base = ROOT / "tests" / "data" / request.param
    return request.param, _report(tmp_path_factory, base / "articles", base / "gold.yaml")


def test_later_blind_corpora_levels(later_corpus):
    name, report = later_corpus
    bars = _LATER_CORPORA[name]
    low = {c: report.scores[c].f1 for c, bar in bars.items() if report.scores[c].f1 < bar}
    assert not low, (name, low)
