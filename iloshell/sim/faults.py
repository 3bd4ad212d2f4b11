"""Deterministic faults for testing clients: --latency-ms and --fault SPEC.

``503:every=N``, ``drop:every=N`` and ``slow:every=N:ms=M`` fire on every Nth request the service
counts (the /__sim__/ endpoints are not counted), so a test knows exactly which request fails;
``expire-sessions:after=S`` gives every session an absolute lifetime of S seconds.
"""

from __future__ import annotations

import itertools
import threading
from dataclasses import dataclass


class FaultSpecError(ValueError):
    """A --fault value that cannot be understood."""


@dataclass(frozen=True)
class Fault:
    """One parsed --fault value."""

    kind: str  # "503", "drop", "slow" or "expire-sessions"
    every: int = 0
    ms: int = 0
    after: float = 0.0


_PARAMS = {
    "503": {"every"},
    "drop": {"every"},
    "slow": {"every", "ms"},
    "expire-sessions": {"after"},
}


def parse_fault(spec: str) -> Fault:
    """``503:every=3`` -> Fault("503", every=3); FaultSpecError says what is wrong."""
    kind, *parts = spec.strip().split(":")
    if kind not in _PARAMS:
        raise FaultSpecError(
            f"unknown fault {kind!r} in {spec!r}; use 503:every=N, drop:every=N, "
            "slow:every=N:ms=M or expire-sessions:after=S"
        )
    values: dict[str, float] = {}
    for part in parts:
        name, sep, text = part.partition("=")
        if not sep or name not in _PARAMS[kind]:
            raise FaultSpecError(f"{spec!r}: {kind} takes {', '.join(sorted(_PARAMS[kind]))}")
        try:
            number = float(text)
        except ValueError:
            raise FaultSpecError(f"{spec!r}: {name} must be a number, not {text!r}") from None
        if number <= 0 or (name != "after" and number != int(number)):
            raise FaultSpecError(f"{spec!r}: {name} must be a positive whole number")
        values[name] = number
    missing = _PARAMS[kind] - values.keys()
    if missing:
        raise FaultSpecError(f"{spec!r}: missing {', '.join(sorted(missing))}=...")
    return Fault(
        kind,
        every=int(values.get("every", 0)),
        ms=int(values.get("ms", 0)),
        after=values.get("after", 0.0),
    )


@dataclass(frozen=True)
class Decision:
    """What the faults say about one request."""

    delay: float = 0.0  # seconds to wait before answering
    unavailable: bool = False  # answer 503 with Retry-After
    drop: bool = False  # close the connection without answering


class FaultPlan:
    """Counts requests and decides, deterministically, which ones a fault hits."""

    def __init__(self, faults: list[Fault], latency_ms: int = 0) -> None:
        self.faults = faults
        self.latency = latency_ms / 1000
        self._counter = itertools.count(1)
        self._lock = threading.Lock()

    @property
    def session_lifetime(self) -> float | None:
        """The absolute session lifetime an expire-sessions fault sets, if any."""
        lifetimes = [f.after for f in self.faults if f.kind == "expire-sessions"]
        return min(lifetimes) if lifetimes else None

    def next(self) -> Decision:
        """Count one request and return its fate."""
        with self._lock:
            number = next(self._counter)
        delay, unavailable, drop = self.latency, False, False
        for fault in self.faults:
            if not fault.every or number % fault.every:
                continue
            if fault.kind == "503":
                unavailable = True
            elif fault.kind == "drop":
                drop = True
            elif fault.kind == "slow":
                delay += fault.ms / 1000
        return Decision(delay, unavailable, drop)
