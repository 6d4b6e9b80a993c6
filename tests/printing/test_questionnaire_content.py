"""What the paper says: instructions, question numbers, branching in words, how and when to send it
back, picture credits, and every language's own letters."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from flask_babel import force_locale

from consult.build.questions import set_condition
from consult.extensions import db
from consult.models import Consultation, Question
from consult.printing.questionnaire import questionnaire_document
from consult.templating import london_date
from tests import pdf_reader

CSS_FOLDER = Path(__file__).resolve().parents[2] / "static" / "css" / "pdf"


def _document(app, consultation_id, language="en", register="standard"):
    with app.test_request_context():
        consultation = db.session.get(Consultation, consultation_id)
        printed, html = questionnaire_document(consultation, language, register)
    return printed, BeautifulSoup(html, "html.parser")


def _css_rules(path: Path) -> str:
    """A stylesheet without its comments (which may name what the rules avoid)."""
    return re.sub(r"/\*.*?\*/", "", path.read_text(), flags=re.S)


def _text(soup) -> str:
    return " ".join(soup.get_text(" ", strip=True).split())


def _question_texts(soup) -> list[str]:
    return [_text(section) for section in soup.select("section.question")]


def test_large_print_instructions_and_numbers(app, demo):
    printed, soup = _document(app, demo["id"])
    questions = _question_texts(soup)
    assert len(questions) == 8
    assert [text.split(" ")[:2] for text in questions] == [["Question", str(n)] for n in range(1, 9)]
    assert "Tick all the boxes that apply." in questions[0]
    for number in (2, 3, 4, 8):  # single choice, yes/no, agree scale, single choice
        assert "Tick one box." in questions[number - 1]
    assert "Write a number from 0 to 365 in the box." in questions[4]
    assert soup.select("section.question")[4].select(".number-box")
    for number in (6, 7):
        assert "Write your answer on the lines." in questions[number - 1]
    assert len(soup.select("section.question")[6].select(".writing-line")) == 8
    assert [n for n, text in enumerate(questions, 1) if "You do not have to answer this question." in text] == [7]
    # Every answer to tick has its own box.
    first = soup.select("section.question")[0]
    assert len(first.select(".option .tick-box")) == 7
    assert soup.html["lang"] == "en" and soup.html["dir"] == "ltr"


def test_easy_read_instructions_use_digits(app, demo):
    _printed, soup = _document(app, demo["id"], register="easy")
    questions = _question_texts(soup)
    assert "You can tick more than 1 box." in questions[0]
    assert "Tick 1 box." in questions[1]
    assert soup.select_one("body")["class"] == ["easy-read"]


def test_agree_scale_has_dont_know_set_apart(app, demo):
    for register in ("standard", "easy"):
        _printed, soup = _document(app, demo["id"], register=register)
        scale = soup.select("section.question")[3]
        items = [_text(item) for item in scale.select(".options li")]
        assert items[-2:] == ["or", "Don’t know"]


def test_branching_in_words(app, demo):
    with app.app_context():
        consultation = db.session.get(Consultation, demo["id"])
        first, last = consultation.questions[0], db.session.get(Question, demo["questions"][6][0])
        set_condition(last, [first.options[1], first.options[5]])  # a wheelchair, a hoist or sling
        db.session.commit()
    _printed, soup = _document(app, demo["id"])
    assert ("Only answer this question if you ticked “A wheelchair” or “A hoist or sling” at question 1."
            in _question_texts(soup)[6])
    assert not any("Only answer" in text for text in _question_texts(soup)[:6])
    _printed, welsh = _document(app, demo["id"], language="cy")
    assert "“Cadair olwyn” neu “Teclyn codi neu sling”" in _question_texts(welsh)[6]


@pytest.mark.parametrize("language", ["en", "cy", "ar"])
def test_return_address_and_closing_date_in_the_language(app, demo, language):
    printed, soup = _document(app, demo["id"], language=language)
    with app.test_request_context():
        consultation = db.session.get(Consultation, demo["id"])
        with force_locale({"en": "en_GB"}.get(language, language)):
            closing = london_date(consultation.closes_at)
    assert printed.closing_date == closing
    text = _text(soup)
    assert closing in text
    assert "01234 567 890" in text and "equipment@northshire.example" in text
    assert "NS1 1AA" in text


def test_without_a_contact_it_says_how_to_return_it(app, demo):
    with app.app_context():
        consultation = db.session.get(Consultation, demo["id"])
        consultation.contact_id = None
        consultation.contact_email = None
        db.session.commit()
    _printed, soup = _document(app, demo["id"])
    # Said once, in the return block at the end (issue 13, item 11: repeated instructions go).
    assert _text(soup).count("Give this form back to the person who gave it to you.") == 1


def test_easy_read_credits_symbols_and_large_print_has_no_pictures(app, pictured):
    printed, soup = _document(app, pictured["id"], register="easy")
    assert printed.attributions == ["Symbols: OpenMoji, CC BY-SA 4.0"]
    assert "Symbols: OpenMoji, CC BY-SA 4.0" in _text(soup.select_one(".page-footer"))
    images = soup.find_all("img")
    assert images and all(image.get("alt", "").strip() for image in images)
    printed, soup = _document(app, pictured["id"], register="standard")
    assert printed.attributions == [] and soup.find_all("img") == []


def test_welsh_letters_survive_in_the_pdf(demo_pdf):
    for register in ("easy", "standard"):
        text = pdf_reader.text_of(demo_pdf("cy", register))
        assert "ŵ" in text and "ŷ" in text, register
        assert "Cwestiwn" in text or "Question" in text


def test_welsh_letters_are_drawn_in_atkinson_hyperlegible_next(demo_pdf):
    """One complete font file per weight (no unicode-range subsets, which WeasyPrint garbles)."""
    welsh = [char for char in pdf_reader.chars(demo_pdf("cy", "standard")) if char.text in "ŵŷ"]
    assert welsh and all("Atkinson-Hyperlegible-Next" in char.font for char in welsh)
    css = _css_rules(CSS_FOLDER / "base.css")
    assert "unicode-range" not in css
    # Two weights of Atkinson Hyperlegible Next, and two of Amiri for Arabic (tests/printing/test_arabic_text.py).
    assert css.count("@font-face") == 4 and css.count(".ttf") == 4


def test_arabic_pdf_holds_arabic_text(demo_pdf):
    text = pdf_reader.text_of(demo_pdf("ar", "easy"))
    assert sum(1 for letter in text if "\u0600" <= letter <= "\u06ff") > 200


def test_stylesheets_keep_the_easy_read_rules():
    """No justified text, no italics, underlining or capitals: bold is the only emphasis."""
    for path in CSS_FOLDER.glob("*.css"):
        css = _css_rules(path)
        for banned in ("justify", "italic", "underline", "uppercase", "oblique"):
            assert banned not in css, f"{banned} in {path.name}"
        for physical in ("margin-left", "margin-right", "padding-left", "padding-right", "text-align: left"):
            assert physical not in css, f"{physical} in {path.name}: use logical properties"
