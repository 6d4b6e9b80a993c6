"""Builder pages for questions: add, edit, answers, order, delete with undo, branching, preview.

Every action is a plain form that works without JavaScript (post/redirect/get). With htmx the
small forms swap only the region they change, keep focus where the person is working, and say
what happened in the status region.
"""

from __future__ import annotations

from flask import abort, current_app, flash, request, url_for

from consult import audit
from consult.auth.roles import EDITORS
from consult.auth.sessions import role_required
from consult.build import live_rules, option_groups
from consult.build import question_page_save as page_save
from consult.build import questions as edit
from consult.build.blueprint import bp
from consult.build.forms import AddQuestionForm, ConfirmForm, OptionForm, QuestionForm
from consult.build.routes import overview
from consult.build.services import has_responses
from consult.extensions import db
from consult.forms import form_error_list
from consult.htmx import announce, redirect_to, render, render_partial, targets
from consult.loading import consultation_or_404, question_or_404, staff_texts
from consult.models import Option
from consult.questions import REGISTRY
from consult.request_values import positive_int
from consult.translating import gettext as _


def _special_label(kind: str) -> str:
    return {"none": _("None of these"), "prefer_not": _("Prefer not to say")}[kind]


def _locked(consultation, message=None) -> bool:
    """Once people have answered, questions keep their shape; only their words can change
    (and answers can be added: consult.build.live_rules)."""
    if has_responses(consultation):
        flash(str(message) if message else _("People have already answered, so questions cannot be added, "
                                             "removed or reordered. You can still change their words."), "success")
        return True
    return False


def _refuse_change(consultation, question, allowed: bool = True, locked_message=None):
    """None when a change to the question's shape may go ahead; otherwise the redirect back to its editor.

    Refused when people have already answered (saying ``locked_message``), when the form's CSRF token
    is missing, or when the change does not fit the question (``allowed``).
    """
    if not _locked(consultation, locked_message) and ConfirmForm().validate_on_submit() and allowed:
        return None
    return redirect_to(_editor_url(consultation, question))


def _editor_url(consultation, question) -> str:
    return url_for("build.edit_question", consultation_id=consultation.id, question_id=question.id)


def _back_to_overview(consultation, message: str, focus: str | None = None):
    """After a change on the overview: the list region for htmx, the whole page otherwise."""
    if targets("question-list"):
        consultation = consultation_or_404(consultation.id)
        deleted = edit.deleted_questions(consultation)
        response = render_partial("build/_question_list.html", consultation=consultation, deleted=deleted,
                                  t=staff_texts(consultation, extra_questions=deleted),
                                  locked=has_responses(consultation), action_form=ConfirmForm())
        return announce(response, message, focus)
    flash(message, "success")
    return redirect_to(url_for("build.consultation", consultation_id=consultation.id) + "#question-list")


@bp.post("/<int:consultation_id>/questions")
@role_required(*EDITORS)
def add_question(consultation_id):
    consultation = consultation_or_404(consultation_id)
    if _locked(consultation):
        return redirect_to(url_for("build.consultation", consultation_id=consultation.id))
    form = AddQuestionForm()
    form.kind.choices = [(key, str(qtype.name)) for key, qtype in REGISTRY.items()]
    form.position.choices = [(0, "")] + [(q.position, "") for q in consultation.questions]
    if not form.validate_on_submit():
        return overview(consultation, status=422)
    question = edit.add_question(consultation, form.kind.data, "", position=form.position.data or None)
    audit.record("question.created", "question", question.id, str(REGISTRY[form.kind.data].name))
    db.session.commit()
    return redirect_to(_editor_url(consultation, question))


# The editor's buttons that send its whole form to an address of their own (consult.build.question_page_save).
_CARRY_THE_FORM = {"build.move_option", "build.remove_option", "build.paste_options", "build.duplicate_question",
                   "build.add_option_group", "build.save_option_group", "build.remove_option_group",
                   "build.place_options"}


def unsaved_typing():
    """The editor's form as typed, when one of its other buttons (Move, Remove, paste, the headings',
    Duplicate) sent it: shown back as typed and not saved. None for any other request (the question
    list's Duplicate sends no question words)."""
    if request.method == "POST" and request.endpoint in _CARRY_THE_FORM and "prompt" in request.form:
        return request.form
    return None


def _question_form(question, texts) -> QuestionForm:
    # What was sent, when it was this form (by Save, or carried by another of the editor's buttons);
    # after a form of its own (an answer added on the old page) the question's stored words, not that
    # form's missing fields (which would blank these).
    if request.method == "POST" and (request.endpoint == "build.edit_question" or unsaved_typing() is not None):
        return QuestionForm()
    prompt, hint = texts(question.prompt_id), texts(question.hint_id)
    missing_message = texts(question.missing_message_id)
    settings = question.settings or {}
    return QuestionForm(formdata=None, data={
        "prompt": prompt.text if prompt else "", "hint": hint.text if hint else "",
        "missing_message": missing_message.text if missing_message else "",
        "optional": not question.required, "max_length": settings.get("max_length"),
        "minimum": settings.get("min"), "maximum": settings.get("max"),
        **question.type.settings_form_data(question),
    })


