"""Every registered question type, driven through every channel a question goes through.

One consultation per type, with one question of that type. A type that forgets a channel fails
here with the channel's name: the resident's page (with and without htmx), check your answers,
the stored response, staff data entry, the response page, the CSV and XLSX exports, the
dashboard, both printed questionnaires, the question editor and the translation file.
"""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import openpyxl
import pytest
from sqlalchemy import select

from consult.build.questions import add_question
from consult.build.services import create_consultation
from consult.extensions import db
from consult.models import Answer, Question, Response
from consult.models._time import utcnow
from consult.questions import REGISTRY
from tests.helpers import Resident

PROMPT = "What do you think of the new bus stop?"
CHOICES = ["Good place", "Bad place"]


def _make(kind: str) -> dict:
    now = utcnow().replace(microsecond=0)
    slug = f"type-{kind.replace('_', '-')}"
    consultation = create_consultation(slug, title={"en": f"Every channel: {kind}"}, summary="One question.",
                                       status="published", opens_at=now - timedelta(days=1), other_languages=["cy"],
                                       closes_at=now + timedelta(days=30))
    qtype = REGISTRY[kind]
    options = CHOICES if qtype.has_options and not qtype.fixed_options else ()
    question = add_question(consultation, kind, PROMPT, options=options)
    db.session.commit()
    return {"slug": slug, "id": consultation.id, "question": question.id,
            "first_option": question.options[0].id if question.options else None}


def _example(app, kind: str, made: dict):
    """What a person sends for this type, and how it comes out: the type's own example."""
    with app.app_context():
        return REGISTRY[kind].example(db.session.get(Question, made["question"]))


@pytest.fixture(params=sorted(REGISTRY))
def kind(request):
    return request.param


@pytest.fixture
def made(app, kind):
    with app.app_context():
        return _make(kind)


def _stored(app) -> tuple[Response, list[Answer]]:
    with app.app_context():
        response = db.session.scalars(select(Response)).one()
        answers = db.session.scalars(select(Answer).where(Answer.response_id == response.id)).all()
        db.session.expunge_all()
        return response, answers


@pytest.mark.parametrize("htmx", [False, True], ids=["no-js", "htmx"])
def test_a_resident_answers_checks_and_sends(app, kind, made, htmx):
    resident = Resident(app.test_client(), htmx=htmx)
    page = resident.submit(resident.get(f"/c/{made['slug']}"))
    assert page.status == 200 and PROMPT in page.text(), f"{kind}: the resident's question page"
    example = _example(app, kind, made)
    check = resident.submit(page, example.formdata)
    assert check.status == 200 and check.path.endswith("/check"), f"{kind}: saving an answer: {check.text()[:300]}"
    if example.shown:
        assert example.shown in check.text(), f"{kind}: the check page shows the answer"
    done = resident.submit(check)
    assert done.path.endswith("/confirmation"), f"{kind}: sending the answers"
    _response, answers = _stored(app)
    assert answers, f"{kind}: the answer is stored as rows"


def test_staff_enter_a_paper_form_then_read_it_and_export_it(app, signed_in, kind, made):
    editor = signed_in("editor")
    form = editor.get(f"/staff/entry/{made['slug']}")
    assert form.status == 200 and PROMPT in form.text(), f"{kind}: the data-entry page"
    example = _example(app, kind, made)
    saved = editor.submit(form, {"channel": "paper", **example.formdata})
    assert saved.status == 200, f"{kind}: data entry: {saved.text()[:300]}"
    response, answers = _stored(app)
    assert answers, f"{kind}: data entry stores the answer"

    admin = signed_in("admin")
    shown = admin.get(f"/staff/results/{made['slug']}/responses/{response.reference}")
    assert shown.status == 200, f"{kind}: the response page"
    label = CHOICES[0] if REGISTRY[kind].has_options and not REGISTRY[kind].fixed_options else example.shown
    if label:
        assert label in shown.text(), f"{kind}: the response page shows the answer"

    rows = list(csv.reader(io.StringIO(admin.client.get(
        f"/staff/results/{made['slug']}/export.csv").get_data(as_text=True).lstrip("\ufeff"))))
    header = rows[0]
    column = next(index for index, name in enumerate(header) if PROMPT in name)
    assert rows[1][column], f"{kind}: the CSV has the answer"
    if example.csv or label:
        # Numbers go out as plain digits, for spreadsheets to read as numbers.
        assert rows[1][column] == (example.csv or label), f"{kind}: the CSV cell"
    book = openpyxl.load_workbook(io.BytesIO(admin.client.get(
        f"/staff/results/{made['slug']}/export.xlsx").get_data()), read_only=True)
    cells = list(book.active.iter_rows(values_only=True))
    cell = cells[1][column]
    assert cell not in (None, ""), f"{kind}: the XLSX has the answer"
    if example.xlsx is not None:
        assert cell == example.xlsx, f"{kind}: a typed XLSX cell (a number is a number, a date a date)"

    dashboard = admin.get(f"/staff/results/{made['slug']}")
    assert dashboard.status == 200 and PROMPT in dashboard.text(), f"{kind}: the dashboard"


@pytest.mark.parametrize("register", ["standard", "easy"])
def test_both_printed_questionnaires(app, kind, made, register):
    from consult.models import Consultation
    from consult.printing.pdf import render_pdf
    from consult.printing.questionnaire import questionnaire_document

    with app.test_request_context():
        consultation = db.session.get(Consultation, made["id"])
        printed, html = questionnaire_document(consultation, "en", register)
        [question] = printed.questions
        assert question.how_to_answer, f"{kind}: printed instructions ({register})"
        assert PROMPT in html, f"{kind}: the printed questionnaire ({register})"
        pdf = render_pdf(html, language="en", title=printed.document_title)
        assert pdf.startswith(b"%PDF"), f"{kind}: the printed PDF ({register})"


def test_the_question_editor_and_the_translation_file(app, signed_in, kind, made):
    editor = signed_in("editor")
    page = editor.get(f"/staff/consultations/{made['id']}/questions/{made['question']}")
    assert page.status == 200 and PROMPT in page.text(), f"{kind}: the question editor"
    saved = editor.submit(page, form_index=page.soup.find_all("form", method="post").index(
        page.soup.find("form", attrs={"hx-target": "#question-editor"})))
    assert saved.status == 200, f"{kind}: saving the question with its own settings: {saved.text()[:300]}"
    exported = editor.client.get(f"/staff/consultations/{made['id']}/translate/cy/export")
    assert exported.status_code == 200 and PROMPT in exported.get_data(as_text=True), f"{kind}: the PO file"
