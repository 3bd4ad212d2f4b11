"""Input-line highlighting: each word coloured by what its command declares it to be."""

from __future__ import annotations

from iloshell.commands.runner import load_commands
from iloshell.commands.spec import REGISTRY
from iloshell.frontends.highlight import (
    COMMAND_TOKEN,
    COMMENT,
    CONSTANT,
    ERROR,
    NUMBER_TOKEN,
    OPERATOR,
    OPTION,
    PATH_TOKEN,
    PUNCTUATION,
    STRING,
    split_lines,
    tokens,
)


def pieces(text: str) -> list[tuple[str, str]]:
    load_commands()
    found = tokens(text, REGISTRY)
    assert "".join(t for _, t in found) == text  # nothing lost, nothing added
    return [(token, t) for token, t in found if t.strip()]


def test_commands_options_and_paths():
    assert pieces("ls -l Systems/1") == [
        (COMMAND_TOKEN, "ls"),
        (OPTION, "-l"),
        (PATH_TOKEN, "Systems/1"),
    ]


def test_assignments_show_path_operator_and_the_kind_of_value():
    assert pieces('set AssetTag=12 IndicatorLED=Lit Enabled=true Note="12"') == [
        (COMMAND_TOKEN, "set"),
        (PATH_TOKEN, "AssetTag"),
        (OPERATOR, "="),
        (NUMBER_TOKEN, "12"),
        (PATH_TOKEN, "IndicatorLED"),
        (OPERATOR, "="),
        (STRING, "Lit"),
        (PATH_TOKEN, "Enabled"),
        (OPERATOR, "="),
        (CONSTANT, "true"),
        (PATH_TOKEN, "Note"),
        (OPERATOR, "="),
        (STRING, '"12"'),
    ]


def test_mistakes_show_before_enter():
    assert pieces("frobnicate x")[0] == (ERROR, "frobnicate")
    assert pieces("ls --bogus")[-1] == (ERROR, "--bogus")
    assert pieces("cd a b")[-1] == (ERROR, "b")  # one word too many
    assert pieces("hist")[0][0] != ERROR  # still being typed


def test_separators_and_comments():
    found = pieces("pwd; cd / # home")
    assert (PUNCTUATION, ";") in found and found[-1] == (COMMENT, "# home")


def test_unclosed_quotes_and_several_lines():
    assert pieces("cat 'My Bo")[-1] == (PATH_TOKEN, "'My Bo")
    lines = split_lines(tokens("pwd\nls", REGISTRY))
    assert [[t for _, t in line] for line in lines] == [["pwd"], ["ls"]]


def test_the_default_style_tells_commands_paths_actions_and_options_apart():
    from pygments.styles import get_style_by_name
    from pygments.token import string_to_tokentype

    from iloshell.frontends.config import Config
    from iloshell.frontends.highlight import ACTION_TOKEN

    style = get_style_by_name(Config().style)
    looks = {}
    for name in (COMMAND_TOKEN, PATH_TOKEN, ACTION_TOKEN, OPTION):
        found = style.style_for_token(string_to_tokentype(name))
        looks[name] = (found["color"], found["bold"])
    assert len(set(looks.values())) == len(looks), looks
