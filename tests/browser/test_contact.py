"""Saying how to hear about the results, in a real browser; and the staff list of those requests.

axe-core finds no violations at 1280 and 320 px, with JavaScript on and off, on: the request page
in English, in Welsh and in easy read, its error state, the thank-you page, and the staff list
before and after marking a request done. Nothing scrolls sideways at 320 px.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.browser.support import (
    DESKTOP,
    SLUG,
    TwoWidths,
    button,
    expect_error_state,
    h1_text,
    path_of,
    shots_folder,
    sign_in,
    submit,
    with_language,
)

pytestmark = pytest.mark.browser

FORM = f"/c/{SLUG}/hear-back"
LIST = f"/staff/results/{SLUG}/contact-requests"


def _shoot(page, name: str, js: bool) -> None:
    # caret="initial": hiding the caret means injecting a <style>, which our CSP (rightly) blocks.
    page.screenshot(path=str(shots_folder() / f"{name}-{'js' if js else 'nojs'}.png"), full_page=True, caret="initial")


@pytest.fixture
def asked(live_server, staff_accounts) -> Iterator[None]:
    """Two requests for the demo consultation (one with a long address, to test narrow screens),
    removed afterwards so other browser tests never see them."""
    from sqlalchemy import delete

    from consult.contact import services
    from consult.extensions import db
    from consult.loading import load_consultation
    from consult.models import ContactRequest

    app = live_server.app

    def remove():
        db.session.execute(delete(ContactRequest))
        db.session.commit()

    with app.app_context():
        remove()
        consultation = load_consultation(SLUG)
        services.create_contact_request(consultation, formats=["large_print", "post"], name="Ann Post",
                                        address="Flat 12, Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch "
                                                "House\nHigh Street\nNS1 2AB")
        services.create_contact_request(consultation, formats=["bsl", "email"],
                                        email="a.very.long.email.address.for.testing@example.org",
                                        other_needs="Please send a video link.")
        db.session.commit()
        db.session.remove()
    try:
        yield
    finally:
        with app.app_context():
            remove()
            db.session.remove()


def request_pages(session, js: bool) -> Iterator[tuple[str, object, str]]:
    """Yield (name, page, language) for each state of the residents' pages."""
    session.allow_http_error(422, FORM)
    page = session.new_page(js=js, viewport=DESKTOP)
    page.goto(FORM)
    assert h1_text(page) == "How do you want to hear about the results?"
    _shoot(page, "contact-request", js)
    yield "request page", page, "en"

    submit(page, button(page, "Send"), js)
    expect_error_state(page, "request page with errors")
    _shoot(page, "contact-request-errors", js)
    yield "request page with errors", page, "en"

    main = page.locator("main")
    main.get_by_label("Large print", exact=True).check()
    main.get_by_label("Email address", exact=True).fill("someone@example.org")
    submit(page, button(page, "Send"), js)
    assert path_of(page) == f"{FORM}/thanks", page.url
    assert h1_text(page) == "Thank you, we have your request"
    yield "thank-you page", page, "en"

    page.goto(with_language(FORM, "cy"))
    yield "request page in Welsh", page, "cy"

    page.goto(FORM + "?lang=en&register=easy")
    assert page.locator("body.easy-read").count() == 1
    assert "We will tell everyone what people said." in page.locator("main").inner_text()
    _shoot(page, "contact-request-easy-read", js)
    yield "request page in easy read", page, "en"


def staff_pages(session, js: bool) -> Iterator[tuple[str, object, str]]:
    page = sign_in(session, "editor", js=js, viewport=DESKTOP)
    page.goto(LIST)
    assert h1_text(page) == "Requests to hear about the results"
    _shoot(page, "contact-requests-staff", js)
    yield "staff list", page, "en"

    submit(page, page.locator("main .table-scroll tbody tr").first.get_by_role("button"), js)
    assert "marked as done" in page.locator("main .notice").first.inner_text()
    assert "Done on" in page.locator("main .table-scroll tbody tr").first.inner_text()
    yield "staff list after marking one done", page, "en"

    page.goto(LIST + "?format=post")
    yield "staff list for one way", page, "en"


@pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
def test_contact_pages_have_no_axe_violations(browser_session, asked, js):
    checker = TwoWidths(browser_session, js)
    for name, page, language in request_pages(browser_session, js):
        checker.check(name, page, language)
    for name, page, language in staff_pages(browser_session, js):
        checker.check(name, page, language)
    checker.assert_clean()
    assert len(checker.scanned) == 8
