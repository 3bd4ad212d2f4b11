"""Changes that can't hurt: set, unset, discard, status, diff, commit, edit."""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable, Mapping
from typing import Any

from iloshell.commands.context import Context
from iloshell.commands.helpers import confirm, display_value, follow_for, stage_values
from iloshell.commands.messages import describe, message_lines
from iloshell.commands.spec import ASSIGNMENT, PATH, Arg, Args, Option, command
from iloshell.errors import CommandError, IloshellError, UsageError
from iloshell.model.patch import merge_patch
from iloshell.redfish.paths import uri_key
from iloshell.redfish.resource import MASK, Resource, is_secret_name, mask_secrets
from iloshell.redfish.walk import node_or
from iloshell.render.ansi import paint
from iloshell.render.curl import curl_command
from iloshell.render.jsontext import dumps
from iloshell.staging.commit import APPLIED, PENDING, send
from iloshell.staging.plan import PatchRequest, plan
from iloshell.staging.stage import MISSING, Change
from iloshell.staging.target import resolve_target
from iloshell.staging.values import find_operator, parse_assignment, unquote
from iloshell.text import json_text
from iloshell.transport.response import Exchange

GROUP = "change"


@command(
    "set",
    "Stage changes to properties (validated; nothing is sent until commit)",
    group=GROUP,
    args=[Arg("assignments", "PATH=VALUE, PATH:=JSON or PATH==TEXT", "+", ASSIGNMENT, raw=True)],
    description=(
        'VALUE is JSON when it parses as JSON (numbers, true/false/null, "double-quoted" '
        "strings, objects, arrays), otherwise a string; := insists on JSON, == on a string. "
        "Each change is checked against the service's schema for the resource, or DMTF's "
        "bundled one where the service serves none (read-only, "
        "unknown property, type, allowed values, pattern, bounds, length) and, for BIOS "
        "attributes, its attribute registry; a refused change is not staged. Resources with "
        "@Redfish.Settings (BIOS) are changed through their settings object: the change "
        "applies at the next reset. All assignments of one set are staged, or none. When no "
        "schema describes a property (an Oem property, a type DMTF does not define), the change "
        "is staged with an [unvalidated] warning; --strict (or strict = true in the config) "
        "refuses it instead. A value the resource already has, or its settings object already "
        "holds pending, stages nothing (it says already ...), so a script can be run again safely."
    ),
    examples=(
        'set AssetTag="rack 12"',
        "set Boot/BootSourceOverrideTarget=Pxe Boot/BootSourceOverrideEnabled=Once",
        "set /Systems/1/Bios/Attributes/WorkloadProfile=Virtualization-MaxPerformance",
        "set IndicatorLED==Lit",
        'set Boot:={"BootSourceOverrideTarget":"Pxe"}',
    ),
)
def set_(ctx: Context, args: Args) -> None:
    assignments = []
    previous = ""
    for index, raw in enumerate(args.assignments):
        try:
            assignments.append(parse_assignment(raw))
        except UsageError:
            # `set Accounts/2/Password= hunter2`, `Password=two words`: the word after an
            # assignment to a credential is (part of) one
            split = find_operator(previous)
            name = previous[: split[0]] if split else previous
            if previous and is_secret_name(unquote(name).rstrip("/").rsplit("/", 1)[-1]):
                typed = f"{unquote(name)}{split[1] if split else ''}{MASK} {MASK}"
                raise UsageError(
                    f"{typed}: expected PATH=VALUE with no blank around = "
                    "(or PATH:=JSON, PATH==TEXT; quote a value with blanks)"
                ) from None
            if split and previous[split[0] + len(split[1]) :]:  # `set AssetTag=Hello World`
                raise UsageError(quote_hint(previous, args.assignments[index:])) from None
            raise
        previous = raw
    stage_values(ctx, [(a.path, a.value) for a in assignments], assignments)


def quote_hint(assignment: str, rest: list[str]) -> str:
    """``AssetTag=Hello World``: the blank ended the value; show the line with it quoted."""
    words = [unquote(w) for w in rest]
    words = words[: next((i for i, w in enumerate(words) if find_operator(w)), len(words))]
    index, operator = find_operator(assignment) or (0, "=")
    value = " ".join([unquote(assignment[index + len(operator) :]), *words])
    quoted = json.dumps(value, ensure_ascii=False)
    return (
        f"{words[0]!r}: a value with blanks needs quotes: "
        f"set {unquote(assignment[:index])}{operator}{quoted}"
    )


