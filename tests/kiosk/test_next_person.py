"""The next person sees nothing of the last one: answers, draft token, resume pages, the thank-you page."""

from __future__ import annotations

from datetime import timedelta

import pytest

from consult.models import Draft, Response
from tests.demo_answers import answer_for
from tests.html_checks import assert_well_formed
from tests.kiosk.support import (
    SLUG,
    START,
    TYPED,
    answer_everything,
    answer_up_to,
    clear_by_itself,
    count,
    drafts,
    kiosks,
    next_person,
    responses,
    session_of,
    shown_answers,
    start_kiosk,
)


def _no_trace_of(page, words=TYPED):
    for typed in words:
        assert typed not in page.html, f"{typed!r} is still on {page.path}"


def test_two_people_in_a_row_on_one_device(app, signed_in, demo, staff):
    device = start_kiosk(signed_in, demo["id"])

    # Person 1 answers everything and sends it.
    thanks = answer_everything(device)
    assert thanks.path == f"{START}/confirmation" and thanks.status == 200
    assert_well_formed(thanks)
    assert thanks.h1 == "Thank you, we have your answers"
    _no_trace_of(thanks)
    [first] = responses(app)
    assert first.channel == "event"
    # No reference on a shared screen, and nothing that leads back to the answers.
    assert first.reference not in thanks.html
    assert not thanks.soup.select(".reference")
    assert thanks.soup.select_one("main form button").get_text(strip=True) == "Next person"
    # The draft is gone from the server, and its token from the device.
    assert count(app, Draft) == 0
    assert not session_of(device).get("drafts")

    # Person 2: "Next person", then the start page is fresh.
    start = next_person(device, thanks)
    assert start.path == START
    assert start.soup.select_one("main form button").get_text(strip=True) == "Start now"
    _no_trace_of(start)
    # Everything person 1 could have left behind leads back to the start.
    for number in range(1, 9):
        assert device.get(f"{START}/q/{number}").path == START
    assert device.get(f"{START}/check").path == START
    again = device.get(f"{START}/confirmation")
    assert again.path == START, "the thank-you page must not show again for the next person"

    page = device.submit(start)
    assert page.path == f"{START}/q/1"
    assert shown_answers(page) == {"checked": [], "filled": []}
    for number in range(1, 9):
        shown = shown_answers(page)
        assert shown == {"checked": [], "filled": []}, f"question {number} shows {shown}"
        _no_trace_of(page)
        page = device.submit(page, answer_for(page, number))
    # Person 2's own answers are theirs alone: the check page lists them once.
    assert page.html.count("Llanfair") == 1
    thanks_two = device.submit(page)
    assert thanks_two.h1 == "Thank you, we have your answers"
    first, second = responses(app)
    assert first.channel == second.channel == "event"
    assert first.id != second.id
    assert count(app, Draft) == 0


def test_drafts_on_a_kiosk_belong_to_it(app, signed_in, demo, staff):
    device = start_kiosk(signed_in, demo["id"])
    answer_up_to(device, 2)
    [draft] = drafts(app)
    [kiosk] = kiosks(app)
    assert draft.kiosk_session_id == kiosk.id
    # Kept only as long as the device may sit idle (3 minutes + the warning + the page's reporting gap).
    assert draft.expires_at - draft.updated_at == timedelta(seconds=180 + 30 + 30)


def test_no_saving_for_later_and_no_resume_pages(app, signed_in, demo, staff):
    device = start_kiosk(signed_in, demo["id"])
    start = device.history[-1]
    assert "I have a code" not in start.text()
    assert "Print this consultation" not in start.text()
    page = answer_up_to(device, 2)
    assert page.path == f"{START}/q/3"
    assert page.soup.find("button", attrs={"value": "save"}) is None
    assert "Save and come back later" not in page.text()
    [draft] = drafts(app)
    for path in (f"{START}/saved", f"{START}/resume", f"{START}/resume/{draft.token}"):
        assert device.client.get(path).status_code == 404, path
    # A hand-made "save" still saves nothing for later: the saved page does not exist.
    crafted = device.post(page.form()["action"], {**device._current_values(page.form()), "action": "save",
                                                  **answer_for(page, 3)})
    assert crafted.status == 404
    assert "resume" not in crafted.html and draft.code not in crafted.html
    # A resume code typed on the kiosk does nothing either.
    response = device.client.post(f"{START}/resume", data={"code": draft.code})
    assert response.status_code in (400, 404)


