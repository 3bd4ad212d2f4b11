"""The interactive shell: the only module that imports prompt-toolkit.

Everything that decides something is plain code elsewhere — completion.py (suggestions),
highlight.py (colours), history.py (what may be remembered), the commands themselves — and
this module wires it to a terminal: the prompt, the toolbar, the pager, Ctrl-C and Ctrl-D,
the questions a command asks (``ctx.confirm``, ``ctx.ask_password``) and the first words
after login (banner, changes an earlier session left staged).
"""

from __future__ import annotations

import contextlib
import getpass
import io
import math
import os
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TextIO

from prompt_toolkit import PromptSession
from prompt_toolkit.auto_suggest import AutoSuggestFromHistory
from prompt_toolkit.completion import CompleteEvent, Completer, Completion
from prompt_toolkit.document import Document
from prompt_toolkit.formatted_text import FormattedText
from prompt_toolkit.history import History
from prompt_toolkit.lexers import Lexer
from prompt_toolkit.patch_stdout import patch_stdout
from prompt_toolkit.shortcuts import prompt as ask_line
from prompt_toolkit.styles import Style, merge_styles, style_from_pygments_cls

from iloshell import __version__
from iloshell.commands.context import Context
from iloshell.commands.lexer import lex
from iloshell.commands.messages import describe
from iloshell.commands.runner import ExitShell, execute, load_commands
from iloshell.commands.spec import REGISTRY, Command
from iloshell.errors import EXIT_OK, Cancelled, IloshellError
from iloshell.frontends.completion import Engine, LiveSource
from iloshell.frontends.config import Config
from iloshell.frontends.highlight import split_lines, tokens
from iloshell.frontends.history import HistoryFile, line_holds_secret
from iloshell.render.ansi import paint, visible_len
from iloshell.render.jsontext import DEFAULT_STYLE
from iloshell.text import json_text

DEFAULT_PAGER = "less -RFX"

PROMPT_STYLE = {
    "insecure": "bold ansiwhite bg:ansired",
    "user": "bold ansigreen",
    "path": "bold ansiblue",
    "staged": "bold ansiyellow",
    "offline": "ansired",
    "bottom-toolbar": "noreverse bg:#303030 #d0d0d0",
    "bottom-toolbar.alert": "bold bg:ansired ansiwhite",
    "bottom-toolbar.staged": "bold ansiyellow",
    "bottom-toolbar.vi-mode": "bold reverse",
    "vi-mode": "bold",
}
VI_MODES = {"vi-insert": "INSERT", "vi-navigation": "NORMAL", "vi-replace": "REPLACE"}


def run_repl(ctx: Context, config: Config, *, no_pager: bool = False) -> int:
    """Run the shell until ``exit`` or Ctrl-D; the exit code. The caller logs out."""
    repl = Repl(ctx, config, pager=config.pager and not no_pager)
    with terminal_restored():
        return repl.run()


@contextlib.contextmanager
def terminal_restored() -> Iterator[None]:
    """Put the terminal back as it was however the shell ends: SIGTERM or SIGHUP raise
    SystemExit while prompt-toolkit has the terminal in raw mode, and its own cleanup may
    not get to run."""
    try:
        import termios

        fd = sys.stdin.fileno()
        saved = termios.tcgetattr(fd)
    except (ImportError, OSError, ValueError, io.UnsupportedOperation):
        yield
        return
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            termios.tcsetattr(fd, termios.TCSADRAIN, saved)


# --------------------------------------------------------------------------- texts


def prompt_parts(ctx: Context, mode: str | None = None) -> list[tuple[str, str]]:
    """``admin@ilo-demo:/Systems/1 *>``: who, where, and ``*`` while changes are staged;
    an ``INSECURE`` mark first on a connection whose certificate is not verified; the vi
    mode first (``[NORMAL]``) when the toolbar that shows it is off."""
    conn = ctx.connection
    parts = [("class:vi-mode", f"[{mode}]"), ("", " ")] if mode else []
    if conn is None:
        return [*parts, ("class:offline", "(not connected)"), ("", "> ")]
    if conn.insecure:
        parts += [("class:insecure", "INSECURE"), ("", " ")]
    parts += [("class:user", f"{conn.user}@{conn.host}"), ("", ":")]
    parts.append(("class:path", ctx.cwd.display()))
    if len(conn.stage):
        parts.append(("class:staged", " *"))
    parts.append(("", "> "))
    return parts


