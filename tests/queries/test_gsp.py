"""push / pull against a real Oxigraph server (the ``oxigraph`` binary from PyPI) on a free loopback port."""

from __future__ import annotations

import http.client
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from ddgraph.graph.store import open_store
from ddgraph.queries.cli import cli
from ddgraph.queries.gsp import EndpointError, pull, push, push_bulk
from ddgraph.queries.sparql import PREFIXES, load_query, run_select
from tests.queries.seed_store import seed_store

SERVER = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")
pytestmark = pytest.mark.skipif(SERVER is None, reason="the oxigraph server binary (pip install oxigraph) is missing")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def server(tmp_path):
    """An empty Oxigraph server: its graph store URL."""
    port = free_port()
    proc = subprocess.Popen([SERVER, "serve", "--location", str(tmp_path / "server"), "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while True:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            conn.request("GET", "/query?query=ASK%7B%7D")
            if conn.getresponse().status == 200:
                break
        except OSError:
            if time.monotonic() > deadline or proc.poll() is not None:
                proc.kill()
                pytest.fail("the oxigraph server did not start")
            time.sleep(0.1)
    yield f"http://127.0.0.1:{port}/store"
    proc.terminate()
    proc.wait(timeout=10)


def local_quads(store: Path) -> set:
    with open_store(store, read_only=True) as reader:
        return set(reader.ox.quads_for_pattern(None, None, None, None))


def test_push_then_pull_gives_the_same_dataset_named_graphs_included(server, tmp_path):
    store = seed_store()
    with open_store(store, read_only=True) as reader:
        done = push(reader.ox, server)
        graphs = len(list(reader.ox.named_graphs()))
    assert done.graphs == graphs + 1 and done.triples == len(local_quads(store))  # and the default graph
    again = push(open_store(store, read_only=True).ox, server)  # each graph replaced: nothing doubles
    assert again == done
    out = tmp_path / "pulled.nq"
    got = pull(server, server.replace("/store", "/query"), out)
    assert got.graphs == done.graphs and got.triples == done.triples
    assert set(ox.parse(path=out, format=ox.RdfFormat.N_QUADS)) == local_quads(store)


def test_a_shipped_query_answers_the_same_on_the_server(server):
    """The shipped queries name the graphs they read: moved to the server, they give the same rows."""
    import json
    from urllib.parse import urlencode

    with open_store(seed_store(), read_only=True) as reader:
        push(reader.ox, server)
        query = load_query("labels", values={"thing": ["https://w3id.org/ddgraph/id/person/rustem-umerov"]})
        result = run_select(reader.ox, query, union=False)
    conn = http.client.HTTPConnection(server.split("//")[1].split("/")[0], timeout=10)
    conn.request("POST", "/query", urlencode({"query": PREFIXES + query}),
                 {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"})
    bindings = json.loads(conn.getresponse().read())["results"]["bindings"]
    remote = sorted(tuple(b[v]["value"] if v in b else None for v in result.variables) for b in bindings)
    assert result.rows and remote == sorted(tuple(r) for r in result.rows)


def test_the_cli_pushes_and_pulls(server, tmp_path):
    store = str(seed_store())
    runner = CliRunner()
    pushed = runner.invoke(cli, ["push", "--endpoint", server, "--store", store])
    assert pushed.exit_code == 0, pushed.output
    assert pushed.stdout.startswith("pushed ") and pushed.stdout.rstrip().endswith(f"to {server}")
    out = tmp_path / "copy.nq"
    pulled = runner.invoke(cli, ["pull", "--endpoint", server, "-o", str(out)])
    assert pulled.exit_code == 0, pulled.output
    assert set(ox.parse(path=out, format=ox.RdfFormat.N_QUADS)) == local_quads(Path(store))


def test_errors_are_one_line_and_write_nothing(server, tmp_path):
    store = str(seed_store())
    port = free_port()
    runner = CliRunner()
    refused = runner.invoke(cli, ["push", "--endpoint", f"http://127.0.0.1:{port}/store", "--store", store])
    assert refused.exit_code == 1
    assert refused.stderr == f"Error: http://127.0.0.1:{port}/store: cannot connect (Connection refused)\n"
    scheme = runner.invoke(cli, ["push", "--endpoint", "file:///etc/passwd", "--store", store])
    assert scheme.stderr == "Error: file:///etc/passwd: not an http:// or https:// URL\n"
    out = tmp_path / "x.nq"
    wrong = runner.invoke(cli, ["pull", "--endpoint", server, "--query-endpoint", server.replace("/store", "/nowhere"),
                                "-o", str(out)])
    assert wrong.exit_code == 1 and wrong.stderr.startswith(f"Error: {server.replace('/store', '/nowhere')}: "
                                                             "the query for the graphs refused with HTTP 404")
    assert not out.exists() and list(tmp_path.iterdir()) == [tmp_path / "server"]


def test_an_answer_over_the_limit_is_refused(server, tmp_path):
    with open_store(seed_store(), read_only=True) as reader:
        push(reader.ox, server)
    with pytest.raises(EndpointError, match="the answer is larger than 1,000 bytes"):
        pull(server, server.replace("/store", "/query"), tmp_path / "x.nq", max_bytes=1000)
    assert not (tmp_path / "x.nq").exists()


def test_ingest_can_push_what_it_built(server, tmp_path):
    store = tmp_path / "s"
    result = CliRunner().invoke(cli, ["ingest", str(Path(__file__).resolve().parents[2] / "data" / "articles"),
                                      "--store", str(store), "--endpoint", server])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1].startswith("pushed ")
    pull(server, server.replace("/store", "/query"), tmp_path / "copy.nq")
    assert set(ox.parse(path=tmp_path / "copy.nq", format=ox.RdfFormat.N_QUADS)) == local_quads(store)


def test_bulk_push_loads_the_same_dataset(server, tmp_path):
    store = seed_store()
    with open_store(store, read_only=True) as reader:
        done = push_bulk(reader.ox, server, batch=500)  # many batches
        assert push_bulk(reader.ox, server, batch=500).triples == done.triples  # again: nothing doubles
    assert done.triples == len(local_quads(store)) and done.graphs == len({q.graph_name for q in local_quads(store)})
    pull(server, server.replace("/store", "/query"), tmp_path / "copy.nq")
    assert set(ox.parse(path=tmp_path / "copy.nq", format=ox.RdfFormat.N_QUADS)) == local_quads(store)
    result = CliRunner().invoke(cli, ["push", "--bulk", "--endpoint", server, "--store", str(store)])
    assert result.exit_code == 0 and result.stdout.startswith(f"pushed {done.graphs} graphs")

