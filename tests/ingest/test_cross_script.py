"""One person and one meeting whatever script and spelling the articles use: Russian
(Шмыгаль), Ukrainian (Шмигаль), national (Shmyhal) and Russian-derived (Shmygal) English."""

import json

import pytest
from click.testing import CliRunner

from ddgraph.ingest.pipeline import ingest_paths
from ddgraph.queries.cli import cli

ARTICLES = {
    "a_ru.txt": "Премьер-министр Украины Денис Шмыгаль во вторник провел переговоры с министром обороны Германии "
                "Борисом Писториусом в Киеве. Шмыгаль поблагодарил Германию за системы ПВО.",
    "b_uk.txt": "Прем'єр-міністр України Денис Шмигаль у вівторок провів переговори з міністром оборони Німеччини "
                "Борисом Пісторіусом у Києві. Шмигаль подякував Німеччині за системи ППО.",
    "c_en.txt": "Ukraine's Prime Minister Denys Shmyhal met German Defence Minister Boris Pistorius in Kyiv on "
                "Tuesday. Shmyhal thanked Germany for air defence systems.",
    "d_en.txt": "Ukrainian Prime Minister Denis Shmygal held talks with German Defense Minister Boris Pistorius in "
                "Kiev on Tuesday. Shmygal thanked Germany for the air defense systems.",
}


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("articles")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    path = tmp_path_factory.mktemp("store") / "store"
    summary = ingest_paths([folder], path, progress=False, workers=1)
    assert summary.failed == 0
    return path


def lookup(store, *args):
    result = CliRunner().invoke(cli, [*args, "--json", "--store", str(store)])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize("name", ["Шмыгаль", "Шмигаль", "Shmyhal", "Shmygal", "Шмыгалем", "Denys Shmyhal"])
def test_every_spelling_finds_one_person_labelled_in_the_national_romanisation(store, name):
    person = lookup(store, "person", name)["person"]
    assert person["label"] == "Denys Shmyhal"


def test_the_four_reports_are_one_meeting(store):
    rows = lookup(store, "met", "Шмыгаль")
    assert len(rows) == 1
    assert rows[0]["other"]["label"] == "Boris Pistorius"
    assert len(rows[0]["meeting"]["sources"]) == 4
