"""Logging in and out: a Redfish session when the service has one, HTTP Basic otherwise.

The password stays in memory only, so that an expired token can be renewed once without
asking; it is never put in an exception, a log line or a repr.
"""

from __future__ import annotations

import base64
import contextlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from iloshell.errors import ConnectError, IloshellError
from iloshell.redfish.protocol import SERVICE_ROOT
from iloshell.transport.client import RedfishClient
from iloshell.transport.response import Response, error_summary, extended_info_of


class LoginRefused(ConnectError):
    """The service said no to these credentials (as opposed to not answering)."""


class SessionsNotOffered(ConnectError):
    """The service answered that it takes no session login at its Sessions link."""


# Answers to the login POST that mean "no sessions here" (some services list a Sessions
# collection but refuse POST to it): only these fall back to Basic. Any other failure, a lost
# connection or a timeout above all, is an error: quietly switching to Basic then would hide
# the fault and leave behind the session the service may have opened.
NO_SESSIONS = frozenset({404, 405, 501})


@dataclass
class Credentials:
    user: str
    password: str = field(repr=False)


class Auth:
    """What the client asks for headers, and to renew them after a 401."""

    kind = "none"

    def headers(self) -> Mapping[str, str]:
        return {}

    def renew(self, client: RedfishClient) -> bool:
        return False

    def logout(self, client: RedfishClient) -> None:
        """End the session on the service; never raises (it runs on every way out)."""

    def secrets(self) -> list[str]:
        """What must never be printed, even when a service echoes it back in an error: the
        token or the Basic string, long and random. (Not the password: it may be a plain word,
        and masking it everywhere would cut words out of help and explain text.)"""
        return []


class BasicAuth(Auth):
    kind = "basic"

    def __init__(self, credentials: Credentials) -> None:
        token = f"{credentials.user}:{credentials.password}".encode()
        self._header = {"Authorization": "Basic " + base64.b64encode(token).decode()}

    def headers(self) -> Mapping[str, str]:
        return self._header

    def secrets(self) -> list[str]:
        return [self._header["Authorization"].removeprefix("Basic ")]


class SessionAuth(Auth):
    """An X-Auth-Token from POST to the Sessions collection; DELETE of its Location logs out."""

    kind = "session"

    def __init__(self, credentials: Credentials, sessions_uri: str) -> None:
        self.credentials = credentials
        self.sessions_uri = sessions_uri
        self.token: str | None = None
        self.session_uri: str | None = None
        self.notice: str | None = None  # why the session cannot be deleted at logout

    def headers(self) -> Mapping[str, str]:
        return {"X-Auth-Token": self.token} if self.token else {}

    def secrets(self) -> list[str]:
        return [self.token] if self.token else []

    def open(self, client: RedfishClient) -> None:
        """POST the credentials to Sessions. A login whose connection was lost is sent again
        (``repeatable``): at worst the service keeps a session nobody holds until it expires,
        which beats failing a whole script on one dropped packet."""
        try:
            response = client.request(
                "POST",
                self.sessions_uri,
                {"UserName": self.credentials.user, "Password": self.credentials.password},
                authenticate=False,
                repeatable=True,
            )
        except ConnectError as err:
            raise ConnectError(
                f"login on {client.host} failed: {err.message}", hint=err.hint
            ) from None
        if response.status in NO_SESSIONS:
            raise SessionsNotOffered(
                f"{client.host} takes no session login at {self.sessions_uri} "
                f"({response.status} {response.reason})"
            )
        if response.status in (401, 403):
            raise LoginRefused(
                f"login refused for user {self.credentials.user!r} on {client.host}"
                + describe_refusal(response),
                hint="check the user name and password",
            )
        if not response.ok:
            raise ConnectError(
                f"login failed on {client.host}: {response.status} {response.reason}"
                + describe_refusal(response)
            )
        token = response.headers.get("X-Auth-Token")
        if not token:
            raise ConnectError(f"login on {client.host} answered without an X-Auth-Token")
        self.token = token
        self.session_uri = session_location(client, response)
        self.notice = (
            None
            if self.session_uri
            else f"{client.host} named no URI of its own for this session; it cannot be "
            "deleted at logout and stays open until it expires"
        )

    def renew(self, client: RedfishClient) -> bool:
        """Log in again after a 401, ending the old session first in case the 401 meant
        something other than its expiry (it would live on, held by nobody).

        A failed login raises. One the service refused drops the token, so the session is
        not tried again and again; one lost on the way keeps it, and the next request that
        meets a 401 tries again.
        """
        self.end_session(client)
        try:
            self.open(client)
        except LoginRefused:
            self.token = None
            raise
        except ConnectError as err:
            raise ConnectError(f"the session ended; {err.message}", hint=err.hint) from None
        return True

    def logout(self, client: RedfishClient) -> None:
        try:
            self.end_session(client)
        finally:
            self.token = None

    def end_session(self, client: RedfishClient) -> None:
        """DELETE the session; never raises. With our token as a plain header: a 401 means
        the session has expired already, and the client's re-login would leave a new one."""
        if not (self.token and self.session_uri):
            return
        with contextlib.suppress(IloshellError):
            client.request("DELETE", self.session_uri, headers=self.headers(), authenticate=False)


