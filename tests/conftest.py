"""Fixtures shared by every test: where the shared material lives."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
MOCKUPS = SHARED / "mockups"
DL325 = MOCKUPS / "hpe-ilo5-dl325-gen10plus"
RACKMOUNT = MOCKUPS / "dmtf-public-rackmount1"
BLADED = MOCKUPS / "dmtf-public-bladed"
DMTF_SCHEMAS = SHARED / "schemas" / "dmtf"
REGISTRIES = SHARED / "registries"


@pytest.fixture(scope="session")
def shared() -> Path:
    """The ../shared folder CI places beside the clone; its absence is a failure, not a skip."""
    assert SHARED.is_dir(), f"expected the shared material at {SHARED}"
    return SHARED


@pytest.fixture(autouse=True)
def private_home(tmp_path_factory, monkeypatch):
    """Every test gets its own XDG folders: no stage, cache or history leaks between tests
    or into the developer's home."""
    home = tmp_path_factory.mktemp("home")
    for name in ("XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
        monkeypatch.setenv(name, str(home / name.lower()))
    for name in ("ILO_URL", "ILO_USER", "ILO_PASSWORD", "NO_COLOR", "PAGER"):
        monkeypatch.delenv(name, raising=False)
    return home


@pytest.fixture(scope="session")
def ca():
    """A throw-away certificate authority (trustme)."""
    import trustme

    return trustme.CA()


@pytest.fixture(scope="session")
def tls_files(ca, tmp_path_factory):
    """(certfile, keyfile, ca bundle) for a simulator on 127.0.0.1 signed by that CA."""
    folder = tmp_path_factory.mktemp("tls")
    cert = ca.issue_cert("127.0.0.1", "localhost")
    certfile, keyfile, bundle = folder / "cert.pem", folder / "key.pem", folder / "ca.pem"
    cert.cert_chain_pems[0].write_to_path(str(certfile))
    cert.private_key_pem.write_to_path(str(keyfile))
    ca.cert_pem.write_to_path(str(bundle))
    return certfile, keyfile, bundle
