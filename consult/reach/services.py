"""The "About you" questions and expected shares: add, find, save; and the counts the reach view needs.

verb_noun functions that change models and flush; no request, no rendering.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import and_, func, or_, select

from consult.build.questions import add_question
from consult.extensions import db
from consult.models import Answer, Consultation, Question, ReachTarget, Response
from consult.models._time import utcnow
from consult.models.content import EASY
from consult.pictures.services import symbol_picture
from consult.reach import about_you, census
from consult.results.analysis import asked_clause
from consult.results.plain import shape_of


class LanguageError(ValueError):
    """The consultation is written in a language the "About you" words are not written in."""


@dataclass
class Added:
    added: list[Question] = field(default_factory=list)
    already: list[str] = field(default_factory=list)  # keys of the questions that were there before


def about_you_key(question: Question) -> str | None:
    key = (question.settings or {}).get(about_you.SETTING)
    # The census-worded questions (consult.reach.census) are "About you" questions too.
    return key if key in about_you.BY_KEY or key in census.BY_KEY else None


def about_you_questions(consultation: Consultation) -> list[Question]:
    """The live "About you" questions, in the consultation's order."""
    return [question for question in consultation.questions if about_you_key(question)]


def can_add_about_you(consultation: Consultation) -> bool:
    return consultation.default_language in about_you.LANGUAGES


def add_about_you(consultation: Consultation) -> Added:
    """Add the "About you" questions that are not there yet, at the end, in every offered language
    we have words for (staff translate the others as usual)."""
    if not can_add_about_you(consultation):
        raise LanguageError(consultation.default_language)
    present = {about_you_key(question) for question in about_you_questions(consultation)}
    languages = [language for language in consultation.offered_languages if language in about_you.LANGUAGES]
    easy_languages = [language for language in languages if language in about_you.EASY_LANGUAGES]
    result = Added(already=[spec.key for spec in about_you.QUESTIONS if spec.key in present])
    now = utcnow()
    for spec in about_you.QUESTIONS:
        if spec.key in present:
            continue
        result.added.append(_add_one(consultation, spec, languages, easy_languages, now))
    db.session.flush()
    return result


def _standard(words: about_you.Words, languages: list[str]) -> dict[str, str]:
    # The consultation's own language first: it is the source the translations are checked against.
    return {language: words.standard[language] for language in languages}


def _add_one(consultation: Consultation, spec: about_you.AboutYouQuestion, languages: list[str],
             easy_languages: list[str], now) -> Question:
    question = add_question(
        consultation, "single_choice", _standard(spec.prompt, languages), hint=_standard(spec.hint, languages),
        options=[_standard(choice.label, languages) for choice in spec.choices],
        prefer_not_option=_standard(about_you.PREFER_NOT.label, languages),
        required=False, settings={about_you.SETTING: spec.key},
    )
    choices = [*spec.choices, about_you.PREFER_NOT]
    for option, choice in zip(question.options, choices, strict=True):
        option.value = choice.value
        _set_easy(option.label, choice.label, easy_languages)
        if choice.picture is not None:
            option.picture = _picture(choice.picture, languages, consultation.default_language)
    _set_easy(question.prompt, spec.prompt, easy_languages)
    _set_easy(question.hint, spec.hint, easy_languages)
    question.picture = _picture(spec.picture, languages, consultation.default_language)
    # One moment for every text: a translation written a microsecond before its source would
    # show as "needs checking" in the translation editor.
    for block in (question.prompt, question.hint, question.picture.alt,
                  *(option.label for option in question.options),
                  *(option.picture.alt for option in question.options if option.picture is not None)):
        for variant in block.variants:
            variant.updated_at = now
    return question


def _set_easy(block, words: about_you.Words, easy_languages: list[str]) -> None:
    for language in easy_languages:
        block.set(language, words.easy[language], EASY)


def _picture(picture: about_you.Picture, languages: list[str], default_language: str):
    return symbol_picture(picture.hexcode, {language: picture.alt[language] for language in languages},
                          default_language)


# -- expected shares ------------------------------------------------------------------------------

def group_options(question: Question) -> list:
    """The answers that are groups: not "Prefer not to say" (nor any other special answer)."""
    return [option for option in question.options if option.kind == "answer"]


def load_targets(consultation: Consultation) -> dict[int, Decimal]:
    """option id -> expected share in per cent."""
    rows = db.session.execute(
        select(ReachTarget.option_id, ReachTarget.expected_percent)
        .where(ReachTarget.consultation_id == consultation.id)
    )
    # Stored as NUMERIC(5, 2) and read as a float: back to the two decimals that were typed.
    return {option_id: Decimal(str(round(value, 2))) for option_id, value in rows}


def save_targets(consultation: Consultation, shares: dict[int, Decimal | None]) -> int:
    """Set, change or clear (None) the expected share of each option; returns how many changed."""
    existing = {target.option_id: target for target in db.session.scalars(
        select(ReachTarget).where(ReachTarget.consultation_id == consultation.id))}
    changed = 0
    for option_id, share in shares.items():
        target = existing.get(option_id)
        if share is None:
            if target is not None:
                db.session.delete(target)
                changed += 1
        elif target is None:
            db.session.add(ReachTarget(consultation_id=consultation.id, option_id=option_id,
                                       expected_percent=float(share)))
            changed += 1
        elif Decimal(str(round(target.expected_percent, 2))) != share:
            target.expected_percent = float(share)
            changed += 1
    db.session.flush()
    return changed


# -- counts -----------------------------------------------------------------------------------------

def responses_by_channel(consultation: Consultation) -> dict[str, int]:
    return dict(db.session.execute(
        select(Response.channel, func.count()).where(Response.consultation_id == consultation.id)
        .group_by(Response.channel)
    ).all())


def count_groups(consultation: Consultation, questions: list[Question]) -> dict[int, dict[str, dict[int, int]]]:
    """question id -> channel -> option id -> people, in one GROUP BY over the answer table.

    Answers count only where the question was asked (its branching rule held), as on the dashboard:
    an answer left over from a rule changed later is not counted.
    """
    if not questions:
        return {}
    shapes = {shape.id: shape for shape in shape_of(consultation)}
    wanted = [shapes[question.id] for question in questions]
    always = [shape.id for shape in wanted if shape.condition is None]
    clauses = [Answer.question_id.in_(always)] if always else []
    for shape in wanted:
        if shape.condition is not None:
            clauses.append(and_(Answer.question_id == shape.id,
                                asked_clause(shape.condition, shapes, Answer.response_id)))
    rows = db.session.execute(
        select(Response.channel, Answer.question_id, Answer.option_id, func.count())
        .select_from(Answer).join(Response, Response.id == Answer.response_id)
        .where(Response.consultation_id == consultation.id, Answer.option_id.is_not(None), or_(*clauses))
        .group_by(Response.channel, Answer.question_id, Answer.option_id)
    )
    counts: dict[int, dict[str, dict[int, int]]] = {}
    for channel, question_id, option_id, count in rows:
        counts.setdefault(question_id, {}).setdefault(channel, {})[option_id] = count
    return counts
