"""History: what may be remembered, and the private file it is remembered in."""

from __future__ import annotations

import stat

import pytest

from iloshell.frontends.history import HistoryFile, history_path, line_holds_secret


@pytest.mark.parametrize(
    "line",
    [
        "set /AccountService/Accounts/2/Password=hunter2",
        "set Password==hunter2",
        "set Bios/Attributes/AdminPassword=hunter2",
        'create Accounts {"UserName": "ops", "Password": "hunter2"}',
        'raw PATCH /redfish/v1/AccountService/Accounts/2 \'{"Password":"hunter2"}\'',
        "raw POST /x Password hunter2",
        "ls; set NewPassword=x",
        "connect https://ilo -u admin -p hunter2",
        "set Attributes/Secret=1",
        "connect https://admin:hunter2@ilo.example.com",
        'set X:={"EncryptionKey":"abc"}',
        'set X:={"Token":"x"}',
        'create Certs \'{"PrivateKey":"k"}\'',
    ],
)
def test_lines_with_secrets_are_recognised(line):
    assert line_holds_secret(line)


@pytest.mark.parametrize(
    "line",
    [
        "connect https://ilo.example.com -u admin",
        "connect https://admin@ilo.example.com",
        "cd /AccountService/Accounts/2",
        "cat Password",
        "set AssetTag=rack12",
        "explain PasswordPolicy",
        "ls",
    ],
)
def test_ordinary_lines_are_kept(line):
    assert not line_holds_secret(line)


def test_attribute_registries_name_more_secrets():
    """A BIOS attribute of type Password need not say so in its name."""
    assert not line_holds_secret("set Bios/Attributes/PowerOnPin=1234")
    assert line_holds_secret("set Bios/Attributes/PowerOnPin=1234", lambda n: n == "PowerOnPin")


def test_the_file_is_private_and_survives(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    path = history_path()
    assert path == tmp_path / "state" / "iloshell" / "history"
    first = HistoryFile()
    first.append("cd /Systems/1")
    first.append("ls -l\nget PowerState")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert HistoryFile().load() == ["cd /Systems/1", "ls -l\nget PowerState"]


def test_secrets_written_by_someone_else_are_not_loaded(tmp_path):
    path = tmp_path / "history"
    path.write_text("\n# t\n+ls\n\n# t\n+set Password=x\n")
    assert HistoryFile(path).load() == ["ls"]


def test_an_unwritable_history_is_no_error(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("")
    HistoryFile(blocked / "history").append("ls")  # its folder is a file: quietly skipped
