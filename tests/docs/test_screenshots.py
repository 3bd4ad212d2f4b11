"""The terminal pictures in docs/img still show what the shell draws: each scene of
scripts/screenshots.py runs again in a pseudo-terminal and its screen must read as the
committed SVG does (regenerate them with ``python scripts/screenshots.py``)."""

from __future__ import annotations

import importlib.util
import re
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.shell.harness import Shell

pytest.importorskip("pyte")
ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("screenshots", ROOT / "scripts" / "screenshots.py")
assert spec is not None and spec.loader is not None
screenshots = importlib.util.module_from_spec(spec)
sys.modules["screenshots"] = screenshots  # its dataclasses look their module up there
spec.loader.exec_module(screenshots)


def test_every_picture_matches_a_fresh_run_of_its_scene(tmp_path):
    with ThreadPoolExecutor(4) as pool:
        shot = dict(
            zip(
                [s.name for s in screenshots.SCENES],
                pool.map(lambda s: screenshots.shoot(s, tmp_path / s.name), screenshots.SCENES),
                strict=True,
            )
        )
    for name, rows in shot.items():
        committed = (ROOT / "docs" / "img" / f"{name}.svg").read_text(encoding="utf-8")
        assert screenshots.text_of_svg(committed) == screenshots.screen_text(rows), (
            f"docs/img/{name}.svg is out of date: run python scripts/screenshots.py"
        )


def test_the_graph_picture_draws_what_graph_prints():
    from iloshell.sim.testing import simulate

    with simulate() as sim:
        shell = Shell(sim.url, sim.user, sim.password)
        dot = shell.ok("graph -L 1 /Systems/1")
        shell.close()
    picture = (ROOT / "docs" / "img" / "graph.svg").read_text(encoding="utf-8")
    labels = re.findall(r'label="([^"]*)"', dot)
    assert len(labels) > 5
    for label in labels:
        for line in label.split("\\n"):
            assert f">{line}<" in picture, f"{line!r} is not in docs/img/graph.svg"


def test_the_docs_show_the_pictures():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    tutorial = (ROOT / "docs" / "tutorial.md").read_text(encoding="utf-8")
    shown = set(re.findall(r"\(((?:docs/)?img/\w+\.svg)\)", readme + tutorial))
    names = {Path(p).stem for p in shown}
    assert names == {s.name for s in screenshots.SCENES} | {"graph"}
    for path in shown:
        assert (ROOT / (path if path.startswith("docs/") else f"docs/{path}")).exists()
