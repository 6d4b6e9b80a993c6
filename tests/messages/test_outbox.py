"""The outbox: recorded before sending, sent once by one worker, never lost to a crash; the commands and
the staff page."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time

from consult.extensions import db
from consult.messages.outbox import deliver, queue_message, retry_after
from consult.models.outbox import OutgoingMessage
from tests.messages.servers import MailServer


def _queue(app, key="m1", **extra):
    with app.app_context():
        return queue_message(key=key, purpose="confirmation", channel="email", recipient="jo@example.org",
                             subject="Your answers", body="Thank you.", send_now=False, **extra).id


def _state(app, message_id):
    with app.app_context():
        return db.session.get(OutgoingMessage, message_id).state


def test_the_same_key_is_recorded_once(app):
    first = _queue(app, key="resume:abc:1")
    again = _queue(app, key="resume:abc:1")
    assert first == again
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(OutgoingMessage)) == 1


def test_queueing_sends_in_the_background(app, tmp_path):
    app.config.update(JOBS_BACKEND="eager", MESSAGE_FOLDER=str(tmp_path))
    with app.app_context():
        message = queue_message(key="bg-1", purpose="test", channel="email", recipient="jo@example.org",
                                subject="Hello", body="Hello.")
        message_id = message.id
    assert _state(app, message_id) == "sent"
    assert (tmp_path / "bg-1.eml").exists()


def test_two_workers_racing_send_a_message_once(app):
    with MailServer() as server:
        app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=server.port, SMTP_STARTTLS=False)
        ids = [_queue(app, key=f"race-{n}") for n in range(5)]
        results = []

        def worker():
            with app.app_context():
                results.extend(deliver(message_id) for message_id in ids)

        threads = [threading.Thread(target=worker) for _ in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert sorted(email["Message-ID"] for email in server.accepted) == sorted(
        f"<race-{n}@localhost>" for n in range(5))
    assert all(_state(app, message_id) == "sent" for message_id in ids)


def test_waits_between_tries_grow_and_stop_growing():
    waits = [retry_after(n) for n in range(1, 10)]
    assert waits[:3] == [30, 60, 120] and waits == sorted(waits) and waits[-1] == 3600


def _command_environment(app, server) -> dict:
    return {**os.environ,
            "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"], "CONSULT_INSTANCE": app.config["INSTANCE_PATH"],
            "SECRET_KEY": "test", "SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(server.port), "SMTP_STARTTLS": "0",
            "MESSAGE_CLAIM_SECONDS": "1", "REDIS_URL": ""}


def _flask(*args):
    return [sys.executable, "-m", "flask", "--app", "consult", *args]


def test_a_worker_killed_while_sending_leaves_the_message_to_be_sent_exactly_once(app):
    """The crash test: kill the sending process in the middle of the SMTP conversation, start again."""
    message_id = _queue(app, key="crash-1")
    with app.app_context():
        db.session.remove()
    with MailServer(stall_first_recipient=True) as server:
        env = _command_environment(app, server)
        worker = subprocess.Popen(_flask("send-messages"), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            assert server.stalled.wait(30), worker.stderr.read1().decode() if worker.poll() is not None else "never got there"
            worker.send_signal(signal.SIGKILL)
            worker.wait(10)
        finally:
            if worker.poll() is None:
                worker.kill()
        server.release.set()
        assert _state(app, message_id) == "sending", "the killed worker had claimed it"
        time.sleep(1.2)  # the claim lapses (MESSAGE_CLAIM_SECONDS=1)
        restarted = subprocess.run(_flask("send-messages"), env=env, capture_output=True, text=True, timeout=60)
        assert restarted.returncode == 0, restarted.stderr
        assert "sent: 1" in restarted.stdout
        again = subprocess.run(_flask("send-messages"), env=env, capture_output=True, text=True, timeout=60)
        assert "Nothing to send." in again.stdout
    assert [email["Message-ID"] for email in server.accepted] == ["<crash-1@localhost>"]
    assert _state(app, message_id) == "sent"


def test_send_test_email_prints_success_in_one_line(app):
    with MailServer() as server:
        app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=server.port, SMTP_STARTTLS=False)
        result = app.test_cli_runner().invoke(args=["send-test-email", "jo@example.org"])
    assert result.exit_code == 0, result.output
    assert result.output.strip().startswith("Sent to j•••@example.org through smtp") and result.output.count("\n") == 1
    assert len(server.accepted) == 1 and server.accepted[0]["To"] == "jo@example.org"


def test_send_test_email_prints_the_transports_error_in_one_line(app):
    with MailServer(answers=["550 Relaying denied"]) as server:
        app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=server.port, SMTP_STARTTLS=False)
        result = app.test_cli_runner().invoke(args=["send-test-email", "jo@example.org"])
    assert result.exit_code == 1
    assert "Not sent through smtp: The mail server answered 550: Relaying denied" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_send_test_email_refuses_what_is_not_an_address(app):
    result = app.test_cli_runner().invoke(args=["send-test-email", "not an address"])
    assert result.exit_code == 1 and "is not an email address" in result.output


def test_staff_page_shows_failures_and_why_without_addresses(app, signed_in):
    with MailServer(answers=["550 No such user here"]) as server:
        app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=server.port, SMTP_STARTTLS=False)
        failed = _queue(app, key="fails")
        with app.app_context():
            deliver(failed)
    waiting = _queue(app, key="waits")
    editor = signed_in("editor")
    page = editor.get("/staff/messages/")
    assert page.status == 200
    failed_part = page.soup.select_one("[aria-labelledby=failed-title] .message-list")
    assert "No such user here" in failed_part.get_text() and "j•••@example.org" in failed_part.get_text()
    assert "jo@example.org" not in page.text()
    assert page.soup.select_one("[aria-labelledby=waiting-title] .message-list")
    # Stop the waiting one (a form with its CSRF token), then it is listed as stopped.
    posts = [form for form in page.soup.find_all("form") if form.get("method") == "post"]
    stop_form = [form["action"] for form in posts].index(f"/staff/messages/{waiting}/stop")
    page = editor.submit(page, {}, form_index=stop_form)
    assert "The message will not be sent." in page.text()
    assert _state(app, waiting) == "stopped"
    with app.app_context():
        assert db.session.get(OutgoingMessage, waiting).recipient is None


def test_staff_page_needs_an_editor_and_posts_need_the_token(app, signed_in):
    message_id = _queue(app)
    analyst = signed_in("analyst")
    assert analyst.get("/staff/messages/").status == 403
    editor = signed_in("editor")
    assert editor.post(f"/staff/messages/{message_id}/stop", {}).status == 400
    assert _state(app, message_id) == "waiting"
