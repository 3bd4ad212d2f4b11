"""Property tests: whatever JSON arrives, the model answers and never raises."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iloshell.model import (
    AttributeRegistry,
    MessageRegistry,
    check_action,
    check_document,
    check_patch,
    format_message,
    parse_message_id,
    resolve,
)

json_scalars = (
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12)
)
json_values = st.recursive(
    json_scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=20,
)
names = st.sampled_from(
    [
        "AssetTag",
        "SerialNumber",
        "Boot",
        "BootSourceOverrideTarget",
        "Oem",
        "Hpe",
        "Links",
        "Chassis",
        "0",
        "@odata.id",
        "@Redfish.SettingsApplyTime",
        "Attributes",
        "Status",
        "Health",
        "WorkloadProfile",
        "PatrolScrubDuration",
        "x",
    ]
)
bodies = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(names, inner, max_size=4),
    max_leaves=15,
)
FUZZ = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@FUZZ
@given(patch=st.dictionaries(names, bodies, max_size=5))
def test_check_patch_never_raises(patch, ilo_library, dmtf_library, ilo_system, bios_registry):
    for library in (ilo_library, dmtf_library):
        schema = library.for_type("#ComputerSystem.v1_10_0.ComputerSystem")
        for violation in check_patch(patch, ilo_system, schema, bios_registry):
            assert violation.message and violation.reason and "\n" not in violation.reason
    check_document(patch, dmtf_library.for_type("#ComputerSystem.v1_10_0.ComputerSystem"))


@FUZZ
@given(params=json_values, action=json_values, info=json_values)
def test_check_action_never_raises(params, action, info):
    check_action(params, action, info)  # type: ignore[arg-type]


@FUZZ
@given(text=st.text(max_size=40) | json_values)
def test_parse_message_id_never_raises(text):
    parsed = parse_message_id(text)  # type: ignore[arg-type]
    if parsed is not None:
        assert parse_message_id(str(parsed)) == parsed


@FUZZ
@given(template=st.text(max_size=30), args=st.lists(json_scalars, max_size=4))
def test_format_message_never_raises(template, args):
    assert isinstance(format_message(template, args), str)


@FUZZ
@given(doc=json_values, entry=json_values)
def test_registries_from_any_json(doc, entry):
    registry = MessageRegistry.from_json(doc)  # type: ignore[arg-type]
    resolve(entry, lambda mid: registry)  # type: ignore[arg-type]
    AttributeRegistry.from_json(doc)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "doc",
    [
        {
            "RegistryEntries": {
                "Attributes": [
                    {"AttributeName": "A", "Type": "String", "ValueExpression": "(a+)+$"}
                ]
            }
        }
    ],
)
def test_value_expression_is_a_full_match(doc):
    registry = AttributeRegistry.from_json(doc)
    assert check_patch({"Attributes": {"A": "aaa"}}, {}, None, registry) == []
    assert check_patch({"Attributes": {"A": "aab"}}, {}, None, registry)[0].message == (
        "PropertyValueFormatError"
    )
