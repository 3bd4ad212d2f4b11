"""Bounded, deterministic fuzzing for the reliability tests, and a count of what ran.

Every property test here uses :data:`FUZZ` (or ``FUZZ`` with another ``max_examples``): the
examples are derived from the test itself (``derandomize``), so CI runs the same cases every
time and a failure found once is found again. Each test body calls :func:`count`; the conftest
prints the totals at the end of the run (the figures quoted in docs/reliability.md).
"""

from __future__ import annotations

from collections import Counter

from hypothesis import HealthCheck, settings

FUZZ = settings(
    derandomize=True,
    max_examples=300,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

CASES: Counter[str] = Counter()


def count(name: str) -> None:
    """One more case of ``name`` ran to the end."""
    CASES[name] += 1
