"""BIOS attribute registries: what each ``Attributes`` member of a Bios resource may hold.

A Bios resource names its registry (``AttributeRegistry: "BiosAttributeRegistryA43.v1_2_52"``);
the registry lists every attribute with its type, bounds, allowed values and help text. The
schema only says "Attributes holds strings, numbers and booleans", so this registry is what
stops a change the BIOS would refuse at the next boot.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from iloshell.redfish.resource import is_secret_name


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _int(value: Any) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return int(value) if float(value).is_integer() else None


def _bool(value: Any) -> bool:
    return value is True


@dataclass(frozen=True)
class AttributeDef:
    """One attribute of the registry (``RegistryEntries.Attributes[]``)."""

    name: str
    type: str | None
    read_only: bool = False
    values: tuple[tuple[str, str], ...] = ()  # (ValueName, ValueDisplayName)
    lower_bound: int | None = None
    upper_bound: int | None = None
    scalar_increment: int | None = None
    min_length: int | None = None
    max_length: int | None = None
    value_expression: str | None = None
    display_name: str | None = None
    help_text: str | None = None
    warning_text: str | None = None
    menu_path: str | None = None
    gray_out: bool = False
    hidden: bool = False
    immutable: bool = False
    write_only: bool = False
    reset_required: bool | None = None
    default_value: Any = None
    raw: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}), hash=False)

    @property
    def label(self) -> str:
        """How a person knows the attribute: ``Workload Profile (WorkloadProfile)``."""
        if self.display_name and self.display_name != self.name:
            return f"{self.display_name} ({self.name})"
        return self.name

    @property
    def secret(self) -> bool:
        """A credential: never shown, saved or echoed. Type Password, write-only, or named like
        one (the one rule for attribute registries, used by the shell and the simulator)."""
        return (
            (self.type or "").casefold() == "password"
            or self.write_only
            or is_secret_name(self.name)
        )

    @property
    def value_names(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.values)

    @classmethod
    def from_json(cls, entry: Mapping[str, Any]) -> AttributeDef | None:
        name = entry.get("AttributeName")
        if not isinstance(name, str) or not name:
            return None
        values = []
        for value in entry.get("Value") or ():
            if isinstance(value, dict) and isinstance(value.get("ValueName"), str):
                display = value.get("ValueDisplayName")
                values.append((value["ValueName"], display if isinstance(display, str) else ""))
        return cls(
            name=name,
            type=_text(entry.get("Type")),
            read_only=_bool(entry.get("ReadOnly")),
            values=tuple(values),
            lower_bound=_int(entry.get("LowerBound")),
            upper_bound=_int(entry.get("UpperBound")),
            scalar_increment=_int(entry.get("ScalarIncrement")),
            min_length=_int(entry.get("MinLength")),
            max_length=_int(entry.get("MaxLength")),
            value_expression=_text(entry.get("ValueExpression")) or None,
            display_name=_text(entry.get("DisplayName")),
            help_text=_text(entry.get("HelpText")),
            warning_text=_text(entry.get("WarningText")),
            menu_path=_text(entry.get("MenuPath")),
            gray_out=_bool(entry.get("GrayOut")),
            hidden=_bool(entry.get("Hidden")),
            immutable=_bool(entry.get("Immutable")),
            write_only=_bool(entry.get("WriteOnly")),
            reset_required=entry.get("ResetRequired")
            if isinstance(entry.get("ResetRequired"), bool)
            else None,
            default_value=entry.get("DefaultValue"),
            raw=MappingProxyType(dict(entry)),
        )


_CONDITIONS = {
    "EQU": lambda a, b: a == b,
    "NEQ": lambda a, b: a != b,
    "GTR": lambda a, b: _ordered(a, b) and a > b,
    "GEQ": lambda a, b: _ordered(a, b) and a >= b,
    "LSS": lambda a, b: _ordered(a, b) and a < b,
    "LEQ": lambda a, b: _ordered(a, b) and a <= b,
}


def _ordered(a: Any, b: Any) -> bool:
    numbers = (int, float)
    return (isinstance(a, numbers) and isinstance(b, numbers)) or (
        isinstance(a, str) and isinstance(b, str)
    )


@dataclass(frozen=True)
class Condition:
    """One ``MapFrom`` term: ``TpmState`` ``EQU`` ``NotPresent``, joined by ``AND``/``OR``."""

    attribute: str
    condition: str
    value: Any
    terms: str | None = None  # how this term joins the ones before it

    def holds(self, values: Mapping[str, Any]) -> bool | None:
        """True/False, or None when the attribute's value or the condition is unknown."""
        test = _CONDITIONS.get(self.condition)
        if test is None or self.attribute not in values:
            return None
        return bool(test(values[self.attribute], self.value))


