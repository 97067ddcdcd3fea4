"""Benchmark: load ``ddgraph serve`` with concurrent loopback clients running the canned queries.

Starts ``ddgraph serve`` on a store (a free port on 127.0.0.1), finds real IRIs in
the store for the bindings the queries of queries/sparql/*.rq document, then runs
N clients (threads, one keep-alive connection each) for T seconds, each sending
the canned queries in turn with random real bindings (as a ``VALUES`` block at
the start of the WHERE clause). Prints requests, errors and latency p50 / p95 /
p99 per query, then stops the server and its query processes. Every request
goes to 127.0.0.1 and the run is bounded in time.

Usage:
    .venv/bin/python bench/bench_serve.py --store out/store [--clients 50] [--seconds 60] [--workers 2]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from ddgraph.queries.sparql import BINDINGS  # noqa: E402

DDGRAPH = Path(sys.executable).with_name("ddgraph")  # the command of this environment
if not DDGRAPH.exists():
    DDGRAPH = Path(shutil.which("ddgraph") or DDGRAPH)
# where to find real values for a binding variable of the canned queries
CANDIDATES = {
    "person": "?x a dd:Person", "other": "?x a dd:Person", "thing": "?x a dd:Person",
    "meeting": "?x a dd:Meeting ; dd:delegationMember ?d", "article": "?x a schema:NewsArticle",
    "party": "?a dd:party ?x", "provider": "?a dd:provider ?x", "recipient": "?a dd:recipient ?x",
    "system": "?a dd:item ?x", "topic": "?m dd:discusses ?x", "place": "?m dd:location ?x",
    "country": "GRAPH ?g { ?o dd:ofCountry ?x }", "countryA": "GRAPH ?g { ?o dd:ofCountry ?x }",
    "countryB": "GRAPH ?g { ?o dd:ofCountry ?x }",
    "class": "VALUES ?x { dd:Person dd:Country dd:Organization }",
    # what the templates of the shipped queries name ({{iri x}}, {{values ?x}})
    "anymeeting": "?x a dd:Meeting", "aid": "?x a dd:AidDelivery", "member": "?m dd:delegationMember ?x",
}
#: literal bindings: sampled from the store (?x of the pattern), or fixed
LITERALS = {"key": "?p dd:nameKey ?x"}
FIXED = {"from": '"0"', "to": '"~"'}
DD = "https://w3id.org/ddgraph/ontology#"
#: template name -> the candidates it takes its IRIs from (or a fixed IRI)
TEMPLATE_SOURCES = {"meeting": "anymeeting", "event": "aid", "g": "article", "s": "person", "thing": "person",
                    "person": "person", "member": "member", "driveValue": "provider", "facet": "place"}
TEMPLATE = re.compile(r"\{\{(?:iri (\w+)|values \?(\w+)|(limit|offset))\}\}")


def fill_templates(text: str, values: dict[str, list[str]], rng: random.Random) -> str:
    """The query's placeholders (see queries.sparql.load_query) filled with real IRIs of the store."""
    chosen: dict[str, str] = {}

    def pick(name: str) -> str:
        if name not in chosen:
            if name == "drive":
                chosen[name] = DD + "provider"
            elif name == "property":
                chosen[name] = DD + ("placeKey" if "{{iri facet}}" in text else "holdsRole")
            elif name == "class":
                chosen[name] = DD + ("AidDelivery" if "{{iri drive}}" in text else "Person")
            elif name == "meeting" and "delegationMember" in text:
                chosen[name] = rng.choice(values.get("meeting") or values["anymeeting"])
            else:
                chosen[name] = rng.choice(values[TEMPLATE_SOURCES[name]] or values["person"])  # none: any person
        return chosen[name]

    def sub(m: re.Match) -> str:
        if m.group(1):
            return f"<{pick(m.group(1))}>"
        if m.group(2):
            return f"VALUES ?{m.group(2)} {{ <{pick(m.group(2))}> }}"
        return "20" if m.group(3) == "limit" else "0"

    return TEMPLATE.sub(sub, text)


