"""A handful of terminal colours for listings; callers decide whether colour is on."""

from __future__ import annotations

CODES = {
    "bold": "1",
    "dim": "2",
    "red": "31",
    "green": "32",
    "yellow": "33",
    "blue": "34",
    "magenta": "35",
    "cyan": "36",
    "link": "1;34",
    "collection": "1;36",
}


def paint(text: str, style: str, enabled: bool) -> str:
    if not enabled or style not in CODES:
        return text
    return f"\x1b[{CODES[style]}m{text}\x1b[0m"


def visible_len(text: str) -> int:
    """Length without colour escapes, for aligning columns."""
    out, skipping = 0, False
    for ch in text:
        if ch == "\x1b":
            skipping = True
        elif skipping and ch == "m":
            skipping = False
        elif not skipping:
            out += 1
    return out
