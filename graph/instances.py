"""The instance layer: each distinct fact of the article graphs once, plus values derived from them.

The named graph :data:`INSTANCES` (``ddr:graph/instances``) holds

* every triple of any article graph, except the mention (evidence) triples, once;
* ``dd:reportedIn`` from each event to each article whose graph states it;
* values derived from those at write time (:data:`DERIVED`): lookup keys of every
  entity's names, the countries a person or body acts for, and per event its
  report count, first report, one best date with its qualifier, and for meetings
  the strongest status, one kind, the participants' countries and the place's
  country.

It is maintained by :func:`instance_delta` from the old and new content of the
article graphs a write replaces (reading only the subjects they touch), and
:func:`rebuild_instances` computes it from scratch; the two agree (tested).

Example:
    >>> INSTANCES.value
    'https://w3id.org/ddgraph/id/graph/instances'
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

import pyoxigraph as ox

from ddgraph.graph.instance_keys import (
    COUNTRY_NS,
    MEETING_NS,
    PAIR_NS,
    key_year,
    meeting_key,
    pair_topic_node,
    parse_stats,
    stats_literal,
)
from ddgraph.graph.iri import EVENT_IRI_KINDS
from ddgraph.graph.namespaces import ID_NS, INSTANCES_GRAPH
from ddgraph.graph.namekeys import name_keys
from ddgraph.graph.pair_topics import PAIR_TOPIC_KEY, topic_count_delta, topic_counts
from ddgraph.graph.rdf import (
    FACT_PREDICATES,
    MENTION_NS,
    RDF_TYPE,
    RDFS_LABEL,
    SKOS_ALT,
    Triple,
    date_literal,
    int_literal,
    is_mention,
    schema,
    term,
)

INSTANCES = ox.NamedNode(INSTANCES_GRAPH)
DERIVED = frozenset(term(n) for n in (
    "nameKey", "actorCountry", "reportCount", "firstReported", "bestDate", "dateQualifier", "bestStatus",
    "bestKind", "participantCountry", "locatedIn"))
#: Derived triples a meeting owns on other subjects (see :func:`meeting_index`).
INDEX = frozenset(term(f"{n}Key") for n in ("participant", "topic", "place", "country", "meeting", "pair",
                                               "pairTopic")) | {term("keyId")}
#: What a person's ``dd:statedIn`` values count: the articles giving each name, office and rank.
STATED = frozenset((RDFS_LABEL, SKOS_ALT, term("holdsRole"), term("rank")))
STATED_IN = term("statedIn")
REPORTED_IN = term("reportedIn")
EVENT_CLASSES = frozenset(term(n) for n in ("Meeting", "AidDelivery", "Agreement"))
ENTITY_CLASSES = frozenset(term(n) for n in ("Person", "Organization", "Country", "Place", "WeaponSystem", "Office"))
ACTOR_CLASSES = frozenset(term(n) for n in ("Person", "Organization"))
STATUS_ORDER = ("happened", "reported", "planned", "denied")
PUBLISHED = schema("datePublished")
T = {n: term(n) for n in ("ofCountry", "ofOrganization", "holdsRole", "participant", "location", "date", "notAfter",
                          "status", "meetingKind", "Meeting", "Country", "Person", "Office", "Place",
                          "actorCountry", "Organization")}

Facts = dict[ox.NamedNode, set]  # predicate -> objects


class View:
    """The base facts (article facts and ``dd:reportedIn``) of each subject, as they are after a write.

    Args:
        load: subject -> its base facts as stored (or known).
        published: article IRI -> publication date (ISO) for the articles of the write.
        read_published: article IRI -> its stored publication date, for the others.
        gazetteer: subject -> the names the lexicon gives it (for lookup keys).
    """

    def __init__(self, load: Callable[[ox.NamedNode], Facts], published: dict[str, str | None],
                 read_published: Callable[[str], str | None], gazetteer: Callable[[ox.NamedNode], list[str]]) -> None:
        self._load, self._published, self._read_published, self.gazetteer = load, published, read_published, gazetteer
        self._cache: dict[ox.NamedNode, Facts] = {}

    def facts(self, s) -> Facts:
        """Base facts of ``s`` (empty for a literal or an unknown subject)."""
        if not isinstance(s, ox.NamedNode):
            return {}
        if s not in self._cache:
            self._cache[s] = self._load(s)
        return self._cache[s]

    def published(self, article: str) -> str | None:
        """Publication date of an article (None when unknown)."""
        if article not in self._published:
            self._published[article] = self._read_published(article)
        return self._published[article]


def _strongest(statuses: Iterable[str]) -> str:
    values = set(statuses) or {"happened"}
    return min(values, key=lambda s: STATUS_ORDER.index(s) if s in STATUS_ORDER else len(STATUS_ORDER))


def actor_countries(view: View, s) -> set:
    """The countries ``s`` acts for: its ofCountry, its offices' (or their organisations') ofCountry."""
    f = view.facts(s)
    out = set(f.get(T["ofCountry"], ()))
    for office in f.get(T["holdsRole"], ()):
        fo = view.facts(office)
        out |= fo.get(T["ofCountry"], set())
        for org in fo.get(T["ofOrganization"], ()):
            out |= view.facts(org).get(T["ofCountry"], set())
    return out


def _label_rank(lit) -> tuple:
    lang = getattr(lit, "language", None) or ""
    return (0 if lang == "en" else 1 if not lang else 2, lit.value)


def derive(view: View, s: ox.NamedNode) -> set[tuple]:
    """The derived (predicate, object) pairs of subject ``s``.

    Example:
        >>> f = {RDF_TYPE: {term("Country"), term("Place")}, RDFS_LABEL: {ox.Literal("France", language="en")}}
        >>> view = View(lambda s: f, {}, lambda a: None, lambda s: [])
        >>> sorted(o.value for _, o in derive(view, ox.NamedNode(COUNTRY_NS + "france")))[:2]
        ['0|france', 'f|france']
    """
    f = view.facts(s)
    types = f.get(RDF_TYPE, set())
    out: set[tuple] = set()
    if types & ENTITY_CLASSES and f.get(RDFS_LABEL):
        labels = sorted(f[RDFS_LABEL], key=_label_rank)
        forms = [lit.value for lit in labels[1:]] + [lit.value for lit in f.get(SKOS_ALT, ())] + view.gazetteer(s)
        keys = name_keys(labels[0].value, forms, person=T["Person"] in types, iri=s.value)
        out |= {(term("nameKey"), ox.Literal(k)) for k in keys}
    if types & ACTOR_CLASSES:
        out |= {(T["actorCountry"], c) for c in actor_countries(view, s)}
    if types & EVENT_CLASSES:
        reports = sorted(a.value for a in f.get(REPORTED_IN, ()))
        published = sorted(d for d in (view.published(a) for a in reports) if d)
        if reports:
            out.add((term("reportCount"), int_literal(len(reports))))
        if published:
            out.add((term("firstReported"), date_literal(published[0])))
        dates = sorted(lit.value[:10] for lit in f.get(T["date"], ()))
        bounds = sorted(lit.value[:10] for lit in f.get(T["notAfter"], ())) or published
        if dates or bounds:
            out.add((term("bestDate"), date_literal(dates[0] if dates else bounds[0])))
            out.add((term("dateQualifier"), ox.Literal("on" if dates else "not after")))
        for place in f.get(T["location"], ()):
            out.add((term("locatedIn"), place))
            out |= {(term("locatedIn"), c) for c in view.facts(place).get(T["ofCountry"], ())}
        if T["Meeting"] in types:
            out.add((term("bestStatus"), ox.Literal(_strongest(lit.value for lit in f.get(T["status"], ())))))
            kinds = sorted(lit.value for lit in f.get(T["meetingKind"], ()))
            if kinds:
                out.add((term("bestKind"), ox.Literal(kinds[0])))
            for p in f.get(T["participant"], ()):
                if T["Country"] in view.facts(p).get(RDF_TYPE, ()):
                    out.add((term("participantCountry"), p))
                out |= {(term("participantCountry"), c) for c in actor_countries(view, p)}
    return out


#: facet -> the property of its index entries (see :func:`meeting_index`)
KEY_PROPERTIES = {kind: term(f"{kind}Key") for kind in ("participant", "topic", "place", "country", "meeting", "pair")}


def meeting_index(s: ox.NamedNode, facts: Facts, derived: Iterable[tuple]) -> set[Triple]:
    """The index entries a meeting owns on other subjects (its :func:`meeting_key`): on each of its
    participants (``dd:participantKey``), topics (``dd:topicKey``), places (``dd:placeKey``: the
    place and its country), countries (``dd:countryKey``: the participants' and the place's),
    on ``dd:Meeting`` (``dd:meetingKey``: every meeting), on the pair of each two
    participants' countries (``dd:pairKey`` on ``ddr:pair/A--B``), and on that pair's
    topic in the meeting's year (``dd:pairTopicKey`` on ``ddr:pair/A--B/YEAR/TOPIC``,
    which :func:`graph.pair_topics.topic_count_delta` counts).

    Lookups read and sort a facet's keys in one index scan instead of visiting each meeting.
    """
    if not s.value.startswith(MEETING_NS) or T["Meeting"] not in facts.get(RDF_TYPE, ()):
        return set()
    d: dict = defaultdict(set)
    for p, o in derived:
        d[p].add(o)
    one = lambda name: min((x.value for x in d.get(term(name), ())), default=None)  # noqa: E731
    key = ox.Literal(meeting_key(one("bestDate"), one("dateQualifier"), one("bestStatus"), s.value))
    located, countries = d.get(term("locatedIn"), set()), d.get(term("participantCountry"), set())
    facets = {"participant": facts.get(T["participant"], set()), "topic": facts.get(term("discusses"), set()),
              "place": located, "country": countries | located, "meeting": {T["Meeting"]}}
    out: set[Triple] = {(v, KEY_PROPERTIES[kind], key) for kind, vs in facets.items() for v in vs}
    if key.value[6] == "~":
        out.add((s, term("keyId"), ox.Literal(key.value[6:])))
    ids = sorted(c.value[len(COUNTRY_NS):] for c in countries if c.value.startswith(COUNTRY_NS))
    year = key_year(key.value)
    for i, a in enumerate(ids):
        for b in ids[i + 1:]:
            pair = f"{PAIR_NS}{a}--{b}"
            out.add((ox.NamedNode(pair), KEY_PROPERTIES["pair"], key))
            for topic in facets["topic"]:
                node = pair_topic_node(pair, year, topic.value)
                if node is not None:
                    out.add((ox.NamedNode(node), PAIR_TOPIC_KEY, key))
    return out


_OWN = FACT_PREDICATES + (REPORTED_IN,) + tuple(sorted(DERIVED, key=lambda t: t.value))
_OWN_SET = frozenset(_OWN)
#: A subject with more triples than this in the instance layer (a country, a topic, a
#: place: the index entries of the events that name it) is read one predicate at a time.
_SCAN_LIMIT = 256


def _events_of(triples: Iterable[Triple]) -> set:
    return {s for s, p, o in triples if p == RDF_TYPE and o in EVENT_CLASSES}


class SubjectCache:
    """The stored facts of the entities (not events) read by the earlier batches of one
    write, kept equal to the store by :meth:`applied`: a hub (a minister, a country, a
    topic) that every batch touches is read once per write instead of once per batch.

    Example:
        >>> cache = SubjectCache()
        >>> s, p = ox.NamedNode("https://w3id.org/ddgraph/id/person/x"), term("reportCount")
        >>> cache.keep(s, [(p, ox.Literal("1"))])
        >>> cache.applied({(s, p, ox.Literal("1"))}, {(s, p, ox.Literal("2"))})
        >>> [o.value for _, o in cache.get(s)]
        ['2']
    """

    def __init__(self) -> None:
        self._facts: dict[ox.NamedNode, set[tuple]] = {}
        self._objects: dict[tuple, set] = {}

    def objects(self, store: ox.Store, s: ox.NamedNode, p: ox.NamedNode) -> set:
        """The objects of ``s p`` in the stored instance layer, read once per write
        (e.g. the ``dd:topicCount`` values of a pair of countries)."""
        if (s, p) not in self._objects:
            self._objects[(s, p)] = {q.object for q in store.quads_for_pattern(s, p, None, INSTANCES)}
        return set(self._objects[(s, p)])

    def get(self, s) -> set[tuple] | None:
        """The facts of ``s`` as stored, or None when they are not kept."""
        return self._facts.get(s)

    def keep(self, s, facts: Iterable[tuple]) -> None:
        """Keep the facts just read of ``s``, unless it is an event (read by few batches)."""
        if isinstance(s, ox.NamedNode) and not s.value.startswith(_EVENT_PREFIXES):
            self._facts[s] = set(facts)

    def applied(self, remove: Iterable[Triple], add: Iterable[Triple]) -> None:
        """Follow a write of the instance layer: ``remove`` and ``add`` are now stored."""
        for (s, p, o), present in [(t, False) for t in remove] + [(t, True) for t in add]:
            facts = self._facts.get(s)
            if facts is not None and p in _OWN_SET:
                (facts.add if present else facts.discard)((p, o))
            objects = self._objects.get((s, p))
            if objects is not None:
                (objects.add if present else objects.discard)(o)


_EVENT_PREFIXES = tuple(f"{ID_NS}{kind}/" for kind in EVENT_IRI_KINDS)


class _Store:
    """Reads of the stored instance layer and default graph (entities' facts through ``cache``,
    one of its own when the caller keeps none)."""

    def __init__(self, store: ox.Store, cache: SubjectCache | None = None) -> None:
        self.ox, self.cache = store, cache if cache is not None else SubjectCache()

    def subject(self, s) -> list[tuple]:
        """The facts and derived values of ``s`` (not the index entries other subjects own on it).

        An event or a person is read in one scan of its triples; a hub whose index
        entries outnumber :data:`_SCAN_LIMIT` one predicate at a time, so that it
        costs 34 lookups rather than a scan of thousands of entries.
        """
        kept = self.cache.get(s)
        if kept is not None:
            return list(kept)
        own = self._read(s)
        self.cache.keep(s, own)
        return own

    def _read(self, s) -> list[tuple]:
        own = []
        for i, q in enumerate(self.ox.quads_for_pattern(s, None, None, INSTANCES)):
            if i >= _SCAN_LIMIT:
                return [(x.predicate, x.object) for p in _OWN for x in self.ox.quads_for_pattern(s, p, None, INSTANCES)]
            if q.predicate in _OWN_SET:
                own.append((q.predicate, q.object))
        return own

    def subjects_with(self, p, o) -> set:
        return {q.subject for q in self.ox.quads_for_pattern(None, p, o, INSTANCES)}

    def published(self, article: str) -> str | None:
        for q in self.ox.quads_for_pattern(ox.NamedNode(article), PUBLISHED, None, ox.DefaultGraph()):
            return q.object.value[:10]
        return None

    def gazetteer(self, s) -> list[str]:
        return sorted(q.object.value for p in (RDFS_LABEL, SKOS_ALT)
                      for q in self.ox.quads_for_pattern(s, p, None, ox.DefaultGraph()))

    def held_elsewhere(self, t: Triple, skip: set) -> bool:
        for q in self.ox.quads_for_pattern(t[0], t[1], t[2], None):
            g = q.graph_name
            if isinstance(g, ox.NamedNode) and g != INSTANCES and g.value not in skip:
                return True
        return False


def instance_delta(store: ox.Store, rewrites: dict[str, tuple[set[Triple], set[Triple]]],
                   published: dict[str, str | None],
                   cache: SubjectCache | None = None) -> tuple[set[Triple], set[Triple]]:
    """What a write changes in the instance layer: (triples to remove, triples to add).

    Args:
        store: the store as it is before the write.
        rewrites: article graph IRI -> (its content before, its content after); an
            empty "before" for a new article, an empty "after" for one dropped.
        published: article graph IRI -> publication date of the articles written.
        cache: the facts earlier batches of the same write read, which the caller
            keeps up to date (:meth:`SubjectCache.applied`) with what it writes.
    """
    st = _Store(store, cache)
    old_all = {g: {t for t in old if not is_mention(t)} for g, (old, _) in rewrites.items()}
    new_all = {g: {t for t in new if not is_mention(t)} for g, (_, new) in rewrites.items()}
    every_new: set[Triple] = set().union(*new_all.values())
    candidates: set[Triple] = set().union(*(old_all[g] - new_all[g] for g in rewrites)) - every_new
    for g in rewrites:
        article = ox.NamedNode(g)
        before, after = _events_of(old_all[g]), _events_of(new_all[g])
        every_new |= {(e, REPORTED_IN, article) for e in after}
        candidates |= {(e, REPORTED_IN, article) for e in before - after}
    stored: dict = {}

    def stored_of(s) -> set[tuple]:
        if s not in stored:
            stored[s] = set(st.subject(s))
        return stored[s]

    plus = {t for t in every_new if (t[1], t[2]) not in stored_of(t[0])}
    minus = {t for t in candidates if (t[1], t[2]) in stored_of(t[0])
             and (t[1] == REPORTED_IN or not st.held_elsewhere(t, set(rewrites)))}
    plus_by, minus_by = defaultdict(set), defaultdict(set)
    for s, p, o in plus:
        plus_by[s].add((p, o))
    for s, p, o in minus:
        minus_by[s].add((p, o))

    def load(s) -> Facts:
        facts: Facts = defaultdict(set)
        for p, o in stored_of(s):
            if p not in DERIVED and (p, o) not in minus_by.get(s, ()):
                facts[p].add(o)
        for p, o in plus_by.get(s, ()):
            facts[p].add(o)
        return facts

    view = View(load, dict(published), st.published, st.gazetteer)
    remove, add = _derive_all(st, view, stored_of, plus_by, minus_by, set(plus), set(minus))
    stats_remove, stats_add = _stats_delta(st, rewrites, old_all, new_all, published)
    return remove | stats_remove, add | stats_add


def _tracked(triples: Iterable[Triple]) -> set[Triple]:
    persons = {s for s, p, o in triples if p == RDF_TYPE and o == T["Person"]}
    return {t for t in triples if t[0] in persons and t[1] in STATED}


def _stats_delta(st: _Store, rewrites, old_all, new_all, published) -> tuple[set[Triple], set[Triple]]:
    """Keep the ``dd:statedIn`` counts and first / last dates of the persons' names, offices and ranks."""
    events: dict[Triple, list[tuple[int, str | None]]] = defaultdict(list)
    for g in rewrites:
        date = published.get(g)
        old, new = _tracked(old_all[g]), _tracked(new_all[g])
        for t in new - old:
            events[t].append((1, date))
        for t in old - new:
            events[t].append((-1, date))
    remove, add = set(), set()
    current: dict = {}
    for t in sorted(events, key=str):
        s, p, o = t
        if s not in current:
            current[s] = {}
            for q in st.ox.quads_for_pattern(s, STATED_IN, None, INSTANCES):
                pred, n, first, last, value = parse_stats(q.object.value)
                current[s][(pred, value)] = (n, first, last, q.object)
        name = p.value.rsplit("#", 1)[-1]
        n, first, last, lit = current[s].get((name, str(o)), (0, None, None, None))
        count = n + sum(k for k, _ in events[t])
        gone = {d for k, d in events[t] if k < 0}
        if count > 0 and (first in gone or last in gone):
            dates = [_published(st, published, g) for g in _graphs_after(st, t, rewrites, new_all)]
        else:
            dates = [d for d in (first, last) if d] + [d for k, d in events[t] if k > 0 and d]
        dates = sorted(d for d in dates if d)
        new_lit = stats_literal(name, count, dates[0] if dates else None, dates[-1] if dates else None, o) \
            if count > 0 else None
        if lit is not None and lit != new_lit:
            remove.add((s, STATED_IN, lit))
        if new_lit is not None and new_lit != lit:
            add.add((s, STATED_IN, new_lit))
    return remove, add


