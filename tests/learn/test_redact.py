"""What never leaves as it came: secrets by name; serials, MACs and IPs on request."""

from __future__ import annotations

import json
import re

import requests

from iloshell.redfish.resource import is_secret_name, mask_secrets
from iloshell.render.redact import Redactor
from iloshell.sim.testing import simulate
from tests.conftest import DL325
from tests.shell.harness import Shell


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


def test_ips_are_replaced_in_free_text_and_urls_but_versions_stay():
    redactor = Redactor()
    doc = {
        "Message": "Browser login: root - 10.254.1.13(ncn-w002-hmn).",
        "MessageArgs": ["root", "10.254.1.13", "ncn-w002-hmn"],
        "URL": "http://10.254.1.13:80/",
        "Note": "peer at [fe80::b67a:f1ff:fed0:a1c4]:443, mask 255.255.255.0, any 0.0.0.0",
        "Description": "Driver 5.1-OFED.5.1.2.5.8.1.sles15sp2, BIOS v2.46",
        "Version": "10.1.2.3",
        "FirmwareVersion": "1.2.3.4",
    }
    out = redactor.redact(doc)
    stand_in = out["MessageArgs"][1]
    assert stand_in.startswith("192.0.2.")
    assert out["Message"] == f"Browser login: root - {stand_in}(ncn-w002-hmn)."
    assert out["URL"] == f"http://{stand_in}:80/"
    assert out["Note"].startswith("peer at [2001:db8::") and "fe80" not in out["Note"]
    assert out["Note"].endswith("mask 255.255.255.0, any 0.0.0.0")
    assert out["Description"] == doc["Description"]
    assert out["Version"] == "10.1.2.3" and out["FirmwareVersion"] == "1.2.3.4"


def test_a_serial_is_replaced_inside_other_strings_wherever_it_comes_first():
    redactor = Redactor()
    manager = {"HostName": "ILOMXQ019020B", "FQDN": "ilomxq019020b.hmn"}
    system = {"SerialNumber": "MXQ019020B", "iSCSIInitiatorName": "iqn.2015-02.com.hpe:MXQ019020B"}
    redactor.learn(manager)
    redactor.learn(system)  # what snapshot does for every resource before writing any
    out = [redactor.redact(manager), redactor.redact(system)]
    assert out[0] == {"HostName": "ILOREDACTED0001", "FQDN": "iloREDACTED0001.hmn"}
    assert out[1]["iSCSIInitiatorName"] == "iqn.2015-02.com.hpe:REDACTED0001"
    assert "MXQ019020B" not in str(out).upper()


def test_links_and_uris_lose_serials_and_macs_alike():
    redactor = Redactor()
    system = {
        "@odata.id": "/redfish/v1/Systems/529QB9450R6",
        "@odata.type": "#ComputerSystem.v1_1_0.ComputerSystem",
        "Id": "529QB9450R6",
        "SerialNumber": "529QB9450R6",
    }
    nic = {"@odata.id": "/redfish/v1/Systems/529QB9450R6/EthernetInterfaces/12446A3B0411"}
    redactor.learn(system)
    redactor.learn({**nic, "PermanentMACAddress": "12:44:6a:3b:04:11"})
    out = redactor.redact({"Links": {"ComputerSystems": [system], "Nic": nic}})
    assert out["Links"]["ComputerSystems"][0] == {
        **system,
        "@odata.id": "/redfish/v1/Systems/REDACTED0001",
        "Id": "REDACTED0001",
        "SerialNumber": "REDACTED0001",
    }
    nic_uri = "/redfish/v1/Systems/REDACTED0001/EthernetInterfaces/020000000001"
    assert out["Links"]["Nic"]["@odata.id"] == nic_uri
    assert redactor.uri(nic["@odata.id"]) == nic_uri  # where the NIC itself is stored
    assert redactor.redact({"X": "12:44:6A:3B:04:11"}) == {"X": "02:00:00:00:00:01"}


def test_serials_too_plain_to_be_unique_are_not_replaced_elsewhere():
    redactor = Redactor()
    out = redactor.redact({"SerialNumber": "N/A", "Other": {"SerialNumber": "123"}, "X": "N/A 123"})
    assert out["SerialNumber"] == "REDACTED0001" and out["X"] == "N/A 123"


def test_a_redacted_dl325_snapshot_keeps_no_address_or_serial_and_still_serves(tmp_path):
    folder = tmp_path / "dl325"
    with simulate(mockup=DL325) as sim:
        shell = Shell(sim.url)
        result = shell.run(f"snapshot --redact {folder}")
        shell.close()
    assert result.code == 0, result.err
    texts = {
        p: p.read_text(encoding="utf-8")
        for p in folder.rglob("index.json")
        if "store" not in str(p.relative_to(folder)).casefold()  # registries teach with examples
    }
    assert not [p for p, text in texts.items() if "10.254.1." in text]
    assert not [p for p, text in texts.items() if "MXQ019020B" in text.upper()]
    peers = json.loads((folder / "Managers/1/FederationPeers/DEFAULT/index.json").read_text())
    assert all(p["URL"].startswith("http://192.0.2.") for p in peers["Peers"])
    entry = json.loads((folder / "Managers/1/LogServices/IEL/Entries/1/index.json").read_text())
    assert re.fullmatch(r"Browser login: root - 192\.0\.2\.\d+\(ncn-w002-hmn\)\.", entry["Message"])
    network = json.loads((folder / "Managers/1/NetworkProtocol/index.json").read_text())
    assert network["HostName"] == "ILOREDACTED0001"
    system = json.loads((folder / "Systems/1/index.json").read_text())
    assert system["SerialNumber"] == "REDACTED0001" and system["HostName"] == "ncn-m003"
    with simulate(mockup=folder) as copy:
        served = requests.get(
            copy.url + "/redfish/v1/Managers/1/FederationPeers/DEFAULT",
            auth=(copy.user, copy.password),
            timeout=10,
        )
    assert served.status_code == 200 and served.json()["Peers"] == peers["Peers"]
