"""Completion answers that must agree with what the shell accepts and shows: a BIOS
attribute's values come from its registry alone, tour offers its own words, and a link's
menu meta uses ls's word for it."""

from __future__ import annotations

import pytest

from iloshell.commands.runner import load_commands
from iloshell.commands.spec import REGISTRY
from iloshell.commands.tour import CHOICES
from iloshell.frontends.completion import Engine

from .source import SERVICE, DictSource, at, service

SYSTEM_1 = at("Systems", "1", uri="/redfish/v1/Systems/1")


def texts(text: str, source: DictSource) -> list[str]:
    return [s.text for s in Engine(source).complete(text).items]


@pytest.mark.parametrize("operator", ["=", ":=", "=="])
def test_an_enumeration_attribute_offers_its_values_and_no_booleans(operator):
    found = texts(f"set Bios/Attributes/WorkloadProfile{operator}", service(cwd=SYSTEM_1))
    shown = [t.strip('"') for t in found]
    assert shown == ["GeneralPowerEfficientCompute", "Virtualization-MaxPerformance"]


def test_booleans_only_where_the_registry_says_boolean():
    source = service(cwd=SYSTEM_1)
    assert texts("set Bios/Attributes/PostBootProgress=", source) == ["true", "false"]
    assert texts("set Bios/Attributes/AdminPhone=", source) == []  # a String: free text
    # The Bios schema lets any attribute be any scalar; that is not a reason to offer true.
    assert texts("set Bios/Attributes/NotInTheRegistry=", source) == []


def test_before_the_registry_arrives_nothing_is_guessed_from_the_schema():
    source = DictSource(SERVICE, cwd=SYSTEM_1)  # no registry loaded yet
    result = Engine(source).complete("set Bios/Attributes/WorkloadProfile=")
    assert [s.text for s in result.items] == []


def test_schema_booleans_are_still_offered_elsewhere():
    found = texts("set Boot/BootSourceOverrideTarget=", service(cwd=SYSTEM_1))
    assert found == ["None", "Pxe", "Hdd", "UefiShell"]


def test_tour_offers_its_words_and_step_numbers_from_the_declaration():
    load_commands()
    assert REGISTRY["tour"].positionals[0].choices == CHOICES
    found = texts("tour ", service())
    assert found[:3] == ["next", "list", "stop"]
    assert found[3:] == [str(n) for n in range(1, len(CHOICES) - 2)]
    assert texts("tour l", service()) == ["list"]
    assert texts("tour 1", service()) == ["1", "10", "11"]


def test_a_link_not_fetched_yet_is_a_resource_as_ls_says():
    source = service(cwd=SYSTEM_1)
    source.hold("/redfish/v1/systems/1/bios/")
    found = {s.display: s.meta for s in Engine(source).complete("ls B").items}
    assert found["Bios/"] == "resource"
