"""Errors that say how to write the line right: a newcomer's typed values, long lists of
allowed values, members that do not exist, actions (issue 13)."""

from __future__ import annotations

import pytest

from iloshell.sim.testing import simulate

from .harness import Shell


@pytest.fixture(scope="module")
def shell():
    with simulate() as sim:
        session = Shell(sim.url, sim.user, sim.password)
        session.ok("cd /Systems/1")
        yield session
        session.close()


def error(shell: Shell, line: str) -> str:
    result = shell.run(line)
    assert result.code != 0 and result.out == ""
    (only,) = result.err.splitlines()  # one line, whatever went wrong
    return only.removeprefix("-c:1: ")


def test_a_number_for_a_string_says_how_to_write_it(shell):
    said = error(shell, "set AssetTag=5")
    assert 'AssetTag: 5 is an integer; it must be a string or null; write AssetTag="5"' in said
    assert "(or AssetTag==5)" in said
    assert said.endswith("(explain /Systems/1/AssetTag shows what is allowed)")


def test_a_quoted_number_for_an_integer_says_to_drop_the_quotes(shell):
    said = error(shell, 'set Bios/Attributes/PatrolScrubDuration="12"')
    assert "write Bios/Attributes/PatrolScrubDuration=12 (no quotes" in said


def test_a_value_with_blanks_shows_the_quoted_line(shell):
    said = error(shell, "set AssetTag=Hello World")
    assert said == "'World': a value with blanks needs quotes: set AssetTag=\"Hello World\""


def test_a_long_list_of_allowed_values_is_one_short_line_with_the_closest(shell):
    said = error(shell, "set Bios/Attributes/WorkloadProfile=LowLatncy")
    assert "choose one of 13 values, closest: LowLatency (Low Latency)" in said
    assert said.endswith(
        "(Tab after = lists the values; "
        "explain /Systems/1/Bios/Attributes/WorkloadProfile shows what is allowed)"
    )
    assert "explain PATH" not in said and len(said) < 240
    assert "Custom" not in error(shell, "set Bios/Attributes/WorkloadProfile=Turbo")


def test_a_member_that_does_not_exist_names_those_that_do(shell):
    said = error(shell, "cd /Systems/2")
    assert said == "/Systems/2: no such name here; the members are 1; did you mean 1?"
    said = error(shell, "cd /AccountService/Accounts/7")
    assert "the members are 1, 2, 3; did you mean 3?" in said


def test_an_action_error_names_the_action_once(shell):
    said = error(shell, "invoke #ComputerSystem.Reset ResetType=Foo")
    assert said.count("ComputerSystem.Reset") == 2  # the lead, and the explain path
    assert said.startswith("ComputerSystem.Reset: not sent: ResetType 'Foo' is not allowed")
    said = error(shell, "invoke #ComputerSystem.Reset Foo=On")
    assert said.startswith("ComputerSystem.Reset: not sent: it has no parameter Foo")
