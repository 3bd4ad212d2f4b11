"""HTTP exchanges as curl commands, for ``trace``: what the shell does, in the form people
paste into a terminal, a script or a bug report.

The command is runnable as printed once the masked token (``***``) is filled in; the status,
the time and the service's messages follow as ``#`` comment lines, so a copied block still runs.
Pure: formats :class:`~iloshell.transport.response.Exchange` records, never sends anything.
"""

from __future__ import annotations

import json
import shlex
from collections.abc import Sequence

from iloshell.redfish.resource import MASK, mask_secrets
from iloshell.text import json_text
from iloshell.transport.response import Exchange

# Credentials: shown as *** (Basic keeps its scheme word so the header still reads right).
SECRET_HEADERS = frozenset(
    {"x-auth-token", "authorization", "cookie", "set-cookie", "proxy-authorization"}
)
# Sent on every request by the client, and by curl itself or not needed by the service: left
# out so the command shows what this request is about.
QUIET_HEADERS = frozenset(
    {"user-agent", "accept", "accept-encoding", "connection", "content-length", "odata-version"}
)


def curl_command(exchange: Exchange, *, insecure: bool = False) -> str:
    """One runnable ``curl`` line for a request, secrets masked."""
    words = ["curl", "-sS", "-i"]
    if insecure and exchange.url.startswith("https:"):
        words.append("-k")
    if exchange.method != "GET":
        words += ["-X", exchange.method]
    words.append(exchange.url)
    for name, value in exchange.request_headers.items():
        folded = name.casefold()
        if folded in QUIET_HEADERS:
            continue
        words += ["-H", f"{name}: {header_shown(name, value)}"]
    if exchange.request_body is not None:
        words += ["-d", body_text(exchange.request_body)]
    return " ".join(shlex.quote(w) for w in words)


def body_text(body: bytes) -> str:
    """A request body as curl's -d argument: compact JSON with passwords masked."""
    try:
        value = json.loads(body)
    except ValueError:
        return body.decode("utf-8", "replace")
    return json_text(mask_secrets(value), separators=(",", ":"))


def outcome_line(exchange: Exchange) -> str:
    """``# 200 OK  12 ms``; redirects name their target, failures say what went wrong."""
    took = f"{exchange.elapsed * 1000:.0f} ms"
    if exchange.status is None:
        return f"# failed after {took}: {exchange.error or 'no answer'}"
    line = f"# {exchange.status} {exchange.reason}".rstrip() + f"  {took}"
    location = exchange.response_headers.get("Location")
    if location and (300 <= exchange.status < 400 or exchange.status == 201):
        line += f"  Location: {location}"
    return line


def trace_block(exchange: Exchange, *, insecure: bool, messages: Sequence[str] = ()) -> str:
    """What ``trace`` prints for one exchange: the command, the outcome, the messages."""
    lines = [curl_command(exchange, insecure=insecure), outcome_line(exchange)]
    lines += [f"#   {m}" for m in messages]
    return "\n".join(lines)


def header_shown(name: str, value: str) -> str:
    """A header's value as printed: credentials masked (the scheme of Authorization kept)."""
    if name.casefold() not in SECRET_HEADERS:
        return value
    scheme = value.split(" ", 1)[0] if " " in value else ""
    return f"{scheme} {MASK}" if scheme else MASK
