"""Webhooks may not reach this server or a private network (server-side request forgery): refused when
staff save the address, and again right before every try, connecting to the address that was checked.
A local receiver works only with WEBHOOK_ALLOW_PRIVATE_ADDRESSES (tests/webhooks/conftest.py)."""

from __future__ import annotations

import ipaddress
import socket

import pytest

from consult.extensions import db
from consult.models._time import utcnow
from consult.models.webhook import Webhook, WebhookDelivery
from consult.webhooks import addresses
from consult.webhooks.addresses import Refused, address_problem, is_public, target_of
from consult.webhooks.delivery import deliver
from tests.webhooks.receiver import Receiver
from tests.webhooks.support import add_hook, deliveries, make_consultation, submit_response

PRIVATE = "leads to this server or a private network"
NOT_AN_ADDRESS = "Enter a web address"

HOSTILE = [
    ("http://127.0.0.1/hook", PRIVATE),
    ("https://127.0.0.1:6379/", PRIVATE),
    ("https://127.1/", NOT_AN_ADDRESS),
    ("http://[::1]/hook", PRIVATE),
    ("https://[::1]:8443/hook", PRIVATE),
    ("https://[::ffff:127.0.0.1]/", PRIVATE),
    ("https://[::ffff:7f00:1]/", PRIVATE),
    ("http://10.0.0.1/", PRIVATE),
    ("https://10.0.0.1/", PRIVATE),
    ("https://172.16.5.4/", PRIVATE),
    ("https://192.168.1.10/admin", PRIVATE),
    ("https://100.64.0.1/", PRIVATE),  # shared address space (carrier-grade NAT)
    ("http://169.254.169.254/latest/meta-data/", PRIVATE),  # a cloud's metadata service
    ("https://[fe80::1]/", PRIVATE),
    ("https://[fd12:3456:789a::1]/", PRIVATE),  # unique-local IPv6
    ("https://224.0.0.1/", PRIVATE),
    ("https://[ff02::1]/", PRIVATE),
    ("https://0.0.0.0/", PRIVATE),
    ("https://[::]/", PRIVATE),
    ("https://localhost/hook", PRIVATE),
    ("https://localhost./hook", PRIVATE),
    ("https://admin.localhost/", PRIVATE),
    # The same machine written as one number, in octal, in hex: not the usual form of an address.
    ("http://2130706433/", NOT_AN_ADDRESS),
    ("https://2130706433/", NOT_AN_ADDRESS),
    ("https://0177.0.0.1/", NOT_AN_ADDRESS),
    ("https://0x7f000001/", NOT_AN_ADDRESS),
    ("https://0x7f.0.0.1/", NOT_AN_ADDRESS),
    ("https://017700000001/", NOT_AN_ADDRESS),
]


@pytest.fixture
def strict(app):
    """As in production: private addresses not allowed."""
    app.config["WEBHOOK_ALLOW_PRIVATE_ADDRESSES"] = False
    return app


@pytest.mark.parametrize("address, message", HOSTILE)
def test_addresses_inside_are_refused_when_saved(strict, address, message):
    with strict.test_request_context():
        problem = address_problem(address)
    assert problem is not None and message in problem


@pytest.mark.parametrize("address", ["http://127.0.0.1/hook", "https://[::1]/", "http://10.0.0.1/",
                                     "https://localhost/", "http://2130706433/",
                                     "https://169.254.169.254/"])
def test_the_staff_form_refuses_them_with_a_clear_message(strict, signed_in, address):
    with strict.app_context():
        consultation_id = make_consultation()
    editor = signed_in("editor")
    page = editor.get(f"/staff/consultations/{consultation_id}/webhooks")
    page = editor.submit(page, {"url": address})
    assert page.status == 422 and page.title.startswith("Error:")
    summary = page.soup.select_one(".error-summary").get_text()
    assert PRIVATE in summary or NOT_AN_ADDRESS in summary
    with strict.app_context():
        assert db.session.scalars(db.select(Webhook)).all() == []


def test_a_name_that_resolves_inside_is_refused(strict, monkeypatch):
    monkeypatch.setattr(addresses, "resolve", lambda host, port: [ipaddress.ip_address("10.1.2.3")])
    with strict.test_request_context():
        assert PRIVATE in address_problem("https://innocent.example.org/hook")


def test_a_name_on_the_internet_is_accepted_and_one_not_found_yet_is_too(strict, monkeypatch):
    with strict.test_request_context():
        monkeypatch.setattr(addresses, "resolve", lambda host, port: [ipaddress.ip_address("93.184.216.34")])
        assert address_problem("https://hooks.example.org/consult") is None
        assert "must start with https://" in address_problem("http://hooks.example.org/consult")

        def nowhere(host, port):
            raise socket.gaierror("no such name")

        monkeypatch.setattr(addresses, "resolve", nowhere)
        assert address_problem("https://not-set-up-yet.example.org/") is None


