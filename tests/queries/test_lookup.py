"""The question library (queries.names, lookup, people, facts, questions) and
curation (ingest.curate) on stores built from the real articles."""

from __future__ import annotations

import pytest

from ddgraph.graph.instance_keys import decode_key

from ddgraph.graph.errors import QueryError
from ddgraph.graph.store import open_store
from ddgraph.ingest.curate import decide, list_decisions
from ddgraph.queries import facts, lookup, people, questions
from ddgraph.queries.names import NameIndex, compact_iri, expand_iri, norm
from ddgraph.queries.cli.lookups import answer_gold_questions, answer_line, parse_command
from ddgraph.queries.library import KnowledgeGraph
from ddgraph.queries.sparql import load_query
from tests.queries.seed_store import R, copy_store, full_store, seed_store

PARIS_2024 = {R + "person/volodymyr-horbatiuk", R + "person/mykola-shevtsov", R + "person/oleksandr-balanutsa"}


@pytest.fixture(scope="module")
def ds():
    store = open_store(seed_store(), read_only=True)
    yield store.dataset
    store.close()


@pytest.fixture(scope="module")
def full():
    store = open_store(full_store(), read_only=True)
    yield store.dataset
    store.close()


# --- names -----------------------------------------------------------------------

INDEX = NameIndex.from_labels("person", {
    "ddr:person/rustem-umerov": ("Rustem Umerov", ["Умєров", "Рустем Умєров", "Umerov"]),
    "ddr:person/sebastien-lecornu": ("Sébastien Lecornu", ["Sébastien Lecorne", "Лекорню"]),
    "ddr:person/dmytro-kuleba": ("Dmytro Kuleba", ["Kuleba"]),
    "ddr:person/oleksiy-kuleba": ("Oleksiy Kuleba", ["Олексій Кулеба"]),
})


@pytest.mark.parametrize("name, iri", [
    ("Umerov", "rustem-umerov"), ("UMEROV", "rustem-umerov"), ("Умєровим", "rustem-umerov"),
    ("Умеров", "rustem-umerov"), ("Рустем Умєров", "rustem-umerov"), ("umierov", "rustem-umerov"),
    ("Lecorne", "sebastien-lecornu"), ("sebastien lecornu", "sebastien-lecornu"), ("Лекорню", "sebastien-lecornu"),
    ("Oleksiy Kuleba", "oleksiy-kuleba"), ("ddr:person/dmytro-kuleba", "dmytro-kuleba"),
    (R + "person/dmytro-kuleba", "dmytro-kuleba"),
])
def test_any_alias_in_any_script_and_case(name, iri):
    assert INDEX.find(name).iri == R + "person/" + iri


def test_unknown_name_suggests_close_matches():
    with pytest.raises(QueryError) as exc:
        INDEX.find("Umerow")
    assert str(exc.value) == "no person named 'Umerow'; did you mean: Rustem Umerov?"
    with pytest.raises(QueryError) as exc:
        INDEX.find("Zzyzx")
    assert str(exc.value) == "no person named 'Zzyzx'"


def test_ambiguous_name_lists_both():
    with pytest.raises(QueryError) as exc:
        INDEX.find("Kuleba")
    assert str(exc.value) == ("'Kuleba' is ambiguous: Dmytro Kuleba (ddr:person/dmytro-kuleba), "
                              "Oleksiy Kuleba (ddr:person/oleksiy-kuleba); give a full name or the IRI")


def test_unknown_iri_and_empty_name():
    with pytest.raises(QueryError, match=r"^https://w3id.org/ddgraph/id/person/nobody: not a person of the graph$"):
        INDEX.find("ddr:person/nobody")
    with pytest.raises(QueryError, match="^empty person name$"):
        INDEX.find("  ")


def test_name_helpers():
    assert norm("Šakalienė's") == "sakaliene"
    assert expand_iri("ddt:air-defense") == "https://w3id.org/ddgraph/topic/air-defense"
    assert compact_iri(R + "meeting/x") == "ddr:meeting/x"


@pytest.mark.parametrize("name", ["Горбатюк", "horbatiuk", "Horbatyuk", "Volodymyr Horbatiuk", "Горбатюка"])
def test_store_names(ds, name):
    assert NameIndex.load(ds, "person").find(name).iri == R + "person/volodymyr-horbatiuk"


