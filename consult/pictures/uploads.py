"""Pictures staff upload: checked by their content, re-encoded, and stored under random names.

The file name and the browser's declared type are never trusted. Pillow must recognise the bytes as a PNG
or JPEG, the picture must be of sensible size, and it is saved again from its pixels, which drops anything
else the file carried (camera metadata with a location, a script appended after the image data).

Phones matter here: many save photos as MPO (a JPEG with more pictures appended, such as a depth map), and
most store a portrait photo sideways with an EXIF "orientation" tag. We keep the first picture only, as a
plain JPEG, and turn the pixels the way the tag says before the metadata is dropped.
"""

from __future__ import annotations

import io
import os
import secrets
import struct
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

from consult.storage import LocalStore
from consult.translating import lazy_gettext as _l

ALLOWED_FORMATS = {"PNG": "png", "JPEG": "jpg", "MPO": "jpg"}
# Bounds on each side (so a 16,000,000 x 1 line cannot pass on its small pixel count) and on the shape.
# 5000 takes the usual phone photo (4032 x 3024, 4608 x 3456) and caps the decoded size at 25 million pixels.
MAX_SIDE = 5000  # pixels
MAX_RATIO = 10  # the longer side at most this many times the shorter: a picture, not a line or a banner
SAVED_SIDE = 1200  # stored pictures are scaled down to this: enough for print at 300 dpi, 10 cm wide
MEDIA_TYPES = {"png": "image/png", "jpg": "image/jpeg"}


class PictureRejected(ValueError):
    """A translated, plain reason the picture cannot be used."""


@dataclass(frozen=True)
class StoredPicture:
    ref: str
    width: int
    height: int


def store_upload(data: bytes, store, max_bytes: int) -> StoredPicture:
    """Check an uploaded picture and keep a clean copy. Raises PictureRejected with a message for staff.

    ``store`` is where it is kept: a consult.storage store (``files(PICTURES)``), or a folder.
    """
    if not data:
        raise PictureRejected(_l("Choose a picture to upload"))
    if len(data) > max_bytes:
        megabytes = "%g" % (max_bytes / (1024 * 1024))
        raise PictureRejected(_l("The picture must be smaller than %(size)s MB", size=megabytes))
    image = _open(data)
    extension = ALLOWED_FORMATS[image.format]
    image = _clean_copy(image, extension)
    ref = f"{secrets.token_urlsafe(24)}.{extension}"
    buffer = io.BytesIO()
    if extension == "png":
        image.save(buffer, format="PNG", optimize=True)
    else:
        image.save(buffer, format="JPEG", quality=88)
    _as_store(store).write(ref, buffer.getvalue())  # a local store writes then renames: never half a file
    return StoredPicture(ref=ref, width=image.width, height=image.height)


def _open(data: bytes) -> Image.Image:
    try:
        with Image.open(io.BytesIO(data)) as probe:
            # Reads the header only: refuse the wrong type, or a "decompression bomb", before decoding.
            if probe.format not in ALLOWED_FORMATS:
                raise PictureRejected(_l("The picture must be a PNG or JPEG file"))
            _check_size(probe.width, probe.height)
            probe.verify()
        image = Image.open(io.BytesIO(data))
        # A JPEG can be decoded at 1/2, 1/4 or 1/8 of its size: no need to hold a whole phone photo in memory
        # when we keep SAVED_SIDE pixels of it. (An MPO opens on its first frame; only that one is read.)
        image.draft("RGB", (SAVED_SIDE, SAVED_SIDE))
        image.load()
        return image
    except PictureRejected:
        raise
    except Image.DecompressionBombError:
        # Pillow's own guard, for headers claiming hundreds of millions of pixels.
        raise PictureRejected(_side_message()) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise PictureRejected(_l("The picture must be a PNG or JPEG file")) from None


def _side_message():
    return _l("The picture must be at most %(side)s pixels wide and high", side=MAX_SIDE)


def _check_size(width: int, height: int) -> None:
    if max(width, height) > MAX_SIDE:
        raise PictureRejected(_side_message())
    if max(width, height) > MAX_RATIO * max(min(width, height), 1):
        raise PictureRejected(_l("The picture is too long and thin. One side can be at most %(ratio)s times "
                                 "the other.", ratio=MAX_RATIO))


def _clean_copy(image: Image.Image, extension: str) -> Image.Image:
    """Only the pixels, the right way up: no metadata, a colour mode every reader knows, and a sensible size."""
    image = _upright(image)
    if extension == "jpg":
        image = image.convert("RGB")
    elif image.mode not in ("RGB", "RGBA", "L", "LA"):
        image = image.convert("RGBA")
    image.thumbnail((SAVED_SIDE, SAVED_SIDE))
    clean = Image.new(image.mode, image.size)
    clean.paste(image)
    return clean


def _upright(image: Image.Image) -> Image.Image:
    """Turned the way its EXIF orientation tag says: the tag goes with the rest of the metadata."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # Pillow warns about damaged EXIF; we keep the pixels anyway
            return ImageOps.exif_transpose(image)
    except (struct.error, SyntaxError, ValueError, OSError, TypeError, KeyError):
        # Damaged metadata is no reason to refuse a good picture: keep it as it was drawn.
        return image


def delete_upload(store, ref: str) -> None:
    _as_store(store).delete(ref)


def _as_store(store):
    if isinstance(store, (str, os.PathLike)):
        return LocalStore(store)
    return store
