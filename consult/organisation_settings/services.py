"""Saving the organisation settings (no request, no rendering: the route passes plain values)."""

from __future__ import annotations

from flask import current_app

from consult import audit
from consult.extensions import db
from consult.models.organisation import OrganisationSettings
from consult.organisation import forget_organisation
from consult.organisation_settings.colours import parse_colour
from consult.pictures.uploads import delete_upload, store_upload
from consult.storage import PICTURES, files


def settings_row() -> OrganisationSettings | None:
    return db.session.get(OrganisationSettings, 1)


def store_logo(data: bytes) -> str:
    """Check and keep a logo like any uploaded picture; raises PictureRejected. Returns its name."""
    return store_upload(data, files(PICTURES), current_app.config["PICTURE_MAX_BYTES"]).ref


def save_organisation(*, name: str, logo_alt: str, brand_colour: str, footer_links: list[dict[str, str]],
                      return_address: str, new_logo_ref: str | None, remove_logo: bool,
                      embed_origins: list[str] | None = None) -> OrganisationSettings:
    row = settings_row()
    if row is None:
        row = OrganisationSettings(id=1)
        db.session.add(row)
    old_logo = row.logo_ref
    old_origins = row.embed_origins
    if new_logo_ref is not None:
        row.logo_ref = new_logo_ref
    elif remove_logo:
        row.logo_ref = None
    row.name = name.strip()
    row.logo_alt = logo_alt.strip() or None if row.logo_ref else None
    row.brand_colour = parse_colour(brand_colour) if brand_colour.strip() else None
    row.footer_links = footer_links
    address = "\n".join(line.strip() for line in return_address.splitlines() if line.strip())
    row.return_address = address or None
    if embed_origins is not None:
        # Already checked and normalised (consult/site_origins.py); an empty list: no site may embed.
        row.embed_origins = embed_origins or None
    db.session.flush()
    if old_logo and old_logo != row.logo_ref:
        # The old file is no longer shown anywhere (a logo is not shared with questions).
        delete_upload(files(PICTURES), old_logo)
    audit.record("organisation.saved", "organisation", 1, row.name)
    if embed_origins is not None and embed_origins != (old_origins or []):
        # Which sites may frame the resident pages is a security setting: say who changed it, and to what.
        audit.record("organisation.embed_origins", "organisation", 1, (" ".join(embed_origins) or "-")[:500])
    forget_organisation()
    return row
