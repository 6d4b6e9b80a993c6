"""The API's blueprint, and what every request to it goes through: rate limit, token, JSON errors."""

from __future__ import annotations

from flask import Blueprint, current_app

from consult.api.auth import check_token, rate_limit_key
from consult.api.errors import init_errors
from consult.extensions import csrf, limiter

bp = Blueprint("api", __name__, url_prefix="/api/v1")

# Token auth, no cookies: a browser cannot be tricked into sending a bearer token, so CSRF does not apply.
csrf.exempt(bp)
# One allowance per token across the whole API (API_RATE_LIMIT), checked before the token is.
limiter.shared_limit(lambda: current_app.config["API_RATE_LIMIT"], scope="api", key_func=rate_limit_key)(bp)
bp.before_request(check_token)
init_errors(bp)
