"""A section's page: several questions answered on one page under the section's title.

Each question keeps its own type's template (templates/questions/), shown one heading level down
(the section title is the page's h1). One POST checks every question on the page; when any answer is
refused nothing is stored and the page comes back with every answer as typed, one error summary
linking to each question in error (the same rule as a page with one question).

A question on the page may depend on an earlier one on the same page ("asked only if you ticked Yes
above"). Which questions apply is decided from the answers as sent (``as_posted``), never only from
those kept before: a question that the new answers hide is not read or stored; one they bring in is
never "required" on that POST, and the page comes back with it (post/redirect/get) so the resident can
answer it. With htmx, changing a deciding answer redraws the page's questions at once (``refresh``),
storing nothing. The page sends which questions it showed (the "shown" fields), so the server knows
what the resident saw.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import url_for

from consult import sections
from consult.extensions import db
from consult.htmx import announce, render, render_partial
from consult.respond import device_hooks, services
from consult.respond.journey import Journey
from consult.translating import gettext as _

# The hidden field naming each question the page showed, as the resident sent it.
SHOWN = "shown"


@dataclass(frozen=True)
class OnPage:
    """One question on a section page, with what to show in it."""

    number: int
    question: object
    raw: list
    error: str | None


def asked_on_page(journey, number: int) -> list[int]:
    """The numbers of the questions asked on ``number``'s page, in order."""
    return [n for n in sections.page_numbers(journey.questions, number) if journey.is_asked(journey.question(n))]


def lead(journey, number: int) -> int:
    """The number that addresses ``number``'s page: the first question asked on it."""
    asked = asked_on_page(journey, number)
    return asked[0] if asked else number


def in_section(question) -> bool:
    return question.section_id is not None


def shown_numbers(journey, number: int, form) -> list[int]:
    """The numbers of the questions the page showed when it was sent (its "shown" fields; a form from
    before they existed: the questions asked on it then)."""
    ids = set(form.getlist(SHOWN))
    if not ids:
        return asked_on_page(journey, number)
    return [n for n in sections.page_numbers(journey.questions, number) if str(journey.question(n).id) in ids]


def as_posted(journey, shown: list[int], form):
    """The journey as if the page's answers as sent were kept: which of its questions apply now."""
    answers = dict(journey.raw_answers)
    for number in shown:
        question = journey.question(number)
        answers[str(question.id)] = question.type.read(question, form)
    return Journey(journey.consultation, answers, journey.missing_message)


def read_page(view, journey, numbers: list[int], form, later: bool, shown: list[int] | None = None):
    """Read and check every question on the page.

    Returns (items, to_save): ``items`` for showing the page again (what was typed, each error), and the
    (question, raw) pairs to store when there are no errors. "Save and come back later" keeps questions
    left blank unanswered and does not complain about them, as on a page with one question. A question
    in ``numbers`` the page did not show (``shown``: the answers sent brought it in) is not read: it
    shows what was kept for it, with no error, and nothing of it is stored.
    """
    items, to_save = [], []
    for number in numbers:
        question = journey.question(number)
        if shown is not None and number not in shown:
            items.append(OnPage(number, question, journey.raw(question), None))
            continue
        raw = question.type.read(question, form)
        blank = not any(value.strip() for value in raw)
        error = None
        if not (later and blank and not journey.has_answer(question)):
            parsed = question.type.check(question, raw, view.missing_message(question))
            if parsed.error and not (later and blank):
                error = parsed.error
            else:
                to_save.append((question, raw))
        items.append(OnPage(number, question, raw, error))
    return items, to_save


def save_page(draft, to_save, language: str, register: str) -> dict | None:
    """Store the page's answers (the caller locked the draft); the answers after, or None when the
    draft would grow too large (then nothing is stored)."""
    answers = dict(draft.answers or {})
    try:
        for question, raw in to_save:
            answers = services.save_answer(draft, question, raw, device_hooks.keep_days())
    except services.DraftTooLarge:
        db.session.rollback()
        return None
    if not to_save:
        services.touch_draft(draft, device_hooks.keep_days())
    services.record_version(draft, language, register)
    return answers


