"""A cheap deterministic force layout computed in Python, for views too big for browser physics.

vis physics takes seconds to minutes to settle above a few hundred nodes; this
layout takes about a second for 10,000 nodes, and the page is drawn with
physics off.

Example:
    >>> pos = force_layout(["a", "b", "c"], [("a", "b")])
    >>> sorted(pos)
    ['a', 'b', 'c']
"""

from __future__ import annotations

import math

import numpy as np

__all__ = ["force_layout"]


def force_layout(names: list[str], pairs: list[tuple[str, str]], *, seed: int = 7, iterations: int = 60) -> dict:
    """A cheap deterministic force layout (Fruchterman-Reingold with short-range
    repulsion on a k-d tree), for views too big for browser physics.

    Returns positions in vis pixels, rounded to 0.1.

    Example:
        >>> pos = force_layout(["a", "b"], [("a", "b")])
        >>> sorted(pos), pos == force_layout(["a", "b"], [("a", "b")])
        (['a', 'b'], True)
    """
    from scipy.spatial import cKDTree

    n = len(names)
    index = {v: i for i, v in enumerate(names)}
    src = np.array([index[a] for a, _ in pairs], dtype=int)
    dst = np.array([index[b] for _, b in pairs], dtype=int)
    radius = math.sqrt(max(n, 1))
    pos = np.random.default_rng(seed).uniform(-radius, radius, (n, 2))
    temp = radius / 4
    for _ in range(iterations):
        disp = np.zeros((n, 2))
        close = cKDTree(pos).query_pairs(r=2.0, output_type="ndarray")
        if len(close):
            d = pos[close[:, 0]] - pos[close[:, 1]]
            f = d / np.maximum((d * d).sum(1), 1e-4)[:, None]
            np.add.at(disp, close[:, 0], f)
            np.add.at(disp, close[:, 1], -f)
        if len(src):
            d = pos[src] - pos[dst]
            f = np.sqrt((d * d).sum(1))[:, None] * d
            np.add.at(disp, src, -f)
            np.add.at(disp, dst, f)
        disp -= 0.005 * pos * (1 + np.sqrt((pos * pos).sum(1)) / radius)[:, None]
        length = np.sqrt(np.maximum((disp * disp).sum(1), 1e-12))
        pos += disp / length[:, None] * np.minimum(length, temp)[:, None]
        temp = max(temp * 0.93, 0.02)
    return {v: (round(float(x) * 150, 1), round(float(y) * 150, 1)) for v, (x, y) in zip(names, pos)}
