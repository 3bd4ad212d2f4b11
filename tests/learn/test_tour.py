"""The tour: its lessons as data (checked without a terminal), the whole tour in-process, and
once more in a real pseudo-terminal against iloshell --demo."""

from __future__ import annotations

import os
import stat
import sys

import pexpect

from iloshell.commands.lessons import STEPS, Attempt, Check, absolute, passes, relevant
from iloshell.commands.lexer import lex
from iloshell.commands.tour import load_progress, progress_path, save_progress

SHELL = {"assume_yes": True}


def words(text: str) -> tuple[str, ...]:
    return tuple(lex(text).statements[0].argv)


def walk(start: str, typed: tuple[str, ...]) -> str:
    """Where the shell is after the typed commands (cd is the only one that moves)."""
    cwd = start
    for text in typed:
        argv = words(text)
        if argv[0] == "cd":
            cwd = absolute(cwd, argv[1] if len(argv) > 1 else "/")
    return cwd


def test_there_are_eight_to_twelve_short_steps():
    assert 8 <= len(STEPS) <= 12
    for step in STEPS:
        assert len(step.text) < 500 and len(step.then) < 400
        assert step.type and step.hint


def test_each_step_passes_with_what_it_asks_to_type():
    cwd = "/"
    for step in STEPS:
        cwd = walk(cwd, step.type)
        attempt = Attempt(words(step.type[-1]), step.check.ok, cwd)
        assert passes(step.check, attempt), step.title
        assert not passes(step.check, Attempt(attempt.words, not step.check.ok, cwd)), step.title


def test_checks_read_paths_as_the_shell_does():
    explain = Check(("explain",), target="/Systems/1/PowerState")
    assert passes(explain, Attempt(("explain", "PowerState"), True, "/Systems/1"))
    assert passes(explain, Attempt(("explain", "/redfish/v1/systems/1/powerstate"), True, "/"))
    assert passes(explain, Attempt(("explain", "../1/./PowerState"), True, "/Systems/1"))
    assert not passes(explain, Attempt(("explain", "PowerState"), True, "/"))
    setter = Check(("set",), target="/Systems/1/AssetTag")
    assert passes(setter, Attempt(("set", 'AssetTag:="x"'), True, "/Systems/1"))
    assert passes(setter, Attempt(("set", "/Systems/1/AssetTag==12"), True, "/Managers"))
    pwd = Check(("pwd",), cwd="/Systems/1/Boot", flags=("-u", "--uri"))
    assert not passes(pwd, Attempt(("pwd",), True, "/Systems/1/Boot"))
    assert relevant(pwd, Attempt(("pwd",), True, "/Systems/1/Boot"))
    assert not relevant(pwd, Attempt(("ls",), True, "/Systems/1/Boot"))
    error = Check(("cat",), mentions="42", ok=False)
    assert passes(error, Attempt(("cat", "/redfish/v1/Systems/42"), False, "/"))
    assert not passes(error, Attempt(("cat", "/redfish/v1/Systems/42"), True, "/"))


def test_progress_is_private_and_survives_damage():
    assert load_progress() == {"step": 1, "done": []}
    save_progress({"step": 4, "done": [1, 2, 3]})
    assert load_progress() == {"step": 4, "done": [1, 2, 3]}
    assert stat.S_IMODE(progress_path().stat().st_mode) == 0o600
    progress_path().write_text('{"step": 99, "done": [1, "x", 77]}')
    assert load_progress() == {"step": 1, "done": [1]}
    progress_path().write_text("not json")
    assert load_progress()["step"] == 1


def test_the_whole_tour_in_process(shell):
    out = shell.ok("tour")
    assert f"Tour step 1 of {len(STEPS)}: The service root" in out
    assert "Type:  cat /" in out
    hint = shell.ok("ls -l")  # not the step's command: no comment
    assert "tour:" not in hint
    for number, step in enumerate(STEPS, 1):
        result = None
        for typed in step.type:
            result = shell.run(typed)
        assert result is not None
        assert (result.code == 0) == step.check.ok, (step.title, result.err)
        assert "✓" in result.out, step.title
        if number < len(STEPS):
            assert f"Tour step {number + 1} of {len(STEPS)}" in result.out
    assert "You finished the tour" in result.out
    assert load_progress() == {"step": len(STEPS) + 1, "done": list(range(1, len(STEPS) + 1))}
    assert "You finished the tour" in shell.ok("tour")
    assert "✓" not in shell.ok("cat /")  # the finished tour watches no more


def test_jump_skip_list_hint_and_stop(shell):
    out = shell.ok("tour 4")
    assert "Tour step 4 of" in out and "Embedded objects" in out
    assert "(tour: Go into Boot first" in shell.ok("pwd")
    assert "Tour step 5 of" in shell.ok("tour next")
    listing = shell.ok("tour list").splitlines()
    assert listing[4].startswith(" →  5.") and listing[0].startswith("    1.")
    shell.ok("tour stop")
    assert "✓" not in shell.ok("explain /Systems/1/PowerState")
    assert load_progress()["step"] == 5
    out = shell.ok("tour")  # resumes where it stopped
    assert "Tour step 5 of" in out
    assert "✓" in shell.ok("explain /Systems/1/PowerState")
    assert shell.run("tour 0").code == 2 and shell.run("tour sideways").code == 2


def test_the_tour_in_a_real_terminal(private_home):
    env = {**os.environ, "TERM": "xterm", "NO_COLOR": "1", "PROMPT_TOOLKIT_NO_CPR": "1"}
    child = pexpect.spawn(
        sys.executable,
        ["-m", "iloshell.frontends.cli", "--demo", "--no-pager"],
        env=env,
        encoding="utf-8",
        timeout=30,
        dimensions=(40, 120),
    )
    try:
        child.expect(">")
        child.sendline("tour")
        for number, step in enumerate(STEPS, 1):
            child.expect(f"Tour step {number} of {len(STEPS)}")
            for typed in step.type:
                child.expect(">")
                child.sendline(typed)
                if typed == "commit":
                    child.expect(r"\[y/N\]")
                    child.sendline("y")
        child.expect("You finished the tour")
        child.sendline("exit")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert load_progress()["step"] == len(STEPS) + 1
