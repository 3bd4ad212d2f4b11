"""BIOS dependency rules from the attribute registry: advice when a change is staged, never a
refusal (the BIOS decides at the next boot)."""

from __future__ import annotations

from iloshell.sim.testing import simulate

from .harness import Shell


def test_staging_an_attribute_another_one_locks_says_so_and_still_stages():
    with simulate() as sim:
        shell = Shell(sim.url)
        result = shell.run("set /Systems/1/Bios/Attributes/Ipv4Address=10.0.0.9")
        assert result.code == 0, result.err
        assert "staged /Systems/1/Bios/Attributes/Ipv4Address" in result.err
        assert "note: IPv4 Address (Ipv4Address) is locked while Dhcpv4 is Enabled" in result.err
        quiet = shell.run("set /Systems/1/Bios/Attributes/AdminName=Quiet")
        assert "locked" not in quiet.err
        shell.close()


def test_a_profile_that_changes_other_attributes_names_them():
    with simulate() as sim:
        shell = Shell(sim.url)
        shell.ok("set /Systems/1/Bios/Attributes/ProcVirtualization=Disabled; commit -y")
        shell.ok("invoke -y /Systems/1 Reset ResetType=ForceRestart")
        shell.ok("refresh /Systems/1/Bios")
        result = shell.run(
            "set /Systems/1/Bios/Attributes/WorkloadProfile=Virtualization-MaxPerformance"
        )
        assert result.code == 0, result.err
        assert (
            "the BIOS will also change 1 other attribute: ProcVirtualization=Enabled" in result.err
        )
        shell.close()
