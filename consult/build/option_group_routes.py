"""Builder pages for headed groups of answers (the census ethnic-group question's five headings).

Staff add a heading, change its words, take it away (its answers stay), and say which group each
answer sits under. The buttons belong to the editor's one form and post it to their own address
(``formaction``; with htmx ``hx-post``), like Move and Remove beside each answer: the heading changes
at once and everything else typed on the page comes back as typed, not saved until Save
(consult/build/question_page_save.py; templates/build/_option_groups.html). CSRF: the app's
CSRFProtect checks every POST before these views run.
"""

from __future__ import annotations

from flask import abort, request

from consult import audit
from consult.auth.roles import EDITORS
from consult.auth.sessions import role_required
from consult.build import option_groups
from consult.build import question_page_save as page_save
from consult.build.blueprint import bp
from consult.build.question_routes import _back_to_editor, _refuse_change
from consult.extensions import db
from consult.loading import consultation_or_404, question_or_404
from consult.translating import gettext as _


def _group_or_404(question, group_id):
    group = next((group for group in question.option_groups if group.id == group_id), None)
    if group is None:
        abort(404)
    return group


def _loaded(consultation_id, question_id):
    consultation = consultation_or_404(consultation_id)
    question = question_or_404(consultation, question_id)
    if not question.type.has_options or question.type.fixed_options:
        abort(404)
    return consultation, question


@bp.post("/<int:consultation_id>/questions/<int:question_id>/groups")
@role_required(*EDITORS)
def add_option_group(consultation_id, question_id):
    consultation, question = _loaded(consultation_id, question_id)
    if (refused := _refuse_change(consultation, question)) is not None:
        return refused
    heading = (request.form.get("heading") or "").strip()
    if problem := page_save.heading_problem(heading):
        return _back_to_editor(consultation, question, _("The heading was not added"),
                               option_errors={"group-new": problem}, status=422)
    option_groups.add_group(question, heading, consultation.default_language)
    audit.record("question.changed", "question", question.id, heading[:200])
    db.session.commit()
    # The new heading's box is empty again: its words are now the heading's own box.
    return _back_to_editor(consultation, question, _("Heading added. Now choose which answers go under it."),
                           new_heading="")


@bp.post("/<int:consultation_id>/questions/<int:question_id>/groups/<int:group_id>")
@role_required(*EDITORS)
def save_option_group(consultation_id, question_id, group_id):
    """Change a heading's words: allowed after people have answered, like an answer's words."""
    consultation, question = _loaded(consultation_id, question_id)
    group = _group_or_404(question, group_id)
    heading = (request.form.get(page_save.heading_field(group)) or "").strip()
    if problem := page_save.heading_problem(heading):
        return _back_to_editor(consultation, question, _("The heading was not saved"),
                               option_errors={f"group-{group.id}": problem}, status=422)
    option_groups.rename_group(group, heading, consultation.default_language)
    audit.record("question.changed", "question", question.id, heading[:200])
    db.session.commit()
    return _back_to_editor(consultation, question, _("Heading saved"))


@bp.post("/<int:consultation_id>/questions/<int:question_id>/groups/<int:group_id>/delete")
@role_required(*EDITORS)
def remove_option_group(consultation_id, question_id, group_id):
    consultation, question = _loaded(consultation_id, question_id)
    group = _group_or_404(question, group_id)
    if (refused := _refuse_change(consultation, question)) is not None:
        return refused
    option_groups.remove_group(group)
    audit.record("question.changed", "question", question.id)
    db.session.commit()
    return _back_to_editor(consultation, question, _("Heading removed. Its answers are still there."))


@bp.post("/<int:consultation_id>/questions/<int:question_id>/groups/place")
@role_required(*EDITORS)
def place_options(consultation_id, question_id):
    """Which heading each answer sits under: one select per answer, named ``group-<option id>``."""
    consultation, question = _loaded(consultation_id, question_id)
    if (refused := _refuse_change(consultation, question)) is not None:
        return refused
    option_groups.place_options(question, page_save.typed_placing(question, request.form))
    audit.record("question.changed", "question", question.id)
    db.session.commit()
    return _back_to_editor(consultation, question, _("Answers put under their headings"))
