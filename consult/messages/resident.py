"""Messages a resident asks for themselves: the link to come back (from the saved page) and a
confirmation with their reference (from the confirmation page), with an optional copy of their answers.

Never required, always optional. The address is used for this one message: it is kept in the outbox
only until the message has gone (consult/messages/outbox.py), never with the answers, so even in an
anonymous consultation nothing links the two. Each message's key names the draft and (hashed) the
address, so pressing the button twice sends one message; ``MOST_PER_DRAFT`` caps how many different
addresses one draft may send to, and the route limits each client's sends per hour.
"""

from __future__ import annotations

import hashlib
import re

from flask_babel import force_locale
from sqlalchemy import func, select

from consult.extensions import db
from consult.forms import EMAIL
from consult.messages.outbox import queue_message
from consult.models.content import EASY
from consult.models.outbox import OutgoingMessage
from consult.respond.outgoing import NotSent, register
from consult.translating import gettext as _

MOST_PER_DRAFT = 3
# A UK mobile number: 07xxx xxxxxx or +44 7xxx xxxxxx, spaces, dashes and brackets allowed.
_MOBILE = re.compile(r"^(?:\+44|0044|0)7\d{9}$")


def init_app(app) -> None:
    """Give the resident pages (consult/respond/outgoing.py) this module as their sender."""
    import sys

    register(app, sys.modules[__name__])


def contact_of(value: str) -> tuple[str, str]:
    """("email", address) or ("sms", number) from what the resident typed; NotSent otherwise."""
    value = (value or "").strip()
    if not value:
        raise NotSent(_("Enter your email address or mobile phone number"))
    if len(value) > 254:
        raise NotSent(_("Enter an email address or mobile number of 254 characters or fewer"))
    if "@" in value:
        if EMAIL.match(value):
            return "email", value
        raise NotSent(_("Enter an email address like name@example.org"))
    digits = re.sub(r"[\s()\-]", "", value)
    if _MOBILE.match(digits):
        return "sms", digits
    raise NotSent(_("Enter a UK mobile number like 07700 900123, or an email address"))


def _key(kind: str, draft_token: str, recipient: str) -> str:
    # The draft's token is a secret (it opens the draft): only a hash of it goes in the key.
    draft = hashlib.sha256(draft_token.encode()).hexdigest()[:16]
    to = hashlib.sha256(recipient.lower().encode()).hexdigest()[:16]
    return f"{kind}:{draft}:{to}"


def _check_limit(kind: str, draft_token: str) -> None:
    prefix = _key(kind, draft_token, "").rsplit(":", 1)[0] + ":"
    sent = db.session.scalar(select(func.count()).select_from(OutgoingMessage)
                             .where(OutgoingMessage.key.startswith(prefix)))
    if sent >= MOST_PER_DRAFT:
        raise NotSent(_("You have already asked for this %(num)s times. Use the link or code on this page.",
                        num=MOST_PER_DRAFT))


def resume_words(channel: str, *, easy: bool, title: str, link: str, code: str, until: str) -> tuple[str, str]:
    """(subject, body) of the link to come back, in the locale in force; easy read when ``easy``."""
    if channel == "sms":
        if easy:
            return "", _("Your link to come back: %(link)s", link=link)
        return "", _("Your link to carry on with “%(title)s”: %(link)s", title=title, link=link)
    subject = _("Your link to come back to “%(title)s”", title=title)
    if easy:
        lines = [_("You saved your answers."), _("Here is your link to come back: %(link)s", link=link),
                 _("Or use your code: %(code)s", code=code), _("Come back before %(date)s.", date=until),
                 _("Do not share your link or your code.")]
    else:
        lines = [_("You saved your answers to “%(title)s”.", title=title),
                 _("To carry on, use this link: %(link)s", link=link),
                 _("Or go to the start page, choose “I have a code” and type: %(code)s", code=code),
                 _("You can come back until %(date)s.", date=until),
                 _("Anyone with the link can see your answers, so keep it to yourself.")]
    return subject, "\n\n".join(lines)


def confirmation_words(channel: str, *, easy: bool, title: str, reference: str,
                       answers: list[str] | None = None) -> tuple[str, str]:
    """(subject, body) of the confirmation, in the locale in force; ``answers``: the copy, by email only."""
    if channel == "sms":
        if easy:
            return "", _("Thank you. Your number is %(reference)s.", reference=reference)
        return "", _("Thank you for answering “%(title)s”. Your reference is %(reference)s.",
                     title=title, reference=reference)
    subject = _("Your answers to “%(title)s” have been sent", title=title)
    if easy:
        lines = [_("Thank you. We have your answers."), _("Your number is %(reference)s.", reference=reference),
                 _("Keep your number.")]
    else:
        lines = [_("Thank you for answering “%(title)s”.", title=title),
                 _("Your reference is %(reference)s.", reference=reference),
                 _("Keep it if you want to see or delete your answers later.")]
    if answers:
        lines.append(_("Your answers:"))
        lines.extend(answers)
    return subject, "\n\n".join(lines)


def send_resume_link(*, typed: str, draft, title: str, link: str, code: str, until: str,
                     consultation_id: int) -> str:
    """Queue the link to come back; returns the channel. NotSent when the address is not usable."""
    channel, recipient = contact_of(typed)
    key = _key("resume", draft.token, recipient)
    if db.session.scalar(select(OutgoingMessage.id).where(OutgoingMessage.key == key)) is None:
        _check_limit("resume", draft.token)
    with force_locale(draft.language):
        subject, body = resume_words(channel, easy=draft.register == EASY, title=title, link=link, code=code,
                                     until=until)
    queue_message(key=key, purpose="resume", channel=channel, recipient=recipient, subject=subject, body=body,
                  language=draft.language, consultation_id=consultation_id)
    return channel


def send_confirmation(*, typed: str, draft, response, title: str, with_copy: bool, consultation_id: int) -> str:
    """Queue a confirmation with the reference (and, by email, a copy of the answers if asked)."""
    channel, recipient = contact_of(typed)
    key = _key("confirmation", draft.token, recipient)
    if db.session.scalar(select(OutgoingMessage.id).where(OutgoingMessage.key == key)) is None:
        _check_limit("confirmation", draft.token)
    language = response.language
    with force_locale(language):
        answers = _answer_lines(response, language) if with_copy and channel == "email" else None
        subject, body = confirmation_words(channel, easy=response.register == EASY, title=title,
                                           reference=response.reference, answers=answers)
    queue_message(key=key, purpose="confirmation", channel=channel, recipient=recipient, subject=subject,
                  body=body, language=language, consultation_id=consultation_id)
    return channel


def _answer_lines(response, language: str) -> list[str]:
    from datetime import date

    from consult.rights.copies import copy_document

    document = copy_document(response, language, date.today())
    return [f"{line.label}\n{line.value}" for line in document.lines if line.answered]
