"""What makes a saved script safe to run again and able to wait: pending-aware set,
commit with nothing staged, and wait PATH OP VALUE."""

from __future__ import annotations

import threading
import time

import requests

from tests.shell.harness import Shell

PROFILE = "/Systems/1/Bios/Attributes/WorkloadProfile"


def test_a_value_already_pending_stages_nothing_and_commit_then_succeeds(sim):
    shell = Shell(sim.url, assume_yes=True)
    shell.ok(f"set {PROFILE}=Virtualization-MaxPerformance; commit")
    again = shell.run(f"set {PROFILE}=Virtualization-MaxPerformance; commit")
    assert again.code == 0, again.err
    assert "already pending" in again.err and "nothing to commit" in again.err
    assert sim.stats()["requests"]["PATCH"] == 1
    back = shell.run(f"set {PROFILE}=GeneralPowerEfficientCompute")  # the current value
    assert "staged" in back.err and len(shell.ctx.conn.stage) == 1  # undoes the pending one
    shell.close()


def test_wait_returns_when_the_value_arrives(sim):
    shell = Shell(sim.url)

    def tag_later():
        time.sleep(0.3)
        requests.patch(
            sim.url + "/redfish/v1/Systems/1",
            json={"AssetTag": "back"},
            auth=(sim.user, sim.password),
            timeout=10,
        )

    thread = threading.Thread(target=tag_later)
    thread.start()
    result = shell.run("wait --interval 0.1 --timeout 20 /Systems/1/AssetTag == back")
    thread.join()
    assert result.code == 0, result.err
    assert "/Systems/1/AssetTag is back" in result.err
    shell.close()


def test_a_wait_that_times_out_fails_with_the_last_value(sim):
    shell = Shell(sim.url)
    result = shell.run("wait --interval 0.1 --timeout 0.3 /Systems/1/PowerState == Exploded")
    assert result.code == 1
    assert "did not happen within 0.3 s; last seen: On" in result.err
    for bad in ("wait /Systems/1/PowerState = On", "wait --timeout -1 /Systems/1/PowerState == On"):
        assert shell.run(bad).code == 2
    shell.close()
