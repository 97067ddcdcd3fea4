"""ddgraph installs under one name: its wheel holds ddgraph.graph, ddgraph.ingest,
ddgraph.queries and the data they read, and works without the repository beside it."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "--wheel-dir", str(out), str(ROOT)], check=True, capture_output=True, cwd=out)
    (found,) = out.glob("ddgraph-*.whl")
    return found


def test_the_wheel_holds_one_top_level_name_and_the_data(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert {n.split("/")[0] for n in names} == {"ddgraph", wheel.name.split("-py")[0] + ".dist-info"}
    for must in ("ddgraph/__init__.py", "ddgraph/graph/store.py", "ddgraph/ingest/extract/__init__.py",
                 "ddgraph/queries/cli/__init__.py", "ddgraph/queries/sparql/meeting_select.rq",
                 "ddgraph/data/ontology.ttl", "ddgraph/data/topics.ttl", "ddgraph/data/lexicon/offices.yaml"):
        assert must in names
    shipped = {n for n in names if n.startswith("ddgraph/data/lexicon/")}
    assert shipped == {"ddgraph/data/lexicon/" + p.name for p in (ROOT / "data" / "lexicon").glob("*.yaml")}


def test_the_installed_wheel_ingests_and_answers_away_from_the_repository(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", "--target",
                    str(target), str(wheel)], check=True, capture_output=True)
    env = {**os.environ, "PYTHONPATH": str(target), "DDGRAPH_STORE": str(tmp_path / "store")}
    code = ("import sys, ddgraph\nfrom ddgraph.queries.cli import main\n"
            "assert ddgraph.__file__.startswith(sys.argv[1]), ddgraph.__file__\n"
            "try:\n    main(sys.argv[2:])\nexcept SystemExit as exc:\n    sys.exit(exc.code)\n")

    def ddgraph(*args):
        return subprocess.run([sys.executable, "-c", code, str(target), *args], cwd=tmp_path, env=env,
                              capture_output=True, text=True)

    ingest = ddgraph("ingest", str(ROOT / "data" / "articles"), "--workers", "1")
    assert ingest.returncode == 0, ingest.stderr[-500:]
    assert "new             5" in ingest.stdout
    met = ddgraph("met", "Умєров", "--json")
    assert met.returncode == 0, met.stderr[-500:]
    assert "Sébastien Lecornu" in met.stdout


def test_no_code_imports_the_folders_by_their_repository_names():
    """``graph``, ``ingest`` and ``queries`` are importable from a checkout's root only: code or an
    example importing them so would load a second copy of a module there and fail once installed."""
    import re

    bad = re.compile(r"^\s*(?:>>>\s+|\.\.\.\s+)?(?:from|import) (?:graph|ingest|queries)\b|[\"'](?:graph|ingest|queries)"
                     r"\.[a-z_]+\.[A-Za-z_]+[\"']|resources\.files\([\"'](?:graph|ingest|queries)", re.M)
    found = [f"{p.relative_to(ROOT)}:{s.count(chr(10), 0, m.start()) + 1}"
             for folder in ("graph", "ingest", "queries", "tests", "bench") for p in sorted((ROOT / folder).rglob("*.py"))
             for s in [p.read_text(encoding="utf-8")] for m in bad.finditer(s)]
    assert found == []
