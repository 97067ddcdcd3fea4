"""Nominatives of names inflected in Russian text (graph/russian_case.py)."""

import pytest

from ddgraph.graph.russian_case import strip_ru_case
from ddgraph.graph.translit import phonetic_key


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Шмыгалем", "Шмыгаль"),  # soft stem: instrumental
        ("Шмыгаля", "Шмыгаль"),  # soft stem: genitive
        ("Умеровым", "Умеров"),
        ("Умерова", "Умеров"),
        ("Умерову", "Умеров"),
        ("Сырским", "Сырский"),  # an adjective-like surname the dictionary misreads as a nominative
        ("Сырского", "Сырский"),
        ("Белоусовым", "Белоусов"),
        ("Залужного", "Залужный"),  # an adjective-like surname in -ный
        ("Путиным", "Путин"),
        ("Захаровой", "Захарова"),  # a woman's surname keeps its -а
        ("Кулебой", "Кулеба"),
        ("Сибиги", "Сибига"),
        ("Писториусом", "Писториус"),  # a foreign surname ending in a consonant declines too
        ("Хегсета", "Хегсет"),
        ("Мерцем", "Мерц"),
        ("Шойгу", "Шойгу"),  # indeclinable: no dative of "Шойг"
        ("Рютте", "Рютте"),
        ("Лекорню", "Лекорню"),
        ("Каллас", "Каллас"),
        ("Umerov", "Umerov"),  # not Cyrillic
        ("Кос", "Кос"),  # too short to strip
        ("Косиняк-Камышем", "Косиняк-Камыш"),  # each part of a double name
    ],
)
def test_strip_ru_case(word, expected):
    assert strip_ru_case(word) == expected


@pytest.mark.parametrize(
    ("russian", "other"),
    [("Шмыгалем", "Shmyhal"), ("Шмыгалем", "Шмигаль"), ("Сырским", "Syrskyi"), ("Умеровым", "Умєров")],
)
def test_russian_nominative_keys_like_the_ukrainian_and_latin_spelling(russian, other):
    assert phonetic_key(strip_ru_case(russian)) == phonetic_key(other)
