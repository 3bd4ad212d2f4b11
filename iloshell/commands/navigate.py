"""Walking the graph: pwd, cd, ls, cat, get, tree, find, refresh."""

from __future__ import annotations

import fnmatch
from typing import Any

from iloshell.commands.context import Context
from iloshell.commands.helpers import (
    crawl_gaps,
    emit_json,
    pending_node,
    report_incomplete,
    resolve_path,
    type_matches,
    unread,
    where_matches,
    whole_number,
)
from iloshell.commands.spec import NUMBER, PATH, PLACE, TYPE, Arg, Args, Option, command
from iloshell.errors import CommandError, IloshellError, UsageError
from iloshell.graph.crawl import Visit, crawl
from iloshell.model.patch import NOT_SETTINGS
from iloshell.redfish.paths import pointer_parts, uri_key
from iloshell.redfish.resource import (
    ARRAY,
    COLLECTION,
    LINK,
    OBJECT,
    RESOURCE,
    VALUE,
    Entry,
    Resource,
    entries,
    type_name,
)
from iloshell.redfish.walk import Location, node_or, path_text
from iloshell.render.ansi import paint, visible_len
from iloshell.render.jsontext import pretty, scalar, short, terminal_safe
from iloshell.staging.target import settings_object
from iloshell.text import json_text

GROUP = "navigate"


@command(
    "pwd",
    "Print the current path (and its URI with -u)",
    group=GROUP,
    args=[Option(("-u", "--uri"), "print the resource URI (and #pointer) instead")],
)
def pwd(ctx: Context, args: Args) -> None:
    where = ctx.cwd
    uri = where.uri + (f"#{path_text(where.pointer)}" if where.pointer else "")
    if ctx.settings.json:
        emit_json(ctx, {"path": where.display(), "uri": uri})
    else:
        ctx.output.line(uri if args.uri else where.display())


@command(
    "cd",
    "Change the current resource or object",
    group=GROUP,
    args=[Arg("path", "where to go: a name, a path, .., - or a /redfish/v1/... URI", "?", PLACE)],
    description=(
        'A path walks links ({"@odata.id": ...}), collection members (by the last segment of '
        "their URI), Links/..., array elements by index and embedded objects. Letter case and "
        "trailing slashes never matter. Without PATH, go to the service root; - goes back."
    ),
    examples=("cd Systems/1/Boot", "cd ..", "cd -", "cd /redfish/v1/Chassis/1/Thermal#/Fans/0"),
)
def cd(ctx: Context, args: Args) -> None:
    target = resolve_path(ctx, args.path or "/")
    value = ctx.conn.navigator.value(target)
    if not isinstance(value, dict | list):
        raise CommandError(f"{target.display()}: is a value, not a resource or object (use cat)")
    ctx.move(target)


@command(
    "ls",
    "List what a resource or object contains",
    group=GROUP,
    args=[
        Option(("-l", "--long"), "add type, value or member count, and read-only/writable"),
        Option(("-a", "--all"), "include @odata and other annotation properties"),
        Arg("paths", "what to list (default: the current place)", "*", PATH),
    ],
    description=(
        "Each name is marked as a resource or collection (a link you can cd into), an "
        "embedded object or array (also cd-able), or a value. -l fetches the linked resources "
        "(concurrently) to show their type or member count."
    ),
    examples=("ls", "ls -l Systems", "ls -a /"),
)
def ls(ctx: Context, args: Args) -> None:
    targets = args.paths or [""]
    listings = []
    gaps: list[str] = []
    for text in targets:
        location = resolve_path(ctx, text)
        rows = listing(ctx, location, long=args.long, all_=args.all, gaps=gaps)
        listings.append((text, location, rows))
    if ctx.settings.json:
        data = [rows for _, _, rows in listings]
        emit_json(ctx, data[0] if len(data) == 1 else dict(zip(targets, data, strict=True)))
    else:
        for index, (text, _, rows) in enumerate(listings):
            if len(listings) > 1:
                ctx.output.line(("\n" if index else "") + f"{text}:")
            ctx.output.lines(format_rows(rows, long=args.long, color=ctx.settings.color))
    report_incomplete(ctx, gaps)


