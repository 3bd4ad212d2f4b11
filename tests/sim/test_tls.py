"""HTTPS: a CA-signed certificate (trustme) a client verifies, and the self-signed --tls one."""

from __future__ import annotations

import socket
import ssl

import pytest
import requests
import trustme

from iloshell.sim.testing import simulate

# The self-signed tests connect with verify=False on purpose.
pytestmark = pytest.mark.filterwarnings("ignore::urllib3.exceptions.InsecureRequestWarning")


@pytest.fixture(scope="module")
def ca():
    return trustme.CA()


def test_a_client_that_trusts_the_ca_verifies_the_simulator(ca, tmp_path):
    certificate = ca.issue_cert("127.0.0.1", "localhost")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    certificate.configure_cert(context)
    bundle = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(bundle))
    with simulate(ssl_context=context) as sim:
        assert sim.url.startswith("https://127.0.0.1:")
        root = requests.get(sim.url + "/redfish/v1/", verify=str(bundle), timeout=5)
        assert root.status_code == 200
        login = requests.post(
            sim.url + "/redfish/v1/SessionService/Sessions/",
            json={"UserName": sim.user, "Password": sim.password},
            verify=str(bundle),
            timeout=5,
        )
        assert login.status_code == 201
        with pytest.raises(requests.exceptions.SSLError):
            requests.get(sim.url + "/redfish/v1/", verify=True, timeout=5)  # not a public CA


def test_certificate_and_key_files_are_accepted(ca, tmp_path):
    certificate = ca.issue_cert("127.0.0.1")
    cert_file, key_file, bundle = tmp_path / "cert.pem", tmp_path / "key.pem", tmp_path / "ca.pem"
    certificate.cert_chain_pems[0].write_to_path(str(cert_file))
    certificate.private_key_pem.write_to_path(str(key_file))
    ca.cert_pem.write_to_path(str(bundle))
    with simulate(certfile=cert_file, keyfile=key_file) as sim:
        assert requests.get(sim.url + "/redfish/v1/", verify=str(bundle), timeout=5).ok


def test_tls_makes_a_self_signed_x509_v3_certificate_at_start():
    from cryptography import x509

    with simulate(tls=True) as sim:
        host, port = sim.url.removeprefix("https://").rsplit(":", 1)
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        with (
            socket.create_connection((host, int(port)), timeout=5) as raw,
            context.wrap_socket(raw, server_hostname=host) as tls,
        ):
            der = tls.getpeercert(binary_form=True)
            assert tls.version() in ("TLSv1.2", "TLSv1.3")
        certificate = x509.load_der_x509_certificate(der)
        assert certificate.version == x509.Version.v3
        names = certificate.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
        assert "localhost" in names.get_values_for_type(x509.DNSName)
        response = requests.get(
            sim.url + "/redfish/v1/Systems/1",
            auth=(sim.user, sim.password),
            verify=False,
            timeout=5,
        )
        assert response.status_code == 200


def test_plain_http_to_the_tls_port_does_not_disturb_the_server():
    with simulate(tls=True) as sim:
        with pytest.raises(requests.exceptions.ConnectionError):
            requests.get(sim.url.replace("https://", "http://") + "/redfish/v1/", timeout=5)
        assert requests.get(sim.url + "/redfish/v1/", verify=False, timeout=5).status_code == 200
