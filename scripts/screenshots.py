"""The terminal pictures of README.md and docs/tutorial.md, made from the current code.

Each scene runs ``iloshell --demo`` in a real pseudo-terminal (pexpect), types its keys as a
person would, waits for what the shell draws, and reads the screen through a terminal
emulator (pyte, a test extra). The screen — characters, colours, bold, reverse video — is
written as an SVG by hand: no browser, no screenshot tool, the same bytes on every machine.

Two things on a real screen change from run to run and are written fixed, so that a
regenerated picture differs only when the shell does: the simulator's port (``PORT``) and
the toolbar's "last request N ms" (``4 ms``). The graph picture is what ``graph -o`` writes
(Graphviz's own SVG).

    python scripts/screenshots.py            # rewrite docs/img/*.svg
    python scripts/screenshots.py --check    # exit 1 when a picture no longer matches

tests/docs/test_screenshots.py runs the scenes again and compares the screens' text with the
text in the committed SVGs.
"""

from __future__ import annotations

import argparse
import html
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pexpect
import pyte

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "docs" / "img"
COLUMNS = 100
CELL_WIDTH = 8.4  # pixels per column at FONT_SIZE in a monospace font
LINE_HEIGHT = 18
FONT_SIZE = 14
PAD = 14
TITLE_BAR = 28
PROMPT = r"admin@ilo-demo:[^\n>]*> ?"

# The xterm colours pyte names, as a dark terminal theme draws them.
PALETTE = {
    "black": "#1e1e1e",
    "red": "#f14c4c",
    "green": "#23d18b",
    "brown": "#e5e510",
    "yellow": "#e5e510",
    "blue": "#3b8eea",
    "magenta": "#d670d6",
    "cyan": "#29b8db",
    "white": "#e5e5e5",
    "brightblack": "#808080",
    "brightred": "#f14c4c",
    "brightgreen": "#23d18b",
    "brightyellow": "#f5f543",
    "brightblue": "#3b8eea",
    "brightmagenta": "#d670d6",
    "brightcyan": "#29b8db",
    "brightwhite": "#ffffff",
}
FOREGROUND = "#d4d4d4"
BACKGROUND = "#1e1e1e"
FIXED = [
    (re.compile(r"127\.0\.0\.1:\d+"), "127.0.0.1:PORT"),
    (re.compile(r"last request +\d+ ms"), "last request 4 ms"),
]


@dataclass(frozen=True)
class Scene:
    """A picture: the keys typed, each followed by what to wait for on the screen."""

    name: str
    title: str
    rows: int
    steps: tuple[tuple[str, str], ...]


SCENES = (
    Scene(
        "session",
        "iloshell --demo: walk, stage, check, commit",
        30,
        (
            ("cd Systems/1\r", PROMPT),
            ("ls -l Boot\r", r"BootSourceOverrideTarget.*\n(.*\n)*.*" + PROMPT),
            (
                "set Boot/BootSourceOverrideTarget=Pxe Boot/BootSourceOverrideEnabled=Once\r",
                r"staged /Systems/1/Boot/BootSourceOverrideEnabled.*\n(.*\n)*.*" + PROMPT,
            ),
            ("status\r", r"2 changes staged; commit sends them.*\n(.*\n)*.*" + PROMPT),
        ),
    ),
    Scene(
        "completion",
        "Tab after = offers the values this service allows",
        16,
        (
            ("cd /Systems/1\r", PROMPT),
            ("set Boot/BootSourceOverrideTarget=\t", r"UefiHttp"),
        ),
    ),
    Scene(
        "diff",
        "diff: the staged changes against what the service holds",
        22,
        (
            ("cd /Systems/1\r", PROMPT),
            ('set AssetTag="rack 12" IndicatorLED=Lit\r', r"staged /Systems/1/IndicatorLED"),
            ("diff\r", r'\+ +"IndicatorLED": "Lit"(.*\n)*.*' + PROMPT),
        ),
    ),
    Scene(
        "commit",
        "commit asks before it sends, then reads back what applied",
        18,
        (
            ("cd /Systems/1\r", PROMPT),
            ('set AssetTag="rack 12" IndicatorLED=Lit\r', r"staged /Systems/1/IndicatorLED"),
            ("commit\r", r"Send 2 changes\? \[y/N\]"),
            ("y\r", r"applied +/Systems/1/IndicatorLED.*\n(.*\n)*.*" + PROMPT),
        ),
    ),
)
GRAPH = ("graph -L 1 /Systems/1 -o {file}\r", r"wrote .*graph\.svg")