def listing(
    ctx: Context, location: Location, *, long: bool, all_: bool, gaps: list[str]
) -> list[dict]:
    """The rows of an ls: entries with their kind, and for -l details from fetched targets.
    What could not be read (a member list cut short, links that failed) goes to ``gaps``."""
    conn = ctx.conn
    resource = conn.graph.get(location.uri)
    node = conn.navigator.value(location)
    if not isinstance(node, dict | list):
        return [{"name": location.path[-1] if location.path else "/", "kind": VALUE, "value": node}]
    found = [e for e in entries(node, top_level=not location.pointer) if all_ or not e.annotation]
    links = [e.target for e in found if e.target and not e.member]
    failed: list = []
    if resource.incomplete and not location.pointer:
        gaps.append(resource.incomplete)
    if long and resource.is_collection and not location.pointer:
        failed += conn.graph.expand(resource, ctx.cancel)
    if links:
        answers = conn.graph.get_many(links, ctx.cancel)
        if long:  # without -l a link that fails is still listed as a link: nothing is missing
            failed += [a for a in answers.values() if isinstance(a, IloshellError)]
    if failed:
        gaps.append(unread(failed))
    access = writable_map(ctx, resource, location, found) if long else {}
    rows = [row(conn.graph, e, access, long) for e in found]
    pending = pending_node(ctx, resource, location.pointer) if long else None
    if isinstance(pending, dict):
        for r in rows:
            if "value" in r and r["name"] in pending and pending[r["name"]] != r["value"]:
                r["pending"] = pending[r["name"]]
    return rows


def writable_map(
    ctx: Context, resource: Resource, location: Location, found: list[Entry]
) -> dict[str, bool]:
    """Entry name -> writable, from the resource's schema and, in a Bios resource's
    ``Attributes``, its attribute registry (see :func:`access_column`)."""
    schemas = getattr(ctx.conn, "schemas", None)
    if schemas is None or not resource.odata_type:
        return {}
    try:
        schema = schemas.for_type(resource.odata_type)
        registry = None
        if location.pointer == ("Attributes",):
            registry = ctx.conn.checker.attributes_for(resource)
    except Exception:  # a broken schema must not break ls
        return {}
    return access_column(schema, registry, location.pointer, found)


def access_column(
    schema: Any, registry: Any, pointer: tuple[str, ...], found: list[Entry]
) -> dict[str, bool]:
    """ls -l's rw/ro column by the one access rule (:func:`property_access`): entry name ->
    writable. A collection's members take the access of ``Members``; names nothing answers
    for are left out (ls shows them blank)."""
    from iloshell.model.access import property_access  # the schema code loads on first use

    out: dict[str, bool] = {}
    for entry in found:
        name = "Members" if entry.member else entry.name
        known = property_access(schema, (*pointer, name), registry).writable
        if known is not None:
            out[entry.name] = known
    return out


def row(graph: Any, entry: Entry, access: dict[str, bool], long: bool) -> dict:
    kind = entry.kind
    out: dict[str, Any] = {"name": entry.name, "kind": kind}
    if entry.target:
        out["uri"] = entry.target
        target = graph.peek(entry.target)
        if target is not None:
            out["kind"] = COLLECTION if target.is_collection else RESOURCE
            if long:
                out["type"] = type_name(target.odata_type)
                if target.is_collection:
                    out["members"] = len(target.members())
        elif kind == LINK:
            out["kind"] = RESOURCE if entry.member else LINK
    elif kind == VALUE:
        out["value"] = entry.value
    elif kind == OBJECT:
        out["properties"] = len(entry.value)
    elif kind == ARRAY:
        out["items"] = len(entry.value)
    if entry.name in access:
        out["writable"] = access[entry.name]
    return out


def format_rows(rows: list[dict], *, long: bool, color: bool) -> list[str]:
    names = [display_name(r, color) for r in rows]
    width = max((visible_len(n) for n in names), default=0) + 2
    lines = []
    for name, r in zip(names, rows, strict=True):
        pad = " " * (width - visible_len(name))
        if not long:
            lines.append(f"{name}{pad}{r['kind']}")
            continue
        detail = terminal_safe(detail_of(r))
        if "pending" in r:
            detail += paint(
                f"  -> {short(r['pending'])} pending (at the next reset)", "yellow", color
            )
        rw = {True: "rw", False: "ro"}.get(r.get("writable"), "")
        lines.append(f"{name}{pad}{r['kind']:<11} {rw:<3} {detail}".rstrip())
    return lines


def display_name(r: dict, color: bool) -> str:
    name = terminal_safe(r["name"])
    if r["kind"] in (RESOURCE, COLLECTION, LINK):
        style = "collection" if r["kind"] == COLLECTION else "link"
        return paint(name + "/", style, color)
    if r["kind"] in (OBJECT, ARRAY):
        return paint(name, "yellow", color)
    return name


