"""A kiosk device shows its consultation and nothing else: no staff pages, no sign-in, no other consultation."""

from __future__ import annotations

import pytest

from tests.auth.support import EMAILS, PASSWORD
from tests.kiosk.support import START, csrf_of, session_of, start_kiosk

ELSEWHERE = [
    "/staff/", "/staff/consultations/", "/staff/sign-in", "/staff/account", "/staff/people", "/staff/audit",
    "/", "/c/wheelchair-repairs", "/staff/kiosk/{id}", "/staff/results/equipment-service",
    "/c/equipment-service/print/en/easy-read.pdf",
    # Contact details typed on a shared screen could come back to the next person (autofill, Back).
    "/c/equipment-service/hear-back",
]


@pytest.mark.parametrize("path", ELSEWHERE)
def test_every_other_page_leads_back_to_the_consultation(app, signed_in, demo, staff, path):
    device = start_kiosk(signed_in, demo["id"], role="admin")
    response = device.client.get(path.format(id=demo["id"]))
    assert response.status_code == 303 and response.headers["Location"].endswith(START), path


def test_signing_in_on_a_kiosk_device_is_not_possible(app, signed_in, demo, staff):
    """Even with a staff password: staff end the kiosk first (the end page), then sign in."""
    device = start_kiosk(signed_in, demo["id"])
    token = csrf_of(device.get(START))
    response = device.client.post("/staff/sign-in", data={"csrf_token": token, "email": EMAILS["admin"],
                                                          "password": PASSWORD})
    assert response.status_code == 303 and response.headers["Location"].endswith(START)
    assert "_user_id" not in session_of(device)
    assert device.client.get("/staff/").status_code == 303


def test_the_accessibility_statement_and_static_files_still_work(app, signed_in, demo, staff):
    device = start_kiosk(signed_in, demo["id"])
    assert device.client.get("/accessibility").status_code == 200
    assert device.client.get("/static/js/kiosk.js").status_code == 200


def test_the_device_page_carries_the_idle_warning(app, signed_in, demo, staff):
    device = start_kiosk(signed_in, demo["id"])
    start = device.history[-1]
    dialog = start.soup.select_one("dialog#kiosk-warning")
    assert dialog["role"] == "alertdialog"
    assert start.soup.find(id=dialog["aria-labelledby"]).get_text(strip=True) == "Are you still there?"
    assert start.soup.find(id=dialog["aria-describedby"]).get_text(strip=True) == (
        "Your answers will be cleared in 30 seconds.")
    assert dialog.find("button").get_text(strip=True) == "I need more time"
    assert start.soup.select_one("script[src$='js/kiosk.js']") is not None
    # The untouched start page does not count down; once someone starts, it does.
    assert start.soup.select_one("#kiosk")["data-in-progress"] == "false"
    question = device.submit(start)
    assert question.soup.select_one("#kiosk")["data-in-progress"] == "true"
    # Full page loads only, so Back always asks the server again.
    assert question.soup.select_one("main").get("hx-boost:inherited") is None


def test_the_kiosk_starts_clear_of_the_browser_cache(app, signed_in, demo, staff):
    """Pages from before (the staff's, the last person's) cannot come back from the browser's cache."""

    person = signed_in("editor")
    form_page = person.get(f"/staff/kiosk/{demo['id']}")
    forms = [f for f in form_page.soup.find_all("form") if f.get("action") == f"/staff/kiosk/{demo['id']}"]
    data = person._current_values(forms[0])
    response = person.client.post(forms[0]["action"], data=data)
    assert response.status_code == 303
    assert response.headers["Clear-Site-Data"] == '"cache"'
