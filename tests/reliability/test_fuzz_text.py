"""Whatever a user types, the shell answers in one line: fuzzing the command-line lexer, the
value parser, the path resolver, the script reader, the service address and the saved stage
with arbitrary text. The only exceptions allowed out are IloshellErrors (and ``exit``'s
ExitShell), each a single printable line; nothing may hang.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iloshell.commands.context import Context, Output, Settings
from iloshell.commands.lexer import Variables, lex
from iloshell.commands.runner import ExitShell, run_file
from iloshell.errors import IloshellError, UsageError
from iloshell.redfish.walk import ROOT, Location, split_path
from iloshell.sim.testing import simulate
from iloshell.staging.stage import Stage
from iloshell.staging.store import StageStore
from iloshell.staging.values import find_operator, parse_assignment, unquote
from iloshell.transport.client import normalize_base_url
from tests.reliability.fuzzing import FUZZ, count
from tests.shell.harness import Shell

# Text with the characters the grammar cares about well represented, and anything else.
SPECIAL = [*" \t\n\r;#'\"\\$@{}=:/.-~%*[]0123456789", "${", "$@", ":=", "==", "\\\n"]
shellish = st.lists(st.sampled_from(SPECIAL) | st.text(max_size=4), max_size=40).map(
    "".join
) | st.text(max_size=80)
nested = st.integers(1, 5_000).map(lambda n: "[" * n) | st.integers(1, 5_000).map(
    lambda n: '{"a":' * n + "1" + "}" * n
)


def assert_one_line(err: IloshellError) -> None:
    text = str(err)
    assert text and text.isprintable(), repr(text)


@FUZZ
@given(text=shellish, args=st.lists(st.text(max_size=6), max_size=3))
def test_lexer_splits_any_text_or_says_why(text, args):
    env = {"HOME": "/home/x", "EMPTY": ""}
    try:
        lexed = lex(text, Variables(args, env))
    except UsageError as err:
        assert_one_line(err)
    else:
        for statement in lexed.statements:
            assert statement.words and 1 <= statement.line <= text.count("\n") + 1
    # Completion lexes half-typed lines (no variables): that must never fail at all.
    tolerant = lex(text, tolerant=True)
    for statement in tolerant.statements:
        assert all(0 <= w.start <= w.end <= len(text) for w in statement.words)
    count("lexer")


@FUZZ
@given(raw=shellish | nested.map(lambda s: "Attributes/X=" + s) | nested.map(lambda s: "P:=" + s))
def test_value_parser_takes_any_word_or_says_why(raw):
    assert find_operator(raw) is None or 0 <= find_operator(raw)[0] < len(raw)
    assert isinstance(unquote(raw), str)
    try:
        assignment = parse_assignment(raw)
    except UsageError as err:
        assert_one_line(err)
    else:
        assert assignment.operator in ("=", ":=", "==") and assignment.path
    count("value parser")


@FUZZ
@given(text=st.text(max_size=60) | st.sampled_from(["https://[::1", "http://h:x", "a b", "[::1]"]))
def test_service_address_is_a_url_or_one_line(text):
    try:
        url = normalize_base_url(text)
    except IloshellError as err:
        assert_one_line(err)
    else:
        assert url.startswith(("http://", "https://"))
    count("service address")


@pytest.fixture(scope="module")
def shell() -> Iterator[Shell]:
    with simulate() as sim:
        connected = Shell(sim.url)
        connected.ok("cd /Systems/1; ls; cd /")  # a few resources cached, like a real session
        yield connected
        connected.close()


SEGMENTS = st.sampled_from(
    [
        "Systems",
        "1",
        "systems",
        "Bios",
        "Attributes",
        "Boot",
        "BootSourceOverrideTarget@Redfish.AllowableValues",
        "0",
        "-1",
        "99",
        "Links",
        "Members",
        "Oem",
        "Hpe",
        "..",
        ".",
        "",
        "~0",
        "~1",
        "%23",
        "#",
        "#/Boot",
        "redfish",
        "v1",
        "Chassis",
        "Thermal#Fans",
    ]
) | st.text(max_size=6)
PATHS = st.builds(
    lambda lead, parts: lead + "/".join(parts),
    st.sampled_from(["", "/", "/redfish/v1/", "http://127.0.0.1:1/", "//", "-", "https://[::1/"]),
    st.lists(SEGMENTS, max_size=6),
)


@settings(FUZZ, max_examples=200)
@given(text=PATHS | st.text(max_size=30))
def test_path_resolver_finds_a_place_or_says_why(shell, text):
    uri, absolute, segments = split_path(text)
    if uri is not None:  # a URI is taken as typed, never split into names
        assert segments == [] and absolute and uri == text.strip()
    else:
        assert "://" not in text and absolute == text.strip().startswith("/")
        assert all(segments) and len(segments) <= text.count("/") + 1
    navigator = shell.ctx.conn.navigator
    cwd = Location("/redfish/v1/Systems/1", (), ("Systems", "1"))
    for start in (ROOT, cwd):
        try:
            location = navigator.resolve(text, start, ROOT)
        except IloshellError as err:
            assert_one_line(err)
        else:
            assert location.uri and location.display().startswith("/")
            navigator.value(location)
    count("path resolver")


def offline_context() -> tuple[Context, io.StringIO]:
    err = io.StringIO()
    return Context(settings=Settings(), output=Output(io.StringIO(), err)), err


@settings(FUZZ, max_examples=200)
@given(data=st.binary(max_size=200) | shellish.map(lambda s: s.encode()))
def test_script_reader_runs_any_file_or_says_why(tmp_path_factory, data):
    """Any bytes as a script file, without a connection: each line's failure is reported as
    ``FILE:LINE: message`` and the run ends with a documented exit code."""
    path = tmp_path_factory.getbasetemp() / "fuzz.ilo"
    path.write_bytes(data)
    ctx, err = offline_context()
    try:
        code = run_file(ctx, str(path), ["a", "b"], keep_going=True)
    except ExitShell as leave:  # the bytes said exit
        code = leave.code
    except UsageError as refused:  # unreadable file: not UTF-8
        assert_one_line(refused)
        code = refused.exit_code
    assert isinstance(code, int)
    for line in err.getvalue().split("\n")[:-1]:
        assert line.startswith(str(path)) and line.isprintable(), repr(line)
    count("script reader (file, offline)")


# Read-only and staging commands with arguments from the path and value vocabularies: a
# random "script" that can walk, list, find and stage, but never send a change.
COMMAND_WORDS = st.sampled_from(
    [
        *("cd", "ls", "ls -l", "cat", "get", "pwd", "pwd -u", "tree -L 1", "find -maxdepth 1"),
        *("set", "unset", "status", "diff", "discard", "discard -a", "help", "refresh", "history"),
    ]
)
ARGUMENTS = PATHS | st.builds(lambda p, v: f"{p}={v}", PATHS, shellish) | shellish
LINES = st.builds(
    lambda cmd, args: " ".join([cmd, *args]), COMMAND_WORDS, st.lists(ARGUMENTS, max_size=3)
)


@settings(FUZZ, max_examples=100)
@given(lines=st.lists(LINES, min_size=1, max_size=5), separator=st.sampled_from(["\n", "; "]))
def test_script_reader_runs_random_sessions_on_a_service(shell, lines, separator):
    result = shell.run(separator.join(lines), keep_going=True)
    assert result.code in (0, 1, 2, 3, 4, 5), result
    errors = [line for line in result.err.split("\n") if line.startswith("-c:")]
    assert all(line.isprintable() for line in errors), errors
    assert bool(errors) == (result.code != 0), result
    shell.ctx.cwd, shell.ctx.previous = ROOT, None
    count("script reader (sessions on the simulator)")


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(["version", "changes", "uri", "pointer", "value", "display", "etag"])
            | st.text(max_size=5),
            inner,
            max_size=5,
        )
    ),
    max_leaves=20,
)


@settings(FUZZ, max_examples=150)
@given(
    content=JSON_VALUES.map(lambda v: json.dumps(v).encode())
    | st.binary(max_size=60)
    | st.just(b"[" * 50_000)
)
def test_a_damaged_stage_file_is_kept_aside_never_a_traceback(tmp_path_factory, content):
    """The stage on disk may have been edited or cut short: loading it gives a stage (maybe
    empty) and never raises; what cannot be read as a stage is kept aside as .damaged-*."""
    store = StageStore("fuzz", tmp_path_factory.getbasetemp() / "stage")
    store.path.parent.mkdir(parents=True, exist_ok=True)
    store.path.write_bytes(content)
    stage = store.load()
    assert isinstance(stage, Stage)
    kept_aside = store.path.parent.glob(f"{store.path.stem}.damaged-*.json")
    assert store.path.exists() or any(kept_aside)
    count("saved stage (load)")