@command(
    "unset",
    "Drop one staged change",
    group=GROUP,
    args=[Arg("path", "the staged property", "1", PATH)],
)
def unset(ctx: Context, args: Args) -> None:
    conn = ctx.conn
    change = find_staged(ctx, args.path)
    conn.stage.remove(change)
    conn.save_stage()
    ctx.output.note(f"unstaged {change.display}")


def find_staged(ctx: Context, path: str) -> Change:
    """The staged change a typed path names (by its display path, or resolved)."""
    conn = ctx.conn
    typed = path if path.startswith("/") else ctx.cwd.display().rstrip("/") + "/" + path
    for change in conn.stage.own():
        if change.display.casefold() == typed.rstrip("/").casefold():
            return change
    try:
        target = resolve_target(conn.navigator, path, ctx.cwd)
    except IloshellError:
        target = None
    if target is not None:
        key = (uri_key(target.patch.uri), target.pointer)
        for change in conn.stage.own():
            if change.key == key or (
                change.key[0] == key[0] and target.pointer[: len(change.pointer)] == change.pointer
            ):
                return change
    raise CommandError(f"{path}: nothing staged there (status lists what is staged)")


@command(
    "discard",
    "Drop staged changes (under PATH, or all with -a)",
    group=GROUP,
    args=[
        Option(("-a", "--all"), "drop every staged change"),
        Arg("path", "drop the changes at or below this path", "?", PATH),
    ],
)
def discard(ctx: Context, args: Args) -> None:
    conn = ctx.conn
    if not args.all and not args.path:
        raise UsageError("discard: give a PATH, or -a to drop every staged change")
    changes = conn.stage.own() if args.all else staged_under(ctx, args.path)
    if not changes and args.all:  # the state asked for is the state there is
        ctx.output.note("nothing staged; nothing to discard")
        return
    if not changes:
        raise CommandError(f"{args.path or '/'}: nothing staged there")
    for change in changes:
        conn.stage.remove(change)
    conn.save_stage()
    ctx.output.note(f"discarded {len(changes)} staged change{'s' * (len(changes) != 1)}")


def staged_under(ctx: Context, path: str | None) -> list[Change]:
    """Own changes at or below a path (display paths, or the resource a path resolves to)."""
    if not path:
        return ctx.conn.stage.own()
    conn = ctx.conn
    absolute = path if path.startswith("/") else ctx.cwd.display().rstrip("/") + "/" + path
    found = conn.stage.matching(absolute)
    if found:
        return found
    try:
        location = conn.navigator.resolve(path, ctx.cwd, ctx.previous)
    except IloshellError:
        return []
    return conn.stage.matching(location.display())


@command("status", "Show the staged changes, per resource", group=GROUP)
def status(ctx: Context, args: Args) -> None:
    conn = ctx.conn
    groups = conn.stage.by_resource()
    if ctx.settings.json:
        ctx.output.line(
            dumps([{**c.to_json(), "value": c.shown_value()} for c in conn.stage.own()])
        )
        return
    if not groups:
        ctx.output.line("nothing staged")
        earlier = len(conn.stage.earlier())
        if earlier:  # status shows what commit would send: not these
            ctx.output.note(
                f"note: {earlier} change{'s' * (earlier != 1)} staged by an earlier session "
                f"{'stays' if earlier == 1 else 'stay'} on disk; this run neither shows nor "
                "sends what it did not stage (start iloshell interactively to review them)"
            )
        return
    color = ctx.settings.color
    lines = []
    for uri, changes in groups.items():
        settings_of = changes[0].settings_of
        head = f"PATCH {uri}"
        if settings_of:
            head += "  (settings object: applies at the next reset)"
        lines.append(paint(head, "bold", color))
        for change in changes:
            old = replaced(change, conn.graph.peek(change.uri) if settings_of else None)
            note = "" if change.validated else "  [unvalidated]"
            if change.reason:
                note += f"  [last commit: {change.reason}]"
            new = paint(display_value(change.shown_value()), "green", color)
            lines.append(f"  {change.display}: {old} -> {new}{note}")
    total = len(conn.stage)
    them = "it" if total == 1 else "them"
    staged = f"{total} change{'s' * (total != 1)} staged"
    lines.append(f"{staged}; commit sends {them}, diff shows {them}")
    ctx.output.lines(lines)


