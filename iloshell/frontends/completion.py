"""Tab completion as plain code: what the word under the cursor could become.

The engine reads a half-typed line with the shell's own lexer (tolerant mode), asks the
command declarations (``spec.REGISTRY``) what each word is — a path, a ``PATH=VALUE``, an
action — and answers from what is already in memory: the graph's cache and the schemas and
registries already loaded. Whatever is missing is asked for in the background through the
:class:`Source`, so a slow BMC never freezes typing; the answer is there at the next Tab.

Nothing here imports prompt-toolkit or makes a request on the calling thread: repl.py turns
:class:`Suggestion`s into prompt-toolkit completions (the split pgcli's ``suggest_type`` and
aws-shell's completion engine made popular), and the unit tests drive the engine with
(text, cursor) pairs and a Source made of plain dictionaries.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from iloshell.commands.lexer import BLANKS, Word, lex
from iloshell.commands.runner import load_commands
from iloshell.commands.spec import (
    ACTION,
    ASSIGNMENT,
    COLLECTION_PATH,
    COMMAND,
    FILE,
    METHOD,
    PARAMETER,
    PATH,
    PLACE,
    REGISTRY,
    TYPE,
    Arg,
    Command,
    Option,
)
from iloshell.errors import IloshellError
from iloshell.redfish.actions import available_actions, find_action
from iloshell.redfish.origin import is_path_reference
from iloshell.redfish.paths import split_fragment, uri_key, uri_path
from iloshell.redfish.protocol import HTTP_METHODS
from iloshell.redfish.resource import (
    ARRAY,
    COLLECTION,
    LINK,
    OBJECT,
    RESOURCE,
    Entry,
    Resource,
    entries,
    links_in,
    matches_name,
    type_name,
)
from iloshell.redfish.walk import Location, NotAtHand, Walker, split_path
from iloshell.render.jsontext import short
from iloshell.staging.values import find_operator, unquote

if TYPE_CHECKING:  # the model loads when a schema is first needed, not when the shell starts
    from iloshell.model.access import Allowed
    from iloshell.model.attributes import AttributeRegistry
    from iloshell.model.schemas import PropertyInfo, TypeSchema

OPTION_FLAG = "option-flag"  # the word is an option (-l, --all)
EXTRA = "extra"  # more words than the declaration takes
RETRY_AFTER = 30.0  # seconds before completion asks again for what failed to load
PREFETCH_LIMIT = 64  # link targets fetched in the background for one listing's details
SHELL_SPECIAL = frozenset(" \t\r\n;'\"\\")


@dataclass(frozen=True)
class Suggestion:
    """Replace ``line[start:cursor]`` with ``text``; show ``display`` and ``meta`` in the menu."""

    text: str
    start: int
    display: str = ""
    meta: str = ""


@dataclass
class Completions:
    items: list[Suggestion] = field(default_factory=list)
    pending: bool = False  # something needed is being fetched; asking again will find more


class Source(Protocol):
    """What the engine may know, without waiting for anything.

    ``peek`` and ``schema``/``attributes`` answer from memory only; ``want`` asks for URIs
    to be fetched in the background; ``busy`` says whether anything is still on its way,
    ``loading`` whether a resource's schema or attribute registry is.
    """

    def commands(self) -> Mapping[str, Command]: ...

    def cwd(self) -> Location: ...

    def peek(self, uri: str) -> Resource | None: ...

    def want(self, uris: Sequence[str]) -> None: ...

    def schema(self, resource: Resource) -> TypeSchema | None: ...

    def loading(self, resource: Resource) -> bool: ...

    def attributes(self, resource: Resource) -> AttributeRegistry | None: ...

    def cached(self) -> list[Resource]: ...

    def busy(self) -> bool: ...


# --------------------------------------------------------------------------- the line


@dataclass(frozen=True)
class Spot:
    """The statement under the cursor: the words before the one being typed, and that word
    (an empty Word at the cursor when a new word begins)."""

    words: list[Word]
    current: Word


def spot_at(text: str, cursor: int) -> Spot | None:
    """Where the cursor is, by the shell's own grammar; None inside a comment."""
    before = text[:cursor]
    try:
        lexed = lex(before, tolerant=True)
    except IloshellError:
        return None
    words = list(lexed.statements[-1].words) if lexed.statements else []
    tail = lexed.statements[-1].tail if lexed.statements else None
    if tail is not None and tail[1] == len(before):
        return None  # after | or >: a system command or a file name, not iloshell's words
    if words:
        gap = before[words[-1].end :]
        if "#" in gap:
            return None
        if gap.strip(BLANKS):  # a ; or a newline: a new statement begins
            words = []
    if words and not lexed.trailing_blank and words[-1].end == cursor:
        return Spot(words[:-1], words[-1])
    if not words and before.lstrip().startswith("#"):
        return None
    return Spot(words, Word("", "", cursor, cursor))


