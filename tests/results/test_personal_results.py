"""Personal details in results: the dashboard says how many answered and nothing more, the public results
and their easy-read PDF leave the questions out, themes never see them, and staff exports keep them."""

from __future__ import annotations

import csv
import io
import uuid
from datetime import timedelta

import pytest

from consult.build.questions import add_question
from consult.build.services import create_consultation
from consult.extensions import db
from consult.models import Answer, Consultation, Response
from consult.models._time import utcnow
from consult.models.content import EASY

SLUG = "keeping-in-touch"
PROMPTS = {
    "short_text": "What would make the service better?",
    "email": "What is your email address?",
    "phone": "What is your phone number?",
    "postcode": "What is your postcode?",
    "address": "What is your address?",
}
PEOPLE = [
    {"short_text": "More evening visits", "email": "sam@example.org", "phone": "07700 900982",
     "postcode": "sw1a1aa", "address": ["14 High Street", "", "Cardiff", "", "cf10 1aa"]},
    {"short_text": "Shorter waits", "email": "dewi@example.cymru", "phone": "01632 960001",
     "postcode": "LL57 2DG", "address": ["2 Ffordd y Môr", "Penrhyn", "Bangor", "Gwynedd", "LL57 2DG"]},
]
# Nothing anyone typed for a personal question may appear in results.
SECRETS = ["sam@example.org", "dewi@example.cymru", "07700 900982", "+447700900982", "01632 960001",
           "SW1A 1AA", "LL57 2DG", "14 High Street", "Cardiff", "Ffordd y Môr", "Gwynedd"]


@pytest.fixture
def survey(app):
    with app.test_request_context():
        now = utcnow().replace(microsecond=0)
        consultation = create_consultation(SLUG, title={"en": "Keeping in touch"}, summary="Tell us.",
                                           status="published", opens_at=now - timedelta(days=30),
                                           closes_at=now - timedelta(days=1), other_languages=["cy"])
        consultation.small_group_threshold = 1  # every count shown: only the rule about personal data hides
        questions = {kind: add_question(consultation, kind, prompt) for kind, prompt in PROMPTS.items()}
        for number, person in enumerate(PEOPLE):
            response = Response(consultation_id=consultation.id, reference=f"R{number:05d}-PD",
                                idempotency_key=uuid.uuid4().hex, channel="online", language="en",
                                started_at=now - timedelta(days=5), submitted_at=now - timedelta(days=5))
            db.session.add(response)
            db.session.flush()
            for kind, question in questions.items():
                raw = person[kind] if isinstance(person[kind], list) else [person[kind]]
                parsed = question.type.check(question, raw)
                assert parsed.error is None, (kind, parsed.error)
                for row in question.type.rows(question, parsed.value):
                    db.session.add(Answer(response_id=response.id, question_id=question.id, text=row.text,
                                          option_id=row.option_id, number=row.number))
        consultation.results_published_at = now
        db.session.commit()
        return {kind: question.id for kind, question in questions.items()}


def test_the_dashboard_counts_personal_answers_and_shows_none(app, signed_in, survey):
    analyst = signed_in("analyst")
    page = analyst.get(f"/staff/results/{SLUG}")
    assert page.status == 200
    text = page.text()
    for prompt in PROMPTS.values():
        assert prompt in text
    for secret in SECRETS:
        assert secret not in page.html, secret
    # How many answered, for each personal question as for the free-text one.
    assert text.count("2 people wrote an answer.") == len(PROMPTS)
    links = [link["href"] for link in page.soup.select("main a[href]")]
    # The free-text question's answers can be read and tagged; the personal ones cannot be listed at all.
    assert f"/staff/results/{SLUG}/questions/{survey['short_text']}/answers" in links
    for kind in ("email", "phone", "postcode", "address"):
        assert not any(f"/questions/{survey[kind]}/answers" in link for link in links), kind
        listed = analyst.get(f"/staff/results/{SLUG}/questions/{survey[kind]}/answers")
        assert listed.status == 404, kind


def test_themes_never_offer_personal_questions(app, signed_in, survey):
    page = signed_in("analyst").get(f"/staff/results/{SLUG}/themes")
    assert page.status == 200
    text = page.text()
    for secret in SECRETS:
        assert secret not in text
    for kind in ("email", "phone", "postcode", "address"):
        assert PROMPTS[kind] not in text, kind


def test_the_public_results_leave_personal_questions_out(app, survey):
    page = app.test_client().get(f"/results/{SLUG}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    for kind in ("email", "phone", "postcode", "address"):
        assert PROMPTS[kind] not in html, kind
    for secret in SECRETS:
        assert secret not in html, secret


def test_the_public_easy_read_pdf_leaves_them_out_and_the_staff_report_only_counts(app, survey):
    from consult.results.printed import gather_results

    with app.test_request_context():
        consultation = db.session.get(Consultation, db.session.query(Consultation.id).filter_by(slug=SLUG).scalar())
        easy = gather_results(consultation, "en", EASY)
        assert [result.prompt for result in easy.results] == [PROMPTS["short_text"]]
        report = gather_results(consultation, "en", "standard")
        words = " ".join(" ".join(result.sentences) for result in report.results)
        assert len(report.results) == len(PROMPTS)
        for secret in SECRETS:
            assert secret not in words


def test_staff_exports_keep_personal_answers(app, signed_in, survey):
    admin = signed_in("admin")
    exported = admin.client.get(f"/staff/results/{SLUG}/export.csv").get_data(as_text=True).lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(exported)))
    header = rows[0]
    column = {kind: next(i for i, name in enumerate(header) if PROMPTS[kind] in name) for kind in PROMPTS}
    cells = {tuple(row[column[kind]] for kind in ("email", "phone", "postcode", "address")) for row in rows[1:]}
    assert cells == {
        ("sam@example.org", "07700 900982", "SW1A 1AA", "14 High Street, Cardiff, CF10 1AA"),
        ("dewi@example.cymru", "01632 960001", "LL57 2DG", "2 Ffordd y Môr, Penrhyn, Bangor, Gwynedd, LL57 2DG"),
    }