def replaced(change: Change, settings: Resource | None) -> str:
    """What a staged change replaces, as status shows it: only the members an object staged
    whole names, and a value already pending in a settings object beside the current one."""
    if change.secret and not isinstance(change.value, dict):
        return MASK
    old = change.old
    if isinstance(old, dict) and isinstance(change.value, dict):
        old = mask_secrets({k: old.get(k) for k in change.value})
    text = display_value(old)
    if settings is not None:
        pending = node_or(settings.body, change.pointer, MISSING)
        if isinstance(pending, dict) and isinstance(change.value, dict):
            pending = {k: pending.get(k) for k in change.value}
        if pending is not MISSING and pending != old:
            text += f" (pending {display_value(pending)})"
    return text


@command(
    "diff",
    "Show current versus staged values as a unified diff",
    group=GROUP,
    args=[Arg("path", "only the changes at or below this path", "?", PATH)],
)
def diff(ctx: Context, args: Args) -> None:
    conn = ctx.conn
    changes = staged_under(ctx, args.path)
    if not changes:
        ctx.output.line("nothing staged" + (f" under {args.path}" if args.path else ""))
        return
    out: list[str] = []
    for uri, group in conn.stage.by_resource(changes).items():
        base_uri = group[0].settings_of or uri
        current = conn.graph.get(base_uri).body
        staged = apply_changes(current, group)
        label = group[0].display.rsplit("/", len(group[0].pointer))[0] or "/"
        title = f"{label} ({base_uri})"
        if group[0].settings_of:
            title += f" via settings object {uri}"
        out += unified(masked_copy(current, group), staged, title, ctx.settings.color)
    ctx.output.lines(out)


def apply_changes(body: Any, changes: list[Change]) -> Any:
    result = json.loads(json.dumps(body))
    for change in changes:
        node = result
        for part in change.pointer[:-1]:
            node = node[int(part)] if isinstance(node, list) else node.setdefault(part, {})
        key = change.pointer[-1]
        # what the service will hold: objects merged, arrays by Redfish's PATCH rules
        node[key] = merge_patch(node.get(key), staged_value(change))
    return result


def staged_value(change: Change) -> Any:
    """A change's value for a diff, its secrets marked apart from the current value's mask."""
    if not change.secret:
        return change.value
    if isinstance(change.value, dict | list):
        return mask_secrets(change.value, STAGED_SECRET)
    return STAGED_SECRET


# A staged secret in a diff: not the mask the current value shows, or the line would vanish.
STAGED_SECRET = MASK + " (new)"


def masked_copy(body: Any, changes: list[Change]) -> Any:
    """The current body with staged secrets' current values masked as well."""
    secrets = [c for c in changes if c.secret and not isinstance(c.value, dict | list)]
    if not secrets:
        return body
    result = json.loads(json.dumps(body))
    for change in secrets:
        node = result
        try:
            for part in change.pointer[:-1]:
                node = node[int(part)] if isinstance(node, list) else node[part]
            if change.pointer[-1] in node:
                node[change.pointer[-1]] = MASK
        except (KeyError, IndexError, ValueError, TypeError):
            continue
    return result


def unified(before: Any, after: Any, title: str, color: bool) -> list[str]:
    lines = list(
        difflib.unified_diff(
            dumps(before).splitlines(),
            dumps(after).splitlines(),
            fromfile=f"{title} current",
            tofile=f"{title} staged",
            lineterm="",
        )
    )
    if not color:
        return lines
    styles = {"+": "green", "-": "red", "@": "cyan"}
    return [
        paint(line, "bold", True)
        if line.startswith(("+++", "---"))
        else paint(line, styles.get(line[:1], ""), True)
        for line in lines
    ]


