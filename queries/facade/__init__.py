"""``import ddgraph``: the package name the facade installs under (pyproject maps ``ddgraph`` here).

Example:
    >>> import ddgraph  # doctest: +SKIP
    >>> kg = ddgraph.open("out/store")  # doctest: +SKIP
"""

from ddgraph.graph import __version__
from ddgraph.queries.library import KnowledgeGraph, open  # noqa: A004 - the facade's name

__all__ = ["KnowledgeGraph", "__version__", "open"]
