"""Serving uploaded pictures. They live outside static/, so nothing else can reach them by mistake."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, send_from_directory

from consult.pictures import valid_upload_ref
from consult.pictures.uploads import MEDIA_TYPES

bp = Blueprint("pictures", __name__)


@bp.get("/pictures/<name>")
def upload(name: str):
    if not valid_upload_ref(name):
        abort(404)
    response = send_from_directory(current_app.config["UPLOAD_FOLDER"], name,
                                   mimetype=MEDIA_TYPES[name.rsplit(".", 1)[1]], max_age=7 * 24 * 3600)
    # The stored bytes were checked and re-encoded, but never let a browser guess a different type.
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'"
    return response
