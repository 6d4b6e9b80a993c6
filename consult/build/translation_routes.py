"""Builder pages for languages: which languages a consultation is offered in, the side-by-side
translation editor, and exchanging PO files with translators."""

from __future__ import annotations

import re

from flask import abort, current_app, flash, make_response, request, url_for
from flask_wtf.file import FileField, FileRequired

from consult import audit
from consult.auth.roles import EDITORS
from consult.auth.sessions import role_required
from consult.build import exchange, translation, translation_page
from consult.build.blueprint import bp
from consult.build.forms import ConfirmForm
from consult.extensions import db
from consult.htmx import announce, redirect_to, render, render_partial, targets
from consult.loading import consultation_or_404, staff_texts
from consult.models import REGISTERS, ConsultationLanguage, TextBlock
from consult.models.content import EASY, STANDARD
from consult.translating import gettext as _
from consult.translating import ngettext


class ImportForm(ConfirmForm):
    file = FileField(validators=[FileRequired()])


def _target_language(consultation, language: str, register: str = STANDARD) -> str:
    """A language (and register) there is something to write in: any offered language's easy read,
    and every offered language but the consultation's own for the standard texts."""
    if register not in REGISTERS or language not in consultation.offered_languages:
        abort(404)
    if language == consultation.default_language and register == STANDARD:
        abort(404)
    return language


def _easy_check(text: str, language: str):
    from consult.build.plain import report_for

    return report_for(text, language, register=EASY)


def _register() -> str:
    return EASY if request.values.get("register") == EASY else STANDARD


def _row_id(key: str) -> str:
    return "row-" + re.sub(r"[^a-z0-9]+", "-", key)


@bp.route("/<int:consultation_id>/languages", methods=["GET", "POST"])
@role_required(*EDITORS)
def languages(consultation_id):
    consultation = consultation_or_404(consultation_id)
    form = ConfirmForm()
    choices = [code for code in current_app.config["CONTENT_LANGUAGES"] if code != consultation.default_language]
    if form.validate_on_submit():
        wanted = {code for code in request.form.getlist("language") if code in choices}
        consultation.languages = [
            *[lang for lang in consultation.languages if lang.language in wanted | {consultation.default_language}],
            *[ConsultationLanguage(language=code) for code in sorted(wanted)
              if code not in {lang.language for lang in consultation.languages}],
        ]
        audit.record("consultation.changed", "consultation", consultation.id,
                     "languages: " + ", ".join(sorted(wanted | {consultation.default_language})))
        db.session.commit()
        flash(_("Languages saved."), "success")
        return redirect_to(url_for("build.languages", consultation_id=consultation.id))
    progress = [translation.progress(consultation, code) for code in consultation.offered_languages
                if code != consultation.default_language]
    easy = [translation.progress(consultation, code, EASY) for code in consultation.offered_languages]
    return render("build/languages.html", consultation=consultation, t=staff_texts(consultation), form=form,
                  choices=choices, progress=progress, easy=easy)


@bp.get("/<int:consultation_id>/translate/<language>")
@role_required(*EDITORS)
def translate(consultation_id, language):
    consultation = consultation_or_404(consultation_id)
    register = _register()
    language = _target_language(consultation, language, register)
    rows = translation.rows(consultation, language, register)
    return render("build/translate.html", consultation=consultation, t=staff_texts(consultation),
                  language=language, register=register, rows=rows, row_id=_row_id, action_form=ConfirmForm(),
                  progress=translation.progress(consultation, language, register), easy_check=_easy_check,
                  box_rows=translation_page.box_rows)


@bp.post("/<int:consultation_id>/translate/<language>")
@role_required(*EDITORS)
def save_translations(consultation_id, language):
    """The editor's one Save: every text changed on the page (consult.build.translation_page)."""
    consultation = consultation_or_404(consultation_id)
    register = _register()
    language = _target_language(consultation, language, register)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    rows = translation.rows(consultation, language, register)
    saved = translation_page.save_changed(rows, request.form, language, register)
    if saved:
        audit.record("translation.changed", "consultation", consultation.id,
                     f"{language} {register} " + " ".join(saved)[:400])
    db.session.commit()
    if saved:
        flash(ngettext("%(num)s text saved.", "%(num)s texts saved.", len(saved)), "success")
    else:
        flash(_("Nothing was changed, so nothing was saved."), "success")
    return redirect_to(url_for("build.translate", consultation_id=consultation.id, language=language,
                               register=register if register == EASY else None))


