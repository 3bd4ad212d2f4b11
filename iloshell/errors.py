"""The exceptions every layer raises, each carrying the exit code a script run ends with.

One module at the bottom of the stack so that the transport, the graph and the commands can
all raise errors the front ends know how to print as one line, without importing each other.
"""

from __future__ import annotations

# Exit codes, documented in the README and `iloshell --help`.
EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_CONNECT = 3
EXIT_INVALID = 4
EXIT_SERVICE = 5


class IloshellError(Exception):
    """A failure with one readable line of explanation (``str(err)``) and an exit code."""

    exit_code = EXIT_FAILED

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return one_line(f"{self.message} ({self.hint})" if self.hint else self.message)


class UsageError(IloshellError):
    """The command line or a command's arguments are wrong."""

    exit_code = EXIT_USAGE


class CommandError(IloshellError):
    """A command could not do what it was asked (unknown path, nothing staged, ...)."""

    exit_code = EXIT_FAILED


class ConnectError(IloshellError):
    """The service could not be reached, TLS failed, or login was refused."""

    exit_code = EXIT_CONNECT


class ValidationError(IloshellError):
    """A change was refused before anything was sent, because the schema or registry forbids it."""

    exit_code = EXIT_INVALID


class ServiceError(IloshellError):
    """The service answered a request with an error status."""

    exit_code = EXIT_SERVICE

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        extended_info: list[dict] | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message, hint=hint)
        self.status = status
        self.extended_info = extended_info or []


class Cancelled(IloshellError):
    """The user pressed Ctrl-C while a command ran."""

    exit_code = EXIT_FAILED


def one_line(text: str) -> str:
    """``text`` as one line of printable characters. Messages quote what a service sent (URIs,
    its own error text), which may hold line breaks or escape sequences a terminal would obey;
    those are shown as escapes (``\\n``, ``\\x1b``)."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else ascii(c)[1:-1] for c in text)


# Answers that say "not now" rather than "not there": the session is gone, or the service is
# busy or cannot be reached behind a proxy.
UNAVAILABLE_STATUSES = frozenset({401, 408, 429, 502, 503, 504})


def could_not_ask(err: IloshellError) -> bool:
    """Whether a failure says nothing about what was asked for (the connection, the session or
    the service failed). Code that reads a failed fetch as "the service has no such schema"
    must not read these so, or one passing fault would let changes through unvalidated."""
    if isinstance(err, ConnectError | Cancelled):
        return True
    return isinstance(err, ServiceError) and err.status in UNAVAILABLE_STATUSES
