"""Who is asking: the bearer token on every API request, checked before any view runs.

Missing, unknown, revoked and expired tokens all get 401 (with a message saying which, since the
person holding an expired token needs to know to ask for a new one; an unknown token says nothing
more). A consultation outside the token's scope is 404, as if it did not exist.
"""

from __future__ import annotations

from flask import g, request

from consult.api import tokens
from consult.api.errors import ApiError
from consult.models import ApiToken, Consultation
from consult.models._time import utcnow

# Views anyone may read: the description of the API itself.
OPEN_ENDPOINTS = {"api.openapi_document", "api.unknown"}


def bearer_secret() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, secret = header.partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        return None
    return secret.strip()


def rate_limit_key() -> str:
    """Each token has its own allowance; requests without one share their address's."""
    secret = bearer_secret()
    return f"api-token:{tokens.token_hash(secret)}" if secret else f"api-address:{request.remote_addr}"


def check_token() -> None:
    """The API blueprint's before-request hook: sets ``g.api_token`` or refuses with a JSON 401."""
    if request.endpoint in OPEN_ENDPOINTS:
        return
    secret = bearer_secret()
    if secret is None:
        raise ApiError(401, "Send a token in the Authorization header: Authorization: Bearer <token>",
                       "token_missing")
    token = tokens.find_token(secret)
    if token is None:
        raise ApiError(401, "This token is not known", "token_unknown")
    now = utcnow()
    if token.revoked_at is not None:
        raise ApiError(401, "This token was revoked. Ask an administrator for a new one", "token_revoked")
    if now >= token.expires_at:
        raise ApiError(401, "This token has expired. Ask an administrator for a new one", "token_expired")
    tokens.note_use(token, now)
    g.api_token = token


def current_token() -> ApiToken:
    return g.api_token


def scoped_consultation(slug: str) -> Consultation:
    """The consultation at ``slug`` if the token may read it; 404 otherwise (in scope or not, the same)."""
    for consultation in current_token().consultations:
        if consultation.slug == slug:
            return consultation
    raise ApiError(404, "No consultation with this address is readable with this token")


def require_analyst() -> None:
    if current_token().access != tokens.ANALYST:
        raise ApiError(403, "Reading responses needs an analyst token", "analyst_token_needed")
