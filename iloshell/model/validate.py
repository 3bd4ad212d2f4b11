"""Check a PATCH body, a whole resource or an action's parameters against schemas and registries.

The shell runs these before it sends anything, the simulator runs the same code on what it
receives: one rule book, so the refusal a user sees offline is the one the service would give.
Every finding is a :class:`Violation` named after a message of the DMTF Base registry 1.4.0
(the version iLO 5 serves), with its MessageArgs in that message's order, plus a sentence for a
person. Rules only fire on what a schema or registry actually states; an unknown schema means
fewer checks, never a guess.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from iloshell.model.access import (
    ANNOTATION,
    IDENTITY,
    RO,
    SCHEMA,
    SPECIFICATION,
    info_parameters,
    parameter_names,
    parameter_values,
    property_access,
    property_values,
)
from iloshell.model.attributes import AttributeDef, AttributeRegistry
from iloshell.model.registries import MessageRegistry, format_message
from iloshell.model.schemas import ActionSchema, PropertyInfo, TypeSchema, is_annotation
from iloshell.redfish.paths import pointer_text
from iloshell.redfish.resource import MASK, is_secret_name, json_type

BASE_REGISTRY = "Base.1.4"  # the registry version every Violation.message exists in
_MAX_LISTED = 40  # changed attributes listed in BIOS advice before "..."
_MAX_CHOICES = 8  # allowed values listed in full in a reason; longer lists show the closest
_MAX_SHOWN = 80  # characters of a value quoted in a reason


@dataclass(frozen=True)
class Violation:
    """One thing wrong with a request body, as a Base message and as a sentence."""

    pointer: str  # JSON pointer within the request body: "/Boot/BootSourceOverrideTarget"
    message: str  # Base message name: "PropertyValueNotInList"
    args: tuple[str, ...]  # MessageArgs in that message's order
    reason: str  # "Boot/BootSourceOverrideTarget: 'Floppy' is not allowed; choose one of ..."

    @property
    def message_id(self) -> str:
        return f"{BASE_REGISTRY}.{self.message}"

    def extended_info(self, registry: MessageRegistry | None = None) -> dict:
        """This violation as one ``@Message.ExtendedInfo`` entry (what a service answers)."""
        entry: dict[str, Any] = {
            "@odata.type": "#Message.v1_0_0.Message",
            "MessageId": self.message_id,
            "MessageArgs": list(self.args),
        }
        if self.pointer:
            entry["RelatedProperties"] = ["#" + self.pointer]
        definition = registry.message(self.message) if registry is not None else None
        if definition is not None:
            entry["Message"] = format_message(definition.message, self.args)
            if definition.severity:
                entry["Severity"] = definition.severity
            if definition.resolution:
                entry["Resolution"] = definition.resolution
        else:
            entry["Message"] = self.reason
        return entry


# --------------------------------------------------------------------------- value helpers


def fits_types(value: Any, types: Sequence[str]) -> bool:
    """Whether ``value`` is one of the JSON ``types`` (an integer is also a number)."""
    kind = json_type(value)
    return kind in types or (kind == "integer" and "number" in types)


_ABSENT = object()  # a member the current resource does not have


def _same(a: Any, b: Any) -> bool:
    """Equality that keeps True apart from 1 (JSON does)."""
    return (type(a) is type(b) and a == b) or (
        json_type(a) in ("integer", "number") and json_type(b) in ("integer", "number") and a == b
    )


def _contains(values: Sequence, value: Any) -> bool:
    return any(_same(value, v) for v in values)


def _show(value: Any, secret: bool = False) -> str:
    """A value for a sentence: strings quoted, others as JSON, secrets masked, long ones cut."""
    if secret and value is not None:
        return MASK
    if isinstance(value, str):
        text = repr(value) if "'" not in value else json.dumps(value)
    else:
        text = json.dumps(value, default=str)
    if len(text) > _MAX_SHOWN:
        size = len(value) if isinstance(value, str) else len(text)
        text = f"{text[: _MAX_SHOWN - 10]}... ({size} characters)"
    return text


def _arg(value: Any, secret: bool = False) -> str:
    """A value as a MessageArg: strings bare, others as JSON text, secrets masked."""
    if secret and value is not None:
        return MASK
    if isinstance(value, str):
        return value
    return json.dumps(value, default=str)


def _plain(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, default=str)


def _choices(values: Sequence, typed: Any = None, labels: Mapping[str, str] | None = None) -> str:
    """The allowed values for a one-line error: all of them when few; else the ones closest
    to what was typed (by name or display name) and how many more, because a list of 13
    BIOS values wraps to six screen lines and hides the error it belongs to."""
    names = [_plain(v) for v in values]

    def label(name: str) -> str:
        shown = (labels or {}).get(name)
        return f"{name} ({shown})" if shown and shown != name else name

    if len(names) <= _MAX_CHOICES:
        return ", ".join(label(n) for n in names)
    close = _closest(str(typed), names, labels) if typed is not None else []
    if close:
        return f"{len(names)} values, closest: {', '.join(label(n) for n in close)}"
    return f"{len(names)} values, e.g. {', '.join(names[:3])}"


def _closest(typed: str, names: list[str], labels: Mapping[str, str] | None) -> list[str]:
    """Up to three allowed names nearest to ``typed``, comparing display names too."""
    by_text: dict[str, str] = {}
    for name in names:
        by_text.setdefault(name.casefold(), name)
        shown = (labels or {}).get(name)
        if shown:
            by_text.setdefault(shown.casefold(), name)
    found: list[str] = []
    for text in difflib.get_close_matches(typed.casefold(), list(by_text), n=6, cutoff=0.4):
        if by_text[text] not in found:
            found.append(by_text[text])
    return found[:3]


def _number(value: float) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _type_words(types: Sequence[str]) -> str:
    """``("string", "null")`` -> ``a string or null``."""
    words = [_article(t) for t in types if t != "null"]
    text = " or ".join(words) if words else "null"
    return text + (" or null" if "null" in types and words else "")


@lru_cache(maxsize=512)
def _compile(pattern: str) -> re.Pattern | None:
    try:
        return re.compile(pattern)
    except (re.error, RecursionError, OverflowError):
        return None


def _suggest(name: str, known: Sequence[str]) -> str:
    folded = {k.casefold(): k for k in known}
    if name.casefold() in folded:
        return f"; did you mean {folded[name.casefold()]}?"
    close = difflib.get_close_matches(name, list(known), n=3, cutoff=0.75)
    return f"; did you mean {' or '.join(close)}?" if close else ""


def _case_hint(value: Any, allowed: Sequence) -> str:
    """`` (did you mean Pxe?)`` when only the case is wrong."""
    if not isinstance(value, str):
        return ""
    folded = {v.casefold(): v for v in allowed if isinstance(v, str)}
    match = folded.get(value.casefold())
    return f" (did you mean {match}?)" if match is not None else ""


def _is_secret(name: str, info: PropertyInfo | None = None) -> bool:
    return is_secret_name(name) or bool(info and info.write_only)


# --------------------------------------------------------------------------- the walker


class _Walk:
    """One pass over a body; ``patch`` mode adds read-only and AllowableValues rules."""

    def __init__(
        self,
        schema: TypeSchema | None,
        patch: bool,
        attributes: AttributeRegistry | None = None,
    ) -> None:
        self.schema = schema
        self.patch = patch
        self.attributes = attributes
        self.found: list[Violation] = []

    def add(self, parts: Sequence[str], message: str, args: Sequence[str], reason: str) -> None:
        self.found.append(Violation(pointer_text(list(parts)), message, tuple(args), reason))

    # -- objects

    def object(
        self, body: Mapping, current: Any, parts: tuple[str, ...], in_oem: bool = False
    ) -> None:
        for key, value in body.items():
            key = str(key)
            here = current.get(key) if isinstance(current, dict) else None
            self.member(key, value, here, current, (*parts, key), in_oem)

    def member(
        self,
        key: str,
        value: Any,
        current: Any,
        siblings: Any,
        parts: tuple[str, ...],
        in_oem: bool,
    ) -> None:
        label = "/".join(parts)
        if (
            self.patch
            and parts == ("Attributes",)
            and self.attributes is not None
            and isinstance(value, dict)
        ):
            self.bios(value)
            return
        annotation = is_annotation(key)
        info = self.schema.lookup(parts) if self.schema is not None else None
        if self.schema is not None and info is None:
            parent = parts[:-1]
            if not in_oem and key != "Oem" and not self.schema.allows_additional(parent):
                known = list(self.schema.properties(parent))
                where = f"{'/'.join(parent)} of " if parent else ""
                self.add(
                    parts,
                    "PropertyUnknown",
                    [label],
                    f"{label} is not a property of {where}{self._type_label()}"
                    + _suggest(key, known),
                )
                return
        if self.patch and parts in IDENTITY:  # (a link's own @odata.id is data: it is set)
            self.add(
                parts,
                "PropertyNotWritable",
                [label],
                f"{label} is the resource's identity, set by the service; a PATCH cannot change it",
            )
            return
        if annotation:
            return  # annotations steer the request (@Redfish.SettingsApplyTime): accepted
        if self.patch and not self._writable(parts, label, value):
            return
        if not self.value(info, value, siblings, key, parts):
            return
        if isinstance(value, dict):
            self.object(value, current, parts, in_oem or key == "Oem")
        elif isinstance(value, list):
            self.array(info, value, current, parts, in_oem or key == "Oem")

    def _writable(self, parts: tuple[str, ...], label: str, value: Any) -> bool:
        """The one access rule (:func:`property_access`); an object decided by its members
        is walked into instead, so the refusal names the read-only member itself."""
        access = property_access(self.schema, parts)
        if access.mode != RO or (access.derived and isinstance(value, dict)):
            return True
        if access.source == SPECIFICATION:
            reason = f"{label} is read-only: {access.reason}"
        else:
            reason = f"{label} is read-only; the service sets it and a PATCH cannot change it"
        self.add(parts, "PropertyNotWritable", [label], reason)
        return False

    def _type_label(self) -> str:
        if self.schema is None:
            return "this resource"
        version = f".{self.schema.version}" if self.schema.version else ""
        return f"{self.schema.namespace}{version}"

    # -- arrays

    def array(
        self,
        info: PropertyInfo | None,
        items: list,
        current: Any,
        parts: tuple[str, ...],
        in_oem: bool,
    ) -> None:
        current_items = current if isinstance(current, list) else []
        for index, item in enumerate(items):
            where = (*parts, str(index))
            if self.patch and (item is None or item == {}):
                continue  # PATCH semantics: null removes an element, {} leaves it alone
            here = current_items[index] if index < len(current_items) else _ABSENT
            if self.patch and here is not _ABSENT and _same(item, here):
                continue  # an element sent back as the service holds it (set replaces arrays)
            item_info = self.schema.lookup(where) if self.schema is not None else None
            if item_info is None and info is not None:
                item_info = info.items
            if not self.value(item_info, item, None, parts[-1], where):
                continue
            if isinstance(item, dict):
                self.object(item, here, where, in_oem)

    # -- one value

    def value(
        self,
        info: PropertyInfo | None,
        value: Any,
        siblings: Any,
        key: str,
        parts: tuple[str, ...],
    ) -> bool:
        """Check one value; False when a violation was recorded (stop descending)."""
        label = "/".join(parts)
        secret = _is_secret(key, info)
        if info is not None and info.types and not fits_types(value, info.types):
            what = (
                "null is not allowed"
                if value is None
                else (f"{_show(value, secret)} is {_article(json_type(value))}")
            )
            self.add(
                parts,
                "PropertyValueTypeError",
                [_arg(value, secret), label],
                f"{label}: {what}; it must be {_type_words(info.types)}",
            )
            return False
        annotation = siblings.get(f"{key}{ANNOTATION}") if isinstance(siblings, dict) else None
        allowed = property_values(info, annotation if self.patch else None)
        allowable = list(allowed.values or ())
        held = siblings.get(key, _ABSENT) if isinstance(siblings, dict) else _ABSENT
        if (
            allowed.kind == ANNOTATION
            and not _same(value, held)  # what the service holds, it takes: listed or not
            and not self._allowable(value, allowable, parts, secret)
        ):
            return False
        if info is None or value is None:
            return True
        if (
            allowed.kind == SCHEMA
            and isinstance(value, str | int | float)
            and not allowed.accepts(value)
        ):
            self.add(
                parts,
                "PropertyValueNotInList",
                [_arg(value, secret), label],
                f"{label}: {_show(value, secret)} is not allowed; choose one of "
                f"{_choices(info.enum, value)}" + _case_hint(value, info.enum),
            )
            return False
        return self.bounds(info, value, parts, secret)

    def _allowable(self, value: Any, allowed: list, parts: tuple[str, ...], secret: bool) -> bool:
        label = "/".join(parts)
        candidates = value if isinstance(value, list) else [value]
        for candidate in candidates:
            if candidate is None or isinstance(candidate, dict | list):
                continue
            if not _contains(allowed, candidate):
                self.add(
                    parts,
                    "PropertyValueNotInList",
                    [_arg(candidate, secret), label],
                    f"{label}: {_show(candidate, secret)} is not allowed here; this service "
                    f"accepts {_choices(allowed, candidate) or 'no value'}"
                    + _case_hint(candidate, allowed),
                )
                return False
        return True

    def bounds(self, info: PropertyInfo, value: Any, parts: tuple[str, ...], secret: bool) -> bool:
        label = "/".join(parts)
        if isinstance(value, str):
            shown, arg = _show(value, secret), _arg(value, secret)
            compiled = _compile(info.pattern) if info.pattern else None
            if compiled is not None and not compiled.search(value):
                self.add(
                    parts,
                    "PropertyValueFormatError",
                    [arg, label],
                    f"{label}: {shown} does not have the required format (pattern {info.pattern})",
                )
                return False
            if info.min_length is not None and len(value) < info.min_length:
                self.add(
                    parts,
                    "PropertyValueFormatError",
                    [arg, label],
                    f"{label}: {shown} is too short; at least {info.min_length} characters",
                )
                return False
            if info.max_length is not None and len(value) > info.max_length:
                self.add(
                    parts,
                    "StringValueTooLong",
                    [arg, str(info.max_length)],
                    f"{label}: the value is {len(value)} characters long; "
                    f"at most {info.max_length} are allowed",
                )
                return False
        elif isinstance(value, int | float) and not isinstance(value, bool):
            low, high = info.minimum, info.maximum
            if (low is not None and value < low) or (high is not None and value > high):
                self.add(
                    parts,
                    "PropertyValueFormatError",
                    [_arg(value, secret), label],
                    f"{label}: {_show(value, secret)} is out of range; allowed {_range(low, high)}"
                    + (f" {info.units}" if info.units else ""),
                )
                return False
        return True

    # -- BIOS attributes

    def bios(self, body: Mapping) -> None:
        registry = self.attributes
        assert registry is not None
        for name, value in body.items():
            name = str(name)
            parts = ("Attributes", name)
            if is_annotation(name):
                continue
            attr = registry.attribute(name)
            if attr is None or attr.name != name:
                known = [a.name for a in registry.attributes()]
                self.add(
                    parts,
                    "PropertyUnknown",
                    ["/".join(parts)],
                    f"Attributes/{name}: the BIOS attribute registry {registry.name} has no "
                    f"attribute {name}" + _suggest(name, known),
                )
                continue
            self.attribute(attr, value, parts)

    def attribute(self, attr: AttributeDef, value: Any, parts: tuple[str, ...]) -> None:
        label = "/".join(parts)
        who = attr.label
        secret = attr.secret
        shown, arg = _show(value, secret), _arg(value, secret)
        if attr.read_only:
            self.add(
                parts,
                "PropertyNotWritable",
                [label],
                f"{who} is read-only in the BIOS attribute registry",
            )
            return
        expected = {
            "Enumeration": ("string", isinstance(value, str)),
            "String": ("string", isinstance(value, str)),
            "Password": ("string", isinstance(value, str)),
            "Integer": ("integer", isinstance(value, int) and not isinstance(value, bool)),
            "Boolean": ("boolean", isinstance(value, bool)),
        }.get(attr.type or "")
        if expected is None:
            return  # a type this code does not know: say nothing rather than guess
        if not expected[1]:
            self.add(
                parts,
                "PropertyValueTypeError",
                [arg, label],
                f"{who}: {shown} is {_article(json_type(value))}; "
                f"it must be {_article(expected[0])}",
            )
            return
        if attr.type == "Enumeration":
            self._enumeration(attr, value, parts, label)
        elif attr.type == "Integer":
            self._integer(attr, value, parts, label)
        else:
            self._string(attr, value, parts, label, secret)

    def _enumeration(self, attr: AttributeDef, value: str, parts, label: str) -> None:
        names = attr.value_names
        if not names or value in names:
            return
        listed = _choices(names, value, {n: d for n, d in attr.values if d})
        self.add(
            parts,
            "PropertyValueNotInList",
            [value, label],
            f"{attr.label}: {_show(value)} is not allowed; choose one of {listed}"
            + _case_hint(value, names),
        )

    def _integer(self, attr: AttributeDef, value: int, parts, label: str) -> None:
        low, high, step = attr.lower_bound, attr.upper_bound, attr.scalar_increment
        off_step = bool(step and step > 0 and (value - (low or 0)) % step)
        if (low is not None and value < low) or (high is not None and value > high) or off_step:
            allowed = _range(low, high)
            if step and step > 1:
                allowed += f" in steps of {step}"
            self.add(
                parts,
                "PropertyValueFormatError",
                [str(value), label],
                f"{attr.label}: {value} is not allowed; allowed {allowed}",
            )

    def _string(self, attr: AttributeDef, value: str, parts, label: str, secret: bool) -> None:
        shown, arg = _show(value, secret), _arg(value, secret)
        if attr.min_length is not None and len(value) < attr.min_length:
            self.add(
                parts,
                "PropertyValueFormatError",
                [arg, label],
                f"{attr.label}: {shown} is too short; at least {attr.min_length} characters",
            )
        elif attr.max_length is not None and len(value) > attr.max_length:
            self.add(
                parts,
                "StringValueTooLong",
                [arg, str(attr.max_length)],
                f"{attr.label}: the value is {len(value)} characters long; "
                f"at most {attr.max_length} are allowed",
            )
        elif attr.value_expression:
            compiled = _compile(attr.value_expression)
            if compiled is not None and not compiled.fullmatch(value):
                what = "the value" if secret else shown
                self.add(
                    parts,
                    "PropertyValueFormatError",
                    [arg, label],
                    f"{attr.label}: {what} does not have the required format "
                    f"(regular expression {attr.value_expression})",
                )


def _article(word: str) -> str:
    article = "an" if word[:1] in "aeiou" else "a"
    return f"{article} {word}" if word != "null" else "null"


def _range(low: float | None, high: float | None) -> str:
    if low is not None and high is not None:
        return f"{_number(low)} to {_number(high)}"
    if low is not None:
        return f"{_number(low)} or more"
    if high is not None:
        return f"{_number(high)} or less"
    return "any value"


def _body_error(body: Any) -> list[Violation]:
    return [
        Violation(
            "",
            "UnrecognizedRequestBody",
            (),
            f"the request body must be a JSON object, not {_article(json_type(body))}",
        )
    ]


# --------------------------------------------------------------------------- entry points


def check_patch(
    patch: dict,
    current: dict,
    schema: TypeSchema | None,
    attributes: AttributeRegistry | None = None,
) -> list[Violation]:
    """Everything wrong with PATCHing ``patch`` onto the resource ``current``.

    With ``schema`` None only the ``Prop@Redfish.AllowableValues`` annotations of ``current``
    (and the BIOS registry, when given) are checked; the caller says the change is unvalidated.
    """
    if not isinstance(patch, dict):
        return _body_error(patch)
    walk = _Walk(schema, patch=True, attributes=attributes)
    walk.object(patch, current if isinstance(current, dict) else {}, ())
    return walk.found


def check_document(body: dict, schema: TypeSchema) -> list[Violation]:
    """A whole resource against its schema: types, enums, patterns, bounds and unknown
    properties — not read-only (a resource is full of read-only values)."""
    if not isinstance(body, dict):
        return _body_error(body)
    walk = _Walk(schema, patch=False)
    walk.object(body, None, ())
    return walk.found


# --------------------------------------------------------------------------- actions

_DATA_TYPES = {
    "String": ("string",),
    "Number": ("integer", "number"),
    "Boolean": ("boolean",),
    "Object": ("object",),
}


def _fits_data_type(value: Any, data_type: str) -> bool | None:
    """Whether ``value`` is of an ActionInfo ``DataType``; None for types not known here."""
    if data_type.endswith("Array"):
        inner = _DATA_TYPES.get(data_type[: -len("Array")])
        if inner is None:
            return None
        return isinstance(value, list) and all(fits_types(v, inner) for v in value)
    inner = _DATA_TYPES.get(data_type)
    return None if inner is None else fits_types(value, inner)


def action_name(action: Mapping | None, name: str | None = None) -> str:
    """``ComputerSystem.Reset``: from ``name``, else the last segment of the target."""
    if name:
        return name.lstrip("#")
    target = action.get("target") if isinstance(action, Mapping) else None
    if isinstance(target, str) and target.rstrip("/"):
        return target.rstrip("/").rsplit("/", 1)[-1]
    return "the action"


def check_action(
    params: dict,
    action: dict,
    action_info: dict | None = None,
    *,
    name: str | None = None,
    action_schema: ActionSchema | None = None,
) -> list[Violation]:
    """Everything wrong with POSTing ``params`` to an action.

    ``action`` is the resource's ``Actions["#ComputerSystem.Reset"]`` object, ``action_info``
    its ActionInfo resource when fetched, ``action_schema`` what the type's schema says
    (``TypeSchema.actions()``), ``name`` the action's name (else taken from ``target``).
    """
    if not isinstance(params, dict):
        return _body_error(params)
    action = action if isinstance(action, dict) else {}
    act = action_name(action, name)
    found: list[Violation] = []

    def add(param: str, message: str, args: Sequence[str], reason: str) -> None:
        found.append(Violation(pointer_text([param]), message, tuple(args), reason))

    declared = info_parameters(action_info)
    schema_params = dict(action_schema.parameters) if action_schema is not None else {}
    names, closed = parameter_names(action, action_info, schema_params)
    known = names if closed else None

    for param, value in params.items():
        param = str(param)
        if is_annotation(param):
            continue
        secret = _is_secret(param, schema_params.get(param))
        shown, arg = _show(value, secret), _arg(value, secret)
        if known is not None and param not in known:
            if declared is not None and param in schema_params:
                add(
                    param,
                    "ActionParameterNotSupported",
                    [param, act],
                    f"{act}: this service does not support the parameter {param}",
                )
            else:
                add(
                    param,
                    "ActionParameterUnknown",
                    [act, param],
                    f"{act} has no parameter {param}; it takes {', '.join(known) or 'none'}"
                    + _suggest(param, list(known)),
                )
            continue
        spec = declared.get(param, {}) if declared is not None else {}
        info = schema_params.get(param)
        data_type = spec.get("DataType")
        fits = _fits_data_type(value, data_type) if isinstance(data_type, str) else None
        if fits is None and info is not None and info.types:
            fits = fits_types(value, info.types)
            data_type = _type_words(info.types)
        if fits is False:
            add(
                param,
                "ActionParameterValueTypeError",
                [arg, param, act],
                f"{act}: {param} {shown} is {_article(json_type(value))}; "
                f"it must be {_article(str(data_type))}",
            )
            continue
        allowed = parameter_values(param, action, action_info, info).values
        if allowed:
            for candidate in value if isinstance(value, list) else [value]:
                if isinstance(candidate, dict | list) or _contains(allowed, candidate):
                    continue
                add(
                    param,
                    "ActionParameterValueFormatError",
                    [_arg(candidate, secret), param, act],
                    f"{act}: {param} {_show(candidate, secret)} is not allowed; "
                    f"choose one of {_choices(allowed, candidate)}",
                )
                break

    required: list[str] = []
    if declared is not None:
        required = [n for n, p in declared.items() if p.get("Required") is True]
    elif action_schema is not None:
        required = list(action_schema.required)
    for param in required:
        if param not in params:
            allowed = parameter_values(param, action, action_info, schema_params.get(param))
            choices = f" (one of {_choices(allowed.values)})" if allowed.values else ""
            add(
                param,
                "ActionParameterMissing",
                [act, param],
                f"{act} needs the parameter {param}{choices}",
            )
    return found


# --------------------------------------------------------------------------- BIOS advice


def attribute_advice(
    changes: Mapping[str, Any],
    current: Mapping[str, Any] | None,
    registry: AttributeRegistry,
) -> list[str]:
    """What the registry's dependency rules say about a BIOS change — advice, not refusal.

    ``changes`` are the attributes to PATCH, ``current`` the Bios resource's ``Attributes``.
    The rules are evaluated on the values the BIOS will see (current values with the changes
    on top): an attribute locked (GrayOut/ReadOnly) by another one's value is reported, and
    so are attributes the BIOS will change by itself because of the new values.
    """
    values = {**(current or {}), **changes}
    advice: list[str] = []
    for name, value in changes.items():
        attr = registry.attribute(name)
        if attr is None or attr.name != name:
            continue
        for rule in registry.rules_for(name):
            locks = rule.property in ("GrayOut", "ReadOnly") and rule.value is True
            if locks and rule.applies(values):
                advice.append(
                    f"{attr.label} is locked while {_when(rule)}; "
                    f"the BIOS may keep its value and ignore {_show(value)}"
                )
                break
    changed: dict[str, Any] = {}
    for name in changes:
        for rule in registry.rules_from(name):
            if rule.property != "CurrentValue" or rule.target in changes:
                continue
            if rule.applies(values) and values.get(rule.target, object()) != rule.value:
                changed[rule.target] = rule.value
    if changed:
        listed = ", ".join(f"{k}={_plain(v)}" for k, v in list(changed.items())[:_MAX_LISTED])
        if len(changed) > _MAX_LISTED:
            listed += f" (and {len(changed) - _MAX_LISTED} more)"
        noun = "attribute" if len(changed) == 1 else "attributes"
        advice.append(f"the BIOS will also change {len(changed)} other {noun}: {listed}")
    return advice


def _when(rule: Any) -> str:
    parts = []
    for index, condition in enumerate(rule.conditions):
        op = {"EQU": "is", "NEQ": "is not", "GTR": ">", "GEQ": ">=", "LSS": "<", "LEQ": "<="}.get(
            condition.condition, condition.condition
        )
        joiner = "" if index == 0 else f" {(condition.terms or 'AND').lower()} "
        parts.append(f"{joiner}{condition.attribute} {op} {_plain(condition.value)}")
    return "".join(parts)
