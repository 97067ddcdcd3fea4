"""Extraction on a Dask cluster: ``ddgraph ingest PATHS --dask ADDRESS`` (or ``--dask local:N``).

The articles are read here (so the input files need only be on this machine), cut
into partitions of :data:`PARTITION` articles, and each partition is cleaned and
extracted by one Dask task on the cluster's workers (``dask.distributed``). The
records come back, in input order, as the same frozen
:class:`~graph.model.ArticleRecord` the local pool makes, and are resolved and
written here, chunk by chunk, by the same code (:func:`ingest.pipeline.ingest_paths`):
resolution is incremental, by blocking key, whoever extracted the records, so the
store equals the one a local ingest builds.

A task whose worker dies is run again elsewhere (the scheduler reschedules the
tasks of a lost worker; each task may be retried :data:`RETRIES` times). At most
:data:`AHEAD` partitions are in flight, so memory stays bounded on both sides.

Workers need ddgraph installed (``pip install 'ddgraph[dask]'`` or the project
folder) and nothing else: no store, no input files.

Example:
    >>> parse_address("local:2"), parse_address("tcp://10.0.0.5:8786")
    (('local', 2), ('remote', 'tcp://10.0.0.5:8786'))
"""

from __future__ import annotations

import re
import time
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from ddgraph.graph.errors import DDGraphError
from ddgraph.graph.state import chunks
from ddgraph.ingest.pipeline import BATCH, extract_batch

#: Articles cleaned and extracted by one task.
PARTITION = 32
#: Partitions submitted ahead of the one being collected.
AHEAD = 16
#: Times a task is run again after its worker died or it raised.
RETRIES = 3
#: Seconds to wait for a cluster's scheduler (and a local cluster's workers).
CONNECT_TIMEOUT = 60

_LOCAL = re.compile(r"local:(\d{1,3})")
_REMOTE = re.compile(r"(tcp|tls|ws|wss|inproc|ucx)://\S+")


class ClusterError(DDGraphError):
    """A Dask address that is no address, or a cluster that cannot be reached."""


def parse_address(address: str) -> tuple[str, int | str]:
    """("local", N) for ``local:N`` (a LocalCluster of N worker processes), ("remote", address)
    for a scheduler address (``tcp://HOST:PORT``...).

    Raises:
        ClusterError: neither.
    """
    m = _LOCAL.fullmatch(address.strip())
    if m:
        n = int(m.group(1))
        if not 1 <= n <= 256:
            raise ClusterError(f"--dask {address}: a local cluster has 1 to 256 workers")
        return "local", n
    if _REMOTE.fullmatch(address.strip()):
        return "remote", address.strip()
    raise ClusterError(f"--dask {address}: expected local:N or a scheduler address such as tcp://HOST:8786")


@dataclass
class ClusterStats:
    """Where a distributed extraction spent its time (seconds, summed over tasks where so said)."""

    workers: int = 0
    tasks: int = 0
    connect: float = 0.0
    compute: float = 0.0  # inside the tasks, summed
    sent_bytes: int = 0
    first_result: float | None = None


@contextmanager
def connect(address: str) -> Iterator:
    """A ``distributed.Client`` on ``address`` (see :func:`parse_address`); a local cluster is
    started for the run and stopped after it.

    Raises:
        ClusterError: a bad address, or no scheduler answering within :data:`CONNECT_TIMEOUT` s.
    """
    kind, where = parse_address(address)
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise ClusterError("--dask needs dask.distributed: pip install 'ddgraph[dask]'") from None
    cluster = None
    try:
        if kind == "local":
            cluster = LocalCluster(n_workers=int(where), threads_per_worker=1, processes=True,
                                   dashboard_address=None, silence_logs=40)
            client = Client(cluster, timeout=CONNECT_TIMEOUT)
        else:
            client = Client(str(where), timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError) as exc:
        if cluster is not None:
            cluster.close()
        raise ClusterError(f"--dask {address}: cannot reach the scheduler ({str(exc).splitlines()[0][:160]})") from None
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def extract_partition(articles: list) -> list[tuple]:
    """The task: clean and extract the articles of a partition, as the local pool does
    (:func:`ingest.pipeline.extract_batch`, a batch at a time: a failure is a result,
    never an exception)."""
    return [r for batch in chunks(articles, BATCH) for r in extract_batch(batch)]


def extracted_on(client, articles: Iterable, *, partition: int | None = None, ahead: int | None = None,
                 stats: ClusterStats | None = None) -> Iterator[tuple]:
    """Extract ``articles`` on the cluster of ``client``, in order: the tuples of
    :func:`ingest.pipeline.extract_one`, one per article.

    Raises:
        ClusterError: a partition failed on every try (its workers kept dying).
    """
    partition, ahead = partition or PARTITION, ahead or AHEAD
    stats = stats if stats is not None else ClusterStats()
    stats.workers = len(client.scheduler_info().get("workers", {}))
    t0 = time.perf_counter()
    pending: deque = deque()
    parts = chunks(articles, partition)

    def submit(part: list) -> None:
        stats.tasks += 1
        stats.sent_bytes += sum(len(a.text.encode("utf-8", "surrogatepass")) for a in part)
        pending.append(client.submit(extract_partition, part, retries=RETRIES, pure=False))

    for part in parts:
        submit(part)
        if len(pending) >= ahead:
            break
    while pending:
        future = pending.popleft()
        try:
            results = future.result()
        except Exception as exc:  # a KilledWorker after every retry, a lost scheduler
            for f in pending:
                f.cancel()
            raise ClusterError(f"a partition of {partition} articles failed on the cluster "
                               f"({type(exc).__name__}: {str(exc).splitlines()[0][:160] if str(exc) else ''})") from None
        if stats.first_result is None:
            stats.first_result = time.perf_counter() - t0
        stats.compute += sum(r[3] for r in results)
        yield from results
        for part in parts:  # keep ``ahead`` partitions in flight
            submit(part)
            break
