"""The tour's lessons: plain data and pure functions, so every step and every check is tested
without a terminal or a service.

Each step explains one idea of the Redfish data model in a few lines, names the commands to
type, and says how to tell that the learner did it (a :class:`Check` on the command that was
run, whether it succeeded and where the shell is afterwards). The paths are those of the
demo service (``iloshell --demo``), which look like a real iLO 5's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SERVICE_ROOT = "/redfish/v1"


@dataclass(frozen=True)
class Attempt:
    """What the learner just ran: its words, whether it worked, where the shell is now."""

    words: tuple[str, ...]
    ok: bool
    cwd: str

    @property
    def command(self) -> str:
        return self.words[0] if self.words else ""

    @property
    def arguments(self) -> tuple[str, ...]:
        return tuple(w for w in self.words[1:] if not w.startswith("-") or w == "-")

    @property
    def options(self) -> tuple[str, ...]:
        return tuple(w for w in self.words[1:] if w.startswith("-") and w != "-")


@dataclass(frozen=True)
class Check:
    """How a step knows it is done. Every field that is set must hold."""

    commands: tuple[str, ...]
    cwd: str | None = None  # where the shell must be afterwards
    target: str | None = None  # the path the command's first argument must name
    mentions: str | None = None  # a word one of the arguments must contain
    flags: tuple[str, ...] = ()  # one of these options must be given
    ok: bool = True  # False: the step is about an error, so the command must fail


@dataclass(frozen=True)
class Step:
    title: str
    text: str  # the idea, in a few sentences
    type: tuple[str, ...]  # the commands to type, in order (the last one is checked)
    check: Check
    then: str  # what to notice once it worked
    hint: str = ""  # when the right command did not do what the step asks
    start: str = "/"  # where the typed commands are meant to be typed (``tour N`` goes there)
    staged: bool = False  # the step works on changes staged by the steps before it


def absolute(cwd: str, text: str) -> str:
    """A typed path made absolute the way the shell reads it, without asking the service:
    ``/redfish/v1/...`` URIs, ``/``-rooted paths and relative ones with ``.`` and ``..``."""
    text = text.strip()
    if text.casefold().startswith(SERVICE_ROOT):
        text = text[len(SERVICE_ROOT) :] or "/"
    parts = [] if text.startswith("/") else [p for p in cwd.split("/") if p]
    for segment in text.split("/"):
        if segment in ("", "."):
            continue
        if segment == "..":
            parts = parts[:-1]
        else:
            parts.append(segment)
    return "/" + "/".join(parts)


def same_path(a: str, b: str) -> bool:
    return a.rstrip("/").casefold() == b.rstrip("/").casefold()


def named_path(attempt: Attempt) -> str:
    """The path a command names: its first argument (``PATH`` of ``PATH=VALUE``), else the
    current place."""
    if not attempt.arguments:
        return attempt.cwd
    first = re.split(r":?==?", attempt.arguments[0], maxsplit=1)[0]
    return absolute(attempt.cwd, first)


def passes(check: Check, attempt: Attempt) -> bool:
    if attempt.command not in check.commands or attempt.ok != check.ok:
        return False
    if check.cwd is not None and not same_path(attempt.cwd, check.cwd):
        return False
    if check.target is not None and not same_path(named_path(attempt), check.target):
        return False
    if check.flags and not set(check.flags) & set(attempt.options):
        return False
    if check.mentions is not None:
        return any(check.mentions.casefold() in a.casefold() for a in attempt.arguments)
    return True


def relevant(check: Check, attempt: Attempt) -> bool:
    """The learner ran the step's command but not as asked: time for the hint."""
    return attempt.command in check.commands and not passes(check, attempt)


