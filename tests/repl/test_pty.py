"""The interactive shell in a real pseudo-terminal, against the simulator: type, read the
screen. Each test starts one ``iloshell`` process (``--demo`` serves the built-in data)."""

from __future__ import annotations

import json
import re
import signal
import stat
import time
import urllib.request

import pytest

from iloshell.sim.testing import simulate

from .term import Term, shell_env

PROMPT = r"admin@ilo-demo:{path}{staged}>"


def prompt(path: str = "/", staged: bool = False) -> str:
    return PROMPT.format(path=path, staged=r" \*" if staged else "")


@pytest.fixture
def home(tmp_path):
    return tmp_path


def demo(home, *args: str, rows: int = 40, **env: str) -> Term:
    term = Term(["--demo", *args], shell_env(home, **env), rows=rows)
    term.wait(prompt(), timeout=15)
    return term


def test_completion_staging_history_and_leaving(home):
    term = demo(home)
    try:
        term.wait("nothing staged")  # the toolbar
        term.send("cd Sy\t")
        term.wait("tems/")
        term.line("")
        term.wait(prompt("/Systems"))
        term.line("cd 1")
        term.wait(prompt("/Systems/1"))
        term.send("set Boot/BootSourceOverrideTarget=\t")
        menu = term.wait(r"None.*\n.*Pxe.*\n.*Hdd").group(0)
        assert "allowed here" in menu
        term.line("Pxe")
        term.wait(r"staged /Systems/1/Boot/BootSourceOverrideTarget")
        term.wait(prompt("/Systems/1", staged=True))
        term.wait("1 change staged")
        term.line("set /AccountService/Accounts/2/Password=Sup3r-Secret")
        term.wait(prompt("/Systems/1", staged=True))
        term.line("cd Nowhere")
        term.wait(r"error: /Systems/1/Nowhere: no such name here")
        term.line("history")
        listed = term.wait(r"1  cd Systems/\n2  cd 1\n3  set [^\n]*\n4  cd Nowhere\n5  history")
        assert "Password" not in listed.group(0)
        term.send("\x04")  # Ctrl-D
        term.wait(r"staged changes? not committed.*saved on disk")
        term.wait(r"Leave anyway\? \[y/N\]")
        term.line("y")
        assert term.finish() == 0
    finally:
        term.close()
    history = home / "state" / "iloshell" / "history"
    text = history.read_text()
    assert "cd Systems/" in text and "Sup3r-Secret" not in text and "Password" not in text
    assert stat.S_IMODE(history.stat().st_mode) == 0o600
    assert stat.S_IMODE(history.parent.stat().st_mode) == 0o700

    again = Term(["--demo"], shell_env(home))
    try:
        again.wait("An earlier session left 2 staged changes")
        again.wait(r"/Systems/1/Boot/BootSourceOverrideTarget = \"Pxe\"")
        again.wait(r"Accounts/2/Password: its value was not saved")
        again.wait(r"Keep them \(k\) or discard them \(d\)\?")
        again.line("d")
        again.wait("discarded")
        again.wait(prompt())
        again.send("\x1b[A")  # Up: the last line of the previous session
        again.wait("history")
        again.send("\x15")  # Ctrl-U
        again.send("\x12")  # Ctrl-R searches the history
        again.wait("reverse-i-search")
        again.send("Syst")
        again.wait("cd Systems/")
        again.send("\x07\x15")  # Ctrl-G leaves the search, Ctrl-U empties the line
        again.send("cd S")
        again.wait("ystems/")  # suggested from history as one types
        again.send("\x15\x04")
        assert again.finish() == 0  # nothing staged: no question
    finally:
        again.close()


def test_a_slow_service_never_blocks_typing_ctrl_c_cancels_sigterm_logs_out(home):
    with simulate(latency_ms=500) as sim:
        term = Term([sim.url, "-u", sim.user, "-p", sim.password], shell_env(home))
        try:
            term.wait(prompt(), timeout=20)
            term.send("cd Systems/1/\t")  # nothing cached there yet: fetched in the background
            started = time.monotonic()
            term.send("Qz")  # typing goes on meanwhile
            term.wait("Qz", timeout=0.4)
            assert time.monotonic() - started < 0.4
            term.send("\x08\x08")  # back to the line that waited: the menu comes by itself
            term.wait(r"Boot/", timeout=5)
            term.send("\x15")  # Ctrl-U
            term.line("find / -type NoSuchType")
            term.wait("resources read")  # the crawl is under way
            started = time.monotonic()
            term.send("\x03")
            term.wait("cancelled", timeout=3)
            term.wait(prompt(), timeout=3)
            assert time.monotonic() - started < 1.0  # the issue: back at the prompt within 1 s
            assert sim.stats()["sessions"] == 1
            term.child.kill(signal.SIGTERM)  # at the prompt
            term.finish()
        finally:
            term.close()
        with urllib.request.urlopen(sim.url + "/__sim__/stats") as answer:
            assert json.load(answer)["sessions"] == 0


def test_long_output_goes_through_the_pager(home):
    term = demo(home, rows=12, PAGER="sed s/^/paged:/")
    try:
        term.line("cat /")
        term.wait(r'paged:\{\n.*paged:  "@odata')
        term.wait(prompt())
        term.line("pwd")
        term.wait(r"\n/\n")
        assert "paged:" not in term.drawn_since_mark()
        term.send("\x04")
        assert term.finish() == 0
    finally:
        term.close()
    term = demo(home, "--no-pager", rows=12, PAGER="sed s/^/paged:/")
    try:
        term.line("cat /")
        term.wait(r'\n\{\n  "@odata')
        term.wait(prompt())
        assert "paged:" not in term.screen
        term.send("\x04")
        term.finish()
    finally:
        term.close()


def test_config_turns_the_toolbar_off_and_names_unknown_keys(home):
    config = home / "config" / "iloshell"
    config.mkdir(parents=True)
    (config / "config.toml").write_text('toolbar = false\ncolour = "red"\nstyle = "monokai"\n')
    term = demo(home)
    try:
        assert "unknown key 'colour' ignored" in term.screen
        term.line("pwd")
        term.wait(prompt())
        assert "nothing staged" not in term.drawn_since_mark()
        term.line("exit 3")
        assert term.finish() == 3
    finally:
        term.close()


def test_unverified_tls_is_marked(home):
    with simulate(tls=True) as sim:
        args = [sim.url, "-k", "-u", sim.user, "-p", sim.password]
        term = Term(args, shell_env(home))
        try:
            term.wait("certificate is NOT verified", timeout=15)
            term.wait("INSECURE admin@ilo-demo:/>")
            term.wait("TLS NOT VERIFIED")
            assert sim.stats()["sessions"] == 1
            term.child.kill(signal.SIGHUP)  # the terminal went away: log out all the same
            term.finish()
        finally:
            term.close()
        assert sim.stats()["sessions"] == 0


def test_the_first_tab_after_set_lists_writable_properties_only(home):
    """Issue 11: the first Tab after ``set `` offered read-only Id= Name= Description= until
    the schema had loaded; now the menu waits for it and shows only what set accepts."""
    term = demo(home)
    try:
        term.line("cd /Systems/1")
        term.wait(prompt("/Systems/1"))
        term.send("set \t")
        menu = term.wait(r"AssetTag=[\s\S]*IndicatorLED=").group(0)
        screen = term.drawn_since_mark(0.3) + menu
        assert "AssetTag=" in menu
        assert not re.search(r"\b(Id|Name|Description|Model|HostName|SerialNumber)=", screen)
    finally:
        term.close()
