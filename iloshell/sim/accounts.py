"""Manager accounts: login checks, creation through AccountService, password changes, roles.

An account is its ManagerAccount resource (UserName, RoleId, Enabled, Locked,
PasswordChangeRequired) plus a password digest kept beside the store, never in the resource:
``Password`` reads as null, as Redfish requires. The user and password the simulator was started
with always work and act as Administrator, whether or not an account resource names them.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass

from iloshell.redfish.paths import last_segment, uri_key
from iloshell.sim.auth import STANDARD_ROLES, Credential, Principal
from iloshell.sim.errors import MessageCatalog
from iloshell.sim.protocol import ApiError
from iloshell.sim.resources import namespace
from iloshell.sim.store import Store

# Properties a new account takes besides the required three (checked against the schema too).
_REQUIRED = ("UserName", "Password", "RoleId")


@dataclass
class AccountPatch:
    """A PATCH to an account split into what the store keeps and the new password, if any."""

    stored: dict
    password: str | None


class Accounts:
    """Who may log in, with which role; account resources live in the store."""

    def __init__(self, store: Store, catalog: MessageCatalog, user: str, password: str) -> None:
        self.store = store
        self.catalog = catalog
        self.user = user
        self._password = password
        self._credentials: dict[str, Credential] = {}
        self.roles = self._load_roles()
        self._collections = [
            uri for uri, doc in store.items() if namespace(doc) == "ManagerAccountCollection"
        ]

    # --- roles

    def _load_roles(self) -> dict[str, frozenset[str]]:
        roles = dict(STANDARD_ROLES)
        for _uri, doc in self.store.items():
            if namespace(doc) == "Role" and isinstance(doc.get("Id"), str):
                privileges = doc.get("AssignedPrivileges")
                if isinstance(privileges, list):
                    roles[doc["Id"]] = frozenset(p for p in privileges if isinstance(p, str))
        return roles

    def privileges(self, role: str) -> frozenset[str]:
        return self.roles.get(role, frozenset({"Login"}))

    def role_uri(self, collection_uri: str, role: str) -> str | None:
        """The Role resource for a RoleId, found beside the accounts (AccountService.Roles)."""
        service = self._account_service(collection_uri)
        roles = service.get("Roles") if service else None
        roles_uri = roles.get("@odata.id") if isinstance(roles, dict) else None
        if not isinstance(roles_uri, str):
            return None
        collection = self.store.get(roles_uri) or {}
        for member in collection.get("Members", []):
            uri = member.get("@odata.id") if isinstance(member, dict) else None
            if isinstance(uri, str) and last_segment(uri) == role:
                return uri
        return None

    def _account_service(self, collection_uri: str) -> dict | None:
        parent = collection_uri.rstrip("/").rsplit("/", 1)[0]
        doc = self.store.get(parent)
        return doc if doc and namespace(doc) == "AccountService" else None

    # --- login

    def authenticate(self, user: str, password: str) -> Principal | None:
        """The principal for a user name and password, or None (wrong, disabled or locked)."""
        if hmac.compare_digest(user.encode(), self.user.encode()) and hmac.compare_digest(
            password.encode(), self._password.encode()
        ):
            return Principal(user, "Administrator", account_uri=self.account_named(user))
        for key, credential in list(self._credentials.items()):
            doc = self.store.get(key)
            if not doc or doc.get("UserName") != user:
                continue
            if doc.get("Enabled") is False or doc.get("Locked") is True:
                return None
            if credential.verify(password):
                return Principal(
                    user,
                    str(doc.get("RoleId") or "ReadOnly"),
                    account_uri=self.store.canonical(key),
                    password_change_required=doc.get("PasswordChangeRequired") is True,
                )
        return None

    def account_named(self, user: str) -> str | None:
        """The account resource whose UserName is ``user``, if the data has one."""
        for uri in self._account_uris():
            doc = self.store.get(uri)
            if doc and doc.get("UserName") == user:
                return self.store.canonical(uri)
        return None

    def _account_uris(self) -> list[str]:
        found = []
        for collection in self._collections:
            doc = self.store.get(collection) or {}
            found += [m.get("@odata.id") for m in doc.get("Members", []) if isinstance(m, dict)]
        return [u for u in found if isinstance(u, str)]

    # --- creation, change, deletion

    def _password_rule(self, collection_uri: str, password: str, pointer: str) -> None:
        service = self._account_service(collection_uri) or {}
        low, high = service.get("MinPasswordLength"), service.get("MaxPasswordLength")
        too_short = isinstance(low, int) and len(password) < low
        too_long = isinstance(high, int) and len(password) > high
        if too_short or too_long:
            limits = (
                f"{low if isinstance(low, int) else 0}..{high if isinstance(high, int) else '∞'}"
            )
            reason = f"The password must be {limits} characters long."
            raise ApiError(
                400,
                [
                    self.catalog.entry(
                        "PropertyValueFormatError",
                        ["(hidden)", "Password"],
                        reason,
                        RelatedProperties=[f"#/{pointer}"],
                    )
                ],
            )

    def _check_name_free(self, user: str, except_uri: str | None = None) -> None:
        taken = user == self.user and (except_uri is None or self.account_named(user) != except_uri)
        for uri in self._account_uris():
            doc = self.store.get(uri)
            if doc and doc.get("UserName") == user and uri_key(uri) != uri_key(except_uri or ""):
                taken = True
        if taken:
            reason = f"An account with UserName {user!r} already exists."
            raise ApiError(
                409,
                [
                    self.catalog.entry(
                        "ResourceAlreadyExists", ["ManagerAccount", "UserName", user], reason
                    )
                ],
            )

    def _check_role(self, role: object) -> None:
        if isinstance(role, str) and role in self.roles:
            return
        reason = f"RoleId must be one of {', '.join(sorted(self.roles))}."
        raise ApiError(
            400,
            [
                self.catalog.entry(
                    "PropertyValueNotInList",
                    [role, "RoleId"],
                    reason,
                    RelatedProperties=["#/RoleId"],
                )
            ],
        )

    def new_account(self, collection_uri: str, body: dict) -> tuple[str, dict, str, dict]:
        """Check a POST body and build the new account.

        Returns (URI, document, password, the other properties given) — the caller validates
        the others against the schema, as for a PATCH.
        """
        missing = [name for name in _REQUIRED if name not in body]
        if missing:
            raise ApiError(
                400,
                [
                    self.catalog.entry(
                        "CreateFailedMissingReqProperties",
                        [name],
                        f"Creating an account needs {name}.",
                    )
                    for name in missing
                ],
            )
        wrong = [name for name in _REQUIRED if not isinstance(body[name], str) or not body[name]]
        if wrong:
            raise ApiError(
                400,
                [
                    self.catalog.entry(
                        "PropertyValueTypeError",
                        ["(hidden)" if n == "Password" else body[n], n],
                        f"{n} must be a non-empty string.",
                    )
                    for n in wrong
                ],
            )
        self._check_role(body["RoleId"])
        self._check_name_free(body["UserName"])
        self._password_rule(collection_uri, body["Password"], "Password")
        uri, number, template = self.store.new_member(collection_uri)
        doc: dict = {
            "@odata.id": uri,
            "@odata.type": template.get("@odata.type", "#ManagerAccount.v1_0_0.ManagerAccount"),
            "Id": number,
            "Name": "User Account",
            "Description": "User Account",
            "UserName": body["UserName"],
            "Password": None,
            "RoleId": body["RoleId"],
            "Enabled": True,
            "Locked": False,
        }
        if "@odata.context" in template:
            doc["@odata.context"] = template["@odata.context"]
        if "PasswordChangeRequired" in template and self.catalog.has("PasswordChangeRequired"):
            doc["PasswordChangeRequired"] = False
        role_uri = self.role_uri(collection_uri, body["RoleId"])
        if role_uri:
            doc["Links"] = {"Role": {"@odata.id": role_uri}}
        extras = {k: v for k, v in body.items() if k not in _REQUIRED}
        return uri, doc, body["Password"], extras

    def split_patch(self, uri: str, doc: dict, patch: dict, principal: Principal) -> AccountPatch:
        """Check who may change what in an account, and take the password out of the body."""
        own = principal.account_uri is not None and uri_key(principal.account_uri) == uri_key(uri)
        may_manage = "ConfigureUsers" in self.privileges(principal.role)
        if not may_manage and not (own and set(patch) <= {"Password"}):
            raise ApiError(403, [self.catalog.entry("InsufficientPrivilege")])
        stored = dict(patch)
        password = stored.pop("Password", None)
        if "RoleId" in patch:
            self._check_role(patch["RoleId"])
            role_uri = self.role_uri(uri.rstrip("/").rsplit("/", 1)[0], patch["RoleId"])
            if role_uri and isinstance(doc.get("Links"), dict) and "Role" in doc["Links"]:
                stored["Links"] = {"Role": {"@odata.id": role_uri}}
        if isinstance(patch.get("UserName"), str):
            self._check_name_free(patch["UserName"], except_uri=self.store.canonical(uri))
        if isinstance(password, str):
            self._password_rule(uri.rstrip("/").rsplit("/", 1)[0], password, "Password")
            if doc.get("PasswordChangeRequired") is True and "PasswordChangeRequired" not in patch:
                stored["PasswordChangeRequired"] = False
        return AccountPatch(stored, password if isinstance(password, str) else None)

    def set_password(self, uri: str, password: str) -> None:
        self._credentials[uri_key(uri)] = Credential.make(password)

    def forget(self, uri: str) -> None:
        self._credentials.pop(uri_key(uri), None)

    # --- --state

    def to_state(self) -> dict:
        return {
            self.store.canonical(key) or key: credential.to_json()
            for key, credential in self._credentials.items()
        }

    def load_state(self, saved: dict) -> None:
        for uri, data in saved.items():
            self._credentials[uri_key(uri)] = Credential.from_json(data)
