"""Query parameters: $expand (inline members), $select, $top/$skip, only; unsupported ones 501."""

from __future__ import annotations

import pytest

from tests.sim.conftest import message_names

MEMORY = "/redfish/v1/Systems/1/Memory"


@pytest.mark.parametrize("value", [".", "*", ".($levels=1)", "*($levels=1)"])
def test_expand_puts_the_members_inline(api, value):
    collection = api.get(MEMORY).json()
    expanded = api.get(f"{MEMORY}?$expand={value}").json()
    assert len(expanded["Members"]) == collection["Members@odata.count"] > 0
    for link, member in zip(collection["Members"], expanded["Members"], strict=True):
        assert member["@odata.id"] == link["@odata.id"]
        assert member["@odata.etag"] == api.get(link["@odata.id"]).headers["ETag"]


def test_expand_of_links_only(api):
    system = api.get("/redfish/v1/Systems/1?$expand=~").json()
    chassis = system["Links"]["Chassis"][0]
    assert chassis["@odata.type"].startswith("#Chassis.")
    assert set(system["Memory"]) == {"@odata.id"}  # subordinate links stay links


def test_select_top_skip_and_only(api):
    selected = api.get(
        "/redfish/v1/Systems/1?$select=AssetTag,Boot/BootSourceOverrideTarget"
    ).json()
    assert set(selected) - {"@odata.id", "@odata.type", "@odata.etag", "@odata.context"} == {
        "AssetTag",
        "Boot",
    }
    assert set(selected["Boot"]) == {"BootSourceOverrideTarget"}
    page = api.get(f"{MEMORY}?$top=2&$skip=1").json()
    assert len(page["Members"]) == 2 and page["Members@odata.count"] > 3
    assert "$skip=3" in page["Members@odata.nextLink"]
    only = api.get("/redfish/v1/Systems?only").json()
    assert only["@odata.id"] == "/redfish/v1/Systems/1"


@pytest.mark.parametrize(
    ("query", "status", "name"),
    [
        ("$expand=everything", 400, "QueryParameterValueFormatError"),
        ("$top=-1", 400, "QueryParameterValueTypeError"),
        ("only=foo", 400, "QueryParameterValueFormatError"),
        ("$filter=Id eq '1'", 501, "QueryNotSupported"),
        ("$rpvunknown", 501, "QueryNotSupported"),
    ],
)
def test_bad_and_unsupported_query_parameters(api, query, status, name):
    response = api.get(f"{MEMORY}?{query}")
    assert (response.status_code, message_names(response)) == (status, [name])
