"""tour N puts the learner where step N starts, so what the step asks to type works at once."""

from __future__ import annotations

import pytest

from iloshell.commands.lessons import STEPS

SHELL = {"assume_yes": True}


def staged_lines(out: str) -> list[str]:
    """The commands a step about staged changes asks for when nothing is staged."""
    after = out.split("Nothing is staged yet", 1)[1].splitlines()[1:]
    return [line.strip() for line in after if line.startswith("         ")]


@pytest.mark.parametrize("number", range(1, len(STEPS) + 1))
def test_every_step_works_right_after_jumping_to_it_from_elsewhere(number, shell):
    step = STEPS[number - 1]
    shell.ok("cd /Managers/1")
    out = shell.ok(f"tour {number}")
    assert shell.ctx.cwd.display().rstrip("/") == step.start.rstrip("/")
    if step.staged:
        for typed in staged_lines(out):
            shell.ok(typed)
    result = None
    for typed in step.type:
        result = shell.run(typed)
    assert result is not None and "✓" in result.out, (step.title, result.out, result.err)


def test_tour_3_then_ls_and_cd_1_reaches_the_system(shell):
    shell.ok("cd /Chassis")
    result = shell.run("tour 3")
    assert "you are now at /Systems" in result.err
    shell.ok("ls")
    assert "✓" in shell.ok("cd 1") and shell.ctx.cwd.display() == "/Systems/1"


def test_a_commit_step_with_nothing_staged_says_what_to_stage(shell):
    out = shell.ok("tour 8")
    assert staged_lines(out) == [*STEPS[5].type, *STEPS[6].type]
    assert "tour 6" in out
    shell.ok('set /Systems/1/AssetTag="x"')
    assert "Nothing is staged yet" not in shell.ok("tour 8")


def test_steps_reached_by_doing_them_do_not_move_the_learner(shell):
    shell.ok("tour 2")
    shell.ok("ls")
    result = shell.run("cd Systems")
    assert "Tour step 3" in result.out and "you are now at" not in result.err
