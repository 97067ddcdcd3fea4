"""Making materiel is defence-industry talk; making it together is joint production."""

from __future__ import annotations

import pytest

from ddgraph.ingest.extract.match import find_terms
from ddgraph.ingest.extract.tokens import tokenize

DERIVED = {"defense-industry", "joint-production"}


@pytest.mark.parametrize(("text", "language", "expected"), [
    ("Shmyhal briefed him on Ukraine's rapidly growing production of interceptor drones.", "en", {"defense-industry"}),
    ("Germany would finance the production of long-range weapons systems in Ukraine.", "en", {"defense-industry"}),
    ("They agreed to speed up K2 tank production in Poland.", "en", {"defense-industry"}),
    ("Estonia will buy artillery rounds directly from Ukrainian manufacturers.", "en", {"defense-industry"}),
    ("They discussed the joint development and production of low-cost interceptors.", "en", {"joint-production"}),
    ("They agreed on the localization of K2 tank production in Poland.", "en", {"joint-production"}),
    ("Сторони обговорили виробництво українських дронів-перехоплювачів.", "uk", {"defense-industry"}),
    ("Сторони обговорили спільне виробництво безпілотників.", "uk", {"joint-production"}),
    ("Стороны обсудили производство беспилотников.", "ru", {"defense-industry"}),
    # no materiel near the production word: not the defence industry
    ("Russian attacks hit the power grid and gas production.", "en", set()),
    ("Grain production fell by a tenth this year.", "en", set()),
    ("Виробництво електроенергії скоротилося.", "uk", set()),
])
def test_production_topics(text, language, expected):
    found = {m.id for m in find_terms(tokenize(text, language), language) if m.kind == "topic"} & DERIVED
    assert found == expected
