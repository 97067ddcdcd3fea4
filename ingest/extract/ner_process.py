"""The English NER model loaded in a process of its own while this one goes on.

Importing spaCy and loading the model is the largest part of a new process that
ingests a few articles (1.6 s of 4 s for one English article on 2 slow cores),
and it needs nothing this process computes. :func:`start` forks a child that
loads the model at once, while this process opens the store, reads, cleans and
tokenises; :func:`ner_spans` then hands the child the texts and gets back its
PERSON spans, the same as the model gives in this process (same model, same
pieces, same batches). A child that cannot serve (it died, or was never
started) makes :func:`ner_spans` return None, and the caller loads the model
itself as before.

The child serves the process that started it (not the pool workers forked from
it later: they load their own model) until that process ends or calls
:func:`stop`, so a program that ingests a few articles at a time loads the model
once. It holds no lock of a store, and dies with its parent (a daemon).

Example:
    >>> start()  # doctest: +SKIP
    >>> ner_spans(["Boris Pistorius met Rustem Umerov."])  # doctest: +SKIP
    [[(0, 15), (20, 33)]]
    >>> stop()  # doctest: +SKIP
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable

from ddgraph.graph.store import close_inherited_locks

_child = None  # (process, connection, pid of the process it serves) while a child serves


def start(load: Callable[[], object]) -> bool:
    """Fork a child that calls ``load()`` (the model) and then serves :func:`ner_spans`;
    False when this platform cannot fork or a child already serves.

    Fork before opening a store: the child must hold none of its locks.
    """
    global _child
    if serving() or "fork" not in multiprocessing.get_all_start_methods():
        return False
    ctx = multiprocessing.get_context("fork")
    here, there = ctx.Pipe()
    process = ctx.Process(target=_serve, args=(there, here, load), name="ddgraph-ner", daemon=True)
    process.start()
    there.close()
    _child = (process, here, os.getpid())
    return True


def serving() -> bool:
    """Whether a child serves this process."""
    return _child is not None and _child[2] == os.getpid()


def ner_spans(pieces: list[str]) -> list[list[tuple[int, int]]] | None:
    """Each piece's PERSON spans (character offsets in the piece) from the child, or None
    when no child serves."""
    if not serving():
        return None
    process, conn, _ = _child
    try:
        conn.send(pieces)
        return conn.recv()
    except (EOFError, OSError):
        stop()
        return None


def stop() -> None:
    """End the child (at once when it is still loading)."""
    global _child
    if not serving():
        _child = None  # one a parent started: not this process's to end
        return
    process, conn, _ = _child
    _child = None
    conn.close()  # the child's recv ends: it exits
    process.join(timeout=2)
    if process.is_alive():
        process.terminate()
        process.join()


def _serve(conn, parents_end, load: Callable[[], object]) -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
    parents_end.close()  # else the parent closing its end would not end this child's recv
    close_inherited_locks()  # a store the parent has open stays its own
    try:
        nlp = load()
        while True:
            pieces = conn.recv()
            docs = nlp.pipe(pieces, batch_size=max(len(pieces), 1))
            conn.send([[(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PERSON"] for doc in docs])
    except Exception:  # noqa: BLE001 - a child that cannot serve ends; the parent loads the model itself
        pass
    finally:
        conn.close()
