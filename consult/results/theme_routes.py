"""Free-text answers (search, pages, themes per answer) and the themes staff tag them with.

Every control is a plain form or link first. The search is a GET form, so a view lives in its
address. Tagging an answer posts its checkboxes; without JavaScript the page comes back at that
answer, with htmx only the answer is swapped (and the counts beside it), focus stays on its Save
button and the status region says what was saved.
"""

from __future__ import annotations

from flask import abort, flash, get_flashed_messages, request, url_for
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from consult import audit
from consult.auth.roles import READERS
from consult.auth.sessions import role_required
from consult.extensions import db
from consult.forms import ConfirmForm
from consult.htmx import announce, redirect_to, render, render_partial, targets
from consult.loading import consultation_by_slug_or_404, reader_texts
from consult.models import Outcome
from consult.request_values import positive_int
from consult.results import themes as service
from consult.results.blueprint import bp
from consult.results.export_routes import results_home
from consult.translating import gettext as _
from consult.translating import lazy_gettext as _l

SEARCH_MAX = 200
# Flashed with an answer's id after a save without JavaScript, so that answer says "Saved".
SAVED_CATEGORY = "answer-saved"


class ThemeForm(FlaskForm):
    name = StringField(_l("Theme name"), validators=[
        DataRequired(_l("Enter a name for the theme")),
        Length(max=service.NAME_MAX, message=_l("Use %(max)d characters or fewer")),
    ])


def _name_message(error: service.ThemeNameError) -> str:
    return {
        "empty": _("Enter a name for the theme"),
        "too_long": _("Use %(max)d characters or fewer", max=service.NAME_MAX),
        "taken": _("There is already a theme with this name. Choose a different name"),
    }[error.reason]


def _theme_or_404(consultation, theme_id):
    theme = service.find_theme(consultation.id, theme_id)
    if theme is None:
        abort(404)
    return theme


# -- the answers to one question --------------------------------------------------------------

def _question_or_404(consultation, question_id):
    question = next((q for q in service.text_questions(consultation) if q.id == question_id), None)
    if question is None:
        abort(404)
    return question


def _filters(source, theme_ids) -> dict:
    """The search, theme and page from a query string or a posted form, cleaned."""
    search = " ".join((source.get("q") or "").split())[:SEARCH_MAX]
    raw_theme = source.get("theme") or ""
    theme = None
    if raw_theme == service.UNTAGGED:
        theme = service.UNTAGGED
    elif positive_int(raw_theme) in theme_ids:
        theme = positive_int(raw_theme)
    page = positive_int(source.get("page")) or 1
    return {"q": search, "theme": theme, "page": page}


def _address(filters: dict, page: int | None = None) -> dict:
    """Query arguments for a link to these filters (empty ones left out)."""
    args = {"q": filters["q"] or None, "theme": filters["theme"], "page": page if page and page > 1 else None}
    return {key: value for key, value in args.items() if value is not None}


def _answers_url(consultation, question_id, filters, page=None, anchor=None) -> str:
    url = url_for("results.free_text", slug=consultation.slug, question_id=question_id, **_address(filters, page))
    return f"{url}#{anchor}" if anchor else url


def _context(consultation, question, filters, **extra) -> dict:
    all_themes = service.list_themes(consultation.id)
    answered, untagged = service.answer_counts([question.id]).get(question.id, (0, 0))
    return {
        "consultation": consultation, "question": question, "filters": filters, "themes": all_themes,
        "counts": service.theme_counts(consultation.id, question.id), "answered": answered, "untagged": untagged,
        "t": reader_texts(consultation, [question.prompt_id]),
        "action_form": ConfirmForm(), "address": _address(filters),
        **extra,
    }


@bp.get("/<slug>/questions/<int:question_id>/answers")
@role_required(*READERS)
def free_text(slug, question_id):
    consultation = consultation_by_slug_or_404(slug)
    question = _question_or_404(consultation, question_id)
    theme_ids = {theme.id for theme in service.list_themes(consultation.id)}
    filters = _filters(request.args, theme_ids)
    page = service.answers_page(question.id, search=filters["q"], theme=filters["theme"], page=filters["page"])
    filters["page"] = page.page
    saved = {positive_int(value) for value in get_flashed_messages(category_filter=[SAVED_CATEGORY])} - {None}
    return render("results/free_text.html", **_context(
        consultation, question, filters, page=page, saved=saved,
        theme_form=ThemeForm(prefix="theme"), back_url=results_home(slug),
        previous_url=_answers_url(consultation, question.id, filters, page.page - 1) if page.page > 1 else None,
        next_url=_answers_url(consultation, question.id, filters, page.page + 1) if page.page < page.pages else None,
    ))


