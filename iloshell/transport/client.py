"""The one HTTP client: requests underneath, Redfish manners on top.

It follows redirects itself (iLO answers 308 for other spellings of a URI, for every method,
and the body must be re-sent); requests nothing but the service's own URLs (``origin``);
retries what is safe to retry; logs in again once when a token expires mid-session; and
reports every exchange to observers (the trace printer, the toolbar's timer). Everything it
raises is an ``IloshellError`` with one line.

Time: ``timeout`` bounds each exchange from connect to the last byte of the body, interim
answers and trickled headers included (``deadline``). A request whose exchange ran out of
time is not sent again; retries (after a dropped connection or a 503), redirects and a
re-login start only while less than ``timeout`` has passed since the request began, so one
request ends within twice ``timeout`` (a re-login's own login request has the same bound).
"""

from __future__ import annotations

import ssl
import threading
import time
import warnings
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

import requests
import urllib3

from iloshell import __version__
from iloshell.errors import Cancelled, ConnectError, ServiceError
from iloshell.redfish import origin
from iloshell.text import json_text
from iloshell.transport.deadline import WatchedAdapter, watched
from iloshell.transport.response import Exchange, Response
from iloshell.transport.tls import TlsPolicy, explain_tls_failure, ssl_context

if TYPE_CHECKING:
    from iloshell.transport.auth import Auth

REDIRECTS = (301, 302, 303, 307, 308)
MAX_REDIRECTS = 5
# The largest answer read: 4 times the largest real document known (iLO 5's Japanese BIOS
# attribute registry, 1.0 MB); anything bigger can only be a broken or hostile service. Parsed
# JSON of small objects takes up to 30 times its size in memory, so the cap is that bound too.
MAX_BODY = 4 * 1024 * 1024
# Methods whose repetition cannot do harm; PATCH joins them when it carries If-Match (a
# repeated conditional PATCH is refused with 412 rather than applied twice).
IDEMPOTENT = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS"})
# Times one request may log in again after a 401. Each expiry gets one new login, and a 401
# to the token just made fails the request; a request that waits in between (a 503's
# Retry-After, a retry's backoff) can outlive a short-lived session again, but not without end.
MAX_RELOGINS = 3

Observer = Callable[[Exchange], None]


def normalize_base_url(url: str) -> str:
    """``ilo.example`` -> ``https://ilo.example``; keeps http:// for simulators; drops the path."""
    url = url.strip()
    if "://" not in url:
        url = "https://" + url
    if split_userinfo(url)[1] is not None:
        # USER:PASSWORD@ would become part of the host shown everywhere (prompt, messages,
        # trace). The command line takes it apart before this; elsewhere it is refused, and
        # the address is not quoted, since it holds a password.
        raise ConnectError(
            "a user name or password in the service address is not accepted here",
            hint="give the user with -u; the password is asked or taken from ILO_PASSWORD",
        )
    try:
        parts = urlsplit(url)
        valid = parts.scheme in ("http", "https") and bool(parts.hostname)
        valid = valid and (parts.port or 0) >= 0  # .port raises on a port that is no number
    except ValueError:  # an unclosed [ or a bad port
        valid = False
    if not valid:
        raise ConnectError(f"not a service address: {url!r} (expected https://HOST[:PORT])")
    return f"{parts.scheme}://{parts.netloc}"


def split_userinfo(url: str) -> tuple[str, str | None, str | None]:
    """``http://USER:PASSWORD@HOST`` -> (``http://HOST``, USER, PASSWORD), percent-escapes
    decoded, as curl reads it; (url, None, None) without ``@``. Done on the text, before any
    parsing that could fail and quote the address, password included, in its message."""
    scheme, sep, rest = url.strip().partition("://")
    if not sep:
        scheme, rest = "", scheme
    end = min((i for i in (rest.find(c) for c in "/?#") if i >= 0), default=len(rest))
    userinfo, at, host = rest[:end].rpartition("@")
    if not at:
        return url, None, None
    user, colon, password = userinfo.partition(":")
    bare = scheme + sep + host + rest[end:]
    return bare, unquote(user), unquote(password) if colon else None


