"""Incremental resolution: fold new records into the resolution state, touching only their blocks.

What resolution links never crosses these boundaries, which :func:`update` relies on:

* person profiles are linked only inside a bucket component (profiles sharing a
  surname-key prefix or an analysts' "same" decision), so the clusters of one
  component depend on that component's profiles only; a cluster's label and
  article count depend on its mentions; an IRI depends on the other clusters whose
  label has the same slug;
* an office named without country takes the one qualified office of the same
  title its holder's cluster holds anywhere;
* two dated events are joined only when they share a blocking key and a status
  group, lie in one window (:data:`graph.events.WINDOW` days) and their dates are
  as near as :func:`graph.events._dates_ok` asks; an undated one may join any event
  sharing a key with it; so each connected component of that graph
  (:func:`graph.event_blocks.near`) clusters on its own, and a hub's reports fall
  into many small components, one per meeting mostly.

So a new article re-clusters only the bucket components of the profiles never
seen before (none, usually: a known person in a known office is a known
profile), recomputes the labels and article counts of the clusters it adds
mentions to, re-assigns the IRIs of their slug groups, and re-clusters the event
components of its events and of the events whose persons changed IRI. The state
then equals the state of resolving all records at once (:func:`graph.resolve.resolve`
is this function applied to an empty state), whatever the batches and their order.

Example:
    >>> from ddgraph.graph.model import ArticleRecord, Entity
    >>> from ddgraph.graph.state import ResolutionState
    >>> rec = lambda i, n: ArticleRecord(i, "", "", (), "en", entities=(Entity("p1", "person", n, "en"),))
    >>> state = ResolutionState.memory()
    >>> _ = update(state, [rec("a", "Rustem Umerov")], Decisions())
    >>> sorted(update(state, [rec("b", "Umerov")], Decisions()).articles)
    ['b']
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from ddgraph.graph.curation import Decisions
from ddgraph.graph import event_blocks
from ddgraph.graph.event_blocks import block_batches, event_components, event_tokens
from ddgraph.graph.events import EventMention, cluster_events, event_labels, event_mentions
from ddgraph.graph.iri import entity_iri, event_iri, slug
from ddgraph.graph.model import ArticleRecord, is_qualified_office
from ddgraph.graph.names import person_label
from ddgraph.graph.persons import (
    ClusterInfo,
    Node,
    Profile,
    article_profiles,
    entity_forms,
    link_profiles,
    office_tag,
    profile_buckets,
    slug_group_iris,
)
from ddgraph.graph.records import decode_record, encode_record
from ddgraph.graph.state import ResolutionState



@dataclass
class Changes:
    """What one :func:`update` changed.

    Attributes:
        articles: articles whose graphs must be (re)written (the new ones included).
        moved: those of them where some node now has another IRI.
        relabelled: IRIs of entities (not persons, not events) whose label changed:
            every article naming them must be rewritten too (the caller finds them).
    """

    articles: set[str] = field(default_factory=set)
    moved: set[str] = field(default_factory=set)
    relabelled: set[str] = field(default_factory=set)


def label_key(pair: tuple[str, str]) -> tuple:
    """Order of label candidates: English first, then by text.

    Example:
        >>> min([("Франція", "uk"), ("France", "en")], key=label_key)
        ('France', 'en')
    """
    return (pair[1] != "en", pair[0], pair[1])


def lean_record(rec: ArticleRecord) -> ArticleRecord:
    """What resolution keeps of a record: entities, events and office facts, no text or spans.

    Example:
        >>> lean_record(ArticleRecord("a", "a.txt", "Some text.", ((0, 10),), "en")).text
        ''
    """
    ents = tuple(replace(e, mentions=()) for e in rec.entities)
    evs = tuple(replace(e, mentions=(), topic_mentions=()) for e in rec.events)
    facts = tuple(replace(f, mentions=()) for f in rec.facts if f.predicate == "holdsRole")
    return ArticleRecord(rec.article_id, "", "", (), rec.language, entities=ents, events=evs, facts=facts)


class _Update:
    """One :func:`update` over an open state inside the caller's transaction."""

    def __init__(self, state: ResolutionState, decisions: Decisions) -> None:
        self.state, self.db, self.decisions = state, state.db, decisions
        self.changes = Changes()
        self.leans: dict[str, ArticleRecord] = {}

    def lean(self, article_ids: Iterable[str]) -> dict[str, ArticleRecord]:
        """Lean records by id (cached)."""
        missing = [a for a in article_ids if a not in self.leans]
        for aid, blob in self.state.values("SELECT id, lean FROM article WHERE id IN ({})", missing):
            self.leans[aid] = decode_record(blob)
        return {a: self.leans[a] for a in article_ids if a in self.leans}

    # -- persons ---------------------------------------------------------------------
    def add_persons(self, new: Sequence[ArticleRecord]) -> None:
        """Store the person mentions of ``new`` and re-resolve the clusters they touch."""
        fresh: dict[str, Profile] = {}
        touched: set[str] = set()
        rows = defaultdict(list)
        for rec in new:
            prof_of = {}
            for pm, prof in article_profiles(rec, self.decisions):
                prof_of[pm.entity.key] = prof.id
                rows["pmention"].append((rec.article_id, pm.entity.key, prof.id))
                rows["pform"] += [(prof.id, f, pm.entity.lang, rec.article_id) for f in entity_forms(pm.entity)]
                touched.add(prof.id)
                fresh.setdefault(prof.id, prof)
            offices = {e.key: e for e in rec.entities if e.kind == "office"}
            for seq, f in enumerate(rec.facts):
                office = offices.get(f.object) if f.predicate == "holdsRole" else None
                if office is None or f.subject not in prof_of:
                    continue
                title, own = office.lexicon_id or office.name, entity_iri(rec, office)
                if is_qualified_office(office):
                    rows["qoffice"].append((prof_of[f.subject], title, own))
                else:
                    rows["pbare"].append((rec.article_id, office.key, seq, prof_of[f.subject], title, own))
        for pid in self.state.values("SELECT id FROM profile WHERE id IN ({})", list(fresh)):
            del fresh[pid]
        rows["pbucket"] = [(b, pid) for pid, p in fresh.items() for b in profile_buckets(p, self.decisions)]
        db = self.db
        db.executemany("INSERT OR IGNORE INTO pmention VALUES (?,?,?)", rows["pmention"])
        db.executemany("INSERT OR IGNORE INTO pform VALUES (?,?,?,?)", rows["pform"])
        db.executemany("INSERT OR IGNORE INTO qoffice VALUES (?,?,?)", rows["qoffice"])
        db.executemany("INSERT OR IGNORE INTO pbare VALUES (?,?,?,?,?,?)", rows["pbare"])
        db.executemany("INSERT OR IGNORE INTO pbucket VALUES (?,?)", rows["pbucket"])
        self._recluster(fresh, touched, {r[0] for r in rows["pbare"]})

    def _block(self, fresh: dict[str, Profile]) -> set[str]:
        """Profile ids of the bucket components of the fresh profiles."""
        ids = set(fresh)
        todo = {b for p in fresh.values() for b in profile_buckets(p, self.decisions)}
        seen: set[str] = set()
        while todo:
            seen |= todo
            found = set(self.state.values("SELECT profile FROM pbucket WHERE bucket IN ({})", todo)) - ids
            ids |= found
            todo = set(self.state.values("SELECT bucket FROM pbucket WHERE profile IN ({})", found)) - seen
        return ids

    def _clusters(self, roots: Iterable[str]) -> dict[str, tuple[str, str, str]]:
        """root -> (IRI, label, slug) of stored clusters."""
        rows = self.state.values("SELECT root, iri, label, slug FROM cluster WHERE root IN ({})", roots)
        return {r: (i, lab, s) for r, i, lab, s in rows}

    def _recluster(self, fresh: dict[str, Profile], touched: set[str], bare_articles: set[str]) -> None:
        st, db = self.state, self.db
        block = self._block(fresh) if fresh else set()
        stored = {pid: (Profile.from_json(d), root) for pid, d, root in
                  st.values("SELECT id, data, root FROM profile WHERE id IN ({})", block - set(fresh))}
        old_root = {pid: root for pid, (_, root) in stored.items()}
        old_root.update(st.values("SELECT id, root FROM profile WHERE id IN ({})", touched - block))
        new_root = dict(old_root)
        if block:
            uf = link_profiles([p for p, _ in stored.values()] + [fresh[p] for p in block & set(fresh)],
                               self.decisions)
            new_root.update((pid, uf.find(pid)) for pid in block)
            db.executemany("INSERT OR REPLACE INTO profile VALUES (?,?,?)",
                           [(pid, (fresh[pid] if pid in fresh else stored[pid][0]).to_json(), new_root[pid])
                            for pid in sorted(block)])
        roots_before = {old_root[p] for p in old_root}
        roots_after = {new_root[p] for p in block | touched}
        before = self._clusters(roots_before | roots_after)
        known_before = set(before)  # clusters as stored before this update
        dropped = {r for r in roots_before if r not in set(new_root.values())}
        st.values("DELETE FROM cluster WHERE root IN ({})", dropped)
        infos = self._cluster_infos(roots_after)
        db.executemany("INSERT OR REPLACE INTO cluster VALUES (?,?,?,?,?,?)",
                       [(c.root, before.get(c.root, ("",))[0], c.label, slug(c.label), c.articles, c.office)
                        for c in infos])
        slugs = {v[2] for v in before.values()} | {slug(c.label) for c in infos}
        groups = defaultdict(list)
        for root, label, articles, office, s in st.values(
                "SELECT root, label, articles, office, slug FROM cluster WHERE slug IN ({})", slugs):
            groups[s].append(ClusterInfo(root, label, articles, office))
        group_roots = {c.root for g in groups.values() for c in g}
        before.update(self._clusters(group_roots - set(before)))
        updates = []
        for group in groups.values():
            for root, iri in slug_group_iris(group).items():
                updates.append((iri, root))
        db.executemany("UPDATE cluster SET iri = ? WHERE root = ?", updates)
        after = self._clusters(group_roots | roots_after)
        # which profiles now have another IRI or label
        relabel, moved = set(), set()
        for pid in block | touched:
            old = before.get(old_root.get(pid, ""), (None, None))[:2]
            new = after[new_root[pid]][:2]
            if old != new:
                (moved if old[0] != new[0] else relabel).add(pid)
        for root in sorted(group_roots | roots_after):  # every member of a cluster whose IRI or label changed,
            # touched or not ("Denis Shmygal" of an old article, when a new one makes the label "Denys Shmyhal")
            if root in before and (root in known_before or root not in roots_after) \
                    and before[root][:2] != after[root][:2]:
                members = set(st.values("SELECT id FROM profile WHERE root IN ({})", [root]))
                (moved if before[root][0] != after[root][0] else relabel).update(members)
        moved_articles = set(st.values("SELECT DISTINCT article FROM pmention WHERE profile IN ({})", moved))
        self.changes.moved |= moved_articles
        self.changes.articles |= moved_articles
        self.changes.articles |= set(st.values("SELECT DISTINCT article FROM pmention WHERE profile IN ({})", relabel))
        self._bare_offices(roots_after, bare_articles)

    def _cluster_infos(self, roots: Iterable[str]) -> list[ClusterInfo]:
        st = self.state
        members: dict[str, list[Profile]] = defaultdict(list)
        root_of = {}
        for pid, data, root in st.values("SELECT id, data, root FROM profile WHERE root IN ({})", roots):
            members[root].append(Profile.from_json(data))
            root_of[pid] = root
        forms: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        for pid, form, article in st.values("SELECT profile, form, article FROM pform WHERE profile IN ({})", root_of):
            forms[root_of[pid]][form].add(article)
        articles: dict[str, set[str]] = defaultdict(set)
        for pid, article in st.values("SELECT profile, article FROM pmention WHERE profile IN ({})", root_of):
            articles[root_of[pid]].add(article)
        out = []
        for root in sorted(members):
            office = office_tag(o for p in members[root] for o in p.offices)
            out.append(ClusterInfo(root, person_label(forms[root]), len(articles[root]), office))
        return out

    def _bare_offices(self, roots: set[str], new_articles: set[str]) -> None:
        """Re-resolve the offices named without country whose holders' clusters changed."""
        st = self.state
        profiles = st.values("SELECT id FROM profile WHERE root IN ({})", roots)
        nodes = {(a, k) for a, k in st.values("SELECT article, key FROM pbare WHERE profile IN ({})", profiles)}
        nodes |= {(a, k) for a, k in st.values("SELECT article, key FROM pbare WHERE article IN ({})", new_articles)}
        if not nodes:
            return
        rows = [r for r in st.values("SELECT article, key, seq, profile, title, own FROM pbare WHERE article IN ({})",
                                     {a for a, _ in nodes}) if (r[0], r[1]) in nodes]
        root_of = dict(st.values("SELECT id, root FROM profile WHERE id IN ({})", {r[3] for r in rows}))
        known: dict[tuple[str, str], set[str]] = defaultdict(set)
        for root, title, office in st.values(
                "SELECT p.root, q.title, q.office FROM qoffice q JOIN profile p ON p.id = q.profile "
                "WHERE p.root IN ({})", set(root_of.values())):
            known[(root, title)].add(office)
        # a node takes its holders' one stated office; holders that disagree ("the defence
        # minister" said of two ministers of two countries) leave it as written
        own_of: dict[Node, str] = {}
        found: dict[Node, set[str]] = defaultdict(set)
        for article, key, _, pid, title, own in sorted(rows):
            own_of.setdefault((article, key), own)
            qualified = known.get((root_of[pid], title), ())
            found[(article, key)].add(next(iter(qualified)) if len(qualified) == 1 else own)
        resolved = {n: (next(iter(found[n])) if len(found[n]) == 1 else own) for n, own in own_of.items()}
        old = {(a, k): i for a, k, i in st.values("SELECT article, key, iri FROM bare WHERE article IN ({})",
                                                    {a for a, _ in resolved})}
        changed = [(a, k, i) for (a, k), i in resolved.items() if old.get((a, k)) != i]
        self.db.executemany("INSERT OR REPLACE INTO bare VALUES (?,?,?)", changed)
        self.changes.moved |= {a for a, _, _ in changed}
        self.changes.articles |= {a for a, _, _ in changed}

    # -- other entities ----------------------------------------------------------------
    def add_entities(self, new: Sequence[ArticleRecord]) -> None:
        """Names of the other entities of ``new``; a label is the smallest name (English first)."""
        names: dict[str, set[tuple[str, str]]] = defaultdict(set)
        rows = set()
        for rec in new:
            for ent in rec.entities:
                if ent.kind == "person":
                    continue
                x = entity_iri(rec, ent)
                names[x].add((ent.name, ent.lang))
                rows.add((x, ent.name, ent.lang, 1))
                rows |= {(x, f, ent.lang, 0) for f in (ent.name, *ent.forms) if f.strip()}
        self.db.executemany("INSERT OR IGNORE INTO ename VALUES (?,?,?,?)", sorted(rows))
        old = {x: (n, lang) for x, n, lang in self.state.values("SELECT iri, name, lang FROM elabel WHERE iri IN ({})",
                                                               names)}
        updates = []
        for x, pairs in names.items():
            best = min(pairs | ({old[x]} if x in old else set()), key=label_key)
            if old.get(x) != best:
                updates.append((x, *best))
                if x in old:
                    self.changes.relabelled.add(x)
        self.db.executemany("INSERT OR REPLACE INTO elabel VALUES (?,?,?)", updates)

    # -- events ----------------------------------------------------------------------
    def node_iris(self, records: dict[str, ArticleRecord]) -> dict[Node, str]:
        """The IRI of every entity and event node of ``records`` (lean records suffice)."""
        st = self.state
        iri: dict[Node, str] = {}
        for rec in records.values():
            for ent in rec.entities:
                if ent.kind != "person":
                    iri[(rec.article_id, ent.key)] = entity_iri(rec, ent)
        iri.update(((a, k), i) for a, k, i in st.values(
            "SELECT m.article, m.key, c.iri FROM pmention m JOIN profile p ON p.id = m.profile "
            "JOIN cluster c ON c.root = p.root WHERE m.article IN ({})", records))
        iri.update(((a, k), i) for a, k, i in st.values("SELECT article, key, iri FROM bare WHERE article IN ({})",
                                                         records))
        iri.update(((a, k), i) for a, k, i in st.values("SELECT article, key, iri FROM enode WHERE article IN ({})",
                                                         records))
        return iri

    def _event_mentions(self, records: dict[str, ArticleRecord]) -> list[EventMention]:
        iri = self.node_iris(records)
        persons = {iri[(r.article_id, e.key)] for r in records.values() for e in r.entities if e.kind == "person"
                   if (r.article_id, e.key) in iri}
        return event_mentions(list(records.values()), iri, persons)

    def add_events(self, dirty_articles: set[str]) -> None:
        """Re-cluster the event components of the events of ``dirty_articles``.

        The components (:func:`graph.event_blocks.event_components`) go
        :data:`graph.event_blocks.BLOCK_ARTICLES` articles' worth at a time (a bigger
        one alone), and the records read for one batch are dropped before the next:
        a chunk of articles from all over the calendar touches most of the store's
        events, and holding all their records at once made memory grow with the store.
        Each component clusters on its own, so the batching changes no result.
        """
        dirty = {e.node: event_tokens(e) for e in self._event_mentions(self.lean(sorted(dirty_articles)))}
        if not dirty:
            return
        for block in block_batches(event_components(self.state, dirty), event_blocks.BLOCK_ARTICLES):
            self._recluster_events(block)
            self.leans.clear()  # lean() reads them again from the state when needed

    def _recluster_events(self, block: set[Node]) -> None:
        """Cluster the events of ``block`` (whole components) and store their IRIs, tokens and labels."""
        st, db = self.state, self.db
        records = self.lean(sorted({a for a, _ in block}))
        evs = [e for e in self._event_mentions(records) if e.node in block]
        root = cluster_events(evs)
        groups: dict[Node, list[EventMention]] = defaultdict(list)
        for e in evs:
            groups[root[e.node]].append(e)
        new_iri: dict[Node, str] = {}
        labels: dict[str, tuple[tuple[str, str], frozenset]] = {}
        for members in groups.values():
            x = event_iri(members[0].ev.kind, min(f"{m.node[0]}:{m.node[1]}" for m in members))
            labels[x] = event_labels(members)
            new_iri.update((m.node, x) for m in members)
        articles = {a for a, _ in block}
        old_iri = {(a, k): i for a, k, i in st.values("SELECT article, key, iri FROM enode WHERE article IN ({})",
                                                        articles) if (a, k) in block}
        old_label = {x: (n, lang) for x, n, lang in st.values("SELECT iri, name, lang FROM elabel WHERE iri IN ({})",
                                                              set(old_iri.values()) | set(labels))}
        for node, x in new_iri.items():
            if old_iri.get(node) != x:
                self.changes.articles.add(node[0])
            elif old_label.get(x) != labels[x][0]:
                self.changes.articles.add(node[0])
        gone = set(old_iri.values()) - set(labels)
        st.values("DELETE FROM elabel WHERE iri IN ({})", gone)
        st.values("DELETE FROM evalt WHERE iri IN ({})", gone | set(labels))
        db.executemany("DELETE FROM enode WHERE article = ? AND key = ?", sorted(block))
        db.executemany("DELETE FROM etoken WHERE article = ? AND key = ?", sorted(block))
        db.executemany("INSERT INTO enode VALUES (?,?,?)", [(a, k, x) for (a, k), x in sorted(new_iri.items())])
        db.executemany("INSERT INTO etoken VALUES (?,?,?,?)",
                       [(h, b, *e.node) for e in evs for h, b in event_tokens(e)])
        db.executemany("INSERT OR REPLACE INTO elabel VALUES (?,?,?)",
                       [(x, *lab) for x, (lab, _) in sorted(labels.items())])
        db.executemany("INSERT OR IGNORE INTO evalt VALUES (?,?,?)",
                       [(x, *alt) for x, (_, alts) in sorted(labels.items()) for alt in sorted(alts)])


def update(state: ResolutionState, new: Sequence[ArticleRecord], decisions: Decisions) -> Changes:
    """Resolve ``new`` records (ids not yet in ``state``) into ``state``, in place.

    Runs inside the caller's transaction (see :meth:`ResolutionState.begin`), or
    in autocommit mode for an in-memory state.

    Returns:
        The articles whose graphs must be (re)written, the new ones included.
    """
    new = sorted(new, key=lambda r: r.article_id)
    ids = [r.article_id for r in new]
    if len(set(ids)) != len(ids):
        raise ValueError("resolve: duplicate article ids")
    if state.has_articles(ids):
        raise ValueError("update: some articles are resolved already")
    job = _Update(state, decisions)
    leans = [lean_record(r) for r in new]
    state.db.executemany("INSERT INTO article VALUES (?,?)", [(r.article_id, encode_record(r)) for r in leans])
    job.leans.update((r.article_id, r) for r in leans)
    job.add_persons(new)
    job.add_entities(new)
    job.add_events(set(ids) | job.changes.moved)
    job.changes.articles |= set(ids)
    return job.changes
