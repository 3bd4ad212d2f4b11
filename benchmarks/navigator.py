"""Navigator figures (issue #3 and #7): start-up, a full crawl at 20 ms latency, peak memory,
and the requests a typical session sends. Prints each figure beside its baseline.

    python benchmarks/navigator.py [--quick]

Runs the real `iloshell` program against a real simulator (in this process, on a free port).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from iloshell.sim.testing import simulate

DL325 = Path(__file__).resolve().parents[1].parent / "shared/mockups/hpe-ilo5-dl325-gen10plus"
CLI = [sys.executable, "-m", "iloshell.frontends.cli"]


def timed(cmd: list[str], env: dict[str, str] | None = None, runs: int = 7) -> float:
    """Median wall time of a whole process."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def login(sim) -> list[str]:
    return [sim.url, "-u", sim.user, "-p", sim.password]


def startup() -> None:
    with simulate() as sim:
        base = timed([sys.executable, "-c", "pass"])
        shell = timed([*CLI, *login(sim), "-c", "pwd"])
    print(
        f"startup: iloshell URL -c pwd {shell:.3f} s (median of 7); python -c pass {base:.3f} s;"
        f" target <= 0.35 s"
    )


def crawl(workers_list: list[int]) -> None:
    with simulate(mockup=str(DL325), latency_ms=20) as sim:
        for workers in workers_list:
            before = sim.stats()["requests"].get("GET", 0)
            start = time.perf_counter()
            result = subprocess.run(
                [*CLI, *login(sim), "--workers", str(workers), "-c", "find /"],
                check=True,
                capture_output=True,
                text=True,
            )
            wall = time.perf_counter() - start
            gets = sim.stats()["requests"].get("GET", 0) - before
            count = len(result.stdout.split())
            ideal = count * 0.020 / workers  # the yardstick: resources, not requests
            print(
                f"find / (DL325, 20 ms latency) workers={workers:>2}: {wall:6.2f} s for {count} "
                f"resources ({gets} GETs); resources x 20 ms / workers = {ideal:5.2f} s; "
                f"ratio {wall / ideal:.2f} (target <= 1.5)"
            )
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(
            f"peak memory of the largest iloshell process above: {peak:.0f} MB (target <= 120 MB)"
        )


def typical_session() -> None:
    script = "cd Systems/1; cat; set AssetTag=bench-$1; commit -y; exit"
    with tempfile.TemporaryDirectory() as home, simulate() as sim:
        env = {**os.environ, "XDG_CACHE_HOME": home + "/cache", "XDG_STATE_HOME": home + "/s"}
        for label in ("cold schema cache", "warm schema cache"):
            before = sim.stats()["requests"]
            subprocess.run(
                [*CLI, *login(sim), "-c", script, label[:4]],
                check=True,
                capture_output=True,
                env=env,
            )
            after = sim.stats()["requests"]
            sent = {m: after.get(m, 0) - before.get(m, 0) for m in after}
            total = sum(sent.values())
            detail = ", ".join(f"{m} {n}" for m, n in sorted(sent.items()) if n)
            print(f"typical session ({label}): {total} requests ({detail}); target <= 10")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="skip the serial crawl")
    quick = parser.parse_args().quick
    startup()
    typical_session()
    crawl([8, 16] if quick else [1, 2, 4, 8, 16])


if __name__ == "__main__":
    main()
