"""The REPL's handling of one typed line, without a terminal: errors are one line, a bug
in a command is reported as one and the shell carries on, secrets stay out of history."""

from __future__ import annotations

import io

import pytest

from iloshell.commands.context import Context, Output
from iloshell.commands.runner import load_commands
from iloshell.commands.spec import REGISTRY, command
from iloshell.frontends.config import Config
from iloshell.frontends.repl import Repl, needs_pager, prompt_parts


@pytest.fixture
def repl():
    load_commands()
    out, err = io.StringIO(), io.StringIO()
    ctx = Context(output=Output(out, err))
    shell = Repl(ctx, Config(toolbar=False), pager=False, stdout=out)
    yield shell, out, err
    REGISTRY.pop("explode", None)


def test_a_bug_in_a_command_is_one_line_and_the_shell_goes_on(repl):
    shell, out, err = repl

    @command("explode", "fail the way only a bug does", group="shell", needs_connection=False)
    def explode(ctx, args):
        ctx.output.line("partial output")
        raise KeyError("boom")

    shell.run_line("explode; help")
    lines = err.getvalue().splitlines()
    assert lines == [
        "error: KeyError: 'boom' (this is a bug: please report it with the command that caused it)"
    ]
    assert out.getvalue() == "partial output\n"  # what it printed, and not the next statement
    shell.run_line("history")  # still working


def test_results_and_notes_keep_their_order(repl):
    shell, _, _ = repl
    screen = io.StringIO()
    shell.stdout = screen
    shell.ctx.output.out = shell.ctx.output.err = screen

    @command("explode", "print, note, print", group="shell", needs_connection=False)
    def explode(ctx, args):
        ctx.output.line("applied A")
        ctx.output.note("service: reset needed")
        ctx.output.line("applied B")

    shell.run_line("explode")
    assert screen.getvalue() == "applied A\nservice: reset needed\napplied B\n"


def test_errors_are_one_line(repl):
    shell, _, err = repl
    shell.run_line("cd /Systems")
    shell.run_line("cat 'unclosed")
    assert err.getvalue().splitlines() == [
        "error: not connected (use: connect URL)",
        "error: line 1: unclosed ' quote",
    ]


def test_without_a_connection_the_prompt_says_so(repl):
    shell, _, _ = repl
    assert "".join(text for _, text in prompt_parts(shell.ctx)) == "(not connected)> "


def test_pager_threshold_counts_wrapped_lines():
    assert not needs_pager("a\n" * 10, rows=12, columns=80)
    assert needs_pager("a\n" * 12, rows=12, columns=80)
    assert needs_pager("x" * 800 + "\n", rows=10, columns=80)
    assert not needs_pager("\x1b[31m" + "x" * 70 + "\x1b[0m\n", rows=2, columns=80)
