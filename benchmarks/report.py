"""Run every benchmark script in this folder and print their figures side by side.

    python benchmarks/report.py [--runs N] [--only NAME ...] [--markdown]

Each ``benchmarks/*.py`` (this one and helpers named ``_*.py`` excepted) runs as its own
process, ``--runs`` times one after the other (default 2: figures on a shared machine vary, and
two runs show by how much). Their output lines are collected as figures: ``label: value``
lines by label, other lines by their text with the numbers masked, so the same figure from
each run lands in one row. A figure line may go on with ``|| baseline: value`` parts (each
becomes a row of its own, under the figure) and a ``|| target: ...`` part (the target
column). The report starts with what the figures depend on: the machine (cores, load before
and after), Python, the date; and ends with each script's exit code and run time (a script
exits non-zero when one of its targets is missed).
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import re
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
NUMBER = re.compile(r"\d+(?:\.\d+)?")
PART = " || "  # between a figure, its baselines and its target on one line
TARGET = "target"
VERDICT = re.compile(r"\s*\((met|MISSED)\)$")  # a target part may end with how it went
# How long one script may take (the serial crawl at 20 ms latency is the slowest, ~30 s).
TIMEOUT = 600


@dataclass
class Run:
    code: int
    seconds: float
    lines: list[str]


@dataclass
class Script:
    path: Path
    runs: list[Run] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.path.stem


def scripts(only: list[str]) -> list[Script]:
    found = sorted(
        p
        for p in HERE.glob("*.py")
        if p.resolve() != Path(__file__).resolve() and not p.name.startswith("_")
    )
    return [Script(p) for p in found if not only or p.stem in only]


def run_once(script: Script) -> Run:
    start = time.perf_counter()
    try:
        done = subprocess.run(
            [sys.executable, str(script.path)],
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            cwd=HERE.parent,
        )
        code, out = done.returncode, done.stdout
        if done.returncode and done.stderr.strip():
            out += "\n" + "\n".join(
                f"stderr: {line}" for line in done.stderr.strip().splitlines()[-3:]
            )
    except subprocess.TimeoutExpired:
        code, out = -1, f"stderr: no answer within {TIMEOUT} s"
    lines = [line.rstrip() for line in out.splitlines() if line.strip()]
    return Run(code, time.perf_counter() - start, lines)


def figure(line: str) -> tuple[str, str, str, bool]:
    """(row key, label, value, whether the line was ``label: value``) of one output line.
    Numbers are masked in the key, so a figure whose label holds one (a port, ``p95 1.2 ms``)
    still lands in one row; the occurrence count in :func:`rows` keeps ``workers= 1`` and
    ``workers= 2`` apart."""
    label, sep, value = line.partition(": ")
    if sep and len(label) <= 90 and not label.startswith("stderr"):
        label = label.strip()
        return NUMBER.sub("#", label), label, value.strip(), True
    return NUMBER.sub("#", " ".join(line.split())), "", line.strip(), False


def rows(script: Script) -> list[tuple[str, bool, list[str]]]:
    """Figures in the order the first run printed them: (label, labelled, value in each run).
    A run whose label differs from the first run's shows it with its value."""
    order: list[str] = []
    shown: dict[str, str] = {}
    values: dict[str, list[str]] = {}
    labelled: dict[str, bool] = {}
    for index, run in enumerate(script.runs):
        seen: dict[str, int] = {}
        for line in run.lines:
            key, label, value, has_label = figure(line)
            seen[key] = seen.get(key, 0) + 1
            key = f"{key} ({seen[key]})"
            if key not in values:
                order.append(key)
                shown[key] = label
                values[key] = [""] * len(script.runs)
                labelled[key] = has_label
            same = label == shown[key]
            values[key][index] = value if same or not has_label else f"{label}: {value}"
    return [(shown[key], labelled[key], values[key]) for key in order]


@dataclass
class Row:
    """One row of the report: a figure or one of its baselines, its value in each run."""

    name: str
    values: list[str]
    baseline: bool = False
    target: str = ""


