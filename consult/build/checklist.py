"""What must be right before a consultation is published. Pure: reads models, changes nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from consult import branching, sections
from consult.i18n import language_name_for_staff
from consult.translating import lazy_gettext as _l


@dataclass(frozen=True)
class Problem:
    message: str
    # Where to fix it: an endpoint's name and arguments, resolved by the template.
    fix: tuple[str, dict]


def publishing_problems(consultation, texts, now: datetime) -> list[Problem]:
    """Problems that stop publishing. ``texts`` is a ContentCatalogue for the default language."""
    settings = ("build.settings", {"consultation_id": consultation.id})
    found: list[Problem] = []

    def missing(block_id) -> bool:
        text = texts(block_id)
        return text is None or not text.text.strip()

    if missing(consultation.title_id):
        found.append(Problem(str(_l("Give the consultation a title")), settings))
    if missing(consultation.summary_id):
        found.append(Problem(str(_l("Write a one-line summary")), settings))
    if consultation.closes_at <= now:
        found.append(Problem(str(_l("The closing date is in the past. Choose a later one")), settings))
    if consultation.opens_at >= consultation.closes_at:
        found.append(Problem(str(_l("The consultation closes before it opens. Check the dates")), settings))
    from consult.build.translation import progress

    for language in consultation.offered_languages:
        if language == consultation.default_language:
            continue
        done = progress(consultation, language)
        fix = ("build.translate", {"consultation_id": consultation.id, "language": language})
        name = language_name_for_staff(language)
        if done.translated < done.total:
            found.append(Problem(str(_l("%(language)s: %(missing)s of %(total)s texts are not translated yet",
                                        language=name, missing=done.total - done.translated, total=done.total)), fix))
        if done.needs_checking:
            found.append(Problem(str(_l("%(language)s: %(count)s translations need checking because the "
                                        "original words changed", language=name, count=done.needs_checking)), fix))
    questions = list(consultation.questions)
    if not questions:
        found.append(Problem(str(_l("Add at least one question")),
                             ("build.consultation", {"consultation_id": consultation.id})))
    positions = {question.id: question.position for question in questions}
    for question in questions:
        edit = ("build.edit_question", {"consultation_id": consultation.id, "question_id": question.id})
        number = question.position
        if missing(question.prompt_id):
            found.append(Problem(str(_l("Question %(number)s has no words", number=number)), edit))
        if question.type.has_options:
            ordinary = [option for option in question.options if option.kind == "answer"]
            if len(ordinary) < question.type.min_choices:
                found.append(Problem(str(_l("Question %(number)s needs at least 2 answers to choose from",
                                            number=number)), edit))
            if any(missing(option.label_id) for option in question.options):
                found.append(Problem(str(_l("Question %(number)s has an answer with no words", number=number)), edit))
        found += _rule_problems(question, positions, missing, consultation.id)
        if sections.first_of_run(questions, question):
            found += _section_rule_problems(question, positions, consultation.id)
    return found


def _section_rule_problems(first, positions, consultation_id) -> list[Problem]:
    """A section's "Only show this page if ..." that cannot work (consult.branching.section_rules leaves
    it out): checked as a rule of the page's first question."""
    fix = ("build.section", {"consultation_id": consultation_id, "section_id": first.section_id})
    for stored in first.section.rules:
        rule = branching.read_rule(stored, branching.stored_threshold)._replace(owner_id=first.id)
        if branching.rule_problems(rule, positions) or any(
                not condition.option_ids for condition in rule.conditions if condition.test in branching.OPTION_TESTS):
            return [Problem(str(_l("The section that starts at question %(number)s has a condition that cannot "
                                   "work: it looks at a question that is deleted, or on its page or after it, or "
                                   "an answer it needs is missing", number=first.position)), fix)]
    return []


