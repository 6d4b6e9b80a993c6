"""PDFs off the request path: "Your PDF is being made" while a background job renders it, then the PDF.

These tests run jobs in threads (the embedded default), not at once as other tests do, and hold the
render until the test lets it go, so the waiting page can be looked at.
"""

from __future__ import annotations

import io
import threading
import time
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from consult import create_app, jobs
from consult.extensions import db
from consult.models import Consultation, Option, StoredFile
from consult.printing import questionnaire, queued
from consult.printing.pdf import PdfError
from consult.storage import PDF_CACHE
from tests.pdf_reader import text_of
from tests.printing.conftest import pdf_path

CHECK = {"HX-Request": "true", "HX-Request-Type": "partial", "HX-Target": "div#pdf-status"}


class HeldRender:
    """Stands in for questionnaire.render_pdf: counts renders, and waits until ``release()``."""

    def __init__(self, real):
        self.real, self.calls, self.gate, self.fail = real, [], threading.Event(), False

    def __call__(self, html, **kwargs):
        self.calls.append(kwargs["language"])
        self.gate.wait(20)
        if self.fail:
            raise PdfError("WeasyPrint reported errors: a test said so")
        return self.real(html, **kwargs)

    def release(self):
        self.gate.set()


@pytest.fixture
def held(app, monkeypatch):
    app.config["JOBS_BACKEND"] = "threads"
    render = HeldRender(questionnaire.render_pdf)
    monkeypatch.setattr(questionnaire, "render_pdf", render)
    yield render
    render.release()
    jobs.runner_of(app).wait_idle(30)


def _wait(app):
    assert jobs.runner_of(app).wait_idle(30)


def test_a_new_pdf_is_made_in_the_background_and_then_served(app, demo, held):
    client = app.test_client()
    path = pdf_path(demo["slug"], "en", "standard")
    waiting = client.get(path)
    assert waiting.status_code == 202 and waiting.mimetype == "text/html"
    assert waiting.headers["Cache-Control"] == "no-store"
    soup = BeautifulSoup(waiting.get_data(as_text=True), "html.parser")
    assert soup.h1.get_text(strip=True) == "Your PDF is being made"
    assert soup.title.get_text().startswith("Your PDF is being made")
    # Without JavaScript: a link to look again (no timed refresh: see templates/printing/pending.html).
    assert soup.find("a", string="Check if your PDF is ready")["href"] == path
    assert soup.find("meta", attrs={"http-equiv": "refresh"}) is None
    # With JavaScript: htmx asks every few seconds and swaps nothing.
    status = soup.find(id="pdf-status")
    assert status["hx-get"] == path and status["hx-trigger"].startswith("every ") and status["hx-swap"] == "none"

    assert client.get(path, headers=CHECK).status_code == 204
    for _ in range(10):  # everyone asking for it meanwhile waits for the same one render
        assert client.get(path).status_code == 202
    held.release()
    _wait(app)
    assert held.calls == ["en"]

    ready = client.get(path, headers=CHECK)
    assert ready.status_code == 200 and ready.headers["HX-Redirect"] == path
    pdf = client.get(path)
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    assert "Your equipment, your say" in text_of(pdf.data) or pdf.data.startswith(b"%PDF")
    assert held.calls == ["en"]


def test_another_web_worker_waits_for_the_same_render_without_building_the_pdf_again(app, demo, held, monkeypatch):
    """Two web workers of one server (two apps on one database and instance folder): while the first's
    render is under way, the second neither builds the questionnaire's HTML again nor queues its own."""
    other = create_app(SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"], SECRET_KEY="test-secret",
                       INSTANCE_PATH=app.instance_path, JOBS_BACKEND="threads")
    built = []
    real_document = questionnaire.questionnaire_document
    monkeypatch.setattr(questionnaire, "questionnaire_document",
                        lambda *args: built.append(args[1:]) or real_document(*args))
    path = pdf_path(demo["slug"], "cy", "standard")
    assert app.test_client().get(path).status_code == 202
    assert built == [("cy", "standard")]
    for _ in range(5):
        assert other.test_client().get(path).status_code == 202
    assert built == [("cy", "standard")] and jobs.runner_of(other).pending() == 0
    held.release()
    _wait(app)
    served = other.test_client().get(path)
    assert served.mimetype == "application/pdf"
    assert held.calls == ["cy"]
    # Once served, the next request checks the questionnaire again (its words may have changed since).
    assert other.test_client().get(path).mimetype == "application/pdf"
    assert len(built) == 2


