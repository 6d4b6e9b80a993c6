"""Checking and storing answers that staff type in from a paper form, a phone call or an event.

Verb_noun functions; no request, no rendering. The answers go through each question type's own
``parse`` (what ``check`` does, less the "required" rule) and the journey's branching rule, so a
form typed in is held to the same rules as one sent online, with two differences that paper needs:

- A required question left blank can be stored as "no answer" (skipped), because paper forms have
  gaps and the person cannot be asked again. Staff must confirm each set of blanks first, so a
  question skipped by mistake while typing is caught (see ``EntryCheck.unconfirmed_blanks``).
- An answer to a question the person should not have answered (branching: "Only answer this
  question if you ticked ...") is refused with a message, not silently dropped. Most often the
  earlier answer was mistyped, and dropping the later one would lose a real answer; when the form
  really does answer both, staff clear the later one, which is what an online resident would have
  been asked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select

from consult import branching, branching_words
from consult.extensions import db
from consult.i18n import ContentCatalogue
from consult.loading import block_ids
from consult.models import Response
from consult.models._time import utcnow
from consult.request_values import positive_int
from consult.respond.journey import Journey
from consult.respond.services import store_response

# When the form gives only a day, the response is placed at midday (UK time) on that day.
from consult.times import MIDDAY, to_local, to_utc
from consult.translating import gettext as _

# Staff never type in an "online" response: those come through the resident journey.
STAFF_CHANNELS = ("paper", "phone", "event", "assisted")
# Response.helped_by is VARCHAR(120).
HELPED_BY_LIMIT = 120
# Published and taking answers, or closed: paper forms that arrive after the closing date still count.
# A scheduled consultation may still change its questions (or go back to draft), so it waits.
ENTRY_STATES = ("open", "closed")


def may_enter(consultation) -> bool:
    return consultation.state() in ENTRY_STATES


def load_texts(consultation, language: str) -> ContentCatalogue:
    """The consultation's words in the form's language (standard register: forms are not easy read)."""
    return ContentCatalogue.load(block_ids(consultation), language=language,
                                 default_language=consultation.default_language)


# -- what the page shows and checks --------------------------------------------------------------


@dataclass(frozen=True)
class Condition:
    """Branching in the page's words: when the question is asked and where to go after it."""

    lines: tuple[str, ...]  # the printed questionnaire's words (consult.branching_words.paper_lines)
    # The "ask" rule in staff's words ("Asked only of people who answered “Yes” to question 3."), if
    # any; and, when it is one "ticked" condition, its answers and question number (the message names them).
    asked_only: str | None = None
    ticked: tuple[str, int] | None = None

    # Its section's "Only answer this page if ...", said under the section's title as on paper.
    page: tuple[str, ...] = ()

    @property
    def hint(self) -> str:
        # The words of the printed questionnaire at this question, so the screen matches the paper in
        # staff's hands (the page's condition is said under the section's title, as on paper).
        return " ".join(self.lines)


@dataclass(frozen=True)
class QuestionEntry:
    number: int  # the question's place in the consultation, as printed on the paper form
    question: object
    raw: list[str]  # exactly what was typed, shown again when the page comes back
    condition: Condition | None
    asked: bool = True
    value: object = None
    error: str | None = None
    blank: bool = False  # asked, required, and nothing entered

    @property
    def control_id(self) -> str:
        return self.question.type.error_input_id(self.question, self.raw)


@dataclass
class EntryCheck:
    entries: list[QuestionEntry]
    confirmed: frozenset[int] = field(default_factory=frozenset)

    @property
    def errors(self) -> list[QuestionEntry]:
        return [entry for entry in self.entries if entry.error]

    @property
    def blanks(self) -> list[QuestionEntry]:
        return [entry for entry in self.entries if entry.blank]

    @property
    def blank_ids(self) -> list[int]:
        return [entry.question.id for entry in self.blanks]

    @property
    def unconfirmed_blanks(self) -> list[QuestionEntry]:
        """Required questions left blank that staff have not yet said the form leaves blank."""
        return [entry for entry in self.blanks if entry.question.id not in self.confirmed]

    @property
    def nothing_entered(self) -> bool:
        return not any(entry.value is not None or entry.error for entry in self.entries)

    @property
    def ready(self) -> bool:
        return not self.errors and not self.unconfirmed_blanks and not self.nothing_entered

    def values(self) -> dict[int, object]:
        """Clean values by question id, for the questions asked. Only when ``ready``."""
        return {entry.question.id: entry.value for entry in self.entries
                if entry.asked and entry.value is not None}


def conditions_of(consultation, texts) -> dict[int, Condition]:
    """Each question's branching in words, as the journey applies it.

    A rule that cannot count in order (a condition on a deleted or later question) is ignored by
    consult.respond.journey, so it is not shown either.
    """
    questions = list(consultation.questions)
    plan = branching.plan_of(questions)
    numbers = branching.places(questions)
    by_id = {question.id: question for question in questions}
    found = {}
    for question in questions:
        lines = branching_words.paper_lines(question.id, plan, by_id, numbers, lambda option: _label(texts, option))
        page = branching_words.page_lines(question.id, plan, by_id, numbers, lambda option: _label(texts, option))
        if lines or page:
            found[question.id] = Condition(tuple(lines), branching_words.ask_sentence(
                question.id, plan, by_id, numbers, lambda option: _label(texts, option), audience="staff"),
                _ticked(plan.rules_of(question.id, branching.ASK), by_id, numbers, texts), tuple(page))
    return found


