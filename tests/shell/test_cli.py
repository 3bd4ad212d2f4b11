"""The iloshell command line as a user runs it: modes, exit codes, and logging out on every
way out. Each test starts the real program in a subprocess against a real simulator."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from iloshell.sim.testing import simulate

CLI = [sys.executable, "-m", "iloshell.frontends.cli"]


def run(args, *, stdin=None, env=None, timeout=60):
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [*CLI, *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=full_env,
    )


def sessions_closed(sim, before):
    stats = sim.stats()
    return stats["sessions"] == 0 and stats["requests"].get("DELETE", 0) > before


def deletes(sim):
    return sim.stats()["requests"].get("DELETE", 0)


def login(sim):
    return [sim.url, "-u", sim.user, "-p", sim.password]


def test_one_liner_runs_and_logs_out(sim):
    before = deletes(sim)
    result = run([*login(sim), "-c", "cd Systems/1; get PowerState"])
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() in ("On", "Off")
    assert sessions_closed(sim, before)


def test_password_from_environment_and_url_without_credentials_on_argv(sim):
    result = run([sim.url, "-c", "pwd"], env={"ILO_USER": "admin", "ILO_PASSWORD": "password"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "/"
    result = run(
        ["-c", "pwd"],
        env={"ILO_URL": sim.url, "ILO_USER": "admin", "ILO_PASSWORD": "password"},
    )
    assert result.returncode == 0, result.stderr


def test_password_env_option(sim):
    result = run(
        [sim.url, "-u", "admin", "--password-env", "MY_SECRET", "-c", "pwd"],
        env={"MY_SECRET": "password"},
    )
    assert result.returncode == 0, result.stderr


def test_script_file_with_arguments_comments_and_continuation(sim, tmp_path):
    script = tmp_path / "walk.ilo"
    script.write_text(
        "# find the system and print two values\n"
        "cd /Systems/$1   # the member id comes from the command line\n"
        "get PowerState \\\n"
        "    Boot/BootSourceOverrideTarget\n"
    )
    result = run([*login(sim), str(script), "1"])
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.split()) == 2


def test_script_stops_at_first_failure_with_file_and_line(sim, tmp_path):
    before = deletes(sim)
    script = tmp_path / "bad.ilo"
    script.write_text("pwd\ncd /Systems/nope\npwd\n")
    result = run([*login(sim), str(script)])
    assert result.returncode == 1
    assert result.stdout.strip() == "/"
    assert f"{script}:2:" in result.stderr
    assert "nope" in result.stderr
    assert sessions_closed(sim, before)
    kept = run([*login(sim), "--keep-going", str(script)])
    assert kept.returncode == 1
    assert kept.stdout.split() == ["/", "/"]


def test_stdin_that_is_not_a_terminal_is_a_script(sim):
    result = run(login(sim), stdin="cd Systems\npwd\n")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "/Systems"


def test_json_output(sim):
    result = run([*login(sim), "--json", "-c", "find / -type '*ComputerSystem*'"])
    found = json.loads(result.stdout)
    assert [item["path"] for item in found] == ["/Systems/1"]
    result = run([*login(sim), "--json", "-c", "get /Systems/1/PowerState"])
    assert json.loads(result.stdout) in ("On", "Off")


@pytest.mark.parametrize(
    ("command", "code", "words"),
    [
        ("frobnicate", 2, "unknown command"),
        ("cd /Sytems", 1, "did you mean Systems"),
        ("set /Systems/1/SerialNumber=X", 4, "read-only"),
        ("raw GET /redfish/v1/Nothing", 5, "ResourceMissingAtURI"),
        ("commit", 0, "nothing to commit"),
        ("set /Systems/1/AssetTag=x; commit", 2, "-y"),
    ],
)
def test_exit_codes_and_one_line_errors(sim, command, code, words):
    result = run([*login(sim), "-c", command])
    assert result.returncode == code, result.stderr
    assert words in result.stderr
    assert "Traceback" not in result.stderr
    # (a script's uncommitted change is said once more at its end: dropped with the run)
    assert len(result.stderr.strip().splitlines()) <= 2 + ("dropped at the end" in result.stderr)


def test_wrong_password_is_exit_3(sim):
    result = run([sim.url, "-u", "admin", "-p", "wrong", "-c", "pwd"])
    assert result.returncode == 3
    assert "login refused" in result.stderr
    assert "wrong" not in result.stderr


def test_refused_host_is_one_line_exit_3():
    result = run(["http://127.0.0.1:9", "-u", "a", "-p", "b", "-c", "pwd"])
    assert result.returncode == 3
    assert "connection refused" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_help_lists_exit_codes_and_warns_about_p():
    result = run(["--help"])
    assert "exit codes" in result.stdout
    assert "VISIBLE to other users" in result.stdout


@pytest.mark.parametrize("ending", ["exit", "exit 3", "logout"])
def test_session_deleted_on_exit_and_logout(sim, ending):
    before = deletes(sim)
    result = run([*login(sim), "-c", f"pwd; {ending}"])
    assert result.returncode == (3 if ending == "exit 3" else 0)
    assert sessions_closed(sim, before)


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP])
def test_session_deleted_when_interrupted_or_killed(sig):
    with simulate(latency_ms=300) as slow:
        proc = subprocess.Popen(
            [*CLI, *login(slow), "-c", "find /"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        deadline = time.monotonic() + 20
        while slow.stats()["sessions"] == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.5)  # inside the crawl now
        proc.send_signal(sig)
        proc.communicate(timeout=15)
        assert proc.returncode != 0
        assert slow.stats()["sessions"] == 0


def test_insecure_scripts_say_so_once():
    with simulate(tls=True) as tls:
        refused = run([*login(tls), "-c", "pwd"])
        assert refused.returncode == 3 and "-k" in refused.stderr
        result = run([*login(tls), "-k", "-c", "pwd"])
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("NOT verified (-k)") == 1
