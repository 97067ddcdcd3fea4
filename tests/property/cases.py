"""Settings of the property tests and the count of the cases each property tried.

Deterministic: ``derandomize=True`` (the cases depend only on the code of the
test), no example database. ``DDGRAPH_PROPERTY_EXAMPLES`` scales every property's
``max_examples`` (default 1; 10 for a longer hunt). The counts are printed at the
end of the run by ``tests/property/conftest.py``.
"""

from __future__ import annotations

import os
from collections import Counter

from hypothesis import HealthCheck, settings

SCALE = float(os.environ.get("DDGRAPH_PROPERTY_EXAMPLES", "1"))
CASES: Counter = Counter()

settings.register_profile("ddgraph", derandomize=True, database=None, deadline=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                                 HealthCheck.data_too_large])
settings.load_profile("ddgraph")


def examples(n: int) -> settings:
    """Settings with ``n`` examples (times ``DDGRAPH_PROPERTY_EXAMPLES``)."""
    return settings(max_examples=max(1, int(n * SCALE)))


def count(name: str) -> None:
    """Count one case of property ``name``."""
    CASES[name] += 1
