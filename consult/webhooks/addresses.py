"""Which addresses a webhook may be sent to: HTTPS only, except plain HTTP to this machine when
testing (or when ``WEBHOOKS_ALLOW_LOCAL_HTTP`` is set), so a test can run its own receiver."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app
from flask_babel import gettext as _

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
LONGEST = 500


def address_problem(url: str) -> str | None:
    """A translated reason this address cannot be used, or None when it can."""
    url = url.strip()
    if not url:
        return _("Enter the address to send to, starting with https://")
    if len(url) > LONGEST:
        return _("The address must be %(count)s characters or fewer.", count=LONGEST)
    try:
        parts = urlsplit(url)
        host = parts.hostname
        parts.port  # noqa: B018  (raises ValueError for a port that is not a number)
    except ValueError:
        host = None
    if not host or parts.scheme not in ("https", "http") or parts.username or parts.password:
        return _("Enter a web address such as https://example.org/consult-hook")
    if parts.scheme == "http" and not (host in LOCAL_HOSTS and local_http_allowed()):
        return _("The address must start with https:// so that answers are sent encrypted.")
    return None


def local_http_allowed() -> bool:
    return bool(current_app.testing or current_app.config.get("WEBHOOKS_ALLOW_LOCAL_HTTP"))
