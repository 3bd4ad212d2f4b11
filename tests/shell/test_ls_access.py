"""ls -l's read-only/writable column: filled wherever the schema can tell, the same way for
a value, an object, an array of objects, a collection member; counts in good English."""

from __future__ import annotations

import re

import pytest

from iloshell.sim.testing import simulate
from tests.conftest import DL325

from .harness import Shell


@pytest.fixture(scope="module", params=["builtin", "dl325"])
def shell(request):
    options = {"mockup": str(DL325)} if request.param == "dl325" else {}
    with simulate(**options) as sim:
        shell = Shell(sim.url)
        yield shell
        shell.close()


def access(out: str) -> dict[str, str]:
    """name -> the ro/rw column ('' when blank) of ls -l's lines."""
    found = {}
    for line in out.splitlines():
        match = re.match(r"^(\S+)\s+(resource|collection|object|array|value|link)\s+(ro|rw)?", line)
        if match:
            found[match.group(1).rstrip("/")] = match.group(3) or ""
    return found


def test_collection_members_are_read_only_like_the_members_list(shell):
    assert access(shell.ok("ls -l /Systems"))["1"] == "ro"


def test_objects_and_arrays_of_objects_say_what_is_inside_them(shell):
    system = access(shell.ok("ls -l /Systems/1"))
    assert system["Boot"] == "rw"  # BootSourceOverrideTarget and friends
    assert system["Status"] == "ro"  # Health, State: nothing to set
    assert system["Actions"] == "ro"  # invoked, never written
    assert system["AssetTag"] == "rw"
    power = access(shell.ok("ls -l /Chassis/1/Power"))
    assert power["PowerSupplies"] == "ro"
    # An array of objects, its element and what makes it writable agree (iLO's schema lets
    # PowerLimit be set; the built-in one does not).
    element = access(shell.ok("ls -l /Chassis/1/Power/PowerControl"))["0"]
    limit = access(shell.ok("ls -l /Chassis/1/Power/PowerControl/0"))["PowerLimit"]
    assert power["PowerControl"] == element == limit != ""


def test_identifiers_are_read_only_even_where_a_schema_leaves_it_unsaid(shell):
    control = access(shell.ok("ls -l /Chassis/1/Power/PowerControl/0"))
    assert control["MemberId"] == "ro"
    assert access(shell.ok("ls -l /Systems/1/Actions")) == {"#ComputerSystem.Reset": "ro"}


def test_counts_of_one_are_singular(shell):
    out = shell.ok("ls -l /Systems/1")
    assert "1 properties" not in out and "1 items" not in out
    assert re.search(r"TrustedModules\s+array\s+\S*\s+1 item$", out, re.M)
    assert re.search(r"Actions\s+object\s+\S*\s+1 property$", out, re.M)
