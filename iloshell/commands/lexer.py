"""The one grammar of iloshell lines, for the REPL, ``-c``, scripts and completion alike.

Shell-like: words split on blanks; ``'single'`` quotes are literal, ``"double"`` quotes allow
``\\"`` and variables; a backslash escapes the next character; ``;`` and newlines end a
statement; a backslash at the end of a line continues it. Scripts expand ``$1``..``$9``,
``$@`` and ``${NAME}``.

``#`` begins a comment (to the end of the line) where a statement begins, or as a word of its
own (``get PowerState  # On or Off``). Elsewhere it is text, because Redfish names start with
it: ``invoke /Systems/1 #ComputerSystem.Reset`` and ``find -type #Bios.v1_0_4.Bios`` must
keep their last word.

Each word keeps both its text (quotes removed) and its raw spelling (quotes kept), because
``set AssetTag="12"`` must be able to tell the JSON string ``"12"`` from the number 12.

As in a shell, an unquoted ``|`` sends the statement's output to a system command (the rest
of the statement, run by ``/bin/sh``, so its own quoting and ``$1`` apply), and ``> FILE`` /
``>> FILE`` to a file; quoted, both are plain text.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from iloshell.errors import UsageError

BLANKS = " \t\r"
TAIL_STARTS = "|>"  # unquoted, they end the iloshell words of a statement


class LexError(UsageError):
    """A line the grammar cannot read, with the source line it concerns, so that a script
    can say ``FILE:LINE: what`` (the message alone keeps ``line N:`` for the REPL)."""

    def __init__(self, line: int, detail: str) -> None:
        super().__init__(f"line {line}: {detail}")
        self.line = line
        self.detail = detail


@dataclass(frozen=True)
class Word:
    text: str
    raw: str
    start: int  # offsets in the source text, for completion and highlighting
    end: int


@dataclass
class Statement:
    words: list[Word] = field(default_factory=list)
    line: int = 1  # where the statement starts in its source (1-based)
    pipe: str | None = None  # ``| COMMAND``: the system command's text, as typed
    redirect: str | None = None  # ``> FILE`` or ``>> FILE``: the file
    append: bool = False  # ``>>``
    tail: tuple[int, int] | None = None  # offsets of ``|...`` / ``>...`` (not iloshell words)
    pipe_args: tuple[str, ...] = ()  # a script's arguments: the program's $1, $2...

    @property
    def argv(self) -> list[str]:
        return [w.text for w in self.words]


@dataclass
class Variables:
    """What ``$N``, ``$@`` and ``${NAME}`` expand to; REPL lines expand nothing."""

    args: Sequence[str] = ()
    env: Mapping[str, str] = field(default_factory=lambda: os.environ)


@dataclass
class Lexed:
    statements: list[Statement]
    open_quote: str | None = None  # set in tolerant mode when the text ends inside quotes
    trailing_blank: bool = False  # the text ends with a blank (completion starts a new word)


def lex(
    text: str,
    variables: Variables | None = None,
    *,
    tolerant: bool = False,
    first_line: int = 1,
) -> Lexed:
    """Split text into statements of words. Raises UsageError on an unclosed quote unless
    ``tolerant`` (completion lexes half-typed lines)."""
    return _Lexer(text, variables, tolerant, first_line).run()


class _Lexer:
    def __init__(
        self, text: str, variables: Variables | None, tolerant: bool, first_line: int
    ) -> None:
        self.text = text
        self.vars = variables
        self.tolerant = tolerant
        self.line = first_line
        self.pos = 0
        self.statements: list[Statement] = []
        self.current = Statement(line=first_line)

    def run(self) -> Lexed:
        text, open_quote = self.text, None
        while self.pos < len(text):
            ch = text[self.pos]
            if ch in BLANKS:
                self.pos += 1
            elif ch == "\n":
                self.line += 1
                self.pos += 1
                self._end_statement()
            elif ch == ";":
                self.pos += 1
                self._end_statement()
            elif ch == "#" and self._comment_starts():
                end = text.find("\n", self.pos)
                self.pos = len(text) if end < 0 else end
            elif ch == "\\" and text.startswith("\n", self.pos + 1):
                self.line += 1
                self.pos += 2
            elif ch in TAIL_STARTS:
                open_quote = self._tail()
            else:
                open_quote = self._word()
        self._end_statement()
        trailing = bool(text) and text[-1] in BLANKS and open_quote is None
        return Lexed(self.statements, open_quote, trailing)

    def _comment_starts(self) -> bool:
        """Whether the ``#`` at self.pos begins a comment rather than a word."""
        after = self.text[self.pos + 1 : self.pos + 2]
        return not self.current.words or after == "" or after in BLANKS or after == "\n"

    def _tail(self) -> str | None:
        """``| COMMAND`` or ``> FILE`` / ``>> FILE``: where the statement's output goes.
        Returns the quote left open (tolerant mode only)."""
        text, start, current = self.text, self.pos, self.current
        if current.tail is not None and not self.tolerant:
            raise LexError(
                self.line,
                f"one {text[self.pos]} per statement (the system command "
                "after | may use its own: quote it)",
            )
        if not current.words and not self.tolerant:
            raise LexError(
                self.line,
                f"nothing before {text[self.pos]}: write COMMAND | PROGRAM or COMMAND > FILE",
            )
        if text[self.pos] == "|":
            end, open_quote = self._statement_end(self.pos + 1)
            current.pipe = text[self.pos + 1 : end].strip()
            current.pipe_args = tuple(self.vars.args) if self.vars is not None else ()
            self.pos = end
            if not current.pipe and not self.tolerant:
                raise LexError(self.line, "nothing after |: write COMMAND | PROGRAM")
            current.tail = (start, end)
            return open_quote
        current.append = text.startswith(">>", self.pos)
        self.pos += 2 if current.append else 1
        before = len(current.words)
        open_quote = None
        while self.pos < len(text) and text[self.pos] not in "\n;":
            if text[self.pos] in BLANKS:
                self.pos += 1
            elif text[self.pos] in TAIL_STARTS and not self.tolerant:
                raise LexError(self.line, "after > comes a file name; | goes before >")
            else:
                open_quote = self._word(stop=TAIL_STARTS if not self.tolerant else "")
        names = [w.text for w in current.words[before:]]
        del current.words[before:]
        current.tail = (start, self.pos)
        if len(names) != 1 and not self.tolerant:
            raise LexError(
                self.line,
                f"{'>>' if current.append else '>'} takes one FILE (quote a name with blanks)",
            )
        current.redirect = names[0] if names else ""
        return open_quote

    def _statement_end(self, pos: int) -> tuple[int, str | None]:
        """Where the text of a system command ends (an unquoted ``;`` or newline), skipping
        what its own quotes and backslashes protect; and the quote left open, if any."""
        text = self.text
        while pos < len(text):
            ch = text[pos]
            if ch in "\n;":
                return pos, None
            if ch == "\\":
                pos += 2
            elif ch in "'\"":
                close = text.find(ch, pos + 1)
                while ch == '"' and close > 0 and text[close - 1] == "\\":
                    close = text.find(ch, close + 1)
                if close < 0:
                    if not self.tolerant:
                        raise LexError(self.line, f"unclosed {ch} quote")
                    return len(text), ch
                self.line += text.count("\n", pos, close)
                pos = close + 1
            else:
                pos += 1
        return len(text), None

    def _end_statement(self) -> None:
        if self.current.words:
            self.statements.append(self.current)
        self.current = Statement(line=self.line)

    def _word(self, stop: str = TAIL_STARTS) -> str | None:
        """Read one word, up to a blank, ``;``, a newline or an unquoted character of
        ``stop``; returns the quote left open (tolerant mode only)."""
        text, start, start_line = self.text, self.pos, self.line
        out: list[str] = []
        raw: list[str] = []
        pieces: list[list[str]] | None = None  # set when "$@" splits the word into several
        while self.pos < len(text):
            ch = text[self.pos]
            if ch in BLANKS or ch in "\n;" or ch in stop:
                break
            if ch == "\\":
                if text.startswith("\n", self.pos + 1):
                    self.line += 1
                    self.pos += 2
                    continue
                nxt = text[self.pos + 1 : self.pos + 2]  # empty at the very end of the text
                out.append(nxt)
                raw.append(ch + nxt)
                self.pos += 1 + len(nxt)
            elif ch == "'":
                end = text.find("'", self.pos + 1)
                if end < 0:
                    return self._unclosed("'", start, start_line, out, raw)
                self.line += text.count("\n", self.pos, end)
                out.append(text[self.pos + 1 : end])
                raw.append(text[self.pos : end + 1])
                self.pos = end + 1
            elif ch == '"':
                if not self._double_quoted(out, raw):
                    return self._unclosed('"', start, start_line, out, raw)
            elif ch == "$" and self.vars is not None:
                expansion = self._variable()
                if isinstance(expansion, list):  # unquoted $@: one word per argument
                    pieces = pieces or []
                    pieces.append(expansion)
                else:
                    out.append(expansion)
                    raw.append(expansion)
            else:
                out.append(ch)
                raw.append(ch)
                self.pos += 1
        if pieces is not None:
            for arg in (a for group in pieces for a in group):
                self.current.words.append(Word(arg, arg, start, self.pos))
            if out:
                self.current.words.append(Word("".join(out), "".join(raw), start, self.pos))
            return None
        self.current.words.append(Word("".join(out), "".join(raw), start, self.pos))
        return None

    def _double_quoted(self, out: list[str], raw: list[str]) -> bool:
        text = self.text
        self.pos += 1
        raw.append('"')
        while self.pos < len(text):
            ch = text[self.pos]
            if ch == '"':
                raw.append('"')
                self.pos += 1
                return True
            if ch == "\\" and self.pos + 1 < len(text) and text[self.pos + 1] in '"\\$\n':
                nxt = text[self.pos + 1]
                if nxt == "\n":
                    self.line += 1
                else:
                    out.append(nxt)
                    raw.append(ch + nxt)
                self.pos += 2
            elif ch == "$" and self.vars is not None:
                expansion = self._variable()
                joined = " ".join(expansion) if isinstance(expansion, list) else expansion
                out.append(joined)
                raw.append(joined.replace("\\", "\\\\").replace('"', '\\"'))
            else:
                if ch == "\n":
                    self.line += 1
                out.append(ch)
                raw.append(ch)
                self.pos += 1
        return False

    def _unclosed(self, quote: str, start: int, line: int, out: list[str], raw: list[str]) -> str:
        """An open quote at the end of the text: an error naming the line of the word that
        opened it, or (tolerant) the rest of the text as the word being typed."""
        if not self.tolerant:
            raise LexError(line, f"unclosed {quote} quote")
        rest = self.text[self.pos + 1 :]
        out.append(rest)
        raw.append(self.text[self.pos :])
        self.pos = len(self.text)
        self.current.words.append(Word("".join(out), "".join(raw), start, self.pos))
        return quote

    def _variable(self) -> str | list[str]:
        """Expand ``$N``, ``$@`` or ``${NAME}`` at self.pos; a lone ``$`` stays itself."""
        assert self.vars is not None
        text = self.text
        nxt = text[self.pos + 1 : self.pos + 2]
        if nxt.isdigit() and nxt != "0":
            self.pos += 2
            return self._argument(int(nxt))
        if nxt == "@":
            self.pos += 2
            return list(self.vars.args)
        if nxt == "{":
            end = text.find("}", self.pos + 2)
            if end < 0:
                raise LexError(self.line, "unclosed ${")
            name = text[self.pos + 2 : end]
            self.pos = end + 1
            if name.isdigit() and name != "0":
                return self._argument(int(name))
            if name not in self.vars.env:
                raise LexError(self.line, f"${{{name}}} is not set in the environment")
            return self.vars.env[name]
        self.pos += 1
        return "$"

    def _argument(self, number: int) -> str:
        """``$N``: a missing argument is an error, never "": ``rm -y $1`` run without its
        argument would otherwise act on the current resource."""
        assert self.vars is not None
        if number > len(self.vars.args):
            given = len(self.vars.args)
            raise LexError(
                self.line,
                f"${number} is not set: the script was given {given} argument"
                f"{'s' * (given != 1)} (iloshell SCRIPT ARG...)",
            )
        return self.vars.args[number - 1]