def test_store_other_kinds(ds):
    assert NameIndex.load(ds, "country").find("france").iri == R + "country/france"
    assert NameIndex.load(ds, "topic").find("air-defense").iri == "https://w3id.org/ddgraph/topic/air-defense"
    assert NameIndex.load(ds, "topic").find("ППО").iri == "https://w3id.org/ddgraph/topic/air-defense"
    assert NameIndex.load(ds, "system").find("samp/t").iri == R + "system/samp-t"
    with pytest.raises(QueryError, match="^no country named 'Frnace'; did you mean: France"):
        NameIndex.load(ds, "country").find("Frnace")
    with pytest.raises(QueryError, match="unknown kind"):
        NameIndex.load(ds, "planet")


UMEROV = R + "person/rustem-umerov"
DDO = "https://w3id.org/ddgraph/ontology#"
PARIS_FACET = {"facet": R + "place/paris", "property": DDO + "placeKey"}
AID_FROM_FRANCE = {"drive": DDO + "provider", "driveValue": R + "country/france"}
#: query -> (bindings, IRIs of its {{iri x}} placeholders)
QUERIES = {
    "name_lookup": ({"key": "1|umerov", "class": DDO + "Person"}, None),
    "name_suggest": ({}, {"class": DDO + "Person"}),
    "is_a": ({"x": UMEROV, "class": DDO + "Person"}, None), "topics": ({}, None), "articles": ({}, None),
    "met_partners": ({"person": UMEROV}, None),
    "person_stats": ({"person": UMEROV}, None), "person_offices": ({"person": UMEROV}, None),
    "pair_topics": ({"pair": R + "pair/france--ukraine"}, None),
    "person_counts": ({}, {"person": UMEROV}), "event_select": ({}, AID_FROM_FRANCE),
    "fact_sentences": ({}, {"thing": UMEROV, "property": DDO + "holdsRole"}),
    "fact_articles": ({"s": UMEROV, "p": DDO + "holdsRole"}, None),

    "evidence": ({}, {"thing": UMEROV}), "evidence_count": ({}, {"thing": UMEROV}),
    "label_of": ({"thing": UMEROV}, None), "roles": ({}, None),
    "event_count": ({}, {"drive": DDO + "provider", "driveValue": R + "country/france"}),
    "meeting_key_count": ({}, {"facet": R + "place/paris", "property": DDO + "placeKey"}),
}
TEMPLATED = {"meeting_details": "meeting", "event_details": "event", "labels": "thing",
             "mention_details": "m", "article_meta": "g", "stating_articles": "s"}


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_every_question_query_answers_on_its_own(ds, name):
    from ddgraph.queries.sparql import run_select

    bindings, iris = QUERIES[name]
    assert run_select(ds, load_query(name, limit=10, iris=iris), bindings).rows


def test_every_shipped_query_is_tested():
    from importlib import resources

    shipped = {p.name[:-3] for p in resources.files("ddgraph.queries").joinpath("sparql").iterdir() if p.name.endswith(".rq")}
    assert shipped == set(QUERIES) | set(TEMPLATED) | {"delegation", "delegation_member", "signed", "meeting_by_key_id",
                                                       "meeting_select", "meeting_key_check"}


ALL_KEYS = {"from": "0", "to": "~", "skip": ""}


def _paris_keys(ds, keys: dict) -> list[str]:
    from ddgraph.queries.lookup import facet_keys

    return facet_keys(ds, PARIS_FACET["facet"], PARIS_FACET["property"], keys)


def test_the_keys_of_a_facet_come_in_one_row_latest_first(ds):
    from ddgraph.queries.sparql import run_select

    rows = run_select(ds, load_query("meeting_select", iris=PARIS_FACET, keys=ALL_KEYS)).rows
    keys = _paris_keys(ds, ALL_KEYS)
    assert len(rows) == 1 and sorted(rows[0][0].split(" ")) == sorted(keys)
    assert len(keys) > 1 and keys == sorted(keys, reverse=True) and all(len(k) == 14 for k in keys)


@pytest.mark.parametrize("keys, expected", [
    (ALL_KEYS, "all"),
    ({"from": "0", "to": "~", "skip": "pPdD"}, "confirmed"),
    ({"from": "45000", "to": "45000", "skip": ""}, "none"),
])
def test_meeting_select_reads_the_keys_of_a_facet_in_a_range(ds, keys, expected):
    every = set(_paris_keys(ds, ALL_KEYS))
    got = set(_paris_keys(ds, keys))
    assert every
    want = {"all": every, "confirmed": {k for k in every if k[5] not in "pPdD"}, "none": set()}[expected]
    assert got == want


