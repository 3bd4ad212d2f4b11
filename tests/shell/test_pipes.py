"""``COMMAND | PROGRAM`` and ``COMMAND > FILE`` in ``-c`` lines and scripts (issue 13): the
grammar, where the output goes, and the exit status of a line with a pipe."""

from __future__ import annotations

import json

import pytest

from iloshell.commands.lexer import lex
from iloshell.errors import UsageError
from tests.conftest import run_cli as run

from .harness import Shell


def test_the_grammar_ends_iloshell_words_at_an_unquoted_pipe_or_redirection():
    (piped, after) = lex("find / -type Memory|grep 'a;b' ; pwd").statements
    assert piped.argv == ["find", "/", "-type", "Memory"] and piped.pipe == "grep 'a;b'"
    assert after.argv == ["pwd"] and after.pipe is None
    (quoted,) = lex("""set AssetTag="a|b" Boot:='{"x": ">"}'""").statements
    assert quoted.tail is None and quoted.argv[1:] == ["AssetTag=a|b", 'Boot:={"x": ">"}']
    (written,) = lex('get PowerState >> "my file.json"').statements
    assert (written.redirect, written.append, written.argv) == (
        "my file.json",
        True,
        ["get", "PowerState"],
    )
    for wrong in ("| grep x", "ls |", "ls > a b", "ls > a | grep x", "ls >"):
        with pytest.raises(UsageError):
            lex(wrong)


def test_output_goes_to_a_program_and_its_status_is_the_lines(sim):
    done = run(sim, "-c", "find / -type Memory | grep dimm1$; cat /Systems/1 | grep -c odata.id")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[:2] == ["/Systems/1/Memory/proc1dimm1", "/Systems/1/Memory/proc2dimm1"]
    assert int(lines[2]) > 5 and "\x1b[" not in done.stdout  # no colours into a pipe
    # the program's status is the line's (a script stops there); a program that stops
    # reading early (head) is no error
    done = run(sim, "-c", "find / | grep NoSuchThing; pwd")
    assert (done.returncode, done.stdout, done.stderr) == (1, "", "")
    done = run(sim, "-c", "find / | head -2; pwd")
    assert (done.returncode, done.stdout) == (0, "/\n/AccountService\n/\n")


def test_a_failing_iloshell_command_is_reported_and_fails_the_line(sim):
    done = run(sim, "-c", "ls /Nowhere | wc -l")
    assert done.returncode == 1
    assert done.stdout.strip() == "0"
    assert done.stderr.strip() == "-c:1: /Nowhere: no such name here"


def test_output_goes_to_a_file_and_a_script_gives_its_arguments_to_the_program(sim, tmp_path):
    target = tmp_path / "out.json"
    script = tmp_path / "save.ilo"
    script.write_text(
        f"cat /Systems/1/Boot > {target}\n"
        f"get /Systems/1/PowerState >> {target}\n"
        "get /Systems/1/Model | grep -c $1\n"
    )
    done = run(sim, str(script), "ProLiant")
    assert done.returncode == 0, done.stderr
    boot, power = target.read_text().rsplit("}\n", 1)
    assert "BootSourceOverrideTarget" in json.loads(boot + "}") and power == "On\n"
    assert done.stdout == "1\n"
    done = run(sim, "-c", f"get /Systems/1/PowerState > {tmp_path}/no/such/dir")
    assert done.returncode == 1 and "no/such/dir: cannot write it" in done.stderr


def test_an_embedding_program_runs_no_programs_unless_it_says_so(sim):
    shell = Shell(sim.url, sim.user, sim.password)
    try:
        result = shell.run("ls | cat")
        assert result.code == 2 and "| and > are not available here" in result.err
    finally:
        shell.close()


def test_a_programs_output_goes_where_the_shells_goes(sim):
    """In-process (output in memory, as the docs' tests run it) the program's output is
    copied there, in order with what the commands around it print."""
    shell = Shell(sim.url, sim.user, sim.password, pipes=True)
    try:
        out = shell.ok("pwd; find / -type Memory | grep -c dimm; cd /Systems; pwd")
        assert out == "/\n32\n/Systems\n"
    finally:
        shell.close()


def test_highlighting_and_completion_stop_at_the_boundary():
    from iloshell.commands.runner import load_commands
    from iloshell.commands.spec import REGISTRY
    from iloshell.frontends.completion import spot_at
    from iloshell.frontends.highlight import tokens

    load_commands()
    drawn = tokens('find / | grep "a|b"; ls > out.json', REGISTRY)
    assert ("Operator", "|") in drawn and ("Text", ' grep "a|b"') in drawn
    assert ("Operator", ">") in drawn and ("Text", " out.json") in drawn
    assert ("Keyword", "ls") in drawn  # a new statement after ;
    assert spot_at("find / | gr", 11) is None and spot_at("ls > ou", 7) is None
    assert spot_at("find / | grep x; ls /Sy", 23).current.text == "/Sy"


def test_half_typed_pipes_and_redirections_lex_for_completion():
    """Completion lexes what is typed so far: a > or | where a file name is due is part of
    the name being typed, never a word that does not move on (the lexer once looped)."""
    for text in ("ls >|", "ls > >", "ls >> | x", "ls |", 'ls > "unclosed', ">", "|"):
        for statement in lex(text, tolerant=True).statements:
            assert statement.argv == ["ls"] and statement.tail is not None
