""""You said, we did": the outcomes staff write after a consultation closes, and publishing them.

Each outcome has two texts, what we heard and what we will do, each with a standard and an easy-read
version, translated like every other resident text (see consult.build.translation.units).
"""

from __future__ import annotations

from blinker import Namespace
from sqlalchemy import func, select

from consult.extensions import db
from consult.loading import outcomes_of  # noqa: F401  (the results modules take it from here)
from consult.models import Consultation, Outcome, TextBlock
from consult.models._time import utcnow
from consult.models.content import EASY, make_block

# Sent (with ``consultation_id``) once published results are committed. Whoever acts on it returns
# False when it could not: consult/messages/hearing_back.py, which sends people the results they asked
# for, without this package knowing about messages.
results_published = Namespace().signal("results-published")


def _set(block: TextBlock, language: str, standard: str, easy: str) -> None:
    block.set(language, standard.strip())
    easy = easy.strip()
    existing = next((v for v in block.variants if v.language == language and v.register == EASY), None)
    if easy:
        block.set(language, easy, EASY)
    elif existing is not None:
        block.variants.remove(existing)


def add_outcome(consultation: Consultation, *, about: tuple[str, int] | None, heard: str, action: str,
                heard_easy: str = "", action_easy: str = "") -> Outcome:
    language = consultation.default_language
    last = db.session.scalar(select(func.max(Outcome.position)).where(Outcome.consultation_id == consultation.id))
    outcome = Outcome(consultation_id=consultation.id, position=(last or 0) + 1,
                      heard=make_block(heard.strip(), language), action=make_block(action.strip(), language))
    _set(outcome.heard, language, heard, heard_easy)
    _set(outcome.action, language, action, action_easy)
    set_about(outcome, about)
    db.session.add(outcome)
    return outcome


def update_outcome(outcome: Outcome, consultation: Consultation, *, about, heard: str, action: str,
                   heard_easy: str = "", action_easy: str = "") -> None:
    language = consultation.default_language
    _set(outcome.heard, language, heard, heard_easy)
    _set(outcome.action, language, action, action_easy)
    set_about(outcome, about)
    outcome.updated_at = utcnow()


def set_about(outcome: Outcome, about: tuple[str, int] | None) -> None:
    kind, ident = about or ("", None)
    outcome.question_id = ident if kind == "question" else None
    outcome.theme_id = ident if kind == "theme" else None


def delete_outcome(outcome: Outcome, consultation: Consultation) -> None:
    blocks = [outcome.heard, outcome.action]
    db.session.delete(outcome)
    db.session.flush()
    for block in blocks:
        db.session.delete(block)
    _renumber(consultation)


def move_outcome(outcome: Outcome, consultation: Consultation, step: int) -> None:
    ordered = outcomes_of(consultation)
    index = ordered.index(outcome)
    other = index + step
    if 0 <= other < len(ordered):
        ordered[index], ordered[other] = ordered[other], ordered[index]
    for position, item in enumerate(ordered, start=1):
        item.position = position


def _renumber(consultation: Consultation) -> None:
    for position, item in enumerate(outcomes_of(consultation), start=1):
        item.position = position


def publish_results(consultation: Consultation) -> None:
    consultation.results_published_at = utcnow()


def unpublish_results(consultation: Consultation) -> None:
    consultation.results_published_at = None


def results_public(consultation: Consultation) -> bool:
    """The public results page exists once the consultation has closed and staff have published it."""
    return consultation.state() == "closed" and consultation.results_published_at is not None