@pytest.mark.parametrize("iris, keys, expected", [
    ({}, {}, []),
    ({"recipient": R + "country/ukraine"}, {}, ["dd:recipient"]),
    ({"recipient": None}, {"status": "pledged"}, ["dd:status"]),
    ({"provider": R + "country/france", "system": R + "system/caesar"}, {}, ["dd:provider", "dd:item"]),
])
def test_a_conditional_part_of_a_query_is_kept_only_when_its_value_is_given(iris, keys, expected):
    query = load_query("event_select", iris=AID_FROM_FRANCE | iris, keys=keys)
    filters = [line.split("?event ")[1].split()[0] for line in query.splitlines() if "FILTER EXISTS" in line]
    assert filters == expected
    assert "{{" not in query


def test_a_facet_key_is_looked_up_among_the_keys_of_a_thing(ds):
    from ddgraph.queries.sparql import run_select

    every = _paris_keys(ds, ALL_KEYS)
    query = load_query("meeting_key_check", iris=PARIS_FACET, values={"key": every[:1] + ["00000H~none"]})
    assert [r[0] for r in run_select(ds, query).rows] == every[:1]
    with pytest.raises(QueryError, match=r"^not an index key: '0\" \) \} DROP ALL #'$"):
        load_query("meeting_key_check", iris=PARIS_FACET, values={"key": ['0" ) } DROP ALL #']})


@pytest.mark.parametrize("key", ['0" ) } DROP ALL #', "45000\n", None])
def test_a_key_constant_that_is_not_a_key_is_refused(key):
    with pytest.raises(QueryError, match=r"meeting_select.rq: no key given for \{\{key from\}\}"):
        load_query("meeting_select", iris=PARIS_FACET, keys={"from": key, "to": "~", "skip": ""})


@pytest.mark.parametrize(("name", "values", "placeholder"), [
    ("labels", {"x": ["urn:a"]}, "{{values ?thing}}"),
    ("meeting_key_check", {}, "{{keys ?key}}"),
])
def test_values_left_out_are_refused_not_read_as_none(name, values, placeholder):
    """A list of values given under another name would otherwise make an empty VALUES block: no rows, silently."""
    iris = PARIS_FACET
    with pytest.raises(QueryError) as info:
        load_query(name, values=values, iris=iris)
    assert str(info.value) == f"{name}.rq: no values given for {placeholder}"
    assert "VALUES ?thing {  }" in load_query("labels", values={"thing": []})  # none given on purpose


@pytest.mark.parametrize("name", sorted(TEMPLATED))
def test_templated_queries_answer_for_the_things_given(ds, name):
    from ddgraph.queries.sparql import run_select

    meetings = [decode_key(k)[3] for k in _paris_keys(ds, ALL_KEYS)]
    aid = [r[0] for r in run_select(ds, load_query("event_select", iris=AID_FROM_FRANCE)).rows]
    people = [r[0] for r in run_select(ds, "SELECT ?p WHERE { GRAPH ddg:instances { ?m dd:participant ?p } }").rows]
    mentions = [r[0] for r in run_select(ds, load_query("evidence", iris={"thing": UMEROV}, limit=10)).rows]
    things = {"meeting_details": meetings, "event_details": aid, "labels": people,
              "mention_details": mentions,
              "stating_articles": meetings,
              "article_meta": [r[0] for r in run_select(ds, load_query("articles")).rows]}[name]
    bindings = {"p": DDO + "participant", "o": UMEROV} if name == "stating_articles" else {}
    query = load_query(name, values={TEMPLATED[name]: things})
    assert run_select(ds, query, bindings).rows


def test_signed_lists_the_agreements_a_person_signed(full):
    from ddgraph.queries.sparql import run_select

    signatories = run_select(full, "SELECT DISTINCT ?p WHERE { GRAPH ddg:instances { ?a dd:signatory ?p } }").rows
    assert signatories
    for (person,) in signatories:
        assert run_select(full, load_query("signed", iris={"person": person})).rows


# --- meetings ----------------------------------------------------------------------


def test_date_bound():
    assert lookup.date_bound("2024") == "2024-01-01"
    assert lookup.date_bound("2024-02", end=True) == "2024-02-31"
    assert lookup.date_bound(None) is None
    with pytest.raises(QueryError, match=r"^--since: '2024-13-01' is not a date \(YYYY-MM-DD, YYYY-MM or YYYY\)$"):
        lookup.date_bound("2024-13-01", option="--since")


