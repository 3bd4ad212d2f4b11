"""What is staged and not yet sent, seen before commit (issue 13): ``commit --dry-run`` in
trace's curl form, ``cat --pending`` with the values staged in this session."""

from __future__ import annotations

import shlex

import pytest

from iloshell.sim.testing import simulate

from .harness import Shell


@pytest.fixture
def shell():
    with simulate() as sim:
        session = Shell(sim.url, sim.user, sim.password)
        yield session
        session.close()


def test_dry_run_prints_the_curl_lines_trace_prints(shell):
    shell.ok("cd /Systems/1; set AssetTag=dry Bios/Attributes/WorkloadProfile=LowLatency")
    lines = shell.ok("commit --dry-run").splitlines()
    assert len(lines) == 2 and all(line.startswith("curl -sS -i -X PATCH http") for line in lines)
    words = shlex.split(lines[0])  # runnable as printed, once the token is filled in
    assert "X-Auth-Token: ***" in words and any(w.startswith("If-Match: ") for w in words)
    assert words[words.index("-d") + 1] == '{"AssetTag":"dry"}'
    assert shell.ctx.conn.auth.token not in "\n".join(lines)
    assert "/bios/settings" in lines[1]  # BIOS changes go to the settings object


def test_cat_pending_shows_what_is_staged_here_and_not_committed(shell):
    shell.ok("cd /Systems/1; set AssetTag=soon Bios/Attributes/WorkloadProfile=LowLatency")
    out = shell.ok("cat --pending")  # a resource without a settings object: staged only
    assert out.splitlines()[0].split() == ["AssetTag", '"DEMO-RACK12-U20"', '"soon"', "(staged)"]
    assert out.endswith(
        "1 value staged here and not committed (commit sends it; discard drops it)\n"
    )
    out = shell.ok("cat --pending Bios/Attributes/WorkloadProfile")
    assert '"LowLatency" (staged)' in out and "0 values pending in" in out
    shell.ok("discard -a")
    result = shell.run("cat --pending")
    assert result.code == 1 and "nothing staged here, and" in result.err
