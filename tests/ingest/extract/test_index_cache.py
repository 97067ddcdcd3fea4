"""The file cache of the term indexes: same index as a fresh build, and only ever a shortcut."""

from __future__ import annotations

import json
import os

import pytest

from ddgraph.ingest.extract import index_cache, match, names, tokens


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("DDGRAPH_CACHE_DIR", str(tmp_path))
    return tmp_path


@pytest.mark.parametrize("language", ["en", "uk", "ru"])
def test_an_index_read_from_the_cache_equals_a_fresh_build(cache, language):
    fresh = match._build_index(language)
    written = match.build_index.__wrapped__(language)  # builds and writes the file
    assert list(cache.glob(f"terms-{language}-*.json"))
    read = match.build_index.__wrapped__(language)  # reads it back
    assert written == fresh and read == fresh
    assert list(read) == list(fresh)  # same keys in the same order: same matches in the same order


def test_lexicon_lemmas_read_from_the_cache_equal_a_fresh_build(cache):
    assert frozenset(index_cache.cached("uk-lemmas", lambda: sorted(tokens._lexicon_lemmas()))) \
        == frozenset(tokens._lexicon_lemmas()) == tokens.lexicon_lemmas()


@pytest.mark.parametrize("language", ["en", "uk"])
def test_the_name_vocabulary_read_from_the_cache_equals_a_fresh_build(cache, language):
    fresh = names._vocabulary(language)
    written = names.vocabulary.__wrapped__(language)
    assert list(cache.glob(f"vocabulary-{language}-*.json"))
    assert written == names.vocabulary.__wrapped__(language) == fresh
    assert {"minister", "general"} <= fresh


def test_a_damaged_entry_is_built_again_and_rewritten(cache):
    path = cache / f"demo-{index_cache.fingerprint()}.json"
    path.write_text('{"half": [', encoding="utf-8")
    assert index_cache.cached("demo", lambda: {"a": 1}) == {"a": 1}
    assert json.loads(path.read_text(encoding="utf-8")) == {"a": 1}


def test_a_new_key_replaces_the_entries_of_other_keys(cache):
    stale = cache / "demo-0000000000000000.json"
    stale.write_text('{"old": true}', encoding="utf-8")
    other = cache / "unrelated-0000000000000000.json"
    other.write_text("{}", encoding="utf-8")
    assert index_cache.cached("demo", lambda: {"new": True}) == {"new": True}
    assert not stale.exists() and other.exists()
    assert not list(cache.glob(".*.tmp"))


def test_an_unwritable_directory_leaves_the_value_built_in_memory(tmp_path, monkeypatch):
    blocked = tmp_path / "file-not-dir"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("DDGRAPH_CACHE_DIR", str(blocked / "cache"))
    assert index_cache.cached("demo", lambda: [1, 2]) == [1, 2]


def test_the_cache_can_be_turned_off(tmp_path, monkeypatch):
    monkeypatch.setenv("DDGRAPH_CACHE_DIR", "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    calls = []
    for _ in range(2):
        index_cache.cached("demo", lambda: calls.append(1) or [])
    assert len(calls) == 2 and not any(tmp_path.iterdir())


def test_the_default_directory_follows_xdg(tmp_path, monkeypatch):
    monkeypatch.delenv("DDGRAPH_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert index_cache.cache_dir() == tmp_path / "ddgraph"
    assert os.fspath(index_cache.cache_dir()).startswith(os.fspath(tmp_path))