def show(view, journey, numbers: list[int], items: list[OnPage] | None, return_to, back: str,
         status: int = 200, notice: str | None = None):
    """Draw the page: ``items`` from a refused POST, or None to show the answers kept so far."""
    if items is None:
        items = [OnPage(n, journey.question(n), journey.raw(journey.question(n)), None) for n in numbers]
    caption = _caption(journey, numbers)
    lead_question = items[0].question
    # The question templates draw their question as an h2 under the section's h1 (components/question.html).
    view.in_section = True
    return render(
        "respond/section.html", status=status, view=view, t=view.texts, section=lead_question.section,
        items=items, number=numbers[0], caption=caption, return_to=return_to, back=back, notice=notice,
        errors=[(_summary_line(view, item), item.question.type.error_input_id(item.question, item.raw))
                for item in items if item.error],
        deciding=deciding(journey, numbers[0]), refresh_url=_refresh_url(view, numbers[0], return_to),
    )


def _caption(journey, numbers: list[int]) -> str:
    """"Questions 2 to 4 of 8": the page's places among the questions this resident is asked."""
    first_place, total = journey.progress(numbers[0])
    last_place, _total = journey.progress(numbers[-1])
    if first_place == last_place:
        return _("Question %(number)s of %(total)s", number=first_place, total=total)
    return _("Questions %(first)s to %(last)s of %(total)s", first=first_place, last=last_place, total=total)


def deciding(journey, number: int) -> set[int]:
    """The ids of the page's questions whose answers decide whether another question on it is asked:
    changing one of them redraws the page's questions (htmx)."""
    page = [journey.question(n) for n in sections.page_numbers(journey.questions, number)]
    ids = {question.id for question in page}
    return {found for question in page for found in journey.deciders(question) if found in ids}


def _refresh_url(view, number: int, return_to) -> str:
    return url_for("respond.section_questions", slug=view.consultation.slug, number=number, return_to=return_to)


def refresh(view, journey, number: int, form, return_to):
    """With htmx: the page's questions for the answers as they stand on the screen, nothing stored.

    Answers typed stay as typed; a question brought in shows what was kept for it; one that no longer
    applies goes (so its answer is not sent). The status region says what changed."""
    shown = shown_numbers(journey, number, form)
    now = as_posted(journey, shown, form)
    numbers = asked_on_page(now, number)
    items = [OnPage(n, now.question(n), now.raw(now.question(n)), None) for n in numbers]
    view.in_section = True
    response = render_partial(
        "respond/_section_questions.html", view=view, t=view.texts, items=items,
        deciding=deciding(journey, number), refresh_url=_refresh_url(view, number, return_to),
        new_caption=_caption(now, numbers))
    added = [view.texts(now.question(n).prompt_id) for n in numbers if n not in shown]
    gone = [view.texts(now.question(n).prompt_id) for n in shown if n not in numbers]
    words = [_("New question on this page: %(question)s", question=prompt.text) for prompt in added if prompt] + [
        _("This question is no longer on the page: %(question)s", question=prompt.text) for prompt in gone if prompt]
    if words:
        announce(response, " ".join(words))
    return response


def _summary_line(view, item: OnPage) -> str:
    """The error summary names the question: several share the page, and "Enter your answer" alone
    would not say which."""
    prompt = view.texts(item.question.prompt_id)
    if prompt is None:
        return item.error
    return _("%(question)s: %(message)s", question=prompt.text, message=item.error)


def back_link(view, journey, number: int, return_to) -> str:
    """Where Back goes from the page ``number`` starts: the check page, the previous page, or the start."""
    slug = view.consultation.slug
    if return_to == "check":
        return url_for("respond.check", slug=slug)
    previous = journey.previous_number(number)
    if previous is None:
        return url_for("respond.start", slug=slug)
    return url_for("respond.question", slug=slug, number=lead(journey, previous))


def show_again(view, journey, number: int, form, return_to, notice: str, status: int = 400):
    """The page as it was sent, with a notice (a form token that expired, a character we cannot store):
    every question's answer as typed, nothing saved."""
    numbers = asked_on_page(journey, number)
    items = [OnPage(n, journey.question(n), journey.question(n).type.read(journey.question(n), form), None)
             for n in numbers]
    return show(view, journey, numbers, items, return_to, back_link(view, journey, numbers[0], return_to),
                status=status, notice=notice)