def expand(script: Script) -> list[Row]:
    """Rows of the report: each figure, then a row for each of its ``|| name: value``
    baselines; its ``|| target: ...`` part goes in its target column. Unlabelled lines keep
    their whole text."""
    out: list[Row] = []
    for label, labelled, values in rows(script):
        if not labelled:
            out.append(Row("", values))
            continue
        split = [value.split(PART) for value in values]
        figure_row = Row(label, [parts[0] for parts in split])
        out.append(figure_row)
        extras: dict[str, list[str]] = {}
        for index, parts in enumerate(split):
            for part in parts[1:]:
                name, _, value = part.partition(": ")
                extras.setdefault(name, [""] * len(values))[index] = value
        for name, each in extras.items():
            if name == TARGET:
                figure_row.target = target(each)
            else:
                out.append(Row(name, each, baseline=True))
    return out


def target(each: list[str]) -> str:
    """One target text for all runs, with each run's verdict: ``<= 10 (met / MISSED)``."""
    texts = dict.fromkeys(VERDICT.sub("", v) for v in each if v)
    verdicts = [m.group(1) for v in each if (m := VERDICT.search(v))]
    joined = " / ".join(texts)
    return f"{joined} ({' / '.join(verdicts)})" if verdicts else joined


def machine(load_before: tuple[float, ...], load_after: tuple[float, ...]) -> list[str]:
    def load(values: tuple[float, ...]) -> str:
        return " / ".join(f"{v:.2f}" for v in values)

    return [
        f"date: {datetime.datetime.now().astimezone().isoformat(timespec='minutes')}",
        f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.platform()}",
        f"python: {platform.python_implementation()} {platform.python_version()}",
        f"load average (1/5/15 min) before: {load(load_before)}; after: {load(load_after)}",
    ]


def print_text(found: list[Script], header: list[str]) -> None:
    for line in header:
        print(line)
    for script in found:
        print(f"\n== {script.name} " + "=" * max(0, 60 - len(script.name)))
        for row in expand(script):
            name = f"  baseline, {row.name}" if row.baseline else row.name
            target = f"; target {row.target}" if row.target else ""
            if len(set(row.values)) == 1:  # the same in every run: once
                print(f"  {name}: {row.values[0]}{target}" if name else f"  {row.values[0]}")
                continue
            if name:
                print(f"  {name}{target}")
            for index, value in enumerate(row.values, 1):
                print(f"      run {index}: {value}")
        for index, run in enumerate(script.runs, 1):
            print(f"  (run {index}: exit {run.code}, {run.seconds:.1f} s)")


def cell(text: str) -> str:
    return text.replace("|", "\\|")


def print_markdown(found: list[Script], header: list[str]) -> None:
    for line in header:
        print(f"- {line}")
    for script in found:
        runs = range(1, len(script.runs) + 1)
        print(f"\n### {script.name}\n")
        print("| figure | " + " | ".join(f"run {i}" for i in runs) + " | target |")
        print("|---|" + "---|" * len(script.runs) + "---|")
        for row in expand(script):
            if not row.name:
                cells = [f"`{v}`" if v else "" for v in row.values]
            else:
                cells = [cell(v) for v in row.values]
            name = f"&nbsp;&nbsp;baseline: {cell(row.name)}" if row.baseline else cell(row.name)
            print(f"| {name} | " + " | ".join(cells) + f" | {cell(row.target)} |")
        codes = ", ".join(f"exit {r.code} in {r.seconds:.1f} s" for r in script.runs)
        print(f"\n({codes})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=2, help="runs of each script (default 2)")
    parser.add_argument("--only", nargs="*", default=[], metavar="NAME", help="these scripts")
    parser.add_argument("--markdown", action="store_true", help="print Markdown tables")
    opts = parser.parse_args()
    found = scripts(opts.only)
    if not found:
        print("no benchmark scripts found", file=sys.stderr)
        return 2
    before = os.getloadavg()
    for _ in range(max(1, opts.runs)):
        for script in found:
            print(f"running {script.name} ...", file=sys.stderr, flush=True)
            script.runs.append(run_once(script))
    header = machine(before, os.getloadavg())
    (print_markdown if opts.markdown else print_text)(found, header)
    return 0 if all(r.code == 0 for s in found for r in s.runs) else 1


if __name__ == "__main__":
    sys.exit(main())