def test_meeting_filters(ds):
    paris = lookup.meetings(ds, place="Paris")
    assert {m.year for m in paris} == {"2024", "2025"} and all(p.label == "Paris" for m in paris for p in m.places)
    in_france = lookup.meetings(ds, place="France")
    assert {m.iri for m in paris} <= {m.iri for m in in_france}
    with_france = lookup.meetings(ds, country="France")
    assert len(with_france) >= 3 and all(m.year in ("2023", "2024", "2025") for m in with_france)
    by_person = lookup.meetings(ds, person="Горбатюк")
    assert len(by_person) == 1 and PARIS_2024 <= {p.iri for p in by_person[0].participants}
    period = lookup.meetings(ds, since="2025-01-01")
    assert period and all(m.date >= "2025-01-01" for m in period)
    assert lookup.meetings(ds, since="2030") == []
    m = by_person[0]
    assert m.when == "≤ 2024-09-02" and m.date_qualifier == "not after" and m.status == "happened"


@pytest.mark.parametrize("lookup_cost", [0, 10**9])  # always look the keys up; never
@pytest.mark.parametrize("filters", [
    {"place": "Paris", "topic": "air-defense"}, {"person": "Umerov", "country": "France"},
    {"country": "Ukraine", "place": "Paris", "topic": "air-defense"}, {"person": "Umerov", "place": "Paris"},
    {"country": "France", "topic": "joint-production"},
])
def test_meetings_of_several_things_are_those_each_gives(full, monkeypatch, filters, lookup_cost):
    monkeypatch.setattr(lookup, "_LOOKUP_COST", lookup_cost)
    monkeypatch.setattr(lookup, "_CHECK_BATCH", 2)
    got = [m.iri for m in lookup.meetings(full, all_statuses=True, **filters)]
    each = [{m.iri for m in lookup.meetings(full, all_statuses=True, **{k: v})} for k, v in filters.items()]
    every = [m.iri for m in lookup.meetings(full, all_statuses=True)]
    assert got == [m for m in every if all(m in one for one in each)]
    assert got


def test_planned_and_denied_meetings_are_marked_and_left_out_by_default(full):
    umerov = lookup.met(full, "Umerov")
    status = {e.other.label: e.meeting.status for e in umerov}
    assert status["Lloyd Austin"] == "planned"
    assert status["Sergei Shoigu"] == "denied"
    happened = lookup.met(full, "Umerov", include_unconfirmed=False)
    assert {"Lloyd Austin", "Sergei Shoigu"}.isdisjoint({e.other.label for e in happened})
    every = lookup.meetings(full, person="Umerov", all_statuses=True)
    default = lookup.meetings(full, person="Umerov")
    assert {m.status for m in every} >= {"planned", "denied"}
    assert {m.status for m in default} == {"happened"}


def test_find_meeting(ds):
    iri = lookup.find_meeting(ds, "Paris 2024")
    assert lookup.find_meeting(ds, compact_iri(iri)) == iri
    assert lookup.find_meeting(ds, iri.rsplit("/", 1)[1]) == iri
    with pytest.raises(QueryError, match=r"^'Umerov' matches \d+ meetings: ddr:meeting/"):
        lookup.find_meeting(ds, "Umerov")
    with pytest.raises(QueryError, match="^no meeting matches 'Tokyo'$"):
        lookup.find_meeting(ds, "Tokyo")


# --- persons and facts ---------------------------------------------------------------


def test_person_profile_aliases_with_articles(ds):
    p = people.person_profile(ds, "horbatiuk")
    aliases = {a.text: {s.name[:3] for s in a.sources} for a in p.aliases}
    assert aliases["Horbatyuk"] == {"001"}
    assert aliases["Володимир Горбатюк"] == {"002"}
    assert aliases["Volodymyr Horbatiuk"] == {"000", "001", "002"}
    assert p.meetings == 1 and p.articles == 3
    assert [s.kind for s in p.statements] == ["office", "rank"]


def test_offices_carry_sentences_and_dates(ds):
    office, rank = people.offices(ds, "Horbatiuk")
    assert office.first_stated == "2024-09-02"
    assert any("Major General Volodymyr Horbatiuk" in s for s in rank.sentences)
    assert {s.publisher for s in office.sources} >= {"Ukrinform", "UNN"}