def _editor(consultation, question, form=None, status=200, option_errors=None, typed=None, **extra):
    """The question editor; ``extra``: more for its template (what was pasted, consult.build.question_tool_routes).

    ``typed``: the posted values when the page comes back with errors, so every control shows what was typed.
    """
    from consult.build.plain import report_for

    typed = typed if typed is not None else unsaved_typing()
    pictures = [owner.picture for owner in (question, *question.options) if owner.picture is not None]
    texts = staff_texts(consultation, extra_questions=[question], more_ids=[p.alt_id for p in pictures])
    form = form or _question_form(question, texts)
    earlier = [q for q in consultation.questions if q.position < question.position and q.type.has_options]
    option_errors = option_errors or {}
    errors = form_error_list(form)
    for key, message in option_errors.items():
        if key == "condition" and earlier and earlier[0].options:
            errors.append((message, f"condition-{earlier[0].options[0].id}"))
        elif message:
            errors.append((message, f"option-{key}"))
    language = consultation.default_language
    checks = {name: report_for(getattr(form, name).data or "", language) for name in ("prompt", "hint", "missing_message")}
    locked = has_responses(consultation)
    context = dict(
        consultation=consultation, question=question, form=form, t=texts, earlier=earlier, errors=errors,
        checks=checks, action_form=ConfirmForm(), option_errors=option_errors, **live_rules.answer_controls(question, locked),
        typed=typed,
        **extra, locked=locked, special_options={
            kind: edit.special_option(question, kind) for kind in ("none", "prefer_not")}
        | {"other": option_groups.other_option(question)},
    )
    if targets("question-editor"):
        return render_partial("build/_question_editor.html", status=status, **context)
    return render("build/question.html", status=status, **context)


@bp.route("/<int:consultation_id>/questions/<int:question_id>", methods=["GET", "POST"])
@role_required(*EDITORS)
def edit_question(consultation_id, question_id):
    consultation = consultation_or_404(consultation_id)
    question = question_or_404(consultation, question_id)
    if request.method == "GET":
        return _editor(consultation, question)
    # One Save keeps everything on the page: the question's fields, the answers' words, a new answer
    # and the extra answers (consult.build.question_page_save). With a problem, nothing is saved and the page
    # comes back with everything as it was typed.
    form = QuestionForm()
    problems = page_save.label_problems(question, request.form)
    if not form.validate_on_submit() or problems:
        return _editor(consultation, question, form=form, status=422, option_errors=problems, typed=request.form)
    settings = question.type.settings_from_form(form)
    edit.update_question(question, prompt=form.prompt.data, hint=form.hint.data or "",
                         required=not form.optional.data, settings=settings,
                         language=consultation.default_language, missing_message=form.missing_message.data or "")
    added = page_save.save_parts(question, request.form, consultation.default_language,
                                 locked=has_responses(consultation))
    audit.record("question.changed", "question", question.id, form.prompt.data[:200])
    db.session.commit()
    # "Add answer" is what the person pressed (it saves the rest of the page too).
    message = _("Answer added") if added else _("Question saved")
    if targets("question-editor"):
        return announce(_editor(consultation, question), message)
    flash(message, "success")
    return redirect_to(_editor_url(consultation, question))


@bp.post("/<int:consultation_id>/questions/<int:question_id>/move")
@role_required(*EDITORS)
def move_question(consultation_id, question_id):
    consultation = consultation_or_404(consultation_id)
    question = question_or_404(consultation, question_id)
    direction = request.form.get("direction")
    if _locked(consultation) or direction not in ("up", "down") or not ConfirmForm().validate_on_submit():
        return redirect_to(url_for("build.consultation", consultation_id=consultation.id))
    try:
        position = edit.move_question(question, -1 if direction == "up" else 1)
    except edit.OrderError:
        db.session.rollback()
        return _back_to_overview(consultation, _("That move would put a question before the question it "
                                                 "depends on. Change its branching first."),
                                 focus=f"move-{direction}-{question.id}")
    audit.record("question.moved", "question", question.id, str(position))
    db.session.commit()
    total = len(consultation_or_404(consultation.id).questions)
    focus = f"move-{direction}-{question.id}"
    if (direction == "up" and position == 1) or (direction == "down" and position == total):
        focus = f"move-{'down' if direction == 'up' else 'up'}-{question.id}"
    return _back_to_overview(consultation, _("Question moved to position %(position)s of %(total)s",
                                             position=position, total=total), focus=focus)


