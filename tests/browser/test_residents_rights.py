"""Residents' rights in a real browser: asking to see or delete your answers, and the staff pages.

axe-core finds no violations at 1280 and 320 px (and nothing scrolls sideways at 320 px), with
JavaScript on and off, in English and Welsh: the residents' request page, its error state and the
page after sending; the staff list of requests, one request, and the list after completing a deletion.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.browser.support import (
    SLUG,
    TwoWidths,
    button,
    h1_text,
    interface_text,
    path_of,
    shoot,
    sign_in,
    submit,
    with_language,
)

pytestmark = pytest.mark.browser

MODES = [pytest.param(True, id="js-on"), pytest.param(False, id="js-off")]
FORM = "/your-answers"
LIST = "/staff/answer-requests/"


def _shoot(page, name: str, js: bool) -> None:
    shoot(page, name, js)


def _clear(app) -> None:
    from sqlalchemy import delete

    from consult.extensions import db
    from consult.models import Response, RightsRequest

    with app.app_context():
        db.session.execute(delete(RightsRequest))
        db.session.execute(delete(Response).where(Response.idempotency_key.like("rights-browser-%")))
        db.session.commit()
        db.session.remove()


@pytest.fixture
def references(live_server, staff_accounts) -> Iterator[list[str]]:
    """Two responses to the demo consultation with real references, removed afterwards (with every
    request) so other browser tests never see them."""
    from consult.codes import readable_code
    from consult.extensions import db
    from consult.loading import load_consultation
    from consult.models import Answer, Response
    from consult.models._time import utcnow

    app = live_server.app
    _clear(app)
    made = []
    with app.app_context():
        consultation = load_consultation(SLUG)
        question = next(q for q in consultation.questions if q.type.free_text)
        for number in range(2):
            response = Response(consultation_id=consultation.id, reference=readable_code(),
                                idempotency_key=f"rights-browser-{number}", channel="online", language="en",
                                started_at=utcnow(), submitted_at=utcnow())
            db.session.add(response)
            db.session.flush()
            db.session.add(Answer(response_id=response.id, question_id=question.id, text="Deliver before noon"))
            made.append(response.reference)
        db.session.commit()
        db.session.remove()
    try:
        yield made
    finally:
        _clear(app)


def resident_pages(session, js: bool, references: list[str]) -> Iterator[tuple[str, object, str]]:
    session.allow_http_error(422, FORM)
    page = session.new_page(js=js)
    for language, reference, kind in (("en", references[0], "copy"), ("cy", references[1], "delete")):
        def words(message: str, language=language) -> str:
            return interface_text(language, message)

        page.goto(with_language(FORM, language))
        assert h1_text(page) == words("See or delete your answers")
        _shoot(page, f"rights-ask-{language}", js)
        yield "request page", page, language

        submit(page, button(page, words("Send request")), js)
        assert page.locator("main .error-summary").is_visible(), f"no error summary [{language}]"
        assert page.title().startswith(words("Error:") + " "), page.title()
        # The error summary's links lead to the fields they are about.
        for link in page.locator("main .error-summary a").all():
            target = link.get_attribute("href")
            assert page.locator(target).count() == 1, target
        _shoot(page, f"rights-ask-errors-{language}", js)
        yield "request page with errors", page, language

        main = page.locator("main")
        main.get_by_label(words("Your reference"), exact=True).fill(reference.lower())
        label = words("Send me a copy of my answers") if kind == "copy" else words("Delete my answers")
        main.get_by_label(label, exact=True).check()
        main.get_by_label(words("How should we reply to you?"), exact=True).fill("someone@example.org")
        submit(page, button(page, words("Send request")), js)
        assert path_of(page) == f"{FORM}/sent/{kind}", page.url
        assert h1_text(page) == words("We have your request")
        _shoot(page, f"rights-sent-{language}", js)
        yield "page after sending", page, language


def staff_pages(session, js: bool, references: list[str]) -> Iterator[tuple[str, object, str]]:
    page = sign_in(session, "editor", js=js)
    submit(page, page.locator("nav.staff-nav").get_by_role("link", name="Requests about answers", exact=True))
    assert path_of(page) == LIST, page.url
    assert h1_text(page) == "Requests to see or delete answers"
    assert page.locator("main table").first.locator("tbody tr").count() == 2
    _shoot(page, "rights-staff-list", js)
    yield "staff list", page, "en"

    page.goto(with_language(LIST, "cy"))
    assert h1_text(page) == interface_text("cy", "Requests to see or delete answers")
    yield "staff list in Welsh", page, "cy"

    page.goto(LIST + "?lang=en")  # back to English (with_language leaves English alone)
    submit(page, page.locator("main").get_by_role("link", name=references[0], exact=True))
    assert h1_text(page) == "A copy of answers"
    _shoot(page, "rights-staff-copy", js)
    yield "a request for a copy", page, "en"

    page.goto(LIST)
    submit(page, page.locator("main").get_by_role("link", name=references[1], exact=True))
    assert h1_text(page) == "Deleting answers"
    _shoot(page, "rights-staff-delete", js)
    yield "a request to delete", page, "en"

    submit(page, button(page, f"Delete the answers with reference {references[1]}"), js)
    assert path_of(page) == LIST, page.url
    assert "have been deleted" in page.locator("main .notice").inner_text()
    assert page.locator("main table").first.locator("tbody tr").count() == 1
    _shoot(page, "rights-staff-after-delete", js)
    yield "staff list after a deletion", page, "en"


@pytest.mark.parametrize("js", MODES)
def test_residents_rights_pages_have_no_axe_violations(browser_session, references, js):
    checker = TwoWidths(browser_session, js)
    for name, page, language in resident_pages(browser_session, js, references):
        checker.check(name, page, language)
    for name, page, language in staff_pages(browser_session, js, references):
        checker.check(name, page, language)
    checker.assert_clean()
    assert len(checker.scanned) == 11
