"""Deterministic faults for testing clients: --latency-ms and --fault SPEC.

``503:every=N``, ``drop:every=N`` and ``slow:every=N:ms=M`` fire on every Nth request the service
counts (the /__sim__/ endpoints are not counted), so a test knows exactly which request fails;
``expire-sessions:after=S`` gives every session an absolute lifetime of S seconds.
``task:polls=N`` answers every change (PATCH, an action's POST) ``202 Accepted`` with a task
monitor that says Running N times before it gives the operation's answer; with ``:fail=1``
the change is not applied and the task ends in Exception.
"""

from __future__ import annotations

import itertools
import threading
from dataclasses import dataclass

from iloshell.sim.protocol import Response


class FaultSpecError(ValueError):
    """A --fault value that cannot be understood."""


@dataclass(frozen=True)
class Fault:
    """One parsed --fault value."""

    kind: str  # "503", "drop", "slow", "expire-sessions" or "task"
    every: int = 0
    ms: int = 0
    after: float = 0.0
    polls: int = 0
    fail: int = 0


_PARAMS = {
    "503": {"every"},
    "drop": {"every"},
    "slow": {"every", "ms"},
    "expire-sessions": {"after"},
    "task": {"polls", "fail"},
}
_OPTIONAL = {"fail"}


def parse_fault(spec: str) -> Fault:
    """``503:every=3`` -> Fault("503", every=3); FaultSpecError says what is wrong."""
    kind, *parts = spec.strip().split(":")
    if kind not in _PARAMS:
        raise FaultSpecError(
            f"unknown fault {kind!r} in {spec!r}; use 503:every=N, drop:every=N, "
            "slow:every=N:ms=M, expire-sessions:after=S or task:polls=N[:fail=1]"
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
    missing = _PARAMS[kind] - _OPTIONAL - values.keys()
    if missing:
        raise FaultSpecError(f"{spec!r}: missing {', '.join(sorted(missing))}=...")
    return Fault(
        kind,
        every=int(values.get("every", 0)),
        ms=int(values.get("ms", 0)),
        after=values.get("after", 0.0),
        polls=int(values.get("polls", 0)),
        fail=int(values.get("fail", 0)),
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
    def task(self) -> Fault | None:
        """The task fault, if any: changes are then answered 202 with a task monitor."""
        return next((f for f in self.faults if f.kind == "task"), None)

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


TASK_MONITORS = "/redfish/v1/TaskService/TaskMonitors/"


class TaskMonitors:
    """The ``task`` fault's monitors: each says Running (with a percentage) for its number
    of polls, then gives the operation's own answer."""

    def __init__(self) -> None:
        self._tasks: dict[str, tuple[list[int], Response]] = {}  # id -> ([left, all], final)
        self._ids = itertools.count(1)
        self._lock = threading.Lock()

    def accept(self, fault: Fault, final: Response) -> Response:
        """Register an accepted change whose answer will be ``final``: 202 and its monitor."""
        with self._lock:
            task_id = str(next(self._ids))
            self._tasks[task_id] = ([fault.polls, fault.polls], final)
        monitor = TASK_MONITORS + task_id
        return Response.json(202, task_doc(task_id, "Running", 0), Location=monitor)

    def poll(self, path: str) -> Response | None:
        """A GET of a monitor: 202 and the Task while it runs, then the final answer; None
        when ``path`` is no monitor of ours."""
        task_id = path.removeprefix(TASK_MONITORS).strip("/")
        with self._lock:
            found = self._tasks.get(task_id) if path.startswith(TASK_MONITORS) else None
            if found is None:
                return None
            polls, final = found
            if polls[0] <= 0:
                return final
            polls[0] -= 1
            done = 100 * (polls[1] - polls[0]) // (polls[1] + 1)
        return Response.json(202, task_doc(task_id, "Running", done), Location=path)


def task_doc(task_id: str, state: str, percent: int, **extra: object) -> dict:
    return {
        "@odata.id": f"/redfish/v1/TaskService/Tasks/{task_id}",
        "@odata.type": "#Task.v1_4_3.Task",
        "Id": task_id,
        "Name": "Task " + task_id,
        "TaskState": state,
        "TaskStatus": "OK",
        "PercentComplete": percent,
        "Messages": [],
        **extra,
    }
