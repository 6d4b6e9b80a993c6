"""The staff page of outgoing messages: what waits, what failed and why, what was sent.

Editors and admins, who keep residents' contact details. The page never shows an address or the
words of a message, only the masked address the outbox keeps (consult/messages/outbox.py).
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, request, url_for
from flask_login import current_user
from sqlalchemy import select

from consult import audit
from consult.auth.roles import EDITORS
from consult.auth.sessions import role_required
from consult.extensions import db
from consult.forms import ConfirmForm
from consult.htmx import redirect_to, render
from consult.messages import outbox
from consult.messages.transports import transport_of
from consult.models.outbox import OutgoingMessage
from consult.translating import gettext as _
from consult.translating import lazy_gettext as _l

bp = Blueprint("messages", __name__, url_prefix="/staff/messages")

# How many of the latest sent (or stopped) messages the page lists.
RECENT = 100

PURPOSES = {
    "test": _l("Test message"),
    "confirmation": _l("Confirmation of answers"),
    "resume": _l("Link to come back"),
    "hear_back": _l("Results, as they asked"),
    "alert": _l("Staff alert"),
    "digest": _l("Daily summary"),
}
CHANNELS = {"email": _l("Email"), "sms": _l("Text message"), "letter": _l("Letter")}
TRANSPORTS = {"notify": _l("GOV.UK Notify"), "smtp": _l("your mail server (SMTP)"),
              "folder": _l("a folder on the server (nothing is sent until Notify or SMTP is set up)")}


def _messages(*states: str, limit: int | None = None):
    query = (select(OutgoingMessage).where(OutgoingMessage.state.in_(states))
             .order_by(OutgoingMessage.created_at.desc(), OutgoingMessage.id.desc()))
    if limit:
        query = query.limit(limit)
    return list(db.session.scalars(query))


@bp.get("/")
@role_required(*EDITORS)
def listing():
    return render(
        "messages/outbox.html",
        failed=_messages("failed"), waiting=_messages("waiting", "sending"),
        sent=_messages("sent", "stopped", limit=RECENT), purposes=PURPOSES, channels=CHANNELS,
        transport=TRANSPORTS[transport_of_app().name], form=ConfirmForm(),
        alerts_on=current_user.staff_alerts,
    )


@bp.post("/alerts")
@role_required(*EDITORS)
def alerts():
    """Turn one's own staff alerts (closing soon, daily summary) on or off."""
    if ConfirmForm().validate_on_submit():
        current_user.staff_alerts = request.form.get("alerts") == "on"
        db.session.commit()
        flash(_("You will get staff alerts by email.") if current_user.staff_alerts
              else _("You will not get staff alerts by email."), "success")
    return redirect_to(url_for("messages.listing") + "#alerts-title")


def transport_of_app():
    from flask import current_app

    return transport_of(current_app)


def _message_or_404(message_id: int) -> OutgoingMessage:
    message = db.session.get(OutgoingMessage, message_id)
    if message is None:
        abort(404)
    return message


@bp.post("/<int(max=2147483647):message_id>/stop")
@role_required(*EDITORS)
def stop(message_id: int):
    message = _message_or_404(message_id)
    if ConfirmForm().validate_on_submit() and outbox.stop(message):
        audit.record("message.stopped", "outgoing_message", message.id)
        db.session.commit()
        flash(_("The message will not be sent."), "success")
    else:
        flash(_("That message has already been sent, so it cannot be stopped."), "success")  # shown as the page's notice, like every staff notice
    return redirect_to(url_for("messages.listing"))


@bp.post("/<int(max=2147483647):message_id>/again")
@role_required(*EDITORS)
def again(message_id: int):
    message = _message_or_404(message_id)
    if ConfirmForm().validate_on_submit() and outbox.try_again(message):
        audit.record("message.retried", "outgoing_message", message.id)
        db.session.commit()
        outbox.schedule(message.id)
        flash(_("The message will be sent again."), "success")
    else:
        flash(_("Only a message that failed can be sent again."), "success")  # shown as the page's notice, like every staff notice
    return redirect_to(url_for("messages.listing"))
