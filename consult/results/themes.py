"""Free-text answers and the themes staff tag them with: finding, paging, tagging, counting.

verb_noun functions that read or change models and flush; no request, no rendering. Theme names
are staff words, so they may go in the audit log; answer text never does.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, delete, exists, func, or_, select
from sqlalchemy.exc import IntegrityError

from consult.database import unicode_lower
from consult.extensions import db
from consult.models import Answer, AnswerTheme, Consultation, Option, Question, Response, Theme
from consult.questions import REGISTRY

# The question types whose answers are words people wrote.
TEXT_KINDS = tuple(key for key, qtype in REGISTRY.items() if qtype.free_text)
PER_PAGE = 25
NAME_MAX = 120
# The theme filter's value for answers that carry no theme yet.
UNTAGGED = "none"


class ThemeNameError(ValueError):
    """A name that is empty, too long, or already used by another theme of the consultation."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason  # "empty", "too_long" or "taken"


@dataclass(frozen=True)
class AnswerItem:
    id: int
    text: str
    reference: str
    language: str
    submitted_at: datetime
    theme_ids: frozenset[int]


@dataclass(frozen=True)
class AnswerPage:
    items: list[AnswerItem]
    total: int
    page: int
    pages: int
    per_page: int

    @property
    def first(self) -> int:
        """The number of the first answer shown (1-based), 0 when there are none."""
        return (self.page - 1) * self.per_page + 1 if self.items else 0

    @property
    def last(self) -> int:
        return self.first + len(self.items) - 1 if self.items else 0


# -- themes -----------------------------------------------------------------------------------

def list_themes(consultation_id: int) -> list[Theme]:
    return list(db.session.scalars(
        select(Theme).where(Theme.consultation_id == consultation_id).order_by(func.lower(Theme.name), Theme.id)))


def find_theme(consultation_id: int, theme_id: int) -> Theme | None:
    theme = db.session.get(Theme, theme_id)
    return theme if theme is not None and theme.consultation_id == consultation_id else None


def clean_name(name: str | None) -> str:
    """One space between words, none at the ends: "  Waiting   times " is "Waiting times"."""
    return " ".join((name or "").split())


def _check_name(consultation_id: int, name: str, except_id: int | None = None) -> str:
    name = clean_name(name)
    if not name:
        raise ThemeNameError("empty")
    if len(name) > NAME_MAX:
        raise ThemeNameError("too_long")
    # "Transport" and "transport" would be two themes that mean one thing.
    taken = db.session.scalar(select(Theme.id).where(
        Theme.consultation_id == consultation_id, func.lower(Theme.name) == name.lower(),
        *([Theme.id != except_id] if except_id is not None else [])))
    if taken is not None:
        raise ThemeNameError("taken")
    return name


def create_theme(consultation: Consultation, name: str) -> Theme:
    name = _check_name(consultation.id, name)
    theme = Theme(consultation_id=consultation.id, name=name)
    try:
        with db.session.begin_nested():
            db.session.add(theme)
    except IntegrityError:  # someone else added the same name a moment ago
        raise ThemeNameError("taken") from None
    return theme


def rename_theme(theme: Theme, name: str) -> str:
    """Rename; returns the old name (for messages and the audit log)."""
    name = _check_name(theme.consultation_id, name, except_id=theme.id)
    old = theme.name
    theme.name = name
    try:
        with db.session.begin_nested():
            db.session.flush()
    except IntegrityError:
        theme.name = old
        raise ThemeNameError("taken") from None
    return old


def delete_theme(theme: Theme) -> None:
    """Delete a theme and its tags; the answers stay as they are."""
    db.session.execute(delete(AnswerTheme).where(AnswerTheme.theme_id == theme.id))
    db.session.delete(theme)
    db.session.flush()


# -- answers ----------------------------------------------------------------------------------

def text_questions(consultation: Consultation) -> list[Question]:
    """Questions with words to read and tag: free-text ones, and choices with a box such as "Other"."""
    return [question for question in consultation.questions if question.type.has_written_answers(question)]


def find_answer(consultation_id: int, answer_id: int) -> Answer | None:
    """A free-text answer of this consultation, or None."""
    answer = db.session.execute(
        select(Answer).join(Question, Question.id == Answer.question_id)
        .outerjoin(Option, Option.id == Answer.option_id)
        .where(Answer.id == answer_id, Question.consultation_id == consultation_id,
               # Words beside an answer such as "Other, please specify" are written answers too.
               or_(Question.kind.in_(TEXT_KINDS), Option.write_in.is_(True)), Answer.text.is_not(None))
    ).scalar_one_or_none()
    return answer


def _folded(column):
    """``column`` in small letters, the same way on SQLite and PostgreSQL (consult.database)."""
    return unicode_lower(column, db.session.get_bind().dialect.name)


