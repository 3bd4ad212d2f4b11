"""The completion engine on (text, cursor) pairs, over a cache made of plain dictionaries."""

from __future__ import annotations

import pytest

from iloshell.commands.spec import ACTION, PARAMETER, PATH, Arg, Command
from iloshell.frontends.completion import (
    EXTRA,
    OPTION_FLAG,
    Engine,
    roles,
    shell_word,
    spot_at,
    value_text,
)
from iloshell.redfish.walk import ROOT

from .source import ACTION_INFO, SERVICE, DictSource, at, service

SYSTEM_1 = at("Systems", "1", uri="/redfish/v1/Systems/1")


def complete(text: str, source: DictSource | None = None, cursor: int | None = None):
    return Engine(source or service()).complete(text, cursor)


def texts(text: str, source: DictSource | None = None, cursor: int | None = None) -> list[str]:
    return [s.text for s in complete(text, source, cursor).items]


def applied(text: str, source: DictSource | None = None) -> list[str]:
    """Each suggestion applied to the line, as the terminal would show it."""
    return [text[: s.start] + s.text for s in complete(text, source).items]


# -- the line under the cursor


def test_spot_is_the_word_being_typed_or_a_new_one():
    spot = spot_at("cd Sys", 6)
    assert [w.text for w in spot.words] == ["cd"] and spot.current.text == "Sys"
    spot = spot_at("cd ", 3)
    assert spot.current.text == "" and spot.current.start == 3
    assert spot_at("ls; c", 5).words == []
    assert spot_at("ls # a comment", 14) is None
    assert spot_at('cat "Sys', 8).current.text == "Sys"


def test_roles_follow_the_declaration():
    cmd = Command(
        "invoke",
        "run",
        print,
        "act",
        (Arg("action", "", "1", ACTION), Arg("params", "", "*", PARAMETER)),
    )
    words = spot_at("invoke /Systems/1 Reset A=1 ", 28)
    found = roles(cmd, [*words.words[1:], words.current])
    assert [r.kind for r in found] == [ACTION, PARAMETER, PARAMETER, PARAMETER]
    ls = service().commands()["ls"]
    spot = spot_at("ls -l Systems extra", 19)
    assert [r.kind for r in roles(ls, [*spot.words[1:], spot.current])] == [
        OPTION_FLAG,
        PATH,
        PATH,
    ]
    cd = service().commands()["cd"]
    spot = spot_at("cd a b", 6)
    assert roles(cd, [*spot.words[1:], spot.current])[-1].kind == EXTRA


# -- commands and options


def test_command_names_carry_their_summary():
    found = complete("co").items
    assert [s.display for s in found] == ["commit", "connect"]
    assert all(s.meta and s.text.endswith(" ") for s in found)
    assert "cd " in texts("ls; c")


def test_options_with_their_help_and_not_twice():
    found = {s.display: s.meta for s in complete("ls -").items}
    assert "-l" in found and "--all" in found
    assert "type" in found["-l"]
    assert texts("ls --a") == ["--all "]
    assert "-l " not in texts("ls -l -")


# -- paths from the cache


def test_cd_completes_a_link_to_a_folder():
    assert applied("cd Sy") == ["cd Systems/"]
    assert applied("cd sy") == ["cd Systems/"]  # letter case never matters


def test_cursor_in_the_middle_uses_the_text_before_it():
    found = complete("cd Systeme", cursor=5).items
    assert [s.text for s in found] == ["Systems/"] and found[0].start == 3


def test_members_show_their_name_inline_or_fetched():
    source = service()
    found = {s.display: s.meta for s in complete("ls Chassis/", source).items}
    assert found == {"1/": "Computer System Chassis", "Enclosure%20A/": ""}
    assert "/redfish/v1/Chassis/Enclosure%20A" in source.wanted  # fetched for next time
    source.add(
        "/redfish/v1/Chassis/Enclosure%20A",
        {"@odata.id": "/redfish/v1/Chassis/Enclosure%20A", "Name": "Blade enclosure"},
    )
    found = {s.display: s.meta for s in complete("ls Chassis/", source).items}
    assert found["Enclosure%20A/"] == "Blade enclosure"


def test_cd_offers_only_places_not_values():
    names = texts("cd ", service(cwd=SYSTEM_1))
    assert "Boot/" in names and "Bios/" in names and "TrustedModules/" in names
    assert not any(n.startswith(("AssetTag", "PowerState")) for n in names)
    assert "PowerState" in texts("cat Pow", service(cwd=SYSTEM_1))


def test_embedded_objects_and_array_indices():
    assert texts("cat Systems/1/Boot/BootSourceOverrideT") == ["BootSourceOverrideTarget"]
    assert texts("cat Systems/1/TrustedModules/") == ["0/"]
    assert texts("cat Systems/1/TrustedModules/0/Int") == ["InterfaceType"]


