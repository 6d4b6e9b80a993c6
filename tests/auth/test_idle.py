"""Staff idle timeout on the server (consult/auth/idle.py): with or without JavaScript, a staff session
with no request for STAFF_IDLE_MINUTES ends on its next request, and what the person sent is kept.

Time passes by moving the last-seen time stored in the session cookie back, never by waiting.
"""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import func, select

from consult import config
from consult.auth.idle import SEEN_KEY
from consult.auth.kept_work import MAX_CHARACTERS, TooMuch, keepable_fields
from consult.extensions import db
from consult.models import Consultation, KeptWork
from tests.auth.support import EMAILS, PASSWORD, copy_of_cookie, csrf_token, notice, sign_in
from tests.helpers import HTMX_HEADERS, Resident
from tests.html_checks import assert_well_formed

MESSAGE = ("You were signed out because you had not done anything for 30 minutes. "
           "Sign in again to carry on.")
KEPT = "What you typed has been kept. You will see it after you sign in."
NEW_CONSULTATION = {
    "title": "Library opening hours", "summary": "Tell us when you use the library.", "slug": "library-hours",
    "opens_date": "2026-01-01", "opens_time": "09:00", "closes_date": "2099-03-01", "closes_time": "23:59",
    "estimated_minutes": "4", "organiser": "Northshire Council",
}


def _idle(person: Resident, minutes: float) -> None:
    """As if this browser had sent nothing for ``minutes`` more."""
    with person.client.session_transaction() as session:
        session[SEEN_KEY] -= int(minutes * 60)


def _stored(person: Resident) -> dict:
    with person.client.session_transaction() as session:
        return dict(session)


def _kept_rows(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(KeptWork))


def _to_sign_in(response) -> bool:
    return response.status_code in (302, 303) and "/staff/sign-in" in response.headers["Location"]


def _next_of(location: str) -> str:
    return parse_qs(urlsplit(location).query)["next"][0]


def _form(page, action: str):
    forms = [form for form in page.soup.find_all("form", method="post")]
    return forms.index(next(form for form in forms if form["action"] == action))


# The setting ------------------------------------------------------------------------------------


def test_the_limit_is_30_minutes_unless_configured(monkeypatch):
    monkeypatch.delenv("STAFF_IDLE_MINUTES", raising=False)
    assert config.load({"SECRET_KEY": "x"})["STAFF_IDLE_MINUTES"] == 30
    monkeypatch.setenv("STAFF_IDLE_MINUTES", "45")
    assert config.load({"SECRET_KEY": "x"})["STAFF_IDLE_MINUTES"] == 45
    for wrong in ("0", "ten", "-5", "1.5"):
        monkeypatch.setenv("STAFF_IDLE_MINUTES", wrong)
        with pytest.raises(ValueError, match="STAFF_IDLE_MINUTES"):
            config.load({"SECRET_KEY": "x"})


def test_the_configured_limit_is_the_one_applied(app, staff):
    app.config["STAFF_IDLE_MINUTES"] = 5
    editor = sign_in(app, EMAILS["editor"])
    _idle(editor, 4.5)
    assert editor.get("/staff/account").status == 200
    _idle(editor, 5.5)
    response = editor.client.get("/staff/account")
    assert response.status_code == 303
    page = editor.get(response.headers["Location"])
    assert "had not done anything for 5 minutes" in notice(page)


# The rule ---------------------------------------------------------------------------------------


def test_a_session_used_within_the_limit_carries_on(app, staff):
    editor = sign_in(app, EMAILS["editor"])
    _idle(editor, 29)
    before = _stored(editor)[SEEN_KEY]
    assert editor.get("/staff/account").h1 == "Your account"
    # The request counted as activity: 29 minutes later again the session is still there.
    assert _stored(editor)[SEEN_KEY] > before
    _idle(editor, 29)
    assert editor.get("/staff/account").h1 == "Your account"


def test_an_idle_session_ends_on_its_next_request_and_says_why(app, staff):
    editor = sign_in(app, EMAILS["editor"])
    _idle(editor, 31)
    stolen = copy_of_cookie(app, editor)  # a copy of the idle cookie, as it is now
    response = editor.client.get("/staff/account?tab=1")
    assert response.status_code == 303 and "/staff/sign-in" in response.headers["Location"]
    assert _next_of(response.headers["Location"]) == "/staff/account?tab=1"
    page = editor.get(response.headers["Location"])
    assert page.status == 200 and notice(page) == MESSAGE
    assert_well_formed(page)
    # Ended for good: the next request, and any copy of the idle cookie, find nobody signed in.
    assert _to_sign_in(editor.client.get("/staff/"))
    assert _to_sign_in(stolen.get("/staff/"))
    assert "_user_id" not in _stored(editor)
    # Signing in again goes back to the page they asked for; the message has gone.
    back = editor.submit(page, {"email": EMAILS["editor"], "password": PASSWORD})
    assert back.path == "/staff/account?tab=1" and back.h1 == "Your account"
    assert not editor.get("/staff/sign-in").soup.select_one("#idle-notice")


