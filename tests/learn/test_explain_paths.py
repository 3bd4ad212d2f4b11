"""What explain suggests must run from where the user is, and its tables must read well:
checked against the DL325 mockup (iLO 5's own schemas, BIOS registry and message registries)."""

from __future__ import annotations

import re

import pytest

from iloshell.render.explain import WIDTH
from iloshell.sim.testing import simulate
from tests.conftest import MOCKUPS
from tests.shell.harness import Shell

SHELL = {"assume_yes": True}

DL325 = MOCKUPS / "hpe-ilo5-dl325-gen10plus"


@pytest.fixture
def shell():
    with simulate(mockup=str(DL325)) as sim:
        session = Shell(sim.url, assume_yes=True)
        yield session
        session.close()


def suggested(out: str, pattern: str) -> str:
    """The command explain suggests, joined back when it was wrapped."""
    match = re.search(pattern, " ".join(out.split()))
    assert match, out
    return match[1]


@pytest.mark.parametrize(
    ("where", "typed", "value"),
    [
        ("/Systems/1", "Boot/BootSourceOverrideTarget", "Pxe"),
        ("/Systems/1/Boot", "BootSourceOverrideTarget", "Pxe"),
        ("/", "/Systems/1/Boot/BootSourceOverrideTarget", "Pxe"),
        ("/Managers", "../Systems/1/AssetTag", '"rack-7"'),
        ("/Systems/1", "Bios/Attributes/WorkloadProfile", "LowLatency"),
        ("/Systems/1/Bios", "Attributes/WorkloadProfile", "LowLatency"),
    ],
)
def test_the_suggested_set_runs_from_where_explain_was_typed(shell, where, typed, value):
    out = shell.ok(f"cd {where}; explain {typed}")
    command = suggested(out, r"read-write: (set \S+=VALUE) stages")
    assert command == f"set {typed}=VALUE"
    shell.ok(command.replace("VALUE", value))  # from the same place
    assert len(shell.ctx.connection.stage) == 1
    shell.ok("discard -a")


def test_a_path_explain_cannot_reuse_is_written_in_full(shell):
    shell.ok("cd /Systems/1/Boot; cd /Managers/1")
    out = shell.ok("cd -; explain .")  # back in Boot: '.' names no property
    command = suggested(out, r"read-write: (set \S+=VALUE)")
    assert command == "set /Systems/1/Boot=VALUE"
    shell.ok(command.replace("VALUE", '{"BootSourceOverrideTarget":"Pxe"}'))
    assert len(shell.ctx.connection.stage) == 1
    out = shell.ok("cd /Systems/1; explain AssetTag/")
    assert suggested(out, r"read-write: (set \S+=VALUE)") == "set AssetTag=VALUE"


def test_the_attribute_registry_hint_runs_from_where_explain_was_typed(shell):
    for where, typed in (("/Systems/1", "Bios"), ("/", "/Systems/1/Bios"), ("/Systems/1/Bios", "")):
        out = shell.ok(f"cd {where}; explain {typed}")
        hint = suggested(out, r"attributes; (explain \S+/Attributes/NAME)\)")
        shown = shell.ok(hint.replace("NAME", "WorkloadProfile"))
        assert "(BIOS attribute: Workload Profile)" in shown


def test_long_allowed_values_keep_their_column_and_no_empty_menu(shell):
    out = shell.ok("explain /Systems/1/Bios/Attributes/WorkloadProfile")
    lines = out.splitlines()
    long_value = lines.index("    TransactionalApplicationProcessing")  # its meaning below
    meaning = lines[long_value + 1]
    column = lines[long_value - 1].index("Mission Critical")
    assert meaning.strip() == "Transactional Application Processing"
    assert meaning.index("Transactional") == column
    values = lines[lines.index("  allowed values:") + 1 :]
    for line in values[: values.index("")]:
        if line != "    TransactionalApplicationProcessing":
            assert line[column - 2 : column] == "  " and line[column] != " ", line
    assert not any(line.lstrip().startswith("menu") for line in lines)  # iLO says ./
    assert "staged in   /redfish/v1/systems/1/bios/settings/ (applies at the next reset)" in out
    assert all(len(line) <= WIDTH for line in lines)


def test_a_message_id_without_its_version_uses_the_newest_registry(shell):
    out = shell.ok("cd /Systems/1; explain Base.PropertyNotWritable")
    title = "Base.1.4.0.PropertyNotWritable  (message of the Base 1.4.0 registry)"
    assert out.splitlines()[0] == title
    assert "read-only property" in out
    assert "iLO.2.14.0.ResetRequired" in shell.ok("explain iLO.ResetRequired")
    versioned = shell.ok("explain Base.1.4.PropertyNotWritable")
    assert versioned.split("\n", 1)[1] == out.split("\n", 1)[1]  # the same message


def test_dotted_text_that_is_no_message_is_still_a_path(shell):
    result = shell.run("cd /Systems/1; explain Nowhere.Nothing")
    assert result.code == 1 and "no such property here" in result.err
    result = shell.run("explain Base.NoSuchMessage")
    assert result.code == 1 and "has no message NoSuchMessage" in result.err
