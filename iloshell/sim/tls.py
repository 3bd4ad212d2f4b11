"""TLS for --tls: a self-signed certificate made at start, or a certificate the caller provides.

``cryptography`` is imported here only, and only when TLS is asked for, so a plain-HTTP start
(the shell's --demo, most tests) stays fast. The key is an ECDSA P-256 key: generating one takes
milliseconds where RSA-2048 takes a noticeable fraction of a second.
"""

from __future__ import annotations

import datetime
import ipaddress
import os
import ssl
import tempfile
from pathlib import Path


def server_context(certfile: str | os.PathLike, keyfile: str | os.PathLike | None = None):
    """A server-side SSLContext from a PEM certificate (chain) and key."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.load_cert_chain(certfile, keyfile)
    return context


def self_signed_context(host: str) -> ssl.SSLContext:
    """A server SSLContext with a fresh self-signed certificate for ``host`` (and localhost)."""
    cert_pem, key_pem = self_signed_pem(host)
    with tempfile.TemporaryDirectory(prefix="iloshell-sim-tls-") as folder:
        cert_path, key_path = Path(folder, "cert.pem"), Path(folder, "key.pem")
        cert_path.write_bytes(cert_pem)
        key_path.touch(mode=0o600)
        key_path.write_bytes(key_pem)
        return server_context(cert_path, key_path)


def self_signed_pem(host: str) -> tuple[bytes, bytes]:
    """(certificate, private key) in PEM for a one-off self-signed X.509 v3 server certificate."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "iloshell-sim")])
    names: list[x509.GeneralName] = [x509.DNSName("localhost")]
    for candidate in {host, "127.0.0.1", "::1"}:
        try:
            names.append(x509.IPAddress(ipaddress.ip_address(candidate)))
        except ValueError:
            if candidate and candidate != "localhost":
                names.append(x509.DNSName(candidate))
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=30))
        .add_extension(x509.SubjectAlternativeName(names), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return cert.public_bytes(serialization.Encoding.PEM), key_pem
