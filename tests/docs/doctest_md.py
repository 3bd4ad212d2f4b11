"""Reading the runnable blocks of the Markdown docs (pure functions; the tests run them).

The convention, also described in docs/scripting.md ("Examples in these docs are tested"):

* ```` ```iloshell ```` — a shell session. ``> COMMAND`` lines are typed at the shell; the
  lines after a command are what it prints (stdout and stderr). Every shown line must appear,
  in order, but output may be abridged: lines may be left out, ``...`` inside a line stands for
  any text and a line of only ``...`` marks the cut. A command whose shown output has an
  ``error: ...`` line (or ``raw``'s ``HTTP 4xx``/``5xx`` status line) must fail, any other
  must succeed: the blocks show only what the shell prints (``[exit N]`` still pins the code
  where a document wants it). The blocks of one document run in one session, in
  order, against a fresh built-in simulator; ``commit`` and friends are answered "yes".
* ```` ```iloshell-script NAME ```` — a script file, written as NAME into the folder where the
  document's console blocks run.
* ```` ```console ```` — a terminal: ``$ COMMAND`` lines run in bash (``iloshell --demo ...``);
  the other lines are expected output as above, ``[exit N]`` the exit status.

Everything printed is normalised first: the simulator's address becomes
``http://127.0.0.1:PORT``; in ``iloshell`` blocks a script's ``-c:LINE:`` error prefix becomes
the interactive shell's ``error:`` (console blocks show what a script prints).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

FENCE = re.compile(r"^(```+)\s*([\w-]*)\s*(.*)$")
EXIT = re.compile(r"^\[exit (\d+)\]$")
FAILED = re.compile(r"^(error: |HTTP [45]\d\d )")  # what the shell prints when a command fails
FAILS = -1  # Step.exit: any code but 0
ADDRESS = re.compile(r"http://127\.0\.0\.1:\d+")
SCRIPT_ERROR = re.compile(r"^(?:-c|<stdin>):\d+: ", re.MULTILINE)
RUNNABLE = ("iloshell", "iloshell-script", "console")


@dataclass
class Block:
    kind: str
    info: list[str]
    lines: list[str]
    line: int  # where the block's first line is in the document


@dataclass
class Step:
    command: str
    line: int
    expected: list[str] = field(default_factory=list)
    exit: int = 0


def blocks(text: str, kinds: tuple[str, ...] = RUNNABLE) -> list[Block]:
    """The fenced blocks of a Markdown text of the given kinds (the runnable ones unless told)."""
    found: list[Block] = []
    current: Block | None = None
    fence = ""
    for number, line in enumerate(text.splitlines(), 1):
        match = FENCE.match(line)
        if current is None and match and match[2] in kinds:
            fence, current = match[1], Block(match[2], match[3].split(), [], number + 1)
        elif current is None and match:
            fence, current = match[1], Block("", [], [], number + 1)
        elif current is not None and line.strip() == fence:
            if current.kind:
                found.append(current)
            current = None
        elif current is not None:
            current.lines.append(line)
    return found


def steps(block: Block, prompt: str) -> list[Step]:
    """Commands (lines starting with ``prompt``) and what each should print."""
    out: list[Step] = []
    for offset, line in enumerate(block.lines):
        if line.startswith(prompt):
            out.append(Step(line[len(prompt) :], block.line + offset))
        elif out and (m := EXIT.match(line.strip())):
            out[-1].exit = int(m[1])
        elif out and line.strip():
            out[-1].expected.append(line.rstrip())
        elif line.strip():
            raise ValueError(f"line {block.line + offset}: output before any {prompt.strip()}")
    if prompt == "> ":
        for step in out:
            if not step.exit and any(FAILED.match(line) for line in step.expected):
                step.exit = FAILS
    return out


def normalise(text: str, *, shell: bool = True) -> list[str]:
    """Printed text as the docs show it: the simulator's address made fixed and, for a shell
    session (not a console), errors as the interactive shell prints them."""
    text = ADDRESS.sub("http://127.0.0.1:PORT", text)
    if shell:
        text = SCRIPT_ERROR.sub("error: ", text)
    return [line.rstrip() for line in text.splitlines()]


def pattern(expected: str) -> re.Pattern:
    return re.compile(".*".join(re.escape(piece) for piece in expected.split("...")))


def missing(expected: list[str], printed: list[str]) -> str | None:
    """The first expected line not printed (in order), or None when all are."""
    position = 0
    for line in expected:
        if line.strip() == "...":
            continue
        wanted = pattern(line)
        while position < len(printed) and not wanted.fullmatch(printed[position]):
            position += 1
        if position == len(printed):
            return line
        position += 1
    return None


def interleaved(expected: list[str], streams: list[list[str]]) -> str | None:
    """Like :func:`missing` for output that a terminal shows interleaved (stdout and stderr):
    each shown line comes from one of the streams, in order within that stream. A line found
    in both is taken from the stream where it comes soonest."""
    positions = [0] * len(streams)
    for line in expected:
        if line.strip() == "...":
            continue
        wanted = pattern(line)
        best: tuple[int, int] | None = None
        for index, stream in enumerate(streams):
            for at in range(positions[index], len(stream)):
                if wanted.fullmatch(stream[at]):
                    if best is None or at - positions[index] < best[1] - positions[best[0]]:
                        best = (index, at)
                    break
        if best is None:
            return line
        positions[best[0]] = best[1] + 1
    return None


def check(step: Step, code: int, out: str, err: str, *, shell: bool = True) -> str | None:
    """What is wrong with a step's outcome, or None."""
    if (code == 0) if step.exit == FAILS else code != step.exit:
        wanted = "a failure" if step.exit == FAILS else step.exit
        return f"exit code {code}, expected {wanted}\n{err}"
    gap = interleaved(step.expected, [normalise(out, shell=shell), normalise(err, shell=shell)])
    if gap is not None:
        return f"not printed: {gap!r}\n--- printed:\n{out}{err}"
    return None
