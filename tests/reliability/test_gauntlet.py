"""The fault gauntlet: one realistic script, run by the real ``iloshell`` program against the
simulator under each fault it can inject, and under all of them at once.

The script connects, walks, finds, stages Boot and BIOS changes, commits, resets the system
(which applies the BIOS settings object) and reads the values back. Whatever the fault, every
run must end with: the right state on the simulator, every staged change either on the service
or still staged on disk with its reason (the script runs with ``--keep-stage``: a script's
stage is otherwise dropped, and listed, at the end of its run), the documented exit code with
one line naming the
failing script line, and no live session left (``/__sim__/stats``).

A pause in the script (``source`` of a named pipe) lets the test act between staging and
commit: a second client changes the system there, which is what makes the commit meet 412;
under session expiry the test waits there until the session has expired, so the commit must
log in again however fast the machine is.
``--workers 1`` makes the order of requests, and so which request each fault hits, the same
on every run; one all-faults run keeps the default eight workers and checks only what must
hold whatever the order. The scenarios run side by side (each with its own simulator and home)
to keep the module fast.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import requests

from iloshell.errors import EXIT_CONNECT, EXIT_OK, EXIT_SERVICE
from iloshell.redfish.walk import node_at
from iloshell.sim.testing import simulate
from tests.reliability.pause import release_pause

CLI = [sys.executable, "-m", "iloshell.frontends.cli"]
SYSTEM = "/redfish/v1/Systems/1"
BIOS = "/redfish/v1/systems/1/bios/"
BIOS_SETTINGS = "/redfish/v1/systems/1/bios/settings/"
WRITER_TAG = "changed-by-another-client"

SCRIPT = """\
# the gauntlet: a realistic session on a simulated iLO
cd /Systems/1
ls
find /Systems/1 -type '*Bios*' -maxdepth 1
get PowerState Boot/BootSourceOverrideTarget Bios/Attributes/PowerOnDelay
set Boot/BootSourceOverrideTarget=Pxe Boot/BootSourceOverrideEnabled=Once
set Bios/Attributes/PowerOnDelay=30 Bios/Attributes/AdminEmail=gauntlet@example.org
source "$1"    # a pause: here another client may change the system
status
commit -y
invoke -y Reset ResetType=ForceRestart
refresh -a
get Boot/BootSourceOverrideTarget Bios/Attributes/PowerOnDelay Bios/Attributes/AdminEmail
status
"""
LINES = SCRIPT.splitlines()


def line_of(prefix: str) -> int:
    return next(n for n, text in enumerate(LINES, 1) if text.startswith(prefix))


FIND_LINE = line_of("find ")
BOOT_LINE = line_of("set Boot/")
BIOS_LINE = line_of("set Bios/")
COMMIT_LINE = line_of("commit")
INVOKE_LINE = line_of("invoke")


@dataclass(frozen=True)
class Wanted:
    """One change the script stages: where it shows once applied, and where it waits."""

    display: str
    uri: str
    pointer: tuple[str, ...]
    value: Any
    staged_at: int  # the script line that stages it
    settings: str | None = None  # the settings object holding it until a reset


CHANGES = (
    Wanted(
        "/Systems/1/Boot/BootSourceOverrideTarget",
        SYSTEM,
        ("Boot", "BootSourceOverrideTarget"),
        "Pxe",
        BOOT_LINE,
    ),
    Wanted(
        "/Systems/1/Boot/BootSourceOverrideEnabled",
        SYSTEM,
        ("Boot", "BootSourceOverrideEnabled"),
        "Once",
        BOOT_LINE,
    ),
    Wanted(
        "/Systems/1/Bios/Attributes/PowerOnDelay",
        BIOS,
        ("Attributes", "PowerOnDelay"),
        30,
        BIOS_LINE,
        BIOS_SETTINGS,
    ),
    Wanted(
        "/Systems/1/Bios/Attributes/AdminEmail",
        BIOS,
        ("Attributes", "AdminEmail"),
        "gauntlet@example.org",
        BIOS_LINE,
        BIOS_SETTINGS,
    ),
)


@dataclass(frozen=True)
class Scenario:
    name: str
    faults: tuple[str, ...] = ()
    writer: bool = False  # a second client changes Systems/1 during the pause
    workers: int = 1
    latency_ms: int = 2
    process: bool = False  # the iloshell-sim program rather than a simulator in this process
    script: str = SCRIPT  # test_login_faults.py also runs it without the Reset


SCENARIOS = (
    Scenario("no fault"),
    Scenario("503 every 12", ("503:every=12",)),
    Scenario("dropped connection every 5", ("drop:every=5",)),
    Scenario("slow answer every 5", ("slow:every=5:ms=120",)),
    Scenario("session expiry every 0.3 s", ("expire-sessions:after=0.3",)),
    Scenario("412 from a concurrent writer", writer=True),
    Scenario(
        "all at once",
        ("503:every=18", "drop:every=7", "slow:every=5:ms=60", "expire-sessions:after=0.4"),
        writer=True,
    ),
    Scenario(
        "all at once, 8 workers",
        ("503:every=18", "drop:every=7", "slow:every=5:ms=60", "expire-sessions:after=0.4"),
        writer=True,
        workers=8,
    ),
    Scenario(
        "all at once, iloshell-sim program",
        ("503:every=18", "drop:every=7", "slow:every=5:ms=60", "expire-sessions:after=0.4"),
        writer=True,
        process=True,
    ),
)
ALL_AT_ONCE = [s.name for s in SCENARIOS if s.name.startswith("all at once")]


@dataclass
class Run:
    """What one scenario left behind."""

    scenario: Scenario
    code: int
    out: str
    err: str
    seconds: float
    stats: dict
    docs: dict[str, Any]  # final bodies on the simulator, by URI
    staged: list[dict]  # the stage file's changes (empty when there is none)
    paused: bool  # the script reached the pause
    writer_error: str | None = None
    failed_line: int | None = field(default=None)

    def current(self, wanted: Wanted) -> Any:
        return value_at(self.docs[wanted.uri], wanted.pointer)

    def pending(self, wanted: Wanted) -> Any:
        if wanted.settings is None:
            return None
        return value_at(self.docs[wanted.settings], wanted.pointer)

    def staged_entry(self, wanted: Wanted) -> dict | None:
        return next((c for c in self.staged if c.get("display") == wanted.display), None)


def value_at(body: Any, pointer: tuple[str, ...]) -> Any:
    try:
        return node_at(body, pointer)
    except (KeyError, IndexError, ValueError, TypeError):
        return None


def patient(call: Callable[[], requests.Response]) -> requests.Response:
    """A request from the test's side, repeated while the simulator's faults refuse it (a 503
    or a dropped connection: neither was applied)."""
    for _ in range(20):
        try:
            answer = call()
        except requests.ConnectionError:
            continue
        if answer.status_code != 503:
            answer.raise_for_status()
            return answer
    raise AssertionError("the simulator refused 20 attempts")


@dataclass
class Service:
    """A running simulator as the test sees it: where it is, and how to read it."""

    url: str
    user: str
    password: str
    read: Callable[[str], dict]  # the current body at a URI


@contextmanager
def simulator(scenario: Scenario) -> Iterator[Service]:
    """The simulator in this process (its store read directly), or the ``iloshell-sim``
    program with ``--latency-ms`` and ``--fault`` (read over HTTP, through the faults)."""
    if not scenario.process:
        with simulate(latency_ms=scenario.latency_ms, faults=list(scenario.faults)) as sim:
            yield Service(sim.url, sim.user, sim.password, sim.store.get)
        return
    argv = [sys.executable, "-m", "iloshell.sim", "--latency-ms", str(scenario.latency_ms)]
    for fault in scenario.faults:
        argv += ["--fault", fault]
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, text=True)
    try:
        first = proc.stdout.readline() if proc.stdout else ""
        found = re.match(r"iloshell-sim: serving (\S+) \(user (\S+), password ([^;)]+)", first)
        assert found, f"iloshell-sim said: {first!r}"
        url, user, password = found.groups()

        def read(uri: str) -> dict:
            answer = patient(lambda: requests.get(url + uri, auth=(user, password), timeout=10))
            return answer.json()

        yield Service(url, user, password, read)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def session_lifetime(scenario: Scenario) -> float | None:
    """The seconds an ``expire-sessions`` fault gives each session, if the scenario has one."""
    for fault in scenario.faults:
        if fault.startswith("expire-sessions:after="):
            return float(fault.split("=", 1)[1])
    return None


def run_scenario(scenario: Scenario, home: Path) -> Run:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ILO_")}
    for name in ("XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
        env[name] = str(home / name.lower())
    script, pipe = home / "gauntlet.ilo", home / "pause"
    script.write_text(scenario.script)
    os.mkfifo(pipe)
    with simulator(scenario) as sim:
        env["GAUNTLET_PASSWORD"] = sim.password
        argv = [sim.url, "-u", sim.user, "--password-env", "GAUNTLET_PASSWORD"]
        # --keep-stage: what this script does not get to commit must outlive its run
        argv += ["--keep-stage", "--workers", str(scenario.workers), str(script), str(pipe)]
        writer_error: list[str] = []

        def second_client_writes() -> None:
            """Another administrator changes Systems/1, so its ETag changes under the stage."""
            try:
                patient(
                    lambda: requests.patch(
                        sim.url + SYSTEM,
                        json={"AssetTag": WRITER_TAG},
                        auth=(sim.user, sim.password),
                        timeout=10,
                    )
                )
            except Exception as err:  # reported by the test, not lost in a thread
                writer_error.append(repr(err))

        start = time.monotonic()
        proc = subprocess.Popen(
            [*CLI, *argv], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
        )
        lifetime = session_lifetime(scenario)

        def at_the_pause() -> None:
            if lifetime is not None:  # outlive the session: the commit must log in again
                time.sleep(lifetime + 0.1)
            if scenario.writer:
                second_client_writes()

        paused: list[bool] = []
        pauser = threading.Thread(
            target=lambda: paused.append(release_pause(proc, pipe, at_the_pause))
        )
        pauser.start()
        try:
            out, err = proc.communicate(timeout=120)
        finally:
            if proc.poll() is None:
                proc.kill()
            pauser.join(timeout=5)
        seconds = time.monotonic() - start
        stats = requests.get(sim.url + "/__sim__/stats", timeout=10).json()
        docs = {uri: sim.read(uri) for uri in (SYSTEM, BIOS, BIOS_SETTINGS)}
    stage_files = list((home / "xdg_state_home" / "iloshell" / "stage").glob("*.json"))
    staged = [c for f in stage_files for c in json.loads(f.read_text())["changes"]]
    failed = re.search(re.escape(str(script)) + r":(\d+): ", err)
    return Run(
        scenario,
        proc.returncode,
        out,
        err,
        seconds,
        stats,
        docs,
        staged,
        bool(paused and paused[0]),
        writer_error[0] if writer_error else None,
        int(failed.group(1)) if failed else None,
    )


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> dict[str, Run]:
    with ThreadPoolExecutor(len(SCENARIOS)) as pool:
        futures = {
            s.name: pool.submit(run_scenario, s, tmp_path_factory.mktemp("gauntlet"))
            for s in SCENARIOS
        }
        return {name: future.result() for name, future in futures.items()}


def explain(run: Run) -> str:
    return (
        f"{run.scenario.name}: exit {run.code} after {run.seconds:.1f} s\n"
        f"--- stdout\n{run.out}\n--- stderr\n{run.err}\n--- stage\n{run.staged}"
    )


def check_invariants(run: Run) -> None:
    """What must hold whatever the fault did."""
    why = explain(run)
    assert run.stats["sessions"] == 0, why
    assert "Traceback" not in run.err and "Traceback" not in run.out, why
    assert run.writer_error is None, why
    assert run.code in (0, 1, 2, 3, 4, 5), why
    total = sum(run.stats["requests"].values())  # faulted requests count too
    for fault in run.scenario.faults:
        every = re.search(r"every=(\d+)", fault)
        if every:  # the fault really happened
            assert total >= int(every.group(1)), f"{fault}: {total} requests\n{why}"
    if run.code == EXIT_OK:
        assert run.failed_line is None, why
    else:
        errors = [line for line in run.err.splitlines() if re.search(r"\.ilo:\d+: ", line)]
        assert len(errors) == 1 and run.failed_line is not None, why
    last_ran = len(LINES) if run.code == EXIT_OK else run.failed_line
    committed = last_ran >= COMMIT_LINE
    for wanted in CHANGES:
        on_service = wanted.value in (run.current(wanted), run.pending(wanted))
        entry = run.staged_entry(wanted)
        if wanted.staged_at >= last_ran:
            # Its set never ran, or was the failing line: nothing may have been sent.
            assert not on_service and entry is None, f"{wanted.display}\n{why}"
            continue
        assert on_service or entry is not None, f"lost: {wanted.display}\n{why}"
        if entry is not None:
            assert entry["value"] == wanted.value, why
            if committed:
                assert entry["reason"], f"staged without a reason: {wanted.display}\n{why}"
    check_commit_report(run)


def check_commit_report(run: Run) -> None:
    """Each line commit printed is the truth about the service and the stage."""
    why = explain(run)
    for wanted in CHANGES:
        said = re.search(
            rf"^(applied|pending|failed|not applied) +{re.escape(wanted.display)} ", run.out, re.M
        )
        if said is None:
            continue
        if said.group(1) == "applied":
            assert run.current(wanted) == wanted.value, why
        elif said.group(1) == "pending":
            assert wanted.value in (run.pending(wanted), run.current(wanted)), why
        else:
            entry = run.staged_entry(wanted)
            assert entry is not None and entry["reason"], why


def check_all_applied(run: Run) -> None:
    why = explain(run)
    assert run.code == EXIT_OK, why
    for wanted in CHANGES:
        assert run.current(wanted) == wanted.value, f"{wanted.display}\n{why}"
    assert run.staged == [], why
    assert run.out.splitlines()[-4:] == ["Pxe", "30", "gauntlet@example.org", "nothing staged"]
    assert run.out.count("/Systems/1/Bios\n") == 1, why  # find named it by the hierarchy


@pytest.mark.parametrize("name", [s.name for s in SCENARIOS])
def test_nothing_lost_no_session_left_one_line_errors(runs, name):
    check_invariants(runs[name])


@pytest.mark.parametrize(
    "name", ["no fault", "503 every 12", "slow answer every 5", "session expiry every 0.3 s"]
)
def test_faults_that_a_retry_or_a_new_login_cures_change_nothing(runs, name):
    run = runs[name]
    check_all_applied(run)
    if "503" in name:
        assert "503" not in run.err, explain(run)
    if "expiry" in name:  # the session expired at least at the pause: logged in again
        assert run.stats["requests"]["POST"] >= 3, explain(run)  # login, again, Reset


def test_dropped_connections_are_retried_unless_repeating_could_do_harm(runs):
    """GETs, DELETE and If-Match PATCHes are repeated; a POST (the Reset) is not, since the
    service may have run it: then the script stops there, exit 3, saying so."""
    run = runs["dropped connection every 5"]
    if run.code == EXIT_OK:
        check_all_applied(run)
    else:
        assert run.code == EXIT_CONNECT and run.failed_line == INVOKE_LINE, explain(run)
        assert "closed the connection" in run.err
        for wanted in CHANGES:  # committed: Boot applied, BIOS waiting for the reset
            assert wanted.value in (run.current(wanted), run.pending(wanted)), explain(run)


def test_412_keeps_the_changes_staged_with_the_reason_and_exit_5(runs):
    run = runs["412 from a concurrent writer"]
    why = explain(run)
    assert run.paused and run.code == EXIT_SERVICE and run.failed_line == COMMIT_LINE, why
    assert run.docs[SYSTEM]["AssetTag"] == WRITER_TAG, why  # the other client's write stands
    for wanted in CHANGES[:2]:
        assert run.current(wanted) != wanted.value, why
        entry = run.staged_entry(wanted)
        assert entry is not None and "412" in entry["reason"], why
        assert "(still staged)" in run.out
    for wanted in CHANGES[2:]:  # the BIOS PATCH went through: pending, no reset was run
        assert run.pending(wanted) == wanted.value != run.current(wanted), why
        assert run.staged_entry(wanted) is None, why
    assert run.stats["requests"].get("POST", 0) == 1, why  # the login; Reset never sent


@pytest.mark.parametrize("name", ALL_AT_ONCE)
def test_all_faults_at_once(runs, name):
    """Under everything together the script cannot finish: the concurrent writer stops the
    commit. It must stop cleanly (exit 5: the 412 or another refusal; exit 3: a request that
    must not be repeated lost its answer), lose nothing, leave no session, and never overwrite
    the other client's change. Without the writer it runs to the end: test_login_faults.py."""
    run = runs[name]
    why = explain(run)
    assert run.code in (EXIT_SERVICE, EXIT_CONNECT), why
    if run.paused:
        assert run.docs[SYSTEM]["AssetTag"] == WRITER_TAG, why
        for wanted in CHANGES[:2]:  # staged against the old ETag: never applied over it
            assert run.current(wanted) != wanted.value, why
