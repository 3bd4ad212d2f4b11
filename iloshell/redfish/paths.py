"""Pure functions on Redfish URIs and shell paths: no network, no state.

Real firmware spells the same resource several ways (``/redfish/v1/Systems/1``,
``/redfish/v1/systems/1/``), so every comparison goes through :func:`uri_key`, and fragment
links (``Thermal#/Fans/0`` or iLO's ``Thermal#Fans/0``) are split by :func:`split_fragment`.
"""

from __future__ import annotations

import contextlib
from urllib.parse import quote, unquote, urlsplit

import jsonpointer

# Characters a path segment may hold unescaped (RFC 3986 pchar, and "/").
PATH_SAFE = "/:@!$&'()*+,;=-._~"


def uri_path(uri: str) -> str:
    """The path part of a URI, without scheme, host, query or fragment."""
    if "://" in uri:
        # Text no URL parser accepts (a broken service's link) is kept as it is.
        with contextlib.suppress(ValueError):
            uri = urlsplit(uri).path or "/"
    return uri.split("#", 1)[0].split("?", 1)[0]


def uri_key(uri: str) -> str:
    """The identity of a resource URI: case-folded, no trailing slash, no fragment or query,
    percent-escapes in one canonical form (so ``%7E`` and ``~`` agree, ``%23`` stays ``%23``).

    Two URIs with the same key are the same resource; iLO answers both spellings. A key is its
    own key, so callers may apply it twice.
    """
    path = uri_path(uri)
    if "%" in path or not path.isascii() or " " in path:
        path = quote(unquote(path), safe=PATH_SAFE)
    return path.rstrip("/").casefold() or "/"


def split_fragment(uri: str) -> tuple[str, tuple[str, ...]]:
    """Split ``/x/Thermal#/Fans/0`` (or iLO's ``#Fans/0``) into the URI and pointer parts."""
    base, _, fragment = uri.partition("#")
    if not fragment or fragment == "/":
        return base, ()
    return base, pointer_parts(fragment if fragment.startswith("/") else "/" + fragment)


def pointer_parts(pointer: str) -> tuple[str, ...]:
    """RFC 6901 pointer text to its unescaped parts (``/a~1b/0`` -> ``("a/b", "0")``)."""
    if pointer in ("", "/"):
        return ()
    return tuple(jsonpointer.JsonPointer(pointer).parts)


def pointer_text(parts: tuple[str, ...] | list[str]) -> str:
    """Unescaped parts back to RFC 6901 pointer text."""
    return "".join("/" + jsonpointer.escape(str(p)) for p in parts)


def last_segment(uri: str) -> str:
    """A collection member's name in a path: the last non-empty segment of its URI."""
    path = uri_path(uri).rstrip("/")
    return path.rsplit("/", 1)[-1]


def is_below(uri: str, ancestor: str) -> bool:
    """Whether ``uri`` is ``ancestor`` or lies beneath it, ignoring case and slashes."""
    return key_is_below(uri_key(uri), uri_key(ancestor))


def key_is_below(child: str, parent: str) -> bool:
    """is_below for keys already computed (the crawler's inner loop)."""
    return child == parent or child.startswith(parent.rstrip("/") + "/")
