"""Taking things elsewhere: save and load settings, snapshot a service as a mockup."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from iloshell.commands.context import Context
from iloshell.commands.helpers import (
    pending_node,
    report_crawl_errors,
    resolve_path,
    resource_directory,
    stage_values,
)
from iloshell.commands.spec import FILE, PATH, Arg, Args, Option, command
from iloshell.errors import CommandError, IloshellError, UsageError, ValidationError
from iloshell.graph.crawl import crawl
from iloshell.model.schemas import parse_odata_type
from iloshell.model.validate import Violation, check_patch
from iloshell.redfish.paths import is_below, pointer_text, uri_key
from iloshell.redfish.protocol import SERVICE_ROOT
from iloshell.redfish.resource import Resource, is_link, links_in, type_name
from iloshell.redfish.walk import ROOT, Location, path_text
from iloshell.render.mockup import Folders, document_body, mockup_body, mockup_uri
from iloshell.render.redact import Redactor
from iloshell.staging.saved import (
    SavedFileError,
    differences,
    overlay,
    read_saved,
    saved_document,
    writable_values,
)
from iloshell.storage import read_user_file
from iloshell.text import json_text

GROUP = "learn"


# -- save and load ----------------------------------------------------------------------------


@command(
    "save",
    "Save the writable properties of a resource to a JSON file (for load)",
    group=GROUP,
    args=[
        Arg("path", "the resource, or an object inside it", "1", PATH),
        Arg("file", "the JSON file to write", "1", FILE),
    ],
    description=(
        "Writes what the service's schema (for BIOS: the attribute registry) marks writable, "
        "with a header naming the type, its version and where it came from. For resources "
        "with a settings object (BIOS) the values waiting for the next reset are saved, so the "
        "file says what the server will run with. Passwords and write-only values are never "
        "written: they are left out and listed in the header."
    ),
    examples=("save /Systems/1/Bios bios.json", "save /Systems/1/Boot boot.json"),
)
def save(ctx: Context, args: Args) -> None:
    conn = ctx.conn
    location = resolve_path(ctx, args.path)
    resource = conn.graph.get(location.uri)
    node = conn.navigator.value(location)
    if not isinstance(node, dict):
        raise CommandError(f"{location.display()} is a value; save a resource or an object")
    schema = conn.checker.schema_for(resource)
    attributes = conn.checker.attributes_for(resource)
    if schema is None and attributes is None:
        raise CommandError(
            f"{location.display()}: the service offers no schema for "
            f"{resource.odata_type or 'this resource'}, so which properties are writable is "
            "unknown; nothing saved"
        )
    values, omitted = writable_values(node, schema, attributes, location.pointer)
    values = overlay(values, pending_node(ctx, resource, location.pointer))
    parsed = parse_odata_type(resource.odata_type or "")
    header: dict[str, Any] = {
        "type": resource.odata_type,
        "version": parsed.version if parsed else None,
        "source": conn.client.url(resource.uri)
        + (f"#{pointer_text(location.pointer)}" if location.pointer else ""),
        "path": location.display(),
        "saved": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }
    if attributes is not None:
        header["attributeRegistry"] = resource.body.get("AttributeRegistry")
    if omitted:
        header["omitted"] = omitted
    text = json_text(ctx.output.scrub_values(saved_document(header, values)), indent=2) + "\n"
    try:
        Path(args.file).write_text(text, encoding="utf-8")
    except OSError as err:
        raise CommandError(f"cannot write {args.file}: {err.strerror}") from None
    count = sum(len(v) if isinstance(v, dict) else 1 for v in values.values())
    ctx.output.note(
        f"saved {plural(count, 'writable property', 'writable properties')} of "
        f"{location.display()} ({type_name(resource.odata_type)}) to {args.file}"
        + (f"; left out {left_out(omitted)}" if omitted else "")
    )


@command(
    "load",
    "Stage the differences between a saved file and a resource (validated like set)",
    group=GROUP,
    args=[
        Option(
            ("--skip-unknown",),
            "leave out the properties the target does not have (another model's BIOS "
            "attributes) and stage the rest",
        ),
        Arg("file", "a file written by save", "1", FILE),
        Arg("path", "the resource to change (default: the one the file came from)", "?", PATH),
    ],
    description=(
        "Compares every property in the file with the resource (with the value waiting in "
        "its settings object, for BIOS) and stages the ones that differ, each checked as set "
        "checks it: all of them, or none when any is refused. Nothing is sent until commit, "
        "so settings saved on one server can be reviewed (status, diff) and then applied to "
        "another. A server of another model may lack some of the file's properties (its BIOS "
        "attribute registry differs): --skip-unknown stages the ones it has and lists the "
        "others."
    ),
    examples=(
        "load bios.json",
        "load bios.json /Systems/1/Bios",
        "load --skip-unknown bios.json /Systems/1/Bios",
    ),
)
def load(ctx: Context, args: Args) -> None:
    conn = ctx.conn
    header, properties = read_file(args.file)
    path = args.path or header.get("path")
    if not isinstance(path, str) or not path:
        raise UsageError(f"load: {args.file} does not say where it came from; give a PATH")
    location = resolve_path(ctx, path)
    resource = conn.graph.get(location.uri)
    check_same_kind(ctx, args.file, header, resource)
    node = conn.navigator.value(location)
    pending = pending_node(ctx, resource, location.pointer)
    changes = differences(properties, node, pending)
    if not changes:
        ctx.output.note(f"{location.display()} already matches {args.file}; nothing staged")
        return
    changes = fit(ctx, args, resource, location, changes)
    if not changes:
        return
    items = [(path_text((*location.path, *parts)), value) for parts, value in changes]
    staged = stage_values(ctx, items)
    ctx.output.note(
        f"{plural(len(staged), 'change')} staged from {args.file}; review with status or "
        "diff, send with commit"
    )


@dataclass
class Fit:
    """How a saved file's changes fit the target: the properties it does not have (by their
    parts; another model's BIOS attributes), who says so, and why others are refused."""

    unknown: list[tuple[str, ...]]
    owner: str  # "the attribute registry BiosAttributeRegistryU46.v1_2_10", "ComputerSystem"
    refused: list[Violation]  # values of known properties that set would refuse

    def missing(self) -> str:
        names = [p[-1] if "registry" in self.owner else path_text(p)[1:] for p in self.unknown]
        return f"{self.owner} has no {first_few(names)}"

    def refusals(self) -> str:
        """``N are refused: names (the first: why)``: set's reasons are a sentence each."""
        if len(self.refused) == 1:
            return f"1 is refused: {self.refused[0].reason}"
        names = first_few([v.pointer.rsplit("/", 1)[-1] for v in self.refused], 5)
        return f"{len(self.refused)} are refused: {names} (the first: {self.refused[0].reason})"


