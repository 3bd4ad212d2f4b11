"""Message ids, registries and ExtendedInfo resolution with Base 1.4.0 and iLO's registries."""

from __future__ import annotations

import json

import pytest

from iloshell.model import (
    MessageId,
    MessageRegistry,
    ServiceRegistries,
    format_message,
    parse_message_id,
    resolve,
)
from iloshell.model.registries import split_registry_name
from tests.conftest import RACKMOUNT, REGISTRIES


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Base.1.4.PropertyNotWritable", MessageId("Base", 1, 4, None, "PropertyNotWritable")),
        ("iLO.2.14.SystemResetRequired", MessageId("iLO", 2, 14, None, "SystemResetRequired")),
        ("Base.1.0.0.Success", MessageId("Base", 1, 0, 0, "Success")),
        ("HpeCommon.1.0.Foo", MessageId("HpeCommon", 1, 0, None, "Foo")),
        ("  Base.1.22.PropertyUnknown ", MessageId("Base", 1, 22, None, "PropertyUnknown")),
        ("iLO.0.10.ExtendedInfo", MessageId("iLO", 0, 10, None, "ExtendedInfo")),
    ],
)
def test_parse_message_id(text, expected):
    assert parse_message_id(text) == expected


@pytest.mark.parametrize(
    "junk",
    [
        "",
        "Base",
        "Base.Success",
        "Base.1.Success",
        "Base.1.4",
        "Base.1.4.",
        ".1.4.X",
        "Base.a.4.X",
        "Base.1.4.0.0.X",
        "Base.-1.4.X",
        "Base 1.4.X",
        "Base.1.4.Bad-Name",
        None,
        42,
        "1.4.Success",
    ],
)
def test_parse_message_id_junk(junk):
    assert parse_message_id(junk) is None


def test_message_id_round_trip():
    for text in ("Base.1.4.PropertyNotWritable", "Base.1.0.0.Success"):
        assert str(parse_message_id(text)) == text


def test_split_registry_name():
    assert split_registry_name("Base.1.4.0") == ("Base", (1, 4, 0))
    assert split_registry_name("iLO.2.14.0") == ("iLO", (2, 14, 0))
    assert split_registry_name("BiosAttributeRegistryA43.v1_2_52")[1] is None


def test_format_message():
    assert format_message("The property %1 is %2.", ["A", "B"]) == "The property A is B."
    assert format_message("%1 and %2", ["only"]) == "only and %2"
    assert format_message("%1", ["a", "extra"]) == "a"
    assert format_message("%10 %1", [str(i) for i in range(1, 11)]) == "10 1"
    assert format_message("%1 %1", [3]) == "3 3"
    assert format_message("no args", []) == "no args"
    assert format_message("%1", [None]) == "null"
    assert format_message("%1", [True]) == "true"


def test_base_registry(base_1_4):
    assert (base_1_4.prefix, base_1_4.version) == ("Base", "1.4.0")
    message = base_1_4.message("PropertyValueNotInList")
    assert message.number_of_args == 2
    assert message.severity == "Warning"
    assert message.resolution.startswith("Choose a value from the enumeration list")
    assert base_1_4.message("NoSuchMessage") is None


def test_resolve_with_registry(base_1_4):
    entry = {"MessageId": "Base.1.4.PropertyValueNotInList", "MessageArgs": ["Floppy", "Boot"]}
    result = resolve(entry, lambda mid: base_1_4 if mid.registry == "Base" else None)
    assert result.resolved
    assert (
        result.text
        == "The value Floppy for the property Boot is not in the list of acceptable values."
    )
    assert result.severity == "Warning"


def test_resolve_unknown_registry_keeps_id_and_args():
    entry = {"MessageId": "Contoso.1.0.Broke", "MessageArgs": ["disk", 3]}
    result = resolve(entry, lambda mid: None)
    assert not result.resolved
    assert result.text == "Contoso.1.0.Broke (disk, 3)"


def test_resolve_prefers_own_text_when_registry_lacks_message(base_1_4):
    entry = {
        "MessageId": "Base.1.4.NotInThisVersion",
        "Message": "Something specific.",
        "Resolution": "Do a thing.",
        "Severity": "Critical",
    }
    result = resolve(entry, lambda mid: base_1_4)
    assert (result.text, result.resolution, result.severity) == (
        "Something specific.",
        "Do a thing.",
        "Critical",
    )
    assert not result.resolved


def test_resolve_odd_entries(base_1_4):
    assert resolve({}, lambda mid: base_1_4).text == "(no MessageId)"
    assert resolve({"MessageId": "garbage"}, lambda mid: base_1_4).text == "garbage"
    assert not resolve("not a dict", lambda mid: base_1_4).resolved  # type: ignore[arg-type]
    odd = {"MessageId": "Base.1.4.PropertyUnknown", "MessageArgs": "notalist"}
    assert resolve(odd, lambda mid: base_1_4).text.startswith("The property %1")


