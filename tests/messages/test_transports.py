"""Messages through a real SMTP server and a stand-in for GOV.UK Notify, and to the folder by default."""

from __future__ import annotations

from datetime import timedelta

import pytest

from consult.extensions import db
from consult.messages.outbox import deliver, queue_message
from consult.models._time import utcnow
from consult.models.outbox import OutgoingMessage
from tests.messages.servers import API_KEY, MailServer, NotifyServer

PDF = b"%PDF-1.7\n% a letter\n"


def _queue(app, key="m1", channel="email", recipient="jo@example.org", **extra):
    with app.app_context():
        message = queue_message(key=key, purpose="test", channel=channel, recipient=recipient,
                                subject="Your answers", body="Thank you for your answers.", send_now=False, **extra)
        return message.id


def _deliver(app, message_id):
    with app.app_context():
        return deliver(message_id)


def _row(app, message_id) -> OutgoingMessage:
    with app.app_context():
        message = db.session.get(OutgoingMessage, message_id)
        db.session.expunge(message)
        return message


def _make_due(app, message_id):
    with app.app_context():
        db.session.get(OutgoingMessage, message_id).next_attempt_at = utcnow() - timedelta(seconds=1)
        db.session.commit()


def _use_smtp(app, server):
    app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=server.port, SMTP_STARTTLS=False,
                      MAIL_FROM="consult@council.example")


def test_with_no_transport_an_email_is_written_to_the_folder(app, tmp_path):
    app.config["MESSAGE_FOLDER"] = str(tmp_path / "outbox")
    message_id = _queue(app, key="folder-1")
    assert _deliver(app, message_id) == "sent"
    written = (tmp_path / "outbox" / "folder-1.eml").read_text()
    assert "To: jo@example.org" in written and "Thank you for your answers." in written
    sent = _row(app, message_id)
    assert sent.recipient is None and sent.body is None and sent.masked_recipient == "j•••@example.org"


def test_smtp_delivers_with_the_key_as_message_id(app):
    with MailServer() as server:
        _use_smtp(app, server)
        message_id = _queue(app, key="confirmation-7")
        assert _deliver(app, message_id) == "sent"
    [email] = server.accepted
    assert email["To"] == "jo@example.org" and email["From"] == "consult@council.example"
    assert email["Message-ID"] == "<confirmation-7@council.example>"
    assert "Thank you for your answers." in email.get_payload(decode=True).decode()


def test_smtp_refusing_for_now_then_accepting_delivers_once(app):
    with MailServer(answers=["451 Mailbox busy, try later"]) as server:
        _use_smtp(app, server)
        message_id = _queue(app)
        assert _deliver(app, message_id) == "waiting"
        waiting = _row(app, message_id)
        assert "451" in waiting.last_error and waiting.next_attempt_at > utcnow()
        assert _deliver(app, message_id) == "waiting", "tried again before its time"
        _make_due(app, message_id)
        assert _deliver(app, message_id) == "sent"
        assert _deliver(app, message_id) == "sent"  # once sent, never again
    assert len(server.accepted) == 1
    assert _row(app, message_id).attempts == 2


def test_smtp_refusing_for_good_fails_at_once_and_says_why(app):
    with MailServer(answers=["550 No such user here"]) as server:
        _use_smtp(app, server)
        message_id = _queue(app)
        assert _deliver(app, message_id) == "failed"
    failed = _row(app, message_id)
    assert "550" in failed.last_error and "No such user" in failed.last_error
    assert failed.recipient == "jo@example.org", "kept, so staff can send it again after fixing it"
    assert server.accepted == []


def test_an_unreachable_mail_server_is_retried_until_the_attempts_run_out(app):
    from tests.messages.servers import free_port

    app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=free_port(), SMTP_STARTTLS=False, MESSAGE_ATTEMPTS=2)
    message_id = _queue(app)
    assert _deliver(app, message_id) == "waiting"
    assert "Could not reach the mail server" in _row(app, message_id).last_error
    _make_due(app, message_id)
    assert _deliver(app, message_id) == "failed"


def test_smtp_cannot_send_a_text_message_and_says_what_can(app):
    with MailServer() as server:
        _use_smtp(app, server)
        message_id = _queue(app, channel="sms", recipient="07700 900123")
        assert _deliver(app, message_id) == "failed"
    assert "GOV.UK Notify" in _row(app, message_id).last_error


@pytest.fixture
def notify(app):
    def use(answers=()):
        server = NotifyServer(answers)
        app.config.update(NOTIFY_API_KEY=API_KEY, NOTIFY_BASE_URL=server.url,
                          NOTIFY_EMAIL_TEMPLATE_ID="email-template", NOTIFY_SMS_TEMPLATE_ID="sms-template")
        return server
    return use


def test_notify_sends_email_text_message_and_letter_as_its_api_expects(app, notify):
    with notify() as server:
        email = _queue(app, key="e-1")
        text = _queue(app, key="t-1", channel="sms", recipient="07700 900123")
        letter = _queue(app, key="l-1", channel="letter", recipient="1 High Street\nCF10 1AA",
                        attachment_name="letter.pdf", attachment=PDF)
        assert [_deliver(app, i) for i in (email, text, letter)] == ["sent", "sent", "sent"]
    assert server.problems == []
    by_path = {path: body for path, body in server.received}
    assert by_path["/v2/notifications/email"] == {
        "email_address": "jo@example.org", "template_id": "email-template", "reference": "e-1",
        "personalisation": {"subject": "Your answers", "body": "Thank you for your answers."}}
    assert by_path["/v2/notifications/sms"]["phone_number"] == "07700 900123"
    assert by_path["/v2/notifications/sms"]["personalisation"] == {"body": "Thank you for your answers."}
    assert by_path["/v2/notifications/letter"]["reference"] == "l-1"
    assert _row(app, letter).transport_reference == "notify-3"
    assert _row(app, text).masked_recipient == "••• 123"


def test_notify_refusing_a_request_fails_for_good_with_its_reason(app, notify):
    refusal = (400, {"status_code": 400, "errors": [
        {"error": "BadRequestError", "message": "Can't send to this recipient using a team-only API key"}]})
    with notify([refusal]):
        message_id = _queue(app)
        assert _deliver(app, message_id) == "failed"
    assert "team-only API key" in _row(app, message_id).last_error


def test_notify_down_for_a_moment_is_retried_and_sends_once(app, notify):
    with notify([(500, {"status_code": 500, "errors": [{"error": "Exception", "message": "Internal server error"}]})]) as server:
        message_id = _queue(app)
        assert _deliver(app, message_id) == "waiting"
        _make_due(app, message_id)
        assert _deliver(app, message_id) == "sent"
    assert len(server.received) == 1


def test_notify_sends_an_attachment_as_a_file_to_download(app, notify):
    import base64

    with notify() as server:
        message_id = _queue(app, key="with-pdf", attachment_name="results.pdf", attachment=PDF)
        assert _deliver(app, message_id) == "sent"
    [(path, body)] = server.received
    upload = body["personalisation"]["link_to_file"]
    assert path == "/v2/notifications/email" and upload["filename"] == "results.pdf"
    assert base64.b64decode(upload["file"]) == PDF