def _graphs_after(st: _Store, t: Triple, rewrites, new_all) -> set[str]:
    """The article graphs that state ``t`` once the write is done."""
    found = {q.graph_name.value for q in st.ox.quads_for_pattern(*t, None)
             if isinstance(q.graph_name, ox.NamedNode) and q.graph_name != INSTANCES}
    return (found - set(rewrites)) | {g for g in rewrites if t in new_all[g]}


def _published(st: _Store, published: dict, g: str) -> str | None:
    return published[g] if g in published else st.published(g)


def _derive_all(st: _Store, view: View, stored_of, plus_by, minus_by, add: set, remove: set):
    """Recompute the derived values of the subjects whose facts change, and of those that depend on them."""
    touched = set(plus_by) | set(minus_by)
    changed_facts = set(touched)
    plus_rev: dict = defaultdict(set)
    for x, pairs in plus_by.items():
        for pair in pairs:
            plus_rev[pair].add(x)
    rev = lambda p, o: _reverse(st, plus_rev, minus_by, p, o)  # noqa: E731
    done: set = set()
    todo = sorted(touched, key=lambda x: x.value)
    while todo:
        s = todo.pop()
        if s in done or not isinstance(s, ox.NamedNode):
            continue
        done.add(s)
        old = {(p, o) for p, o in stored_of(s) if p in DERIVED}
        new = derive(view, s)
        remove |= {(s, p, o) for p, o in old - new}
        add |= {(s, p, o) for p, o in new - old}
        if s.value.startswith(MEETING_NS):
            stored_facts: Facts = defaultdict(set)
            for p, o in stored_of(s):
                stored_facts[p].add(o)
            old_index, new_index = meeting_index(s, stored_facts, old), meeting_index(s, view.facts(s), new)
            remove |= old_index - new_index
            add |= new_index - old_index
        more: set = set()
        if {o for p, o in old if p == T["actorCountry"]} != {o for p, o in new if p == T["actorCountry"]}:
            more |= rev(T["participant"], s)
        if s in changed_facts:
            types = view.facts(s).get(RDF_TYPE, set())
            if T["Office"] in types:
                more |= rev(T["holdsRole"], s)
            if T["Organization"] in types:
                for office in rev(T["ofOrganization"], s):
                    more |= rev(T["holdsRole"], office)
            if T["Place"] in types:
                more |= rev(T["location"], s)
        todo.extend(x for x in more if x not in done)
    remove, add = remove - add, add - remove
    counts_remove, counts_add = topic_count_delta(st.ox, remove, add, st.cache)
    return remove | counts_remove, add | counts_add