def test_registry_from_broken_documents():
    assert MessageRegistry.from_json({}).message("X") is None
    broken = MessageRegistry.from_json(
        {
            "Id": "Odd.2.1.0",
            "Messages": {"A": "notadict", "B": {"Message": 5}, "C": {"Message": "ok"}},
        }
    )
    assert (broken.prefix, broken.version) == ("Odd", "2.1.0")
    assert broken.message("A") is None and broken.message("B") is None
    assert broken.message("C").message == "ok"
    assert MessageRegistry.from_json("nope").messages() == {}  # type: ignore[arg-type]


def test_ilo_registries_through_the_service(ilo):
    registries = ServiceRegistries(ilo)
    result = registries.resolve({"MessageId": "iLO.2.14.SystemResetRequired"})
    assert result.resolved
    assert (
        result.text
        == "One or more properties were changed and will not take effect until system is reset."
    )
    assert result.resolution == "Reset system for the settings to take effect."
    # Only the likely member was fetched, not all nine.
    assert "/redfish/v1/Registries/Base" not in ilo.requests
    assert sum(1 for r in ilo.requests if r.startswith("/redfish/v1/Registries/")) == 1


def test_older_minor_resolves_through_newer(ilo):
    registries = ServiceRegistries(ilo)
    result = registries.resolve({"MessageId": "Base.1.0.Success"})
    assert result.resolved and result.text == "The operation completed successfully."  # HPE's text
    assert registries.message_registry(parse_message_id("Base.1.0.Success")).version == "1.4.0"


def test_other_major_is_not_used(ilo):
    registries = ServiceRegistries(ilo)
    assert registries.message_registry(parse_message_id("Base.2.0.Success")) is None
    assert not registries.resolve({"MessageId": "Base.2.0.Success"}).resolved


def test_newer_minor_than_served_falls_back_to_same_major(ilo):
    registries = ServiceRegistries(ilo)
    result = registries.resolve(
        {"MessageId": "Base.1.8.PropertyNotWritable", "MessageArgs": ["SerialNumber"]}
    )
    assert result.resolved and "SerialNumber" in result.text


def test_registries_collection_read_once(ilo):
    registries = ServiceRegistries(ilo)
    for _ in range(3):
        registries.resolve({"MessageId": "iLO.2.14.SystemResetRequired"})
        registries.resolve({"MessageId": "Base.1.4.Success"})
    assert ilo.requests.count("/redfish/v1/Registries") == 1
    assert ilo.requests.count("/redfish/v1/") == 1


def test_dmtf_mockup_registry_file_named_with_version():
    from tests.model.helpers import MockupFetcher

    registries = ServiceRegistries(MockupFetcher(RACKMOUNT))
    result = registries.resolve({"MessageId": "Base.1.5.PropertyUnknown", "MessageArgs": ["Foo"]})
    assert result.resolved and "Foo" in result.text


def test_fetch_errors_leave_messages_unresolved():
    from iloshell.errors import ConnectError

    def fetch(uri):
        raise ConnectError("gone")

    registries = ServiceRegistries(fetch)
    result = registries.resolve({"MessageId": "Base.1.4.Success", "Message": "own"})
    assert not result.resolved and result.text == "own"
    with pytest.raises(ConnectError):
        registries.message_registry(parse_message_id("Base.1.4.Success"))


def test_service_error_for_one_document_is_not_available():
    from iloshell.errors import ServiceError

    def fetch(uri):
        if uri.endswith(".json"):
            raise ServiceError("500", status=500)
        return {
            "/redfish/v1/": {"Registries": {"@odata.id": "/redfish/v1/Registries"}},
            "/redfish/v1/Registries": {
                "Members": [
                    {"@odata.id": "/redfish/v1/Registries/Base"},
                    {"@odata.id": "/redfish/v1/Registries/Contoso"},
                ]
            },
            "/redfish/v1/Registries/Base": {
                "Registry": "Base.1.4.0",
                "Location": [{"Language": "en", "Uri": "/reg/Base.json"}],
            },
            "/redfish/v1/Registries/Contoso": {
                "Registry": "Contoso.1.0.0",
                "Location": [{"Language": "en", "Uri": "/reg/Contoso.json"}],
            },
        }.get(uri)

    registries = ServiceRegistries(fetch)
    assert registries.message_registry(parse_message_id("Contoso.1.0.Hello")) is None
    # a standard registry the service fails to serve comes from the bundled copy instead
    base = registries.message_registry(parse_message_id("Base.1.4.Success"))
    assert repr(base) == "MessageRegistry(Base.1.4.0, 58 messages)"


def test_shared_registry_files_parse():
    for path in sorted(REGISTRIES.glob("*.json")):
        registry = MessageRegistry.from_json(json.loads(path.read_text()))
        assert registry.prefix and registry.version and registry.messages(), path.name
