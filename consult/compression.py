"""Compressed pages, stylesheets and scripts, so a first visit stays small without a proxy that compresses.

Flask-Compress does the work. Brotli first (browsers offer it over HTTPS), gzip for everyone else.
Static files are sent as streams by Flask, and Flask-Compress leaves gzip out of its streaming list
by default; an old phone on plain HTTP offers only gzip and deflate, so gzip is put back.
"""

from __future__ import annotations

from flask import Flask
from flask_compress import Compress

# Text only: pictures (PNG, JPEG, WOFF2 fonts) are compressed already and would only grow.
TEXT_TYPES = [
    "text/html",
    "text/css",
    "text/javascript",
    "application/javascript",
    "application/json",
    "text/plain",
    "image/svg+xml",
]

compress = Compress()


def init_app(app: Flask) -> None:
    app.config.setdefault("COMPRESS_MIMETYPES", TEXT_TYPES)
    app.config.setdefault("COMPRESS_ALGORITHM", ["br", "gzip"])
    app.config.setdefault("COMPRESS_ALGORITHM_STREAMING", ["br", "gzip"])
    app.config.setdefault("COMPRESS_LEVEL", 6)
    app.config.setdefault("COMPRESS_BR_LEVEL", 5)
    compress.init_app(app)