def test_an_htmx_request_after_the_limit_loads_the_sign_in_page_whole(app, staff):
    editor = sign_in(app, EMAILS["editor"])
    _idle(editor, 31)
    response = editor.client.get("/staff/account", headers={**HTMX_HEADERS, "Referer": "http://localhost/staff/"})
    assert response.status_code == 200
    target = response.headers["HX-Redirect"]
    assert target.startswith("/staff/sign-in") and _next_of(target) == "/staff/"


def test_on_a_public_page_an_idle_session_just_ends(app, staff, demo):
    editor = sign_in(app, EMAILS["editor"])
    _idle(editor, 31)
    page = editor.get(f"/c/{demo['slug']}")
    assert page.status == 200 and not page.soup.select_one("#idle-warning")
    assert _to_sign_in(editor.client.get("/staff/"))


def test_residents_sessions_never_hold_the_staff_clock(resident, demo):
    page = resident.get(f"/c/{demo['slug']}")
    assert not page.soup.select_one("#idle-warning")
    assert resident.client.get("/staff/session").get_json() == {"signed_in": False, "seconds_left": 0,
                                                                "ended": "signed_out"}
    assert SEEN_KEY not in _stored(resident)


# Stay signed in, and asking how long is left ----------------------------------------------------------


def test_staff_pages_carry_the_warning_dialog_with_its_times(app, staff):
    app.config["STAFF_IDLE_MINUTES"] = 20
    editor = sign_in(app, EMAILS["editor"])
    page = editor.get("/staff/account")
    dialog = page.soup.select_one("dialog#idle-warning")
    assert dialog["data-idle-seconds"] == "1200" and dialog["data-warning-seconds"] == "120"
    assert dialog["role"] == "alertdialog" and not dialog.has_attr("open")
    assert "we will sign you out in 2 minutes" in dialog.get_text(" ")
    actions = [form["action"] for form in dialog.find_all("form", method="post")]
    assert actions == ["/staff/session", "/staff/sign-out"]
    # The page's own main form is still the last one on the page.
    assert page.soup.find_all("form", method="post")[-1]["action"] != "/staff/session"


def test_stay_signed_in_keeps_the_session(app, staff):
    editor = sign_in(app, EMAILS["editor"])
    token = csrf_token(editor.get("/staff/account"))
    _idle(editor, 29)
    answer = editor.client.post("/staff/session", data={"csrf_token": token}, headers={"Accept": "application/json"})
    assert answer.status_code == 200
    status = answer.get_json()
    assert status["signed_in"] and status["seconds_left"] > 29 * 60
    _idle(editor, 29)  # 58 minutes after the page, 29 after "Stay signed in"
    assert editor.get("/staff/account").h1 == "Your account"


def test_stay_signed_in_needs_its_csrf_token(app, staff):
    editor = sign_in(app, EMAILS["editor"])
    assert editor.client.post("/staff/session", data={}).status_code == 400


def test_asking_how_long_is_left_is_not_activity(app, staff):
    editor = sign_in(app, EMAILS["editor"])
    _idle(editor, 29)
    status = editor.client.get("/staff/session").get_json()
    assert status["signed_in"] and 0 < status["seconds_left"] <= 60
    _idle(editor, 2)
    assert editor.client.get("/staff/session").get_json() == {"signed_in": False, "seconds_left": 0, "ended": "idle"}
    assert _to_sign_in(editor.client.get("/staff/"))


def test_sign_out_still_ends_every_session(app, staff):
    editor = sign_in(app, EMAILS["editor"])
    other_device = sign_in(app, EMAILS["editor"])
    page = editor.get("/staff/account")
    dialog_form = page.soup.select_one("dialog#idle-warning form[action='/staff/sign-out']")
    out = editor.submit(page, form_index=page.soup.find_all("form", method="post").index(dialog_form))
    assert out.h1 == "You have signed out"
    assert _to_sign_in(editor.client.get("/staff/"))
    assert _to_sign_in(other_device.client.get("/staff/"))
    assert not out.soup.select_one("#idle-warning")


# Keeping what was typed ---------------------------------------------------------------------------


