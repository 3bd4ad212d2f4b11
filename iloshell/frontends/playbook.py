"""What the Ansible modules of the ``iloshell.redfish`` collection do, on plain data.

The modules (``iloshell/ansible_collections/iloshell/redfish/plugins/modules``) only turn
Ansible's parameters into a call here and the answer into ``exit_json``/``fail_json``; the work
is the shell's own: the same login, validation against the service's schemas and attribute
registries, pending-aware staging, one PATCH per resource with If-Match, and read-back.

* :func:`configure` applies ``settings`` (shell path -> value) or a ``script``. Check mode
  validates and stages, sends nothing that changes state; diff mode gives before/after per
  resource; ``changed`` is true only when something was (or would be) committed, so a BIOS
  value already pending is ``ok`` until the reboot.
* :func:`read_facts` reads values at paths, and resources found by type.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from iloshell.commands.context import Context, Output, Settings
from iloshell.commands.lexer import Variables
from iloshell.commands.messages import describe
from iloshell.commands.runner import ExitShell, run_source
from iloshell.errors import IloshellError
from iloshell.frontends.fleet import first_error
from iloshell.staging.commit import APPLIED, PENDING
from iloshell.staging.stage import MISSING, Change
from iloshell.transport.auth import AUTH_METHODS

WOULD_CHANGE = "would change"  # check mode: validated and staged, not sent


class PlaybookError(Exception):
    """The task fails with this message (one line, the service's own words resolved)."""

    def __init__(self, message: str, result: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.result = result or {}


@dataclass
class Service:
    """Where and how to log in (the modules' common parameters)."""

    url: str
    username: str
    password: str = field(repr=False)
    validate_certs: bool = True
    ca_path: str | None = None
    timeout: float = 30.0
    auth: str = "auto"


@contextmanager
def session(service: Service, *, check: bool = False) -> Iterator[Context]:
    """A logged-in Context whose output is captured; logged out on every way out."""
    from iloshell.commands.session import open_connection

    settings = Settings(
        timeout=service.timeout,
        insecure=not service.validate_certs,
        cacert=service.ca_path,
        auth=service.auth,
        assume_yes=True,
    )
    ctx = Context(settings=settings, output=Output(io.StringIO(), io.StringIO()))
    if check:
        ctx.extras["check"] = True
    try:
        open_connection(ctx, service.url, service.username, service.password)
    except IloshellError as err:
        raise PlaybookError(describe(err, None)) from None
    try:
        yield ctx
    finally:
        if ctx.connection is not None:
            ctx.connection.close()


def configure(
    service: Service,
    settings: Mapping[str, Any] | None = None,
    script: str | None = None,
    *,
    check: bool = False,
) -> dict[str, Any]:
    """Apply ``settings`` or ``script``: the module's result (changed, changes, diff, output).

    Raises PlaybookError (nothing sent when validation refused a value) with what happened
    to each change so far in ``result``."""
    outcomes: list[tuple[Change, str, str | None]] = []
    with session(service, check=check) as ctx:
        ctx.extras["after_commit"] = lambda done: outcomes.extend(
            (o.change, o.status, o.detail) for o in done
        )
        try:
            if settings:
                from iloshell.commands.helpers import stage_values

                stage_values(ctx, list(settings.items()))
                code = run_source(ctx, "commit", "settings")
            else:
                code = run_source(ctx, script or "", "script", Variables())
        except ExitShell as leave:
            code = leave.code
        except IloshellError as err:
            raise PlaybookError(describe(err, ctx.connection)) from None
        staged = ctx.conn.stage.own() if check else []
        for change in staged:  # a check leaves nothing behind
            ctx.conn.stage.remove(change)
        if staged:
            ctx.conn.save_stage()
        output = ctx.output.out.getvalue()  # type: ignore[attr-defined]
        notes = ctx.output.err.getvalue()  # type: ignore[attr-defined]
    results = [change_result(c, status, detail) for c, status, detail in outcomes]
    results += [change_result(c, WOULD_CHANGE, None) for c in staged]
    result = {
        "changed": any(r["result"] in (APPLIED, PENDING, WOULD_CHANGE) for r in results),
        "changes": results,
        "diff": diff(results),
        "stdout": output,
        "stderr": notes,
    }
    if code:
        why = first_error(notes, "settings" if settings else "script")
        raise PlaybookError(why or f"failed (exit code {code})", result)
    return result


def change_result(change: Change, status: str, detail: str | None) -> dict[str, Any]:
    """One change as the task reports it (secret values masked as the shell shows them)."""
    return {
        "path": change.display,
        "uri": change.uri,
        "before": None if change.old is MISSING or change.secret else change.old,
        "after": change.shown_value(),
        "result": status,
        "reason": detail,
        "applies_at_reset": bool(change.settings_of),
    }


def diff(results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Ansible's diff: per resource, the changed properties before and after."""
    by_resource: dict[str, dict[str, dict[str, Any]]] = {}
    for result in results:
        resource, _, name = result["path"].rpartition("/")
        sides = by_resource.setdefault(resource or "/", {"before": {}, "after": {}})
        sides["before"][name] = result["before"]
        sides["after"][name] = result["after"]
    return [
        {
            "before_header": f"{resource} (current)",
            "after_header": f"{resource} (after commit)",
            "before": sides["before"],
            "after": sides["after"],
        }
        for resource, sides in by_resource.items()
    ]


def read_facts(
    service: Service, paths: list[str], types: list[str] | None = None
) -> dict[str, Any]:
    """Values at ``paths`` (by path) and the paths of resources of ``types`` (by type)."""
    from iloshell.commands.helpers import resolve_path, type_matches
    from iloshell.graph.crawl import crawl
    from iloshell.redfish.walk import ROOT, path_text

    with session(service) as ctx:
        try:
            values = {p: ctx.conn.navigator.value(resolve_path(ctx, p)) for p in paths}
            found: dict[str, list[str]] = {}
            if types:
                visits = crawl(ctx.conn.graph, ROOT).visits
                for kind in types:
                    found[kind] = [
                        path_text(v.path) for v in visits if type_matches(v.resource, kind)
                    ]
        except IloshellError as err:
            raise PlaybookError(describe(err, ctx.connection)) from None
    return {"values": values, "found": found}


SERVICE_OPTIONS: dict[str, dict[str, Any]] = {
    "url": {"type": "str", "required": True},
    "username": {"type": "str", "required": True, "aliases": ["user"]},
    "password": {"type": "str", "required": True, "no_log": True},
    "validate_certs": {"type": "bool", "default": True},
    "ca_path": {"type": "path"},
    "auth": {"type": "str", "default": "auto", "choices": list(AUTH_METHODS)},
    "timeout": {"type": "float", "default": 30.0},
}
"""The Ansible argument spec of the login options (the doc fragment ``service`` says them)."""


def service_from(params: Mapping[str, Any]) -> Service:
    return Service(
        url=params["url"],
        username=params["username"],
        password=params["password"],
        validate_certs=params["validate_certs"],
        ca_path=params.get("ca_path"),
        timeout=params["timeout"],
        auth=params.get("auth", "auto"),
    )
