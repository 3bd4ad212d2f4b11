"""A resource's actions: where they sit (standard, ``Actions/Oem``, iLO's ``Oem/Hpe/Actions``)
and which one a typed name means. Pure functions of a resource body, shared by invoke, explain
and Tab, so Tab offers the action Enter would run.
"""

from __future__ import annotations

from typing import Any

from iloshell.errors import CommandError, UsageError
from iloshell.redfish.walk import node_or


def find_action(body: Any, name: str) -> tuple[str, dict]:
    """The resource's action named ``Reset``, ``ComputerSystem.Reset`` or
    ``#ComputerSystem.Reset`` (Oem actions too). A short name two actions share is refused
    rather than guessed: the wrong action could power a server off."""
    actions = available_actions(body)
    wanted = name.lstrip("#").casefold()
    exact = [k for k in actions if k.lstrip("#").casefold() == wanted]
    short = [k for k in actions if k.lstrip("#").casefold().rsplit(".", 1)[-1] == wanted]
    found = exact or short
    if len(found) == 1:
        return found[0], actions[found[0]]
    if found:
        names = " or ".join(k.lstrip("#") for k in found)
        raise UsageError(f"{name}: several actions have that name; write {names}")
    known = ", ".join(k.lstrip("#") for k in actions) or "none"
    raise CommandError(f"{name}: no such action here (this resource offers: {known})")


def shortest_action_name(body: Any, key: str) -> str:
    """The shortest name :func:`find_action` takes for the action ``key``: ``Reset``, or
    ``Namespace.Reset`` when another action shares the short name."""
    full = key.lstrip("#")
    short = full.rsplit(".", 1)[-1]
    sharing = [k for k in available_actions(body) if k.rsplit(".", 1)[-1] == short]
    return short if len(sharing) <= 1 else full


def available_actions(body: Any) -> dict[str, dict]:
    """``#Namespace.Action`` -> action object, standard and Oem."""
    return {pointer[-1]: action for pointer, action in action_entries(body)}


def action_pointers(body: Any) -> list[tuple[str, ...]]:
    """Where each action sits in the resource (what ``explain PATH/...`` names)."""
    return [pointer for pointer, _ in action_entries(body)]


def action_entries(body: Any) -> list[tuple[tuple[str, ...], dict]]:
    """Every action of a resource with where it sits: ``Actions/#X.Y``, Oem ones in
    ``Actions/Oem/#...`` and ``Actions/Oem/VENDOR/#...``, and ``Oem/VENDOR/Actions/#...``,
    where iLO 5 puts its own (``Oem/Hpe/Actions/#HpeComputerSystemExt.PowerButton``)."""
    places: list[tuple[str, ...]] = [("Actions",), ("Actions", "Oem")]
    places += [("Actions", "Oem", v) for v in vendors(node_or(body, ("Actions", "Oem")))]
    places += [("Oem", v, "Actions") for v in vendors(node_or(body, ("Oem",)))]
    found: list[tuple[tuple[str, ...], dict]] = []
    seen: set[str] = set()
    for place in places:
        node = node_or(body, place)
        if not isinstance(node, dict):
            continue
        for key, action in node.items():
            if key.startswith("#") and isinstance(action, dict) and key not in seen:
                seen.add(key)
                found.append(((*place, key), action))
    return found


def vendors(oem: Any) -> list[str]:
    """The vendor objects of an ``Oem`` object (``Hpe``), not actions sitting in it."""
    if not isinstance(oem, dict):
        return []
    return [k for k, v in oem.items() if not k.startswith("#") and isinstance(v, dict)]
