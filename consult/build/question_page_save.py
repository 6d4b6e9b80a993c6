"""The question editor's one Save: everything typed or ticked on the page is kept together.

The editor used to have a form per answer, so "Save question" threw away an answer's words that had
been changed but not saved on their own. Now every control on the page belongs to the question's
form (HTML's ``form`` attribute, so it works without JavaScript), and this module reads the parts
beyond the question's own fields from the posted values:

- ``option-<id>``: the words of each answer (kept even once people have answered: correcting words
  is allowed, consult.build.live_rules);
- ``label`` (+ ``role``): a new answer, added when something is typed there;
- ``special`` with ``special-shown``: the extra answers, applied only when the page showed them (the
  marker tells "nothing ticked" apart from "not on the page") and the question's shape may still change.

The editor's other buttons (Move and Remove beside each answer, "Add these answers" for a pasted list)
belong to the same form and post it to their own address (``formaction``; with htmx, ``hx-post`` on the
button, which sends the button's form): they change the answers at once, as they always have, and the
editor comes back with everything else as it was typed, not saved until Save (``unsaved_changes`` says
whether to remind staff).

Branching keeps its own form for now: it is being reworked (consult/build/branching_rules.py).

No request and no rendering here: the route passes ``request.form`` in.
"""

from __future__ import annotations

from collections.abc import Mapping

from flask_babel import gettext as _

from consult.build import live_rules, option_groups
from consult.build import questions as edit

LABEL_LIMIT = 300


def option_field(option) -> str:
    return f"option-{option.id}"


def typed_labels(question, values: Mapping) -> dict[int, str]:
    """The answer words sent with the form, by option id (only the answers that were on the page)."""
    return {option.id: values[option_field(option)].strip()[:LABEL_LIMIT + 1]
            for option in question.options if option_field(option) in values}


def label_problems(question, values: Mapping) -> dict:
    """Errors keyed as the editor shows them: an answer left empty, or words too long."""
    problems = {}
    for option_id, text in typed_labels(question, values).items():
        if not text:
            problems[option_id] = _("Enter the words for this answer")
        elif len(text) > LABEL_LIMIT:
            problems[option_id] = _("Use %(limit)s characters or fewer", limit=LABEL_LIMIT)
    new = (values.get("label") or "").strip()
    if len(new) > LABEL_LIMIT:
        problems["new"] = _("Use %(limit)s characters or fewer", limit=LABEL_LIMIT)
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
    return bool((values.get("label") or "").strip())


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
    if locked:
        return added
    if "special-shown" in values and question.type.has_options:
        wanted = set(values.getlist("special"))
        names = {"none": _("None of these"), "prefer_not": _("Prefer not to say")}
        for kind in question.type.extra_answers:
            edit.set_special_option(question, kind, kind in wanted, names[kind], language)
        if question.type.offers_other:
            option_groups.set_other_option(question, "other" in wanted, _("Other"), language)
    return added
