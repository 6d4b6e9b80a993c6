"""Addresses staff are shown to share come from PUBLIC_URL, never from the request's Host header."""

from __future__ import annotations

import pytest

from consult.demo import CLOSED_SLUG
from consult.extensions import db
from consult.models import Consultation
from consult.models._time import utcnow

PUBLIC_URL = "https://consult.example.org"


def get_as(person, path: str, host: str) -> str:
    """The page, asked for by the same signed-in browser under another Host."""
    person.client.set_cookie("session", person.client.get_cookie("session").value, domain=host)
    response = person.client.get(path, headers={"Host": host})
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


@pytest.fixture
def editor(app, signed_in, demo):
    app.config["PUBLIC_URL"] = PUBLIC_URL
    return signed_in("editor")


def test_the_published_consultations_address(app, demo, editor):
    html = get_as(editor, f"/staff/consultations/{demo['id']}", "evil.example")
    assert f">{PUBLIC_URL}/c/{demo['slug']}</a>" in html and "evil.example" not in html


def test_the_public_results_pages_address(app, demo, editor):
    with app.app_context():
        consultation = db.session.execute(db.select(Consultation).filter_by(slug=CLOSED_SLUG)).scalar_one()
        consultation.results_published_at = utcnow()
        db.session.commit()
    html = get_as(editor, f"/staff/results/{CLOSED_SLUG}/outcomes", "evil.example")
    assert f">{PUBLIC_URL}/results/{CLOSED_SLUG}</a>" in html and "evil.example" not in html


def test_without_public_url_staff_see_the_path_not_the_host(app, demo, editor):
    app.config["PUBLIC_URL"] = ""
    html = get_as(editor, f"/staff/consultations/{demo['id']}", "evil.example")
    assert f">/c/{demo['slug']}</a>" in html and "evil.example" not in html


def test_public_url_must_be_a_full_address(tmp_path, monkeypatch):
    from consult import config

    monkeypatch.setenv("PUBLIC_URL", "consult.example.org")
    with pytest.raises(ValueError, match="PUBLIC_URL must start with https://"):
        config.load({"INSTANCE_PATH": str(tmp_path), "SECRET_KEY": "x"})
    monkeypatch.setenv("PUBLIC_URL", " https://consult.example.org/ ")
    assert config.load({"INSTANCE_PATH": str(tmp_path), "SECRET_KEY": "x"})["PUBLIC_URL"] == PUBLIC_URL
