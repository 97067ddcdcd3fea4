"""Headless Chromium (Debian's) for the browser tests: the marks and one browser per module.

Import in a test module as ``from tests.queries.chromium import MARKS, browser, sync_api``
and set ``pytestmark = MARKS``; the module is skipped without Chromium or playwright.
"""

from __future__ import annotations

from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
MARKS = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian chromium at /usr/bin/chromium (apt-get install -y chromium)"),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="needs the python playwright package")


@pytest.fixture(scope="module")
def browser():
    """One Chromium for the module's tests."""
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()
