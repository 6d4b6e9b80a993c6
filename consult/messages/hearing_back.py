"""Hearing back when the results are published: each person who asked is sent the results the way
they chose, in their language, in easy read when they chose it.

- Email: the link to the public results page, with the easy-read "What you told us" PDF attached when
  they chose easy read (and it exists in their language).
- Text message: a short message with the link.
- A letter, through GOV.UK Notify, when they gave a postal address and chose post, easy read or
  large print: a first page for the envelope's window, then the easy-read or the full results.
- Audio, British Sign Language and braille are made by people: those requests stay on the staff
  list of requests to hear back (consult/contact), with its done marks.

Publishing queues one background job (``queue_results_messages``); the job renders what it needs and
records every message in the outbox (consult/messages/outbox.py) under a key per request and channel,
so publishing again never sends anything twice.
"""

from __future__ import annotations

from collections import Counter

from flask import current_app
from flask_babel import force_locale
from sqlalchemy import func, select

from consult import jobs
from consult.addresses import public_base_url
from consult.extensions import db
from consult.i18n import ContentCatalogue, text_direction
from consult.messages.letters import LetterError, address_lines, letter_pdf
from consult.messages.outbox import queue_message
from consult.models import Consultation
from consult.models._time import utcnow
from consult.models.contact import ContactRequest
from consult.models.content import EASY, STANDARD
from consult.translating import gettext as _

# Ways of hearing back that a message can carry; the others need a person (a recording, a video, braille).
SENT_BY_MESSAGE = {"email", "post", "easy_read", "large_print", "language"}
LETTER_FORMATS = {"post", "easy_read", "large_print"}


def init_app(app) -> None:
    from consult.results.outcomes import results_published

    results_published.connect(_on_results_published, sender=app)


def _on_results_published(app, consultation_id: int) -> bool:
    return queue_results_messages(consultation_id)


def queue_results_messages(consultation_id: int) -> bool:
    """Called once the results are published (and committed): False when people are waiting to hear back
    but there is no public address to link to."""
    waiting = db.session.scalar(select(func.count()).select_from(ContactRequest).where(
        ContactRequest.consultation_id == consultation_id, ContactRequest.done_at.is_(None)))
    # End the read: on SQLite an open transaction would hold up a job that runs at once and writes.
    db.session.commit()
    if not waiting:
        return True
    if public_base_url() is None:
        return False
    jobs.enqueue("consult.messages.hearing_back.send_results_messages", {"consultation_id": consultation_id},
                 kind="messages", key=f"hear-back:{consultation_id}")
    return True


def send_results_messages(consultation_id: int) -> dict[str, int]:
    """The background job: one message per person and channel, recorded in the outbox and sent."""
    consultation = db.session.get(Consultation, consultation_id)
    if consultation is None or consultation.results_published_at is None:
        return {}
    counts: Counter[str] = Counter()
    requests = db.session.scalars(db.select(ContactRequest).where(
        ContactRequest.consultation_id == consultation_id, ContactRequest.done_at.is_(None))).all()
    base = public_base_url()
    with current_app.test_request_context(base_url=base):
        made = _Made(consultation)
        for request in requests:
            for channel in _send_to(consultation, request, made):
                counts[channel] += 1
    return dict(counts)


def _language_of(consultation, request: ContactRequest) -> str:
    """The request's language when the consultation is offered in it, else the consultation's own."""
    wanted = (request.language or "").strip().lower()
    for code in consultation.offered_languages:
        if wanted in (code, _name(code).lower()):
            return code
    return consultation.default_language


def _name(code: str) -> str:
    from babel import Locale

    try:
        return Locale.parse(code).get_display_name("en")
    except (ValueError, LookupError):
        return code


class _Made:
    """What one job makes once and gives to every person: the words and the PDFs, per language and
    register (each results PDF runs the results SQL; a job may write to hundreds of people)."""

    def __init__(self, consultation):
        from consult.printing.easy_read import easy_read_languages

        self.consultation = consultation
        self.easy_languages = set(easy_read_languages(consultation))
        self.pdfs: dict[tuple[str, str], bytes] = {}
        self.words: dict[tuple[str, bool], ResultsWords] = {}

    def results_words(self, language: str, easy: bool) -> ResultsWords:
        if (language, easy) not in self.words:
            self.words[language, easy] = results_words(self.consultation, language, easy)
        return self.words[language, easy]

    def pdf(self, language: str, register: str) -> bytes:
        from consult.results.printed import results_pdf

        if (language, register) not in self.pdfs:
            self.pdfs[language, register] = results_pdf(self.consultation, language, register)[0]
        return self.pdfs[language, register]


