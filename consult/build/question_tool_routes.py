"""Builder shortcuts for questions: paste a list of answers in one go, and duplicate a question.

Both work without JavaScript. On the question editor their buttons belong to its one form and post it
to their own address, so words typed and not saved come back as typed (consult.build.question_page_save);
with htmx they swap the editor. The duplicate from the question list is a small form of its own that
swaps the list, with focus kept where the person is working.
"""

from __future__ import annotations

from flask import abort, flash, request, url_for

from consult import audit
from consult.auth.roles import EDITORS
from consult.auth.sessions import role_required
from consult.build import live_rules
from consult.build import question_page_save as page_save
from consult.build import question_routes as editor_pages
from consult.build import questions as edit
from consult.build.answer_lists import read_answer_list
from consult.build.blueprint import bp
from consult.build.forms import ConfirmForm, PasteAnswersForm
from consult.build.question_copies import duplicate_question as copy_question
from consult.build.services import has_responses
from consult.extensions import db
from consult.htmx import announce, redirect_to, targets
from consult.loading import consultation_or_404, question_or_404, staff_texts
from consult.translating import gettext as _
from consult.translating import ngettext


@bp.post("/<int:consultation_id>/questions/<int:question_id>/options/paste")
@role_required(*EDITORS)
def paste_options(consultation_id, question_id):
    """Add every answer in a pasted list (one per line), leaving out empty lines and repeats."""
    consultation = consultation_or_404(consultation_id)
    question = question_or_404(consultation, question_id)
    editor_url = url_for("build.edit_question", consultation_id=consultation.id, question_id=question.id)
    controls = live_rules.answer_controls(question, has_responses(consultation))
    if not controls["can_paste_answers"]:
        if has_responses(consultation):
            flash(str(live_rules.ANSWERS_FIXED), "success")
        return redirect_to(editor_url)
    form = PasteAnswersForm()
    if not form.validate_on_submit():
        # (A missing CSRF token is refused before this view, by CSRFProtect.)
        problem = form.answers.errors[0] if form.answers.errors else _("Paste or type the answers, one on each line")
        return _refused(consultation, question, str(problem), form.answers.data or "")
    texts = staff_texts(consultation, extra_questions=[question])
    existing = [text.text for option in question.options if (text := texts(option.label_id)) is not None]
    found = read_answer_list(form.answers.data, existing)
    if found.problem:
        return _refused(consultation, question, found.problem, form.answers.data)
    for label in found.labels:
        edit.add_option(question, label, consultation.default_language)
    audit.record("question.changed", "question", question.id, f"{len(found.labels)} answers pasted")
    db.session.commit()
    message = editor_pages.with_reminder(consultation, question, " ".join([
        ngettext("%(num)s answer added.", "%(num)s answers added.", len(found.labels)), *found.left_out()]))
    if targets("question-editor"):
        return announce(editor_pages._editor(consultation, question, paste_open=True, paste_text=""), message,
                        "paste-options")
    flash(message, "success")
    if editor_pages.unsaved_typing() is not None:
        # Without JavaScript the page itself, so what was typed elsewhere on it and not saved is kept.
        return editor_pages._editor(consultation, question, paste_open=True, paste_text="")
    return redirect_to(editor_url + "#answers")


def _refused(consultation, question, problem: str, typed: str):
    """The editor again with the paste's problem, and the text as it was typed (nothing is lost)."""
    response = editor_pages._editor(consultation, question, option_errors={"paste": problem}, status=422,
                                    paste_text=typed)
    return announce(response, _("The answers were not added")) if targets("question-editor") else response


@bp.post("/<int:consultation_id>/questions/<int:question_id>/copy")
@role_required(*EDITORS)
def duplicate_question(consultation_id, question_id):
    """Copy a question just after itself; from the editor, go on to edit the copy."""
    consultation = consultation_or_404(consultation_id)
    question = question_or_404(consultation, question_id)
    if question.deleted_at is not None:
        abort(404)
    from_editor = request.form.get("then") == "editor"
    back = url_for("build.edit_question", consultation_id=consultation.id, question_id=question.id)
    if editor_pages._locked(consultation) or not ConfirmForm().validate_on_submit():
        return redirect_to(back if from_editor else url_for("build.consultation", consultation_id=consultation.id))
    copy = copy_question(question)
    audit.record("question.created", "question", copy.id, f"copy of question {question.id}")
    db.session.commit()
    message = _("Question %(number)s copied. The copy is question %(copy)s, just after it: change what you need. "
                "To take the copy away, delete it.", number=question.position, copy=copy.position)
    if from_editor:
        typed = editor_pages.unsaved_typing()
        if typed is not None and page_save.unsaved_changes(question, staff_texts(consultation, extra_questions=[question]),
                                                           typed):
            # Words typed on this question and not saved: stay on it, as typed (going on to the copy would
            # lose them), and say the copy has the saved words.
            message = " ".join([message, _("The copy has this question’s saved words, not what you typed.")])
            return editor_pages._back_to_editor(consultation, question, message)
        flash(message, "success")
        return redirect_to(url_for("build.edit_question", consultation_id=consultation.id, question_id=copy.id))
    return editor_pages._back_to_overview(consultation, message, focus=f"edit-{copy.id}")
