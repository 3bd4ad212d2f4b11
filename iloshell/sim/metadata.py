"""The OData documents every Redfish service publishes: ``$metadata`` (CSDL XML) and ``odata``.

A mockup usually brings its own ``$metadata``; the built-in data does not, so one is written
from the types actually served: a reference to DMTF's CSDL file for each standard namespace with
the versions in use, and the EntityContainer that extends the service root's container.
HPE OEM namespaces are left out: HPE publishes no CSDL a client could follow.
"""

from __future__ import annotations

from collections.abc import Iterable
from xml.sax.saxutils import quoteattr

from iloshell.sim.resources import namespace, type_version

CSDL_BASE = "http://redfish.dmtf.org/schemas/v1/"


def metadata_xml(docs: Iterable[dict], root: dict) -> str:
    """A CSDL document referencing the namespaces (and versions) the service uses."""
    versions: dict[str, set[str]] = {}
    for doc in docs:
        if "@odata.id" not in doc:
            continue
        space = namespace(doc)
        if not space or space.startswith("Hpe"):
            continue
        found = versions.setdefault(space, set())
        if type_version(doc):
            found.add(type_version(doc) or "")
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<edmx:Edmx xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx" Version="4.0">',
    ]
    for space in sorted(versions):
        lines.append(f"  <edmx:Reference Uri={quoteattr(f'{CSDL_BASE}{space}_v1.xml')}>")
        lines.append(f"    <edmx:Include Namespace={quoteattr(space)}/>")
        for version in sorted(versions[space]):
            lines.append(f"    <edmx:Include Namespace={quoteattr(f'{space}.{version}')}/>")
        lines.append("  </edmx:Reference>")
    container = f"ServiceRoot.{type_version(root) or 'v1_0_0'}.ServiceContainer"
    lines += [
        "  <edmx:DataServices>",
        '    <Schema xmlns="http://docs.oasis-open.org/odata/ns/edm" Namespace="Service">',
        f'      <EntityContainer Name="Service" Extends={quoteattr(container)}/>',
        "    </Schema>",
        "  </edmx:DataServices>",
        "</edmx:Edmx>",
        "",
    ]
    return "\n".join(lines)


def odata_service_document(root: dict, root_uri: str = "/redfish/v1/") -> dict:
    """The OData service document: the root and each top-level collection or service it links."""
    value = [{"name": "Service", "kind": "Singleton", "url": root_uri}]
    for name, link in root.items():
        if name in ("Links", "Oem") or name.startswith("@") or not isinstance(link, dict):
            continue
        uri = link.get("@odata.id")
        if isinstance(uri, str):
            value.append({"name": name, "kind": "Singleton", "url": uri})
    return {"@odata.context": "/redfish/v1/$metadata", "value": value}