def _send_to(consultation, request: ContactRequest, made: _Made) -> list[str]:
    language = _language_of(consultation, request)
    easy = "easy_read" in (request.formats or [])
    register = EASY if easy else STANDARD
    sent = []
    with force_locale(language):
        words = made.results_words(language, easy)
        if request.email:
            attachment = made.pdf(language, EASY) if easy and language in made.easy_languages else None
            queue_message(key=f"hear-back:{request.key}:email", purpose="hear_back", channel="email",
                          recipient=request.email, subject=words.subject, body=words.email_body(bool(attachment)),
                          language=language, consultation_id=consultation.id,
                          attachment_name=attachment and f"{consultation.slug}-{language}.pdf", attachment=attachment)
            sent.append("email")
        if request.phone:
            queue_message(key=f"hear-back:{request.key}:sms", purpose="hear_back", channel="sms",
                          recipient=request.phone, body=words.text_message, language=language,
                          consultation_id=consultation.id)
            sent.append("sms")
        if request.address and LETTER_FORMATS & set(request.formats or []):
            letter = _letter(request, language, register, words, made)
            if letter is not None:
                queue_message(key=f"hear-back:{request.key}:letter", purpose="hear_back", channel="letter",
                              recipient=request.address, body="", language=language, consultation_id=consultation.id,
                              attachment_name="letter.pdf", attachment=letter)
                sent.append("letter")
    if sent and set(request.formats or []) <= SENT_BY_MESSAGE:
        request.done_at = utcnow()  # nothing left for a person to make
        db.session.commit()
    return sent


class ResultsWords:
    """The words of the messages, in the locale in force, plain (or easy read) and short."""

    def __init__(self, title: str, link: str, easy: bool):
        self.title, self.link, self.easy = title, link, easy

    @property
    def subject(self) -> str:
        return _("What people told us about “%(title)s”", title=self.title)

    def email_body(self, with_pdf: bool) -> str:
        if self.easy:
            lines = [_("You told us what you think about “%(title)s”.", title=self.title), _("Thank you."),
                     _("Now you can see what people told us."), _("You can see what we will do."),
                     _("Look here: %(link)s", link=self.link)]
            if with_pdf:
                lines.append(_("The easy read results are with this email too."))
        else:
            lines = [_("You asked us to tell you about the results of “%(title)s”.", title=self.title),
                     _("You can read what people told us, and what we will do, here: %(link)s", link=self.link)]
            if with_pdf:
                lines.append(_("The easy read results are with this email too."))
            lines.append(_("Thank you for taking part."))
        lines.append(_("This is the only message we will send you about this."))
        return "\n\n".join(lines)

    @property
    def text_message(self) -> str:
        return _("Thank you for taking part in “%(title)s”. See what people told us: %(link)s",
                 title=self.title, link=self.link)

    @property
    def letter_heading(self) -> str:
        return _("The results you asked for")

    def letter_sentences(self) -> list[str]:
        if self.easy:
            return [_("You told us what you think about “%(title)s”.", title=self.title), _("Thank you."),
                    _("Here is what people told us."), _("It is on the next pages.")]
        return [_("You asked us to tell you about the results of “%(title)s”.", title=self.title),
                _("The results are on the next pages."), _("Thank you for taking part.")]


def results_words(consultation, language: str, easy: bool) -> ResultsWords:
    from flask import url_for

    texts = ContentCatalogue.load([consultation.title_id], language=language,
                                  default_language=consultation.default_language,
                                  register=EASY if easy else STANDARD)
    title = texts.get(consultation.title_id)
    link = public_base_url() + url_for("outcomes.page", slug=consultation.slug, lang=language,
                                       **({"register": "easy"} if easy else {}))
    return ResultsWords(title.text if title else consultation.slug, link, easy)


def _letter(request, language: str, register: str, words: ResultsWords, made: _Made) -> bytes | None:
    from consult.organisation import organisation

    if register == EASY and language not in made.easy_languages:
        register = STANDARD
    try:
        address_lines(request.address)
    except LetterError:
        return None  # not an address Notify can print: the request stays on the staff list
    settings = organisation()
    sender = [settings.name, *settings.return_address_lines]
    enclosure = made.pdf(language, register)
    return letter_pdf(address=request.address, sender_lines=sender[:6], heading=words.letter_heading,
                      sentences=words.letter_sentences(), language=language, direction=text_direction(language),
                      title=words.subject, enclosure=enclosure)
