"""A consultation with one question of each type and a branch, and staff to type forms into it."""

from __future__ import annotations

from datetime import timedelta

import pytest

from consult.build.questions import add_question, set_condition
from consult.build.services import create_consultation
from consult.extensions import db
from consult.models._time import utcnow

SLUG = "repairs"
PAGE = f"/staff/entry/{SLUG}"


def _texts(en: str, cy: str) -> dict[str, str]:
    return {"en": en, "cy": cy}


def make_repairs(slug: str = SLUG, status: str = "published", opens_in_days: int = -10,
                 closes_in_days: int = 30) -> dict:
    """1 uses a wheelchair (yes/no) -> 2 how often, only after "Yes"; 3 days (with "None of these");
    4 agree scale; 5 number 0 to 50; 6 town, 40 characters; 7 optional long text, 200 characters."""
    now = utcnow().replace(microsecond=0)
    c = create_consultation(slug, title=_texts("Wheelchair repairs", "Trwsio cadeiriau olwyn"),
                            summary="How quick are repairs?", status=status, other_languages=["cy"],
                            opens_at=now + timedelta(days=opens_in_days),
                            closes_at=now + timedelta(days=closes_in_days))
    uses = add_question(c, "yes_no", _texts("Do you use a wheelchair?", "Ydych chi’n defnyddio cadair olwyn?"))
    often = add_question(c, "single_choice", _texts("How often does it need a repair?", "Pa mor aml?"),
                         options=[_texts("Often", "Yn aml"), _texts("Rarely", "Yn anaml")])
    days = add_question(c, "multiple_choice", _texts("Which days suit you?", "Pa ddyddiau?"),
                        options=[_texts("Monday", "Dydd Llun"), _texts("Friday", "Dydd Gwener")],
                        none_option=_texts("None of these", "Dim un o’r rhain"))
    quick = add_question(c, "agree_scale", _texts("Repairs are quick.", "Mae trwsio’n gyflym."))
    count = add_question(c, "number", _texts("How many repairs last year?", "Sawl gwaith?"),
                         settings={"min": 0, "max": 50})
    town = add_question(c, "short_text", _texts("Which town do you live in?", "Pa dref?"),
                        settings={"max_length": 40})
    words = add_question(c, "long_text", _texts("What would help?", "Beth fyddai’n helpu?"), required=False,
                         settings={"max_length": 200})
    set_condition(often, [uses.options[0]])
    db.session.commit()
    return {
        "id": c.id, "slug": slug,
        "q": [uses.id, often.id, days.id, quick.id, count.id, town.id, words.id],
        "yes": uses.options[0].id, "no": uses.options[1].id,
        "often": often.options[0].id, "rarely": often.options[1].id,
        "monday": days.options[0].id, "friday": days.options[1].id, "none": days.options[2].id,
        "agree": quick.options[1].id,
    }


@pytest.fixture
def repairs(app):
    with app.app_context():
        return make_repairs()


@pytest.fixture
def editor(signed_in):
    return signed_in("editor")


@pytest.fixture
def analyst(signed_in):
    return signed_in("analyst")


def full_answers(made: dict, **changes) -> dict:
    """Every question answered, as a paper form filled in by a wheelchair user."""
    q = made["q"]
    answers = {
        f"q{q[0]}": str(made["yes"]), f"q{q[1]}": str(made["often"]),
        f"q{q[2]}": [str(made["monday"]), str(made["friday"])], f"q{q[3]}": str(made["agree"]),
        f"q{q[4]}": "3", f"q{q[5]}": "Llanfair", f"q{q[6]}": "Faster visits",
    }
    answers.update(changes)
    return answers
