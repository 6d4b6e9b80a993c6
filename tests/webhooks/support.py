"""A small consultation with a personal-details question, responses stored as the services store them."""

from __future__ import annotations

from datetime import timedelta

from werkzeug.datastructures import MultiDict

from consult.build.questions import add_question
from consult.build.services import create_consultation
from consult.extensions import db
from consult.models import Consultation
from consult.models._time import utcnow
from consult.models.webhook import Webhook, WebhookDelivery
from consult.respond.services import store_response
from consult.webhooks.signing import new_secret

BUS_QUESTION = "Do you take the bus?"
EMAIL_QUESTION = "Your email address, if you want a reply"


def make_consultation(slug: str = "bus-routes", anonymous: bool = True, status: str = "published") -> int:
    now = utcnow()
    consultation = create_consultation(slug, title={"en": "Bus routes"}, summary="Which buses matter?",
                                       opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=30),
                                       anonymous=anonymous, status=status)
    add_question(consultation, "yes_no", {"en": BUS_QUESTION})
    add_question(consultation, "email", {"en": EMAIL_QUESTION})
    db.session.commit()
    return consultation.id


def add_hook(consultation_id: int, url: str) -> tuple[int, str]:
    hook = Webhook(consultation_id=consultation_id, url=url, secret=new_secret())
    db.session.add(hook)
    db.session.commit()
    return hook.id, hook.secret


def submit_response(consultation_id: int, key: str = "k" * 43) -> int:
    """Store a response answering every question with its type's example answer (needs a request context)."""
    consultation = db.session.get(Consultation, consultation_id)
    values = {}
    for question in consultation.questions:
        example = question.type.example(question)
        raw = question.type.read(question, MultiDict(example.formdata))
        values[question.id] = question.type.check(question, raw).value
    response, created = store_response(consultation, consultation.questions, values, key=key, channel="paper",
                                       language="en", register="standard", started_at=utcnow())
    assert created
    db.session.commit()
    return response.id


def deliveries() -> list[WebhookDelivery]:
    return list(db.session.scalars(db.select(WebhookDelivery).order_by(WebhookDelivery.id)))
