"""The core CLI: ingest, export, sparql, stats, evaluate, and what bad input does."""

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset

from ddgraph.graph.store import open_store
from ddgraph.queries.cli import cli

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "data" / "articles"
GOLD = ROOT / "data" / "gold" / "seeds.yaml"


def run(*args, store=None):
    argv = list(args) + (["--store", str(store)] if store is not None else [])
    return CliRunner().invoke(cli, [str(a) for a in argv])


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    store = tmp_path_factory.mktemp("cli") / "store"
    result = run("ingest", SEEDS, store=store)
    assert result.exit_code == 0, result.stdout + result.stderr
    return store


def test_ingest_summary(seeded, tmp_path):
    result = run("ingest", SEEDS, store=tmp_path / "s")
    assert result.exit_code == 0
    lines = dict(line.split(None, 1) if " " in line.strip() else (line, "") for line in
                 (x.strip() for x in result.stdout.splitlines()) if line)
    assert lines["new"] == "5" and lines["failed"] == "0" and lines["unchanged"] == "0"


def test_reingest_changes_nothing(seeded):
    before = run("export", "--format", "nquads", store=seeded).stdout
    result = run("ingest", SEEDS, store=seeded)
    assert result.exit_code == 0
    assert "unchanged       5" in result.stdout and "graphs written    0" in result.stdout
    assert run("export", "--format", "nquads", store=seeded).stdout == before


def test_export_trig_has_one_named_graph_per_article(seeded):
    result = run("export", "--format", "trig", store=seeded)
    assert result.exit_code == 0
    ds = Dataset()
    ds.parse(data=result.stdout, format="trig")
    graphs = {str(g.identifier) for g in ds.graphs() if len(g) and str(g.identifier).startswith("https://w3id.org/ddgraph/id/article/")}
    assert len(graphs) == 5


@pytest.mark.parametrize("fmt", ["nquads", "turtle", "jsonld"])
def test_export_formats_parse(seeded, tmp_path, fmt):
    out = tmp_path / f"g.{fmt}"
    assert run("export", "--format", fmt, "-o", out, store=seeded).exit_code == 0
    parsed = Dataset().parse(out, format={"nquads": "nquads", "turtle": "turtle", "jsonld": "json-ld"}[fmt])
    assert len(parsed) > 100 or sum(len(g) for g in parsed.graphs()) > 100


def test_export_to_a_file_says_what_it_wrote_and_an_unwritable_file_is_one_line(seeded, tmp_path):
    out = tmp_path / "g.nq"
    result = run("export", "--format", "nquads", "-o", out, store=seeded)
    assert result.exit_code == 0
    assert result.stdout == f"wrote {out} (nquads, {out.stat().st_size:,} bytes)\n"
    bad = tmp_path / "missing" / "g.nq"
    result = run("export", "-o", bad, store=seeded)
    assert result.exit_code == 1 and result.stderr == f"Error: {bad}: cannot write (No such file or directory)\n"


@pytest.mark.parametrize("args", [["--store", "{s}", "stats"], ["stats", "--store", "{s}"],
                                  ["--store", "/nonexistent-ddgraph", "stats", "--store", "{s}"]])
def test_store_may_come_before_or_after_the_command_and_the_commands_own_wins(seeded, args):
    result = CliRunner().invoke(cli, [a.format(s=seeded) for a in args])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("articles        5 ")


def test_store_before_the_command_that_does_not_exist_is_named(tmp_path):
    result = CliRunner().invoke(cli, ["--store", str(tmp_path / "nothing"), "stats"])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {tmp_path / 'nothing'}: no store here; run 'ddgraph ingest' first\n"


def test_sparql_table_json_csv(seeded):
    # the default graph is the union of the article graphs: one solution per graph, hence DISTINCT
    q = "SELECT DISTINCT ?l WHERE { ?p a dd:Person ; rdfs:label ?l } ORDER BY ?l"
    table = run("sparql", q, store=seeded)
    assert table.exit_code == 0 and "Rustem Umerov" in table.stdout and "(6 rows)" in table.stdout
    rows = json.loads(run("sparql", q, "--format", "json", store=seeded).stdout)
    assert [r["l"] for r in rows] == sorted(r["l"] for r in rows) and len(rows) == 6
    assert run("sparql", q, "--format", "csv", store=seeded).stdout.splitlines()[0] == "l"


