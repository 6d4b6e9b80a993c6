"""HTTPS to the checked address: the connection goes to the IP address that was checked, while TLS
still asks for (SNI) and verifies the certificate of the name staff gave."""

from __future__ import annotations

import datetime as dt
import ipaddress
import ssl

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from consult.webhooks import addresses, sending
from consult.webhooks.delivery import deliver
from tests.webhooks.receiver import Receiver
from tests.webhooks.support import add_hook, deliveries, make_consultation, submit_response


def _name(text: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, text)])


def _certificates(host: str, folder) -> tuple[bytes, str, str]:
    """(the test authority's PEM, a certificate file for ``host`` it signed, its key file)."""
    now = dt.datetime.now(dt.timezone.utc)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = (x509.CertificateBuilder().subject_name(_name("Test authority")).issuer_name(_name("Test authority"))
          .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
          .not_valid_before(now - dt.timedelta(hours=1)).not_valid_after(now + dt.timedelta(days=1))
          .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
          .sign(ca_key, hashes.SHA256()))
    key = ec.generate_private_key(ec.SECP256R1())
    leaf = (x509.CertificateBuilder().subject_name(_name(host)).issuer_name(ca.subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(hours=1)).not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName(host)]), critical=False)
            .sign(ca_key, hashes.SHA256()))
    cert_file, key_file = folder / "leaf.pem", folder / "leaf.key"
    cert_file.write_bytes(leaf.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return ca.public_bytes(serialization.Encoding.PEM), str(cert_file), str(key_file)


@pytest.mark.parametrize("certificate_for, delivered", [("hooks.test", True), ("someone-else.test", False)])
def test_https_goes_to_the_checked_address_and_checks_the_name(app, monkeypatch, tmp_path, certificate_for,
                                                               delivered):
    authority, cert_file, key_file = _certificates(certificate_for, tmp_path)
    server_side = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_side.load_cert_chain(cert_file, key_file)
    trusted = ssl.create_default_context(cadata=authority.decode())
    monkeypatch.setattr(sending.ssl, "create_default_context", lambda: trusted)
    monkeypatch.setattr(addresses, "resolve", lambda host, port: [ipaddress.ip_address("127.0.0.1")])
    with Receiver() as receiver:
        receiver.server.socket = server_side.wrap_socket(receiver.server.socket, server_side=True)
        port = receiver.server.server_address[1]
        with app.test_request_context():
            consultation_id = make_consultation()
            _hook, receiver.secret = add_hook(consultation_id, f"https://hooks.test:{port}/hook")
            submit_response(consultation_id)
        with app.app_context():
            [delivery] = deliveries()
            state = deliver(delivery.id)
            [delivery] = deliveries()
    if delivered:
        assert state == "delivered" and receiver.requests[0]["host"] == f"hooks.test:{port}"
    else:
        # The certificate is for another name: refused by TLS, nothing sent.
        assert state == "waiting" and "CERTIFICATE_VERIFY_FAILED" in delivery.last_error
        assert receiver.requests == []
