"""The resource graph: every resource fetched at most once per session, many at a time.

A BMC answers slowly (100-300 ms a request), so the cache is what makes the shell feel like a
filesystem, and concurrency is what makes a crawl of a thousand resources take seconds rather
than minutes. URIs that differ only in case or a trailing slash are one resource here.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from typing import Any

from iloshell.errors import IloshellError, ServiceError, could_not_ask
from iloshell.graph.pool import DaemonPool, completed
from iloshell.redfish.paths import is_below, split_fragment, uri_key, uri_path
from iloshell.redfish.resource import (
    COLLECTION,
    RESOURCE,
    Resource,
    is_collection_body,
    mask_secrets,
)
from iloshell.transport.client import RedfishClient
from iloshell.transport.response import Response, error_summary, extended_info_of

MAX_PAGES = 10_000


class Graph:
    """Fetches and caches resources; thread-safe, with one request per URI in flight."""

    def __init__(self, client: RedfishClient, *, workers: int = 8) -> None:
        self.client = client
        self.workers = max(1, workers)
        self._cache: dict[str, Resource] = {}
        self._inflight: dict[str, Future[Resource]] = {}
        self._lock = threading.Lock()
        self._pool: DaemonPool | None = None
        self.root: dict[str, Any] = {}

    # -- single resources -------------------------------------------------------------------

    def get(self, uri: str) -> Resource:
        """The resource at ``uri`` (fragment ignored), from the cache or the service."""
        base, _ = split_fragment(uri)
        key = uri_key(base)
        with self._lock:
            cached = self._cache.get(key)
            if cached is not None:
                return cached
            future = self._inflight.get(key)
            owner = future is None
            if owner:
                future = Future()
                self._inflight[key] = future
        assert future is not None
        if not owner:
            return future.result()
        try:
            resource = self._fetch(base)
        except BaseException as exc:
            future.set_exception(exc)
            with self._lock:
                self._inflight.pop(key, None)
            raise
        self.store(resource, also=base)
        future.set_result(resource)
        with self._lock:
            self._inflight.pop(key, None)
        return resource

    def peek(self, uri: str) -> Resource | None:
        """The cached resource, never a request (the completion engine's only access)."""
        return self._cache.get(uri_key(split_fragment(uri)[0]))

    def kind_of(self, uri: str) -> str | None:
        """COLLECTION or RESOURCE for a fetched link target, None while unknown."""
        cached = self.peek(uri)
        if cached is None:
            return None
        return COLLECTION if cached.is_collection else RESOURCE

    def store(self, resource: Resource, also: str | None = None) -> None:
        """Cache a resource. Every body the shell shows passes here, so this is where the
        credentials a service may answer with are masked."""
        conceal(resource)
        with self._lock:
            self._cache[resource.key] = resource
            if also:
                self._cache[uri_key(also)] = resource

    def invalidate(self, uri: str | None = None) -> None:
        """Forget one resource (after a write or ``refresh``), or everything."""
        with self._lock:
            if uri is None:
                self._cache.clear()
                return
            key = uri_key(split_fragment(uri)[0])
            stale = self._cache.pop(key, None)
            if stale is not None:
                for other in [k for k, v in self._cache.items() if v is stale]:
                    del self._cache[other]

    def write(
        self,
        method: str,
        uri: str,
        body: Any = None,
        *,
        headers: dict[str, str] | None = None,
        below: str | None = None,
    ) -> Response:
        """Send a PATCH, PUT, POST or DELETE and forget exactly what it touched, even when
        the answer is lost (the write may have been applied): the resource at ``uri``, the
        resource whose settings object it is (or its own settings object), the collections
        listing it, and with ``below`` (an action's resource: a Reset applies pending BIOS
        settings, a ClearLog empties the entries) everything at or beneath that resource.
        A POST to a collection creates a member: the collection itself is what changed."""
        try:
            return self.client.request(method, uri, body, headers=headers)
        finally:
            self._forget_touched(uri, below)

    def _forget_touched(self, uri: str, below: str | None) -> None:
        key = uri_key(uri)
        touched = {key}
        for resource in self.cached():
            body = resource.body if isinstance(resource.body, dict) else {}
            settings = body.get("@Redfish.Settings")
            target = settings.get("SettingsObject") if isinstance(settings, dict) else None
            link = target.get("@odata.id") if isinstance(target, dict) else None
            if isinstance(link, str) and key in (resource.key, uri_key(link)):
                touched |= {resource.key, uri_key(link)}
            if resource.is_collection and key in map(uri_key, resource.members()):
                touched.add(resource.key)
            if below is not None and is_below(resource.uri, below):
                touched.add(resource.key)
        for stale in touched:
            self.invalidate(stale)

    def cached(self) -> list[Resource]:
        """Every distinct resource fetched so far."""
        with self._lock:
            unique = {id(r): r for r in self._cache.values()}
        return list(unique.values())

    # -- many at once -----------------------------------------------------------------------

    @property
    def pool(self) -> DaemonPool:
        with self._lock:
            if self._pool is None:
                self._pool = DaemonPool(self.workers, name="fetch")
            return self._pool

    def get_many(
        self, uris: Iterable[str], cancel: threading.Event | None = None
    ) -> dict[str, Resource | IloshellError]:
        """Fetch many URIs concurrently; each answer is a Resource or the error it raised."""
        results: dict[str, Resource | IloshellError] = {}
        pending: dict[Future[Resource], str] = {}
        for uri in dict.fromkeys(uris):
            cached = self.peek(uri)
            if cached is not None:
                results[uri] = cached
            else:
                pending[self.pool.submit(self.get, uri)] = uri
        for uri, answer in completed(pending, cancel):
            results[uri] = answer
        return results

    def prefetch(self, uris: Iterable[str], done: Callable[[], None] | None = None) -> None:
        """Fetch in the background (for completion); errors are kept quiet, nothing waits."""
        for uri in uris:
            if self.peek(uri) is None:
                future = self.pool.submit(self.get, uri)
                if done is not None:
                    future.add_done_callback(lambda _f: done())

    def expand(self, collection: Resource, cancel: threading.Event | None = None) -> None:
        """Make sure every member of a collection is cached: ``$expand=.`` when the service
        says it supports it (one request), otherwise concurrent GETs."""
        self.expand_members(collection)
        self.get_many([m for m in collection.members() if self.peek(m) is None], cancel)

    def worth_expanding(self, collection: Resource) -> bool:
        """Whether one ``$expand`` request would save GETs: the service supports it and more
        than one member is not cached yet."""
        if not collection.is_collection or not self.expand_query():
            return False
        return sum(1 for m in collection.members() if self.peek(m) is None) > 1

    def expand_members(self, collection: Resource) -> int:
        """One ``$expand`` request that caches the members it returns; how many it cached.
        A service that ignores the query (or fails it) costs that request only: the members
        are then fetched one by one as before."""
        if not self.worth_expanding(collection):
            return 0
        query = self.expand_query()
        assert query is not None
        try:
            response = self.client.get(uri_path(collection.uri) + query)
            body = response.json() if response.ok else None
        except IloshellError as err:
            if could_not_ask(err):
                raise
            return 0
        stored = 0
        if is_collection_body(body):
            for member in body["Members"]:
                if isinstance(member, dict) and len(member) > 1 and "@odata.id" in member:
                    etag = member.get("@odata.etag")
                    self.store(Resource(member["@odata.id"], member, etag))
                    stored += 1
        return stored

    def expand_query(self) -> str | None:
        """The ``$expand`` the service root's ProtocolFeaturesSupported allows, if any."""
        features = self.root.get("ProtocolFeaturesSupported")
        expand = features.get("ExpandQuery") if isinstance(features, dict) else None
        if not isinstance(expand, dict):
            return None
        if expand.get("NoLinks"):
            return "?$expand=."
        if expand.get("ExpandAll"):
            return "?$expand=*"
        return None

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()

    # -- fetching ---------------------------------------------------------------------------

    def _fetch(self, uri: str) -> Resource:
        response = self.client.get(uri)
        if not response.ok:
            raise service_error(response)
        body = response.json()
        resource = Resource(canonical_uri(uri, response, body), body, etag_of(response, body))
        resource.raw = response.body
        if isinstance(body, dict) and body.get("Members@odata.nextLink"):
            self._follow_pages(resource)
        return resource

    def _follow_pages(self, resource: Resource) -> None:
        """Merge ``Members@odata.nextLink`` pages into one member list."""
        body = resource.body
        seen = {uri_key(resource.uri)}
        next_link = body.pop("Members@odata.nextLink")
        for _ in range(MAX_PAGES):
            if not isinstance(next_link, str) or next_link in seen:
                break
            seen.add(next_link)
            response = self.client.get(next_link)
            if not response.ok:
                raise service_error(response)
            page = response.json()
            if not is_collection_body(page):
                break
            body["Members"].extend(page["Members"])
            next_link = page.get("Members@odata.nextLink")


def canonical_uri(requested: str, response: Response, body: Any) -> str:
    """The service's own name for what it answered: its @odata.id when that names the URL it
    answered at (after redirects), else the URL path itself."""
    answered = uri_path(response.url)
    if isinstance(body, dict) and isinstance(body.get("@odata.id"), str):
        own = split_fragment(body["@odata.id"])[0]
        if own.startswith("/") and uri_key(own) in (uri_key(answered), uri_key(requested)):
            return own
    return answered or requested


def etag_of(response: Response, body: Any) -> str | None:
    if response.etag:
        return response.etag
    if isinstance(body, dict) and isinstance(body.get("@odata.etag"), str):
        return body["@odata.etag"]
    return None


def service_error(response: Response) -> ServiceError:
    """A ServiceError for a failed request, with the service's ExtendedInfo kept for printing."""
    try:
        body = response.json()
    except IloshellError:
        body = None
    path = uri_path(response.url)
    message = f"{response.method} {path}: {response.status} {response.reason}".rstrip()
    summary = error_summary(body)
    if summary:
        message += f": {summary}"
    hint = (
        "the service does not accept this login here, even logged in again: check the "
        "account's privileges"
        if response.status == 401
        else None
    )
    return ServiceError(
        message, status=response.status, extended_info=extended_info_of(body), hint=hint
    )


def conceal(resource: Resource) -> None:
    """Mask the credentials in a resource's body (and its raw text) in place: a service that
    answers with a password in clear (a pending BIOS password, an account's) must not put it
    on the screen. A JSON schema only describes properties: its "Password" keys are prose."""
    if is_json_schema(resource.body):
        return
    masked = mask_secrets(resource.body)
    if masked != resource.body:
        resource.body = masked
        resource.raw = json.dumps(masked, ensure_ascii=False).encode()


def is_json_schema(body: Any) -> bool:
    """A JSON Schema document (from JsonSchemas or iLO's SchemaStore), not a resource."""
    return isinstance(body, dict) and ("$schema" in body or "definitions" in body)
