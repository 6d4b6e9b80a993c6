"""The demo consultation is offered in English, Welsh and Arabic out of the box."""

from __future__ import annotations

from sqlalchemy import select

from consult.extensions import db
from consult.models import Consultation, Question, TextVariant
from consult.models.content import STANDARD
from tests.helpers import Resident

LANGUAGES = ["en", "cy", "ar"]
WELSH_TITLE = "Eich offer, eich barn"
ARABIC_TITLE = "أجهزتك ورأيك فيها"


def _block_ids(consultation: Consultation) -> dict[str, int]:
    """Every text block a resident can read in the consultation, named for the failure message."""
    blocks = {name: getattr(consultation, f"{name}_id")
              for name in ("title", "summary", "purpose", "organiser", "data_use", "contact")}
    questions = db.session.scalars(
        select(Question).where(Question.consultation_id == consultation.id).order_by(Question.position)
    )
    for question in questions:
        blocks[f"question {question.position} prompt"] = question.prompt_id
        blocks[f"question {question.position} hint"] = question.hint_id
        for option in question.options:
            blocks[f"question {question.position} option {option.value}"] = option.label_id
    return {name: block_id for name, block_id in blocks.items() if block_id is not None}


def test_demo_is_offered_in_english_welsh_and_arabic(app, demo):
    with app.app_context():
        consultation = db.session.get(Consultation, demo["id"])
        # English first (the language it is written in); offered_languages sorts the others.
        assert consultation.default_language == "en"
        assert consultation.offered_languages[0] == "en"
        assert sorted(consultation.offered_languages) == sorted(LANGUAGES)


def test_every_demo_text_is_written_in_every_language(app, demo):
    with app.app_context():
        consultation = db.session.get(Consultation, demo["id"])
        blocks = _block_ids(consultation)
        assert len(blocks) > 40  # the 6 settings texts, 8 prompts, 7 hints and every answer
        rows = db.session.execute(
            select(TextVariant.block_id, TextVariant.language, TextVariant.body)
            .where(TextVariant.block_id.in_(blocks.values()), TextVariant.register == STANDARD)
        )
        written = {(block_id, language) for block_id, language, body in rows if body.strip()}
    missing = [f"{name} ({language})" for name, block_id in blocks.items() for language in LANGUAGES
               if (block_id, language) not in written]
    assert not missing, "no text in: " + ", ".join(missing)


def _check_start_page(app, language: str, title: str):
    page = Resident(app.test_client()).get(f"/c/equipment-service?lang={language}")
    assert page.status == 200
    h1 = page.soup.find("h1")
    assert page.h1 == title
    html = page.soup.find("html")
    if language in app.config["LANGUAGES"]:
        # The interface is in this language too: the title is in the page's language, unmarked.
        assert html["lang"] == language
        assert not h1.has_attr("lang")
    else:
        # Content-only language: the words around it stay in English, the title says what it is.
        assert h1["lang"] == language
    return page, html


def test_a_welsh_resident_sees_the_consultation_in_welsh(app, demo):
    page, html = _check_start_page(app, "cy", WELSH_TITLE)
    assert html["lang"] == "cy"
    assert "Bydd eich atebion yn ein helpu i gynllunio’r gwasanaeth" in page.text()
    # The choice is remembered: the first question is in Welsh too.
    resident = Resident(app.test_client())
    first = resident.submit(resident.get("/c/equipment-service?lang=cy"))
    assert first.h1 == "Pa offer ydych chi wedi’u cael gennym ni?"
    assert not first.soup.find("h1").has_attr("lang")
    assert "Cadair olwyn" in first.text()
    assert "Dim un o’r rhain" in first.text()


def test_an_arabic_resident_sees_the_consultation_in_arabic(app, demo):
    page, html = _check_start_page(app, "ar", ARABIC_TITLE)
    if "ar" in app.config["LANGUAGES"]:
        assert html["dir"] == "rtl"
    assert "ستساعدنا إجاباتك على تخطيط الخدمة للسنة القادمة." in page.text()
    # The phone number is kept left to right (an isolate), or a right-to-left page reverses its groups.
    assert "\u206601234 567 890\u2069" in page.html
