"""The question editor's one Save: everything typed or ticked on the page is kept together.

The editor used to have a form per answer, so "Save question" threw away an answer's words that had
been changed but not saved on their own. Now every control on the page belongs to the question's
form (HTML's ``form`` attribute, so it works without JavaScript), and this module reads the parts
beyond the question's own fields from the posted values:

- ``option-<id>``: the words of each answer (kept even once people have answered: correcting words
  is allowed, consult.build.live_rules);
- ``label`` (+ ``role``): a new answer, added when something is typed there;
- ``special`` with ``special-shown``: the extra answers, applied only when the page showed them (the
  marker tells "nothing ticked" apart from "not on the page") and the question's shape may still change;
- ``heading-<group id>``, ``group-<option id>`` and ``heading``: the words of each heading over answers
  (like an answer's words, kept once people have answered), which heading each answer goes under, and
  a new heading (consult/build/option_groups.py; these two only while the shape may change).

The editor's other buttons (Move and Remove beside each answer, "Add these answers" for a pasted list,
the headings' buttons, "Duplicate this question") belong to the same form and post it to their own address (``formaction``; with htmx, ``hx-post`` on the
button, which sends the button's form): they change the answers at once, as they always have, and the
editor comes back with everything else as it was typed, not saved until Save (``unsaved_changes`` says
whether to remind staff).

Branching keeps its own form for now: it is being reworked (consult/build/branching_rules.py).

No request and no rendering here: the route passes ``request.form`` in.
"""

from __future__ import annotations

from collections.abc import Mapping

from consult.build import live_rules, option_groups
from consult.build import questions as edit
from consult.request_values import positive_int
from consult.translating import gettext as _

LABEL_LIMIT = 300


def option_field(option) -> str:
    return f"option-{option.id}"


def heading_field(group) -> str:
    return f"heading-{group.id}"


def placing_field(option) -> str:
    return f"group-{option.id}"


def typed_labels(question, values: Mapping) -> dict[int, str]:
    """The answer words sent with the form, by option id (only the answers that were on the page)."""
    return {option.id: values[option_field(option)].strip()[:LABEL_LIMIT + 1]
            for option in question.options if option_field(option) in values}


def typed_headings(question, values: Mapping) -> dict[int, str]:
    """The headings' words sent with the form, by group id (only the headings that were on the page)."""
    return {group.id: values[heading_field(group)].strip()[:LABEL_LIMIT + 1]
            for group in question.option_groups if heading_field(group) in values}


def typed_placing(question, values: Mapping) -> dict[int, int | None]:
    """Which heading each answer was put under (group id, or None for "No heading"), by option id."""
    return {option.id: positive_int(values[placing_field(option)])
            for option in question.options if option.kind == "answer" and placing_field(option) in values}


def heading_problem(text: str) -> str | None:
    """What is wrong with a heading's words (``text`` already stripped), if anything."""
    if not text:
        return _("Enter the words for this heading")
    if len(text) > LABEL_LIMIT:
        return _("Use %(limit)s characters or fewer", limit=LABEL_LIMIT)
    return None


def label_problems(question, values: Mapping) -> dict:
    """Errors keyed as the editor shows them: an answer or a heading left empty, or words too long."""
    problems = {}
    for option_id, text in typed_labels(question, values).items():
        if not text:
            problems[option_id] = _("Enter the words for this answer")
        elif len(text) > LABEL_LIMIT:
            problems[option_id] = _("Use %(limit)s characters or fewer", limit=LABEL_LIMIT)
    for group_id, text in typed_headings(question, values).items():
        if problem := heading_problem(text):
            problems[f"group-{group_id}"] = problem
    for name, key in (("label", "new"), ("heading", "group-new")):
        if len((values.get(name) or "").strip()) > LABEL_LIMIT:
            problems[key] = _("Use %(limit)s characters or fewer", limit=LABEL_LIMIT)
    return problems


def unsaved_changes(question, texts, values: Mapping) -> bool:
    """Whether ``values`` (the editor's form, sent by a button other than Save) hold words or ticks that
    differ from what is stored: the question's fields, the answers' words, or a new answer typed.
    ``texts``: the staff catalogue (block id -> Localised). The type's own settings are not compared."""
    def stored(block_id) -> str:
        found = texts(block_id)
        return found.text if found else ""

    for name, block_id in (("prompt", question.prompt_id), ("hint", question.hint_id),
                           ("missing_message", question.missing_message_id)):
        if (values.get(name) or "").strip() != stored(block_id).strip():
            return True
    if bool(values.get("optional")) == question.required:
        return True
    typed = typed_labels(question, values)
    if any(typed[option.id] != stored(option.label_id).strip() for option in question.options if option.id in typed):
        return True
    headings = typed_headings(question, values)
    if any(headings[group.id] != stored(group.heading_id).strip()
           for group in question.option_groups if group.id in headings):
        return True
    placing = typed_placing(question, values)
    if any(placing[option.id] != option.group_id for option in question.options if option.id in placing):
        return True
    return bool((values.get("label") or "").strip() or (values.get("heading") or "").strip())


def save_parts(question, values: Mapping, language: str, locked: bool) -> bool:
    """Keep the answers' words, a new answer and the extra answers; True when an answer was added."""
    added = False
    words = typed_labels(question, values)
    for option in question.options:
        # TextBlock.set changes nothing (and keeps translations' "needs checking" still) when the words are the same.
        if words.get(option.id):
            option.label.set(language, words[option.id])
    new = (values.get("label") or "").strip()
    if new and not question.type.fixed_options and (not locked or live_rules.may_add_answers(question)):
        roles = [role for role, _words in question.type.option_roles]
        kind = values.get("role") if values.get("role") in roles else (roles[0] if roles else "answer")
        edit.add_option(question, new, language, kind=kind)
        added = True
    headings = typed_headings(question, values)
    for group in question.option_groups:
        # A heading's words may be corrected once people have answered, like an answer's.
        if words := headings.get(group.id):
            option_groups.rename_group(group, words, language)
    if locked:
        return added
    if placing := typed_placing(question, values):
        option_groups.place_options(question, placing)
    if heading := (values.get("heading") or "").strip():
        option_groups.add_group(question, heading, language)
    if "special-shown" in values and question.type.has_options:
        wanted = set(values.getlist("special"))
        names = {"none": _("None of these"), "prefer_not": _("Prefer not to say")}
        for kind in question.type.extra_answers:
            edit.set_special_option(question, kind, kind in wanted, names[kind], language)
        if question.type.offers_other:
            option_groups.set_other_option(question, "other" in wanted, _("Other"), language)
    return added
