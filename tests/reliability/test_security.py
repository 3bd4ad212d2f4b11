"""Security checks, end to end: TLS verified unless -k, no credentials to other hosts, no
secret on screen, in a trace, in history, in the stage, in the cache or in ``ps``, the
session deleted on every way out, and every file the shell writes private.

The real ``iloshell`` program runs in a subprocess (a pseudo-terminal for the REPL) against
the simulator or tiny standard-library servers, over real sockets, with real certificates.
These complement tests/shell/test_connection.py, test_cli.py and tests/repl/test_pty.py
(which cover TLS in-process, exit/logout/signals during a crawl, and the history of account
passwords) rather than repeating them.
"""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from iloshell.commands.context import Settings
from iloshell.frontends.config import Config
from iloshell.sim.testing import simulate
from iloshell.transport.client import RedfishClient
from iloshell.transport.tls import TlsPolicy
from tests.reliability.pause import release_pause
from tests.repl.term import Term, shell_env
from tests.shell.harness import Shell

CLI = [sys.executable, "-m", "iloshell.frontends.cli"]
PASSWORD = "Login-Pa55-q7Zx"  # the simulator's login password

SIMULATOR = {"password": PASSWORD}
BIOS_SECRET = "Bios-Secret-m4Kd"  # a BIOS password attribute the session stages and sends
ACCOUNT_SECRET = "Account-Secret-w8Jt"  # a new account's password, sent with create


def run(args: list[str], env: dict[str, str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*CLI, *args], capture_output=True, text=True, timeout=60, env=env, **kwargs
    )


