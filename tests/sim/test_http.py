"""The HTTP layer: keep-alive, headers, bodies on every error, odd requests, public documents."""

from __future__ import annotations

import http.client
import json
import socket
import xml.etree.ElementTree as ET

import pytest
import requests

from iloshell.sim.loader import served_registries
from tests.sim.conftest import message_ids, message_names


def _address(sim) -> tuple[str, int]:
    host, port = sim.url.removeprefix("http://").rsplit(":", 1)
    return host, int(port)


def _connection(sim) -> http.client.HTTPConnection:
    return http.client.HTTPConnection(*_address(sim), timeout=5)


def test_keep_alive_serves_many_requests_on_one_connection(sim):
    conn = _connection(sim)
    for _ in range(20):
        conn.request("GET", "/redfish/v1/")
        response = conn.getresponse()
        assert response.status == 200 and response.version == 11
        assert int(response.getheader("Content-Length")) == len(response.read())
    conn.close()
    assert sim.stats()["requests"]["GET"] == 20


def test_service_root_and_redfish_version_document_need_no_credentials(sim, api):
    anonymous = requests.Session()
    root = anonymous.get(sim.url + "/redfish/v1/", timeout=5)
    assert root.status_code == 200 and root.json()["@odata.id"].startswith("/redfish/v1")
    assert anonymous.get(sim.url + "/redfish", timeout=5).json() == {"v1": "/redfish/v1/"}
    for header in ("ETag", "Allow", "Link", "Cache-Control", "OData-Version"):
        assert root.headers.get(header), header
    assert root.headers["Content-Type"] == "application/json; charset=utf-8"


def test_metadata_and_odata_documents(sim):
    metadata = requests.get(sim.url + "/redfish/v1/$metadata", timeout=5)
    assert metadata.status_code == 200
    assert metadata.headers["Content-Type"] == "application/xml; charset=utf-8"
    tree = ET.fromstring(metadata.text)
    container = tree.find(".//{http://docs.oasis-open.org/odata/ns/edm}EntityContainer")
    assert container is not None and container.get("Extends").startswith("ServiceRoot.v1_")
    odata = requests.get(sim.url + "/redfish/v1/odata", timeout=5).json()
    assert odata["@odata.context"] == "/redfish/v1/$metadata"
    assert {"name": "Systems", "kind": "Singleton", "url": "/redfish/v1/Systems"} in odata["value"]


def test_head_has_the_headers_of_get_and_no_body(api):
    get = api.get("/redfish/v1/Systems/1")
    head = api.request("HEAD", "/redfish/v1/Systems/1")
    assert head.status_code == 200 and head.content == b""
    assert head.headers["ETag"] == get.headers["ETag"]
    assert head.headers["Content-Length"] == str(len(get.content))


def test_every_error_has_an_ilo_body_citing_a_served_registry(sim, api):
    served = {r.id_prefix for r in served_registries(dict(sim.store.items()))}
    responses = [
        api.get("/redfish/v1/NoSuchThing"),
        api.request("PUT", "/redfish/v1/Systems/1", json={}),
        api.request("BREW", "/redfish/v1/Systems/1"),
        api.patch("/redfish/v1/Systems/1", {"SerialNumber": "x"}),
        api.delete("/redfish/v1/Systems/1"),
        api.get("/redfish/v1/", headers={"OData-Version": "4.1"}),
        requests.get(sim.url + "/redfish/v1/Systems", timeout=5),
    ]
    assert [r.status_code for r in responses] == [404, 405, 501, 400, 405, 412, 401]
    for response in responses:
        body = response.json()
        assert body["error"]["code"] == "iLO.0.10.ExtendedInfo"
        assert body["error"]["message"] == "See @Message.ExtendedInfo for more information."
        for message_id in message_ids(response):
            assert message_id.rsplit(".", 1)[0] in served, message_id
    assert message_names(responses[0]) == ["ResourceMissingAtURI"]
    assert responses[1].headers["Allow"] == "GET, HEAD, PATCH"


def test_bodies_that_are_not_json_objects(api):
    cases = [
        (b"{not json", "application/json", 400, "MalformedJSON"),
        (b"", "application/json", 400, "MalformedJSON"),
        (b"[1, 2]", "application/json", 400, "UnrecognizedRequestBody"),
        (b'{"AssetTag": "a", "AssetTag": "b"}', "application/json", 400, "PropertyDuplicate"),
        (b'{"AssetTag": NaN}', "application/json", 400, "MalformedJSON"),
        (b"AssetTag=x", "application/x-www-form-urlencoded", 415, "GeneralError"),
    ]
    for data, content_type, status, name in cases:
        response = api.request(
            "PATCH", "/redfish/v1/Systems/1", data=data, headers={"Content-Type": content_type}
        )
        assert (response.status_code, message_names(response)) == (status, [name]), data


def test_oversized_and_malformed_framing_get_error_bodies(sim):
    conn = _connection(sim)
    conn.request("PATCH", "/redfish/v1/Systems/1", headers={"Content-Length": str(2 << 20)})
    response = conn.getresponse()
    assert response.status == 413
    assert json.loads(response.read())["error"]["code"] == "iLO.0.10.ExtendedInfo"
    conn.close()
    raw = socket.create_connection(_address(sim), timeout=5)
    raw.sendall(b"GARBAGE\r\n\r\n")
    reply = raw.recv(4096).decode()
    raw.close()
    assert reply.startswith("HTTP/1.") and "iLO.0.10.ExtendedInfo" in reply


def test_chunked_request_bodies_are_read(api):
    def chunks():
        yield b'{"AssetTag": '
        yield b'"CHUNKED"}'

    response = api.request(
        "PATCH",
        "/redfish/v1/Systems/1",
        data=chunks(),
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 200 and response.json()["AssetTag"] == "CHUNKED"


@pytest.mark.parametrize("query", ["rpvunknown", "foo=bar"])
def test_unknown_query_parameters_without_dollar_are_ignored(api, query):
    assert api.get(f"/redfish/v1/Systems/1?{query}").status_code == 200


def test_options_lists_the_allowed_methods(api):
    response = api.request("OPTIONS", "/redfish/v1/AccountService/Accounts")
    assert response.status_code == 204 and response.headers["Allow"] == "GET, HEAD, POST"
