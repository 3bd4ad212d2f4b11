"""DMTF's published schemas and standard message registries, shipped inside the package.

Many services publish no JSON schemas (DMTF mockups behind other servers, emulators, BMCs) and
some serve no registries. Without rules, "validated before sending" would silently become
"sent unvalidated", so the package carries DMTF's own files (DSP8010 schemas, DSP8011
registries; BSD-3, see ``dmtf/NOTICE.md``) in one zip, ``dmtf/dmtf.zip``: ``schemas/*.json``
and ``registries/*.json``.

The zip is opened on the first question a service cannot answer, never at start-up (a
one-liner such as ``iloshell URL -c pwd`` does not pay for it), and each member is read and
parsed once.
"""

from __future__ import annotations

import json
import re
import threading
import zipfile
from functools import cache
from pathlib import Path

from iloshell.model.schemas import (
    DMTF_SCHEMA_BASE,
    SchemaSource,
    parse_odata_type,
    version_tuple,
)

BUNDLE = Path(__file__).resolve().parent / "dmtf" / "dmtf.zip"
BUNDLED_FROM = "DSP8010/DSP8011 2025.4"
_VERSIONED = re.compile(r"^(?P<ns>[A-Za-z0-9_]+)\.(?P<ver>v\d+_\d+_\d+)\.json$")
_REGISTRY = re.compile(r"^(?P<prefix>[A-Za-z0-9_]+)\.(?P<ver>\d+\.\d+\.\d+)\.json$")
_lock = threading.Lock()


class _Bundle:
    """The zip's member names, and parsed members on demand (thread-safe: completion and
    commands may ask at once)."""

    def __init__(self, path: Path) -> None:
        self._zip = zipfile.ZipFile(path)
        self.names = {name.casefold(): name for name in self._zip.namelist()}
        self._docs: dict[str, dict | None] = {}

    def read(self, member: str) -> dict | None:
        name = self.names.get(member.casefold())
        if name is None:
            return None
        with _lock:
            if name not in self._docs:
                try:
                    doc = json.loads(self._zip.read(name))
                except (OSError, ValueError, zipfile.BadZipFile):
                    doc = None
                self._docs[name] = doc if isinstance(doc, dict) else None
            return self._docs[name]


@cache
def bundle() -> _Bundle | None:
    """The opened zip; None when the package was installed without it (then nothing is bundled)."""
    try:
        return _Bundle(BUNDLE)
    except (OSError, zipfile.BadZipFile):
        return None


# --------------------------------------------------------------------------- schemas


def schema_versions(namespace: str) -> list[tuple[tuple[int, ...], str]]:
    """The bundled versioned files of ``namespace``: ((1, 20, 0), "ComputerSystem.v1_20_0.json")."""
    found = bundle()
    out = []
    for name in found.names.values() if found else ():
        file_name = name.partition("/")[2]
        match = _VERSIONED.match(file_name) if name.startswith("schemas/") else None
        if match and match["ns"].casefold() == namespace.casefold():
            out.append((version_tuple(match["ver"]) or (0,), file_name))
    return sorted(out)


def pick_schema(namespace: str, version: str | None) -> tuple[str, str] | None:
    """(file name, origin) of the bundled schema for a type, or None.

    The same major.minor first (the newest errata); else the nearest newer minor of the same
    major, which defines every property of the declared one (DMTF never removes a property
    within a major version, it marks ``versionAdded``) so nothing the resource may carry is
    called unknown; else the nearest older minor.
    """
    want = version_tuple(version)
    if want is None:
        found = bundle()
        name = f"schemas/{namespace}.json"
        if found is None or name.casefold() not in found.names:
            return None
        return found.names[name.casefold()].partition("/")[2], f"bundled DMTF {namespace}"
    same_major = [(have, name) for have, name in schema_versions(namespace) if have[0] == want[0]]
    exact = [c for c in same_major if c[0][:2] == want[:2]]
    newer = [c for c in same_major if c[0][:2] > want[:2]]
    older = [c for c in same_major if c[0][:2] < want[:2]]
    # (candidates, which of them, how it is said): the newest errata of the same minor, the
    # lowest newer minor, the highest older minor
    for group, index, how in (
        (exact, -1, ""),
        (newer, 0, ", nearest newer"),
        (older, -1, ", nearest older"),
    ):
        if group:
            have, name = group[index]
            return name, f"bundled DMTF {namespace} v{'.'.join(str(p) for p in have)}{how}"
    return None


