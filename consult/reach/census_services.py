"""Adding the census-worded questions (consult.reach.census) to a consultation.

verb_noun functions that change models and flush; no request, no rendering. They are made like the
"About you" questions (consult.reach.services): optional single-choice questions with "Prefer not to
say", marked in their settings so the reach view finds them, in every offered language we have words
for; and, beyond those, with boxes to describe "any other" answers and headed groups of answers.
"""

from __future__ import annotations

from consult.build.option_groups import sort_options
from consult.build.questions import add_question
from consult.extensions import db
from consult.models import Consultation, OptionGroup, Question
from consult.models._time import utcnow
from consult.models.content import make_block
from consult.reach import about_you, census
from consult.reach.services import Added, LanguageError, _picture, _set_easy, _standard


def census_key(question: Question) -> str | None:
    key = (question.settings or {}).get(about_you.SETTING)
    return key if key in census.BY_KEY else None


def census_present(consultation: Consultation) -> set[str]:
    return {key for question in consultation.questions if (key := census_key(question))}


def add_census_questions(consultation: Consultation, keys) -> Added:
    """Add the census questions named in ``keys`` that are not there yet, at the end, in census order."""
    if consultation.default_language not in about_you.LANGUAGES:
        raise LanguageError(consultation.default_language)
    present = census_present(consultation)
    languages = [language for language in consultation.offered_languages if language in about_you.LANGUAGES]
    easy_languages = [language for language in languages if language in about_you.EASY_LANGUAGES]
    wanted = [spec for spec in census.QUESTIONS if spec.key in set(keys)]
    result = Added(already=[spec.key for spec in wanted if spec.key in present])
    now = utcnow()
    for spec in wanted:
        if spec.key not in present:
            result.added.append(_add_one(consultation, spec, languages, easy_languages, now))
    db.session.flush()
    return result


def _add_one(consultation: Consultation, spec: census.CensusQuestion, languages: list[str],
             easy_languages: list[str], now) -> Question:
    choices = spec.all_choices
    question = add_question(
        consultation, "single_choice", _standard(spec.prompt, languages), hint=_standard(spec.hint, languages),
        options=[_standard(choice.label, languages) for choice in choices],
        prefer_not_option=_standard(about_you.PREFER_NOT.label, languages),
        required=False, settings={about_you.SETTING: spec.key},
    )
    by_value = {}
    for option, choice in zip(question.options, [*choices, about_you.PREFER_NOT], strict=True):
        option.value = choice.value
        option.write_in = getattr(choice, "write_in", False)
        _set_easy(option.label, choice.label, easy_languages)
        if getattr(choice, "picture", None) is not None:
            option.picture = _picture(choice.picture, languages, consultation.default_language)
        by_value[choice.value] = option
    for position, group in enumerate(spec.groups, start=1):
        heading = make_block(_standard(group.heading, languages), consultation.default_language)
        _set_easy(heading, group.heading, easy_languages)
        option_group = OptionGroup(position=position, heading=heading)
        question.option_groups.append(option_group)
        for choice in group.choices:
            by_value[choice.value].group = option_group
    _set_easy(question.prompt, spec.prompt, easy_languages)
    _set_easy(question.hint, spec.hint, easy_languages)
    question.picture = _picture(spec.picture, languages, consultation.default_language)
    db.session.flush()
    sort_options(question)
    # One moment for every text, as for the About you questions: no translation "needs checking" at once.
    for block in (question.prompt, question.hint, question.picture.alt,
                  *(option.label for option in question.options),
                  *(option.picture.alt for option in question.options if option.picture is not None),
                  *(option_group.heading for option_group in question.option_groups)):
        for variant in block.variants:
            variant.updated_at = now
    return question