def test_timeline_is_dated_and_sorted(ds):
    rows = people.timeline(ds, "Lecornu")
    meetings = [e for e in rows if e.what == "meeting"]
    assert [e.date[:4] for e in meetings] == ["2023", "2024", "2025"]
    dated = [e.date for e in rows if e.date]
    assert dated == sorted(dated)
    assert any(e.what == "office" and e.qualifier == "stated" for e in rows)


def test_aid_filters(full):
    pledged = facts.aid(full, provider="Germany", status="pledged")
    assert pledged and all(a.status == "pledged" for a in pledged)
    caesar = facts.aid(full, system="CAESAR")
    assert any(a.status == "ordered" for a in caesar) and any("France" in [p.label for p in a.providers] for a in caesar)
    with pytest.raises(QueryError, match="^unknown aid status 'given'"):
        facts.aid(full, status="given")


def test_aid_filters_together_give_what_each_gives_alone(full):
    every = facts.aid(full)
    for provider, recipient, status in [("Germany", "Ukraine", None), ("France", "Ukraine", "delivered"),
                                        ("Germany", None, "pledged"), (None, "Ukraine", "ordered")]:
        got = {a.iri for a in facts.aid(full, provider=provider, recipient=recipient, status=status)}
        want = {a.iri for a in every
                if (provider is None or provider in [p.label for p in a.providers])
                and (recipient is None or recipient in [r.label for r in a.recipients])
                and (status is None or status in (a.status or "").split("/"))}
        assert got == want, (provider, recipient, status)
    assert any(facts.aid(full, provider="Germany", recipient="Ukraine"))


def test_agreements_by_party(ds):
    rows = facts.agreements(ds, party="Directorate General for Armaments")
    assert [a.label for a in rows] == ["memorandum of intent on cooperation"]
    assert {p.label for p in rows[0].parties} == {"Defense Procurement Agency", "Directorate General for Armaments"}
    assert [s.name[:3] for s in rows[0].sources] == ["003"]


def test_country_topics_by_year(ds):
    rows = facts.country_topics(ds, "Ukraine", "France")
    years = {r.year for r in rows}
    assert years == {"2023", "2024", "2025"}
    by_year = {y: {r.topic.iri.rsplit("/", 1)[1] for r in rows if r.year == y} for y in years}
    assert "joint-production" in by_year["2023"] & by_year["2024"] & by_year["2025"]
    assert "air-defense" in by_year["2024"]
    changes = facts.topic_changes(rows)
    assert changes[0][0] == "2023" and changes[0][2] == []
    with pytest.raises(QueryError, match="are the same country"):
        facts.country_topics(ds, "France", "france")


def test_explain_a_fact_and_a_thing(ds):
    e = facts.explain(ds, "Paris 2024", topic="joint-production")
    assert sorted(s.name[:3] for s in e.sources) == ["000", "001", "002"]
    assert all(ev.supports == "discusses" for ev in e.evidence)
    assert any("joint ventures" in ev.sentence for ev in e.evidence)
    rank = facts.explain(ds, "Horbatiuk", prop="rank", value="Major General")
    assert rank.thing.label == "Volodymyr Horbatiuk" and len(rank.sources) == 3
    whole = facts.explain(ds, R + "person/volodymyr-horbatiuk")
    assert len(whole.evidence) >= len(rank.evidence)
    with pytest.raises(QueryError, match=r"^no person named 'Umerow'; did you mean: Rustem Umerov\?$"):
        facts.explain(ds, "Umerow")


# --- questions -----------------------------------------------------------------------------


def test_gold_questions_all_have_a_command_and_an_answer(ds):
    printed = []
    asked = answer_gold_questions(KnowledgeGraph.over(ds), echo=printed.append)
    assert len(asked) == len(questions.gold_questions()) == 7
    assert all(a.error is None for a in asked), [a.error for a in asked if a.error]
    text = printed[0]
    for a in asked:
        assert f"Q: {a.q}\n$ {a.command}\n" in text


def test_a_command_line_is_answered_with_the_cli_options(ds):
    ctx = parse_command('ddgraph meetings --topic air-defense --since 2024')
    assert ctx.info_name == "meetings" and ctx.params["topic"] == "air-defense" and ctx.params["since"] == "2024"
    kg = KnowledgeGraph.over(ds)
    assert answer_line(kg, "ddgraph offices Horbatiuk").data[0].label == "Deputy Chief of the General Staff"
    assert answer_line(kg, "ddgraph central --kind country --top 2").data[0]["label"]
    with pytest.raises(QueryError, match="not a ddgraph question command"):
        parse_command("ddgraph ingest data")
    with pytest.raises(QueryError, match="No such option"):
        parse_command("ddgraph met Umerov --colour red")
    with pytest.raises(QueryError, match="asks for help, not a question"):
        parse_command("ddgraph met --help")
    with pytest.raises(QueryError, match="no person named 'Umerow'"):
        answer_line(kg, "ddgraph met Umerow")


