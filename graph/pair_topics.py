"""The topic counts the instance layer keeps on each pair of countries (what ``ddgraph topics A B`` reads).

A meeting of people of two countries puts its key (:func:`graph.instance_keys.meeting_key`)
on the pair's facet of each topic it discusses, in its year (``dd:pairTopicKey`` on
``ddr:pair/A--B/YEAR/TOPIC``, written by :func:`graph.instances.meeting_index`). The pair
itself holds one ``dd:topicCount`` value per facet: how many keys it has and the earliest
(:func:`graph.instance_keys.topic_count_literal`). A write moves the counts by the keys it
removes and adds (:func:`topic_count_delta`); a rebuild counts them afresh
(:func:`topic_counts`); the two agree (tested).

Example:
    >>> sorted(t[2].value for t in topic_counts([]))
    []
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import pyoxigraph as ox

from ddgraph.graph.instance_keys import (
    key_year,
    pair_topic_node,
    parse_topic_count,
    split_pair_topic_node,
    topic_count_literal,
)
from ddgraph.graph.namespaces import INSTANCES_GRAPH
from ddgraph.graph.rdf import Triple, term

INSTANCES = ox.NamedNode(INSTANCES_GRAPH)
PAIR_TOPIC_KEY = term("pairTopicKey")
TOPIC_COUNT = term("topicCount")
_TOPIC_KEY, _PAIR_KEY = term("topicKey"), term("pairKey")


def topic_count_delta(store: ox.Store, remove: set[Triple], add: set[Triple],
                      cache=None) -> tuple[set[Triple], set[Triple]]:
    """(remove, add) that keep each pair's ``dd:topicCount`` values (see
    :func:`graph.instance_keys.topic_count_literal`) equal to the ``dd:pairTopicKey`` entries
    once ``remove`` and ``add`` are applied: a count moves by the keys gone and come, and the
    earliest key is looked up again only when it goes.

    ``cache`` (a :class:`graph.instances.SubjectCache`) gives the stored counts of a pair
    when an earlier batch of the same write read them."""
    delta: dict = defaultdict(lambda: (set(), set()))
    for triples, side in ((remove, 0), (add, 1)):
        for s, p, o in triples:
            if p == PAIR_TOPIC_KEY:
                delta[s.value][side].add(o.value)
    by_pair: dict[str, list[str]] = defaultdict(list)
    for node in delta:
        by_pair[split_pair_topic_node(node)[0]].append(node)
    out_remove, out_add = set(), set()
    for pair, nodes in sorted(by_pair.items()):
        subject = ox.NamedNode(pair)
        current = {}
        stored = cache.objects(store, subject, TOPIC_COUNT) if cache is not None else \
            (q.object for q in store.quads_for_pattern(subject, TOPIC_COUNT, None, INSTANCES))
        for value in stored:
            year, count, first, topic = parse_topic_count(value.value)
            current[(year, topic)] = (count, first, value)
        for node in nodes:
            _, year, topic = split_pair_topic_node(node)
            gone, come = delta[node]
            count, first, old = current.get((year, topic), (0, None, None))
            if first is None or first in gone:
                keys = {q.object.value for q in store.quads_for_pattern(ox.NamedNode(node), PAIR_TOPIC_KEY, None,
                                                                          INSTANCES)}
                keys = (keys - gone) | come
                count, first = len(keys), min(keys, default=None)
            else:
                count, first = count - len(gone) + len(come), min([first, *come])
            new = topic_count_literal(year, topic, count, first) if count > 0 else None
            if old is not None and old != new:
                out_remove.add((subject, TOPIC_COUNT, old))
            if new is not None and new != old:
                out_add.add((subject, TOPIC_COUNT, new))
    return out_remove, out_add


def pair_topic_layer(store: ox.Store) -> set[Triple]:
    """The ``dd:pairTopicKey`` entries and ``dd:topicCount`` values of a stored instance layer,
    computed from its pair and topic entries (a meeting's keys are the same on every facet):
    what a store of format 2, which had neither, gains on upgrade.
    """
    topics: dict[str, list[str]] = defaultdict(list)
    for q in store.quads_for_pattern(None, _TOPIC_KEY, None, INSTANCES):
        topics[q.object.value].append(q.subject.value)
    out: set[Triple] = set()
    for q in store.quads_for_pattern(None, _PAIR_KEY, None, INSTANCES):
        key = q.object.value
        for topic in topics.get(key, ()):
            node = pair_topic_node(q.subject.value, key_year(key), topic)
            if node is not None:
                out.add((ox.NamedNode(node), PAIR_TOPIC_KEY, q.object))
    return out | topic_counts(out)


def topic_counts(triples: Iterable[Triple]) -> set[Triple]:
    """The ``dd:topicCount`` values of the ``dd:pairTopicKey`` entries among ``triples`` (a whole layer)."""
    keys: dict[str, list[str]] = defaultdict(list)
    for s, p, o in triples:
        if p == PAIR_TOPIC_KEY:
            keys[s.value].append(o.value)
    out = set()
    for node, ks in keys.items():
        pair, year, topic = split_pair_topic_node(node)
        out.add((ox.NamedNode(pair), TOPIC_COUNT, topic_count_literal(year, topic, len(ks), min(ks))))
    return out
