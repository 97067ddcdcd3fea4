"""ddgraph core: ontology, IRIs, the on-disk store, resolution of entities and events.

This package imports neither ``ingest`` nor ``queries``.
"""

__version__ = "0.1.0"
