"""Deterministic synthetic ddgraph datasets, in the shapes of docs/ARCHITECTURE.md.

Used by the query tests and by ``bench/bench_views.py``. Countries each have a
ministry, a minister's office and a capital; persons belong to one country
(``dd:holdsRole`` an office of it); a meeting brings together one to three
persons from each of two countries (sometimes a group instead of persons), in a
capital, on a date or bounded by ``dd:notAfter``, discussing one to three
topics, and is reported by one or two articles (named graphs). Some aid
deliveries and agreements between countries are added too.

Example:
    >>> ds = synthetic_dataset(persons=6, meetings=4, topics=3, articles=3, seed=1)
    >>> len(list(ds.graphs())) >= 3
    True
"""

from __future__ import annotations

import random
import re
from datetime import date, timedelta

from rdflib import Dataset

from ddgraph.graph.instances import add_instance_layer

TOPIC_IDS = (
    "air-defense", "long-range-strike", "combat-aircraft", "electronic-warfare", "drones", "artillery",
    "ammunition", "armored-vehicles", "missiles", "joint-production", "defense-industry", "procurement",
    "financing", "training", "maintenance-repair", "nato-integration", "security-guarantees", "military-aid",
    "battlefield-situation", "countering-aggression", "sanctions", "peace-negotiations", "defense-technology",
    "demining", "maritime-security", "cyber", "energy-security", "intelligence",
)
PREFIXES = """@prefix dd: <https://w3id.org/ddgraph/ontology#> .
@prefix ddr: <https://w3id.org/ddgraph/id/> .
@prefix ddt: <https://w3id.org/ddgraph/topic/> .
@prefix schema: <https://schema.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""
_FIRST = ("Anna", "Boris", "Carla", "Dmytro", "Elena", "Frank", "Greta", "Hugo", "Iryna", "Jan", "Kai", "Lena")
_LAST = ("Adler", "Bondar", "Costa", "Dubois", "Evans", "Fischer", "Garcia", "Horvat", "Ivanenko", "Jensen")


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def build_trig(
    persons: int = 20,
    meetings: int = 30,
    topics: int = 5,
    articles: int = 10,
    countries: int | None = None,
    aid: int | None = None,
    seed: int = 0,
) -> str:
    """Return a TriG document: article metadata and topics in the default graph,
    one named graph per article with the facts it reports.

    Args:
        persons: number of persons.
        meetings: number of meetings.
        topics: number of topics used (the first ones of the ddt: vocabulary,
            then synthetic ids).
        articles: number of articles (named graphs); every meeting is reported by
            one or two of them.
        countries: number of countries (default: about persons / 4, 2..40).
        aid: number of aid deliveries (default: meetings // 10).
        seed: random seed; the same arguments give the same text.

    Example:
        >>> "dd:Meeting" in build_trig(persons=4, meetings=2, topics=1, articles=1)
        True
    """
    rnd = random.Random(seed)
    n_c = countries if countries is not None else max(2, min(40, persons // 4))
    topic_ids = [TOPIC_IDS[i] if i < len(TOPIC_IDS) else f"topic-{i}" for i in range(topics)]
    arts = [f"a{i:05d}" for i in range(max(1, articles))]
    art_date = {a: date(2023, 1, 1) + timedelta(days=rnd.randrange(900)) for a in arts}
    default = [PREFIXES]
    for t in topic_ids:
        default.append(f'ddt:{t} a dd:Topic ; skos:prefLabel {_q(t.replace("-", " ").capitalize())}@en .')
    for a in arts:
        default.append(
            f'ddr:article/{a} a schema:NewsArticle ; schema:datePublished "{art_date[a]}"^^xsd:date ; '
            f'schema:inLanguage "en" ; schema:headline {_q("Report " + a)} ; dd:sourceFile "data/articles/{a}.txt" .'
        )
    country_of = [rnd.randrange(n_c) if i >= n_c else i for i in range(persons)]
    by_country: dict[int, list[int]] = {}
    for p, c in enumerate(country_of):
        by_country.setdefault(c, []).append(p)
    names = [f"{_FIRST[p % len(_FIRST)]} {_LAST[(p // len(_FIRST)) % len(_LAST)]} {p}" for p in range(persons)]

    def country(c: int) -> list[str]:
        return [
            f'ddr:country/c{c} a dd:Country, dd:Place ; rdfs:label "Country {c}"@en .',
            f'ddr:organization/mod-c{c} a dd:Organization ; rdfs:label "Ministry of Defence of Country {c}"@en ; dd:ofCountry ddr:country/c{c} .',
            f'ddr:office/minister-c{c} a dd:Office ; rdfs:label "Minister of Defence"@en ; '
            f"dd:ofOrganization ddr:organization/mod-c{c} ; dd:ofCountry ddr:country/c{c} .",
            f'ddr:place/capital-c{c} a dd:Place ; rdfs:label "Capital {c}"@en ; dd:ofCountry ddr:country/c{c} .',
        ]

    def person(p: int) -> list[str]:
        return [f"ddr:person/p{p} a dd:Person ; rdfs:label {_q(names[p])}@en ; dd:holdsRole ddr:office/minister-c{country_of[p]} ."]

    graphs: dict[str, list[str]] = {a: [] for a in arts}
    pos = {a: 0 for a in arts}

    def mention(a: str, thing: str, sentence: str) -> str:
        start = pos[a]
        pos[a] += len(sentence) + 1
        return (
            f"ddr:mention/{a}-{start}-{start + 5}-0 a dd:Mention ; dd:mentionOf {thing} ; dd:inArticle ddr:article/{a} ; "
            f"dd:surfaceForm {_q(sentence[:5])} ; dd:sentence {_q(sentence)} ; dd:charStart {start} ; dd:charEnd {start + 5} ."
        )

    active = sorted(by_country)
    for m in range(meetings):
        ca, cb = rnd.sample(active, 2) if len(active) > 1 else (active[0], active[0])
        people = sorted(set(rnd.sample(by_country[ca], min(len(by_country[ca]), rnd.randint(1, 3))))
                        | set(rnd.sample(by_country[cb], min(len(by_country[cb]), rnd.randint(1, 3)))))
        reporters = sorted(rnd.sample(arts, min(len(arts), rnd.choice((1, 1, 2)))))
        day = min(art_date[a] for a in reporters)
        when = f'dd:date "{day - timedelta(days=rnd.randrange(3))}"^^xsd:date' if rnd.random() < 0.7 else f'dd:notAfter "{day}"^^xsd:date'
        ts = sorted(rnd.sample(topic_ids, min(len(topic_ids), rnd.randint(1, 3)))) if topic_ids else []
        label = f"{names[people[0]]} meets {names[people[-1]]}"
        parts = ", ".join(f"ddr:person/p{p}" for p in people)
        if rnd.random() < 0.05:
            parts += f", ddr:group/companies-c{cb}"
        triples = [
            f"ddr:meeting/m{m} a dd:Meeting ; rdfs:label {_q(label)}@en ; dd:participant {parts} ; "
            f'dd:location ddr:place/capital-c{cb} ; {when} ; dd:meetingKind "in-person" ; dd:status "happened"'
            + (" ; dd:discusses " + ", ".join(f"ddt:{t}" for t in ts) if ts else "") + " ."
        ]
        if "group/" in parts:
            triples.append(f'ddr:group/companies-c{cb} a dd:Organization, dd:Group ; rdfs:label "Companies of Country {cb}"@en ; dd:ofCountry ddr:country/c{cb} .')
        for c in sorted({ca, cb}):
            triples += country(c)
        for p in people:
            triples += person(p)
        for a in reporters:
            graphs[a] += triples + [mention(a, f"ddr:meeting/m{m}", f"{label} in Capital {cb}.")]
            graphs[a] += [mention(a, f"ddr:person/p{p}", f"{names[p]} said so.") for p in people]
    for i in range(aid if aid is not None else meetings // 10):
        ca, cb = rnd.sample(range(n_c), 2) if n_c > 1 else (0, 0)
        a = rnd.choice(arts)
        graphs[a] += country(ca) + country(cb) + [
            f'ddr:system/s{i % 7} a dd:WeaponSystem ; rdfs:label "System {i % 7}"@en .',
            f'ddr:aid/x{i} a dd:AidDelivery ; rdfs:label "Aid {i}"@en ; dd:provider ddr:country/c{ca} ; '
            f'dd:recipient ddr:country/c{cb} ; dd:item ddr:system/s{i % 7} ; dd:status "delivered" .',
        ]
    out = ["\n".join(default)]
    for a in arts:
        if graphs[a]:
            body = "\n    ".join(dict.fromkeys(graphs[a]))
            out.append(f"ddr:article/{a} {{\n    {body}\n}}")
    # "ddr:article/a1" is not a legal prefixed name in Turtle: write full IRIs.
    return re.sub(r"\bddr:([\w/-]+)", r"<https://w3id.org/ddgraph/id/\1>", "\n\n".join(out)) + "\n"


def synthetic_dataset(store: str = "default", path=None, **kwargs) -> Dataset:
    """Build a :class:`rdflib.Dataset` from :func:`build_trig`.

    Args:
        store: rdflib store plugin ("default" in memory, or "Oxigraph").
        path: directory to open the store in (Oxigraph on disk); None keeps it in memory.
        **kwargs: passed to :func:`build_trig`.

    Example:
        >>> ds = synthetic_dataset(persons=4, meetings=2, topics=1, articles=1)
        >>> len(ds) > 0  # the default graph: article metadata and topics
        True
    """
    ds = Dataset(store=store)
    if path is not None:
        ds.open(str(path), create=True)
    ds.parse(data=build_trig(**kwargs), format="trig")
    add_instance_layer(ds)
    return ds


def meetings_trig(meetings: dict[str, tuple[str | None, list[str]]], countries: dict[str, str] | None = None) -> str:
    """A small hand-made graph: one article (named graph) per meeting.

    Args:
        meetings: meeting id -> (ISO date or None, participant person ids).
            Person ``a`` becomes ``ddr:person/a`` labelled "A"; meeting ``m1`` is
            ``ddr:meeting/m1`` labelled "M1".
        countries: person id -> country id; the person then holds a role of
            an office of that country.

    Example:
        >>> ds = Dataset().parse(data=meetings_trig({"m1": ("2024-01-01", ["a", "b"])}), format="trig")
        >>> len(list(ds.quads((None, None, None, None)))) > 5
        True
    """
    countries = countries or {}
    out = [PREFIXES]
    for i, (m, (day, people)) in enumerate(sorted(meetings.items())):
        art = f"ddr:article/h{i}"
        out.append(f'{art} a schema:NewsArticle ; schema:inLanguage "en" .')
        body = [
            f'ddr:meeting/{m} a dd:Meeting ; rdfs:label "{m.upper()}"@en ; dd:participant '
            + ", ".join(f"ddr:person/{p}" for p in people)
            + (f' ; dd:date "{day}"^^xsd:date' if day else "") + " ."
        ]
        for p in people:
            body.append(f'ddr:person/{p} a dd:Person ; rdfs:label "{p.upper()}"@en .')
            if p in countries:
                c = countries[p]
                body.append(f"ddr:person/{p} dd:holdsRole ddr:office/minister-{c} .")
                body.append(f"ddr:office/minister-{c} a dd:Office ; dd:ofCountry ddr:country/{c} .")
                body.append(f'ddr:country/{c} a dd:Country, dd:Place ; rdfs:label "{c.capitalize()}"@en .')
        out.append(art + " {\n    " + "\n    ".join(body) + "\n}")
    return re.sub(r"\bddr:([\w/-]+)", r"<https://w3id.org/ddgraph/id/\1>", "\n".join(out)) + "\n"
