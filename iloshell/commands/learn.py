"""Seeing the data model and the protocol: trace, types, graph."""

from __future__ import annotations

import json
import shutil
import subprocess
import threading
from collections import Counter
from pathlib import Path
from typing import Any

from iloshell.commands.context import Context
from iloshell.commands.helpers import (
    emit_json,
    report_crawl_errors,
    resolve_path,
    resource_directory,
    type_matches,
    whole_number,
)
from iloshell.commands.messages import message_lines
from iloshell.commands.spec import CHOICE, FILE, NUMBER, PATH, TYPE, Arg, Args, Option, command
from iloshell.errors import CommandError, UsageError
from iloshell.graph.crawl import CrawlResult, crawl
from iloshell.redfish.protocol import SERVICE_ROOT
from iloshell.redfish.resource import Resource, member_id, type_name
from iloshell.render.curl import trace_block
from iloshell.render.dot import Edge, Node, to_dot
from iloshell.transport.response import Exchange, extended_info_of

GROUP = "learn"


# -- trace ----------------------------------------------------------------------------------


class Tracer:
    """The observer ``trace on`` installs: each exchange printed on stderr as a curl command.

    Exchanges arrive from the crawl's worker threads too, so each block is written whole under
    a lock. Resolving an error's messages may itself fetch a registry (traced as well); a
    thread-local flag keeps that from resolving messages of its own failures, recursively.
    """

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self._lock = threading.Lock()
        self._local = threading.local()

    def __call__(self, exchange: Exchange) -> None:
        messages = self.messages(exchange) if (exchange.status or 0) >= 400 else []
        block = trace_block(exchange, insecure=self.ctx.settings.insecure, messages=messages)
        with self._lock:
            self.ctx.output.note(block)

    def messages(self, exchange: Exchange) -> list[str]:
        try:
            info = extended_info_of(json.loads(exchange.response_body or b"null"))
        except (ValueError, RecursionError):  # not JSON, or nested too deeply to read
            return []
        if not info:
            return []
        nested = getattr(self._local, "resolving", False)
        self._local.resolving = True
        try:
            return message_lines(info, None if nested else self.ctx.connection)
        finally:
            self._local.resolving = nested


def tracer(ctx: Context) -> Tracer:
    return ctx.extras.setdefault("tracer", Tracer(ctx))


def start_trace(ctx: Context) -> None:
    """Trace this connection and every later one (``connect`` adds ctx.extras observers)."""
    ctx.settings.trace = True
    observer = tracer(ctx)
    observers = ctx.extras.setdefault("observers", [])
    if observer not in observers:
        observers.append(observer)
    if ctx.connection is not None and observer not in ctx.connection.client.observers:
        ctx.connection.client.observers.append(observer)


def stop_trace(ctx: Context) -> None:
    ctx.settings.trace = False
    observer = tracer(ctx)
    for observers in (ctx.extras.get("observers", []), _client_observers(ctx)):
        if observer in observers:
            observers.remove(observer)


def _client_observers(ctx: Context) -> list:
    return ctx.connection.client.observers if ctx.connection is not None else []


@command(
    "trace",
    "Print every HTTP request as a curl command (on stderr)",
    group=GROUP,
    needs_connection=False,
    args=[Arg("state", "on or off (default: say which)", "?", CHOICE, choices=("on", "off"))],
    description=(
        "Each request the shell makes (redirect hops and retries included) is printed as a "
        "runnable curl command, followed by the status, the response time and, for errors, the "
        "service's messages resolved through its registries. Tokens and passwords show as ***: "
        "put your own token in place of *** to run the command yourself. Same as --trace on "
        "the command line."
    ),
    examples=("trace on", "trace off"),
)
def trace(ctx: Context, args: Args) -> None:
    if args.state == "on":
        start_trace(ctx)
    elif args.state == "off":
        stop_trace(ctx)
    ctx.output.note(f"trace is {'on' if ctx.settings.trace else 'off'}")


# -- types ----------------------------------------------------------------------------------


def type_counts(ctx: Context) -> tuple[Counter[str], str]:
    """@odata.type -> how many resources have it, and where the counts come from."""
    graph = ctx.conn.graph
    directory = resource_directory(graph.get(SERVICE_ROOT).body)
    if directory:
        body = graph.get(directory).body
        instances = body.get("Instances") if isinstance(body, dict) else None
        if isinstance(instances, list):
            counts = Counter(
                i["@odata.type"]
                for i in instances
                if isinstance(i, dict) and isinstance(i.get("@odata.type"), str)
            )
            return (
                counts,
                f"from {directory}, the service's index of its {len(instances)} resources",
            )
    cached = graph.cached()
    counts = Counter(r.odata_type for r in cached if r.odata_type)
    return counts, (
        f"from the {len(cached)} resources read so far (the service has no ResourceDirectory); "
        "find / reads them all"
    )


