"""One live connection to a service: client, login, resource graph, and what the service
says about itself (its schemas and registries), created together and closed together.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from iloshell.errors import ConnectError, IloshellError
from iloshell.graph.graph import Graph
from iloshell.graph.navigator import Navigator
from iloshell.graph.resource import Resource
from iloshell.transport.auth import Auth, Credentials, login
from iloshell.transport.client import RedfishClient
from iloshell.transport.protocol import SERVICE_ROOT
from iloshell.transport.tls import TlsPolicy

if TYPE_CHECKING:
    from iloshell.model.registries import ServiceRegistries


class Connection:
    """Everything that lives as long as one login."""

    def __init__(self, client: RedfishClient, graph: Graph, auth: Auth, user: str) -> None:
        self.client = client
        self.graph = graph
        self.navigator = Navigator(graph)
        self.auth = auth
        self.user = user

    @classmethod
    def open(
        cls,
        url: str,
        credentials: Credentials,
        tls: TlsPolicy,
        *,
        timeout: float = 30.0,
        workers: int = 8,
    ) -> Connection:
        """Read the service root (no credentials needed), then log in."""
        client = RedfishClient(url, tls, timeout=timeout, workers=workers)
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
            auth = login(client, credentials, root)
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
        return cls(client, graph, auth, credentials.user)

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
    def insecure(self) -> bool:
        return self.client.tls.insecure

    @cached_property
    def registries(self) -> ServiceRegistries:
        from iloshell.model.registries import ServiceRegistries

        return ServiceRegistries(self.fetch_or_none)

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
        self.graph.close()
        self.client.close()