@command(
    "commit",
    "Send the staged changes: one PATCH per resource, with If-Match",
    group=GROUP,
    changes_service=True,
    args=[
        Option(("--dry-run",), "print the exact requests and send nothing"),
        Option(("--force",), "send without If-Match (overwrite changes made meanwhile)"),
        Arg("path", "only the changes at or below this path", "?", PATH),
    ],
    description=(
        "Each PATCH carries the ETag the changes were staged against; if the resource changed "
        "meanwhile the service refuses (412) and the changes stay staged. After each PATCH "
        "the resource is read again and every change is reported as applied, pending (a "
        "settings object: applies at the next reset) or not applied (still staged, with the "
        "reason). A PATCH that went without If-Match (the service gave no ETag) is noted. "
        "With nothing staged it says nothing to commit and succeeds. In scripts "
        "commit needs -y."
    ),
    examples=("commit", "commit --dry-run", "commit -y /Systems/1"),
)
def commit(ctx: Context, args: Args) -> None:
    conn = ctx.conn
    changes = staged_under(ctx, args.path)
    if not changes:  # a success: a re-run of a script that is done changes nothing
        ctx.output.note("nothing to commit" + (f" under {args.path}" if args.path else ""))
        return
    requests = plan(conn.stage.by_resource(changes), force=args.force)
    if args.dry_run:
        ctx.output.lines(
            render_requests(conn.client.url, conn.auth.headers(), requests, conn.insecure)
        )
        ctx.output.note("dry run: nothing was sent")
        return
    count = len(changes)
    question = (
        "\n".join(f"PATCH {r.uri}  {json_text(r.shown_body())}" for r in requests)
        + f"\nSend {count} change{'s' * (count != 1)}?"
    )
    confirm(ctx, args.yes, "commit", question)
    report = send(conn.graph, requests, lambda err: describe(err, conn), follow_for(ctx))
    for request in requests if not args.force else ():
        if "If-Match" not in request.headers:  # one line per resource, not per change
            ctx.output.note(
                f"note: PATCH {request.uri} went without If-Match: the service gave no ETag, "
                "so nothing checked that the resource was unchanged since it was read"
            )
    hook = ctx.extras.get("after_commit")  # a fleet run counts the outcomes per host
    if hook is not None:
        hook(report.outcomes)
    for outcome in report.outcomes:
        change = outcome.change
        if outcome.status in (APPLIED, PENDING):
            conn.stage.remove(change)
        else:
            change.reason = outcome.detail
    conn.save_stage()
    lines = []
    color = ctx.settings.color
    for outcome in report.outcomes:
        change = outcome.change
        value = display_value(change.shown_value())
        if outcome.status == APPLIED:
            lines.append(paint(f"applied      {change.display} = {value}", "green", color))
        elif outcome.status == PENDING:
            lines.append(
                paint(
                    f"pending      {change.display} = {value} (applies at the next reset)",
                    "yellow",
                    color,
                )
            )
        else:
            lines.append(
                paint(
                    f"{outcome.status:<12} {change.display} = {value}: "
                    f"{outcome.detail} (still staged)",
                    "red",
                    color,
                )
            )
    ctx.output.lines(lines)
    info = [m for m in report.messages if not str(m.get("MessageId", "")).endswith(".Success")]
    for line in message_lines(info, conn):
        ctx.output.note(f"service: {line}")
    if report.reset_needed:
        ctx.output.note(
            "The service reports that a reset is needed for these changes to take effect "
            "(for example: invoke /Systems/1 Reset ResetType=GracefulRestart)."
        )
    if report.failed:
        from iloshell.errors import ServiceError

        failed = len(report.failed)
        raise ServiceError(
            f"{failed} of {count} change{'s' * (count != 1)} not applied; "
            "they stay staged (status shows why)"
        )


def render_requests(
    url_of: Callable[[str], str],
    auth_headers: Mapping[str, str],
    requests: list[PatchRequest],
    insecure: bool = False,
) -> list[str]:
    """The exact requests as the runnable curl lines ``trace`` prints (credentials masked
    by the same rule), so a dry run can be pasted, checked and sent by hand."""
    lines = []
    for request in requests:
        headers = {"Content-Type": "application/json", **request.headers, **auth_headers}
        body = json_text(request.shown_body()).encode()
        exchange = Exchange("PATCH", url_of(request.uri), headers, body)
        lines.append(curl_command(exchange, insecure=insecure))
    return lines
