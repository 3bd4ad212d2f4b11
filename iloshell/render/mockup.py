"""A service saved as a DMTF short-form mockup: ``<path below /redfish/v1>/index.json``, the
folder itself being ``/redfish/v1`` — what ``snapshot`` writes and ``iloshell-sim --mockup``
(or DMTF's Redfish-Mockup-Server with ``-S``) serves.

iLO spells some URIs in lower case (``/redfish/v1/systems/1/bios/`` beside
``/redfish/v1/Systems/1``); on a case-sensitive disk those would become two folders, so a
folder keeps the first spelling it was written with and later spellings reuse it. Pure: paths
and bodies only; the command does the writing.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any

from iloshell.redfish.paths import uri_path
from iloshell.redfish.resource import mask_secrets
from iloshell.render.redact import Redactor

ROOT = "/redfish/v1"


class Folders:
    """URI -> folder below the mockup root, one spelling per folder (case-insensitively)."""

    def __init__(self) -> None:
        self._spelling: dict[str, str] = {}

    def folder(self, uri: str) -> PurePosixPath | None:
        """The folder for a URI, or None when it is not below /redfish/v1 (a short-form
        mockup cannot hold it)."""
        path = uri_path(uri).rstrip("/")
        if path.casefold() != ROOT and not path.casefold().startswith(ROOT + "/"):
            return None
        parts: list[str] = []
        for segment in (s for s in path[len(ROOT) :].split("/") if s):
            if segment in (".", ".."):
                return None
            parts.append(segment)
            key = "/".join(parts).casefold()
            parts[-1] = self._spelling.setdefault(key, segment)
        return PurePosixPath(*parts) if parts else PurePosixPath(".")


def mockup_uri(uri: str, redactor: Redactor | None = None) -> str:
    """Where a resource is stored: its URI, with ``--redact`` the one every redacted link to it
    names (a system whose id is its serial number moves to ``Systems/REDACTED0001``)."""
    return redactor.uri(uri) if redactor is not None else uri


def mockup_body(body: Any, redactor: Redactor | None = None) -> Any:
    """A resource body as the snapshot stores it: secrets nulled (as a service shows
    write-only passwords), and with ``--redact`` serials, MACs and IPs replaced, in links
    too, as :func:`mockup_uri` replaces them."""
    body = mask_secrets(body, None)
    return redactor.redact(body) if redactor is not None else body


def document_body(doc: Any, redactor: Redactor | None = None) -> Any:
    """A schema or registry document: kept as served, except that ``--redact`` also covers
    the values an attribute registry may carry for this machine."""
    return redactor.redact_registry(doc) if redactor is not None else doc
