"""What every command gets from its declaration, in one place: -y/--yes for those that change
the service, -h/--help for all; and a declined confirmation is a plain note, not an error."""

from __future__ import annotations

import io

import pytest

from iloshell.commands.context import Context, Output, Settings
from iloshell.commands.lexer import lex
from iloshell.commands.runner import execute, load_commands
from iloshell.commands.session import help_lines
from iloshell.commands.spec import REGISTRY
from tests.shell.harness import Shell

CHANGERS = {"commit", "invoke", "create", "rm", "raw"}
NEW_ACCOUNT = '{"UserName":"x","Password":"Pass-word1","RoleId":"ReadOnly"}'


def all_commands():
    load_commands()
    return dict(REGISTRY)


def test_the_commands_that_change_the_service_take_yes_once_and_say_so():
    commands = all_commands()
    changers = {name for name, cmd in commands.items() if cmd.changes_service}
    assert changers == CHANGERS
    for name, cmd in commands.items():
        yes = [o for o in cmd.options if "-y" in o.flags or "--yes" in o.flags]
        assert len(yes) == (name in CHANGERS), name
        if yes:
            assert yes[0].flags == ("-y", "--yes") and "[-y]" in cmd.usage()
            assert "-y, --yes" in cmd.help_text()


def test_scripts_without_yes_send_nothing_and_exit_2(sim):
    shell = Shell(sim.url)
    try:
        for line in (
            "set /Systems/1/AssetTag=x; commit",
            "invoke /Systems/1 Reset ResetType=On",
            "rm /AccountService/Accounts/2",
            'raw PATCH /redfish/v1/Systems/1 {"AssetTag":"y"}',
        ):
            result = shell.run(line)
            assert result.code == 2 and "must pass -y" in result.err, line
        assert shell.run("commit --yes").code == 0  # the long spelling too
        assert sim.stats()["requests"].get("POST", 0) <= 1  # the login only
    finally:
        shell.close()


def test_answering_no_is_a_plain_note_and_the_script_stops_there(sim):
    shell = Shell(sim.url)
    asked = []
    shell.ctx.confirm = lambda question: asked.append(question) or False
    heard = []
    shell.ctx.extras["after_command"] = lambda statement, ok: heard.append(ok)
    try:
        shell.ok("set /Systems/1/AssetTag=declined")
        for line in (
            "commit",
            "invoke /Systems/1 Reset ResetType=On",
            "create /AccountService/Accounts " + NEW_ACCOUNT,
            "rm /AccountService/Accounts/2",
            'raw PATCH /redfish/v1/Systems/1 {"AssetTag":"y"}',
        ):
            heard.clear()
            result = shell.run(line + "; pwd")
            assert result.err.splitlines()[-1] == "cancelled: nothing was sent", line
            assert "error" not in result.err and "-c:" not in result.err
            assert result.out == ""  # pwd did not run: the script stopped
            assert result.code == 1  # a command did not do its job, as the README says
            assert heard == [False]  # the tour does not count it as done
        assert len(asked) == 5
        stats = sim.stats()["requests"]
        assert not stats.get("PATCH") and not stats.get("DELETE")
        assert len(shell.ctx.connection.stage) == 1  # the change is still staged
    finally:
        shell.close()


def offline() -> tuple[Context, io.StringIO]:
    out = io.StringIO()
    return Context(settings=Settings(), output=Output(out, io.StringIO())), out


@pytest.mark.parametrize("flag", ["-h", "--help"])
def test_every_command_prints_its_help_for_h_without_a_connection(flag):
    for name, cmd in all_commands().items():
        ctx, out = offline()
        (statement,) = lex(f"{name} {flag}").statements
        assert execute(ctx, statement) == 0
        assert out.getvalue() == "\n".join(help_lines(cmd)) + "\n", name  # as help CMD


def test_help_flags_among_other_words_and_where_they_are_not_flags():
    ctx, out = offline()
    (statement,) = lex("ls -l --help /Systems").statements
    execute(ctx, statement)
    assert out.getvalue().startswith("usage: ls ")
    for text in ("help cd", "cd --help"):
        ctx, out = offline()
        (statement,) = lex(text).statements
        execute(ctx, statement)
        assert out.getvalue().startswith("usage: cd [PATH]")


def test_quoted_or_after_double_dash_h_is_an_argument(sim):
    shell = Shell(sim.url)
    try:
        for line in ("ls -- -h", "ls '-h'"):
            result = shell.run(line)
            assert result.code == 1 and "usage:" not in result.out, line
    finally:
        shell.close()
