"""Tests of ``queries.evaluate`` and ``queries.gold`` on hand-written TriG graphs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Dataset

from ddgraph.graph.instances import add_instance_layer

from ddgraph.graph.errors import QueryError
from ddgraph.queries.evaluate import CATEGORIES, _is_source, evaluate, format_report
from ddgraph.queries.gold import content_words, item_matches, load_gold, norm, norm_title

GOLD = """
entities:
  persons:
    - name: Rustem Umerov
      variants: [Umerov, "Умєров", "Умєровим"]
      roles:
        - {title: Minister of Defence, organization: Ministry of Defence of Ukraine, country: Ukraine}
    - name: Sébastien Lecornu
      variants: [Lecornu, "Лекорню"]
      roles:
        - {title: Minister of the Armed Forces, country: France}
    - name: Volodymyr Horbatiuk
      variants: [Horbatiuk]
      rank: Major General
      roles:
        - {title: Deputy Chief of the General Staff, country: Ukraine}
  organizations:
    - {name: Defense Procurement Agency, variants: [DPA]}
    - {name: Directorate General for Armaments, variants: [DGA]}
  places: [Paris]
meetings:
  - id: paris-2024
    sources: ["000", "001"]
    participants: [Rustem Umerov, Sébastien Lecornu, Volodymyr Horbatiuk]
    location: Paris
    date: null
    topics: [air-defense, drones]
  - id: paris-2025-companies
    sources: ["002"]
    participants: [Rustem Umerov]
    organizations: [French defense companies]
    location: Paris
    date: 2025-03-26
    topics: [procurement]
aid:
  - provider: France
    recipient: Ukraine
    items: [CAESAR, "training of more than 7,000 Ukrainian soldiers"]
    status: delivered
    sources: ["002"]
agreements:
  - name: memorandum of intent on cooperation
    parties: [Defense Procurement Agency, Directorate General for Armaments]
    signatories: [Rustem Umerov, Sébastien Lecornu]
    date: 2025-03-26
    sources: ["002"]
not_meetings:
  - {source: "002", participants: [Rustem Umerov, Sébastien Lecornu], why: planned}
  - {source: "000", participants: [Rustem Umerov], organizations: [Defense Procurement Agency], why: denied}
distinct_persons:
  - [Rustem Umerov, Volodymyr Horbatiuk]
  - [Sébastien Lecornu, Volodymyr Horbatiuk]
noise:
  "001": [Oscar 2025]
"""

PREFIXES = """
@prefix dd: <https://w3id.org/ddgraph/ontology#> .
@prefix ddt: <https://w3id.org/ddgraph/topic/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix art: <https://w3id.org/ddgraph/id/article/> .
@prefix per: <https://w3id.org/ddgraph/id/person/> .
@prefix off: <https://w3id.org/ddgraph/id/office/> .
@prefix og: <https://w3id.org/ddgraph/id/organization/> .
@prefix grp: <https://w3id.org/ddgraph/id/group/> .
@prefix cty: <https://w3id.org/ddgraph/id/country/> .
@prefix plc: <https://w3id.org/ddgraph/id/place/> .
@prefix sys: <https://w3id.org/ddgraph/id/system/> .
@prefix mtg: <https://w3id.org/ddgraph/id/meeting/> .
@prefix aid: <https://w3id.org/ddgraph/id/aid/> .
@prefix agr: <https://w3id.org/ddgraph/id/agreement/> .
@prefix men: <https://w3id.org/ddgraph/id/mention/> .
"""

PEOPLE = """
  per:rustem-umerov a dd:Person ; rdfs:label "Rustem Umerov"@en ; skos:altLabel "Umerov"@en, "Умєров"@uk .
  per:sebastien-lecornu a dd:Person ; rdfs:label "Sébastien Lecornu"@en ; skos:altLabel "Лекорню"@uk .
  per:volodymyr-horbatiuk a dd:Person ; rdfs:label "Volodymyr Horbatiuk"@en .
  cty:ukraine a dd:Country, dd:Place ; rdfs:label "Ukraine"@en, "Україна"@uk .
  cty:france a dd:Country, dd:Place ; rdfs:label "France"@en .
  plc:paris a dd:Place ; rdfs:label "Paris"@en ; skos:altLabel "Париж"@uk ; dd:ofCountry cty:france .