def test_a_note_of_a_render_that_died_is_trusted_only_for_a_while(app, demo, held, monkeypatch):
    built = []
    real_document = questionnaire.questionnaire_document
    monkeypatch.setattr(questionnaire, "questionnaire_document",
                        lambda *args: built.append(args[1:]) or real_document(*args))
    path = pdf_path(demo["slug"], "en", "standard")
    client = app.test_client()
    assert client.get(path).status_code == 202
    assert client.get(path).status_code == 202 and len(built) == 1
    # The render never finishes (its worker died, say): once the note is too old, a request builds the
    # PDF's HTML again, to queue it again, instead of waiting for ever.
    later = time.time() + queued.QUEUED_SECONDS + 1
    monkeypatch.setattr(queued, "time", SimpleNamespace(time=lambda: later))
    assert client.get(path).status_code == 202 and len(built) == 2


def test_the_waiting_page_is_in_the_persons_language(app, demo, held):
    page = app.test_client().get(pdf_path(demo["slug"], "cy", "standard") + "?lang=cy")
    assert page.status_code == 202
    soup = BeautifulSoup(page.get_data(as_text=True), "html.parser")
    assert soup.html["lang"] == "cy"
    assert soup.find("a", href=pdf_path(demo["slug"], "cy", "standard") + "?lang=cy")


def test_a_render_that_fails_shows_the_error_page_once_then_tries_again(app, demo, held):
    held.fail = True
    client = app.test_client()
    path = pdf_path(demo["slug"], "en", "easy")
    assert client.get(path).status_code == 202
    held.release()
    _wait(app)
    assert client.get(path).status_code == 500
    held.gate = threading.Event()
    assert client.get(path).status_code == 202  # asked again: a new try
    held.release()
    _wait(app)
    assert held.calls == ["en", "en"]


def test_posters_and_reports_are_made_in_the_background_too(app, demo, signed_in, monkeypatch):
    app.config.update(JOBS_BACKEND="threads", PUBLIC_URL="https://consult.example.org")
    client = app.test_client()
    poster = f"/c/{demo['slug']}/print/en/poster.pdf"
    assert client.get(poster).status_code == 202
    analyst = signed_in("analyst")
    report = f"/staff/results/{demo['slug']}/report/en.pdf"
    waiting = analyst.client.get(report)
    assert waiting.status_code == 202, waiting.status_code
    _wait(app)
    assert client.get(poster).mimetype == "application/pdf"
    assert analyst.client.get(report).mimetype == "application/pdf"


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (60, 40), "teal").save(buffer, format="PNG")
    return buffer.getvalue()


def test_with_database_storage_another_server_serves_the_same_files(app, demo, signed_in, tmp_path):
    """Two apps sharing only the database: a picture uploaded and a PDF made on one, served by the other."""
    app.config["FILE_STORAGE"] = "database"
    other = create_app(SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"], SECRET_KEY="test-secret",
                       INSTANCE_PATH=str(tmp_path / "other-instance"), FILE_STORAGE="database", JOBS_BACKEND="eager")
    editor = signed_in("editor")
    with app.app_context():
        question = next(q for q in db.session.get(Consultation, demo["id"]).questions if q.kind == "single_choice")
        question_id, option_id = question.id, question.options[0].id
    page = editor.get(f"/staff/consultations/{demo['id']}/questions/{question_id}/picture?option={option_id}")
    form = next(f for f in page.soup.find_all("form") if f.get("action", "").endswith("/picture/upload"))
    fields = {field["name"]: field.get("value", "") for field in form.find_all("input", attrs={"type": "hidden"})}
    fields.update({"upload-alt": "A teal square", "upload-picture": (io.BytesIO(_png()), "square.png")})
    assert editor.client.post(form["action"], data=fields, content_type="multipart/form-data").status_code in (302, 303)
    with app.app_context():
        ref = db.session.get(Option, option_id).picture.ref
    served = other.test_client().get(f"/pictures/{ref}")
    assert served.status_code == 200 and Image.open(io.BytesIO(served.data)).size == (60, 40)
    assert served.headers["X-Content-Type-Options"] == "nosniff"

    path = pdf_path(demo["slug"], "en", "easy")
    made = app.test_client().get(path)  # eager: rendered in this request, with the uploaded picture
    assert made.mimetype == "application/pdf"
    with other.app_context():
        stored = db.session.query(StoredFile).filter_by(area=PDF_CACHE).all()
        assert [row.size for row in stored] == [len(made.data)]
    again = other.test_client().get(path)
    assert again.mimetype == "application/pdf" and again.data == made.data
