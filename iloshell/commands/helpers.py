"""What several commands share, in one place: resolving a typed path, JSON output, the
settings object's pending values, asking before a change, and staging validated values.

Command modules import this module and never each other, so a command group can change (or
move) without pulling the others along.
"""

from __future__ import annotations

import fnmatch
import json
from collections.abc import Callable
from typing import Any

from iloshell.commands.context import Context
from iloshell.commands.runner import Declined
from iloshell.errors import (
    EXIT_OK,
    CommandError,
    IloshellError,
    ServiceError,
    UsageError,
    ValidationError,
)
from iloshell.graph.crawl import CrawlResult
from iloshell.redfish.resource import Resource, is_link, type_name
from iloshell.redfish.walk import Location, node_at, node_or
from iloshell.render.jsontext import dumps, scalar
from iloshell.staging.stage import MISSING, Change, changes_nothing
from iloshell.staging.target import Target, resolve_target, settings_object, staged_change
from iloshell.staging.values import Assignment
from iloshell.text import json_text
from iloshell.transport.response import Response
from iloshell.transport.task import TaskResult, follow_task


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
    """A warning (snapshot, graph, learn): what they write says what it holds."""
    if errors:
        ctx.output.warn(unread(list(errors.values())))


def unread(errors: list) -> str:
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return f"{len(errors)} resource(s) could not be read: {errors[0]}{more}"


class Incomplete(ServiceError):
    """A command printed what it could, but some of it is missing (exit 5, as the failures
    behind it are the service's)."""


def crawl_gaps(ctx: Context, result: CrawlResult) -> list[str]:
    """What a crawl could not read: resources, and member lists cut short. Entries of iLO's
    ResourceDirectory that no link leads to and that cannot be read are a stale index, not a
    gap in the output: a warning."""
    if result.stale:
        ctx.output.warn(unread(list(result.stale.values())) + " (stale ResourceDirectory entries)")
    gaps = [unread(list(result.errors.values()))] if result.errors else []
    return gaps + [v.resource.incomplete for v in result.visits if v.resource.incomplete]


def report_incomplete(ctx: Context, gaps: list[str]) -> None:
    """After the output: say what is missing from it, and fail, so a script does not take a
    partial listing for the whole (``--partial-ok`` makes it a warning)."""
    if not gaps:
        return
    text = "; ".join(dict.fromkeys(gaps)) + " (the output is incomplete)"
    if ctx.settings.partial_ok:
        ctx.output.warn(text)
        return
    raise Incomplete(text, hint="--partial-ok accepts an incomplete result")


def follow_for(ctx: Context) -> Callable[[Response], TaskResult]:
    """How commit and invoke follow a 202's task: progress on stderr, ``--task-timeout``."""
    return lambda accepted: follow_task(
        ctx.conn.client, accepted, wait=ctx.settings.task_timeout, progress=ctx.output.note
    )


def confirm(ctx: Context, assume_yes: bool, what: str, question: str) -> None:
    """Ask before changing the service: the REPL asks [y/N]; scripts need -y. A check run
    (``iloshell --hosts --check``) shows the request instead and sends nothing."""
    if ctx.extras.get("check"):
        ctx.output.lines(question.splitlines()[:-1])
        raise NotSent(what)
    if assume_yes or ctx.settings.assume_yes:
        return
    if ctx.confirm is None:
        raise UsageError(f"{what}: scripts must pass -y to send changes (nothing was sent)")
    if not ctx.confirm(question):
        raise Declined()


class NotSent(Declined):
    """A check run reached a request that changes the service: it was shown, not sent, and
    the script goes on (exit code 0), so every later step is checked too."""

    exit_code = EXIT_OK

    def __init__(self, what: str) -> None:
        CommandError.__init__(self, f"check: {what} not sent")


