"""What a service says about its own files: the JsonSchemas and Registries collections.

Both are collections of *File resources (JsonSchemaFile, MessageRegistryFile) whose
``Location[].Uri`` names the document. Reading them is the same walk either way — the root's
link, the member list (paged), members and documents fetched once — so it lives here, and
``ServiceSchemaSource`` and ``ServiceRegistries`` only add what their files mean.
"""

from __future__ import annotations

from collections.abc import Callable

from iloshell.errors import ServiceError, could_not_ask
from iloshell.redfish.protocol import SERVICE_ROOT

Fetch = Callable[[str], dict | None]
_MAX_PAGES = 1000


def collection_members(fetch: Fetch, uri: str) -> list[str]:
    """Member URIs of a collection, following ``Members@odata.nextLink`` pages."""
    out: list[str] = []
    seen: set[str] = set()
    next_uri: str | None = uri
    while next_uri and next_uri.casefold() not in seen and len(seen) < _MAX_PAGES:
        seen.add(next_uri.casefold())  # the whole URI: pages differ only in their query
        page = fetch_or_none(fetch, next_uri)
        if not isinstance(page, dict):
            break
        for member in page.get("Members") or ():
            link = member.get("@odata.id") if isinstance(member, dict) else None
            if isinstance(link, str) and link:
                out.append(link)
        nxt = page.get("Members@odata.nextLink")
        next_uri = nxt if isinstance(nxt, str) else None
    return out


def fetch_or_none(fetch: Fetch, uri: str) -> dict | None:
    """Fetch, treating an error answer for this one document as "not available".

    A lost connection (ConnectError), a lost session or a busy service, and Ctrl-C still
    propagate: those are the user's to see, and say nothing about the document.
    """
    try:
        doc = fetch(uri)
    except ServiceError as err:
        if could_not_ask(err):
            raise
        return None
    return doc if isinstance(doc, dict) else None


def service_link(fetch: Fetch, root_uri: str, name: str) -> str:
    """The root's link to one of its collections (``JsonSchemas``, ``Registries``)."""
    root = fetch_or_none(fetch, root_uri)
    link = root.get(name) if isinstance(root, dict) else None
    uri = link.get("@odata.id") if isinstance(link, dict) else None
    return uri if isinstance(uri, str) and uri else root_uri.rstrip("/") + "/" + name


def preferred_location(member: dict, language: str = "en") -> str | None:
    """The ``Location[].Uri`` of a *File resource, in ``language`` first."""
    locations = [loc for loc in member.get("Location") or () if isinstance(loc, dict)]
    locations.sort(key=lambda loc: 0 if str(loc.get("Language", "")).lower() == language else 1)
    for loc in locations:
        if isinstance(loc.get("Uri"), str) and loc["Uri"]:
            return loc["Uri"]
    for loc in locations:  # only a public copy: mapped by file name when loaded
        if isinstance(loc.get("PublicationUri"), str) and loc["PublicationUri"]:
            return loc["PublicationUri"]
    return None


class ServiceCatalog:
    """A collection of *File resources, listed once and read lazily."""

    COLLECTION = ""  # the service root's link to it: "JsonSchemas" or "Registries"

    def __init__(
        self,
        fetch_resource: Fetch,
        fetch_document: Fetch | None = None,
        root_uri: str = SERVICE_ROOT,
    ) -> None:
        self._fetch_resource = fetch_resource
        self._fetch_document = fetch_document or fetch_resource
        self._root_uri = root_uri
        self._member_uris: list[str] | None = None

    def _collection(self) -> list[str]:
        """The member URIs (one request per page, the first time only)."""
        if self._member_uris is None:
            uri = service_link(self._fetch_resource, self._root_uri, self.COLLECTION)
            self._member_uris = collection_members(self._fetch_resource, uri)
        return self._member_uris