@bp.post("/<int:consultation_id>/questions/<int:question_id>/delete")
@role_required(*EDITORS)
def delete_question(consultation_id, question_id):
    consultation = consultation_or_404(consultation_id)
    question = question_or_404(consultation, question_id)
    if _locked(consultation) or not ConfirmForm().validate_on_submit():
        return redirect_to(url_for("build.consultation", consultation_id=consultation.id))
    edit.delete_question(question)
    audit.record("question.deleted", "question", question.id)
    db.session.commit()
    return _back_to_overview(consultation, _("Question deleted. You can undo this below the list."),
                             focus=f"restore-{question.id}")


@bp.post("/<int:consultation_id>/questions/<int:question_id>/restore")
@role_required(*EDITORS)
def restore_question(consultation_id, question_id):
    consultation = consultation_or_404(consultation_id)
    question = question_or_404(consultation, question_id)
    if question.deleted_at is None or not ConfirmForm().validate_on_submit():
        return redirect_to(url_for("build.consultation", consultation_id=consultation.id))
    edit.undo_delete(question)
    audit.record("question.restored", "question", question.id)
    db.session.commit()
    return _back_to_overview(consultation, _("Question put back as question %(number)s", number=question.position),
                             focus=f"edit-{question.id}")


# -- answers ----------------------------------------------------------------------------------

def with_reminder(consultation, question, message: str) -> str:
    """``message``, and a reminder to save when the editor comes back with words typed and not saved."""
    typed = unsaved_typing()
    if typed is None or not page_save.unsaved_changes(question, staff_texts(consultation, extra_questions=[question]),
                                                      typed):
        return message
    # "Answer moved to position 2" has no full stop of its own; the reminder is a sentence after it.
    finished = message if message.rstrip().endswith((".", "!", "?", "؟")) else f"{message.rstrip()}."
    return " ".join([finished, _("What you typed is not saved yet. Select “Save question” to keep it.")])


def _back_to_editor(consultation, question, message: str, option_errors=None, status=200, **extra):
    """The editor after one of its smaller actions. Without JavaScript, the page itself when it carries
    words typed and not saved (a redirect would lose them), else post/redirect/get."""
    if not option_errors:
        message = with_reminder(consultation, question, message)
    if targets("question-editor"):
        return announce(_editor(consultation, question, option_errors=option_errors, status=status, **extra), message)
    if option_errors:
        return _editor(consultation, question, option_errors=option_errors, status=status, **extra)
    flash(message, "success")
    if unsaved_typing() is not None:
        return _editor(consultation, question, **extra)
    return redirect_to(_editor_url(consultation, question) + "#answers")


def _option_or_404(question, option_id) -> Option:
    option = question.option_by_id(option_id)
    if option is None:
        abort(404)
    return option


@bp.post("/<int:consultation_id>/questions/<int:question_id>/options")
@role_required(*EDITORS)
def add_option(consultation_id, question_id):
    consultation = consultation_or_404(consultation_id)
    question = question_or_404(consultation, question_id)
    # A forgotten answer may be added after people have answered (consult.build.live_rules).
    if not live_rules.may_add_answers(question) and _locked(consultation):
        return redirect_to(_editor_url(consultation, question))
    form = OptionForm()
    if not form.validate_on_submit():
        return _back_to_editor(consultation, question, _("The answer was not added"),
                               option_errors={"new": form.label.errors[0] if form.label.errors else ""},
                               status=422)
    # A type with several kinds of written option (a grid's statements and points) says which to add.
    roles = [role for role, _words in question.type.option_roles]
    kind = request.form.get("role") if request.form.get("role") in roles else (roles[0] if roles else "answer")
    edit.add_option(question, form.label.data, consultation.default_language, kind=kind)
    audit.record("question.changed", "question", question.id, form.label.data[:200])
    db.session.commit()
    return _back_to_editor(consultation, question, _("Answer added"))


@bp.post("/<int:consultation_id>/questions/<int:question_id>/options/<int:option_id>")
@role_required(*EDITORS)
def save_option(consultation_id, question_id, option_id):
    consultation = consultation_or_404(consultation_id)
    question = question_or_404(consultation, question_id)
    option = _option_or_404(question, option_id)
    form = OptionForm()
    if not form.validate_on_submit():
        return _back_to_editor(consultation, question, _("The answer was not saved"),
                               option_errors={option.id: form.label.errors[0] if form.label.errors else ""},
                               status=422)
    option.label.set(consultation.default_language, form.label.data.strip())
    audit.record("question.changed", "question", question.id, form.label.data[:200])
    db.session.commit()
    return _back_to_editor(consultation, question, _("Answer saved"))


