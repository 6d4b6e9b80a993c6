"""A PDF is made once and kept until something it shows changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from consult.extensions import db
from consult.models import Consultation
from consult.printing import questionnaire
from tests.pdf_reader import text_of
from tests.printing.conftest import pdf_path


@pytest.fixture
def renders(monkeypatch):
    """Counts real renderings, letting them happen."""
    calls = []
    real = questionnaire.render_pdf

    def counting(html, **kwargs):
        calls.append(kwargs["language"])
        return real(html, **kwargs)

    monkeypatch.setattr(questionnaire, "render_pdf", counting)
    return calls


def test_a_second_request_does_not_render_again(app, demo, renders):
    client = app.test_client()
    path = pdf_path(demo["slug"], "en", "standard")
    first = client.get(path).data
    second = client.get(path).data
    assert renders == ["en"]
    assert first == second


def test_each_language_and_register_is_its_own_pdf(app, demo, renders):
    client = app.test_client()
    client.get(pdf_path(demo["slug"], "en", "standard"))
    client.get(pdf_path(demo["slug"], "cy", "standard"))
    client.get(pdf_path(demo["slug"], "cy", "easy"))
    assert renders == ["en", "cy", "cy"]


def test_a_changed_text_renders_again_and_replaces_the_old_copy(app, demo, renders):
    client = app.test_client()
    path = pdf_path(demo["slug"], "en", "standard")
    before = client.get(path).data
    with app.app_context():
        consultation = db.session.get(Consultation, demo["id"])
        consultation.questions[1].options[0].label.set("en", "Less than 7 days")
        db.session.commit()
    after = client.get(path).data
    assert renders == ["en", "en"] and before != after
    assert client.get(path).data == after and len(renders) == 2
    assert len(list((Path(app.instance_path) / "pdf-cache").glob("*.pdf"))) == 1


def test_a_welsh_edit_leaves_the_english_copy_alone(app, demo, renders):
    client = app.test_client()
    client.get(pdf_path(demo["slug"], "en", "standard"))
    client.get(pdf_path(demo["slug"], "cy", "standard"))
    with app.app_context():
        db.session.get(Consultation, demo["id"]).title.set("cy", "Eich offer, eich llais")
        db.session.commit()
    client.get(pdf_path(demo["slug"], "en", "standard"))
    welsh = client.get(pdf_path(demo["slug"], "cy", "standard")).data
    assert renders == ["en", "cy", "cy"]
    assert "Eich offer, eich llais" in text_of(welsh)
