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
