"""Printed results: "What you told us" in easy read, and the full report for staff and boards."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

import pytest

from consult.extensions import db
from consult.models import Consultation
from consult.models._time import utcnow
from consult.results.printed import results_pdf
from tests import pdf_reader
from tests.printing.conftest import give_arabic_easy_read
from tests.results.analysis_data import QuestionSpec, ResponseSpec, add_responses, load, make_consultation

RESPONSES = 30


def _answers(i: int) -> dict:
    # Question indexes of the demo: 0 equipment (several), 1 waiting time, 2 yes/no, 3 agree scale,
    # 4 number, 5 town (short text), 6 what to change (long text), 7 age.
    return {
        0: [1] if i % 3 else [1, 2],
        1: [0] if i < 27 else [1] if i < 29 else [2],  # 27, 2 and 1: two small groups
        2: [0] if i < 20 else [1],  # 20 Yes, 10 No
        3: [1],
        4: 3 + i % 4,
        6: f"SECRET-TEXT-{i}",
        7: [i % 2],
    }


@pytest.fixture
def answered(app, demo):
    with app.app_context():
        consultation = load(demo["id"])
        give_arabic_easy_read(consultation)
        start = utcnow() - timedelta(days=3)
        add_responses(consultation, [ResponseSpec(start + timedelta(minutes=i), _answers(i)) for i in range(RESPONSES)])
        db.session.commit()
    return demo


def _easy_pdf(client, slug, language="en"):
    response = client.get(f"/results/{slug}/print/{language}/what-you-told-us.pdf")
    assert response.status_code == 200, response.status
    assert response.mimetype == "application/pdf"
    return response


@pytest.mark.parametrize("language", ["en", "cy", "ar"])
def test_what_you_told_us_is_an_accessible_easy_read_pdf(app, signed_in, answered, language):
    editor = signed_in("editor")  # results not published yet: editors preview
    data = _easy_pdf(editor.client, answered["slug"], language).data
    pdf = pdf_reader.open_pdf(data)
    assert "/StructTreeRoot" in pdf.Root and pdf.Root.MarkInfo.Marked is True
    assert str(pdf.Root.Lang) == language
    assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
    fonts = list(pdf_reader.fonts(pdf))
    assert fonts and all(embedded for _name, embedded in fonts)
    figures = pdf_reader.figures(pdf)
    assert len(figures) >= 8 and all(figure.alt and figure.alt.strip() for figure in figures)
    sizes = pdf_reader.sizes_by_role(data)
    assert min(sizes["body"]) >= 16, sizes["body"]
    assert min(sizes["body"] + sizes["heading"] + sizes["footer"]) >= 14
    assert pdf_reader.page_count(data) <= 24
    text = " ".join(pdf_reader.text_of(data).split())
    assert "SECRET-TEXT" not in text  # people's own words never leave the staff pages
    if language == "en":
        assert str(pdf.docinfo.Title).endswith(": What you told us")
        assert "20 out of 30 people chose “Yes”." in text
        assert "Fewer than 5 of the 30 people chose" in text
        assert "30 people answered." in text
    if language == "cy":
        assert "ŵ" in text


def test_the_public_gets_it_only_once_the_results_are_published(app, answered, resident):
    slug = answered["slug"]
    assert resident.client.get(f"/results/{slug}/print/en/what-you-told-us.pdf").status_code == 404
    with app.app_context():
        consultation = db.session.get(Consultation, answered["id"])
        consultation.closed_at = utcnow()
        consultation.results_published_at = utcnow()
        db.session.commit()
    response = _easy_pdf(resident.client, slug)
    assert "max-age=300" in response.headers["Cache-Control"]
    assert resident.client.get(f"/results/{slug}/print/pl/what-you-told-us.pdf").status_code == 404


def test_the_pdf_is_kept_until_the_answers_change(app, signed_in, answered):
    editor = signed_in("editor")
    first = _easy_pdf(editor.client, answered["slug"])
    again = _easy_pdf(editor.client, answered["slug"])
    assert again.headers["ETag"] == first.headers["ETag"]
    with app.app_context():
        add_responses(load(answered["id"]), [ResponseSpec(utcnow(), _answers(0))])
        db.session.commit()
    changed = _easy_pdf(editor.client, answered["slug"])
    assert changed.headers["ETag"] != first.headers["ETag"]
    assert "31 people answered." in " ".join(pdf_reader.text_of(changed.data).split())


def test_the_full_report_is_for_staff_and_has_every_table(app, signed_in, answered, resident):
    path = f"/staff/results/{answered['slug']}/report/en.pdf"
    assert resident.client.get(path).status_code in (302, 303)
    analyst = signed_in("analyst")
    response = analyst.client.get(path)
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.headers["Cache-Control"] == "private, no-store"
    pdf = pdf_reader.open_pdf(response.data)
    tags = [str(element.S) for element in pdf_reader.struct_elements(pdf)]
    assert tags.count("/Table") >= 6  # who answered (channels, languages...) and each choice question
    text = " ".join(pdf_reader.text_of(response.data).split())
    assert "Full report" in text and "SECRET-TEXT" not in text
    assert "fewer than 5" in text


def test_a_long_consultation_is_summarised_within_24_pages(app, caplog):
    with app.test_request_context(), caplog.at_level(logging.WARNING, logger="weasyprint"):
        consultation = make_consultation(
            [QuestionSpec("single_choice", answers=[f"Answer {n} with a few words" for n in range(1, 9)])
             for _ in range(20)], slug="long-one")
        start = datetime(2027, 2, 1, 9, 0)
        add_responses(consultation, [ResponseSpec(start + timedelta(minutes=i), {q: [(i + q) % 8] for q in range(20)})
                                     for i in range(200)])
        db.session.commit()
        data, _stamp = results_pdf(load(consultation.id), "en")
    text = " ".join(pdf_reader.text_of(data).split())
    assert pdf_reader.page_count(data) <= 24
    assert "5 other answers were chosen by fewer people." in text
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