class _SharedTlsAdapter(WatchedAdapter):
    """An adapter whose https connections all use one SSL context (:func:`ssl_context`):
    the context holds the policy's CA bundle and verification mode, so requests must not
    hand urllib3 a bundle to load again for every connection."""

    def __init__(self, context: ssl.SSLContext, **kwargs: Any) -> None:
        self._context = context
        super().__init__(**kwargs)

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        kwargs["ssl_context"] = self._context
        super().init_poolmanager(*args, **kwargs)

    def build_connection_pool_key_attributes(self, request, verify, cert=None):  # type: ignore[no-untyped-def]
        host_params, _ = super().build_connection_pool_key_attributes(request, verify, cert)
        return host_params, {"ssl_context": self._context}

    def cert_verify(self, conn, url, verify, cert) -> None:  # type: ignore[no-untyped-def]
        """The context verifies (or, with -k, does not)."""


class RedfishClient:
    """Talks HTTP to one Redfish service. Thread-safe: crawls share one client."""

    def __init__(
        self,
        base_url: str,
        tls: TlsPolicy | None = None,
        *,
        timeout: float = 30.0,
        workers: int = 8,
        retries: int = 3,
        backoff: float = 0.2,
    ) -> None:
        self.base_url = normalize_base_url(base_url)
        self.host = urlsplit(self.base_url).netloc
        self.tls = tls or TlsPolicy()
        self.timeout = (min(timeout, 10.0), timeout)
        self.retries = retries
        self.backoff = backoff
        self.auth: Auth | None = None
        self.observers: list[Observer] = []
        self.cancel = threading.Event()
        self.last_elapsed: float | None = None
        self._relogin_lock = threading.Lock()
        self._session = requests.Session()
        self._session.verify = self.tls.verify
        self._session.trust_env = False
        pools = {"pool_connections": 1, "pool_maxsize": max(workers, 4) + 2}
        # Only a service on https needs the TLS context (loading the CA bundle costs tens of
        # milliseconds of start-up); the URL rule keeps an http service's requests on http.
        adapter = (
            _SharedTlsAdapter(ssl_context(self.tls), **pools)
            if urlsplit(self.base_url).scheme == "https"
            else WatchedAdapter(**pools)
        )
        self._session.mount("http://", adapter)
        self._session.mount("https://", adapter)
        self._session.headers.clear()
        self._session.headers.update(
            {
                "Accept": "application/json",
                "OData-Version": "4.0",
                "User-Agent": f"iloshell/{__version__}",
            }
        )
        if self.tls.insecure:
            from urllib3.exceptions import InsecureRequestWarning

            # The shell says it loudly in its banner and prompt; one warning per request is noise.
            warnings.simplefilter("ignore", InsecureRequestWarning)

    # -- public API -------------------------------------------------------------------------

    def url(self, uri: str, where: str | None = None, against: str | None = None) -> str:
        """The absolute URL of a reference on this service; a ForeignUrl refusal (naming
        ``where`` it was found) for anything that could lead elsewhere."""
        return origin.check(self.base_url, uri, where, against)

    def own(self, uri: str) -> bool:
        """Whether a reference names this service (for code that must not even offer it)."""
        return origin.service_url(self.base_url, uri) is not None

    def get(self, uri: str, **kwargs: Any) -> Response:
        return self.request("GET", uri, **kwargs)

    def request(
        self,
        method: str,
        uri: str,
        body: Any = None,
        *,
        data: bytes | None = None,
        headers: Mapping[str, str] | None = None,
        authenticate: bool = True,
        repeatable: bool = False,
        where: str | None = None,
    ) -> Response:
        """Send one request, following redirects, retrying and re-authenticating as needed.

        ``body`` is sent as JSON; ``data`` as raw bytes (for the ``raw`` command). Answers of
        every status come back as a Response: deciding what a 4xx means is the caller's job.
        ``repeatable`` says a request of any method may be sent again when its connection was
        lost (a login: a repeat costs at most a session that expires on its own). One that
        timed out is never repeated: the service may still be running it, and a silent
        service would only multiply the wait. ``where`` names where ``uri`` was found, for
        the refusal of one that leads to another host.
        """
        method = method.upper()
        payload = data if data is not None else (None if body is None else json_bytes(body))
        extra = dict(headers or {})
        if payload is not None:
            extra.setdefault("Content-Type", "application/json")
        retry_safe = method in IDEMPOTENT or (method == "PATCH" and "If-Match" in extra)
        attempt = 0
        relogins = 0
        fresh_login = False  # the last answer was a 401 we logged in again for
        url = self.url(uri, where)
        started = time.monotonic()
        while True:
            self._check_cancel()
            sent_auth = dict(self.auth.headers()) if (authenticate and self.auth) else {}
            try:
                response = self._send(method, url, payload, {**extra, **sent_auth}, started)
            except _Retryable as failure:
                may_repeat = (retry_safe or repeatable) and not failure.timed_out
                pause = self.backoff * 2**attempt
                if may_repeat and attempt < self.retries and self._time_left(started, pause):
                    attempt += 1
                    fresh_login = False
                    # Retries go straight to where a redirect led: starting over from the
                    # first URL costs a request per attempt and can meet the same fault each time.
                    url = failure.url or url
                    self.pause(pause)
                    continue
                raise failure.error from None
            pause = retry_after(response, self.backoff * 2**attempt)
            if (
                response.status == 503
                and attempt < self.retries
                and self._time_left(started, pause)
            ):
                # 503 means the request was not processed: safe to repeat for any method.
                attempt += 1
                fresh_login = False
                url = response.url
                self.pause(pause)
                continue
            if (
                response.status == 401
                and sent_auth
                and self.auth
                and not fresh_login
                and relogins < MAX_RELOGINS
                and self._time_left(started)
            ):
                relogins += 1
                if self._relogin(sent_auth):
                    fresh_login = True
                    continue
            return response

    def close(self) -> None:
        self._session.close()

    # -- internals --------------------------------------------------------------------------

    def _send(
        self,
        method: str,
        url: str,
        payload: bytes | None,
        headers: dict[str, str],
        started: float,
    ) -> Response:
        for _ in range(MAX_REDIRECTS + 1):
            try:
                response = self._exchange(method, url, payload, headers)
            except _Retryable as failure:
                failure.url = url
                raise
            if response.status not in REDIRECTS or not response.location:
                return response
            if not self._time_left(started):
                raise ConnectError(
                    f"{method} {url}: still redirected after {self.timeout[1]:g} s; giving up"
                )
            url = self.url(response.location, f"redirect from {method} {url}", against=url)
        raise ServiceError(f"{method} {url}: more than {MAX_REDIRECTS} redirects", status=None)

    def _time_left(self, started: float, pause: float = 0.0) -> bool:
        """Whether another exchange of a request may begin (after ``pause``): only while
        less than ``timeout`` has passed since the request began."""
        return time.monotonic() + pause - started < self.timeout[1]

    def _exchange(
        self, method: str, url: str, payload: bytes | None, headers: dict[str, str]
    ) -> Response:
        record = Exchange(method, url, dict(self._session.headers) | headers, payload)
        start = time.monotonic()
        try:
            with (
                watched(self.timeout[1]) as watch,
                self._session.request(
                    method,
                    url,
                    data=payload,
                    headers=headers,
                    timeout=self.timeout,
                    allow_redirects=False,
                    stream=True,
                ) as raw,
            ):
                body = read_limited(raw, method, url)
                watch.finish()  # before the connection goes back to the pool
                if watch.fired:  # the socket was shut mid-headers: http.client took it as
                    raise requests.exceptions.ReadTimeout()  # their end, and the body as empty
                response = Response(
                    method=method,
                    url=url,
                    status=raw.status_code,
                    reason=raw.reason or "",
                    headers=raw.headers,
                    body=body,
                    elapsed=time.monotonic() - start,
                )
        except requests.exceptions.SSLError as exc:
            record.error = "TLS failure"
            self._notify(record, start)
            raise ConnectError(explain_tls_failure(self.host, exc)) from None
        except (
            requests.exceptions.ConnectionError,
            requests.exceptions.Timeout,
            requests.exceptions.ChunkedEncodingError,  # the body broke off: as a dropped line
        ) as exc:
            timed_out = watch.fired or isinstance(exc, requests.exceptions.ReadTimeout)
            if watch.fired:  # the watchdog shut the socket: a timeout, whatever urllib3 says
                exc = requests.exceptions.ReadTimeout()
            record.error = describe_connection_failure(self.host, exc, self.timeout[1])
            self._notify(record, start)
            raise _Retryable(ConnectError(record.error), timed_out=timed_out) from None
        except requests.exceptions.RequestException as exc:
            record.error = f"{method} {url}: {exc.__class__.__name__}"
            self._notify(record, start)
            raise ConnectError(record.error) from None
        except ValueError:
            # requests parses a redirect's Location even when it does not follow it.
            record.error = f"{method} {url}: the service answered with an address that is not a URL"
            self._notify(record, start)
            raise ServiceError(record.error) from None
        record.status, record.reason = response.status, response.reason
        record.response_headers, record.response_body = response.headers, response.body
        self._notify(record, start)
        return response

    def _notify(self, record: Exchange, start: float) -> None:
        record.elapsed = time.monotonic() - start
        self.last_elapsed = record.elapsed
        for observer in list(self.observers):
            observer(record)

    def _relogin(self, used: Mapping[str, str]) -> bool:
        """Log in again after a 401 (the token expired); whether to send the request again.

        One thread logs in at a time: the others, which met the same 401 with the same token,
        wait here and then use the token it got instead of each opening a session. A login
        that fails raises (the request fails with the reason, not with the 401).
        """
        assert self.auth is not None
        with self._relogin_lock:
            if dict(self.auth.headers()) != dict(used):
                return True  # another thread already logged in again
            return self.auth.renew(self)

    def pause(self, seconds: float) -> None:
        """Wait (at most 10 s), unless the user cancels meanwhile."""
        if self.cancel.wait(min(seconds, 10.0)):
            raise Cancelled("cancelled")

    def _check_cancel(self) -> None:
        if self.cancel.is_set():
            raise Cancelled("cancelled")