def canned_queries() -> dict[str, tuple[str, list[str]]]:
    """name -> (query text, variables to bind: the required ones, else the first documented)."""
    out = {}
    for path in sorted((ROOT / "queries" / "sparql").glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        doc = re.search(r"^# Bindings?[^\n]*(?:\n#[^\n]*)*", text, re.M)
        documented, required, pending = [], [], []
        for var, note in re.findall(r"\?(\w+)|\(([^)]*)\)", doc.group() if doc else ""):
            if var:  # "?a ?b (IRIs, required)": the note is about every variable before it
                documented.append(var)
                pending.append(var)
            else:
                required += [v for v in pending if "required" in note]
                pending = []
        bindable = set(CANDIDATES) | set(LITERALS) | set(FIXED)
        required = [name for name in required if name in bindable]
        known = [name for name in documented if name in bindable]
        out[path.stem] = (text, required or known[:1])
    return out


def bind(query: str, values: dict[str, str]) -> str:
    """``query`` with a VALUES block binding ``values`` (IRIs) at its bindings marker, else at the
    start of its WHERE clause."""
    if not values:
        return query.replace(BINDINGS, "")
    block = " ".join(f"VALUES ?{name} {{ {v if v.startswith(chr(34)) else f'<{v}>'} }}" for name, v in values.items())
    if BINDINGS in query:  # where the query wants them (see queries.sparql.BINDINGS)
        return query.replace(BINDINGS, block)
    match = re.search(r"\bWHERE\s*\{", query, re.I)
    return query[:match.end()] + " " + block + query[match.end():]


class Server:
    """``ddgraph serve --quiet`` on a free loopback port; ``stop()`` ends it and its query processes."""

    def __init__(self, store: Path, workers: int, timeout: float) -> None:
        self.log = tempfile.NamedTemporaryFile(prefix="bench-serve-", suffix=".log", delete=False)
        self.proc = subprocess.Popen([str(DDGRAPH), "serve", "--store", str(store), "--port", "0", "--quiet",
                                      "--workers", str(workers), "--timeout", str(timeout)],
                                     stdout=self.log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while not (m := re.search(r"http://127\.0\.0\.1:(\d+)/sparql", Path(self.log.name).read_text())):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                sys.exit(f"ddgraph serve did not start: {Path(self.log.name).read_text().strip()}")
            time.sleep(0.05)
        self.port = int(m.group(1))

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()  # its query processes die with it (PR_SET_PDEATHSIG)
                self.proc.wait()
        self.log.close()
        os.unlink(self.log.name)


def connect(port: int, timeout: float) -> http.client.HTTPConnection:
    """A keep-alive connection with TCP_NODELAY (http.client sends head and body apart: no 40 ms Nagle wait)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    conn.connect()
    conn.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return conn


def post(conn: http.client.HTTPConnection, query: str) -> tuple[int, bytes]:
    body = urllib.parse.urlencode({"query": query}).encode()
    conn.request("POST", "/sparql", body, {"Content-Type": "application/x-www-form-urlencoded",
                                           "Accept": "application/sparql-results+json"})
    response = conn.getresponse()
    return response.status, response.read()


def sample_values(port: int) -> dict[str, list[str]]:
    """Real IRIs of the store for each binding variable (up to 50 each)."""
    conn = connect(port, 60)
    values = {}
    for name, pattern in CANDIDATES.items():
        status, body = post(conn, f"SELECT DISTINCT ?x WHERE {{ {pattern} FILTER(isIRI(?x)) }} LIMIT 50")
        rows = json.loads(body)["results"]["bindings"] if status == 200 else []
        values[name] = [row["x"]["value"] for row in rows]
    for name, pattern in LITERALS.items():
        status, body = post(conn, f"SELECT DISTINCT ?x WHERE {{ {pattern} }} LIMIT 50")
        rows = json.loads(body)["results"]["bindings"] if status == 200 else []
        values[name] = [json.dumps(row["x"]["value"]) for row in rows]
    for name, literal in FIXED.items():
        values[name] = [literal]
    conn.close()
    return values


def percentile(sorted_values: list[float], p: float) -> float:
    if not sorted_values:
        return float("nan")
    return sorted_values[min(len(sorted_values) - 1, int(round(p / 100 * (len(sorted_values) - 1))))]


def run_clients(port: int, queries: dict, values: dict, clients: int, seconds: float, timeout: float) -> dict:
    """Per query: list of (latency seconds, status or error name)."""
    results: dict[str, list[tuple[float, str]]] = {name: [] for name in queries}
    lock, stop_at = threading.Lock(), time.monotonic() + seconds

    def client(seed: int) -> None:
        rng, names = random.Random(seed), list(queries)
        conn = connect(port, timeout + 10)
        i = seed
        while time.monotonic() < stop_at:
            name = names[i % len(names)]
            i += 1
            text, variables = queries[name]
            query = bind(fill_templates(text, values, rng), {v: rng.choice(values[v]) for v in variables if values.get(v)})
            start = time.perf_counter()
            try:
                status, _ = post(conn, query)
                outcome = str(status)
            except (OSError, http.client.HTTPException) as exc:
                outcome = type(exc).__name__
                conn.close()
                try:
                    conn = connect(port, timeout + 10)
                except OSError:
                    time.sleep(0.1)
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout + 10)
            with lock:
                results[name].append((time.perf_counter() - start, outcome))
        conn.close()

    threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(seconds + timeout + 30)
    return results


def report(results: dict, seconds: float) -> None:
    print(f"{'query':16} {'requests':>8} {'errors':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    total = errors = 0
    everything = []
    for name, rows in results.items():
        ok = sorted(t for t, outcome in rows if outcome == "200")
        bad = len(rows) - len(ok)
        total, errors = total + len(rows), errors + bad
        everything += ok
        print(f"{name:16} {len(rows):8d} {bad:6d} {percentile(ok, 50) * 1000:8.1f} "
              f"{percentile(ok, 95) * 1000:8.1f} {percentile(ok, 99) * 1000:8.1f}")
    everything.sort()
    print(f"{'all':16} {total:8d} {errors:6d} {percentile(everything, 50) * 1000:8.1f} "
          f"{percentile(everything, 95) * 1000:8.1f} {percentile(everything, 99) * 1000:8.1f}")
    print(f"throughput: {total / seconds:.1f} requests/s")
    outcomes = sorted({o for rows in results.values() for _, o in rows if o != "200"})
    for outcome in outcomes:
        print(f"error {outcome}: {sum(o == outcome for rows in results.values() for _, o in rows)}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", default=os.environ.get("DDGRAPH_STORE", "out/store"))
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=30, help="the server's per-query time limit")
    args = ap.parse_args()
    server = Server(Path(args.store), args.workers, args.timeout)
    try:
        queries = canned_queries()
        values = sample_values(server.port)
        print(f"ddgraph serve on {args.store}: {args.workers} query processes; {args.clients} clients "
              f"for {args.seconds:g} s over {len(queries)} canned queries")
        results = run_clients(server.port, queries, values, args.clients, args.seconds, args.timeout)
        report(results, args.seconds)
    finally:
        server.stop()


if __name__ == "__main__":
    main()
