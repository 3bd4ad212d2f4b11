"""The one place where text becomes something that leaves the process: a line on the
terminal, a file, a request body.

A service's JSON may hold a lone surrogate (``"\\udc00"``): ``json.loads`` accepts the escape
and returns a Python string that no UTF-8 stream will write (``UnicodeEncodeError``), and that
a stream in ``surrogateescape`` mode would write as a raw byte (``\\udc9b`` becomes the C1
CSI a terminal obeys). It may also hold ``NaN`` or ``Infinity``, which ``json.loads`` accepts
too but which are not JSON. Everything iloshell prints or writes passes :func:`encodable`, and
every JSON document it writes is made by :func:`json_text`, so one rule covers the screen,
the stage file, the caches, snapshots and the requests it sends.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

_SURROGATE = re.compile("[\ud800-\udfff]")


def encodable(text: str) -> str:
    """``text`` with each lone surrogate written as its ``\\uXXXX`` escape: visible on a
    screen, and in JSON text exactly the escape the service sent (so a stage or cache file
    reads back to the same string)."""
    if text.isascii():
        return text
    return _SURROGATE.sub(lambda m: f"\\u{ord(m[0]):04x}", text)


def finite(value: Any) -> Any:
    """A JSON value with ``NaN`` and the infinities replaced by null, as JavaScript's
    ``JSON.stringify`` does: JSON has no such numbers, and a reader of ``--json`` output
    (jq, another program) refuses the whole document when it meets one."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {key: finite(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [finite(item) for item in value]
    return value


def json_text(
    value: Any,
    *,
    indent: int | None = None,
    separators: tuple[str, str] | None = None,
) -> str:
    """JSON as iloshell writes it everywhere: valid (no NaN/Infinity), non-ASCII text kept
    readable, lone surrogates escaped, so it always encodes to UTF-8."""
    try:
        text = json.dumps(
            value, indent=indent, separators=separators, ensure_ascii=False, allow_nan=False
        )
    except ValueError:  # a NaN or an infinity somewhere (the rare case: walk only then)
        text = json.dumps(finite(value), indent=indent, separators=separators, ensure_ascii=False)
    return encodable(text)