def detail_of(r: dict) -> str:
    if "members" in r:
        count = r["members"]
        return f"{r.get('type') or ''} {count} member{'s' if count != 1 else ''}".strip()
    if "type" in r:
        return r["type"] or ""
    if "value" in r:
        return short(r["value"])
    if "properties" in r:
        count = r["properties"]
        return f"{count} propert{'y' if count == 1 else 'ies'}"
    if "items" in r:
        count = r["items"]
        return f"{count} item{'s' if count != 1 else ''}"
    return ""


@command(
    "cat",
    "Print a resource, object or value as JSON",
    group=GROUP,
    args=[
        Option(("--raw",), "print the body exactly as the service sent it"),
        Option(
            ("--pending",),
            "show each value beside the one staged here or waiting in the settings object",
        ),
        Arg("path", "what to print (default: the current place)", "?", PATH),
    ],
    description=(
        "JSON is indented, in the service's own key order, and coloured on a terminal. A "
        "resource with @Redfish.Settings (BIOS on iLO) takes changes in its settings object "
        "until the next reset: --pending lists each value with the one waiting there and "
        "the one staged in this session and not yet committed (marked staged), differences "
        "first."
    ),
    examples=(
        "cat Systems/1",
        "cat Systems/1/Boot/BootSourceOverrideTarget",
        "cat --raw /",
        "cat --pending /Systems/1/Bios/Attributes",
    ),
)
def cat(ctx: Context, args: Args) -> None:
    location = resolve_path(ctx, args.path)
    conn = ctx.conn
    resource = conn.graph.get(location.uri)
    value = conn.navigator.value(location)
    if not location.pointer:
        note_odd_body(ctx, resource)
    if args.pending:
        show_pending(ctx, resource, location, value)
        return
    if args.raw:
        if not location.pointer and not resource.raw:  # cached from a $expand: ask for it
            conn.graph.invalidate(resource.uri)
            resource = conn.graph.get(resource.uri)
        raw = resource.raw.decode("utf-8", "replace") if not location.pointer else None
        ctx.output.line(raw if raw is not None else json_text(value))
        return
    color = ctx.settings.color and not ctx.settings.json
    ctx.output.line(pretty(value, color=color, style=ctx.settings.style))


def show_pending(ctx: Context, resource: Resource, location: Location, value: Any) -> None:
    """Current values beside what comes next: the value waiting in the settings object
    (applies at the next reset) and the value staged here and not yet committed (what
    commit would send); the ones that differ first."""
    target = settings_object(resource.body)
    staged = staged_leaves(ctx, resource, location.pointer)
    if not target and not staged:
        raise CommandError(
            f"{location.display()}: nothing staged here, and {resource.uri} has no settings "
            "object, so nothing is pending (cat shows its values)"
        )
    pending = pending_node(ctx, resource, location.pointer) if target else None
    rows = [
        (path, now, node_or(pending, path, _ABSENT), staged.get(path, _ABSENT))
        for path, now in leaves_of(value)
        if location.pointer or not path or path[0] not in NOT_SETTINGS
    ]
    rows += [
        (path, _ABSENT, _ABSENT, new)
        for path, new in staged.items()
        if path not in {r[0] for r in rows}
    ]  # staged where the resource has no value yet
    differ = [r for r in rows if r[3] is not _ABSENT or (r[2] is not _ABSENT and r[2] != r[1])]
    if ctx.settings.json:
        emit_json(
            ctx,
            [
                {
                    "path": "/".join(p),
                    "current": None if now is _ABSENT else now,
                    "pending": None if later is _ABSENT else later,
                    **({"staged": new} if new is not _ABSENT else {}),
                }
                for p, now, later, new in rows
            ],
        )
        return
    table = [
        (
            terminal_safe("/".join(path) or location.display()),
            terminal_safe("(absent)" if now is _ABSENT else short(now)),
            next_shown(now, later, new),
        )
        for path, now, later, new in differ + [r for r in rows if r not in differ]
    ]
    name_width = max((len(name) for name, _, _ in table), default=0) + 2
    value_width = min(max((len(now) for _, now, _ in table), default=0), 40) + 2
    lines = []
    for name, now, shown in table:
        line = f"{name:<{name_width}}{now:<{value_width - 1}} {shown}"
        lines.append(paint(line, "yellow", ctx.settings.color) if shown != "=" else line)
    waiting = sum(1 for r in rows if r[2] is not _ABSENT and r[2] != r[1])
    summary = []
    if target:
        summary.append(
            f"{waiting} value{'s' * (waiting != 1)} pending in {target} "
            "(current, then pending; = when the same); they apply at the next reset"
        )
    if staged:
        summary.append(
            f"{len(staged)} value{'s' * (len(staged) != 1)} staged here and not committed "
            f"(commit sends {'it' if len(staged) == 1 else 'them'}; discard drops "
            f"{'it' if len(staged) == 1 else 'them'})"
        )
    ctx.output.lines(lines + summary)


