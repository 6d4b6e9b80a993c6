"""Serving uploaded pictures. They live outside static/, so nothing else can reach them by mistake.

The bytes come from the file store (consult/storage.py), so any server can serve a picture that
another one received.
"""

from __future__ import annotations

from flask import Blueprint, Response, abort, request

from consult.pictures import valid_upload_ref
from consult.pictures.uploads import MEDIA_TYPES
from consult.storage import PICTURES, files

bp = Blueprint("pictures", __name__)

# A stored picture never changes: a new upload gets a new random name.
MAX_AGE = 7 * 24 * 3600


@bp.get("/pictures/<name>")
def upload(name: str):
    if not valid_upload_ref(name):
        abort(404)
    data = files(PICTURES).read(name)
    if data is None:
        abort(404)
    response = Response(data, mimetype=MEDIA_TYPES[name.rsplit(".", 1)[1]])
    response.cache_control.max_age = MAX_AGE
    response.cache_control.public = True
    response.set_etag(name)  # the name is random and the bytes never change under it
    # The stored bytes were checked and re-encoded, but never let a browser guess a different type.
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'"
    return response.make_conditional(request)
