"""Navigator figures (issues #3 and #7): start-up, a full crawl at 20 ms latency, peak memory
and the requests a typical session sends, each beside a baseline measured in the same run.

    python benchmarks/navigator.py [--quick]

Runs the real `iloshell` program against a real simulator (in this process, on a free port).
The baselines: ``python -c pass`` and ``python -c "import requests"`` for start-up and
memory; for the crawl, ``_plain_client.py`` (plain ``requests``, one GET per resource, as
many threads as the shell has workers) over the same URIs on the same simulator; for the
typical session, that plain client reading every resource of the built-in service once, as
a client that loads the whole tree at login does. Figure lines are
``label: value || baseline: value || target: ...`` (report.py makes table rows of them).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from iloshell.sim.testing import simulate

HERE = Path(__file__).resolve().parent
CLI = [sys.executable, "-m", "iloshell.frontends.cli"]
GNU_TIME = shutil.which("time") or "/usr/bin/time"  # the program, not the shell keyword
PLAIN = [sys.executable, str(HERE / "_plain_client.py")]
PASS = [sys.executable, "-c", "pass"]
IMPORT_REQUESTS = [sys.executable, "-c", "import requests"]
SESSIONS = "/redfish/v1/SessionService/Sessions"
LATENCY_MS = 20
STARTUP_RUNS = 7


@dataclass
class Measured:
    """One whole process: wall time, stdout and peak resident memory."""

    seconds: float
    out: str
    peak_mb: float


def measure(cmd: list[str], env: dict[str, str], stdin: str | None = None) -> Measured:
    """Run ``cmd`` to its end under GNU time for its peak RSS. Not ``os.wait4``/getrusage:
    Linux counts a child's memory before its exec, and a child forked from this process
    (simulator and mockup loaded) would report this process's size instead of its own."""
    with tempfile.NamedTemporaryFile("r") as peak:
        start = time.perf_counter()
        done = subprocess.run(
            [GNU_TIME, "-f", "%M", "-o", peak.name, *cmd],
            input=stdin,
            stdin=None if stdin is not None else subprocess.DEVNULL,
            capture_output=True,
            text=True,
            env=env,
        )
        seconds = time.perf_counter() - start
        if done.returncode:
            raise SystemExit(f"{' '.join(cmd[:4])}... exited {done.returncode}: {done.stderr}")
        return Measured(seconds, done.stdout, int(peak.read().split()[-1]) / 1024)


def median_seconds(cmd: list[str], env: dict[str, str]) -> float:
    return statistics.median(measure(cmd, env).seconds for _ in range(STARTUP_RUNS))


def isolated(home: str, password: str = "") -> dict[str, str]:
    """The environment of every process: its own config, cache and state folders, so no
    stage or schema cache of the machine's user changes what is measured."""
    env = {**os.environ, "BENCH_PASSWORD": password}
    for name in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env[name] = f"{home}/{name.lower()}"
    return env


def login(sim) -> list[str]:
    return [sim.url, "-u", sim.user, "-p", sim.password]


def counted(
    sim, cmd: list[str], env: dict[str, str], stdin: str | None = None
) -> tuple[Measured, dict[str, int]]:
    """What :func:`measure` measured, and the requests sent by method (the simulator's count)."""
    before = sim.stats()["requests"]
    done = measure(cmd, env, stdin)
    after = sim.stats()["requests"]
    return done, {m: n - before.get(m, 0) for m, n in after.items() if n - before.get(m, 0)}


def listed(sim, env: dict[str, str]) -> list[str]:
    """The URIs `find /` reaches, in the order it prints them, less the listing shell's own
    session (deleted when it exits; sessions in the data itself stay)."""
    found = measure([*CLI, *login(sim), "--json", "-c", "find /"], env)
    uris = [row["uri"] for row in json.loads(found.out)]
    return [uri for uri in uris if uri in sim.store or not uri.startswith(SESSIONS + "/")]


def plain(
    sim, env: dict[str, str], uris: list[str], workers: int
) -> tuple[Measured, dict[str, int]]:
    """The baseline client over ``uris``: what it measured and the requests it sent."""
    done, sent = counted(sim, [*PLAIN, sim.url, sim.user, str(workers)], env, "\n".join(uris))
    if int(done.out):
        raise SystemExit(f"the plain client had {done.out.strip()} failed GETs")
    return done, sent


def met(ok: bool) -> str:
    return "met" if ok else "MISSED"