def _answer_filters(question_id: int, search: str, theme: int | str | None) -> list:
    filters = [Answer.question_id == question_id, Answer.text.is_not(None)]
    if search:
        # autoescape: a % or _ that someone types is a character to find, not a wildcard.
        filters.append(_folded(Answer.text).contains(search.lower(), autoescape=True))
    if theme == UNTAGGED:
        filters.append(~exists().where(AnswerTheme.answer_id == Answer.id))
    elif theme is not None:
        filters.append(exists().where(and_(AnswerTheme.answer_id == Answer.id, AnswerTheme.theme_id == theme)))
    return filters


def answers_page(question_id: int, *, search: str = "", theme: int | str | None = None, page: int = 1,
                 per_page: int = PER_PAGE) -> AnswerPage:
    """One page of a question's free-text answers, oldest first, that contain ``search`` (any case)
    and carry ``theme`` (a theme id, UNTAGGED, or None for any). A page past the end shows the last."""
    filters = _answer_filters(question_id, search.strip(), theme)
    total = db.session.scalar(select(func.count(Answer.id)).where(*filters)) or 0
    pages = max(1, -(-total // per_page))
    page = min(max(page, 1), pages)
    rows = db.session.execute(
        select(Answer.id, Answer.text, Response.reference, Response.language, Response.submitted_at)
        .join(Response, Response.id == Answer.response_id)
        .where(*filters)
        .order_by(Response.submitted_at, Answer.id)
        .offset((page - 1) * per_page).limit(per_page)
    ).all()
    tags = themes_of([row.id for row in rows])
    items = [AnswerItem(row.id, row.text, row.reference, row.language, row.submitted_at,
                        frozenset(tags.get(row.id, ()))) for row in rows]
    return AnswerPage(items, total, page, pages, per_page)


def answer_item(answer_id: int) -> AnswerItem:
    row = db.session.execute(
        select(Answer.id, Answer.text, Response.reference, Response.language, Response.submitted_at)
        .join(Response, Response.id == Answer.response_id).where(Answer.id == answer_id)
    ).one()
    return AnswerItem(row.id, row.text, row.reference, row.language, row.submitted_at,
                      frozenset(themes_of([answer_id]).get(answer_id, ())))


def themes_of(answer_ids: list[int]) -> dict[int, set[int]]:
    """{answer id: its theme ids}."""
    found: dict[int, set[int]] = {}
    if answer_ids:
        for answer_id, theme_id in db.session.execute(
                select(AnswerTheme.answer_id, AnswerTheme.theme_id).where(AnswerTheme.answer_id.in_(answer_ids))):
            found.setdefault(answer_id, set()).add(theme_id)
    return found


def tag_answer(answer: Answer, theme_ids, consultation_id: int) -> tuple[list[Theme], list[Theme]]:
    """Give ``answer`` exactly these themes (ids of other consultations' themes are ignored).

    Returns (added, removed) themes.
    """
    themes = {theme.id: theme for theme in list_themes(consultation_id)}
    wanted = {theme_id for theme_id in theme_ids if theme_id in themes}
    current = themes_of([answer.id]).get(answer.id, set())
    for theme_id in wanted - current:
        db.session.add(AnswerTheme(answer_id=answer.id, theme_id=theme_id))
    if current - wanted:
        db.session.execute(delete(AnswerTheme).where(
            AnswerTheme.answer_id == answer.id, AnswerTheme.theme_id.in_(current - wanted)))
    db.session.flush()
    order = list(themes)
    return ([themes[i] for i in order if i in wanted - current],
            [themes[i] for i in order if i in current - wanted])


def theme_counts(consultation_id: int, question_id: int | None = None) -> dict[int, int]:
    """{theme id: how many answers carry it}, for one question or the whole consultation."""
    query = (select(AnswerTheme.theme_id, func.count())
             .join(Theme, Theme.id == AnswerTheme.theme_id)
             .where(Theme.consultation_id == consultation_id)
             .group_by(AnswerTheme.theme_id))
    if question_id is not None:
        query = query.join(Answer, Answer.id == AnswerTheme.answer_id).where(Answer.question_id == question_id)
    return dict(db.session.execute(query).all())


def answer_counts(question_ids: list[int]) -> dict[int, tuple[int, int]]:
    """{question id: (free-text answers, of which untagged)}."""
    if not question_ids:
        return {}
    tagged = exists().where(AnswerTheme.answer_id == Answer.id)
    rows = db.session.execute(
        select(Answer.question_id, func.count(Answer.id),
               func.count(Answer.id).filter(~tagged))
        .where(Answer.question_id.in_(question_ids), Answer.text.is_not(None))
        .group_by(Answer.question_id)
    ).all()
    return {question_id: (total, untagged) for question_id, total, untagged in rows}