def fit(
    ctx: Context,
    args: Args,
    resource: Resource,
    location: Location,
    changes: list[tuple[tuple[str, ...], Any]],
) -> list[tuple[tuple[str, ...], Any]]:
    """The changes to stage: all of them, or with --skip-unknown those the target has.
    Refuses in one line, with counts and the first few names, what a file from another
    server model brings (a hundred unknown BIOS attributes would be a hundred clauses)."""
    found = check_fit(ctx, resource, location.pointer, changes)
    known = len(changes) - len(found.unknown)
    if found.unknown and not args.skip_unknown:
        refused = f"; of the other {known}, {found.refusals()}" if found.refused else ""
        raise ValidationError(
            f"not staged: {len(found.unknown)} of {plural(len(changes), 'value')} in "
            f"{args.file} don't apply to {location.display()} ({found.missing()}){refused}",
            hint=f"load --skip-unknown stages the other {known}"
            if known and not found.refused
            else None,
        )
    if found.unknown:
        ctx.output.note(f"skipped {plural(len(found.unknown), 'value')}: {found.missing()}")
    if found.refused:
        where = f"{location.display()} has" if found.unknown else f"in {args.file}"
        raise ValidationError(
            f"not staged: of the {plural(known, 'value')} {where}, {found.refusals()}",
            hint=f"explain {location.display()} shows what is allowed",
        )
    kept = [change for change in changes if change[0] not in found.unknown]
    if not kept:
        ctx.output.note(f"nothing else in {args.file} differs; nothing staged")
    return kept