def tls_state(conn: Any) -> str:
    if conn.client.base_url.startswith("http://"):
        return "no TLS (http)"
    return "TLS NOT VERIFIED (-k)" if conn.insecure else "TLS verified"


def toolbar_parts(ctx: Context, mode: str | None = None) -> list[tuple[str, str]]:
    """The vi mode (INSERT or NORMAL: vi keys mean different things in each), connection,
    TLS state, staged changes, the last request's time."""
    conn = ctx.connection
    parts = [("class:bottom-toolbar.vi-mode", f" {mode} "), ("", "|")] if mode else []
    if conn is None:
        return [*parts, ("", " not connected: connect URL  ")]
    tls = tls_state(conn)
    parts += [("", f" {conn.user}@{conn.host} ({conn.auth_label})"), ("", " | ")]
    parts.append(("class:bottom-toolbar.alert" if conn.insecure else "", tls))
    count = len(conn.stage)
    staged = f"{count} change{'s' * (count != 1)} staged" if count else "nothing staged"
    parts += [("", " | "), ("class:bottom-toolbar.staged" if count else "", staged)]
    elapsed = conn.client.last_elapsed
    if elapsed is not None:
        parts.append(("", f" | last request {elapsed * 1000:.0f} ms"))
    parts.append(("", " | Tab completes, Ctrl-R searches history "))
    return parts


def banner_lines(conn: Any) -> list[str]:
    """What we are connected to, how safely, and where to start."""
    root = conn.graph.root if isinstance(conn.graph.root, dict) else {}
    what = " ".join(str(root[k]) for k in ("Vendor", "Product") if isinstance(root.get(k), str))
    manager = (root.get("Oem") or {}).get("Hpe", {}).get("Manager")
    if isinstance(manager, list) and manager and isinstance(manager[0], dict):
        kind, firmware = manager[0].get("ManagerType"), manager[0].get("ManagerFirmwareVersion")
        if isinstance(firmware, str) and firmware:
            what += f", {kind if isinstance(kind, str) else 'firmware'} {firmware}"
    version = root.get("RedfishVersion")
    service = what.strip(", ") or "a Redfish service"
    if version:
        service += f" (Redfish {version})"
    lines = [
        f"iloshell {__version__}: connected to {conn.host} at {conn.client.base_url}",
        f"  {service}, logged in as {conn.user} ({conn.auth_label})",
    ]
    if conn.client.base_url.startswith("http://"):
        lines.append("  no TLS: plain http (fine for a simulator, not for a real BMC)")
    elif conn.insecure:
        lines.append(
            "  WARNING: the TLS certificate is NOT verified (-k): anyone on the network path "
            "could pose as this BMC and read what you send"
        )
    else:
        lines.append("  TLS certificate verified")
    lines.append("Type help, or tour for a guided lesson. Tab completes; Ctrl-D leaves.")
    return lines


def leaving_note(count: int, secrets: int) -> str:
    """What leaving says about uncommitted changes: which stay saved for the next session,
    and which go (a password never reaches the disk)."""
    text = f"{count} staged change{'s' * (count != 1)} not committed."
    kept = count - secrets
    if kept == count:
        they, them = ("It stays", "it") if count == 1 else ("They stay", "them")
        return (
            f"{text} {they} saved on disk, and the next session with this service "
            f"offers {them} again."
        )
    hold = "holds a password" if secrets == 1 else "hold passwords"
    gone = "it is" if secrets == 1 else "they are"
    lost = f"{gone} lost on leaving (passwords never reach the disk)."
    if not kept:
        return f"{text} {'It' if secrets == 1 else 'They'} {hold}: {lost}"
    stay = "stays" if kept == 1 else "stay"
    return (
        f"{text} {kept} {stay} saved on disk for the next session with this service; "
        f"{secrets} {hold}: {lost}"
    )


def needs_pager(text: str, rows: int, columns: int) -> bool:
    """Whether text fills more than the screen (long lines wrap)."""
    columns = max(columns, 1)
    used = sum(max(1, math.ceil(visible_len(line) / columns)) for line in text.splitlines())
    return used > rows - 1


# --------------------------------------------------------------------------- adapters


