"""The simulated Redfish service: one request in, one response out, iLO 5 behaviour on the wire.

Order of evaluation for every request (it matters to clients and to DMTF's validator):
public documents (``/redfish``, the root, ``$metadata``, ``odata``) and login need no
credentials; everything else authenticates first (401 before 404, so nothing leaks), then a
non-canonical spelling is redirected (308, every method, as iLO does), then privileges, then
preconditions (``If-Match`` before the body is even read, RFC 9110), then the body is parsed and
validated, and only then is anything applied.
"""

from __future__ import annotations

import base64
import binascii
import json
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote

from iloshell.model.patch import settings_object
from iloshell.redfish.paths import is_below, last_segment, uri_key, uri_path
from iloshell.sim.accounts import Accounts
from iloshell.sim.auth import Principal, Session, SessionTable
from iloshell.sim.errors import MessageCatalog
from iloshell.sim.loader import ServiceData, root_uri, served_registries
from iloshell.sim.metadata import metadata_xml, odata_service_document
from iloshell.sim.protocol import XML, ApiError, Request, Response, Target, etag_matches
from iloshell.sim.queries import Query, QueryError, expand, page, parse_query, select
from iloshell.sim.resources import (
    actions_of,
    allowed_methods,
    is_collection,
    is_resource,
    namespace,
    type_version,
)
from iloshell.sim.store import Store, load_state, render, save_state
from iloshell.sim.validation import Validation
from iloshell.sim.writes import Writes

ROOT = "/redfish/v1"
KNOWN_METHODS = frozenset({"GET", "HEAD", "PATCH", "POST", "DELETE", "PUT", "OPTIONS"})
WWW_AUTHENTICATE = 'Basic realm="iloshell-sim", charset="UTF-8"'
DMTF_SCHEMAS = "http://redfish.dmtf.org/schemas/v1/"
# Root links whose subtrees need ConfigureManager to change (the rest needs ConfigureComponents).
_MANAGER_AREAS = (
    "Managers",
    "AccountService",
    "SessionService",
    "EventService",
    "UpdateService",
    "CertificateService",
    "TaskService",
)