def test_sparql_provenance_by_named_graph(seeded):
    q = ("SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?m a dd:Meeting ; dd:participant ?p . "
         "?p rdfs:label 'Volodymyr Horbatiuk'@en } ?g a schema:NewsArticle }")
    assert run("sparql", q, "--format", "csv", store=seeded).stdout.splitlines()[1] == "3"


def test_sparql_from_file(seeded, tmp_path):
    f = tmp_path / "q.rq"
    f.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?a a schema:NewsArticle }")
    assert run("sparql", f"@{f}", "--format", "csv", store=seeded).stdout.splitlines()[1] == "5"


def test_sparql_syntax_error_is_one_line(seeded):
    result = run("sparql", "SELECT WHERE {", store=seeded)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: SPARQL error at 1:") and result.stderr.count("\n") == 1


@pytest.mark.parametrize("query, message", [
    ("SELEC ?s WHERE { ?s ?p ?o }",
     "SPARQL error at 1:1: 'SELEC' begins no query; a query begins with SELECT, ASK, CONSTRUCT or DESCRIBE"),
    ("PREFIX x: <urn:x#>\n\n  slect * WHERE { ?s x:p ?o }",
     "SPARQL error at 3:3: 'slect' begins no query; a query begins with SELECT, ASK, CONSTRUCT or DESCRIBE"),
    ("INSERT DATA { <urn:a> <urn:b> <urn:c> }",
     "SPARQL updates are refused: ddgraph sparql only reads the store (ingest, same and different change it)"),
    ("PREFIX x: <urn:x#> DELETE WHERE { ?s x:p ?o }",
     "SPARQL updates are refused: ddgraph sparql only reads the store (ingest, same and different change it)"),
    ("SELECT ?s WHERE {\n  ?s foo:bar ?o }",
     "SPARQL error at 2:6: unknown prefix 'foo:' (predeclared: dd:, ddg:, ddr:, ddt:, prov:, rdf:, rdfs:, schema:, "
     "skos:, xsd:; declare another with PREFIX foo: <...>)"),
    ("SELECT ?s WHERE {\n ?s ?p ?o\n FILTER(?s = ) }", "SPARQL error at 3:17: unexpected text at the end of the line"),
    ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 1 --format json", None),
])
def test_sparql_errors_name_the_users_line_and_column_in_plain_words(seeded, query, message):
    if message is None:  # a graph query printed as rows
        result = run("sparql", query.split(" --")[0], "--format", "json", store=seeded)
        message = "a CONSTRUCT query gives triples: --format turtle (its default) or ntriples"
    else:
        result = run("sparql", query, store=seeded)
    assert result.exit_code == 1
    assert result.stderr == f"Error: {message}\n"


def test_sparql_prefixes_in_strings_iris_and_comments_are_not_prefixes(seeded):
    q = 'SELECT ?n WHERE { BIND("foo:bar" AS ?n) FILTER(?n != <urn:x:y>) } # zz:top'
    assert run("sparql", q, "--format", "csv", store=seeded).stdout.splitlines()[1] == "foo:bar"


