"""The demo consultation a newcomer sees on ``make run``: written here, in plain English."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from consult.build.questions import add_question
from consult.build.services import create_consultation
from consult.extensions import db
from consult.models import Consultation
from consult.models._time import utcnow

DEMO_SLUG = "equipment-service"
CLOSED_SLUG = "wheelchair-repairs"
DEMO_STAFF_EMAIL = "demo@consult.example"
DEMO_STAFF_PASSWORD = "demo-password-change-me"


def seed_demo() -> bool:
    """Create the demo consultations once. Returns False when they already exist (nothing changes)."""
    exists = db.session.execute(select(Consultation.id).where(Consultation.slug == DEMO_SLUG)).first()
    if exists:
        return False
    _equipment_consultation()
    _closed_consultation()
    return True


def _equipment_consultation() -> Consultation:
    now = utcnow().replace(minute=0, second=0, microsecond=0)
    consultation = create_consultation(
        DEMO_SLUG,
        status="published",
        title="Your equipment, your say",
        summary="Tell us how our walking aids, beds and bathing equipment work for you.",
        purpose=(
            "We lend equipment to help people stay safe and independent at home. "
            "We want to know what works well and what we should change. "
            "Your answers will help us plan the service for next year."
        ),
        organiser=(
            "The Northshire Community Equipment Service. "
            "We are run by Northshire Council and the local NHS together."
        ),
        data_use=(
            "We do not ask for your name. "
            "Only the people who plan the equipment service will read your answers. "
            "We will share what we learned, and what we will change, on this website after the closing date. "
            "We keep your answers for 2 years and then delete them."
        ),
        contact="Call us on 01234 567 890 or write to Equipment Service, Town Hall, Northshire NS1 1AA.",
        contact_email="equipment@northshire.example",
        opens_at=now - timedelta(days=14),
        # Closing at one minute to midnight reads naturally: "13 February 2027, 11:59 pm".
        closes_at=(now + timedelta(days=76)).replace(hour=23, minute=59),
        estimated_minutes=5,
    )
    add_question(
        consultation, "multiple_choice", "Which equipment do you have from us?",
        hint="Choose all that you have now.",
        options=[
            "Walking aids, such as a frame, stick or rollator",
            "A wheelchair",
            "A bed, mattress or bed rails",
            "Bath or shower equipment, such as a shower chair",
            "Toilet equipment, such as a raised seat",
            "A hoist or sling",
        ],
        none_option="None of these",
    )
    add_question(
        consultation, "single_choice", "How long did you wait for your equipment to arrive?",
        hint="Think about the last time you asked us for equipment.",
        options=["Less than 1 week", "1 to 2 weeks", "3 to 4 weeks", "More than 4 weeks", "I cannot remember"],
    )
    add_question(
        consultation, "yes_no", "Did someone show you how to use your equipment safely?",
    )
    add_question(
        consultation, "agree_scale", "My equipment makes my daily life easier.",
        hint="Tell us how much you agree.",
    )
    add_question(
        consultation, "number", "How many times have you contacted us in the last 12 months?",
        hint="Count phone calls, emails and visits. Write 0 if you have not contacted us.",
        settings={"min": 0, "max": 365},
    )
    add_question(
        consultation, "short_text", "Which town or village do you live in?",
        hint="This helps us check we are hearing from people in every part of Northshire. "
             "Do not write your address.",
        settings={"max_length": 100},
    )
    add_question(
        consultation, "long_text", "What should we change about our service?",
        hint="Tell us in your own words. You can write as much or as little as you like.",
        required=False,
        settings={"max_length": 1200},
    )
    add_question(
        consultation, "single_choice", "How old are you?",
        hint="We ask so we can check we are hearing from people of all ages.",
        options=["Under 18", "18 to 44", "45 to 64", "65 to 74", "75 to 84", "85 or over"],
        prefer_not_option="Prefer not to say",
    )
    return consultation


def _closed_consultation() -> Consultation:
    now = utcnow().replace(minute=0, second=0, microsecond=0)
    consultation = create_consultation(
        CLOSED_SLUG,
        status="published",
        title="Wheelchair repairs",
        summary="How quickly should we repair a wheelchair that has broken down?",
        purpose="We asked people who use wheelchairs how long they could wait for a repair.",
        organiser="The Northshire Community Equipment Service.",
        data_use="We did not ask for names. Only the people who plan repairs read the answers.",
        opens_at=now - timedelta(days=120),
        closes_at=now - timedelta(days=30),
        estimated_minutes=2,
    )
    add_question(consultation, "yes_no", "Has your wheelchair needed a repair in the last year?")
    add_question(consultation, "long_text", "What happened while you waited for the repair?", required=False)
    return consultation
