"""Write docs/commands.md from the command declarations, the same ones ``help`` prints.

    python scripts/commands_doc.py          # rewrite docs/commands.md
    python scripts/commands_doc.py --check  # exit 1 when the file is out of date

tests/docs/test_commands_doc.py runs the check, so the page cannot drift from ``help``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from iloshell.commands.runner import load_commands
from iloshell.commands.session import GROUP_TITLES
from iloshell.commands.spec import REGISTRY

TARGET = Path(__file__).resolve().parents[1] / "docs" / "commands.md"

INTRO = """\
# Commands

Every command of the shell, grouped as `help` lists them. Each entry is exactly what
`help COMMAND` prints. Options go before or after the arguments; `--` ends the options.
Paths are explained in [the tutorial](tutorial.md), script syntax and exit codes in
[scripting](scripting.md).

<!-- Generated from the command declarations by scripts/commands_doc.py: edit those, then run
     python scripts/commands_doc.py. A test fails when this page and the declarations differ. -->
"""


def render() -> str:
    load_commands()
    lines = [INTRO]
    groups = [
        (title, sorted((c for c in REGISTRY.values() if c.group == group), key=lambda c: c.name))
        for group, title in GROUP_TITLES.items()
    ]
    groups = [(title, cmds) for title, cmds in groups if cmds]
    for title, cmds in groups:
        names = ", ".join(f"[{c.name}](#{c.name})" for c in cmds)
        lines.append(f"- **{title}**: {names}")
    for title, cmds in groups:
        lines += ["", f"## {title}"]
        for cmd in cmds:
            lines += ["", f"### {cmd.name}", "", "```text", cmd.help_text(), "```"]
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    text = render()
    if "--check" in argv:
        current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
        if current != text:
            print(f"{TARGET} is out of date: run python scripts/commands_doc.py", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
