"""Sign-in with the organisation's identity provider: the OpenID Connect authorization code flow.

Views on the auth blueprint (imported by app_setup). Authlib does the protocol:
- the start view sends the browser to the provider with a fresh ``state`` and ``nonce`` and a PKCE
  challenge (S256), all kept in this browser's session;
- the return view refuses a ``state`` this session did not start (so nobody can sign someone in
  to an account of the attacker's choosing), swaps the code for tokens over a direct connection
  (client secret and PKCE verifier), and checks the ID token: its signature against the provider's
  published keys (JWKS), its issuer (exactly OIDC_ISSUER), its audience (our client id), its expiry
  and its nonce. Only then does consult/auth/oidc.py read the claims.
After that the session starts exactly as after a password (routes.signed_in: a fresh session, the
idle timeout's clock, the known-browser cookie), minus the two-step code, which is the provider's job.
"""

from __future__ import annotations

import logging
import threading

import requests
from authlib.integrations.base_client import OAuthError
from authlib.integrations.flask_client import OAuth
from flask import abort, current_app, request, session, url_for
from joserfc.errors import JoseError

from consult.addresses import public_url
from consult.auth import oidc
from consult.auth.routes import bp, signed_in
from consult.extensions import db, limiter
from consult.htmx import render
from consult.translating import gettext as _

log = logging.getLogger(__name__)

CLIENT_NAME = "identity_provider"
EXTENSION_KEY = "consult.identity_provider"
NEXT_KEY = "provider_next"
# Each start and return costs the provider (and us) a round trip; nobody signs in 20 times a minute.
PROVIDER_LIMIT = "20 per minute; 100 per hour"
# A provider that does not answer within this long is reported as unreachable, not waited on.
TIMEOUT_SECONDS = 10
# Clock difference allowed between us and the provider when checking the token's times.
LEEWAY_SECONDS = 60

_client_lock = threading.Lock()

# Why signing in through the provider did not work, beyond oidc.ProviderRefused's reasons.
FAILED = "failed"
UNREACHABLE = "unreachable"


class ProviderMisconfigured(RuntimeError):
    """The provider's discovery document names another issuer than OIDC_ISSUER."""


def _client(provider: oidc.ProviderSettings):
    """The Authlib client for this app and these settings (kept, with the provider's metadata and keys)."""
    kept = current_app.extensions.get(EXTENSION_KEY)
    if kept is not None and kept[0] == provider:
        return kept[1]
    with _client_lock:
        oauth = OAuth()
        oauth.init_app(current_app._get_current_object())
        client = oauth.register(
            CLIENT_NAME,
            client_id=provider.client_id,
            client_secret=provider.client_secret,
            server_metadata_url=provider.discovery_url,
            client_kwargs={"scope": provider.scopes, "code_challenge_method": "S256",
                           "default_timeout": TIMEOUT_SECONDS},
        )
        current_app.extensions[EXTENSION_KEY] = (provider, client)
    return client


def _checked_client(provider: oidc.ProviderSettings):
    client = _client(provider)
    issuer = client.load_server_metadata().get("issuer")
    if issuer != provider.issuer:
        # Tokens are checked against the discovery document's issuer: it must be the one configured.
        raise ProviderMisconfigured(f"the discovery document at {provider.discovery_url} names the issuer "
                                    f"{issuer!r}, but OIDC_ISSUER is {provider.issuer!r}")
    return client


def _claims_options(provider: oidc.ProviderSettings) -> dict:
    # Built fresh each time: Authlib takes things out of it while checking.
    return {"iss": {"essential": True, "value": provider.issuer},
            "aud": {"essential": True, "value": provider.client_id}}


def _callback_url() -> str:
    # PUBLIC_URL when set (it is what is registered at the provider); otherwise this request's own
    # address, which the provider checks against the addresses registered there.
    return public_url("auth.provider_return") or url_for("auth.provider_return", _external=True)


