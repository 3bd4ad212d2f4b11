"""Limits on local input (issue #10): each a documented cap and one line, never minutes of
work or gigabytes of memory — the worker count, the config file, a script on stdin, the
history file."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from iloshell.frontends.history import MAX_ENTRIES, HistoryFile, block_text
from tests.repl.term import shell_env

CLI = [sys.executable, "-m", "iloshell.frontends.cli"]


def iloshell(home, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*CLI, *args],
        input=stdin,
        capture_output=True,
        timeout=60,
        env=shell_env(home),
    )


def test_a_huge_worker_count_is_refused_at_once(tmp_path):
    started = time.monotonic()
    result = iloshell(
        tmp_path, "http://127.0.0.1:9", "-u", "u", "-p", "p", "--workers", "100000000"
    )
    assert result.returncode == 2
    assert result.stderr.decode() == "iloshell: --workers 100000000: must be 1 to 64\n"
    assert time.monotonic() - started < 20


@pytest.mark.parametrize("kind", ["dev-zero", "fifo", "folder", "too-large", "deep"])
def test_a_config_file_that_is_no_config_is_one_warning(tmp_path, kind):
    config = tmp_path / "config" / "iloshell" / "config.toml"
    config.parent.mkdir(parents=True)
    if kind == "dev-zero":
        config.symlink_to("/dev/zero")
    elif kind == "fifo":
        os.mkfifo(config)
    elif kind == "folder":
        config.mkdir()
    elif kind == "too-large":
        config.write_text("# " + "x" * (16 * 1024 * 1024) + "\n")
    else:
        config.write_text("a = " + "[" * 100_000 + "]" * 100_000 + "\n")
    result = iloshell(tmp_path, "--demo", "-c", "pwd")
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode() == "/\n"
    warnings = [line for line in result.stderr.decode().splitlines() if str(config) in line]
    assert len(warnings) == 1 and warnings[0].startswith("warning: "), result.stderr
    assert "Traceback" not in result.stderr.decode()


def test_a_script_on_stdin_is_capped_like_a_sourced_file(tmp_path):
    result = iloshell(tmp_path, "--demo", stdin=b"# comment\n" * 1_700_000)
    assert result.returncode == 2
    assert result.stderr.decode().splitlines()[-1] == (
        "iloshell: <stdin>: too large for a script (more than 16 MiB)"
    )
    bad = iloshell(tmp_path, "--demo", stdin=b"pwd\n\xff\n")
    assert bad.returncode == 2
    assert bad.stderr.decode().splitlines()[-1] == "iloshell: <stdin>: a script is not UTF-8 text"


def test_the_history_is_trimmed_and_loads_fast(tmp_path):
    path = tmp_path / "history"
    path.write_text("".join(block_text("# 2026-01-01 00:00:00", f"ls {n}") for n in range(100_000)))
    history = HistoryFile(path)
    started = time.monotonic()
    entries = history.load()
    took = time.monotonic() - started
    assert len(entries) == MAX_ENTRIES and entries[-1] == "ls 99999"
    assert took < 5, took
    assert HistoryFile(path).load() == entries  # the file itself was trimmed
    assert path.stat().st_size < 200_000
    for n in range(MAX_ENTRIES // 10 + 1):  # a long session: trimmed again as it goes
        history.append(f"cd {n}")
    assert len(HistoryFile(path).load()) == MAX_ENTRIES


@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "folder"])
def test_a_history_that_is_no_file_is_skipped_at_once(tmp_path, kind):
    path = tmp_path / "history"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "dev-zero":
        path.symlink_to("/dev/zero")
    else:
        path.mkdir()
    started = time.monotonic()
    assert HistoryFile(path).load() == []
    assert time.monotonic() - started < 2
