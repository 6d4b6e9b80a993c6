"""The demo's printed questionnaires are accessible PDFs: tagged, in one language, titled, with
every font embedded and every picture described, and short enough to post."""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pytest
from PIL import Image

from consult.extensions import db
from consult.models import Consultation, Picture, TextBlock
from consult.printing.pdf import render_pdf
from consult.printing.questionnaire import gather_questionnaire, questionnaire_html
from tests import pdf_reader

VERSIONS = [(language, register) for language in ("en", "cy", "ar") for register in ("easy", "standard")]
TITLES = {
    ("en", "easy"): "Tell us about your equipment: Easy read questionnaire",
    ("en", "standard"): "Your equipment, your say: Large print questionnaire",
}


@pytest.mark.parametrize("language, register", VERSIONS)
def test_tagged_with_language_and_title(demo_pdf, language, register):
    pdf = pdf_reader.open_pdf(demo_pdf(language, register))
    assert "/StructTreeRoot" in pdf.Root
    assert pdf.Root.MarkInfo.Marked is True
    assert str(pdf.Root.Lang) == language
    assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
    title = str(pdf.docinfo.Title)
    with pdf.open_metadata() as meta:
        assert meta["dc:title"] == title
    if (language, register) in TITLES:
        assert title == TITLES[(language, register)]
    # Headings are real headings, so a screen reader can move between questions.
    tags = [str(element.S) for element in pdf_reader.struct_elements(pdf)]
    assert tags.count("/H1") == 1 and tags.count("/H2") >= 8


@pytest.mark.parametrize("language, register", VERSIONS)
def test_every_font_embedded_and_every_picture_described(demo_pdf, language, register):
    pdf = pdf_reader.open_pdf(demo_pdf(language, register))
    fonts = list(pdf_reader.fonts(pdf))
    assert fonts and all(embedded for _name, embedded in fonts), fonts
    figures = pdf_reader.figures(pdf)
    assert all(figure.alt and figure.alt.strip() for figure in figures)
    if register == "easy":
        # A picture for each of the 8 questions, and for the answers.
        assert len(figures) > 8
    else:
        assert figures == []


@pytest.mark.parametrize("language", ["en", "cy", "ar"])
def test_alt_text_is_the_pictures_own_in_the_pdf_language(app, pictured, demo_pdf, language):
    with app.app_context():
        consultation = db.session.get(Consultation, pictured["id"])
        pictures = [question.picture for question in consultation.questions]
        pictures += [option.picture for question in consultation.questions for option in question.options]
        expected = {variant.body for picture in pictures for variant in picture.alt.variants
                    if variant.language == language}
    found = {figure.alt for figure in pdf_reader.figures(pdf_reader.open_pdf(demo_pdf(language, "easy")))}
    assert found == expected


@pytest.mark.parametrize("language, register", VERSIONS)
def test_twenty_pages_or_fewer(demo_pdf, language, register):
    assert pdf_reader.page_count(demo_pdf(language, register)) <= 20


@pytest.mark.parametrize("register", ["easy", "standard"])
def test_weasyprint_logs_no_errors(app, pictured, caplog, register):
    with app.test_request_context(), caplog.at_level(logging.WARNING, logger="weasyprint"):
        consultation = db.session.get(Consultation, pictured["id"])
        printed = gather_questionnaire(consultation, "en", register)
        render_pdf(questionnaire_html(printed), language="en", title=printed.document_title)
    errors = [record.getMessage() for record in caplog.records
              if record.name.startswith("weasyprint") and record.levelno >= logging.ERROR]
    assert errors == []


def test_an_uploaded_picture_is_printed_with_its_alt_text(app, demo):
    name = "Upload" + "x" * 20 + ".png"
    folder = Path(app.config["UPLOAD_FOLDER"])
    folder.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    Image.new("RGB", (40, 40), "#1d70b8").save(buffer, format="PNG")
    (folder / name).write_bytes(buffer.getvalue())
    with app.app_context():
        consultation = db.session.get(Consultation, demo["id"])
        alt = TextBlock()
        alt.set("en", "Our equipment van")
        consultation.questions[1].picture = Picture(kind="upload", ref=name, alt=alt, attribution=None)
        db.session.commit()
    response = app.test_client().get(f"/c/{demo['slug']}/print/en/easy-read.pdf")
    assert response.status_code == 200
    assert "Our equipment van" in [figure.alt for figure in pdf_reader.figures(pdf_reader.open_pdf(response.data))]
