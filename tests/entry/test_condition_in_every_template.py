"""Staff data entry says a section's "Only answer this page if ..." to screen readers on every field of the
page, whatever the question's type: money, date and address use the shared condition line of
templates/components/question.html like the others (tests/build/test_section_condition_channels.py has
the same check for a text question)."""

from __future__ import annotations

from datetime import timedelta

from consult import branching
from consult.build import sections
from consult.build.branching_rules import ConditionInput, RuleInput, save_rule, save_section_rule
from consult.build.questions import add_question
from consult.build.services import create_consultation
from consult.extensions import db
from consult.models._time import utcnow
from tests.html_checks import assert_well_formed

SLUG = "money-date-address"
PAGE_WORDS = "Only answer this page if you ticked “Yes” at question 1."


def _words(text: str) -> str:
    return " ".join(text.split())


def _made(app, rule_on_section=True) -> dict:
    """1 Do you pay for care? / 2-4 a section "What you pay": money, date and address."""
    with app.app_context():
        now = utcnow()
        consultation = create_consultation(SLUG, title="Paying for care", summary="What care costs",
                                           status="published", opens_at=now - timedelta(days=1),
                                           closes_at=now + timedelta(days=9))
        pays = add_question(consultation, "yes_no", "Do you pay for care?")
        money = add_question(consultation, "money", "How much a week?")
        date = add_question(consultation, "date", "When did you start paying?")
        address = add_question(consultation, "address", "Where is the care given?")
        db.session.flush()
        db.session.expire(consultation, ["questions"])
        section = sections.make_section(consultation, money, "What you pay")
        for question in (date, address):
            db.session.expire(consultation, ["questions"])
            sections.add_to_section(consultation, section, question)
        rule = RuleInput(conditions=[ConditionInput(pays.id, branching.CHOSEN, [pays.options[0].id])])
        if rule_on_section:
            save_section_rule(section, money, rule, "en")
        else:
            save_rule(money, rule, "en")
        db.session.commit()
        return {"money": money.id, "date": date.id, "address": address.id}


def _described(page, control) -> list[str]:
    return [_words(page.soup.find(id=each).get_text()) for each in control["aria-describedby"].split()
            if page.soup.find(id=each) is not None]


def test_money_date_and_address_fields_are_described_by_the_sections_condition(app, signed_in):
    ids = _made(app)
    page = signed_in("editor").get(f"/staff/entry/{SLUG}")
    assert page.status == 200
    assert_well_formed(page)
    # Money: the box itself; date and address: their fieldset.
    money = page.soup.find("input", attrs={"name": f"q{ids['money']}"})
    date = page.soup.find("input", id=f"q{ids['date']}-day").find_parent("fieldset")
    address = page.soup.find("input", id=lambda value: value and value.startswith(f"q{ids['address']}-")
                             ).find_parent("fieldset")
    for name, control in (("money", money), ("date", date), ("address", address)):
        described = _described(page, control)
        assert any(PAGE_WORDS in each for each in described), (name, described)
        # Said to screen readers only: the words on screen are under the section's title, once.
        line = page.soup.find(id=f"q{ids[name]}-condition")
        assert PAGE_WORDS in _words(line.select_one(".visually-hidden").get_text()), name
    # Money keeps its "in pounds" hint among what describes the box.
    assert any("In pounds (£)" in each for each in _described(page, money))


def test_a_questions_own_condition_still_shows_on_a_money_question(app, signed_in):
    ids = _made(app, rule_on_section=False)
    page = signed_in("editor").get(f"/staff/entry/{SLUG}")
    assert page.status == 200
    money = page.soup.find("input", attrs={"name": f"q{ids['money']}"})
    line = page.soup.find(id=f"q{ids['money']}-condition")
    assert f"q{ids['money']}-condition" in money["aria-describedby"].split()
    assert "Only answer this question if" in _words(line.get_text()) and line.select_one(".visually-hidden") is None
