"""Adding ready-made questions worded as in the census (consult.reach.census), from the builder's page.

Staff tick the ones they want on the consultation page (templates/reach/_census_block.html); they
are added at the end, like the "About you" questions, and refused once people have answered.
"""

from __future__ import annotations

from babel.lists import format_list
from flask import flash, request, url_for

from consult import audit
from consult.auth.roles import EDITORS
from consult.auth.sessions import role_required
from consult.build.services import has_responses
from consult.extensions import db
from consult.forms import ConfirmForm
from consult.htmx import redirect_to
from consult.i18n import language_name_for_staff
from consult.loading import consultation_by_slug_or_404
from consult.reach import census
from consult.reach.blueprint import bp
from consult.reach.census_services import add_census_questions, census_key
from consult.reach.services import LanguageError
from consult.translating import get_locale, ngettext
from consult.translating import gettext as _


def _names(keys) -> str:
    return format_list([str(census.BY_KEY[key].name) for key in keys], locale=get_locale())


@bp.post("/<slug>/reach/census")
@role_required(*EDITORS)
def add_census(slug):
    consultation = consultation_by_slug_or_404(slug)
    back = url_for("build.consultation", consultation_id=consultation.id) + "#census-questions"
    if not ConfirmForm().validate_on_submit():
        return redirect_to(back)
    if has_responses(consultation):
        flash(_("People have already answered, so questions cannot be added, removed or reordered. "
                "You can still change their words."), "success")
        return redirect_to(back)
    keys = [key for key in request.form.getlist("census") if key in census.BY_KEY]
    if not keys:
        flash(_("Tick the census questions you want to add."), "success")
        return redirect_to(back)
    try:
        result = add_census_questions(consultation, keys)
    except LanguageError:
        flash(_("The census questions are written in English, Welsh and Arabic, and this consultation is "
                "written in %(language)s, so they cannot be added. Add your own questions instead.",
                language=language_name_for_staff(consultation.default_language)), "success")
        return redirect_to(back)
    added = [census_key(question) for question in result.added]
    if added:
        audit.record("consultation.about_you_added", "consultation", consultation.id,
                     f"{consultation.slug}: {', '.join(added)}")
    db.session.commit()
    words = []
    if added:
        words.append(ngettext("Added %(num)s census question at the end: %(names)s.",
                              "Added %(num)s census questions at the end: %(names)s.", len(added),
                              names=_names(added)))
    if result.already:
        words.append(_("These were already there, so they were not added again: %(names)s.",
                       names=_names(result.already)))
    flash(" ".join(words), "success")
    return redirect_to(back)
