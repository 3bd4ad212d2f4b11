"""BIOS: current values read-only, pending values in the settings object, applied by a reset."""

from __future__ import annotations

import pytest

from iloshell.sim.actions import power_after
from tests.sim.conftest import message_ids, message_names

BIOS = "/redfish/v1/systems/1/bios/"
SETTINGS = "/redfish/v1/systems/1/bios/settings/"
RESET = "/redfish/v1/Systems/1/Actions/ComputerSystem.Reset"


def _attributes(api, uri):
    return api.get(uri).json()["Attributes"]


def _pick_enum(api):
    """An attribute the registry lets us change, and a value other than the current one."""
    bios = api.get(BIOS).json()
    registry_file = api.get(f"/redfish/v1/Registries/{bios['AttributeRegistry']}").json()
    registry = api.get(registry_file["Location"][0]["Uri"]).json()
    for attribute in registry["RegistryEntries"]["Attributes"]:
        values = [v["ValueName"] for v in attribute.get("Value", [])]
        current = bios["Attributes"].get(attribute["AttributeName"])
        others = [v for v in values if v != current]
        writable = not attribute.get("ReadOnly") and not attribute.get("GrayOut")
        if attribute["Type"] == "Enumeration" and writable and others:
            return attribute["AttributeName"], current, others[0]
    raise AssertionError("no writable enumeration in the registry")


def test_bios_itself_refuses_writes_and_names_the_settings_object(api):
    name, _current, value = _pick_enum(api)
    response = api.patch(BIOS, {"Attributes": {name: value}})
    assert response.status_code == 400 and message_names(response) == ["PropertyNotWritable"]
    assert SETTINGS in response.json()["error"]["@Message.ExtendedInfo"][0]["Message"]
    assert "PATCH" not in api.get(BIOS).headers["Allow"]


def test_settings_are_pending_until_a_reset_applies_them(api):
    name, current, value = _pick_enum(api)
    before = api.get(BIOS).json()["@Redfish.Settings"]
    pending = api.patch(SETTINGS, {"Attributes": {name: value}})
    assert pending.status_code == 200
    assert message_ids(pending)[0].endswith(".SystemResetRequired")
    assert _attributes(api, SETTINGS)[name] == value
    assert _attributes(api, BIOS)[name] == current  # not before the reset
    applied_etag = api.get(SETTINGS).headers["ETag"]

    assert api.post(RESET, {"ResetType": "ForceOff"}).status_code == 200
    assert _attributes(api, BIOS)[name] == current  # powering off does not run the BIOS
    assert api.post(RESET, {"ResetType": "On"}).status_code == 200

    assert _attributes(api, BIOS)[name] == value
    settings = api.get(BIOS).json()["@Redfish.Settings"]
    assert settings["ETag"] == applied_etag and settings["Time"] != before.get("Time")
    assert [m["MessageId"].rsplit(".", 1)[-1] for m in settings["Messages"]] == ["Success"]
    assert _attributes(api, SETTINGS) == _attributes(api, BIOS)  # nothing pending any more


def test_bad_attribute_values_are_refused_by_the_registry(api):
    name, _current, _value = _pick_enum(api)
    response = api.patch(SETTINGS, {"Attributes": {name: "NotAValue", "NoSuchAttribute": 1}})
    assert response.status_code == 400
    assert sorted(message_names(response)) == ["PropertyUnknown", "PropertyValueNotInList"]


def test_reset_bios_stages_the_defaults(api, sim):
    name, _current, value = _pick_enum(api)
    api.patch(SETTINGS, {"Attributes": {name: value}})
    target = api.get(BIOS).json()["Actions"]["#Bios.ResetBios"]["target"]
    response = api.post(target, {})
    assert response.status_code == 200 and message_ids(response)[0].endswith(".SystemResetRequired")
    registry = sim.service.validation.attribute_registry(api.get(BIOS).json()["AttributeRegistry"])
    default = registry.attribute(name).default_value
    assert _attributes(api, SETTINGS)[name] == default


@pytest.mark.parametrize(
    ("state", "reset", "after", "boots"),
    [
        ("On", "ForceOff", "Off", False),
        ("On", "GracefulShutdown", "Off", False),
        ("Off", "On", "On", True),
        ("On", "On", "On", False),
        ("On", "ForceRestart", "On", True),
        ("On", "GracefulRestart", "On", True),
        ("On", "PushPowerButton", "Off", False),
        ("Off", "PushPowerButton", "On", True),
        ("On", "Nmi", "On", False),
    ],
)
def test_power_state_follows_the_reset_type(state, reset, after, boots):
    assert power_after(state, reset) == (after, boots)
