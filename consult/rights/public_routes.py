"""The residents' page: ask for a copy of your answers, or for them to be deleted, with your reference.

No account and nothing in the session. Whatever the reference, the next page is the same: it never
says whether answers with that reference exist (staff find out, and reply).
"""

from __future__ import annotations

from flask import Blueprint, request, url_for

from consult.extensions import db, limiter
from consult.htmx import redirect_to, render
from consult.rights import services
from consult.rights.forms import RightsRequestForm
from consult.templating import current_language

bp = Blueprint("rights", __name__, url_prefix="/your-answers")


@bp.route("", methods=["GET", "POST"])
# Few real people send this more than once or twice; guessing references is slow and tells nothing.
@limiter.limit("10 per hour", methods=["POST"])
def ask():
    form = RightsRequestForm()
    if request.method == "POST":
        if form.validate():
            services.create_rights_request(form.kind.data, form.reference.data, current_language(),
                                           form.reply_to.data)
            db.session.commit()
            return redirect_to(url_for("rights.sent", kind=form.kind.data))
        status = 422
    else:
        status = 200
    return render("rights/ask.html", status=status, form=form)


@bp.get("/sent/<any(copy, delete):kind>")
def sent(kind):
    return render("rights/sent.html", kind=kind)
