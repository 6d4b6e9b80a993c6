"""The resident asks for a message: the link to come back from the saved page, a confirmation with the
reference (and a copy of the answers) from the confirmation page. Optional, once, limited, never a 500."""

from __future__ import annotations

import json
from email import message_from_bytes, policy

import pytest
from sqlalchemy import select

from consult.extensions import db
from consult.messages.resident import MOST_PER_DRAFT
from consult.models import OutgoingMessage
from tests.demo_answers import answer_for


@pytest.fixture
def outbox(app, tmp_path):
    app.config.update(JOBS_BACKEND="eager", MESSAGE_FOLDER=str(tmp_path / "outbox"))
    return tmp_path / "outbox"


def _saved(resident, slug):
    page = resident.submit(resident.get(f"/c/{slug}"))
    page = resident.submit(page, answer_for(page, 1))
    return resident.submit(page, answer_for(page, 2), button="save")


def _sent_page(resident, slug, prompts=None):
    page = resident.submit(resident.get(f"/c/{slug}"))
    if prompts is not None:
        prompts.append(page.h1)
    number = 1
    while not page.path.endswith("/check"):
        page = resident.submit(page, answer_for(page, number))
        number += 1
    return resident.submit(page)


def _send_form(page) -> int:
    posts = [form for form in page.soup.find_all("form") if form.get("method") == "post"]
    return next(i for i, form in enumerate(posts) if form["action"].endswith("/send"))


def _messages(app):
    with app.app_context():
        rows = db.session.scalars(select(OutgoingMessage).order_by(OutgoingMessage.id)).all()
        for row in rows:
            db.session.expunge(row)
        return rows


def test_the_saved_page_sends_the_link_by_email_once(app, resident, demo, outbox):
    saved = _saved(resident, demo["slug"])
    link = saved.soup.select_one(".resume-link a")["href"]
    sent = resident.submit(saved, {"contact": "jo@example.org"}, form_index=_send_form(saved))
    assert sent.status == 200 and sent.path.startswith(f"/c/{demo['slug']}/saved")
    assert "We are sending it to you by email." in sent.text()
    again = resident.submit(sent, {"contact": "jo@example.org"}, form_index=_send_form(sent))
    assert again.status == 200
    [message] = _messages(app)
    assert message.purpose == "resume" and message.state == "sent" and message.recipient is None
    [written] = list(outbox.glob("*.eml"))
    email = message_from_bytes(written.read_bytes(), policy=policy.default)
    body = email.get_body(("plain",)).get_content()
    assert link in body and "I have a code" in body
    assert email["To"] == "jo@example.org"


def test_a_text_message_carries_the_link(app, resident, demo, outbox):
    saved = _saved(resident, demo["slug"])
    link = saved.soup.select_one(".resume-link a")["href"]
    resident.submit(saved, {"contact": "07700 900 123"}, form_index=_send_form(saved))
    [written] = list(outbox.glob("*.json"))
    text = json.loads(written.read_text())
    assert text["to"] == "07700900123" and link in text["text"]


@pytest.mark.parametrize(("typed", "message"), [
    ("", "Enter your email address or mobile phone number"),
    ("jo@", "Enter an email address like name@example.org"),
    ("01234 567890", "Enter a UK mobile number like 07700 900123, or an email address"),
    ("x" * 300, "Enter an email address or mobile number of 254 characters or fewer"),
])
def test_what_cannot_be_used_is_refused_plainly_and_kept(app, resident, demo, outbox, typed, message):
    saved = _saved(resident, demo["slug"])
    refused = resident.submit(saved, {"contact": typed}, form_index=_send_form(saved))
    assert refused.status == 422
    assert message in refused.soup.select_one("#send-to-me-error").get_text()
    assert refused.soup.select_one("#send-to-me-contact")["value"] == typed
    assert _messages(app) == []


