"""What several commands share, in one place: resolving a typed path, JSON output, the
settings object's pending values, asking before a change, and staging validated values.

Command modules import this module and never each other, so a command group can change (or
move) without pulling the others along.
"""

from __future__ import annotations

import fnmatch
import json
from typing import Any

from iloshell.commands.context import Context
from iloshell.commands.runner import Declined
from iloshell.errors import IloshellError, UsageError, ValidationError
from iloshell.redfish.resource import Resource, is_link, type_name
from iloshell.redfish.walk import Location, node_at, node_or
from iloshell.render.jsontext import dumps
from iloshell.staging.stage import MISSING, Change
from iloshell.staging.target import Target, resolve_target, settings_object, staged_change
from iloshell.staging.values import Assignment


def resolve_path(ctx: Context, text: str | None) -> Location:
    """The Location a typed path names from the current one (the current one when none is
    typed), as every command resolves its PATH argument."""
    if not text:
        return ctx.cwd
    return ctx.conn.navigator.resolve(text, ctx.cwd, ctx.previous)


def pending_node(ctx: Context, resource: Resource, pointer: tuple[str, ...]) -> Any:
    """The same place in the resource's settings object, when it has one (else None)."""
    target = settings_object(resource.body)
    if not target:
        return None
    try:
        return node_at(ctx.conn.graph.get(target).body, pointer)
    except (IloshellError, KeyError, IndexError, ValueError, TypeError):
        return None


def emit_json(ctx: Context, value: Any) -> None:
    ctx.output.line(dumps(value))


def type_matches(resource: Resource, pattern: str | None) -> bool:
    """The pattern against the type name (``Bios``) and the full @odata.type, with or
    without its leading ``#`` (``#Bios.v1_0_4.Bios`` and ``Bios.v1_0_4.Bios`` alike)."""
    if not pattern:
        return True
    full = (resource.odata_type or "").casefold()
    name = (type_name(full) or "").casefold()
    glob = pattern.casefold()
    if resource.is_collection and "collection" not in glob:
        return False
    return any(fnmatch.fnmatchcase(t, glob) for t in (name, full, full.removeprefix("#")))


def whole_number(text: str | None, option: str) -> int | None:
    """An option's value as a whole number of 0 or more (None when not given)."""
    if text is None:
        return None
    try:
        value = int(text)
    except ValueError:
        raise UsageError(f"{option} takes a whole number, not {text!r}") from None
    if value < 0:
        raise UsageError(f"{option} takes a number of 0 or more")
    return value


def report_crawl_errors(ctx: Context, errors: dict) -> None:
    if errors:
        first = next(iter(errors.values()))
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        ctx.output.warn(f"{len(errors)} resource(s) could not be read: {first}{more}")


def confirm(ctx: Context, assume_yes: bool, what: str, question: str) -> None:
    """Ask before changing the service: the REPL asks [y/N]; scripts need -y."""
    if assume_yes or ctx.settings.assume_yes:
        return
    if ctx.confirm is None:
        raise UsageError(f"{what}: scripts must pass -y to send changes (nothing was sent)")
    if not ctx.confirm(question):
        raise Declined()


