"""A resident answering inside a frame whose browser will not keep Consult's cookie there.

Some browsers keep no cookies at all for a site framed by another one (Safari; any browser with
third-party cookies blocked that does not know Partitioned; every browser when Consult runs over
plain HTTP, where the cookie stays SameSite=Lax: consult/embed/cookies.py). Their answers come with
no session, so the CSRF check would fail, and the "please try again" page would come back every time.
A POST from inside a frame with no session cookie at all can only mean that, since the page it was
sent from set one: say so plainly and offer the consultation in a tab of its own, where it works.
"""

from __future__ import annotations

from flask import current_app, request, url_for

from consult.embed.framing import framing_origins
from consult.htmx import render

# Set by static/js/framed.js on htmx's requests: a fetch from a frame does not say it is in one.
FRAMED_HEADER = "X-Consult-Framed"


def _in_a_frame() -> bool:
    return request.headers.get("Sec-Fetch-Dest") == "iframe" or request.headers.get(FRAMED_HEADER) == "1"


def refuse_without_cookie():
    """Before the CSRF check: the page for a framed POST that came without the session cookie."""
    if request.method != "POST" or not _in_a_frame():
        return None
    if current_app.config["SESSION_COOKIE_NAME"] in request.cookies or not framing_origins():
        return None
    slug = (request.view_args or {}).get("slug")
    address = url_for("respond.start", slug=slug) if slug else url_for("main.home")
    return render("embed/cookies_blocked.html", status=400, address=address)


def init_app(app) -> None:
    # First of all the before-request functions, so it runs before Flask-WTF's CSRF check.
    app.before_request_funcs.setdefault(None, []).insert(0, refuse_without_cookie)
