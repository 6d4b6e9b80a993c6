"""Sections: which questions share a page. The one place that says how questions group into pages,
used by the resident journey, staff data entry and the printed questionnaire.

A section is a run of consecutive questions with the same ``section_id``. Should a section's
questions stop being consecutive (staff moved a question out of the middle), each run is its own
page under the same title, so no question is ever lost or shown twice. Pure functions over loaded
questions: no request, no database.
"""

from __future__ import annotations

from collections.abc import Sequence


def page_numbers(questions: Sequence, number: int) -> list[int]:
    """The numbers (from 1) of the questions on ``number``'s page: its section's run, or itself alone."""
    section_id = questions[number - 1].section_id
    if section_id is None:
        return [number]
    first = number
    while first > 1 and questions[first - 2].section_id == section_id:
        first -= 1
    last = number
    while last < len(questions) and questions[last].section_id == section_id:
        last += 1
    return list(range(first, last + 1))


def runs(questions: Sequence) -> list[tuple[object | None, list]]:
    """The questions in order, grouped into pages: (section or None, its questions).

    A question outside any section is a run of its own with section None.
    """
    found: list[tuple[object | None, list]] = []
    for question in questions:
        if question.section_id is not None and found and found[-1][0] is not None \
                and found[-1][0].id == question.section_id:
            found[-1][1].append(question)
        else:
            found.append((question.section if question.section_id is not None else None, [question]))
    return found


def first_of_run(questions: Sequence, question) -> bool:
    """True when ``question`` starts its section's run (where the section's heading goes)."""
    if question.section_id is None:
        return False
    index = next(i for i, candidate in enumerate(questions) if candidate.id == question.id)
    return index == 0 or questions[index - 1].section_id != question.section_id


def title_ids(questions: Sequence) -> list[int]:
    """The title text blocks of the sections these questions are in (for loading texts in one go)."""
    return sorted({question.section.title_id for question in questions if question.section_id is not None})