@dataclass(frozen=True)
class Role:
    """What one word of a statement is, by the command's declaration."""

    kind: str  # OPTION_FLAG, EXTRA, or the spec kind (PATH, ASSIGNMENT, ...)
    spec: Arg | Option | None = None


def roles(cmd: Command, words: Sequence[Word]) -> list[Role]:
    """The role of each word after the command name, as ``spec.parse`` would assign them
    (positionals greedily, left to right). Shared by completion and highlighting."""
    out: list[Role] = []
    positionals = cmd.positionals
    index, taken = 0, 0
    expecting: Option | None = None
    only_positional = False
    for word in words:
        text = word.text
        if expecting is not None:
            out.append(Role(expecting.kind, expecting))
            expecting = None
            continue
        if not only_positional and text == "--":
            only_positional = True
            out.append(Role(OPTION_FLAG))
            continue
        if (
            not only_positional
            and text.startswith("-")
            and text != "-"
            and word.raw == text
            and not _is_number(text)
        ):
            name = text.partition("=")[0] if text.startswith("--") else text
            option = cmd.find_option(name)
            out.append(Role(OPTION_FLAG, option))
            if option is not None and option.value and "=" not in text:
                expecting = option
            continue
        while index < len(positionals) and positionals[index].nargs in ("1", "?") and taken:
            index, taken = index + 1, 0
        if index >= len(positionals):
            out.append(Role(EXTRA))
            continue
        taken += 1
        out.append(Role(positionals[index].kind, positionals[index]))
    return out


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


# --------------------------------------------------------------------------- quoting


def shell_word(text: str) -> str:
    """``text`` spelled so the lexer reads it back as one word."""
    if text and not (set(text) & SHELL_SPECIAL) and not text.startswith("#"):
        return text
    if "'" not in text:
        return f"'{text}'"
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def segment_text(name: str) -> str:
    """A name as one path segment (``/`` inside a name is written ``~1``, as in pointers)."""
    return name.replace("~", "~0").replace("/", "~1")


def value_text(value: Any, operator: str) -> str:
    """A value as typed after ``=`` (bare when it reads back as the same string, else as
    JSON), ``==`` (always text) or ``:=`` (JSON). The lexer keeps JSON's double quotes after
    both; the JSON is written without blanks between its tokens, which would split the word."""
    if operator == "==":
        return shell_word(value if isinstance(value, str) else json.dumps(value))
    if isinstance(value, str) and operator == "=" and shell_word(value) == value:
        try:
            json.loads(value)
        except (ValueError, RecursionError):  # RecursionError: nested too deeply to read
            return value
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _starts(candidate: str, typed: str) -> bool:
    return candidate.casefold().startswith(typed.casefold())


# --------------------------------------------------------------------------- the engine


@dataclass(frozen=True)
class _Listing:
    location: Location
    resource: Resource
    node: Any


