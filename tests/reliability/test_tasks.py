"""A change the service runs as a task (``202 Accepted`` and a task monitor) is followed to
its end, over real HTTP to the simulator's ``task`` fault (issue 10): commit and invoke show
its progress, report its final state and messages, wait no longer than ``--task-timeout``,
and exit by the result. It was reported "not applied", exit 5, however it ended."""

from __future__ import annotations

import time

import pytest

from iloshell.sim.testing import simulate
from tests.shell.harness import Shell


@pytest.fixture
def tasks(request):
    with simulate(faults=[request.param]) as sim:
        shell = Shell(sim.url, password=sim.password)
        yield shell, sim
        shell.close()


def monitor_gets(sim) -> int:
    return sim.stats()["requests"].get("GET", 0)


@pytest.mark.parametrize("tasks", ["task:polls=2"], indirect=True)
def test_a_patch_run_as_a_task_is_followed_and_applied(tasks):
    shell, sim = tasks
    shell.ok("set /Systems/1/AssetTag=tasked")
    result = shell.run("commit -y")
    assert result.code == 0, result.err
    assert "applied      /Systems/1/AssetTag" in result.out
    assert "task Running 33%" in result.err and "task Running 66%" in result.err
    assert sim.store.get("/redfish/v1/Systems/1")["AssetTag"] == "tasked"
    assert "nothing staged" in shell.run("status").out + shell.run("status").err


@pytest.mark.parametrize("tasks", ["task:polls=1:fail=1"], indirect=True)
def test_a_task_that_fails_says_how_with_its_messages_and_keeps_the_stage(tasks):
    shell, sim = tasks
    shell.ok("set /Systems/1/AssetTag=never")
    result = shell.run("commit -y")
    assert result.code == 5, result
    assert "the task ended Exception (Critical)" in result.out
    assert "service: The request failed due to an internal service error" in result.err
    assert sim.store.get("/redfish/v1/Systems/1")["AssetTag"] != "never"
    assert "AssetTag" in shell.ok("status")


@pytest.mark.parametrize("tasks", ["task:polls=2"], indirect=True)
def test_an_action_run_as_a_task_reports_its_end(tasks):
    shell, _ = tasks
    result = shell.run("invoke -y /Systems/1 Reset ResetType=On")
    assert result.code == 0, result.err
    assert "ComputerSystem.Reset done: the task ended" in result.out
    assert "task Running" in result.err


@pytest.mark.parametrize("tasks", ["task:polls=1:fail=1"], indirect=True)
def test_an_action_whose_task_fails_exits_5(tasks):
    shell, _ = tasks
    result = shell.run("invoke -y /Systems/1 Reset ResetType=On")
    assert result.code == 5 and "the task ended Exception (Critical)" in result.err, result


@pytest.mark.parametrize("tasks", ["task:polls=1000"], indirect=True)
def test_the_wait_for_a_task_is_bounded_by_task_timeout(tasks):
    shell, sim = tasks
    shell.ctx.settings.task_timeout = 2.5  # polled once a second (no Retry-After)
    shell.ok("set /Systems/1/AssetTag=slow")
    before = monitor_gets(sim)
    started = time.monotonic()
    result = shell.run("commit -y")
    assert time.monotonic() - started < 4
    assert result.code == 5 and "the task is still Running" in result.out, result
    assert "TaskMonitors/" in result.out and "still staged" in result.out
    assert 2 <= monitor_gets(sim) - before <= 4  # polled, not spun