"""

PERFECT = PREFIXES + """
art:a000 dd:sourceFile "data/articles/000_a000.txt" .
art:a001 dd:sourceFile "data/articles/001_a001.txt" .
art:a002 dd:sourceFile "data/articles/002.html" .
art:a009 dd:sourceFile "data/articles/009_a009.txt" .
art:a0001 dd:sourceFile "data/articles/0001_x.txt" .

art:a000 {
""" + PEOPLE + """
  per:rustem-umerov dd:holdsRole off:minister-of-defence-ukraine .
  off:minister-of-defence-ukraine a dd:Office ; rdfs:label "Minister of Defense"@en ; dd:ofCountry cty:ukraine .
  per:sebastien-lecornu dd:holdsRole off:minister-of-the-armed-forces-france .
  off:minister-of-the-armed-forces-france a dd:Office ; rdfs:label "the Minister of the Armed Forces"@en ;
      dd:ofOrganization og:ministry-of-the-armed-forces-france .
  og:ministry-of-the-armed-forces-france a dd:Organization ; rdfs:label "Ministry of the Armed Forces"@en ;
      dd:ofCountry cty:france .
  per:volodymyr-horbatiuk dd:rank "Major General"@en ; dd:holdsRole off:deputy-chief-of-the-general-staff-ukraine .
  off:deputy-chief-of-the-general-staff-ukraine a dd:Office ; rdfs:label "Deputy Chief of the General Staff"@en ;
      dd:ofCountry cty:ukraine .
  mtg:paris2024 a dd:Meeting ; rdfs:label "Rustem Umerov meets Sébastien Lecornu"@en ;
      dd:participant per:rustem-umerov, per:sebastien-lecornu, per:volodymyr-horbatiuk ;
      dd:delegationMember per:volodymyr-horbatiuk ;
      dd:meetingKind "in-person" ; dd:status "happened" ;
      dd:discusses ddt:air-defense, ddt:drones .
  men:a000-0-6-0 a dd:Mention ; dd:mentionOf mtg:paris2024 ; dd:inArticle art:a000 ; dd:surfaceForm "met" ;
      dd:sentence "Umerov met Lecornu; they discussed air defence and drones." ; dd:charStart 7 ; dd:charEnd 10 .
}

art:a001 {
""" + PEOPLE + """
  mtg:paris2024 a dd:Meeting ; rdfs:label "Rustem Umerov meets Sébastien Lecornu"@en ;
      dd:participant per:rustem-umerov, per:sebastien-lecornu, per:volodymyr-horbatiuk ;
      dd:location plc:paris ; dd:discusses ddt:air-defense .
  men:a001-0-7-0 a dd:Mention ; dd:mentionOf per:rustem-umerov ; dd:inArticle art:a001 ; dd:surfaceForm "Умєров" ;
      dd:sentence "Умєров зустрівся з Лекорню у Парижі." ; dd:charStart 0 ; dd:charEnd 6 .
}

art:a002 {
""" + PEOPLE + """
  grp:french-defense-companies a dd:Organization, dd:Group ; rdfs:label "французькі оборонні компанії"@uk .
  mtg:companies a dd:Meeting ; rdfs:label "Rustem Umerov meets French defense companies"@en ;
      dd:participant per:rustem-umerov, grp:french-defense-companies ;
      dd:location plc:paris ; dd:date "2025-03-26"^^xsd:date ; dd:discusses ddt:procurement .
  sys:caesar a dd:WeaponSystem ; rdfs:label "CAESAR"@en .
  aid:a1 a dd:AidDelivery ; dd:provider cty:france ; dd:recipient cty:ukraine ; dd:item sys:caesar ;
      dd:status "delivered" .
  aid:a2 a dd:AidDelivery ; dd:provider cty:france ; dd:recipient cty:ukraine ;
      dd:itemDescription "training of 7,000 Ukrainian soldiers"@en ; dd:status "delivered" .
  og:dpa a dd:Organization ; rdfs:label "Defense Procurement Agency"@en ; skos:altLabel "DPA"@en .
  og:dga a dd:Organization ; rdfs:label "DGA"@en ; skos:altLabel "Directorate General for Armaments"@en .
  agr:m1 a dd:Agreement ; rdfs:label "memorandum of intent on cooperation"@en ; dd:party og:dpa, og:dga ;
      dd:signatory per:rustem-umerov, per:sebastien-lecornu ; dd:date "2025-03-26"^^xsd:date .
}