AUTH_METHODS = ("auto", "session", "basic")


def login(
    client: RedfishClient,
    credentials: Credentials,
    root: dict[str, Any] | None,
    method: str = "auto",
) -> Auth:
    """Log in as ``method`` says (``--auth``). ``auto``: a session when the service root
    names a Sessions collection, else Basic; and Basic too when the session login is refused
    (401/403) but the same credentials read the SessionService with Basic (some emulators
    demand Basic credentials even on the login POST)."""
    root = root or {}
    sessions = sessions_link(root)
    if method == "session" and not sessions:
        raise ConnectError(
            f"{client.host} names no Sessions collection", hint="try --auth basic (or auto)"
        )
    if sessions and method != "basic":
        auth = SessionAuth(credentials, sessions)
        try:
            auth.open(client)
        except SessionsNotOffered:
            if method == "session":
                raise
        except LoginRefused:
            if method == "session" or not _basic_works(client, credentials, root):
                raise
        else:
            client.auth = auth
            return auth
    auth = BasicAuth(credentials)
    client.auth = auth
    check = client.get(protected_probe(root))
    if check.status in (401, 403):
        raise ConnectError(
            f"login refused for user {credentials.user!r} on {client.host}"
            + describe_refusal(check),
            hint="check the user name and password",
        )
    return auth


def _basic_works(client: RedfishClient, credentials: Credentials, root: dict[str, Any]) -> bool:
    """Whether a Basic GET of the SessionService (or a protected resource) is answered."""
    service = root.get("SessionService")
    uri = service.get("@odata.id") if isinstance(service, dict) else None
    headers = BasicAuth(credentials).headers()
    try:
        response = client.request(
            "GET",
            uri if isinstance(uri, str) else protected_probe(root),
            headers=headers,
            authenticate=False,
        )
    except IloshellError:
        return False
    return response.ok


def sessions_link(root: dict[str, Any]) -> str | None:
    """The Sessions collection, from ``Links.Sessions`` (required by Redfish) or SessionService."""
    links = root.get("Links")
    if isinstance(links, dict):
        target = links.get("Sessions")
        if isinstance(target, dict) and isinstance(target.get("@odata.id"), str):
            return target["@odata.id"]
    if isinstance(root.get("SessionService"), dict):
        service = root["SessionService"].get("@odata.id")
        if isinstance(service, str):
            return service.rstrip("/") + "/Sessions"
    return None


def protected_probe(root: dict[str, Any]) -> str:
    """A URI that needs credentials, to check Basic auth works before the first command."""
    for name in ("Systems", "Chassis", "Managers", "AccountService"):
        target = root.get(name)
        if isinstance(target, dict) and isinstance(target.get("@odata.id"), str):
            return target["@odata.id"]
    return SERVICE_ROOT


def session_location(client: RedfishClient, response: Response) -> str | None:
    """The session's URI to DELETE at logout: the login's Location, or its body's
    ``@odata.id``, whichever is on the service itself (the URL rule of ``origin``). A
    Location elsewhere must never get the DELETE, which carries the token."""
    try:
        body = response.json()
    except IloshellError:
        body = None
    own = body.get("@odata.id") if isinstance(body, dict) else None
    for candidate in (response.location, own):
        if isinstance(candidate, str) and candidate and client.own(candidate):
            return client.url(candidate)
    return None


def describe_refusal(response: Response) -> str:
    """Add the service's own words (MessageIds or the error message) to a login failure."""
    try:
        body = response.json()
    except IloshellError:
        return ""
    ids = [e.get("MessageId") for e in extended_info_of(body) if e.get("MessageId")]
    summary = error_summary(body)
    said = ", ".join(str(i) for i in ids) or summary
    return f" ({said})" if said else ""
