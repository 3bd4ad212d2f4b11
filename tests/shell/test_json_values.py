"""``PATH:=JSON`` keeps JSON's double quotes (``AssetTag:="abc"``,
``Boot:={"BootSourceOverrideTarget":"Pxe"}``), and what completion writes after ``:=`` runs."""

from __future__ import annotations

import pytest

from iloshell.errors import UsageError
from iloshell.frontends.completion import Engine, LiveSource, value_text
from iloshell.staging.values import parse_assignment, unquote
from tests.shell.harness import settle


@pytest.mark.parametrize(
    ("word", "value"),
    [
        ('AssetTag:="abc"', "abc"),
        ('Boot:={"BootSourceOverrideTarget":"Pxe"}', {"BootSourceOverrideTarget": "Pxe"}),
        ("Body:='{\"a\": 1}'", {"a": 1}),  # single quotes only protect from the shell
        ('X:="say \\"hi\\""', 'say "hi"'),
        ('X:="a\\\\b"', "a\\b"),
        ('X:="12"', "12"),
        ("X:=12", 12),
        ('X:=[1,"two"]', [1, "two"]),
        ('X:=\\"abc\\"', "abc"),  # escaped outside quotes: the same JSON string
    ],
)
def test_double_quotes_after_colon_equals_are_jsons(word, value):
    assert parse_assignment(word).value == value


def test_the_lexers_escaped_dollar_is_plain_json():
    assert unquote('"cost \\$5"', keep_double=True) == '"cost $5"'


def test_colon_equals_still_insists_on_json():
    with pytest.raises(UsageError, match=r"needs valid JSON.*'abc'"):
        parse_assignment("AssetTag:=abc")


def test_set_with_double_quoted_json_stages_it(shell):
    shell.ok('cd /Systems/1; set AssetTag:="abc" Boot:={"BootSourceOverrideTarget":"Pxe"}')
    status = shell.ok("status")
    assert '/Systems/1/AssetTag: "DEMO-RACK12-U20" -> "abc"' in status
    assert '-> {"BootSourceOverrideTarget": "Pxe"}' in status


@pytest.mark.parametrize("operator", [":=", "="])
def test_completed_value_runs_as_typed(shell, operator):
    shell.ok("cd /Systems/1")
    typed = f"set Boot/BootSourceOverrideTarget{operator}P"
    suggestions = settle(Engine(LiveSource(shell.ctx)), typed).items
    (pxe,) = [s for s in suggestions if "Pxe" in s.text]
    line = typed[: pxe.start] + pxe.text
    if operator == ":=":
        assert line.endswith(':="Pxe"')
    result = shell.run(line)
    assert result.code == 0, result.err
    assert '"Pxe"' in shell.ok("status")


def test_completion_writes_objects_without_blanks_between_words():
    spelled = value_text({"a": 1, "b": [1, 2]}, ":=")
    assert " " not in spelled
    assert parse_assignment("X:=" + spelled).value == {"a": 1, "b": [1, 2]}
