"""Builder pages for branching: a question's rules in words, and the rule editor.

Plain forms that work without JavaScript (post/redirect/get). "Add a condition" and "Remove" send
the whole rule back and return the page with the rows changed, storing nothing, so nothing typed is
lost; "Save rule" checks the rule whole (consult.build.branching_rules) and stores it or says what to
change. Once people have answered, the rules stay as they are: changing who is asked would make the
answers already in mean something else.
"""

from __future__ import annotations

from flask import abort, flash, request, url_for

from consult import audit, branching
from consult.auth.roles import EDITORS
from consult.auth.sessions import role_required
from consult.build import branching_form, branching_rules
from consult.build.blueprint import bp
from consult.build.forms import ConfirmForm
from consult.build.services import has_responses
from consult.extensions import db
from consult.htmx import redirect_to, render
from consult.loading import consultation_or_404, question_or_404, staff_texts
from consult.models import BranchRule
from consult.translating import gettext as _

LOCKED = _("People have already answered, so branching cannot change.")


def _page_url(consultation, question) -> str:
    return url_for("build.question_branching", consultation_id=consultation.id, question_id=question.id)


def _rule_or_404(question, rule_id: int) -> BranchRule:
    rule = db.session.get(BranchRule, rule_id)
    if rule is None or rule.question_id != question.id:
        abort(404)
    return rule


@bp.get("/<int:consultation_id>/questions/<int:question_id>/branching")
@role_required(*EDITORS)
def question_branching(consultation_id, question_id):
    consultation = consultation_or_404(consultation_id)
    question = question_or_404(consultation, question_id)
    texts = staff_texts(consultation)
    return render("build/branching.html", consultation=consultation, question=question, t=texts,
                  rules=branching_form.summaries(consultation, question, texts), locked=has_responses(consultation),
                  locked_message=LOCKED, action_form=ConfirmForm(), action_words=branching_form.ACTION_WORDS)


@bp.route("/<int:consultation_id>/questions/<int:question_id>/branching/new", methods=["GET", "POST"])
@role_required(*EDITORS)
def new_rule(consultation_id, question_id):
    return _rule_view(consultation_id, question_id, None)


@bp.route("/<int:consultation_id>/questions/<int:question_id>/branching/<int:rule_id>", methods=["GET", "POST"])
@role_required(*EDITORS)
def edit_rule(consultation_id, question_id, rule_id):
    return _rule_view(consultation_id, question_id, rule_id)


def _rule_view(consultation_id, question_id, rule_id):
    consultation = consultation_or_404(consultation_id)
    question = question_or_404(consultation, question_id)
    rule = _rule_or_404(question, rule_id) if rule_id is not None else None
    if has_responses(consultation):
        flash(LOCKED, "success")
        return redirect_to(_page_url(consultation, question))
    texts = staff_texts(consultation)
    if request.method == "GET":
        if rule is not None:
            wanted = branching_rules.input_of(rule, texts)
        else:
            action = request.args.get("action")
            wanted = branching_rules.RuleInput(action=action if action in branching.ACTIONS else branching.ASK)
        return _rule_page(consultation, question, rule, wanted, texts)
    if not ConfirmForm().validate_on_submit():
        return _rule_page(consultation, question, rule, branching_form.read_rule(request.form), texts, status=400,
                          problems=[("save-rule", _("The form had expired. Check the rule and save it again"))])
    wanted = branching_form.read_rule(request.form)
    doing = request.form.get("do", "save")
    if doing == "add":
        source = next((each for each in branching_form.sources_for(consultation, question, wanted.action or branching.SKIP)
                       if str(each.id) == request.form.get("add-source")), None)
        if source is None:
            return _rule_page(consultation, question, rule, wanted, texts, status=422,
                              problems=[("add-source", _("Choose a question to add a condition on"))])
        branching_form.add_condition(wanted, source)
        return _rule_page(consultation, question, rule, wanted, texts, focus=f"cond-{len(wanted.conditions) - 1}")
    if doing.startswith("remove-"):
        index = doing.removeprefix("remove-")
        branching_form.remove_condition(wanted, int(index) if index.isdigit() else -1)
        return _rule_page(consultation, question, rule, wanted, texts, focus="add-source")
    try:
        saved = branching_rules.save_rule(question, wanted, consultation.default_language, rule)
    except branching_rules.RuleError as error:
        db.session.rollback()
        consultation = consultation_or_404(consultation_id)
        question = question_or_404(consultation, question_id)
        rule = _rule_or_404(question, rule_id) if rule_id is not None else None
        return _rule_page(consultation, question, rule, wanted, staff_texts(consultation), status=422,
                          problems=error.problems)
    audit.record("question.changed", "question", question.id, f"branching rule {saved.id}")
    db.session.commit()
    flash(_("Branching rule saved"), "success")
    return redirect_to(_page_url(consultation, question))


@bp.post("/<int:consultation_id>/questions/<int:question_id>/branching/<int:rule_id>/remove")
@role_required(*EDITORS)
def remove_rule(consultation_id, question_id, rule_id):
    consultation = consultation_or_404(consultation_id)
    question = question_or_404(consultation, question_id)
    rule = _rule_or_404(question, rule_id)
    if has_responses(consultation):
        flash(LOCKED, "success")
    elif ConfirmForm().validate_on_submit():
        branching_rules.remove_rule(rule)
        audit.record("question.changed", "question", question.id, f"branching rule {rule_id} removed")
        db.session.commit()
        flash(_("Branching rule removed"), "success")
    return redirect_to(_page_url(consultation, question))


def _rule_page(consultation, question, rule, wanted, texts, status=200, problems=(), focus=None):
    return render(
        "build/branching_rule.html", status=status, question=question, rule=rule, action_form=ConfirmForm(),
        page_url=_page_url(consultation, question),
        **branching_form.editor_context(consultation, question, wanted, texts, problems, focus),
    )