class Engine:
    """Suggestions for a (text, cursor) pair, from a :class:`Source`."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self._pending = False

    def complete(self, text: str, cursor: int | None = None) -> Completions:
        cursor = len(text) if cursor is None else cursor
        self._pending = False
        spot = spot_at(text, cursor)
        if spot is None:
            return Completions()
        commands = self.source.commands()
        if not spot.words:
            items = self._command_names(spot.current, commands)
        else:
            cmd = commands.get(spot.words[0].text)
            if cmd is None:
                return Completions()
            words = [*spot.words[1:], spot.current]
            found = roles(cmd, words)
            items = self._for_role(cmd, found, words, spot.current)
        return Completions(items, self._pending or self.source.busy())

    # -- dispatch

    def _for_role(
        self, cmd: Command, found: list[Role], words: list[Word], current: Word
    ) -> list[Suggestion]:
        role = found[-1]
        if role.kind == OPTION_FLAG or (current.text == "-" and cmd.options):
            return self._options(cmd, current, words[:-1])
        choices = getattr(role.spec, "choices", ())
        if choices:
            helps = dict(zip(choices, getattr(role.spec, "choice_help", ()), strict=False))
            return self._choices(current, choices, helps)
        kind = role.kind
        if kind in (PATH, PLACE, COLLECTION_PATH):
            return self._paths(current, navigable_only=kind == PLACE)
        if kind == ASSIGNMENT:
            return self._assignment(current)
        if kind == ACTION:
            return self._action_word(current)
        if kind == PARAMETER:
            return self._parameter(found, words, current)
        if kind == COMMAND:
            return self._command_names(current, self.source.commands(), space=False)
        if kind == FILE:
            return local_files(current)
        if kind == METHOD:
            return self._choices(current, HTTP_METHODS)
        if kind == TYPE:
            names = sorted({type_name(r.odata_type) or "" for r in self.source.cached()} - {""})
            return self._choices(current, names)
        return []

    # -- command names, options, choices

    def _command_names(
        self, current: Word, commands: Mapping[str, Command], *, space: bool = True
    ) -> list[Suggestion]:
        return [
            Suggestion(name + (" " if space else ""), current.start, name, cmd.summary)
            for name, cmd in sorted(commands.items())
            if name.startswith(current.text)
        ]

    def _options(self, cmd: Command, current: Word, before: list[Word]) -> list[Suggestion]:
        used = {w.text.partition("=")[0] for w in before}
        out = []
        for option in cmd.options:
            if not option.repeat and used & set(option.flags):
                continue
            meta = option.help + (f" ({option.value})" if option.value else "")
            for flag in option.flags:
                if flag.startswith(current.text):
                    out.append(Suggestion(flag + " ", current.start, flag, meta))
        return out

    def _choices(
        self, current: Word, choices: Iterable[str], helps: Mapping[str, str] | None = None
    ) -> list[Suggestion]:
        seen: set[str] = set()
        exact = [c for c in choices if c.startswith(current.text)]
        loose = [c for c in choices if _starts(c, current.text)]
        out = []
        for choice in exact or loose:
            if choice.casefold() not in seen:
                seen.add(choice.casefold())
                meta = (helps or {}).get(choice, "")
                out.append(Suggestion(shell_word(choice), current.start, choice, meta))
        return out

    # -- reading the cache

    def _resource(self, uri: str) -> Resource | None:
        found = self.source.peek(uri)
        if found is None:
            self.source.want([uri])
            self._pending = True
        return found

    def _at_hand(self, uri: str) -> Resource:
        """The Walker's lookup: the cached resource, or NotAtHand (and it is asked for)."""
        found = self._resource(uri)
        if found is None:
            raise NotAtHand(uri)
        return found

    def _listing(self, location: Location) -> _Listing | None:
        walker = Walker(self._at_hand, None)
        try:
            return _Listing(location, self._at_hand(location.uri), walker.value(location))
        except (NotAtHand, IloshellError):
            return None

    def _walk(self, text: str) -> Location | None:
        """The place a typed path (without its last, half-typed segment) names: the same
        Walker the commands use, over what is in memory (None until it is all there)."""
        try:
            return Walker(self._at_hand, None).resolve(text or ".", self.source.cwd())
        except (NotAtHand, IloshellError):
            return None

    def _kind_of(self, uri: str) -> str | None:
        found = self.source.peek(uri)
        if found is None:
            return None
        return COLLECTION if found.is_collection else RESOURCE

    # -- paths

    def _paths(
        self, current: Word, *, navigable_only: bool = False, writable_only: bool = False
    ) -> list[Suggestion]:
        text = current.text
        head, slash, partial = text.rpartition("/")
        directory = head + slash
        if split_path(text)[0] is not None:
            return self._uri_paths(current)
        location = self._walk(directory)
        if location is None:
            return []
        listing = self._listing(location)
        if listing is None:
            return []
        schema = self.source.schema(listing.resource) if writable_only else None
        registry = self._registry_at(listing) if writable_only else None
        if writable_only and self.source.loading(listing.resource):
            self._pending = True  # what is writable is known when the schema lands
            return []
        plain = current.raw == text
        out: list[Suggestion] = []
        if partial.startswith(".") and location.path:
            out.append(self._path_suggestion(current, directory, "..", True, "parent", plain))
        if directory == "/" and partial and _starts("redfish", partial):
            out.append(self._path_suggestion(current, directory, "redfish/v1", True, "URI", plain))
        found = entries(listing.node, top_level=not location.pointer, kind_of=self._kind_of)
        wanted: list[str] = []
        for entry in found:
            if not self._name_matches(entry, partial):
                continue
            if navigable_only and not entry.navigable:
                continue
            if entry.target and not is_path_reference(entry.target):
                continue  # a link that may lead to another host is never offered nor fetched
            if entry.target and self.source.peek(entry.target) is None:
                wanted.append(split_fragment(entry.target)[0])
            if writable_only:
                suggestion = self._writable(current, directory, listing, entry, schema, registry)
                if suggestion is not None:
                    out.append(suggestion)
                continue
            out.append(
                self._path_suggestion(
                    current, directory, entry.name, entry.navigable, self._meta(entry), plain
                )
            )
        if writable_only and schema is not None and isinstance(listing.node, dict):
            out += self._absent_writable(current, directory, listing, schema, partial)
        if wanted:
            self.source.want(wanted[:PREFETCH_LIMIT])
        return out

    def _name_matches(self, entry: Entry, partial: str) -> bool:
        if entry.annotation and "@" not in partial:
            return False
        return _starts(entry.name, partial) or (
            entry.member and _starts(segment_text(entry.name), partial)
        )

    def _path_suggestion(
        self,
        current: Word,
        directory: str,
        name: str,
        navigable: bool,
        meta: str,
        plain: bool,
        suffix: str | None = None,
    ) -> Suggestion:
        segment = name if name in ("..", "redfish/v1") else segment_text(name)
        end = suffix if suffix is not None else ("/" if navigable else "")
        display = segment + end
        whole = shell_word(directory + segment + end)
        if plain and whole == directory + segment + end:
            return Suggestion(segment + end, current.start + len(directory), display, meta)
        return Suggestion(whole, current.start, display, meta)

    def _meta(self, entry: Entry) -> str:
        """What the menu says beside a name: a member's Name, a link's type, a value."""
        if entry.member:
            inline = entry.value.get("Name") if isinstance(entry.value, dict) else None
            fetched = self.source.peek(entry.target) if entry.target else None
            if fetched is not None and isinstance(fetched.body, dict):
                inline = fetched.body.get("Name", inline)
            return inline if isinstance(inline, str) else ""
        if entry.target:
            target = self.source.peek(entry.target)
            if target is None:
                return RESOURCE  # what ls calls it, before and after it is fetched
            name = type_name(target.odata_type) or "resource"
            if target.is_collection:
                count = len(target.members())
                return f"{name}, {count} member{'s' * (count != 1)}"
            return name
        if entry.kind == OBJECT:
            return "object"
        if entry.kind == ARRAY:
            count = len(entry.value)
            return f"array, {count} item{'s' * (count != 1)}"
        return short(entry.value, 40)

    def _uri_paths(self, current: Word) -> list[Suggestion]:
        """``/redfish/v1/Sys``: the next URI segment, from the links in the cached parent
        that lead directly below it."""
        text = current.text
        if uri_key(text) == "/redfish":
            return [Suggestion(shell_word("/redfish/v1/"), current.start, "/redfish/v1/")]
        head, _, partial = text.rpartition("/")
        if uri_key(head) == "/redfish":
            if not _starts("v1", partial):
                return []
            return [Suggestion(shell_word(head + "/v1/"), current.start, "v1/", "service root")]
        parent = self.source.peek(head) if head else None
        if parent is None:
            if head:
                self._resource(head)
            return []
        below = uri_key(parent.uri).rstrip("/") + "/"
        segments: dict[str, str] = {}
        for _, target in links_in(parent.body):
            known = self.source.peek(target)
            meta = (type_name(known.odata_type) or "resource") if known is not None else RESOURCE
            self._add_child(segments, target, below, partial, meta)
        out = []
        for segment, meta in segments.items():
            whole = head + "/" + segment + "/"
            if current.raw == text and shell_word(whole) == whole:
                start = current.start + len(head) + 1
                out.append(Suggestion(segment + "/", start, segment + "/", meta))
            else:
                out.append(Suggestion(shell_word(whole), current.start, segment + "/", meta))
        return out

    @staticmethod
    def _add_child(segments: dict[str, str], uri: str, below: str, partial: str, meta: str) -> None:
        path = uri_path(uri).rstrip("/")
        if not is_path_reference(uri) or not uri_key(path).startswith(below):
            return
        rest = path[len(below) :]
        if not rest or "/" in rest or not _starts(rest, partial):
            return
        segments.setdefault(rest, meta)

    # -- set: writable properties and their values

    def _registry_at(self, listing: _Listing) -> AttributeRegistry | None:
        """The attribute registry, when the listing is a Bios resource's ``Attributes``."""
        if not _registry_governed(listing):
            return None
        registry = self.source.attributes(listing.resource)
        if registry is None:
            self._pending = self._pending or self.source.busy()
        return registry

    def _writable(
        self,
        current: Word,
        directory: str,
        listing: _Listing,
        entry: Entry,
        schema: TypeSchema | None,
        registry: AttributeRegistry | None,
    ) -> Suggestion | None:
        """A name for the path of ``set``: links to walk on, and what the one access rule
        (:func:`property_access`) does not call read-only: objects to walk into, values to
        assign."""
        from iloshell.model.access import RO, property_access

        plain = current.raw == current.text
        if entry.target or entry.kind in (RESOURCE, COLLECTION, LINK):
            return self._path_suggestion(
                current, directory, entry.name, True, self._meta(entry), plain
            )
        parts = (*listing.location.pointer, entry.name)
        if property_access(schema, parts, registry).mode == RO:
            return None
        if entry.kind in (OBJECT, ARRAY) and not _scalar_array(entry):
            return self._path_suggestion(
                current, directory, entry.name, True, self._meta(entry), plain
            )
        meta = short(entry.value, 40)
        attribute = registry.attribute(entry.name) if registry is not None else None
        if attribute is not None and attribute.display_name:
            meta = f"{attribute.display_name}: {meta}"
        return self._path_suggestion(current, directory, entry.name, False, meta, plain, "=")

    def _absent_writable(
        self,
        current: Word,
        directory: str,
        listing: _Listing,
        schema: TypeSchema,
        partial: str,
    ) -> list[Suggestion]:
        """Writable properties the schema declares that the resource does not show yet."""
        from iloshell.model.access import RW, property_access

        out = []
        plain = current.raw == current.text
        try:
            declared = schema.properties(listing.location.pointer)
        except Exception:  # a broken schema must not break typing
            return out
        for name, info in declared.items():
            if name in listing.node or info.is_link or info.is_object:
                continue
            parts = (*listing.location.pointer, name)
            if not _starts(name, partial) or property_access(schema, parts).mode != RW:
                continue
            out.append(
                self._path_suggestion(current, directory, name, False, "(absent)", plain, "=")
            )
        return out

    def _assignment(self, current: Word) -> list[Suggestion]:
        split = find_operator(current.raw)
        if split is None:
            return self._paths(current, writable_only=True)
        index, operator = split
        path = unquote(current.raw[:index])
        return self._value_suggestions(
            current, index + len(operator), operator, self._property_values(path)
        )

    def _value_suggestions(
        self, current: Word, offset: int, operator: str, values: list[tuple[Any, str]]
    ) -> list[Suggestion]:
        typed = unquote(current.raw[offset:])
        plain = current.raw == current.text
        out = []
        for value, meta in values:
            shown = value if isinstance(value, str) else json.dumps(value)
            if not _starts(shown, typed.strip('"')):
                continue
            spelled = value_text(value, operator)
            if plain:
                out.append(Suggestion(spelled, current.start + offset, shown, meta))
            else:
                head = current.raw[:offset]
                out.append(Suggestion(head + spelled, current.start, shown, meta))
        return out

    def _property_values(self, path: str) -> list[tuple[Any, str]]:
        """Allowed values for the property a ``set`` path names: exactly what ``set``
        accepts (:func:`property_values`: the narrowest list the service gave — the
        resource's ``@Redfish.AllowableValues``, the attribute registry — else the schema's
        enum), or true/false for a boolean."""
        from iloshell.model.access import ANNOTATION, property_values

        head, slash, name = path.rstrip("/").rpartition("/")
        location = self._walk(head + slash)
        listing = self._listing(location) if location is not None else None
        if listing is None or not isinstance(listing.node, dict):
            return []
        node = listing.node
        key = _key_in(node, name)
        annotation = node.get(f"{key}@Redfish.AllowableValues")
        values = Values(node.get(key))
        if _registry_governed(listing):
            # The Bios schema lets an attribute be any scalar; the registry says which it is
            # (an Enumeration takes its values, never true or false).
            registry = self._registry_at(listing)
            attribute = registry.attribute(key) if registry is not None else None
            if attribute is None:
                return values.items
            values.add_allowed(property_values(None, annotation, attribute))
            if (attribute.type or "").casefold() == "boolean":
                values.add_all([True, False], "")
            return values.items
        info = _lookup(self.source.schema(listing.resource), (*listing.location.pointer, key))
        allowed = property_values(info, annotation)
        values.add_allowed(allowed, "allowed here" if allowed.kind == ANNOTATION else "")
        if info is not None and not values.items and "boolean" in info.types:
            values.add_all([True, False], "")
        return values.items

    # -- invoke: actions and their parameters

    def _action_word(self, current: Word) -> list[Suggestion]:
        """``invoke ACTION`` or ``invoke PATH ACTION``: actions here, then paths."""
        out: list[Suggestion] = []
        if "/" not in current.text:
            listing = self._listing(self.source.cwd())
            if listing is not None:
                out += self._action_names(current, listing.node)
        return out + self._paths(current, navigable_only=True)

    def _action_names(self, current: Word, node: Any) -> list[Suggestion]:
        found = available_actions(node)
        shorts = [key.lstrip("#").rsplit(".", 1)[-1] for key in found]
        out = []
        for key, short_name in zip(found, shorts, strict=True):
            name = short_name if shorts.count(short_name) == 1 else key.lstrip("#")
            if _starts(name, current.text) or _starts(key.lstrip("#"), current.text):
                out.append(Suggestion(shell_word(name) + " ", current.start, name, key))
        return out

    def _parameter(self, found: list[Role], words: list[Word], current: Word) -> list[Suggestion]:
        action_words = [w for w, r in zip(words, found, strict=True) if r.kind == ACTION]
        params = [w for w, r in zip(words[:-1], found[:-1], strict=True) if r.kind == PARAMETER]
        if not action_words:
            return []
        first = action_words[0]
        cwd = self.source.cwd()
        here = self._listing(cwd)
        if here is not None and action_at(here.node, first.text) is not None:
            listing, action_name = here, first.text
        else:
            location = self._walk(first.text.rstrip("/") + "/")
            listing = self._listing(location) if location is not None else None
            if listing is None:
                return []
            if not params:
                if find_operator(current.raw) is None:
                    return self._action_names(current, listing.node)
                return []
            action_name, params = unquote(params[0].raw), params[1:]
        named = action_at(listing.node, action_name)
        if named is None:
            return []
        key, action = named
        table = self._parameters(listing.resource, key, action)
        split = find_operator(current.raw)
        if split is None:
            given = {assigned_name(w.raw) for w in params}
            return [
                Suggestion(shell_word(name) + "=", current.start, name, meta)
                for name, (_, meta) in table.items()
                if name not in given and _starts(name, current.text)
            ]
        index, operator = split
        name = unquote(current.raw[:index])
        match = next((n for n in table if matches_name(n, name)), None)
        values = table[match][0] if match else []
        return self._value_suggestions(current, index + len(operator), operator, values)

    def _parameters(
        self, resource: Resource, key: str, action: dict
    ) -> dict[str, tuple[list[tuple[Any, str]], str]]:
        """Parameter name -> (allowed values, meta): the parameters the action's annotations,
        its ActionInfo (when cached) and the schema (when loaded) name, each with exactly
        the values ``invoke`` accepts (:func:`parameter_values`)."""
        from iloshell.model.access import (
            Allowed,
            info_parameters,
            parameter_names,
            parameter_values,
        )

        info_uri = action.get("@Redfish.ActionInfo")
        info = self._resource(info_uri) if isinstance(info_uri, str) else None
        action_info = info.body if info is not None else None
        from_info = info_parameters(action_info) or {}
        schema = self.source.schema(resource)
        try:
            declared = schema.actions().get(key) if schema is not None else None
        except Exception:  # a broken schema must not break typing
            declared = None
        from_schema = dict(declared.parameters) if declared is not None else {}
        names, _ = parameter_names(action, action_info, from_schema)
        table: dict[str, tuple[list[tuple[Any, str]], str]] = {}
        for name in names:
            values = Values(None)
            prop = from_schema.get(name)
            param = from_info.get(name)
            allowed = parameter_values(name, action, action_info, prop)
            data_type = param.get("DataType") if param is not None else None
            if (isinstance(data_type, str) and data_type.endswith("Array")) or (
                prop is not None and prop.types == ("array",)
            ):  # an array parameter takes a list of the allowed values
                allowed = Allowed(tuple([v] for v in allowed.values or ()))
            values.add_allowed(allowed, "allowed")
            if prop is not None and not values.items and "boolean" in prop.types:
                values.add_all([True, False], "")
            if param is not None:
                parts = ["required" if param.get("Required") else ""]
                if isinstance(param.get("DataType"), str):
                    parts.append(param["DataType"])
                meta = " ".join(p for p in parts if p)
            elif prop is not None:
                required = "required " if declared and name in declared.required else ""
                meta = (required + (prop.description or "")).strip()
            else:
                meta = ""
            table[name] = (values.items, meta)
        return table


