"""The Python entry point: ``import ddgraph; kg = ddgraph.open("out/store")``.

One object over one store for notebooks and scripts, each method a call of the
library function the matching CLI command uses, with explicit arguments. Reads go
to one read-only snapshot of the store, opened on first use; :meth:`KnowledgeGraph.ingest`
writes (as ``ddgraph ingest``) and then reads the new snapshot, and
:meth:`KnowledgeGraph.refresh` reads the one another process published.

Example:
    >>> import ddgraph  # doctest: +SKIP
    >>> with ddgraph.open("out/store") as kg:  # doctest: +SKIP
    ...     kg.ingest(["data/articles"])
    ...     [m.label for m in kg.met("Rustem Umerov")]
    ...     kg.sparql("SELECT (COUNT(*) AS ?n) WHERE { ?p a dd:Person }")
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from ddgraph.graph.store import Store, default_store_path, open_store

__all__ = ["KnowledgeGraph", "open"]


class KnowledgeGraph:
    """A ddgraph store, opened for reading on first use (see the module docstring)."""

    def __init__(self, path: str | os.PathLike | None = None) -> None:
        self.path = default_store_path(path)
        self._store: Store | None = None
        self._reader = None

    @classmethod
    def over(cls, reader) -> KnowledgeGraph:
        """The graph of a reader already open, which it leaves open: a read-only
        :class:`graph.store.Store`, its Oxigraph database, or an rdflib Dataset over one
        (tests, benchmarks, the questions of one ``ddgraph questions`` run).

        Example:
            >>> import pyoxigraph as ox
            >>> KnowledgeGraph.over(ox.Store()).stats()["articles"]
            0
        """
        kg = cls(getattr(reader, "path", None) or ".")
        kg._reader = reader.ox if isinstance(reader, Store) else reader
        return kg

    @property
    def ox(self):
        """What the lookups read: the snapshot's Oxigraph database (or the reader given to :meth:`over`)."""
        return self._reader if self._reader is not None else self.store.ox

    # -- the store ----------------------------------------------------------------------
    @property
    def store(self) -> Store:
        """The read-only snapshot the answers come from (opened on first use).

        Raises:
            StoreError: no store at the path, or one this version cannot read.
        """
        if self._store is None:
            self._store = open_store(self.path, read_only=True)
        return self._store

    def refresh(self) -> None:
        """Read the newest snapshot (published by an ingest of another process) from now on."""
        self.close()

    def _dataset(self):
        from ddgraph.queries.sparql import as_dataset

        return as_dataset(self.ox)

    def close(self) -> None:
        """Let go of the snapshot (the next read opens the newest); a reader given to :meth:`over` stays open."""
        if self._store is not None:
            self._store.close()
            self._store = None

    def __enter__(self) -> KnowledgeGraph:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<KnowledgeGraph {self.path}>"

    # -- writing ------------------------------------------------------------------------
    def ingest(self, paths: Iterable[str | os.PathLike], *, workers: int | None = None):
        """Ingest files and folders of articles, as ``ddgraph ingest`` does; the run's summary
        (its ``errors`` name the inputs that could not be read)."""
        from ddgraph.ingest.pipeline import ingest_paths

        self.close()  # the writer takes the store; the next read sees what was written
        return ingest_paths([str(p) for p in paths], self.path, progress=False, workers=workers)

    # -- questions ----------------------------------------------------------------------
    def sparql(self, query: str, *, dataframe: bool | None = None):
        """Rows of a SELECT or ASK query over the union of the graphs (as ``ddgraph sparql``):
        a list of dicts, or a pandas DataFrame when pandas is installed (``dataframe=None``)
        or asked for. A CONSTRUCT or DESCRIBE query gives its triples as Turtle.

        Raises:
            QueryError: the query is not SPARQL, updates the store, or cannot run.
        """
        from ddgraph.queries.sparql import PREDECLARED, run_graph, run_select
        from ddgraph.queries.sparql_text import check_query

        if check_query(query, PREDECLARED) in ("CONSTRUCT", "DESCRIBE"):
            return run_graph(self.ox, query)
        rows = run_select(self.ox, query)
        if dataframe is False:
            return rows.dicts()
        try:
            import pandas
        except ImportError:
            if dataframe:
                raise
            return rows.dicts()
        return pandas.DataFrame(rows.rows, columns=rows.variables)

    def person(self, name: str):
        """A person at a glance: aliases, offices and ranks with sources, meetings (``ddgraph person``)."""
        from ddgraph.queries.people import person_profile

        return person_profile(self.ox, name)

    def offices(self, name: str):
        """The offices and ranks of a person, each with the sentences that state it (``ddgraph offices``)."""
        from ddgraph.queries.people import offices

        return offices(self.ox, name)

    def met(self, name: str, *, happened_only: bool = False, limit: int | None = None):
        """Whom a person met: a page of encounters, latest ``limit`` (``ddgraph met``)."""
        from ddgraph.queries.lookup import met

        return met(self.ox, name, include_unconfirmed=not happened_only, limit=limit)

    def meetings(self, *, person: str | None = None, topic: str | None = None, country: str | None = None,
                 place: str | None = None, since: str | None = None, until: str | None = None,
                 all_statuses: bool = False, limit: int | None = None):
        """Meetings by participant, topic, country, place and period (``ddgraph meetings``)."""
        from ddgraph.queries.lookup import meetings

        return meetings(self.ox, person=person, topic=topic, country=country, place=place, since=since,
                        until=until, all_statuses=all_statuses, limit=limit)

    def delegation(self, meeting: str):
        """Who took part in a meeting (its IRI, a unique part of it, or words), with their offices
        (``ddgraph delegation``)."""
        from ddgraph.queries.lookup import delegation

        return delegation(self.ox, meeting)

    def timeline(self, name: str, *, limit: int | None = None):
        """A person's meetings, agreements, offices and ranks by date (``ddgraph timeline``)."""
        from ddgraph.queries.people import timeline

        return timeline(self.ox, name, limit=limit)

    def aid(self, *, provider: str | None = None, recipient: str | None = None, system: str | None = None,
            status: str | None = None, limit: int | None = None):
        """Aid deliveries (``ddgraph aid``)."""
        from ddgraph.queries.facts import aid

        return aid(self.ox, provider=provider, recipient=recipient, system=system, status=status, limit=limit)

    def agreements(self, *, party: str | None = None, limit: int | None = None):
        """Agreements, by party or signatory (``ddgraph agreements``)."""
        from ddgraph.queries.facts import agreements

        return agreements(self.ox, party=party, limit=limit)

    def topics(self, country_a: str, country_b: str):
        """The topics two countries' people discuss, by year (``ddgraph topics``)."""
        from ddgraph.queries.facts import country_topics

        return country_topics(self.ox, country_a, country_b)

    def stats(self) -> dict:
        """Counts per class, articles, languages and the date span (``ddgraph stats``)."""
        from ddgraph.queries.stats import store_stats

        return store_stats(self.ox, self.store.counts if self._reader is None else None)

    # -- the meeting network ------------------------------------------------------------
    def central(self, *, kind: str = "person", since: str | None = None, until: str | None = None, top: int = 10,
                by: str = "pagerank"):
        """The most central persons or countries of the meeting network (``ddgraph central``)."""
        from ddgraph.queries.byname import central

        return central(self._dataset(), kind=kind, since=since, until=until, top=top, by=by)

    def communities(self, *, kind: str = "person", since: str | None = None, until: str | None = None,
                    min_size: int = 2):
        """Groups that meet each other more than others (``ddgraph communities``)."""
        from ddgraph.queries.byname import communities

        return communities(self._dataset(), kind=kind, since=since, until=until, min_size=min_size)

    def path_between(self, name_a: str, name_b: str, *, since: str | None = None, until: str | None = None):
        """The shortest chain of meetings between two persons (``ddgraph path``)."""
        from ddgraph.queries.byname import path

        return path(self._dataset(), name_a, name_b, since=since, until=until)

    def new_actors(self, since: str):
        """Persons whose first dated meeting is on or after ``since`` (``ddgraph new-actors``)."""
        from ddgraph.queries.byname import new_actors

        return new_actors(self._dataset(), since)

    def explain(self, target: str, *, prop: str | None = None, value: str | None = None, topic: str | None = None,
                limit: int | None = 20):
        """The sentences behind a thing or one fact about it (``ddgraph explain``)."""
        from ddgraph.queries.facts import explain

        return explain(self.ox, target, prop=prop, value=value, topic=topic, limit=limit)

    # -- files --------------------------------------------------------------------------
    def view_person(self, name: str, path: str | os.PathLike) -> Path:
        """Write a person's page (meetings and partners) as one offline HTML file (``ddgraph view person``)."""
        from ddgraph.queries.names import find
        from ddgraph.queries.views import ego_view

        ds = self._dataset()
        return ego_view(ds, find(ds, name, "person").iri, path)

    def export(self, path: str | os.PathLike, fmt: str = "trig") -> Path:
        """Write the whole graph, named graphs included: trig, nquads, turtle or jsonld (``ddgraph export``)."""
        from ddgraph.queries.sparql import export

        out = Path(path)
        out.write_text(export(self._dataset(), fmt), encoding="utf-8")
        return out

    def push(self, endpoint: str, *, timeout: float = 60.0):
        """Send every graph to a SPARQL 1.1 server's graph store endpoint (``ddgraph push``).

        Returns:
            queries.gsp.Transfer: the graphs, triples and bytes sent.
        """
        from ddgraph.queries.gsp import push

        return push(self.ox, endpoint, timeout=timeout)


def open(path: str | os.PathLike | None = None) -> KnowledgeGraph:  # noqa: A001 - the facade's name
    """The store at ``path`` (default: ``$DDGRAPH_STORE``, else ``./ddgraph-store``) as a :class:`KnowledgeGraph`.

    Example:
        >>> open("out/store")  # doctest: +SKIP
        <KnowledgeGraph out/store>
    """
    return KnowledgeGraph(path)
