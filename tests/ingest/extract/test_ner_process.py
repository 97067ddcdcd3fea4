"""The NER model loaded in a child process: the same spans, one child per process, no store lock kept."""

from __future__ import annotations

import multiprocessing
import os

import pytest

from ddgraph.graph.errors import StoreError
from ddgraph.graph.store import open_store
from ddgraph.ingest.extract import ner_process
from ddgraph.ingest.extract.context import _spacy

PIECES = ["Defence Minister Rustem Umerov met his German counterpart Boris Pistorius in Kyiv.",
          "Gen. Oleksandr Syrskyi briefed Lloyd J. Austin III by phone.",
          "No one here."]


@pytest.fixture
def child():
    ner_process.stop()  # one an earlier small ingest of this process started
    assert ner_process.start(_spacy)
    yield
    ner_process.stop()


def _local(pieces):
    return [[(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PERSON"] for doc in _spacy().pipe(pieces)]


def test_the_child_finds_the_spans_the_model_finds_here(child):
    assert ner_process.serving()
    assert ner_process.ner_spans(PIECES) == _local(PIECES)
    assert ner_process.ner_spans(PIECES[:1]) == _local(PIECES[:1])  # it goes on serving
    assert not ner_process.start(_spacy)  # one child at a time


def test_without_a_child_the_caller_is_told_to_load_the_model():
    ner_process.stop()
    assert ner_process.ner_spans(PIECES) is None


def test_a_dead_child_makes_the_caller_load_the_model(child):
    process = ner_process._child[0]
    process.kill()
    process.join()
    assert ner_process.ner_spans(PIECES) is None
    assert not ner_process.serving()


def test_a_process_forked_later_is_not_served_by_its_parents_child(child):
    ctx = multiprocessing.get_context("fork")
    out, inp = ctx.Pipe(duplex=False)

    def probe():
        inp.send((ner_process.serving(), ner_process.ner_spans(PIECES)))

    p = ctx.Process(target=probe)
    p.start()
    assert out.recv() == (False, None)
    p.join()
    assert ner_process.ner_spans(PIECES[:1]) == _local(PIECES[:1])  # the parent's child is untouched


def test_the_child_keeps_no_lock_of_a_store_its_parent_had_open(tmp_path):
    ner_process.stop()
    store = open_store(tmp_path / "s")
    assert ner_process.start(_spacy)
    try:
        assert ner_process.ner_spans(PIECES[:1]) == _local(PIECES[:1])  # the child has run its start
        store.close()
        with open_store(tmp_path / "s") as again:  # the writer's lock went with the parent's close
            assert again.path == tmp_path / "s"
    finally:
        ner_process.stop()


def test_a_second_writer_is_still_refused_while_the_first_is_open(tmp_path, child):
    with open_store(tmp_path / "s"):
        with pytest.raises(StoreError, match="locked by another ddgraph writer"):
            open_store(tmp_path / "s")
    assert os.getpid() == ner_process._child[2]
