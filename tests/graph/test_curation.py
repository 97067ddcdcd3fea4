"""Tests of graph.curation: the versioned, append-only decision file."""

from __future__ import annotations

import pytest
import yaml

from ddgraph.graph.curation import Decisions, add_decision, decision_version, decisions_from_log, load_decisions
from ddgraph.graph.errors import InputError


def test_missing_file_means_no_decisions(tmp_path):
    assert load_decisions(tmp_path / "none.yaml") == Decisions()
    assert decision_version(tmp_path / "none.yaml") == 0


def test_add_appends_and_bumps_version(tmp_path):
    path = tmp_path / "store" / "curation.yaml"
    add_decision(path, "same", "Lecorneuil", "Sébastien Lecornu", at="2025-04-01T10:00:00+00:00")
    result = add_decision(path, "different", "Oleksiy Kuleba", "Dmytro Kuleba", at="2025-04-02T10:00:00+00:00")
    assert result == load_decisions(path)
    assert result.same == {("Lecorneuil", "Sébastien Lecornu")}
    assert result.different == {("Dmytro Kuleba", "Oleksiy Kuleba")}
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["version"] == 2 == decision_version(path)
    assert [d["kind"] for d in data["decisions"]] == ["same", "different"]
    assert data["decisions"][0] == {
        "kind": "same",
        "a": "Lecorneuil",
        "b": "Sébastien Lecornu",
        "at": "2025-04-01T10:00:00+00:00",
    }


def test_later_decision_on_a_pair_wins_but_log_keeps_both(tmp_path):
    path = tmp_path / "c.yaml"
    add_decision(path, "same", "A", "B")
    result = add_decision(path, "different", "B", "A")
    assert result == Decisions(different=frozenset({("A", "B")}))
    assert len(yaml.safe_load(path.read_text(encoding="utf-8"))["decisions"]) == 2


@pytest.mark.parametrize(
    ("log", "same", "different"),
    [
        ([], set(), set()),
        ([{"kind": "same", "a": "x", "b": "y"}], {("x", "y")}, set()),
        ([{"kind": "same", "a": "y", "b": "x"}, {"kind": "different", "a": "x", "b": "y"}], set(), {("x", "y")}),
        ([{"kind": "different", "a": "x", "b": "y"}, {"kind": "same", "a": "x", "b": "y"}], {("x", "y")}, set()),
        ([{"kind": "same", "a": "x", "b": "x"}], set(), set()),
    ],
)
def test_replay(log, same, different):
    assert decisions_from_log(log) == Decisions(frozenset(same), frozenset(different))


@pytest.mark.parametrize(("kind", "a", "b"), [("merge", "A", "B"), ("same", "A", "A"), ("same", "", "B")])
def test_bad_decisions_rejected(tmp_path, kind, a, b):
    with pytest.raises(ValueError):
        add_decision(tmp_path / "c.yaml", kind, a, b)
    assert not (tmp_path / "c.yaml").exists()


@pytest.mark.parametrize(
    "text", ["version: 1\ndecisions: [{kind: merge, a: x, b: y}]\n", "- just a list\n", "version: [unclosed\n"]
)
def test_malformed_file_is_an_input_error(tmp_path, text):
    path = tmp_path / "c.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match="c.yaml"):
        load_decisions(path)


def test_terms():
    d = Decisions(same=frozenset({("a", "b")}), different=frozenset({("b", "c")}))
    assert d.terms() == {"a", "b", "c"}
