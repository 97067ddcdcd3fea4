"""Read-only side of ddgraph: SPARQL questions, analytics, views and the CLI."""
