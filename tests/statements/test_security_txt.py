"""/.well-known/security.txt (RFC 9116): made from the settings, never from the request's Host header."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from consult import config

PATH = "/.well-known/security.txt"


def _fields(body: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for line in body.splitlines():
        if line and not line.startswith("#"):
            name, value = line.split(": ", 1)
            found.setdefault(name, []).append(value)
    return found


def test_the_file_has_the_fields_rfc_9116_asks_for(app):
    app.config.update(SECURITY_CONTACT="mailto:security@northshire.example.gov.uk",
                      PUBLIC_URL="https://consult.northshire.example.gov.uk")
    response = app.test_client().get(PATH)
    assert response.status_code == 200
    assert response.content_type == "text/plain; charset=utf-8"
    fields = _fields(response.get_data(as_text=True))
    assert fields["Contact"] == ["mailto:security@northshire.example.gov.uk"]
    assert fields["Canonical"] == ["https://consult.northshire.example.gov.uk/.well-known/security.txt"]
    assert fields["Preferred-Languages"] == ["en, cy"]
    (expires,) = fields["Expires"]
    when = datetime.fromisoformat(expires.replace("Z", "+00:00"))
    now = datetime.now(timezone.utc)
    # In the future, and less than a year away (RFC 9116 section 2.5.5).
    assert now < when < now + timedelta(days=365)


def test_the_host_header_never_reaches_the_file(app):
    app.config.update(SECURITY_CONTACT="https://northshire.example.gov.uk/security", PUBLIC_URL="")
    body = app.test_client().get(PATH, headers={"Host": "evil.example"}).get_data(as_text=True)
    assert "evil.example" not in body
    fields = _fields(body)
    assert fields["Contact"] == ["https://northshire.example.gov.uk/security"]
    assert "Canonical" not in fields  # no public address set: nothing to name as canonical


def test_without_a_contact_it_points_at_the_privacy_notice_and_asks_operators_to_set_one(app):
    app.config.update(SECURITY_CONTACT="", PUBLIC_URL="https://consult.northshire.example.gov.uk")
    body = app.test_client().get(PATH).get_data(as_text=True)
    assert _fields(body)["Contact"] == ["https://consult.northshire.example.gov.uk/privacy"]
    assert "SECURITY_CONTACT" in body


def test_without_a_contact_or_an_address_there_is_no_file_but_a_note_for_operators(app):
    app.config.update(SECURITY_CONTACT="", PUBLIC_URL="")
    response = app.test_client().get(PATH, headers={"Host": "evil.example"})
    assert response.status_code == 404
    body = response.get_data(as_text=True)
    assert "Contact:" not in body and "set SECURITY_CONTACT" in body


@pytest.mark.parametrize("typed, kept", [
    ("security@northshire.example.gov.uk", "mailto:security@northshire.example.gov.uk"),
    ("mailto:security@northshire.example.gov.uk", "mailto:security@northshire.example.gov.uk"),
    (" https://northshire.example.gov.uk/report ", "https://northshire.example.gov.uk/report"),
    ("", ""),
])
def test_the_contact_setting_takes_an_email_or_an_address(monkeypatch, typed, kept):
    monkeypatch.setenv("SECURITY_CONTACT", typed)
    assert config.load({"SECRET_KEY": "x"})["SECURITY_CONTACT"] == kept


@pytest.mark.parametrize("typed", ["northshire.example.gov.uk", "http://northshire.example.gov.uk/report",
                                   "javascript:alert(1)"])
def test_a_contact_that_is_not_a_uri_stops_the_app_starting(monkeypatch, typed):
    monkeypatch.setenv("SECURITY_CONTACT", typed)
    with pytest.raises(ValueError, match="SECURITY_CONTACT"):
        config.load({"SECRET_KEY": "x"})
