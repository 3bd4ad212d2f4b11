"""Every runnable block of the docs (and the README) runs against the simulator, so the docs
cannot rot. The convention is in doctest_md.py and docs/scripting.md."""

from __future__ import annotations

import os
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from iloshell.sim.testing import simulate
from tests.conftest import SHARED
from tests.shell.harness import Shell

from .doctest_md import FAILS, Block, Step, blocks, check, missing, normalise, steps

ROOT = Path(__file__).resolve().parents[2]
DOCS = sorted((ROOT / "docs").glob("*.md")) + [p for p in [ROOT / "README.md"] if p.exists()]


def run_console(step: Step, folder: Path) -> tuple[int, str, str]:
    env = {**os.environ, "NO_COLOR": "1", "PAGER": "cat", "PROMPT_TOOLKIT_NO_CPR": "1"}
    done = subprocess.run(
        ["bash", "-c", step.command],
        cwd=folder,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return done.returncode, done.stdout, done.stderr


@pytest.mark.parametrize("doc", DOCS, ids=[p.name for p in DOCS])
def test_the_blocks_of_a_document_run_as_shown(doc, tmp_path, monkeypatch):
    found = blocks(doc.read_text(encoding="utf-8"))
    if not found:
        return
    monkeypatch.chdir(tmp_path)  # files the examples write (save bios.json) land here
    for block in found:
        if block.kind == "iloshell-script":
            (tmp_path / block.info[0]).write_text("\n".join(block.lines) + "\n")
    # Each console command starts its own demo service: they run side by side (each takes
    # most of a second), while the shell sessions run in order in this process.
    console = [step for block in found if block.kind == "console" for step in steps(block, "$ ")]
    with ThreadPoolExecutor(4) as pool:
        ran = dict(
            zip(
                (s.line for s in console),
                pool.map(lambda s: run_console(s, tmp_path), console),
                strict=True,
            )
        )
    with simulate() as sim:
        shell = Shell(sim.url, pipes=True)  # as the command line: | and > run programs

        def answer_yes(question: str) -> bool:
            """The reader answers y; the question shows as the shell shows it."""
            *lines, last = question.splitlines()
            shell.ctx.output.note("\n".join([*lines, f"{last} [y/N] y"]))
            return True

        shell.ctx.confirm = answer_yes
        try:
            for block in found:
                if block.kind not in ("iloshell", "console"):
                    continue
                in_shell = block.kind == "iloshell"
                for step in steps(block, "> " if in_shell else "$ "):
                    if in_shell:
                        result = shell.run(step.command)
                        code, out, err = result.code, result.out, result.err
                    else:
                        code, out, err = ran[step.line]
                    problem = check(step, code, out, err, shell=in_shell)
                    assert problem is None, f"{doc.name}:{step.line}: {step.command}: {problem}"
        finally:
            shell.close()


def test_the_tutorial_and_scripting_pages_have_runnable_blocks():
    for name in ("tutorial.md", "scripting.md"):
        kinds = {b.kind for b in blocks((ROOT / "docs" / name).read_text(encoding="utf-8"))}
        assert "iloshell" in kinds or "console" in kinds, name


def test_reading_blocks_and_steps():
    text = "\n".join(
        [
            "intro",
            "```iloshell",
            "> get /Systems/1/PowerState",
            "On",
            "> cat /redfish/v1/Systems/42",
            "error: GET ...: 404 Not Found ...",
            "[exit 5]",
            "```",
            "```json",
            "{}",
            "```",
            "```iloshell-script pxe.ilo",
            "set Boot/BootSourceOverrideTarget=Pxe",
            "```",
        ]
    )
    found = blocks(text)
    assert [b.kind for b in found] == ["iloshell", "iloshell-script"]
    assert found[1].info == ["pxe.ilo"] and found[0].line == 3
    first, second = steps(found[0], "> ")
    assert (first.command, first.expected, first.exit, first.line) == (
        "get /Systems/1/PowerState",
        ["On"],
        0,
        3,
    )
    assert second.exit == 5 and second.expected == ["error: GET ...: 404 Not Found ..."]
    with pytest.raises(ValueError):
        steps(Block("iloshell", [], ["stray output"], 1), "> ")


def test_matching_printed_output():
    printed = normalise("-c:1: GET /redfish/v1/Systems/42: 404 Not Found — gone\nnext  \n")
    assert printed == ["error: GET /redfish/v1/Systems/42: 404 Not Found — gone", "next"]
    assert missing(["error: GET ...: 404 Not Found ...", "...", "next"], printed) is None
    assert missing(["next", "error: ..."], printed) == "error: ..."  # order matters
    assert (
        missing(
            ["curl -sS -i http://127.0.0.1:PORT/redfish/v1/"],
            normalise("curl -sS -i http://127.0.0.1:41234/redfish/v1/"),
        )
        is None
    )
    step = Step("x", 1, ["a", "b", "c"], 0)
    assert check(step, 0, "a\nc\n", "b\n") is None  # stdout and stderr, as a terminal shows
    assert "not printed: 'b'" in check(step, 0, "a\nc\n", "")
    assert "exit code 2" in check(step, 2, "a\n", "")


def simulator_commands() -> list[str]:
    """The ``iloshell-sim`` lines of docs/simulator.md's first ``sh`` block."""
    text = (ROOT / "docs" / "simulator.md").read_text(encoding="utf-8")
    first = blocks(text, kinds=("sh",))[0]
    lines = [line.split("  #")[0].strip() for line in first.lines]
    return [line for line in lines if line.startswith("iloshell-sim")]


@pytest.mark.parametrize("command", simulator_commands())
def test_the_simulator_commands_of_the_docs_start_and_stop(command, tmp_path):
    """Each documented way to start iloshell-sim serves (on a free port) and stops on SIGTERM."""
    import re
    import shlex
    import signal
    import sys

    words = shlex.split(re.sub(r"--port \d+", "", command))
    words = [w.replace("../shared", str(SHARED)) for w in words]
    argv = [sys.executable, "-m", "iloshell.sim", *words[1:], "--port", "0"]
    server = subprocess.Popen(argv, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        first = server.stdout.readline().decode()
        assert first.startswith("iloshell-sim: serving http"), server.stderr.read1().decode()
    finally:
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=30) == 0


def test_a_shell_block_shows_a_failure_as_the_shell_does_never_as_an_exit_marker():
    """The tutorial shows only what the shell prints: an ``error:`` line (or raw's HTTP
    error status) is what says that a command fails."""
    block = Block("iloshell", [], ["> cd /Nowhere", "error: /Nowhere: ...", "> pwd", "/"], 1)
    failing, fine = steps(block, "> ")
    assert (failing.exit, fine.exit) == (FAILS, 0)
    assert check(failing, 1, "", "-c:1: /Nowhere: no such name here\n") is None
    assert "expected a failure" in check(failing, 0, "", "-c:1: /Nowhere: no such name here\n")