def button_label() -> str | None:
    """The sign-in page's button text, or None when sign-in with a provider is off."""
    provider = oidc.settings()
    if provider is None:
        return None
    if provider.button_label:
        return provider.button_label  # the organisation's own words, as they wrote them
    if provider.provider_name:
        return _("Sign in with %(provider)s", provider=provider.provider_name)
    return _("Sign in with your organisation’s account")


bp.add_app_template_global(button_label, "identity_provider_button")


def _refused(reason: str):
    """A plain page saying why, with the way back to the sign-in page. Nothing was signed in."""
    messages = {
        oidc.NO_ROLE: _("Your organisation’s account does not give you a role in Consult, so you cannot sign in "
                        "with it. Ask the people who manage your organisation’s accounts to add you to one of "
                        "Consult’s groups, then try again."),
        oidc.NO_EMAIL: _("Your organisation’s account did not tell Consult your email address, so Consult cannot "
                         "make an account for you. Ask the people who manage your organisation’s accounts."),
        oidc.DEACTIVATED: _("Your Consult account has been deactivated. Ask an admin in Consult to reactivate it."),
        oidc.EMAIL_TAKEN: _("Another Consult account already uses your email address, so Consult cannot connect "
                            "it to your organisation’s account. Ask an admin in Consult."),
        FAILED: _("Signing in with your organisation’s account did not work. Go back to the sign-in page and "
                  "try again. If it keeps happening, tell the people who manage Consult."),
        UNREACHABLE: _("Consult could not reach your organisation’s sign-in service. Try again in a few minutes, "
                       "or sign in with your email address and password if you have one."),
    }
    status = 503 if reason == UNREACHABLE else 403
    return render("auth/provider_refused.html", status=status, message=messages[reason])


@bp.get("/sign-in/provider")
@limiter.limit(PROVIDER_LIMIT)
def provider_sign_in():
    """Off to the organisation's sign-in page, remembering where to come back to."""
    provider = oidc.settings()
    if provider is None:
        abort(404)
    next_path = request.args.get("next")
    try:
        client = _checked_client(provider)
        # The state, nonce and PKCE verifier go into this browser's session (Authlib keeps them there).
        response = client.authorize_redirect(_callback_url())
    except (requests.RequestException, ValueError, ProviderMisconfigured) as error:
        log.error("Sign-in with the identity provider cannot start: %s", error)
        return _refused(UNREACHABLE)
    session[NEXT_KEY] = next_path if isinstance(next_path, str) else None
    return response


@bp.get("/sign-in/provider/return")
@limiter.limit(PROVIDER_LIMIT)
def provider_return():
    """Back from the provider: check everything, then sign in as after a password."""
    provider = oidc.settings()
    if provider is None:
        abort(404)
    try:
        client = _checked_client(provider)
        token = client.authorize_access_token(claims_options=_claims_options(provider), leeway=LEEWAY_SECONDS)
    except (requests.RequestException, ProviderMisconfigured) as error:
        log.error("Sign-in with the identity provider failed: the provider could not be reached: %s", error)
        return _refused(UNREACHABLE)
    except (OAuthError, JoseError, ValueError, KeyError) as error:
        # A state this browser did not start, the provider's own error (the person cancelled), or an
        # ID token that fails a check. Logged for whoever looks after Consult; never shown in detail.
        log.warning("Sign-in with the identity provider refused: %s: %s", type(error).__name__, error)
        return _refused(FAILED)
    claims = token.get("userinfo")
    if not claims:
        log.warning("Sign-in with the identity provider refused: the token response had no ID token")
        return _refused(FAILED)
    try:
        staff = oidc.account_for(dict(claims), provider)
    except oidc.ProviderRefused as refusal:
        db.session.rollback()
        return _refused(refusal.reason)
    db.session.commit()
    response = signed_in(staff, session.get(NEXT_KEY))
    session[oidc.PROVIDER_SESSION_KEY] = True
    return response
