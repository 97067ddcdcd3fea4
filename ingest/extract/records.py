"""Assemble extraction drafts into the frozen records of :mod:`graph.model`.

Lexicon things get stable local keys ("country:france", "office:defence-minister:france"),
persons "p1", "p2"..., events "m1", "aid1", "agr1". Offices take their title and
organisation from the country's entry when the lexicon has one (France's defence
minister is the "Minister of the Armed Forces" of the "Ministry of the Armed Forces").

Example:
    >>> office_title("minister-of-defence", "france")
    'Minister of the Armed Forces'
"""

from __future__ import annotations

from ddgraph.graph.model import ArticleRecord, Entity, Event, Fact, Mention
from ddgraph.ingest.extract.agreements import AgreementDraft
from ddgraph.ingest.extract.aid import AidDraft
from ddgraph.ingest.extract.context import Context
from ddgraph.ingest.extract.item_english import english_item
from ddgraph.ingest.extract.meetings import MeetingDraft
from ddgraph.ingest.extract.persons import OfficeRef, PersonDraft
from ddgraph.ingest.lexicon import load_lexicon

_TABLES = {"country": "countries", "place": "places", "organization": "organizations", "system": "systems"}


def _term(kind: str, ident: str):
    return getattr(load_lexicon(), _TABLES[kind]).get(ident)


def office_title(title_id: str, country: str | None) -> str:
    """English title of an office, as the country names it when the lexicon says so."""
    return load_lexicon().office_title(title_id, country)[0]


def country_phrase(country_id: str) -> str:
    """A country's English name as it stands after "of" or "to": "the United States", "the
    Philippines", "Saudi Arabia".

    Example:
        >>> country_phrase("united-kingdom"), country_phrase("philippines"), country_phrase("india")
        ('the United Kingdom', 'the Philippines', 'India')
    """
    name = load_lexicon().countries[country_id].en
    plural = name.endswith("s") and not name.endswith(("ss", "us"))
    return f"the {name}" if name.startswith("United ") or plural else name


def posted_title(title: str, country: str | None, destination: str) -> str:
    """The title of an envoy posted abroad: "Ambassador of India to Saudi Arabia"; "Ambassador to
    Ukraine" when the sending country is not known.

    Example:
        >>> posted_title("Ambassador", "india", "saudi-arabia"), posted_title("Ambassador", None, "ukraine")
        ('Ambassador of India to Saudi Arabia', 'Ambassador to Ukraine')
    """
    sender = f" of {country_phrase(country)}" if country else ""
    return f"{title}{sender} to {country_phrase(destination)}"


