"""Translating a consultation's texts: what there is to translate, how far each language has got,
and which translations need checking because their source changed after they were written.

A text's source is its words in the consultation's own language. A translation "needs checking"
when the source was changed after the translation was last saved.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from consult.extensions import db
from consult.models import TextBlock, TextVariant
from consult.models.content import EASY, STANDARD
from consult.translating import lazy_gettext as _l

SETTINGS_GROUP = _l("About the consultation")
SETTINGS_LABELS = {
    "title": _l("Title"),
    "summary": _l("Summary"),
    "purpose": _l("Why we are asking"),
    "organiser": _l("Who is asking"),
    "data_use": _l("What happens to the answers"),
    "contact": _l("How to contact you"),
}


@dataclass(frozen=True)
class Unit:
    """One text to translate: a stable key (also the id in exchange files) and where it is used."""

    key: str
    block_id: int
    where: str
    group: str
    # False for texts that are already as short as they can be (picture descriptions, the agree scale's
    # own words): easy read shows them as they are, so they are not counted as easy-read work.
    easy: bool = True


@dataclass(frozen=True)
class Row:
    unit: Unit
    source: str
    translation: str
    needs_checking: bool

    @property
    def translated(self) -> bool:
        return bool(self.translation.strip())


def units(consultation) -> list[Unit]:
    """Every text a resident reads, in the order they meet it."""
    found = []
    for name, label in SETTINGS_LABELS.items():
        block_id = getattr(consultation, f"{name}_id")
        if block_id is not None:
            found.append(Unit(f"consultation.{name}", block_id, str(label), str(SETTINGS_GROUP)))
    for question in consultation.questions:
        group = str(_l("Question %(number)s", number=question.position))
        found.append(Unit(f"question.{question.id}.prompt", question.prompt_id, str(_l("Question")), group))
        if question.hint_id is not None:
            found.append(Unit(f"question.{question.id}.hint", question.hint_id, str(_l("Hint")), group))
        if question.missing_message_id is not None:
            found.append(Unit(f"question.{question.id}.missing_message", question.missing_message_id,
                              str(_l("Error message if it is left empty")), group))
        found += _picture_unit(question.picture, str(_l("Description of the question’s picture")), group)
        for number, option in enumerate(question.options, start=1):
            found.append(Unit(f"option.{option.id}.label", option.label_id,
                              str(_l("Answer %(number)s", number=number)), group,
                              easy=question.type.easy_read_answers))
            found += _picture_unit(option.picture, str(_l("Description of the picture for answer %(number)s",
                                                          number=number)), group)
        for number, heading in enumerate(question.option_groups, start=1):
            found.append(Unit(f"option_group.{heading.id}.heading", heading.heading_id,
                              str(_l("Heading %(number)s over answers", number=number)), group))
        for rule in question.rules:
            if rule.exit_text_id is not None:
                found.append(Unit(f"branch_rule.{rule.id}.exit", rule.exit_text_id,
                                  str(_l("Exit page: why people cannot take part")), group))
    found += _section_units(consultation)
    found += _outcome_units(consultation)
    found += _document_units(consultation)
    found += _event_units(consultation)
    return found


def _section_units(consultation) -> list[Unit]:
    # A section's title is read as its page's heading, so it is translated like the questions.
    from consult.sections import runs

    seen, found = set(), []
    for section, questions in runs(consultation.questions):
        if section is not None and section.id not in seen:
            seen.add(section.id)
            group = str(_l("Section starting at question %(number)s", number=questions[0].position))
            found.append(Unit(f"section.{section.id}.title", section.title_id, str(_l("Section title")), group))
    return found


def _outcome_units(consultation) -> list[Unit]:
    from consult.loading import outcomes_of

    found = []
    for number, outcome in enumerate(outcomes_of(consultation), start=1):
        group = str(_l("You said, we did: outcome %(number)s", number=number))
        found.append(Unit(f"outcome.{outcome.id}.heard", outcome.heard_id, str(_l("What we heard")), group))
        found.append(Unit(f"outcome.{outcome.id}.action", outcome.action_id, str(_l("What we will do")), group))
        found += _picture_unit(outcome.picture, str(_l("Description of the outcome’s picture")), group)
    return found


def _document_units(consultation) -> list[Unit]:
    # A document's name is the words of its link on the start page (consult/documents).
    from consult.documents.services import documents_of

    return [Unit(f"document.{document.id}.title", document.title_id, str(_l("Name of the document")),
                 str(_l("Document %(number)s", number=number)), easy=False)
            for number, document in enumerate(documents_of(consultation.id), start=1)]


def _event_units(consultation) -> list[Unit]:
    # An event's place and description are on the start pages and posters (consult/events).
    from consult.events.services import events_of

    found = []
    for number, event in enumerate(events_of(consultation.id), start=1):
        group = str(_l("Event %(number)s", number=number))
        found.append(Unit(f"event.{event.id}.place", event.place_id, str(_l("Place of the event")), group))
        if event.description_id is not None:
            found.append(Unit(f"event.{event.id}.description", event.description_id,
                              str(_l("What happens at the event")), group))
    return found


def _picture_unit(picture, where: str, group: str) -> list[Unit]:
    # Alt text is translated like any other text: people who cannot see the picture read or hear it.
    return [Unit(f"picture.{picture.id}.alt", picture.alt_id, where, group, easy=False)] if picture is not None else []


def rows(consultation, language: str, register: str = STANDARD) -> list[Row]:
    """Each text's source (the consultation's own language, standard) beside its version in
    ``language`` and ``register``: a translation, or an easy-read version, or both."""
    found = [unit for unit in units(consultation) if unit.easy or register != EASY]
    variants: dict[tuple[int, str, str], TextVariant] = {}
    ids = [unit.block_id for unit in found]
    if ids:
        for variant in db.session.scalars(
            select(TextVariant).where(TextVariant.block_id.in_(ids),
                                      TextVariant.language.in_([language, consultation.default_language]))
        ):
            variants[(variant.block_id, variant.language, variant.register)] = variant
    result = []
    for unit in found:
        source = variants.get((unit.block_id, consultation.default_language, STANDARD))
        if source is None or not source.body.strip():
            continue  # nothing to translate yet
        translation = variants.get((unit.block_id, language, register))
        result.append(Row(
            unit=unit,
            source=source.body,
            translation=translation.body if translation else "",
            needs_checking=_stale(source.updated_at, translation),
        ))
    return result


def _stale(source_changed: datetime, translation: TextVariant | None) -> bool:
    return translation is not None and bool(translation.body.strip()) and translation.updated_at < source_changed


@dataclass(frozen=True)
class Progress:
    language: str
    register: str
    translated: int
    total: int
    needs_checking: int

    @property
    def complete(self) -> bool:
        return self.translated == self.total and self.needs_checking == 0


def progress(consultation, language: str, register: str = STANDARD) -> Progress:
    found = rows(consultation, language, register)
    return Progress(
        language=language,
        register=register,
        translated=sum(1 for row in found if row.translated),
        total=len(found),
        needs_checking=sum(1 for row in found if row.needs_checking),
    )


def save_translation(block: TextBlock, language: str, body: str, register: str = STANDARD) -> None:
    """Save (or clear) one translation. Saving unchanged words marks a "needs checking" text as checked."""
    body = body.strip()
    existing = next((v for v in block.variants if v.language == language and v.register == register), None)
    if not body:
        if existing is not None:
            block.variants.remove(existing)
        return
    if existing is not None and existing.body == body:
        from consult.models._time import utcnow

        existing.updated_at = utcnow()
        return
    block.set(language, body, register)
