"""Loading the pictures of many questions and answers in one query."""

from __future__ import annotations

from sqlalchemy import select

from consult.extensions import db
from consult.models import Picture


def load_pictures(questions) -> dict[int, Picture]:
    """The pictures of these questions and all their answers."""
    return load_owner_pictures([owner for question in questions for owner in (question, *question.options)])


def load_owner_pictures(owners) -> dict[int, Picture]:
    """The pictures of anything with a picture_id (questions, answers, outcomes), by picture id."""
    ids = {owner.picture_id for owner in owners}
    ids.discard(None)
    if not ids:
        return {}
    return {picture.id: picture for picture in db.session.scalars(select(Picture).where(Picture.id.in_(ids)))}
