"""A fleet: one script over many simulated iLOs (issue #14's figures).

    python benchmarks/fleet.py [--hosts 1000] [--latency-ms 20] [--ansible 100]

Starts ``iloshell-sim --fleet N --tls --latency-ms 20`` (one process), then measures, as a
user runs them:

* set a BIOS attribute and commit it on every iLO (commit reads each settings object back:
  the verify), ``iloshell --hosts FILE -k -y``: wall time, the shell's peak memory, requests
  per host (counted by each simulated iLO);
* a ``--gather`` read of one property on every iLO;
* the baseline of the same run: what users do today, a loop of one ``iloshell URL -c``
  process per host, timed on 10 hosts and scaled to N;
* the simulator's own start time and memory;
* with ``ansible-playbook`` installed (``--ansible N``, default 100; 0 leaves it out): the
  iloshell Ansible module on N/5 and N of the iLOs, each run twice (the second run finds the
  BIOS change pending), beside ``community.general.redfish_config`` ``SetBiosAttributes`` on
  the same iLOs when that collection is installed (``pip install ansible`` brings it), all at
  ``forks=20``.

Prints one line per figure (``|| baseline: ...`` and ``|| target: ...`` parts, as
benchmarks/report.py reads them) and exits 1 when a target is missed (<= 60 s and <= 1 GB for
the change, <= 10 requests per host, <= 20 s for the gathered read).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import ssl
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

ATTRIBUTE = "/Systems/1/Bios/Attributes/WorkloadProfile"
VALUE = "Virtualization-MaxPerformance"
TARGET_WALL, TARGET_MEMORY_MB, TARGET_REQUESTS, TARGET_GATHER = 60.0, 1024, 10, 20.0
TARGET_SIM_MB = 1536
LOGIN = {"ILO_USER": "admin", "ILO_PASSWORD": "password"}
HERE = Path(__file__).resolve().parent


def start_fleet(count: int, latency_ms: int, hosts_out: Path) -> tuple[subprocess.Popen, float]:
    start = time.perf_counter()
    process = subprocess.Popen(
        [
            *(sys.executable, "-m", "iloshell.sim", "--fleet", str(count), "--tls"),
            *("--latency-ms", str(latency_ms), "--hosts-out", str(hosts_out)),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    while "wrote the host list" not in process.stdout.readline():
        if process.poll() is not None:
            raise SystemExit("the fleet simulator did not start")
    return process, time.perf_counter() - start


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def timed_shell(
    args: list[str], env: dict[str, str], folder: str
) -> tuple[float, float, subprocess.CompletedProcess]:
    """(wall seconds, peak RSS in MB, the result) of one iloshell process (its own rusage)."""
    out_path, err_path = Path(folder) / "out.txt", Path(folder) / "err.txt"
    with out_path.open("w") as out, err_path.open("w") as err:
        start = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "iloshell.frontends.cli", *args], stdout=out, stderr=err, env=env
        )
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    result = subprocess.CompletedProcess(
        args, process.returncode, out_path.read_text(), err_path.read_text()
    )
    return wall, usage.ru_maxrss / 1024, result


def requests_per_host(urls: list[str]) -> list[int]:
    """Every simulated iLO's request count (its /__sim__/stats, which counts itself out).
    One unverified SSL context for all: a context per connection would cost more CPU than
    the figures measured."""
    context = ssl._create_unverified_context()

    def count(url: str) -> int:
        parts = urlsplit(url)
        conn = http.client.HTTPSConnection(parts.hostname, parts.port, timeout=30, context=context)
        try:
            conn.request("GET", "/__sim__/stats")
            stats = json.loads(conn.getresponse().read())
        finally:
            conn.close()
        return sum(stats["requests"].values())

    with ThreadPoolExecutor(8) as pool:
        return list(pool.map(count, urls))


def loop_baseline(urls: list[str], env: dict[str, str], script: str) -> float:
    """Seconds per host for today's way: one iloshell process per host, one after another."""
    start = time.perf_counter()
    for url in urls:
        subprocess.run(
            [sys.executable, "-m", "iloshell.frontends.cli", url, "-k", "-y", "-c", script],
            capture_output=True,
            env=env,
            check=False,
        )
    return (time.perf_counter() - start) / len(urls)


