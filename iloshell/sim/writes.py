"""PATCH, POST and DELETE: everything that changes the simulated service.

:class:`Writes` is a mixin of :class:`iloshell.sim.service.Service` — it uses the service's store,
catalog, accounts, sessions, validation, indexes and helpers — kept apart so that reading
(routing, authentication, GET) and writing each fit in one file. Every write holds the store's
lock from the ``If-Match`` check to the last change, so concurrent writers with the same ETag
cannot both win, and nothing is applied unless the whole request is valid.
"""

from __future__ import annotations

import json

from iloshell.model.attributes import AttributeRegistry
from iloshell.model.patch import settings_object
from iloshell.sim import actions as sim_actions
from iloshell.sim.auth import Principal
from iloshell.sim.protocol import ApiError, Request, Response, Target, etag_matches
from iloshell.sim.resources import (
    CREATABLE,
    actions_of,
    is_collection,
    namespace,
)
from iloshell.sim.store import render

_EVENT_DESTINATION_PROPERTIES = frozenset(
    {
        "Destination",
        "Protocol",
        "Context",
        "EventTypes",
        "RegistryPrefixes",
        "ResourceTypes",
        "MessageIds",
        "OriginResources",
        "SubscriptionType",
        "DeliveryRetryPolicy",
        "EventFormatType",
        "IncludeOriginOfCondition",
        "HttpHeaders",
        "Name",
    }
)


