"""ls -l, explain, Tab after ``set``/``invoke`` and the verdict of ``set``/``invoke`` agree on
every property and action parameter of the shared mockups and the built-in service (issue 11).

Pure functions over loaded data: the simulator's loader and store give the resources, the
schemas and registries it serves; the completion engine runs over a Source made of that data.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

import pytest

from iloshell.commands.explain import property_rows
from iloshell.commands.navigate import access_column
from iloshell.frontends.completion import Engine, segment_text, shell_word
from iloshell.model.access import RO, property_access
from iloshell.model.attributes import AttributeRegistry
from iloshell.model.schemas import TypeSchema
from iloshell.model.validate import check_action, check_patch
from iloshell.redfish.actions import available_actions
from iloshell.redfish.paths import pointer_text
from iloshell.redfish.resource import Resource, entries, is_annotation, is_link
from iloshell.redfish.walk import Location
from iloshell.sim.loader import load_data
from iloshell.sim.store import Store
from iloshell.sim.validation import Validation
from iloshell.staging.values import parse_assignment
from tests.conftest import BLADED, DL325, DMTF_SCHEMAS, RACKMOUNT

from .source import DictSource

REFUSALS = {"PropertyNotWritable", "PropertyUnknown"}
DATA = {"builtin": None, "dl325": DL325, "rackmount": RACKMOUNT, "bladed": BLADED}


class ServiceSource(DictSource):
    """The completion Source over one data set, with the schemas and registries it serves."""

    def __init__(self, name: str) -> None:
        data = load_data(DATA[name], DMTF_SCHEMAS)
        self.store = Store(data.resources)
        self.validation = Validation(self.store.get, data.schemas_dir)
        super().__init__(dict(self.store.items()))

    def schema(self, resource: Resource) -> TypeSchema | None:
        return self.validation.schema(resource.odata_type) if resource.odata_type else None

    def attributes(self, resource: Resource) -> AttributeRegistry | None:
        name = resource.body.get("AttributeRegistry")
        return self.validation.attribute_registry(name) if isinstance(name, str) else None


@cache
def source(name: str) -> ServiceSource:
    return ServiceSource(name)


def properties(node: Any, parts: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    """Every property a ``set`` could name: not links, annotations or actions. Of an array
    of objects only the first element is walked: each element is the same property."""
    items = node.items() if isinstance(node, dict) else enumerate(node[:1])
    for name, value in items:
        name = str(name)
        if is_annotation(name) or name in ("Actions", "Members") or is_link(value):
            continue
        yield (*parts, name), value
        if isinstance(value, dict) or (
            isinstance(value, list) and any(isinstance(v, dict) for v in value)
        ):
            yield from properties(value, (*parts, name))


def nested(parts: tuple[str, ...], value: Any) -> Any:
    """The PATCH body that writes ``value`` at ``parts`` (``{}`` leaves an element alone)."""
    for part in reversed(parts):
        value = [*([{}] * int(part)), value] if part.isdigit() else {part: value}
    return value


def governed(body: dict, parts: tuple[str, ...]) -> bool:
    return parts[:1] == ("Attributes",) and isinstance(body.get("AttributeRegistry"), str)


def disagreements(name: str) -> list[str]:
    service = source(name)
    wrong: list[str] = []
    for uri, resource in list(service.resources.items()):
        body = resource.body
        if not isinstance(body, dict) or not resource.odata_type:
            continue
        schema = service.schema(resource)
        registry = service.attributes(resource)
        service.location = Location(resource.uri)
        engine = Engine(service)
        offers: dict[tuple[str, ...], set[str]] = {}
        columns: dict[tuple[str, ...], tuple[dict, dict]] = {}
        for parts, value in properties(body):
            if any(p.isdigit() for p in parts) and not isinstance(value, dict | list):
                continue  # array elements are set with their array
            rules = registry if governed(body, parts) else None
            access = property_access(schema, parts, rules)
            where = f"{uri}#{pointer_text(parts)}"
            parent = parts[:-1]
            if parent not in offers:
                typed = "set " + "".join(segment_text(p) + "/" for p in parent)
                offers[parent] = {s.display for s in engine.complete(typed).items}
            leaf = not isinstance(value, dict) and not (
                isinstance(value, list) and any(isinstance(v, dict | list) for v in value)
            )
            offered = bool({parts[-1] + "=", parts[-1] + "/"} & offers[parent])
            if offered != (access.mode != RO):
                wrong.append(f"{where}: Tab {'offers' if offered else 'hides'} it, {access}")
            if parent not in columns:
                node = body
                for p in parent:
                    node = node[int(p)] if isinstance(node, list) else node[p]
                found = list(entries(node, top_level=not parent))
                rows = property_rows(node, schema, parent, None, rules)
                columns[parent] = (
                    access_column(schema, rules, parent, found),
                    {r["name"]: r["access"] for r in rows},
                )
            column = columns[parent][0].get(parts[-1])
            if column is not None and column != (access.mode != RO):
                wrong.append(f"{where}: ls -l says {'rw' if column else 'ro'}, {access}")
            row = columns[parent][1].get(parts[-1], "")
            if row and row != access.mode:
                wrong.append(f"{where}: explain says {row}, {access}")
            if not leaf:
                continue
            found_violations = check_patch(nested(parts, value), body, schema, rules)
            refused = any(
                v.message in REFUSALS and pointer_text(parts).startswith(v.pointer)
                for v in found_violations
            )
            if refused != (access.mode == RO):
                wrong.append(f"{where}: set {'refuses' if refused else 'accepts'} it, {access}")
    return wrong


@pytest.mark.parametrize("name", list(DATA))
def test_ls_explain_tab_and_set_agree_on_every_property(name):
    wrong = disagreements(name)
    assert not wrong, f"{len(wrong)} disagreements, first: " + "\n".join(wrong[:15])


def parameter_disagreements(name: str) -> list[str]:
    """Every value Tab offers for an action parameter, refused by invoke's validation."""
    service = source(name)
    wrong: list[str] = []
    for uri, resource in list(service.resources.items()):
        body = resource.body
        if not isinstance(body, dict) or not isinstance(body.get("Actions"), dict):
            continue
        schema = service.schema(resource)
        service.location = Location(resource.uri)
        engine = Engine(service)
        for key, action in available_actions(body).items():
            typed = f"invoke {shell_word(key.lstrip('#'))} "
            info_uri = action.get("@Redfish.ActionInfo")
            info = service.peek(info_uri) if isinstance(info_uri, str) else None
            declared = schema.actions().get(key) if schema is not None else None
            for param in engine.complete(typed).items:
                for value in engine.complete(typed + param.text).items:
                    given = parse_assignment(param.text + value.text)  # as invoke reads it
                    found = check_action(
                        {given.path: given.value},
                        action,
                        info.body if info is not None else None,
                        name=key,
                        action_schema=declared,
                    )
                    if any(v.pointer == "/" + param.display for v in found):
                        wrong.append(f"{uri} {key} {param.display}={value.text}: invoke refuses")
    return wrong


@pytest.mark.parametrize("name", list(DATA))
def test_tab_offers_only_action_parameter_values_invoke_accepts(name):
    wrong = parameter_disagreements(name)
    assert not wrong, f"{len(wrong)} disagreements, first: " + "\n".join(wrong[:15])
