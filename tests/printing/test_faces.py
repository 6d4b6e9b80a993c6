"""Easy read's agree scale prints faces beside the words, and credits OpenMoji for them."""

from __future__ import annotations

from bs4 import BeautifulSoup

from consult.extensions import db
from consult.models import Consultation, Picture
from consult.printing.questionnaire import questionnaire_document


def _html(app, consultation_id, register):
    with app.test_request_context():
        consultation = db.session.get(Consultation, consultation_id)
        return questionnaire_document(consultation, "en", register)


def test_faces_beside_every_point_of_the_scale_in_easy_read_only(app, demo):
    printed, html = _html(app, demo["id"], "easy")
    scale = next(q for q in printed.questions if q.options and q.options[0].face)
    assert [option.face for option in scale.options] == [
        "agree_strongly", "agree", "neutral", "disagree", "disagree_strongly", "dont_know"]
    soup = BeautifulSoup(html, "html.parser")
    faces = soup.select(".option__face")
    assert len(faces) == 6 and all(face.find_parent("li").select_one(".option__label").get_text() for face in faces)
    assert soup.find("link", href=lambda h: h and h.endswith("/css/shared/faces.css"))
    _printed, standard = _html(app, demo["id"], "standard")
    assert "option__face" not in standard


def test_the_faces_are_credited_even_without_other_pictures(app, demo):
    with app.app_context():
        consultation = db.session.get(Consultation, demo["id"])
        for question in consultation.questions:
            question.picture = None
            for option in question.options:
                option.picture = None
        db.session.commit()
        assert db.session.query(Picture).count() > 0  # the pictures still exist, unused
    printed, _html_text = _html(app, demo["id"], "easy")
    assert printed.attributions == ["Symbols: OpenMoji, CC BY-SA 4.0"]