def next_shown(now: Any, later: Any, new: Any) -> str:
    """The pending column: the staged value (marked), else the service's pending one."""
    if new is not _ABSENT:
        return terminal_safe(short(new)) + " (staged)"
    if later is _ABSENT or later == now:
        return "="
    return terminal_safe(short(later))


def staged_leaves(
    ctx: Context, resource: Resource, pointer: tuple[str, ...]
) -> dict[tuple[str, ...], Any]:
    """This session's uncommitted values for the resource (or its settings object), by path
    below ``pointer``: an object staged whole counts leaf by leaf, as commit merges it."""
    mine = uri_key(resource.uri)
    out: dict[tuple[str, ...], Any] = {}
    for change in ctx.conn.stage.own():
        if mine not in (uri_key(change.uri), uri_key(change.settings_of or "")):
            continue
        for sub, leaf in leaves_of(change.shown_value()):
            full = (*change.pointer, *sub)
            if full[: len(pointer)] == pointer:
                out[full[len(pointer) :]] = leaf
    return out


_ABSENT = object()


def leaves_of(node: Any, parts: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Any]]:
    """Every value below an object (annotations left out), with the path to it."""
    if isinstance(node, dict):
        out = []
        for key, value in node.items():
            if "@" not in key:
                out += leaves_of(value, (*parts, key))
        return out
    return [(parts, node)]


def note_odd_body(ctx: Context, resource: Resource) -> None:
    """Say so when a 'resource' is not one: no @odata.id, or an error body served as data."""
    body = resource.body
    if isinstance(body, dict) and isinstance(body.get("error"), dict):
        ctx.output.warn(f"{resource.uri}: the service answered with an error body as data")
    elif isinstance(body, dict) and "@odata.id" not in body:
        ctx.output.warn(f"{resource.uri}: this body has no @odata.id (not a Redfish resource?)")
    elif not isinstance(body, dict):
        ctx.output.warn(f"{resource.uri}: the body is not a JSON object")


@command(
    "get",
    "Print bare values, one per line (for scripts)",
    group=GROUP,
    args=[Arg("paths", "values to print", "+", PATH)],
    description="Strings print without quotes; numbers, booleans, null, objects and arrays as "
    "compact JSON. With --json the values print as one JSON document.",
    examples=("get Systems/1/PowerState Systems/1/Boot/BootSourceOverrideTarget",),
)
def get(ctx: Context, args: Args) -> None:
    values = [ctx.conn.navigator.value(resolve_path(ctx, p)) for p in args.paths]
    if ctx.settings.json:
        emit_json(ctx, values[0] if len(values) == 1 else values)
        return
    ctx.output.lines([terminal_safe(scalar(v)) for v in values])


@command(
    "tree",
    "Show the resources below a place as a tree",
    group=GROUP,
    args=[
        Option(("-L", "--level"), "descend at most N links", "N", NUMBER),
        Arg("path", "where to start (default: the current place)", "?", PATH),
    ],
    description="Follows links below the starting resource (concurrently, each resource "
    "fetched once); links that lead elsewhere (Links/ManagedBy ...) are not followed, so "
    "cycles end.",
    examples=("tree -L 2 /", "tree Systems/1"),
)
def tree(ctx: Context, args: Args) -> None:
    location = resolve_path(ctx, args.path)
    result = crawl(
        ctx.conn.graph,
        location,
        max_depth=whole_number(args.level, "-L"),
        cancel=ctx.cancel,
        progress=ctx.extras.get("progress"),
    )
    children: dict[str | None, list[Visit]] = {}
    for visit in result.visits[1:]:
        children.setdefault(visit.parent, []).append(visit)
    top = result.visits[0]
    if ctx.settings.json:
        emit_json(ctx, tree_json(top, children))
    else:
        lines = [
            f"{(top.path and top.path[-1]) or '/'}  {type_name(top.resource.odata_type) or ''}"
        ]
        draw(top, children, "", lines, ctx.settings.color)
        ctx.output.lines([line.rstrip() for line in lines])
    report_incomplete(ctx, crawl_gaps(ctx, result))


