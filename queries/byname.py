"""Network analytics (:mod:`queries.analytics`) and interactive views
(:mod:`queries.views`) addressed the way an analyst types them: persons by any
alias, countries and topics by name, meetings as in
:func:`queries.lookup.find_meeting`, dates as YYYY[-MM[-DD]].

Example:
    >>> [(h.person_label, h.other_label) for h in path(ds, "Balanutsa", "Lecornu")]  # doctest: +SKIP
    [('Oleksandr Balanutsa', 'Sébastien Lecornu')]
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # rdflib only in annotations: a lookup process does not load it
    from rdflib import Dataset

from ddgraph.queries import analytics, views
from ddgraph.queries.lookup import date_bound, find_meeting
from ddgraph.queries.names import find_iri


def _period(since, until) -> tuple[str | None, str | None]:
    return date_bound(since, option="--since"), date_bound(until, end=True, option="--until")


def central(ds: Dataset, *, kind: str = "person", since=None, until=None, top: int | None = 10,
            by: str = "pagerank") -> list[analytics.Centrality]:
    """The most central persons or countries of the period (see :func:`queries.analytics.centrality`)."""
    since, until = _period(since, until)
    return analytics.centrality(ds, kind=kind, since=since, until=until, top=top, by=by)


def communities(ds: Dataset, *, kind: str = "person", since=None, until=None, min_size: int = 2) -> list[analytics.Community]:
    """Groups that meet each other more than others (see :func:`queries.analytics.communities`)."""
    since, until = _period(since, until)
    return analytics.communities(ds, kind=kind, since=since, until=until, min_size=min_size)


def path(ds: Dataset, name_a: str, name_b: str, *, since=None, until=None) -> list[analytics.Hop]:
    """The shortest chain of meetings between two persons (any alias).

    Raises:
        QueryError: unknown or ambiguous name, bad date.
    """
    a, b = find_iri(ds, name_a, "person"), find_iri(ds, name_b, "person")
    since, until = _period(since, until)
    return analytics.meeting_path(ds, a, b, since=since, until=until)


def new_actors(ds: Dataset, since) -> list[analytics.NewlyActive]:
    """Persons whose first dated meeting is on or after ``since``."""
    return analytics.newly_active(ds, date_bound(since, option="--since"))


def view_person(ds: Dataset, name: str, out, *, since=None, until=None) -> Path:
    """Ego view of a person (any alias)."""
    since, until = _period(since, until)
    return views.ego_view(ds, find_iri(ds, name, "person"), out, since=since, until=until)


def view_meeting(ds: Dataset, spec: str, out) -> Path:
    """View of one meeting (IRI, substring or words, see :func:`queries.lookup.find_meeting`)."""
    return views.meeting_view(ds, find_meeting(ds, spec), out)


def view_topic(ds: Dataset, topic: str, out, *, since=None, until=None) -> Path:
    """The meetings that discussed a topic (id, label or IRI)."""
    since, until = _period(since, until)
    return views.topic_view(ds, find_iri(ds, topic, "topic"), out, since=since, until=until)


def view_countries(ds: Dataset, a: str, b: str, out, *, since=None, until=None) -> Path:
    """What links two countries (names)."""
    since, until = _period(since, until)
    return views.country_pair_view(ds, find_iri(ds, a, "country"), find_iri(ds, b, "country"), out,
                                   since=since, until=until)


def view_graph(ds: Dataset, out, *, since=None, until=None, topic: str | None = None, max_nodes: int = 3000) -> Path:
    """The whole graph, or a period / topic slice of it."""
    since, until = _period(since, until)
    return views.graph_view(ds, out, since=since, until=until, topic=find_iri(ds, topic, "topic"), max_nodes=max_nodes)