def test_match_questions_by_text_or_pattern():
    table = [{"q": "Whom has X met?", "command": "ddgraph met X"},
             {"q": "-", "match": r"delegation .* (\d{4})", "command": "ddgraph delegation Y"}]
    rows = questions.match_questions(["whom  has x MET?", "Who was in the delegation in 2023?", "Other?"], table)
    assert [r["command"] for r in rows] == ["ddgraph met X", "ddgraph delegation Y", None]


# --- curation ----------------------------------------------------------------------------


def test_same_then_different_restores_two_persons():
    store = copy_store(full_store(), "curation-lib")
    d, o = R + "person/dmytro-kuleba", R + "person/oleksiy-kuleba"
    merged = decide(store, "same", "Dmytro Kuleba", "Oleksiy Kuleba", d, o)
    assert [c.kind for c in merged.changes] == ["merged"]
    assert merged.version == 1 and merged.graphs_written >= 1
    split = decide(store, "different", "Dmytro Kuleba", "Oleksiy Kuleba", d, d)
    assert [c.kind for c in split.changes] == ["split"]
    assert {i for i, _ in split.changes[0].after} == {d, o}
    # the later decision is about the same pair of terms, so it replaces the first
    assert (split.term_a, split.term_b) == (merged.term_a, merged.term_b)
    assert [r["kind"] for r in list_decisions(store)] == ["same", "different"]
    with open_store(store, read_only=True) as s:
        names = NameIndex.load(s.dataset, "person")
        assert names.has(d) and names.has(o)


def test_curation_refuses_what_it_cannot_record():
    store = copy_store(full_store(), "curation-refused")
    u = R + "person/rustem-umerov"
    with pytest.raises(QueryError, match="are one name of one person"):
        decide(store, "same", "Umerov", "umerov", u, u)
    with pytest.raises(QueryError, match="decision kind must be one of"):
        decide(store, "maybe", "a", "b", u, u)
    assert list_decisions(store) == []


def test_an_office_with_two_countries_is_listed_once():
    """An office that two articles describe differently (two countries, two bodies) is one
    row, with the body that belongs to the country."""
    from rdflib import Dataset

    from ddgraph.graph.instances import add_instance_layer

    dd, r = "https://w3id.org/ddgraph/ontology#", "https://w3id.org/ddgraph/id/"
    graph = "".join(f"""
    <{r}article/{n}> {{
      <{r}person/ivan-petrenko> a <{dd}Person> ; <http://www.w3.org/2000/01/rdf-schema#label> "Ivan Petrenko"@en ;
          <{dd}holdsRole> <{r}office/minister-of-defence-argentina> .
      <{r}office/minister-of-defence-argentina> a <{dd}Office> ;
          <http://www.w3.org/2000/01/rdf-schema#label> "Minister of Defence"@en ;
          <{dd}ofCountry> <{r}country/{country}> ; <{dd}ofOrganization> <{r}organization/mod-{country}> .
      <{r}country/{country}> a <{dd}Country> ; <http://www.w3.org/2000/01/rdf-schema#label> "{country.title()}"@en .
      <{r}organization/mod-{country}> a <{dd}Organization> ;
          <http://www.w3.org/2000/01/rdf-schema#label> "Ministry of Defence of {country.title()}"@en .
    }}""" for n, country in (("a1", "ukraine"), ("a2", "argentina")))
    ds = add_instance_layer(Dataset().parse(data=graph, format="trig"))
    (office,) = people.offices(ds, "Ivan Petrenko")
    assert (office.country, office.organization) == ("Argentina", "Ministry of Defence of Argentina")


@pytest.mark.parametrize("iri", ["https://w3id.org/ddgraph/id/meeting/x\n", "urn:a> } DROP ALL { <urn:b"])
def test_an_iri_with_a_trailing_newline_or_a_bracket_is_refused(iri):
    with pytest.raises(QueryError, match="not an IRI"):
        load_query("meeting_details", values={"meeting": [iri]})
