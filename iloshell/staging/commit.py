"""Sending a commit plan and finding out what really happened.

After each PATCH the resource is read again: a 200 only says the service accepted the body,
not that every value took (iLO quietly ignores some), and a settings object holds values that
apply at the next reset. Each change ends applied, pending or still staged with its reason.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from iloshell.errors import IloshellError
from iloshell.graph.graph import Graph, service_error
from iloshell.redfish.walk import node_or
from iloshell.staging.plan import PatchRequest
from iloshell.staging.stage import Change
from iloshell.transport.response import Response
from iloshell.transport.task import TaskResult

APPLIED = "applied"
PENDING = "pending"  # in a settings object: applies at the next reset
FAILED = "failed"  # the request was refused or never answered: still staged
NOT_APPLIED = "not applied"  # accepted, yet the service shows another value: still staged

RESET_MESSAGES = ("SystemResetRequired", "ResetRequired")


@dataclass
class Outcome:
    change: Change
    status: str
    detail: str | None = None


@dataclass
class CommitReport:
    outcomes: list[Outcome] = field(default_factory=list)
    messages: list[dict] = field(default_factory=list)  # ExtendedInfo of accepted PATCHes

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status in (FAILED, NOT_APPLIED)]

    @property
    def reset_needed(self) -> bool:
        if any(o.status == PENDING for o in self.outcomes):
            return True
        return any(str(m.get("MessageId", "")).endswith(RESET_MESSAGES) for m in self.messages)


def send(
    graph: Graph,
    requests: list[PatchRequest],
    reason_of: Callable[[IloshellError], str],
    follow: Callable[[Response], TaskResult] | None = None,
) -> CommitReport:
    """PATCH each request in turn; a failure of one does not stop the others. A PATCH the
    service runs as a task (202) is followed to its end with ``follow``."""
    report = CommitReport()
    for request in requests:
        try:
            response = graph.write("PATCH", request.uri, request.body, headers=request.headers)
            task = follow(response) if follow and response.status == 202 else None
        except IloshellError as err:
            # The answer was lost; the PATCH may have been applied. Look before reporting.
            reason = reason_of(err)
            report.outcomes += settle(graph, request, reason, reason_of)
            continue
        if response.status == 412:
            # Also what a retried PATCH gets when its first attempt was applied unanswered.
            reason = (
                "the resource changed on the service since this was staged (412); "
                "run refresh, check diff, then commit again (commit --force overwrites)"
            )
            report.outcomes += settle(graph, request, reason, reason_of)
            continue
        if response.status == 428:
            reason = "the service requires If-Match and no ETag was known; refresh, then commit"
            report.outcomes += [Outcome(c, FAILED, reason) for c in request.changes]
            continue
        if not response.ok:
            reason = reason_of(service_error(response))
            report.outcomes += [Outcome(c, FAILED, reason) for c in request.changes]
            continue
        if task is not None:
            report.messages += task.messages
            if not task.ok:
                report.outcomes += [Outcome(c, FAILED, task.summary()) for c in request.changes]
                continue
        report.messages += response.extended_info()
        report.outcomes += verify(graph, request, reason_of)
    return report


def settle(
    graph: Graph,
    request: PatchRequest,
    reason: str,
    reason_of: Callable[[IloshellError], str],
) -> list[Outcome]:
    """After a failure: changes whose values are on the service anyway count as done; the
    others stay staged with the reason."""
    outcomes = verify(graph, request, reason_of)
    if all(o.status != NOT_APPLIED for o in outcomes) and not any(
        o.change.secret for o in outcomes
    ):
        return outcomes
    return [Outcome(o.change, FAILED, reason) for o in outcomes]


def verify(
    graph: Graph, request: PatchRequest, reason_of: Callable[[IloshellError], str]
) -> list[Outcome]:
    """Read the resource again (Graph.write forgot it) and say, for each change, whether the
    value is there now."""
    try:
        body = graph.get(request.uri).body
    except IloshellError as err:
        reason = f"accepted, but reading it back failed: {reason_of(err)}"
        return [Outcome(c, NOT_APPLIED, reason) for c in request.changes]
    outcomes = []
    for change in request.changes:
        now: Any = node_or(body, change.pointer)
        if change.secret or now == change.value:
            outcomes.append(Outcome(change, PENDING if change.settings_of else APPLIED))
        else:
            shown = "absent" if now is None else repr(now)
            outcomes.append(
                Outcome(change, NOT_APPLIED, f"the service accepted it but shows {shown}")
            )
    return outcomes
