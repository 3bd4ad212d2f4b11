"""One live connection to a service: client, login, resource graph, and what the service
says about itself (its schemas and registries), created together and closed together.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from iloshell.errors import ConnectError, IloshellError
from iloshell.graph.documents import DocumentCache
from iloshell.graph.graph import Graph
from iloshell.redfish.protocol import SERVICE_ROOT
from iloshell.redfish.resource import Resource
from iloshell.redfish.walk import Walker
from iloshell.staging.stage import Stage
from iloshell.staging.store import StageStore
from iloshell.staging.target import Checker
from iloshell.transport.auth import Auth, Credentials, login
from iloshell.transport.client import Observer, RedfishClient
from iloshell.transport.tls import TlsPolicy

if TYPE_CHECKING:
    from iloshell.model.registries import ServiceRegistries
    from iloshell.model.schemas import SchemaLibrary


class Connection:
    """Everything that lives as long as one login."""

    def __init__(self, client: RedfishClient, graph: Graph, auth: Auth, user: str) -> None:
        self.client = client
        self.graph = graph
        self.navigator = Walker(graph.get, client.base_url)
        self.auth = auth
        self.user = user
        # Where the stage's notices go (damaged entries set aside); the front end's stderr.
        self.warn: Callable[[str], None] = lambda text: print(f"warning: {text}", file=sys.stderr)
        self.keep_stage = True  # False: a script's run owns its stage (never written to disk)

    @classmethod
    def open(
        cls,
        url: str,
        credentials: Credentials,
        tls: TlsPolicy,
        *,
        timeout: float = 30.0,
        workers: int = 8,
        observers: Sequence[Observer] = (),
        auth: str = "auto",
    ) -> Connection:
        """Read the service root (no credentials needed), then log in. ``observers`` see
        every exchange from the first one on (``--trace`` shows the login too)."""
        client = RedfishClient(url, tls, timeout=timeout, workers=workers)
        client.observers.extend(observers)
        try:
            response = client.get(SERVICE_ROOT, authenticate=False)
            if response.status in (401, 403):
                root: dict[str, Any] = {}
            elif not response.ok:
                raise ConnectError(
                    f"{client.base_url} is not a Redfish service: GET {SERVICE_ROOT} answered "
                    f"{response.status} {response.reason}"
                )
            else:
                body = response.json()
                if not isinstance(body, dict):
                    raise ConnectError(f"{client.base_url}: the service root is not a JSON object")
                root = body
            logged_in = login(client, credentials, root, auth)
        except IloshellError as err:
            client.close()
            if isinstance(err, ConnectError):
                raise
            raise ConnectError(f"cannot connect to {client.host}: {err}") from None
        graph = Graph(client, workers=workers)
        graph.root = root
        if root:
            own = root.get("@odata.id")
            graph.store(
                Resource(own if isinstance(own, str) else SERVICE_ROOT, root, None, response.body),
                also=SERVICE_ROOT,
            )
        return cls(client, graph, logged_in, credentials.user)

    @property
    def host(self) -> str:
        """The name people know the BMC by: iLO's HostName when the root tells, else the host."""
        manager = self.graph.root.get("Oem", {}).get("Hpe", {}).get("Manager")
        if isinstance(manager, list) and manager and isinstance(manager[0], dict):
            name = manager[0].get("HostName")
            if isinstance(name, str) and name:
                return name
        return urlsplit(self.client.base_url).hostname or self.client.host

    @property
    def auth_label(self) -> str:
        """How we logged in, for connect's line and the toolbar."""
        return {"session": "session login", "basic": "HTTP Basic"}.get(self.auth.kind, "")

    @property
    def insecure(self) -> bool:
        return self.client.tls.insecure

    @property
    def service_id(self) -> str:
        """What identifies this service across sessions (for the stage and the caches): the
        root's UUID when it has one (stable when the address changes), else host:port."""
        uuid = self.graph.root.get("UUID")
        return uuid if isinstance(uuid, str) and uuid.strip() else self.client.host

    @cached_property
    def documents(self) -> DocumentCache:
        return DocumentCache(self.service_id)

    @cached_property
    def registries(self) -> ServiceRegistries:
        from iloshell.model.registries import ServiceRegistries

        return ServiceRegistries(self.fetch_or_none, self.documents.through(self.fetch_or_none))

    @cached_property
    def schemas(self) -> SchemaLibrary:
        from iloshell.model.bundled import ServiceFirstSource
        from iloshell.model.schemas import SchemaLibrary
        from iloshell.model.service_schemas import ServiceSchemaSource

        served = ServiceSchemaSource(self.fetch_or_none, self.documents.through(self.fetch_or_none))
        return SchemaLibrary(ServiceFirstSource(served))

    @cached_property
    def stage_store(self) -> StageStore:
        return StageStore(self.service_id)

    @cached_property
    def stage(self) -> Stage:
        """Staged changes, starting with whatever an earlier session left for this service."""
        stage = self.stage_store.load()
        self._stage_notices()
        return stage

    def save_stage(self) -> None:
        """Write the stage to disk; called after every change so nothing can be lost (but
        a script's stage, which belongs to its run, stays in memory)."""
        if not self.keep_stage:
            return
        try:
            self.stage_store.save(self.stage)
        finally:
            self._stage_notices()

    def _stage_notices(self) -> None:
        while self.stage_store.notices:
            self.warn(self.stage_store.notices.pop(0))

    @cached_property
    def checker(self) -> Checker:
        return Checker(self.graph, self.schemas, self.registries)

    def fetch_or_none(self, uri: str) -> dict | None:
        """A resource's body, or None when the service has nothing there (for the model)."""
        try:
            body = self.graph.get(uri).body
        except IloshellError as err:
            if getattr(err, "status", None) in (404, 405, 400):
                return None
            raise
        return body if isinstance(body, dict) else None

    def close(self) -> None:
        """Log out (DELETE the session) and release connections; safe to call twice."""
        self.auth.logout(self.client)
        self.client.cancel.set()  # background fetches stop retrying
        self.graph.close()
        self.client.close()
