"""Requests that are not property changes: invoke (actions), create (POST), rm (DELETE), and
raw, the escape hatch for anything else."""

from __future__ import annotations

import json
from typing import Any

from iloshell.commands.context import Context
from iloshell.commands.helpers import confirm, follow_for
from iloshell.commands.messages import message_lines
from iloshell.commands.spec import (
    ACTION,
    COLLECTION_PATH,
    METHOD,
    PARAMETER,
    PATH,
    TEXT,
    Arg,
    Args,
    Option,
    command,
)
from iloshell.errors import (
    CommandError,
    IloshellError,
    ServiceError,
    UsageError,
    ValidationError,
)
from iloshell.graph.graph import service_error
from iloshell.redfish.actions import action_pointers, available_actions, find_action
from iloshell.redfish.paths import is_below, uri_key
from iloshell.redfish.protocol import HTTP_METHODS
from iloshell.redfish.resource import Resource, is_link, mask_secrets
from iloshell.redfish.walk import Location
from iloshell.render.curl import header_shown
from iloshell.render.jsontext import pretty
from iloshell.staging.values import find_operator, parse_assignment, unquote
from iloshell.storage import read_user_file
from iloshell.transport.response import Response

GROUP = "act"


@command(
    "invoke",
    "Run an action (Reset, ClearLog, ...) with parameters",
    group=GROUP,
    changes_service=True,
    args=[
        Arg(
            "action", "[PATH] ACTION: the action, e.g. Reset or #ComputerSystem.Reset", "1", ACTION
        ),
        Arg(
            "params",
            "ACTION (when PATH came first) and Param=Value parameters",
            "*",
            PARAMETER,
            raw=True,
        ),
    ],
    description=(
        "Parameters are checked against the action's @Redfish.AllowableValues, its "
        "ActionInfo resource and the schema's action definition before anything is sent; a "
        "parameter none of them names is refused. The request is a POST to the action's "
        "target. Values follow set's rules (JSON when it parses as JSON)."
    ),
    examples=(
        "invoke /Systems/1 Reset ResetType=ForceRestart",
        "invoke Reset ResetType=On",
        "invoke /Managers/1/LogServices/IEL ClearLog",
    ),
)
def invoke(ctx: Context, args: Args) -> None:
    conn = ctx.conn
    words = list(args.params)
    if words and find_operator(words[0]) is None:
        location = conn.navigator.resolve(args.action, ctx.cwd, ctx.previous)
        action_name = unquote(words.pop(0))
    else:
        location, action_name = ctx.cwd, args.action
        if not words and "/" in action_name:
            raise missing_action(ctx, action_name)
    resource = conn.graph.get(location.uri)
    here = conn.navigator.value(location)
    key, action = find_action(here, action_name)
    target = action.get("target")
    if not isinstance(target, str):
        raise CommandError(f"{key}: the service gives no target URI for this action")
    params = {}
    for word in words:
        assignment = parse_assignment(word)
        params[assignment.path] = assignment.value
    action_info = fetch_action_info(ctx, action)
    from iloshell.model.validate import check_action

    schema = conn.checker.schema_for(resource)  # the service's, else the bundled DMTF one
    action_schema = schema.actions().get(key) if schema is not None else None
    violations = check_action(params, action, action_info, action_schema=action_schema)
    if violations:
        name = key.lstrip("#")
        raise ValidationError(
            f"{name}: not sent: " + "; ".join(said_once(name, v.reason) for v in violations),
            hint=f"explain {action_place(location, here, key).display()} shows the allowed values",
        )
    shown = json.dumps(mask_secrets(params))
    confirm(ctx, args.yes, "invoke", f"POST {target}  {shown}\nRun {key.lstrip('#')}?")
    response = conn.graph.write(
        "POST", target, params, below=resource.uri, where=f"the target of {key}"
    )
    if not response.ok:
        raise service_error(response)
    if response.status == 202 and response.location:
        task = follow_for(ctx)(response)
        conn.graph.forget_touched(target, below=resource.uri)
        ctx.output.lines(message_lines(task.messages, conn))
        if not task.ok:
            raise ServiceError(f"{key.lstrip('#')}: {task.summary()}", status=task.response.status)
        ctx.output.line(f"{key.lstrip('#')} done: {task.summary()}")
        return
    report_success(ctx, response, f"{key.lstrip('#')} done")


def action_place(location: Location, node: Any, key: str) -> Location:
    """Where the action ``key`` sits below ``location``, for a hint naming it."""
    for pointer in action_pointers(node):
        if pointer[-1] == key:
            for part in pointer:
                location = location.child(part)
    return location


