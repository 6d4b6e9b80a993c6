"""The staff language pages of the demo consultation in a real browser, signed in as an editor.

axe-core at 1280 and 320 px, with JavaScript on and off, on: the languages page (offered languages,
translation and easy-read progress), the side-by-side editor for Welsh (with a text that needs
checking, and after saving it) and Arabic, the easy-read editors for English (the consultation's own
language, with the checker's advice under a saved text) and Arabic, and the PO import: the form, its
error states (no file; a file for another language), the preview of changes, and the editor after
"Save these translations". With JavaScript on, saving one text swaps only its row, says so in the
status region and leaves focus on that row's Save button.

These tests change the demo's texts; the ``demo_texts`` fixture puts every one back afterwards.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest

from tests.browser.support import (
    DESKTOP,
    SLUG,
    BrowserSession,
    TwoWidths,
    button,
    expect_error_state,
    h1_text,
    path_of,
    sign_in,
    submit,
)

pytestmark = pytest.mark.browser

TITLE_ROW = "row-consultation-title"
NEW_WELSH_TITLE = "Eich offer chi, eich barn chi"
NEW_WELSH_SUMMARY = ("Dywedwch wrthym sut mae ein cymhorthion cerdded, ein gwelyau a’n hoffer ymolchi "
                     "yn gweithio i chi gartref.")
# Too long for easy read (more than 15 words), so the easy-read checker has advice to show.
LONG_EASY_TITLE = ("Tell us what you think about the walking frames, beds, chairs and other things "
                   "we lend you to use at home")
IMPORT_ERROR_PATHS = r"/staff/consultations/\d+/translate/cy/import"


@dataclass
class Demo:
    id: int
    title: str  # its English title and summary: the source words of their translations
    summary: str
    stale_row: str  # the id of the Welsh row that needs checking


@pytest.fixture
def demo_texts(live_server, staff_accounts) -> Iterator[Demo]:
    """The demo consultation with one Welsh translation older than its English words ("needs
    checking"); afterwards every text of the demo is put back exactly as it was."""
    from sqlalchemy import select

    from consult.extensions import db
    from consult.loading import block_ids, load_consultation
    from consult.models import TextVariant
    from consult.models.content import STANDARD

    app = live_server.app

    def variants(ids):
        return db.session.scalars(select(TextVariant).where(TextVariant.block_id.in_(ids))).all()

    with app.app_context():
        consultation = load_consultation(SLUG)
        ids = [block_id for block_id in block_ids(consultation) if block_id is not None]
        before = {(v.block_id, v.language, v.register): (v.body, v.updated_at) for v in variants(ids)}
        question = consultation.questions[1]  # "How long did you wait ...?", which has a hint
        hint = {(v.language, v.register): v for v in variants([question.hint_id])}
        hint["cy", STANDARD].updated_at = hint["en", STANDARD].updated_at - timedelta(days=1)
        english = {v.block_id: v.body for v in variants(ids) if (v.language, v.register) == ("en", STANDARD)}
        demo = Demo(id=consultation.id, title=english[consultation.title_id], summary=english[consultation.summary_id],
                    stale_row=f"row-question-{question.id}-hint")
        db.session.commit()
        db.session.remove()
    try:
        yield demo
    finally:
        with app.app_context():
            for variant in variants(ids):
                key = (variant.block_id, variant.language, variant.register)
                if key in before:
                    variant.body, variant.updated_at = before[key]
                else:
                    db.session.delete(variant)
            db.session.commit()
            db.session.remove()


def _po_file(folder: Path, language: str, entries: list[tuple[str, str, str]]) -> Path:
    """A translators' file made the way the app makes them (Babel): (key, source words, translation)."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    catalog = Catalog(locale=language, project="Consult: Your equipment, your say")
    for key, source, translation in entries:
        catalog.add(source, string=translation, context=key)
    path = folder / f"{SLUG}-{language}.po"
    with path.open("wb") as out:
        write_po(out, catalog, width=0)
    return path


def _notice(page) -> str:
    return " ".join(page.locator("main .notice").all_inner_texts())


def language_pages(session: BrowserSession, js: bool, demo: Demo, folder: Path) -> Iterator[tuple[str, object]]:
    """Yield each staff language page state in turn; the caller checks it before the walk goes on."""
    session.allow_http_error(422, IMPORT_ERROR_PATHS)
    base = f"/staff/consultations/{demo.id}"
    page = sign_in(session, "editor", js=js, viewport=DESKTOP)

    page.goto(f"{base}/languages")
    assert h1_text(page) == "Languages"
    main = page.locator("main")
    assert main.get_by_label("Welsh", exact=False).is_checked() and main.get_by_label("Arabic", exact=False).is_checked()
    assert "1 needs checking" in main.inner_text(), "the languages page does not count the text that needs checking"
    yield "languages", page

    # --- The side-by-side editor -------------------------------------------------------------
    page.goto(f"{base}/translate/cy")
    assert h1_text(page) == "Translate into Welsh"
    stale = page.locator(f"#{demo.stale_row}")
    assert "Needs checking:" in stale.inner_text(), f"the row {demo.stale_row} does not say it needs checking"
    yield "translate into Welsh, a text needs checking", page

    # One Save for the whole page (issue 13, item 15): the box says the unchanged words were checked.
    page.locator(f"#checked-{demo.stale_row}").check()
    submit(page, page.locator("#save-translations"), js)
    assert "1 text saved." in _notice(page), _notice(page)
    assert "Needs checking" not in page.locator(f"#{demo.stale_row}").inner_text()
    yield "translate into Welsh, the text saved as checked", page

    page.goto(f"{base}/translate/ar")
    assert h1_text(page) == "Translate into Arabic"
    box = page.locator(f"#text-{TITLE_ROW}")
    assert (box.get_attribute("lang"), box.get_attribute("dir")) == ("ar", "rtl")
    yield "translate into Arabic", page

    # --- Easy read ------------------------------------------------------------------------------
    page.goto(f"{base}/translate/en?register=easy")
    assert h1_text(page) == "Easy read in English"
    # The demo already has easy-read words for its title.
    assert page.locator(f"#text-{TITLE_ROW}").input_value().strip()
    yield "easy read in English", page

    page.locator(f"#text-{TITLE_ROW}").fill(LONG_EASY_TITLE)
    submit(page, page.locator("#save-translations"), js)
    assert "1 text saved." in _notice(page), _notice(page)
    advice = page.locator(f"#{TITLE_ROW} .checker__report")
    assert advice.count() == 1, f"no easy-read advice under the saved text on {page.url}"
    yield "easy read in English, the checker's advice under a saved text", page

    page.goto(f"{base}/translate/ar?register=easy")
    assert h1_text(page) == "Easy read in Arabic"
    yield "easy read in Arabic", page

    # --- Importing a translators' file (always a full page load: hx-boost="false") --------------
    page.goto(f"{base}/translate/cy/import")
    assert h1_text(page).startswith("Upload a translated file")
    yield "import", page

    submit(page, button(page, "Check the file"), js=False)
    expect_error_state(page, "import, no file chosen")
    yield "import, no file chosen", page

    arabic = _po_file(folder, "ar", [("consultation.title", demo.title, "أجهزتك ورأيك فيها")])
    page.locator("main input[type=file]").set_input_files(str(arabic))
    submit(page, button(page, "Check the file"), js=False)
    expect_error_state(page, "import, a file for Arabic")
    summary = page.locator("main .error-summary").inner_text()
    assert "This file is for “ar”, not “cy”" in summary, summary
    yield "import, a file for another language", page

    welsh = _po_file(folder, "cy", [("consultation.title", demo.title, NEW_WELSH_TITLE),
                                    ("consultation.summary", demo.summary, NEW_WELSH_SUMMARY)])
    page.locator("main input[type=file]").set_input_files(str(welsh))
    submit(page, button(page, "Check the file"), js=False)
    assert page.title().startswith("Upload a translated file"), page.title()
    table = page.locator("main table").inner_text()
    for words in ("Eich offer, eich barn", NEW_WELSH_TITLE, NEW_WELSH_SUMMARY):
        assert words in table, f"the preview does not show {words!r}: {table!r}"
    yield "import, the changes to check", page

    submit(page, button(page, "Save these translations"), js=False)
    assert path_of(page) == f"{base}/translate/cy", f"saving the import ended on {page.url}"
    assert "2 translations saved." in _notice(page)
    assert page.locator(f"#text-{TITLE_ROW}").input_value() == NEW_WELSH_TITLE
    yield "translate into Welsh, after the import", page


MIN_PAGES = 12


@pytest.mark.parametrize("js", [pytest.param(True, id="js-on"), pytest.param(False, id="js-off")])
def test_staff_language_pages_pass_axe(browser_session, demo_texts, tmp_path, js):
    checker = TwoWidths(browser_session, js)
    for name, page in language_pages(browser_session, js, demo_texts, tmp_path):
        checker.check(name, page, "en")
    assert len(checker.scanned) == MIN_PAGES, f"the walk stopped early: {checker.scanned}"
    checker.assert_clean()
    browser_session.assert_clean()


@pytest.mark.parametrize("js", [pytest.param(True, id="js-on"), pytest.param(False, id="js-off")])
def test_one_save_keeps_every_changed_text(browser_session, demo_texts, js):
    """Issue 13, item 15: the editor uses the width of the screen, its boxes grow to their words, and
    one Save keeps every text changed on the page (no Save button per text)."""
    page = sign_in(browser_session, "editor", js=js)
    page.goto(f"/staff/consultations/{demo_texts.id}/translate/cy")
    assert page.locator("main button", has_text="Save").count() == 1
    # The page's whole width (the header's too), not the 42rem reading column other pages keep.
    width = page.locator("main").bounding_box()["width"]
    assert width > 850, f"the editor is {width} px wide"
    summary = page.locator("#text-row-consultation-summary")
    # Every box shows all its words: none scrolls inside itself.
    hidden = page.evaluate("""[...document.querySelectorAll('main textarea')]
        .filter(box => box.scrollHeight > box.clientHeight + 2).map(box => box.id)""")
    assert hidden == [], f"boxes that hide some of their words: {hidden}"
    page.locator(f"#text-{TITLE_ROW}").fill(NEW_WELSH_TITLE)
    summary.fill(NEW_WELSH_SUMMARY)
    submit(page, page.locator("#save-translations"), js)
    assert "2 texts saved." in _notice(page), _notice(page)
    assert page.locator(f"#text-{TITLE_ROW}").input_value() == NEW_WELSH_TITLE
    assert page.locator("#text-row-consultation-summary").input_value() == NEW_WELSH_SUMMARY
    browser_session.assert_clean()
