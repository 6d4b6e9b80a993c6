"""Pictures beside questions, options and outcomes: symbols from OpenMoji, or pictures staff upload.

Where a picture lives:
- a symbol (kind "symbol", ref = OpenMoji hexcode such as "1F600") is a file installed from npm into
  static/vendor/openmoji/svg/ (see the Makefile's vendor target), served as a static file;
- an upload (kind "upload", ref = random name such as "k3J...Q.png") lives in the file store's "pictures"
  area (consult/storage.py: UPLOAD_FOLDER by default, outside static/; or the database, or S3), and is
  served by ``pictures.upload`` with ``X-Content-Type-Options: nosniff``.
"""

from __future__ import annotations

import re
from pathlib import Path

from flask import current_app, url_for

SYMBOL_KIND = "symbol"
UPLOAD_KIND = "upload"
SYMBOL_FOLDER = Path("vendor") / "openmoji" / "svg"  # relative to the static folder
OPENMOJI_ATTRIBUTION = "OpenMoji, CC BY-SA 4.0"

_HEXCODE = re.compile(r"^[0-9A-F]{2,6}(-[0-9A-F]{2,6})*$")
_UPLOAD_NAME = re.compile(r"^[A-Za-z0-9_-]{20,64}\.(png|jpg)$")


def valid_symbol_ref(ref: str) -> bool:
    return bool(_HEXCODE.match(ref))


def valid_upload_ref(ref: str) -> bool:
    return bool(_UPLOAD_NAME.match(ref))


def symbol_url(hexcode: str) -> str:
    return url_for("static", filename=f"{SYMBOL_FOLDER.as_posix()}/{hexcode}.svg")


def picture_url(picture) -> str:
    """The address a page (or a PDF, through its URL fetcher) loads the picture from."""
    if picture.kind == SYMBOL_KIND:
        return symbol_url(picture.ref)
    return url_for("pictures.upload", name=picture.ref)


def picture_path(picture) -> Path | None:
    """The file on disk behind a symbol, or None if the reference is not one we could have made.

    Uploads have no path of their own (they may be in the database or S3): see ``picture_available``.
    """
    if picture.kind == SYMBOL_KIND:
        if not valid_symbol_ref(picture.ref):
            return None
        return Path(current_app.static_folder) / SYMBOL_FOLDER / f"{picture.ref}.svg"
    return None


def picture_available(picture) -> bool:
    """Whether the picture's file is there to be shown or printed."""
    if picture.kind == SYMBOL_KIND:
        path = picture_path(picture)
        return path is not None and path.is_file()
    from consult.storage import PICTURES, files

    return valid_upload_ref(picture.ref) and files(PICTURES).exists(picture.ref)