def missing_action(ctx: Context, path: str) -> CommandError:
    """``invoke /Systems/1`` alone: a path without an action, often because an unquoted
    ``# ...`` after it was read as a comment."""
    location = ctx.conn.navigator.resolve(path, ctx.cwd, ctx.previous)
    offered = available_actions(ctx.conn.navigator.value(location))
    names = ", ".join(k.lstrip("#").rsplit(".", 1)[-1] for k in offered) or "none"
    return CommandError(
        f"invoke {path}: which action? (this resource offers: {names})",
        hint=f"write invoke {path} ACTION; a # followed by a blank starts a comment",
    )


def fetch_action_info(ctx: Context, action: dict) -> dict | None:
    uri = action.get("@Redfish.ActionInfo")
    if not isinstance(uri, str):
        return None
    try:
        body = ctx.conn.graph.get(uri).body
    except IloshellError:
        ctx.output.warn(f"cannot read the ActionInfo at {uri}; checking AllowableValues only")
        return None
    return body if isinstance(body, dict) else None


def report_success(ctx: Context, response: Response, default: str) -> None:
    """Say what the service said (resolved), or that it worked."""
    info = response.extended_info()
    ctx.output.lines(message_lines(info, ctx.conn) or [default])


def read_body(raw_word: str) -> Any:
    """A JSON body given inline or as @FILE. The word arrives as typed, so JSON's double
    quotes survive without extra shell quoting (``{"a": 1}`` as much as ``'{"a": 1}'``)."""
    try:
        return json.loads(raw_word)
    except (ValueError, RecursionError):
        text = unquote(raw_word)
    if text.startswith("@"):
        text = read_user_file(text[1:], "a request body")
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as err:  # RecursionError: nested too deeply
        raise UsageError(f"the body is not valid JSON: {err}") from None


@command(
    "create",
    "Create a member of a collection (POST), e.g. an account",
    group=GROUP,
    changes_service=True,
    args=[
        Arg("collection", "the collection to add to", "1", COLLECTION_PATH),
        Arg("body", "the new member as JSON (the rest of the line), or @FILE", "+", TEXT, raw=True),
    ],
    description="The body is checked against the schema of the collection's members (read-only "
    "and unknown properties, types, allowed values) when the service offers one.",
    examples=(
        "create /AccountService/Accounts "
        '\'{"UserName": "ops", "Password": "S3cret-pass", "RoleId": "Operator"}\'',
    ),
)
def create(ctx: Context, args: Args) -> None:
    conn = ctx.conn
    location = conn.navigator.resolve(args.collection, ctx.cwd, ctx.previous)
    collection = conn.graph.get(location.uri)
    if location.pointer or not collection.is_collection:
        raise CommandError(f"{location.display()} is not a collection; create adds members")
    body = read_body(" ".join(args.body))
    if not isinstance(body, dict):
        raise UsageError("create: the body must be a JSON object")
    check_new_member(ctx, collection, body)
    shown = json.dumps(mask_secrets(body))
    confirm(ctx, args.yes, "create", f"POST {collection.uri}  {shown}\nCreate it?")
    response = conn.graph.write("POST", collection.uri, body)
    if not response.ok:
        raise service_error(response)
    where = response.location or created_id(response)
    ctx.output.line(f"created {where}" if where else "created")


def said_once(name: str, reason: str) -> str:
    """A reason without the action's name the error already leads with:
    ``ComputerSystem.Reset: not sent: ResetType 'Foo' is not allowed``, said once."""
    if reason.startswith(f"{name}: "):
        return reason[len(name) + 2 :]
    if reason.startswith(f"{name} "):
        return "it " + reason[len(name) + 1 :]
    return reason


def check_new_member(ctx: Context, collection: Resource, body: dict) -> None:
    """Validate against the schema of the members (the type of an existing member)."""
    members = collection.members()
    if not members:
        ctx.output.warn("no existing member to learn the type from: not validated")
        return
    sample = ctx.conn.graph.get(members[0])
    schema = ctx.conn.checker.schema_for(sample)
    if schema is None:
        ctx.output.warn(f"no schema for {sample.odata_type}: not validated")
        return
    from iloshell.model.validate import check_patch

    violations = check_patch(body, {}, schema)
    if violations:
        raise ValidationError("not sent: " + "; ".join(v.reason for v in violations))


def created_id(response: Response) -> str | None:
    try:
        body = response.json()
    except IloshellError:
        return None
    return body.get("@odata.id") if isinstance(body, dict) else None


