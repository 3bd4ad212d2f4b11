"""A script's stage belongs to its run (issue 13): uncommitted changes are listed at its end
and the run fails, nothing is left on disk for later sessions unless --keep-stage; status and
discard see what commit would send."""

from __future__ import annotations

from iloshell.staging.stage import EARLIER, Change, Stage
from tests.conftest import run_cli as run


def stage_files(private_home) -> list:
    return list((private_home / "xdg_state_home" / "iloshell" / "stage").glob("*.json"))


def test_a_script_that_does_not_commit_fails_and_leaves_nothing(sim, private_home):
    done = run(sim, "-c", "cd /Systems/1; set AssetTag=forgotten IndicatorLED=Lit")
    assert done.returncode == 1
    last = done.stderr.splitlines()[-1]
    assert last.startswith("error: 2 staged changes not committed, dropped at the end of this run")
    assert '/Systems/1/AssetTag = "forgotten"' in last and "--keep-stage" in last
    assert stage_files(private_home) == []
    later = run(sim, "-c", "status")
    assert (later.returncode, later.stdout, later.stderr) == (0, "nothing staged\n", "")
    # a script that commits what it staged ends well, and leaves nothing either
    done = run(sim, "-y", "-c", "set /Systems/1/AssetTag=sent; commit")
    assert done.returncode == 0, done.stderr
    assert stage_files(private_home) == []


def test_keep_stage_leaves_the_changes_for_a_later_session(sim, private_home):
    done = run(sim, "--keep-stage", "-c", "set /Systems/1/AssetTag=for-later")
    assert done.returncode == 0, done.stderr
    assert "kept on disk for a later session (--keep-stage)" in done.stderr
    assert len(stage_files(private_home)) == 1
    # a later script neither shows nor sends them, and says so; discard -a has nothing to do
    later = run(sim, "-c", "status; discard -a; commit -y")
    assert later.stdout == "nothing staged\n"
    assert "1 change staged by an earlier session stays on disk; this run neither" in later.stderr
    assert "nothing staged; nothing to discard" in later.stderr
    assert later.returncode == 0 and "nothing to commit" in later.stderr
    assert len(stage_files(private_home)) == 1  # untouched


def test_two_values_for_one_property_are_a_conflict_to_settle():
    def left(value: str) -> Change:
        return Change(
            "/redfish/v1/Systems/1", ("AssetTag",), value, "/Systems/1/AssetTag", origin=EARLIER
        )

    stage = Stage()
    for value in ("a", "b", "a"):
        stage.put(left(value))
    stage.put(Change("/redfish/v1/Systems/1", ("IndicatorLED",), "Lit", "/x", origin=EARLIER))
    (conflict,) = stage.conflicts()
    assert [c.value for c in conflict] == ["b", "a"]  # each value once, in the order staged