art:a009 {
  per:someone-else a dd:Person ; rdfs:label "Someone Else"@en .
  mtg:other a dd:Meeting ; dd:participant per:someone-else, per:rustem-umerov .
}

art:a0001 {
  per:not-scored a dd:Person ; rdfs:label "Not Scored"@en .
}
"""


def build(trig: str, store: str = "default", union: bool = False) -> Dataset:
    ds = Dataset(store=store, default_union=union)
    ds.parse(data=trig, format="trig")
    add_instance_layer(ds)
    return ds


def edit(old: str, new: str, trig: str = PERFECT) -> str:
    assert old in trig, old
    return trig.replace(old, new)


def in_graph(article: str, triples: str) -> str:
    """Add triples to the named graph of an article (a second block of the same graph)."""
    return PERFECT + f"\nart:{article} {{\n{triples}\n}}\n"


@pytest.fixture
def gold(tmp_path: Path):
    path = tmp_path / "gold.yaml"
    path.write_text(GOLD, encoding="utf-8")
    return load_gold(path)


def counts(report, category):
    s = report.scores[category]
    return s.tp, s.fp, s.fn


@pytest.mark.parametrize("store", ["default", "Oxigraph"])
@pytest.mark.parametrize("union", [False, True])
def test_perfect_graph_scores_one_everywhere(gold, store, union):
    report = evaluate(build(PERFECT, store, union), gold)
    assert {k: report.scores[k].f1 for k in CATEGORIES} == {k: 1.0 for k in CATEGORIES}
    assert counts(report, "persons") == (3, 0, 0)
    assert counts(report, "roles") == (3, 0, 0)
    assert counts(report, "meetings") == (2, 0, 0)
    assert counts(report, "topics") == (3, 0, 0)
    assert counts(report, "aid") == (2, 0, 0)
    assert counts(report, "agreement_parties") == (2, 0, 0)
    assert counts(report, "agreement_signatories") == (2, 0, 0)
    assert report.noise_violations == 0 and report.false_meetings == 0 and report.false_merges == 0
    assert report.kept_apart == (
        "Rustem Umerov / Volodymyr Horbatiuk: ddr:person/rustem-umerov vs ddr:person/volodymyr-horbatiuk",
        "Sébastien Lecornu / Volodymyr Horbatiuk: ddr:person/sebastien-lecornu vs ddr:person/volodymyr-horbatiuk")
    assert report.agreement_dates == ("memorandum of intent on cooperation: gold 2025-03-26; "
                                      "ddr:agreement/m1 has 2025-03-26 (ok)",)
    assert not report.misses and not report.extras and not report.splits and not report.warnings
    assert report.multi_source == ("paris-2024: 1 event in 2/2 sources",)
    assert report.meeting_matches == {"paris-2024": "https://w3id.org/ddgraph/id/meeting/paris2024",
                                      "paris-2025-companies": "https://w3id.org/ddgraph/id/meeting/companies"}
    assert report.articles["002"] == ("ddr:article/a002",)
    json.dumps(report.to_dict(), ensure_ascii=False)


MINISTRY = 'rdfs:label "Ministry of the Armed Forces"@en'
SCENARIOS = [
    # (name, graph, {category: (tp, fp, fn)})
    ("split person", in_graph("a001", """
        per:umerov-uk a dd:Person ; rdfs:label "Умєров"@uk .
        mtg:paris2024 dd:participant per:umerov-uk ."""),
     {"persons": (3, 0, 0), "meetings": (2, 0, 0)}),
    ("noise meeting", in_graph("a001", """
        mtg:oscar a dd:Meeting ; rdfs:label "Oscar 2025 ceremony"@en ; dd:participant per:rustem-umerov .
        men:a001-9-9-0 a dd:Mention ; dd:mentionOf mtg:oscar ; dd:sentence "Oscar 2025: Umerov at the ceremony" ."""),
     {"meetings": (2, 1, 0), "persons": (3, 0, 0)}),
    ("missing topic", edit("ddt:air-defense, ddt:drones .", "ddt:air-defense ."),
     {"topics": (2, 0, 1), "meetings": (2, 0, 0)}),
    ("extra topic", in_graph("a002", "mtg:companies dd:discusses ddt:sanctions ."), {"topics": (3, 1, 0)}),
    ("wrong role country", edit('rdfs:label "Minister of Defense"@en ; dd:ofCountry cty:ukraine',
                                'rdfs:label "Minister of Defense"@en ; dd:ofCountry cty:france'),
     {"roles": (2, 1, 1)}),
    ("org country in default graph", edit(MINISTRY + ' ;\n      dd:ofCountry cty:france .', MINISTRY + " .").replace(
        "art:a000 {", "og:ministry-of-the-armed-forces-france dd:ofCountry cty:france .\nart:a000 {"),
     {"roles": (3, 0, 0)}),
    ("org country missing", edit(MINISTRY + ' ;\n      dd:ofCountry cty:france .', MINISTRY + " ."),
     {"roles": (2, 1, 1)}),
    ("unknown person", in_graph("a000", 'per:zelensky a dd:Person ; rdfs:label "Volodymyr Zelenskyy"@en .'),
     {"persons": (3, 1, 0)}),
    ("missing rank", edit('dd:rank "Major General"@en ;', ""), {"ranks": (0, 0, 1)}),
    ("split meeting", edit("mtg:paris2024 a dd:Meeting ; rdfs:label \"Rustem Umerov meets Sébastien Lecornu\"@en ;\n"
                           "      dd:participant per:rustem-umerov, per:sebastien-lecornu, per:volodymyr-horbatiuk ;\n"
                           "      dd:location", "mtg:paris2024b a dd:Meeting ; dd:participant per:rustem-umerov, "
                           "per:sebastien-lecornu, per:volodymyr-horbatiuk ; dd:location"),
     {"meetings": (2, 1, 0), "multi_source": (0, 0, 1), "locations": (2, 0, 0), "topics": (2, 0, 1)}),
    ("aid status", edit('sys:caesar ;\n      dd:status "delivered"', 'sys:caesar ;\n      dd:status "pledged"'),
     {"aid": (1, 1, 1)}),
    ("wrong date", edit('"2025-03-26"^^xsd:date', '"2025-03-25"^^xsd:date'),
     {"dates": (0, 1, 1), "meetings": (2, 0, 0)}),
    ("agreement party missing", edit("dd:party og:dpa, og:dga", "dd:party og:dga, cty:france"),
     {"agreements": (1, 0, 0), "agreement_parties": (1, 1, 1)}),
    ("no agreement", edit("agr:m1 a dd:Agreement", "agr:m1 a dd:Thing"), {"agreements": (0, 0, 1)}),
    # gold not_meetings, distinct_persons, agreement signatories
    ("planned meeting happened", in_graph("a002", 'mtg:later a dd:Meeting ; rdfs:label "Umerov meets Lecornu"@en ;'
                                          ' dd:participant per:rustem-umerov, per:sebastien-lecornu ;'
                                          ' dd:status "happened" .'),
     {"meetings": (2, 1, 0), "persons": (3, 0, 0)}),
    ("planned meeting without status", in_graph("a002", "mtg:later a dd:Meeting ;"
                                                " dd:participant per:rustem-umerov, per:sebastien-lecornu ."),
     {"meetings": (2, 1, 0)}),
    ("planned meeting kept apart", in_graph("a002", 'mtg:later a dd:Meeting ; dd:status "planned" ;'
                                            " dd:participant per:rustem-umerov, per:sebastien-lecornu ."),
     {"meetings": (2, 0, 0), "multi_source": (1, 0, 0)}),
    ("denied meeting kept apart", in_graph("a000", 'mtg:denied a dd:Meeting ; dd:status "denied" ;'
                                           " dd:participant per:rustem-umerov, og:dpa ."),
     {"meetings": (2, 0, 0), "multi_source": (1, 0, 0)}),
    ("denied org joins real meeting", in_graph("a000", "mtg:paris2024 dd:participant og:dpa ."),
     {"meetings": (2, 1, 0), "multi_source": (1, 0, 0), "topics": (3, 0, 0)}),
    ("false merge", in_graph("a001", 'per:volodymyr-horbatiuk skos:altLabel "Umerov"@en .'),
     {"persons": (3, 0, 0)}),
    ("wrong signatory", edit("dd:signatory per:rustem-umerov, per:sebastien-lecornu",
                             "dd:signatory per:rustem-umerov, per:volodymyr-horbatiuk"),
     {"agreement_signatories": (1, 1, 1), "agreement_parties": (2, 0, 0)}),
    ("signatory missing", edit("dd:signatory per:rustem-umerov, per:sebastien-lecornu", "dd:signatory per:rustem-umerov"),
     {"agreement_signatories": (1, 0, 1)}),
]


GRAPHS = {name: trig for name, trig, _ in SCENARIOS}


@pytest.mark.parametrize("name,trig,expected", SCENARIOS, ids=[s[0] for s in SCENARIOS])
@pytest.mark.parametrize("union", [False, True])
def test_scenarios(gold, name, trig, expected, union):
    report = evaluate(build(trig, union=union), gold)
    assert {k: counts(report, k) for k in expected} == expected


def test_split_person_is_reported(gold):
    report = evaluate(build(GRAPHS["split person"]), gold)
    assert [f.subject for f in report.splits] == ["Rustem Umerov"]
    assert "ddr:person/rustem-umerov" in report.splits[0].reason and "ddr:person/umerov-uk" in report.splits[0].reason


def test_merged_person_is_reported(gold):
    both = 'per:both a dd:Person ; rdfs:label "Umerov"@en ; skos:altLabel "Lecornu"@en .'
    report = evaluate(build(in_graph("a000", both)), gold)
    assert [f.subject for f in report.merged] == ["ddr:person/both"]


def test_noise_meeting_is_a_violation_and_an_extra(gold):
    report = evaluate(build(GRAPHS["noise meeting"]), gold)
    assert report.noise_violations == 2  # the mention's sentence and the meeting's label
    assert {f.articles for f in report.noise} == {("001",)}
    assert any("men:" not in f.reason and "mention ddr:mention/a001-9-9-0 of ddr:meeting/oscar" in f.reason
               for f in report.noise)
    extra, = [f for f in report.extras if f.category == "meetings"]
    assert extra.subject == "ddr:meeting/oscar" and extra.articles == ("001",)
    assert "noise text 'Oscar 2025'" in extra.reason


def test_missing_topic_is_explained(gold):
    report = evaluate(build(GRAPHS["missing topic"]), gold)
    assert report.scores["topics"].recall < 1
    text = format_report(report, explain=True)
    assert "topics: paris-2024: drones - not in dd:discusses of ddr:meeting/paris2024" in text
    assert "[000, 001]" in text
    assert "misses:" not in format_report(report, explain=False)


def test_split_meeting_is_reported_per_source(gold):
    report = evaluate(build(GRAPHS["split meeting"]), gold)
    line, = report.multi_source
    assert line.startswith("paris-2024: split into 2 events")
    assert "ddr:meeting/paris2024b in 001" in line
    extra, = [f for f in report.extras if f.category == "meetings"]
    assert extra.subject == "ddr:meeting/paris2024" and extra.articles == ("000",)
    assert "a second event for paris-2024 (matched to ddr:meeting/paris2024b)" in extra.reason


# name -> (false meetings, false merges, kept-apart lines other than the two distinct_persons pairs)
VIOLATIONS = {
    "planned meeting happened": (1, 0, 0),
    "planned meeting without status": (1, 0, 0),
    "planned meeting kept apart": (0, 0, 1),
    "denied meeting kept apart": (0, 0, 1),
    "denied org joins real meeting": (1, 0, 0),
    "false merge": (0, 1, -1),
    "wrong signatory": (0, 0, 0),
}


@pytest.mark.parametrize("name", sorted(VIOLATIONS))
@pytest.mark.parametrize("store", ["default", "Oxigraph"])
def test_not_meetings_and_distinct_persons(gold, name, store):
    report = evaluate(build(GRAPHS[name], store), gold)
    assert (report.false_meetings, report.false_merges, len(report.kept_apart) - 2) == VIOLATIONS[name]
    json.dumps(report.to_dict(), ensure_ascii=False)


def test_false_meeting_is_explained(gold):
    report = evaluate(build(GRAPHS["planned meeting happened"]), gold)
    violation, = report.not_meetings
    assert violation.subject == "002: Rustem Umerov + Sébastien Lecornu (planned)"
    assert violation.reason == "ddr:meeting/later 'Umerov meets Lecornu' has status happened"
    assert violation.articles == ("002",)
    extra, = [f for f in report.extras if f.category == "meetings"]
    assert extra.subject == "ddr:meeting/later" and "a gold not_meeting (planned in 002)" in extra.reason
    text = format_report(report, explain=True)
    assert "false meetings: 1" in format_report(report)
    assert "  not_meetings: 002: Rustem Umerov + Sébastien Lecornu (planned) - ddr:meeting/later" in text
    assert report.to_dict()["false_meetings"] == 1


def test_not_meeting_added_to_a_real_meeting(gold):
    report = evaluate(build(GRAPHS["denied org joins real meeting"]), gold)
    violation, = report.not_meetings
    assert violation.subject == "000: Rustem Umerov + Defense Procurement Agency (denied)"
    assert "matched to gold meeting paris-2024, which does not have Defense Procurement Agency" in violation.reason
    assert report.meeting_matches["paris-2024"].endswith("/meeting/paris2024")
    extra, = [f for f in report.extras if f.category == "meetings"]
    assert extra.subject == "ddr:meeting/paris2024" and "denied in 000" in extra.reason


def test_planned_meeting_is_kept_apart(gold):
    report = evaluate(build(GRAPHS["planned meeting kept apart"]), gold)
    assert not report.not_meetings and not report.extras
    text = format_report(report, explain=True)
    assert "kept apart correctly:\n" in text
    assert "  002: Rustem Umerov + Sébastien Lecornu (planned): ddr:meeting/later has status planned" in text


def test_real_meeting_with_the_not_meeting_participants_is_no_violation(tmp_path):
    # the same two persons met in 000 and plan to meet again: the real meeting is not a violation
    path = tmp_path / "g.yaml"
    path.write_text(GOLD.replace('- {source: "002", participants: [Rustem Umerov, Sébastien Lecornu], why: planned}',
                                 '- {source: "000", participants: [Rustem Umerov, Sébastien Lecornu], why: planned}'),
                    encoding="utf-8")
    report = evaluate(build(PERFECT), load_gold(path))
    assert report.false_meetings == 0 and counts(report, "meetings") == (2, 0, 0)
    assert ("000: Rustem Umerov + Sébastien Lecornu (planned): ddr:meeting/paris2024 is gold meeting paris-2024, "
            "which really has these participants") in report.kept_apart
    second = in_graph("a000", "mtg:again a dd:Meeting ; dd:participant per:rustem-umerov, per:sebastien-lecornu .")
    report = evaluate(build(second), load_gold(path))
    assert report.false_meetings == 1 and report.not_meetings[0].reason.startswith("ddr:meeting/again ")


def test_false_merge_is_explained(gold):
    report = evaluate(build(GRAPHS["false merge"]), gold)
    merge, = report.distinct_persons
    assert merge.subject == "Rustem Umerov / Volodymyr Horbatiuk"
    assert merge.reason == "both resolve to ddr:person/volodymyr-horbatiuk ('Volodymyr Horbatiuk')"
    assert "false merges: 1" in format_report(report)
    assert "  distinct_persons: Rustem Umerov / Volodymyr Horbatiuk - both resolve to" in format_report(
        report, explain=True)


def test_agreement_signatories_and_date_are_explained(gold):
    report = evaluate(build(edit('dd:date "2025-03-26"^^xsd:date .\n}', ".\n}",
                                 GRAPHS["wrong signatory"])), gold)
    text = format_report(report, explain=True)
    assert "agreement_signatories: memorandum of intent on cooperation: Sébastien Lecornu - not a dd:signatory" in text
    assert "agreement_signatories: memorandum of intent on cooperation: Volodymyr Horbatiuk - signatory of" in text
    assert report.agreement_dates == ("memorandum of intent on cooperation: gold 2025-03-26; "
                                      "ddr:agreement/m1 has no date",)
    assert "agreement dates:\n  memorandum of intent on cooperation: gold 2025-03-26" in text
    assert "agreement dates:" not in format_report(report)


def test_unknown_names_in_new_keys_are_warned(tmp_path):
    path = tmp_path / "g.yaml"
    path.write_text(GOLD.replace("  - [Rustem Umerov, Volodymyr Horbatiuk]", "  - [Rustem Umerov, Lloyd Austin]"),
                    encoding="utf-8")
    report = evaluate(build(PERFECT), load_gold(path))
    assert report.warnings == ("'Lloyd Austin' is not a gold person: matched by that exact name only",)
    assert report.false_merges == 0


def test_status_mismatch_is_listed(gold):
    report = evaluate(build(GRAPHS["aid status"]), gold)
    mismatch, = report.status_mismatches
    assert mismatch.subject == "France -> Ukraine: CAESAR (delivered)" and "pledged" in mismatch.reason


def test_uncovered_articles_are_ignored_and_missing_sources_warned(gold):
    trig = PERFECT.replace('"data/articles/002.html"', '"data/articles/102.html"')
    report = evaluate(build(trig), gold)
    assert report.warnings == ("gold source '002' matches no article in the store",)
    assert counts(report, "meetings") == (1, 0, 1)
    assert counts(report, "persons") == (3, 0, 0)  # a009 and 0001 are never scored


@pytest.mark.parametrize("source,prefix,expected", [
    ("data/articles/000_caa004cb4c554bd8.txt", "000", True),
    ("000.html", "000", True),
    ("C:\\news\\000_x.txt", "000", True),
    ("data/articles/0001_x.txt", "000", False),
    ("data/000_dir/001_x.txt", "000", False),
])
def test_source_prefixes(source, prefix, expected):
    assert _is_source(source, prefix) is expected


@pytest.mark.parametrize("func,a,b", [
    (norm, "Sébastien  Lecornu", "sebastien lecornu"),
    (norm, "Horbatiuk-Ivanenko", "HORBATIUK ivanenko"),
    (norm, "Умєров", "умєров"),
    (norm, "росіян –Зеленський", "росіян - зеленський"),
    (norm_title, "The Minister of Defense & Veterans", "minister of defence and veterans"),
])
def test_normalisation(func, a, b):
    assert func(a) == func(b)


@pytest.mark.parametrize("gold_item,label,description,expected", [
    ("CAESAR", "Caesar", None, True),
    ("SAMP/T", "SAMP-T", None, False),
    ("training of more than 7,000 Ukrainian soldiers", None, "training of 7,000 Ukrainian soldiers", True),
    ("training of more than 7,000 Ukrainian soldiers", None, "training of pilots", False),
    # a note in brackets is no part of the item, for a description as for a label
    ("artillery rounds (tens of thousands)", None, "artillery rounds", True),
    ("artillery rounds (tens of thousands)", None, "tens of thousands of drones", False),
    # the gold may say what kind of thing the system is; a name after it is another system
    ("Patriot missiles (30)", "Patriot", None, True),
    ("Vallon VMR3 metal detectors (300)", "Vallon VMR3", None, True),
    ("Patriot PAC-3", "Patriot", None, False),
    ("Leopard 1A5 tanks", "Leopard 1", None, False),
])
def test_item_matching(gold_item, label, description, expected):
    assert item_matches(gold_item, label=label, description=description) is expected


def test_content_words_keep_numbers_whole():
    assert content_words("7,000 soldiers") == {"7000", "soldiers"}


@pytest.mark.parametrize("text,problem", [
    ("meetings: [", "not valid YAML at line"),
    ("- a\n- b\n", "expected a mapping, got list"),
    ("", "gold file is empty"),
    ("meetingz: []\n", "unknown key 'meetingz'"),
    ("meetings:\n  - {id: m, sources: [000], participants: [A]}\n",
     "meetings[0].sources[0]: source 0 must be a quoted"),
    ("meetings:\n  - {id: m, participants: [A]}\n", "meetings[0]: missing 'sources'"),
    ("meetings:\n  - {id: m, sources: ['000'], participants: [A], date: soon}\n", "expected a date"),
    ("meetings:\n  - {id: m, sources: ['000'], participants: [A]}\n  - {id: m, sources: ['001'], participants: [B]}\n",
     "meetings[1]: duplicate meeting id 'm'"),
    ("entities:\n  persons:\n    - {variants: [X]}\n", "entities.persons[0]: missing 'name'"),
    ("noise:\n  001: [x]\n", "article key 1 must be a quoted string"),
    ("aid:\n  - {provider: France, recipient: Ukraine, items: CAESAR, status: delivered, sources: ['003']}\n",
     "aid[0].items: expected a list"),
    ("not_meetings:\n  - {source: '001', participants: [A], why: rumoured}\n",
     "not_meetings[0].why: expected one of planned, denied, former, got 'rumoured'"),
    ("not_meetings:\n  - {source: 001, participants: [A], why: planned}\n",
     "not_meetings[0].source: source 1 must be a quoted string"),
    ("not_meetings:\n  - {participants: [A], why: planned}\n", "not_meetings[0]: missing 'source'"),
    ("not_meetings:\n  - {source: '001', why: denied}\n", "not_meetings[0]: a not_meeting needs participants"),
    ("not_meetings:\n  - {source: '001', participants: [A], why: planned, date: 2024-01-01}\n",
     "not_meetings[0]: unknown key 'date'"),
    ("not_meetings: {source: '001'}\n", "not_meetings: expected a list, got dict"),
    ("distinct_persons:\n  - [A, B, C]\n", "distinct_persons[0]: expected a pair of names [A, B]"),
    ("distinct_persons:\n  - A\n", "distinct_persons[0]: expected a pair of names"),
    ("distinct_persons:\n  - [Kuleba, kuleba]\n", "distinct_persons[0]: the two names are the same"),
    ("distinct_persons:\n  - [A, null]\n", "distinct_persons[0][1]: expected a non-empty string"),
    ("agreements:\n  - {name: x, parties: [A], sources: ['003'], date: June}\n", "agreements[0].date: expected a date"),
    ("agreements:\n  - {name: x, parties: [A], sources: ['003'], signatories: A}\n",
     "agreements[0].signatories: expected a list"),
])
def test_malformed_gold_is_one_line_error(tmp_path, text, problem):
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(QueryError) as err:
        load_gold(path)
    message = str(err.value)
    assert message.startswith(f"{path}: ") and problem in message and "\n" not in message


def test_missing_gold_file(tmp_path):
    with pytest.raises(QueryError, match="cannot read gold file"):
        load_gold(tmp_path / "nope.yaml")


def test_project_gold_file_loads():
    gold = load_gold(Path(__file__).parents[2] / "data" / "gold" / "seeds.yaml")
    assert [m.id for m in gold.meetings][:2] == ["paris-2024", "kyiv-2023"]
    assert gold.meetings[2].date == "2025-03-26" and gold.meetings[0].date is None
    assert gold.sources == ("000", "001", "002", "003", "004")
    assert gold.org_keys("Directorate General for Armaments") == {"directorate general for armaments", "dga"}
    assert gold.aid[1].items == ("training of more than 7,000 Ukrainian soldiers",)
    assert gold.notes == () and gold.not_meetings == () and gold.distinct_persons == ()
    assert all(a.signatories == () and a.date is None for a in gold.agreements)


def test_unquoted_number_with_comma_is_rejoined(tmp_path):
    path = tmp_path / "g.yaml"
    path.write_text("aid:\n  - {provider: France, recipient: Ukraine, items: [training of more than 7,000 soldiers],"
                    " status: delivered, sources: ['002']}\n", encoding="utf-8")
    gold = load_gold(path)
    # YAML splits [training of more than 7,000 soldiers] at the comma; the loader joins it again and says so
    assert gold.aid[0].items == ("training of more than 7,000 soldiers",)
    assert len(gold.notes) == 1 and "aid[0].items" in gold.notes[0]


def test_test_corpus_gold_file_loads():
    gold = load_gold(Path(__file__).parents[1] / "data" / "gold.yaml")
    assert gold.sources == tuple(str(n) for n in range(100, 114))
    assert len(gold.not_meetings) == 7 and len(gold.distinct_persons) == 7
    assert {n.why for n in gold.not_meetings} == {"planned", "denied", "former"}
    udcg = gold.not_meetings[1]
    assert (udcg.source, udcg.participants, udcg.organizations) == ("102", ("Rustem Umerov",),
                                                                    ("Ukraine Defense Contact Group",))
    assert gold.distinct_persons[0] == ("Dmytro Kuleba", "Oleksii Kuleba")
    letter = gold.agreements[0]
    assert letter.signatories == ("Rustem Umerov", "Boris Pistorius") and letter.date == "2025-06-12"
    assert gold.agreements[1].signatories == () and gold.agreements[1].date is None
    report = evaluate(Dataset(), gold)  # every source is missing: only warnings, no crash
    assert report.false_meetings == report.false_merges == 0 and len(report.warnings) == 14
