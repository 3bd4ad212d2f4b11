"""Paths the review found unreachable: an absolute URI that goes on into the properties of a
resource no named link reaches, ``NAME#/pointer`` typed as a shell path, and ``find -type``
with a versioned type name written without its ``#``."""

from __future__ import annotations

import pytest

from iloshell.redfish.walk import fragment_split
from iloshell.sim.testing import simulate
from tests.shell.harness import Shell


@pytest.fixture(scope="module")
def shell():
    with simulate() as sim:
        running = Shell(sim.url)
        yield running
        running.close()


def test_uri_into_the_properties_of_a_resource_reached_only_by_settings(shell):
    # Bios/Settings is linked from @Redfish.Settings, not by a name a path can walk.
    settings = "/redfish/v1/systems/1/bios/settings"
    expected = shell.ok(f"get {settings}/Attributes").strip()
    assert expected.startswith("{")
    assert shell.ok(f"get {settings}/Attributes/AdminName") == "Demo Operations\n"
    assert shell.ok(f"cd {settings}/Attributes; get AdminName") == "Demo Operations\n"


def test_a_uri_naming_nothing_still_reports_the_services_404(shell):
    for uri in ("/redfish/v1/Systems/42", "/redfish/v1/systems/1/bios/settings/Attributes/Nope"):
        result = shell.run(f"cat {uri}")
        assert result.code == 5 and "404" in result.err, result.err


def test_fragment_in_a_shell_path(shell):
    as_uri = shell.ok("cd /redfish/v1/Chassis/1/Thermal#/Temperatures/0; get Name")
    assert shell.ok("cd '/Chassis/1/Thermal#/Temperatures/0'; get Name") == as_uri
    assert shell.ok("cd /Chassis/1; cd 'Thermal#/Temperatures/0'; pwd") == (
        "/Chassis/1/Thermal/Temperatures/0\n"
    )
    assert shell.ok("cd '/Chassis/1/Thermal#Temperatures/0'; get Name") == as_uri
    assert shell.ok("cd '/Chassis/1/Thermal#'; pwd") == "/Chassis/1/Thermal\n"


def test_action_names_starting_with_hash_are_still_names(shell):
    assert shell.ok("cd /Systems/1/Actions/#ComputerSystem.Reset; pwd") == (
        "/Systems/1/Actions/#ComputerSystem.Reset\n"
    )
    assert fragment_split("#ComputerSystem.Reset") is None
    assert fragment_split("Thermal#") == ("Thermal", "")
    assert fragment_split("Thermal#Fans") == ("Thermal", "Fans")


@pytest.mark.parametrize(
    "pattern", ["Bios", "#Bios.v1_0_4.Bios", "Bios.v1_0_4.Bios", "bios.V1_0_4.BIOS", "Bios.*"]
)
def test_find_type_accepts_the_versioned_name_with_or_without_hash(shell, pattern):
    # Quoted: unquoted, '#Bios...' after -type is a word too, but this test is about matching.
    found = shell.ok(f"find / -type '{pattern}'").splitlines()
    assert "/Systems/1/Bios" in found, (pattern, found)


def test_find_type_unquoted_hash_name(shell):
    assert "/Systems/1/Bios" in shell.ok("find / -type #Bios.v1_0_4.Bios").splitlines()
