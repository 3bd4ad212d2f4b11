"""A newcomer's session in a real pseudo-terminal (issue 13): pipes, the vi mode shown,
completion that inserts a late single candidate, tour titles, Ctrl-C on its own line, and the
question about an earlier session's changes that never swallows a command."""

from __future__ import annotations

import subprocess
import sys
import time

from iloshell.sim.testing import simulate

from .term import Term, shell_env

PROMPT = r"admin@ilo-demo:{path}>"


def demo(home, *args: str, **env: str) -> Term:
    term = Term(["--demo", *args], shell_env(home, **env))
    term.wait(PROMPT.format(path="/"), timeout=15)
    return term


def test_a_pipe_in_the_shell_and_ctrl_c_while_it_runs(tmp_path):
    term = demo(tmp_path)
    try:
        term.line("find / -type Memory | grep dimm1$")
        term.wait(r"/Systems/1/Memory/proc1dimm1\n/Systems/1/Memory/proc2dimm1\n")
        term.wait(PROMPT.format(path="/"))
        term.line("cat /Systems/1 | sleep 30")
        time.sleep(0.5)
        started = time.monotonic()
        term.send("\x03")
        term.wait(r"\^C\ncancelled\n", timeout=5)  # the note on a line of its own
        term.wait(PROMPT.format(path="/"), timeout=5)
        assert time.monotonic() - started < 3
        term.line("get /Systems/1/PowerState > " + str(tmp_path / "power.txt"))
        term.wait(PROMPT.format(path="/"))
        term.send("pwd | gr\t")  # after | the words are the system's: no iloshell menu
        assert "Keyword" not in term.drawn_since_mark(0.5)
        term.line("ep -c /")
        term.wait(r"\n1\n")
        term.line("exit")
        assert term.finish() == 0
    finally:
        term.close()
    assert (tmp_path / "power.txt").read_text() == "On\n"


def test_vi_mode_is_shown_and_tour_steps_have_titles(tmp_path):
    (tmp_path / "config" / "iloshell").mkdir(parents=True)
    (tmp_path / "config" / "iloshell" / "config.toml").write_text("vi_mode = true\n")
    term = demo(tmp_path)
    try:
        term.wait(" INSERT ")
        term.send("\x1b")
        term.wait("NORMAL")
        term.send("i")
        term.wait("INSERT")
        term.send("tour \t")
        term.wait(r"1\s+The service root")
        term.send("\x1b\x1b")
        term.send("cc")
        term.line("exit")
        assert term.finish() == 0
    finally:
        term.close()


def test_a_single_candidate_that_arrives_later_is_inserted_at_the_first_tab(tmp_path):
    with simulate(latency_ms=300) as sim:
        term = Term([sim.url, "-u", sim.user, "-p", sim.password], shell_env(tmp_path))
        try:
            term.wait(PROMPT.format(path="/"), timeout=20)
            term.send("cd Systems/1/Bi\t")  # nothing read there yet: fetched meanwhile
            term.wait(r"os/", timeout=8)  # drawn as it is inserted (only what changed)
            term.drawn_since_mark(0.3)
            term.line("")
            term.wait(PROMPT.format(path="/Systems/1/Bios"), timeout=8)
            term.line("exit")
            term.finish()
        finally:
            term.close()


def test_the_keep_question_re_asks_and_two_values_are_chosen(tmp_path):
    env = shell_env(tmp_path)
    with simulate() as sim:
        login = [sim.url, "-u", sim.user, "-p", sim.password, "--keep-stage"]
        for value in ("first", "second"):
            done = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "iloshell.frontends.cli",
                    *login,
                    "-c",
                    f"set /Systems/1/AssetTag={value}",
                ],
                env=env,
                capture_output=True,
                text=True,
                timeout=60,
            )
            assert done.returncode == 0, done.stderr
        term = Term([sim.url, "-u", sim.user, "-p", sim.password], env)
        try:
            term.wait(r"An earlier session left 2 staged changes", timeout=20)
            term.wait(r"\[K/d\]")
            term.line("cd /Systems")
            term.wait(r"'cd /Systems' is not an answer here \(it was not run\)")
            term.wait(r"\[K/d\]")
            term.line("k")
            term.wait(
                r"/Systems/1/AssetTag was staged with 2 different values:\n"
                r'  1\) "first"\n  2\) "second"'
            )
            term.wait(r"Keep which\? \[1-2, Enter: 2, the latest\]")
            term.line("1")
            term.wait(r'kept /Systems/1/AssetTag = "first"')
            term.wait(r"admin@ilo-demo:/ \*>")
            term.line("status")
            term.wait(r'"DEMO-RACK12-U20" -> "first"')
            term.line("discard -a")
            term.line("exit")
            assert term.finish() == 0
        finally:
            term.close()