class Values:
    """Allowed values in the order they were found, each once, with what explains them."""

    def __init__(self, current: Any) -> None:
        self.current = current
        self.items: list[tuple[Any, str]] = []
        self._seen: set[str] = set()

    def add(self, value: Any, meta: str) -> None:
        key = json.dumps(value)
        if key in self._seen:
            return
        self._seen.add(key)
        if value == self.current and type(value) is type(self.current):
            meta = f"{meta} (current)".strip()
        self.items.append((value, meta))

    def add_all(self, values: Any, meta: str) -> None:
        for value in values if isinstance(values, list) else ():
            if isinstance(value, str | int | float | bool):
                self.add(value, meta)

    def add_allowed(self, allowed: Allowed, meta: str = "") -> None:
        """The values of one :class:`Allowed` answer, each with its description."""
        for value in allowed.values or ():
            self.add(value, allowed.descriptions.get(str(value), "") or meta)


def _registry_governed(listing: _Listing) -> bool:
    """Whether the listing is the ``Attributes`` of a resource that names its attribute
    registry (Bios): there the registry, not the schema, says what each value may be."""
    body = listing.resource.body
    return (
        listing.location.pointer == ("Attributes",)
        and isinstance(body, dict)
        and isinstance(body.get("AttributeRegistry"), str)
    )


