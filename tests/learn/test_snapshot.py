"""snapshot: the service as a DMTF mockup folder that serves like the original."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import PurePosixPath

import requests

from iloshell.render.mockup import Folders
from iloshell.sim.testing import simulate
from tests.conftest import RACKMOUNT
from tests.shell.harness import Shell


def without_etags(value):
    if isinstance(value, dict):
        return {k: without_etags(v) for k, v in value.items() if k != "@odata.etag"}
    if isinstance(value, list):
        return [without_etags(v) for v in value]
    return value


def test_a_snapshot_served_by_the_simulator_answers_like_the_original(tmp_path):
    folder = tmp_path / "snap"
    with simulate() as original:
        shell = Shell(original.url)
        result = shell.run(f"snapshot {folder}")
        assert result.code == 0, result.err
        assert "schema and registry documents" in result.err
        shell.close()
        assert (folder / "index.json").is_file() and (
            folder / "Systems" / "1" / "index.json"
        ).is_file()
        uris = [uri for uri, _ in original.store.items() if "/sessions" not in uri.casefold()]
        with simulate(mockup=folder) as copy:
            old, new = requests.Session(), requests.Session()
            old.auth = new.auth = (original.user, original.password)
            differ = []
            for uri in uris:
                a, b = old.get(original.url + uri), new.get(copy.url + uri)
                if a.status_code != b.status_code or without_etags(a.json()) != without_etags(
                    b.json()
                ):
                    differ.append(uri)
            assert differ == []
            assert len(uris) > 250


def test_redact_replaces_serials_macs_and_ips_and_passwords_are_never_saved(tmp_path):
    folder = tmp_path / "shared"
    with simulate() as sim:
        serial = sim.store.get("/redfish/v1/Systems/1")["SerialNumber"]
        shell = Shell(sim.url)
        result = shell.run(f"snapshot --redact {folder}")
        assert result.code == 0 and "serial numbers, MAC and IP addresses" in result.err
        shell.close()
    texts = {p: p.read_text() for p in folder.rglob("index.json")}
    assert not [p for p, text in texts.items() if serial in text]  # registries included
    resources = {p: t for p, t in texts.items() if "store" not in str(p).casefold()}
    system = json.loads((folder / "Systems" / "1" / "index.json").read_text())
    assert system["SerialNumber"].startswith("REDACTED")
    nic = json.loads(
        next(
            t for p, t in resources.items() if "EthernetInterfaces/" in str(p) and "MACAddress" in t
        )
    )
    assert nic["MACAddress"].lower().startswith("02:00:00")
    root = json.loads((folder / "index.json").read_text())
    assert root["Oem"]["Hpe"]["Sessions"]["LoginHint"]["HintPOSTData"]["Password"] == "password"


def test_demo_explores_a_snapshot_offline(tmp_path):
    folder = tmp_path / "part"
    with simulate() as sim:
        shell = Shell(sim.url)
        assert shell.run(f"snapshot {folder} /Systems/1").code == 0
        refused = shell.run(f"snapshot {folder}")
        assert refused.code == 1 and f"{folder} is a folder that is not empty" in refused.err
        (tmp_path / "file").write_text("x")
        not_a_folder = shell.run(f"snapshot {tmp_path / 'file'}")
        assert (
            not_a_folder.code == 1
            and "file is a file; snapshot writes a folder" in not_a_folder.err
        )
        shell.close()
    assert (folder / "Systems" / "1" / "bios" / "index.json").is_file()  # iLO spells it so
    assert not (folder / "Managers" / "1").exists()  # below PATH only (and the model)
    assert (folder / "JsonSchemas" / "index.json").is_file()
    env = {**os.environ, "NO_COLOR": "1"}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "iloshell.frontends.cli",
            "--demo",
            "--mockup",
            str(folder),
            "-c",
            "get /Systems/1/Model; explain /Systems/1/AssetTag",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("ProLiant DL380 Gen10 Plus")
    assert "read-write" in done.stdout  # the copied schemas validate like the original's


def test_folders_keep_one_spelling_per_folder():
    folders = Folders()
    assert folders.folder("/redfish/v1/") == PurePosixPath(".")
    assert folders.folder("/redfish/v1/Systems/1") == PurePosixPath("Systems/1")
    assert folders.folder("/redfish/v1/systems/1/bios/") == PurePosixPath("Systems/1/bios")
    assert folders.folder("/redfish/v1/Systems/1/Memory%20Slot%231") == PurePosixPath(
        "Systems/1/Memory%20Slot%231"
    )
    assert folders.folder("/redfish/v2/elsewhere") is None
    assert folders.folder("/redfish/v1/../../etc") is None


def test_demo_explores_any_dmtf_mockup():
    done = subprocess.run(
        [
            *(sys.executable, "-m", "iloshell.frontends.cli", "--demo", "--mockup"),
            *(str(RACKMOUNT), "-c", "ls /Systems; get /Systems/437XR1138R2/PowerState"),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "NO_COLOR": "1"},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0].startswith("437XR1138R2/")
    assert done.stdout.splitlines()[-1] == "On"