def environment(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ILO_", "XDG_"))}
    for name in ("XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
        env[name] = str(home / name.lower())
    env.update(extra)
    return env


@contextmanager
def recording_tokens(**options) -> Iterator[tuple[object, list[str]]]:
    """A simulator that remembers every session token it hands out (to look for them)."""
    with simulate(password=PASSWORD, **options) as sim:
        tokens: list[str] = []
        create = sim.service.sessions.create

        def remember(*args, **kwargs):
            session, token = create(*args, **kwargs)
            tokens.append(token)
            return session, token

        sim.service.sessions.create = remember
        yield sim, tokens


def ps_args(pid: int) -> str:
    """What ``ps`` shows other users of a process: its command line."""
    return subprocess.run(
        ["ps", "-ww", "-o", "args=", "-p", str(pid)], capture_output=True, text=True, check=True
    ).stdout


def paused_ps(proc: subprocess.Popen, pipe: Path) -> str:
    """``ps`` of a process while its script waits at the pause; the run must then succeed."""
    listing: list[str] = []
    try:
        assert release_pause(proc, pipe, lambda: listing.append(ps_args(proc.pid)))
        assert proc.wait(timeout=30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
    return listing[0]


def files_under(*folders: Path) -> list[Path]:
    return [p for folder in folders if folder.exists() for p in folder.rglob("*")]


def assert_nowhere(secrets: list[str], texts: dict[str, str], folders: list[Path]) -> None:
    for secret in secrets:
        for name, text in texts.items():
            assert secret not in text, f"a secret appears in {name}"
        for path in files_under(*folders):
            if path.is_file():
                assert secret.encode() not in path.read_bytes(), f"a secret is in {path}"


# -- TLS ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tls_sim(tls_files):
    certfile, keyfile, _ = tls_files
    with simulate(tls=True, certfile=certfile, keyfile=keyfile, password=PASSWORD) as sim:
        yield sim


def test_tls_is_verified_unless_asked_not_to_everywhere_it_is_decided():
    assert Settings().insecure is False and Config().insecure is False
    assert TlsPolicy().verify is not False
    client = RedfishClient("https://bmc.example")
    assert client._session.verify is not False and client._session.trust_env is False


def test_the_program_refuses_an_unknown_certificate_and_names_both_ways_out(tls_sim, tmp_path):
    env = environment(tmp_path, ILO_PASSWORD=PASSWORD)
    refused = run([tls_sim.url, "-u", "admin", "-c", "pwd"], env)
    assert refused.returncode == 3, refused.stderr
    assert refused.stderr.count("\n") == 1 and "Traceback" not in refused.stderr
    assert "--cacert" in refused.stderr and "-k" in refused.stderr
    assert tls_sim.stats()["sessions"] == 0


def test_cacert_and_k_work_from_the_command_line(tls_sim, tls_files, tmp_path):
    bundle = tls_files[2]
    env = environment(tmp_path, ILO_PASSWORD=PASSWORD)
    verified = run([tls_sim.url, "-u", "admin", "--cacert", str(bundle), "-c", "cd Systems"], env)
    assert verified.returncode == 0, verified.stderr
    insecure = run([tls_sim.url, "-u", "admin", "-k", "-c", "pwd"], env)
    assert insecure.returncode == 0 and insecure.stdout.strip() == "/", insecure.stderr
    missing = run([tls_sim.url, "-u", "admin", "--cacert", str(tmp_path / "no.pem")], env)
    assert missing.returncode == 2 and "no such file" in missing.stderr
    assert tls_sim.stats()["sessions"] == 0


def test_help_says_what_k_and_p_cost(tmp_path):
    text = " ".join(run(["--help"], environment(tmp_path)).stdout.split())
    assert "--insecure" in text and "do not verify the TLS certificate (insecure" in text
    assert "--cacert FILE" in text
    assert "VISIBLE to other users in the process list" in text


# -- other hosts -------------------------------------------------------------------------------


class Recorder(BaseHTTPRequestHandler):
    """Answers from ``routes`` and keeps every request's headers in ``seen``."""

    protocol_version = "HTTP/1.1"
    routes: dict[str, tuple[int, dict[str, str], bytes]]
    seen: list[dict[str, str]]

    def handle_one(self) -> None:
        self.seen.append({"method": self.command, "path": self.path, **dict(self.headers)})
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        status, headers, body = self.routes.get(self.path.rstrip("/") or "/", (404, {}, b"{}"))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_DELETE = do_PATCH = handle_one

    def log_message(self, *args) -> None:
        pass


@contextmanager
def recorder(routes: dict) -> Iterator[tuple[str, list[dict[str, str]]]]:
    seen: list[dict[str, str]] = []
    handler = type("Handler", (Recorder,), {"routes": routes, "seen": seen})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", seen
    finally:
        server.shutdown()
        server.server_close()


JSON = {"Content-Type": "application/json"}


@pytest.mark.parametrize("login", ["session", "basic"])
def test_nothing_reaches_another_host_by_redirect_or_link(login):
    """A service whose Chassis redirects (308) to another host, and whose Systems links to a
    resource there: the shell refuses both, so that host never sees a request at all — and
    certainly not X-Auth-Token or Authorization."""
    with recorder({}) as (other, other_seen):
        root = {
            "@odata.id": "/redfish/v1/",
            "Systems": {"@odata.id": "/redfish/v1/Systems"},
            "Chassis": {"@odata.id": "/redfish/v1/Chassis"},
        }
        if login == "session":
            root["Links"] = {"Sessions": {"@odata.id": "/redfish/v1/Sessions"}}
        systems = {
            "@odata.id": "/redfish/v1/Systems",
            "Members": [{"@odata.id": other + "/redfish/v1/Systems/1"}],
            "Evil": {"@odata.id": other + "/redfish/v1/Systems/1"},
        }
        routes = {
            "/redfish/v1": (200, JSON, json.dumps(root).encode()),
            "/redfish/v1/Sessions": (
                201,
                {"X-Auth-Token": "tok-3e9", "Location": "/redfish/v1/Sessions/1"},
                b"",
            ),
            "/redfish/v1/Sessions/1": (204, {}, b""),
            "/redfish/v1/Systems": (200, JSON, json.dumps(systems).encode()),
            "/redfish/v1/Chassis": (308, {"Location": other + "/redfish/v1/Chassis"}, b""),
        }
        with recorder(routes) as (url, seen):
            shell = Shell(url, password=PASSWORD)
            for command in (
                "ls Chassis",
                "cat /redfish/v1/Chassis",
                "cd Systems/Evil",
                "cd Systems/1",
                f"cat {other}/redfish/v1/Systems/1",
                f"raw GET {other}/redfish/v1/",
                "find / -maxdepth 3",
            ):
                result = shell.run(command)
                assert "Traceback" not in result.err, (command, result)
            shell.close()
            assert any("X-Auth-Token" in h or "Authorization" in h for h in seen)  # it logged in
    assert other_seen == [], other_seen


def test_a_service_cannot_drive_the_terminal_through_names_or_values():
    """Escape sequences in a hostile service's values and property names (OSC 52 writes the
    clipboard, CSI clears the screen) reach the terminal as visible escapes, from get and
    ls alike; a multi-line value keeps its lines."""
    evil = "\x1b]52;c;cm0gLXJmIH4=\x07\x9b2J"
    body = {
        "@odata.id": "/redfish/v1/Systems",
        "AssetTag": f"rack{evil}",
        f"Name{evil}": "x",
        "Pem": "-----BEGIN-----\nAAAA\n-----END-----",
    }
    root = {"@odata.id": "/redfish/v1/", "Systems": {"@odata.id": "/redfish/v1/Systems"}}
    routes = {
        "/redfish/v1": (200, JSON, json.dumps(root).encode()),
        "/redfish/v1/Systems": (200, JSON, json.dumps(body).encode()),
    }
    with recorder(routes) as (url, _):
        shell = Shell(url, password=PASSWORD)
        outputs = [shell.ok(c) for c in ("get Systems/AssetTag", "ls Systems", "ls -l Systems")]
        pem = shell.ok("get Systems/Pem")
        shell.close()
    for out in outputs:
        assert "\x1b" not in out and "\x9b" not in out, repr(out)
        assert "\\x1b]52" in out, repr(out)
    assert pem == "-----BEGIN-----\nAAAA\n-----END-----\n"


# -- secrets -----------------------------------------------------------------------------------

SECRET_SCRIPT = f"""\
cd /Systems/1
set Bios/Attributes/AdminPassword={BIOS_SECRET}
status
diff
commit --dry-run
commit -y
create -y /AccountService/Accounts {{"UserName": "ops9", "Password": "{ACCOUNT_SECRET}", \\
    "RoleId": "Operator"}}
set Bios/Attributes/AdminPassword={BIOS_SECRET}
set /AccountService/Accounts/1/Password={BIOS_SECRET}x
cd /NoSuchThing
source "$1"
"""


def test_no_secret_in_output_trace_errors_stage_cache_or_ps(tmp_path):
    """A traced script that logs in, stages and sends a BIOS password, creates an account
    with a password, fails on purpose, and leaves a secret staged: neither the login
    password, the session tokens nor those passwords appear on stdout or stderr (the trace
    included), in the stage or the cache on disk, or in the process list."""
    script, pipe = tmp_path / "secrets.ilo", tmp_path / "pause"
    script.write_text(SECRET_SCRIPT)
    os.mkfifo(pipe)
    env = environment(tmp_path, ILO_PASSWORD=PASSWORD)
    with recording_tokens() as (sim, tokens):
        args = [sim.url, "-u", "admin", "--trace", "--keep-going", str(script), str(pipe)]
        proc = subprocess.Popen(
            [*CLI, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
        )
        listing: list[str] = []

        def look_at_ps() -> None:  # the script is paused at its last line
            listing.append(ps_args(proc.pid))

        try:
            assert release_pause(proc, pipe, look_at_ps)
            out, err = proc.communicate(timeout=60)
        finally:
            if proc.poll() is None:
                proc.kill()
        assert "secrets.ilo" in listing[0] and PASSWORD not in listing[0]
        assert sim.stats()["sessions"] == 0
    assert proc.returncode != 0 and "NoSuchThing" in err  # the failures happened
    assert "curl " in err and "X-Auth-Token: ***" in err  # the trace is there, masked
    assert "ops9" in err and "PATCH" in err  # the create and the commit were traced
    assert tokens, "no session was opened"
    folders = [tmp_path / "xdg_state_home", tmp_path / "xdg_cache_home"]
    assert files_under(*folders), "the shell wrote nothing (no stage, no cache?)"
    assert_nowhere(
        [PASSWORD, BIOS_SECRET, ACCOUNT_SECRET, *tokens],
        {"stdout": out, "stderr": err},
        folders,
    )


def test_p_is_visible_in_ps_as_the_help_says_and_the_environment_is_not(tmp_path):
    """The documented exception: -p puts the password in argv. ILO_PASSWORD and
    --password-env do not."""
    pipe = tmp_path / "pause"
    os.mkfifo(pipe)
    with simulate(password=PASSWORD) as sim:
        for how, extra_args, extra_env in (
            ("-p", ["-p", PASSWORD], {}),
            ("--password-env", ["--password-env", "MY_PW"], {"MY_PW": PASSWORD}),
        ):
            env = environment(tmp_path, **extra_env)
            args = [sim.url, "-u", "admin", *extra_args, "-c", f"source {pipe}"]
            listing = paused_ps(subprocess.Popen([*CLI, *args], env=env), pipe)
            assert (PASSWORD in listing) == (how == "-p"), (how, listing)
        assert sim.stats()["sessions"] == 0


def test_repl_keeps_secrets_out_of_screen_history_and_files_which_are_private(tmp_path):
    """In a real terminal: a BIOS password set, an account created with a password, a
    traced request. The login password and the token never reach the screen; none of them
    reaches the history file or anything else on disk; every file is 0600 and every folder
    0700 even under umask 000."""
    with recording_tokens() as (sim, tokens):
        env = shell_env(tmp_path, ILO_PASSWORD=PASSWORD)
        old_umask = os.umask(0)
        try:
            term = Term([sim.url, "-u", "admin"], env)
        finally:
            os.umask(old_umask)
        try:
            term.wait(r"admin@\S+:/>", timeout=20)
            term.line(f"set /Systems/1/Bios/Attributes/AdminPassword={BIOS_SECRET}")
            term.wait(r"staged /Systems/1/Bios/Attributes/AdminPassword = \"\*\*\*\"")
            term.line(
                'create -y /AccountService/Accounts {"UserName": "ops8", '
                f'"Password": "{ACCOUNT_SECRET}", "RoleId": "ReadOnly"}}'
            )
            term.wait("created")
            term.line("trace on")
            term.line("ls /Chassis/1")
            term.wait(r"X-Auth-Token: \*\*\*")
            term.line("trace off")
            term.line("history")
            term.wait(r"\d+  history")
            term.line("exit")
            term.wait(r"Leave anyway\? \[y/N\]")
            term.line("y")
            assert term.finish() == 0
        finally:
            term.close()
        assert sim.stats()["sessions"] == 0
    folders = [tmp_path / "state", tmp_path / "cache"]
    assert_nowhere([PASSWORD, *tokens], {"screen": term.screen}, folders)
    assert_nowhere([BIOS_SECRET, ACCOUNT_SECRET], {}, folders)  # typed, so on screen only
    history = tmp_path / "state" / "iloshell" / "history"
    assert "trace on" in history.read_text()
    for base in folders:
        assert_private(base)


def assert_private(base: Path) -> None:
    """Every folder from ``base/iloshell`` down is 0700, every file 0600."""
    top = base / "iloshell"
    for path in [top, *top.rglob("*")]:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), f"{path} is {mode:o}"


def test_files_written_by_a_script_are_private_under_umask_000(tmp_path):
    """The stage (left by a script that asks to keep it) and the schema cache, under the
    loosest umask."""
    env = environment(tmp_path, ILO_PASSWORD=PASSWORD)
    with simulate(password=PASSWORD) as sim:
        result = run(
            [sim.url, "-u", "admin", "--keep-stage", "-c", "set /Systems/1/AssetTag=private"],
            env,
            preexec_fn=lambda: os.umask(0),
        )
    assert result.returncode == 0, result.stderr
    state, cache = tmp_path / "xdg_state_home", tmp_path / "xdg_cache_home"
    assert list((state / "iloshell" / "stage").glob("*.json"))
    assert list((cache / "iloshell").rglob("*.json"))
    assert_private(state)
    assert_private(cache)


# -- the session is deleted on every way out ---------------------------------------------


def closed(sim, before: int) -> bool:
    stats = sim.stats()
    return stats["sessions"] == 0 and stats["requests"].get("DELETE", 0) > before


@pytest.mark.parametrize(
    ("commands", "code"),
    [
        ("set /Systems/1/Bios/Attributes/PowerOnDelay=7", 4),  # refused by validation
        ("raw GET /redfish/v1/Nothing", 5),  # refused by the service
        ("cd /Systems; exit 7; pwd", 7),  # exit with a code
    ],
)
def test_session_deleted_when_a_script_fails_or_exits(sim, tmp_path, commands, code):
    before = sim.stats()["requests"].get("DELETE", 0)
    env = environment(tmp_path, ILO_PASSWORD=PASSWORD)
    result = run([sim.url, "-u", "admin", "-c", commands], env)
    assert result.returncode == code, result.stderr
    assert closed(sim, before)


def test_session_deleted_when_exit_comes_from_a_sourced_file(sim, tmp_path):
    inner = tmp_path / "inner.ilo"
    inner.write_text("cd /Systems\nexit 6\n")
    before = sim.stats()["requests"].get("DELETE", 0)
    env = environment(tmp_path, ILO_PASSWORD=PASSWORD)
    result = run([sim.url, "-u", "admin", "-c", f"source {inner}; pwd"], env)
    assert result.returncode == 6 and result.stdout == "", result.stderr
    assert closed(sim, before)


def test_session_deleted_when_connect_moves_to_another_service(sim, tmp_path):
    with simulate(password=PASSWORD) as second:
        env = environment(tmp_path, ILO_PASSWORD=PASSWORD, ILO_USER="admin")
        result = run([sim.url, "-c", f"pwd; connect {second.url}; cd Systems"], env)
        assert result.returncode == 0, result.stderr
        assert second.stats()["sessions"] == 0 and second.stats()["requests"]["DELETE"] == 1
    assert sim.stats()["sessions"] == 0


def test_session_deleted_when_the_logout_itself_loses_its_connection(tmp_path):
    """The last request (DELETE) meets a dropped connection: it is repeated, not forgotten."""
    env = environment(tmp_path, ILO_PASSWORD=PASSWORD)
    with simulate(password=PASSWORD) as counting:
        assert run([counting.url, "-u", "admin", "-c", "pwd"], env).returncode == 0
        requests_per_run = sum(counting.stats()["requests"].values())
    with simulate(password=PASSWORD, faults=[f"drop:every={requests_per_run}"]) as flaky:
        result = run([flaky.url, "-u", "admin", "-c", "pwd"], env)
        assert result.returncode == 0, result.stderr
        stats = flaky.stats()
        assert stats["requests"]["DELETE"] == 2 and stats["sessions"] == 0


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_session_deleted_when_killed_while_idle(sim, tmp_path, sig):
    """Killed while waiting for its input (not in the middle of a request)."""
    pipe = tmp_path / "pause"
    os.mkfifo(pipe)
    env = environment(tmp_path, ILO_PASSWORD=PASSWORD)
    before = sim.stats()["requests"].get("DELETE", 0)
    proc = subprocess.Popen(
        [*CLI, sim.url, "-u", "admin", "-c", f"cd Systems; source {pipe}"],
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while sim.stats()["sessions"] == 0 and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(0.2)  # blocked opening the pipe now
        proc.send_signal(sig)
        err = proc.communicate(timeout=15)[1]
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 128 + sig and "Traceback" not in err, err
    assert closed(sim, before)


def test_repl_session_deleted_on_ctrl_d_and_on_exit_with_a_code(sim, tmp_path):
    for ending, code in (("\x04", 0), ("exit 4\r", 4)):
        before = sim.stats()["requests"].get("DELETE", 0)
        term = Term([sim.url, "-u", "admin"], shell_env(tmp_path, ILO_PASSWORD=PASSWORD))
        try:
            term.wait(r"admin@\S+:/>", timeout=20)
            term.send(ending)
            assert term.finish() == code
        finally:
            term.close()
        assert closed(sim, before)
