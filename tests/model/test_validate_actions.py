"""check_action with the real actions and ActionInfo resources of the mockups."""

from __future__ import annotations

import json

import pytest

from iloshell.model import check_action
from tests.conftest import RACKMOUNT, REGISTRIES
from tests.model.helpers import MockupFetcher

BASE_1_4 = json.loads((REGISTRIES / "Base.1.4.0.json").read_text())["Messages"]


def well_formed(found):
    for v in found:
        assert v.message in BASE_1_4
        assert len(v.args) == BASE_1_4[v.message]["NumberOfArgs"]
    return found


@pytest.fixture
def reset(ilo_system):
    return ilo_system["Actions"]["#ComputerSystem.Reset"]


def test_allowable_values_on_the_action(reset):
    assert check_action({"ResetType": "ForceRestart"}, reset) == []
    (v,) = well_formed(check_action({"ResetType": "PowerCycle"}, reset))
    assert (v.pointer, v.message, v.args) == (
        "/ResetType",
        "ActionParameterValueFormatError",
        ("PowerCycle", "ResetType", "ComputerSystem.Reset"),
    )
    assert "GracefulShutdown" in v.reason


def test_without_action_info_the_annotated_parameters_are_the_known_ones(reset):
    """No ActionInfo, no schema: the action's own ``X@Redfish.AllowableValues`` name its
    parameters, so one named nowhere is refused, with the known ones listed."""
    (v,) = well_formed(check_action({"ResetType": "On", "Delay": 3}, reset))
    assert (v.message, v.reason) == (
        "ActionParameterUnknown",
        "ComputerSystem.Reset has no parameter Delay; it takes ResetType",
    )


def test_with_nothing_to_go_by_unknown_parameters_pass():
    """An action with only a target: the parameter set is not known, nothing is unknown."""
    bare = {"target": "/redfish/v1/Systems/1/Actions/ComputerSystem.Reset"}
    assert check_action({"ResetType": "On", "Delay": 3}, bare) == []


def test_with_schema_parameters(reset, ilo_library):
    action_schema = ilo_library.for_type("#ComputerSystem.v1_10_0.ComputerSystem").actions()[
        "#ComputerSystem.Reset"
    ]
    (v,) = well_formed(check_action({}, reset, action_schema=action_schema))
    assert (v.message, v.args) == ("ActionParameterMissing", ("ComputerSystem.Reset", "ResetType"))
    assert "ForceRestart" in v.reason
    (v,) = well_formed(
        check_action({"ResetType": "On", "Delay": 3}, reset, action_schema=action_schema)
    )
    assert (v.message, v.args) == ("ActionParameterUnknown", ("ComputerSystem.Reset", "Delay"))
    (v,) = well_formed(check_action({"ResetType": 3}, reset, action_schema=action_schema))
    assert v.message == "ActionParameterValueTypeError"


@pytest.fixture(scope="module")
def submit_test_event():
    fetch = MockupFetcher(RACKMOUNT)
    service = fetch("/redfish/v1/EventService")
    action = service["Actions"]["#EventService.SubmitTestEvent"]
    info = fetch(action["@Redfish.ActionInfo"])
    assert info is not None
    return action, info


def test_action_info_rules(submit_test_event):
    action, info = submit_test_event
    good = {"MessageId": "Base.1.0.Success", "EventType": "Alert", "MessageArgs": ["a"]}
    assert check_action(good, action, info) == []
    found = well_formed(
        check_action(
            {"EventType": "Sometimes", "MessageArgs": "a", "Bogus": 1, "EventGroupId": "7"},
            action,
            info,
        )
    )
    by_message = {v.message: v for v in found}
    assert set(by_message) == {
        "ActionParameterValueFormatError",
        "ActionParameterValueTypeError",
        "ActionParameterUnknown",
        "ActionParameterMissing",
    }
    assert by_message["ActionParameterMissing"].args == (
        "EventService.SubmitTestEvent",
        "MessageId",
    )
    assert by_message["ActionParameterUnknown"].args == ("EventService.SubmitTestEvent", "Bogus")
    assert by_message["ActionParameterValueFormatError"].args == (
        "Sometimes",
        "EventType",
        "EventService.SubmitTestEvent",
    )
    types = [v for v in found if v.message == "ActionParameterValueTypeError"]
    assert {v.args[1] for v in types} == {"MessageArgs", "EventGroupId"}


def test_not_supported_when_schema_knows_but_service_does_not(reset, ilo_library):
    action_schema = ilo_library.for_type("#ComputerSystem.v1_10_0.ComputerSystem").actions()[
        "#ComputerSystem.Reset"
    ]
    info = {"Parameters": [{"Name": "Other", "Required": False, "DataType": "String"}]}
    (v,) = well_formed(check_action({"ResetType": "On"}, reset, info, action_schema=action_schema))
    assert (v.message, v.args) == (
        "ActionParameterNotSupported",
        ("ResetType", "ComputerSystem.Reset"),
    )


def test_name_and_secrets_and_odd_bodies():
    action = {"target": "/redfish/v1/AccountService/Accounts/3/Actions/Foo.ChangePassword/"}
    info = {
        "Parameters": [
            {
                "Name": "NewPassword",
                "Required": True,
                "DataType": "String",
                "AllowableValues": ["x"],
            },
            {"Name": "Count", "DataType": "Number"},
            {"Name": "Odd", "DataType": "Quaternion"},
        ]
    }
    (v,) = check_action({"NewPassword": "hunter2"}, action, info)
    assert v.args[2] == "Foo.ChangePassword"
    assert "hunter2" not in v.reason and "hunter2" not in v.args
    (v,) = check_action({"NewPassword": "x", "Count": True}, action, info, name="#Renamed.Act")
    assert v.args == ("true", "Count", "Renamed.Act")
    assert check_action({"NewPassword": "x", "Count": 2.5, "Odd": [1]}, action, info) == []
    assert (
        check_action({"NewPassword": "x", "@Redfish.OperationApplyTime": "Immediate"}, action, info)
        == []
    )
    (v,) = check_action(["not", "an", "object"], action, info)  # type: ignore[arg-type]
    assert v.message == "UnrecognizedRequestBody"
    assert check_action({}, {}, None) == []
