"""How fast iloshell-sim answers: sequential GETs on one keep-alive connection, and latency
that must not serialize parallel requests.

    python benchmarks/sim_throughput.py [--requests N]

Prints one line per figure, with the baseline measured beside it, and exits 1 if a target is
missed (>= 500 GET/s sequential; 8 parallel GETs at --latency-ms 200 in < 0.5 s). Figures go
in docs/simulator.md and docs/performance.md.
"""

from __future__ import annotations

import argparse
import http.client
import json
import sys
import threading
import time
from urllib.parse import urlsplit

import requests

from iloshell.sim.testing import simulate

TARGET_RATE = 500.0
TARGET_PARALLEL = 0.5
RESOURCE = "/redfish/v1/Systems/1"


def _login(sim) -> str:
    response = requests.post(
        sim.url + "/redfish/v1/SessionService/Sessions/",
        json={"UserName": sim.user, "Password": sim.password},
        timeout=5,
    )
    response.raise_for_status()
    return response.headers["X-Auth-Token"]


def sequential_http_client(sim, token: str, count: int) -> float:
    """GETs per second over one http.client connection (the server's own cost)."""
    parts = urlsplit(sim.url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    start = time.perf_counter()
    for _ in range(count):
        conn.request("GET", RESOURCE, headers={"X-Auth-Token": token})
        response = conn.getresponse()
        response.read()
        assert response.status == 200
    elapsed = time.perf_counter() - start
    conn.close()
    return count / elapsed


def sequential_requests(sim, token: str, count: int, basic: bool = False) -> float:
    """GETs per second through a requests.Session (what the shell's transport uses)."""
    session = requests.Session()
    session.trust_env = False
    if basic:
        session.auth = (sim.user, sim.password)
    else:
        session.headers["X-Auth-Token"] = token
    start = time.perf_counter()
    for _ in range(count):
        response = session.get(sim.url + RESOURCE, timeout=10)
        assert response.status_code == 200
    elapsed = time.perf_counter() - start
    session.close()
    return count / elapsed


def parallel_with_latency(workers: int = 8, latency_ms: int = 200) -> float:
    """Seconds for ``workers`` simultaneous GETs, each delayed ``latency_ms`` by the server."""
    with simulate(latency_ms=latency_ms) as sim:
        barrier = threading.Barrier(workers + 1)
        statuses: list[int] = []

        def fetch() -> None:
            parts = urlsplit(sim.url)
            conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
            conn.connect()
            barrier.wait()
            conn.request("GET", "/redfish/v1/")
            response = conn.getresponse()
            response.read()
            statuses.append(response.status)
            conn.close()

        threads = [threading.Thread(target=fetch) for _ in range(workers)]
        for thread in threads:
            thread.start()
        barrier.wait()
        start = time.perf_counter()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - start
    assert statuses == [200] * workers, statuses
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000, help="sequential GETs per figure")
    count = parser.parse_args().requests
    start = time.perf_counter()
    with simulate() as sim:
        started = time.perf_counter() - start
        token = _login(sim)
        raw = sequential_http_client(sim, token, count)
        via_requests = sequential_requests(sim, token, count)
        via_basic = sequential_requests(sim, token, count, basic=True)
        stats = sim.stats()
    parallel, single = parallel_with_latency(), parallel_with_latency(workers=1)
    rate_ok, parallel_ok = min(raw, via_requests) >= TARGET_RATE, parallel < TARGET_PARALLEL
    print(f"in-process start, built-in data: {started:.3f} s")
    print(
        f"sequential GET {RESOURCE}, requests.Session keep-alive, X-Auth-Token:"
        f" {via_requests:.0f}/s"
        f" || http.client keep-alive, X-Auth-Token: {raw:.0f}/s"
        f" || target: >= {TARGET_RATE:.0f}/s for both ({'met' if rate_ok else 'MISSED'})"
    )
    print(f"sequential GET, requests.Session keep-alive, HTTP Basic: {via_basic:.0f}/s")
    print(
        f"8 parallel GETs with --latency-ms 200, total: {parallel:.3f} s"
        f" || one GET at the same latency: {single:.3f} s"
        f" || target: < {TARGET_PARALLEL} s ({'met' if parallel_ok else 'MISSED'})"
    )
    print(f"requests counted by the simulator: {json.dumps(stats['requests'])}")
    return 0 if rate_ok and parallel_ok else 1


if __name__ == "__main__":
    sys.exit(main())
