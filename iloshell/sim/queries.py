"""Redfish query parameters on GET: ``$expand``, ``$select``, ``$top``/``$skip`` and ``only``.

``excerpt`` is accepted without a value and answered with the whole resource (a superset of any
excerpt: the simulator does not read the schemas' excerpt annotations).

Parsing is separate from applying so a bad value is refused (400) before anything is built, and
an unsupported ``$`` parameter is answered 501 as DSP0266 requires; parameters without ``$``
that the service does not know are ignored, as the specification also requires.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

MAX_LEVELS = 3  # expansion depth served; deeper requests are answered at this depth
_EXPAND = re.compile(r"^([.*~])(?:\(\$levels=(\d+)\))?$")

Lookup = Callable[[str], dict | None]


class QueryError(Exception):
    """A query parameter the service refuses: 400 (bad value) or 501 (unsupported)."""

    def __init__(self, status: int, message: str, args: list[str], reason: str) -> None:
        super().__init__(reason)
        self.status, self.message, self.args, self.reason = status, message, args, reason


@dataclass
class Query:
    """What a GET asked for beyond the plain resource."""

    expand: str | None = None  # ".", "*" or "~"
    levels: int = 1
    select: list[str] | None = None
    top: int | None = None
    skip: int = 0
    only: bool = False

    @property
    def plain(self) -> bool:
        return (
            self.expand is None
            and self.select is None
            and self.top is None
            and not self.skip
            and not self.only
        )


def _count(name: str, value: str) -> int:
    if not value.isdigit():
        raise QueryError(
            400,
            "QueryParameterValueTypeError",
            [value, name],
            f"{name} takes a whole number of members, not {value!r}.",
        )
    return int(value)


def parse_query(params: list[tuple[str, str]]) -> Query:
    """Read the query parameters; QueryError for a bad or unsupported one."""
    query = Query()
    for name, value in params:
        if name == "$expand":
            found = _EXPAND.match(value)
            if not found:
                raise QueryError(
                    400,
                    "QueryParameterValueFormatError",
                    [value, name],
                    "$expand takes ., * or ~, optionally with ($levels=N).",
                )
            query.expand = found.group(1)
            query.levels = max(1, min(int(found.group(2) or 1), MAX_LEVELS))
        elif name == "$select":
            query.select = [p.strip() for p in value.split(",") if p.strip()]
        elif name == "$top":
            query.top = _count(name, value)
        elif name == "$skip":
            query.skip = _count(name, value)
        elif name in ("only", "excerpt"):
            if value:
                raise QueryError(
                    400,
                    "QueryParameterValueFormatError",
                    [value, name],
                    f"{name} takes no value (?{name}).",
                )
            query.only = query.only or name == "only"
        elif name.startswith("$"):
            raise QueryError(
                501,
                "QueryParameterUnsupported",
                [name],
                f"The query parameter {name} is not supported; $expand, $select, $top and "
                "$skip are.",
            )
    return query


def expand(doc: dict, mode: str, levels: int, lookup: Lookup) -> dict:
    """Replace links with the resources they name: "." subordinate, "~" Links, "*" both."""

    def walk(node: object, in_links: bool, depth: int, top: bool) -> object:
        if isinstance(node, dict):
            target = node.get("@odata.id")
            if not top and isinstance(target, str) and set(node) == {"@odata.id"}:
                wanted = mode == "*" or (mode == "~") == in_links
                found = lookup(target) if wanted and "#" not in target else None
                if found is None:
                    return node
                return walk(found, False, depth + 1, True) if depth + 1 < levels else found
            return {k: walk(v, in_links or k == "Links", depth, False) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v, in_links, depth, False) for v in node]
        return node

    return walk(doc, False, 0, True)  # type: ignore[return-value]


def page(doc: dict, top: int | None, skip: int, self_uri: str) -> dict:
    """A slice of a collection's Members, with a next link when members remain."""
    members = doc.get("Members")
    if not isinstance(members, list):
        return doc
    end = len(members) if top is None else skip + top
    result = {**doc, "Members": members[skip:end]}
    if end < len(members):
        result["Members@odata.nextLink"] = f"{self_uri}?$skip={end}&$top={top}"
    return result


def select(doc: dict, names: list[str]) -> dict:
    """Keep the selected properties (``A`` or ``A/B``) and every @odata annotation."""
    kept: dict = {k: v for k, v in doc.items() if k.startswith("@odata.")}
    for name in names:
        head, _, rest = name.partition("/")
        if head not in doc:
            continue
        if rest and isinstance(doc[head], dict):
            inner = kept.get(head) if isinstance(kept.get(head), dict) else {}
            kept[head] = {**inner, **select(doc[head], [rest])}
        else:
            kept[head] = doc[head]
    return kept
