"""Builder pages for sections: several questions on one page under a title (consult.build.sections).

Staff make a section from a question, give it a title, add the question just before or after it, take
questions off its ends, and delete it (its questions stay); and say "Only show this page if ..." with
the same rule editor a question's branching uses (consult.build.branching_form and branching_rules).
Plain forms with post/redirect/get, so they work without JavaScript; htmx follows the same redirects.
"""

from __future__ import annotations

from flask import abort, flash, request, url_for
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField
from wtforms.validators import DataRequired, Length

from consult import audit, branching, branching_words
from consult.auth.roles import EDITORS
from consult.auth.sessions import role_required
from consult.build import branching_form, branching_rules, sections
from consult.build.blueprint import bp
from consult.build.services import has_responses
from consult.extensions import db
from consult.forms import ConfirmForm
from consult.htmx import redirect_to, render
from consult.loading import consultation_or_404, question_or_404, staff_texts
from consult.models import Section
from consult.request_values import positive_int
from consult.translating import gettext as _
from consult.translating import lazy_gettext as _l


class SectionTitleForm(FlaskForm):
    title = StringField(_l("Section title"), validators=[
        DataRequired(_l("Enter a title for the section, for example “About you”")), Length(max=200)])


class NewSectionForm(SectionTitleForm):
    first = SelectField(_l("First question in the section"), coerce=int,
                        validate_choice=True)


def _section_or_404(consultation, section_id) -> Section:
    section = db.session.get(Section, section_id)
    if section is None or section.consultation_id != consultation.id:
        abort(404)
    return section


def _new_form(consultation, texts) -> NewSectionForm:
    form = NewSectionForm()
    form.first.choices = [
        (question.id, _("Question %(number)s: %(question)s", number=question.position,
                        question=texts(question.prompt_id).text if texts(question.prompt_id) else ""))
        for question in sections.free_questions(consultation)]
    form.first.validators = [DataRequired(_l("Choose the question the section starts with"))]
    return form


@bp.route("/<int:consultation_id>/sections", methods=["GET", "POST"])
@role_required(*EDITORS)
def sections_page(consultation_id):
    consultation = consultation_or_404(consultation_id)
    found = sections.sections_of(consultation)
    texts = staff_texts(consultation, more_ids=[section.title_id for section in found])
    form = _new_form(consultation, texts)
    if request.method == "POST" and form.validate_on_submit():
        question = question_or_404(consultation, form.first.data)
        section = sections.make_section(consultation, question, form.title.data.strip())
        audit.record("consultation.changed", "consultation", consultation.id, form.title.data[:200])
        db.session.commit()
        flash(_("Section made. Now add the questions that go on its page."), "success")
        return redirect_to(url_for("build.section", consultation_id=consultation.id, section_id=section.id))
    status = 422 if request.method == "POST" else 200
    return render("build/sections.html", status=status, consultation=consultation, t=texts, form=form,
                  found=[(section, sections.questions_in(consultation, section)) for section in found])


@bp.route("/<int:consultation_id>/sections/<int:section_id>", methods=["GET", "POST"])
@role_required(*EDITORS)
def section(consultation_id, section_id):
    consultation = consultation_or_404(consultation_id)
    section = _section_or_404(consultation, section_id)
    texts = staff_texts(consultation, more_ids=[section.title_id])
    form = SectionTitleForm(data={"title": texts(section.title_id).text if texts(section.title_id) else ""}
                            if request.method == "GET" else None)
    if request.method == "POST" and form.validate_on_submit():
        sections.rename_section(section, form.title.data.strip(), consultation.default_language)
        audit.record("consultation.changed", "consultation", consultation.id, form.title.data[:200])
        db.session.commit()
        flash(_("Section title saved"), "success")
        return redirect_to(url_for("build.section", consultation_id=consultation.id, section_id=section.id))
    status = 422 if request.method == "POST" else 200
    inside = sections.questions_in(consultation, section)
    return render("build/section.html", status=status, consultation=consultation, section=section, t=texts,
                  form=form, action_form=ConfirmForm(), inside=inside,
                  ends=sections.ends(consultation, section), neighbours=sections.neighbours(consultation, section),
                  condition=_condition_words(consultation, section, texts), locked=has_responses(consultation),
                  can_condition=bool(inside) and inside[0].position > 1)


def _condition_words(consultation, section, texts) -> str | None:
    """The section's rule in the words staff read on results and data entry; None when it has none."""
    inside = sections.questions_in(consultation, section)
    if not section.rules or not inside:
        return None
    questions = list(consultation.questions)
    # Read as a rule of the page's first question, as consult.branching.section_rules reads it.
    rule = branching.read_rule(section.rules[0], branching.stored_threshold)._replace(owner_id=inside[0].id)
    numbers = branching.places(questions)
    words = branching_words.builder_words(rule, {each.id: each for each in questions}, numbers,
                                    lambda option: _label(texts, option))
    if branching.rule_problems(rule, numbers):
        words = " ".join((words, _("This condition cannot work until it is changed: it looks at a question "
                                   "that is deleted, or on this page or after it.")))
    return words


def _label(texts, option) -> str | None:
    label = texts(option.label_id)
    return label.text if label is not None and label.text else None


