"""Who is asking: accounts with passwords, roles with privileges, and login sessions.

Passwords are kept as salted PBKDF2 digests (the --state file may hold them, and nothing secret
may reach a disk in clear); a successful check is remembered as a SHA-256 of the password so
HTTP Basic on every request stays cheap. Sessions live only in memory: a restart logs everybody
out, as rebooting an iLO does. Tokens are random hex (the DMTF validator checks their entropy)
and are never logged.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

# DSP0266 predefined roles; a Role resource in the data overrides these by Id.
STANDARD_ROLES: dict[str, frozenset[str]] = {
    "Administrator": frozenset(
        {"Login", "ConfigureManager", "ConfigureUsers", "ConfigureComponents", "ConfigureSelf"}
    ),
    "Operator": frozenset({"Login", "ConfigureComponents", "ConfigureSelf"}),
    "ReadOnly": frozenset({"Login", "ConfigureSelf"}),
}

_ITERATIONS = 60_000


@dataclass
class Credential:
    """A salted PBKDF2-SHA256 password digest."""

    salt: bytes
    digest: bytes
    _verified: bytes | None = field(default=None, repr=False, compare=False)

    @classmethod
    def make(cls, password: str) -> Credential:
        salt = secrets.token_bytes(16)
        return cls(salt, _pbkdf2(password, salt))

    def verify(self, password: str) -> bool:
        quick = hashlib.sha256(self.salt + password.encode()).digest()
        if self._verified is not None and hmac.compare_digest(quick, self._verified):
            return True
        if hmac.compare_digest(_pbkdf2(password, self.salt), self.digest):
            self._verified = quick
            return True
        return False

    def to_json(self) -> dict:
        return {"salt": self.salt.hex(), "pbkdf2_sha256": self.digest.hex()}

    @classmethod
    def from_json(cls, data: dict) -> Credential:
        return cls(bytes.fromhex(data["salt"]), bytes.fromhex(data["pbkdf2_sha256"]))


def _pbkdf2(password: str, salt: bytes) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", password.encode(), salt, _ITERATIONS)


@dataclass
class Principal:
    """An authenticated caller."""

    user: str
    role: str
    account_uri: str | None = None
    session: Session | None = None
    password_change_required: bool = False


@dataclass
class Session:
    """A live login session (its token is the dictionary key that finds it)."""

    id: str
    uri: str
    user: str
    role: str
    account_uri: str | None
    created: float
    last_used: float
    password_change_required: bool = False


class SessionTable:
    """Live sessions by token, with idle expiry and an optional absolute lifetime."""

    def __init__(
        self,
        idle_timeout: float,
        lifetime: float | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.idle_timeout = idle_timeout
        self.lifetime = lifetime
        self.clock = clock  # injectable: tests expire sessions without sleeping
        self._by_token: dict[str, Session] = {}
        self._lock = threading.Lock()

    def create(self, principal: Principal, collection_uri: str) -> tuple[Session, str]:
        """Open a session for ``principal``; returns it with its (secret) token."""
        token = secrets.token_hex(16)
        session_id = secrets.token_hex(8)
        now = self.clock()
        session = Session(
            id=session_id,
            uri=f"{collection_uri.rstrip('/')}/{session_id}",
            user=principal.user,
            role=principal.role,
            account_uri=principal.account_uri,
            created=now,
            last_used=now,
            password_change_required=principal.password_change_required,
        )
        with self._lock:
            self._by_token[token] = session
        return session, token

    def _expired(self, session: Session, now: float) -> bool:
        if now - session.last_used > self.idle_timeout:
            return True
        return self.lifetime is not None and now - session.created > self.lifetime

    def use(self, token: str) -> Session | None:
        """The live session for a token, touching its idle clock; None if unknown or expired."""
        now = self.clock()
        with self._lock:
            session = self._by_token.get(token)
            if session is None:
                return None
            if self._expired(session, now):
                del self._by_token[token]
                return None
            session.last_used = now
            return session

    def live(self) -> list[Session]:
        """Every session still alive (expired ones are dropped on the way)."""
        now = self.clock()
        with self._lock:
            for token in [t for t, s in self._by_token.items() if self._expired(s, now)]:
                del self._by_token[token]
            return list(self._by_token.values())

    def find(self, session_id: str) -> Session | None:
        """A live session by its Id (case-insensitive, as URIs are)."""
        wanted = session_id.casefold()
        return next((s for s in self.live() if s.id.casefold() == wanted), None)

    def end(self, session: Session) -> None:
        """Log a session out: its token stops working at once."""
        with self._lock:
            for token in [t for t, s in self._by_token.items() if s is session]:
                del self._by_token[token]

    def end_user(self, account_uri: str) -> None:
        """End every session opened through an account (it was deleted or disabled)."""
        with self._lock:
            for token in [t for t, s in self._by_token.items() if s.account_uri == account_uri]:
                del self._by_token[token]
