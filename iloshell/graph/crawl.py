"""Walking the graph below a resource: ``find``, ``tree``, ``graph`` and ``snapshot`` use it.

Fetching is a work queue that keeps every worker busy (a level-by-level walk would leave them
idle at narrow levels); naming is done afterwards, by a cheapest-path pass over what was
fetched, so each resource gets its shortest logical path whatever order the answers came in.
The walk stays below the starting URI: ``Links`` that lead sideways (ManagedBy, Chassis) are
how the graph's cycles arise, and from the root everything is below anyway.

An index of every resource (iLO's ResourceDirectory) is not a hierarchy: its entries are
fetched last, only those nothing else reached, and each is named by its URI's natural place
(``/Chassis/1/PCIeDevices/231``), never ``/Oem/Hpe/Links/ResourceDirectory/Instances/17``.
"""

from __future__ import annotations

import heapq
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from itertools import count
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from iloshell.errors import IloshellError
from iloshell.graph.graph import Graph
from iloshell.graph.pool import completed
from iloshell.redfish.origin import service_url
from iloshell.redfish.paths import key_is_below, uri_key, uri_path
from iloshell.redfish.resource import Resource, links_in
from iloshell.redfish.walk import Location


@dataclass
class Visit:
    """One resource reached by a crawl, with its shortest path and depth (links followed)."""

    path: tuple[str, ...]
    resource: Resource
    depth: int
    parent: str | None = None  # uri_key of the resource it was first reached from


@dataclass
class CrawlResult:
    visits: list[Visit] = field(default_factory=list)
    errors: dict[str, IloshellError] = field(default_factory=dict)  # URI -> why it failed
    # What only an index (iLO's ResourceDirectory) lists and could not be read: a stale entry
    # of the index, not a gap in what the links lead to.
    stale: dict[str, IloshellError] = field(default_factory=dict)
    edges: list[tuple[str, str, tuple[str, ...]]] = field(default_factory=list)


def child_links(
    resource: Resource, start_key: str, base_url: str
) -> list[tuple[tuple[str, ...], str, str]]:
    """Links out of a resource that the crawl follows, as (parts, URI path, key): below the
    start, on the service (``origin``'s rule: a link to another service, such as a PDU an
    aggregator names, is no more below the start than ``Links`` sideways are), not back
    into the resource itself (fragments of it are embedded data)."""
    out = []
    for parts, target in links_in(resource.body):
        url = service_url(base_url, target, urljoin(base_url, resource.uri))
        if url is None:
            continue
        split = urlsplit(url)
        base = split.path + (f"?{split.query}" if split.query else "")
        key = uri_key(base)
        if key == resource.key or not key_is_below(key, start_key):
            continue
        out.append((parts, base, key))
    return out


EXPANDED = "expanded"


def crawl(
    graph: Graph,
    start: Location,
    *,
    max_depth: int | None = None,
    cancel: threading.Event | None = None,
    progress: Callable[[int], None] | None = None,
) -> CrawlResult:
    """Fetch every resource reachable below ``start`` (each once), concurrently."""
    root = graph.get(start.uri)
    start_key = uri_key(start.uri)
    depth_of: dict[str, int] = {root.key: 0}
    fetched: dict[str, Resource] = {root.key: root}
    expanded: set[str] = set()
    queued: set[str] = set()
    awaiting: dict[str, set[str]] = {}  # collection key -> members its $expand will bring
    indexed: dict[str, str] = {}  # key -> URI of what an index (ResourceDirectory) lists
    from_index: set[str] = set()  # of those, the ones nothing else linked to: fetched last
    result = CrawlResult()
    pending: dict[Future[Any], Any] = {}

    def expand(resource: Resource, members_cached: bool = False) -> None:
        depth = depth_of[resource.key]
        if max_depth is not None and depth >= max_depth:
            return
        if not members_cached and graph.worth_expanding(resource):
            # One $expand request brings every member; go on when it is back. Until then,
            # a link to a member from elsewhere must not GET it as well.
            members = {uri_key(m) for m in resource.members()} - queued - fetched.keys()
            awaiting[resource.key] = members
            queued.update(members)
            pending[graph.pool.submit(graph.expand_members, resource)] = (EXPANDED, resource)
            return
        expanded.add(resource.key)
        index = is_index(resource)
        for parts, target, key in child_links(resource, start_key, graph.client.base_url):
            if index and parts[:1] == ("Instances",):
                indexed.setdefault(key, target)
                continue
            result.edges.append((resource.key, key, parts))
            known = depth_of.get(key)
            if known is not None and known <= depth + 1:
                if key not in fetched and key not in queued:
                    # reached earlier by a link that left its fetch to this $expand
                    queued.add(key)
                    pending[graph.pool.submit(graph.get, target)] = key
                continue
            depth_of[key] = depth + 1
            if key in fetched:
                if key not in expanded:
                    expand(fetched[key])  # reached again by a shorter way: go deeper now
                continue
            if key not in queued:
                queued.add(key)
                pending[graph.pool.submit(graph.get, target)] = key

    def drain() -> None:
        for key, answer in completed(pending, cancel):
            if isinstance(key, tuple):  # an $expand came back (or failed: GET one by one)
                queued.difference_update(awaiting.pop(key[1].key, set()))
                expand(key[1], members_cached=True)
                continue
            if isinstance(answer, IloshellError):
                (result.stale if key in from_index else result.errors)[key] = answer
                continue
            fetched[key] = answer
            if answer.key != key:
                fetched[answer.key] = answer
                depth_of.setdefault(answer.key, depth_of[key])
            expand(answer)
            if progress is not None:
                progress(len(fetched))

    expand(root)
    drain()
    for key, target in indexed.items():  # what only the index lists (rounds: each may link on)
        depth = natural_depth(key, start_key)
        if key not in depth_of and (max_depth is None or depth <= max_depth):
            depth_of[key] = depth
            queued.add(key)
            from_index.add(key)
            pending[graph.pool.submit(graph.get, target)] = key
    drain()
    result.visits = name_visits(start, root, fetched, result.edges, max_depth)
    return result


