"""Turning the service's @Message.ExtendedInfo into sentences a person can act on.

Every command's errors pass through :func:`describe`, so a MessageId is resolved through the
service's own registries the same way everywhere; the bare id is shown only when no registry
can be found.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from iloshell.errors import IloshellError, ServiceError, one_line

if TYPE_CHECKING:
    from iloshell.commands.connection import Connection


def describe(err: IloshellError, connection: Connection | None) -> str:
    """One line for an error, with the service's messages resolved when it sent any."""
    text = str(err)
    if isinstance(err, ServiceError) and err.extended_info:
        text += " — " + one_line("; ".join(message_lines(err.extended_info, connection)))
    return text


def has_resolution(text: str | None) -> bool:
    """Registries say "None" where nothing is to be done (Base Success): not worth a word."""
    return bool(text) and text.strip().rstrip(".").casefold() != "none"


def message_lines(info: list[dict], connection: Connection | None) -> list[str]:
    """Each ExtendedInfo entry as ``Text [MessageId] Resolution: ...``."""
    lines = []
    for entry in info:
        resolved = None
        if connection is not None:
            try:
                resolved = connection.registries.resolve(entry)
            except IloshellError:
                resolved = None
        if resolved is not None and resolved.resolved:
            line = f"{resolved.text} [{resolved.message_id}]"
            if resolved.related_properties:  # which property the service means: "#/AssetTag"
                line += f" (at {', '.join(resolved.related_properties)})"
            if has_resolution(resolved.resolution):
                line += f" Resolution: {resolved.resolution}"
        else:
            line = bare(entry)
        lines.append(line)
    return lines


def bare(entry: dict) -> str:
    """An entry as the service sent it, when no registry explains it."""
    message_id = str(entry.get("MessageId", "unknown message"))
    own = entry.get("Message")
    args = entry.get("MessageArgs") or []
    text = f"{own} [{message_id}]" if isinstance(own, str) and own else message_id
    if args and not own:
        text += " (" + ", ".join(str(a) for a in args) + ")"
    return text
