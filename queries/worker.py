"""A query process of ``ddgraph serve``: runs one query at a time for the pool.

Started by queries/pool.py as ``python -m queries.worker CONFIG-JSON`` with one
end of a socket pair. It caps its own address space (``RLIMIT_AS``), dies with
the server (``PR_SET_PDEATHSIG``), ignores Ctrl-C (the server stops it), opens
the store read-only itself and answers jobs until the socket closes. A job
carries the pool's store generation: when it differs from the one the process
opened, the store is opened again first (``ddgraph serve`` bumps it on SIGHUP).

Messages are frames: an 8-byte big-endian length, then the bytes. The process
sends ``{"ready": pid}`` or ``{"error": message}`` first, then for each job a
header frame (JSON, see :func:`queries.execute.answer`) and a body frame.

Example:
    >>> a, b = socket.socketpair()
    >>> send_frame(a, b"hello"); recv_frame(b)
    b'hello'
"""

from __future__ import annotations

import ctypes
import json
import os
import resource
import signal
import socket
import struct
import sys
from pathlib import Path

from ddgraph.graph.errors import DDGraphError
from ddgraph.queries.execute import Limits, answer
from ddgraph.queries.protocol import Job

_LENGTH = struct.Struct("!Q")
PR_SET_PDEATHSIG = 1


def send_frame(sock: socket.socket, data: bytes) -> None:
    """Send one frame (length, then bytes)."""
    sock.sendall(_LENGTH.pack(len(data)) + data)


def recv_frame(sock: socket.socket) -> bytes | None:
    """Read one frame; None when the other end has closed."""
    head = _recv_exactly(sock, _LENGTH.size)
    if head is None:
        return None
    return _recv_exactly(sock, _LENGTH.unpack(head)[0])


def _recv_exactly(sock: socket.socket, size: int) -> bytes | None:
    chunks, left = [], size
    while left:
        chunk = sock.recv(min(left, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _die_with_parent(parent: int) -> None:
    """Be killed when the server dies, whatever way it dies (Linux)."""
    try:
        ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL))
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:
        os._exit(0)


def _limit_memory(max_bytes: int) -> None:
    if max_bytes > 0:
        resource.setrlimit(resource.RLIMIT_AS, (max_bytes, max_bytes))


def serve_jobs(sock: socket.socket, store_path: Path, limits: Limits, generation: int) -> None:
    """Open the store, say ready, answer jobs until the socket closes."""
    from ddgraph.queries.server import _open_reader

    try:
        store = _open_reader(store_path)
    except DDGraphError as exc:
        send_frame(sock, json.dumps({"error": str(exc)}).encode())
        return
    send_frame(sock, json.dumps({"ready": os.getpid()}).encode())
    try:
        while (frame := recv_frame(sock)) is not None:
            job = json.loads(frame)
            wanted = job.pop("generation")
            if wanted != generation:
                store, generation = _reopen(store, store_path), wanted
            header, body = answer(store.ox, Job(**job), limits)
            send_frame(sock, json.dumps(header).encode())
            send_frame(sock, body)
    finally:
        store.close()


def _reopen(store, store_path: Path):
    """The store opened again (for what was written since); the old one if that fails."""
    from ddgraph.queries.server import _open_reader

    try:
        fresh = _open_reader(store_path)
    except DDGraphError as exc:
        print(f"ddgraph query process {os.getpid()}: {exc}; still reading the store opened before", file=sys.stderr)
        return store
    store.close()
    return fresh


def main(argv: list[str] | None = None) -> int:
    """Entry point: ``python -m queries.worker CONFIG-JSON``."""
    config = json.loads((argv or sys.argv[1:])[0])
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent(config["parent"])
    limits = Limits(**{**config["limits"], "allow_service": tuple(config["limits"]["allow_service"])})
    _limit_memory(limits.max_memory)
    sock = socket.socket(fileno=config["fd"])
    try:
        serve_jobs(sock, Path(config["store"]), limits, config["generation"])
    except (ConnectionError, BrokenPipeError):
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