def _rule_problems(question, positions, missing, consultation_id) -> list[Problem]:
    """Branching that cannot work as written: a condition on a deleted or later question, a value or
    an answer it needs gone, a skip backwards (consult.branching.rule_problems), an exit without words."""
    fix = ("build.question_branching", {"consultation_id": consultation_id, "question_id": question.id})
    found = []
    number = question.position
    for rule in branching.rules_of([question]):
        broken = branching.rule_problems(rule, positions)
        if any(not condition.option_ids for condition in rule.conditions if condition.test in branching.OPTION_TESTS):
            broken.append("answers")  # every answer it named has been removed
        if broken:
            found.append(Problem(str(_l("Question %(number)s has a branching rule that cannot work: it looks at a "
                                        "question that is deleted or comes after it, a value or answer it needs "
                                        "is missing, or it goes back to an earlier question", number=number)), fix))
        if rule.action == branching.EXIT and missing(rule.exit_text_id):
            found.append(Problem(str(_l("Question %(number)s has an exit page with no words", number=number)), fix))
    return found


@dataclass(frozen=True)
class Warning:
    where: str
    advice: list[str]
    fix: tuple[str, dict]


def plain_language_warnings(consultation, texts) -> list[Warning]:
    """The checker's advice for every text a resident will read. Advice only: it never stops publishing."""
    from consult.build.plain import report_for

    language = consultation.default_language
    settings = ("build.settings", {"consultation_id": consultation.id})
    places = [
        (_l("Title"), consultation.title_id, settings),
        (_l("Summary"), consultation.summary_id, settings),
        (_l("Why we are asking"), consultation.purpose_id, settings),
        (_l("Who is asking"), consultation.organiser_id, settings),
        (_l("What happens to the answers"), consultation.data_use_id, settings),
        (_l("How to contact you"), consultation.contact_id, settings),
    ]
    for question in consultation.questions:
        edit = ("build.edit_question", {"consultation_id": consultation.id, "question_id": question.id})
        number = question.position
        places.append((_l("Question %(number)s", number=number), question.prompt_id, edit))
        places.append((_l("Hint for question %(number)s", number=number), question.hint_id, edit))
        places.append((_l("Error message for question %(number)s", number=number), question.missing_message_id, edit))
        for option in question.options:
            places.append((_l("An answer to question %(number)s", number=number), option.label_id, edit))
    found = []
    for where, block_id, fix in places:
        text = texts(block_id)
        if text is None or not text.text.strip():
            continue
        report = report_for(text.text, language)
        if report.advice:
            found.append(Warning(str(where), [line for _level, line in report.advice], fix))
    return found


def missing_message_warnings(consultation, texts) -> list[Warning]:
    """Required questions with no error message of their own. Advice only: without one, people who
    leave the question empty see the type's own words, which are right but say less."""
    found = []
    for question in consultation.questions:
        if not question.required:
            continue
        text = texts(question.missing_message_id)
        if text is not None and text.text.strip():
            continue
        edit = ("build.edit_question", {"consultation_id": consultation.id, "question_id": question.id})
        advice = _l("It has no error message of its own, so people who leave it empty see “%(generic)s”. Say "
                    "what to do about this question, like “Select how long you waited”.",
                    generic=question.type.missing_message)
        found.append(Warning(str(_l("Question %(number)s", number=question.position)), [str(advice)], edit))
    return found


def easy_read_warnings(consultation) -> list[Warning]:
    """Offered languages whose easy-read version is missing or part done. Advice only: publishing goes
    ahead, and residents who choose easy read in such a language are told plainly what there is."""
    from consult.build.translation import progress
    from consult.models.content import EASY

    found = []
    for language in consultation.offered_languages:
        done = progress(consultation, language, EASY)
        if done.total == 0 or done.translated == done.total:
            continue
        fix = ("build.translate", {"consultation_id": consultation.id, "language": language, "register": EASY})
        name = language_name_for_staff(language)
        if done.translated == 0:
            advice = _l("There is no easy-read version in %(language)s yet. People who choose easy read in "
                        "%(language)s will be told, and offered the languages that have one.", language=name)
        else:
            advice = _l("%(missing)s of %(total)s texts have no easy-read version in %(language)s yet. People "
                        "who choose easy read see the standard words there.",
                        missing=done.total - done.translated, total=done.total, language=name)
        found.append(Warning(str(name), [str(advice)], fix))
    return found
