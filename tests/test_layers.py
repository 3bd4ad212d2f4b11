"""The layers a reader sees in the folder list hold in the code: lower layers never import
upper ones, and nothing but the REPL imports prompt-toolkit."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "iloshell"

# What each layer may import from iloshell (besides itself). The pure Redfish core sits at the
# bottom, so the simulator and the model share its rules without the fetching graph.
ALLOWED = {
    "errors": set(),
    "redfish": {"errors"},
    "storage": {"errors"},  # a file it cannot read is a usage error
    "transport": {"errors", "redfish"},
    "graph": {"errors", "storage", "redfish", "transport"},
    "model": {"errors", "redfish"},
    "render": {"errors", "redfish", "transport", "model"},
    "staging": {"errors", "storage", "redfish", "transport", "graph", "model", "render"},
    "commands": {
        "errors",
        "storage",
        "redfish",
        "transport",
        "graph",
        "model",
        "render",
        "staging",
    },
    "frontends": {
        "errors",
        "storage",
        "redfish",
        "transport",
        "graph",
        "model",
        "render",
        "staging",
        "commands",
        "sim",
    },
    "sim": {"errors", "storage", "redfish", "transport", "model"},
    # The Ansible modules shipped in the package: thin wrappers over frontends/playbook.py.
    "ansible_collections": {"frontends"},
}
# text.py (how text leaves the process) sits at the bottom beside errors.py: every layer uses it.
for _allowed in ALLOWED.values():
    _allowed.add("text")
ALLOWED["text"] = set()


def layer_of(path: Path) -> str:
    rel = path.relative_to(PACKAGE)
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def modules():
    return [p for p in PACKAGE.rglob("*.py") if p.name != "__init__.py" or p.parent != PACKAGE]


def test_lower_layers_never_import_upper_ones():
    wrong = []
    for path in modules():
        layer = layer_of(path)
        if layer not in ALLOWED:
            continue
        for module in imported_modules(path):
            parts = module.split(".")
            if parts[0] != "iloshell" or len(parts) < 2:
                continue
            target = parts[1]
            if target != layer and target in ALLOWED and target not in ALLOWED[layer]:
                wrong.append(f"{path.relative_to(PACKAGE)} imports {module}")
    assert not wrong, wrong


def test_only_the_repl_imports_prompt_toolkit():
    users = [
        str(path.relative_to(PACKAGE))
        for path in modules()
        if any(m.split(".")[0] == "prompt_toolkit" for m in imported_modules(path))
    ]
    assert users == ["frontends/repl.py"]


def test_every_module_belongs_to_a_layer():
    assert {layer_of(p) for p in modules()} <= set(ALLOWED) | {"__init__"}


def test_no_command_module_imports_another():
    """Commands share helpers through commands/helpers.py, never each other's modules."""
    folder = PACKAGE / "commands"
    groups = {p.stem for p in folder.glob("*.py") if "\n@command(" in p.read_text("utf-8")}
    wrong = [
        f"{stem}.py imports {module}"
        for stem in sorted(groups)
        for module in imported_modules(folder / f"{stem}.py")
        if module.startswith("iloshell.commands.") and module.split(".")[2] in groups - {stem}
    ]
    assert len(groups) >= 8 and not wrong, wrong
