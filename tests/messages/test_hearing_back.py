"""Hearing back when results are published: email (with the easy-read PDF when chosen), text message and
letter, each in the person's language and register, sent once; braille, audio and BSL stay for staff."""

from __future__ import annotations

from email import message_from_bytes, policy

import pytest
from sqlalchemy import select

from consult.checker.check import check_text
from consult.demo import CLOSED_SLUG
from consult.extensions import db
from consult.models import Consultation, ContactRequest, OutgoingMessage
from tests.results.outcome_words import translate_outcomes

OUTCOMES = f"/staff/results/{CLOSED_SLUG}/outcomes"
ADDRESS = "Jo Bloggs\n1 High Street\nRiverside\nCF10 1AA"


@pytest.fixture
def requests_to_hear_back(app, demo, tmp_path):
    """The closed demo consultation ready to publish, and four people who asked to hear back."""
    from consult.contact.services import create_contact_request
    from consult.loading import load_consultation
    from consult.results.outcomes import add_outcome

    app.config.update(JOBS_BACKEND="eager", PUBLIC_URL="https://consult.example.org",
                      MESSAGE_FOLDER=str(tmp_path / "outbox"))
    with app.test_request_context():
        consultation = load_consultation(CLOSED_SLUG)
        add_outcome(consultation, about=None, heard="Repairs take too long.", action="We will hire more.",
                    heard_easy="Repairs are slow.", action_easy="We will get 2 more people.")
        db.session.commit()
        translate_outcomes(consultation.id)
        made = {
            "easy_email": create_contact_request(consultation, formats=["easy_read", "email"], email="easy@example.org"),
            "welsh_text": create_contact_request(consultation, formats=["language"], language="Welsh",
                                                 phone="07700 900123"),
            "letter": create_contact_request(consultation, formats=["large_print", "post"], address=ADDRESS),
            "braille": create_contact_request(consultation, formats=["braille"], email="dots@example.org"),
        }
        db.session.commit()
        return {name: request.key for name, request in made.items()}


def _publish(signed_in):
    editor = signed_in("editor")
    page = editor.get(OUTCOMES)
    forms = [form for form in page.soup.find_all("form") if form.get("method", "get").lower() == "post"]
    index = next(i for i, form in enumerate(forms) if form.get("action", "").endswith("/outcomes/publish"))
    published = editor.submit(page, form_index=index)
    assert "The results page is published." in published.text(), published.text()[:500]
    return editor, published


def _messages(app) -> dict[str, OutgoingMessage]:
    with app.app_context():
        rows = db.session.scalars(select(OutgoingMessage)).all()
        for row in rows:
            db.session.expunge(row)
        return {row.key: row for row in rows}


def test_publishing_results_sends_each_person_the_results_their_way_once(app, signed_in, requests_to_hear_back,
                                                                         tmp_path):
    keys = requests_to_hear_back
    editor, _ = _publish(signed_in)
    sent = _messages(app)
    assert set(sent) == {f"hear-back:{keys['easy_email']}:email", f"hear-back:{keys['welsh_text']}:sms",
                         f"hear-back:{keys['letter']}:letter", f"hear-back:{keys['braille']}:email"}
    assert {row.state for row in sent.values()} == {"sent"}

    # The easy-read email: easy words, the link to the easy-read results page, the PDF attached.
    email = message_from_bytes((tmp_path / "outbox" / f"hear-back-{keys['easy_email']}-email.eml").read_bytes(),
                               policy=policy.default)
    text = email.get_body(("plain",)).get_content()
    assert "Thank you." in text and "https://consult.example.org/results/" in text and "register=easy" in text
    [attachment] = list(email.iter_attachments())
    assert attachment.get_content_type() == "application/pdf" and attachment.get_content().startswith(b"%PDF")

    # The text message is in Welsh, the language they asked for.
    import json

    welsh = json.loads((tmp_path / "outbox" / f"hear-back-{keys['welsh_text']}-sms.json").read_text())
    assert welsh["to"] == "07700 900123" and "lang=cy" in welsh["text"] and "Diolch" in welsh["text"]
    assert sent[f"hear-back:{keys['welsh_text']}:sms"].language == "cy"

    # The letter is a PDF with the address on its first page and the results after it.
    letter = (tmp_path / "outbox" / f"hear-back-{keys['letter']}-letter.pdf").read_bytes()
    from tests.messages.test_letters import _lines

    pages = _lines(letter)
    assert len(pages) >= 2 and "CF10 1AA" in [line[0] for line in pages[0][2]]

    # Requests answered by message are done; braille needs a person, so it stays on the staff list.
    with app.app_context():
        done = {request.key: request.done_at is not None for request in db.session.scalars(select(ContactRequest))}
    assert done == {keys["easy_email"]: True, keys["welsh_text"]: True, keys["letter"]: True, keys["braille"]: False}

    # Hiding and publishing again sends nothing twice.
    with app.app_context():
        consultation = db.session.scalar(select(Consultation).where(Consultation.slug == CLOSED_SLUG))
        consultation.results_published_at = None
        db.session.commit()
    _publish(signed_in)
    assert set(_messages(app)) == set(sent)


def test_without_a_public_address_staff_are_told_nothing_was_sent(app, signed_in, requests_to_hear_back):
    app.config["PUBLIC_URL"] = ""
    _, published = _publish(signed_in)
    assert "set PUBLIC_URL" in published.text()
    assert _messages(app) == {}


def test_with_nobody_waiting_to_hear_back_nothing_is_said_about_messages(app, signed_in, requests_to_hear_back):
    app.config["PUBLIC_URL"] = ""
    with app.app_context():
        for request in db.session.scalars(select(ContactRequest)):
            db.session.delete(request)
        db.session.commit()
    _, published = _publish(signed_in)
    assert "set PUBLIC_URL" not in published.text()


@pytest.mark.parametrize("language", ["en", "cy", "ar"])
@pytest.mark.parametrize("easy", [False, True], ids=["standard", "easy"])
def test_the_words_are_plain_in_every_language_and_register(app, demo, language, easy):
    from flask_babel import force_locale

    from consult.messages.hearing_back import ResultsWords

    with app.test_request_context(), force_locale(language):
        words = ResultsWords("Park opening hours", "https://consult.example.org/results/park", easy)
        texts = [words.subject, words.email_body(True), words.text_message, words.letter_heading,
                 *words.letter_sentences()]
    # Translated: none of the English words are left in Welsh or Arabic.
    if language != "en":
        with app.test_request_context(), force_locale("en"):
            english = ResultsWords("Park opening hours", "https://consult.example.org/results/park", easy)
            assert english.email_body(True) != texts[1]
            assert english.text_message != texts[2]
    if language in ("en", "cy"):  # the checker reads English and Welsh
        for text in texts:
            report = check_text(text.replace("https://consult.example.org/results/park", "the page"), language,
                                "easy" if easy else "standard")
            long_sentences = [s.text for s in report.sentences if s.level != "ok"]
            assert not long_sentences, long_sentences
            assert not report.hard_words, [w.text for w in report.hard_words]


