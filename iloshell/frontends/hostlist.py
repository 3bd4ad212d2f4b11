"""Host lists for ``iloshell --hosts``: reading them, expanding ranges, folding names back.

Plain functions on plain text, so the rules are unit-tested without a network:

* a list is comma-separated (``ilo-01,ilo-02``) and each name may hold pdsh/ClusterShell
  ranges in brackets: ``ilo-[01-40].lab``, ``10.0.0.[1-9,20]`` (zero padding is kept);
* a file has one service per line (``host``, ``host:port`` or a URL), ``#`` comments, and
  optional ``user=NAME`` / ``password-env=VAR`` words after the address;
* :func:`fold` does the reverse for ``--gather``: ``ilo-01 ilo-02 ilo-03`` -> ``ilo-[01-03]``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import groupby

from iloshell.errors import UsageError

MAX_HOSTS = 100_000  # a typo like [1-9999999] must not eat the memory
_RANGE = re.compile(r"\[([^\[\]]*)\]")
_LAST_NUMBER = re.compile(r"^(.*?)(\d+)(\D*)$")


@dataclass(frozen=True)
class HostEntry:
    """One service of the list: its address as written, and per-line credentials."""

    address: str
    user: str | None = None
    password_env: str | None = None

    @property
    def label(self) -> str:
        """What output lines are prefixed with: the address without scheme and path."""
        text = self.address.split("://", 1)[-1]
        return text.split("/", 1)[0].rsplit("@", 1)[-1]


def expand(pattern: str) -> list[str]:
    """``ilo-[01-03].lab`` -> ilo-01.lab, ilo-02.lab, ilo-03.lab (every bracket, in order)."""
    match = _RANGE.search(pattern)
    if match is None:
        if "[" in pattern or "]" in pattern:
            raise UsageError(f"{pattern}: unbalanced [ ] in a host range")
        return [pattern]
    head, tail = pattern[: match.start()], pattern[match.end() :]
    names: list[str] = []
    for item in match[1].split(","):
        for value in _range_values(item.strip(), pattern):
            names += [head + value + rest for rest in expand(tail)]
            if len(names) > MAX_HOSTS:
                raise UsageError(f"{pattern}: more than {MAX_HOSTS} hosts")
    return names


def _range_values(item: str, pattern: str) -> list[str]:
    low, dash, high = item.partition("-")
    if not low.isdigit() or (dash and not high.isdigit()):
        raise UsageError(f"{pattern}: [{item}] is not a number or a range like 01-40")
    if not dash:
        return [low]
    if int(high) < int(low):
        raise UsageError(f"{pattern}: the range {item} runs backwards")
    if int(high) - int(low) > MAX_HOSTS:
        raise UsageError(f"{pattern}: more than {MAX_HOSTS} hosts")
    width = len(low) if low.startswith("0") and len(low) > 1 else 0
    return [str(n).zfill(width) for n in range(int(low), int(high) + 1)]


def split_list(text: str) -> list[str]:
    """Split at commas outside brackets: ``a,ilo-[1,3]`` -> ``a``, ``ilo-[1,3]``."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(text):
        depth += (char == "[") - (char == "]")
        if char == "," and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


def parse_list(text: str) -> list[HostEntry]:
    """A comma-separated list with ranges (the command line's form)."""
    return _unique([HostEntry(name) for part in split_list(text) for name in expand(part)])


def parse_file(text: str, name: str = "hosts") -> list[HostEntry]:
    """A host file: one service per line, ``#`` comments, ``user=`` and ``password-env=``."""
    entries: list[HostEntry] = []
    for number, line in enumerate(text.splitlines(), 1):
        words = line.split("#", 1)[0].split()
        if not words:
            continue
        options: dict[str, str] = {}
        for word in words[1:]:
            key, sep, value = word.partition("=")
            if not sep or key not in ("user", "password-env") or not value:
                raise UsageError(
                    f"{name}:{number}: {word!r}: expected user=NAME or password-env=VAR"
                )
            options[key] = value
        entries += [
            HostEntry(address, options.get("user"), options.get("password-env"))
            for part in split_list(words[0])
            for address in expand(part)
        ]
    return _unique(entries)


def _unique(entries: list[HostEntry]) -> list[HostEntry]:
    """The first line naming an address wins: the same BMC twice would be changed twice."""
    seen: dict[str, HostEntry] = {}
    for entry in entries:
        seen.setdefault(entry.address.casefold(), entry)
    return list(seen.values())


def fold(names: list[str]) -> str:
    """Names folded into ranges, pdsh style: ``ilo-01,ilo-02,ilo-07`` -> ``ilo-[01-02,07]``.

    Names are grouped by what surrounds their last number (and its width, so zero padding
    survives); the groups keep the order of their first name."""
    groups: dict[tuple[str, str, int], list[int]] = {}
    for name in names:
        match = _LAST_NUMBER.match(name)
        if match is None:  # no number: the name stands alone (width -1 says so)
            groups.setdefault((name, "", -1), [])
            continue
        head, digits, tail = match.groups()
        width = len(digits) if digits.startswith("0") else 0
        groups.setdefault((head, tail, width), []).append(int(digits))
    folded = []
    for (head, tail, width), numbers in groups.items():
        if width < 0:
            folded.append(head)
            continue
        numbers = sorted(set(numbers))
        if len(numbers) == 1:
            folded.append(f"{head}{str(numbers[0]).zfill(width)}{tail}")
            continue
        spans = []
        for _, run in groupby(enumerate(numbers), lambda pair: pair[1] - pair[0]):
            values = [n for _, n in run]
            low, high = str(values[0]).zfill(width), str(values[-1]).zfill(width)
            spans.append(low if low == high else f"{low}-{high}")
        folded.append(f"{head}[{','.join(spans)}]{tail}")
    return ",".join(folded)


def gather(outputs: list[tuple[str, str]]) -> list[tuple[list[str], str]]:
    """(label, text) per host -> (labels, text) per distinct text, as ``dshbak -c`` groups
    them: the biggest group first, then in the order the texts were first seen."""
    groups: dict[str, list[str]] = {}
    for label, text in outputs:
        groups.setdefault(text, []).append(label)
    ordered = sorted(groups.items(), key=lambda item: -len(item[1]))  # stable: ties keep order
    return [(labels, text) for text, labels in ordered]
