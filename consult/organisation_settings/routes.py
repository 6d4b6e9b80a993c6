"""/staff/organisation: admins set the organisation's name, logo, colour, footer links, return address and
the websites that may embed the consultations (consult/embed).

Also /organisation.css, the brand colour as a stylesheet: the Content-Security-Policy allows no inline
style, and a site without a colour of its own never asks for it.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, make_response, request, url_for

from consult.auth.roles import ADMINS
from consult.auth.sessions import role_required
from consult.extensions import db
from consult.htmx import redirect_to, render
from consult.organisation import organisation
from consult.organisation_settings import services
from consult.organisation_settings.colours import darker
from consult.organisation_settings.forms import OrganisationForm
from consult.pictures.uploads import PictureRejected
from consult.translating import gettext as _

bp = Blueprint("organisation", __name__)


def _form_values(row) -> dict:
    if row is None:
        return {}
    return {"name": row.name, "logo_alt": row.logo_alt, "brand_colour": row.brand_colour,
            "footer_links": [{"words": link.get("label", ""), "address": link.get("url", "")}
                             for link in row.footer_links or []],
            "return_address": row.return_address,
            "embed_origins": "\n".join(row.embed_origins or [])}


@bp.route("/staff/organisation", methods=["GET", "POST"])
@role_required(*ADMINS)
def edit():
    row = services.settings_row()
    has_logo = bool(row and row.logo_ref)
    if request.method == "POST":
        form = OrganisationForm(has_logo=has_logo)
    else:
        form = OrganisationForm(has_logo=has_logo, data=_form_values(row))
    if form.validate_on_submit():
        new_logo = None
        upload = form.uploaded_logo()
        try:
            new_logo = services.store_logo(upload.read()) if upload is not None else None
        except PictureRejected as problem:
            form.logo.errors = [str(problem)]
        else:
            services.save_organisation(
                name=form.name.data, logo_alt=form.logo_alt.data, brand_colour=form.brand_colour.data,
                footer_links=form.links(), return_address=form.return_address.data,
                new_logo_ref=new_logo, remove_logo=form.remove_logo.data, embed_origins=form.origins())
            db.session.commit()
            flash(_("The organisation settings have been saved."), "success")
            return redirect_to(url_for("organisation.edit"))
    errors = [(str(field.errors[0]), field.id) for field in form if field.errors and field.name != "footer_links"]
    for row_form in form.footer_links:
        errors += [(str(field.errors[0]), field.id) for field in row_form if field.errors]
    status = 422 if request.method == "POST" else 200
    return render("organisation_settings/edit.html", status=status, form=form, errors=errors,
                  current=organisation())


@bp.get("/organisation.css")
def brand_css():
    colour = organisation().brand_colour
    if colour is None:
        abort(404)
    response = make_response(f":root{{--brand:{colour};--brand-dark:{darker(colour)}}}\n")
    response.mimetype = "text/css"
    # The address carries the settings' version (templates/layouts/base.html): a new colour is a new address.
    response.cache_control.public = True
    response.cache_control.max_age = 365 * 24 * 3600
    return response
