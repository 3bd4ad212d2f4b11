"""Navigator features a review found working but untested, against the built-in simulator
over real HTTP: find by name and by value, ``cd -``, the once-per-session cache, ``ls -l``
with ``$expand``, cat's colours, and every built-in resource reached by path from /."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

from iloshell.redfish.paths import uri_key
from iloshell.sim.resources import is_resource
from iloshell.sim.testing import simulate

from .harness import Shell

CLI = [sys.executable, "-m", "iloshell.frontends.cli"]
ESCAPE = re.compile(r"\x1b\[[0-9;]*m")


def gets(sim) -> int:
    return sim.stats()["requests"].get("GET", 0)


def observe(shell: Shell) -> list[tuple[str, str]]:
    """(method, path?query) of every request the shell sends from now on."""
    seen: list[tuple[str, str]] = []

    def record(exchange) -> None:
        seen.append((exchange.method, "/" + exchange.url.split("://", 1)[1].partition("/")[2]))

    shell.ctx.conn.client.observers.append(record)
    return seen


def found_json(shell: Shell, command: str) -> list[dict]:
    shell.ctx.settings.json = True
    try:
        return json.loads(shell.ok(command))
    finally:
        shell.ctx.settings.json = False


def builtin_resources(sim) -> dict[str, dict]:
    """uri_key -> body of every Redfish resource the simulator serves."""
    return {uri_key(u): d for u, d in sim.store.items() if isinstance(d, dict) and is_resource(d)}


# -- find -name / -where ----------------------------------------------------------------------


def test_find_name_matches_the_last_segment_only(shell):
    everything = shell.ok("find /").split()
    found = shell.ok("find / -name 'Thermal*'").split()
    assert "/Chassis/1/Thermal" in found
    assert found == [p for p in everything if p.rsplit("/", 1)[-1].casefold().startswith("thermal")]
    assert not any(p.startswith("/Chassis/1/Thermal/") for p in found)  # not what lies below


def test_find_name_ignores_case_and_respects_the_start(shell):
    assert shell.ok("find /Chassis -name '*therm*'").split() == ["/Chassis/1/Thermal"]
    assert shell.ok("find /Systems -name bios").split() == ["/Systems/1/Bios"]
    assert shell.ok("find / -name 'NoSuchName*'") == ""


def test_find_where_string_value_finds_exactly_those_resources(sim, shell):
    expected = {k for k, d in builtin_resources(sim).items() if d.get("PowerState") == "On"}
    assert expected  # the built-in data has powered-on resources
    found = found_json(shell, "find / -where PowerState=On")
    assert {uri_key(item["uri"]) for item in found} == expected
    assert "/Systems/1" in [item["path"] for item in found]
    assert shell.ok("find / -where PowerState=NotAState") == ""


def test_find_where_number_nested_pointer_and_type_together(sim, shell):
    count = sim.store.get("/redfish/v1/Systems/1")["ProcessorSummary"]["Count"]
    assert shell.ok(f"find / -where ProcessorSummary/Count={count}").split() == ["/Systems/1"]
    assert shell.ok(f"find / -where ProcessorSummary/Count={count + 1}") == ""
    processors = shell.ok("find / -where /Status/Health=OK -type '*Processor*'").split()
    assert processors == ["/Systems/1/Processors/1", "/Systems/1/Processors/2"]


def test_find_where_booleans_and_json_objects(shell):
    levels = "ProtocolFeaturesSupported/ExpandQuery/Levels"
    assert shell.ok(f"find / -maxdepth 0 -where {levels}=true").split() == ["/"]
    assert shell.ok(f"find / -maxdepth 0 -where {levels}=false") == ""
    status = '\'Status={"Health": "OK", "State": "Enabled"}\''
    processors = shell.ok(f"find /Systems -type '*Processor' -where {status}").split()
    assert processors == ["/Systems/1/Processors/1", "/Systems/1/Processors/2"]


def test_find_where_is_repeatable_and_all_must_hold(sim, shell):
    both = shell.ok("find / -where PowerState=On -where Id=1 -type '*ComputerSystem*'")
    assert both.split() == ["/Systems/1"]
    assert shell.ok("find / -where PowerState=On -where Id=nope") == ""


# -- cd - -------------------------------------------------------------------------------------


def test_cd_dash_goes_back_and_toggles(shell):
    shell.ok("cd /Systems/1/Boot")
    shell.ok("cd /Chassis/1")
    assert shell.ok("cd -; pwd").strip() == "/Systems/1/Boot"
    assert shell.ok("cd -; pwd").strip() == "/Chassis/1"
    assert shell.ok("cd -; pwd").strip() == "/Systems/1/Boot"
    assert shell.ok("cd ..; cd -; pwd").strip() == "/Systems/1/Boot"


def test_a_failed_cd_does_not_become_the_previous_directory(shell):
    shell.ok("cd /Chassis/1")
    shell.ok("cd /Systems")
    assert shell.run("cd Nowhere").code == 1
    assert shell.ok("pwd").strip() == "/Systems"
    assert shell.ok("cd -; pwd").strip() == "/Chassis/1"


def test_cd_dash_without_a_previous_directory_is_one_clear_error(sim):
    fresh = Shell(sim.url)
    try:
        result = fresh.run("cd -")
        assert result.code == 1
        assert "no previous directory" in result.err
        assert "Traceback" not in result.err
        assert fresh.ok("pwd").strip() == "/"
    finally:
        fresh.close()


# -- the cache ---------------------------------------------------------------------------------

WALK = (
    "ls /Systems/1; cat /Systems/1; cd /Systems/1; ls; cat Boot; cd Boot; cd ..; "
    "get PowerState Boot/BootSourceOverrideTarget; cat /Chassis/1/Thermal; ls /Chassis; "
    "cd /Managers/1; cat; tree -L 2 /Systems"
)


def test_each_resource_is_fetched_at_most_once_per_session(sim, shell):
    seen = observe(shell)
    before = gets(sim)
    shell.ok(WALK)
    first = gets(sim) - before
    fetched = [uri for method, uri in seen if method == "GET"]
    assert first == len(fetched) > 0
    assert len(fetched) == len(set(fetched)), sorted(u for u in fetched if fetched.count(u) > 1)
    shell.ok(WALK)
    shell.ok(WALK)
    assert gets(sim) - before == first  # the same walk again: nothing is read twice


def test_find_then_anything_found_costs_no_request(sim, shell):
    found = shell.ok("find /").split()
    before = gets(sim)
    assert shell.ok("find /").split() == found
    for path in found[::10]:
        shell.ok(f"cat '{path}'")
        shell.ok(f"ls '{path}'")
    assert gets(sim) == before


def test_refresh_reads_one_resource_again_and_only_once(sim, shell):
    shell.ok("cat /Systems/1; cat /Chassis/1")
    before = gets(sim)
    shell.ok("refresh /Systems/1")
    assert gets(sim) == before + 1
    shell.ok("cat /Systems/1; cat /Chassis/1")
    assert gets(sim) == before + 1


def test_ls_l_on_a_collection_uses_one_expand_request(sim, shell):
    assert sim.store.get("/redfish/v1")["ProtocolFeaturesSupported"]["ExpandQuery"]["NoLinks"]
    shell.ok("cd /Systems/1/Processors")
    seen = observe(shell)
    before = gets(sim)
    out = shell.ok("ls -l")
    assert [line.split()[:3] for line in out.splitlines()[:2]] == [
        ["1/", "resource", "ro"],
        ["2/", "resource", "ro"],
    ]
    collection = [u for _, u in seen if u.casefold().startswith("/redfish/v1/systems/1/processors")]
    assert collection == ["/redfish/v1/Systems/1/Processors?$expand=."]
    schema_reads = [u for _, u in seen if u not in collection]
    schema_places = ("/redfish/v1/JsonSchemas", "/redfish/v1/SchemaStore")
    assert all(u.startswith(schema_places) for u in schema_reads), schema_reads
    assert gets(sim) - before == len(seen)  # no member GET beside the $expand
    shell.ok("cat 1; cat 2")  # the members came with the $expand
    assert gets(sim) - before == len(seen)


# -- cat colours -------------------------------------------------------------------------------


def test_cat_colours_only_when_the_setting_is_on(sim):
    plain, coloured = Shell(sim.url), Shell(sim.url, color=True)
    try:
        text = plain.ok("cat /Systems/1")
        painted = coloured.ok("cat /Systems/1")
        assert "\x1b[" not in text
        assert ESCAPE.search(painted)
        assert ESCAPE.sub("", painted) == text  # colour adds escapes, nothing else
        coloured.ctx.settings.json = True
        assert "\x1b[" not in coloured.ok("cat /Systems/1")  # --json is for programs
    finally:
        plain.close()
        coloured.close()


def test_cat_through_a_pipe_has_no_colour(sim):
    """stdout is a pipe here; the terminal case is in tests/repl/test_confirm_pty.py."""
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    result = subprocess.run(
        [
            *CLI,
            sim.url,
            "-u",
            sim.user,
            "-p",
            sim.password,
            "-c",
            "cat /Systems/1",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout
    assert json.loads(result.stdout)["@odata.id"] == "/redfish/v1/Systems/1"


# -- every built-in resource by path -----------------------------------------------------------


def test_every_builtin_resource_is_reachable_by_path_and_cat_prints_it(sim):
    shell = Shell(sim.url, workers=16)
    try:
        found = found_json(shell, "find /")
        reached = {uri_key(item["uri"]) for item in found}
        missing = set(builtin_resources(sim)) - reached
        assert not missing, sorted(missing)
        assert len(found) == len({item["path"] for item in found})
        before = gets(sim)
        for item in found:  # every one, by its path (not its URI)
            body = json.loads(shell.ok(f"cat '{item['path']}'"))
            assert uri_key(body["@odata.id"]) == uri_key(item["uri"]), item
            where = shell.ok(f"cd '{item['path']}'; pwd -u; cd /").strip()
            assert uri_key(where) == uri_key(item["uri"]), item
        assert gets(sim) == before  # all of it from the crawl's cache
    finally:
        shell.close()


def test_a_wide_crawl_of_the_dl325_never_fetches_a_resource_twice():
    """16 workers at 20 ms: a link to a member met while its collection's $expand is on the
    way must wait for it, not GET the member as well."""
    from tests.conftest import MOCKUPS as dl325

    answered: list = []  # GETs answered with data (a 308 to the canonical URI is not)
    with simulate(mockup=str(dl325 / "hpe-ilo5-dl325-gen10plus"), latency_ms=20) as sim:
        shell = Shell(sim.url, workers=16, partial_ok=True)  # the capture has broken links
        shell.ctx.conn.client.observers.append(
            lambda x: answered.append(x) if x.method == "GET" and x.status == 200 else None
        )
        shell.ok("find /")
        shell.close()
    plain = [uri_key("/" + x.url.split("://", 1)[1].partition("/")[2]) for x in answered]
    singles = [key for key, x in zip(plain, answered, strict=True) if "?" not in x.url]
    assert len(singles) == len(set(singles)), sorted(k for k in singles if singles.count(k) > 1)
    brought = {
        uri_key(member["@odata.id"])
        for x in answered
        if "$expand" in x.url
        for member in json.loads(x.response_body)["Members"]
        if len(member) > 1
    }
    assert brought and not brought.intersection(singles)
