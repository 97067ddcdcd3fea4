"""Turn one resolved :class:`~graph.model.ArticleRecord` into RDF triples.

Two sets of triples come out: the article's description for the default graph,
and the facts for the article's own named graph (entities, events, evidence), in
the shapes of ``docs/ARCHITECTURE.md``.

Example:
    >>> from graph.model import ArticleRecord
    >>> from graph.resolve import resolve
    >>> r = ArticleRecord("abc", "x.txt", "Hi.", ((0, 3),), "en")
    >>> named, default = article_triples(r, resolve([r]))
    >>> len(named), len(default) > 0
    (0, True)
"""

from __future__ import annotations

from rdflib import RDF, RDFS, SKOS, XSD, Literal, URIRef
from rdflib.term import Node

from graph.iri import article_iri, mention_iri, topic_iri
from graph.model import ArticleRecord, Entity, Event, Mention
from graph.ontology import DD, SCHEMA
from graph.resolve import Resolution

Triple = tuple[Node, Node, Node]

_CLASSES = {
    "person": (DD.Person,),
    "organization": (DD.Organization,),
    "group": (DD.Organization, DD.Group),
    "country": (DD.Country, DD.Place),
    "place": (DD.Place,),
    "office": (DD.Office,),
    "system": (DD.WeaponSystem,),
}
_EVENT_CLASSES = {"meeting": DD.Meeting, "aid": DD.AidDelivery, "agreement": DD.Agreement}
# Entity attributes that become triples: attr name -> (property, target kind or None for literal)
_ENTITY_LINKS = {
    "country": (DD.ofCountry, "country"),
    "organization": (DD.ofOrganization, "organization"),
}


def _date(value: str) -> Literal:
    return Literal(value, datatype=XSD.date)


