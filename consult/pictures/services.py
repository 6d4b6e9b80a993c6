"""Giving a question, option or outcome a picture, and taking it away."""

from __future__ import annotations

from consult.extensions import db
from consult.models import Picture
from consult.models.content import make_block
from consult.pictures import OPENMOJI_ATTRIBUTION, SYMBOL_KIND, UPLOAD_KIND, valid_symbol_ref, valid_upload_ref


def symbol_picture(hexcode: str, alt: dict[str, str] | str, language: str) -> Picture:
    """A picture from the OpenMoji library, with its alt text in one or more languages."""
    if not valid_symbol_ref(hexcode):
        raise ValueError(f"not an OpenMoji hexcode: {hexcode!r}")
    picture = Picture(kind=SYMBOL_KIND, ref=hexcode, alt=make_block(alt, language),
                      attribution=OPENMOJI_ATTRIBUTION)
    db.session.add(picture)
    return picture


def upload_picture(ref: str, alt: dict[str, str] | str, language: str) -> Picture:
    if not valid_upload_ref(ref):
        raise ValueError(f"not a stored upload: {ref!r}")
    picture = Picture(kind=UPLOAD_KIND, ref=ref, alt=make_block(alt, language), attribution=None)
    db.session.add(picture)
    return picture


def set_picture(owner, picture: Picture | None) -> Picture | None:
    """Put a picture on a question, option or outcome; returns the one it replaces (kept for undo)."""
    previous = owner.picture
    owner.picture = picture
    return previous
