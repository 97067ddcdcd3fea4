"""Print the number of cases each property tried (whatever ``-s`` says: pytest's terminal reporter)."""

from __future__ import annotations

from tests.property.cases import CASES


def pytest_terminal_summary(terminalreporter) -> None:
    if CASES:
        terminalreporter.section("property cases tried")
        for name, n in sorted(CASES.items()):
            terminalreporter.write_line(f"{name:52} {n:6d}")
        terminalreporter.write_line(f"{'total':52} {sum(CASES.values()):6d}")
