"""Wrong command-line input gets one clear line and the documented exit code, never a
traceback: numbers out of range, mockup folders that are not mockups, TLS pointed at a plain
HTTP port, a --cacert that holds no certificate, credentials written in the URL.

Each test runs the real program (``iloshell`` or ``iloshell-sim``) in a subprocess, against a
real simulator where a connection is involved.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from iloshell.errors import EXIT_CONNECT, EXIT_OK, EXIT_USAGE
from iloshell.sim.testing import simulate

CLI = [sys.executable, "-m", "iloshell.frontends.cli"]
SIM = [sys.executable, "-m", "iloshell.sim"]
# A password with characters a URL must escape: '@' ':' '/' '%'.
PASSWORD = "s3cr@t:pa/ss%word"

SIMULATOR = {"password": PASSWORD}
ESCAPED = "s3cr%40t%3Apa%2Fss%25word"


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ILO_", "XDG_"))}
    for name in ("XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
        env[name] = str(home / name.lower())
    env.update(extra)
    return env


def run(args: list[str], home: Path, program=CLI, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*program, *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=clean_env(home, **env),
        stdin=subprocess.DEVNULL,
    )


def one_line(result: subprocess.CompletedProcess, prefix: str = "iloshell: ") -> str:
    """The single stderr line, checked to be one line without a traceback."""
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(prefix), result.stderr
    return lines[0]


def host_of(sim) -> str:
    return sim.url.split("://", 1)[1]


# -- numbers ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("inf", "inf"),
        ("1e400", "inf"),
        ("1e300", "1e+300"),
        ("-5", "-5"),
        ("nan", "nan"),
        ("0", "0"),
    ],
)
def test_timeout_that_is_no_positive_number_of_seconds_is_a_usage_error(tmp_path, value, shown):
    result = run(
        ["http://127.0.0.1:9", "-u", "u", "-p", "p", f"--timeout={value}", "-c", "pwd"], tmp_path
    )
    assert result.returncode == EXIT_USAGE
    assert one_line(result) == (
        f"iloshell: --timeout {shown}: must be a positive number of seconds, at most 86400"
    )


@pytest.mark.parametrize("value", ["-1", "0", "65", "100000000"])
def test_workers_outside_1_to_64_is_a_usage_error(tmp_path, value):
    result = run(
        ["http://127.0.0.1:9", "-u", "u", "-p", "p", f"--workers={value}", "-c", "pwd"], tmp_path
    )
    assert result.returncode == EXIT_USAGE
    assert one_line(result) == f"iloshell: --workers {value}: must be 1 to 64"


def test_wrong_numbers_in_the_config_file_are_warned_about_and_replaced(sim, tmp_path):
    config = tmp_path / "xdg_config_home" / "iloshell" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text("timeout = -5.0\nworkers = 0\n")
    result = run(
        [sim.url, "-u", sim.user, "-c", "get /Systems/1/Id"],
        tmp_path,
        ILO_PASSWORD=PASSWORD,
    )
    assert result.returncode == EXIT_OK, result.stderr
    assert result.stdout == "1\n"
    assert result.stderr.splitlines() == [
        "warning: config workers = 0 ignored: must be 1 to 64",
        "warning: config timeout = -5.0 ignored: must be a positive number of seconds, "
        "at most 86400",
    ]


# -- mockup folders ---------------------------------------------------------------------------


def bad_mockups(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    """Folders (and a file) that are no mockup, with the words each one's line must hold."""
    empty = tmp_path / "empty"
    empty.mkdir()
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "index.json").write_text("{bad")
    array = tmp_path / "array" / "redfish" / "v1"
    array.mkdir(parents=True)
    (array / "index.json").write_text("[1, 2]")
    a_file = tmp_path / "a-file.json"
    a_file.write_text("{}")
    return {
        "missing": (tmp_path / "nonexistent", "does not exist"),
        "empty": (empty, "has no index.json (nor redfish/v1/index.json): not a mockup"),
        "broken": (broken, "index.json is not valid JSON (Expecting property name"),
        "array": (array.parent.parent, "index.json holds no JSON object"),
        "file": (a_file, "is a file, not a folder (give the folder that holds index.json)"),
    }


@pytest.mark.parametrize("kind", ["missing", "empty", "broken", "array", "file"])
def test_a_mockup_that_is_no_mockup_is_one_line_from_demo_and_from_the_simulator(tmp_path, kind):
    folder, words = bad_mockups(tmp_path)[kind]
    demo = run(["--demo", "--mockup", str(folder), "-c", "pwd"], tmp_path)
    assert demo.returncode == EXIT_USAGE
    assert words in one_line(demo) and str(folder) in demo.stderr
    served = run(["--mockup", str(folder)], tmp_path, program=SIM)
    assert served.returncode == EXIT_USAGE
    assert words in one_line(served, "iloshell-sim: ")
    assert served.stdout == ""  # it never said it was serving


def test_mockup_without_demo_is_a_usage_error(sim, tmp_path):
    result = run([sim.url, "--mockup", str(tmp_path), "-u", sim.user, "-c", "pwd"], tmp_path)
    assert result.returncode == EXIT_USAGE
    assert one_line(result) == (
        "iloshell: --mockup DIR goes with --demo (it picks what the simulator serves)"
    )
    assert result.stdout == ""


# -- credentials in the URL -------------------------------------------------------------------


