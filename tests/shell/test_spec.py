"""Command declarations parse arguments and produce help from one source."""

import pytest

from iloshell.commands.lexer import lex
from iloshell.commands.runner import lookup
from iloshell.commands.spec import parse
from iloshell.errors import UsageError


def words(text):
    return lex(text).statements[0].words


def test_flags_combined_and_positionals():
    args = parse(lookup("ls"), words("-la Systems Chassis"))
    assert args.long and args.all and args.paths == ["Systems", "Chassis"]


def test_find_single_dash_long_options():
    args = parse(lookup("find"), words("/ -type '*System*' -where PowerState=On -where A=B"))
    assert args.path == "/" and args.type == "*System*"
    assert args.where == ["PowerState=On", "A=B"]


def test_dash_alone_is_a_positional():
    assert parse(lookup("cd"), words("-")).path == "-"


def test_unknown_option_names_usage():
    with pytest.raises(UsageError, match=r"unknown option -z; usage: ls"):
        parse(lookup("ls"), words("-z"))


def test_missing_and_extra_arguments():
    with pytest.raises(UsageError, match="missing PATHS"):
        parse(lookup("get"), [])
    with pytest.raises(UsageError, match="too many"):
        parse(lookup("cd"), words("a b"))


def test_option_needs_value():
    with pytest.raises(UsageError, match="needs a value"):
        parse(lookup("tree"), words("-L"))


def test_quoted_dash_word_is_not_an_option():
    assert parse(lookup("get"), words('"-x"')).paths == ["-x"]


def test_help_text_comes_from_the_declaration():
    text = lookup("ls").help_text()
    assert text.startswith("usage: ls [-l] [-a] [PATHS...]")
    assert "-l, --long" in text


def test_unknown_command_suggests():
    with pytest.raises(UsageError, match="did you mean cd"):
        lookup("cdd")
