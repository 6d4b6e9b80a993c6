"""The staff page of a consultation's webhooks: add and remove addresses, see every delivery, send a
failed one again. Editors (and admins): the deliveries carry residents' answers."""

from __future__ import annotations

from flask import Blueprint, abort, flash, session, url_for
from sqlalchemy import select

from consult import audit
from consult.auth.roles import EDITORS
from consult.auth.sessions import role_required
from consult.extensions import db
from consult.forms import ConfirmForm, form_error_list
from consult.htmx import redirect_to, render
from consult.loading import consultation_or_404, staff_texts
from consult.models.webhook import Webhook, WebhookDelivery
from consult.translating import gettext as _
from consult.translating import lazy_gettext as _l
from consult.webhooks import delivery as outbox
from consult.webhooks.events import hooks_of
from consult.webhooks.forms import WebhookForm
from consult.webhooks.payloads import CONSULTATION_CLOSED, CONSULTATION_PUBLISHED, RESPONSE_SUBMITTED
from consult.webhooks.signing import new_secret

bp = Blueprint("webhooks", __name__, url_prefix="/staff/consultations")

# How many of the latest deliveries the page lists.
RECENT = 50
# The session remembers which new address's secret to show, once, on the next page.
SHOW_SECRET = "webhook_secret_once"
EVENTS = {RESPONSE_SUBMITTED: _l("Response submitted"), CONSULTATION_PUBLISHED: _l("Consultation published"),
          CONSULTATION_CLOSED: _l("Consultation closed")}
STATES = {"waiting": _l("Waiting to be tried"), "sending": _l("Being sent"), "delivered": _l("Delivered"),
          "failed": _l("Not delivered")}


def _page(consultation, form=None, status=200):
    hooks = hooks_of(consultation.id)
    deliveries = list(db.session.scalars(
        select(WebhookDelivery).join(Webhook).where(Webhook.consultation_id == consultation.id)
        .order_by(WebhookDelivery.created_at.desc(), WebhookDelivery.id.desc()).limit(RECENT)))
    shown_id = session.pop(SHOW_SECRET, None)
    form = form or WebhookForm()
    return render("webhooks/index.html", status=status, consultation=consultation, t=staff_texts(consultation),
                  hooks=hooks, deliveries=deliveries, form=form, events=EVENTS,
                  states=STATES, new_hook=next((hook for hook in hooks if hook.id == shown_id), None),
                  forgotten=outbox.FORGOTTEN,
                  errors=form_error_list(form))


@bp.get("/<int:consultation_id>/webhooks")
@role_required(*EDITORS)
def index(consultation_id):
    return _page(consultation_or_404(consultation_id))


@bp.post("/<int:consultation_id>/webhooks")
@role_required(*EDITORS)
def add(consultation_id):
    consultation = consultation_or_404(consultation_id)
    form = WebhookForm()
    if not form.validate_on_submit():
        return _page(consultation, form=form, status=422)
    hook = Webhook(consultation_id=consultation.id, url=form.url.data, secret=new_secret())
    db.session.add(hook)
    db.session.flush()
    audit.record("webhook.added", "consultation", consultation.id, hook.url)
    db.session.commit()
    session[SHOW_SECRET] = hook.id
    flash(_("The address is added. Copy its secret now: this page shows it only once."), "success")
    return redirect_to(url_for("webhooks.index", consultation_id=consultation.id) + "#secret")


def _hook_or_404(consultation_id: int, hook_id: int) -> Webhook:
    hook = db.session.get(Webhook, hook_id)
    if hook is None or hook.consultation_id != consultation_id:
        abort(404)
    return hook


@bp.post("/<int:consultation_id>/webhooks/<int:hook_id>/remove")
@role_required(*EDITORS)
def remove(consultation_id, hook_id):
    consultation = consultation_or_404(consultation_id)
    hook = _hook_or_404(consultation.id, hook_id)
    if ConfirmForm().validate_on_submit():
        audit.record("webhook.removed", "consultation", consultation.id, hook.url)
        db.session.delete(hook)
        db.session.commit()
        flash(_("The address is removed. Nothing more will be sent to it."), "success")
    return redirect_to(url_for("webhooks.index", consultation_id=consultation.id))


@bp.post("/<int:consultation_id>/webhooks/deliveries/<int:delivery_id>/again")
@role_required(*EDITORS)
def again(consultation_id, delivery_id):
    consultation = consultation_or_404(consultation_id)
    found = db.session.get(WebhookDelivery, delivery_id)
    if found is None or found.webhook.consultation_id != consultation.id:
        abort(404)
    if ConfirmForm().validate_on_submit() and outbox.try_again(found):
        audit.record("webhook.retried", "consultation", consultation.id, found.delivery_id)
        # Read before the commit: on SQLite, reading after it would hold up the job that sends it.
        found_id, consultation_id = found.id, consultation.id
        db.session.commit()
        outbox.schedule(found_id)
        flash(_("It will be sent again."), "success")
        return redirect_to(url_for("webhooks.index", consultation_id=consultation_id) + "#log-title")
    flash(_("Only a delivery that failed can be sent again."), "success")
    return redirect_to(url_for("webhooks.index", consultation_id=consultation.id) + "#log-title")
