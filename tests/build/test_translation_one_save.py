"""Issue 13, item 15: the translation editor saves every changed text with one button, writes
nothing it did not change, and its boxes grow to their words."""

from __future__ import annotations

from datetime import timedelta

import pytest

from consult.build.questions import add_question
from consult.build.services import create_consultation
from consult.build.translation_page import box_rows
from consult.extensions import db
from consult.models import Consultation, TextBlock
from consult.models._time import utcnow

LONG = " ".join(["Tell us which parks you use, when you go, and what would make them better for you."] * 4)


@pytest.fixture
def made(app):
    with app.app_context():
        now = utcnow()
        consultation = create_consultation("parks", title="Parks", summary=LONG, opens_at=now - timedelta(days=1),
                                           closes_at=now + timedelta(days=30), other_languages=["cy"])
        add_question(consultation, "single_choice", "Which park do you use?", options=["Victoria Park", "Riverside"])
        db.session.commit()
        return {"id": consultation.id, "editor": f"/staff/consultations/{consultation.id}/translate/cy"}


def _one_form(page) -> int:
    forms = [f for f in page.soup.find_all("form") if f.get("method", "").lower() == "post"]
    return forms.index(page.soup.find("form", id="translations-form"))


def _welsh(app, consultation_id, field, register="standard"):
    with app.app_context():
        block = getattr(db.session.get(Consultation, consultation_id), field)
        return next((v.body for v in block.variants if v.language == "cy" and v.register == register), None)


def test_one_save_button_and_boxes_that_fit_their_words(signed_in, made):
    editor = signed_in("editor")
    page = editor.get(made["editor"])
    buttons = page.soup.find("main").find_all("button")
    assert [b.get("id") for b in buttons if "Save" in b.get_text()] == ["save-translations"]
    summary = page.soup.find("textarea", id="text-row-consultation-summary")
    title = page.soup.find("textarea", id="text-row-consultation-title")
    # The long summary's box starts tall enough for all of it; a short title's stays small.
    assert int(summary["rows"]) >= 6 and int(title["rows"]) == 2
    assert box_rows("a", "") == 2 and box_rows("x" * 600, "") > 10


@pytest.mark.parametrize("htmx", [False, True], ids=["no-js", "htmx"])
def test_every_changed_text_is_saved_with_one_press(app, signed_in, made, htmx):
    editor = signed_in("editor", htmx=htmx)
    page = editor.get(made["editor"])
    saved = editor.submit(page, {"text-consultation.title": "Parciau",
                                 "text-consultation.summary": "Dywedwch wrthym am barciau."},
                          form_index=_one_form(page))
    assert saved.status == 200
    assert _welsh(app, made["id"], "title") == "Parciau"
    assert _welsh(app, made["id"], "summary") == "Dywedwch wrthym am barciau."
    assert "2 texts saved." in saved.text() + str(saved.headers)
    # The page comes back with what was saved in its boxes.
    again = editor.get(made["editor"])
    assert again.soup.find("textarea", id="text-row-consultation-title").get_text() == "Parciau"


def test_a_text_left_alone_is_not_written_over(app, signed_in, made):
    editor = signed_in("editor")
    page = editor.get(made["editor"])
    # Meanwhile someone else saves the Welsh summary.
    with app.app_context():
        block = db.session.get(TextBlock, db.session.get(Consultation, made["id"]).summary_id)
        block.set("cy", "Crynodeb gan rywun arall")
        db.session.commit()
    editor.submit(page, {"text-consultation.title": "Parciau"}, form_index=_one_form(page))
    assert _welsh(app, made["id"], "summary") == "Crynodeb gan rywun arall"
    assert _welsh(app, made["id"], "title") == "Parciau"


def test_nothing_changed_says_so_and_csrf_is_needed(app, signed_in, made):
    editor = signed_in("editor")
    page = editor.get(made["editor"])
    same = editor.submit(page, {}, form_index=_one_form(page))
    assert "Nothing was changed, so nothing was saved." in same.text()
    refused = editor.post(made["editor"], {"text-consultation.title": "Parciau"})
    assert refused.status == 400
    assert _welsh(app, made["id"], "title") is None


def test_easy_read_texts_are_saved_in_the_easy_register(app, signed_in, made):
    editor = signed_in("editor")
    page = editor.get(made["editor"] + "?register=easy")
    assert page.soup.find("form", id="translations-form").find("input", attrs={"name": "register"})["value"] == "easy"
    saved = editor.submit(page, {"text-consultation.summary": "Dywedwch wrthym am y parc."}, form_index=_one_form(page))
    assert saved.status == 200 and "register=easy" in saved.path
    assert _welsh(app, made["id"], "summary", register="easy") == "Dywedwch wrthym am y parc."
    assert _welsh(app, made["id"], "summary") is None