@command(
    "rm",
    "Delete a resource (DELETE), e.g. an account or a session",
    group=GROUP,
    changes_service=True,
    args=[
        Arg("path", "the resource to delete", "1", PATH),
    ],
    examples=("rm /AccountService/Accounts/3",),
)
def rm(ctx: Context, args: Args) -> None:
    conn = ctx.conn
    location = conn.navigator.resolve(args.path, ctx.cwd, ctx.previous)
    if location.pointer:
        raise CommandError(f"{location.display()} is inside a resource; rm deletes resources")
    resource = conn.graph.get(location.uri)
    if own_session(ctx, resource):
        raise CommandError("that is this shell's own session; use logout")
    confirm(ctx, args.yes, "rm", f"DELETE {resource.uri}\nDelete it?")
    response = conn.graph.write("DELETE", resource.uri)
    parent = parent_of(ctx, location)
    if not response.ok:
        raise service_error(response)
    ctx.output.line(f"deleted {resource.uri}")
    if ctx.cwd.uri and is_below(ctx.cwd.uri, resource.uri):
        ctx.move(parent or conn.navigator.root())


def own_session(ctx: Context, resource: Resource) -> bool:
    session = getattr(ctx.conn.auth, "session_uri", None)
    return bool(session) and uri_key(session) == resource.key


def parent_of(ctx: Context, location: Location) -> Location | None:
    try:
        return ctx.conn.navigator.parent(location)
    except IloshellError:
        return None


@command(
    "raw",
    "Send any request as is (no validation): the escape hatch",
    group=GROUP,
    changes_service=True,
    args=[
        Option(("-i", "--include"), "print the response headers"),
        Arg(
            "method",
            "GET, HEAD, POST, PATCH, PUT or DELETE",
            "1",
            METHOD,
            choices=HTTP_METHODS + tuple(m.lower() for m in HTTP_METHODS),
        ),
        Arg("uri", "the URI, e.g. /redfish/v1/Systems/1", "1", PATH),
        Arg("body", "JSON body (the rest of the line), or @FILE", "*", TEXT, raw=True),
    ],
    description=(
        "Nothing is validated: raw says so and, for anything but GET and HEAD, asks first "
        "(scripts need -y). Errors are explained from the service's registries as everywhere "
        "else, and the cached copy of the URI is refreshed."
    ),
    examples=(
        "raw GET /redfish/v1/",
        "raw -i HEAD /redfish/v1/Systems/1",
        'raw PATCH /redfish/v1/Systems/1 \'{"AssetTag": "x"}\'',
    ),
)
def raw(ctx: Context, args: Args) -> None:
    conn = ctx.conn
    method = args.method.upper()
    uri = args.uri if args.uri.startswith(("/", "http")) else resolve_uri(ctx, args.uri)
    body = read_body(" ".join(args.body)) if args.body else None
    if method not in ("GET", "HEAD"):
        ctx.output.warn("raw requests are not validated")
        shown = json.dumps(mask_secrets(body)) if body is not None else ""
        confirm(ctx, args.yes, "raw", f"{method} {uri}  {shown}\nSend it unvalidated?")
    if method in ("GET", "HEAD"):
        response = conn.client.request(method, uri, body)
        conn.graph.invalidate(uri)  # the next cd/cat shows what raw showed
    else:
        response = conn.graph.write(method, uri, body)
    lines = [f"HTTP {response.status} {response.reason}".rstrip()]
    if args.include:
        lines += [f"{k}: {header_shown(k, v)}" for k, v in response.headers.items()]
    ctx.output.lines(lines)
    if response.body:
        ctx.output.line(render_body(ctx, response))
    if not response.ok:
        raise service_error(response)
    for line in message_lines(response.extended_info(), conn):
        ctx.output.note(f"service: {line}")


def resolve_uri(ctx: Context, text: str) -> str:
    """A shell path given to raw: the URI of what it names."""
    location = ctx.conn.navigator.resolve(text, ctx.cwd, ctx.previous)
    if location.pointer:  # a request goes to a whole resource: never drop the rest silently
        inside = "/".join(location.pointer)
        raise UsageError(
            f"raw: {text} is {inside} inside {location.uri}, not a resource "
            f"(raw GET {location.uri}, or cat {text})"
        )
    return location.uri


def render_body(ctx: Context, response: Response) -> str:
    try:
        body = response.json()
    except IloshellError:
        return response.body.decode("utf-8", "replace")
    body = mask_secrets(body)
    if is_link(body):
        return json.dumps(body)
    return pretty(body, color=ctx.settings.color, style=ctx.settings.style)
