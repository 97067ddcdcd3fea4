"""The store: one writer, readers on snapshots, interrupted creation, counts."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from ddgraph.graph.errors import StoreError
from ddgraph.graph.store import MARKER, current_generation, open_store

G = ox.NamedNode("https://w3id.org/ddgraph/id/article/a")


def quad(i: int) -> ox.Quad:
    return ox.Quad(ox.NamedNode(f"urn:s{i}"), ox.NamedNode("urn:p"), ox.Literal(str(i)), G)


def count(store) -> int:
    return len(list(store.ox.quads_for_pattern(None, None, None, G)))


def test_readers_read_the_last_snapshot_while_a_writer_writes(tmp_path):
    path = tmp_path / "s"
    with open_store(path) as writer:
        writer.ox.add(quad(1))
        assert writer.publish() == 1
    writer = open_store(path)
    try:
        writer.ox.add(quad(2))
        with open_store(path, read_only=True) as reader:  # the writer holds its lock meanwhile
            assert (reader.generation, count(reader)) == (1, 1)
            assert writer.publish() == 2
            assert count(reader) == 1  # an open reader keeps its snapshot
        with open_store(path, read_only=True) as reader:
            assert (reader.generation, count(reader)) == (2, 2)
    finally:
        writer.close()


def test_old_snapshots_go_once_no_reader_holds_them(tmp_path):
    path = tmp_path / "s"
    with open_store(path) as writer:
        writer.publish()
        reader = open_store(path, read_only=True)
        writer.publish()
        assert (path / "snapshots" / "1").is_dir()  # still read
        reader.close()
        writer.publish()
    assert sorted(p.name for p in (path / "snapshots").iterdir() if p.is_dir()) == ["3"]


def test_answers_of_a_snapshot_go_with_it(tmp_path):
    path = tmp_path / "s"
    with open_store(path) as writer:
        writer.publish()
        with open_store(path, read_only=True) as reader:
            assert writer.answers_dir is None  # the writer's database changes: nothing is kept for it
            reader.answers_dir.mkdir()
            (reader.answers_dir / "a.json").write_text("{}")
            assert reader.answers_dir == path / "snapshots" / "1.answers"
        writer.publish()
        writer.publish()
    assert sorted(p.name for p in (path / "snapshots").iterdir() if p.is_dir()) == ["3"]
    assert sorted(p.name for p in (path / "snapshots").iterdir() if p.suffix == ".json") == ["3.json"]


def test_one_writer_at_a_time(tmp_path):
    path = tmp_path / "s"
    with open_store(path):
        with pytest.raises(StoreError, match="locked by another ddgraph writer"):
            open_store(path)


def test_a_reader_needs_a_committed_store(tmp_path):
    with pytest.raises(StoreError, match="no store here"):
        open_store(tmp_path / "none", read_only=True)
    with open_store(tmp_path / "s"):
        pass
    with pytest.raises(StoreError, match="nothing committed yet"):
        open_store(tmp_path / "s", read_only=True)


@pytest.mark.parametrize("leftovers", [["lock"], ["lock", "oxigraph"], []])
def test_a_creation_killed_before_its_marker_is_taken_over(tmp_path, leftovers):
    path = tmp_path / "s"
    path.mkdir()
    for name in leftovers:
        (path / name).mkdir() if name == "oxigraph" else (path / name).touch()
    with open_store(path) as store:
        store.ox.add(quad(1))
        store.publish()
    assert json.loads((path / MARKER).read_text())["format"] >= 2
    assert current_generation(path) == 1


@pytest.mark.parametrize(("content", "message"), [
    ({"x.txt": "hi"}, "not a ddgraph store (no ddgraph-store.json) and not empty"),
    ({MARKER: '{"format": 1}'}, "store format 1 is not supported by this ddgraph (expects 3); ingest into a new store"),
    ({MARKER: "{broken"}, "damaged store marker ddgraph-store.json"),
])
def test_what_is_not_a_store_is_refused(tmp_path, content, message):
    path = tmp_path / "s"
    path.mkdir()
    for name, text in content.items():
        (path / name).write_text(text)
    with pytest.raises(StoreError) as info:
        open_store(path)
    assert str(info.value).startswith(f"{path}: {message}")


def test_counts_follow_the_writes(tmp_path):
    from ddgraph.graph.writer import _apply

    path = tmp_path / "s"
    with open_store(path) as store:
        meta = ox.Quad(ox.NamedNode("https://w3id.org/ddgraph/id/article/a"),
                       ox.NamedNode("https://schema.org/inLanguage"), ox.Literal("en"), ox.DefaultGraph())
        _apply(store, [], [quad(1), quad(2), meta])
        _apply(store, [quad(1)], [])
        store.publish()
        kept = dict(store.counts)
    with open_store(path, read_only=True) as reader:
        assert reader.counts == kept
        assert (kept["quads"], kept["articles"], kept["languages"]) == (2, 1, {"en": 1})
    (path / "counts.json").unlink()  # lost: counted again from the database
    with open_store(path) as store:
        assert {k: store.counts[k] for k in ("quads", "articles")} == {"quads": 2, "articles": 1}


def test_release_memory_runs_no_program(monkeypatch):
    """It runs after every batch of rewrites: finding the C library must not fork the (large) process."""
    import subprocess

    import ddgraph.graph.writer

    ddgraph.graph.writer._libc.cache_clear()

    def refuse(*args, **kwargs):
        raise AssertionError("a program was started")

    monkeypatch.setattr(subprocess, "Popen", refuse)
    ddgraph.graph.writer.release_memory()
    ddgraph.graph.writer.release_memory()
    assert ddgraph.graph.writer._libc() is not None
