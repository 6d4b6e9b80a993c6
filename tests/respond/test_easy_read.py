"""Easy read: written by staff beside the standard words, chosen by residents on any page."""

from __future__ import annotations

import re

from sqlalchemy import select

from consult.extensions import db
from consult.models import Response
from tests.demo_answers import answer_for
from tests.helpers import Resident

EASY_TITLE = "Your equipment. Tell us what you think."


def _one_form(page) -> int:
    """The translation editor's one form (issue 13, item 15), by its place among the page's POST forms."""
    forms = [f for f in page.soup.find_all("form") if f.get("method", "").lower() == "post"]
    return forms.index(page.soup.find("form", id="translations-form"))


def _write_easy_title(signed_in, demo):
    editor = signed_in("editor")
    page = editor.get(f"/staff/consultations/{demo['id']}/translate/en?register=easy")
    assert page.status == 200 and page.h1 == "Easy read in English"
    saved = editor.submit(page, {"text-consultation.title": EASY_TITLE}, form_index=_one_form(page))
    assert saved.status == 200
    return editor, saved


def test_staff_write_easy_read_and_the_checker_uses_easy_rules(signed_in, demo):
    editor, saved = _write_easy_title(signed_in, demo)
    long = "Tell us how our walking aids and beds and bathing equipment work for you and your family at home every day."
    checked = editor.submit(saved, {"text-consultation.summary": long}, form_index=_one_form(saved))
    row = checked.soup.find(id="row-consultation-summary")
    assert "more than 15 words" in row.get_text() or "much too long" in row.get_text()
    languages = editor.get(f"/staff/consultations/{demo['id']}/languages")
    english = next(li for li in languages.soup.find_all("li") if "Easy read in English" in li.get_text())
    # The demo has easy read for every text; the summary, now too long, still counts as written.
    written, total = (int(n) for n in re.search(r"(\d+) of (\d+)", english.get_text()).groups())
    assert written == total


def test_residents_choose_easy_read_on_any_page_and_it_is_remembered(app, signed_in, demo):
    _write_easy_title(signed_in, demo)
    resident = Resident(app.test_client())
    start = resident.get(f"/c/{demo['slug']}")
    switch = start.soup.find(id="version-switch").find("a")
    assert switch.get_text(strip=True) == "Easy read"
    easy = resident.get(switch["href"])
    assert easy.h1 == EASY_TITLE
    assert "easy-read" in easy.soup.find("body").get("class", [])
    assert easy.soup.find(id="version-switch").get_text(strip=True) == "Standard version"
    # Texts with no easy-read version are shown in their standard words (the demo has no easy-read Arabic).
    arabic = Resident(app.test_client()).get(f"/c/{demo['slug']}?lang=ar&register=easy")
    assert "أخبرنا كيف تناسبك أدوات المشي" in arabic.text()
    assert "easy-read" in arabic.soup.find("body").get("class", [])
    page = resident.submit(resident.get(f"/c/{demo['slug']}"))
    assert "easy-read" in resident.get(page.path).soup.find("body").get("class", [])
    for number in range(1, 9):
        page = resident.submit(page, answer_for(page, number))
    resident.submit(page)
    with app.app_context():
        assert db.session.execute(select(Response.register)).scalar_one() == "easy"
    standard = resident.get(f"/c/{demo['slug']}?register=standard")
    assert standard.h1 == "Your equipment, your say"