@command(
    "types",
    "List the resource types (@odata.type) of the service, with counts",
    group=GROUP,
    args=[Arg("glob", "only the types matching this glob (as find -type)", "?", TYPE)],
    description=(
        "An iLO lists every resource in its ResourceDirectory (one request); other services "
        "are counted from the resources read so far. Any type name or @odata.type shown here "
        "works with find -type."
    ),
    examples=("types", "types '*Collection'", "find / -type EthernetInterface"),
)
def types(ctx: Context, args: Args) -> None:
    counts, source = type_counts(ctx)
    rows = sorted(
        (
            (t, n)
            for t, n in counts.items()
            if type_matches(Resource("", {"@odata.type": t}), args.glob)
        ),
        key=lambda row: ((type_name(row[0]) or "").casefold(), row[0]),
    )
    if ctx.settings.json:
        emit_json(ctx, [{"type": t, "name": type_name(t), "count": n} for t, n in rows])
        return
    if not rows:
        raise CommandError(f"no resource type matches {args.glob!r} ({source})")
    width = max(len(str(n)) for _, n in rows)
    ctx.output.lines([f"{n:>{width}}  {t}" for t, n in rows])
    ctx.output.note(f"{sum(n for _, n in rows)} resources of {len(rows)} types, {source}")


# -- graph ----------------------------------------------------------------------------------

RENDERED = {".svg": "svg", ".png": "png", ".pdf": "pdf"}


def link_graph(result: CrawlResult, peek: Any) -> tuple[list[Node], list[Edge]]:
    """Nodes and edges of a crawl: each resource once, each link between them once."""
    ids: dict[str, str] = {}
    nodes = []
    tree_edges = {(v.parent, v.resource.key) for v in result.visits if v.parent}
    for index, visit in enumerate(result.visits):
        ids[visit.resource.key] = f"n{index}"
        resource = visit.resource
        name = visit.path[-1] if visit.path else "/"
        if index == 0 and visit.path:
            name = "/" + "/".join(visit.path)
        elif name.startswith("@"):  # reached through an annotation (@Redfish.ActionInfo)
            name = member_id(resource.uri)
        nodes.append(
            Node(
                f"n{index}",
                name,
                type_name(resource.odata_type),
                resource.uri,
                resource.is_collection,
            )
        )
    edges: dict[tuple[str, str], Edge] = {}
    for source, target, parts in result.edges:
        if target not in ids:
            found = peek(target)
            target = found.key if found is not None else target
        if source not in ids or target not in ids or source == target:
            continue
        pair = (ids[source], ids[target])
        tree = (source, target) in tree_edges
        if pair in edges and (edges[pair].tree or not tree):
            continue
        name_of_target = nodes[int(ids[target][1:])].name
        label = "" if tree and parts[-1:] == (name_of_target,) else "/".join(parts)
        edges[pair] = Edge(pair[0], pair[1], label, tree)
    return nodes, list(edges.values())


@command(
    "graph",
    "Draw the link graph below a place (Graphviz DOT, or SVG/PNG/PDF)",
    group=GROUP,
    args=[
        Option(("-L", "--level"), "descend at most N links", "N", NUMBER),
        Option(
            ("-o", "--output"), "write to FILE: .dot, or .svg/.png/.pdf via Graphviz", "FILE", FILE
        ),
        Arg("path", "where to start (default: the current place)", "?", PATH),
    ],
    description=(
        "Nodes are resources (name and type) and collections (folders); solid arrows are the "
        "links that lead down the tree, dashed ones the other links between the drawn "
        "resources (Links/ManagedBy ...), each drawn once, so the graph's cycles show. Without "
        "-o the DOT text is printed; .svg, .png and .pdf need Graphviz's dot program."
    ),
    examples=("graph -L 2 / -o service.svg", "graph /Systems/1 -o system.dot", "graph -L 1"),
)
def graph(ctx: Context, args: Args) -> None:
    location = resolve_path(ctx, args.path)
    output = Path(args.output) if args.output else None
    suffix = output.suffix.lower() if output else ""
    if output and suffix not in (".dot", ".gv", *RENDERED):
        raise UsageError(f"graph: -o takes a .dot, .svg, .png or .pdf file, not {output.name}")
    if suffix in RENDERED and shutil.which("dot") is None:
        raise CommandError(
            f"cannot write {output}: Graphviz's dot program is not installed",
            hint="apt-get install graphviz, or brew install graphviz; -o FILE.dot needs nothing",
        )
    conn = ctx.conn
    result = crawl(
        conn.graph,
        location,
        max_depth=whole_number(args.level, "-L"),
        cancel=ctx.cancel,
        progress=ctx.extras.get("progress"),
    )
    report_crawl_errors(ctx, result.errors)
    nodes, edges = link_graph(result, conn.graph.peek)
    text = to_dot(nodes, edges, location.display())
    if output is None:
        ctx.output.line(text.rstrip("\n"))
        return
    if suffix in RENDERED:
        render(text, output, RENDERED[suffix])
    else:
        write_text(output, text)
    ctx.output.note(f"wrote {output}: {len(nodes)} resources, {len(edges)} links")


def render(text: str, output: Path, fmt: str) -> None:
    try:
        done = subprocess.run(
            ["dot", f"-T{fmt}", "-o", str(output)],
            input=text.encode(),
            capture_output=True,
            timeout=300,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as err:
        raise CommandError(f"cannot run dot: {err}") from None
    if done.returncode != 0:
        why = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise CommandError(f"dot could not write {output}: {why[0] if why else done.returncode}")


def write_text(output: Path, text: str) -> None:
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as err:
        raise CommandError(f"cannot write {output}: {err.strerror}") from None