def test_sparql_construct_prints_turtle_and_describe_each_triple_once(seeded):
    q = "CONSTRUCT { ?s rdfs:label ?l } WHERE { GRAPH ddg:instances { ?s a dd:Person ; rdfs:label ?l } }"
    result = run("sparql", q, store=seeded)
    assert result.exit_code == 0, result.stderr
    from rdflib import Graph

    g = Graph().parse(data=result.stdout, format="turtle")
    assert len(g) == 6 and result.stdout.startswith("@prefix rdfs: ")
    described = run("sparql", "DESCRIBE <https://w3id.org/ddgraph/id/person/rustem-umerov>", "--format", "ntriples",
                    store=seeded).stdout.splitlines()
    assert described and len(described) == len(set(described))
    assert '<https://w3id.org/ddgraph/id/person/rustem-umerov> <http://www.w3.org/2000/01/rdf-schema#label> ' \
           '"Rustem Umerov"@en .' in described
    rows = run("sparql", "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "--format", "turtle", store=seeded)
    assert rows.exit_code == 1 and rows.stderr == "Error: a SELECT query gives rows: --format table, json or csv\n"


def test_stats(seeded):
    data = json.loads(run("stats", "--json", store=seeded).stdout)
    assert data["articles"] == 5 and data["languages"] == {"en": 4, "uk": 1}
    assert data["published"] == {"first": "2023-09-29", "last": "2025-03-26"}
    assert data["classes"]["Person"] == 6
    q = "SELECT (COUNT(DISTINCT ?t) AS ?n) WHERE { GRAPH ddg:instances { ?m dd:discusses ?t } }"
    discussed = int(run("sparql", q, "--format", "csv", store=seeded).stdout.splitlines()[1])
    assert 0 < data["topics_discussed"] == discussed < data["classes"]["Topic"]
    table = run("stats", store=seeded).stdout.splitlines()
    assert f"Topic           {data['classes']['Topic']} ({discussed} discussed)" in table


def test_stats_from_kept_counts_equal_stats_counted(seeded):
    from ddgraph.graph.store import open_store
    from ddgraph.queries.stats import store_stats

    with open_store(seeded, read_only=True) as reader:
        kept = reader.counts
        assert kept["classes"]["Meeting"] > 0 and kept["topic_keys"]
        without = {k: v for k, v in kept.items() if k not in ("classes", "topic_keys")}
        assert store_stats(reader.ox, kept) == store_stats(reader.ox, without)


def test_evaluate_prints_table(seeded):
    result = run("evaluate", "--gold", GOLD, store=seeded)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1].split() == ["category", "tp", "fp", "fn", "precision", "recall", "f1"]
    report = json.loads(run("evaluate", "--gold", GOLD, "--json", store=seeded).stdout)
    assert report["scores"]["persons"]["f1"] == 1.0


# --- bad input -------------------------------------------------------------------------

def _bad_inputs(folder: Path) -> dict[str, Path]:
    folder.mkdir()
    (folder / "empty.txt").write_text("")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 50)
    (folder / "latin1.txt").write_bytes("Défense".encode("latin-1") + b" minister met")
    with open(folder / "huge.txt", "wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    (folder / "doc.pdf").write_bytes(b"%PDF-1.4")
    (folder / "feed.jsonl").write_text('{"text": "Rustem Umerov met Boris Pistorius in Kyiv."}\n{not json}\n{"url": "x"}\n')
    return {p.name: p for p in folder.iterdir()}


def test_bad_inputs_each_get_one_line_and_good_ones_still_land(tmp_path):
    files = _bad_inputs(tmp_path / "in")
    result = run("ingest", tmp_path / "in", tmp_path / "missing.txt", store=tmp_path / "s")
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    messages = "\n".join(errors)
    assert f"{files['empty.txt']}: file is empty" in messages
    assert f"{files['binary.txt']}: binary file" in messages
    assert f"{files['latin1.txt']}: not UTF-8 text" in messages
    assert f"{files['huge.txt']}: article too large (50.0 MB of text > 1 MB per article)" in messages
    assert f"{files['doc.pdf']}: unsupported file type '.pdf'" in messages
    assert f"{files['feed.jsonl']}: line 2: invalid JSON (Expecting property name" in messages
    assert f"{files['feed.jsonl']}: line 3: missing required field 'text'" in messages
    assert f"{tmp_path / 'missing.txt'}: no such file or directory" in messages
    assert all(len(e.splitlines()) == 1 for e in errors)
    assert result.exit_code == 0  # one article (the good JSONL line) was ingested
    assert "new             1" in result.stdout


def test_nothing_ingestable_exits_non_zero(tmp_path):
    (tmp_path / "empty.txt").write_text("  \n")
    result = run("ingest", tmp_path / "empty.txt", store=tmp_path / "s")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"error: {tmp_path / 'empty.txt'}: file is empty",
                                          "Error: nothing could be ingested"]


def test_bad_input_loses_nothing_already_stored(seeded, tmp_path):
    store = tmp_path / "copy"
    shutil.copytree(seeded, store)
    before = run("export", "--format", "nquads", store=store).stdout
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00")
    result = run("ingest", tmp_path / "bad.txt", store=store)
    assert result.exit_code == 1
    assert run("export", "--format", "nquads", store=store).stdout == before


