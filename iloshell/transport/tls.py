"""TLS settings: verified by default against the system trust store, or a CA file, or (loudly) off.

requests alone verifies against certifi's bundle, which is not what an administrator who
installed their company CA into the operating system expects, so we point it at the system
store when one exists.
"""

from __future__ import annotations

import functools
import os
import ssl
from dataclasses import dataclass

from iloshell.errors import UsageError


@dataclass(frozen=True)
class TlsPolicy:
    """How server certificates are checked. ``verify`` is what requests takes."""

    insecure: bool = False
    cacert: str | None = None

    @property
    def verify(self) -> bool | str:
        if self.insecure:
            return False
        if self.cacert:
            return self.cacert
        return system_trust_store() or True

    def describe(self) -> str:
        if self.insecure:
            return "TLS NOT VERIFIED (-k)"
        if self.cacert:
            return f"TLS verified with {self.cacert}"
        return "TLS verified"


@functools.lru_cache(maxsize=8)
def ssl_context(policy: TlsPolicy) -> ssl.SSLContext:
    """One SSL context per policy for the whole process. Left to itself, urllib3 builds a
    context and loads the CA bundle for every new connection (tens of milliseconds of CPU
    each); a fleet run opens one per host, so the bundle is loaded once here instead."""
    if policy.insecure:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)  # no CA store to load: nothing checked
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        return context
    verify = policy.verify
    where = verify if isinstance(verify, str) else requests_bundle()
    return ssl.create_default_context(
        cafile=None if os.path.isdir(where) else where,
        capath=where if os.path.isdir(where) else None,
    )


def requests_bundle() -> str:
    """The CA bundle requests verifies with when there is no system store (certifi's)."""
    from requests.utils import DEFAULT_CA_BUNDLE_PATH

    return DEFAULT_CA_BUNDLE_PATH


def make_policy(insecure: bool, cacert: str | None) -> TlsPolicy:
    """Check the options once, so a wrong --cacert fails before any connection is tried (a
    file that holds no certificate would otherwise surface as a TLS error much later, or not
    at all with an http:// URL)."""
    if cacert:
        check_cacert(cacert)
    return TlsPolicy(insecure=insecure, cacert=cacert)


def check_cacert(cacert: str) -> None:
    """A PEM bundle OpenSSL can load, or a folder of certificates (as requests takes)."""
    if not os.path.exists(cacert):
        raise UsageError(f"--cacert {cacert}: no such file")
    if os.path.isdir(cacert):
        return
    try:
        ssl.create_default_context(cafile=cacert)
    except ssl.SSLError:
        raise UsageError(f"--cacert {cacert}: no PEM certificate in it") from None
    except OSError as err:
        raise UsageError(f"--cacert {cacert}: cannot read it ({err.strerror or err})") from None


def system_trust_store() -> str | None:
    """The operating system's CA bundle (file or directory), if OpenSSL knows one."""
    for env in ("REQUESTS_CA_BUNDLE", "SSL_CERT_FILE"):
        if os.environ.get(env):
            return os.environ[env]
    paths = ssl.get_default_verify_paths()
    for candidate in (paths.cafile, paths.openssl_cafile):
        if candidate and os.path.isfile(candidate):
            return candidate
    if paths.capath and os.path.isdir(paths.capath) and os.listdir(paths.capath):
        return paths.capath
    return None


# OpenSSL's reasons for a handshake that met something other than TLS: most often a plain
# HTTP service (https:// written, or no scheme, which means https).
NOT_TLS = frozenset(
    {
        "WRONG_VERSION_NUMBER",
        "RECORD_LAYER_FAILURE",
        "PACKET_LENGTH_TOO_LONG",
        "UNKNOWN_PROTOCOL",
        "HTTP_REQUEST",
        "UNEXPECTED_EOF_WHILE_READING",
    }
)


def explain_tls_failure(host: str, error: BaseException) -> str:
    """One line naming what failed and how to fix it: a certificate that could not be
    verified (--cacert or -k), or a handshake that failed (which -k cannot cure)."""
    reason = ssl_reason(error)
    text = str(error)
    if reason == "CERTIFICATE_VERIFY_FAILED" or "certificate verify failed" in text:
        return explain_certificate(host, text)
    if reason in NOT_TLS or (reason is None and "EOF occurred" in text):
        return (
            f"TLS: the handshake with {host} failed: it does not seem to speak https on that "
            f"port; for a plain-HTTP service write http://{host}"
        )
    detail = reason.lower().replace("_", " ") if reason else error.__class__.__name__
    return f"TLS: the handshake with {host} failed ({detail})"


def ssl_reason(error: BaseException) -> str | None:
    """OpenSSL's reason code (``WRONG_VERSION_NUMBER``...) from the ssl.SSLError that requests
    and urllib3 wrap, in their exception arguments or chain."""
    seen: set[int] = set()
    pending: list[object] = [error]
    while pending:
        item = pending.pop()
        if not isinstance(item, BaseException) or id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, ssl.SSLError) and item.reason:
            return str(item.reason)
        wrapped = getattr(item, "reason", None)  # urllib3's MaxRetryError keeps it there
        pending.extend([*item.args, item.__cause__, item.__context__, wrapped])
    return None


def explain_certificate(host: str, text: str) -> str:
    """A certificate verification failure, in words, with the two ways to fix it."""
    if "hostname" in text.lower() or "doesn't match" in text or "IP address mismatch" in text:
        what = "its certificate does not name this host"
    elif "self-signed" in text or "self signed" in text:
        what = "its certificate is self-signed"
    elif "expired" in text:
        what = "its certificate has expired"
    elif "unable to get local issuer" in text or "unknown ca" in text.lower():
        what = "its certificate was signed by a CA this machine does not trust"
    else:
        what = "its certificate could not be verified"
    return (
        f"TLS: cannot verify {host}: {what}. Give the CA with --cacert FILE, "
        "or use -k to connect without verification (insecure)"
    )
