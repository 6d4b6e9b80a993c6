"""Reading a question's simple branching in tests: the answers its "ask" rule names."""

from datetime import timedelta

from consult import branching
from consult.build.branching_rules import ConditionInput, RuleInput, save_rule
from consult.build.questions import add_question
from consult.build.services import create_consultation
from consult.extensions import db
from consult.models._time import utcnow


def condition_options(question) -> list:
    """The options of the question's "ask" rule's "chosen" conditions ([] when it has none)."""
    return [option for rule in question.rules if rule.action == branching.ASK
            for condition in rule.conditions if condition.test == branching.CHOSEN for option in condition.options]


def store_condition(question, options) -> None:
    """An "ask" rule naming ``options`` stored as given, unchecked: tests of rules that cannot count."""
    from consult.models import BranchCondition, BranchRule

    question.rules.append(BranchRule(action=branching.ASK, match=branching.ANY, conditions=[
        BranchCondition(source_id=options[0].question_id, test=branching.CHOSEN, options=list(options))]))


EXIT_WORDS = "You cannot take part because this consultation is for people who live in Cardiff."


def make_rules_consultation(slug="rules", status="published", other_languages=()):
    """1 Live in Cardiff? (No: exit) / 2 Age (under 18: go to 4) / 3 Drive? (asked only if ALL: Yes at 1,
    age more than 16) / 4 Town / 5 Anything else (asked only if ANY: town answered, or "Never" not chosen at 3).
    Call inside an app context; returns ids."""
    now = utcnow()
    c = create_consultation(slug, title="Rules", summary="Richer branching", status=status,
                            opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=9),
                            other_languages=other_languages)
    cardiff = add_question(c, "yes_no", "Do you live in Cardiff?")
    age = add_question(c, "number", "How old are you?")
    drive = add_question(c, "single_choice", "Do you drive?", options=["Often", "Sometimes", "Never"])
    town = add_question(c, "short_text", "Your town", required=False)
    more = add_question(c, "long_text", "Anything else?", required=False)
    yes, no = cardiff.options[0], cardiff.options[1]
    exit_rule = save_rule(cardiff, RuleInput(branching.EXIT, conditions=[
        ConditionInput(cardiff.id, branching.CHOSEN, [no.id])], exit_words=EXIT_WORDS), "en")
    save_rule(age, RuleInput(branching.SKIP, target_id=town.id, conditions=[
        ConditionInput(age.id, branching.LESS, high="18")]), "en")
    save_rule(drive, RuleInput(branching.ASK, branching.ALL, conditions=[
        ConditionInput(cardiff.id, branching.CHOSEN, [yes.id]), ConditionInput(age.id, branching.MORE, low="16")]), "en")
    save_rule(more, RuleInput(branching.ASK, branching.ANY, conditions=[
        ConditionInput(town.id, branching.ANSWERED), ConditionInput(drive.id, branching.NOT_CHOSEN, [drive.options[2].id])]),
        "en")
    db.session.commit()
    return {"slug": c.slug, "id": c.id, "yes": yes.id, "no": no.id, "never": drive.options[2].id,
            "often": drive.options[0].id, "exit": exit_rule.id,
            "ids": [cardiff.id, age.id, drive.id, town.id, more.id]}
