"""Small constructors shared by every part of the built-in data set.

Each part (systems, chassis, managers, ...) returns plain resource dicts built with these helpers,
so the Redfish boilerplate (``@odata.context``, ``Id``, ``Members@odata.count``) is spelled in one
place and cannot drift between resources.
"""

from __future__ import annotations

from urllib.parse import unquote

from iloshell.redfish.paths import last_segment

Resource = dict
"""A Redfish resource body: a JSON object keyed by its own ``@odata.id``."""


def link(uri: str) -> dict:
    """A Redfish link object."""
    return {"@odata.id": uri}


def links(uris: list[str]) -> list[dict]:
    """An array of Redfish link objects."""
    return [link(uri) for uri in uris]


def context_of(odata_type: str) -> str:
    """``#Chassis.v1_10_0.Chassis`` -> ``/redfish/v1/$metadata#Chassis.Chassis``."""
    parts = odata_type.lstrip("#").split(".")
    return f"/redfish/v1/$metadata#{parts[0]}.{parts[-1]}"


def resource(
    uri: str, odata_type: str, name: str, description: str | None = None, **props: object
) -> Resource:
    """A resource body with the OData header every resource carries, then ``props`` in order.

    ``Id`` is the last URI segment, percent-decoded (``Power%20Supply%20%231`` becomes
    ``Power Supply #1``), unless ``props`` gives one.
    """
    body: Resource = {
        "@odata.context": context_of(odata_type),
        "@odata.id": uri,
        "@odata.type": odata_type,
        "Id": props.pop("Id", None) or unquote(last_segment(uri)),
        "Name": name,
    }
    if description is not None:
        body["Description"] = description
    body.update(props)
    return body


def collection(
    uri: str, member_type: str, name: str, members: list[str], description: str
) -> Resource:
    """A resource collection of type ``#<member_type>Collection.<member_type>Collection``."""
    odata_type = f"#{member_type}Collection.{member_type}Collection"
    body = resource(uri, odata_type, name, description, Members=links(members))
    body["Members@odata.count"] = len(members)
    del body["Id"]  # collections carry no Id, as on iLO and in the DMTF collection schemas
    return body


def status(health: str | None = "OK", state: str = "Enabled", rollup: str | None = None) -> dict:
    """A ``Status`` object; ``health=None`` leaves Health out (absent or disabled parts)."""
    out: dict = {}
    if health is not None:
        out["Health"] = health
    if rollup is not None:
        out["HealthRollup"] = rollup
    out["State"] = state
    return out
