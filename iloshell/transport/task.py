"""Following a ``202 Accepted``: the service runs the change as a task and names its monitor.

Redfish answers a long PATCH or action with 202 and a task monitor in ``Location``; a GET of
the monitor answers 202 (with the Task: TaskState, PercentComplete) while the task runs, and
then the operation's own answer, or the Task in its final state. Reporting the 202 as the
result would call a change that is still running "not applied", or one that failed "done".

The monitor is requested like every URL, through the client's rule (``origin``): a monitor
on another host is refused. The wait is bounded by ``wait`` seconds (``--task-timeout``).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from iloshell.errors import IloshellError
from iloshell.transport.client import RedfishClient, retry_after
from iloshell.transport.response import Response, extended_info_of

TASK_WAIT = 300.0  # default --task-timeout: BIOS and firmware tasks take minutes
# Task states that are not final (Redfish TaskState).
RUNNING = frozenset(
    {"New", "Starting", "Running", "Suspended", "Interrupted", "Pending", "Stopping", "Cancelling"}
)
FINE = frozenset({"Completed"})
POLL_FLOOR, POLL_CEILING = 0.2, 5.0  # a Retry-After of 0 must not make the shell spin


@dataclass
class TaskResult:
    """How a task ended, or that the wait ran out (``finished`` False)."""

    monitor: str
    response: Response
    finished: bool
    state: str | None = None  # TaskState, when the answer was a Task
    status: str | None = None  # TaskStatus
    messages: list[dict] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return (
            self.finished
            and self.response.ok
            and (self.state is None or self.state in FINE)
            and self.status not in ("Critical",)
        )

    def summary(self) -> str:
        """One line: the final state, or how long it ran and where to look."""
        where = urlsplit(self.monitor).path
        if not self.finished:
            return f"the task is still {self.state or 'running'} (monitor {where}); it may finish"
        if not self.response.ok:
            return f"the task failed: {self.response.status} {self.response.reason}".rstrip()
        state = self.state or "Completed"
        return f"the task ended {state}" + (f" ({self.status})" if self.status else "")


def follow_task(
    client: RedfishClient,
    accepted: Response,
    *,
    wait: float = TASK_WAIT,
    progress: Callable[[str], None] | None = None,
) -> TaskResult:
    """Poll the task monitor a 202 names until the task ends, or ``wait`` seconds pass."""
    where = f"the task monitor (Location) of {accepted.method} {urlsplit(accepted.url).path}"
    monitor = client.url(accepted.location or "", where, against=accepted.url)
    deadline = time.monotonic() + wait
    response, shown = accepted, ""
    while True:
        result = read_task(monitor, response)
        if response.status != 202 or (result.state and result.state not in RUNNING):
            result.finished = True
            return result
        line = progress_line(response)
        if progress is not None and line != shown:
            progress(line)
            shown = line
        pause = min(max(retry_after(response, 1.0), POLL_FLOOR), POLL_CEILING)
        if time.monotonic() + pause > deadline:
            result.finished = False
            return result
        client.pause(pause)
        response = client.get(monitor)


def read_task(monitor: str, response: Response) -> TaskResult:
    """What one answer of the monitor says: a Task's state and messages, or an error's."""
    try:
        body: Any = response.json()
    except IloshellError:
        body = None
    result = TaskResult(monitor, response, finished=False, messages=extended_info_of(body))
    if isinstance(body, dict) and isinstance(body.get("TaskState"), str):
        result.state = body["TaskState"]
        status = body.get("TaskStatus")
        result.status = status if isinstance(status, str) else None
        messages = body.get("Messages")
        if isinstance(messages, list):
            result.messages += [m for m in messages if isinstance(m, dict)]
    return result


def progress_line(response: Response) -> str:
    """``task Running 40%`` from a monitor's 202 (without what it does not say)."""
    try:
        body = response.json()
    except IloshellError:
        body = None
    body = body if isinstance(body, dict) else {}
    state = body.get("TaskState") if isinstance(body.get("TaskState"), str) else "running"
    percent = body.get("PercentComplete")
    done = f" {percent}%" if isinstance(percent, int) and not isinstance(percent, bool) else ""
    return f"task {state}{done}"
