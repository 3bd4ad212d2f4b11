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