class Service(Writes):
    """The request handler the HTTP server calls from many threads at once."""

    def __init__(
        self,
        data: ServiceData,
        *,
        user: str = "admin",
        password: str = "password",
        session_timeout: float = 1800.0,
        session_lifetime: float | None = None,
        clock: Callable[[], float] = time.monotonic,
        redirect: bool = True,
        state_path: Path | None = None,
        basic_only: bool = False,
        validation: Validation | None = None,
    ) -> None:
        self.store = Store(data.resources)
        registries = data.registries
        self.catalog = MessageCatalog(
            served_registries(data.resources) if registries is None else registries
        )
        self.basic_only = basic_only
        self.accounts = Accounts(self.store, self.catalog, user, password)
        self.sessions = SessionTable(session_timeout, session_lifetime, clock)
        # A fleet shares one: its schema and registry documents are the same in every instance.
        self.validation = validation or Validation(self.store.get, data.schemas_dir)
        self.redirect = redirect
        self.state_path = Path(state_path) if state_path else None
        self.notes = list(data.notes)
        self.root_uri = root_uri(data.resources) or ROOT + "/"
        self._metadata = data.metadata_xml
        self._requests: Counter[str] = Counter()
        self._count_lock = threading.Lock()
        self._save_lock = threading.Lock()
        self._directory_cache: tuple[int, str, bytes] | None = None
        self._index()
        if self.state_path is not None:
            self._load_state()

    # ------------------------------------------------------------------ indexes

    def _index(self) -> None:
        """Look the data over once: action targets, settings objects, schema files, sessions."""
        self.action_targets: dict[str, tuple[str, str, str]] = {}
        self.settings_owners: dict[str, str] = {}
        self.schema_links: dict[str, dict[str | None, str]] = {}
        self.session_type = "#Session.v1_0_0.Session"
        self.directory_uri: str | None = None
        for uri, doc in self.store.items():
            for name, action in actions_of(doc).items():
                target = action.get("target")
                if isinstance(target, str):
                    self.action_targets[uri_key(target)] = (uri, name, uri_path(target))
            settings = settings_object(doc)
            if settings and settings in self.store:
                self.settings_owners[self.store.canonical(settings)] = uri
            kind = namespace(doc)
            if kind == "JsonSchemaFile":
                self._index_schema_file(doc)
            elif kind == "Session" and is_resource(doc):
                self.session_type = doc["@odata.type"]
            elif kind == "HpeiLOResourceDirectory" and is_resource(doc):
                self.directory_uri = uri
        root = self.store.get(ROOT) or {}
        link = (
            (root.get("Links") or {}).get("Sessions")
            if isinstance(root.get("Links"), dict)
            else None
        )
        sessions = link.get("@odata.id") if isinstance(link, dict) else None
        if not (isinstance(sessions, str) and sessions in self.store):
            sessions = next(
                (u for u, d in self.store.items() if namespace(d) == "SessionCollection"), None
            )
        self.sessions_uri = self.store.canonical(sessions) if sessions else None
        self.manager_areas = [
            root[name]["@odata.id"]
            for name in _MANAGER_AREAS
            if isinstance(root.get(name), dict) and isinstance(root[name].get("@odata.id"), str)
        ]

    def _index_schema_file(self, doc: dict) -> None:
        """Remember where the service serves each schema, by namespace and version."""
        schema = {"@odata.type": str(doc.get("Schema", ""))}
        locations = doc.get("Location")
        uri = locations[0].get("Uri") if isinstance(locations, list) and locations else None
        if isinstance(uri, str) and namespace(schema):
            versions = self.schema_links.setdefault(namespace(schema), {})
            versions.setdefault(type_version(schema), uri)

    # ------------------------------------------------------------------ entry point

    def handle(self, request: Request) -> Response:
        """Answer one request; never raises for anything a client can send."""
        if request.path.startswith("/__sim__/"):
            return self._sim_endpoint(request)
        self.count(request.method)
        try:
            return self._route(request)
        except ApiError as err:
            return Response.json(err.status, self.catalog.error(err.entries), **err.headers)
        except QueryError as err:
            entry = self.catalog.entry(err.message, err.args, err.reason)
            return Response.json(err.status, self.catalog.error([entry]))

    def count(self, method: str) -> None:
        """Count one request a client sent (the server counts the ones a fault answered)."""
        with self._count_lock:
            self._requests[method.upper()] += 1

    def stats(self) -> dict:
        """Requests by method (the /__sim__/ ones left out) and live sessions."""
        with self._count_lock:
            requests = dict(self._requests)
        return {"requests": requests, "sessions": len(self.sessions.live())}

    def _sim_endpoint(self, request: Request) -> Response:
        if uri_key(request.path) == "/__sim__/stats" and request.method in ("GET", "HEAD"):
            return Response.json(200, self.stats(), Cache_Control="no-store")
        return Response.json(
            404,
            self.catalog.error_for("ResourceMissingAtURI", [request.path]),
        )

    def _error(
        self, status: int, name: str, args=(), reason: str | None = None, **headers
    ) -> ApiError:
        return ApiError(status, [self.catalog.entry(name, args, reason)], **headers)

    # ------------------------------------------------------------------ routing

    def _route(self, request: Request) -> Response:
        method = request.method.upper()
        path = request.path or "/"
        version = request.header("OData-Version")
        if version is not None and version.strip() != "4.0":
            raise self._error(
                412, "GeneralError", reason=f"OData-Version {version} is not supported; use 4.0."
            )
        key = uri_key(path)
        public = self._public(key)
        if public is not None and method in ("GET", "HEAD"):
            canonical, build = public
            if key == uri_key(ROOT) and path in ("/redfish/v1/", canonical):
                canonical = path
            redirected = self._redirect(path, canonical, request.query)
            return redirected or build(request, method == "HEAD")
        target = self._resolve(path)
        if (
            method == "POST"
            and target is not None
            and self.sessions_uri
            and target.kind in ("resource", "members")
            and uri_key(target.uri.removesuffix("/Members")) == uri_key(self.sessions_uri)
        ):
            return self._redirect(path, target.uri, request.query) or self._login(request)
        principal = self._authenticate(request)
        if public is not None:
            raise self._not_allowed(method, ["GET", "HEAD"])
        if target is None:
            if method == "POST" and "/actions/" in key:
                raise self._error(
                    400, "ActionNotSupported", [last_segment(path)], f"No action at {path}."
                )
            raise self._error(404, "ResourceMissingAtURI", [path])
        redirected = self._redirect(path, target.uri, request.query)
        if redirected:
            return redirected
        if method not in KNOWN_METHODS:
            raise self._error(
                501, "OperationNotAllowed", [method], f"The method {method} is not implemented."
            )
        self._authorize(principal, method, target)
        if method in ("GET", "HEAD"):
            return self._get(request, target, head=method == "HEAD")
        if method == "OPTIONS":
            return Response(
                204, headers={"Allow": ", ".join(self._allow(target))}, content_type=None
            )
        if method == "PATCH":
            return self._patch(request, target, principal)
        if method == "POST":
            return self._post(request, target, principal)
        if method == "DELETE":
            return self._delete(target, principal)
        raise self._not_allowed(method, self._allow(target))

    def _public(self, key: str):
        """(canonical spelling, builder) of the documents anyone may read."""
        if key == "/redfish":
            return "/redfish", lambda _r, _h: Response.json(200, {"v1": "/redfish/v1/"})
        if key == uri_key(ROOT):
            return self.root_uri, lambda r, h: self._get(
                r, Target("resource", self.root_uri, self.store.get(ROOT)), h
            )
        if key == "/redfish/v1/$metadata":
            return "/redfish/v1/$metadata", self._metadata_document
        if key == "/redfish/v1/odata":
            return "/redfish/v1/odata", self._odata_document
        return None

    def _metadata_document(self, _request: Request, _head: bool) -> Response:
        if self._metadata is None:
            self._metadata = metadata_xml(
                (d for _u, d in self.store.items()), self.store.get(ROOT) or {}
            )
        return Response(200, self._metadata.encode(), {"Allow": "GET, HEAD"}, XML)

    def _odata_document(self, _request: Request, _head: bool) -> Response:
        stored = self.store.get("/redfish/v1/odata")
        doc = stored or odata_service_document(self.store.get(ROOT) or {}, self.root_uri)
        return Response.json(200, doc, Allow="GET, HEAD")

    def _redirect(self, path: str, canonical: str, query: str) -> Response | None:
        if not self.redirect or unquote(path) == unquote(canonical):
            return None
        location = canonical + (f"?{query}" if query else "")
        return Response(308, b"", {"Location": location}, content_type=None)

    def _resolve(self, path: str) -> Target | None:
        key = uri_key(path)
        canonical = self.store.canonical(key)
        if canonical is not None:
            return Target("resource", canonical, self.store.get(key))
        action = self.action_targets.get(key)
        if action is not None:
            return Target("action", action[2], action=(action[0], action[1]))
        parent, _, name = key.rpartition("/")
        if self.sessions_uri and parent == uri_key(self.sessions_uri):
            session = self.sessions.find(unquote(name))
            if session is not None:
                return Target("session", session.uri, session=session)
        if name == "members":
            collection = self.store.get(parent)
            if collection is not None and is_collection(collection):
                return Target(
                    "members", f"{self.store.canonical(parent).rstrip('/')}/Members", collection
                )
        return None

    def _allow(self, target: Target) -> list[str]:
        if target.kind == "session":
            return ["GET", "HEAD", "DELETE"]
        if target.kind in ("action", "members"):
            return ["POST"]
        return allowed_methods(
            target.doc or {}, settings_owner=settings_object(target.doc or {}) is not None
        )

    def _not_allowed(self, method: str, allow: list[str]) -> ApiError:
        reason = f"{method} is not allowed here; the resource allows {', '.join(allow)}."
        return self._error(405, "OperationNotAllowed", [method], reason, Allow=", ".join(allow))

    # ------------------------------------------------------------------ who is asking

    def _authenticate(self, request: Request) -> Principal:
        token = request.header("X-Auth-Token")
        if token:
            session = self.sessions.use(token.strip())
            if session is not None:
                return Principal(
                    session.user,
                    session.role,
                    session.account_uri,
                    session,
                    session.password_change_required,
                )
            raise self._unauthorized("The session token is not valid or has expired; log in again.")
        header = request.header("Authorization") or ""
        if header[:6].lower() == "basic ":
            try:
                user, _, password = base64.b64decode(header[6:].strip()).decode().partition(":")
            except (binascii.Error, UnicodeDecodeError):
                user, password = "", ""
            principal = self.accounts.authenticate(user, password) if user else None
            if principal is not None:
                return principal
            raise self._unauthorized(
                "HTTP Basic authentication failed: unknown user name or wrong credentials."
            )
        raise self._unauthorized(
            "No valid session: log in with POST to the Sessions collection, or use HTTP Basic."
        )

    def _unauthorized(self, reason: str) -> ApiError:
        return self._error(401, "NoValidSession", reason=reason, WWW_Authenticate=WWW_AUTHENTICATE)

    def _authorize(self, principal: Principal, method: str, target: Target) -> None:
        if principal.password_change_required and not self._password_change_allowed(
            principal, method, target
        ):
            raise self._error(
                403,
                "PasswordChangeRequired",
                [principal.account_uri or ""],
                "The account's password must be changed first: PATCH Password on "
                f"{principal.account_uri}.",
            )
        needed = self._privilege(principal, method, target)
        if needed not in self.accounts.privileges(principal.role):
            raise self._error(
                403, "InsufficientPrivilege", reason=f"This needs the {needed} privilege."
            )

    def _password_change_allowed(self, principal: Principal, method: str, target: Target) -> bool:
        if target.kind == "session":
            return method == "DELETE" and target.session is principal.session
        own = principal.account_uri and uri_key(target.uri) == uri_key(principal.account_uri)
        return bool(own) and method in ("GET", "HEAD", "PATCH")

    def _privilege(self, principal: Principal, method: str, target: Target) -> str:
        if method in ("GET", "HEAD", "OPTIONS"):
            return "Login"
        if target.kind == "session":
            own = principal.session is not None and target.session is principal.session
            return "Login" if own else "ConfigureManager"
        kind = namespace(target.doc or {})
        if kind in ("ManagerAccount", "Role"):
            return "Login" if method == "PATCH" and kind == "ManagerAccount" else "ConfigureUsers"
        if kind == "ManagerAccountCollection":
            return "ConfigureUsers"
        uri = target.action[0] if target.action else target.uri
        if any(is_below(uri, area) for area in self.manager_areas):
            return "ConfigureManager"
        return "ConfigureComponents"

    # ------------------------------------------------------------------ GET

    def _lookup(self, uri: str) -> dict | None:
        """A resource as a client reads it (with @odata.etag), for $expand."""
        if self._is_directory(uri):
            return json.loads(self._directory()[1])
        doc = self.store.get(uri)
        if doc is None or not is_resource(doc):
            return None
        return {**doc, "@odata.etag": self.store.etag(uri)}

    def _is_directory(self, uri: str) -> bool:
        return self.directory_uri is not None and uri_key(uri) == uri_key(self.directory_uri)

    def _directory(self) -> tuple[str, bytes]:
        """(ETag, body) of the ResourceDirectory as the store is now: an index that lists old
        ETags or deleted resources sends a client after things that are gone. Rebuilt only
        after a write, so reading it stays one lookup while nothing changes."""
        generation = self.store.generation
        cached = self._directory_cache
        if cached is not None and cached[0] == generation:
            return cached[1], cached[2]
        base = self.store.get(self.directory_uri) or {}
        listed = base.get("Instances") if isinstance(base.get("Instances"), list) else []
        template = next((e for e in listed if isinstance(e, dict)), {"@odata.etag": ""})
        instances = [e for e in map(self._directory_entry, listed) if e is not None]
        instances += [
            self._new_directory_entry(template, uri, doc)
            for uri, doc in self.store.added()
            if is_resource(doc) and not self._is_directory(uri)
        ]
        etag, body = render({**base, "Instances": instances})
        self._directory_cache = (generation, etag, body)
        return etag, body

    def _directory_entry(self, entry: object) -> dict | None:
        """One Instances entry brought up to date, in the data's own shape (iLO writes
        ``ETag`` and ``HttpMethods``; the built-in data ``@odata.etag``). Entries for resources
        the data never had (a capture's sessions) stay as captured; deleted ones go."""
        uri = entry.get("@odata.id") if isinstance(entry, dict) else None
        if not isinstance(uri, str) or "#" in uri:
            return entry
        doc = self.store.get(uri)
        if doc is None:
            return None if self.store.deleted(uri) else entry
        updated = {**entry, "@odata.type": doc.get("@odata.type", entry.get("@odata.type"))}
        updated["ETag" if "ETag" in entry else "@odata.etag"] = self.store.etag(uri)
        return updated

    def _new_directory_entry(self, template: dict, uri: str, doc: dict) -> dict:
        """An entry for a resource created since start, shaped like the data's first entry."""
        entry = {"@odata.id": uri, "@odata.type": doc["@odata.type"]}
        entry["ETag" if "ETag" in template else "@odata.etag"] = self.store.etag(uri)
        if "HttpMethods" in template:
            entry["HttpMethods"] = self._allow(Target("resource", uri, doc))
        return entry

    def _representation(self, target: Target) -> tuple[str, bytes, dict | None]:
        """(ETag, body, document) — the document only when it had to be built."""
        if target.kind == "session" and target.session is not None:
            doc = self._session_doc(target.session)
        elif self.sessions_uri and uri_key(target.uri) == uri_key(self.sessions_uri):
            base = self.store.get(target.uri) or {}
            members = base.get("Members", []) + [{"@odata.id": s.uri} for s in self.sessions.live()]
            doc = {**base, "Members": members, "Members@odata.count": len(members)}
        elif self._is_directory(target.uri):
            etag, body = self._directory()
            return etag, body, None
        else:
            etag, body = self.store.rendered(target.uri) or ("", b"{}")
            return etag, body, None
        etag, body = render(doc)
        return etag, body, doc

    def _get(self, request: Request, target: Target, head: bool) -> Response:
        if target.kind in ("action", "members"):
            raise self._not_allowed("GET", ["POST"])
        query = parse_query(request.query_params())
        etag, body, doc = self._representation(target)
        if not query.plain:
            doc = self._query(
                json.loads(body) if doc is None else {**doc, "@odata.etag": etag}, query, target
            )
            body = json.dumps(doc, separators=(",", ":"), ensure_ascii=False).encode()
        headers = {
            "ETag": etag,
            "Allow": ", ".join(self._allow(target)),
            "Cache-Control": "no-cache",
        }
        described = self._described_by(target)
        if described:
            headers["Link"] = f"<{described}>; rel=describedby"
        if etag_matches(request.header("If-None-Match"), etag):
            return Response(304, b"", headers, content_type=None)
        return Response(200, body, headers)

    def _query(self, doc: dict, query: Query, target: Target) -> dict:
        if query.only and is_collection(doc) and len(doc.get("Members", [])) == 1:
            member = doc["Members"][0].get("@odata.id", "")
            doc = self._lookup(member) or doc
        if query.expand:
            doc = expand(doc, query.expand, query.levels, self._lookup)
        if (query.top is not None or query.skip) and is_collection(doc):
            doc = page(doc, query.top, query.skip, target.uri)
        if query.select is not None:
            doc = select(doc, query.select)
        return doc

    def _described_by(self, target: Target) -> str | None:
        """The schema a resource's ``Link: rel=describedby`` names: the served file for its
        version (or an unversioned one), else DMTF's published file for its version."""
        doc = target.doc if target.kind == "resource" else {"@odata.type": self.session_type}
        if not doc or (not is_resource(doc) and target.kind != "session"):
            return None
        space, version = namespace(doc), type_version(doc)
        if not space:
            return None
        served = self.schema_links.get(space, {})
        local = served.get(version) or served.get(None)
        return local or f"{DMTF_SCHEMAS}{space}{'.' + version if version else ''}.json"

    def _session_doc(self, session: Session) -> dict:
        return {
            "@odata.id": session.uri,
            "@odata.type": self.session_type,
            "Id": session.id,
            "Name": "User Session",
            "Description": "Manager User Session",
            "UserName": session.user,
        }

    # ------------------------------------------------------------------ --state

    def _save_state(self) -> None:
        if self.state_path is None:
            return
        with self._save_lock:
            save_state(
                self.state_path,
                {"resources": self.store.changes(), "credentials": self.accounts.to_state()},
            )

    def _load_state(self) -> None:
        state = load_state(self.state_path)
        if state is None:
            return
        self.store.apply_changes(state.get("resources") or {})
        self.accounts.load_state(state.get("credentials") or {})
        self.notes.append(
            f"restored {len(state.get('resources') or {})} changed resources from {self.state_path}"
        )
