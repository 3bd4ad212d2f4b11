"""Completion figures (issue #5): how long one Tab takes on resources already cached.

    python benchmarks/completion.py [--mockup DIR] [--runs N]

Logs in to a real simulator (in this process; the built-in data, or a mockup folder), reads
the resources each case needs, lets the schemas and attribute registries load in the
background as they do in the shell, then times the completion engine on each line. The
budget is 30 ms per Tab; the exit code is 1 when a case goes over it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time

from iloshell.commands.context import Context, Output
from iloshell.commands.session import open_connection
from iloshell.frontends.completion import Engine, LiveSource
from iloshell.graph.crawl import crawl
from iloshell.sim.testing import simulate

BUDGET_MS = 30.0

# (where the shell is, the line typed before Tab)
CASES = [
    ("/", "c"),
    ("/", "cd Sy"),
    ("/", "ls -"),
    ("/", "cd Systems/1/"),
    ("/", "cat /redfish/v1/Systems/1/"),
    ("/", "ls JsonSchemas/"),
    ("/Systems/1", "set "),
    ("/Systems/1", "set Boot/BootSourceOverrideTarget="),
    ("/Systems/1", "set Bios/Attributes/"),
    ("/Systems/1", "set Bios/Attributes/WorkloadProfile="),
    ("/Systems/1", "invoke Reset ResetType="),
]


def settle(engine: Engine, text: str, timeout: float = 30.0) -> None:
    """Ask until nothing more is on its way (the first Tab starts background loading)."""
    deadline = time.monotonic() + timeout
    while engine.complete(text).pending and time.monotonic() < deadline:
        time.sleep(0.02)


def measure(engine: Engine, text: str, runs: int) -> tuple[list[float], int]:
    times = []
    count = 0
    for _ in range(runs):
        start = time.perf_counter()
        count = len(engine.complete(text).items)
        times.append((time.perf_counter() - start) * 1000)
    return times, count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mockup", help="serve this DMTF mockup folder instead")
    parser.add_argument("--runs", type=int, default=200, help="completions timed per case")
    opts = parser.parse_args()
    with tempfile.TemporaryDirectory() as state, simulate(mockup=opts.mockup) as sim:
        os.environ["XDG_STATE_HOME"] = os.environ["XDG_CACHE_HOME"] = state
        ctx = Context(output=Output(sys.stdout, sys.stderr))
        open_connection(ctx, sim.url, sim.user, sim.password)
        conn = ctx.conn
        crawled = crawl(conn.graph, conn.navigator.root(), max_depth=3)
        print(f"{sim.url}: {len(crawled.visits)} resources cached (3 links deep)")
        engine = Engine(LiveSource(ctx))
        rows = []
        for where, text in CASES:
            try:
                ctx.cwd = conn.navigator.resolve(where, ctx.cwd)
            except Exception as err:  # a mockup without this place: skip the case
                print(f"  skipped {text!r} at {where}: {err}")
                continue
            settle(engine, text)
            times, count = measure(engine, text, opts.runs)
            rows.append((where, text, count, times))
        conn.close()
    print(f"\n{'at':<11} {'line':<40} {'items':>5} {'median':>8} {'p95':>8} {'max':>8}")
    worst = 0.0
    for where, text, count, times in rows:
        times.sort()
        p95 = times[int(len(times) * 0.95) - 1]
        worst = max(worst, p95)
        print(
            f"{where:<11} {text!r:<40} {count:>5} {statistics.median(times):>6.2f}ms "
            f"{p95:>6.2f}ms {times[-1]:>6.2f}ms"
        )
    verdict = "within" if worst < BUDGET_MS else "OVER"
    print(f"\nworst p95 {worst:.2f} ms: {verdict} the {BUDGET_MS:.0f} ms budget")
    return 0 if worst < BUDGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
