"""The words staff add to the plain-language checker, shared by everyone who builds consultations."""

from __future__ import annotations

from flask import current_app, flash, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import SelectField, StringField
from wtforms.validators import DataRequired, Length

from consult import audit
from consult.auth.roles import EDITORS
from consult.auth.sessions import role_required
from consult.build.blueprint import bp
from consult.build.forms import ConfirmForm
from consult.extensions import db
from consult.htmx import redirect_to, render
from consult.i18n import language_name_for_staff
from consult.models import PlainWord
from consult.translating import gettext as _
from consult.translating import lazy_gettext as _l


class PlainWordForm(FlaskForm):
    language = SelectField(_l("Language"))
    word = StringField(_l("Hard word or phrase"), validators=[
        DataRequired(_l("Enter the hard word or phrase")), Length(max=100)])
    plain = StringField(_l("Plainer words to use instead"), validators=[
        DataRequired(_l("Enter the plainer words")), Length(max=200)])


def _form() -> PlainWordForm:
    form = PlainWordForm()
    form.language.choices = [(code, language_name_for_staff(code)) for code in current_app.config["CONTENT_LANGUAGES"]]
    return form


@bp.route("/plain-words", methods=["GET", "POST"])
@role_required(*EDITORS)
def plain_words():
    form = _form()
    if form.validate_on_submit():
        word = " ".join(form.word.data.lower().split())
        exists = db.session.execute(select(PlainWord).where(
            PlainWord.language == form.language.data, PlainWord.word == word)).scalar_one_or_none()
        if exists is not None:
            exists.plain = form.plain.data.strip()
        else:
            db.session.add(PlainWord(language=form.language.data, word=word, plain=form.plain.data.strip(),
                                     created_by_id=current_user.id))
        audit.record("plain_word.saved", "plain_word", None, f"{form.language.data}: {word}")
        db.session.commit()
        flash(_("“%(word)s” added. The checker now suggests “%(plain)s”.", word=word, plain=form.plain.data.strip()),
              "success")
        return redirect_to(url_for("build.plain_words"))
    words = db.session.scalars(select(PlainWord).order_by(PlainWord.language, PlainWord.word)).all()
    status = 422 if request.method == "POST" else 200
    return render("build/plain_words.html", status=status, form=form, words=words, action_form=ConfirmForm())


@bp.post("/plain-words/<int:word_id>/delete")
@role_required(*EDITORS)
def delete_plain_word(word_id):
    word = db.session.get(PlainWord, word_id)
    if word is not None and ConfirmForm().validate_on_submit():
        db.session.delete(word)
        audit.record("plain_word.deleted", "plain_word", word_id, f"{word.language}: {word.word}")
        db.session.commit()
        flash(_("“%(word)s” removed.", word=word.word), "success")
    return redirect_to(url_for("build.plain_words"))