THERMAL = {
    "@odata.id": "/redfish/v1/Chassis/1/Thermal",
    "@odata.type": "#Thermal.v1_1_0.Thermal",
    "Fans": [{"@odata.id": "/redfish/v1/Chassis/1/Thermal#Fans/0", "Name": "Fan 1"}],
}


def test_a_fragment_path_completes_as_cd_walks_it():
    """``ls /Chassis/1/Thermal#/Fans`` works, so Tab after it must offer what is inside
    (issue 11: the completion engine had its own walk that knew no fragments)."""
    chassis = {"@odata.id": "/redfish/v1/Chassis/1", "Thermal": {"@odata.id": THERMAL["@odata.id"]}}
    source = DictSource(
        {**SERVICE, "/redfish/v1/Chassis/1": chassis, "/redfish/v1/Chassis/1/Thermal": THERMAL},
        cwd=at("Chassis", "1", uri="/redfish/v1/Chassis/1"),
    )
    assert texts("ls Thermal#/Fans/", source) == ["0/"]
    assert texts("ls /Chassis/1/Thermal#/Fans/", source) == ["0/"]
    assert texts("ls Thermal#Fans/0/Na", source) == ["Name"]


def test_parent_and_absolute_paths():
    source = service(cwd=SYSTEM_1)
    assert applied("cd ../../Ch", source) == ["cd ../../Chassis/"]
    assert applied("cd /Ch", source) == ["cd /Chassis/"]
    assert "../" in texts("cd ..", source)
    assert "../" not in texts("cd ..", service())  # the root has no parent


def test_uris_as_typed():
    assert applied("raw GET /redfish/v1/Sys") == ["raw GET /redfish/v1/Systems/"]
    assert applied("raw GET /redfish") == ["raw GET /redfish/v1/"]
    assert "redfish/v1/" in texts("cat /re")


def test_annotations_only_when_asked_for():
    assert "@odata.id" not in texts("cat ", service(cwd=SYSTEM_1))
    assert "@odata.id" in texts("cat @", service(cwd=SYSTEM_1))


def test_names_that_need_quotes_are_quoted():
    source = DictSource({**SERVICE, "/redfish/v1": {**SERVICE["/redfish/v1"], "My Box": {}}})
    assert applied("cat My", source) == ["cat 'My Box/'"]


def test_missing_resources_are_fetched_in_the_background():
    source = service()
    source.hold("/redfish/v1/Systems/1")
    result = complete("cd Systems/1/", source)
    assert result.items == [] and result.pending
    assert "/redfish/v1/Systems/1" in source.wanted
    source.arrive()  # the background fetch lands
    result = complete("cd Systems/1/", source)
    assert "Boot/" in [s.text for s in result.items] and not result.pending


def test_nothing_inside_a_comment_or_after_unknown_commands():
    assert texts("ls # Sy") == []
    assert texts("frobnicate Sy") == []


# -- set: writable properties and their values


def test_set_offers_writable_properties_and_places_to_walk():
    names = texts("set ", service(cwd=SYSTEM_1))
    assert "AssetTag=" in names and "IndicatorLED=" in names
    assert "Boot/" in names and "Bios/" in names
    assert not {"SerialNumber=", "PowerState=", "Status/", "Actions/"} & set(names)


def test_set_without_a_schema_offers_every_property():
    names = texts("set ", service(cwd=SYSTEM_1, schemas=False))
    assert "SerialNumber=" in names and "AssetTag=" in names


def test_the_first_tab_after_set_waits_for_the_schema_rather_than_offer_read_only_names():
    """Issue 11: on the demo the first Tab offered Id= Name= Description= before the schema
    had loaded; only a second Tab showed AssetTag= IndicatorLED=."""
    source = service(cwd=SYSTEM_1)
    source.models_pending = True  # the schema is on its way
    first = complete("set ", source)
    assert first.items == [] and first.pending
    source.arrive()
    names = texts("set ", source)
    assert "AssetTag=" in names and "IndicatorLED=" in names
    assert not {"Id=", "Name=", "Description=", "SerialNumber="} & set(names)


def test_set_offers_no_property_the_schema_leaves_out_of_a_closed_object():
    body = {**SERVICE["/redfish/v1/Systems/1"], "NotInTheSchema": "x"}
    source = DictSource({**SERVICE, "/redfish/v1/Systems/1": body}, cwd=SYSTEM_1)
    assert "NotInTheSchema=" not in texts("set ", source)  # set would refuse it