class BundledSchemaSource(SchemaSource):
    """A :class:`~iloshell.model.schemas.SchemaSource` over the bundled DMTF schema files."""

    def __init__(self) -> None:
        self.origins: dict[str, str] = {}  # odata_type -> where its schema came from

    def schema_uri(self, odata_type: str) -> str | None:
        name = parse_odata_type(odata_type)
        if name is None:
            return None
        picked = pick_schema(name.namespace, name.version)
        if picked is None:
            return None
        file_name, self.origins[name.odata_type] = picked
        return f"{DMTF_SCHEMA_BASE}{file_name}#/definitions/{name.type_name}"

    def load(self, uri: str) -> dict | None:
        file_name = uri.split("#", 1)[0].rstrip("/").rsplit("/", 1)[-1]
        found = bundle()
        if not file_name or found is None:
            return None
        if not file_name.lower().endswith(".json"):
            file_name += ".json"
        return found.read(f"schemas/{file_name}")

    def origin(self, odata_type: str) -> str:
        name = parse_odata_type(odata_type)
        return self.origins.get(name.odata_type, "bundled DMTF") if name else "bundled DMTF"


class ServiceFirstSource(SchemaSource):
    """The service's schemas where they describe the declared version, the bundled ones else.

    Order for an ``@odata.type``: the service's schema of that exact version, the bundled one
    (see :func:`pick_schema`), and only then the service's schema of another version. Documents
    a reference names (``Resource.json``) come from the service when it serves them, else from
    the bundle: a reference the service cannot satisfy must not turn a known rule into an
    unknown one — nor, inside ``anyOf``, narrow what is allowed.
    """

    def __init__(self, service: SchemaSource, bundled: BundledSchemaSource | None = None) -> None:
        self.service = service
        self.bundled = bundled or BundledSchemaSource()
        self._origins: dict[str, str] = {}

    def schema_uri(self, odata_type: str) -> str | None:
        name = parse_odata_type(odata_type)
        if name is None:
            return None
        want = name.odata_type
        served = self.service.schema_uri(want)
        exact = getattr(self.service, "exact", lambda _t: True)(want)
        if served and exact:
            self._origins[want] = "service"
            return served
        bundled = self.bundled.schema_uri(want)
        if bundled:
            self._origins[want] = self.bundled.origin(want)
            return bundled
        if served:
            self._origins[want] = "service (another version of the schema)"
        return served

    def load(self, uri: str) -> dict | None:
        doc = self.service.load(uri)
        if doc is None and "://" in uri:  # a DMTF URL the service does not serve
            doc = self.bundled.load(uri)
        return doc

    def origin(self, odata_type: str) -> str:
        name = parse_odata_type(odata_type)
        return self._origins.get(name.odata_type, "service") if name else "service"


# --------------------------------------------------------------------------- registries


def registry_files(prefix: str) -> list[tuple[tuple[int, int, int], str]]:
    """The bundled versions of message registry ``prefix``: ((1, 4, 0), "Base.1.4.0.json")."""
    found = bundle()
    out = []
    for name in found.names.values() if found else ():
        file_name = name.partition("/")[2]
        match = _REGISTRY.match(file_name) if name.startswith("registries/") else None
        if match and match["prefix"].casefold() == prefix.casefold():
            major, minor, errata = (int(p) for p in match["ver"].split("."))
            out.append(((major, minor, errata), file_name))
    return sorted(out)


def registry_document(file_name: str) -> dict | None:
    """A bundled registry file, parsed (``Base.1.4.0.json``)."""
    found = bundle()
    return found.read(f"registries/{file_name}") if found else None