@dataclass(frozen=True)
class Dependency:
    """A ``Map`` rule: when the conditions hold, ``target.property`` becomes ``value``.

    The property is ``CurrentValue`` (the BIOS changes another attribute), or ``GrayOut``,
    ``ReadOnly``, ``Hidden`` (the setup menu locks or hides it).
    """

    target: str
    property: str
    value: Any
    conditions: tuple[Condition, ...]

    @classmethod
    def from_json(cls, entry: Mapping[str, Any]) -> Dependency | None:
        rule = entry.get("Dependency")
        if entry.get("Type", "Map") != "Map" or not isinstance(rule, dict):
            return None
        target, prop = rule.get("MapToAttribute"), rule.get("MapToProperty")
        if not isinstance(target, str) or not isinstance(prop, str):
            return None
        conditions = []
        for term in rule.get("MapFrom") or ():
            if isinstance(term, dict) and isinstance(term.get("MapFromAttribute"), str):
                if term.get("MapFromProperty", "CurrentValue") != "CurrentValue":
                    return None  # conditions on other properties: not evaluated here
                conditions.append(
                    Condition(
                        term["MapFromAttribute"],
                        str(term.get("MapFromCondition", "")),
                        term.get("MapFromValue"),
                        _text(term.get("MapTerms")),
                    )
                )
        if not conditions:
            return None
        return cls(target, prop, rule.get("MapToValue"), tuple(conditions))

    def applies(self, values: Mapping[str, Any]) -> bool:
        """Whether the rule fires for these attribute values (unknown values: it does not)."""
        result: bool | None = None
        for index, condition in enumerate(self.conditions):
            holds = condition.holds(values)
            if holds is None:
                return False
            if index == 0:
                result = holds
            elif (condition.terms or "AND").upper() == "OR":
                result = bool(result) or holds
            else:
                result = bool(result) and holds
        return bool(result)


class AttributeRegistry:
    """An attribute registry document, indexed by attribute name once."""

    def __init__(
        self,
        name: str,
        version: str | None,
        language: str | None,
        attributes: list[AttributeDef],
        dependencies: list[dict],
        menus: list[dict],
        description: str | None = None,
    ) -> None:
        self.name = name
        self.version = version
        self.language = language
        self.description = description
        self.dependencies = dependencies
        self.menus = menus
        self.rules: list[Dependency] = [
            rule for rule in map(Dependency.from_json, dependencies) if rule is not None
        ]
        self._rules_for: dict[str, list[Dependency]] = {}
        for rule in self.rules:
            self._rules_for.setdefault(rule.target, []).append(rule)
        self._by_name: dict[str, AttributeDef] = {}
        self._by_folded: dict[str, AttributeDef] = {}
        for attr in attributes:
            self._by_name.setdefault(attr.name, attr)
            self._by_folded.setdefault(attr.name.casefold(), attr)

    def __repr__(self) -> str:
        return f"AttributeRegistry({self.name!r}, {len(self._by_name)} attributes)"

    @classmethod
    def from_json(cls, doc: dict) -> AttributeRegistry:
        """Parse a registry document; entries that are not well-formed are skipped."""
        doc = doc if isinstance(doc, dict) else {}
        entries = doc.get("RegistryEntries")
        entries = entries if isinstance(entries, dict) else {}
        attributes = []
        for raw in entries.get("Attributes") or ():
            attr = AttributeDef.from_json(raw) if isinstance(raw, dict) else None
            if attr is not None:
                attributes.append(attr)
        name = doc.get("RegistryName") or doc.get("Id") or doc.get("Name") or ""
        return cls(
            name=str(name),
            version=_text(doc.get("RegistryVersion")),
            language=_text(doc.get("Language")),
            attributes=attributes,
            dependencies=[d for d in entries.get("Dependencies") or () if isinstance(d, dict)],
            menus=[m for m in entries.get("Menus") or () if isinstance(m, dict)],
            description=_text(doc.get("Description")),
        )

    def attribute(self, name: str) -> AttributeDef | None:
        """By exact name, then ignoring case (people type ``workloadprofile``)."""
        if not isinstance(name, str):
            return None
        return self._by_name.get(name) or self._by_folded.get(name.casefold())

    def attributes(self) -> list[AttributeDef]:
        return list(self._by_name.values())

    def rules_for(self, name: str) -> list[Dependency]:
        """The dependency rules that change attribute ``name`` or lock it."""
        return list(self._rules_for.get(name, ()))

    def rules_from(self, name: str) -> list[Dependency]:
        """The dependency rules whose conditions read attribute ``name``."""
        return [r for r in self.rules if any(c.attribute == name for c in r.conditions)]

    def __len__(self) -> int:
        return len(self._by_name)