class _Writer:
    def __init__(self, record: ArticleRecord, res: Resolution) -> None:
        self.record = record
        self.res = res
        self.article = URIRef(article_iri(record.article_id))
        self.triples: set[Triple] = set()
        self.mention_count: dict[tuple[int, int], int] = {}

    def iri(self, key: str) -> URIRef:
        return URIRef(self.res.iri[(self.record.article_id, key)])

    def add(self, s: Node, p: Node, o: Node) -> None:
        self.triples.add((s, p, o))

    def mention(self, of: URIRef, m: Mention, prop: URIRef | None = None, value: Node | None = None) -> None:
        n = self.mention_count.get((m.start, m.end), 0)
        self.mention_count[(m.start, m.end)] = n + 1
        node = URIRef(mention_iri(self.record.article_id, m.start, m.end, n))
        self.add(node, RDF.type, DD.Mention)
        self.add(node, DD.mentionOf, of)
        self.add(node, DD.inArticle, self.article)
        self.add(node, DD.surfaceForm, Literal(self.record.text[m.start : m.end]))
        self.add(node, DD.sentence, Literal(self.record.sentence_text(m.sentence).strip()))
        self.add(node, DD.charStart, Literal(m.start))
        self.add(node, DD.charEnd, Literal(m.end))
        if prop is not None:
            self.add(node, DD.supportsProperty, prop)
            self.add(node, DD.supportsValue, value)

    def entity(self, ent: Entity) -> None:
        node = self.iri(ent.key)
        for cls in _CLASSES[ent.kind]:
            self.add(node, RDF.type, cls)
        label, lang = self.res.label.get(str(node), (ent.name, ent.lang))
        self.add(node, RDFS.label, Literal(label, lang=lang))
        seen = {(ent.name, ent.lang), *((f, self.record.language) for f in ent.forms)}  # forms: as written
        for form, form_lang in sorted(seen):
            if (form, form_lang) != (label, lang) and form.strip():
                self.add(node, SKOS.altLabel, Literal(form, lang=form_lang))
        for name, value in ent.attrs:
            if name in _ENTITY_LINKS and self._has_key(value):
                self.add(node, _ENTITY_LINKS[name][0], self.iri(value))
            elif name == "rank":
                self.add(node, DD.rank, Literal(value, lang="en"))
        for m in ent.mentions:
            self.mention(node, m)

    def _has_key(self, key: str) -> bool:
        return (self.record.article_id, key) in self.res.iri

    def event(self, ev: Event) -> None:
        node = self.iri(ev.key)
        self.add(node, RDF.type, _EVENT_CLASSES[ev.kind])
        label, lang = self.res.label.get(str(node), (ev.label, "en"))
        if label:
            self.add(node, RDFS.label, Literal(label, lang=lang))
        prop = {"meeting": DD.participant, "agreement": DD.party, "aid": DD.participant}[ev.kind]
        for key in ev.participants:
            self.add(node, prop, self.iri(key))
        for key in ev.signatories:
            self.add(node, DD.signatory, self.iri(key))
        if ev.provider:
            self.add(node, DD.provider, self.iri(ev.provider))
        if ev.recipient:
            self.add(node, DD.recipient, self.iri(ev.recipient))
        for key in ev.items:
            self.add(node, DD.item, self.iri(key))
        for text in ev.item_descriptions:
            self.add(node, DD.itemDescription, Literal(text, lang="en"))
        if ev.location:
            self.add(node, DD.location, self.iri(ev.location))
        if ev.date:
            self.add(node, DD.date, _date(ev.date))
        elif ev.not_after:
            self.add(node, DD.notAfter, _date(ev.not_after))
        if ev.subtype:
            kind_prop = {"meeting": DD.meetingKind, "agreement": DD.agreementType}.get(ev.kind)
            if kind_prop is not None:
                self.add(node, kind_prop, Literal(ev.subtype))
        status = ev.subtype if ev.kind == "aid" and ev.subtype else ev.status
        self.add(node, DD.status, Literal(status))
        for topic in ev.topics:
            self.add(node, DD.discusses, URIRef(topic_iri(topic)))
        for m in ev.mentions:
            self.mention(node, m)
        for topic, m in ev.topic_mentions:
            self.mention(node, m, DD.discusses, URIRef(topic_iri(topic)))

    def fact(self, subject: str, predicate: str, obj: str, literal: bool, mentions) -> None:
        prop = DD[predicate]
        s = self.iri(subject)
        lang = self.record.language if predicate == "said" else "en"  # quotations stay in their language
        o: Node = Literal(obj, lang=lang if lang != "und" else None) if literal else self.iri(obj)
        self.add(s, prop, o)
        if predicate == "delegationMember":
            self.add(s, DD.participant, o)
        for m in mentions:
            self.mention(s, m, prop, o)

    def default_triples(self) -> set[Triple]:
        r, a = self.record, self.article
        out: set[Triple] = {
            (a, RDF.type, SCHEMA.NewsArticle),
            (a, SCHEMA.inLanguage, Literal(r.language)),
            (a, DD.sourceFile, Literal(r.source)),
        }
        if r.extractor:
            out.add((a, DD.extractor, Literal(r.extractor)))
        if r.published:
            out.add((a, SCHEMA.datePublished, _date(r.published)))
        if r.publisher:
            out.add((a, SCHEMA.publisher, Literal(r.publisher)))
        if r.title:
            out.add((a, SCHEMA.headline, Literal(r.title)))
        if r.url:
            out.add((a, SCHEMA.url, Literal(r.url)))
        return out


def article_triples(record: ArticleRecord, res: Resolution) -> tuple[set[Triple], set[Triple]]:
    """Return (named-graph triples, default-graph triples) for one article."""
    w = _Writer(record, res)
    for ent in record.entities:
        w.entity(ent)
    for ev in record.events:
        w.event(ev)
    for f in record.facts:
        w.fact(f.subject, f.predicate, f.object, f.literal, f.mentions)
    return w.triples, w.default_triples()


def to_ntriples(triples: set[Triple]) -> str:
    """Serialise triples as sorted N-Triples lines (deterministic).

    Example:
        >>> to_ntriples({(URIRef("urn:a"), RDFS.label, Literal("x", lang="en"))})
        '<urn:a> <http://www.w3.org/2000/01/rdf-schema#label> "x"@en .'
    """
    return "\n".join(sorted(f"{s.n3()} {p.n3()} {o.n3()} ." for s, p, o in triples))
