"""check_document over whole mockups: the model agrees with real data (and finds real quirks)."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from iloshell.model import check_document
from tests.conftest import BLADED, DL325, RACKMOUNT


def resources(folder):
    for path in sorted(folder.rglob("index.json")):
        try:
            doc = json.loads(path.read_text())
        except ValueError:
            continue
        if isinstance(doc, dict) and isinstance(doc.get("@odata.type"), str):
            yield path.relative_to(folder), doc


@pytest.mark.parametrize("folder", [RACKMOUNT, BLADED], ids=["rackmount1", "bladed"])
def test_dmtf_mockups_conform_to_dmtf_schemas(folder, dmtf_library):
    problems = []
    checked = 0
    for path, doc in resources(folder):
        schema = dmtf_library.for_type(doc["@odata.type"])
        assert schema is not None, f"{path}: no schema for {doc['@odata.type']}"
        checked += 1
        problems += [f"{path}: {v.reason}" for v in check_document(doc, schema)]
    assert checked > 50
    assert problems == []


def test_ilo_capture_against_its_own_schema_store(ilo_library):
    """Nearly everything conforms; what does not is iLO data breaking iLO's own schemas."""
    clean = checked = 0
    kinds: Counter = Counter()
    for _path, doc in resources(DL325):
        schema = ilo_library.for_type(doc["@odata.type"])
        if schema is None:
            continue
        checked += 1
        found = check_document(doc, schema)
        clean += not found
        kinds.update((doc["@odata.type"].split(".")[0], v.pointer.split("/")[1]) for v in found)
    assert checked > 900
    assert clean / checked > 0.9
    # Real quirks of firmware 2.46: decimal PCI ids where the schema wants 0x-hex, ...
    assert kinds[("#PCIeFunction", "VendorId")] > 0
    # ... and an "Unknown" log category missing from the enum.
    assert kinds[("#LogEntry", "Oem")] > 0


def test_read_only_values_are_fine_in_documents(ilo_library, ilo_system):
    schema = ilo_library.for_type(ilo_system["@odata.type"])
    assert check_document(ilo_system, schema) == []
    broken = {**ilo_system, "PowerState": "Sleeping", "Extra": 1}
    assert sorted(v.message for v in check_document(broken, schema)) == [
        "PropertyUnknown",
        "PropertyValueNotInList",
    ]