def _ticked(rules, by_id, numbers, texts) -> tuple[str, int] | None:
    # Only when one rule decides: with the question's and its section's, the message names both.
    conditions = rules[0].conditions if len(rules) == 1 else ()
    if len(conditions) != 1 or conditions[0].test != branching.CHOSEN:
        return None
    condition = conditions[0]
    answers = branching_words.answer_words(condition, by_id[condition.source_id], lambda option: _label(texts, option))
    return (answers, numbers[condition.source_id]) if answers else None


def blank_entries(consultation, texts) -> list[QuestionEntry]:
    """Every question, empty: the page before anything is typed."""
    conditions = conditions_of(consultation, texts)
    return [QuestionEntry(number, question, [], conditions.get(question.id))
            for number, question in enumerate(consultation.questions, start=1)]


def check_answers(consultation, raw_answers: dict[str, list[str]], texts,
                  confirmed_blanks: frozenset[int] = frozenset()) -> EntryCheck:
    """Check what staff typed, question by question, with the online rules and the two paper ones."""
    journey = Journey(consultation, raw_answers)
    conditions = conditions_of(consultation, texts)
    entries = []
    for number, question in enumerate(journey.questions, start=1):
        raw = journey.raw(question)
        condition = conditions.get(question.id)
        # parse() is the type's own check less "required", which staff entry handles itself.
        parsed = question.type.parse(question, raw)
        if not journey.is_asked(question):
            error = None
            if not parsed.empty:
                error = _not_asked_message(condition)
            entries.append(QuestionEntry(number, question, raw, condition, asked=False, error=error))
            continue
        entries.append(QuestionEntry(
            number, question, raw, condition, value=parsed.value, error=parsed.error,
            blank=parsed.empty and question.required,
        ))
    return EntryCheck(entries, confirmed=frozenset(confirmed_blanks))


def _not_asked_message(condition: Condition | None) -> str:
    if condition is not None and condition.ticked is not None:
        answers, number = condition.ticked
        return _("This question is only for people who ticked %(answers)s at question %(number)s. "
                 "Leave it empty, or correct question %(number)s", answers=answers, number=number)
    if condition is not None and condition.asked_only is not None:
        return " ".join((condition.asked_only, _("Leave it empty, or correct the earlier answer")))
    # Passed over by an earlier jump, or a rule whose words are gone.
    return _("This question was not asked because of an earlier answer. Leave it empty")


def read_confirmed_blanks(value: str | None) -> frozenset[int]:
    """The question ids in the "the form leaves these blank" checkbox's value ("12,15")."""
    ids = set()
    for part in (value or "").split(","):
        if question_id := positive_int(part.strip()):
            ids.add(question_id)
    return frozenset(ids)


# -- when -----------------------------------------------------------------------------------------


def local_today(now: datetime | None = None) -> date:
    return to_local(now or utcnow()).date()


def answered_at(day: date | None, now: datetime | None = None) -> datetime:
    """When the answers were given, stored as naive UTC: now for today, else midday (UK time) that day."""
    now = now or utcnow()
    if day is None or day == local_today(now):
        return now
    return to_utc(day, MIDDAY)


def earliest_date(consultation) -> date:
    return to_local(consultation.opens_at).date()


# -- storing --------------------------------------------------------------------------------------


def find_by_key(key: str) -> Response | None:
    return db.session.execute(select(Response).where(Response.idempotency_key == key)).scalar_one_or_none()


def find_entered(consultation, reference: str | None, staff_id: int) -> Response | None:
    """A response this member of staff typed into this consultation (to carry its details forward)."""
    if not reference or len(reference) > 16:
        return None
    return db.session.execute(
        select(Response).where(Response.consultation_id == consultation.id, Response.reference == reference,
                               Response.entered_by_id == staff_id)
    ).scalar_one_or_none()


class KeyInUse(Exception):
    """The form's key belongs to a response this person did not type into this consultation."""


@dataclass(frozen=True)
class Entered:
    response: Response
    created: bool  # False: this form had been saved before (a double click, Back, a resend)


def enter_response(consultation, check: EntryCheck, *, key: str, channel: str, language: str,
                   staff_id: int, helped_by: str | None = None, day: date | None = None) -> Entered:
    """Store a checked form as one response, exactly once per ``key`` however often it is sent."""
    if channel not in STAFF_CHANNELS:
        raise ValueError(f"staff do not enter {channel!r} responses")
    if not check.ready:
        raise ValueError("the form still has problems")
    existing = find_by_key(key)
    if existing is None:
        moment = answered_at(day)
        response, created = store_response(
            consultation, consultation.questions, check.values(), key=key, channel=channel, language=language,
            register="standard", started_at=moment, submitted_at=moment,
            entered_by_id=staff_id, helped_by=helped_by or None,
        )
        if created:
            return Entered(response, True)
        existing = response  # another request with the same key got there first
    if existing.consultation_id != consultation.id or existing.entered_by_id != staff_id:
        raise KeyInUse()
    return Entered(existing, False)


def _label(texts, option) -> str | None:
    label = texts(option.label_id)
    return label.text if label is not None else None