def _lookup(schema: TypeSchema | None, parts: Sequence[str]) -> PropertyInfo | None:
    if schema is None:
        return None
    try:
        return schema.lookup(list(parts))
    except Exception:  # a broken schema must not break typing
        return None


def _scalar_array(entry: Entry) -> bool:
    return entry.kind == ARRAY and all(not isinstance(v, dict | list) for v in entry.value)


def _key_in(node: dict, name: str) -> str:
    """The property a typed name means: exact, then ignoring case, else as typed."""
    name = name.replace("~1", "/").replace("~0", "~")
    if name in node:
        return name
    return next((k for k in node if matches_name(k, name)), name)


def assigned_name(raw: str) -> str:
    """The name in a raw ``Name=Value`` word (the whole word when it has no operator)."""
    split = find_operator(raw)
    return unquote(raw[: split[0]] if split else raw)


def action_at(node: Any, name: str) -> tuple[str, dict] | None:
    """The action a typed name means, exactly as invoke finds it; None where invoke would
    refuse the name (unknown, or a short name two actions share)."""
    try:
        return find_action(node, name)
    except IloshellError:
        return None


def local_files(current: Word) -> list[Suggestion]:
    """Files on this computer (``source FILE``): a folder listing, no network."""
    text = current.text
    folder, _, partial = text.rpartition("/")
    where = os.path.expanduser(folder + "/" if folder or text.startswith("/") else ".")
    try:
        names = sorted(os.listdir(where))
    except OSError:
        return []
    out = []
    for name in names:
        if not name.startswith(partial) or (name.startswith(".") and not partial.startswith(".")):
            continue
        is_dir = os.path.isdir(os.path.join(where, name))
        whole = (folder + "/" if folder or text.startswith("/") else "") + name
        whole += "/" if is_dir else ""
        out.append(Suggestion(shell_word(whole), current.start, name + ("/" if is_dir else "")))
    return out