class Screen(pyte.Screen):
    """A pyte screen that answers the terminal's questions (prompt-toolkit asks where the
    cursor is) as a real terminal does."""

    def __init__(self, columns: int, lines: int, child: pexpect.spawn) -> None:
        super().__init__(columns, lines)
        self.child = child

    def write_process_input(self, data: str) -> None:
        self.child.send(data)


def environment(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ILO_", "XDG_"))}
    for name in ("NO_COLOR", "PAGER"):
        env.pop(name, None)
    env.update(
        TERM="xterm-256color",
        COLUMNS=str(COLUMNS),
        XDG_STATE_HOME=str(home / "state"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_CACHE_HOME=str(home / "cache"),
        PYTHONPATH=str(ROOT),
    )
    return env


class Session:
    """``iloshell --demo`` on a pseudo-terminal, read through a pyte screen."""

    def __init__(self, rows: int, home: Path) -> None:
        self.child = pexpect.spawn(
            sys.executable,
            ["-m", "iloshell.frontends.cli", "--demo"],
            env=environment(home),
            dimensions=(rows, COLUMNS),
            encoding="utf-8",
            codec_errors="replace",
            timeout=20,
        )
        self.screen = Screen(COLUMNS, rows, self.child)
        self.stream = pyte.Stream(self.screen)
        self.seen = 0  # where the last wait matched, in the text written so far
        self.written = ""

    def pump(self, timeout: float = 0.05) -> None:
        try:
            chunk = self.child.read_nonblocking(1 << 16, timeout=timeout)
        except (pexpect.TIMEOUT, pexpect.EOF):
            return
        self.stream.feed(chunk)
        self.written += chunk

    def text(self) -> str:
        return "\n".join(line.rstrip() for line in self.screen.display)

    def wait(self, pattern: str, timeout: float = 20.0) -> None:
        """Until ``pattern`` shows on the screen, then until the screen is still."""
        regex = re.compile(pattern)
        deadline = time.monotonic() + timeout
        while not regex.search(self.text()):
            if time.monotonic() > deadline:
                raise RuntimeError(f"{pattern!r} never appeared; the screen:\n{self.text()}")
            self.pump()
        self.settle()

    def settle(self, quiet: float = 0.6) -> None:
        """Read until nothing has been drawn for ``quiet`` seconds."""
        last = time.monotonic()
        while time.monotonic() - last < quiet:
            before = len(self.written)
            self.pump()
            if len(self.written) != before:
                last = time.monotonic()

    def close(self) -> None:
        self.child.terminate(force=True)


def shoot(scene: Scene, home: Path) -> list[list[tuple[str, str, str, bool]]]:
    """Run a scene; the final screen as rows of (char, fg, bg, bold) cells."""
    session = Session(scene.rows, home)
    try:
        session.wait(PROMPT)
        for keys, until in scene.steps:
            session.child.send(keys)
            session.wait(until)
        return cells(session.screen)
    finally:
        session.close()


def cells(screen: pyte.Screen) -> list[list[tuple[str, str, str, bool]]]:
    rows = []
    for y in range(screen.lines):
        line = screen.buffer[y]
        row = []
        for x in range(screen.columns):
            char = line[x]
            fg, bg = colour(char.fg, FOREGROUND), colour(char.bg, BACKGROUND)
            if char.reverse:
                fg, bg = bg, fg
            row.append((char.data or " ", fg, bg, bool(char.bold)))
        rows.append(row)
    return fixed(rows)


def colour(name: str, default: str) -> str:
    if name == "default":
        return default
    if re.fullmatch(r"[0-9a-fA-F]{6}", name):
        return "#" + name.lower()
    return PALETTE.get(name, default)


def fixed(rows: list[list[tuple[str, str, str, bool]]]) -> list[list[tuple[str, str, str, bool]]]:
    """The screen with the run-to-run differences written fixed (see the module's doc);
    each cell keeps its colours."""
    out = []
    for row in rows:
        text = "".join(c[0] for c in row)
        for regex, replacement in FIXED:
            text = regex.sub(replacement, text)
        text = text[: len(row)].ljust(len(row))
        out.append([(text[i], *row[i][1:]) for i in range(len(row))])
    return out


def screen_text(rows: list[list[tuple[str, str, str, bool]]]) -> list[str]:
    return ["".join(c[0] for c in row).rstrip() for row in rows]


def svg(rows: list[list[tuple[str, str, str, bool]]], title: str) -> str:
    """A terminal window holding the screen: one <text> per run of one style."""
    width = PAD * 2 + CELL_WIDTH * COLUMNS
    height = TITLE_BAR + PAD * 2 + LINE_HEIGHT * len(rows)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height}" '
        f'viewBox="0 0 {width:.0f} {height}" font-family="DejaVu Sans Mono, Menlo, Consolas, '
        f'monospace" font-size="{FONT_SIZE}">',
        f"<title>{html.escape(title)}</title>",
        f'<rect width="100%" height="100%" rx="8" fill="{BACKGROUND}"/>',
        f'<rect width="100%" height="{TITLE_BAR}" rx="8" fill="#323233"/>',
        f'<rect y="{TITLE_BAR - 8}" width="100%" height="8" fill="#323233"/>',
    ]
    parts += [
        f'<circle cx="{18 + 20 * i}" cy="{TITLE_BAR / 2}" r="6" fill="{c}"/>'
        for i, c in enumerate(("#ff5f56", "#ffbd2e", "#27c93f"))
    ]
    parts.append(
        f'<text x="{width / 2:.0f}" y="{TITLE_BAR / 2 + 4}" fill="#a0a0a0" font-size="12" '
        f'text-anchor="middle">{html.escape(title)}</text>'
    )
    top = TITLE_BAR + PAD
    for y, row in enumerate(rows):
        baseline = top + LINE_HEIGHT * y + FONT_SIZE
        for start, end, (_fg, bg, _bold) in runs(row, lambda c: c[2]):
            if bg != BACKGROUND:
                parts.append(
                    f'<rect x="{PAD + CELL_WIDTH * start:.1f}" y="{top + LINE_HEIGHT * y}" '
                    f'width="{CELL_WIDTH * (end - start):.1f}" height="{LINE_HEIGHT}" '
                    f'fill="{bg}"/>'
                )
        for start, end, (fg, _bg, bold) in runs(row, lambda c: (c[1], c[3])):
            text = "".join(c[0] for c in row[start:end])
            if not text.strip():
                continue
            weight = ' font-weight="bold"' if bold else ""
            parts.append(
                f'<text x="{PAD + CELL_WIDTH * start:.1f}" y="{baseline}" fill="{fg}"{weight} '
                f'xml:space="preserve" textLength="{CELL_WIDTH * (end - start):.1f}" '
                f'lengthAdjust="spacingAndGlyphs">{html.escape(text)}</text>'
            )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def runs(row, key):
    """Stretches of cells with the same ``key``: (start, end, (fg, bg, bold))."""
    out = []
    start = 0
    for x in range(1, len(row) + 1):
        if x == len(row) or key(row[x]) != key(row[start]):
            fg, bg, bold = row[start][1], row[start][2], row[start][3]
            out.append((start, x, (fg, bg, bold)))
            start = x
    return out