def test_locked_store_is_refused(seeded, tmp_path):
    store = tmp_path / "locked"
    shutil.copytree(seeded, store)
    holder = open_store(store)
    try:
        result = run("ingest", SEEDS, store=store)
        assert result.exit_code == 1
        assert result.stderr == f"Error: {store}: store is locked by another ddgraph writer\n"
        assert run("stats", store=store).exit_code == 0  # readers read the last snapshot meanwhile
    finally:
        holder.close()
    assert run("stats", store=store).exit_code == 0


def test_store_from_another_version_is_refused(seeded, tmp_path):
    store = tmp_path / "old"
    shutil.copytree(seeded, store)
    (store / "ddgraph-store.json").write_text('{"format": 99}\n')
    result = run("stats", store=store)
    assert result.exit_code == 1
    assert result.stderr == (f"Error: {store}: store format 99 is not supported by this ddgraph "
                             "(expects 3); ingest into a new store\n")


def test_not_a_store_is_refused(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "notes.txt").write_text("mine")
    result = run("ingest", SEEDS, store=tmp_path / "x")
    assert result.exit_code == 1
    assert result.stderr == f"Error: {tmp_path / 'x'}: not a ddgraph store (no ddgraph-store.json) and not empty\n"
    assert (tmp_path / "x" / "notes.txt").read_text() == "mine"


def test_missing_store_for_queries(tmp_path):
    result = run("stats", store=tmp_path / "nope")
    assert result.exit_code == 1
    assert result.stderr == f"Error: {tmp_path / 'nope'}: no store here; run 'ddgraph ingest' first\n"


FORMATS = ROOT / "tests" / "data" / "formats"


def test_html_and_jsonl_articles_with_their_metadata(tmp_path):
    store = tmp_path / "s"
    result = run("ingest", FORMATS, store=store)
    assert result.exit_code == 0, result.stderr
    assert "new             3" in result.stdout
    q = ("SELECT ?file ?date ?pub ?lang WHERE { ?a a schema:NewsArticle ; dd:sourceFile ?file ; "
         "schema:inLanguage ?lang . OPTIONAL { ?a schema:datePublished ?date } OPTIONAL { ?a schema:publisher ?pub } } "
         "ORDER BY ?file")
    rows = json.loads(run("sparql", q, "--format", "json", store=store).stdout)
    by_file = {Path(r["file"]).name: r for r in rows}
    assert by_file["feed.jsonl:1"] == {"file": f"{FORMATS / 'feed.jsonl'}:1", "date": "2024-03-06",
                                       "pub": "Example Wire", "lang": "en"}
    assert by_file["feed.jsonl:2"]["lang"] == "uk" and by_file["feed.jsonl:2"]["date"] == "2024-02-16"
    assert by_file["kyiv_talks.html"]["date"] == "2024-05-20"
    # the HTML page's navigation and "Latest news" teasers are not facts
    q = "SELECT DISTINCT ?l WHERE { ?p a dd:Person ; rdfs:label ?l } ORDER BY ?l"
    persons = [r["l"] for r in json.loads(run("sparql", q, "--format", "json", store=store).stdout)]
    # Лекорню is only seen in Cyrillic here: a listed official (nationalities.yaml), he has his own name
    assert persons == ["Boris Pistorius", "Lloyd Austin", "Rustem Umerov", "Sébastien Lecornu"]


def test_lookups_never_import_the_extraction_stack(seeded):
    """A lookup starts fast: spaCy, pymorphy3 and the ingest package are never imported."""
    import subprocess
    import sys

    code = ("import sys\nfrom ddgraph.queries.cli import main\ntry:\n    main(['met', 'Umerov', '--store', sys.argv[1]])\n"
            "except SystemExit:\n    pass\nheavy = sorted(m for m in sys.modules if m.split('.')[0] in "
            "('spacy', 'pymorphy3', 'oxrdflib', 'networkx', 'pyvis') or m.startswith('ddgraph.ingest'))\n"
            "print('HEAVY', heavy)")
    out = subprocess.run([sys.executable, "-c", code, str(seeded)], capture_output=True, text=True, check=True)
    assert "HEAVY []" in out.stdout, out.stdout[-300:]