def test_set_values_from_allowable_values_first():
    found = complete("set Boot/BootSourceOverrideTarget=", service(cwd=SYSTEM_1)).items
    assert [s.display for s in found] == ["None", "Pxe", "Hdd", "UefiShell"]
    assert "current" in found[0].meta
    assert applied("set Systems/1/Boot/BootSourceOverrideTarget=U") == [
        "set Systems/1/Boot/BootSourceOverrideTarget=UefiShell"
    ]


def test_set_values_from_the_schema_enum():
    found = [s.display for s in complete("set IndicatorLED=", service(cwd=SYSTEM_1)).items]
    assert set(found) == {"Unknown", "Lit", "Blinking", "Off"}


def test_set_bios_attributes_from_the_registry():
    source = service(cwd=SYSTEM_1)
    names = texts("set Bios/Attributes/", source)
    assert "WorkloadProfile=" in names and "AdminPhone=" in names
    assert "ProcVirtualization=" not in names  # ReadOnly in the registry
    found = complete("set Bios/Attributes/WorkloadProfile=V", source).items
    assert [(s.text, s.meta) for s in found] == [
        ("Virtualization-MaxPerformance", "Virtualization - Max Performance")
    ]
    assert texts("set Bios/Attributes/PostBootProgress=", source) == ["true", "false"]


def test_values_that_would_read_as_json_are_quoted():
    assert value_text("12", "=") == '"12"'
    assert value_text("Pxe", "=") == "Pxe"
    assert value_text("a b", "=") == '"a b"'
    assert value_text("Pxe", ":=") == '"Pxe"'
    assert value_text("12", "==") == "12"
    assert value_text(True, "=") == "true"
    assert shell_word("it's") == '"it\'s"'


# -- invoke: actions, parameters, values


def test_invoke_offers_the_actions_here_by_short_name():
    found = complete("invoke ", service(cwd=SYSTEM_1)).items
    actions = [(s.text, s.meta) for s in found if s.meta.startswith("#")]
    assert actions == [
        ("Reset ", "#ComputerSystem.Reset"),
        ("PowerButton ", "#HpeComputerSystemExt.PowerButton"),
    ]


def test_invoke_parameters_and_their_values():
    source = service(cwd=SYSTEM_1)
    found = {s.text: s.meta for s in complete("invoke Reset ", source).items}
    assert found == {"ResetType=": "required String", "Delay=": "Number"}
    assert texts("invoke Reset ResetType=", source) == ["On", "ForceOff", "GracefulRestart"]
    assert texts("invoke Reset ResetType=On ", source) == ["Delay="]
    assert texts("invoke PowerButton PushType=P", source) == ["Press", "PressAndHold"]


def test_invoke_offers_only_what_the_narrowest_service_list_allows():
    """Issue 11: the action lists On, ForceOff, GracefulShutdown but its ActionInfo only On;
    Tab offered ForceOff, which validation then refused."""
    from iloshell.model.validate import check_action

    info = {**ACTION_INFO, "Parameters": [{"Name": "ResetType", "AllowableValues": ["On"]}]}
    source = DictSource({**SERVICE, "/redfish/v1/Systems/1/ResetActionInfo": info}, cwd=SYSTEM_1)
    action = SERVICE["/redfish/v1/Systems/1"]["Actions"]["#ComputerSystem.Reset"]
    assert texts("invoke Reset ResetType=", source) == ["On"]
    assert check_action({"ResetType": "On"}, action, info) == []
    assert check_action({"ResetType": "ForceOff"}, action, info)


def test_invoke_with_a_path_first():
    assert texts("invoke /Systems/1 R") == ["Reset "]
    assert texts("invoke /Systems/1 Reset ResetType=G") == ["GracefulRestart"]


def test_invoke_asks_for_an_action_info_not_cached():
    source = service(cwd=SYSTEM_1)
    source.hold("/redfish/v1/Systems/1/ResetActionInfo")
    result = complete("invoke Reset ", source)
    assert [s.text for s in result.items] == ["ResetType="] and result.pending
    assert "/redfish/v1/Systems/1/ResetActionInfo" in source.wanted


# -- other kinds of words


def test_help_completes_command_names_and_raw_its_methods():
    assert texts("help hi") == ["history"]
    assert texts("raw P") == ["POST", "PATCH", "PUT"]
    assert texts("raw g") == ["get"]  # as the user spells them


def test_source_completes_local_files(tmp_path, monkeypatch):
    (tmp_path / "setup.ilo").write_text("pwd\n")
    (tmp_path / "scripts").mkdir()
    monkeypatch.chdir(tmp_path)
    assert sorted(texts("source s")) == ["scripts/", "setup.ilo"]


@pytest.mark.parametrize("text", ["", "c", "cd ", "set ", "invoke ", "ls -", "cat /redfish/v1/"])
def test_without_a_service_root_nothing_breaks(text):
    source = DictSource({}, cwd=ROOT)
    result = Engine(source).complete(text)
    assert isinstance(result.items, list)