# --------------------------------------------------------------------------- the live source


class LiveSource:
    """A :class:`Source` over the shell's Context: the connection's graph cache, and the
    schemas and attribute registries loaded so far.

    Missing resources are fetched with ``Graph.prefetch``; schemas and registries are loaded
    one at a time on a daemon thread (they share the connection's caches with commands, and
    a daemon never holds up leaving the shell). ``on_arrival`` is called (from that thread)
    whenever something arrives, so the REPL can offer it without another Tab.
    """

    def __init__(self, ctx: Any) -> None:
        self.ctx = ctx
        self.on_arrival: Callable[[], None] | None = None
        self._lock = threading.Lock()
        self._connection: Any = None
        self._inflight: set[str] = set()
        self._failed: dict[str | tuple[str, str], float] = {}  # what failed, and when
        self._models: dict[tuple[str, str], Any] = {}
        self._queue: list[tuple[tuple[str, str], Callable[[], Any]]] = []
        self._wake = threading.Condition(self._lock)
        self._worker: threading.Thread | None = None

    # -- Source

    def commands(self) -> Mapping[str, Command]:
        load_commands()
        return REGISTRY

    def cwd(self) -> Location:
        return self.ctx.cwd

    def peek(self, uri: str) -> Resource | None:
        connection = self._current()
        return connection.graph.peek(uri) if connection is not None else None

    def want(self, uris: Sequence[str]) -> None:
        connection = self._current()
        if connection is None:
            return
        for uri in uris:
            key = uri_key(uri)
            with self._lock:
                if key in self._inflight or self._failed_lately(key):
                    continue
                self._inflight.add(key)
            connection.graph.prefetch([uri], done=lambda uri=uri: self._landed(connection, uri))
            if connection.graph.peek(uri) is not None:  # it came meanwhile: nothing was sent
                with self._lock:
                    self._inflight.discard(key)

    def schema(self, resource: Resource) -> TypeSchema | None:
        odata_type = resource.odata_type
        if not odata_type:
            return None
        return self._model(("schema", odata_type), lambda c: c.checker.schema_for(resource))

    def attributes(self, resource: Resource) -> AttributeRegistry | None:
        name = resource.body.get("AttributeRegistry") if isinstance(resource.body, dict) else None
        if not isinstance(name, str):
            return None
        return self._model(("attributes", name), lambda c: c.checker.attributes_for(resource))

    def loading(self, resource: Resource) -> bool:
        body = resource.body if isinstance(resource.body, dict) else {}
        wanted = {("schema", resource.odata_type), ("attributes", body.get("AttributeRegistry"))}
        with self._lock:
            return any(key in wanted for key, _ in self._queue)

    def cached(self) -> list[Resource]:
        connection = self._current()
        return connection.graph.cached() if connection is not None else []

    def busy(self) -> bool:
        with self._lock:
            return bool(self._inflight or self._queue)

    # -- what has been loaded, for others (history's secret filter)

    def loaded_attributes(self) -> list[AttributeRegistry]:
        with self._lock:
            return [
                v for (kind, _), v in self._models.items() if kind == "attributes" and v is not None
            ]

    # -- internals

    def _current(self) -> Any:
        """The live connection; everything known is forgotten when it changes."""
        connection = self.ctx.connection
        with self._lock:
            if connection is not self._connection:
                self._connection = connection
                self._inflight.clear()
                self._failed.clear()
                self._models.clear()
                self._queue.clear()
        return connection

    def _landed(self, connection: Any, uri: str) -> None:
        key = uri_key(uri)
        with self._lock:
            self._inflight.discard(key)
            if connection is self._connection and connection.graph.peek(uri) is None:
                self._failed[key] = time.monotonic()  # not again on every keystroke
        self._arrived()

    def _model(self, key: tuple[str, str], load: Callable[[Any], Any]) -> Any:
        connection = self._current()
        if connection is None:
            return None
        with self._lock:
            if key in self._models:
                return self._models[key]
            if self._failed_lately(key):
                return None
            if all(k != key for k, _ in self._queue):
                self._queue.append((key, lambda: load(connection)))
                self._start_worker()
                self._wake.notify()
        return None

    def _failed_lately(self, key: str | tuple[str, str]) -> bool:
        """Failed less than RETRY_AFTER seconds ago (call with the lock held)."""
        when = self._failed.get(key)
        return when is not None and time.monotonic() - when < RETRY_AFTER

    def _start_worker(self) -> None:
        if self._worker is None or not self._worker.is_alive():
            self._worker = threading.Thread(target=self._work, name="models", daemon=True)
            self._worker.start()

    def _work(self) -> None:
        while True:
            with self._lock:
                while not self._queue:
                    self._wake.wait()
                key, load = self._queue[0]
                connection = self._connection
            failed = False
            try:
                value = load()
            except Exception:  # not known for now (the connection hiccuped), never a crash
                value, failed = None, True
            with self._lock:
                if self._queue and self._queue[0][0] == key:
                    self._queue.pop(0)
                if connection is self._connection and failed:
                    self._failed[key] = time.monotonic()
                elif connection is self._connection:
                    self._models[key] = value
            self._arrived()

    def _arrived(self) -> None:
        callback = self.on_arrival
        if callback is not None:
            with contextlib.suppress(Exception):  # a refresh must never kill a worker
                callback()
