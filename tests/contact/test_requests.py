"""Residents saying how they want to hear about the results: where they find it, what is stored,
the checks and their messages, CSRF, and (above all) that an anonymous consultation never ties a
request to the answers, in the database or in the browser's cookie."""

from __future__ import annotations

import pytest

from consult.extensions import db
from consult.models import Consultation, Response
from consult.times import date_only
from tests.contact.conftest import GOOD, answer_demo, follow_confirmation_link, form_path, requests
from tests.helpers import Resident
from tests.html_checks import assert_well_formed


def _session(app, client) -> dict:
    """What the signed session cookie holds (it is signed, not encrypted: anyone can read it)."""
    cookie = client.get_cookie("session")
    if cookie is None:
        return {}
    return dict(app.session_interface.get_signing_serializer(app).loads(cookie.value))


# -- where people find it ----------------------------------------------------------------------

def test_the_start_page_links_to_it(resident, demo):
    page = resident.get(f"/c/{demo['slug']}")
    link = page.soup.find("a", href=form_path(demo["slug"]))
    assert link is not None and "hear about the results" in link.get_text()
    heading = link.find_previous("h2")
    assert heading.get_text(strip=True) == "Need this in another format?"


def test_the_confirmation_page_links_to_it_after_answering(resident, demo):
    done = answer_demo(resident, demo["slug"])
    page = follow_confirmation_link(resident, done)
    assert page.status == 200 and page.path == form_path(demo["slug"], after=True)
    assert page.h1 == "How do you want to hear about the results?"
    # Back goes to the confirmation page, where the person came from.
    assert page.soup.select_one("a.back-link")["href"] == f"/c/{demo['slug']}/confirmation"


def test_the_page_is_well_formed_with_labels_and_fieldsets(resident, demo):
    page = resident.get(form_path(demo["slug"]))
    assert_well_formed(page)
    form = page.form()
    for control in form.find_all(["input", "textarea"]):
        if control.get("type") in ("hidden", "submit"):
            continue
        label = page.soup.find("label", attrs={"for": control["id"]})
        assert label is not None and label.get_text(strip=True), f"{control['id']} has no label"
    legends = [" ".join(legend.get_text(" ", strip=True).split()) for legend in form.find_all("legend")]
    assert legends == ["How do you want to get the results?", "How can we contact you?"]
    boxes = form.find_all("input", attrs={"type": "checkbox", "name": "formats"})
    assert [box["value"] for box in boxes] == ["easy_read", "large_print", "language", "audio", "bsl",
                                                  "braille", "email", "post"]
    # Identify input purpose (WCAG 1.3.5): the browser can fill in the person's own details.
    purposes = {name: form.find(attrs={"name": name}).get("autocomplete")
                for name in ("name", "email", "phone", "address")}
    assert purposes == {"name": "name", "email": "email", "phone": "tel", "address": "street-address"}


@pytest.mark.parametrize("anonymous", [True, False])
def test_the_privacy_words_say_what_happens(app, resident, demo, anonymous):
    with app.app_context():
        db.session.get(Consultation, demo["id"]).anonymous = anonymous
        db.session.commit()
    text = resident.get(form_path(demo["slug"])).text()
    assert "Only the staff who run this consultation can see them" in text
    assert "we delete your contact details" in text
    assert "We keep this request apart from any answers you send" in text
    assert ("This consultation is anonymous." in text) is anonymous


def test_easy_read_words_when_the_person_chose_easy_read(resident, demo):
    page = resident.get(form_path(demo["slug"]) + "?register=easy")
    text = page.text()
    assert "We will tell everyone what people said." in text
    assert "We do not know which answers are yours." in text
    assert page.soup.find("label", attrs={"for": "format-large_print"}).get_text(strip=True) == "Big writing"
    assert page.soup.body["class"] == ["easy-read"]
    # The consultation's own easy-read title, not the standard one.
    assert page.soup.select_one("main .caption").get_text(strip=True) == "Tell us about your equipment"
    # And the standard page has the plain words instead.
    standard = resident.get(form_path(demo["slug"]) + "?register=standard")
    assert "We will tell everyone what people said." not in standard.text()
    assert standard.soup.find("label", attrs={"for": "format-large_print"}).get_text(strip=True) == "Large print"


@pytest.mark.parametrize("language, direction", [("cy", "ltr"), ("ar", "rtl")])
def test_the_page_in_welsh_and_arabic(resident, demo, language, direction):
    page = resident.get(form_path(demo["slug"]) + f"?lang={language}")
    assert page.status == 200
    assert page.soup.html["lang"] == language and page.soup.html["dir"] == direction
    title = {"cy": "Eich offer, eich barn", "ar": "أجهزتك ورأيك فيها"}[language]
    assert page.soup.select_one("main .caption").get_text(strip=True) == title


# -- storing -----------------------------------------------------------------------------------

