"""Start ``ddgraph serve`` as a user does, talk to it over loopback, stop it.

``Served`` runs the installed ``ddgraph`` command in a subprocess on a free port,
waits for its announce line and knows its query processes (from /proc).
``CountingServer`` is a plain HTTP server on loopback that counts the requests
it gets and answers with a SPARQL JSON result holding a secret.
"""

from __future__ import annotations

import http.client
import http.server
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

DDGRAPH = Path(sys.executable).with_name("ddgraph")  # the command of this environment
if not DDGRAPH.exists():
    DDGRAPH = Path(shutil.which("ddgraph") or DDGRAPH)


def children(pid: int) -> list[int]:
    """Process ids of the direct children of ``pid``."""
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(p) for p in (task / "children").read_text().split()]
        except OSError:
            pass
    return sorted(set(found))


def alive(pid: int) -> bool:
    """True while ``pid`` exists and is not a zombie."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def cpu_seconds(pid: int) -> float:
    """User + system CPU time used by ``pid`` so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Served:
    """``ddgraph serve --store STORE --port 0 ARGS...`` running in a subprocess."""

    def __init__(self, store: Path, *args: str) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="ddgraph-serve-test-"))
        self.out, self.err = self.dir / "stdout", self.dir / "stderr"
        with open(self.out, "wb") as out, open(self.err, "wb") as err:
            self.proc = subprocess.Popen([str(DDGRAPH), "serve", "--store", str(store), "--port", "0", *args],
                                         stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while not (match := re.search(r"http://127\.0\.0\.1:(\d+)/sparql", self.out.read_text())):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.proc.kill()
                raise AssertionError(f"ddgraph serve did not start: {self.log()}")
            time.sleep(0.05)
        self.port = int(match.group(1))
        self.url = f"http://127.0.0.1:{self.port}/sparql"

    def workers(self) -> list[int]:
        """Process ids of the live query processes."""
        return [p for p in children(self.proc.pid) if alive(p) and "queries.worker" in _cmdline(p)]

    def wait_workers(self, count: int, timeout: float = 20) -> list[int]:
        """The query processes, once there are ``count`` of them."""
        deadline = time.monotonic() + timeout
        while len(pids := self.workers()) != count:
            assert time.monotonic() < deadline, (pids, self.log())
            time.sleep(0.05)
        return pids

    def log(self) -> str:
        """What the server wrote to stderr so far."""
        return self.err.read_text(errors="replace")

    def request(self, method: str, target: str, body: bytes | None = None, headers: dict | None = None,
                timeout: float = 15) -> tuple[int, dict, bytes]:
        """(status, headers with lowercase names, body) of one request."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.request(method, target, body=body, headers=headers or {})
            response = conn.getresponse()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
        finally:
            conn.close()

    def stop(self) -> None:
        """Ctrl-C, and check that no query process is left."""
        workers = children(self.proc.pid)
        self.proc.send_signal(signal.SIGINT)
        self.proc.wait(20)
        deadline = time.monotonic() + 5
        while any(alive(p) for p in workers):
            assert time.monotonic() < deadline, "query processes left after the server stopped"
            time.sleep(0.05)
        shutil.rmtree(self.dir, ignore_errors=True)


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_text().replace("\0", " ")
    except OSError:
        return ""


class CountingServer:
    """An HTTP server on 127.0.0.1 that counts its requests and answers a SPARQL result with a secret."""

    def __init__(self) -> None:
        self.secret = f"TOPSECRET-{uuid.uuid4().hex}"
        self.hits: list[str] = []
        owner = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def _answer(self) -> None:
                owner.hits.append(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                if length:
                    self.rfile.read(length)
                body = ('{"head":{"vars":["secret"]},"results":{"bindings":[{"secret":'
                        f'{{"type":"literal","value":"{owner.secret}"}}}}]}}}}').encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/sparql-results+json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = _answer

            def log_message(self, *args) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/secret"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
