"""What the simulated actions do, and the pending-settings life cycle they drive.

The effects are the few a client can observe and depend on: power state, BIOS settings applied
at the next boot, an emptied log. Settings objects (``@Redfish.Settings.SettingsObject``) hold
pending values; a boot of the system copies them into the resource they belong to, records the
result in ``@Redfish.Settings`` (Messages, Time, ETag of the applied settings) and leaves the
settings object equal to the new current values.
"""

from __future__ import annotations

import copy
import datetime

from iloshell.model.patch import NOT_SETTINGS, merge_patch
from iloshell.redfish.paths import is_below
from iloshell.sim.store import Store

# ResetType -> (power state after, whether the host boots); None keeps the current state.
_RESETS: dict[str, tuple[str | None, bool]] = {
    "On": ("On", True),
    "ForceOn": ("On", True),
    "ForceOff": ("Off", False),
    "GracefulShutdown": ("Off", False),
    "ForceRestart": ("On", True),
    "GracefulRestart": ("On", True),
    "PowerCycle": ("On", True),
    "Nmi": (None, False),
    "Suspend": (None, False),
    "Pause": (None, False),
    "Resume": (None, False),
}


def known_reset(reset_type: str) -> bool:
    """Whether the simulator knows what a ResetType does to the power state."""
    return reset_type in _RESETS or reset_type == "PushPowerButton"


def power_after(state: str, reset_type: str) -> tuple[str, bool]:
    """(PowerState after, whether the host boots) for a ComputerSystem.Reset.

    PushPowerButton toggles; On or a restart of a system that is already on/off behaves as the
    hardware would (a running host is not "booted" again by On).
    """
    on = state != "Off"
    if reset_type == "PushPowerButton":
        return ("Off", False) if on else ("On", True)
    after, boots = _RESETS.get(reset_type, (None, False))
    after = after or state
    if reset_type in ("On", "ForceOn") and on:
        boots = False
    return after, boots


def now_iso() -> str:
    return datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0).isoformat()


def pending(owner: dict, settings: dict) -> dict:
    """The settings a settings object holds that differ from the owner's current values."""
    changes = {}
    for name, value in settings.items():
        if name.startswith("@") or name in NOT_SETTINGS or name not in owner:
            continue
        current = owner[name]
        if isinstance(value, dict) and isinstance(current, dict):
            differing = {k: v for k, v in value.items() if current.get(k, object()) != v}
            if differing:
                changes[name] = differing
        elif value != current:
            changes[name] = value
    return changes


def apply_settings(store: Store, owner_uri: str, settings_uri: str, success: dict) -> bool:
    """Apply a settings object's pending values to its owner, as a boot does; True if any."""
    with store.lock:
        owner, settings = store.get(owner_uri), store.get(settings_uri)
        if owner is None or settings is None:
            return False
        changes = pending(owner, settings)
        if not changes:
            return False
        applied_etag = store.etag(settings_uri)
        new_owner = merge_patch(owner, changes)
        record = dict(new_owner.get("@Redfish.Settings") or {})
        record.update(Messages=[success], Time=now_iso(), ETag=applied_etag)
        new_owner["@Redfish.Settings"] = record
        store.put(owner_uri, new_owner)
        refreshed = {
            k: copy.deepcopy(new_owner[k]) if k in changes else v for k, v in settings.items()
        }
        store.put(settings_uri, refreshed)
        return True


def boot(store: Store, system_uri: str, settings_owners: dict[str, str], success: dict) -> int:
    """A host boot: apply the pending settings of every resource below the system."""
    applied = 0
    for settings_uri, owner_uri in settings_owners.items():
        if is_below(owner_uri, system_uri) and apply_settings(
            store, owner_uri, settings_uri, success
        ):
            applied += 1
    return applied


def clear_log(store: Store, log_service_uri: str) -> int:
    """Empty a LogService's Entries collection; returns how many entries went."""
    with store.lock:
        service = store.get(log_service_uri) or {}
        entries = service.get("Entries")
        entries_uri = entries.get("@odata.id") if isinstance(entries, dict) else None
        collection = store.get(entries_uri) if isinstance(entries_uri, str) else None
        if collection is None:
            return 0
        members = [m.get("@odata.id") for m in collection.get("Members", []) if isinstance(m, dict)]
        for member in members:
            if isinstance(member, str) and member in store:
                store.remove(member)
        store.put(entries_uri, {**collection, "Members": [], "Members@odata.count": 0})
        return len(members)
