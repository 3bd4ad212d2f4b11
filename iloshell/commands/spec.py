"""Command declarations: one place that says what a command takes and what it is for.

The same declaration parses the arguments, prints ``help CMD``, generates docs/commands.md,
and tells the completion engine what each word is (a path, a writable property, an action),
so none of them can drift from the others.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from iloshell.commands.lexer import Word
from iloshell.errors import UsageError

# What a word is, for completion and highlighting.
PATH = "path"
PLACE = "place"  # a path that must lead somewhere cd can go (a resource or an object)
COLLECTION_PATH = "collection"
ASSIGNMENT = "assignment"  # PATH=VALUE of set
ACTION = "action"
PARAMETER = "parameter"  # Param=Value of invoke
FILE = "file"
COMMAND = "command"
METHOD = "method"
TEXT = "text"
NUMBER = "number"
CHOICE = "choice"
TYPE = "type"


@dataclass(frozen=True)
class Option:
    flags: tuple[str, ...]
    help: str
    value: str | None = None  # metavar when the option takes a value
    kind: str = TEXT  # what the value is, for completion
    repeat: bool = False  # may be given several times (values collected in a list)
    choices: tuple[str, ...] = ()

    @property
    def dest(self) -> str:
        longest = max(self.flags, key=len)
        return longest.lstrip("-").replace("-", "_")


@dataclass(frozen=True)
class Arg:
    name: str
    help: str
    nargs: str = "1"  # "1", "?", "*", "+"
    kind: str = TEXT
    raw: bool = False  # receive words as typed (quotes kept), e.g. set's PATH=VALUE
    choices: tuple[str, ...] = ()
    choice_help: tuple[str, ...] = ()  # what each choice is (the completion menu's meta)

    @property
    def metavar(self) -> str:
        return self.name.upper()


@dataclass(frozen=True)
class Command:
    name: str
    summary: str  # one line, shown by `help`, as completion meta and in docs
    handler: Callable[..., Any]
    group: str
    args: tuple[Arg | Option, ...] = ()
    description: str = ""  # paragraphs for `help CMD` and docs/commands.md
    examples: tuple[str, ...] = ()
    needs_connection: bool = True
    changes_service: bool = False  # gets -y/--yes (see command()); the handler calls confirm()

    @property
    def options(self) -> list[Option]:
        return [a for a in self.args if isinstance(a, Option)]

    @property
    def positionals(self) -> list[Arg]:
        return [a for a in self.args if isinstance(a, Arg)]

    def usage(self) -> str:
        parts = [self.name]
        for opt in self.options:
            flag = opt.flags[0]
            parts.append(f"[{flag} {opt.value}]" if opt.value else f"[{flag}]")
        for arg in self.positionals:
            parts.append(
                {
                    "1": arg.metavar,
                    "?": f"[{arg.metavar}]",
                    "*": f"[{arg.metavar}...]",
                    "+": f"{arg.metavar}...",
                }[arg.nargs]
            )
        return " ".join(parts)

    def help_text(self) -> str:
        """The full help, as `help CMD` prints it and docs/commands.md shows it."""
        lines = [f"usage: {self.usage()}", "", self.summary]
        if self.description:
            lines += ["", self.description.strip()]
        if self.positionals or self.options:
            lines.append("")
        for arg in self.positionals:
            lines.append(f"  {arg.metavar:<22} {arg.help}")
        for opt in self.options:
            label = ", ".join(opt.flags) + (f" {opt.value}" if opt.value else "")
            lines.append(f"  {label:<22} {opt.help}")
        if self.examples:
            lines += ["", "examples:"] + [f"  {e}" for e in self.examples]
        return "\n".join(lines)

    def find_option(self, word: str) -> Option | None:
        for opt in self.options:
            if word in opt.flags:
                return opt
        return None


REGISTRY: dict[str, Command] = {}

# The option every command that changes the service gets: the REPL asks before sending,
# a script must say -y (change.confirm reads it).
YES = Option(("-y", "--yes"), "do not ask for confirmation (scripts need it to send)")
# Any command's own help, whatever its declaration: ``cd --help`` is ``help cd``.
HELP_FLAGS = ("-h", "--help")


def command(
    name: str,
    summary: str,
    *,
    group: str,
    args: Sequence[Arg | Option] = (),
    description: str = "",
    examples: Sequence[str] = (),
    needs_connection: bool = True,
    changes_service: bool = False,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Declare a command: its handler is called as ``handler(ctx, args)``. With
    ``changes_service`` it also takes -y/--yes (``args.yes``), declared here once."""

    def register(handler: Callable[..., Any]) -> Callable[..., Any]:
        REGISTRY[name] = Command(
            name,
            summary,
            handler,
            group,
            (YES, *args) if changes_service else tuple(args),
            description,
            tuple(examples),
            needs_connection,
            changes_service,
        )
        return handler

    return register


