"""Strings and numbers a service may send that no UTF-8 stream or JSON reader accepts: a lone
surrogate (``"\\udc00"``, which json.loads turns into a Python string UTF-8 cannot encode) and
``NaN``/``Infinity`` (which json.loads accepts but are not JSON). Each must be shown escaped,
stored and written without a crash, and never cost a staged change (issue #10)."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iloshell.commands.context import Output
from iloshell.render.jsontext import pretty, scalar, short
from iloshell.sim.testing import simulate
from iloshell.text import encodable, finite, json_text
from tests.reliability.fuzzing import FUZZ, count
from tests.repl.term import Term, shell_env

CLI = [sys.executable, "-m", "iloshell.frontends.cli"]
SYSTEM = "/redfish/v1/Systems/1"


@pytest.fixture(scope="module")
def sim():
    with simulate() as running:
        running.store.patch(
            SYSTEM,
            {
                "AssetTag": "tag\udc00\udc9b",
                "Oem": {"Odd\udc01": {"Ratio": float("nan"), "Top": float("inf")}},
            },
        )
        yield running


def iloshell(sim, home, *args: str) -> subprocess.CompletedProcess:
    env = shell_env(home, ILO_PASSWORD=sim.password)
    return subprocess.run(
        [*CLI, sim.url, "-u", sim.user, *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )


@pytest.mark.parametrize(
    "command",
    [
        "cat /Systems/1",
        "cat --raw /Systems/1",
        "ls -l /Systems/1",
        "ls /Systems/1/Oem",
        "get /Systems/1/AssetTag",
        "explain /Systems/1/AssetTag",
        "find /Systems/1 -name 'Odd*'",
    ],
)
@pytest.mark.parametrize("as_json", [False, True])
def test_a_lone_surrogate_is_shown_escaped(sim, tmp_path, command, as_json):
    result = iloshell(sim, tmp_path, *(["--json"] if as_json else []), "-c", command)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    if "AssetTag" in command or command.startswith("cat"):
        assert "tag\\udc00\\udc9b" in result.stdout
    if as_json and not command.startswith(("get", "explain", "find")):
        json.loads(result.stdout)  # valid JSON: NaN and Infinity became null


def test_json_output_has_no_nan_or_infinity(sim, tmp_path):
    result = iloshell(sim, tmp_path, "--json", "-c", "cat /Systems/1/Oem")
    assert result.returncode == 0, result.stderr
    body = json.loads(result.stdout, parse_constant=lambda name: pytest.fail(name))
    assert body["Odd\udc01"] == {"Ratio": None, "Top": None}


def test_set_and_snapshot_store_it_and_status_reads_it_back(sim, tmp_path):
    staged = iloshell(sim, tmp_path, "--keep-stage", "-c", "set /Systems/1/AssetTag=new")
    assert staged.returncode == 0, staged.stderr
    assert "staged /Systems/1/AssetTag" in staged.stderr
    stage_files = list((tmp_path / "state" / "iloshell" / "stage").glob("*.json"))
    assert len(stage_files) == 1
    entry = json.loads(stage_files[0].read_text(encoding="utf-8"))["changes"][0]
    assert entry["old"] == "tag\udc00\udc9b"  # the same string the service sent

    snapshot = iloshell(sim, tmp_path, "-c", f"snapshot {tmp_path / 'snap'}")
    assert snapshot.returncode == 0, snapshot.stderr
    saved = tmp_path / "snap" / "Systems" / "1" / "index.json"
    assert json.loads(saved.read_text(encoding="utf-8"))["AssetTag"] == "tag\udc00\udc9b"


def test_the_repl_shows_it_and_keeps_the_stage(sim, tmp_path):
    env = shell_env(tmp_path, ILO_PASSWORD=sim.password)
    term = Term([sim.url, "-u", sim.user], env)
    try:
        term.wait(r"/\]?[>$#] ?", timeout=20)
        term.line("cd /Systems/1")
        term.line("set AssetTag=repl")
        term.wait("staged /Systems/1/AssetTag")
        term.line("status")
        term.wait(r'AssetTag: "tag\\udc00\\udc9b" -> "repl"')
        term.line("get AssetTag")
        term.wait(r"tag\\udc00\\udc9b")
        term.line("status")
        term.wait("1 change staged")
    finally:
        term.close()
    stage_files = list((tmp_path / "state" / "iloshell" / "stage").glob("*.json"))
    assert "repl" in stage_files[0].read_text(encoding="utf-8")


def test_encodable_and_json_text_are_lossless_for_json():
    value = {"k\ud800": ["a\udfff", 1.5, float("-inf")], "é": "ü"}
    text = json_text(value)
    text.encode("utf-8")
    assert json.loads(text) == {"k\ud800": ["a\udfff", 1.5, None], "é": "ü"}
    assert encodable("plain") == "plain"
    assert encodable("x\udc9by") == "x\\udc9by"


# Text as json.loads may return it from a service: any code point, lone surrogates included.
ANY_TEXT = st.text(st.characters(blacklist_categories=()), max_size=12)
ANY_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | ANY_TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(ANY_TEXT, inner, max_size=4),
    max_leaves=20,
)


@settings(FUZZ, max_examples=300)
@given(value=ANY_JSON)
def test_any_service_value_is_written_and_read_back(value):
    """Whatever json.loads gave: the JSON written is valid, encodes as UTF-8 and reads back
    to the same value (non-finite numbers as null); what the screen shows encodes too."""
    text = json_text(value, indent=2)
    assert json.loads(text.encode("utf-8"), parse_constant=pytest.fail) == finite(value)
    screen = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict")
    output = Output(screen, screen)
    output.line(pretty(value))
    output.line(short(value))
    output.line(scalar(value))
    output.note(str(value))
    screen.flush()
    count("service values written (text.py)")
