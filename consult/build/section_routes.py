"""Builder pages for sections: several questions on one page under a title (consult.build.sections).

Staff make a section from a question, give it a title, add the question just before or after it, take
questions off its ends, and delete it (its questions stay). Plain forms with post/redirect/get, so they
work without JavaScript; htmx follows the same redirects.
"""

from __future__ import annotations

from flask import abort, flash, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField
from wtforms.validators import DataRequired, Length

from consult import audit
from consult.auth.roles import EDITORS
from consult.auth.sessions import role_required
from consult.build import sections
from consult.build.blueprint import bp
from consult.extensions import db
from consult.forms import ConfirmForm
from consult.htmx import redirect_to, render
from consult.loading import consultation_or_404, question_or_404, staff_texts
from consult.models import Section
from consult.request_values import positive_int


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
    return render("build/section.html", status=status, consultation=consultation, section=section, t=texts,
                  form=form, action_form=ConfirmForm(), inside=sections.questions_in(consultation, section),
                  ends=sections.ends(consultation, section), neighbours=sections.neighbours(consultation, section))


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
