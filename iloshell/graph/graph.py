"""The resource graph: every resource fetched at most once per session, many at a time.

A BMC answers slowly (100-300 ms a request), so the cache is what makes the shell feel like a
filesystem, and concurrency is what makes a crawl of a thousand resources take seconds rather
than minutes. URIs that differ only in case or a trailing slash are one resource here.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from typing import Any
from urllib.parse import urlsplit

from iloshell.errors import IloshellError, ServiceError, could_not_ask
from iloshell.graph.pool import DaemonPool, completed
from iloshell.redfish.paths import is_below, split_fragment, uri_key, uri_path
from iloshell.redfish.resource import (
    COLLECTION,
    RESOURCE,
    Resource,
    has_secrets,
    is_collection_body,
    mask_secrets,
    member_uri,
)
from iloshell.text import json_text
from iloshell.transport.client import RedfishClient
from iloshell.transport.response import Response, error_summary, extended_info_of, text_summary

# Pages of one collection read at most (Members@odata.nextLink): iLO pages at 1000 members
# or fewer, so this is far more than any real collection and still ends an endless chain.
MAX_PAGES = 100


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

    def get(self, uri: str, where: str | None = None) -> Resource:
        """The resource at ``uri`` (fragment ignored), from the cache or the service.
        ``where`` names where the link was found, for the refusal of one to another host."""
        base, _ = split_fragment(uri)
        self.client.url(base, where)  # refuses a link elsewhere, cached spelling or not
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
            resource = self._fetch(base, where)
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
        where: str | None = None,
    ) -> Response:
        """Send a PATCH, PUT, POST or DELETE and forget exactly what it touched, even when
        the answer is lost (the write may have been applied): the resource at ``uri``, the
        resource whose settings object it is (or its own settings object), the collections
        listing it, and with ``below`` (an action's resource: a Reset applies pending BIOS
        settings, a ClearLog empties the entries) everything at or beneath that resource.
        A POST to a collection creates a member: the collection itself is what changed.
        ``where`` names where ``uri`` was found, for the refusal of a URI on another host."""
        try:
            return self.client.request(method, uri, body, headers=headers, where=where)
        finally:
            self.forget_touched(uri, below)

    def forget_touched(self, uri: str, below: str | None = None) -> None:
        """What a write to ``uri`` may have changed (see :meth:`write`); also after a task
        the write started has ended, since the task changed things meanwhile."""
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
            if self.peek(uri) is None and self.client.own(uri):
                future = self.pool.submit(self.get, uri)
                if done is not None:
                    future.add_done_callback(lambda _f: done())

    def expand(
        self, collection: Resource, cancel: threading.Event | None = None
    ) -> list[IloshellError]:
        """Make sure every member of a collection is cached: ``$expand=.`` when the service
        says it supports it (one request), otherwise concurrent GETs; the failures."""
        self.expand_members(collection)
        missing = [m for m in collection.members() if self.peek(m) is None]
        answers = self.get_many(missing, cancel).values()
        return [a for a in answers if isinstance(a, IloshellError)]

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

    def _fetch(self, uri: str, where: str | None = None) -> Resource:
        response = self.client.get(uri, where=where)
        if not response.ok:
            raise service_error(response)
        body = response.json()
        resource = Resource(canonical_uri(uri, response, body), body, etag_of(response, body))
        resource.raw = response.body
        if is_collection_body(body) and "Members@odata.nextLink" in body:
            self._follow_pages(resource, response.url)
        return resource

    def _follow_pages(self, resource: Resource, url: str) -> None:
        """Merge ``Members@odata.nextLink`` pages into one member list, each member once.

        The chain ends at the first page without a next link. One that comes back to a page
        already read, lists a member again, runs past MAX_PAGES, fails, or leads to another
        host is cut there: the list keeps what was read, and ``resource.incomplete`` says why.
        """
        body = resource.body
        members: list = body["Members"]
        listed = {uri_key(u) for u in map(member_uri, members) if u}
        pages = {page_key(url)}
        next_link = body.pop("Members@odata.nextLink")
        where = f"Members@odata.nextLink of {uri_path(resource.uri)}"
        while next_link is not None:
            try:
                page, url = self._next_page(next_link, where, url, pages)
            except IloshellError as err:
                resource.incomplete = str(err) if where in str(err) else f"{where}: {err}"
                return
            repeated = 0
            for member in page["Members"]:
                key = member_key(member)
                if key in listed:
                    repeated += 1
                    continue
                if key is not None:
                    listed.add(key)
                members.append(member)
            if repeated:
                shown = page_key(url)
                resource.incomplete = f"{where}: {shown} lists {repeated} member(s) again"
                return
            next_link = page.get("Members@odata.nextLink")

    def _next_page(self, link: Any, where: str, previous: str, pages: set[str]) -> tuple[dict, str]:
        """The page a next link names, and its URL; an IloshellError when the chain must end."""
        if len(pages) >= MAX_PAGES:
            raise ServiceError(f"more than {MAX_PAGES} pages; read the first {MAX_PAGES}")
        if not isinstance(link, str):
            raise ServiceError(f"not a URI: {link!r}")
        url = self.client.url(link, where, against=previous)
        if page_key(url) in pages:
            raise ServiceError(f"{page_key(url)} comes round again")
        pages.add(page_key(url))
        response = self.client.get(url)
        if not response.ok:
            raise service_error(response)
        page = response.json()
        if not is_collection_body(page):
            raise ServiceError(f"{page_key(url)} is not a page of members")
        return page, url


def page_key(url: str) -> str:
    """A page of a collection: its URI and its query (``?$skip=50``), which uri_key drops."""
    query = urlsplit(url).query
    return uri_path(url) + (f"?{query}" if query else "")


def member_key(member: Any) -> str | None:
    uri = member_uri(member)
    return uri_key(uri) if uri else None


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
    summary = error_summary(body) if body is not None else text_summary(response)
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
    if is_json_schema(resource.body) or not has_secrets(resource.body):
        return
    resource.body = mask_secrets(resource.body)
    resource.raw = json_text(resource.body).encode()


def is_json_schema(body: Any) -> bool:
    """A JSON Schema document (from JsonSchemas or iLO's SchemaStore), not a resource."""
    return isinstance(body, dict) and ("$schema" in body or "definitions" in body)