class RecordBuilder:
    """Collects entities, events and facts with local keys; :meth:`build` freezes them."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.entities: dict[str, dict] = {}
        self.events: list[Event] = []
        self.facts: list[Fact] = []

    # -- entities -----------------------------------------------------------------
    def _entity(self, key: str, kind: str, name: str, lang: str = "en", lexicon_id: str | None = None,
                mention: Mention | None = None, attrs: dict | None = None) -> str:
        ent = self.entities.setdefault(key, {"kind": kind, "name": name, "lang": lang, "lexicon_id": lexicon_id,
                                             "forms": [], "mentions": [], "attrs": {}})
        if mention is not None:
            ent["mentions"].append(mention)
            form = self.ctx.text(mention.start, mention.end)
            if form not in ent["forms"]:
                ent["forms"].append(form)
        for k, v in (attrs or {}).items():
            if v:
                ent["attrs"].setdefault(k, v)
        return key

    def lexicon(self, kind: str, ident: str, mention: Mention | None = None) -> str:
        """Key of a lexicon entity (country, place, organisation, system), added on first use."""
        term = _term(kind, ident)
        attrs = {}
        if term is not None and term.attr("country") and kind != "country":
            attrs["country"] = self.lexicon("country", term.attr("country"))
        name = term.en if term is not None else ident
        return self._entity(f"{kind}:{ident}", kind, name, "en", ident, mention, attrs)

    def office(self, ref: OfficeRef) -> str:
        lex = load_lexicon()
        org_key = None
        if ref.organization:
            org_key = self.lexicon("organization", ref.organization)
        else:
            body = lex.body_for(lex.offices[ref.title_id].attr("org_kind") or "", ref.country)
            if body is not None and body.id in lex.organizations:
                org_key = self.lexicon("organization", body.id)
            elif body is not None:  # a country's ministry built from its countries.yaml entry
                org_key = self._entity(f"organization:{body.id}", "organization", body.en, "en", body.id, None,
                                       {"country": self.lexicon("country", body.attr("country"))})
        country = ref.country
        if country is None and org_key and self.entities[org_key]["attrs"].get("country"):
            country = self.entities[self.entities[org_key]["attrs"]["country"]]["lexicon_id"]
        title = office_title(ref.title_id, country)
        body_title = lex.offices[ref.title_id].attr("en_body_title")
        if body_title and org_key:  # "Head of the Odesa Regional Military Administration"
            title = body_title.replace("{body}", self.entities[org_key]["name"])
        if ref.destination:  # "Ambassador of India to Saudi Arabia"
            title = posted_title(title, country, ref.destination)
        attrs = {"title": title, "country": self.lexicon("country", country) if country else None,
                 "organization": org_key, "assumed": "true" if ref.assumed else None,
                 "destination": self.lexicon("country", ref.destination) if ref.destination else None}
        key = f"office:{ref.title_id}:{country or '-'}:{ref.organization or '-'}" + (":assumed" if ref.assumed else "") \
            + (f":to:{ref.destination}" if ref.destination else "")
        return self._entity(key, "office", title, "en", ref.title_id, None, attrs)

    def person(self, p: PersonDraft) -> str:
        """Key of a person, with holdsRole and rank facts."""
        lang = self.ctx.language
        key = self._entity(p.key, "person", p.name, lang, None, None, {})
        ent = self.entities[key]
        ent["mentions"].extend(p.mentions)
        for form in p.forms:
            if form not in ent["forms"]:
                ent["forms"].append(form)
        roles: dict[str, list[Mention]] = {}
        for ref in p.offices:
            roles.setdefault(self.office(ref), []).append(ref.mention)
        for office, mentions in roles.items():
            self.facts.append(Fact(key, "holdsRole", office, mentions=tuple(sorted(set(mentions)))))
        if p.rank:
            rank = load_lexicon().ranks[p.rank].en
            self.facts.append(Fact(key, "rank", rank, literal=True, mentions=(p.mentions[0],)))
        return key

    def quote(self, person: str, span: Mention) -> None:
        """A quotation attributed to ``person`` (dd:said, in the article's language)."""
        words = self.ctx.text(span.start, span.end).strip().rstrip(",")
        self.facts.append(Fact(person, "said", words, literal=True, mentions=(span,)))

    # -- events -------------------------------------------------------------------
    def meeting(self, m: MeetingDraft) -> None:
        participants = list(m.participants)
        for g in m.groups:
            attrs = {"country": self.lexicon("country", g.country) if g.country else None}
            mention = self.ctx.mention(g.start, g.end)
            participants.append(self._entity(f"group:{g.label.lower()}", "group", g.label, self.ctx.language,
                                             None, mention, attrs))
        for org_id, mention in m.bodies:
            participants.append(self.lexicon("organization", org_id, mention))
        participants += m.delegation
        participants = list(dict.fromkeys(participants))
        location = self.lexicon(m.location[0], m.location[1], m.location[2]) if m.location else None
        names = [self.entities[k]["name"] for k in participants if k not in m.delegation]  # principals only
        label = " – ".join(names[:4]) + (" and others" if len(names) > 4 else "")
        published = self.ctx.doc.published
        self.events.append(Event(
            key=m.key, kind="meeting", subtype=m.kind, participants=tuple(participants), location=location,
            date=m.date, not_after=None if m.date else published, topics=tuple(sorted(m.topics)),
            status=m.status, label=f"Meeting: {label}", mentions=tuple(m.mentions),
            topic_mentions=tuple((t, x) for t in sorted(m.topics) for x in m.topics[t]),
        ))
        for person in m.delegation:
            self.facts.append(Fact(m.key, "delegationMember", person))

    def aid(self, a: AidDraft) -> None:
        n = sum(1 for e in self.events if e.kind == "aid") + 1
        items = tuple(self.lexicon("system", sid, mention) for sid, mention in a.systems)
        provider = self.lexicon("country", a.provider) if a.provider else None
        recipient = self.lexicon("country", a.recipient) if a.recipient else None
        # a Ukrainian or Russian description in English when the glossary knows every word
        descriptions = tuple(dict.fromkeys(english_item(d, self.ctx.language) or d for d in a.descriptions))
        what = ", ".join(self.entities[k]["name"] for k in items) or "; ".join(descriptions)
        frm = self.entities[provider]["name"] if provider else "?"
        to = self.entities[recipient]["name"] if recipient else "?"
        self.events.append(Event(
            key=f"aid{n}", kind="aid", subtype=a.status, provider=provider, recipient=recipient, items=items,
            item_descriptions=descriptions, status="happened" if a.status == "delivered" else "planned",
            label=f"Aid {frm} → {to}: {what}", mentions=(a.mention,) if a.mention else (),
            not_after=self.ctx.doc.published,
        ))

    def agreement(self, g: AgreementDraft, signatories: list[str]) -> None:
        n = sum(1 for e in self.events if e.kind == "agreement") + 1
        parties = [self.lexicon(kind, ident, mention) for kind, ident, mention in g.parties]
        if not parties:  # the bodies the signatories speak for: their offices' organisations
            for person in signatories:
                for f in self.facts:
                    if f.subject == person and f.predicate == "holdsRole":
                        office = self.entities[f.object]["attrs"]
                        body = office.get("organization") or office.get("country")
                        if body and body not in parties:
                            parties.append(body)
        self.events.append(Event(
            key=f"agr{n}", kind="agreement", subtype=g.type, participants=tuple(parties), status=g.status,
            signatories=tuple(signatories), label=g.label, mentions=(g.mention,) if g.mention else (),
            date=g.date, not_after=None if g.date else self.ctx.doc.published,
        ))

    # -- output -------------------------------------------------------------------
    def build(self, extractor: str) -> ArticleRecord:
        doc = self.ctx.doc
        entities = tuple(
            Entity(key=k, kind=e["kind"], name=e["name"], lang=e["lang"], lexicon_id=e["lexicon_id"],
                   forms=tuple(e["forms"]), mentions=tuple(sorted(set(e["mentions"]))),
                   attrs=tuple(sorted((a, v) for a, v in e["attrs"].items() if v)))
            for k, e in sorted(self.entities.items())
        )
        return ArticleRecord(
            article_id=doc.article.article_id, source=doc.article.source, text=doc.text,
            sentences=tuple((s.start, s.end) for s in doc.sentences), language=doc.language,
            published=doc.published, publisher=doc.publisher, title=doc.title, url=doc.article.url,
            removed=tuple((r.start, r.end, r.reason) for r in doc.removed), entities=entities,
            events=tuple(self.events), facts=tuple(self.facts), extractor=extractor,
        )
