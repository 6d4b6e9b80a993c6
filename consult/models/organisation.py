"""The organisation that runs this Consult: its name, logo, colour, footer links, return address
and the sites that may embed its pages.

One row at most (id 1), written by admins on /staff/organisation. With no row the site shows Consult's
own name and colours. Read it through ``consult.organisation.organisation()``, never this model.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from consult.extensions import db
from consult.models._time import utcnow


class OrganisationSettings(db.Model):
    __tablename__ = "organisation_settings"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str | None] = mapped_column(String(120))
    # An upload in UPLOAD_FOLDER (consult/pictures/uploads.py), served by pictures.upload.
    logo_ref: Mapped[str | None] = mapped_column(String(255))
    logo_alt: Mapped[str | None] = mapped_column(String(250))
    # "#1d4d3f": the header's background, behind white text.
    brand_colour: Mapped[str | None] = mapped_column(String(7))
    # [{"label": "...", "url": "https://..."}], in the order shown.
    footer_links: Mapped[list | None] = mapped_column(JSON)
    # Where residents post paper questionnaires, one line of the address a line.
    return_address: Mapped[str | None] = mapped_column(Text)
    # ["https://www.example.gov.uk", ...]: the sites that may show the resident pages in a frame
    # (consult/embed). Each is checked by consult/site_origins.py before it is saved.
    embed_origins: Mapped[list | None] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