@bp.post("/<int:consultation_id>/questions/<int:question_id>/options/<int:option_id>/move")
@role_required(*EDITORS)
def move_option(consultation_id, question_id, option_id):
    consultation = consultation_or_404(consultation_id)
    question = question_or_404(consultation, question_id)
    option = _option_or_404(question, option_id)
    if (refused := _refuse_change(consultation, question, locked_message=live_rules.ANSWERS_FIXED)) is not None:
        return refused
    edit.move_option(option, -1 if request.form.get("direction") == "up" else 1)
    db.session.commit()
    place = [o.id for o in question.options if o.kind == "answer"].index(option.id) + 1
    return _back_to_editor(consultation, question, _("Answer moved to position %(position)s", position=place))


@bp.post("/<int:consultation_id>/questions/<int:question_id>/options/<int:option_id>/delete")
@role_required(*EDITORS)
def remove_option(consultation_id, question_id, option_id):
    consultation = consultation_or_404(consultation_id)
    question = question_or_404(consultation, question_id)
    option = _option_or_404(question, option_id)
    if (refused := _refuse_change(consultation, question, allowed=not question.type.fixed_options,
                                  locked_message=live_rules.ANSWERS_FIXED)) is not None:
        return refused
    edit.remove_option(option)
    audit.record("question.changed", "question", question.id)
    db.session.commit()
    return _back_to_editor(consultation, question, _("Answer removed"))


@bp.post("/<int:consultation_id>/questions/<int:question_id>/special")
@role_required(*EDITORS)
def special_options(consultation_id, question_id):
    """Turn on or off the extra answers the type allows ("None of these", "Prefer not to say")."""
    consultation = consultation_or_404(consultation_id)
    question = question_or_404(consultation, question_id)
    if (refused := _refuse_change(consultation, question, allowed=question.type.has_options,
                                  locked_message=live_rules.ANSWERS_FIXED)) is not None:
        return refused
    wanted = set(request.form.getlist("special"))
    for kind in question.type.extra_answers:
        edit.set_special_option(question, kind, kind in wanted, _special_label(kind), consultation.default_language)
    if question.type.offers_other:
        option_groups.set_other_option(question, "other" in wanted, _("Other"), consultation.default_language)
    audit.record("question.changed", "question", question.id)
    db.session.commit()
    return _back_to_editor(consultation, question, _("Answers saved"))


@bp.post("/<int:consultation_id>/questions/<int:question_id>/condition")
@role_required(*EDITORS)
def condition(consultation_id, question_id):
    consultation = consultation_or_404(consultation_id)
    question = question_or_404(consultation, question_id)
    if (refused := _refuse_change(consultation, question)) is not None:
        return refused
    chosen = []
    for raw in request.form.getlist("condition"):
        option = db.session.get(Option, option_id) if (option_id := positive_int(raw)) else None
        if option is not None:
            chosen.append(option)
    try:
        edit.set_condition(question, chosen)
    except edit.ConditionError:
        db.session.rollback()
        question = question_or_404(consultation, question_id)
        return _back_to_editor(consultation, question, _("Branching was not saved"),
                               option_errors={"condition": _("Choose answers from one earlier question only")},
                               status=422)
    audit.record("question.changed", "question", question.id)
    db.session.commit()
    message = _("This question is now always asked") if not chosen else _("Branching saved")
    return _back_to_editor(consultation, question, message)


# -- preview ----------------------------------------------------------------------------------

@bp.route("/<int:consultation_id>/questions/<int:question_id>/preview", methods=["GET", "POST"])
@role_required(*EDITORS)
def preview_question(consultation_id, question_id):
    """The question exactly as a resident sees it, with the same template and checks; nothing is stored."""
    from consult.respond.context import ConsultationView

    consultation = consultation_or_404(consultation_id)
    question = question_or_404(consultation, question_id)
    view = ConsultationView(consultation, extra_questions=[question])
    raw = question.type.read(question, request.form) if request.method == "POST" else []
    error = question.type.check(question, raw, view.missing_message(question)).error if request.method == "POST" else None
    back = _editor_url(consultation, question)
    return render(
        "respond/question.html", status=422 if error else 200, view=view, t=view.texts, question=question,
        qtype=question.type, number=question.position, place=question.position,
        total=len(consultation.questions), raw=raw, error=error, return_to=None, back=back, notice=None,
        preview_action=request.path,
    )


@bp.post("/check-text")
@role_required(*EDITORS)
def check_text():
    """The plain-language checker, asked while staff type (debounced) and shown beside the field."""
    from consult.build.plain import report_for

    field = request.form.get("field", "")[:40]
    text = request.form.get(field, "")[:5000]
    language = request.form.get("language", "en")
    if language not in current_app.config["CONTENT_LANGUAGES"]:
        abort(400)  # the field sends its consultation's language; no page of ours sends another
    return render_partial("build/_checker.html", checker={"report": report_for(text, language), "language": language})