@bp.post("/<int:consultation_id>/translate/<language>/text/<key>")
@role_required(*EDITORS)
def save_translation(consultation_id, language, key):
    consultation = consultation_or_404(consultation_id)
    register = _register()
    language = _target_language(consultation, language, register)
    rows = {row.unit.key: row for row in translation.rows(consultation, language, register)}
    if key not in rows or not ConfirmForm().validate_on_submit():
        abort(404)
    block = db.session.get(TextBlock, rows[key].unit.block_id)
    # The editor's one form sends "text-<key>"; a form of its own (and older pages) sends "text".
    typed = request.form.get(translation_page.text_field(key), request.form.get("text", ""))
    translation.save_translation(block, language, typed[:5000], register)
    audit.record("translation.changed", "consultation", consultation.id, f"{language} {register} {key}")
    db.session.commit()
    message = _("Saved")
    if targets(_row_id(key)):
        row = {row.unit.key: row for row in translation.rows(consultation, language, register)}[key]
        response = render_partial("build/_translation_row.html", consultation=consultation, language=language,
                                  register=register, row=row, row_id=_row_id, action_form=ConfirmForm(),
                                  easy_check=_easy_check, box_rows=translation_page.box_rows)
        return announce(response, message)
    flash(message, "success")
    return redirect_to(url_for("build.translate", consultation_id=consultation.id, language=language,
                               register=register if register == EASY else None) + "#" + _row_id(key))


@bp.get("/<int:consultation_id>/translate/<language>/export")
@role_required(*EDITORS)
def export_translation(consultation_id, language):
    consultation = consultation_or_404(consultation_id)
    language = _target_language(consultation, language)
    texts = staff_texts(consultation)
    title = texts(consultation.title_id).text if texts(consultation.title_id) else consultation.slug
    response = make_response(exchange.export_po(consultation, language, title))
    response.headers["Content-Type"] = "text/x-gettext-translation; charset=utf-8"
    response.headers["Content-Disposition"] = f'attachment; filename="{consultation.slug}-{language}.po"'
    return response


@bp.route("/<int:consultation_id>/translate/<language>/import", methods=["GET", "POST"])
@role_required(*EDITORS)
def import_translation(consultation_id, language):
    consultation = consultation_or_404(consultation_id)
    language = _target_language(consultation, language)
    form = ImportForm()
    result = None
    status = 200
    if request.method == "POST":
        if form.validate_on_submit():
            result = exchange.read_import(consultation, language, form.file.data.read())
            status = 422 if result.errors and not result.changes else 200
        else:
            form.file.errors = [_("Choose the translated file to upload")]
            status = 422
    return render("build/import.html", status=status, consultation=consultation, t=staff_texts(consultation),
                  language=language, form=form, result=result, action_form=ConfirmForm())


@bp.post("/<int:consultation_id>/translate/<language>/apply")
@role_required(*EDITORS)
def apply_translation(consultation_id, language):
    """Save the changes the staff member saw in the import preview (checked again here)."""
    consultation = consultation_or_404(consultation_id)
    language = _target_language(consultation, language)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    rows = {row.unit.key: row for row in translation.rows(consultation, language)}
    applied = 0
    for key, new in zip(request.form.getlist("key"), request.form.getlist("text")):
        row = rows.get(key)
        if row is None or sorted(exchange.PLACEHOLDER.findall(new)) != sorted(exchange.PLACEHOLDER.findall(row.source)):
            continue
        translation.save_translation(db.session.get(TextBlock, row.unit.block_id), language, new[:5000])
        applied += 1
    audit.record("translation.imported", "consultation", consultation.id, f"{language}: {applied}")
    db.session.commit()
    flash(ngettext("%(num)s translation saved.", "%(num)s translations saved.", applied), "success")
    return redirect_to(url_for("build.translate", consultation_id=consultation.id, language=language))
