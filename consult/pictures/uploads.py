"""Pictures staff upload: checked by their content, re-encoded, and stored under random names.

The file name and the browser's declared type are never trusted. Pillow must recognise the bytes as a PNG
or JPEG, the picture must be of sensible size, and it is saved again from its pixels, which drops anything
else the file carried (camera metadata with a location, a script appended after the image data).
"""

from __future__ import annotations

import io
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from flask_babel import lazy_gettext as _l
from PIL import Image, UnidentifiedImageError

ALLOWED_FORMATS = {"PNG": "png", "JPEG": "jpg"}
MAX_SIDE = 4000  # pixels; larger pictures are no use on a page or a printed sheet
MAX_PIXELS = MAX_SIDE * MAX_SIDE
SAVED_SIDE = 1200  # stored pictures are scaled down to this: enough for print at 300 dpi, 10 cm wide
MEDIA_TYPES = {"png": "image/png", "jpg": "image/jpeg"}


class PictureRejected(ValueError):
    """A translated, plain reason the picture cannot be used."""


@dataclass(frozen=True)
class StoredPicture:
    ref: str
    width: int
    height: int


def store_upload(data: bytes, folder: str | os.PathLike, max_bytes: int) -> StoredPicture:
    """Check an uploaded picture and keep a clean copy. Raises PictureRejected with a message for staff."""
    if not data:
        raise PictureRejected(_l("Choose a picture to upload"))
    if len(data) > max_bytes:
        megabytes = "%g" % (max_bytes / (1024 * 1024))
        raise PictureRejected(_l("The picture must be smaller than %(size)s MB", size=megabytes))
    image = _open(data)
    extension = ALLOWED_FORMATS[image.format]
    image = _clean_copy(image)
    ref = f"{secrets.token_urlsafe(24)}.{extension}"
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    if extension == "png":
        image.save(buffer, format="PNG", optimize=True)
    else:
        image.save(buffer, format="JPEG", quality=88)
    # Write to a temporary name, then rename: a half-written file is never served.
    temporary = target / f".{ref}.part"
    temporary.write_bytes(buffer.getvalue())
    temporary.replace(target / ref)
    return StoredPicture(ref=ref, width=image.width, height=image.height)


def _open(data: bytes) -> Image.Image:
    try:
        with Image.open(io.BytesIO(data)) as probe:
            # Reads the header only: refuse the wrong type, or a "decompression bomb", before decoding.
            if probe.format not in ALLOWED_FORMATS:
                raise PictureRejected(_l("The picture must be a PNG or JPEG file"))
            if probe.width * probe.height > MAX_PIXELS:
                raise PictureRejected(_l("The picture must be at most %(side)s pixels wide and high",
                                         side=MAX_SIDE))
            probe.verify()
        image = Image.open(io.BytesIO(data))
        image.load()
        return image
    except PictureRejected:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError, ValueError):
        raise PictureRejected(_l("The picture must be a PNG or JPEG file")) from None


def _clean_copy(image: Image.Image) -> Image.Image:
    """Only the pixels: no metadata, a colour mode every reader knows, and a sensible size."""
    format_name = image.format
    if format_name == "JPEG":
        image = image.convert("RGB")
    elif image.mode not in ("RGB", "RGBA", "L", "LA"):
        image = image.convert("RGBA")
    image.thumbnail((SAVED_SIDE, SAVED_SIDE))
    clean = Image.new(image.mode, image.size)
    clean.paste(image)
    return clean


def delete_upload(folder: str | os.PathLike, ref: str) -> None:
    path = Path(folder) / ref
    if path.parent == Path(folder) and path.exists():
        path.unlink()
