"""CSRF on every POST, staff routes guarded, security headers, and typed markup always escaped."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from consult.extensions import db
from consult.models import Draft, Response
from tests.demo_answers import answer_for

# Every route is classified here. A new route fails test_every_route_is_classified until it is added.
PUBLIC = {
    "static", "main.home", "main.accessibility", "main.privacy", "main.security_txt", "main.health",
    "respond.start", "respond.begin", "respond.question", "respond.check", "respond.confirmation",
    "respond.saved", "respond.send_resume_link", "respond.send_confirmation", "respond.resume_link", "respond.resume_code",
    # "You cannot take part": where a branching rule ends the journey (consult/respond/exits.py).
    "respond.exit_page",
    # A section page's questions redrawn when a deciding answer changes (htmx; nothing stored).
    "respond.section_questions",
    "auth.sign_in", "auth.sign_out", "auth.signed_out",
    # The staff idle timeout's "how long is left" and "Stay signed in": about the visitor's own session only.
    "idle.status", "idle.stay",
    "auth.sign_in_code", "auth.sign_in_recovery",  # only after a right password, in that browser's session
    "auth.provider_sign_in", "auth.provider_return",  # the identity provider's journey (404 when it is off)
    "pictures.upload",
    "organisation.brand_css",  # the brand colour as a stylesheet: on every page's header
    "outcomes.page", "outcomes.easy_read_pdf",  # published results only; editors may preview
    "printing.easy_read", "printing.large_print",  # published consultations only; drafts 404 unless editor
    "printing.poster", "printing.flyer",  # the same rule as the questionnaires
    "contact.ask", "contact.thanks",  # how residents want to hear back (drafts 404 unless editor)
    "rights.ask", "rights.sent",  # a resident asks to see or delete their answers, with their reference
    # Kiosk mode: the device's own pages (they do nothing off a kiosk); ending needs a staff password.
    "kiosk.restart", "kiosk.still_here", "kiosk.end", "kiosk.ended",
    # The read API: no session at all, a bearer token on every request (tests/api/test_api.py walks it).
    "api.consultations", "api.consultation", "api.questions", "api.results", "api.responses",
    "api.openapi_document", "api.unknown",
    "events.calendar_file",  # an event's .ics file: published consultations only (drafts 404 unless editor)
    "documents.file",  # a start page's document: published consultations only (drafts 404 unless editor)
}
STAFF = {
    "staff.index": ("admin", "editor", "analyst"),
    "build.index": ("admin", "editor", "analyst"),
    # What someone typed when their session ended for lack of activity: theirs, whatever their role.
    **dict.fromkeys(("idle.kept_work", "idle.discard_kept_work"), ("admin", "editor", "analyst")),
    **dict.fromkeys(("auth.people", "auth.add_person", "auth.change_role", "auth.deactivate_person", "auth.reactivate_person", "auth.audit_log"), ("admin",)), **dict.fromkeys(("auth.account", "auth.change_password", "auth.change_language"), ("admin", "editor", "analyst")),
    # Two-step sign-in: everyone sets up and turns off their own; admins reset someone else's.
    **dict.fromkeys(("auth.two_step_page", "auth.two_step_set_up", "auth.two_step_turn_off"), ("admin", "editor", "analyst")),
    "auth.reset_two_step": ("admin",),
    # API tokens: admins make and revoke them.
    **dict.fromkeys(("api_tokens.index", "api_tokens.create", "api_tokens.revoke"), ("admin",)),
    **{endpoint: ("admin", "editor") for endpoint in (
        "build.new", "build.settings", "build.consultation", "build.publish", "build.unpublish", "build.close",
        "build.reopen", "build.duplicate", "build.delete", "build.add_question", "build.edit_question",
        "build.move_question", "build.delete_question", "build.restore_question", "build.add_option",
        "build.save_option", "build.move_option", "build.remove_option", "build.special_options",
        "build.condition", "build.preview_question", "build.check_text", "build.languages", "build.translate",
        "build.save_translation", "build.save_translations", "build.export_translation", "build.import_translation", "build.apply_translation",
        "build.plain_words", "build.delete_plain_word",
        "build.picture", "build.choose_symbol", "build.upload_picture_file", "build.remove_picture",
        "build.restore_picture", "build.import_xlsform_page", "build.export_xlsform_file",
    )},
    # A question's branching rules (consult/build/branching_routes.py): editors.
    **dict.fromkeys(("build.question_branching", "build.new_rule", "build.edit_rule", "build.remove_rule"), ("admin", "editor")),
    # Sections: several questions on one page (consult/build/section_routes.py): editors.
    **dict.fromkeys(("build.sections_page", "build.section", "build.add_to_section", "build.remove_from_section",
                     "build.delete_section", "build.section_condition", "build.remove_section_condition"),
                    ("admin", "editor")),
    # Paste a list of answers, duplicate a question (consult/build/question_tool_routes.py): editors.
    **dict.fromkeys(("build.paste_options", "build.duplicate_question"), ("admin", "editor")),
    # Answers under headings (the census ethnic groups), and the ready-made census questions.
    **dict.fromkeys(("build.add_option_group", "build.place_options", "build.remove_option_group",
                     "build.save_option_group", "reach.add_census"), ("admin", "editor")),
    # Exports, free-text answers and themes: everyone who may read results.
    **dict.fromkeys(("results.exports_page", "results.export", "results.free_text", "results.tag_answer",
                     "results.themes", "results.create_theme", "results.rename_theme", "results.delete_theme"),
                    ("admin", "editor", "analyst")),
    # The results dashboard and responses one by one: readers; the threshold: editors; deleting: admins.
    **dict.fromkeys(("results.dashboard", "results.responses", "results.response"), ("admin", "editor", "analyst")),
    "results.small_groups": ("admin", "editor"),
    # The accessibility statement and privacy notice speak for the whole organisation: admins.
    **dict.fromkeys(("statements.index", "statements.edit"), ("admin",)),
    "organisation.edit": ("admin",),
    # Who is missing (consult/reach): readers see the reach view; editors add the About you questions and set shares.
    "reach.view": ("admin", "editor", "analyst"),
    **dict.fromkeys(("reach.expected_shares", "reach.add_about_you"), ("admin", "editor")),
    "results.delete_response": ("admin",),
    # Typing in paper forms and calls (consult/entry): editors, not analysts.
    "entry.form": ("admin", "editor"),
    "results.report_pdf": ("admin", "editor", "analyst"),
    # Kiosk mode: staff at events are often not editors, so analysts may start and stop kiosks too.
    **dict.fromkeys(("kiosk.start", "kiosk.stop"), ("admin", "editor", "analyst")),
    # "You said, we did": editors write outcomes and publish the results page.
    **dict.fromkeys(("results.outcomes", "results.edit_outcome", "results.delete_outcome", "results.move_outcome",
                     "results.publish_results", "results.outcome_picture", "results.outcome_symbol",
                     "results.outcome_upload", "results.outcome_remove_picture", "results.outcome_restore_picture"),
                    ("admin", "editor")),
    # Requests to hear about the results hold contact details: editors (who send results out), not analysts.
    **dict.fromkeys(("contact_requests.listing", "contact_requests.done", "contact_requests.forget",
                     "contact_requests.download"), ("admin", "editor")),
    # Residents' requests to see or delete their answers: editors, who keep contact details and reply.
    **dict.fromkeys(("rights_requests.listing", "rights_requests.request_page", "rights_requests.copy",
                     "rights_requests.done", "rights_requests.delete"), ("admin", "editor")),
    # Outgoing messages (masked addresses, why one failed): editors, who keep contact details, and admins.
    **dict.fromkeys(("messages.listing", "messages.stop", "messages.again", "messages.alerts"), ("admin", "editor")),
    # Webhooks send residents' answers elsewhere: editors (who build the consultation) and admins.
    **dict.fromkeys(("webhooks.index", "webhooks.add", "webhooks.remove", "webhooks.again"), ("admin", "editor")),
    # The code to embed a consultation on the organisation's own site (consult/embed): editors.
    "embed.code": ("admin", "editor"),
    # Documents on the start page (consult/documents): editors.
    **dict.fromkeys(("documents.index", "documents.easy_read_version", "documents.remove_easy_read_version",
                     "documents.remove"), ("admin", "editor")),
    # Events in the room (consult/events): editors list drop-ins and meetings.
    **dict.fromkeys(("events.staff_events", "events.edit_event", "events.delete_event"), ("admin", "editor")),
    **dict.fromkeys(("events.prefill_fields", "events.delete_prefill_field"), ("admin", "editor")),
}


def _fill(rule) -> str:
    values = {"slug": "equipment-service", "number": "1", "token": "x", "filename": "css/app.css",
              "consultation_id": "1", "question_id": "1", "option_id": "1", "group_id": "1", "section_id": "1", "language": "cy",
              "key": "consultation.title", "word_id": "1", "rule_id": "1",
              "name": "AAAAAAAAAAAAAAAAAAAAAAAA.png",
              "answer_id": "1", "theme_id": "1", "format": "csv",
              "reference": "AAA-AAA-AAA", "outcome_id": "1", "kind": "privacy", "anything": "x", "message_id": "1",
              "hook_id": "1", "delivery_id": "1", "event_id": "1", "document_id": "1", "field_id": "1"}
    return re.sub(r"<(?:[^:>]+:)?([^>]+)>", lambda m: values[m.group(1)], rule.rule)


def test_every_route_is_classified(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    unclassified = endpoints - PUBLIC - set(STAFF)
    assert not unclassified, f"classify these routes in tests/test_security.py: {sorted(unclassified)}"


def test_every_post_needs_a_csrf_token(app, demo):
    client = app.test_client()
    client.get("/c/equipment-service")
    client.post("/c/equipment-service/start", data={})  # must not start a draft
    # The read API takes no cookies (a bearer token instead), so it is exempt from CSRF by design.
    posts = [rule for rule in app.url_map.iter_rules() if "POST" in rule.methods and not rule.endpoint.startswith("api.")]
    assert posts
    for rule in posts:
        response = client.post(_fill(rule), data={"q1": "1", "code": "AAA-AAA-AAA", "email": "a", "password": "b"})
        assert response.status_code == 400, f"{rule.rule} accepted a POST without a CSRF token"
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Draft)) == 0


def _csrf_token(client) -> str:
    from bs4 import BeautifulSoup

    page = BeautifulSoup(client.get("/staff/sign-in").get_data(as_text=True), "html.parser")
    return page.find("input", attrs={"name": "csrf_token"})["value"]


def test_every_staff_route_sends_anonymous_visitors_to_sign_in(app, demo):
    client = app.test_client()
    token = _csrf_token(client)
    checked = 0
    for rule in app.url_map.iter_rules():
        if rule.endpoint not in STAFF:
            continue
        if "GET" in rule.methods:
            response = client.get(_fill(rule))
        else:
            response = client.post(_fill(rule), data={"csrf_token": token})
        assert response.status_code == 302 and "/staff/sign-in" in response.headers["Location"], rule.rule
        checked += 1
    assert checked == len(STAFF)


def test_every_staff_route_refuses_the_wrong_role(app, signed_in, demo):
    """Each role signs in and tries every staff route: those it may not use answer 403."""
    for role in ("editor", "analyst"):
        person = signed_in(role)
        token = _csrf_token(person.client)
        for rule in app.url_map.iter_rules():
            if rule.endpoint not in STAFF:
                continue
            if "GET" in rule.methods:
                status = person.client.get(_fill(rule)).status_code
            else:
                status = person.client.post(_fill(rule), data={"csrf_token": token}).status_code
            allowed = role in STAFF[rule.endpoint]
            assert (status == 403) is (not allowed), f"{role} {rule.rule}: {status}"


def test_role_required_refuses_other_roles(app):
    from consult.auth.services import create_staff
    from consult.auth.sessions import role_required

    @role_required("editor")
    def editors_only():
        return "ok"

    with app.app_context():
        analyst = create_staff("analyst@example.org", "a long enough password", "analyst")
        admin = create_staff("admin@example.org", "a long enough password", "admin")
        db.session.commit()
        from flask_login import login_user
        from werkzeug.exceptions import Forbidden

        with app.test_request_context():
            login_user(analyst)
            with pytest.raises(Forbidden):
                editors_only()
        with app.test_request_context():
            login_user(admin)
            assert editors_only() == "ok"


def test_security_headers(app, demo):
    response = app.test_client().get("/c/equipment-service")
    csp = response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cache-Control"] == "no-store"


HSTS_CHECKED = ("/", "/staff/sign-in", "/staff/", "/static/css/app.css", "/no-such-page")  # page, redirect, file, 404


def test_https_only_sites_tell_browsers_to_keep_to_https(app):
    app.config["SESSION_COOKIE_SECURE"] = True
    client = app.test_client()
    for path in HSTS_CHECKED:
        response = client.get(path, base_url="https://consult.example.org")
        hsts = response.headers.get("Strict-Transport-Security", "")
        max_age = re.search(r"max-age=(\d+)", hsts)
        assert max_age and int(max_age.group(1)) >= 365 * 24 * 3600, (path, hsts)


def test_no_hsts_while_the_site_may_still_be_on_plain_http(app):
    # SESSION_COOKIE_SECURE off means the site is not known to be HTTPS-only: HSTS could lock people out.
    assert not app.config["SESSION_COOKIE_SECURE"]
    client = app.test_client()
    for path in HSTS_CHECKED:
        assert "Strict-Transport-Security" not in client.get(path).headers


def test_pages_have_no_inline_script_or_style(resident, demo):
    page = resident.get("/c/equipment-service")
    for script in page.soup.find_all("script"):
        assert script.get("src"), "inline script would need unsafe-inline"
    assert not page.soup.find_all("style")
    assert not page.soup.find_all(attrs={"style": True})
    assert not [tag for tag in page.soup.find_all(True) if any(a.startswith("on") for a in tag.attrs)]


MARKUP = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.mark.parametrize("mode", ["resident", "htmx_resident"])
def test_typed_markup_comes_back_escaped(request, app, demo, mode):
    resident = request.getfixturevalue(mode)
    page = resident.submit(resident.get("/c/equipment-service"))
    for number in range(1, 6):
        page = resident.submit(page, answer_for(page, number))
    # Short text: shown escaped in the field, on the error page and on the check page.
    too_long = resident.submit(page, {page.field_name(): MARKUP * 10})
    assert too_long.status == 422
    assert "<script>alert" not in too_long.html and "&lt;script&gt;" in too_long.html
    page = resident.submit(too_long, {too_long.field_name(): MARKUP[:100]})
    page = resident.submit(page, {page.field_name(): MARKUP})
    page = resident.submit(page, answer_for(page, 8))
    assert "Check your answers" in page.h1
    assert "<script>alert" not in page.html and "<img src=x" not in page.html
    assert page.html.count("&lt;script&gt;") >= 2
    done = resident.submit(page)
    assert "<script>alert" not in done.html


def test_expired_token_gives_the_question_back_with_the_answer(app, demo):
    client = app.test_client()
    from tests.helpers import Resident

    resident = Resident(client)
    page = resident.submit(resident.get("/c/equipment-service"))
    for number in range(1, 7):
        page = resident.submit(page, answer_for(page, number))
    assert "Question 7 of 8" in page.text()
    name = page.field_name()
    # The token has expired (or the session cookie was lost): the page comes back, answer intact.
    response = client.post(page.form()["action"], data={name: "My words stay", "csrf_token": "expired"})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "My words stay" in html
    assert "for your security" in html
    assert 'name="csrf_token"' in html
    # And pressing Continue again with the fresh token works.
    from tests.helpers import Page

    again = resident.submit(Page(400, page.path, html, {}), {name: "My words stay"})
    assert "Question 8 of 8" in again.text()


def test_sign_out_really_ends_the_session(app):
    from consult.auth.services import create_staff
    from tests.helpers import Resident

    with app.app_context():
        create_staff("editor@example.org", "a long enough password", "editor")
        db.session.commit()
    resident = Resident(app.test_client())
    signed_in = resident.submit(resident.get("/staff/sign-in"),
                                {"email": "Editor@Example.org ", "password": "a long enough password"})
    assert signed_in.h1 == "Consultations"
    stolen = resident.client.get_cookie("session").value
    resident.submit(signed_in)  # the sign-out button
    thief = app.test_client()
    thief.set_cookie("session", stolen)
    response = thief.get("/staff/")
    assert response.status_code == 302 and "/staff/sign-in" in response.headers["Location"]


def test_sign_in_gives_one_message_for_unknown_email_and_wrong_password(app):
    from consult.auth.services import create_staff
    from tests.helpers import Resident

    with app.app_context():
        create_staff("editor@example.org", "a long enough password", "editor")
        db.session.commit()
    resident = Resident(app.test_client())
    unknown = resident.submit(resident.get("/staff/sign-in"), {"email": "who@example.org", "password": "x"})
    wrong = resident.submit(resident.get("/staff/sign-in"), {"email": "editor@example.org", "password": "x"})
    message = unknown.soup.select_one(".error-summary").get_text(" ", strip=True)
    assert message == wrong.soup.select_one(".error-summary").get_text(" ", strip=True)
    assert unknown.status == wrong.status == 422


def test_no_response_is_stored_without_a_token(app, demo):
    client = app.test_client()
    client.post("/c/equipment-service/check", data={})
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Response)) == 0


def test_expired_token_on_the_check_page_keeps_everything(app, demo):
    from tests.helpers import Page, Resident

    resident = Resident(app.test_client())
    page = resident.submit(resident.get("/c/equipment-service"))
    for number in range(1, 9):
        page = resident.submit(page, answer_for(page, number))
    response = resident.client.post(page.form()["action"], data={"csrf_token": "expired"})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "not sent your answers yet" in html and "Llanfair" in html
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Response)) == 0
    done = resident.submit(Page(400, page.path, html, {}))
    assert done.path.endswith("/confirmation")