def text_of_svg(document: str) -> list[str]:
    """The screen lines an SVG written by :func:`svg` shows (what the test compares)."""
    lines: dict[int, dict[int, str]] = {}
    top = TITLE_BAR + PAD
    for x, y, text in re.findall(
        r'<text x="([\d.]+)" y="(\d+)" fill="[^"]*"(?: font-weight="bold")? xml:space="preserve"'
        r"[^>]*>([^<]*)</text>",
        document,
    ):
        row = round((int(y) - FONT_SIZE - top) / LINE_HEIGHT)
        lines.setdefault(row, {})[round((float(x) - PAD) / CELL_WIDTH)] = html.unescape(text)
    out = []
    for row in range(max(lines, default=-1) + 1):
        line = ""
        for col, text in sorted(lines.get(row, {}).items()):
            line = line.ljust(col) + text
        out.append(line.rstrip())
    return out


def graph_picture(home: Path) -> str:
    """``graph -o`` in the shell: Graphviz's SVG of the links below /Systems/1."""
    target = home / "graph.svg"
    session = Session(12, home)
    try:
        session.wait(PROMPT)
        keys, until = GRAPH
        session.child.send(keys.format(file=target))
        session.wait(until)
    finally:
        session.close()
    return target.read_text(encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    opts = parser.parse_args()
    stale = []
    with tempfile.TemporaryDirectory() as folder:
        for scene in SCENES:
            home = Path(folder) / scene.name
            rows = shoot(scene, home)
            path = IMAGES / f"{scene.name}.svg"
            if opts.check:
                shown = text_of_svg(path.read_text(encoding="utf-8")) if path.exists() else []
                if shown != screen_text(rows):
                    stale.append(path.name)
                continue
            IMAGES.mkdir(parents=True, exist_ok=True)
            path.write_text(svg(rows, scene.title), encoding="utf-8")
            print(f"wrote {path.relative_to(ROOT)}")
        if not opts.check and subprocess.run(["which", "dot"], capture_output=True).returncode == 0:
            picture = graph_picture(Path(folder) / "graph")
            (IMAGES / "graph.svg").write_text(picture, encoding="utf-8")
            print("wrote docs/img/graph.svg")
    if stale:
        print(f"out of date: {', '.join(stale)} (run python scripts/screenshots.py)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
