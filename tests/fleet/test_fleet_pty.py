"""What only a terminal shows in a fleet run: one confirmation naming the number of hosts,
and the progress line."""

from __future__ import annotations

from tests.fleet.conftest import LOGIN
from tests.repl.term import Term, shell_env

SET = "set /Systems/1/AssetTag=rack-9; commit"


def test_one_question_for_all_hosts_no_sends_nothing_yes_sends(fleet, tmp_path):
    up = ",".join(m.url for m in fleet.members if not m.down)
    env = shell_env(tmp_path, **LOGIN)
    term = Term(["--hosts", up, "-c", SET], env)
    term.wait(r"run it on 3 hosts without asking again\? \[y/N\]", timeout=20)
    term.line("n")
    term.wait("cancelled: nothing was sent")
    assert term.finish() == 1
    assert fleet.stats()["requests"].get("PATCH", 0) == 0

    term = Term(["--hosts", up, "-c", SET], env)
    term.wait(r"without asking again\? \[y/N\]", timeout=20)
    term.line("y")
    term.wait(r"summary: 3 ok", timeout=30)
    assert "/3] 0 failed" in term.raw  # the progress line (cleared before the summary)
    assert term.finish() == 0
    assert fleet.stats()["requests"]["PATCH"] == 3