def test_formats_and_details_are_stored(app, resident, demo):
    page = resident.get(form_path(demo["slug"]))
    thanks = resident.submit(page, GOOD)
    assert thanks.status == 200 and thanks.path == f"/c/{demo['slug']}/hear-back/thanks"
    assert thanks.h1 == "Thank you, we have your request"
    (stored,) = requests(app)
    assert stored.consultation_id == demo["id"]
    assert stored.formats == ["large_print", "language"]
    assert (stored.language, stored.name, stored.email, stored.phone, stored.other_needs) == (
        "Welsh", "Siân Jones", "sian@example.org", "01234 567 890", "Please phone after 10am.")
    assert stored.address.splitlines() == ["1 High Street", "Llanfair", "NS1 2AB"]
    assert stored.response_id is None and stored.done_at is None
    # The thank-you page shows nothing of what was sent.
    assert "sian@example.org" not in thanks.html and "Siân" not in thanks.html


def test_typing_a_language_counts_as_choosing_it(app, resident, demo):
    page = resident.get(form_path(demo["slug"]))
    resident.submit(page, {"formats": ["braille"], "language": "Polish", "phone": "07700 900123"})
    (stored,) = requests(app)
    assert stored.formats == ["language", "braille"] and stored.language == "Polish"


def test_unknown_formats_are_ignored(app, resident, demo):
    page = resident.get(form_path(demo["slug"]))
    resident.submit(page, {"formats": ["audio", "carrier-pigeon"], "email": "a@example.org"})
    (stored,) = requests(app)
    assert stored.formats == ["audio"]


def test_an_htmx_request_gets_the_thank_you_page_too(app, htmx_resident, demo):
    page = htmx_resident.get(form_path(demo["slug"]))
    thanks = htmx_resident.submit(page, GOOD)
    assert thanks.path == f"/c/{demo['slug']}/hear-back/thanks" and thanks.h1 == "Thank you, we have your request"
    assert len(requests(app)) == 1


# -- kept apart from the answers ---------------------------------------------------------------

def test_an_anonymous_consultation_never_links_a_request_to_the_answers(app, resident, demo):
    done = answer_demo(resident, demo["slug"])
    page = follow_confirmation_link(resident, done)
    assert "We keep this request apart from any answers you send" in page.text()
    before = _session(app, resident.client)
    resident.submit(page, GOOD)
    (stored,) = requests(app)
    assert stored.response_id is None
    # Kept to the day only (as that day's midday, local time): the exact second would match the
    # answers sent a moment before.
    with app.app_context():
        assert stored.created_at == date_only(stored.created_at)
    assert (stored.created_at.minute, stored.created_at.second, stored.created_at.microsecond) == (0, 0, 0)
    # The cookie holds nothing new: no request id, no "asked" mark that a later page could tie to the answers.
    after = _session(app, resident.client)
    assert after == before
    assert not [key for key in after if "contact" in key or "hear" in key]


def test_asking_from_the_start_page_adds_nothing_to_the_cookie(app, demo):
    client = app.test_client()
    resident = Resident(client)
    page = resident.get(form_path(demo["slug"]))
    before = _session(app, client)
    response = client.post(form_path(demo["slug"]), data={**resident._current_values(page.form()), **GOOD})
    assert response.status_code == 303
    after = _session(app, client)
    # Flask-Login marks every visitor's session "not fresh"; apart from that nothing changes.
    after.pop("_fresh", None)
    before.pop("_fresh", None)
    assert after == before and set(after) == {"csrf_token"}


def test_a_named_consultation_links_a_request_made_right_after_answering(app, resident, named):
    done = answer_demo(resident, named["slug"])
    page = follow_confirmation_link(resident, done)
    assert "We keep this request with the answers you have just sent" in page.text()
    resident.submit(page, GOOD)
    (stored,) = requests(app)
    with app.app_context():
        response = db.session.scalar(db.select(Response))
        assert stored.response_id == response.id
    assert stored.created_at.second != 0 or stored.created_at.microsecond != 0  # a real time, not the day


def test_a_named_consultation_does_not_link_a_request_from_the_start_page(app, resident, named):
    answer_demo(resident, named["slug"])
    page = resident.get(form_path(named["slug"]))  # not from the confirmation page
    assert "We keep this request apart from any answers you send" in page.text()
    resident.submit(page, GOOD)
    (stored,) = requests(app)
    assert stored.response_id is None


def test_a_named_consultation_does_not_link_without_answers(app, resident, named):
    page = resident.get(form_path(named["slug"], after=True))  # the marker alone is not enough
    resident.submit(page, GOOD)
    (stored,) = requests(app)
    assert stored.response_id is None


# -- checks and messages -----------------------------------------------------------------------

