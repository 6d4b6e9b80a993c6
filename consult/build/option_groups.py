"""The builder's "Other, please specify" answer and headed groups of answers.

verb_noun functions that change models and flush; no request, no rendering. Answers keep one order
(``option.position``) that matches what people see (``consult.questions._choices.sections``):
answers without a group, each group in turn, the "Other" answer, then the special answers. So the
printed paper, the exports and the results list them in the same order as the page.
"""

from __future__ import annotations

from consult.build.services import make_block, set_text
from consult.extensions import db
from consult.models import Option, OptionGroup, Question
from consult.questions._choices import display_order

# The stable code of the answer the builder's "Other" switch adds.
OTHER_VALUE = "other"


def sort_options(question: Question) -> None:
    """Number the answers in the order people see them."""
    for position, option in enumerate(display_order(question), start=1):
        option.position = position
    db.session.flush()
    # Read the list again in its new order (the relationship is ordered by position when loaded).
    db.session.expire(question, ["options"])


def other_option(question: Question) -> Option | None:
    """The "Other" answer the builder's switch added: a write-in answer outside any group."""
    return next((option for option in question.options
                 if option.write_in and option.group_id is None and option.kind == "answer"), None)


def set_other_option(question: Question, enabled: bool, label: str, language: str) -> None:
    """Turn the "Other, please specify" answer on or off."""
    current = other_option(question)
    if enabled and current is None:
        values = {option.value for option in question.options}
        value = OTHER_VALUE if OTHER_VALUE not in values else f"{OTHER_VALUE}_{len(values) + 1}"
        question.options.append(Option(position=len(question.options) + 1, value=value, kind="answer",
                                       write_in=True, label=make_block(label, language)))
    elif not enabled and current is not None:
        question.options.remove(current)
        db.session.delete(current)
    db.session.flush()
    sort_options(question)
    db.session.flush()


def add_group(question: Question, heading: str, language: str) -> OptionGroup:
    group = OptionGroup(position=len(question.option_groups) + 1, heading=make_block(heading, language))
    question.option_groups.append(group)
    db.session.flush()
    return group


def rename_group(group: OptionGroup, heading: str, language: str) -> None:
    set_text(group.heading, language, heading)
    db.session.flush()


def remove_group(group: OptionGroup) -> None:
    """Take the heading away; its answers stay, without a group."""
    question = group.question
    for option in list(group.options):
        option.group = None
    question.option_groups.remove(group)
    db.session.delete(group)
    db.session.flush()
    for position, remaining in enumerate(question.option_groups, start=1):
        remaining.position = position
    db.session.expire(question, ["options"])
    sort_options(question)
    db.session.flush()


def place_options(question: Question, placement: dict[int, int | None]) -> None:
    """Put answers in groups: {option id: group id, or None for no group}. Ids of other questions are ignored."""
    groups = {group.id: group for group in question.option_groups}
    for option in question.options:
        if option.id in placement and option.kind == "answer":
            group_id = placement[option.id]
            option.group = groups.get(group_id) if group_id is not None else None
    db.session.flush()
    sort_options(question)
    db.session.flush()


def copy_groups(original: Question, copy: Question, option_map: dict[int, Option], copy_block) -> None:
    """Copy ``original``'s groups and write-in boxes onto ``copy`` (its options already copied into
    ``option_map``: original option id -> its copy)."""
    for group in original.option_groups:
        new_group = OptionGroup(position=group.position, heading=copy_block(group.heading))
        copy.option_groups.append(new_group)
        for option in group.options:
            if option.id in option_map:
                option_map[option.id].group = new_group
    for option in original.options:
        if option.write_in and option.id in option_map:
            option_map[option.id].write_in = True


def section_rank(option: Option) -> int:
    """Where an ordinary answer's part of the list comes: no group (0), each group in turn, then "Other"."""
    if option.group is not None:
        return option.group.position
    return 1_000_000 if option.write_in else 0
