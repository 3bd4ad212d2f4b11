"""No false refusals: every writable property of every shared mockup, staged with its current
value and with each value the resource itself allows, passes validation.

The mockups are served over HTTP by the simulator: the iLO capture with its own schema store,
a DMTF mockup as it is (no schemas: the bundled DMTF schemas apply) and one ``--bare`` (no
schemas and no registries at all). Changes go through ``stage_values``, the body of ``set``
(``set`` only adds the parsing of PATH=VALUE words, which other tests cover), one call per
resource; nothing is committed.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from iloshell.commands.helpers import stage_values
from iloshell.errors import ValidationError
from iloshell.model.schemas import TypeSchema, is_annotation
from iloshell.redfish.resource import is_link
from iloshell.sim.testing import simulate
from tests.conftest import BLADED, DL325, RACKMOUNT
from tests.shell.harness import Shell

ALLOWABLE = "@Redfish.AllowableValues"


def _escaped(name: str) -> str:
    return name.replace("~", "~0").replace("/", "~1")


def candidates(
    body: dict, schema: TypeSchema | None, prefix: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], Any]]:
    """(pointer, value) for each writable property inside ``body``: its current value, and
    each of its ``@Redfish.AllowableValues``. Writable: the schema says ``readonly: false``,
    or the resource lists allowable values for it."""
    for key, value in body.items():
        if is_annotation(key) or key.startswith("@") or is_link(value):
            continue
        pointer = (*prefix, key)
        allowed = body.get(f"{key}{ALLOWABLE}")
        info = schema.lookup(list(pointer)) if schema is not None else None
        if isinstance(value, dict):
            yield from candidates(value, schema, pointer)
            continue
        if info is not None and info.readonly is False:
            yield pointer, value
        if isinstance(allowed, list):
            for choice in allowed:
                if isinstance(choice, str | int | float | bool):
                    yield pointer, choice


def refusals(shell: Shell, resources: dict[str, dict]) -> tuple[int, list[str]]:
    """Stage every candidate of every resource; the number tried and what was refused."""
    conn = shell.ctx.conn
    conn.save_stage = lambda: None  # (an fsync per resource is not what this test is about)
    tried, refused = 0, []
    typed = sorted(u for u, d in resources.items() if "@odata.id" in d and "@odata.type" in d)
    conn.graph.get_many(typed)  # concurrently, as ls -l would
    for uri in typed:
        resource = conn.graph.get(uri)
        schema = conn.checker.schema_for(resource)
        items = [
            (uri + "/" + "/".join(_escaped(p) for p in pointer), value)
            for pointer, value in candidates(resource.body, schema)
        ]
        attributes = conn.checker.attributes_for(resource)
        current = resource.body.get("Attributes")
        if attributes is not None and isinstance(current, dict):
            for name, value in current.items():
                attribute = attributes.attribute(name)
                if attribute is not None and attribute.read_only is False:
                    items.append((f"{uri}/Attributes/{_escaped(name)}", value))
        tried += len(items)
        try:
            stage_values(shell.ctx, items)  # one set of everything; item by item if refused
        except ValidationError:
            for item in items:
                try:
                    stage_values(shell.ctx, [item])
                except ValidationError as err:
                    refused.append(f"{item[0]} = {item[1]!r}: {err.message}"[:300])
    return tried, refused


@pytest.mark.slow
@pytest.mark.parametrize(
    ("mockup", "bare"),
    [(DL325, False), (RACKMOUNT, True), (BLADED, False)],
    ids=["dl325-own-schemas", "rackmount-bare", "bladed-bundled"],
)
def test_every_writable_property_of_every_mockup_can_be_staged(mockup, bare):
    with simulate(mockup=mockup, bare=bare) as sim:
        shell = Shell(sim.url)
        try:
            resources = {uri: doc for uri, doc in sim.service.store.items()}
            tried, refused = refusals(shell, resources)
        finally:
            shell.close()
    assert tried > 50
    assert refused == [], f"{len(refused)} of {tried} refused:\n" + "\n".join(refused[:40])