COMMUNITY = """
- hosts: ilos
  gather_facts: false
  tasks:
    - community.general.redfish_config:
        category: Systems
        command: SetBiosAttributes
        bios_attributes: {{WorkloadProfile: {value}}}
        baseuri: "{{{{ ilo_address }}}}"
        username: admin
        password: password
        validate_certs: false
"""
OURS = """
- hosts: ilos
  gather_facts: false
  tasks:
    - iloshell.redfish.iloshell:
        url: "{{{{ ilo_url }}}}"
        username: admin
        password: password
        validate_certs: false
        settings:
          /Systems/1/Bios/Attributes/WorkloadProfile: {value}
"""


def ansible_playbook(
    urls: list[str], text: str, folder: str, env: dict[str, str]
) -> tuple[float, int, int]:
    """(wall seconds, hosts changed, hosts failed) of one ansible-playbook run at forks=20."""
    inventory, book = Path(folder) / "inventory.ini", Path(folder) / "play.yml"
    hosts = [f"ilo-{i} ilo_url={u} ilo_address={urlsplit(u).netloc}" for i, u in enumerate(urls)]
    inventory.write_text(
        "[ilos]\n" + "\n".join(hosts) + "\n[ilos:vars]\nansible_connection=local\n"
        f"ansible_python_interpreter={sys.executable}\n"
    )
    book.write_text(text)
    start = time.perf_counter()
    done = subprocess.run(
        ["ansible-playbook", "-f", "20", "-i", str(inventory), str(book)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    wall = time.perf_counter() - start
    recap = done.stdout[done.stdout.rfind("PLAY RECAP") :]
    return wall, recap.count("changed=1"), recap.count("failed=1")


def ansible_figures(urls: list[str], folder: str, env: dict[str, str]) -> None:
    """Our module beside community.general.redfish_config on the same iLOs, at two sizes."""
    env = {
        **env,
        "ANSIBLE_COLLECTIONS_PATH": str(HERE.parent / "iloshell"),
        "ANSIBLE_HOME": str(Path(folder) / "ansible-home"),
        "LC_ALL": "C.UTF-8",
    }
    community = subprocess.run(
        ["ansible-doc", "-l", "community.general"], capture_output=True, text=True, env=env
    )
    has_community = "redfish_config" in community.stdout
    sizes = ((len(urls) // 5, "GeneralPeakFrequencyCompute", "LowLatency"),)
    sizes += ((len(urls), "GeneralThroughputCompute", "MissionCritical"),)
    for count, value, other in sizes:  # each size sets new values, so every host changes
        hosts = urls[:count]
        ours = ansible_playbook(hosts, OURS.format(value=value), folder, env)
        again = ansible_playbook(hosts, OURS.format(value=value), folder, env)
        line = (
            f"ansible-playbook forks=20, {count} iLOs, iloshell.redfish.iloshell: "
            f"{ours[0]:.1f} s ({ours[0] / count:.2f} s per host), changed {ours[1]}, "
            f"failed {ours[2]}; again while pending: changed {again[1]}"
        )
        if has_community:
            theirs = ansible_playbook(hosts, COMMUNITY.format(value=other), folder, env)
            twice = ansible_playbook(hosts, COMMUNITY.format(value=other), folder, env)
            line += (
                f" || baseline: community.general.redfish_config SetBiosAttributes: "
                f"{theirs[0]:.1f} s ({theirs[0] / count:.2f} s per host), changed {theirs[1]}, "
                f"failed {theirs[2]}; again while pending: changed {twice[1]}"
            )
        else:
            line += " || baseline: community.general not installed (pip install ansible brings it)"
        print(line, flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hosts", type=int, default=1000)
    parser.add_argument("--latency-ms", type=int, default=20)
    parser.add_argument(
        "--ansible",
        type=int,
        default=100,
        metavar="N",
        help="compare the Ansible modules on N of the iLOs (0: not)",
    )
    opts = parser.parse_args()
    missed = False
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, **LOGIN, "XDG_CACHE_HOME": folder, "XDG_STATE_HOME": folder}
        hosts = Path(folder) / "hosts.txt"
        sim, started = start_fleet(opts.hosts, opts.latency_ms, hosts)
        try:
            urls = hosts.read_text().split()
            print(
                f"simulator: {opts.hosts} iLOs, one process, TLS: start {started:.1f} s, "
                f"memory after start {peak_rss_mb(sim.pid):.0f} MB"
            )
            script = f"set {ATTRIBUTE}={VALUE}; commit"
            before = requests_per_host(urls)
            wall, memory, result = timed_shell(
                ["--hosts", str(hosts), "-k", "-y", "--gather", "-c", script], env, folder
            )
            after = requests_per_host(urls)
            counts = [b - a for a, b in zip(before, after, strict=True)]
            summary = result.stderr.strip().splitlines()
            ok = result.returncode == 0 and f"{opts.hosts} pending" in result.stderr
            print(f"change summary: {next((s for s in summary if s.startswith('summary:')), '?')}")
            sample = urls[:10]
            per_host = loop_baseline(sample, env, f"set {ATTRIBUTE}=Custom; commit")
            good = ok and wall <= TARGET_WALL and memory <= TARGET_MEMORY_MB
            missed |= not good
            print(
                f"set + commit + verify on {opts.hosts} iLOs (TLS, {opts.latency_ms} ms), "
                f"--hosts: {wall:.1f} s, peak memory {memory:.0f} MB"
                f" || baseline: a loop of one iloshell per host (10 timed, scaled): "
                f"{per_host * opts.hosts:.0f} s ({per_host:.2f} s per host)"
                f" || target: <= {TARGET_WALL:.0f} s, <= {TARGET_MEMORY_MB} MB "
                f"({'met' if good else 'MISSED'})"
            )
            requests_ok = statistics.median(counts) <= TARGET_REQUESTS
            missed |= not requests_ok
            print(
                f"requests per host: median {statistics.median(counts):.0f}, max {max(counts)}, "
                f"total {sum(counts)} (the first host of the run also reads the schemas and "
                f"registries for all) || target: <= {TARGET_REQUESTS} "
                f"({'met' if requests_ok else 'MISSED'})"
            )
            wall, memory, result = timed_shell(
                ["--hosts", str(hosts), "-k", "--gather", "-c", f"get {ATTRIBUTE}"], env, folder
            )
            gather_ok = result.returncode == 0 and wall <= TARGET_GATHER
            missed |= not gather_ok
            print(
                f"--gather read of one property on {opts.hosts} iLOs: {wall:.1f} s, peak memory "
                f"{memory:.0f} MB "
                f"|| target: <= {TARGET_GATHER:.0f} s ({'met' if gather_ok else 'MISSED'})"
            )
            sim_peak = peak_rss_mb(sim.pid)
            sim_ok = sim_peak <= TARGET_SIM_MB
            missed |= not sim_ok
            print(
                f"simulator peak memory after the {opts.hosts}-iLO runs: {sim_peak:.0f} MB "
                f"|| target: <= {TARGET_SIM_MB} MB ({'met' if sim_ok else 'MISSED'})"
            )
            if opts.ansible and shutil.which("ansible-playbook"):
                ansible_figures(urls[: opts.ansible], folder, env)
            elif opts.ansible:
                print("ansible: ansible-playbook not installed (pip install ansible-core)")
        finally:
            sim.terminate()
            sim.wait(30)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
