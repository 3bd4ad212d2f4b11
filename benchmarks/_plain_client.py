"""The baseline client of navigator.py: plain ``requests`` GETs of a list of URIs, each once.

    BENCH_PASSWORD=... python benchmarks/_plain_client.py URL USER WORKERS < uris

Logs in as the shell does (a session, X-Auth-Token), GETs every URI read from stdin once on
WORKERS threads (one ``requests.Session`` each, keep-alive), parses each body as JSON, logs
out. No ``$expand`` and no cache: what any client that reads each resource with its own GET
costs. The URIs are given, so finding them is free here; a client that walks the links to
find them is at best this fast. Prints ``FAILED`` (non-200 answers) on stdout.

Not a benchmark of its own: report.py skips scripts whose name starts with ``_``.
"""

from __future__ import annotations

import os
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urljoin

import requests

SESSIONS = "/redfish/v1/SessionService/Sessions/"
TIMEOUT = 30


def login(url: str, user: str, password: str) -> tuple[str, str]:
    """(token, session URI) of a new session."""
    response = requests.post(
        url + SESSIONS, json={"UserName": user, "Password": password}, timeout=TIMEOUT
    )
    response.raise_for_status()
    return response.headers["X-Auth-Token"], urljoin(url, response.headers["Location"])


def fetch_all(url: str, token: str, uris: list[str], workers: int) -> int:
    """GET each URI once on ``workers`` threads; the number of answers that were not 200."""
    local = threading.local()

    def get(uri: str) -> int:
        session = getattr(local, "session", None)
        if session is None:
            session = local.session = requests.Session()
            session.trust_env = False
            session.headers["X-Auth-Token"] = token
        response = session.get(url + uri, timeout=TIMEOUT)
        if response.status_code == 200:
            response.json()  # a client reads what it fetched
        return response.status_code

    with ThreadPoolExecutor(workers) as pool:
        return sum(status != 200 for status in pool.map(get, uris))


def main() -> int:
    url, user, workers = sys.argv[1], sys.argv[2], int(sys.argv[3])
    uris = sys.stdin.read().split()
    token, session = login(url, user, os.environ["BENCH_PASSWORD"])
    try:
        failed = fetch_all(url, token, uris, workers)
    finally:
        requests.delete(session, headers={"X-Auth-Token": token}, timeout=TIMEOUT)
    print(failed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
