"""The iloshell.redfish Ansible collection, run by a real ansible-playbook against three
simulated iLOs: check and diff mode send nothing, a second run is unchanged while the BIOS
change is pending, a read-only setting fails before any PATCH."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from tests.fleet.conftest import CLI, start_fleet

PLAY = """
- hosts: ilos
  gather_facts: false
  tasks:
    - iloshell.redfish.iloshell:
        url: "{{{{ ilo_url }}}}"
        username: admin
        password: password
        settings:
{settings}
"""
INFO = """
- hosts: ilos
  gather_facts: false
  tasks:
    - iloshell.redfish.iloshell_info:
        url: "{{ ilo_url }}"
        username: admin
        password: password
        paths: [/Systems/1/SerialNumber]
        types: [Bios]
    - copy:
        content: "{{ {'values': iloshell_values, 'found': iloshell_found} | to_json }}"
        dest: "{{ facts_dir }}/{{ inventory_hostname }}.json"
"""


@pytest.fixture
def ansible(tmp_path):
    """(run a playbook text, the fleet) with an inventory of three simulated iLOs."""
    playbook = shutil.which("ansible-playbook")
    assert playbook, "ansible-playbook not found: pip install '.[test]' brings ansible-core"
    fleet = start_fleet(3)
    collections = subprocess.run(
        [*CLI, "--ansible-collections-path"], capture_output=True, text=True, check=True
    ).stdout.strip()
    inventory = tmp_path / "inventory.ini"
    hosts = [f"ilo-{i + 1} ilo_url={url}" for i, url in enumerate(fleet.urls)]
    inventory.write_text(
        "[ilos]\n" + "\n".join(hosts) + "\n\n[ilos:vars]\nansible_connection=local\n"
        f"ansible_python_interpreter={sys.executable}\nfacts_dir={tmp_path}\n"
    )
    env = {
        **os.environ,
        "ANSIBLE_COLLECTIONS_PATH": collections,
        "ANSIBLE_HOME": str(tmp_path / "ansible-home"),
        "ANSIBLE_NOCOLOR": "1",
        "LC_ALL": "C.UTF-8",
    }

    def run(text: str, *args: str) -> subprocess.CompletedProcess:
        book = tmp_path / "play.yml"
        book.write_text(text)
        return subprocess.run(
            [playbook, "-i", str(inventory), str(book), *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )

    yield run, fleet
    fleet.stop()


def play(settings: dict) -> str:
    lines = "\n".join(f"          {path}: {value}" for path, value in settings.items())
    return PLAY.format(settings=lines)


def patches(fleet) -> int:
    return fleet.stats()["requests"].get("PATCH", 0)


def test_check_diff_then_changed_then_unchanged_while_pending(ansible):
    run, fleet = ansible
    profile = play({"/Systems/1/Bios/Attributes/WorkloadProfile": "Virtualization-MaxPerformance"})
    checked = run(profile, "--check", "--diff")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert '+    "WorkloadProfile": "Virtualization-MaxPerformance"' in checked.stdout
    assert "changed=1" in checked.stdout and patches(fleet) == 0

    first = run(profile)
    assert first.returncode == 0, first.stdout
    assert first.stdout.count("changed=1") == 3 and patches(fleet) == 3

    second = run(profile)
    assert second.returncode == 0, second.stdout
    assert second.stdout.count("changed=0") == 3 and patches(fleet) == 3  # pending: ok
    assert fleet.stats()["sessions"] == 0  # every task logged out


def test_a_read_only_setting_fails_before_any_patch_and_info_gives_facts(ansible, tmp_path):
    run, fleet = ansible
    refused = run(play({"/Systems/1/AssetTag": "fine", "/Systems/1/SerialNumber": "X"}))
    assert refused.returncode != 0
    assert "SerialNumber is read-only" in refused.stdout and "failed=1" in refused.stdout
    assert patches(fleet) == 0

    info = run(INFO)
    assert info.returncode == 0, info.stdout + info.stderr
    facts = json.loads((tmp_path / "ilo-2.json").read_text())
    assert facts["values"] == {"/Systems/1/SerialNumber": "MXQ0000002"}
    assert facts["found"]["Bios"][0] == "/Systems/1/Bios"  # as find / -type Bios lists them


def test_ansible_doc_reads_both_modules(tmp_path):
    collections = subprocess.run(
        [*CLI, "--ansible-collections-path"], capture_output=True, text=True, check=True
    ).stdout.strip()
    env = {**os.environ, "ANSIBLE_COLLECTIONS_PATH": collections, "LC_ALL": "C.UTF-8"}
    env["ANSIBLE_HOME"] = str(tmp_path)
    for module in ("iloshell.redfish.iloshell", "iloshell.redfish.iloshell_info"):
        shown = subprocess.run(
            ["ansible-doc", module], capture_output=True, text=True, env=env, timeout=60
        )
        assert shown.returncode == 0 and "ERROR" not in shown.stderr, shown.stderr
        assert "check_mode" in shown.stdout