def test_user_and_password_in_the_url_log_in_and_the_password_is_shown_nowhere(sim, tmp_path):
    before = sim.stats()["requests"].get("DELETE", 0)
    url = f"http://{sim.user}:{ESCAPED}@{host_of(sim)}"
    result = run([url, "--trace", "-c", "get /Systems/1/Id; cat /Systems/1/Id"], tmp_path)
    assert result.returncode == EXIT_OK, result.stderr
    assert result.stdout.splitlines() == ["1", '"1"']
    everything = result.stdout + result.stderr
    assert "-X POST" in result.stderr  # the login is traced...
    for secret in (PASSWORD, ESCAPED, "s3cr"):  # ...without the password, plain or escaped
        assert secret not in everything
    assert f"{sim.user}:" not in everything
    stats = sim.stats()
    assert stats["sessions"] == 0 and stats["requests"]["DELETE"] > before


def test_user_in_the_url_password_from_the_environment(sim, tmp_path):
    result = run(
        [f"http://{sim.user}@{host_of(sim)}", "-c", "pwd"],
        tmp_path,
        ILO_PASSWORD=PASSWORD,
    )
    assert result.returncode == EXIT_OK, result.stderr
    assert result.stdout == "/\n"


def test_a_wrong_password_in_the_url_is_refused_without_quoting_it(sim, tmp_path):
    result = run([f"http://{sim.user}:not-it@{host_of(sim)}", "-c", "pwd"], tmp_path)
    assert result.returncode == EXIT_CONNECT
    line = one_line(result)
    assert line.startswith(f"iloshell: login refused for user 'admin' on {host_of(sim)} ")
    assert "not-it" not in line


def test_a_bad_address_with_a_password_in_it_does_not_quote_the_password(tmp_path):
    result = run(["http://admin:hunter2@127.0.0.1:notaport", "-c", "pwd"], tmp_path)
    assert result.returncode == EXIT_CONNECT
    assert "not a service address" in one_line(result)
    assert "hunter2" not in result.stderr


def test_connect_takes_credentials_from_its_url_without_quoting_them(sim, tmp_path):
    command = f"connect http://admin:hunter2@{host_of(sim)}"  # a wrong password
    result = run([sim.url, "-u", sim.user, "-c", command], tmp_path, ILO_PASSWORD=PASSWORD)
    assert result.returncode == EXIT_CONNECT
    line = one_line(result, "-c:1: ")
    assert line.startswith("-c:1: login refused for user 'admin'") and "hunter2" not in line
    assert sim.stats()["sessions"] == 0


def test_the_repl_never_shows_a_password_given_in_the_url(sim, tmp_path):
    from tests.repl.term import Term, shell_env

    term = Term([f"http://{sim.user}:{ESCAPED}@{host_of(sim)}"], shell_env(tmp_path))
    try:
        term.wait(r"admin@.*:/")  # the prompt
        term.line("cd Systems/1")
        term.wait(r"/Systems/1")
        term.line("exit")
        assert term.finish() == 0
    finally:
        term.close()
    for secret in (PASSWORD, ESCAPED, "s3cr"):
        assert secret not in term.raw
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert "s3cr" not in path.read_text(errors="replace"), path


# -- TLS ---------------------------------------------------------------------------------------

NOT_HTTPS = (
    "iloshell: TLS: the handshake with {host} failed: it does not seem to speak https on that "
    "port; for a plain-HTTP service write http://{host}"
)


@pytest.mark.parametrize(
    "args",
    [["https://{host}"], ["{host}"], ["https://{host}", "-k"]],
    ids=["https", "no scheme", "https -k"],
)
def test_https_to_a_plain_http_port_says_so_not_certificate(sim, tmp_path, args):
    argv = [a.format(host=host_of(sim)) for a in args]
    result = run([*argv, "-u", sim.user, "-c", "pwd"], tmp_path, ILO_PASSWORD=PASSWORD)
    assert result.returncode == EXIT_CONNECT
    assert one_line(result) == NOT_HTTPS.format(host=host_of(sim))


def test_a_certificate_that_cannot_be_verified_keeps_its_wording(tmp_path):
    with simulate(tls=True) as tls_sim:
        result = run(
            [tls_sim.url, "-u", tls_sim.user, "-c", "pwd"], tmp_path, ILO_PASSWORD=tls_sim.password
        )
    assert result.returncode == EXIT_CONNECT
    assert one_line(result) == (
        f"iloshell: TLS: cannot verify {host_of(tls_sim)}: its certificate is self-signed. Give "
        "the CA with --cacert FILE, or use -k to connect without verification (insecure)"
    )


@pytest.mark.parametrize("content", ["not a certificate\n", ""], ids=["text", "empty"])
def test_cacert_that_holds_no_pem_certificate_is_refused_before_connecting(sim, tmp_path, content):
    bundle = tmp_path / "bundle.pem"
    bundle.write_text(content)
    before = sum(sim.stats()["requests"].values())
    result = run(
        [sim.url, "--cacert", str(bundle), "-u", sim.user, "-c", "pwd"],
        tmp_path,
        ILO_PASSWORD=PASSWORD,
    )
    assert result.returncode == EXIT_USAGE
    assert one_line(result) == f"iloshell: --cacert {bundle}: no PEM certificate in it"
    assert sum(sim.stats()["requests"].values()) == before  # nothing was sent


def test_cacert_of_the_system_is_accepted(sim, tmp_path):
    import ssl

    bundle = ssl.get_default_verify_paths().cafile
    if not bundle or not os.path.isfile(bundle):
        pytest.skip("this machine has no system CA bundle file")
    result = run(
        [sim.url, "--cacert", bundle, "-u", sim.user, "-c", "pwd"],
        tmp_path,
        ILO_PASSWORD=PASSWORD,
    )
    assert result.returncode == EXIT_OK, result.stderr
