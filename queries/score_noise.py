"""The noise check: strings of page furniture a gold file says must not reach the graph.

A violation is a mention whose sentence holds the string, or a label of a thing
of that article's graph that holds it (after :func:`queries.matching.norm`).

Example:
    >>> from rdflib import Dataset
    >>> from ddgraph.queries.gold import Gold
    >>> run = NoiseScoring(Dataset(), Gold("g.yaml", noise=(("000", ("Read also",)),)))
    >>> run.noise()
    >>> run.found["violation"]
    []
"""

from __future__ import annotations

from ddgraph.queries.eval_view import DD, compact
from ddgraph.queries.matching import norm
from ddgraph.queries.scoring import ScoringRun


class NoiseScoring(ScoringRun):
    """Finds the gold ``noise`` strings in the scored articles' mentions and labels."""

    def noise(self) -> None:
        """Record a violation for every mention sentence or label holding a gold noise string."""
        v = self.v
        for key, strings in self.gold.noise:
            for g in v.by_prefix.get(key, ()):
                sentences = [(s, str(o)) for s, p, o in v.quads[g] if p == DD.sentence]
                of = {s: o for s, p, o in v.quads[g] if p == DD.mentionOf}
                things = [t for t in sorted(v.terms[g], key=str) if not v.has(t, DD.Mention)
                          and any(str(c).startswith(str(DD)) for c in v.types.get(t, ()))]
                for text in strings:
                    needle = norm(text)
                    for s, sentence in sentences:
                        if needle in norm(sentence):
                            target = f" of {compact(of[s])}" if s in of else ""
                            self.add("noise", "violation", text, f"mention {compact(s)}{target} in sentence "
                                     f"'{clip(sentence)}'", (key,))
                    for t in things:
                        for name in sorted(n for n in v.names(t) if needle in norm(n)):
                            self.add("noise", "violation", text, f"label '{name}' of {compact(t)}", (key,))


def clip(text: str, width: int = 160) -> str:
    """``text`` with its spaces folded, cut to ``width`` characters with an ellipsis.

    Example:
        >>> clip("a  long   sentence", 8)
        'a long …'
    """
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