def is_index(resource: Resource) -> bool:
    """iLO's ResourceDirectory: ``Instances`` links to every resource of the service."""
    return "ResourceDirectory" in (resource.odata_type or "")


def natural_depth(key: str, start_key: str) -> int:
    """Levels below the start by URI segments (``/redfish/v1/Chassis/1`` is 2 below root)."""
    return key.count("/") - start_key.rstrip("/").count("/")


SIDEWAYS = frozenset({"Links", "Oem"})


def edge_cost(parts: tuple[str, ...]) -> tuple[int, int]:
    """Naming prefers the service's own hierarchy: paths compare first by how many ways
    through ``Links`` or ``Oem`` they take, then by length. An index such as HPE's
    ResourceDirectory (under Oem) links to every resource from one level down, so a detour
    that merely costs a little more would still be the shortest way to anything deeper than
    ``/Systems/1``."""
    return (1 if SIDEWAYS.intersection(parts) else 0, 1)


def name_visits(
    start: Location,
    root: Resource,
    fetched: dict[str, Resource],
    edges: list[tuple[str, str, tuple[str, ...]]],
    max_depth: int | None,
) -> list[Visit]:
    """Cheapest paths over the fetched graph (see edge_cost): each resource named once, ties
    broken by the order the service lists things in."""
    children: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for parent, child, parts in edges:
        children.setdefault(parent, []).append((child, parts))
    first = Visit(start.path, root, 0)
    visits = [first]
    done = {root.key}
    order = count()
    queue: list[tuple[tuple[int, int], int, Visit]] = [((0, 0), next(order), first)]
    best: dict[str, tuple[int, int]] = {root.key: (0, 0)}
    unreached = (sys.maxsize, sys.maxsize)
    while queue:
        cost, _, visit = heapq.heappop(queue)
        if visit.resource.key not in done:
            done.add(visit.resource.key)
            visits.append(visit)
        if max_depth is not None and visit.depth >= max_depth:
            continue
        for child, parts in children.get(visit.resource.key, ()):
            resource = fetched.get(child)
            if resource is None or resource.key in done:
                continue
            detours, length = edge_cost(parts)
            total = (cost[0] + detours, cost[1] + length)
            if total >= best.get(resource.key, unreached):
                continue
            best[resource.key] = total
            nxt = Visit((*visit.path, *parts), resource, visit.depth + 1, visit.resource.key)
            heapq.heappush(queue, (total, next(order), nxt))
        if not queue:  # what only an index reached: named where its URI puts it
            for visit in natural_visits(visits, fetched, done, max_depth):
                heapq.heappush(queue, ((1, visit.depth), next(order), visit))
    return visits


def natural_visits(
    visits: list[Visit], fetched: dict[str, Resource], done: set[str], max_depth: int | None
) -> list[Visit]:
    """Unnamed fetched resources under the nearest named ancestor URI, plus the rest of
    their URI's segments (``/Chassis/1/PCIeDevices`` + ``231``), nearest first."""
    named = {visit.resource.key: visit for visit in visits}
    out = []
    for key, resource in fetched.items():
        if key in done or key != resource.key:
            continue
        ancestor, rest = key, []
        while "/" in ancestor and ancestor not in named:
            ancestor, segment = ancestor.rsplit("/", 1)
            rest.insert(0, unquote(segment))
        parent = named.get(ancestor)
        if parent is None or not rest:
            continue
        segments = uri_path(resource.uri).rstrip("/").split("/")[-len(rest) :]  # as spelled
        depth = parent.depth + len(rest)
        if max_depth is None or depth <= max_depth:
            path = (*parent.path, *(unquote(s) for s in segments))
            out.append(Visit(path, resource, depth, parent.resource.key))
    return sorted(out, key=lambda v: (v.depth, v.path))
