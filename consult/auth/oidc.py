"""Sign-in with the organisation's identity provider (OpenID Connect): who the claims say this is.

The protocol (state, nonce, PKCE, checking the ID token's signature, issuer, audience and expiry)
is in consult/auth/oidc_routes.py, with Authlib. This module starts where that ends, from claims
that are already proven, and decides what they mean for Consult:

- The role comes from one claim (OIDC_ROLES_CLAIM: "roles" for Entra app roles, "groups" for Okta
  groups, "hd" for a Google Workspace domain), whose values the configuration maps to Consult's
  roles. Someone with several gets the strongest. Someone with none is refused, and nothing is
  created or changed.
- A person is known by the provider's subject ("<issuer> <sub>"), which never changes, not by their
  email address, which can. The first time, a password account with the same email address is
  linked (so an organisation can move its existing staff over); otherwise a new account is made.
- Every sign-in sets the role from the claims, so the provider's groups stay the truth.
- A deactivated account stays refused: only an admin in Consult can reactivate it.
- There is no second step here: the provider asks for one if the organisation wants it.

Functions change models and flush; the caller commits. No request, no rendering.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from flask import current_app, session
from sqlalchemy import select

from consult.audit import record
from consult.auth.services import create_staff, find_staff, normalise_email
from consult.extensions import db
from consult.models import ROLES, StaffUser

# Set in the session of someone who signed in through the provider; the two-step rule
# (consult/auth/two_step_routes.py) leaves such sessions alone, since the provider did that part.
PROVIDER_SESSION_KEY = "signed_in_with_provider"
LONGEST_EMAIL = 255

# Why a person who proved who they are at the provider still cannot sign in here.
NO_ROLE = "no_role"
NO_EMAIL = "no_email"
DEACTIVATED = "deactivated"
EMAIL_TAKEN = "email_taken"


class ProviderRefused(Exception):
    """The claims are genuine, but they do not let this person in (``reason``: one of the names above)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class ProviderSettings:
    issuer: str
    discovery_url: str
    client_id: str
    client_secret: str
    scopes: str
    roles_claim: str
    role_values: tuple[tuple[str, tuple[str, ...]], ...]  # (role, the claim values that give it), strongest first
    provider_name: str
    button_label: str


def settings() -> ProviderSettings | None:
    """The configured provider, or None when sign-in with a provider is off (no OIDC_ISSUER)."""
    config = current_app.config
    if not config.get("OIDC_ISSUER"):
        return None
    values = config.get("OIDC_ROLE_VALUES") or {}
    return ProviderSettings(
        issuer=config["OIDC_ISSUER"],
        discovery_url=config.get("OIDC_DISCOVERY_URL")
        or f"{config['OIDC_ISSUER'].rstrip('/')}/.well-known/openid-configuration",
        client_id=config["OIDC_CLIENT_ID"],
        client_secret=config["OIDC_CLIENT_SECRET"],
        scopes=config.get("OIDC_SCOPES") or "openid email profile",
        roles_claim=config.get("OIDC_ROLES_CLAIM") or "roles",
        role_values=tuple((role, tuple(values.get(role, ()))) for role in ROLES),
        provider_name=config.get("OIDC_PROVIDER_NAME") or "",
        button_label=config.get("OIDC_BUTTON_LABEL") or "",
    )


def signed_in_with_provider() -> bool:
    """True in a session that was started through the identity provider."""
    return bool(session.get(PROVIDER_SESSION_KEY))


# Reading the claims ------------------------------------------------------------------------------


def claim_values(claims: dict, name: str) -> list[str]:
    """The claim's values as a list of strings: a list claim, a single string, or a dotted path
    into nested objects (Keycloak's "realm_access.roles")."""
    value = claims.get(name)
    if value is None and "." in name:
        value = claims
        for part in name.split("."):
            value = value.get(part) if isinstance(value, dict) else None
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple):
        return [item for item in value if isinstance(item, str)]
    return []


def role_from_claims(claims: dict, provider: ProviderSettings) -> str | None:
    """The strongest role any of the person's claim values gives, or None."""
    held = set(claim_values(claims, provider.roles_claim))
    for role, values in provider.role_values:
        if held.intersection(values):
            return role
    return None


def email_from_claims(claims: dict) -> str | None:
    """Their email address: ``email``, else Entra's sign-in name when it is one (it usually is)."""
    for name in ("email", "preferred_username", "upn"):
        value = claims.get(name)
        if isinstance(value, str) and "@" in value and len(value.strip()) <= LONGEST_EMAIL:
            return normalise_email(value)
    return None


def subject_of(claims: dict) -> str:
    # The ID token's signature, issuer and required claims are checked before this is called.
    return f"{claims['iss']} {claims['sub']}"


def find_by_subject(subject: str) -> StaffUser | None:
    return db.session.execute(select(StaffUser).where(StaffUser.oidc_subject == subject)).scalar_one_or_none()


# Signing in --------------------------------------------------------------------------------------


def account_for(claims: dict, provider: ProviderSettings) -> StaffUser:
    """The staff account these proven claims sign in to: found, linked or created, with its role
    set from the claims. Raises ProviderRefused, having changed nothing, when they may not sign in."""
    role = role_from_claims(claims, provider)
    if role is None:
        raise ProviderRefused(NO_ROLE)
    subject = subject_of(claims)
    email = email_from_claims(claims)
    staff = find_by_subject(subject)
    if staff is None and email is not None:
        staff = find_staff(email)
        # Linking by email trusts the provider's word for it: not when it says it has not checked it,
        # and never onto an account that already belongs to someone else there.
        if staff is not None and (staff.oidc_subject is not None or claims.get("email_verified") is False):
            raise ProviderRefused(EMAIL_TAKEN)
    if staff is None:
        if email is None:
            raise ProviderRefused(NO_EMAIL)
        return _create(email, role, subject)
    if not staff.active:
        raise ProviderRefused(DEACTIVATED)
    if staff.oidc_subject is None:
        staff.oidc_subject = subject
        record("staff.provider_linked", "staff", staff.id, staff.email, staff=staff)
    if staff.role != role:
        old, staff.role = staff.role, role
        record("staff.role_from_provider", "staff", staff.id, f"{staff.email}: {old} → {role}", staff=staff)
    db.session.flush()
    return staff


def _create(email: str, role: str, subject: str) -> StaffUser:
    # A long random password nobody is told: the account signs in through the provider only, and the
    # password form treats it like any other account (the same work, the same answer).
    staff = create_staff(email, secrets.token_urlsafe(32), role)
    staff.oidc_subject = subject
    record("staff.created_by_provider", "staff", staff.id, f"{staff.email} ({role})", staff=staff)
    db.session.flush()
    return staff
