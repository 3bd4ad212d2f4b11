"""Things only a real terminal shows, against the simulator: the [y/N] questions before
commit and rm (no sends nothing, yes sends), and cat's colours on a terminal unless
NO_COLOR is set."""

from __future__ import annotations

import re

from .term import Term, shell_env

PROMPT = r"admin@ilo-demo:{path}{staged}>"
SGR = re.compile(r"\x1b\[[0-9;]*m")


def prompt(path: str = "/", staged: bool = False) -> str:
    return PROMPT.format(path=path, staged=r" \*" if staged else "")


def count(sim, method: str) -> int:
    return sim.stats()["requests"].get(method, 0)


def interactive(sim, home) -> Term:
    term = Term([sim.url, "-u", sim.user, "-p", sim.password], shell_env(home))
    term.wait(prompt(), timeout=20)
    return term


def test_commit_asks_no_sends_nothing_yes_sends(sim, tmp_path):
    term = interactive(sim, tmp_path)
    try:
        term.line("set /Systems/1/AssetTag=asked")
        term.wait(prompt(staged=True))
        term.line("commit")
        term.wait(r'PATCH /redfish/v1/Systems/1  \{"AssetTag": "asked"\}')
        term.wait(r"Send 1 change\? \[y/N\]")
        term.line("n")
        term.wait("cancelled: nothing was sent")
        term.wait(prompt(staged=True))  # still staged
        assert count(sim, "PATCH") == 0
        term.line("commit")
        term.wait(r"Send 1 change\? \[y/N\]")
        term.line("y")
        term.wait(r"applied +/Systems/1/AssetTag")
        term.wait(prompt())  # nothing staged any more
        assert count(sim, "PATCH") == 1
        assert sim.store.get("/redfish/v1/Systems/1")["AssetTag"] == "asked"
        term.send("\x04")
        assert term.finish() == 0
    finally:
        term.close()


def test_rm_asks_no_sends_nothing_yes_sends(sim, tmp_path):
    term = interactive(sim, tmp_path)
    try:
        term.line("rm /AccountService/Accounts/2")
        term.wait(r"DELETE /redfish/v1/AccountService/Accounts/2")
        term.wait(r"Delete it\? \[y/N\]")
        term.line("")  # Enter alone is the default: no
        term.wait("cancelled: nothing was sent")
        term.wait(prompt())
        assert count(sim, "DELETE") == 0
        term.line("rm /AccountService/Accounts/2")
        term.wait(r"Delete it\? \[y/N\]")
        term.line("y")
        term.wait(r"deleted /redfish/v1/AccountService/Accounts/2")
        term.wait(prompt())
        assert count(sim, "DELETE") == 1
        assert "/redfish/v1/AccountService/Accounts/2" not in sim.store
        term.send("\x04")
        assert term.finish() == 0
    finally:
        term.close()


def test_invoke_asks_before_the_action(sim, tmp_path):
    term = interactive(sim, tmp_path)
    try:
        posts = count(sim, "POST")
        term.line("invoke /Systems/1 Reset ResetType=ForceRestart")
        term.wait(r"Run ComputerSystem\.Reset\? \[y/N\]")
        term.line("n")
        term.wait("cancelled: nothing was sent")
        term.wait(prompt())
        assert count(sim, "POST") == posts
        term.send("\x04")
        assert term.finish() == 0
    finally:
        term.close()


def one_liner_on_a_terminal(home, **env: str) -> str:
    term = Term(["--demo", "-c", "cat /Systems/1"], shell_env(home, **env))
    try:
        assert term.finish(timeout=20) == 0, term.screen[-1000:]
        return term.raw
    finally:
        term.close()


def test_cat_is_coloured_on_a_terminal(tmp_path):
    raw = one_liner_on_a_terminal(tmp_path)
    assert SGR.search(raw), raw[:500]
    assert '"@odata.id"' in SGR.sub("", raw)


def test_no_color_turns_colours_off_on_a_terminal(tmp_path):
    raw = one_liner_on_a_terminal(tmp_path, NO_COLOR="1")
    assert '"@odata.id": "/redfish/v1/Systems/1"' in raw
    assert not SGR.search(raw), raw[:500]
