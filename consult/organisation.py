"""The organisation that runs this Consult, as every page and printout sees it.

``organisation()`` is the one way to read it: the header (name, logo, colour), the footer's links,
the return address the printed questionnaire gives for paper answers, and the sites that may
embed the resident pages. Admins change it on
/staff/organisation (consult/organisation_settings). Until they do, the site calls itself "Consult".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import g, has_request_context, url_for
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
    """The organisation's settings (read once per request)."""
    if has_request_context() and "organisation" in g:
        return g.organisation
    found = _load()
    if has_request_context():
        g.organisation = found
    return found


def forget_organisation() -> None:
    """After saving: the rest of this request reads the new settings."""
    if has_request_context():
        g.pop("organisation", None)


def _load() -> Organisation:
    try:
        row = db.session.get(OrganisationSettings, 1)
    except SQLAlchemyError:
        # The error page for a failed database still needs a header: Consult's own.
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
