"""Tests of graph.translit: KMU 2010, folding, phonetic keys, case endings, first names."""

from __future__ import annotations

import pytest
import yaml

from ddgraph.graph.translit import (
    FIRST_NAMES_FILE,
    first_name_id,
    fold,
    is_feminine_name,
    kmu2010,
    phonetic_key,
    preferred_first_name,
    strip_uk_case,
)

# The examples of the official KMU 2010 table (resolution 55 of 27.01.2010).
KMU_OFFICIAL = [
    ("Алушта", "Alushta"), ("Борщагівка", "Borshchahivka"), ("Вінниця", "Vinnytsia"),
    ("Гадяч", "Hadiach"), ("Згорани", "Zghorany"), ("Розгон", "Rozghon"), ("Ґалаґан", "Galagan"),
    ("Дон", "Don"), ("Рівне", "Rivne"), ("Єнакієве", "Yenakiieve"), ("Наєнко", "Naienko"),
    ("Житомир", "Zhytomyr"), ("Закарпаття", "Zakarpattia"), ("Медвин", "Medvyn"), ("Іршава", "Irshava"),
    ("Їжакевич", "Yizhakevych"), ("Кадиївка", "Kadyivka"), ("Йосипівка", "Yosypivka"), ("Стрий", "Stryi"),
    ("Олексій", "Oleksii"), ("Київ", "Kyiv"), ("Лебедин", "Lebedyn"), ("Миколаїв", "Mykolaiv"),
    ("Ніжин", "Nizhyn"), ("Одеса", "Odesa"), ("Полтава", "Poltava"), ("Ромни", "Romny"), ("Суми", "Sumy"),
    ("Тетерів", "Teteriv"), ("Ужгород", "Uzhhorod"), ("Фастів", "Fastiv"), ("Харків", "Kharkiv"),
    ("Біла Церква", "Bila Tserkva"), ("Чернівці", "Chernivtsi"), ("Шостка", "Shostka"), ("Гоща", "Hoshcha"),
    ("Русь", "Rus"), ("Юрій", "Yurii"), ("Крюківка", "Kriukivka"), ("Яготин", "Yahotyn"), ("Ічня", "Ichnia"),
    ("Знам'янка", "Znamianka"), ("Знам’янка", "Znamianka"),
]  # fmt: skip


