"""Which pages another site may show in a frame, and which sites: decided here once.

Only the pages residents use and the public pages around them: the journey (start page, questions,
check, confirmation, saving and coming back, in easy read too: the same endpoints), hearing back,
the public results, asking about one's own answers, and the home page and statements that their
links lead to. Everything else (staff pages, sign-in, kiosks, downloads) keeps frame-ancestors
'none' and X-Frame-Options DENY: a framed staff page could be overlaid and clicked through.
"""

from __future__ import annotations

from flask import has_request_context, request

from consult.organisation import organisation

# Blueprints whose every page residents see (consult/respond, consult/contact, consult/results
# public_blueprint, consult/rights public_routes).
FRAMABLE_BLUEPRINTS = frozenset({"respond", "contact", "outcomes", "rights"})
# Single public pages in blueprints that are otherwise not framed.
FRAMABLE_ENDPOINTS = frozenset({"main.home", "main.accessibility", "main.privacy"})


def may_be_framed(endpoint: str | None) -> bool:
    if not endpoint:
        return False
    blueprint = endpoint.rpartition(".")[0]
    return blueprint in FRAMABLE_BLUEPRINTS or endpoint in FRAMABLE_ENDPOINTS


def framing_origins() -> tuple[str, ...]:
    """The sites that may frame this request's page: none unless the page is framable and admins
    listed some (organisation settings)."""
    if not has_request_context() or not may_be_framed(request.endpoint):
        return ()
    return organisation().embed_origins


def embedding_on() -> bool:
    """Whether any site may embed the consultations at all (the session cookie depends on it)."""
    return bool(organisation().embed_origins)
