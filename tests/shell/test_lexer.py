"""The one grammar: words, quotes, statements, comments, continuations, variables."""

import pytest

from iloshell.commands.lexer import Variables, lex
from iloshell.errors import UsageError


def argvs(text, variables=None):
    return [s.argv for s in lex(text, variables).statements]


def test_words_and_statements():
    assert argvs("cd Systems/1; ls -l\ncat") == [["cd", "Systems/1"], ["ls", "-l"], ["cat"]]


def test_quotes_keep_raw_spelling():
    (statement,) = lex("set AssetTag=\"12\" Name='a b'").statements
    assert statement.argv == ["set", "AssetTag=12", "Name=a b"]
    assert [w.raw for w in statement.words] == ["set", 'AssetTag="12"', "Name='a b'"]


def test_comments_only_at_word_start():
    assert argvs("cd /redfish/v1/Chassis/1/Thermal#/Fans/0  # go there") == [
        ["cd", "/redfish/v1/Chassis/1/Thermal#/Fans/0"]
    ]
    assert argvs("# just a comment\n\n") == []


def test_continuation_and_line_numbers():
    lexed = lex("ls \\\n  -l\n\ncat x")
    assert [s.argv for s in lexed.statements] == [["ls", "-l"], ["cat", "x"]]
    assert [s.line for s in lexed.statements] == [1, 4]


def test_semicolon_inside_quotes_is_text():
    assert argvs('set Name="a;b"') == [["set", "Name=a;b"]]


def test_backslash_escapes():
    assert argvs(r"get a\ b") == [["get", "a b"]]
    assert argvs(r'set X="say \"hi\""') == [["set", 'X=say "hi"']]


def test_unclosed_quote_is_a_usage_error():
    with pytest.raises(UsageError, match="unclosed"):
        lex('set X="abc')


def test_tolerant_mode_for_completion():
    lexed = lex('set X="ab', tolerant=True)
    assert lexed.open_quote == '"'
    assert lexed.statements[0].argv == ["set", "X=ab"]
    assert lex("cd ", tolerant=True).trailing_blank


def test_positional_variables_and_at():
    variables = Variables(["one", "two words"], env={})
    assert argvs("get $1 $2", variables) == [["get", "one", "two words"]]
    with pytest.raises(UsageError, match=r"\$3 is not set: the script was given 2 arguments"):
        lex("rm -y $3", variables)  # never "": that would mean the current resource
    assert argvs("get $@", variables) == [["get", "one", "two words"]]
    assert argvs('get "$@"', variables) == [["get", "one two words"]]


def test_environment_variables():
    variables = Variables([], env={"TAG": "rack 7"})
    assert argvs("set AssetTag=${TAG}", variables) == [["set", "AssetTag=rack 7"]]
    with pytest.raises(UsageError, match="MISSING"):
        lex("get ${MISSING}", variables)


def test_single_quotes_do_not_expand():
    variables = Variables(["x"], env={})
    assert argvs("get '$1'", variables) == [["get", "$1"]]


def test_repl_lines_expand_nothing():
    assert argvs("get $1 ${HOME}") == [["get", "$1", "${HOME}"]]


def test_word_offsets():
    (statement,) = lex("cd  Systems").statements
    assert [(w.start, w.end) for w in statement.words] == [(0, 2), (4, 11)]
