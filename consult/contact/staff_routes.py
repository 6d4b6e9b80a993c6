"""The staff list of requests to hear about the results, beside the results (/staff/results/<slug>/...).

Editors and admins only, not analysts: the list holds names, addresses and phone numbers, which
the people who send the results out need and the people who analyse the answers do not (the
least access that does the job). Contact details appear only here and in this page's CSV, never
in the answer exports or on the response pages.
"""

from __future__ import annotations

import csv
import io

from flask import Blueprint, abort, flash, request, url_for
from flask import Response as HttpResponse

from consult import audit
from consult.auth.roles import EDITORS
from consult.auth.sessions import role_required
from consult.contact import services
from consult.contact.formats import format_name
from consult.extensions import db
from consult.forms import ConfirmForm
from consult.htmx import redirect_to, render
from consult.loading import consultation_by_slug_or_404, reader_texts
from consult.models._time import utcnow
from consult.models.contact import FORMATS
from consult.spreadsheets import neutralise
from consult.templating import london_date
from consult.times import to_local
from consult.translating import gettext as _
from consult.translating import ngettext

bp = Blueprint("contact_requests", __name__, url_prefix="/staff/results")


def _chosen_format() -> str | None:
    value = request.args.get("format") or None
    return value if value in FORMATS else None


def _list_url(slug: str, chosen: str | None) -> str:
    return url_for("contact_requests.listing", slug=slug, **({"format": chosen} if chosen else {}))


@bp.get("/<slug>/contact-requests")
@role_required(*EDITORS)
def listing(slug):
    consultation = consultation_by_slug_or_404(slug)
    everything = services.requests_of(consultation.id)
    chosen = _chosen_format()
    shown = services.with_format(everything, chosen)
    counts = services.count_by_format(item.formats for item in everything)
    return render(
        "contact/staff_list.html", consultation=consultation, t=reader_texts(consultation),
        requests=shown, total=len(everything), counts=counts, chosen=chosen, action_form=ConfirmForm(),
        format_name=format_name, waiting=sum(1 for item in everything if item.done_at is None),
        forgettable=sum(1 for item in everything if item.done_at is not None and services.has_details(item)),
    )


@bp.post("/<slug>/contact-requests/done")
@role_required(*EDITORS)
def done(slug):
    consultation = consultation_by_slug_or_404(slug)
    form = ConfirmForm()
    found = services.find_request(consultation.id, request.form.get("request"))
    if not form.validate() or found is None:
        abort(404)
    done = request.form.get("done") != "no"
    if services.mark_done(found, done):
        audit.record("contact_request.done" if done else "contact_request.not_done", "contact_request", found.id)
        db.session.commit()
    flash(_("Request marked as done.") if done else _("Request marked as not done."), "success")
    return redirect_to(_list_url(slug, _valid_format(request.form.get("format"))))


@bp.post("/<slug>/contact-requests/forget")
@role_required(*EDITORS)
def forget(slug):
    consultation = consultation_by_slug_or_404(slug)
    if not ConfirmForm().validate():
        abort(400)
    count = services.forget_done_details(consultation.id)
    if count:
        # How many, never whose: the audit log holds no personal details.
        audit.record("contact_request.details_deleted", "consultation", consultation.id, detail=f"{count}")
        db.session.commit()
    flash(ngettext("Contact details deleted from %(num)s request.", "Contact details deleted from %(num)s requests.",
                   count), "success")
    return redirect_to(_list_url(slug, None))


@bp.get("/<slug>/contact-requests.csv")
@role_required(*EDITORS)
def download(slug):
    consultation = consultation_by_slug_or_404(slug)
    chosen = _chosen_format()
    shown = services.with_format(services.requests_of(consultation.id), chosen)
    headers = [_("Asked on"), _("Ways to get the results"), _("Language"), _("Name"), _("Email"), _("Phone"),
               _("Postal address"), _("Anything else"), _("Done on")]
    buffer = io.StringIO()
    buffer.write("\ufeff")  # so that spreadsheets read Welsh and Arabic letters as UTF-8
    csv.writer(buffer).writerows(services.csv_rows(shown, headers, format_name, london_date, neutralise))
    today = to_local(utcnow()).date().isoformat()
    name = f"{consultation.slug}-contact-requests{'-' + chosen if chosen else ''}-{today}.csv"
    response = HttpResponse(buffer.getvalue(), mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    audit.record("contact_request.downloaded", "consultation", consultation.id, detail=f"{len(shown)}")
    db.session.commit()
    return response


def _valid_format(value: str | None) -> str | None:
    return value if value in FORMATS else None
