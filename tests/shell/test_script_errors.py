"""Scripts report every failure as one ``FILE:LINE: message`` line on stderr (issue 3 §5),
and ``#`` is a comment only where it cannot be a Redfish name (``#ComputerSystem.Reset``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from iloshell.commands.lexer import LexError, lex
from iloshell.commands.runner import run_file
from iloshell.errors import EXIT_USAGE
from tests.shell.harness import Shell


def run_script(shell: Shell, path: Path, *args: str) -> tuple[int, list[str]]:
    """Run a script file as ``iloshell SCRIPT`` does; its exit code and stderr lines."""
    start = shell.err.tell()
    code = run_file(shell.ctx, str(path), list(args))
    shell.err.seek(start)
    return code, shell.err.read().splitlines()


def argvs(text: str) -> list[list[str]]:
    return [s.argv for s in lex(text).statements]


def test_unclosed_quote_names_the_line_it_opened_on(shell, tmp_path):
    script = tmp_path / "s8.ilo"
    script.write_text('pwd\ncd "unclosed\npwd\npwd\n')
    code, err = run_script(shell, script)
    assert (code, err) == (EXIT_USAGE, [f'{script}:2: unclosed " quote'])


def test_single_quotes_over_lines_keep_later_line_numbers(shell, tmp_path):
    script = tmp_path / "multi.ilo"
    script.write_text("get 'a\nb'\nget Nope\n")
    code, err = run_script(shell, script)
    assert code != 0 and len(err) == 1 and err[0].startswith(f"{script}:1: ")
    with pytest.raises(LexError) as caught:
        lex("pwd\nget 'a\nb'\ncd 'open\n")
    assert caught.value.line == 4


def test_unset_variable_is_file_line_message(shell, tmp_path, monkeypatch):
    monkeypatch.delenv("NOPE_VAR", raising=False)
    script = tmp_path / "s9.ilo"
    script.write_text("pwd\nget ${NOPE_VAR}\n")
    code, err = run_script(shell, script)
    assert (code, err) == (EXIT_USAGE, [f"{script}:2: ${{NOPE_VAR}} is not set in the environment"])


def test_a_script_sourcing_itself_fails_in_one_line(shell, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("loop.ilo").write_text("source loop.ilo\n")
    code, err = run_script(shell, Path("loop.ilo"))
    assert code == 1
    assert err == ["loop.ilo:1: loop.ilo: source nested more than 16 deep (does it source itself?)"]


def test_a_failing_sourced_script_is_reported_once_where_it_failed(shell, tmp_path):
    inner = tmp_path / "inner.ilo"
    inner.write_text("pwd\nget /Systems/1/Nope\n")
    result = shell.run(f"source {inner}; pwd")
    assert result.code == 1
    (line,) = result.err.splitlines()
    assert line.startswith(f"{inner}:2: /Systems/1/Nope: no such name here")
    assert result.out == "/\n"  # the pwd before the failure ran, the one after did not


def test_hash_is_a_comment_at_statement_start_or_as_its_own_word():
    assert argvs("# a comment\nget X  # On or Off\nls; #note\n#!shebang") == [
        ["get", "X"],
        ["ls"],
    ]
    assert argvs("get X #") == [["get", "X"]]


def test_hash_starting_a_later_word_is_text():
    assert argvs("invoke /Systems/1 #ComputerSystem.Reset ResetType=On") == [
        ["invoke", "/Systems/1", "#ComputerSystem.Reset", "ResetType=On"]
    ]
    assert argvs("find / -type #Bios.v1_0_4.Bios") == [["find", "/", "-type", "#Bios.v1_0_4.Bios"]]


def test_invoke_with_an_unquoted_hash_action(shell):
    result = shell.run("invoke -y /Systems/1 #ComputerSystem.Reset ResetType=On")
    assert result.code == 0, result.err


def test_invoke_path_without_action_says_which_actions_exist(shell):
    result = shell.run("invoke /Systems/1 # Reset ResetType=On")
    assert result.code == 1
    assert result.err.count("\n") == 1
    assert "which action?" in result.err and "offers: Reset" in result.err
    assert "# followed by a blank starts a comment" in result.err
