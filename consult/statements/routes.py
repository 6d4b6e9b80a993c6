"""Admins edit the accessibility statement and the privacy notice, one language at a time.

The public pages themselves are main.accessibility and main.privacy (consult/main/routes.py), so a
kiosk device and the footer keep their addresses.
"""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, request, url_for
from flask_login import current_user

from consult.auth.roles import ADMINS
from consult.auth.sessions import role_required
from consult.extensions import db
from consult.htmx import redirect_to, render
from consult.i18n import language_name_for_staff
from consult.models._time import utcnow
from consult.statements import services
from consult.statements.forms import statement_form
from consult.statements.sections import DEFAULT_LANGUAGE, LANGUAGES_WITH_DEFAULTS, STATEMENTS
from consult.statements.text import blocks
from consult.times import to_local
from consult.translating import gettext as _

bp = Blueprint("statements", __name__, url_prefix="/staff/statements")


def _languages() -> list[str]:
    return list(current_app.config["LANGUAGES"])


@bp.get("/")
@role_required(*ADMINS)
def index():
    rows = {kind: services.saved_rows(kind) for kind in STATEMENTS}
    return render("statements/index.html", statements=STATEMENTS.values(), rows=rows, languages=_languages(),
                  with_defaults=LANGUAGES_WITH_DEFAULTS)


@bp.route("/<any(accessibility, privacy):kind>/<language>", methods=["GET", "POST"])
@role_required(*ADMINS)
def edit(kind, language):
    if language not in _languages():
        abort(404)
    draft_days = current_app.config["DRAFT_DAYS"]
    form_class = statement_form(kind, language)
    today = to_local(utcnow()).date()  # the UK date, as staff mean it
    if request.method == "POST":
        form = form_class(today=today)
    else:
        form = form_class(today=today, data=services.form_values(kind, language, draft_days))
    if form.validate_on_submit():
        services.save_statement(kind, language, form.texts(), form.reviewed_on.data,
                                by=current_user._get_current_object())
        db.session.commit()
        messages = {"accessibility": _("The accessibility statement in %(language)s has been saved.",
                                       language=language_name_for_staff(language)),
                    "privacy": _("The privacy notice in %(language)s has been saved.",
                                 language=language_name_for_staff(language))}
        flash(messages[kind], "success")
        return redirect_to(url_for("statements.index"))
    english = {} if language == DEFAULT_LANGUAGE else {
        key: blocks(words) for key, words in services.english_words(kind, draft_days).items()}
    errors = [(str(field.errors[0]), field.id) for field in form if field.errors]
    status = 422 if request.method == "POST" else 200
    return render("statements/edit.html", status=status, form=form, statement=STATEMENTS[kind],
                  language=language, english=english, errors=errors)
