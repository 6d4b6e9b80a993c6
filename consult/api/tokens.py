"""Making, finding and revoking API tokens (services: no request, no rendering; the caller commits)."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from consult import audit
from consult.extensions import db
from consult.models import ApiToken, Consultation
from consult.models._time import utcnow

# "cst_" says what the string is (a secret scanner can be taught to spot it); 32 random bytes follow.
TOKEN_START = "cst_"
LIFETIMES = (7, 30, 90, 365)  # days a token may live, the admin's choice
ANALYST, READER = "analyst", "reader"


def token_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_token(name: str, access: str, consultations: list[Consultation], days: int, staff) -> tuple[ApiToken, str]:
    """A new token and its secret, which is never stored and so can be shown only now."""
    secret = TOKEN_START + secrets.token_urlsafe(32)
    token = ApiToken(name=name, token_hash=token_hash(secret), prefix=secret[:10], access=access,
                     created_by_id=staff.id if staff is not None else None,
                     expires_at=utcnow() + timedelta(days=days), consultations=list(consultations))
    db.session.add(token)
    db.session.flush()
    audit.record("api_token.created", "api_token", token.id, f"{name} ({access}, {days} days)", staff=staff)
    return token, secret


def revoke_token(token: ApiToken, staff) -> None:
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        audit.record("api_token.revoked", "api_token", token.id, token.name, staff=staff)


def find_token(secret: str) -> ApiToken | None:
    """The token with this secret, usable or not (the caller says which refusal applies)."""
    if not secret.startswith(TOKEN_START) or len(secret) > 200:
        return None
    return db.session.execute(
        select(ApiToken).where(ApiToken.token_hash == token_hash(secret)).options(selectinload(ApiToken.consultations))
    ).scalar_one_or_none()


def note_use(token: ApiToken, now: datetime) -> None:
    """Remember when a token was last used, at most once a minute (no write on every request)."""
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
        token.last_used_at = now
        db.session.commit()


def all_tokens() -> list[ApiToken]:
    return list(db.session.scalars(
        select(ApiToken).options(selectinload(ApiToken.consultations)).order_by(ApiToken.created_at.desc(),
                                                                                ApiToken.id.desc())))