def test_one_draft_can_send_to_only_a_few_addresses(app, resident, demo, outbox):
    page = _saved(resident, demo["slug"])
    for number in range(MOST_PER_DRAFT):
        page = resident.submit(page, {"contact": f"person{number}@example.org"}, form_index=_send_form(page))
        assert page.status == 200
    refused = resident.submit(page, {"contact": "one.more@example.org"}, form_index=_send_form(page))
    assert refused.status == 422 and "You have already asked for this" in refused.text()
    assert len(_messages(app)) == MOST_PER_DRAFT


def test_without_the_form_token_nothing_is_sent(app, resident, demo, outbox):
    _saved(resident, demo["slug"])
    resident.post(f"/c/{demo['slug']}/saved/send", {"contact": "jo@example.org"})
    assert _messages(app) == []


def test_the_confirmation_sends_the_reference_and_a_copy_of_the_answers(app, resident, demo, outbox):
    prompts = []
    done = _sent_page(resident, demo["slug"], prompts)
    assert done.path == f"/c/{demo['slug']}/confirmation", done.text()[:300]
    reference = done.soup.select_one(".reference [aria-hidden]").get_text(strip=True)
    sent = resident.submit(done, {"contact": "jo@example.org", "copy": "yes"}, form_index=_send_form(done))
    assert sent.status == 200 and "We are sending it to you by email." in sent.text()
    [message] = _messages(app)
    assert message.purpose == "confirmation" and message.state == "sent"
    [written] = list(outbox.glob("*.eml"))
    body = message_from_bytes(written.read_bytes(), policy=policy.default).get_body(("plain",)).get_content()
    assert reference in body and "Your answers:" in body
    assert prompts[0] in body, "the copy lists each answer under its question"


def test_a_text_message_confirmation_has_the_reference_only(app, resident, demo, outbox):
    done = _sent_page(resident, demo["slug"])
    reference = done.soup.select_one(".reference [aria-hidden]").get_text(strip=True)
    resident.submit(done, {"contact": "+44 7700 900123", "copy": "yes"}, form_index=_send_form(done))
    [written] = list(outbox.glob("*.json"))
    text = json.loads(written.read_text())["text"]
    assert reference in text and "Your answers" not in text


@pytest.mark.parametrize("language", ["en", "cy", "ar"])
@pytest.mark.parametrize("easy", [False, True], ids=["standard", "easy"])
def test_the_link_and_the_confirmation_are_plain_in_every_language_and_register(app, language, easy):
    from flask_babel import force_locale

    from consult.checker.check import check_text
    from consult.messages.resident import confirmation_words, resume_words

    def words(locale):
        with app.test_request_context(), force_locale(locale):
            return [*resume_words("email", easy=easy, title="Park", link="LINK", code="ABC-DEF-GHJ",
                                  until="3 March"),
                    *resume_words("sms", easy=easy, title="Park", link="LINK", code="ABC-DEF-GHJ", until="3 March"),
                    *confirmation_words("email", easy=easy, title="Park", reference="ABC-DEF-GHJ",
                                        answers=["Question\nAnswer"]),
                    *confirmation_words("sms", easy=easy, title="Park", reference="ABC-DEF-GHJ")]

    texts = [text for text in words(language) if text]
    _, resume_email, resume_sms, _, confirmation_email, confirmation_sms = texts
    assert "LINK" in resume_email and "ABC-DEF-GHJ" in resume_email and "LINK" in resume_sms
    assert "ABC-DEF-GHJ" in confirmation_email and "Question\nAnswer" in confirmation_email
    assert "ABC-DEF-GHJ" in confirmation_sms
    if language != "en":
        english = [text for text in words("en") if text]
        assert not set(texts) & set(english), "every message is translated"
    if language in ("en", "cy"):  # the checker reads English and Welsh
        for text in texts:
            report = check_text(text, language, "easy" if easy else "standard")
            assert [s.text for s in report.sentences if s.level != "ok"] == []
            assert not report.hard_words, [w.text for w in report.hard_words]
