"""Every command line of the README's "Using it" block runs, on the sample articles' store."""

from __future__ import annotations

import shlex

from click.testing import CliRunner

from ddgraph.queries.cli import cli
from tests.queries.seed_store import ROOT, copy_store, seed_store

README = ROOT / "README.md"
#: Commands that serve until stopped: tests/queries/test_server.py runs them for real.
SERVING = {"serve"}


def readme_commands() -> list[list[str]]:
    """The ddgraph commands of the "Using it" block: arguments after "ddgraph", comments dropped."""
    block = README.read_text(encoding="utf-8").split("## Using it", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    out: list[list[str]] = []
    for line in block.splitlines():
        words = shlex.split(line, comments=True)
        command: list[str] = []
        for word in [*words, ";"]:
            if word != ";":
                command.append(word)
            elif command:
                if command[0] == "ddgraph":
                    out.append(command[1:])
                command = []
    return out


def test_the_readme_lists_the_commands_a_user_runs():
    names = [c[0] for c in readme_commands()]
    assert {"ingest", "person", "met", "meetings", "same", "different", "sparql", "serve", "export"} <= set(names)


def test_every_readme_command_runs_on_the_sample_store(tmp_path, monkeypatch):
    store = copy_store(seed_store(), "readme")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "my-query.rq").write_text("SELECT ?p WHERE { ?p a dd:Person }", encoding="utf-8")
    runner = CliRunner(env={"DDGRAPH_STORE": str(store)})
    ran = 0
    for args in readme_commands():
        if args[0] in SERVING:
            assert args[0] in cli.commands
            continue
        args = [str(ROOT / a) if a.startswith("data/") else a for a in args]
        result = runner.invoke(cli, args)
        assert result.exit_code == 0, f"ddgraph {shlex.join(args)}: {result.output}"
        ran += 1
    assert ran >= 25
    assert (tmp_path / "graph.trig").stat().st_size > 0 and (tmp_path / "site" / "index.html").exists()


def test_the_readme_python_example_runs(tmp_path, monkeypatch):
    block = README.read_text(encoding="utf-8").split("## From Python", 1)[1].split("```python", 1)[1].split("```", 1)[0]
    store = copy_store(seed_store(), "readme-python")
    monkeypatch.chdir(tmp_path)
    namespace: dict = {}
    code = block.replace('"out/store"', repr(str(store))).replace('"data/articles"', repr(str(ROOT / "data" / "articles")))
    exec(compile(code, "README.md", "exec"), namespace)  # noqa: S102 - our own README's example
    assert "Sébastien Lecornu" in namespace["partners"] and namespace["why"].total > 0
    assert (tmp_path / "umerov.html").exists() and (tmp_path / "graph.trig").exists()
