"""What a terminal shows around a crawl's progress line, and help fitted to its width.

The progress line is drawn with ``\\r`` and erased with ``\\x1b[K``; :func:`screen` plays
those the way a terminal does, so the tests read the lines a person would see."""

from __future__ import annotations

import io

import pytest

from iloshell.commands.context import Context, Output
from iloshell.commands.runner import load_commands, lookup
from iloshell.commands.session import fitted
from iloshell.commands.spec import REGISTRY, Args, command
from iloshell.errors import CommandError
from iloshell.frontends.config import Config
from iloshell.frontends.repl import Repl, leaving_note

PROBE = "progress-probe"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def screen(text: str) -> list[str]:
    """The lines a terminal shows for ``text`` (\\r, erase-to-end-of-line and newlines)."""
    lines: list[str] = []
    line: list[str] = []
    column = 0
    i = 0
    while i < len(text):
        if text.startswith("\x1b[K", i):
            del line[column:]
            i += 3
            continue
        char = text[i]
        i += 1
        if char == "\r":
            column = 0
        elif char == "\n":
            lines.append("".join(line))
            line, column = [], 0
        else:
            if column < len(line):
                line[column] = char
            else:
                line.append(char)
            column += 1
    return [*lines, "".join(line)]


@pytest.fixture
def shell():
    load_commands()
    tty = Terminal()
    ctx = Context(output=Output(tty, tty))
    repl = Repl(ctx, Config(toolbar=False), pager=False, stdout=tty)
    ctx.extras["progress"] = repl.progress  # as Repl.run sets it
    yield repl, tty
    REGISTRY.pop(PROBE, None)


def probe(body):
    command(PROBE, "crawl, then speak", group="shell", needs_connection=False)(body)


@pytest.mark.parametrize(
    "speak",
    [
        lambda ctx: ctx.output.note("wrote x.dot: 123 nodes"),
        lambda ctx: ctx.output.warn("2 resource(s) could not be read"),
        lambda ctx: ctx.output.line("/Systems/1"),
    ],
    ids=["note", "warning", "result"],
)
def test_what_follows_the_progress_line_starts_a_line_of_its_own(shell, speak):
    repl, tty = shell

    def crawl_then_speak(ctx, args):
        ctx.extras["progress"](123)
        speak(ctx)

    probe(crawl_then_speak)
    repl.run_line(PROBE)
    shown = screen(tty.getvalue())
    assert "resources read" not in "\n".join(shown)
    assert shown[-1] == ""  # the next prompt starts on a clean line
    assert len(shown) == 2 and shown[0] in (
        "wrote x.dot: 123 nodes",
        "warning: 2 resource(s) could not be read",
        "/Systems/1",
    )


def test_the_progress_line_is_gone_when_a_quiet_command_ends(shell):
    repl, tty = shell
    probe(lambda ctx, args: ctx.extras["progress"](749))
    repl.run_line(PROBE)
    assert screen(tty.getvalue()) == [""]


def test_an_error_after_progress_is_one_clean_line(shell):
    repl, tty = shell

    def crawl_then_fail(ctx, args):
        ctx.extras["progress"](5)
        raise CommandError("/Nowhere: no such name here")

    probe(crawl_then_fail)
    repl.run_line(PROBE)
    assert screen(tty.getvalue()) == ["error: /Nowhere: no such name here", ""]


def test_output_shown_before_a_question_clears_the_progress_line_first(shell):
    repl, tty = shell

    def crawl_then_ask(ctx, args):
        ctx.output.line("about to send")
        ctx.extras["progress"](7)
        repl.flush_buffer()  # what confirm and ask_password do first

    probe(crawl_then_ask)
    repl.run_line(PROBE)
    assert screen(tty.getvalue()) == ["about to send", ""]


# -- help fitted to the terminal


@pytest.mark.parametrize("name", ["set", "raw", "tour", "trace", "explain", "find"])
def test_help_breaks_long_lines_between_words(name, monkeypatch):
    monkeypatch.setenv("COLUMNS", "60")
    load_commands()
    out = io.StringIO()
    ctx = Context(output=Output(out, io.StringIO()))
    lookup("help").handler(ctx, Args(name=name))
    printed = out.getvalue().splitlines()
    declared = lookup(name).help_text()
    examples = printed.index("examples:") if "examples:" in printed else len(printed)
    assert all(len(line) <= 59 for line in printed[:examples] if " " in line.strip())
    assert " ".join(" ".join(printed).split()) == " ".join(declared.split())  # no word cut


def test_fitting_keeps_columns_and_leaves_examples_whole():
    text = "\n".join(
        [
            "usage: find [-type GLOB] [-name GLOB] [-where POINTER=VALUE] [PATH]",
            "",
            "  -where POINTER=VALUE   keep resources whose POINTER equals VALUE (repeatable)",
            "",
            "examples:",
            "  set /Systems/1/Bios/Attributes/WorkloadProfile=Virtualization-MaxPerformance",
        ]
    )
    assert fitted(text, 50) == [
        "usage: find [-type GLOB] [-name GLOB] [-where",
        "            POINTER=VALUE] [PATH]",
        "",
        "  -where POINTER=VALUE   keep resources whose",
        "                         POINTER equals VALUE",
        "                         (repeatable)",
        "",
        "examples:",
        "  set /Systems/1/Bios/Attributes/WorkloadProfile=Virtualization-MaxPerformance",
    ]


def test_the_declared_help_text_is_unchanged_for_the_docs():
    load_commands()
    description = lookup("set").help_text().splitlines()
    assert any(len(line) > 200 for line in description)  # one line per paragraph, as declared


# -- leaving with staged changes


@pytest.mark.parametrize(
    ("count", "secrets", "said"),
    [
        (
            1,
            0,
            "1 staged change not committed. It stays saved on disk, and the next session "
            "with this service offers it again.",
        ),
        (
            3,
            0,
            "3 staged changes not committed. They stay saved on disk, and the next session "
            "with this service offers them again.",
        ),
        (
            1,
            1,
            "1 staged change not committed. It holds a password: it is lost on leaving "
            "(passwords never reach the disk).",
        ),
        (
            2,
            1,
            "2 staged changes not committed. 1 stays saved on disk for the next session "
            "with this service; 1 holds a password: it is lost on leaving (passwords never "
            "reach the disk).",
        ),
    ],
)
def test_leaving_says_which_changes_stay_in_good_english(count, secrets, said):
    assert leaving_note(count, secrets) == said
