"""docs/commands.md is generated from the command declarations; it must not drift from help."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from iloshell.commands.runner import load_commands
from iloshell.commands.spec import REGISTRY

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "commands_doc.py"


def generator():
    spec = importlib.util.spec_from_file_location("commands_doc", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_commands_md_is_what_the_declarations_generate():
    module = generator()
    assert module.TARGET.read_text(encoding="utf-8") == module.render(), (
        "docs/commands.md is out of date: run python scripts/commands_doc.py"
    )


def test_every_command_has_its_help_on_the_page():
    load_commands()
    page = generator().TARGET.read_text(encoding="utf-8")
    for cmd in REGISTRY.values():
        assert f"\n### {cmd.name}\n\n```text\n{cmd.help_text()}\n```\n" in page, cmd.name
