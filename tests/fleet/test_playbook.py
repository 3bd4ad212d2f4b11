"""What the Ansible modules do, called in-process against a simulator (ansible-playbook
itself is in test_ansible.py): script mode, check mode's results, failures' messages."""

from __future__ import annotations

import pytest

from iloshell.frontends.playbook import PlaybookError, Service, configure, read_facts
from iloshell.sim.testing import simulate

PROFILE = "/Systems/1/Bios/Attributes/WorkloadProfile"


@pytest.fixture
def service():
    with simulate() as sim:
        yield Service(sim.url, sim.user, sim.password), sim


def test_a_script_commits_and_reports_each_change(service):
    login, sim = service
    result = configure(login, script=f"set {PROFILE}=LowLatency /Systems/1/AssetTag=r9\ncommit")
    assert result["changed"]
    assert sorted((c["path"], c["result"]) for c in result["changes"]) == [
        ("/Systems/1/AssetTag", "applied"),
        (PROFILE, "pending"),
    ]
    resources = {d["before_header"] for d in result["diff"]}
    assert resources == {"/Systems/1 (current)", "/Systems/1/Bios/Attributes (current)"}
    again = configure(login, settings={PROFILE: "LowLatency", "/Systems/1/AssetTag": "r9"})
    assert not again["changed"] and again["changes"] == []
    assert sim.stats()["requests"]["PATCH"] == 2


def test_check_mode_says_would_change_sends_nothing_and_leaves_nothing_staged(service):
    login, sim = service
    result = configure(login, settings={"/Systems/1/AssetTag": "checked"}, check=True)
    assert [c["result"] for c in result["changes"]] == ["would change"]
    assert result["diff"][0]["after"] == {"AssetTag": "checked"}
    assert "PATCH" not in sim.stats()["requests"]
    assert not configure(login, script="status", check=True)["changed"]


def test_failures_are_one_line_with_nothing_sent(service):
    login, sim = service
    with pytest.raises(PlaybookError, match="SerialNumber is read-only"):
        configure(login, settings={"/Systems/1/SerialNumber": "X"})
    with pytest.raises(PlaybookError, match=r"^script:2: .*Nowhere"):
        configure(login, script="pwd\ncd /Nowhere\npwd")
    with pytest.raises(PlaybookError, match="login refused"):
        configure(Service(sim.url, sim.user, "wrong"), script="pwd")
    assert "PATCH" not in sim.stats()["requests"]
    assert sim.stats()["sessions"] == 0


def test_info_reads_values_and_finds_types(service):
    login, _ = service
    facts = read_facts(login, ["/Systems/1/PowerState"], ["ComputerSystem"])
    assert facts["values"] == {"/Systems/1/PowerState": "On"}
    assert facts["found"] == {"ComputerSystem": ["/Systems/1"]}


def test_auth_chooses_how_to_log_in():
    with simulate(basic_only=True) as sim:
        basic = Service(sim.url, sim.user, sim.password, auth="basic")
        assert configure(basic, settings={"/Systems/1/AssetTag": "b1"})["changed"]
        assert sim.stats()["sessions"] == 0
        with pytest.raises(PlaybookError, match="login refused"):
            configure(Service(sim.url, sim.user, sim.password, auth="session"), script="pwd")
