"""Reading articles, cleaning them, extracting mentions and facts, writing them to the graph."""
