"""What never leaves as it came: secrets by name; serials, MACs and IPs on request."""

from __future__ import annotations

from iloshell.graph.resource import is_secret_name, mask_secrets
from iloshell.render.redact import Redactor


def test_secret_names():
    for name in ("Password", "NewPassword", "AdminPassword", "Passphrase", "X-Auth-Token", "Token"):
        assert is_secret_name(name), name
    for name in ("PasswordChangeRequired", "UserName", "MinPasswordLength", "TokenPolicy"):
        assert not is_secret_name(name), name


def test_mask_secrets_replaces_strings_only_and_leaves_login_templates():
    body = {
        "Password": "hunter2",
        "Empty": {"Password": ""},
        "Null": {"Password": None},
        "Accounts": [{"UserName": "ops", "Password": "x"}],
        "PasswordChangeRequired": True,
        "LoginHint": {"HintPOSTData": {"UserName": "username", "Password": "password"}},
    }
    masked = mask_secrets(body, None)
    assert masked["Password"] is None
    assert masked["Empty"] == {"Password": ""} and masked["Null"] == {"Password": None}
    assert masked["Accounts"] == [{"UserName": "ops", "Password": None}]
    assert masked["PasswordChangeRequired"] is True
    assert masked["LoginHint"] == body["LoginHint"]
    assert body["Password"] == "hunter2"  # a copy: the original is untouched


def test_redactor_is_consistent_and_uses_documentation_values():
    redactor = Redactor()
    doc = {
        "SerialNumber": "MXQ1234",
        "ChassisSerialNumber": "MXQ1234",
        "MACAddress": "B4:7A:F1:D0:A1:C4",
        "PermanentMACAddress": "b4:7a:f1:d0:a1:c4",
        "IPv4Addresses": [
            {"Address": "10.1.2.3", "SubnetMask": "255.255.255.0", "Gateway": "10.1.2.1"}
        ],
        "IPv6Addresses": [{"Address": "fe80::b67a:f1ff:fed0:a1c4"}],
        "UefiDevicePath": "PciRoot(0x2)/MAC(B47AF1D0A1C4,0x1)/IPv4(0.0.0.0)",
        "NameServers": ["10.1.2.3", "0.0.0.0"],
        "FirmwareVersion": "1.2.3.4",
        "@odata.id": "/redfish/v1/Managers/1/EthernetInterfaces/1",
    }
    out = redactor.redact(doc)
    assert out["SerialNumber"] == out["ChassisSerialNumber"] == "REDACTED0001"
    assert out["MACAddress"] == "02:00:00:00:00:01"
    assert out["PermanentMACAddress"] == "02:00:00:00:00:01"  # the same MAC in lower case
    address = out["IPv4Addresses"][0]
    assert address["Address"].startswith("192.0.2.") and address["Gateway"].startswith("192.0.2.")
    assert address["Address"] != address["Gateway"]
    assert address["SubnetMask"] == "255.255.255.0"
    assert out["IPv6Addresses"][0]["Address"].startswith("2001:db8::")
    assert out["NameServers"] == [address["Address"], "0.0.0.0"]
    assert out["FirmwareVersion"] == "1.2.3.4"  # not an address field: a version stays
    assert out["@odata.id"] == doc["@odata.id"]
    assert out["UefiDevicePath"] == "PciRoot(0x2)/MAC(020000000001,0x1)/IPv4(0.0.0.0)"
    assert "10.1.2.3" not in str(out) and "B4:7A" not in str(out) and "B47A" not in str(out)
