"""JSON as people read it: indented, in the service's own key order, coloured on a terminal.

pygments is imported only when colour is wanted, so scripts and ``-c`` start fast.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from iloshell.text import json_text

DEFAULT_STYLE = "native"


# DEL and the C1 controls (CSI among them) are not escaped by json, yet a terminal obeys them.
_C1 = re.compile("[\x7f-\x9f]")


def dumps(value: Any, *, indent: int | None = 2) -> str:
    """Indented JSON keeping non-ASCII text readable (iLO names have accents in some locales),
    with the control characters json leaves alone escaped (they can only be inside strings)."""
    text = json_text(value, indent=indent)
    return _C1.sub(lambda m: f"\\u{ord(m[0]):04x}", text)


def pretty(value: Any, *, color: bool = False, style: str = DEFAULT_STYLE) -> str:
    text = dumps(value)
    return colorize(text, style) if color else text


def colorize(text: str, style: str = DEFAULT_STYLE) -> str:
    from pygments import highlight
    from pygments.formatters import Terminal256Formatter
    from pygments.lexers import JsonLexer
    from pygments.util import ClassNotFound

    try:
        formatter = Terminal256Formatter(style=style)
    except ClassNotFound:
        formatter = Terminal256Formatter(style=DEFAULT_STYLE)
    return highlight(text, JsonLexer(), formatter).rstrip("\n")


def terminal_safe(text: str) -> str:
    """Text from a service as it may reach a terminal: control characters other than line
    breaks and tabs are shown as escapes (ESC and CSI start the sequences that recolour, move,
    retitle or write to the clipboard). A multi-line value, a PEM certificate, keeps its lines."""
    if text.isprintable():
        return text
    return "".join(
        c if c in "\n\t" or unicodedata.category(c) != "Cc" else ascii(c)[1:-1] for c in text
    )


def scalar(value: Any) -> str:
    """A value on one line, bare: strings unquoted, everything else as JSON (for ``get``)."""
    if isinstance(value, str):
        return value
    return json_text(value)


def short(value: Any, width: int = 40) -> str:
    """A value squeezed into a column of ``ls -l``."""
    text = json_text(value)
    return text if len(text) <= width else text[: width - 1] + "…"