def refresh_derived(store: ox.Store, subjects: Iterable[ox.NamedNode]) -> tuple[set[Triple], set[Triple]]:
    """(remove, add) that bring the derived values of ``subjects`` (and their dependents) up to date,
    e.g. after the lexicon's names changed."""
    st = _Store(store)
    stored: dict = {}

    def stored_of(s) -> set[tuple]:
        if s not in stored:
            stored[s] = set(st.subject(s))
        return stored[s]

    def load(s) -> Facts:
        facts: Facts = defaultdict(set)
        for p, o in stored_of(s):
            if p not in DERIVED:
                facts[p].add(o)
        return facts

    view = View(load, {}, st.published, st.gazetteer)
    marks = {s: set() for s in subjects}
    return _derive_all(st, view, stored_of, marks, {}, set(), set())


def _reverse(st: _Store, plus_rev, minus_by, p, o) -> set:
    """Subjects with (p, o) after the write."""
    out = {s for s in st.subjects_with(p, o) if (p, o) not in minus_by.get(s, ())}
    return out | plus_rev.get((p, o), set())


def rebuild_instances(store: ox.Store) -> set[Triple]:
    """The whole instance layer computed from the article graphs (and article dates) alone."""
    base: dict = defaultdict(lambda: defaultdict(set))
    query = (f"SELECT DISTINCT ?s ?p ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != <{INSTANCES.value}>) "
             f'FILTER(!STRSTARTS(STR(?s), "{MENTION_NS}")) }}')
    for row in store.query(query):
        base[row["s"]][row["p"]].add(row["o"])
    classes = " ".join(f"<{c.value}>" for c in EVENT_CLASSES)
    query = (f"SELECT DISTINCT ?e ?g WHERE {{ VALUES ?c {{ {classes} }} GRAPH ?g {{ ?e a ?c }} "
             f"FILTER(?g != <{INSTANCES.value}>) }}")
    for row in store.query(query):
        base[row["e"]][REPORTED_IN].add(row["g"])
    published = {}
    for row in store.query(f"SELECT ?a ?d WHERE {{ ?a <{PUBLISHED.value}> ?d }}"):
        published[row["a"].value] = row["d"].value[:10]
    stated: dict[Triple, list] = defaultdict(list)
    preds = " ".join(f"<{p.value}>" for p in STATED)
    query = (f"SELECT ?s ?p ?o ?g WHERE {{ VALUES ?p {{ {preds} }} GRAPH ?g {{ ?s a <{T['Person'].value}> ; ?p ?o }} "
             f"FILTER(?g != <{INSTANCES.value}>) }}")
    for row in store.query(query):
        stated[(row["s"], row["p"], row["o"])].append(published.get(row["g"].value))
    st = _Store(store)
    view = View(lambda s: base.get(s, {}), published, lambda a: None, st.gazetteer)
    out: set[Triple] = set()
    for (s, p, o), dates in stated.items():
        days = sorted(d for d in dates if d)
        out.add((s, STATED_IN, stats_literal(p.value.rsplit("#", 1)[-1], len(dates), days[0] if days else None,
                                             days[-1] if days else None, o)))
    for s in sorted(base, key=lambda x: str(x)):
        out |= {(s, p, o) for p, os in base[s].items() for o in os}
        if isinstance(s, ox.NamedNode):
            derived = derive(view, s)
            out |= {(s, p, o) for p, o in derived}
            out |= meeting_index(s, base[s], derived)
    return out | topic_counts(out)


