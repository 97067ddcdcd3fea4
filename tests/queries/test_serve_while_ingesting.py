"""``ddgraph serve`` keeps answering while ``ddgraph ingest`` writes to the same store, and
answers from the new snapshot once the ingest has committed."""

from __future__ import annotations

import json
import subprocess
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

from tests.queries.serving import DDGRAPH, Served

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "data" / "articles").glob("*.txt"))
OURS = sorted((ROOT / "tests" / "data" / "articles").glob("*.txt"))
ARTICLES = "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { GRAPH ?a { ?s a ?c } ?a a schema:NewsArticle }"


def articles(url: str) -> int:
    query = urllib.parse.urlencode({"query": ARTICLES})
    with urllib.request.urlopen(f"{url}?{query}", timeout=30) as response:
        return int(json.loads(response.read())["results"]["bindings"][0]["n"]["value"])


def test_the_endpoint_answers_during_an_ingest_and_sees_it_after(tmp_path):
    store = tmp_path / "store"
    subprocess.run([str(DDGRAPH), "ingest", *map(str, SEEDS), "--store", str(store), "--no-progress"],
                   check=True, capture_output=True)
    served = Served(store)
    try:
        assert articles(served.url) == len(SEEDS)
        ingest = subprocess.Popen([str(DDGRAPH), "ingest", *map(str, OURS), "--store", str(store), "--no-progress",
                                   "--workers", "1"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        answers, errors = [], []

        def ask() -> None:
            while ingest.poll() is None:
                try:
                    answers.append(articles(served.url))
                except Exception as exc:  # noqa: BLE001 - any failure is a finding
                    errors.append(repr(exc))
                time.sleep(0.05)

        asker = threading.Thread(target=ask)
        asker.start()
        out, err = ingest.communicate(timeout=300)
        asker.join(60)
        assert ingest.returncode == 0, err
        assert not errors and answers and set(answers) <= {len(SEEDS), len(SEEDS) + len(OURS)}
        assert articles(served.url) == len(SEEDS) + len(OURS)  # the new snapshot, without a restart
    finally:
        served.stop()
