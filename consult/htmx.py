"""The only place that reads HX-* request headers or writes HX-* response headers.

htmx 4 facts: ``HX-Target`` looks like ``main#main``; ``HX-Request-Type`` is ``partial`` for a
targeted swap; htmx does not follow a 3xx the way a browser does, so after a POST we answer 200
with ``HX-Location`` and htmx fetches the next page itself and pushes its address.
"""

from __future__ import annotations

import json

from flask import make_response, redirect, render_template, request

# Every swappable page region lives in <main id="main">.
MAIN_TARGET = "#main"


def is_htmx() -> bool:
    return request.headers.get("HX-Request") == "true"


def wants_fragment() -> bool:
    """True when htmx asked to swap only the main region (not a history restore, not a full page)."""
    return (
        is_htmx()
        and request.headers.get("HX-Request-Type") == "partial"
        and request.headers.get("HX-History-Restore-Request") != "true"
        and request.headers.get("HX-Target", "").endswith(MAIN_TARGET)
    )


def targets(element_id: str) -> bool:
    """True when htmx asked to swap the element with this id (``HX-Target: div#question-list``)."""
    return is_htmx() and request.headers.get("HX-Target", "").endswith(f"#{element_id}")


def announce(response, message: str, focus: str | None = None):
    """Tell app.js to say ``message`` in the status region (and move focus to ``focus``, an id)."""
    # target body: htmx fires the event on the element that made the request, which a swap may
    # have just removed from the page; on <body> it always reaches app.js.
    response.headers["HX-Trigger"] = json.dumps(
        {"consult:announce": {"target": "body", "message": message, "focus": focus}}
    )
    return response


def render_partial(template: str, status: int = 200, **context):
    """Render a small template on its own, for an htmx swap of one region."""
    response = make_response(render_template(template, **context), status)
    response.vary.add("HX-Request")
    return response


def render(template: str, status: int = 200, **context):
    """Render a whole page, or only its title and main content for an htmx swap."""
    # With fragment=True the layout renders only the title and content blocks (layouts/base.html).
    # We render the whole template rather than its blocks alone (jinja2-fragments) because a block
    # rendered alone loses the macros the template imports at its top.
    body = render_template(template, fragment=wants_fragment(), **context)
    response = make_response(body, status)
    response.vary.add("HX-Request")
    return response


def redirect_to(url: str, whole_page: bool = False):
    """Post/redirect/get for browsers; the same for htmx, expressed as HX-Location.

    ``whole_page``: the next page differs outside <main> too (its language, so <html lang dir>), so
    htmx loads it as a whole page (HX-Redirect) instead of swapping <main>.
    """
    if is_htmx() and whole_page:
        response = make_response("", 200)
        response.headers["HX-Redirect"] = url
        return response
    if is_htmx():
        response = make_response("", 200)
        # "source" too: htmx builds the HX-Target request header from the source element, before
        # it applies "target", so without it the follow-up GET would claim to target <body>.
        response.headers["HX-Location"] = json.dumps({"path": url, "source": MAIN_TARGET, "target": MAIN_TARGET})
        return response
    return redirect(url, code=303)