@pytest.mark.parametrize(("cyrillic", "latin"), KMU_OFFICIAL)
def test_kmu2010_official_examples(cyrillic, latin):
    assert kmu2010(cyrillic) == latin


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Рустем Умєров", "Rustem Umierov"),
        ("Себастьєн Лекорню", "Sebastien Lekorniu"),
        ("ЗСУ", "ZSU"),
        ("Umerov's visit, 2024", "Umerov's visit, 2024"),
        ("Юлія, Яна та Євген", "Yuliia, Yana ta Yevhen"),
    ],
)
def test_kmu2010_mixed_text(text, expected):
    assert kmu2010(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Šakalienė", "sakaliene"), ("Sébastien", "sebastien"), ("Łukasz", "lukasz"), ("STRASSE", "strasse")],
)
def test_fold(text, expected):
    assert fold(text) == expected


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Lecornu", "Лекорню"),
        ("Sébastien Lecornu", "Себастьєн Лекорню"),
        ("Umerov", "Умєров"),
        ("Umerov", "Umierov"),
        ("Horbatiuk", "Horbatyuk"),
        ("Horbatiuk", "Горбатюк"),
        ("Shmygal", "Shmyhal"),
        ("Shmyhal", "Шмигаль"),
        ("Denis", "Denys"),
        ("Šakalienė", "Sakaliene"),
        ("Zelenskyy", "Zelensky"),
        ("Zelenskiy", "Зеленський"),
        ("Yermak", "Ermak"),
        ("Yermak", "Єрмак"),
        ("Hennadiy", "Gennady"),
        ("Balanutsa", "Балануца"),
        ("Austin", "Остін"),
        ("Nataliia", "Natalya"),
    ],
)
def test_phonetic_key_equal(a, b):
    assert phonetic_key(a) == phonetic_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [("Lecornu", "Lecorneuil"), ("Shevtsov", "Shevchenko"), ("Yana", "Anna"), ("Chornyi", "Hornyi")],
)
def test_phonetic_key_different(a, b):
    assert phonetic_key(a) != phonetic_key(b)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Умєровим", "Умєров"),
        ("Умєрова", "Умєров"),
        ("Умєрову", "Умєров"),
        ("Умєрові", "Умєров"),
        ("Горбатюка", "Горбатюк"),
        ("Горбатюком", "Горбатюк"),
        ("Шевцову", "Шевцов"),
        ("Пісторіусом", "Пісторіус"),
        ("Балануці", "Балануца"),
        ("Балануца", "Балануца"),
        ("Шмигалем", "Шмигаль"),
        ("Кулебою", "Кулеба"),
        ("Зеленського", "Зеленський"),
        ("Коваленка", "Коваленко"),
        ("Сибігою", "Сибіга"),
        ("Лекорню", "Лекорню"),
        ("Шойгу", "Шойгу"),
        ("Умєров", "Умєров"),
        ("Umerov", "Umerov"),
        ("Олександром", "Олександр"),
    ],
)
def test_strip_uk_case(word, expected):
    assert strip_uk_case(word) == expected


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Oleksandr", "Alexander"),
        ("Oleksandr", "Олександр"),
        ("Oleksandr", "Александр"),
        ("Denys", "Денис"),
        ("Dmytro", "Dmitry"),
        ("Andriy", "Andrei"),
        ("Oleksii", "Alexey"),
        ("Volodymyr", "Vladimir"),
        ("Mykola", "Nikolai"),
        ("Serhiy", "Sergei"),
        ("Yuriy", "Yuri"),
        ("Mykhailo", "Mikhail"),
        ("Kyrylo", "Kirill"),
        ("Vadym", "Vadim"),
        ("Ihor", "Igor"),
        ("Valeriy", "Valery"),
        ("Heorhiy", "Georgy"),
        ("Olena", "Yelena"),
        ("Iryna", "Irina"),
        ("Tetiana", "Tatiana"),
        ("Sébastien", "Себастьєн"),
        ("Oleksandra", "Олександра"),
        ("Oleksandr", "Олександром"),
        ("William", "Bill"),  # English short forms ("Bill LaPlante", "William LaPlante")
        ("Вільям", "Bill"),
        ("Robert", "Bob"),
    ],
)
def test_first_name_equivalents(a, b):
    assert first_name_id(a) is not None
    assert first_name_id(a) == first_name_id(b)


@pytest.mark.parametrize(("a", "b"), [("Dmytro", "Oleksiy"), ("Oleksandr", "Oleksandra"), ("Yana", "Anna"),
                                       ("William", "Robert")])
def test_first_name_different(a, b):
    assert first_name_id(a) != first_name_id(b)


def test_first_name_table_rows_are_disjoint_and_large():
    rows = yaml.safe_load(FIRST_NAMES_FILE.read_text(encoding="utf-8"))["names"]
    assert len(rows) >= 150
    owner: dict[str, int] = {}
    for i, row in enumerate(rows):
        for variant in row:
            key = phonetic_key(str(variant))
            assert owner.setdefault(key, i) == i, f"{variant!r} is also in row {rows[owner[key]][0]!r}"


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Олександр", "Oleksandr"), ("Андрій", "Andriy"), ("Рустем", "Rustem"), ("Себастьєн", "Sébastien")],
)
def test_preferred_first_name(name, expected):
    assert preferred_first_name(name) == expected


@pytest.mark.parametrize(
    ("name", "expected"), [("Оксана", True), ("Микола", False), ("Ілля", False), ("Olena", False)]
)
def test_is_feminine_name(name, expected):
    assert is_feminine_name(name) is expected