@bp.route("/<int:consultation_id>/sections/<int:section_id>/condition", methods=["GET", "POST"])
@role_required(*EDITORS)
def section_condition(consultation_id, section_id):
    """The section's one rule, in the question rule editor's page (templates/build/branching_rule.html)."""
    consultation = consultation_or_404(consultation_id)
    section = _section_or_404(consultation, section_id)
    back = url_for("build.section", consultation_id=consultation.id, section_id=section.id)
    inside = sections.questions_in(consultation, section)
    if has_responses(consultation) or not inside:
        flash(_("People have already answered, so branching cannot change."), "success")
        return redirect_to(back)
    first = inside[0]
    texts = staff_texts(consultation, more_ids=[section.title_id])
    if request.method == "GET":
        wanted = (branching_rules.input_of(section.rules[0], texts) if section.rules
                  else branching_rules.RuleInput(action=branching.ASK))
        return _condition_page(consultation, section, first, wanted, texts, back)
    wanted = branching_form.read_rule(request.form)
    wanted.action = branching.ASK
    if not ConfirmForm().validate_on_submit():
        return _condition_page(consultation, section, first, wanted, texts, back, status=400,
                               problems=[("save-rule", _("The form had expired. Check the rule and save it again"))])
    doing = request.form.get("do", "save")
    if doing == "add":
        source = next((each for each in branching_form.sources_for(consultation, first, branching.ASK)
                       if str(each.id) == request.form.get("add-source")), None)
        if source is None:
            return _condition_page(consultation, section, first, wanted, texts, back, status=422,
                                   problems=[("add-source", _("Choose a question to add a condition on"))])
        branching_form.add_condition(wanted, source)
        return _condition_page(consultation, section, first, wanted, texts, back,
                               focus=f"cond-{len(wanted.conditions) - 1}")
    if doing.startswith("remove-"):
        index = doing.removeprefix("remove-")
        branching_form.remove_condition(wanted, int(index) if index.isdigit() else -1)
        return _condition_page(consultation, section, first, wanted, texts, back, focus="add-source")
    try:
        branching_rules.save_section_rule(section, first, wanted, consultation.default_language)
    except branching_rules.RuleError as error:
        db.session.rollback()
        consultation = consultation_or_404(consultation_id)
        section = _section_or_404(consultation, section_id)
        first = sections.questions_in(consultation, section)[0]
        return _condition_page(consultation, section, first, wanted, staff_texts(consultation, more_ids=[section.title_id]),
                               back, status=422, problems=error.problems)
    audit.record("consultation.changed", "consultation", consultation.id, f"section {section.id} condition")
    db.session.commit()
    flash(_("Condition saved. The page is only shown when it is true."), "success")
    return redirect_to(back)


@bp.post("/<int:consultation_id>/sections/<int:section_id>/condition/remove")
@role_required(*EDITORS)
def remove_section_condition(consultation_id, section_id):
    consultation = consultation_or_404(consultation_id)
    section = _section_or_404(consultation, section_id)
    if has_responses(consultation):
        flash(_("People have already answered, so branching cannot change."), "success")
    elif ConfirmForm().validate_on_submit() and section.rules:
        branching_rules.remove_rule(section.rules[0])
        audit.record("consultation.changed", "consultation", consultation.id, f"section {section.id} condition removed")
        db.session.commit()
        flash(_("Condition removed. The page is shown to everyone."), "success")
    return redirect_to(url_for("build.section", consultation_id=consultation.id, section_id=section.id))


def _condition_page(consultation, section, first, wanted, texts, back, status=200, problems=(), focus=None):
    title = texts(section.title_id)
    return render(
        "build/branching_rule.html", status=status, question=first, rule=section.rules[0] if section.rules else None,
        action_form=ConfirmForm(), page_url=back, for_section=True, section_title=title.text if title else "",
        form_action=url_for("build.section_condition", consultation_id=consultation.id, section_id=section.id),
        **branching_form.editor_context(consultation, first, wanted, texts, problems, focus),
    )


def _change(consultation_id, section_id, change, done: str):
    """Add or take away one question (``question_id`` in the form), then back to the section's page."""
    consultation = consultation_or_404(consultation_id)
    section = _section_or_404(consultation, section_id)
    back = url_for("build.section", consultation_id=consultation.id, section_id=section.id)
    if not ConfirmForm().validate_on_submit():
        return redirect_to(back)
    question = question_or_404(consultation, positive_int(request.form.get("question_id")) or 0)
    try:
        emptied = change(consultation, section, question)
    except sections.SectionError:
        flash(_("That question cannot change section: a section’s questions must come one after another."),
              "success")
        return redirect_to(back)
    audit.record("consultation.changed", "consultation", consultation.id)
    db.session.commit()
    if emptied:
        flash(_("The section had no questions left, so it was deleted"), "success")
        return redirect_to(url_for("build.sections_page", consultation_id=consultation.id))
    flash(done, "success")
    return redirect_to(back)


@bp.post("/<int:consultation_id>/sections/<int:section_id>/add")
@role_required(*EDITORS)
def add_to_section(consultation_id, section_id):
    return _change(consultation_id, section_id, sections.add_to_section, _("Question added to the section"))


@bp.post("/<int:consultation_id>/sections/<int:section_id>/remove")
@role_required(*EDITORS)
def remove_from_section(consultation_id, section_id):
    return _change(consultation_id, section_id, sections.remove_from_section,
                   _("Question taken out of the section. It has a page of its own again."))


@bp.post("/<int:consultation_id>/sections/<int:section_id>/delete")
@role_required(*EDITORS)
def delete_section(consultation_id, section_id):
    consultation = consultation_or_404(consultation_id)
    section = _section_or_404(consultation, section_id)
    if ConfirmForm().validate_on_submit():
        sections.delete_section(section)
        audit.record("consultation.changed", "consultation", consultation.id)
        db.session.commit()
        flash(_("Section deleted. Its questions are still there, each on a page of its own."), "success")
        return redirect_to(url_for("build.sections_page", consultation_id=consultation.id))
    return redirect_to(url_for("build.section", consultation_id=consultation.id, section_id=section.id))
