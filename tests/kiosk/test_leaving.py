"""Leaving kiosk mode needs a staff email and password; a kiosk ended elsewhere stops on the next request."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from consult.extensions import db
from consult.models import AuditEntry, Consultation, Draft, KioskSession, StaffUser
from tests.auth.support import EMAILS, PASSWORD
from tests.html_checks import assert_well_formed
from tests.kiosk.support import START, answer_up_to, count, kiosks, post_form, session_of, start_kiosk


def _end_page(device):
    start = device.get(START)
    link = start.soup.select_one("footer a[href='/kiosk/end']")
    assert link is not None and link.get_text(strip=True) == "Staff: end kiosk"
    page = device.get(link["href"])
    assert page.status == 200 and page.h1 == "End kiosk mode"
    assert_well_formed(page)
    return page


def _try(device, email, password):
    return post_form(device, device.get("/kiosk/end"), "/kiosk/end", {"email": email, "password": password})


def test_a_wrong_password_is_refused_and_the_kiosk_goes_on(app, signed_in, demo, staff):
    device = start_kiosk(signed_in, demo["id"])
    page = _end_page(device)
    refused = post_form(device, page, "/kiosk/end", {"email": EMAILS["editor"], "password": "not the password"})
    assert refused.status == 422
    assert_well_formed(refused)
    assert "The email address or password is not right" in refused.soup.select_one(".error-summary").get_text()
    # The password typed is never sent back.
    assert "not the password" not in refused.html
    [kiosk] = kiosks(app)
    assert kiosk.ended_at is None
    assert session_of(device)["kiosk"] == kiosk.token
    assert device.get("/staff/").path == START


@pytest.mark.parametrize("answers", [{"email": "", "password": ""},
                                     {"email": "someone@example.org", "password": "guess"},
                                     {"email": EMAILS["editor"], "password": ""}])
def test_a_resident_cannot_end_it(app, signed_in, demo, staff, answers):
    device = start_kiosk(signed_in, demo["id"])
    refused = post_form(device, _end_page(device), "/kiosk/end", answers)
    assert refused.status == 422
    assert kiosks(app)[0].ended_at is None


def test_a_deactivated_staff_member_cannot_end_it(app, signed_in, demo, staff):
    device = start_kiosk(signed_in, demo["id"])
    with app.app_context():
        db.session.get(StaffUser, staff["analyst"]).active = False
        db.session.commit()
    assert _try(device, EMAILS["analyst"], PASSWORD).status == 422
    assert kiosks(app)[0].ended_at is None


def test_guessing_is_slowed_down_like_the_sign_in(app, signed_in, demo, staff):
    device = start_kiosk(signed_in, demo["id"])
    statuses = [_try(device, EMAILS["editor"], f"guess {n}").status for n in range(11)]
    assert statuses[:10] == [422] * 10
    assert statuses[10] == 429
    # Even the right password waits now: the limit holds whatever is typed.
    assert _try(device, EMAILS["editor"], PASSWORD).status == 429
    assert kiosks(app)[0].ended_at is None


@pytest.mark.parametrize("role", ["editor", "analyst", "admin"])
def test_a_staff_sign_in_ends_it(app, signed_in, demo, staff, role):
    device = start_kiosk(signed_in, demo["id"], role="editor")
    answer_up_to(device, 3)  # someone walked away half way
    ended = _try(device, EMAILS[role], PASSWORD)
    assert ended.path == "/kiosk/ended" and ended.status == 200
    assert_well_formed(ended)
    assert ended.h1 == "Kiosk mode has ended"
    assert "nobody is signed in" in ended.text()
    assert ended.headers.get("Cache-Control") == "no-store"
    [kiosk] = kiosks(app)
    assert kiosk.ended_at is not None
    assert count(app, Draft) == 0, "answers not sent on the kiosk are cleared with it"
    held = session_of(device)
    assert "kiosk" not in held and "drafts" not in held and "_user_id" not in held
    with app.app_context():
        entry = db.session.execute(select(AuditEntry).where(AuditEntry.action == "kiosk.ended")).scalar_one()
        assert entry.staff_id == staff[role]
    # An ordinary browser again: staff pages ask for a sign-in, the consultation is the normal one.
    response = device.client.get("/staff/")
    assert response.status_code == 302 and "/staff/sign-in" in response.headers["Location"]
    start = device.get(START)
    assert start.soup.select_one("#kiosk") is None
    assert "Staff sign in" in start.soup.select_one("footer").get_text()
    assert "I have a code" in start.text()


def test_the_end_page_does_not_offer_saved_staff_passwords(app, signed_in, demo, staff):
    device = start_kiosk(signed_in, demo["id"])
    page = _end_page(device)
    assert page.soup.find("input", attrs={"name": "password"})["autocomplete"] == "new-password"
    assert page.soup.find("input", attrs={"name": "email"})["autocomplete"] == "off"


def test_the_end_page_needs_a_csrf_token(app, signed_in, demo, staff):
    device = start_kiosk(signed_in, demo["id"])
    response = device.client.post("/kiosk/end", data={"email": EMAILS["editor"], "password": PASSWORD})
    assert response.status_code == 400
    assert kiosks(app)[0].ended_at is None


def test_off_a_kiosk_the_end_pages_lead_home(app, resident, demo):
    assert resident.get("/kiosk/end").path == "/"
    assert resident.get("/kiosk/ended").path == "/"


def test_a_kiosk_ended_elsewhere_stops_on_the_next_request(app, signed_in, demo, staff):
    device = start_kiosk(signed_in, demo["id"])
    page = answer_up_to(device, 3)
    laptop = signed_in("analyst")
    staff_page = laptop.get(f"/staff/kiosk/{demo['id']}")
    assert "Kiosks running now" in staff_page.text()
    after = post_form(laptop, staff_page, f"/staff/kiosk/{demo['id']}/stop")
    assert after.path == f"/staff/kiosk/{demo['id']}"
    assert "Kiosks running now" not in after.text()
    assert "The kiosk has ended" in after.soup.select_one('.notice[role="status"]').get_text()
    [kiosk] = kiosks(app)
    assert kiosk.ended_at is not None
    assert count(app, Draft) == 0

    # The device's next request (here: the answer to question 4) finds the kiosk gone.
    stopped = device.submit(page, {"q1": "1"})
    assert stopped.h1 == "This kiosk has ended"
    assert_well_formed(stopped)
    assert "kiosk" not in session_of(device) and "drafts" not in session_of(device)
    # And from then on it is an ordinary browser, not signed in.
    response = device.client.get("/staff/")
    assert response.status_code == 302 and "/staff/sign-in" in response.headers["Location"]
    assert device.get(START).soup.select_one("#kiosk") is None


def test_stopping_needs_the_kiosk_of_this_consultation(app, signed_in, demo, staff):
    start_kiosk(signed_in, demo["id"])
    with app.app_context():
        other = db.session.execute(select(Consultation).where(Consultation.slug == "wheelchair-repairs")).scalar_one()
        elsewhere = KioskSession(consultation_id=other.id, token="another-kiosk", idle_seconds=180, language="en")
        db.session.add(elsewhere)
        db.session.commit()
        elsewhere_id = elsewhere.id
    laptop = signed_in("editor")
    staff_page = laptop.get(f"/staff/kiosk/{demo['id']}")
    token = staff_page.soup.find("input", attrs={"name": "csrf_token"})["value"]
    for kiosk_id in (elsewhere_id, 99999):
        response = laptop.client.post(f"/staff/kiosk/{demo['id']}/stop", data={"csrf_token": token, "kiosk": kiosk_id})
        assert response.status_code == 404
    assert count(app, KioskSession, KioskSession.ended_at.is_(None)) == 2
