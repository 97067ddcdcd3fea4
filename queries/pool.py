"""A small pool of query processes that can be killed: how the endpoint keeps its limits.

pyoxigraph evaluates a query in Rust, out of reach of Python's signals, so each
query runs in a process of its own (queries/worker.py). A query that passes the
time limit, or whose client goes away, has its process killed and replaced;
the other processes keep answering meanwhile. A process that dies (over its
memory limit, say) is replaced the same way.

Use (inside an event loop): ``await pool.start()``, then ``await pool.run(job)``
for each query, ``await pool.close()`` at the end.

Example:
    >>> pool = WorkerPool("out/store", size=2, limits=Limits(timeout=5))
    >>> pool.size, pool.limits.timeout, pool.pids()
    (2, 5, [])
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import struct
import sys
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from http import HTTPStatus
from pathlib import Path

from ddgraph.graph.errors import DDGraphError
from ddgraph.graph.store import current_generation
from ddgraph.queries.execute import Limits
from ddgraph.queries.protocol import Job, ProtocolError

START_TIMEOUT = 60.0  # seconds for a query process to open the store
MAX_WAITING_PER_PROCESS = 64  # requests queued per query process before 503
_LENGTH = struct.Struct("!Q")


@dataclass(eq=False)
class _Worker:
    proc: asyncio.subprocess.Process
    reader: asyncio.StreamReader
    writer: asyncio.StreamWriter
    retired: bool = field(default=False)

    @property
    def pid(self) -> int:
        return self.proc.pid


async def _read_frame(reader: asyncio.StreamReader) -> bytes:
    size = _LENGTH.unpack(await reader.readexactly(_LENGTH.size))[0]
    return await reader.readexactly(size)


class WorkerPool:
    """``size`` query processes over the store at ``store_path``.

    Args:
        store_path: the store directory (each process opens it read-only).
        size: number of processes, i.e. of queries running at once.
        limits: the per-query limits (time here; rows, bytes, memory, SERVICE in the processes).
        log: called with a one-line message when a process is stopped or replaced.
    """

    def __init__(self, store_path: str | os.PathLike, size: int = 2, limits: Limits = Limits(), *,
                 log: Callable[[str], None] = lambda message: None) -> None:
        self.store_path = Path(store_path)
        self.size = size
        self.limits = limits
        self.log = log
        self._reopened = 0
        self._idle: asyncio.Queue[_Worker] | None = None
        self._workers: set[_Worker] = set()
        self._tasks: set[asyncio.Task] = set()
        self._waiting = 0
        self._closing = False

    def pids(self) -> list[int]:
        """Process ids of the live query processes."""
        return sorted(w.pid for w in self._workers)

    @property
    def generation(self) -> int:
        """What the processes must have open: the store's newest published snapshot (a writer
        publishes one at each commit), and the number of explicit :meth:`reopen` calls."""
        return current_generation(self.store_path) * 1_000_000 + self._reopened

    def reopen(self) -> None:
        """Have every process open the store again before its next query."""
        self._reopened += 1
        self.log(f"the query processes will re-open the store (generation {self.generation})")

    async def start(self) -> None:
        """Start the processes and wait until each has opened the store.

        Raises:
            DDGraphError: the store cannot be opened (the message of the first failure).
        """
        self._idle = asyncio.Queue()
        started = await asyncio.gather(*(self._spawn() for _ in range(self.size)), return_exceptions=True)
        for worker in started:
            if isinstance(worker, _Worker):
                self._workers.add(worker)
                self._idle.put_nowait(worker)
        failures = [w for w in started if isinstance(w, BaseException)]
        if failures:
            await self.close()
            raise failures[0]

    async def _spawn(self) -> _Worker:
        ours, theirs = socket.socketpair()
        config = {"store": str(self.store_path), "fd": theirs.fileno(), "parent": os.getpid(),
                  "generation": self.generation, "limits": self.limits.to_json()}
        try:
            proc = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "ddgraph.queries.worker", json.dumps(config),
                stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.DEVNULL, pass_fds=(theirs.fileno(),))
        finally:
            theirs.close()
        try:
            reader, writer = await asyncio.open_connection(sock=ours)
        except BaseException:
            ours.close()
            proc.kill()
            raise
        worker = _Worker(proc, reader, writer)
        try:
            async with asyncio.timeout(START_TIMEOUT):
                hello = json.loads(await _read_frame(reader))
        except (TimeoutError, asyncio.IncompleteReadError, ConnectionError, ValueError):
            hello = {"error": f"{self.store_path}: a query process could not start"}
        except BaseException:  # cancelled while starting: leave nothing behind
            self._kill(worker)
            raise
        if "ready" not in hello:
            self._kill(worker)
            await proc.wait()
            raise DDGraphError(hello["error"])
        return worker

    async def run(self, job: Job) -> tuple[str, bytes]:
        """Run ``job`` in a free process; return (content type, body).

        Cancelling the call (the client went away) kills the process running it.

        Raises:
            ProtocolError: the query's own error, 503 when every process stays busy
                or the query passes the time limit, 503/500 when its process dies.
        """
        if self._waiting >= MAX_WAITING_PER_PROCESS * self.size:
            raise ProtocolError(HTTPStatus.SERVICE_UNAVAILABLE, "the endpoint is saturated; try again later")
        self._waiting += 1
        try:
            async with asyncio.timeout(self.limits.timeout):
                worker = await self._idle.get()
        except TimeoutError:
            raise ProtocolError(HTTPStatus.SERVICE_UNAVAILABLE, f"all {self.size} query processes stayed busy "
                                f"for {self.limits.timeout:g} s; try again later") from None
        finally:
            self._waiting -= 1
        answered = False
        try:
            message = json.dumps({**asdict(job), "generation": self.generation}).encode()
            worker.writer.write(_LENGTH.pack(len(message)) + message)
            async with asyncio.timeout(self.limits.timeout):
                header = json.loads(await _read_frame(worker.reader))
                body = await _read_frame(worker.reader)
            answered = True
        except TimeoutError:
            self._retire(worker, f"its query passed the {self.limits.timeout:g} s time limit")
            raise ProtocolError(HTTPStatus.SERVICE_UNAVAILABLE, "query stopped: it ran longer than the "
                                f"{self.limits.timeout:g} s time limit") from None
        except (asyncio.IncompleteReadError, ConnectionError):
            raise await self._died(worker) from None
        finally:
            if answered:
                self._idle.put_nowait(worker)
            elif not worker.retired:  # cancelled: nobody waits for this query any more
                self._retire(worker, "its client went away")
        if header["status"] != 200:
            raise ProtocolError(header["status"], header["error"])
        return header["type"], body

    async def _died(self, worker: _Worker) -> ProtocolError:
        try:
            async with asyncio.timeout(5):
                code = await worker.proc.wait()
        except TimeoutError:
            code = None
        if code in (-signal.SIGABRT, -signal.SIGKILL):
            self._retire(worker, f"it died ({signal.Signals(-code).name}), most likely over its memory limit")
            return ProtocolError(HTTPStatus.SERVICE_UNAVAILABLE, "query stopped: it needed more than the "
                                 f"{self.limits.max_memory >> 20} MB memory limit")
        self._retire(worker, f"it died (exit status {code})")
        return ProtocolError(HTTPStatus.INTERNAL_SERVER_ERROR, "query failed: its process died")

    def _kill(self, worker: _Worker) -> None:
        worker.writer.close()
        if worker.proc.returncode is None:
            try:
                worker.proc.kill()
            except ProcessLookupError:
                pass

    def _retire(self, worker: _Worker, reason: str) -> None:
        """Kill ``worker`` and start another in its place (in the background)."""
        worker.retired = True
        self._workers.discard(worker)
        self._kill(worker)
        self.log(f"query process {worker.pid} stopped: {reason}")
        if not self._closing:
            task = asyncio.get_running_loop().create_task(self._replace(worker))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _replace(self, old: _Worker) -> None:
        await old.proc.wait()
        while not self._closing:
            try:
                worker = await self._spawn()
            except DDGraphError as exc:
                self.log(f"cannot start a query process: {exc}; retrying in 1 s")
                await asyncio.sleep(1)
                continue
            if self._closing:
                self._kill(worker)
                await worker.proc.wait()
                return
            self._workers.add(worker)
            self._idle.put_nowait(worker)
            return

    async def close(self) -> None:
        """Stop every process (idempotent)."""
        self._closing = True
        for task in list(self._tasks):
            task.cancel()
        workers = list(self._workers)
        self._workers.clear()
        for worker in workers:
            self._kill(worker)
        await asyncio.gather(*(w.proc.wait() for w in workers), *self._tasks, return_exceptions=True)