class _Retryable(Exception):
    """A connection-level failure that may be retried; carries the error to raise if not."""

    def __init__(self, error: ConnectError, *, timed_out: bool = False) -> None:
        super().__init__(str(error))
        self.error = error
        self.timed_out = timed_out  # sent, and no answer in time: the service may be at it
        self.url: str | None = None  # the URL that failed, after any redirects


def json_bytes(body: Any) -> bytes:
    return json_text(body).encode("utf-8")


def retry_after(response: Response, fallback: float) -> float:
    """Seconds to wait before repeating a 503: the service's Retry-After, capped at 5 s."""
    value = response.headers.get("Retry-After", "")
    try:
        return max(0.0, min(float(value), 5.0))
    except ValueError:
        return fallback


def read_limited(raw: requests.Response, method: str, url: str) -> bytes:
    """The whole body, read as it arrives, refusing one larger than MAX_BODY (by its
    Content-Length before reading anything, else as soon as it grows past it): memory stays
    bounded whatever the service sends. (The watchdog bounds the time it may take.)"""
    too_big = ServiceError(
        f"{method} {url}: the answer is larger than {MAX_BODY >> 20} MiB, the most the shell "
        "reads (a broken or hostile service?)"
    )
    declared = raw.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > MAX_BODY:
        raise too_big
    body, size = bytearray(), 0
    for chunk in body_chunks(raw):
        size += len(chunk)
        if size > MAX_BODY:
            raise too_big
        body += chunk
    return bytes(body)