class ShellCompleter(Completer):
    """prompt-toolkit's view of the completion engine. Remembers the line it was asked
    about when the answer was still incomplete, so an arrival can refresh the menu."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.waiting: tuple[str, int] | None = None

    def get_completions(
        self, document: Document, complete_event: CompleteEvent
    ) -> Iterable[Completion]:
        try:
            result = self.engine.complete(document.text, document.cursor_position)
        except Exception:  # a completion bug must never take the prompt down
            return
        self.waiting = (document.text, document.cursor_position) if result.pending else None
        for item in result.items:
            yield Completion(
                item.text,
                start_position=item.start - document.cursor_position,
                display=item.display or None,
                display_meta=item.meta or None,
            )


class LineLexer(Lexer):
    """Colours the input line with highlight.tokens (pygments token classes)."""

    def __init__(self, commands: Callable[[], dict[str, Command]]) -> None:
        self.commands = commands

    def lex_document(self, document: Document) -> Callable[[int], Any]:
        try:
            lines = split_lines(tokens(document.text, self.commands()))
        except Exception:  # a highlighting bug must never take the prompt down
            lines = [[("Text", line)] for line in document.lines]

        def line(number: int) -> list[tuple[str, str]]:
            if number >= len(lines):
                return []
            return [(f"class:pygments.{t.lower()}", text) for t, text in lines[number]]

        return line


class SafeHistory(History):
    """prompt-toolkit history on :class:`HistoryFile`; lines holding a secret are kept
    out of the file and out of the up-arrow list alike."""

    def __init__(self, file: HistoryFile, secret: Callable[[str], bool]) -> None:
        super().__init__()
        self.file = file
        self.secret = secret

    def load_history_strings(self) -> Iterable[str]:
        return reversed(self.file.load())

    def append_string(self, string: str) -> None:
        if string.strip() and not self.secret(string):
            super().append_string(string)

    def store_string(self, string: str) -> None:
        self.file.append(string)


class NoteStream(io.TextIOBase):
    """stderr while a command runs: calls ``before`` ahead of each note (to show the
    output printed so far first), then writes straight to the terminal."""

    def __init__(self, target: TextIO, before: Callable[[], None]) -> None:
        super().__init__()
        self.target = target
        self.before = before

    def write(self, text: str) -> int:
        self.before()
        return self.target.write(text)

    def flush(self) -> None:
        self.target.flush()

    def isatty(self) -> bool:
        return self.target.isatty()


# --------------------------------------------------------------------------- the shell


class Repl:
    def __init__(
        self, ctx: Context, config: Config, *, pager: bool, stdout: TextIO | None = None
    ) -> None:
        load_commands()
        self.ctx = ctx
        self.config = config
        self.pager = pager
        self.stdout = stdout or sys.stdout
        self.source = LiveSource(ctx)
        self.completer = ShellCompleter(Engine(self.source))
        self.source.on_arrival = self._arrived
        self._progress_shown: TextIO | None = None  # the stream a progress line is on
        self._progress_time = 0.0
        self._buffer: io.StringIO | None = None
        in_prompt = config.vi_mode and not config.toolbar  # where the vi mode is shown
        self.session: PromptSession = PromptSession(
            message=lambda: FormattedText(
                self._safe(
                    lambda c: prompt_parts(c, self.vi_mode() if in_prompt else None),
                    [("", "> ")],
                )
            ),
            completer=self.completer,
            complete_while_typing=False,
            lexer=LineLexer(lambda: REGISTRY),
            history=SafeHistory(HistoryFile(), self.line_holds_secret),
            auto_suggest=AutoSuggestFromHistory(),
            bottom_toolbar=(
                (lambda: FormattedText(self._safe(lambda c: toolbar_parts(c, self.vi_mode()), [])))
                if config.toolbar
                else None
            ),
            style=self._style(),
            include_default_pygments_style=False,
            vi_mode=config.vi_mode,
            enable_history_search=False,
        )

    # -- setup

    def _style(self) -> Style:
        from pygments.styles import get_style_by_name
        from pygments.util import ClassNotFound

        try:
            pygments_style = get_style_by_name(self.config.style)
        except ClassNotFound:
            self.note(
                f"warning: style {self.config.style!r} is not a pygments style; "
                f"using {DEFAULT_STYLE}"
            )
            pygments_style = get_style_by_name(DEFAULT_STYLE)
        return merge_styles(
            [style_from_pygments_cls(pygments_style), Style.from_dict(PROMPT_STYLE)]
        )

    def _safe(self, make: Callable[[Context], list], fallback: list) -> list:
        try:
            return make(self.ctx)
        except Exception:  # the prompt must be drawn whatever a bug in it does
            return fallback

    def vi_mode(self) -> str | None:
        """INSERT, NORMAL or REPLACE while vi keys are on (None otherwise)."""
        if not self.config.vi_mode:
            return None
        mode = self.session.app.vi_state.input_mode
        return VI_MODES.get(str(getattr(mode, "value", mode)), "INSERT")

    def line_holds_secret(self, line: str) -> bool:
        """The history filter, knowing the Password-type attributes of loaded registries."""
        names = {
            attribute.name.casefold()
            for registry in self.source.loaded_attributes()
            for attribute in registry.attributes()
            if attribute.secret
        }
        return self.ctx.output.holds_secret(line) or line_holds_secret(
            line, lambda name: name.casefold() in names
        )

    # -- the loop

    def run(self) -> int:
        ctx = self.ctx
        ctx.confirm = self.confirm
        ctx.ask_password = self.ask_password
        ctx.settings.color = (
            self.stdout.isatty() and "NO_COLOR" not in os.environ and not ctx.settings.json
        )
        ctx.extras["on_connect"] = self.on_connect
        ctx.extras["progress"] = self.progress
        if ctx.connection is not None:
            for line in banner_lines(ctx.connection):
                self.note(line)
            self.on_connect(ctx.connection, first=True)
        while True:
            try:
                line = self.read_line()
            except KeyboardInterrupt:
                continue
            except EOFError:
                if self.may_leave():
                    return EXIT_OK
                continue
            if line.strip() and not self.line_holds_secret(line):
                ctx.history.append(line)
            try:
                self.run_line(line)
            except ExitShell as leave:
                if self.may_leave():
                    return leave.code
            except KeyboardInterrupt:  # between statements, or while output was shown
                self.error(self.cancelled())

    def read_line(self) -> str:
        """The next line typed. Meanwhile, notes from background threads (a traced completion
        prefetch) print above the prompt instead of through it."""
        output = self.ctx.output
        terminal_err = output.err
        with patch_stdout(raw=True):
            output.err = sys.stderr
            try:
                return self.session.prompt()
            finally:
                output.err = terminal_err

    def run_line(self, line: str) -> None:
        """Run a line's statements in order; stop at the first that fails."""
        try:
            statements = lex(line).statements
        except IloshellError as err:
            self.error(f"error: {err}")
            return
        for statement in statements:
            if not self.run_statement(statement):
                return

    def run_statement(self, statement: Any) -> bool:
        """One statement, its output buffered (and paged when long). Errors are one line;
        Ctrl-C cancels and returns to the prompt. ExitShell passes through."""
        ctx = self.ctx
        buffer = io.StringIO()
        self._buffer = buffer
        # `| PROGRAM` writes to the terminal itself (a pager needs it), not to the buffer
        ctx.output.out = buffer if statement.tail is None else self.stdout
        terminal_err = ctx.output.err
        ctx.output.err = NoteStream(terminal_err, self._before_note)
        # What follows a command (the tour's next words) is said after its output is shown,
        # not inside it, where a pager would swallow it.
        hook = ctx.extras.get("after_command")
        heard: list[tuple[Any, bool]] = []

        def recorder(done: Any, ok: bool) -> None:
            heard.append((done, ok))

        if hook is not None:
            ctx.extras["after_command"] = recorder
        failure: str | None = None
        # A program after | may change the terminal's modes (less, vi): put them back.
        restored = terminal_restored() if statement.tail is not None else contextlib.nullcontext()
        try:
            with restored:
                execute(ctx, statement)
        except KeyboardInterrupt:
            ctx.cancel.set()
            failure = self.cancelled()
        except Cancelled:
            failure = self.cancelled()
        except IloshellError as err:
            failure = "error: " + describe(err, ctx.connection)
        except ExitShell:
            raise
        except Exception as err:
            failure = (
                f"error: {type(err).__name__}: {err} (this is a bug: please report it with "
                "the command that caused it)"
            )
        finally:
            ctx.output.out, ctx.output.err = self.stdout, terminal_err
            self._buffer = None
            self.end_progress()
            self.show(buffer.getvalue())
            if ctx.extras.get("after_command") is recorder:  # the command did not replace it
                ctx.extras["after_command"] = hook
        if failure is not None:
            self.error(failure)
        if hook is not None:
            for done, ok in heard:
                hook(done, ok)
        return failure is None

    # -- leaving

    def may_leave(self) -> bool:
        """Ask before leaving with uncommitted changes (they stay saved on disk)."""
        conn = self.ctx.connection
        count = len(conn.stage) if conn is not None else 0
        if not count:
            return True
        secrets = sum(1 for c in conn.stage.own() if c.secret)
        self.note(leaving_note(count, secrets))
        answer = self.ask("Leave anyway? [y/N] ", on_eof="y")
        return answer.strip().casefold() in ("y", "yes")

    # -- after login

    def on_connect(self, conn: Any, first: bool = False) -> None:
        """A new connection: say so when TLS is not verified, and settle what an earlier
        session left staged for this service (keep or discard)."""
        if not first and conn.insecure:
            self.note(
                "WARNING: the TLS certificate is NOT verified (-k): anyone on the network "
                "path could pose as this BMC"
            )
        earlier = conn.stage.earlier()
        if not earlier:
            return
        count = len(earlier)
        self.note(
            f"An earlier session left {count} staged change{'s' * (count != 1)} for {conn.host}:"
        )
        kept = [c for c in earlier if not c.secret]
        for change in kept[:10]:
            self.note(f"  {change.display} = {json_text(change.value)}")
        if len(kept) > 10:
            self.note(f"  ... and {len(kept) - 10} more")
        for change in earlier:
            if change.secret:  # its value never reached the disk: it cannot be sent
                conn.stage.remove(change)
                self.note(
                    f"  {change.display}: its value was not saved (secrets never are); "
                    "set it again if you still want it"
                )
        if kept:
            answer = self.choose(
                "Keep them (k) or discard them (d)? [K/d] ",
                {"": "k", "k": "k", "keep": "k", "d": "d", "discard": "d"},
                on_eof="k",
            )
            if answer == "d":
                conn.stage.drop_earlier()
                self.note("discarded")
            else:
                for same in conn.stage.conflicts():
                    self.settle(conn.stage, same)
                conn.stage.adopt_earlier()
                self.note("kept: status shows them, commit sends them")
        conn.save_stage()

    def settle(self, stage: Any, same: list[Any]) -> None:
        """Two sessions staged different values for one property: the user picks one (the
        later by default), and is told which one is kept."""
        display = same[-1].display
        self.note(f"{display} was staged with {len(same)} different values:")
        for number, change in enumerate(same, 1):
            self.note(f"  {number}) {json_text(change.value)}")
        numbers = {str(n): str(n) for n in range(1, len(same) + 1)}
        answer = self.choose(
            f"Keep which? [1-{len(same)}, Enter: {len(same)}, the latest] ",
            {"": str(len(same)), **numbers},
            on_eof=str(len(same)),
        )
        chosen = same[int(answer) - 1]
        for change in same:
            if change is not chosen:
                stage.remove(change)
        self.note(f"kept {display} = {json_text(chosen.value)}")

    def choose(self, question: str, answers: dict[str, str], *, on_eof: str) -> str:
        """Ask until one of ``answers`` is typed: anything else — a command typed at the
        question — is said to be no answer, never taken for the default."""
        while True:
            typed = self.ask(question, on_eof=on_eof)
            answer = answers.get(typed.strip().casefold())
            if answer is not None:
                return answer
            listed = ", ".join(a for a in answers if a)
            self.note(f"{typed.strip()!r} is not an answer here (it was not run); type {listed}")

    # -- questions commands ask

    def confirm(self, question: str) -> bool:
        """``[y/N]`` before commit, invoke, create, rm; the last line is the question."""
        self.flush_buffer()
        *lines, last = question.splitlines() or [""]
        for line in lines:
            self.note(line)
        answer = self.ask(f"{last} [y/N] ", on_eof="n")
        return answer.strip().casefold() in ("y", "yes")

    def ask_password(self, question: str) -> str:
        self.flush_buffer()
        return getpass.getpass(question)

    def ask(self, question: str, *, on_eof: str) -> str:
        """One answer typed at the terminal; Ctrl-C means no, Ctrl-D means ``on_eof``."""
        try:
            return ask_line(question)
        except KeyboardInterrupt:
            return ""
        except EOFError:
            return on_eof

    # -- output

    def show(self, text: str) -> None:
        """A command's output: through the pager when it is longer than the screen."""
        if not text:
            return
        size = shutil.get_terminal_size()
        long = needs_pager(text, size.lines, size.columns)
        if self.pager and self.stdout.isatty() and long and self.page(text):
            return
        self.stdout.write(text)
        self.stdout.flush()

    def page(self, text: str) -> bool:
        """Run ``$PAGER`` (default ``less -RFX``) on text; False when it cannot start."""
        command = os.environ.get("PAGER") or DEFAULT_PAGER
        try:
            argv = shlex.split(command)
            pager = subprocess.Popen(argv, stdin=subprocess.PIPE)
        except (OSError, ValueError):
            return False
        assert pager.stdin is not None
        with contextlib.suppress(BrokenPipeError, OSError, KeyboardInterrupt):
            pager.stdin.write(text.encode("utf-8", "replace"))
        with contextlib.suppress(BrokenPipeError, OSError):
            pager.stdin.close()
        while True:
            try:
                pager.wait()
                return True
            except KeyboardInterrupt:
                continue  # Ctrl-C belongs to the pager while it runs

    def flush_buffer(self) -> None:
        """Show what the running command printed so far (before it asks something)."""
        self.end_progress()
        buffer = self._buffer
        if buffer is not None and buffer.tell():
            self.stdout.write(buffer.getvalue())
            self.stdout.flush()
            buffer.seek(0)
            buffer.truncate()

    def _before_note(self) -> None:
        """Before a note: take the progress line away, so the note starts a line of its
        own; show the output so far if it fits on the screen, so results and notes keep
        their order (longer output waits for the pager)."""
        self.end_progress()
        buffer = self._buffer
        if buffer is None or not buffer.tell():
            return
        size = shutil.get_terminal_size()
        if not (self.pager and needs_pager(buffer.getvalue(), size.lines, size.columns)):
            self.flush_buffer()

    def cancelled(self) -> str:
        """The note after Ctrl-C, on a line of its own: the terminal has echoed ``^C``
        where the cursor was (a progress line is cleared instead)."""
        return "cancelled" if self._progress_shown is not None else "\ncancelled"

    def note(self, text: str) -> None:
        self.ctx.output.note(text)

    def error(self, text: str) -> None:
        self.note(paint(text, "red", self.ctx.settings.color))

    def progress(self, count: int) -> None:
        """A crawl's progress on the terminal, at most ten times a second. It is written
        past the NoteStream (it is not a note), and whatever is shown next — a note, the
        output so far, a question, the end of the command — takes it away first."""
        err = self.ctx.output.err
        err = err.target if isinstance(err, NoteStream) else err
        now = time.monotonic()
        if not err.isatty() or now - self._progress_time < 0.1:
            return
        self._progress_time = now
        self._progress_shown = err
        err.write(f"\r{count} resources read (Ctrl-C stops)\x1b[K")
        err.flush()

    def end_progress(self) -> None:
        """Clear the progress line, if one is shown, on the stream it was drawn on."""
        shown, self._progress_shown = self._progress_shown, None
        if shown is not None:
            shown.write("\r\x1b[K")
            shown.flush()

    # -- background arrivals

    def _arrived(self) -> None:
        """Something completion asked for has arrived (called from a worker thread)."""
        app = self.session.app
        loop = getattr(app, "loop", None)
        if app.is_running and loop is not None:
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(self._refresh)

    def _refresh(self) -> None:
        """Offer what arrived, if the line is still the one that waited for it."""
        buffer = self.session.default_buffer
        waiting = self.completer.waiting
        state = buffer.complete_state
        if waiting is None or waiting != (buffer.text, buffer.cursor_position):
            return
        if state is not None and state.complete_index is not None:
            return  # someone is choosing from the menu: leave it alone
        self.completer.waiting = None
        # As Tab itself does: a single candidate is inserted, not offered in a menu of one
        buffer.start_completion(insert_common_part=True)