@bp.post("/<slug>/answers/<int:answer_id>/themes")
@role_required(*READERS)
def tag_answer(slug, answer_id):
    consultation = consultation_by_slug_or_404(slug)
    answer = service.find_answer(consultation.id, answer_id)
    if answer is None:
        abort(404)
    question = _question_or_404(consultation, answer.question_id)
    theme_ids = {theme.id for theme in service.list_themes(consultation.id)}
    filters = _filters(request.form, theme_ids)
    if not ConfirmForm().validate_on_submit():
        return redirect_to(_answers_url(consultation, question.id, filters, filters["page"], f"answer-{answer.id}"))
    chosen = [number for value in request.form.getlist("theme_id") if (number := positive_int(value))]
    added, removed = service.tag_answer(answer, chosen, consultation.id)
    item = service.answer_item(answer.id)
    names = [theme.name for theme in service.list_themes(consultation.id) if theme.id in item.theme_ids]
    if added or removed:
        audit.record("answer.themes_changed", "answer", answer.id, "; ".join(names))
    db.session.commit()
    reference = item.reference
    message = (_("Themes saved for answer %(reference)s: %(themes)s", reference=reference, themes=", ".join(names))
               if names else _("Answer %(reference)s has no themes now", reference=reference))
    if targets(f"answer-{answer.id}"):
        response = render_partial("results/_answer_saved.html", item=item, saved=True,
                                  **_context(consultation, question, filters))
        return announce(response, message, focus=f"save-themes-{answer.id}")
    flash(message, "success")
    flash(str(answer.id), SAVED_CATEGORY)
    return redirect_to(_answers_url(consultation, question.id, filters, filters["page"], f"answer-{answer.id}"))


# -- themes -----------------------------------------------------------------------------------

def _return_to(consultation) -> tuple[str | None, dict]:
    """The answers page a theme form was sent from (its question and filters), if any."""
    question_id = positive_int(request.values.get("question_id"))
    if question_id is None:
        return None, {}
    question = next((q for q in service.text_questions(consultation) if q.id == question_id), None)
    if question is None:
        return None, {}
    theme_ids = {theme.id for theme in service.list_themes(consultation.id)}
    filters = _filters(request.values, theme_ids)
    return _answers_url(consultation, question.id, filters, filters["page"]), {"question_id": question.id,
                                                                                **_address(filters, filters["page"])}


def _themes_page(consultation, form, status=200, **extra):
    questions = service.text_questions(consultation)
    all_themes = service.list_themes(consultation.id)
    return render("results/themes.html", status=status, consultation=consultation, form=form,
                  themes=all_themes, counts=service.theme_counts(consultation.id),
                  questions=questions, answers=service.answer_counts([q.id for q in questions]),
                  t=reader_texts(consultation, [q.prompt_id for q in questions]),
                  back_url=results_home(consultation.slug), **extra)


@bp.get("/<slug>/themes")
@role_required(*READERS)
def themes(slug):
    consultation = consultation_by_slug_or_404(slug)
    return _themes_page(consultation, ThemeForm(prefix="theme"), returning={})


@bp.post("/<slug>/themes")
@role_required(*READERS)
def create_theme(slug):
    consultation = consultation_by_slug_or_404(slug)
    form = ThemeForm(prefix="theme")
    back, returning = _return_to(consultation)
    if form.validate_on_submit():
        try:
            theme = service.create_theme(consultation, form.name.data)
        except service.ThemeNameError as error:
            form.name.errors.append(_name_message(error))
        else:
            audit.record("theme.created", "theme", theme.id, theme.name)
            db.session.commit()
            flash(_("Theme “%(name)s” added. Tick it on the answers it fits.", name=theme.name), "success")
            return redirect_to(back or url_for("results.themes", slug=slug))
    return _themes_page(consultation, form, status=422, returning=returning, back_to_answers=back)


@bp.route("/<slug>/themes/<int:theme_id>/rename", methods=["GET", "POST"])
@role_required(*READERS)
def rename_theme(slug, theme_id):
    consultation = consultation_by_slug_or_404(slug)
    theme = _theme_or_404(consultation, theme_id)
    form = ThemeForm(prefix="theme") if request.method == "POST" else ThemeForm(prefix="theme", data={"name": theme.name})
    if form.validate_on_submit():
        try:
            old = service.rename_theme(theme, form.name.data)
        except service.ThemeNameError as error:
            form.name.errors.append(_name_message(error))
        else:
            audit.record("theme.renamed", "theme", theme.id, f"{old} → {theme.name}")
            db.session.commit()
            flash(_("Theme “%(old)s” is now called “%(name)s”.", old=old, name=theme.name), "success")
            return redirect_to(url_for("results.themes", slug=slug))
    status = 422 if request.method == "POST" else 200
    return render("results/theme_rename.html", status=status, consultation=consultation, theme=theme, form=form,
                  t=reader_texts(consultation))


@bp.route("/<slug>/themes/<int:theme_id>/delete", methods=["GET", "POST"])
@role_required(*READERS)
def delete_theme(slug, theme_id):
    consultation = consultation_by_slug_or_404(slug)
    theme = _theme_or_404(consultation, theme_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        name = theme.name
        service.delete_theme(theme)
        audit.record("theme.deleted", "theme", theme_id, name)
        db.session.commit()
        flash(_("Theme “%(name)s” deleted. The answers it was on are unchanged.", name=name), "success")
        return redirect_to(url_for("results.themes", slug=slug))
    tagged = service.theme_counts(consultation.id).get(theme.id, 0)
    outcomes = db.session.scalar(db.select(db.func.count(Outcome.id)).where(Outcome.theme_id == theme.id)) or 0
    return render("results/theme_delete.html", consultation=consultation, theme=theme, form=form, tagged=tagged,
                  outcomes=outcomes, t=reader_texts(consultation))
