"""Property of the CLI: any argument strings to the lookup commands -> exit 0, 1 or 2, never a traceback."""

from __future__ import annotations

import json

from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from ddgraph.queries.cli import cli
from ddgraph.queries.terminal import UNSAFE_RE
from tests.property.cases import count, examples
from tests.queries.seed_store import seed_store

ONE = ["person", "met", "offices", "timeline", "explain", "delegation"]
TWO = ["path", "topics"]
OPTIONS = [["meetings", "--person"], ["meetings", "--topic"], ["meetings", "--place"], ["meetings", "--since"],
           ["meetings", "--country"], ["aid", "--provider"], ["aid", "--system"], ["agreements", "--party"],
           ["central", "--since"], ["new-actors", "--since"], ["explain", "Umerov", "--topic"],
           ["explain", "Umerov", "--property"]]
WORD = (st.text(max_size=20) | st.sampled_from(["Umerov", "Умєров", "Lecornu", "Paris 2024", "air-defense", "2024",
                                                "2024-13-45", "--json", "-", "--", "%", "'", "\\", "?", "*", "\x1b[2J",
                                                "ddr:person/rustem-umerov", "https://w3id.org/ddgraph/id/x", "\ud800"]))
ARGS = (st.tuples(st.sampled_from(ONE), WORD).map(list)
        | st.tuples(st.sampled_from(TWO), WORD, WORD).map(list)
        | st.tuples(st.sampled_from(OPTIONS), WORD).map(lambda t: t[0] + [t[1]])
        | st.lists(WORD, max_size=3))


@examples(70)
@given(ARGS, st.booleans())
def test_lookup_commands_with_any_arguments(args, as_json):
    count("cli: lookup commands with any arguments")
    argv = args + (["--json"] if as_json else []) + ["--store", str(seed_store())]
    result = CliRunner().invoke(cli, argv)
    assert result.exit_code in (0, 1, 2), (argv, result.output, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit), (argv, repr(result.exception))
    assert "Traceback" not in result.output and not UNSAFE_RE.search(result.output)
    if result.exit_code == 1:  # one line: "Error: ..."
        assert result.output.startswith("Error: ") and result.output.count("\n") == 1, (argv, result.output)
    if result.exit_code == 0 and as_json and args and args[0] in ONE + TWO + ["meetings", "aid", "agreements"]:
        json.loads(result.output)
