"""A value that is not JSON after ``:=`` is echoed in the error, to show the typo, unless it
may be a credential: a password typed without quotes must not appear on screen."""

from __future__ import annotations

import pytest

from iloshell.errors import UsageError
from iloshell.redfish.resource import MASK
from iloshell.sim.testing import simulate
from iloshell.staging.values import parse_assignment
from tests.shell.harness import Shell


@pytest.fixture(scope="module")
def shell():
    with simulate() as sim:
        running = Shell(sim.url)
        yield running
        running.close()


@pytest.mark.parametrize(
    ("command", "secret"),
    [
        ("set /AccountService/Accounts/2/Password:=Zz-Leak-1", "Zz-Leak-1"),
        ('set /Systems/1/Bios/Attributes/AdminPassword:={"a":Zz-Leak-2}', "Zz-Leak-2"),
        ('set /AccountService/Accounts/2:={"Password":Zz-Leak-3}', "Zz-Leak-3"),
        ("cd /AccountService/Accounts/2; set Password:='Zz-Leak-4'", "Zz-Leak-4"),
    ],
)
def test_bad_json_under_a_secret_name_is_not_echoed(shell, command, secret):
    result = shell.run(command)
    assert result.code == 2
    assert "needs valid JSON" in result.err and MASK in result.err
    assert secret not in result.err + result.out


def test_other_bad_json_is_still_shown_to_find_the_typo():
    with pytest.raises(UsageError, match="'Pxee'"):
        parse_assignment("Boot/BootSourceOverrideTarget:=Pxee")


def test_an_empty_path_does_not_echo_the_value():
    with pytest.raises(UsageError) as caught:
        parse_assignment(":=Zz-Leak-5")
    assert "Zz-Leak-5" not in str(caught.value)
