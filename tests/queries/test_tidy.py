"""ddgraph export --format csv: tidy tables that join on IRIs, with CAMEO and PLOVER codes."""

from __future__ import annotations

import csv

import pytest
from click.testing import CliRunner

from ddgraph.queries.cli import cli
from ddgraph.queries.sparql import run_select
from ddgraph.queries.tidy import codes
from ddgraph.graph.store import open_store
from tests.queries.seed_store import seed_store


def read(path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    out = tmp_path_factory.mktemp("tables")
    result = CliRunner().invoke(cli, ["export", "--format", "csv", "-o", str(out), "--store", str(seed_store())])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"wrote 7 tables into {out}: meetings.csv, participants.csv, topics.csv")
    return {p.stem: read(p) for p in out.glob("*.csv")}


def count(query: str) -> int:
    with open_store(seed_store(), read_only=True) as s:
        return int(run_select(s.ox, query).rows[0][0])


def test_each_table_holds_each_fact_of_the_instance_layer_once(tables):
    def n(pattern):
        return count(f"SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT * WHERE {{ GRAPH ddg:instances {{ {pattern} }} }} }}")

    assert len(tables["meetings"]) == n("?m a dd:Meeting")
    assert len(tables["participants"]) == n("?m a dd:Meeting ; dd:participant ?p")
    assert len(tables["topics"]) == n("?m a dd:Meeting ; dd:discusses ?t") == 27
    assert len(tables["aid"]) == n("?a a dd:AidDelivery")
    assert len(tables["agreements"]) == n("?a a dd:Agreement")
    assert len(tables["roles"]) == n("?p a dd:Person ; dd:holdsRole ?o") == 6


def test_tables_join_on_iris(tables):
    meetings = {r["meeting"] for r in tables["meetings"]}
    assert {r["meeting"] for r in tables["participants"]} <= meetings
    assert {r["meeting"] for r in tables["topics"]} <= meetings
    events = meetings | {r["aid"] for r in tables["aid"]} | {r["agreement"] for r in tables["agreements"]}
    assert {r["thing"] for r in tables["sources"]} == events
    assert all(r["file"].endswith(".txt") for r in tables["sources"]) and any(r["published"] for r in tables["sources"])
    umerov = [r for r in tables["roles"] if r["person_label"] == "Rustem Umerov"]
    assert [r["office_label"] for r in umerov] == ["Minister of Defence"]
    assert umerov[0]["country"].endswith("/country/ukraine")


def test_events_carry_cameo_and_plover_codes(tables):
    assert {(r["cameo"], r["plover"]) for r in tables["aid"]} == {("072", "AID")}
    assert {(r["cameo"], r["plover"]) for r in tables["agreements"]} <= {("057", "AGREE"), ("036", "AGREE")}
    for r in tables["meetings"]:
        assert (r["cameo"], r["plover"]) == codes("meeting", r["status"], r["kind"])
    assert {r["plover"] for r in tables["meetings"]} == {"CONSULT"}


@pytest.mark.parametrize("status, kind, expected", [
    ("happened", "in-person", ("040", "CONSULT")), ("happened", "phone", ("041", "CONSULT")),
    ("happened", "video", ("041", "CONSULT")), ("planned", "phone", ("036", "CONSULT")),
    (None, None, ("040", "CONSULT")),
])
def test_meeting_codes(status, kind, expected):
    assert codes("meeting", status, kind) == expected


@pytest.mark.parametrize("args, message", [
    (["export", "--format", "csv"], "Error: --format csv writes one file per table: give the folder with -o DIR\n"),
    (["export", "--format", "parquet", "-o", "x"],
     "Error: --format parquet needs pyarrow, which is not installed (pip install pyarrow); --format csv needs nothing "
     "more\n"),
])
def test_table_export_errors(args, message, tmp_path):
    if "parquet" in args:
        try:
            import pyarrow  # noqa: F401
            pytest.skip("pyarrow is installed here")
        except ImportError:
            pass
    result = CliRunner().invoke(cli, [*[str(tmp_path / a) if a == "x" else a for a in args], "--store", str(seed_store())])
    assert (result.exit_code, result.stderr) == (1, message)


def test_parquet_tables_hold_the_csv_tables_typed(tmp_path):
    """The Parquet tables are the CSV tables, with counts, flags and days typed and empty cells null."""
    import csv

    pq = pytest.importorskip("pyarrow.parquet")
    runner = CliRunner()
    for fmt in ("csv", "parquet"):
        result = runner.invoke(cli, ["export", "--format", fmt, "-o", str(tmp_path / fmt), "--store", str(seed_store())])
        assert result.exit_code == 0, result.output
    names = sorted(p.stem for p in (tmp_path / "csv").glob("*.csv"))
    assert names == sorted(p.stem for p in (tmp_path / "parquet").glob("*.parquet")) and "meetings" in names
    for name in names:
        with (tmp_path / "csv" / f"{name}.csv").open(encoding="utf-8", newline="") as f:
            header, *rows = list(csv.reader(f))
        table = pq.read_table(tmp_path / "parquet" / f"{name}.parquet")
        assert table.column_names == header and table.num_rows == len(rows)
        as_text = [["" if v is None else str(v).lower() if isinstance(v, bool) else str(v) for v in row.values()]
                   for row in table.to_pylist()]
        assert as_text == rows
    meetings = pq.read_table(tmp_path / "parquet" / "meetings.parquet").schema
    assert (str(meetings.field("reports").type), str(meetings.field("date").type), str(meetings.field("cameo").type)) \
        == ("int64", "date32[day]", "string")