def stage_values(
    ctx: Context,
    items: list[tuple[str, Any]],
    assignments: list[Assignment] | None = None,
) -> list[Change]:
    """Validate and stage (path, value) pairs: all of them, or none when any is refused.
    Shared by set, edit and load."""
    conn = ctx.conn
    candidates: list[tuple[Target, Change]] = []
    for path, value in items:
        target = resolve_target(conn.navigator, path, ctx.cwd)
        pointer, staged_value = staged_change(target, value)
        change = Change(
            uri=target.patch.uri,
            pointer=pointer,
            value=staged_value,
            display=target.display,
            etag=target.patch.etag,
            old=target.current(),
            settings_of=target.resource.uri if target.via_settings else None,
        )
        candidates.append((target, change))
    refusals: list[str] = []
    unvalidated: list[str] = []
    for target, change in candidates:
        checked = conn.checker.check(target, [change])
        change.secret = checked.secret
        change.validated = checked.validated
        refusals += [v.reason for v in checked.violations]
        if not checked.validated:
            unvalidated.append(f"{change.display} ({target.resource.odata_type or 'no type'})")
    if refusals:
        raise ValidationError(
            "not staged: " + "; ".join(refusals), hint="explain PATH shows what is allowed"
        )
    if unvalidated and ctx.settings.strict:
        raise ValidationError(
            "not staged: no schema to validate " + ", ".join(unvalidated),
            hint="--strict refuses unvalidated changes",
        )
    staged = []
    for target, change in candidates:
        if noop(target, change):
            existing = conn.stage.changes.get(change.key)
            if existing is not None:
                conn.stage.remove(existing)
                ctx.output.note(f"unstaged {change.display}: back to its current value")
            else:
                ctx.output.note(
                    f"{change.display} is already {display_value(change.value)}; not staged"
                )
            continue
        conn.stage.put(change)
        staged.append(change)
        where = " in the settings object (applies at the next reset)" if change.settings_of else ""
        warning = "" if change.validated else "  [unvalidated: no schema describes it]"
        ctx.output.note(
            f"staged {change.display} = {display_value(change.shown_value())}{where}{warning}"
        )
        earlier = conn.stage.shadowed(change)
        if earlier is not None:
            ctx.output.note(
                f"note: an earlier session staged {display_value(earlier.shown_value())} here too; "
                "that change stays on disk untouched"
            )
    conn.save_stage()
    for line in bios_advice(ctx, [(t, c) for t, c in candidates if c in staged]):
        ctx.output.note(f"note: {line}")
    return staged


def resource_directory(root: Any) -> str | None:
    """HPE's index of every resource, linked from the root as Oem.Hpe.Links.ResourceDirectory."""
    hpe = root.get("Oem", {}).get("Hpe", {}) if isinstance(root, dict) else {}
    link = hpe.get("Links", {}).get("ResourceDirectory") if isinstance(hpe, dict) else None
    return link["@odata.id"] if is_link(link) else None


def bios_advice(ctx: Context, staged: list[tuple[Target, Change]]) -> list[str]:
    """What the attribute registry's dependency rules say about staged BIOS changes: an
    attribute another one locks, and the ones the BIOS will change by itself. Advice only:
    the change is staged either way, as the BIOS decides at the next boot."""
    from iloshell.model.validate import attribute_advice

    advice: list[str] = []
    by_resource: dict[str, tuple[Target, dict[str, Any]]] = {}
    for target, change in staged:
        if change.pointer[:1] != ("Attributes",) or change.secret:
            continue
        values = by_resource.setdefault(target.resource.uri, (target, {}))[1]
        if len(change.pointer) == 2:
            values[change.pointer[1]] = change.value
        elif len(change.pointer) == 1 and isinstance(change.value, dict):
            values.update(change.value)
    for target, values in by_resource.values():
        registry = ctx.conn.checker.attributes_for(target.resource)
        current = target.resource.body.get("Attributes")
        if registry is not None and values:
            current = current if isinstance(current, dict) else {}
            advice += attribute_advice(values, current, registry)
    return advice


def noop(target: Target, change: Change) -> bool:
    """Setting a property to what it already is (and nothing pending says otherwise)."""
    if change.secret:
        return False
    current = target.current()
    pending = target.pending()
    value = change.value
    if change.pointer != target.pointer:  # whole array staged for one element
        current = node_or(target.resource.body, change.pointer, MISSING)
        pending = (
            node_or(target.patch.body, change.pointer, MISSING) if change.settings_of else pending
        )
    return value == current and (pending is MISSING or pending == value)


def display_value(value: Any) -> str:
    """A value as the notes of set and status show it: JSON, or ``(absent)``."""
    if value is MISSING:
        return "(absent)"
    return json.dumps(value, ensure_ascii=False)
