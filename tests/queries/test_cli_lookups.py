"""The question commands of the CLI: exit codes, exact error messages, and one
test per question of data/gold/seeds.yaml answered from the real articles."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from ddgraph.ingest.curate import list_decisions
from click.testing import CliRunner

from ddgraph.queries.cli import cli
from tests.queries.seed_store import R, ROOT, copy_store, full_store, seed_store

GOLD = yaml.safe_load((ROOT / "data" / "gold" / "seeds.yaml").read_text(encoding="utf-8"))
QUESTIONS = {q["q"]: q["a"] for q in GOLD["questions"]}
PARIS_2024_DELEGATION = {"Volodymyr Horbatiuk", "Mykola Shevtsov", "Oleksandr Balanutsa"}


def run(*args: str, store: Path | None = None):
    argv = list(args) + (["--store", str(store)] if store is not None else [])
    return CliRunner().invoke(cli, argv, catch_exceptions=False)


def ask(*args: str, store: Path | None = None):
    result = run(*args, "--json", store=store or seed_store())
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def short(sources) -> list[str]:
    return sorted(s["name"][:3] for s in sources)


def is_paris_2024(meeting: dict) -> bool:
    return [p["label"] for p in meeting["places"]] == ["Paris"] and meeting["date"].startswith("2024") and \
        PARIS_2024_DELEGATION <= {p["label"] for p in meeting["participants"]}


# --- errors: exit code 1 and one exact line ------------------------------------------------


def test_unknown_name_with_suggestion():
    result = run("met", "Umerow", store=seed_store())
    assert result.exit_code == 1
    assert result.output == "Error: no person named 'Umerow'; did you mean: Rustem Umerov?\n"


def test_ambiguous_name_lists_both():
    result = run("offices", "Kuleba", store=full_store())
    assert result.exit_code == 1
    assert result.output == ("Error: 'Kuleba' is ambiguous: Dmytro Kuleba (ddr:person/dmytro-kuleba), "
                             "Oleksiy Kuleba (ddr:person/oleksiy-kuleba); give a full name or the IRI\n")


def test_a_meeting_named_by_an_ambiguous_surname_and_a_partner():
    """A word naming several persons reads the meetings of any of them (from the index), and the partner decides."""
    baerbock = ask("delegation", "Kuleba Baerbock", store=full_store())["meeting"]
    assert {p["label"] for p in baerbock["participants"]} == {"Dmytro Kuleba", "Annalena Baerbock"}
    result = run("delegation", "Kuleba 2024", store=full_store())
    assert result.exit_code == 1
    assert result.output.startswith("Error: 'Kuleba 2024' matches 2 meetings: ")


def test_missing_store(tmp_path):
    missing = tmp_path / "nowhere"
    for argv in (["met", "Umerov"], ["meetings"], ["aid"], ["curation"], ["questions", str(ROOT / "data/questions.yaml")]):
        result = run(*argv, store=missing)
        assert result.exit_code == 1, argv
        assert result.output == f"Error: {missing}: no store here; run 'ddgraph ingest' first\n", argv


def test_bad_inputs():
    cases = {
        ("meetings", "--since", "2024-13"): "Error: --since: '2024-13' is not a date (YYYY-MM-DD, YYYY-MM or YYYY)\n",
        ("meetings", "--topic", "air defence systems"): "Error: no topic named 'air defence systems'; did you mean: Air defense?\n",
        ("aid", "--provider", "Frnace"): "Error: no country named 'Frnace'; did you mean: France?\n",
        ("delegation", "Tokyo"): "Error: no meeting matches 'Tokyo'\n",
        ("topics", "France", "France"): "Error: 'France' and 'France' are the same country\n",
        ("explain", "ddr:person/nobody"): "Error: ddr:person/nobody: not in the graph\n",
    }
    for argv, message in cases.items():
        result = run(*argv, store=seed_store())
        assert (result.exit_code, result.output) == (1, message), argv


def test_every_new_command_has_help():
    for argv in (["person"], ["met"], ["meetings"], ["delegation"], ["offices"], ["timeline"], ["aid"], ["agreements"],
                 ["topics"], ["explain"], ["central"], ["communities"], ["path"], ["new-actors"], ["questions"],
                 ["view"], ["view", "person"], ["view", "graph"], ["site"], ["same"], ["different"], ["curation"],
                 ["serve"]):
        result = run(*argv, "--help")
        assert result.exit_code == 0 and "Usage:" in result.output, argv


# --- one test per gold question (data/gold/seeds.yaml) -------------------------------------


def test_gold_questions_are_covered():
    table = yaml.safe_load((ROOT / "data" / "questions.yaml").read_text(encoding="utf-8"))["questions"]
    assert {q["q"] for q in table} == set(QUESTIONS) and len(QUESTIONS) == 7


def test_q1_whom_umerov_met():
    assert "Whom has Rustem Umerov met, and when?" in QUESTIONS
    rows = ask("met", "Rustem Umerov")
    lecornu = {r["meeting"]["iri"]: r["meeting"] for r in rows if r["other"]["label"] == "Sébastien Lecornu"}
    assert len(lecornu) == 3
    assert sorted(m["date"][:4] for m in lecornu.values()) == ["2023", "2024", "2025"]
    partners = {r["other"]["label"] for r in rows}
    assert {"French defense companies", "EU defense ministers"} <= partners
    companies = next(r["meeting"] for r in rows if r["other"]["label"] == "French defense companies")
    assert (companies["date"], [p["label"] for p in companies["places"]]) == ("2025-03-26", ["Paris"])
    assert all(r["meeting"]["status"] == "happened" for r in rows)
    text = run("met", "Умєров", store=seed_store()).output
    assert "Sébastien Lecornu: 3 meeting(s)" in text


def test_q1_where_and_when_umerov_met_lecornu():
    rows = ask("met", "Rustem Umerov")
    lecornu = sorted({r["meeting"]["iri"]: r["meeting"] for r in rows if r["other"]["label"] == "Sébastien Lecornu"}.values(),
                     key=lambda m: m["date"])
    assert [([p["label"] for p in m["places"]], m["date"][:7]) for m in lecornu[:2]] == [(["Ukraine"], "2023-09"),
                                                                                       (["Paris"], "2024-09")]
    assert ([p["label"] for p in lecornu[2]["places"]], lecornu[2]["date"], lecornu[2]["date_qualifier"]) == \
        (["France"], "2025-03-26", "on")


def test_q2_meetings_on_air_defense():
    assert QUESTIONS["Which meetings discussed air defense?"] == ["paris-2024", "eu-ministers"]
    rows = ask("meetings", "--topic", "air-defense")
    assert len(rows) == 2
    assert sum(is_paris_2024(m) for m in rows) == 1
    eu = [m for m in rows if not is_paris_2024(m)][0]
    assert [p["label"] for p in eu["participants"]] == ["Rustem Umerov", "EU defense ministers"]
    assert eu["kind"] == "multilateral" and short(eu["sources"]) == ["001"]


def test_q3_delegation_in_paris_2024():
    assert set(QUESTIONS["Who was in the Ukrainian delegation in Paris in 2024?"]) == PARIS_2024_DELEGATION
    d = ask("delegation", "Paris 2024")
    assert {m["person"]["label"] for m in d["members"]} == PARIS_2024_DELEGATION
    assert is_paris_2024(d["meeting"])


def test_q4_horbatiuk_office_and_rank():
    assert QUESTIONS["What office and rank does Horbatiuk hold?"] == \
        "Deputy Chief of the General Staff of the Armed Forces of Ukraine; Major General"
    rows = ask("offices", "Horbatiuk")
    offices = [(r["label"], r["organization"]) for r in rows if r["kind"] == "office"]
    ranks = [r["label"] for r in rows if r["kind"] == "rank"]
    assert offices == [("Deputy Chief of the General Staff", "General Staff of the Armed Forces of Ukraine")]
    assert ranks == ["Major General"]
    assert all(short(r["sources"]) == ["000", "001", "002"] and r["sentences"] for r in rows)


def test_q5_systems_france_provided_to_ukraine():
    gold = QUESTIONS["Which weapon systems has France provided to Ukraine?"]
    rows = ask("aid", "--provider", "France", "--recipient", "Ukraine")
    systems = sorted({i["label"] for a in rows for i in a["items"]})
    assert systems == ["AMX-10 RC", "CAESAR", "Crotale", "Milan", "SAMP/T", "VAB"]
    assert all(any(s.startswith(g) for s in systems) for g in gold)
    assert {a["status"] for a in rows} == {"delivered"}
    assert {s for a in rows for s in short(a["sources"])} == {"003"}


def test_q6_articles_on_joint_ventures_in_paris_2024():
    assert QUESTIONS["Which articles say that joint ventures were discussed in Paris in 2024?"] == ["000", "001", "002"]
    rows = ask("meetings", "--topic", "joint-production", "--place", "Paris", "--since", "2024-01-01", "--until", "2024-12-31")
    assert len(rows) == 1 and is_paris_2024(rows[0])
    assert short(rows[0]["sources"]) == ["000", "001", "002"]
    evidence = ask("explain", rows[0]["iri"], "--topic", "joint-production")
    assert sorted({e["source"]["name"][:3] for e in evidence["evidence"]}) == ["000", "001", "002"]


def test_q7_balanutsa_to_lecornu():
    assert QUESTIONS["How is Oleksandr Balanutsa connected to Sébastien Lecornu?"] == "both took part in paris-2024"
    hops = ask("path", "Balanutsa", "Lecornu")
    assert [(h["person_label"], h["other_label"]) for h in hops] == [("Oleksandr Balanutsa", "Sébastien Lecornu")]
    meeting = ask("delegation", hops[0]["meeting"])["meeting"]
    assert is_paris_2024(meeting)


def test_questions_command_prints_question_command_answer():
    result = run("questions", str(ROOT / "data" / "questions.yaml"), store=seed_store())
    assert result.exit_code == 0, result.output
    for q in QUESTIONS:
        assert f"Q: {q}\n$ ddgraph " in result.output
    assert "weapon systems: AMX-10 RC, CAESAR, Crotale, Milan, SAMP/T, VAB" in result.output
    assert "error:" not in result.output


def test_questions_command_reports_failures(tmp_path):
    table = tmp_path / "q.yaml"
    table.write_text('questions:\n  - {q: "Who?", command: ddgraph met Umerow}\n  - {q: "Aid?", command: ddgraph aid}\n',
                     encoding="utf-8")
    result = run("questions", str(table), store=seed_store())
    assert result.exit_code == 1
    assert "Q: Who?\n$ ddgraph met Umerow\nerror: no person named 'Umerow'; did you mean: Rustem Umerov?" in result.output
    assert result.output.endswith("Error: 1 of 2 question(s) could not be answered\n")
    bad = tmp_path / "bad.yaml"
    bad.write_text("questions: [1, 2]\n", encoding="utf-8")
    result = run("questions", str(bad), store=seed_store())
    assert result.output == f"Error: {bad}: expected a 'questions' list of {{q, command}}\n"


# --- the other commands ---------------------------------------------------------------------


def test_person_timeline_topics_agreements_tables():
    store = seed_store()
    person = run("person", "Горбатюк", store=store).output
    assert person.startswith("Volodymyr Horbatiuk  (ddr:person/volodymyr-horbatiuk)\n")
    assert "Horbatyuk [en]: 001_311a52a1c49435c9" in person
    timeline = run("timeline", "Lecornu", store=store).output
    assert timeline.index("2023-09-29") < timeline.index("2024-09-02") < timeline.index("2025-03-26")
    topics = run("topics", "Ukraine", "France", store=store).output
    assert "  2024: " in topics and "Air defense (1)" in topics and "new: " in topics
    agreements = ask("agreements", "--party", "DGA")
    assert [a["label"] for a in agreements] == ["memorandum of intent on cooperation"]


def test_analytics_commands():
    store = seed_store()
    central = ask("central", "--top", "1")
    assert [r["label"] for r in central] == ["Rustem Umerov"]
    assert ask("communities")[0]["size"] >= 2
    assert ask("new-actors", "--since", "2025-01-01") == [] or all(
        r["first_date"] >= "2025-01-01" for r in ask("new-actors", "--since", "2025-01-01"))
    assert run("central", "--kind", "country", store=store).exit_code == 0


def test_views_and_site(tmp_path):
    store = seed_store()
    for argv in (["view", "person", "Umerov"], ["view", "meeting", "Paris 2024"], ["view", "topic", "air-defense"],
                 ["view", "countries", "Ukraine", "France"], ["view", "graph", "--since", "2024"]):
        out = tmp_path / f"{argv[1]}.html"
        result = run(*argv, "-o", str(out), store=store)
        assert (result.exit_code, result.output) == (0, f"{out}\n"), argv
        assert "vis.DataSet" in out.read_text(encoding="utf-8")
    result = run("view", "person", "Umerow", "-o", str(tmp_path / "x.html"), store=store)
    assert result.output == "Error: no person named 'Umerow'; did you mean: Rustem Umerov?\n"
    result = run("site", "-o", str(tmp_path / "site"), store=store)
    assert result.exit_code == 0 and (tmp_path / "site" / "index.html").exists()


def test_same_different_curation(tmp_path):
    store = copy_store(full_store(), "curation-cli")
    assert run("curation", store=store).output == "(no decisions)\n"
    merged = run("same", "Dmytro Kuleba", "Oleksiy Kuleba", store=store)
    assert merged.exit_code == 0, merged.output
    assert "merged: Dmytro Kuleba + Oleksiy Kuleba -> Dmytro Kuleba (ddr:person/dmytro-kuleba)" in merged.output
    assert run("offices", "Kuleba", store=store).exit_code == 0  # one person now
    split = run("different", "Dmytro Kuleba", "Oleksiy Kuleba", store=store)
    assert "split: Dmytro Kuleba -> Dmytro Kuleba + Oleksiy Kuleba" in split.output
    assert run("offices", "Kuleba", store=store).exit_code == 1  # two again
    listing = run("curation", "--export", str(tmp_path / "c.yaml"), store=store)
    lines = listing.output.splitlines()
    assert lines[0].split()[:2] == ["1", "same"] and lines[1].split()[:2] == ["2", "different"]
    assert lines[-1] == f"2 decision(s) written to {tmp_path / 'c.yaml'}"
    exported = yaml.safe_load((tmp_path / "c.yaml").read_text(encoding="utf-8"))
    assert exported["version"] == 2 and [d["kind"] for d in exported["decisions"]] == ["same", "different"]
    again = run("same", "Umerov", "Rustem Umerov", store=store)  # already one person: the decision keeps them so
    assert again.exit_code == 0, again.output
    assert again.output.splitlines()[1:] == ["no person changed: the graph already agreed with this decision",
                                             "graphs rewritten: 0"]
    assert [r["kind"] for r in list_decisions(store)] == ["same", "different", "same"]
    twice = run("same", "Umerov", "Умєров", store=store)  # one name in two scripts
    assert (twice.exit_code, twice.output) == (
        1, f"Error: 'Umerov' and 'Умєров' are one name of one person ({R}person/rustem-umerov): nothing to record\n")