def draw(visit: Visit, children: dict, prefix: str, lines: list[str], color: bool) -> None:
    kids = children.get(visit.resource.key, [])
    for index, kid in enumerate(kids):
        last = index == len(kids) - 1
        name = "/".join(kid.path[len(visit.path) :])
        kind = "collection" if kid.resource.is_collection else "link"
        label = paint(name + "/", kind, color)
        typ = paint(type_name(kid.resource.odata_type) or "", "dim", color)
        lines.append(f"{prefix}{'└── ' if last else '├── '}{label}  {typ}")
        draw(kid, children, prefix + ("    " if last else "│   "), lines, color)


def tree_json(visit: Visit, children: dict) -> dict:
    return {
        "path": path_text(visit.path),
        "uri": visit.resource.uri,
        "type": visit.resource.odata_type,
        "children": [tree_json(k, children) for k in children.get(visit.resource.key, [])],
    }


@command(
    "find",
    "Find resources below a place by type, name or value",
    group=GROUP,
    args=[
        Arg("path", "where to start (default: the current place)", "?", PATH),
        Option(("-type",), "match @odata.type (glob, e.g. '*ComputerSystem*')", "GLOB", TYPE),
        Option(("-name",), "match the last path segment (glob)", "GLOB"),
        Option(
            ("-where",),
            "keep resources whose POINTER equals VALUE (repeatable)",
            "POINTER=VALUE",
            repeat=True,
        ),
        Option(("-maxdepth",), "descend at most N links", "N", NUMBER),
    ],
    description=(
        "Walks links below PATH concurrently (--workers), fetching each resource once, and "
        "prints the path of each match. -type matches the type name and the full @odata.type; "
        "collections are the directories of the tree and match only when the pattern names "
        "a collection (-type '*Collection'). Globs ignore letter case."
    ),
    examples=(
        "find / -type '*ComputerSystem*'",
        "find /Managers -type LogEntry -where Severity=Critical",
        "find / -name 'Bios'",
    ),
)
def find(ctx: Context, args: Args) -> None:
    location = resolve_path(ctx, args.path)
    wheres = [parse_where(w) for w in args.where]
    result = crawl(
        ctx.conn.graph,
        location,
        max_depth=whole_number(args.maxdepth, "-maxdepth"),
        cancel=ctx.cancel,
        progress=ctx.extras.get("progress"),
    )
    matches = [
        v
        for v in result.visits
        if type_matches(v.resource, args.type)
        and name_matches(v, args.name)
        and all(where_matches(v.resource.body, p, val) for p, val in wheres)
    ]
    if ctx.settings.json:
        emit_json(
            ctx,
            [
                {"path": path_text(v.path), "uri": v.resource.uri, "type": v.resource.odata_type}
                for v in matches
            ],
        )
    else:
        ctx.output.lines([path_text(v.path) for v in matches])
    report_incomplete(ctx, crawl_gaps(ctx, result))


def name_matches(visit: Visit, pattern: str | None) -> bool:
    if not pattern:
        return True
    name = visit.path[-1] if visit.path else "/"
    return fnmatch.fnmatchcase(name.casefold(), pattern.casefold())


def parse_where(text: str) -> tuple[tuple[str, ...], str]:
    pointer, eq, value = text.partition("=")
    if not eq or not pointer:
        raise UsageError(f"find: -where takes POINTER=VALUE, not {text!r}")
    pointer = pointer if pointer.startswith("/") else "/" + pointer
    return pointer_parts(pointer), value


@command(
    "refresh",
    "Forget cached resources and read them again",
    group=GROUP,
    args=[
        Option(("-a", "--all"), "forget everything cached"),
        Arg("path", "the resource to read again (default: the current one)", "?", PATH),
    ],
)
def refresh(ctx: Context, args: Args) -> None:
    conn = ctx.conn
    graph = conn.graph
    if args.all:
        graph.invalidate()
        uris = [ctx.cwd.uri] + [c.uri for c in conn.stage.own()]
    else:
        location = resolve_path(ctx, args.path)
        graph.invalidate(location.uri)
        uris = [location.uri] + [
            c.uri
            for c in conn.stage.own()
            if c.settings_of and uri_key(c.settings_of) == uri_key(location.uri)
        ]
        for uri in uris[1:]:
            graph.invalidate(uri)
    moved = 0
    for uri in dict.fromkeys(uris):
        fresh = graph.get(uri)
        moved += conn.stage.rebase(fresh.uri, fresh.etag)
    if moved:
        conn.save_stage()
        ctx.output.note(
            f"{moved} staged change{'s' * (moved != 1)} now based on the refreshed resource; "
            "check them with diff before commit"
        )