def total(sent: dict[str, int]) -> str:
    detail = ", ".join(f"{m} {n}" for m, n in sorted(sent.items()))
    return f"{sum(sent.values())} requests ({detail})"


def startup(env: dict[str, str]) -> bool:
    with simulate() as sim:
        shell = median_seconds([*CLI, *login(sim), "-c", "pwd"], env)
        base = median_seconds(PASS, env)
        stack = median_seconds(IMPORT_REQUESTS, env)
    print(
        f"start-up, iloshell URL -c pwd, whole process (median of {STARTUP_RUNS}): {shell:.3f} s"
        f" || python -c pass: {base:.3f} s || python -c 'import requests': {stack:.3f} s"
        f" || target: <= 0.35 s ({met(shell <= 0.35)})"
    )
    return shell <= 0.35


def typical_session(env: dict[str, str]) -> bool:
    """The issue's session, cold then warm schema cache, beside a read-everything client."""
    script = "cd Systems/1; cat; set AssetTag=bench-$1; commit -y; exit"
    lines = []
    with simulate() as sim:
        env = {**env, "BENCH_PASSWORD": sim.password}
        for label in ("cold schema cache", "warm schema cache"):
            _, sent = counted(sim, [*CLI, *login(sim), "-c", script, label[:4]], env)
            lines.append((label, sent))
        uris = listed(sim, env)
        _, everything = plain(sim, env, uris, workers=1)
    for label, sent in lines:
        print(
            f"typical session requests, {label}: {total(sent)}"
            f" || plain client reading every resource once (built-in service): "
            f"{total(everything)} || target: <= 10 ({met(sum(sent.values()) <= 10)})"
        )
    return all(sum(sent.values()) <= 10 for _, sent in lines)


def crawl(env: dict[str, str], workers_list: list[int]) -> bool:
    """`find /` beside the plain client at each worker count, then the peak memories."""
    shell_peak = plain_peak = 0.0
    ok = True
    sys.path.insert(0, str(HERE.parent))  # the tests' data: the mockups the clone carries
    from tests.conftest import DL325

    with simulate(mockup=str(DL325), latency_ms=LATENCY_MS) as sim:
        env = {**env, "BENCH_PASSWORD": sim.password}
        uris = listed(sim, env)  # also warms the server and the schema cache for every run
        for workers in workers_list:
            command = [*CLI, *login(sim), "--workers", str(workers), "-c", "find /"]
            shell, sent = counted(sim, command, env)
            base, base_sent = plain(sim, env, uris, workers)
            found = len(shell.out.splitlines())
            limit = 1.5 * found * LATENCY_MS / 1000 / workers
            ok = ok and shell.seconds <= limit
            shell_peak, plain_peak = max(shell_peak, shell.peak_mb), max(plain_peak, base.peak_mb)
            print(
                f"find / DL325 at {LATENCY_MS} ms, iloshell --workers {workers}: "
                f"{shell.seconds:.2f} s, {sent.get('GET', 0)} GETs, {found} resources, "
                f"{shell.seconds / base.seconds:.2f} x the plain client's time"
                f" || plain requests, one GET per resource, {workers} thread(s): "
                f"{base.seconds:.2f} s, {base_sent.get('GET', 0)} GETs"
                f" || target: <= 1.5 x resources x {LATENCY_MS} ms / workers (issue #3, computed)"
                f" = {limit:.2f} s ({met(shell.seconds <= limit)})"
            )
    bare, stack = measure(PASS, env).peak_mb, measure(IMPORT_REQUESTS, env).peak_mb
    print(
        f"peak memory, iloshell find / of DL325 (largest of the crawls above): {shell_peak:.0f} MB"
        f" || python -c pass: {bare:.0f} MB || python -c 'import requests': {stack:.0f} MB"
        f" || plain requests client, same crawls (largest): {plain_peak:.0f} MB"
        f" || target: <= 120 MB ({met(shell_peak <= 120)})"
    )
    return ok and shell_peak <= 120


def main() -> int:
    """Exit code 1 when a target is missed (report.py shows each script's)."""
    sys.stdout.reconfigure(line_buffering=True)  # figures appear as they are measured
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="crawl at 8 and 16 workers only")
    quick = parser.parse_args().quick
    with tempfile.TemporaryDirectory() as home:
        env = isolated(home)
        results = [startup(env)]
        with tempfile.TemporaryDirectory() as fresh:  # cold means cold
            results.append(typical_session(isolated(fresh)))
        results.append(crawl(env, [8, 16] if quick else [1, 2, 4, 8, 16]))
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