def test_a_form_sent_after_the_limit_is_kept_and_can_be_saved_after_signing_in(app, staff):
    editor = sign_in(app, EMAILS["editor"])
    form_page = editor.get("/staff/consultations/new")
    _idle(editor, 31)
    page = editor.submit(form_page, NEW_CONSULTATION)
    assert page.path.startswith("/staff/sign-in") and _next_of(page.path) == "/staff/kept-work"
    assert notice(page) == f"{MESSAGE} {KEPT}"
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Consultation)) == 0  # nothing saved yet

    kept = editor.submit(page, {"email": EMAILS["editor"], "password": PASSWORD})
    assert kept.path == "/staff/kept-work" and kept.h1 == "What you typed before you were signed out"
    assert_well_formed(kept)
    shown = {row.dt.get_text(strip=True): row.dd.get_text() for row in kept.soup.select(".summary-list__row")}
    assert shown["Title"] == "Library opening hours" and shown["Slug"] == "library-hours"

    saved = editor.submit(kept, form_index=_form(kept, "/staff/consultations/new"))
    assert saved.status == 200 and saved.h1.endswith("Library opening hours"), saved.text()[:300]
    with app.app_context():
        consultation = db.session.scalar(select(Consultation))
        assert consultation.slug == "library-hours"
    assert _kept_rows(app) == 0
    assert editor.client.get("/staff/kept-work").status_code == 303  # nothing left to show


def test_kept_work_can_be_put_aside(app, staff):
    editor = sign_in(app, EMAILS["editor"])
    form_page = editor.get("/staff/consultations/new")
    _idle(editor, 31)
    page = editor.submit(form_page, NEW_CONSULTATION)
    kept = editor.submit(page, {"email": EMAILS["editor"], "password": PASSWORD})
    back = editor.submit(kept, form_index=_form(kept, "/staff/kept-work/discard"))
    assert back.path == "/staff/consultations/new"  # the page they were on
    assert _kept_rows(app) == 0


def test_kept_work_is_shown_only_to_its_author_in_the_browser_that_sent_it(app, staff):
    editor = sign_in(app, EMAILS["editor"])
    form_page = editor.get("/staff/consultations/new")
    _idle(editor, 31)
    editor.submit(form_page, NEW_CONSULTATION)
    assert _kept_rows(app) == 1
    elsewhere = sign_in(app, EMAILS["editor"])
    assert elsewhere.client.get("/staff/kept-work").status_code == 303
    # Someone else signing in on this browser does not see it either.
    someone_else = editor.submit(editor.get("/staff/sign-in"), {"email": EMAILS["admin"], "password": PASSWORD})
    assert someone_else.path == "/staff/"
    assert editor.client.get("/staff/kept-work").status_code == 303


def test_htmx_form_sent_after_the_limit_is_kept(app, staff):
    editor = sign_in(app, EMAILS["editor"], htmx=True)
    form_page = editor.get("/staff/consultations/new")
    _idle(editor, 31)
    data = {**editor._current_values(form_page.soup.find("form", action="/staff/consultations/new")),
            **NEW_CONSULTATION}
    response = editor.client.post("/staff/consultations/new", data=data,
                                  headers={**HTMX_HEADERS, "Referer": "http://localhost/staff/consultations/new"})
    assert response.headers["HX-Redirect"] == "/staff/sign-in?next=/staff/kept-work"
    assert _kept_rows(app) == 1


def test_passwords_and_residents_answers_are_never_kept(app, staff, demo):
    editor = sign_in(app, EMAILS["editor"])
    password_page = editor.get("/staff/account/password")
    entry_page = editor.get(f"/staff/entry/{demo['slug']}")
    _idle(editor, 31)
    page = editor.submit(password_page, {"current_password": PASSWORD, "new_password": "a new long password",
                                         "confirm_password": "a new long password"})
    assert page.path == "/staff/sign-in?next=/staff/account/password" and notice(page) == MESSAGE
    # Typing in a resident's paper answers: theirs, never kept.
    action = f"/staff/entry/{demo['slug']}"
    page = editor.submit(entry_page, {"channel": "paper"}, form_index=_form(entry_page, action))
    assert page.path == f"/staff/sign-in?next={action}" and notice(page) == MESSAGE
    assert _kept_rows(app) == 0


def test_what_may_be_kept():
    assert keepable_fields([("csrf_token", "abc"), ("title", "Buses"), ("new_password", "secret"),
                            ("Password2", "secret"), ("kind", "")]) == [("title", "Buses"), ("kind", "")]
    assert keepable_fields([("csrf_token", "abc"), ("title", " "), ("position", "")]) == []
    with pytest.raises(TooMuch):
        keepable_fields([("summary", "x" * MAX_CHARACTERS)])


def test_a_form_too_big_to_keep_is_not_kept_and_the_page_says_so(app, staff):
    editor = sign_in(app, EMAILS["editor"])
    form_page = editor.get("/staff/consultations/new")
    _idle(editor, 31)
    page = editor.submit(form_page, {**NEW_CONSULTATION, "purpose": "x" * MAX_CHARACTERS})
    assert notice(page) == f"{MESSAGE} What you typed was too long to keep, so it was not saved."
    assert _kept_rows(app) == 0
    assert json.dumps(_stored(editor)).count("x" * 100) == 0  # nor is it in the cookie