class Writes:
    """The write handlers (see the module docstring)."""

    # ------------------------------------------------------------------ bodies

    def _body(self, request: Request, *, empty_ok: bool = False) -> dict:
        content_type = (request.header("Content-Type") or "").split(";")[0].strip().lower()
        if content_type and content_type != "application/json":
            raise self._error(
                415,
                "UnsupportedMediaType",
                reason=f"Content-Type {content_type} is not supported; send application/json.",
            )
        if not request.body.strip():
            if empty_ok:
                return {}
            raise self._error(400, "MalformedJSON", reason="The request has no JSON body.")
        duplicates: list[str] = []

        def pairs(items: list) -> dict:
            seen = {}
            for name, value in items:
                if name in seen:
                    duplicates.append(name)
                seen[name] = value
            return seen

        try:
            body = json.loads(
                request.body.decode("utf-8"), object_pairs_hook=pairs, parse_constant=_no_constants
            )
        except (ValueError, UnicodeDecodeError) as err:
            raise self._error(
                400, "MalformedJSON", reason=f"The body is not valid JSON: {err}."
            ) from None
        if duplicates:
            raise ApiError(400, [self.catalog.entry("PropertyDuplicate", [n]) for n in duplicates])
        if not isinstance(body, dict):
            raise self._error(
                400, "UnrecognizedRequestBody", reason="The body must be a JSON object."
            )
        return body

    def _check_if_match(self, request: Request, uri: str) -> None:
        wanted = request.header("If-Match")
        if wanted is None:
            return
        current = self.store.etag(uri) or ""
        if not etag_matches(wanted, current):
            raise self._error(
                412,
                "PreconditionFailed",
                reason=f"The resource changed: If-Match {wanted.strip()} is not its current "
                f"ETag {current}. GET it again, re-apply the change and retry.",
                ETag=current,
            )

    def _violations(self, violations: list) -> ApiError:
        return ApiError(
            400,
            [
                self.catalog.entry(
                    v.message,
                    list(v.args),
                    v.reason,
                    RelatedProperties=[f"#{v.pointer}"] if v.pointer else None,
                )
                for v in violations
            ],
        )

    def _success(
        self, doc_uri: str | None, messages: list[dict], status: int = 200, **headers: str
    ) -> Response:
        """A write's answer: the resource as it is now, with the messages, or just the messages."""
        if doc_uri is None:
            return Response.json(status, {"@Message.ExtendedInfo": messages}, **headers)
        etag, body = self.store.rendered(doc_uri) or ("", b"{}")
        doc = {**json.loads(body), "@Message.ExtendedInfo": messages}
        return Response.json(status, doc, ETag=etag, **headers)

    # ------------------------------------------------------------------ PATCH

    def _patch(self, request: Request, target: Target, principal: Principal) -> Response:
        doc = target.doc or {}
        allow = self._allow(target)
        owner_settings = settings_object(doc)
        if owner_settings is not None:
            return self._patch_settings_owner(request, target, owner_settings)
        if "PATCH" not in allow:
            raise self._not_allowed("PATCH", allow)
        with self.store.lock:
            self._check_if_match(request, target.uri)
            patch = self._body(request)
            patch = {k: v for k, v in patch.items() if not k.startswith("@")}
            if not patch:
                raise self._error(400, "NoOperation")
            doc = self.store.get(target.uri) or {}
            kind = namespace(doc)
            account = None
            if kind == "ManagerAccount":
                account = self.accounts.split_patch(target.uri, doc, patch, principal)
            elif kind == "Role" and (
                doc.get("IsPredefined")
                or doc.get("Id") in ("Administrator", "Operator", "ReadOnly")
            ):
                raise ApiError(
                    400,
                    [
                        self.catalog.entry(
                            "PropertyNotWritable",
                            [name],
                            f"{name} of predefined role {doc.get('Id')} cannot be changed.",
                        )
                        for name in patch
                    ],
                )
            owner_uri = self.settings_owners.get(target.uri)
            attributes = None
            if owner_uri is not None:
                owner = self.store.get(owner_uri) or {}
                if isinstance(owner.get("AttributeRegistry"), str):
                    attributes = self.validation.attribute_registry(owner["AttributeRegistry"])
            violations, validated = self.validation.check_patch(patch, doc, attributes)
            if violations:
                raise self._violations(violations)
            if attributes is not None:
                patch = hide_write_only_attributes(patch, attributes)
            self.store.patch(target.uri, account.stored if account else patch)
            if account and account.password is not None:
                self.accounts.set_password(target.uri, account.password)
            new = self.store.get(target.uri) or {}
            if account and (new.get("Enabled") is False or new.get("Locked") is True):
                self.sessions.end_user(target.uri)
        self._save_state()
        messages = (
            [self._reset_required(owner_uri)] if owner_uri else [self.catalog.entry("Success")]
        )
        if not validated:
            messages.append(self._unvalidated(doc))
        return self._success(target.uri, messages)

    def _unvalidated(self, doc: dict) -> dict:
        """The note on a write that no schema could check (it was applied all the same)."""
        reason = (
            "Applied without schema validation: the simulator has no schema for "
            f"{doc.get('@odata.type')}."
        )
        return self.catalog.entry("Success", reason=reason)

    def _patch_settings_owner(self, request: Request, target: Target, settings: str) -> Response:
        """iLO refuses writes to a current-settings resource; changes go to its settings object."""
        patch = self._body(request)
        names = [k for k in patch if not k.startswith("@")] or ["(empty body)"]
        where = self.store.canonical(settings) or settings
        raise ApiError(
            400,
            [
                self.catalog.entry(
                    "PropertyNotWritable",
                    [name],
                    f"{target.uri} shows the current settings and cannot be changed; PATCH "
                    f"{name} to the settings object {where} instead (applied at the next reset).",
                    RelatedProperties=[f"#/{name}"],
                )
                for name in names
            ],
        )

    def _reset_required(self, owner_uri: str | None) -> dict:
        system = owner_uri.rsplit("/", 2)[0] if owner_uri else ""
        reason = (
            "The change is pending in the settings object and takes effect at the next system "
            f"reset (ComputerSystem.Reset on {system})."
        )
        return self.catalog.oem_entry("SystemResetRequired", reason) or self.catalog.entry(
            "ResetRequired", [system, "ForceRestart"], reason
        )

    # ------------------------------------------------------------------ POST

    def _post(self, request: Request, target: Target, principal: Principal) -> Response:
        if target.kind == "action":
            return self._action(request, target)
        doc = target.doc or {}
        kind = namespace(doc)
        if not is_collection(doc) or kind not in CREATABLE:
            raise self._not_allowed("POST", self._allow(target))
        collection = self.store.canonical(doc.get("@odata.id", target.uri)) or target.uri
        body = self._body(request)
        if kind == "ManagerAccountCollection":
            return self._create_account(collection, body)
        if kind == "EventDestinationCollection":
            return self._create_subscription(collection, body)
        raise self._not_allowed("POST", self._allow(target))

    def _login(self, request: Request) -> Response:
        if self.basic_only:  # some emulators demand Basic credentials even here
            raise self._unauthorized("This service accepts HTTP Basic authentication only.")
        body = self._body(request)
        user, password = body.get("UserName"), body.get("Password")
        missing = [
            n for n, v in (("UserName", user), ("Password", password)) if not isinstance(v, str)
        ]
        if missing:
            raise ApiError(
                400,
                [
                    self.catalog.entry("PropertyMissing", [n], f"Login needs {n} (a string).")
                    for n in missing
                ],
            )
        principal = self.accounts.authenticate(user, password)
        if principal is None:
            raise self._unauthorized(
                "Login failed: unknown user name, wrong credentials, or a disabled account."
            )
        session, token = self.sessions.create(principal, self.sessions_uri or "")
        doc = self._session_doc(session)
        if principal.password_change_required:
            doc["@Message.ExtendedInfo"] = [
                self.catalog.entry(
                    "PasswordChangeRequired",
                    [principal.account_uri or ""],
                    f"Change the password (PATCH Password on {principal.account_uri}) before "
                    "doing anything else.",
                )
            ]
        etag, _ = render(self._session_doc(session))
        return Response.json(201, doc, Location=session.uri, X_Auth_Token=token, ETag=etag)

    def _create_account(self, collection: str, body: dict) -> Response:
        messages = [self.catalog.entry("Created")]
        with self.store.lock:
            uri, doc, password, extras = self.accounts.new_account(collection, body)
            if extras:
                violations, validated = self.validation.check_patch(extras, doc)
                if violations:
                    raise self._violations(violations)
                if not validated:
                    messages.append(self._unvalidated(doc))
                doc = {**doc, **extras}
            self.store.put(uri, doc)
            self.store.add_member(collection, uri)
            self.accounts.set_password(uri, password)
        self._save_state()
        return self._success(uri, messages, 201, Location=uri)

    def _create_subscription(self, collection: str, body: dict) -> Response:
        unknown = sorted(set(body) - _EVENT_DESTINATION_PROPERTIES)
        if unknown:
            raise ApiError(400, [self.catalog.entry("PropertyUnknown", [n]) for n in unknown])
        destination = body.get("Destination")
        if not isinstance(destination, str) or not destination.startswith(("http://", "https://")):
            raise self._error(
                400,
                "PropertyValueFormatError"
                if "Destination" in body
                else "CreateFailedMissingReqProperties",
                [str(destination), "Destination"] if "Destination" in body else ["Destination"],
                "Destination must be an http:// or https:// URL.",
            )
        protocol = body.get("Protocol", "Redfish")
        if protocol != "Redfish":
            raise self._error(
                400,
                "PropertyValueNotInList",
                [str(protocol), "Protocol"],
                "The simulator delivers events by the Redfish protocol only.",
            )
        with self.store.lock:
            uri, number, template = self.store.new_member(collection)
            doc = {
                "@odata.id": uri,
                "@odata.type": template.get(
                    "@odata.type", "#EventDestination.v1_0_0.EventDestination"
                ),
                "Id": number,
                "Name": body.get("Name", "Event Subscription"),
                "Protocol": protocol,
                "Context": body.get("Context", ""),
                **{k: v for k, v in body.items() if k not in ("HttpHeaders", "Name")},
            }
            self.store.put(uri, doc)
            self.store.add_member(collection, uri)
        self._save_state()
        return self._success(uri, [self.catalog.entry("Created")], 201, Location=uri)

    def _action(self, request: Request, target: Target) -> Response:
        owner_uri, name = target.action or ("", "")
        owner = self.store.get(owner_uri) or {}
        action = actions_of(owner).get(name, {})
        params = self._body(request, empty_ok=True)
        info_uri = action.get("@Redfish.ActionInfo")
        info = self.store.get(info_uri) if isinstance(info_uri, str) else None
        violations, described = self.validation.check_action(params, owner, name, info)
        if violations:
            raise self._violations(violations)
        short = name.lstrip("#")
        if short == "ComputerSystem.Reset":
            messages = self._reset_system(owner_uri, name, params)
        elif short == "LogService.ClearLog":
            cleared = sim_actions.clear_log(self.store, owner_uri)
            messages = [self.catalog.entry("Success", reason=f"Cleared {cleared} log entries.")]
        elif short == "Bios.ResetBios":
            messages = self._reset_bios(owner_uri, owner)
        elif short == "Manager.Reset":
            reason = "The manager was reset (simulated; sessions are kept)."
            messages = [self.catalog.entry("Success", reason=reason)]
        else:
            reason = f"Accepted {name}; the simulator has no effect to show for it."
            messages = [self.catalog.entry("Success", reason=reason)]
        if not described and any(not k.startswith("@") for k in params):
            reason = (
                f"The parameters of {name} were not validated: the service describes them "
                "nowhere (no ActionInfo, AllowableValues or schema)."
            )
            messages.append(self.catalog.entry("Success", reason=reason))
        self._save_state()
        return self._success(None, messages)

    def _reset_system(self, uri: str, name: str, params: dict) -> list[dict]:
        reset_type = params.get("ResetType")
        if not isinstance(reset_type, str):
            raise self._error(400, "ActionParameterMissing", [name, "ResetType"])
        if not sim_actions.known_reset(reset_type):
            raise self._error(400, "ActionParameterValueNotInList", [reset_type, "ResetType", name])
        with self.store.lock:
            state = str(self.store.get(uri).get("PowerState") or "On")
            after, boots = sim_actions.power_after(state, reset_type)
            if after != state:
                self.store.patch(uri, {"PowerState": after})
            success = self.catalog.entry("Success")
            applied = (
                sim_actions.boot(self.store, uri, self.settings_owners, success) if boots else 0
            )
        reason = f"{reset_type}: PowerState {state} -> {after}" + (
            f"; applied the pending settings of {applied} resource(s)." if applied else "."
        )
        return [self.catalog.entry("Success", reason=reason)]

    def _reset_bios(self, uri: str, bios: dict) -> list[dict]:
        registry = self.validation.attribute_registry(str(bios.get("AttributeRegistry", "")))
        if registry is None:
            raise self._error(
                400,
                "ActionNotSupported",
                ["#Bios.ResetBios"],
                "The service has no attribute registry to take defaults from.",
            )
        defaults = {
            a.name: a.default_value
            for a in registry.attributes()
            if not a.read_only and a.default_value is not None
        }
        with self.store.lock:
            self.store.patch(settings_object(bios) or uri, {"Attributes": defaults})
        return [self._reset_required(uri)]

    # ------------------------------------------------------------------ DELETE

    def _delete(self, target: Target, principal: Principal) -> Response:
        done = [self.catalog.entry("Success")]
        if target.kind == "session" and target.session is not None:
            self.sessions.end(target.session)
            return self._success(None, done)
        doc = target.doc or {}
        if "DELETE" not in self._allow(target):
            raise self._not_allowed("DELETE", self._allow(target))
        with self.store.lock:
            if namespace(doc) == "ManagerAccount":
                self.accounts.forget(target.uri)
                self.sessions.end_user(target.uri)
            self.store.remove(target.uri)
            parent = target.uri.rstrip("/").rsplit("/", 1)[0]
            if parent in self.store and is_collection(self.store.get(parent)):
                self.store.remove_member(parent, target.uri)
        self._save_state()
        return self._success(None, done)


def _no_constants(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


def hide_write_only_attributes(patch: dict, attributes: AttributeRegistry) -> dict:
    """BIOS passwords are accepted but read back as null, as iLO and Redfish show them:
    a settings object must never hand a pending password to the next reader."""
    values = patch.get("Attributes")
    if not isinstance(values, dict):
        return patch
    hidden = {}
    for name, value in values.items():
        entry = attributes.attribute(name)
        secret = entry is not None and entry.secret
        hidden[name] = None if secret else value
    return {**patch, "Attributes": hidden}
