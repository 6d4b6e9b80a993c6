"""The builder's XLSForm upload page in a real browser, signed in as an editor.

axe-core at 1280 and 320 px, JavaScript on and off, English and Welsh, on: the upload form, its
error states (no file chosen; a file that is not a workbook), and the report after a good file
(what was not imported, a link to the new draft in the builder, which opens). Screenshots of the form
and the report go to the run's shots folder.
"""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from tests.browser.support import (
    MOBILE,
    TwoWidths,
    button,
    h1_text,
    interface_text,
    path_of,
    shots_folder,
    sign_in,
    submit,
    with_language,
)

pytestmark = pytest.mark.browser

PAGE = "/staff/consultations/import-xlsform"
SLUG = "browser-xlsform-test"


def _form() -> bytes:
    book = Workbook()
    survey = book.active
    survey.title = "survey"
    for row in (["type", "name", "label::English (en)", "label::Welsh (cy)", "relevant"],
                ["note", "hello", "Tell us about the bus.", "Dywedwch wrthym am y bws.", ""],
                ["select_one yn", "bus", "Do you take the bus?", "Ydych chi'n teithio ar y bws?", ""],
                ["text", "why", "Why not?", "Pam lai?", "selected(${bus}, 'no')"],
                ["geopoint", "stop", "Where is your stop?", "Ble mae eich arhosfan?", ""],
                ["begin_repeat", "trips", "Trips", "Teithiau", ""],
                ["text", "trip", "Where to?", "I ble?", ""],
                ["end_repeat", "", "", "", ""]):
        survey.append(row)
    choices = book.create_sheet("choices")
    for row in (["list_name", "name", "label::English (en)", "label::Welsh (cy)"],
                ["yn", "yes", "Yes", "Ie"], ["yn", "no", "No", "Na"]):
        choices.append(row)
    settings = book.create_sheet("settings")
    settings.append(["form_title", "form_id"])
    settings.append(["Buses in the valley", SLUG])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def remove_imports(live_server):
    """Delete the drafts this test makes, so the demo's list stays as other tests expect it."""
    yield
    from sqlalchemy import select

    from consult.build.services import delete_consultation
    from consult.extensions import db
    from consult.models import Consultation

    with live_server.app.app_context():
        for consultation in db.session.scalars(select(Consultation).where(Consultation.slug.like(f"{SLUG}%"))):
            delete_consultation(consultation)
        db.session.commit()
        db.session.remove()


def _error_state(page, language: str, name: str) -> None:
    summary = page.locator("main .error-summary")
    assert summary.count() == 1 and summary.is_visible(), f"{name}: no error summary on {page.url}"
    prefix = interface_text(language, "Error:")
    assert page.title().startswith(prefix + " "), f"{name}: the title {page.title()!r}"


@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
def test_upload_page_errors_and_report(browser_session, staff_accounts, remove_imports, js, language):
    def say(message: str) -> str:
        return interface_text(language, message)

    browser_session.allow_http_error(422, PAGE)
    widths = TwoWidths(browser_session, js)
    shots = shots_folder("xlsform")
    page = sign_in(browser_session, "editor", js=js)
    page.goto(with_language("/staff/consultations/", language))
    link = page.locator("main").get_by_role("link", name=say("Build one from an XLSForm (KoboToolbox or ODK)"))
    submit(page, link)
    assert path_of(page) == PAGE and h1_text(page) == say("Build a consultation from an XLSForm")
    widths.check("upload form", page, language)
    suffix = f"{language}-{'js' if js else 'nojs'}"
    page.screenshot(path=shots / f"upload-{suffix}-1280.png", full_page=True)

    build = button(page, say("Build the draft"))
    submit(page, build, js=False)  # hx-boost="false": a file upload is a full page load
    _error_state(page, language, "no file")
    assert page.locator("#file-error").is_visible()
    widths.check("upload, no file chosen", page, language)

    field = page.locator("main").get_by_label(say("XLSForm file (.xlsx)"), exact=True)
    field.set_input_files({"name": "answers.csv", "mimeType": "text/csv", "buffer": b"type,name\ntext,a\n"})
    submit(page, button(page, say("Build the draft")), js=False)
    _error_state(page, language, "not a workbook")
    assert say("This file is not an Excel workbook (.xlsx). Save the form as .xlsx and try again") in \
        page.locator("#file-error").inner_text()
    widths.check("upload, not a workbook", page, language)

    field = page.locator("main").get_by_label(say("XLSForm file (.xlsx)"), exact=True)
    field.set_input_files({"name": "buses.xlsx", "buffer": _form(),
                           "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"})
    submit(page, button(page, say("Build the draft")), js=False)
    assert h1_text(page) == say("Your draft consultation is ready to check"), page.url
    lines = page.locator("main ul[aria-labelledby=not-imported] li").all_inner_texts()
    assert len(lines) == 2 and "geopoint" in lines[0] and "begin_repeat" in lines[1], lines
    widths.check("report", page, language)
    page.screenshot(path=shots / f"report-{suffix}-1280.png", full_page=True)
    page.set_viewport_size(MOBILE)
    page.screenshot(path=shots / f"report-{suffix}-320.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 800})

    submit(page, page.locator("main").get_by_role("link", name=say("Check it in the builder")))
    assert path_of(page).startswith("/staff/consultations/") and "Buses in the valley" in h1_text(page)
    widths.assert_clean()
