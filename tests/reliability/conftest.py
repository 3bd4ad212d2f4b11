"""The reliability tests print how many fuzz cases each property ran (see fuzzing.py)."""

from __future__ import annotations

import pytest

from tests.reliability.fuzzing import CASES


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not CASES:
        return
    terminalreporter.section("reliability: fuzz cases run")
    for name, number in sorted(CASES.items()):
        terminalreporter.write_line(f"{name:<40} {number:>6}")
    terminalreporter.write_line(f"{'total':<40} {sum(CASES.values()):>6}")
