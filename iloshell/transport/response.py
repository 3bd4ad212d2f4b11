"""What one HTTP exchange looks like to the layers above: plain data, no requests objects.

Keeping requests' types inside the transport lets the graph, the trace printer and the tests
work on these small records only.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from iloshell.errors import ServiceError, one_line


@dataclass
class Exchange:
    """One request and its answer (or the failure), as the trace and statistics see it."""

    method: str
    url: str
    request_headers: dict[str, str]
    request_body: bytes | None
    status: int | None = None
    reason: str = ""
    response_headers: Mapping[str, str] = field(default_factory=dict)
    response_body: bytes = b""
    elapsed: float = 0.0
    error: str | None = None


@dataclass
class Response:
    """A final (non-redirect) answer from the service."""

    method: str
    url: str
    status: int
    reason: str
    headers: Mapping[str, str]
    body: bytes
    elapsed: float

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    @property
    def etag(self) -> str | None:
        return self.headers.get("ETag")

    @property
    def location(self) -> str | None:
        return self.headers.get("Location")

    def json(self) -> Any:
        """The body as JSON; a clear ServiceError when the service sent something else."""
        if not self.body.strip():
            return None
        try:
            return json.loads(self.body)
        except UnicodeDecodeError:
            raise ServiceError(
                f"{self.method} {self.url}: the service sent a body that is not valid UTF-8",
                status=self.status,
            ) from None
        except ValueError:
            raise ServiceError(
                f"{self.method} {self.url}: the service sent {describe_non_json(self)} "
                "instead of JSON",
                status=self.status,
            ) from None
        except RecursionError:
            raise ServiceError(
                f"{self.method} {self.url}: the service sent JSON nested too deeply to read",
                status=self.status,
            ) from None

    def extended_info(self) -> list[dict]:
        """The @Message.ExtendedInfo entries of an error or success body, if any."""
        try:
            body = self.json()
        except ServiceError:
            return []
        return extended_info_of(body)


def extended_info_of(body: Any) -> list[dict]:
    """ExtendedInfo from ``{"error": {...}}`` bodies and from plain resource bodies alike."""
    if not isinstance(body, dict):
        return []
    holder = body.get("error") if isinstance(body.get("error"), dict) else body
    info = holder.get("@Message.ExtendedInfo")
    if isinstance(info, dict):
        info = [info]
    if not isinstance(info, list):
        return []
    return [entry for entry in info if isinstance(entry, dict)]


def error_summary(body: Any) -> str | None:
    """The top-level ``error.message`` of an error body, when it says more than the boilerplate."""
    if isinstance(body, dict) and isinstance(body.get("error"), dict):
        message = body["error"].get("message")
        if isinstance(message, str) and "See @Message.ExtendedInfo" not in message:
            return message
    return None


_TITLE = re.compile(r"<title[^>]*>(.*?)</title", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def text_summary(response: Response, limit: int = 200) -> str | None:
    """What a body that is not JSON says, for an error line: an HTML page by its title
    (else its first text), plain text by its first two non-blank lines, cut at ``limit``.

    Some services answer errors in plain text (``PATCH only works for Boot and IndicatorLED
    elements``); dropping it would leave only ``400 BAD REQUEST``."""
    text = response.body[:4096].decode("utf-8", "replace")
    if "<html" in text.lower() or "<!doctype" in text.lower():
        title = _TITLE.search(text)
        text = title[1] if title else _TAG.sub(" ", text)
    lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    said = one_line(" ".join(lines[:2]))
    if not said:
        return None
    return said if len(said) <= limit else said[: limit - 1] + "…"


def describe_non_json(response: Response) -> str:
    """Name what came back when JSON was expected: an HTML page, plain text, ..."""
    ctype = response.headers.get("Content-Type", "").split(";")[0].strip() or "no Content-Type"
    head = response.body[:200].decode("utf-8", "replace").strip().lower()
    if "<html" in head or "<!doctype" in head:
        return f"an HTML page ({ctype})"
    return f"{len(response.body)} bytes of {ctype}"
