"""The organisation that runs this Consult, as every page and printout sees it.

``organisation()`` is the one way to read it: the header (name, logo, colour), the footer's links,
the return address the printed questionnaire gives for paper answers, and the sites that may
embed the resident pages. Admins change it on
/staff/organisation (consult/organisation_settings). Until they do, the site calls itself "Consult".

Every page reads it (header, footer, the frame-ancestors header), so each server process keeps the
settings it last built and, once per request, asks the database only the row's ``updated_at`` (one
column of one row, no ORM): the settings are built again only when that changed. Asking on every
request, not trusting the copy for a while, means a save on one server shows on every other server's
next page, and the frame-ancestors header never lets a site in (or keeps it out) after an admin
changed the list.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import current_app, g, has_request_context, url_for
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from consult.extensions import db
from consult.models.organisation import OrganisationSettings
from consult.site_origins import stored_origins

DEFAULT_NAME = "Consult"  # the software's own name, not translated


@dataclass(frozen=True)
class FooterLink:
    label: str
    url: str


@dataclass(frozen=True)
class Organisation:
    name: str = DEFAULT_NAME
    logo_ref: str | None = None
    logo_alt: str = ""
    brand_colour: str | None = None
    footer_links: tuple[FooterLink, ...] = field(default_factory=tuple)
    return_address: str | None = None
    # The sites that may show the resident pages in a frame (consult/embed): () means none.
    embed_origins: tuple[str, ...] = ()
    # Changes whenever the settings are saved: part of the colour stylesheet's address, so browsers
    # that cached the old colour fetch the new one.
    version: str = ""

    @property
    def logo_url(self) -> str | None:
        return url_for("pictures.upload", name=self.logo_ref) if self.logo_ref else None

    @property
    def return_address_lines(self) -> list[str]:
        """The default return address for paper, a line each, or [] when admins have not given one."""
        return [line.strip() for line in (self.return_address or "").splitlines() if line.strip()]


def organisation() -> Organisation:
    """The organisation's settings (checked once per request)."""
    if has_request_context() and "organisation" in g:
        return g.organisation
    found = _current()
    if has_request_context():
        g.organisation = found
    return found


def forget_organisation() -> None:
    """After saving: the rest of this request reads the new settings."""
    if has_request_context():
        g.pop("organisation", None)


_TABLE = OrganisationSettings.__table__
_CHANGED_AT = select(_TABLE.c.updated_at).where(_TABLE.c.id == 1)
_KEPT_KEY = "organisation_settings"
_NO_ROW = object()  # the marker of "no row yet": unlike any updated_at, None included


def _current() -> Organisation:
    """The settings as they are now: this process's copy while the row's updated_at is unchanged."""
    try:
        row = db.session.execute(_CHANGED_AT).first()
    except SQLAlchemyError:
        # The error page for a failed database still needs a header: Consult's own.
        return Organisation()
    marker = _NO_ROW if row is None else row.updated_at
    # One copy per app: tests make many apps (and databases) in one process.
    kept = current_app.extensions.get(_KEPT_KEY)
    if kept is not None and kept[0] == marker:
        return kept[1]
    found = _load()
    # Kept under the marker read before loading: if the row changed in between, the next check
    # sees a newer updated_at and builds the settings again, so a stale copy never lasts.
    current_app.extensions[_KEPT_KEY] = (marker, found)
    return found


def _load() -> Organisation:
    try:
        row = db.session.get(OrganisationSettings, 1)
    except SQLAlchemyError:
        return Organisation()
    if row is None:
        return Organisation()
    links = tuple(FooterLink(link["label"], link["url"]) for link in row.footer_links or ()
                  if isinstance(link, dict) and link.get("label") and link.get("url"))
    return Organisation(
        name=row.name or DEFAULT_NAME,
        logo_ref=row.logo_ref,
        logo_alt=row.logo_alt or "",
        brand_colour=row.brand_colour,
        footer_links=links,
        return_address=row.return_address,
        embed_origins=stored_origins(row.embed_origins),
        version=row.updated_at.strftime("%Y%m%d%H%M%S%f") if row.updated_at else "",
    )
