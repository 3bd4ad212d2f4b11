"""TLS settings: verified by default against the system trust store, or a CA file, or (loudly) off.

requests alone verifies against certifi's bundle, which is not what an administrator who
installed their company CA into the operating system expects, so we point it at the system
store when one exists.
"""

from __future__ import annotations

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


def make_policy(insecure: bool, cacert: str | None) -> TlsPolicy:
    """Check the options once, so a wrong --cacert fails before any connection is tried."""
    if cacert and not os.path.exists(cacert):
        raise UsageError(f"--cacert {cacert}: no such file")
    return TlsPolicy(insecure=insecure, cacert=cacert)


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


def explain_tls_failure(host: str, error: BaseException) -> str:
    """One line naming what failed and the two ways to fix it."""
    text = str(error)
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
