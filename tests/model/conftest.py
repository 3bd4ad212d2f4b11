"""Fixtures for the model tests: libraries over the real shared schemas and mockups."""

from __future__ import annotations

import json

import pytest

from iloshell.model import (
    FileSchemaSource,
    MessageRegistry,
    SchemaLibrary,
    ServiceRegistries,
    ServiceSchemaSource,
)
from tests.conftest import DL325, DMTF_SCHEMAS, REGISTRIES
from tests.model.helpers import MockupFetcher


@pytest.fixture(scope="session")
def dmtf_library() -> SchemaLibrary:
    """DMTF schema files, found by name in the shared folder."""
    assert DMTF_SCHEMAS.is_dir()
    return SchemaLibrary(FileSchemaSource(DMTF_SCHEMAS))


@pytest.fixture
def ilo() -> MockupFetcher:
    """GET on the iLO 5 capture, counting requests (fresh for each test)."""
    assert DL325.is_dir()
    return MockupFetcher(DL325)


@pytest.fixture(scope="session")
def ilo_session_fetch() -> MockupFetcher:
    return MockupFetcher(DL325)


@pytest.fixture(scope="session")
def ilo_library(ilo_session_fetch) -> SchemaLibrary:
    """iLO's SchemaStore, found through its JsonSchemas collection."""
    return SchemaLibrary(ServiceSchemaSource(ilo_session_fetch))


@pytest.fixture(scope="session")
def ilo_registries(ilo_session_fetch) -> ServiceRegistries:
    return ServiceRegistries(ilo_session_fetch)


@pytest.fixture(scope="session")
def ilo_system(ilo_session_fetch) -> dict:
    return ilo_session_fetch("/redfish/v1/Systems/1")


@pytest.fixture(scope="session")
def ilo_bios(ilo_session_fetch) -> dict:
    return ilo_session_fetch("/redfish/v1/systems/1/bios/")


@pytest.fixture(scope="session")
def bios_registry(ilo_registries, ilo_bios):
    registry = ilo_registries.attribute_registry(ilo_bios["AttributeRegistry"])
    assert registry is not None
    return registry


@pytest.fixture(scope="session")
def base_1_4() -> MessageRegistry:
    return MessageRegistry.from_json(json.loads((REGISTRIES / "Base.1.4.0.json").read_text()))
