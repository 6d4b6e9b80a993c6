"""The staff page for API tokens: admins make and revoke them; a new token is shown once, then only
its first characters. Every change goes to the audit log (consult.api.tokens)."""

from __future__ import annotations

from flask import Blueprint, abort, flash, url_for
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from consult.api import tokens
from consult.api.forms import NewTokenForm, RevokeTokenForm
from consult.auth.roles import ADMINS
from consult.auth.sessions import role_required
from consult.extensions import db
from consult.htmx import redirect_to, render
from consult.i18n import ContentCatalogue
from consult.models import ApiToken, Consultation
from consult.models._time import utcnow
from consult.templating import current_language
from consult.translating import gettext as _
from consult.translating import ngettext

bp = Blueprint("api_tokens", __name__, url_prefix="/staff/api-tokens")


def _consultations() -> tuple[list[Consultation], ContentCatalogue]:
    found = list(db.session.scalars(db.select(Consultation).order_by(Consultation.created_at.desc(),
                                                                      Consultation.id.desc())))
    texts = ContentCatalogue.load([item.title_id for item in found], language=current_language(),
                                  default_language="en")
    return found, texts


def _form(fresh: bool = False) -> tuple[NewTokenForm, list[Consultation], ContentCatalogue]:
    """The form, filled from the post unless ``fresh`` (the empty form shown after a token is made)."""
    form = NewTokenForm(formdata=None) if fresh else NewTokenForm()
    found, texts = _consultations()
    form.consultations.choices = [SelectChoice(item.id, item.slug) for item in found]
    form.days.choices = [SelectChoice(days, ngettext("%(num)s day", "%(num)s days", days)) for days in tokens.LIFETIMES]
    return form, found, texts


def _errors(form: NewTokenForm) -> list[tuple[str, str]]:
    found = []
    for field in (form.name, form.access, form.consultations, form.days):
        target = f"{field.id}-0" if field.type in ("RadioField", "_Checkboxes") else field.id
        found += [(message, target) for message in field.errors]
    return found


def _page(form, found, texts, status=200, secret=None, made=None):
    return render("api/tokens.html", status=status, form=form, consultations=found, t=texts,
                  tokens=tokens.all_tokens(), errors=_errors(form), revoke_form=RevokeTokenForm(),
                  secret=secret, made=made, now=utcnow(), analyst=tokens.ANALYST)


@bp.get("/")
@role_required(*ADMINS)
def index():
    form, found, texts = _form()
    return _page(form, found, texts)


@bp.post("/")
@role_required(*ADMINS)
def create():
    form, found, texts = _form()
    if not form.validate_on_submit():
        return _page(form, found, texts, status=422)
    chosen = [item for item in found if item.id in set(form.consultations.data)]
    token, secret = tokens.create_token(form.name.data, form.access.data, chosen, form.days.data, current_user)
    db.session.commit()
    # Shown in this response only: the secret is not kept anywhere, so there is no page to come back to.
    form, found, texts = _form(fresh=True)
    return _page(form, found, texts, secret=secret, made=token)


@bp.post("/<int:number>/revoke")
@role_required(*ADMINS)
def revoke(number):
    token = db.session.get(ApiToken, number)
    if token is None:
        abort(404)
    form = RevokeTokenForm()
    if not form.validate_on_submit():
        abort(400)
    tokens.revoke_token(token, current_user)
    db.session.commit()
    flash(_("The token “%(name)s” was revoked. Programs using it can no longer read anything.", name=token.name),
          "success")
    return redirect_to(url_for("api_tokens.index"))


