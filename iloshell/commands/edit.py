"""``edit``: change a resource's writable properties in $EDITOR, staged like ``set``."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import tempfile
from pathlib import Path

from iloshell.commands.context import Context
from iloshell.commands.helpers import stage_values
from iloshell.commands.spec import PATH, Arg, Args, command
from iloshell.errors import CommandError, UsageError, ValidationError
from iloshell.redfish.walk import Location, path_text
from iloshell.staging.saved import differences, writable_values
from iloshell.staging.target import settings_object

COMMENT = "//"
MAX_ROUNDS = 20


def editor_command() -> list[str]:
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    return shlex.split(editor)


def run_editor(path: Path) -> None:
    try:
        result = subprocess.run([*editor_command(), str(path)], check=False)
    except OSError as err:
        raise CommandError(f"cannot start the editor ({err.strerror}); set EDITOR") from None
    if result.returncode != 0:
        raise CommandError(f"the editor exited with status {result.returncode}; nothing staged")


def strip_comments(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith(COMMENT))


@command(
    "edit",
    "Edit a resource's writable properties in $EDITOR; saving stages the differences",
    group="change",
    args=[Arg("path", "the resource (default: the current one)", "?", PATH)],
    description=(
        "Opens $VISUAL or $EDITOR on the writable properties as JSON (BIOS: the pending "
        "attribute values). Lines starting with // are ignored. Every changed value is "
        "validated and staged as with set; invalid JSON or a refused value reopens the editor "
        "with the reason on top."
    ),
)
def edit(ctx: Context, args: Args) -> None:
    conn = ctx.conn
    location = conn.navigator.resolve(args.path or ".", ctx.cwd, ctx.previous)
    if location.pointer:  # edit the whole resource the path is in
        depth = len(location.path) - len(location.pointer)
        location = Location(location.uri, (), location.path[:depth])
    resource = conn.graph.get(location.uri)
    settings = settings_object(resource.body)
    source = conn.graph.get(settings) if settings else resource
    schema = conn.checker.schema_for(source) or conn.checker.schema_for(resource)
    attributes = conn.checker.attributes_for(resource)
    if not isinstance(source.body, dict):
        raise CommandError(f"{location.display()}: not a JSON object")
    view, _secrets = writable_values(source.body, schema, attributes)
    if not view:
        raise CommandError(
            f"{location.display()}: no writable properties known (no schema from the service?)"
        )
    header = [
        f"{COMMENT} {location.display()} ({resource.odata_type or 'no type'}): writable "
        "properties. Change values, save and quit; lines starting with // are ignored.",
    ]
    if settings:
        header.append(f"{COMMENT} BIOS-style settings: values go to {settings}, applied at reset.")
    text = "\n".join(header) + "\n" + json.dumps(view, indent=2, ensure_ascii=False) + "\n"
    fd, name = tempfile.mkstemp(prefix="iloshell-edit-", suffix=".json")
    path = Path(name)
    try:
        os.close(fd)
        for _ in range(MAX_ROUNDS):
            path.write_text(text, encoding="utf-8")
            run_editor(path)
            edited = path.read_text(encoding="utf-8")
            try:
                data = json.loads(strip_comments(edited))
            except (ValueError, RecursionError) as err:  # RecursionError: nested too deeply
                text = f"{COMMENT} error: not valid JSON: {err}\n" + strip_comments(edited) + "\n"
                continue
            changes = differences(data, view) if isinstance(data, dict) else []
            if not changes:
                ctx.output.note("no changes")
                return
            items = [(path_text((*location.path, *parts)), value) for parts, value in changes]
            try:
                stage_values(ctx, items)
            except (UsageError, CommandError, ValidationError) as err:
                text = f"{COMMENT} error: {err}\n" + strip_comments(edited) + "\n"
                continue
            return
        raise CommandError("edit: gave up after too many attempts; nothing staged")
    finally:
        path.unlink(missing_ok=True)