def check_fit(
    ctx: Context,
    resource: Resource,
    pointer: tuple[str, ...],
    changes: list[tuple[tuple[str, ...], Any]],
) -> Fit:
    """Check the changes as one PATCH of the resource, as set would: properties the schema or
    attribute registry lacks are told apart from values merely refused."""
    checker = ctx.conn.checker
    schema = checker.schema_for(resource)
    attributes = checker.attributes_for(resource)
    body: dict[str, Any] = {}
    for parts, value in changes:
        *outer, last = (*pointer, *parts)
        node = body
        for part in outer:
            node = node.setdefault(part, {})
        node[last] = value
    violations = check_patch(body, resource.body, schema, attributes)
    unknown = {v.pointer for v in violations if v.message == "PropertyUnknown"}
    found = [parts for parts, _ in changes if unknown & set(prefixes((*pointer, *parts)))]
    refused = [v for v in violations if v.message != "PropertyUnknown"]
    if attributes is not None and all(p[:1] == ("Attributes",) for p in found):
        return Fit(found, f"the attribute registry {attributes.name}", refused)
    return Fit(found, type_name(resource.odata_type) or "the schema", refused)


def prefixes(parts: tuple[str, ...]) -> list[str]:
    """The pointers of a property and of every object around it (an unknown object makes
    everything inside it unknown)."""
    return [pointer_text(parts[:n]) for n in range(1, len(parts) + 1)]


def first_few(names: list[str], shown: int = 3) -> str:
    """A long list as its first names and a count: one line, however many there are."""
    more = len(names) - shown
    return ", ".join(names[:shown]) + (f" ...and {more} more" if more > 0 else "")


def plural(count: int, noun: str, nouns: str = "") -> str:
    """``1 value``, ``2 values``; ``nouns`` where adding an s won't do."""
    return f"{count} {noun if count == 1 else nouns or noun + 's'}"


def left_out(omitted: list[str]) -> str:
    """What save did not write: passwords, and write-only attributes (iLO's RestoreDefaults,
    TPM operations) that a service never shows either."""
    what = plural(len(omitted), "secret or write-only value")
    return f"{what}: {first_few(omitted, 5)}"


def read_file(name: str) -> tuple[dict[str, Any], dict[str, Any]]:
    try:
        doc = json.loads(read_user_file(name, "a saved settings file"))
    except (ValueError, RecursionError) as err:  # RecursionError: nested too deeply
        raise UsageError(f"load: {name} is not valid JSON ({err})") from None
    try:
        return read_saved(doc)
    except SavedFileError as err:
        raise UsageError(f"load: {name}: {err}") from None


def check_same_kind(ctx: Context, name: str, header: dict[str, Any], resource: Resource) -> None:
    """Refuse settings of another kind of resource; warn about other versions and registries
    (validation will refuse what the target does not have)."""
    saved = header.get("type")
    if not isinstance(saved, str) or not resource.odata_type:
        return
    if type_name(saved) != type_name(resource.odata_type):
        raise CommandError(
            f"{name} holds {type_name(saved)} settings; {resource.uri} is a "
            f"{type_name(resource.odata_type)}"
        )
    if saved != resource.odata_type:
        ctx.output.note(f"note: {name} was saved from {saved}; this is {resource.odata_type}")
    registry = header.get("attributeRegistry")
    here = resource.body.get("AttributeRegistry") if isinstance(resource.body, dict) else None
    if registry and here and registry != here:
        ctx.output.warn(
            f"{name} was saved with attribute registry {registry}, this server has {here}: "
            "the attributes it lacks don't apply here"
        )


