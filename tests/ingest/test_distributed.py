"""Extraction on a Dask cluster (local clusters of real worker processes): the same store as a local ingest,
whatever a worker does."""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import ddgraph.ingest.distributed as dist
from bench.make_corpus import write_corpus
from ddgraph.ingest.distributed import ClusterError, ClusterStats, parse_address
from ddgraph.ingest.pipeline import ingest_paths
from ddgraph.queries.cli import cli

distributed = pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "data" / "articles"


def nquads(store: Path) -> list[str]:
    result = CliRunner().invoke(cli, ["export", "--format", "nquads", "--store", str(store)])
    assert result.exit_code == 0, result.output
    return sorted(line for line in result.stdout.splitlines() if line.strip())


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """A generated corpus of real-length articles (English, Ukrainian, Russian)."""
    out = tmp_path_factory.mktemp("corpus")
    write_corpus(60, out, seed=3, style="real")
    return out


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory) -> list[str]:
    """The sample articles and the corpus ingested here, in one process."""
    store = tmp_path_factory.mktemp("ref") / "store"
    summary = ingest_paths([str(SEEDS), str(corpus)], store, progress=False, workers=1)
    assert summary.failed == 0 and summary.new > 60
    return nquads(store)


@pytest.mark.parametrize(("address", "expected"), [
    ("local:2", ("local", 2)), (" local:16 ", ("local", 16)), ("tcp://10.0.0.5:8786", ("remote", "tcp://10.0.0.5:8786")),
    ("tls://scheduler.example:8786", ("remote", "tls://scheduler.example:8786")),
])
def test_addresses(address, expected):
    assert parse_address(address) == expected


@pytest.mark.parametrize(("address", "message"), [
    ("local:0", "--dask local:0: a local cluster has 1 to 256 workers"),
    ("local", "--dask local: expected local:N or a scheduler address such as tcp://HOST:8786"),
    ("10.0.0.5:8786", "--dask 10.0.0.5:8786: expected local:N or a scheduler address such as tcp://HOST:8786"),
    ("http://x", "--dask http://x: expected local:N or a scheduler address such as tcp://HOST:8786"),
])
def test_bad_addresses_are_one_line(address, message, tmp_path):
    with pytest.raises(ClusterError) as info:
        parse_address(address)
    assert str(info.value) == message
    result = CliRunner().invoke(cli, ["ingest", str(SEEDS), "--dask", address, "--store", str(tmp_path / "s")])
    assert result.exit_code == 1 and result.stderr == f"Error: {message}\n"
    assert not (tmp_path / "s").exists()  # nothing opened, nothing written


def test_a_local_cluster_builds_the_store_a_local_ingest_builds(corpus, reference, tmp_path):
    stats = ClusterStats()
    summary = ingest_paths([str(SEEDS), str(corpus)], tmp_path / "s", progress=False, dask="local:2",
                           cluster_stats=stats)
    assert summary.failed == 0 and summary.workers == 2 and summary.cluster == "local:2"
    assert stats.tasks == -(-summary.new // dist.PARTITION) and stats.compute > 0
    assert nquads(tmp_path / "s") == reference
    again = ingest_paths([str(SEEDS), str(corpus)], tmp_path / "s", progress=False, dask="local:1")
    assert (again.new, again.unchanged) == (0, summary.new)  # re-ingesting changes nothing
    assert nquads(tmp_path / "s") == reference


def test_a_worker_killed_mid_run_has_its_tasks_run_again(corpus, reference, tmp_path, monkeypatch):
    from distributed import Client, LocalCluster

    monkeypatch.setattr(dist, "PARTITION", 4)  # many small tasks: the kill lands among them
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=40) as cluster, Client(cluster) as client:
        pids = client.run(os.getpid)
        outcome: dict = {}

        def run() -> None:
            try:
                outcome["summary"] = ingest_paths([str(SEEDS), str(corpus)], tmp_path / "s", progress=False,
                                                  dask=cluster.scheduler_address)
            except BaseException as exc:  # noqa: BLE001 - reported below
                outcome["error"] = exc

        thread = threading.Thread(target=run)
        thread.start()
        deadline = time.monotonic() + 120
        victim = None
        while victim is None and time.monotonic() < deadline and thread.is_alive():
            busy = [w for w, tasks in client.processing().items() if tasks]
            victim = busy[0] if busy else None
            time.sleep(0.05)
        assert victim is not None, "no task was ever seen running"
        os.kill(pids[victim], signal.SIGKILL)
        killed_while_running = thread.is_alive()
        thread.join(timeout=300)
        assert "error" not in outcome, outcome.get("error")
    assert killed_while_running
    assert outcome["summary"].failed == 0
    assert nquads(tmp_path / "s") == reference


def test_an_unreachable_scheduler_is_one_line(tmp_path, monkeypatch):
    import socket

    monkeypatch.setattr(dist, "CONNECT_TIMEOUT", 2)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    result = CliRunner().invoke(cli, ["ingest", str(SEEDS), "--dask", f"tcp://127.0.0.1:{port}",
                                      "--store", str(tmp_path / "s")])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: --dask tcp://127.0.0.1:{port}: cannot reach the scheduler (")
    assert len(result.stderr.splitlines()) == 1


def test_workers_and_a_cluster_exclude_each_other(tmp_path):
    result = CliRunner().invoke(cli, ["ingest", str(SEEDS), "--dask", "local:2", "--workers", "2",
                                      "--store", str(tmp_path / "s")])
    assert result.exit_code == 1
    assert result.stderr == "Error: --workers is for local extraction: a Dask cluster has its own workers\n"
