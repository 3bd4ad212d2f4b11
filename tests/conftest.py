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
