"""Damaged local state: a stage file with one bad entry keeps its good ones and says what it
set aside and where (never overwriting an earlier copy); a state, stage, lock, history or
cache path that is a folder, a file or a dangling symlink is one line, never a traceback
(issue #10)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from iloshell.staging.store import StageStore
from tests.repl.term import shell_env

CLI = [sys.executable, "-m", "iloshell.frontends.cli"]


def iloshell(sim, home, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*CLI, sim.url, "-u", sim.user, "--keep-stage", *args],  # the stage on disk is the point
        capture_output=True,
        text=True,
        timeout=60,
        env=shell_env(home, ILO_PASSWORD=sim.password),
    )


def stage_folder(home):
    return home / "state" / "iloshell" / "stage"


def good(value: str) -> dict:
    return {
        "uri": "/redfish/v1/Systems/1",
        "pointer": ["AssetTag"],
        "display": "/Systems/1/AssetTag",
        "value": value,
        "session": "earlier",
    }


def test_one_bad_entry_is_set_aside_and_the_good_ones_kept(sim, tmp_path):
    assert iloshell(sim, tmp_path, "-c", "set /Systems/1/AssetTag=first").returncode == 0
    (path,) = stage_folder(tmp_path).glob("*.json")
    copies = []
    for damage in ({"uri": "/redfish/v1/Systems/1", "pointer": 5}, {"pointer": ["x"]}):
        document = json.loads(path.read_text())
        document["changes"] += [damage, good("second")]
        path.write_text(json.dumps(document))
        result = iloshell(sim, tmp_path, "-c", "status")
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
        (line,) = [x for x in result.stderr.splitlines() if "set aside" in x]
        assert line.startswith("warning: 1 damaged staged change set aside in ")
        assert "entry " in line and ("pointer must be" in line or "uri must be" in line)
        copy = line.split(" set aside in ")[1].split(" (")[0]
        copies.append(copy)
        assert json.loads(Path(copy).read_text())["changes"] == [damage]
        kept = json.loads(path.read_text())["changes"]
        assert damage not in kept and len(kept) == len(document["changes"]) - 1
        assert "staged by an earlier session" in result.stderr  # the good ones are there
    assert copies[0] != copies[1]  # the second damage did not overwrite the first copy
    assert all(Path(c).read_text() for c in copies)


def test_a_file_that_is_no_stage_is_moved_aside_with_a_warning(tmp_path):
    store = StageStore("svc", tmp_path)
    contents = [b"{not json", b"[1, 2]", b'{"changes": "\xff\xfe"}']
    for data in contents:
        store.path.write_bytes(data)
        assert len(store.load()) == 0
        assert not store.path.exists()
        (notice,) = store.notices
        store.notices.clear()
        assert "is not a stage file; moved it to" in notice
    copies = sorted(tmp_path.glob("svc.damaged-*.json"), key=lambda p: p.stat().st_mtime_ns)
    assert sorted(p.read_bytes() for p in copies) == sorted(contents)  # byte for byte


@pytest.mark.parametrize(
    "broken", ["stage-file-is-a-folder", "lock-is-a-folder", "state-is-a-file"]
)
def test_a_broken_stage_path_is_one_line(sim, tmp_path, broken):
    folder = stage_folder(tmp_path)
    if broken == "state-is-a-file":
        folder.parent.parent.mkdir(parents=True)
        folder.parent.write_text("not a folder")
    else:
        folder.mkdir(parents=True)
        uuid = sim.store.get("/redfish/v1/")["UUID"]
        suffix = ".json" if broken == "stage-file-is-a-folder" else ".lock"
        (folder / f"{uuid}{suffix}").mkdir()
    result = iloshell(sim, tmp_path, "-c", "set /Systems/1/AssetTag=x")
    assert "Traceback" not in result.stderr
    assert result.returncode == 1, result.stderr
    lines = result.stderr.splitlines()
    assert lines[0].startswith("warning: cannot ") and "stay in this session only" in lines[0]
    assert lines[1].startswith("-c:1: cannot ")
    assert lines[2].startswith("error: 1 staged change not committed, and not kept on disk")
    assert len(lines) == 3, lines


def test_dangling_symlinks_and_folders_for_history_and_cache(sim, tmp_path):
    state = tmp_path / "state" / "iloshell"
    state.mkdir(parents=True)
    (state / "stage").symlink_to(tmp_path / "nowhere" / "stage")
    (state / "history").mkdir()
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / "iloshell").write_text("a file where the cache folder goes")
    result = iloshell(sim, tmp_path, "-c", "explain /Systems/1/AssetTag; status")
    assert "Traceback" not in result.stderr
    assert result.returncode in (0, 1), result.stderr
    assert len([x for x in result.stderr.splitlines() if x]) <= 2, result.stderr