def stored_instances(store: ox.Store) -> set[Triple]:
    """The instance layer as stored."""
    return {(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None, INSTANCES)}


def add_instance_layer(ds):
    """Compute the instance layer of an rdflib ``Dataset`` built by hand (tests, the
    in-memory comparison of the benchmarks) and add it; return ``ds``.

    Example:
        >>> from rdflib import Dataset
        >>> len(list(add_instance_layer(Dataset()).quads((None, None, None, None))))
        0
    """
    from rdflib import Literal, URIRef

    from ddgraph.graph.rdf import from_rdflib

    store = ox.Store()
    quads = []
    for s, p, o, g in ds.quads((None, None, None, None)):
        (t,) = from_rdflib([(s, p, o)])
        graph = ox.DefaultGraph() if g is None or g == ds.default_graph.identifier else ox.NamedNode(str(g))
        quads.append(ox.Quad(*t, graph))
    store.extend(quads)
    target = ds.graph(URIRef(INSTANCES.value))

    def back(t):
        if isinstance(t, ox.Literal):
            if t.language:
                return Literal(t.value, lang=t.language)
            dt = t.datatype.value
            return Literal(t.value, datatype=None if dt.endswith("#string") else URIRef(dt))
        return URIRef(t.value)

    for s, p, o in rebuild_instances(store):
        target.add((back(s), back(p), back(o)))
    return ds
