"""What ``iloshell URL -c pwd`` imports: not the schema model (its package imports its
modules on first use), not prompt-toolkit, not pygments
(docs/performance.md: start-up is mostly imports, and these are the heavy optional ones)."""

from __future__ import annotations

import json
import subprocess
import sys

from iloshell.sim.testing import simulate

PROBE = """
import json, runpy, sys
sys.argv = ["iloshell", *sys.argv[1:]]
try:
    runpy.run_module("iloshell.frontends.cli", run_name="__main__")
except SystemExit as leave:
    code = leave.code
heavy = ("iloshell.model.", "iloshell.commands.explain", "prompt_toolkit", "pygments")
light = ("iloshell.model.patch",)  # Redfish PATCH rules: a few lines, no schemas
print(json.dumps([code, sorted(m for m in sys.modules if m.startswith(heavy) and m not in light)]))
"""


def heavy_imports_of_a_one_liner(sim, cwd) -> list[str]:
    """The heavy modules ``iloshell URL -c pwd`` loaded (it must also succeed)."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, sim.url, "-u", sim.user, "-p", sim.password, "-c", "pwd"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=cwd,
    )
    code, heavy = json.loads(done.stdout.splitlines()[-1])
    assert code == 0, done.stderr
    return heavy


def test_a_one_liner_imports_only_what_it_needs(tmp_path):
    with simulate() as sim:
        heavy = heavy_imports_of_a_one_liner(sim, tmp_path)
    assert heavy == [], heavy
