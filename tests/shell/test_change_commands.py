"""Change features a review found working but untested, against the simulator over real HTTP:
edit with a scripted $EDITOR, raw, confirmations in scripts, validation rules that refuse
before anything is sent, the DL325 mockup's schema store and BIOS registry, and a commit
whose value the service quietly ignores ("not applied")."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import ClassVar

import pytest

from iloshell.sim.testing import simulate
from tests.conftest import DL325

from .harness import Shell, serve_handler

CLI = [sys.executable, "-m", "iloshell.frontends.cli"]


def requests_of(sim, method: str) -> int:
    return sim.stats()["requests"].get(method, 0)


def staged(shell: Shell) -> dict[str, object]:
    return {c.display: c.value for c in shell.ctx.conn.stage.own()}


# -- edit with a scripted editor ---------------------------------------------------------------

EDITOR = textwrap.dedent(
    '''
    """A stand-in for $EDITOR: logs what it was shown, then does the next step of a plan."""
    import json, os, sys
    from pathlib import Path

    target = Path(sys.argv[1])
    shown = target.read_text(encoding="utf-8")
    log_path = Path(os.environ["EDIT_LOG"])
    log = json.loads(log_path.read_text()) if log_path.exists() else []
    log.append(shown)
    log_path.write_text(json.dumps(log))
    plan = json.loads(Path(os.environ["EDIT_PLAN"]).read_text())
    step = plan[min(len(log), len(plan)) - 1]
    if "raw" in step:
        target.write_text(step["raw"], encoding="utf-8")
    else:
        def parse(text):
            lines = [l for l in text.splitlines() if not l.lstrip().startswith("//")]
            return json.loads("\\n".join(lines))

        try:
            data = parse(shown)
        except ValueError:  # what was shown is broken: start again from the first round
            data = parse(log[0])
        for pointer, value in step.get("set", {}).items():
            *parents, last = pointer.split("/")
            node = data
            for name in parents:
                node = node[name]
            node[last] = value
        target.write_text(json.dumps(data, indent=2), encoding="utf-8")
    sys.exit(step.get("exit", 0))
    '''
)


@pytest.fixture
def editor(tmp_path, monkeypatch):
    """Set $EDITOR to the stand-in; call it with the plan (one step per round; the last step
    repeats); the callable it returns lists what each round was shown."""
    script = tmp_path / "editor.py"
    script.write_text(EDITOR)
    plan, log = tmp_path / "plan.json", tmp_path / "log.json"
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    monkeypatch.setenv("EDIT_PLAN", str(plan))
    monkeypatch.setenv("EDIT_LOG", str(log))

    def use(*steps: dict) -> _Rounds:
        plan.write_text(json.dumps(list(steps)))
        log.unlink(missing_ok=True)
        return _Rounds(log)

    return use


class _Rounds:
    """What the editor was shown, round by round (read when asked: it grows as edit runs)."""

    def __init__(self, log: Path) -> None:
        self.log = log

    def __call__(self) -> list[str]:
        return json.loads(self.log.read_text()) if self.log.exists() else []


def test_edit_stages_the_differences_and_sends_nothing(sim, shell, editor):
    rounds = editor({"set": {"AssetTag": "edited", "Boot/BootSourceOverrideTarget": "Pxe"}})
    result = shell.run("edit /Systems/1")
    assert result.code == 0, result.err
    assert staged(shell) == {
        "/Systems/1/AssetTag": "edited",
        "/Systems/1/Boot/BootSourceOverrideTarget": "Pxe",
    }
    shown = rounds()
    assert len(shown) == 1
    assert shown[0].startswith("// /Systems/1")
    assert '"SerialNumber"' not in shown[0]  # only writable properties are offered
    assert requests_of(sim, "PATCH") == 0


def test_edit_invalid_json_reopens_with_the_error_on_top(sim, shell, editor):
    rounds = editor({"raw": '{"AssetTag": "oops",'}, {"set": {"AssetTag": "fixed"}})
    result = shell.run("edit /Systems/1")
    assert result.code == 0, result.err
    first, second = rounds()
    assert not first.startswith("// error")
    assert second.startswith("// error: not valid JSON")
    assert '{"AssetTag": "oops",' in second  # what was typed is kept, not thrown away
    assert staged(shell) == {"/Systems/1/AssetTag": "fixed"}
    assert requests_of(sim, "PATCH") == 0


def test_edit_refused_value_reopens_with_the_reason(sim, shell, editor):
    rounds = editor({"set": {"AssetTag": "x" * 40}}, {"set": {"AssetTag": "short"}})
    result = shell.run("edit /Systems/1")
    assert result.code == 0, result.err
    _first, second = rounds()
    head = second.splitlines()[0]
    assert head.startswith("// error:") and "AssetTag" in head and "at most" in head
    assert staged(shell) == {"/Systems/1/AssetTag": "short"}
    assert requests_of(sim, "PATCH") == 0


def test_edit_bios_stages_to_the_settings_object(shell, editor):
    current = int(shell.ok("get /Systems/1/Bios/Attributes/PowerOnDelay"))
    wanted = 30 if current != 30 else 45
    rounds = editor({"set": {"Attributes/PowerOnDelay": wanted}})
    result = shell.run("edit /Systems/1/Bios")
    assert result.code == 0, result.err
    assert "settings" in rounds()[0].splitlines()[1]
    assert staged(shell) == {"/Systems/1/Bios/Attributes/PowerOnDelay": wanted}
    assert "settings object" in shell.ok("status")


def test_edit_without_changes_or_with_a_failing_editor_stages_nothing(shell, editor):
    editor({})
    result = shell.run("edit /Systems/1")
    assert result.code == 0 and "no changes" in result.err
    editor({"set": {"AssetTag": "lost"}, "exit": 3})
    result = shell.run("edit /Systems/1")
    assert result.code == 1
    assert "status 3" in result.err and "nothing staged" in result.err
    assert staged(shell) == {}


def test_edit_gives_up_after_endless_invalid_json(shell, editor):
    rounds = editor({"raw": "not json at all"})
    result = shell.run("edit /Systems/1")
    assert result.code == 1 and "gave up" in result.err
    assert len(rounds()) == 20
    assert staged(shell) == {}


# -- raw --------------------------------------------------------------------------------------


def test_raw_get_with_headers_and_without(shell):
    out = shell.ok("raw -i GET /redfish/v1/Systems/1")
    head, _, body = out.partition("\n{")
    lines = head.splitlines()
    assert lines[0] == "HTTP 200 OK"
    names = {line.split(":", 1)[0].casefold() for line in lines[1:]}
    assert {"etag", "content-type", "odata-version"} <= names
    assert json.loads("{" + body)["@odata.id"] == "/redfish/v1/Systems/1"
    plain = shell.ok("raw GET /redfish/v1/Systems/1")
    assert plain.splitlines()[1] == "{"  # the status line, then the body: no headers


def test_raw_head_prints_status_and_headers_only(sim, shell):
    before = requests_of(sim, "HEAD")
    assert shell.ok("raw HEAD /redfish/v1/Systems/1").strip() == "HTTP 200 OK"
    out = shell.ok("raw -i HEAD /redfish/v1/Systems/1")
    assert out.startswith("HTTP 200 OK\n") and "Content-Length:" in out and "{" not in out
    assert requests_of(sim, "HEAD") == before + 2


def test_raw_patch_warns_and_refreshes_the_cached_resource(sim, shell):
    assert shell.ok("get /Systems/1/AssetTag").strip() != "by-raw"  # cached now
    result = shell.run('raw -y PATCH /redfish/v1/systems/1/ {"AssetTag": "by-raw"}')
    assert result.code == 0, result.err
    assert "not validated" in result.err
    assert result.out.startswith("HTTP 200")
    # iLO (and the simulator) answer a non-canonical spelling with 308; the body is re-sent.
    assert requests_of(sim, "PATCH") == 2
    assert shell.ok("get /Systems/1/AssetTag").strip() == "by-raw"
    assert shell.ok("cat /Systems/1/AssetTag").strip() == '"by-raw"'


def test_raw_put_is_sent_unvalidated_and_the_refusal_is_explained(sim, shell):
    result = shell.run('raw -y PUT /redfish/v1/Systems/1 {"AssetTag": "put"}')
    assert requests_of(sim, "PUT") == 1
    assert "not validated" in result.err
    assert result.code == 5
    assert "405" in result.err and "not supported" in result.err  # registry text, one line
    assert "Traceback" not in result.err


def test_raw_without_yes_in_a_script_sends_nothing(sim, shell):
    result = shell.run('raw PATCH /redfish/v1/Systems/1 {"AssetTag": "never"}')
    assert result.code == 2
    assert "-y" in result.err and "nothing was sent" in result.err
    assert requests_of(sim, "PATCH") == 0
    assert shell.ok("get /Systems/1/AssetTag").strip() != "never"


def test_raw_in_a_stdin_script_without_yes_exits_2(sim):
    script = 'raw PATCH /redfish/v1/Systems/1 {"AssetTag": "never"}\npwd\n'
    result = subprocess.run(
        [*CLI, sim.url, "-u", sim.user, "-p", sim.password],
        input=script,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2, result.stderr
    assert "<stdin>:1:" in result.stderr and "-y" in result.stderr
    assert result.stdout == ""  # stopped at the first failure
    assert requests_of(sim, "PATCH") == 0
    assert sim.stats()["sessions"] == 0


# -- confirmations in scripts ------------------------------------------------------------------

REFUSED = [
    ("invoke /Systems/1 Reset ResetType=ForceRestart", "invoke", "POST"),
    (
        'create /AccountService/Accounts {"UserName": "ops2", "Password": "Ops-pass-12", '
        '"RoleId": "Operator"}',
        "create",
        "POST",
    ),
    ("rm /AccountService/Accounts/2", "rm", "DELETE"),
    ("set /Systems/1/AssetTag=unconfirmed; commit", "commit", "PATCH"),
]


@pytest.mark.parametrize(("command", "name", "method"), REFUSED)
def test_scripts_need_yes_and_send_nothing_without_it(sim, shell, command, name, method):
    before = requests_of(sim, method)
    result = shell.run(command)
    assert result.code == 2
    assert f"{name}: scripts must pass -y" in result.err
    assert "nothing was sent" in result.err
    assert requests_of(sim, method) == before


def test_with_yes_the_same_requests_are_sent(sim, shell):
    posts = requests_of(sim, "POST")
    shell.ok("invoke -y /Systems/1 Reset ResetType=ForceRestart")
    assert requests_of(sim, "POST") == posts + 1
    shell.ok("rm -y /AccountService/Accounts/2")
    assert requests_of(sim, "DELETE") == 1


def test_a_refused_commit_keeps_the_stage(shell):
    shell.run("set /Systems/1/AssetTag=kept; commit")
    assert staged(shell) == {"/Systems/1/AssetTag": "kept"}


@pytest.mark.parametrize(
    "command", ["invoke /Systems/1 Reset ResetType=ForceRestart", "rm /AccountService/Accounts/2"]
)
def test_a_stdin_script_without_yes_exits_2(sim, command):
    result = subprocess.run(
        [*CLI, sim.url, "-u", sim.user, "-p", sim.password],
        input=command + "\n",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2, result.stderr
    assert "-y" in result.stderr
    assert requests_of(sim, "DELETE") == 1  # the logout only
    assert requests_of(sim, "POST") == 1  # the login only


# -- validation refuses before sending ---------------------------------------------------------


def schema_max_length(sim, schema_uri: str, name: str) -> int:
    """The maxLength the served JSON schema gives a property (wherever it is defined)."""

    def walk(node):
        if isinstance(node, dict):
            found = node.get(name)
            if isinstance(found, dict) and "maxLength" in found:
                return found["maxLength"]
            for value in node.values():
                hit = walk(value)
                if hit is not None:
                    return hit
        return None

    limit = walk(sim.store.get(schema_uri))
    assert isinstance(limit, int), f"no maxLength for {name} in {schema_uri}"
    return limit


def refused(sim, shell: Shell, assignment: str, *words: str) -> None:
    result = shell.run(f"set {assignment}")
    assert result.code == 4, (assignment, result.err)
    assert "not staged" in result.err
    for word in words:
        assert word in result.err, (word, result.err)
    assert staged(shell) == {}
    assert requests_of(sim, "PATCH") == 0


def accepted(shell: Shell, assignment: str) -> None:
    result = shell.run(f"set {assignment}")
    assert result.code == 0, (assignment, result.err)
    shell.ok("discard -a")


def test_string_length_from_the_schema(sim, shell):
    versioned = sim.store.get("/redfish/v1/Systems/1")["@odata.type"].lstrip("#")
    schema = f"/redfish/v1/SchemaStore/en/{versioned.rsplit('.', 1)[0]}.json"
    limit = schema_max_length(sim, schema, "AssetTag")
    refused(sim, shell, "/Systems/1/AssetTag=" + "a" * (limit + 1), f"at most {limit}")
    accepted(shell, "/Systems/1/AssetTag=" + "a" * limit)


BIOS = "/Systems/1/Bios/Attributes/"


@pytest.mark.parametrize(
    ("assignment", "words"),
    [
        ("PowerOnDelay=abc", ("PowerOnDelay", "must be an integer")),
        ("PowerOnDelay=3.5", ("PowerOnDelay", "must be an integer")),
        ("PowerOnDelay:=true", ("PowerOnDelay", "must be an integer")),
        ("AdminName:=5", ("AdminName", "must be a string")),
        ("DaylightSavingsTime=Yes", ("DaylightSavingsTime", "must be a boolean")),
        ("WorkloadProfile:=3", ("WorkloadProfile",)),
    ],
)
def test_bios_attribute_type_mismatch(sim, shell, assignment, words):
    refused(sim, shell, BIOS + assignment, *words)


def test_bios_string_max_length_and_value_expression(sim, shell):
    refused(sim, shell, BIOS + "AdminName=" + "n" * 29, "AdminName", "at most 28")
    accepted(shell, BIOS + "AdminName=" + "n" * 28)
    refused(sim, shell, BIOS + "ServerName=caf\u00e9", "ServerName", "format")
    refused(sim, shell, BIOS + "Ipv4Address=999.1.1.1", "Ipv4Address", "format")
    accepted(shell, BIOS + "Ipv4Address=192.0.2.10")
    refused(sim, shell, BIOS + "AdminPhone=call-me", "AdminPhone")
    accepted(shell, BIOS + 'AdminPhone="+1 555 0199"')


def test_bios_integer_bounds_and_scalar_increment(sim, shell):
    refused(sim, shell, BIOS + "VlanId=4095", "VlanId", "4094")
    accepted(shell, BIOS + "VlanId=4094")
    refused(sim, shell, BIOS + "PatrolScrubDuration=0", "PatrolScrubDuration")
    accepted(shell, BIOS + "PatrolScrubDuration=1")
    refused(sim, shell, BIOS + "PowerOnDelay=20", "PowerOnDelay")  # steps of 15
    accepted(shell, BIOS + "PowerOnDelay=30")


@pytest.fixture(scope="module")
def min_length_mockup(tmp_path_factory):
    """The DL325 mockup with AdminName given MinLength 3 (no shipped attribute has one)."""
    folder = tmp_path_factory.mktemp("mockup") / "dl325"
    shutil.copytree(DL325, folder)
    for registry in folder.rglob("biosattributeregistrya43.v1_2_52/index.json"):
        body = json.loads(registry.read_text(encoding="utf-8"))
        for attribute in body["RegistryEntries"]["Attributes"]:
            if attribute["AttributeName"] == "AdminName":
                attribute["MinLength"] = 3
        registry.write_text(json.dumps(body), encoding="utf-8")
    return folder


def test_bios_string_min_length(min_length_mockup):
    with simulate(mockup=str(min_length_mockup)) as sim:
        shell = Shell(sim.url)
        try:
            refused(sim, shell, BIOS + "AdminName=ab", "AdminName", "3")
            accepted(shell, BIOS + "AdminName=abc")
        finally:
            shell.close()


# -- the DL325 mockup: schema store, BIOS registry, Reset --------------------------------------


@pytest.fixture
def dl325():
    with simulate(mockup=str(DL325)) as sim:
        shell = Shell(sim.url)
        yield sim, shell
        shell.close()


def test_dl325_enum_from_the_schema_store(dl325):
    sim, shell = dl325
    assert "IndicatorLED@Redfish.AllowableValues" not in sim.store.get("/redfish/v1/Systems/1")
    refused(sim, shell, "/Systems/1/IndicatorLED=Sparkle", "Sparkle", "Lit", "Blinking")
    accepted(shell, "/Systems/1/IndicatorLED=Blinking")


def test_dl325_bios_enumeration_from_the_registry(dl325):
    sim, shell = dl325
    refused(sim, shell, BIOS + "WorkloadProfile=LowLatncy", "WorkloadProfile", "LowLatency")
    refused(sim, shell, BIOS + "ExtendedMemTest=Maybe", "ExtendedMemTest", "Enabled")
    accepted(shell, BIOS + "ExtendedMemTest=Enabled")


def test_dl325_reset_applies_pending_bios_settings(dl325):
    sim, shell = dl325
    current = shell.ok(f"get {BIOS}WorkloadProfile").strip()
    wanted = "LowLatency" if current != "LowLatency" else "MissionCritical"
    shell.ok(f"set {BIOS}WorkloadProfile={wanted}")
    out = shell.ok("commit -y")
    assert "pending" in out and "WorkloadProfile" in out
    before = shell.ok("cat --pending /Systems/1/Bios/Attributes").splitlines()
    assert before[0].split() == ["WorkloadProfile", f'"{current}"', f'"{wanted}"']
    assert shell.ok(f"get {BIOS}WorkloadProfile").strip() == current  # not until the reset
    posts = requests_of(sim, "POST")
    shell.ok("invoke -y /Systems/1 Reset ResetType=ForceRestart")
    assert requests_of(sim, "POST") == posts + 1
    assert shell.ok(f"get {BIOS}WorkloadProfile").strip() == wanted
    after = shell.ok("cat --pending /Systems/1/Bios/Attributes").splitlines()
    row = next(line for line in after if line.split()[0] == "WorkloadProfile")
    assert row.split() == ["WorkloadProfile", f'"{wanted}"', "="]


# -- "not applied": the service accepts the PATCH and keeps the old value ----------------------


class _Forgetful(BaseHTTPRequestHandler):
    """A tiny Redfish service (Basic auth, no schemas) that answers 200 to PATCH and changes
    nothing."""

    protocol_version = "HTTP/1.1"
    patches = 0
    documents: ClassVar[dict[str, dict]] = {
        "/redfish/v1/": {
            "@odata.id": "/redfish/v1/",
            "@odata.type": "#ServiceRoot.v1_5_0.ServiceRoot",
            "Systems": {"@odata.id": "/redfish/v1/Systems"},
        },
        "/redfish/v1/Systems": {
            "@odata.id": "/redfish/v1/Systems",
            "@odata.type": "#ComputerSystemCollection.ComputerSystemCollection",
            "Members": [{"@odata.id": "/redfish/v1/Systems/1"}],
            "Members@odata.count": 1,
        },
        "/redfish/v1/Systems/1": {
            "@odata.id": "/redfish/v1/Systems/1",
            "@odata.type": "#ComputerSystem.v1_10_0.ComputerSystem",
            "Id": "1",
            "AssetTag": "old",
        },
    }

    def _send(self, status: int, body: dict | None) -> None:
        data = json.dumps(body).encode() if body is not None else b""
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        document = self.documents.get(path) or self.documents.get(path.rstrip("/"))
        self._send(200, document) if document else self._send(404, {"error": {}})

    def do_PATCH(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        type(self).patches += 1
        self._send(200, self.documents.get(self.path))

    def log_message(self, *args) -> None:
        pass


def test_accepted_but_not_applied_stays_staged_with_the_reason():
    handler = type("Forgetful", (_Forgetful,), {"patches": 0})
    with serve_handler(handler) as url:
        shell = Shell(url)
        try:
            result = shell.run("set /Systems/1/AssetTag=new")
            assert result.code == 0  # checked against the bundled ComputerSystem v1.10.0
            result = shell.run("commit -y")
            assert handler.patches == 1
            assert result.code == 5
            assert "not applied" in result.out
            assert "/Systems/1/AssetTag" in result.out and "'old'" in result.out
            assert "still staged" in result.out
            assert staged(shell) == {"/Systems/1/AssetTag": "new"}
            assert "old" in shell.ok("status")
            assert shell.ok("get /Systems/1/AssetTag").strip() == "old"
        finally:
            shell.close()


def test_sim_stats_endpoint_sees_what_the_shell_sends(sim, shell):
    """The counts the tests above rely on come from /__sim__/stats over HTTP too."""
    import urllib.request

    shell.ok('raw -y PATCH /redfish/v1/Systems/1 {"AssetTag": "counted"}')
    with urllib.request.urlopen(sim.url + "/__sim__/stats", timeout=10) as answer:
        assert json.load(answer)["requests"]["PATCH"] == 1
