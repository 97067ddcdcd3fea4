"""Turn one resolved :class:`~graph.model.ArticleRecord` into RDF triples (pyoxigraph terms).

Two sets of triples come out: the article's description for the default graph,
and the facts for the article's own named graph (entities, events, evidence), in
the shapes of ``docs/ARCHITECTURE.md``. Triples are tuples of pyoxigraph terms,
ready for the store's bulk loader; :func:`to_ntriples` prints them.

Example:
    >>> from ddgraph.graph.model import ArticleRecord
    >>> from ddgraph.graph.resolve import resolve
    >>> r = ArticleRecord("abc", "x.txt", "Hi.", ((0, 3),), "en")
    >>> named, default = article_triples(r, resolve([r]))
    >>> len(named), len(default) > 0
    (0, True)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import pyoxigraph as ox

from ddgraph.graph.iri import article_iri, entity_iri, mention_iri, topic_iri
from ddgraph.graph.model import ArticleRecord, Entity, Event, Mention
from ddgraph.graph.ontology import DD, ID_NS, RDF_NS, RDFS_NS, SCHEMA, SKOS_NS, XSD_NS

Triple = tuple[ox.NamedNode, ox.NamedNode, ox.NamedNode | ox.Literal]

RDF_TYPE = ox.NamedNode(RDF_NS + "type")
RDFS_LABEL = ox.NamedNode(RDFS_NS + "label")
SKOS_ALT = ox.NamedNode(SKOS_NS + "altLabel")
XSD_DATE = ox.NamedNode(XSD_NS + "date")
XSD_INTEGER = ox.NamedNode(XSD_NS + "integer")
MENTION_NS = ID_NS + "mention/"


@lru_cache(maxsize=None)
def term(name: str) -> ox.NamedNode:
    """The ``dd:`` term ``name`` (checked against the ontology) as a pyoxigraph node.

    Example:
        >>> term("holdsRole").value
        'https://w3id.org/ddgraph/ontology#holdsRole'
    """
    return ox.NamedNode(str(DD[name]))


def schema(name: str) -> ox.NamedNode:
    """A schema.org term as a pyoxigraph node."""
    return ox.NamedNode(str(SCHEMA[name]))


@lru_cache(maxsize=65536)
def node(iri: str) -> ox.NamedNode:
    """A (cached) pyoxigraph node for an IRI."""
    return ox.NamedNode(iri)


def date_literal(value: str) -> ox.Literal:
    """An ``xsd:date`` literal.

    Example:
        >>> str(date_literal("2024-09-02"))
        '"2024-09-02"^^<http://www.w3.org/2001/XMLSchema#date>'
    """
    return ox.Literal(value, datatype=XSD_DATE)


def int_literal(value: int) -> ox.Literal:
    """An ``xsd:integer`` literal."""
    return ox.Literal(str(int(value)), datatype=XSD_INTEGER)


def _language_of(text: str, written: str | None) -> str:
    """The language tag of an item description: the article's when it has Cyrillic letters,
    else English ("Tridon Mk2 guns"; the Ukrainian descriptions the extractor rendered in English).

    Example:
        >>> _language_of("90 тисяч дронів", "uk"), _language_of("heavy artillery ammunition", "uk")
        ('uk', 'en')
    """
    return (written or "en") if re.search(r"[\u0400-\u04ff]", text) else "en"


def text_literal(value: str, lang: str | None = None) -> ox.Literal:
    """A plain (or language-tagged) literal."""
    return ox.Literal(value, language=lang) if lang else ox.Literal(value)


_CLASSES = {
    "person": ("Person",),
    "organization": ("Organization",),
    "group": ("Organization", "Group"),
    "country": ("Country", "Place"),
    "place": ("Place",),
    "office": ("Office",),
    "system": ("WeaponSystem",),
}
_EVENT_CLASSES = {"meeting": "Meeting", "aid": "AidDelivery", "agreement": "Agreement"}
# Entity attributes that become triples: attr name -> property
_ENTITY_LINKS = {"country": "ofCountry", "organization": "ofOrganization"}
#: Every property of the facts an article graph states (besides its mentions).
FACT_PREDICATES = (RDF_TYPE, RDFS_LABEL, SKOS_ALT) + tuple(term(n) for n in (
    "ofCountry", "ofOrganization", "rank", "holdsRole", "said", "participant", "delegationMember", "party",
    "signatory", "provider", "recipient", "item", "itemDescription", "location", "date", "notAfter", "meetingKind",
    "agreementType", "status", "discusses"))


class _Writer:
    def __init__(self, record: ArticleRecord, res) -> None:
        self.record = record
        self.res = res
        self.triples: set[Triple] = set()
        self.mention_count: dict[tuple[int, int], int] = {}
        self.pending: dict[tuple, list] = {}

    def iri(self, key: str) -> ox.NamedNode:
        return node(self.res.iri[(self.record.article_id, key)])

    def add(self, s, p, o) -> None:
        self.triples.add((s, p, o))

    def mention(self, of: ox.NamedNode, m: Mention, prop: ox.NamedNode | None = None, value=None) -> None:
        """Note that span ``m`` names ``of`` (and states ``prop`` ``value``); written by :meth:`mentions`."""
        self.pending.setdefault((of, m.start, m.end, m.sentence), []).append((prop, value))

    def mentions(self) -> None:
        """One mention node per thing, span and fact it states; a span that states a fact of a thing
        needs no second node saying only that it names the thing."""
        for (of, start, end, sentence), facts in sorted(self.pending.items(), key=lambda kv: (kv[0][1], kv[0][2],
                                                                                              kv[0][0].value)):
            stated = sorted({(p, v) for p, v in facts if p is not None}, key=str) or [(None, None)]
            for prop, value in stated:
                n = self.mention_count.get((start, end), 0)
                self.mention_count[(start, end)] = n + 1
                x = ox.NamedNode(mention_iri(self.record.article_id, start, end, n))
                self.add(x, RDF_TYPE, term("Mention"))
                self.add(x, term("mentionOf"), of)
                self.add(x, term("surfaceForm"), ox.Literal(self.record.text[start:end]))
                self.add(x, term("sentence"), ox.Literal(self.record.sentence_text(sentence).strip()))
                self.add(x, term("charStart"), int_literal(start))
                self.add(x, term("charEnd"), int_literal(end))
                if prop is not None:
                    self.add(x, term("supportsProperty"), prop)
                    self.add(x, term("supportsValue"), value)

    def entity(self, ent: Entity) -> None:
        x = self.iri(ent.key)
        for cls in _CLASSES[ent.kind]:
            self.add(x, RDF_TYPE, term(cls))
        label, lang = self.res.label.get(x.value, (ent.name, ent.lang))
        self.add(x, RDFS_LABEL, text_literal(label, lang))
        seen = {(ent.name, ent.lang), *((f, self.record.language) for f in ent.forms)}  # forms: as written
        for form, form_lang in sorted(seen):
            if (form, form_lang) != (label, lang) and form.strip():
                self.add(x, SKOS_ALT, text_literal(form, form_lang))
        # an office whose country was only assumed, resolved to a stated office of its holder,
        # takes that office's country and body, not the assumed ones
        elsewhere = ent.attr("assumed") == "true" and x.value != entity_iri(self.record, ent)
        for name, value in ent.attrs:
            if name in _ENTITY_LINKS and (self.record.article_id, value) in self.res.iri and not elsewhere:
                self.add(x, term(_ENTITY_LINKS[name]), self.iri(value))
            elif name == "rank":
                self.add(x, term("rank"), text_literal(value, "en"))
        for m in ent.mentions:
            self.mention(x, m)

    def event(self, ev: Event) -> None:
        x = self.iri(ev.key)
        self.add(x, RDF_TYPE, term(_EVENT_CLASSES[ev.kind]))
        label, lang = self.res.label.get(x.value, (ev.label, "en"))
        if label:
            self.add(x, RDFS_LABEL, text_literal(label, lang))
        prop = term("party" if ev.kind == "agreement" else "participant")
        for key in ev.participants:
            self.add(x, prop, self.iri(key))
        for key in ev.signatories:
            self.add(x, term("signatory"), self.iri(key))
        if ev.provider:
            self.add(x, term("provider"), self.iri(ev.provider))
        if ev.recipient:
            self.add(x, term("recipient"), self.iri(ev.recipient))
        for key in ev.items:
            self.add(x, term("item"), self.iri(key))
        for text in ev.item_descriptions:
            self.add(x, term("itemDescription"), text_literal(text, _language_of(text, self.record.language)))
        if ev.location:
            self.add(x, term("location"), self.iri(ev.location))
        if ev.date:
            self.add(x, term("date"), date_literal(ev.date))
        elif ev.not_after:
            self.add(x, term("notAfter"), date_literal(ev.not_after))
        if ev.subtype:
            kind_prop = {"meeting": "meetingKind", "agreement": "agreementType"}.get(ev.kind)
            if kind_prop is not None:
                self.add(x, term(kind_prop), ox.Literal(ev.subtype))
        status = ev.subtype if ev.kind == "aid" and ev.subtype else ev.status
        self.add(x, term("status"), ox.Literal(status))
        for topic in ev.topics:
            self.add(x, term("discusses"), node(topic_iri(topic)))
        for m in ev.mentions:
            self.mention(x, m)
        for topic, m in ev.topic_mentions:
            self.mention(x, m, term("discusses"), node(topic_iri(topic)))

    def fact(self, subject: str, predicate: str, obj: str, literal: bool, mentions) -> None:
        prop = term(predicate)
        s = self.iri(subject)
        lang = self.record.language if predicate == "said" else "en"  # quotations stay in their language
        o = text_literal(obj, lang if lang != "und" else None) if literal else self.iri(obj)
        self.add(s, prop, o)
        if predicate == "delegationMember":
            self.add(s, term("participant"), o)
        for m in mentions:
            self.mention(s, m, prop, o)

    def default_triples(self) -> set[Triple]:
        r, a = self.record, node(article_iri(self.record.article_id))
        out: set[Triple] = {
            (a, RDF_TYPE, schema("NewsArticle")),
            (a, schema("inLanguage"), ox.Literal(r.language)),
            (a, term("sourceFile"), ox.Literal(r.source)),
        }
        if r.extractor:
            out.add((a, term("extractor"), ox.Literal(r.extractor)))
        if r.published:
            out.add((a, schema("datePublished"), date_literal(r.published)))
        if r.publisher:
            out.add((a, schema("publisher"), ox.Literal(r.publisher)))
        if r.title:
            out.add((a, schema("headline"), ox.Literal(r.title)))
        if r.url:
            out.add((a, schema("url"), ox.Literal(r.url)))
        return out


def article_triples(record: ArticleRecord, res) -> tuple[set[Triple], set[Triple]]:
    """Return (named-graph triples, default-graph triples) for one article.

    ``res`` is a :class:`graph.resolve.Resolution` holding at least this article's nodes.
    """
    w = _Writer(record, res)
    for ent in record.entities:
        w.entity(ent)
    for ev in record.events:
        w.event(ev)
    for f in record.facts:
        w.fact(f.subject, f.predicate, f.object, f.literal, f.mentions)
    w.mentions()
    return w.triples, w.default_triples()


def is_mention(triple: Triple) -> bool:
    """True for a triple about a mention node (the evidence, not a fact)."""
    return triple[0].value.startswith(MENTION_NS)


def to_ntriples(triples: Iterable[Triple]) -> str:
    """Serialise triples as sorted N-Triples lines (deterministic).

    Example:
        >>> to_ntriples({(node("urn:a"), RDFS_LABEL, text_literal("x", "en"))})
        '<urn:a> <http://www.w3.org/2000/01/rdf-schema#label> "x"@en .'
    """
    return "\n".join(sorted(f"{s} {p} {o} ." for s, p, o in triples))


def from_rdflib(triples: Iterable) -> set[Triple]:
    """rdflib triples (URIRef / Literal) as pyoxigraph terms."""
    from rdflib import Literal as RLiteral

    def conv(t):
        if isinstance(t, RLiteral):
            if t.language:
                return ox.Literal(str(t), language=t.language)
            if t.datatype:
                return ox.Literal(str(t), datatype=ox.NamedNode(str(t.datatype)))
            return ox.Literal(str(t))
        return ox.NamedNode(str(t))

    return {(conv(s), conv(p), conv(o)) for s, p, o in triples}
