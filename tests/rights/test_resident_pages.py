"""The residents' page: ask for a copy of your answers, or for them to be deleted, with your reference."""

from __future__ import annotations

import re

from sqlalchemy import select

from consult.extensions import db
from consult.models import RightsRequest
from tests.html_checks import assert_well_formed
from tests.rights.conftest import FORM, ask


def _requests(app) -> list[RightsRequest]:
    with app.app_context():
        found = list(db.session.scalars(select(RightsRequest).order_by(RightsRequest.id)))
        db.session.expunge_all()
        return found


def test_the_page_is_a_labelled_form_with_a_csrf_token(app, resident):
    page = resident.get(FORM)
    assert page.status == 200 and page.h1 == "See or delete your answers"
    assert_well_formed(page)
    form = page.form()
    assert form["method"] == "post" and form["action"] == FORM
    assert form.find("input", attrs={"name": "csrf_token"})["value"]
    reference = form.find("input", attrs={"name": "reference"})
    assert page.soup.find("label", attrs={"for": reference["id"]}).get_text(strip=True) == "Your reference"
    assert "reference-hint" in reference["aria-describedby"]
    fieldset = form.find("fieldset")
    assert fieldset.find("legend").get_text(strip=True) == "What do you want us to do?"
    radios = fieldset.find_all("input", attrs={"type": "radio"})
    assert [radio["value"] for radio in radios] == ["copy", "delete"]
    for radio in radios:
        assert page.soup.find("label", attrs={"for": radio["id"]}).get_text(strip=True)
        assert page.soup.find(id=radio["aria-describedby"]) is not None
    reply = form.find("textarea", attrs={"name": "reply_to"})
    assert page.soup.find("label", attrs={"for": reply["id"]}) is not None
    assert not form.find(attrs={"placeholder": True})
    assert "one month" in page.text()


def test_a_post_without_the_token_is_refused(app, resident, answered):
    response = resident.client.post(FORM, data={"reference": answered["references"][0], "kind": "delete"})
    assert response.status_code == 400
    assert _requests(app) == []


def test_an_empty_form_says_what_to_fix_and_links_each_message_to_its_field(app, resident):
    page = resident.submit(resident.get(FORM), {})
    assert page.status == 422 and page.title.startswith("Error:")
    links = page.soup.select(".error-summary a")
    assert [link.get_text(strip=True) for link in links] == [
        "Enter the reference you were given when you sent your answers", "Choose what you want us to do"]
    for link in links:
        assert page.soup.find(id=link["href"][1:]) is not None, link["href"]
    assert _requests(app) == []


def test_a_reference_that_cannot_be_one_gets_a_clear_message_and_is_kept(app, resident):
    page = ask(resident, "hello there", kind="copy", reply_to="")
    assert page.status == 422
    messages = [link.get_text(strip=True) for link in page.soup.select(".error-summary a")]
    assert messages == ["Enter the reference as it was shown to you, like K7P-4RW-9XT",
                        "Tell us an email address or a postal address to send your copy to"]
    assert page.soup.find("input", attrs={"name": "reference"})["value"] == "hello there"
    assert page.soup.find("input", attrs={"value": "copy"}).has_attr("checked")


def test_a_request_is_kept_with_the_answers_it_matched(app, resident, answered):
    typed = answered["references"][0].lower().replace("-", " ")  # as people type it
    page = ask(resident, typed, kind="delete", reply_to="")
    assert page.status == 200 and page.path == "/your-answers/sent/delete"
    assert page.h1 == "We have your request"
    assert "we will delete them within one month" in page.text()
    [request] = _requests(app)
    assert (request.kind, request.reference, request.reply_to, request.done_at) == (
        "delete", answered["references"][0], None, None)
    assert request.consultation_id == answered["id"] and request.response_id is not None
    assert request.language == "en" and len(request.key) >= 16


def test_a_wrong_reference_gets_the_same_page_and_reveals_nothing(app, resident, answered):
    real = ask(resident, answered["references"][0])
    wrong = ask(resident, "ZZZ-ZZZ-ZZZ")
    assert (real.status, real.path) == (wrong.status, wrong.path) == (200, "/your-answers/sent/copy")
    assert real.text() == wrong.text()
    assert "If we cannot find answers with this reference, we will tell you" in wrong.text()
    matched, unmatched = _requests(app)
    assert matched.response_id is not None and unmatched.response_id is None and unmatched.consultation_id is None


def test_sending_is_rate_limited_per_address(app, resident):
    for _ in range(10):
        assert ask(resident, "ZZZ-ZZZ-ZZ2").status == 200
    refused = ask(resident, "ZZZ-ZZZ-ZZ3")
    assert refused.status == 429
    assert len(_requests(app)) == 10


def test_the_welsh_page_is_in_welsh(app, resident):
    page = resident.get(FORM + "?lang=cy")
    assert page.status == 200 and page.soup.html["lang"] == "cy"


def test_the_confirmation_page_and_the_privacy_notice_link_here(app, resident, answered):
    page = resident.submit(resident.get(f"/c/{answered['slug']}"))
    while "/q/" in page.path:
        field = page.field_name()
        page = resident.submit(page, {field: "Fewer buses" if page.form().find("textarea") else
                                      page.form().find("input", attrs={"type": "radio"})["value"]})
    assert page.path.endswith("/check"), page.path
    confirmation = resident.submit(page)
    assert confirmation.h1 == "Thank you, we have your answers"
    links = [a for a in confirmation.soup.find_all("a") if a.get("href") == FORM]
    assert links and "deleted" in links[0].get_text()
    reference = confirmation.soup.select_one(".reference span[aria-hidden]").get_text(strip=True)
    assert re.fullmatch(r"[2-9A-Z]{3}-[2-9A-Z]{3}-[2-9A-Z]{3}", reference)
    privacy = resident.get("/privacy")
    assert any(a.get("href") == FORM for a in privacy.soup.find_all("a"))
    assert "24 months after the consultation closes" in privacy.text()
