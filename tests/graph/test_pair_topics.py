"""The counts the instance layer keeps on a pair of countries follow its index entries."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from ddgraph.graph.instance_keys import PAIR_NS, TOPIC_NS, meeting_key, parse_topic_count, pair_topic_node
from ddgraph.graph.pair_topics import INSTANCES, PAIR_TOPIC_KEY, TOPIC_COUNT, topic_count_delta, topic_counts

PAIR = PAIR_NS + "france--ukraine"
NODE = ox.NamedNode(pair_topic_node(PAIR, "2024", TOPIC_NS + "air-defense"))
KEYS = {day: meeting_key(f"2024-0{day}-01", "on", "happened", f"{PAIR_NS}m{day}") for day in (2, 3, 4, 5)}


def entry(day):
    return (NODE, PAIR_TOPIC_KEY, ox.Literal(KEYS[day]))


def counts_after(stored_days, remove_days, add_days):
    """The pair's counts after a write, kept incrementally, and as a rebuild computes them."""
    store = ox.Store()
    layer = {entry(d) for d in stored_days}
    layer |= topic_counts(layer)
    store.extend([ox.Quad(*t, INSTANCES) for t in layer])
    remove, add = {entry(d) for d in remove_days}, {entry(d) for d in add_days}
    counts_remove, counts_add = topic_count_delta(store, remove, add)
    after = (layer - remove - counts_remove) | add | counts_add
    kept = {parse_topic_count(o.value)[:3] for s, p, o in after if p == TOPIC_COUNT}
    rebuilt = {parse_topic_count(o.value)[:3] for s, p, o in topic_counts(t for t in after if t[1] == PAIR_TOPIC_KEY)}
    return kept, rebuilt


@pytest.mark.parametrize("stored, remove, add, expected", [
    ((3, 4), (), (5,), {("2024", 3, KEYS[3])}),  # a later meeting: the count grows, the example stays
    ((3, 4), (), (2,), {("2024", 3, KEYS[2])}),  # an earlier one becomes the example
    ((2, 3, 4), (2,), (), {("2024", 2, KEYS[3])}),  # the example goes: the next earliest is looked up
    ((2, 3), (3,), (5,), {("2024", 2, KEYS[2])}),  # one goes, one comes
    ((2,), (2,), (), set()),  # the last goes: no count is left
])  # fmt: skip
def test_topic_counts_follow_the_entries(stored, remove, add, expected):
    kept, rebuilt = counts_after(stored, remove, add)
    assert kept == expected == rebuilt
