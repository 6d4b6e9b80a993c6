"""The staff page of a consultation's webhooks: who may use it, adding an address (HTTPS only), the
secret shown once, removing, CSRF; and the link from the builder."""

from __future__ import annotations

import pytest

from consult.extensions import db
from consult.models.webhook import Webhook
from tests.html_checks import assert_well_formed
from tests.webhooks.support import make_consultation


@pytest.fixture
def consultation_id(app):
    with app.app_context():
        return make_consultation()


def _page(consultation_id):
    return f"/staff/consultations/{consultation_id}/webhooks"


def _hooks(app):
    with app.app_context():
        return list(db.session.scalars(db.select(Webhook)))


def test_only_editors_and_admins_see_it(app, signed_in, consultation_id):
    assert signed_in("analyst").get(_page(consultation_id)).status == 403
    signed_out = app.test_client().get(_page(consultation_id))
    assert signed_out.status_code in (302, 303) and "/staff/sign-in" in signed_out.headers["Location"]
    assert signed_in("admin").get(_page(consultation_id)).status == 200
    assert signed_in("editor").get("/staff/consultations/999999/webhooks").status == 404


def test_the_builder_links_to_it(signed_in, consultation_id):
    page = signed_in("editor").get(f"/staff/consultations/{consultation_id}")
    assert page.soup.find("a", href=_page(consultation_id))


def test_an_editor_adds_an_address_and_sees_its_secret_once(app, signed_in, consultation_id):
    editor = signed_in("editor")
    page = editor.get(_page(consultation_id))
    assert page.h1 == "Webhooks" and "Nothing is sent anywhere yet." in page.text()
    assert_well_formed(page)
    page = editor.submit(page, {"url": "  https://hooks.example.org/consult  "})
    [hook] = _hooks(app)
    assert hook.url == "https://hooks.example.org/consult" and hook.secret.startswith("whsec_")
    assert page.status == 200 and hook.secret in page.html
    assert page.soup.select_one("#secret")
    assert_well_formed(page)
    again = editor.get(_page(consultation_id))
    assert hook.secret not in again.html and "https://hooks.example.org/consult" in again.text()
    # Another editor's page never shows it either.
    assert hook.secret not in signed_in("admin").get(_page(consultation_id)).html


@pytest.mark.parametrize("address, message", [
    ("http://hooks.example.org/consult", "must start with https://"),
    ("ftp://hooks.example.org/", "Enter a web address"),
    ("https://user:pass@hooks.example.org/", "Enter a web address"),
    ("", "Enter the address"),
    ("https://example.org/" + "a" * 500, "500 characters or fewer"),
])
def test_a_bad_address_is_refused_with_a_clear_message(app, signed_in, consultation_id, address, message):
    editor = signed_in("editor")
    page = editor.submit(editor.get(_page(consultation_id)), {"url": address})
    assert page.status == 422
    assert page.title.startswith("Error:")
    assert message in page.soup.select_one(".error-summary").get_text()
    assert page.soup.select_one("#url")["value"] == address.strip()  # what they typed is kept
    assert _hooks(app) == []


def test_an_editor_removes_an_address(app, signed_in, consultation_id):
    editor = signed_in("editor")
    page = editor.submit(editor.get(_page(consultation_id)), {"url": "https://hooks.example.org/consult"})
    remove = [form for form in page.soup.select("form") if form["action"].endswith("/remove")]
    page = editor.post(remove[0]["action"], editor._current_values(remove[0]))
    assert "The address is removed." in page.text()
    assert _hooks(app) == []


def test_every_change_needs_a_csrf_token(app, signed_in, consultation_id):
    editor = signed_in("editor")
    editor.submit(editor.get(_page(consultation_id)), {"url": "https://hooks.example.org/consult"})
    [hook] = _hooks(app)
    for path, data in [(_page(consultation_id), {"url": "https://other.example.org/"}),
                       (f"{_page(consultation_id)}/{hook.id}/remove", {}),
                       (f"{_page(consultation_id)}/deliveries/1/again", {})]:
        response = editor.client.post(path, data=data)
        assert response.status_code in (400, 404), path
    assert [item.url for item in _hooks(app)] == ["https://hooks.example.org/consult"]


def test_an_address_of_another_consultation_cannot_be_removed_here(app, signed_in, consultation_id):
    editor = signed_in("editor")
    editor.submit(editor.get(_page(consultation_id)), {"url": "https://hooks.example.org/consult"})
    [hook] = _hooks(app)
    with app.app_context():
        other = make_consultation(slug="other-one")
    page = editor.get(_page(other))
    token = page.soup.find("input", attrs={"name": "csrf_token"})["value"]
    assert editor.post(f"{_page(other)}/{hook.id}/remove", {"csrf_token": token}).status == 404
    assert len(_hooks(app)) == 1
