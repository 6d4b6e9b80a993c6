"""Duplicating one question: a copy placed just after it, for a question much like one already written.

The copy is made column by column from the mapped tables, so a setting added to questions or answers
later is copied without a change here. Every text a column points to (question, hint, error message,
answer words, picture descriptions) becomes a text of the copy's own with every language and register,
so changing or translating the copy never changes the original.

Branching: the copy is asked under the same condition as the original. That is safe: the question the
condition looks at comes before the original, so it comes before the copy, just after it. Questions that
branch on the original's answers keep doing so; they do not start depending on the copy.
"""

from __future__ import annotations

import copy as deep

from flask_babel import force_locale
from sqlalchemy import inspect as sa_inspect

from consult.build import branching_rules
from consult.build.option_groups import copy_groups
from consult.extensions import db
from consult.models import Option, Picture, Question, TextBlock
from consult.models.content import STANDARD
from consult.translating import gettext as _


def copy_block(block: TextBlock | None) -> TextBlock | None:
    """A new text block with the same words in every language and register, and the same times (so a
    translation that was up to date is still up to date, and one that needed checking still does)."""
    if block is None:
        return None
    new = TextBlock()
    for variant in block.variants:
        new.set(variant.language, variant.body, variant.register).updated_at = variant.updated_at
    db.session.add(new)
    return new


def _copy_picture(picture: Picture | None) -> Picture | None:
    """The same symbol or uploaded file, with its own description (translated separately from now on)."""
    if picture is None:
        return None
    new = _copy_row(picture)
    db.session.add(new)
    return new


def _copy_row(row, **overrides):
    """A new row of the same model with the same column values, except primary keys and ``overrides``.

    Columns pointing at a text block or a picture get a copy of it, never the same one.
    """
    mapper = sa_inspect(type(row))
    values = {}
    for column in mapper.columns:
        key = mapper.get_property_by_column(column).key
        if column.primary_key or key in overrides:
            continue
        targets = {foreign_key.column.table.name for foreign_key in column.foreign_keys}
        value = getattr(row, key)
        if value is not None and TextBlock.__tablename__ in targets:
            value = _flushed(copy_block(db.session.get(TextBlock, value))).id
        elif value is not None and Picture.__tablename__ in targets:
            value = _flushed(_copy_picture(db.session.get(Picture, value))).id
        elif isinstance(value, (dict, list)):
            value = deep.deepcopy(value)  # JSON settings: the copy's own, so changing one leaves the other
        values[key] = value
    values.update({key: value for key, value in overrides.items() if value is not _SKIP})
    return type(row)(**values)


_SKIP = object()  # an override that leaves the column to a relationship


def _flushed(row):
    """``row`` with its id (the copy's column needs it)."""
    db.session.flush()
    return row


def duplicate_question(original: Question) -> Question:
    """Copy ``original`` with its answers, settings, texts, pictures, groups and branching, and put the
    copy just after it. Its question reads "Copy: ..." in the consultation's own language, so staff can
    tell the two apart until they change it."""
    consultation = original.consultation
    db.session.expire(consultation, ["questions"])
    live = list(consultation.questions)
    new = _copy_row(original, position=original.position + 1, deleted_at=None)
    option_map: dict[int, Option] = {}
    for option in original.options:
        option_copy = _copy_row(option, question_id=_SKIP, group_id=None)
        new.options.append(option_copy)
        option_map[option.id] = option_copy
    copy_groups(original, new, option_map, copy_block)
    branching_rules.copy_rules(original, new, {}, {}, copy_block)
    db.session.add(new)
    _mark_as_copy(new, consultation.default_language)
    live.insert(live.index(original) + 1, new)
    for position, question in enumerate(live, start=1):
        question.position = position
    db.session.flush()
    db.session.expire(consultation, ["questions"])
    return new


def _mark_as_copy(question: Question, language: str) -> None:
    prompt = db.session.get(TextBlock, question.prompt_id)
    words = next((variant.body for variant in prompt.variants
                  if variant.language == language and variant.register == STANDARD), "")
    with force_locale(language):
        prompt.set(language, _("Copy: %(question)s", question=words))
