"""Creating consultations and questions (used by the demo seed now, the builder later)."""

from __future__ import annotations

from datetime import datetime

from flask_babel import force_locale

from consult.extensions import db
from consult.models import Consultation, ConsultationLanguage, Option, Question, TextBlock
from consult.questions import get_type


def _block(texts: dict[str, str] | str | None, language: str) -> TextBlock | None:
    """A text block from {"en": "...", "cy": "..."} or a plain string in ``language``."""
    if texts is None:
        return None
    if isinstance(texts, str):
        texts = {language: texts}
    block = TextBlock()
    for lang, body in texts.items():
        block.set(lang, body)
    db.session.add(block)
    return block


def _in_each_language(consultation: Consultation, label) -> dict[str, str]:
    """A built-in label ("Strongly agree") in every language the consultation is offered in."""
    texts = {}
    for language in consultation.offered_languages:
        with force_locale(language):
            texts[language] = str(label)
    return texts


def create_consultation(slug: str, *, title, summary, opens_at: datetime, closes_at: datetime,
                        language: str = "en", other_languages=(), purpose=None, organiser=None,
                        data_use=None, contact=None, contact_email=None, estimated_minutes: int = 5,
                        anonymous: bool = True, status: str = "draft") -> Consultation:
    consultation = Consultation(
        slug=slug, status=status, default_language=language, opens_at=opens_at, closes_at=closes_at,
        anonymous=anonymous, estimated_minutes=estimated_minutes, contact_email=contact_email,
        title=_block(title, language), summary=_block(summary, language),
        purpose=_block(purpose, language), organiser=_block(organiser, language),
        data_use=_block(data_use, language), contact=_block(contact, language),
    )
    consultation.languages = [ConsultationLanguage(language=lang) for lang in {language, *other_languages}]
    db.session.add(consultation)
    db.session.flush()
    return consultation


def add_question(consultation: Consultation, kind: str, prompt, *, hint=None, options=(),
                 required: bool = True, settings: dict | None = None, none_option=None,
                 prefer_not_option=None) -> Question:
    """Add a question at the end. Types with built-in options (yes/no, agree scale) create them."""
    qtype = get_type(kind)
    language = consultation.default_language
    question = Question(
        consultation_id=consultation.id, position=len(consultation.questions) + 1, kind=kind,
        required=required, settings={**qtype.settings_defaults(), **(settings or {})},
        prompt=_block(prompt, language), hint=_block(hint, language),
    )
    entries = [(f"option_{n}", label, "answer") for n, label in enumerate(options, start=1)]
    entries += [(default.value, _in_each_language(consultation, default.label), default.kind)
                for default in qtype.default_options()]
    if none_option:
        entries.append(("none", none_option, "none"))
    if prefer_not_option:
        entries.append(("prefer_not", prefer_not_option, "prefer_not"))
    for position, (value, label, option_kind) in enumerate(entries, start=1):
        question.options.append(
            Option(position=position, value=value, kind=option_kind, label=_block(label, language))
        )
    db.session.add(question)
    db.session.flush()
    db.session.expire(consultation, ["questions"])
    return question


class ConditionError(ValueError):
    """A branching rule that cannot work: its answers are not all from one earlier question."""


def set_condition(question: Question, options: list[Option]) -> None:
    """Ask ``question`` only when the answer to an earlier question is one of ``options``.

    An empty list removes the condition, so the question is always asked.
    """
    if options:
        sources = {option.question_id for option in options}
        if len(sources) != 1:
            raise ConditionError("the answers must all belong to one question")
        source = db.session.get(Question, sources.pop())
        if source.consultation_id != question.consultation_id or source.position >= question.position:
            raise ConditionError("the question must come earlier in the same consultation")
    question.condition_options = list(options)
    db.session.flush()
