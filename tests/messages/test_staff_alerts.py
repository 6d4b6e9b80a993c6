"""Staff alerts by email: a consultation closing in 3 days, a daily summary of new answers; once each,
in each person's language, and only to editors and admins who have not turned them off."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from consult.demo import DEMO_SLUG
from consult.extensions import db
from consult.messages.staff_alerts import send_staff_alerts
from consult.models import Consultation, OutgoingMessage, Response, StaffUser
from consult.models._time import utcnow


def _staff(app, signed_in):
    for role in ("editor", "admin", "analyst"):
        signed_in(role)
    with app.app_context():
        return {person.role: person.id for person in db.session.scalars(select(StaffUser))}


def _close_soon(app, days: float = 2):
    with app.app_context():
        consultation = db.session.scalar(select(Consultation).where(Consultation.slug == DEMO_SLUG))
        consultation.closes_at = utcnow() + timedelta(days=days)
        db.session.commit()
        return consultation.id


def _answers(app, consultation_id: int, count: int, hours_ago: float = 2):
    with app.app_context():
        for number in range(count):
            db.session.add(Response(consultation_id=consultation_id, reference=f"ALERT{int(hours_ago)}{number:03d}",
                                    idempotency_key=f"alerts-{hours_ago}-{number}", channel="online", language="en",
                                    started_at=utcnow(), submitted_at=utcnow() - timedelta(hours=hours_ago)))
        db.session.commit()


def _sent(app) -> list[OutgoingMessage]:
    with app.app_context():
        rows = db.session.scalars(select(OutgoingMessage).order_by(OutgoingMessage.key)).all()
        for row in rows:
            db.session.expunge(row)
        return rows


def test_closing_in_three_days_and_the_days_answers_reach_editors_and_admins_once(app, demo, signed_in):
    staff = _staff(app, signed_in)
    consultation_id = _close_soon(app)
    _answers(app, consultation_id, 3)
    _answers(app, consultation_id, 2, hours_ago=30)  # yesterday's: not in today's summary
    with app.app_context():
        counts = send_staff_alerts()
        again = send_staff_alerts()
    assert counts == again == {"closing": 2, "digest": 2}
    messages = _sent(app)
    assert len(messages) == 4, "the second run recorded nothing new"
    assert {m.masked_recipient for m in messages} == {"e•••@example.org", "a•••@example.org"}
    closing = [m for m in messages if m.purpose == "alert"]
    assert all("closes in 3 days" in m.subject for m in closing)
    digest = [m for m in messages if m.purpose == "digest"]
    assert all(m.subject == "3 new answers today" for m in digest)
    assert str(staff["analyst"]) not in {m.key.rsplit(":", 1)[-1] for m in messages}


def test_nothing_is_sent_when_nothing_is_closing_or_answered(app, demo, signed_in):
    _staff(app, signed_in)
    _close_soon(app, days=10)
    with app.app_context():
        assert send_staff_alerts() == {}
    assert _sent(app) == []


def test_alerts_are_in_each_persons_language(app, demo, signed_in):
    _staff(app, signed_in)
    with app.app_context():
        for person in db.session.scalars(select(StaffUser)):
            person.locale = "cy"
        db.session.commit()
    consultation_id = _close_soon(app)
    _answers(app, consultation_id, 1)
    with app.app_context():
        send_staff_alerts()
    subjects = {m.purpose: m.subject for m in _sent(app)}
    assert subjects["digest"] != "1 new answer today" and "1" in subjects["digest"]
    assert "3" in subjects["alert"] and "closes in 3 days" not in subjects["alert"]


def test_a_person_turns_their_alerts_off_and_on_from_the_messages_page(app, demo, signed_in):
    editor = signed_in("editor")
    page = editor.get("/staff/messages/")
    assert "You get these emails." in page.text()
    posts = [form for form in page.soup.find_all("form") if form.get("method") == "post"]
    index = [form["action"] for form in posts].index("/staff/messages/alerts")
    page = editor.submit(page, form_index=index)
    assert "You will not get staff alerts by email." in page.text()
    _close_soon(app)
    with app.app_context():
        send_staff_alerts()
    assert _sent(app) == []
    posts = [form for form in page.soup.find_all("form") if form.get("method") == "post"]
    page = editor.submit(page, form_index=[form["action"] for form in posts].index("/staff/messages/alerts"))
    assert "You will get staff alerts by email." in page.text()


def test_the_daily_command_prints_what_it_recorded(app, demo, signed_in):
    _staff(app, signed_in)
    _close_soon(app)
    result = app.test_cli_runner().invoke(args=["send-staff-alerts"])
    assert result.exit_code == 0, result.output
    assert "Closing soon: 2 alert(s). Daily summary: 0 email(s)." in result.output


def test_the_alerts_are_plain_words(app, demo, signed_in, tmp_path):
    from email import message_from_bytes, policy

    from consult.checker.check import check_text

    app.config["MESSAGE_FOLDER"] = str(tmp_path)
    _staff(app, signed_in)
    consultation_id = _close_soon(app)
    _answers(app, consultation_id, 2)
    with app.app_context():
        send_staff_alerts()
    written = sorted(tmp_path.glob("*.eml"))
    assert len(written) == 4
    for path in written:
        email = message_from_bytes(path.read_bytes(), policy=policy.default)
        for paragraph in email.get_body(("plain",)).get_content().split("\n\n"):
            words = paragraph.split(": http")[0]  # the words before a link
            report = check_text(words, "en", "standard")
            assert [s.text for s in report.sentences if s.level != "ok"] == [], words
            assert not report.hard_words, (words, [w.text for w in report.hard_words])