ERRORS = [
    ({}, "format-easy_read", "Choose how you want to get the results, or tell us what you need"),
    ({"formats": ["audio"]}, "email",
     "Enter an email address, a phone number or a postal address, so that we can send you the results"),
    ({"formats": ["email"], "phone": "01234 567 890"}, "email",
     "Enter your email address, so that we can email you the results"),
    ({"formats": ["post"], "email": "a@example.org"}, "address",
     "Enter your postal address, so that we can post you the results"),
    ({"formats": ["audio"], "email": "not an address"}, "email", "Enter an email address like name@example.org"),
    ({"formats": ["audio"], "phone": "call me"}, "phone", "Enter a phone number using numbers, like 01234 567 890"),
    ({"formats": ["audio"], "phone": "123"}, "phone", "Enter a phone number using numbers, like 01234 567 890"),
    ({"formats": ["language"], "email": "a@example.org"}, "language",
     "Enter the language you want, like Welsh or Polish"),
    ({"formats": ["audio"], "email": "a@example.org", "name": "x" * 201}, "name", "Use 200 characters or fewer"),
]


@pytest.mark.parametrize("data, field, message", ERRORS)
def test_problems_are_explained_next_to_the_field_and_at_the_top(app, resident, demo, data, field, message):
    page = resident.get(form_path(demo["slug"]))
    again = resident.submit(page, data)
    assert again.status == 422
    assert again.title.startswith("Error:")
    summary = again.soup.select_one(".error-summary")
    link = summary.find("a", href=f"#{field}")
    assert link is not None and link.get_text(strip=True) == message, summary.get_text(" ", strip=True)
    assert again.soup.find(id=field) is not None, f"the summary links to #{field}, which is not on the page"
    assert message in again.soup.select_one(f"#{'formats' if field.startswith('format-') else field}-error").get_text()
    assert requests(app) == []


def test_what_was_typed_comes_back_with_the_errors(resident, demo):
    page = resident.get(form_path(demo["slug"]))
    again = resident.submit(page, {"formats": ["post", "audio"], "name": "Siân", "other_needs": "Ring twice"})
    assert again.status == 422
    assert all(again.soup.find(id=f"format-{value}").has_attr("checked") for value in ("post", "audio"))
    assert not again.soup.find(id="format-braille").has_attr("checked")
    assert again.soup.find(id="name")["value"] == "Siân"
    assert again.soup.find(id="other_needs").get_text() == "Ring twice"
    # The field in error is described by its message.
    assert "address-error" in again.soup.find(id="address")["aria-describedby"]


def test_anything_else_alone_is_enough_with_a_way_to_reach_the_person(app, resident, demo):
    page = resident.get(form_path(demo["slug"]))
    resident.submit(page, {"other_needs": "I need someone to read it to me", "phone": "07700 900123"})
    (stored,) = requests(app)
    assert stored.formats == [] and stored.other_needs == "I need someone to read it to me"


def test_typed_markup_comes_back_escaped(resident, demo):
    markup = '<script>alert("x")</script>'
    page = resident.get(form_path(demo["slug"]))
    again = resident.submit(page, {"name": markup, "other_needs": markup})
    assert again.status == 422
    assert "<script>alert" not in again.html and "&lt;script&gt;" in again.html


def test_a_post_without_a_csrf_token_is_refused(app, demo):
    response = app.test_client().post(form_path(demo["slug"]), data=GOOD)
    assert response.status_code == 400
    assert requests(app) == []


def test_posts_are_rate_limited(app, demo):
    client = app.test_client()
    resident = Resident(client)
    page = resident.get(form_path(demo["slug"]))
    data = {**resident._current_values(page.form()), "formats": ["audio"], "email": "a@example.org"}
    statuses = [client.post(form_path(demo["slug"]), data=data).status_code for _ in range(31)]
    assert statuses[:30] == [303] * 30 and statuses[30] == 429


# -- which consultations -----------------------------------------------------------------------

def test_a_draft_is_not_found_by_residents(app, resident, demo):
    with app.app_context():
        db.session.get(Consultation, demo["id"]).status = "draft"
        db.session.commit()
    assert resident.get(form_path(demo["slug"])).status == 404
    assert resident.get(f"/c/{demo['slug']}/hear-back/thanks").status == 404


def test_an_editor_may_try_a_draft_and_nothing_is_kept(app, signed_in, demo):
    with app.app_context():
        db.session.get(Consultation, demo["id"]).status = "draft"
        db.session.commit()
    editor = signed_in("editor")
    page = editor.get(form_path(demo["slug"]))
    assert page.status == 200 and "Preview for staff" in page.text()
    thanks = editor.submit(page, GOOD)
    assert thanks.h1 == "Thank you, we have your request"
    assert requests(app) == []


def test_a_closed_consultation_still_takes_requests(app, resident, demo):
    from consult.demo import CLOSED_SLUG

    page = resident.get(form_path(CLOSED_SLUG))
    assert page.status == 200
    resident.submit(page, GOOD)
    assert len(requests(app)) == 1


def test_an_unknown_consultation_is_not_found(resident, demo):
    assert resident.get(form_path("no-such-consultation")).status == 404
