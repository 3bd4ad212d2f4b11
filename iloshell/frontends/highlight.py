"""Input-line highlighting as plain code: the typed line cut into (token, text) pieces.

Each word is coloured by what the command's declaration says it is — the same
:func:`~iloshell.frontends.completion.roles` completion uses — so a path, an option and the
value of a ``set`` look different while typing, and an unknown command or a word too many
shows as an error before Enter. The tokens are pygments token names, so any pygments style
(the one ``cat`` uses for JSON) colours them; repl.py turns them into prompt-toolkit
fragments.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from iloshell.commands.lexer import lex
from iloshell.commands.spec import (
    ACTION,
    ASSIGNMENT,
    COLLECTION_PATH,
    COMMAND,
    FILE,
    METHOD,
    NUMBER,
    PARAMETER,
    PATH,
    PLACE,
    Command,
)
from iloshell.errors import IloshellError
from iloshell.frontends.completion import EXTRA, OPTION_FLAG, Role, roles
from iloshell.staging.values import find_operator

COMMAND_TOKEN = "Keyword"
ERROR = "Error"
OPTION = "Name.Attribute"
PATH_TOKEN = "Name.Variable"  # not Name.Tag: most styles colour it like Keyword
ACTION_TOKEN = "Name.Function"
OPERATOR = "Operator"
STRING = "Literal.String"
NUMBER_TOKEN = "Literal.Number"
CONSTANT = "Keyword.Constant"
COMMENT = "Comment"
PUNCTUATION = "Punctuation"
TEXT = "Text"

Token = tuple[str, str]


def tokens(text: str, commands: Mapping[str, Command]) -> list[Token]:
    """The whole text as (pygments token name, piece) pairs, in order."""
    try:
        statements = lex(text, tolerant=True).statements
    except IloshellError:
        return [(TEXT, text)] if text else []
    out: list[Token] = []
    pos = 0
    for statement in statements:
        words = statement.words
        cmd = commands.get(words[0].text)
        found = roles(cmd, words[1:]) if cmd is not None else [Role(TEXT)] * (len(words) - 1)
        for index, word in enumerate(words):
            out += gap_tokens(text[pos : word.start])
            piece = text[word.start : word.end]
            if index == 0:
                out.append((command_token(word.text, commands), piece))
            else:
                out += word_tokens(piece, found[index - 1])
            pos = word.end
        if statement.tail is not None:  # `| PROGRAM`, `> FILE`: the system's, not iloshell's
            start, end = statement.tail
            operator = len(text[start:end]) - len(text[start:end].lstrip("|>"))
            out += gap_tokens(text[pos:start])
            out += [
                (OPERATOR, text[start : start + operator]),
                (TEXT, text[start + operator : end]),
            ]
            pos = end
    out += gap_tokens(text[pos:])
    return merged(out)


def command_token(name: str, commands: Mapping[str, Command]) -> str:
    if name in commands:
        return COMMAND_TOKEN
    if any(known.startswith(name) for known in commands):
        return TEXT  # still being typed
    return ERROR


def word_tokens(piece: str, role: Role) -> list[Token]:
    kind = role.kind
    if kind == OPTION_FLAG:
        flag, eq, value = piece.partition("=")
        token = OPTION if role.spec is not None or piece == "--" else ERROR
        return [(token, flag)] + ([(OPERATOR, eq), (STRING, value)] if eq else [])
    if kind in (ASSIGNMENT, PARAMETER):
        split = find_operator(piece)
        if split is None:
            return [(PATH_TOKEN if kind == ASSIGNMENT else ACTION_TOKEN, piece)]
        index, operator = split
        name_token = PATH_TOKEN if kind == ASSIGNMENT else OPTION
        value = piece[index + len(operator) :]
        return [(name_token, piece[:index]), (OPERATOR, operator), (value_token(value), value)]
    if kind == ACTION:
        return [(PATH_TOKEN if "/" in piece else ACTION_TOKEN, piece)]
    if kind in (PATH, PLACE, COLLECTION_PATH, FILE):
        return [(PATH_TOKEN, piece)]
    if kind in (COMMAND, METHOD):
        return [(COMMAND_TOKEN, piece)]
    if kind == NUMBER:
        return [(NUMBER_TOKEN, piece)]
    if kind == EXTRA:
        return [(ERROR, piece)]
    return [(STRING, piece)]


def value_token(raw: str) -> str:
    """Numbers, true/false/null and strings look different: ``=12`` is not ``="12"``."""
    try:
        value = json.loads(raw)
    except (ValueError, RecursionError):  # RecursionError: nested too deeply to read
        return STRING
    if isinstance(value, bool) or value is None:
        return CONSTANT
    if isinstance(value, int | float):
        return NUMBER_TOKEN
    return STRING


def gap_tokens(gap: str) -> list[Token]:
    """What lies between words: blanks, ``;`` and ``#`` comments (to the end of the line)."""
    out: list[Token] = []
    pos = 0
    while pos < len(gap):
        ch = gap[pos]
        if ch == "#":
            end = gap.find("\n", pos)
            end = len(gap) if end < 0 else end
            out.append((COMMENT, gap[pos:end]))
            pos = end
        elif ch == ";":
            out.append((PUNCTUATION, ch))
            pos += 1
        else:
            out.append((TEXT, ch))
            pos += 1
    return out


def merged(pieces: list[Token]) -> list[Token]:
    """Neighbouring pieces of the same token joined (fewer fragments to draw)."""
    out: list[Token] = []
    for token, text in pieces:
        if not text:
            continue
        if out and out[-1][0] == token:
            out[-1] = (token, out[-1][1] + text)
        else:
            out.append((token, text))
    return out


def split_lines(pieces: list[Token]) -> list[list[Token]]:
    """The pieces of each line of a multi-line text (prompt-toolkit draws line by line)."""
    lines: list[list[Token]] = [[]]
    for token, text in pieces:
        parts = text.split("\n")
        for index, part in enumerate(parts):
            if index:
                lines.append([])
            if part:
                lines[-1].append((token, part))
    return lines
