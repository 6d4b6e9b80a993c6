"""This site's public address, for what is printed, cached or shared: from configuration only.

A request's Host header is whatever the client sent. Built into a poster's QR code, a cached PDF or a
link staff paste into a newsletter, it would let anyone put another site's address there (and each
new Host would make the server draw a new PDF). So the address comes from ``PUBLIC_URL``, else from
Flask's ``SERVER_NAME`` with ``PREFERRED_URL_SCHEME``, else there is none and the caller says so to
staff ("set PUBLIC_URL") instead of guessing.
"""

from __future__ import annotations

from flask import current_app, url_for


def public_base_url() -> str | None:
    """ "https://consult.example.org" (no trailing slash), or None when none is configured."""
    config = current_app.config
    if config.get("PUBLIC_URL"):
        return config["PUBLIC_URL"].rstrip("/")
    if config.get("SERVER_NAME"):
        return f"{config.get('PREFERRED_URL_SCHEME') or 'https'}://{config['SERVER_NAME']}"
    return None


def public_url(endpoint: str, **values) -> str | None:
    """The full public address of a page (url_for's path on the public base), or None."""
    base = public_base_url()
    return None if base is None else base + url_for(endpoint, **values)
