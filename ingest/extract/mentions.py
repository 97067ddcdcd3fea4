"""Where the persons of an article are named: their mentions indexed by offset and sentence.

The meeting, quote and agreement extractors ask, for a sentence or a span of text,
which persons are named there. Scanning every mention of every person for each
question costs (questions x mentions), which grows with the square of the article's
length; :class:`MentionIndex` sorts the mentions once and answers by bisection.
Answers are those of the plain scans, ties included (persons in article order).

Example:
    >>> from ddgraph.graph.model import Mention
    >>> from ddgraph.ingest.extract.persons import PersonDraft
    >>> a = PersonDraft("p1", "Rustem", "Umerov", mentions=[Mention(0, 13, 0), Mention(40, 46, 1)])
    >>> b = PersonDraft("p2", None, "Lecornu", mentions=[Mention(18, 25, 0)])
    >>> index = MentionIndex([a, b], [(0, 30), (31, 60)])
    >>> [p.surname for p in index.persons_in(0)], index.first_in(14, 60).surname, index.last_before(39).surname
    (['Umerov', 'Lecornu'], 'Lecornu', 'Lecornu')
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import Any

_UNSET = object()


class MentionIndex:
    """The mentions of ``persons``, sorted by offset and grouped by sentence.

    Args:
        persons: the article's persons (objects with ``mentions``: spans with
            ``start`` and ``end``), in article order.
        sentences: (start, end) of each sentence, in order, not overlapping.
    """

    def __init__(self, persons: Sequence[Any], sentences: Sequence[tuple[int, int]]) -> None:
        self.persons = list(persons)
        entries = [(m.start, pi, mi, m.end) for pi, p in enumerate(self.persons) for mi, m in enumerate(p.mentions)]
        entries.sort()
        self._entries = entries
        self._starts = [e[0] for e in entries]
        starts = [s for s, _ in sentences]
        self._by_sentence: dict[int, list[tuple[int, int, int, int]]] = {}
        for entry in sorted(entries, key=lambda e: (e[1], e[2])):  # article order of persons, then mentions
            k = bisect_right(starts, entry[0]) - 1
            if k >= 0 and entry[0] < sentences[k][1]:
                self._by_sentence.setdefault(k, []).append(entry)
        self._protagonist: Any = _UNSET

    def spans_in(self, sentence: int) -> list[tuple[int, int]]:
        """(start, end) of the mentions that start in sentence ``sentence``, by person, then mention."""
        return [(e[0], e[3]) for e in self._by_sentence.get(sentence, ())]

    def persons_in(self, sentence: int) -> list:
        """The persons named in sentence ``sentence``, by their first mention there (ties: article order)."""
        first: dict[int, int] = {}
        for start, pi, _mi, _end in self._by_sentence.get(sentence, ()):
            first[pi] = min(first.get(pi, start), start)
        return [self.persons[pi] for pi in sorted(first, key=lambda pi: (first[pi], pi))]

    def mentions_in(self, sentence: int) -> list[tuple[Any, int, int]]:
        """(person, start, end) of every mention in sentence ``sentence``, by person, then mention."""
        return [(self.persons[e[1]], e[0], e[3]) for e in self._by_sentence.get(sentence, ())]

    def first_in(self, start: int, end: int):
        """The person of the first mention starting in [start, end) (ties: article order), or None."""
        k = bisect_left(self._starts, start)
        if k < len(self._entries) and self._entries[k][0] < end:
            return self.persons[self._entries[k][1]]
        return None

    def last_before(self, before: int):
        """The person of the last-starting mention that ends by ``before`` (ties: article order), or None."""
        best = None
        for k in range(bisect_right(self._starts, before) - 1, -1, -1):
            start, pi, _mi, end = self._entries[k]
            if best is not None and start < best[0]:
                break
            if end <= before:
                best = (start, pi)  # going down: the last one kept is the first in article order
        return self.persons[best[1]] if best is not None else None

    def protagonist(self):
        """The person named most often (first named on a tie), or None."""
        if self._protagonist is _UNSET:
            self._protagonist = max(self.persons, key=lambda p: (len(p.mentions), -min(m.start for m in p.mentions)),
                                    default=None)
        return self._protagonist
