"""Uploaded pictures are checked by content, cleaned, and kept under random names."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from consult.pictures import valid_upload_ref
from consult.pictures.uploads import MAX_SIDE, PictureRejected, store_upload

LIMIT = 1024 * 1024


def _image_bytes(format_name: str, size=(40, 30), mode="RGB", **save) -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, "teal").save(buffer, format=format_name, **save)
    return buffer.getvalue()


def test_a_png_is_stored_under_a_random_name(tmp_path):
    stored = store_upload(_image_bytes("PNG"), tmp_path, LIMIT)
    assert stored.ref.endswith(".png") and valid_upload_ref(stored.ref)
    assert Image.open(tmp_path / stored.ref).format == "PNG"
    again = store_upload(_image_bytes("PNG"), tmp_path, LIMIT)
    assert again.ref != stored.ref


def test_a_jpeg_loses_its_metadata(tmp_path):
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"  # Make
    exif[0x8825] = {2: (51.0, 30.0, 0.0)}  # GPS: a place the photo was taken
    data = _image_bytes("JPEG", exif=exif.tobytes())
    assert Image.open(io.BytesIO(data)).getexif()
    stored = store_upload(data, tmp_path, LIMIT)
    saved = Image.open(tmp_path / stored.ref)
    assert stored.ref.endswith(".jpg") and saved.format == "JPEG"
    assert not saved.getexif()


def test_the_name_and_declared_type_are_not_trusted(tmp_path):
    for data in (b"<svg onload=alert(1)></svg>", b"<html><script>alert(1)</script>", _image_bytes("GIF"),
                 _image_bytes("BMP"), b"\x89PNG\r\n\x1a\n" + b"broken"):
        with pytest.raises(PictureRejected) as problem:
            store_upload(data, tmp_path, LIMIT)
        assert "PNG or JPEG" in str(problem.value)
    assert list(tmp_path.iterdir()) == []


def test_empty_too_heavy_and_too_large_pictures_are_refused(tmp_path):
    with pytest.raises(PictureRejected, match="Choose a picture"):
        store_upload(b"", tmp_path, LIMIT)
    with pytest.raises(PictureRejected, match="smaller than 1 MB"):
        store_upload(_image_bytes("PNG") + b"\0" * LIMIT, tmp_path, LIMIT)
    huge = _image_bytes("PNG", size=(MAX_SIDE + 1, MAX_SIDE + 1), mode="1")
    assert len(huge) < LIMIT  # small on disk, enormous in memory: refused from its header
    with pytest.raises(PictureRejected, match="pixels"):
        store_upload(huge, tmp_path, LIMIT)


def test_big_pictures_are_scaled_down_and_transparency_is_kept(tmp_path):
    stored = store_upload(_image_bytes("PNG", size=(2400, 1200), mode="RGBA"), tmp_path, LIMIT)
    saved = Image.open(tmp_path / stored.ref)
    assert saved.size == (1200, 600) and saved.mode == "RGBA"


ORIENTATION = 0x0112  # the EXIF tag phones use instead of turning the pixels round
TURN_CLOCKWISE = 6  # "show this picture turned a quarter clockwise": a portrait photo taken upright


def _sideways(mode="RGB") -> Image.Image:
    """40 wide, 20 high: red on the left half, blue on the right. Shown turned clockwise, red is on top."""
    image = Image.new(mode, (40, 20), "blue")
    image.paste((255, 0, 0), (0, 0, 20, 20))
    return image


def _orientation(turn: int) -> bytes:
    exif = Image.Exif()
    exif[ORIENTATION] = turn
    return exif.tobytes()


def _is_red(pixel) -> bool:
    red, green, blue = pixel[:3]
    return red > 200 and green < 60 and blue < 60


def test_a_phone_photo_in_mpo_is_kept_as_a_plain_jpeg_of_its_first_frame(tmp_path):
    buffer = io.BytesIO()
    _sideways().save(buffer, format="MPO", save_all=True, append_images=[Image.new("RGB", (40, 20), "green")])
    assert Image.open(io.BytesIO(buffer.getvalue())).format == "MPO"
    stored = store_upload(buffer.getvalue(), tmp_path, LIMIT)
    saved = Image.open(tmp_path / stored.ref)
    assert stored.ref.endswith(".jpg") and saved.format == "JPEG" and getattr(saved, "n_frames", 1) == 1
    assert saved.size == (40, 20) and _is_red(saved.getpixel((5, 10)))  # the first frame, not the green one


@pytest.mark.parametrize("format_name", ["JPEG", "MPO"])
def test_a_portrait_photo_is_stored_upright(tmp_path, format_name):
    buffer = io.BytesIO()
    extra = {"save_all": True, "append_images": [_sideways()]} if format_name == "MPO" else {}
    _sideways().save(buffer, format=format_name, exif=_orientation(TURN_CLOCKWISE), **extra)
    stored = store_upload(buffer.getvalue(), tmp_path, LIMIT)
    saved = Image.open(tmp_path / stored.ref)
    assert (stored.width, stored.height) == saved.size == (20, 40)
    assert _is_red(saved.getpixel((10, 5))) and not _is_red(saved.getpixel((10, 35)))
    assert ORIENTATION not in saved.getexif()  # turned once, by us; no viewer turns it again


def test_a_long_thin_picture_is_refused_however_few_pixels_it_has(tmp_path):
    line = _image_bytes("PNG", size=(16_000_000, 1), mode="1")
    assert len(line) < LIMIT
    with pytest.raises(PictureRejected, match="pixels wide and high"):
        store_upload(line, tmp_path, LIMIT)
    with pytest.raises(PictureRejected, match="too long and thin"):
        store_upload(_image_bytes("PNG", size=(40, 3000), mode="1"), tmp_path, LIMIT)
    assert list(tmp_path.iterdir()) == []


def test_a_usual_phone_photo_size_is_accepted(tmp_path):
    stored = store_upload(_image_bytes("JPEG", size=(4032, 3024)), tmp_path, LIMIT)
    assert (stored.width, stored.height) == (1200, 900)