STEPS: tuple[Step, ...] = (
    Step(
        "The service root",
        "Every Redfish service starts at /redfish/v1/, the service root; you may read it "
        "even before logging in. Each resource is a JSON object: @odata.id is its URI and "
        "@odata.type its type, #Namespace.vMajor_Minor_Errata.Type. In this shell the "
        "service root is simply /.",
        ("cat /",),
        Check(("cat",), target="/"),
        'See "Systems": {"@odata.id": "/redfish/v1/Systems"}? An object that holds nothing '
        "but @odata.id is a link to another resource. The whole service is a graph of them.",
        "cat / prints the root; cat with no path prints the current place.",
    ),
    Step(
        "Links",
        "ls lists a resource; names ending in / are links (resource or collection) and cd "
        "follows them, like directories. Following a link is one GET of its URI.",
        ("ls", "cd Systems"),
        Check(("cd",), cwd="/Systems"),
        "You are at /redfish/v1/Systems. The prompt shows the path you walked; pwd -u shows "
        "the URI.",
        "cd /Systems goes there from anywhere.",
    ),
    Step(
        "Collections and members",
        "Systems is a collection: its Members array holds links to the members and "
        "Members@odata.count says how many. A member is named by the last segment of its "
        "URI, so /redfish/v1/Systems/1 is the member 1.",
        ("ls", "cd 1"),
        Check(("cd",), cwd="/Systems/1"),
        "This ComputerSystem is the server itself: its power state, BIOS version, boot "
        "settings, and links to its processors, memory and BIOS.",
        "cd /Systems/1 goes there from anywhere.",
        start="/Systems",
    ),
    Step(
        "Embedded objects",
        "Not every name is a resource. Boot is an object inside the ComputerSystem: it has "
        "no URI of its own and is read and changed with its resource. You can still cd into "
        "it; pwd -u then shows the resource's URI with a #pointer to the object.",
        ("cd /Systems/1/Boot", "pwd -u"),
        Check(("pwd",), cwd="/Systems/1/Boot", flags=("-u", "--uri")),
        "/redfish/v1/Systems/1#/Boot: one resource, and a JSON pointer inside it. cd .. "
        "goes back up.",
        "Go into Boot first (cd /Systems/1/Boot), then type pwd -u.",
        start="/Systems/1",
    ),
    Step(
        "Read-only versus writable",
        "The service's schema for each @odata.type says which properties a client may "
        "change. ls -l marks each one rw or ro; explain says what the schema says about a "
        "property: its meaning, type, allowed values and whether you may write it.",
        ("ls -l /Systems/1", "explain /Systems/1/PowerState"),
        Check(("explain",), target="/Systems/1/PowerState"),
        "PowerState is read-only: the service sets it, and you change it with an action "
        "(step 9). AssetTag, a few lines above it in ls -l, is writable.",
        "Explain PowerState: explain /Systems/1/PowerState.",
    ),
    Step(
        "Staging a change",
        "set checks a change against the schema (read-only, type, allowed values, length) "
        "and stages it; nothing is sent yet. status and diff show what is staged. A refused "
        "change says why.",
        ('set /Systems/1/AssetTag="lab-42"',),
        Check(("set",), target="/Systems/1/AssetTag"),
        "Staged, not sent. For a refusal, try set /Systems/1/PowerState=Off.",
        'Set AssetTag to any text, e.g. set /Systems/1/AssetTag="lab-42".',
    ),
    Step(
        "Settings objects: why BIOS changes wait for a reboot",
        "BIOS settings cannot change while the server runs. /Systems/1/Bios shows the values "
        "in effect; its @Redfish.Settings names a settings object where changes wait for the "
        "next reset. set sends them there by itself, and the BIOS attribute registry says "
        "which values each attribute takes (explain shows them).",
        ("set /Systems/1/Bios/Attributes/WorkloadProfile=Virtualization-MaxPerformance",),
        Check(("set",), target="/Systems/1/Bios/Attributes/WorkloadProfile"),
        "Staged for the settings object. status lists both changes and the resource each "
        "PATCH goes to.",
        "explain /Systems/1/Bios/Attributes/WorkloadProfile lists the allowed values.",
    ),
    Step(
        "Commit",
        "commit sends the staged changes: one PATCH per resource, with If-Match carrying "
        "the ETag the change was staged against, so a change someone made meanwhile is "
        "refused instead of overwritten. Then it reads each resource again to see what "
        "happened. In the shell it asks first; scripts say commit -y.",
        ("commit",),
        Check(("commit",)),
        "AssetTag was applied at once. WorkloadProfile is pending: the settings object holds "
        "it until the server resets (explain /Systems/1/Bios/Attributes/WorkloadProfile shows "
        "both values).",
        "Answer y when commit asks; status shows what is still staged.",
        staged=True,
    ),
    Step(
        "Actions",
        "What is not a property (power, reset, clearing a log) is an action: a POST to the "
        "action's target with parameters. The resource lists its actions under Actions, "
        "with the values each parameter allows; explain shows them.",
        ("explain /Systems/1/Actions/#ComputerSystem.Reset",),
        Check(("explain",), mentions="reset"),
        "invoke /Systems/1 Reset ResetType=GracefulRestart would restart the server, and "
        "the pending BIOS change would take effect. On the demo service that is harmless.",
        "explain /Systems/1/Actions/#ComputerSystem.Reset",
    ),
    Step(
        "Errors and their messages",
        "When the service refuses a request it answers 4xx or 5xx with an error body; its "
        "@Message.ExtendedInfo names messages by MessageId (Base.1.4.ResourceMissingAtURI). "
        "The service's message registries turn an id into a sentence and a resolution. Ask "
        "for a system that does not exist:",
        ("cat /redfish/v1/Systems/42",),
        Check(("cat", "ls", "cd", "get"), mentions="42", ok=False),
        "The shell read that sentence from the service's registry: the error line is its "
        "one-line summary. explain Base.1.4.ResourceMissingAtURI shows the registry entry.",
        "cat /redfish/v1/Systems/42 asks the service directly for a URI that is not there.",
    ),
    Step(
        "Every command is HTTP",
        "trace on prints each request the shell makes as a curl command (token shown as "
        "***), with the status and the time: the protocol behind every command, ready to "
        "copy into a script.",
        ("trace on",),
        Check(("trace",), mentions="on"),
        "Now try cat /Systems/1/Bios and see its GET. That is the tour: trace off stops the "
        "curl lines, help lists every command, and docs/tutorial.md walks through HPE's "
        "getting-started guide the same way.",
        "trace on",
    ),
)
