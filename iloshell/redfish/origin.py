"""The one rule for which URLs the shell may request: the service's own, nothing else.

Every URL the shell sends a request to (links, ``Members@odata.nextLink``, ``Location``
headers, redirects, settings objects, task monitors, action targets, what the user types)
passes :func:`service_url`, called by ``RedfishClient.request`` itself so nothing can go
around it. A request carries the session token or the Basic password, so a link that
leads anywhere else would hand them over.

The text is read the way a WHATWG URL parser (a browser) and urllib3 read it, since either
may be what a hostile service counts on: blanks and control characters at both ends are
dropped, tabs and newlines anywhere are ignored, a backslash before the query is a slash
(``/\\host``, ``\\\\host``, ``http:\\\\host`` name a host), any number of slashes may start an
authority. Whatever is still ambiguous is refused: ``http:host`` (parsers disagree), user
information (``//real@evil``, and any ``@`` before the query of a URL with an authority:
``//real\\@evil`` names real to WHATWG, evil to RFC 3986), percent-escapes, non-ASCII or a
trailing dot in the host
(IDN and DNS spellings that may name another host), a port that is no number.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from iloshell.errors import ConnectError

DEFAULT_PORTS = {"http": 80, "https": 443}
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
_TRIM = "".join(chr(c) for c in range(0x21))  # C0 controls and the space
_IGNORED = re.compile("[\t\n\r]")
_CONTROL = re.compile("[\x00-\x1f\x7f]")


class ForeignUrl(ConnectError):
    """A URL that is not on the service; never requested."""


def service_url(base_url: str, reference: str, against: str | None = None) -> str | None:
    """The absolute URL ``reference`` names on the service at ``base_url`` (scheme, host and
    port equal, default ports normalised, host case-insensitive), resolved against
    ``against`` (the URL it was found at; the service root's folder when None). None when it
    names anything else, or might: the caller refuses it."""
    if not isinstance(reference, str):
        return None
    try:
        base = urlsplit(base_url)
        text = _as_parsers_read(reference)
        if _CONTROL.search(text):
            return None
        scheme = _SCHEME.match(text)
        if scheme:
            if scheme[0][:-1].lower() != base.scheme:
                return None
            text = text[scheme.end() :]
            if not text.startswith("//"):
                return None  # http:host: relative to some parsers, a host to others
        if text.startswith("//"):
            if "@" in text.partition("?")[0].partition("#")[0]:
                return None  # //real\@evil: WHATWG reads real, RFC 3986 evil; refuse both
            rest = text.lstrip("/")
            end = min((i for i in map(rest.find, "/?#") if i >= 0), default=len(rest))
            if not same_authority(rest[:end], base.scheme, base.hostname or "", base.port):
                return None
            text = rest[end:] or "/"
        start = against or base_url + "/"
        if not same_origin(start, base_url):
            return None
        url = urljoin(start, text)
        parts = urlsplit(url)
    except ValueError:  # a bad bracket or port in what was given: not a URL at all
        return None
    if (parts.scheme, parts.netloc) != (base.scheme, base.netloc):
        return None
    return url


def check(
    base_url: str, reference: str, where: str | None = None, against: str | None = None
) -> str:
    """:func:`service_url`, or the one-line refusal naming the link and where it was found."""
    url = service_url(base_url, reference, against)
    if url is None:
        raise refusal(base_url, reference, where)
    return url


def refusal(base_url: str, reference: str, where: str | None = None) -> ForeignUrl:
    """The one line that says a link was refused, and where it was found."""
    found = f" ({where})" if where else ""
    return ForeignUrl(
        f"refused {reference!r}{found}: it leads to another host than "
        f"{urlsplit(base_url).netloc} (or may); not sending your credentials there",
        hint="connect to that host directly if you trust it",
    )


def is_path_reference(reference: str) -> bool:
    """A reference that names a path on the service it came from and can name no host (no
    scheme, no authority however spelled): what the completion engine, which knows no base
    URL, may offer and fetch."""
    text = _as_parsers_read(reference)
    return not (_CONTROL.search(text) or _SCHEME.match(text) or text.startswith("//"))


def _as_parsers_read(reference: str) -> str:
    text = _IGNORED.sub("", reference.strip(_TRIM))
    end = min((i for i in map(text.find, "?#") if i >= 0), default=len(text))
    return text[:end].replace("\\", "/") + text[end:]


def same_authority(authority: str, scheme: str, hostname: str, port: int | None) -> bool:
    """Whether ``host[:port]`` text from a link is exactly the service's own authority."""
    if not authority.isascii() or any(c in authority for c in "@%\\ ") or not authority:
        return False
    if authority.startswith("["):
        host, bracket, port_text = authority[1:].partition("]")
        if not bracket or (port_text and not port_text.startswith(":")):
            return False
        port_text = port_text[1:]
    else:
        host, _, port_text = authority.partition(":")
    if port_text and not port_text.isdigit():
        return False
    default = DEFAULT_PORTS.get(scheme)
    given = int(port_text) if port_text else default
    return host.lower() == hostname.lower() and given == (port or default) and bool(host)


def same_origin(a: str, b: str) -> bool:
    """Two absolute URLs with the same scheme, host and port (default ports normalised)."""
    try:
        pa, pb = urlsplit(a), urlsplit(b)
        return (pa.scheme, pa.hostname, pa.port or DEFAULT_PORTS.get(pa.scheme)) == (
            pb.scheme,
            pb.hostname,
            pb.port or DEFAULT_PORTS.get(pb.scheme),
        )
    except ValueError:  # not a URL (a bad bracket or port): certainly not this service
        return False