# -- snapshot ---------------------------------------------------------------------------------


@command(
    "snapshot",
    "Save the service (or the part below PATH) as a DMTF mockup folder",
    group=GROUP,
    args=[
        Option(("--redact",), "also replace serial numbers, MAC and IP addresses"),
        Arg("dir", "a new (or empty) folder to write", "1", FILE),
        Arg("path", "only the resources below this place (default: all)", "?", PATH),
    ],
    description=(
        "Walks the resources concurrently and writes each as <path below /redfish/v1>/"
        "index.json (DMTF's short form), together with the service root and the schema and "
        "registry documents the service serves, so the copy validates like the original. "
        "Passwords and tokens are always nulled; --redact also replaces serial numbers, MAC "
        "and IP addresses (consistently, with documentation-only values). Explore the copy "
        "with iloshell --demo --mockup DIR, or serve it with iloshell-sim --mockup DIR."
    ),
    examples=("snapshot my-ilo", "snapshot --redact share /Systems/1"),
)
def snapshot(ctx: Context, args: Args) -> None:
    conn = ctx.conn
    target = Path(args.dir)
    check_target(target)
    location = resolve_path(ctx, args.path) if args.path else conn.navigator.root()
    if location.pointer:
        raise CommandError(f"{location.display()} is inside a resource; snapshot saves resources")
    result = crawl(conn.graph, location, cancel=ctx.cancel, progress=ctx.extras.get("progress"))
    report_crawl_errors(ctx, result.errors)
    resources = [v.resource for v in result.visits]
    resources += unlinked_resources(ctx, location.uri, {r.key for r in resources})
    resources += ancestors(ctx, location.path)
    collections, documents = model_resources(ctx)
    folders = Folders()
    redactor = Redactor() if args.redact else None
    if redactor is not None:  # every serial first: the root names the iLO after one
        learn_identities(ctx, redactor, [*resources, *collections])
    written: set[str] = set()
    skipped: list[str] = []
    for resource in [*resources, *collections]:
        if resource.key not in written:
            written.add(resource.key)
            # a password the service echoes in a value is masked here as on the screen
            body = ctx.output.scrub_values(mockup_body(resource.body, redactor))
            if not write_resource(target, folders, mockup_uri(resource.uri, redactor), body):
                skipped.append(resource.uri)
    count = len(written) - len(skipped)
    docs = 0
    for document in documents:
        if document.key not in written:
            written.add(document.key)
            body = document_body(document.body, redactor)
            if write_resource(target, folders, mockup_uri(document.uri, redactor), body):
                docs += 1
            else:
                skipped.append(document.uri)
    if skipped:
        ctx.output.warn(
            f"{len(skipped)} URI(s) are not below /redfish/v1 and cannot be part of a "
            f"mockup, e.g. {skipped[0]}"
        )
    ctx.output.note(
        f"wrote {count} resources and {docs} schema and registry documents to {target}; "
        f"explore it with: iloshell --demo --mockup {target}"
    )
    if redactor is not None:
        ctx.output.note(f"replaced {len(redactor.numbers)} serial numbers, MAC and IP addresses")


def check_target(target: Path) -> None:
    """A snapshot goes to a new or empty folder: it never mixes with, or overwrites, files."""
    if target.exists() and not target.is_dir():
        raise CommandError(f"{target} is a file; snapshot writes a folder: choose a new name")
    if target.is_dir() and any(target.iterdir()):
        raise CommandError(f"{target} is a folder that is not empty; choose a new or empty one")


def learn_identities(ctx: Context, redactor: Redactor, resources: list[Resource]) -> None:
    """Teach the redactor every serial number and MAC address before anything is written,
    those of the resources that links lead out to included: a partial snapshot's links name
    systems and NICs it does not hold, whose ids may be their serial numbers or MACs."""
    for resource in resources:
        redactor.learn(resource.body)
    inside = {r.key for r in resources}
    outside = [
        uri
        for resource in resources
        for _, uri in links_in(resource.body)
        if uri_key(uri) not in inside and "#" not in uri
    ]
    for found in ctx.conn.graph.get_many(outside, ctx.cancel).values():
        if isinstance(found, Resource):
            redactor.learn(found.body)