def resource_directory(root: Any) -> str | None:
    """HPE's index of every resource, linked from the root as Oem.Hpe.Links.ResourceDirectory."""
    hpe = root.get("Oem", {}).get("Hpe", {}) if isinstance(root, dict) else {}
    link = hpe.get("Links", {}).get("ResourceDirectory") if isinstance(hpe, dict) else None
    return link["@odata.id"] if is_link(link) else None


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
        if pointer[-1:] == ("@odata.etag",):
            raise ValidationError(
                f"not staged: {target.display} is the version the service gives the resource; "
                "no PATCH sets it (commit sends it as If-Match by itself)"
            )
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
    refused: list[tuple[Target, list[str]]] = []  # each refused place and its Base messages
    for index, (target, change) in enumerate(candidates):
        checked = conn.checker.check(target, [change])
        change.secret = checked.secret
        change.validated = checked.validated
        for violation in checked.violations:
            fix = None
            if assignments is not None and violation.message == "PropertyValueTypeError":
                fix = retyped(assignments[index], violation.reason)
            refusals.append(violation.reason + (f"; write {fix}" if fix else ""))
        if checked.violations:
            refused.append((target, [v.message for v in checked.violations]))
        if not checked.validated:
            unvalidated.append(f"{change.display} ({target.resource.odata_type or 'no type'})")
    if refusals:
        target, messages = refused[0]
        listed = "Tab after = lists the values; " if "PropertyValueNotInList" in messages else ""
        raise ValidationError(
            "not staged: " + "; ".join(refusals),
            hint=f"{listed}explain {target.display} shows what is allowed",
        )
    if unvalidated and ctx.settings.strict:
        raise ValidationError(
            "not staged: no schema to validate " + ", ".join(unvalidated),
            hint="--strict refuses unvalidated changes",
        )
    staged, notes = [], []
    for target, change in candidates:
        if changes_nothing(change.value):
            notes.append(f"{change.display}: an empty object changes nothing; not staged")
            continue
        if noop(target, change):
            existing = conn.stage.changes.get(change.key)
            if existing is not None:
                conn.stage.remove(existing)
                notes.append(f"unstaged {change.display}: back to its current value")
            else:
                notes.append(
                    f"{change.display} is already {display_value(change.value)}; not staged"
                )
            continue
        if already_pending(target, change):
            existing = conn.stage.changes.get(change.key)
            if existing is not None:
                conn.stage.remove(existing)
            notes.append(
                f"{change.display} is already pending {display_value(change.value)} "
                "(applies at the next reset); not staged"
            )
            continue
        conn.stage.put(change)
        staged.append(change)
        where = " in the settings object (applies at the next reset)" if change.settings_of else ""
        warning = "" if change.validated else "  [unvalidated: no schema describes it]"
        notes.append(
            f"staged {change.display} = {display_value(change.shown_value())}{where}{warning}"
        )
        earlier = conn.stage.shadowed(change)
        if earlier is not None:
            notes.append(
                f"note: an earlier session staged {display_value(earlier.shown_value())} here too; "
                "that change stays on disk untouched"
            )
    conn.save_stage()  # on disk before anything is said: printing must not lose a stage
    for note in notes:
        ctx.output.note(note)
    for line in bios_advice(ctx, [(t, c) for t, c in candidates if c in staged]):
        ctx.output.note(f"note: {line}")
    return staged


def retyped(assignment: Assignment, reason: str) -> str | None:
    """The assignment written so that its value has the type the schema wants, for a type
    error: ``AssetTag=5`` is the number 5, ``AssetTag="5"`` (or ``AssetTag==5``) the string."""
    path, value = assignment.path, assignment.value
    wants = reason.rpartition("it must be ")[2]
    if "string" in wants and value is not None and not isinstance(value, str | dict | list):
        text = json.dumps(value)
        return f'{path}="{text}" (or {path}=={text})'
    if isinstance(value, str) and "string" not in wants:
        try:
            parsed = json.loads(value)
        except ValueError:
            return None
        if not isinstance(parsed, str):
            return f"{path}={value} (no quotes: quotes make a string; or {path}:={value})"
    return None


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


def already_pending(target: Target, change: Change) -> bool:
    """The settings object already holds this value for the next reset: sending it again
    would change nothing, so a re-run of a script reports no change until the reset."""
    if change.secret or not change.settings_of or change.pointer != target.pointer:
        return False
    return target.pending() == change.value


def display_value(value: Any) -> str:
    if value is MISSING:
        return "(absent)"
    return json_text(value)


def where_matches(body: Any, parts: tuple[str, ...], expected: str) -> bool:
    """Whether the value at ``parts`` reads as ``expected`` (``find -where``, ``wait``): a
    string as itself, anything else as its JSON or its plain form."""
    value = node_or(body, parts, MISSING)
    if value is MISSING:
        return False
    if isinstance(value, str):
        return value == expected
    return json_text(value) == expected or scalar(value) == expected
