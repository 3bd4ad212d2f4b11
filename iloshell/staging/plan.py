"""From staged changes to the exact requests commit will send: one PATCH per resource with
the smallest body that carries every change, and If-Match with the ETag they were staged
against. Pure, so ``commit --dry-run`` shows precisely what ``commit`` sends.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from iloshell.staging.stage import Change


@dataclass
class PatchRequest:
    uri: str
    body: dict[str, Any]
    headers: dict[str, str] = field(default_factory=dict)
    changes: list[Change] = field(default_factory=list)

    def shown_body(self) -> dict[str, Any]:
        """The body with secret values masked, for dry runs and confirmation prompts."""
        return merged_body(self.changes, masked=True)


def merged_body(changes: list[Change], *, masked: bool = False) -> dict[str, Any]:
    """Nest each change's pointer into one JSON object (``Boot/BootSourceOverrideTarget``
    becomes ``{"Boot": {"BootSourceOverrideTarget": ...}}``)."""
    body: dict[str, Any] = {}
    for change in changes:
        node = body
        for part in change.pointer[:-1]:
            child = node.get(part)
            if not isinstance(child, dict):
                child = node[part] = {}
            node = child
        node[change.pointer[-1]] = change.shown_value() if masked else change.value
    return body


def if_match(changes: list[Change]) -> str | None:
    """The ETag the changes were staged against; the oldest when they differ (if any of them
    is stale, the service must refuse the whole PATCH rather than apply it blindly)."""
    for change in changes:
        if change.etag:
            return change.etag
    return None


def plan(groups: dict[str, list[Change]], *, force: bool = False) -> list[PatchRequest]:
    requests = []
    for uri, changes in groups.items():
        headers = {}
        etag = if_match(changes)
        if etag and not force:
            headers["If-Match"] = etag
        requests.append(PatchRequest(uri, merged_body(changes), headers, list(changes)))
    return requests