def test_a_local_receiver_needs_the_setting(app):
    with app.test_request_context():
        app.config["WEBHOOK_ALLOW_PRIVATE_ADDRESSES"] = True
        assert address_problem("http://127.0.0.1:8123/hook") is None
        assert address_problem("http://localhost/hook") is None
        assert address_problem("http://[::1]:8123/hook") is None
        app.config["WEBHOOK_ALLOW_PRIVATE_ADDRESSES"] = False
        assert PRIVATE in address_problem("http://127.0.0.1:8123/hook")
    # Off unless the environment turns it on; testing mode changes nothing.
    from consult.config import load

    assert load({})["WEBHOOK_ALLOW_PRIVATE_ADDRESSES"] is False


@pytest.mark.parametrize("text, public", [
    ("93.184.216.34", True), ("2606:2800:220:1:248:1893:25c8:1946", True),
    ("127.0.0.1", False), ("10.0.0.1", False), ("169.254.169.254", False), ("::1", False), ("fc00::1", False),
    ("fe80::1", False), ("224.0.0.251", False), ("0.0.0.0", False), ("::", False), ("::ffff:10.0.0.1", False),
    ("2002:a00:1::", False),  # 6to4 around 10.0.0.1
    ("2001:0:4136:e378:8000:63bf:3fff:fdd2", False),  # Teredo
    ("198.18.0.1", False), ("240.0.0.1", False), ("255.255.255.255", False),
])
def test_which_addresses_are_public(text, public):
    assert is_public(ipaddress.ip_address(text)) is public


def test_the_check_is_made_again_before_every_try(strict, monkeypatch):
    """Saved while the name resolved to the internet; by the time of sending, it resolves to this machine."""
    with Receiver() as receiver:
        port = receiver.server.server_address[1]
        with strict.test_request_context():
            consultation_id = make_consultation()
            _hook, receiver.secret = add_hook(consultation_id, f"http://rebound.example.org:{port}/hook")
            submit_response(consultation_id)
        monkeypatch.setattr(addresses, "resolve", lambda host, port: [ipaddress.ip_address("127.0.0.1")])
        with strict.app_context():
            [delivery] = deliveries()
            assert deliver(delivery.id) == "waiting"
            [delivery] = deliveries()
            assert delivery.last_error.startswith("Refused:") and delivery.last_status is None
        assert receiver.requests == []


def test_it_connects_to_the_address_it_checked(app, monkeypatch):
    """The name is resolved once per try, by the check; the connection goes to that address while the
    request still names the host staff gave (so no second lookup can answer differently)."""
    asked = []

    def resolve(host, port):
        asked.append(host)
        return [ipaddress.ip_address("127.0.0.1")]

    monkeypatch.setattr(addresses, "resolve", resolve)
    with Receiver() as receiver:
        port = receiver.server.server_address[1]
        with app.test_request_context():
            consultation_id = make_consultation()
            # No DNS knows this name: only the checked address can have been used.
            _hook, receiver.secret = add_hook(consultation_id, f"http://receiver.invalid:{port}/hook?x=1")
            submit_response(consultation_id)
        asked.clear()
        with app.app_context():
            [delivery] = deliveries()
            assert deliver(delivery.id) == "delivered"
    assert asked == ["receiver.invalid"]
    [request] = receiver.requests
    assert request["host"] == f"receiver.invalid:{port}" and request["path"] == "/hook?x=1"
    assert receiver.bad_signatures == 0


def test_a_refused_target_names_the_reason(strict, monkeypatch):
    with strict.app_context():
        with pytest.raises(Refused):
            target_of("https://127.0.0.1/")
        with pytest.raises(Refused):
            target_of("https://2130706433/")
        monkeypatch.setattr(addresses, "resolve", lambda host, port: [ipaddress.ip_address("93.184.216.34"),
                                                                      ipaddress.ip_address("10.0.0.8")])
        with pytest.raises(Refused):  # one private answer among public ones is enough to refuse
            target_of("https://mixed.example.org/")
        monkeypatch.setattr(addresses, "resolve", lambda host, port: [ipaddress.ip_address("93.184.216.34")])
        target = target_of("https://public.example.org/in?a=b")
        assert (target.host, target.port, target.path, target.ip) == ("public.example.org", 443, "/in?a=b",
                                                                      "93.184.216.34")
        with pytest.raises(Refused):
            target_of("http://public.example.org/")  # plain http only to a private receiver, when allowed


def test_a_delivery_refused_at_sending_time_is_logged_not_sent(strict):
    with strict.test_request_context():
        consultation_id = make_consultation()
        add_hook(consultation_id, "https://[::1]:9/hook")
        submit_response(consultation_id)
        [delivery] = deliveries()
        deliver(delivery.id)
        found = db.session.get(WebhookDelivery, delivery.id)
        assert found.state == "waiting" and "private network" in found.last_error
        assert found.next_attempt_at > utcnow()
