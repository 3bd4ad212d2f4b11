"""``PATH=VALUE``, ``PATH:=JSON``, ``PATH==TEXT``: what ``set`` and ``invoke`` were given.

The rule, as http-prompt taught a generation of users: a value is JSON when it parses as JSON
(numbers, true/false/null, "double-quoted" strings, objects, arrays), otherwise a string;
``:=`` insists on JSON and ``==`` on a string. Double quotes are JSON's quotes here, so
``AssetTag="12"`` is the string "12" while ``AssetTag=12`` is a number; single quotes only
protect text from the shell (``Body:='{"a": 1}'``). After ``:=`` the double quotes reach the
JSON parser as typed: ``AssetTag:="abc"`` and ``Boot:={"BootSourceOverrideTarget":"Pxe"}``.

A value that is not JSON is echoed back in the error, unless it may be a credential (a secret
property name in the path or in the text): a password typed without quotes is still a password.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from iloshell.errors import UsageError
from iloshell.redfish.resource import MASK, is_secret_name, mentions_secret


@dataclass(frozen=True)
class Assignment:
    path: str
    value: Any
    operator: str  # "=", ":=" or "=="


def parse_assignment(raw: str) -> Assignment:
    """Split one raw word (quotes as typed) into path, operator and value."""
    split = find_operator(raw)
    if split is None:
        text = unquote(raw)
        if "=" not in text:
            raise UsageError(f"{text!r}: expected PATH=VALUE (or PATH:=JSON, PATH==TEXT)")
        path, value = text.split("=", 1)
        return Assignment(path, guess(value), "=")
    index, operator = split
    path = unquote(raw[:index])
    if not path:
        raise UsageError(f"nothing before {operator}: write PATH{operator}VALUE")
    value_raw = raw[index + len(operator) :]
    if operator == ":=":
        text = unquote(value_raw, keep_double=True)
        try:
            return Assignment(path, loads(text), operator)
        except ValueError as err:
            shown = MASK if may_be_secret(path, text) else repr(text)
            raise UsageError(f"{path}:= needs valid JSON ({err}): {shown}") from None
    if operator == "==":
        return Assignment(path, unquote(value_raw), operator)
    try:
        return Assignment(path, loads(value_raw), operator)
    except ValueError:
        return Assignment(path, guess(unquote(value_raw)), operator)


def may_be_secret(path: str, text: str) -> bool:
    """Whether a value must not be echoed: the path names a credential
    (``Accounts/2/Password``, ``Bios/Attributes/AdminPassword``) or the text mentions one
    (``{"Password": ...}``)."""
    return any(is_secret_name(part) for part in path.split("/")) or mentions_secret(text)


def guess(text: str) -> Any:
    """JSON when the text parses as JSON, else the text itself."""
    try:
        return loads(text)
    except ValueError:
        return text


def loads(text: str) -> Any:
    """json.loads, refusing in one line JSON nested deeper than Python can parse (which
    json.loads reports as RecursionError, not ValueError), and NaN and Infinity, which
    json.loads accepts but JSON has not (``PowerLimit=NaN`` is the text "NaN")."""
    try:
        return json.loads(text, parse_constant=not_json)
    except RecursionError:
        raise UsageError("the value is nested too deeply to read as JSON") from None


def not_json(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def find_operator(raw: str) -> tuple[int, str] | None:
    """Position of the first ``:=``, ``==`` or ``=`` outside quotes."""
    quote = None
    i = 0
    while i < len(raw):
        ch = raw[i]
        if quote:
            if ch == "\\" and quote == '"':
                i += 2
                continue
            if ch == quote:
                quote = None
        elif ch in "'\"":
            quote = ch
        elif ch == "\\":
            i += 2
            continue
        elif raw.startswith(":=", i):
            return i, ":="
        elif raw.startswith("==", i):
            return i, "=="
        elif ch == "=":
            return i, "="
        i += 1
    return None


def unquote(raw: str, *, keep_double: bool = False) -> str:
    """Remove shell quoting from a raw word piece (the lexer's rules). With ``keep_double``
    (the text after ``:=``), double quotes are JSON's own: they stay with their escapes
    (``\\"`` and ``\\\\``); only the lexer's ``\\$`` loses its backslash, which JSON does
    not know."""
    out = []
    quote = None
    i = 0
    while i < len(raw):
        ch = raw[i]
        if quote == "'":
            if ch == "'":
                quote = None
            else:
                out.append(ch)
        elif quote == '"':
            if ch == '"':
                quote = None
                if keep_double:
                    out.append(ch)
            elif ch == "\\" and i + 1 < len(raw) and (keep_double or raw[i + 1] in '"\\$'):
                nxt = raw[i + 1]
                out.append(ch + nxt if keep_double and nxt != "$" else nxt)
                i += 1
            else:
                out.append(ch)
        elif ch in "'\"":
            quote = ch
            if ch == '"' and keep_double:
                out.append(ch)
        elif ch == "\\" and i + 1 < len(raw):
            out.append(raw[i + 1])
            i += 1
        else:
            out.append(ch)
        i += 1
    return "".join(out)
