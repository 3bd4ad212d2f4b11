"""Services that describe nothing about themselves (``iloshell-sim --bare``: no schemas, no
registries) and services that take HTTP Basic only (``--basic-only``), over real HTTP."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from iloshell.errors import ConnectError
from iloshell.sim.testing import simulate
from tests.conftest import RACKMOUNT
from tests.shell.harness import JsonHandler, Shell, serve_handler

SYSTEM = "/Systems/437XR1138R2"
CLI = [sys.executable, "-m", "iloshell.frontends.cli"]


@pytest.fixture(scope="module")
def bare():
    with simulate(mockup=RACKMOUNT, bare=True) as sim:
        yield sim


@pytest.fixture
def shell(bare):
    running = Shell(bare.url)
    yield running
    running.close()


def patches(sim) -> int:
    return sim.stats()["requests"].get("PATCH", 0)


def test_bare_serves_no_schemas_and_no_registries(bare, shell):
    root = shell.ok("ls /")
    assert "JsonSchemas" not in root and "Registries" not in root
    assert any("--bare" in note for note in bare.service.notes)


@pytest.mark.parametrize(
    ("assignment", "says"),
    [
        ("PowerState=Off", "PowerState is read-only"),
        ("SerialNumber=X1", "SerialNumber is read-only"),
        ("UUID=00000000-0000-0000-0000-000000000000", "UUID is read-only"),
        ("Id=2", "Id is read-only"),
        ("NoSuchProperty=1", "NoSuchProperty is not a property of ComputerSystem"),
    ],
)
def test_read_only_and_unknown_are_refused_locally_without_schemas(bare, shell, assignment, says):
    before = patches(bare)
    result = shell.run(f"cd {SYSTEM}; set {assignment}; commit -y")
    assert result.code == 4, result.err
    assert says in result.err
    assert patches(bare) == before


def test_writable_standard_property_is_validated_by_the_bundled_schema(bare, shell):
    result = shell.run(f"set {SYSTEM}/AssetTag=rack-7")
    assert result.code == 0 and "unvalidated" not in result.err
    assert shell.run(f"set {SYSTEM}/Boot/BootSourceOverrideTarget=Floppy").code == 4
    result = shell.run("commit -y")
    assert result.code == 0 and "applied" in result.out


def test_oem_property_stays_unvalidated_and_only_it_is_refused_by_strict(shell):
    result = shell.run(f"set {SYSTEM}/Oem/Contoso/NewThing=1")
    assert result.code == 0 and "[unvalidated: no schema describes it]" in result.err
    shell.ctx.settings.strict = True
    assert shell.run(f"set {SYSTEM}/AssetTag=strict-ok").code == 0
    result = shell.run(f"set {SYSTEM}/Oem/Contoso/NewThing=2")
    assert result.code == 4 and "--strict" in result.err


def test_ls_l_and_explain_use_the_bundled_rules_and_say_so(shell):
    listing = shell.ok(f"ls -l {SYSTEM}")
    rows = {line.split()[0]: line.split()[1:] for line in listing.splitlines() if line.strip()}
    assert "rw" in rows["AssetTag"] and "ro" in rows["SerialNumber"]
    out = shell.ok(f"explain {SYSTEM}/AssetTag")
    assert "rules from  bundled DMTF ComputerSystem v1." in out


def test_explain_a_message_from_a_registry_the_service_does_not_serve(shell):
    out = shell.ok("explain Base.PropertyNotWritable")  # no version: the newest bundled
    assert out.startswith("Base.1.22.1.PropertyNotWritable  (message of the Base 1.22.1 registry)")


class Terse(JsonHandler):
    """A service whose errors carry bare MessageIds (no Message) and that serves no registry."""

    def do_GET(self) -> None:
        if self.path.rstrip("/") == "/redfish/v1":
            self.answer(200, {"@odata.id": "/redfish/v1/", "Id": "RootService"})
            return
        entry = {"MessageId": "Base.1.8.ResourceMissingAtURI", "MessageArgs": [self.path]}
        self.answer(404, {"error": {"code": "Base.1.8.GeneralError", EXTENDED: [entry]}})


EXTENDED = "@Message.ExtendedInfo"


def test_service_errors_are_resolved_through_the_bundled_registries():
    with serve_handler(Terse) as url:
        shell = Shell(url)
        try:
            result = shell.run("raw GET /redfish/v1/Nope")
        finally:
            shell.close()
    assert result.code == 5
    assert "The resource at the URI '/redfish/v1/Nope' was not found" in result.err


# -- Basic only ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def basic_only():
    with simulate(basic_only=True) as sim:
        yield sim


def test_auto_falls_back_to_basic_when_the_session_login_is_refused(basic_only):
    shell = Shell(basic_only.url, auth="auto")
    try:
        assert shell.ctx.conn.auth.kind == "basic"
        assert shell.ok("ls /Systems").strip()
        assert basic_only.stats()["sessions"] == 0
    finally:
        shell.close()


def test_session_only_is_refused_and_a_wrong_password_still_fails(basic_only):
    with pytest.raises(ConnectError, match="login refused"):
        Shell(basic_only.url, auth="session")
    with pytest.raises(ConnectError, match="login refused"):
        Shell(basic_only.url, password="wrong", auth="auto")


def test_auth_option_and_config_key_and_what_connect_says(basic_only, private_home, tmp_path):
    env = {**os.environ, "ILO_PASSWORD": "password"}
    run = [*CLI, basic_only.url, "-u", "admin"]
    done = subprocess.run([*run, "--auth", "basic", "-c", "pwd"], env=env, capture_output=True)
    assert done.returncode == 0, done.stderr
    done = subprocess.run([*run, "--auth", "session", "-c", "pwd"], env=env, capture_output=True)
    assert done.returncode == 3 and b"login refused" in done.stderr
    config = private_home / "xdg_config_home" / "iloshell" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text('auth = "session"\n')
    done = subprocess.run([*run, "-c", "pwd"], env=env, capture_output=True)
    assert done.returncode == 3
    command = f"connect {basic_only.url} -u admin"
    done = subprocess.run(
        [*run, "--auth", "auto", "-c", command], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0 and "(HTTP Basic)" in done.stderr


def test_a_session_service_says_it_used_a_session():
    from iloshell.frontends.repl import toolbar_parts

    with simulate() as sim:
        shell = Shell(sim.url)
        try:
            assert shell.ctx.conn.auth_label == "session login"
            toolbar = "".join(text for _style, text in toolbar_parts(shell.ctx))
            assert "(session login)" in toolbar
            url = sim.url.replace("://", "://admin:password@")
            result = shell.run(f"connect {url}")
            assert result.code == 0 and "as admin (session login)" in result.err
        finally:
            shell.close()


def test_a_one_liner_on_a_service_without_schemas_reads_no_bundle(bare, tmp_path):
    """``-c pwd`` needs no rules: neither the schema model nor the bundled zip is loaded."""
    from tests.reliability.test_startup import heavy_imports_of_a_one_liner

    heavy = heavy_imports_of_a_one_liner(bare, tmp_path)
    assert heavy == [], heavy
