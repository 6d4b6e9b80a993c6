"""A consultation with a section shown only to some people, and a section where one question depends
on another on the same page (tests of consult.branching.section_rules and consult.respond.section_page)."""

from __future__ import annotations

from datetime import timedelta

from consult import branching
from consult.build import sections
from consult.build.branching_rules import ConditionInput, RuleInput, save_rule, save_section_rule
from consult.build.questions import add_question
from consult.build.services import create_consultation
from consult.extensions import db
from consult.models._time import utcnow

SLUG = "carers"
PAGE_WORDS = "Only answer this page if you ticked “Yes” at question 1."
STAFF_WORDS = "Asked only of people who answered “Yes” to question 1."


def make_carers(slug=SLUG, status="published", with_rule=True):
    """1 Do you look after someone? / 2-3 section "The person you look after" (only if Yes at 1) /
    4-5 section "Travel": 5 "What car?" asked only if Yes at 4 (same page) / 6 Anything else?
    Call inside an app context; returns ids."""
    now = utcnow()
    c = create_consultation(slug, title="Carers", summary="Looking after someone", status=status,
                            opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=9))
    carer = add_question(c, "yes_no", "Do you look after someone?")
    name = add_question(c, "short_text", "Their first name")
    often = add_question(c, "single_choice", "How often do you help?", options=["Every day", "Every week"])
    drive = add_question(c, "yes_no", "Do you drive?")
    car = add_question(c, "short_text", "What car do you drive?")
    last = add_question(c, "long_text", "Anything else?", required=False)
    db.session.flush()
    db.session.expire(c, ["questions"])
    person = sections.make_section(c, name, "The person you look after")
    db.session.expire(c, ["questions"])
    sections.add_to_section(c, person, often)
    travel = sections.make_section(c, drive, "Travel")
    db.session.expire(c, ["questions"])
    sections.add_to_section(c, travel, car)
    if with_rule:
        save_section_rule(person, name, RuleInput(conditions=[
            ConditionInput(carer.id, branching.CHOSEN, [carer.options[0].id])]), "en")
    save_rule(car, RuleInput(conditions=[ConditionInput(drive.id, branching.CHOSEN, [drive.options[0].id])]), "en")
    db.session.commit()
    return {"slug": slug, "id": c.id, "person": person.id, "travel": travel.id,
            "carer": carer.id, "yes": carer.options[0].id, "no": carer.options[1].id,
            "name": name.id, "often": often.id, "daily": often.options[0].id,
            "drive": drive.id, "drive_yes": drive.options[0].id, "drive_no": drive.options[1].id,
            "car": car.id, "last": last.id}


def field(question_id) -> str:
    return f"q{question_id}"
