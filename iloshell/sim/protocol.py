"""The simulator's request and response values, independent of the HTTP server that carries them.

Keeping the Redfish logic on plain values lets the server module stay a thin shell around
http.server and keeps every behaviour reachable from a test without sockets.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl

if TYPE_CHECKING:
    from iloshell.sim.auth import Session

JSON = "application/json; charset=utf-8"
XML = "application/xml; charset=utf-8"


@dataclass
class Request:
    """One HTTP request as the service sees it."""

    method: str
    path: str  # as received, still percent-encoded
    query: str = ""
    headers: Mapping[str, str] = field(default_factory=dict)  # case-insensitive lookups
    body: bytes = b""
    secure: bool = False

    def header(self, name: str) -> str | None:
        """A header value (http.server's message object is case-insensitive; dicts are not)."""
        value = self.headers.get(name)
        if value is None and isinstance(self.headers, dict):
            lowered = name.lower()
            value = next((v for k, v in self.headers.items() if k.lower() == lowered), None)
        return value

    def query_params(self) -> list[tuple[str, str]]:
        """Query parameters in order, blank values kept (``?only`` is a parameter)."""
        return parse_qsl(self.query, keep_blank_values=True)


@dataclass
class Response:
    """One HTTP response: status, extra headers, body bytes and content type."""

    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str | None = JSON

    @classmethod
    def json(cls, status: int, doc: object, **headers: str) -> Response:
        body = json.dumps(doc, separators=(",", ":"), ensure_ascii=False).encode()
        return cls(status, body, _header_names(headers))


@dataclass
class Target:
    """What a request path names."""

    kind: str  # "resource", "session", "action" or "members" (POST alias of a collection)
    uri: str  # canonical spelling
    doc: dict | None = None
    session: Session | None = None
    action: tuple[str, str] | None = None  # (owner URI, "#ComputerSystem.Reset")


class ApiError(Exception):
    """A request refused with an iLO-style error body (built by the service's catalog)."""

    def __init__(self, status: int, entries: list[dict], **headers: str) -> None:
        super().__init__(status, entries)
        self.status = status
        self.entries = entries
        self.headers = _header_names(headers)


def _header_names(headers: Mapping[str, str]) -> dict[str, str]:
    """Keyword-friendly names to header names: ``Retry_After`` -> ``Retry-After``."""
    return {name.replace("_", "-"): value for name, value in headers.items()}


def etag_matches(header: str | None, etag: str) -> bool:
    """RFC 9110 weak comparison of an If-Match / If-None-Match list against one ETag."""
    if header is None or not etag:
        return False
    wanted = [t.strip() for t in header.split(",") if t.strip()]
    if "*" in wanted:
        return True
    bare = etag.removeprefix("W/")
    return any(t.removeprefix("W/") == bare for t in wanted)