def body_chunks(raw: requests.Response) -> Iterator[bytes]:
    """The body as it arrives: whatever the socket has (urllib3 2's read1), not fixed-size
    blocks that wait until they are full."""
    read1 = getattr(raw.raw, "read1", None)
    if read1 is None:  # urllib3 1.x
        yield from raw.iter_content(64 * 1024)
        return
    # The errors requests' own iter_content turns urllib3's into, so callers see one family.
    try:
        while chunk := read1(64 * 1024, decode_content=True):
            yield chunk
    except urllib3.exceptions.ProtocolError as err:
        raise requests.exceptions.ChunkedEncodingError(err) from None
    except urllib3.exceptions.DecodeError as err:
        raise requests.exceptions.ContentDecodingError(err) from None
    except urllib3.exceptions.ReadTimeoutError as err:
        raise requests.exceptions.ReadTimeout(err) from None
    except urllib3.exceptions.SSLError as err:
        raise requests.exceptions.SSLError(err) from None


NAME_FAILURES = ("Name or service not known", "nodename nor servname", "getaddrinfo")


def describe_connection_failure(host: str, exc: Exception, timeout: float) -> str:
    text = str(exc)
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return f"cannot connect to {host}: no answer (is the address right and reachable?)"
    if isinstance(exc, requests.exceptions.Timeout):
        return f"{host} did not answer within {timeout:g} s (use --timeout to wait longer)"
    if isinstance(exc, requests.exceptions.ChunkedEncodingError):
        return f"{host} broke off its answer (the body was cut short or malformed)"
    if "Connection refused" in text or "Errno 111" in text:
        return f"cannot connect to {host}: connection refused (is the service running there?)"
    if any(marker in text for marker in NAME_FAILURES):
        return f"cannot connect to {host}: the host name does not resolve"
    if "RemoteDisconnected" in text or "aborted" in text or "reset" in text.lower():
        return f"{host} closed the connection without answering"
    return f"cannot connect to {host}: {exc.__class__.__name__}"