class Args(dict):
    """Parsed arguments; attribute access for the handlers' convenience."""

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


def asks_help(words: Sequence[Word]) -> bool:
    """Whether the words hold -h or --help as an option (not quoted, not after ``--``)."""
    for word in words:
        if word.text == "--":
            return False
        if word.text in HELP_FLAGS and word.raw == word.text:
            return True
    return False


def parse(cmd: Command, words: Sequence[Word]) -> Args:
    """Parse a command's words against its declaration; UsageError names what is wrong."""
    result = Args()
    for opt in cmd.options:
        result[opt.dest] = [] if opt.repeat else (None if opt.value else False)
    positional: list[Word] = []
    words = list(words)
    i = 0
    only_positional = False
    while i < len(words):
        word = words[i]
        text = word.text
        if not only_positional and text == "--":
            only_positional = True
        elif not only_positional and text.startswith("-") and text != "-" and word.raw == text:
            i = _parse_option(cmd, words, i, result)
        else:
            positional.append(word)
        i += 1
    _assign_positionals(cmd, positional, result)
    return result


def _parse_option(cmd: Command, words: list[Word], i: int, result: Args) -> int:
    text = words[i].text
    name, eq, inline = text.partition("=")
    opt = cmd.find_option(name if text.startswith("--") else text)
    if opt is None and not text.startswith("--") and len(text) > 2:
        flags = [cmd.find_option("-" + c) for c in text[1:]]
        if all(f is not None and f.value is None for f in flags):
            for flag in flags:
                assert flag is not None
                result[flag.dest] = True
            return i
    if opt is None and _looks_like_number(text):
        raise UsageError(f"{cmd.name}: unexpected {text}; usage: {cmd.usage()}")
    if opt is None:
        raise UsageError(f"{cmd.name}: unknown option {text}; usage: {cmd.usage()}")
    if opt.value is None:
        result[opt.dest] = True
        return i
    if eq and text.startswith("--"):
        value = inline
    else:
        if i + 1 >= len(words):
            raise UsageError(f"{cmd.name}: {text} needs a value ({opt.value})")
        i += 1
        value = words[i].text
    if opt.choices and value not in opt.choices:
        raise UsageError(f"{cmd.name}: {text} takes one of {', '.join(opt.choices)}")
    if opt.repeat:
        result[opt.dest].append(value)
    else:
        result[opt.dest] = value
    return i


def _looks_like_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _assign_positionals(cmd: Command, words: list[Word], result: Args) -> None:
    specs = cmd.positionals
    required = sum(1 for a in specs if a.nargs in ("1", "+"))
    if len(words) < required:
        missing = [a.metavar for a in specs if a.nargs in ("1", "+")][len(words) :]
        raise UsageError(f"{cmd.name}: missing {' '.join(missing)}; usage: {cmd.usage()}")
    remaining = list(words)
    for index, arg in enumerate(specs):
        later_required = sum(1 for a in specs[index + 1 :] if a.nargs in ("1", "+"))
        take = {
            "1": 1,
            "?": min(1, len(remaining) - later_required),
            "*": len(remaining) - later_required,
            "+": len(remaining) - later_required,
        }[arg.nargs]
        taken, remaining = remaining[: max(take, 0)], remaining[max(take, 0) :]
        values = [w.raw if arg.raw else w.text for w in taken]
        if arg.kind == PATH and "" in values:  # "" would mean "here": rm -y "" deletes it
            raise UsageError(f"{cmd.name}: {arg.metavar} is empty (write . for this place)")
        if arg.choices:
            for value in values:
                if value not in arg.choices:
                    raise UsageError(
                        f"{cmd.name}: {arg.metavar} takes one of {', '.join(arg.choices)}"
                    )
        result[arg.name] = values if arg.nargs in ("*", "+") else (values[0] if values else None)
    if remaining:
        extra = " ".join(w.text for w in remaining)
        raise UsageError(f"{cmd.name}: too many arguments ({extra}); usage: {cmd.usage()}")