def test_answer_inputs_are_not_remembered_by_the_browser(app, signed_in, demo, staff):
    device = start_kiosk(signed_in, demo["id"])
    page = answer_up_to(device, 5)  # question 6: short text
    assert page.soup.select_one("form.question-form")["autocomplete"] == "off"
    assert page.soup.select_one("main input.input")["autocomplete"] == "off"
    page = device.submit(page, answer_for(page, 6))  # question 7: long text
    assert page.soup.select_one("main textarea")["autocomplete"] == "off"
    # Every kiosk page is kept out of caches and the back-forward cache.
    assert page.headers["Cache-Control"] == "no-store"


def test_the_normal_journey_is_unchanged(app, resident, demo):
    start = resident.get(START)
    assert "I have a code" in start.text() and start.soup.select_one("#kiosk") is None
    assert "Staff sign in" in start.soup.select_one("footer").get_text()
    page = answer_up_to(resident, 5, page=start)
    assert page.soup.find("button", attrs={"value": "save"}) is not None
    assert not page.soup.select_one("form.question-form").has_attr("autocomplete")
    assert page.soup.select_one("main[hx-boost\\:inherited]") is not None
    for number in (6, 7, 8):
        page = resident.submit(page, answer_for(page, number))
    done = resident.submit(page)
    assert done.h1 == "Thank you, we have your answers"
    [response] = responses(app)
    assert response.channel == "online"
    assert response.reference in done.text().replace(" ", "")


def test_the_next_person_starts_in_the_kiosk_language_and_standard_words(app, signed_in, demo, staff):
    device = start_kiosk(signed_in, demo["id"], language="en")
    welsh = device.get(f"{START}?lang=cy&register=easy")
    assert welsh.soup.find("html")["lang"] == "cy" and "easy-read" in welsh.soup.body.get("class", [])
    page = answer_up_to(device, 8, page=welsh)
    thanks = device.submit(page)
    assert thanks.path == f"{START}/confirmation"
    start = next_person(device, thanks)
    assert start.soup.find("html")["lang"] == "en"
    assert "easy-read" not in start.soup.body.get("class", [])
    assert responses(app)[0].language == "cy" and responses(app)[0].register == "easy"


def test_the_language_and_easy_read_switches_stay(app, signed_in, demo, staff):
    device = start_kiosk(signed_in, demo["id"])
    page = answer_up_to(device, 1)
    assert page.soup.select_one("#language-switch a[hreflang=cy]") is not None
    assert page.soup.select_one("#version-switch a") is not None


def test_restarting_clears_a_half_finished_draft_on_the_server(app, signed_in, demo, staff):
    """The button the idle warning presses by itself (kiosk.js): the draft is deleted, not hidden."""
    device = start_kiosk(signed_in, demo["id"])
    page = answer_up_to(device, 3)
    assert count(app, Draft) == 1
    restarted = clear_by_itself(device, page)
    assert restarted.path == START
    assert count(app, Draft) == 0 and count(app, Response) == 0
    assert not session_of(device).get("drafts")
    assert "we cleared the answers" in restarted.soup.select_one('main .notice[role="status"]').get_text()
    # Said once only.
    assert device.get(START).soup.select_one("main .notice") is None
    fresh = device.submit(device.get(START))
    assert shown_answers(fresh) == {"checked": [], "filled": []}


def test_restart_needs_a_csrf_token(app, signed_in, demo, staff):
    device = start_kiosk(signed_in, demo["id"])
    answer_up_to(device, 3)
    assert device.client.post("/kiosk/restart", data={"reason": "idle"}).status_code == 400
    assert count(app, Draft) == 1


@pytest.mark.parametrize("path", ["/kiosk/restart", "/kiosk/still-here"])
def test_device_pages_do_nothing_off_a_kiosk(app, resident, demo, path):
    start = resident.get(START)
    page = answer_up_to(resident, 2, page=start)
    token = page.soup.find("input", attrs={"name": "csrf_token"})["value"]
    response = resident.client.post(path, data={"csrf_token": token, "reason": "idle"})
    assert response.status_code in (204, 303)
    assert count(app, Draft) == 1
    assert resident.get(f"/c/{SLUG}/q/3").path == f"/c/{SLUG}/q/3"