def unlinked_resources(ctx: Context, below: str, seen: set[str]) -> list[Resource]:
    """What no link leads to but the service lists in its ResourceDirectory (iLO keeps a few
    such resources: old tasks, stray sessions); walking links alone would miss them."""
    graph = ctx.conn.graph
    directory = resource_directory(graph.get(SERVICE_ROOT).body)
    if not directory:
        return []
    try:
        instances = graph.get(directory).body.get("Instances")
    except (IloshellError, AttributeError):
        return []
    uris = [
        i["@odata.id"]
        for i in instances or ()
        if isinstance(i, dict)
        and isinstance(i.get("@odata.id"), str)
        and "#" not in i["@odata.id"]
        and is_below(i["@odata.id"], below)
        and uri_key(i["@odata.id"]) not in seen
    ]
    fetched = graph.get_many(uris, ctx.cancel)
    return [r for r in fetched.values() if isinstance(r, Resource)]


def ancestors(ctx: Context, path: tuple[str, ...]) -> list[Resource]:
    """The resources on the way from the root to a partial snapshot's start, so the copy can
    be walked to it (``cd /Systems/1`` needs /Systems)."""
    found = []
    for cut in range(1, len(path)):
        try:
            location = ctx.conn.navigator.resolve(path_text(path[:cut]), ROOT)
        except IloshellError:
            continue
        if not location.pointer:
            found.append(ctx.conn.graph.get(location.uri))
    return found


def model_resources(ctx: Context) -> tuple[list[Resource], list[Resource]]:
    """The service root, the SessionService and Sessions collection (to log in to the copy),
    the JsonSchemas and Registries collections with their members, and the documents their
    Location URIs name: what a client needs to validate like the original service. Missing
    pieces are skipped (a snapshot of what there is)."""
    graph = ctx.conn.graph
    root = graph.get(SERVICE_ROOT)
    found = [root]
    odata = graph.get_many([SERVICE_ROOT + "odata"]).get(SERVICE_ROOT + "odata")
    if isinstance(odata, Resource):
        found.append(odata)  # the OData service document, linked from nowhere
    locations: list[str] = []
    body = root.body if isinstance(root.body, dict) else {}
    links = body.get("Links") if isinstance(body.get("Links"), dict) else {}
    for link in (body.get("SessionService"), links.get("Sessions")):  # to log in to the copy
        if is_link(link):
            found += [
                r for r in graph.get_many([link["@odata.id"]]).values() if isinstance(r, Resource)
            ]
    for name in ("JsonSchemas", "Registries"):
        link = body.get(name)
        if not is_link(link):
            continue
        try:
            collection = graph.get(link["@odata.id"])
        except IloshellError:
            continue
        found.append(collection)
        members = graph.get_many(collection.members(), ctx.cancel)
        for member in members.values():
            if isinstance(member, Resource):
                found.append(member)
                locations += location_uris(member.body)
    fetched = graph.get_many(locations, ctx.cancel)
    return found, [doc for doc in fetched.values() if isinstance(doc, Resource)]


def location_uris(member: Any) -> list[str]:
    """Every language's ``Location[].Uri`` the service serves itself (not public copies)."""
    locations = member.get("Location") if isinstance(member, dict) else None
    return [
        loc["Uri"]
        for loc in locations or ()
        if isinstance(loc, dict) and isinstance(loc.get("Uri"), str) and loc["Uri"].startswith("/")
    ]


def write_resource(root: Path, folders: Folders, uri: str, body: Any) -> bool:
    folder = folders.folder(uri)
    if folder is None:
        return False
    path = root / folder / "index.json"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json_text(body, indent=4) + "\n", encoding="utf-8")
    except OSError as err:
        raise CommandError(f"cannot write {path}: {err.strerror}") from None
    return True
