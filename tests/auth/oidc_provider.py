"""A small but real OpenID Connect provider for the tests, on a free local port in a thread.

It does what Entra ID, Google or Okta do for the authorization code flow, and checks what they
check, so Consult's client is tested against the protocol rather than against a mock of itself:
- discovery (/.well-known/openid-configuration) and the signing keys (/jwks: an RSA key made when
  the provider starts);
- /authorize: the client id, a registered redirect address, response_type=code, the openid scope,
  a state, a nonce and a PKCE S256 challenge are all required; it "signs in" whoever the test chose
  (``provider.user``) at once and sends the browser back with a one-time code;
- /token: client authentication (secret in a Basic header or the form), the code used once, the same
  redirect address, and the PKCE verifier that matches the challenge; it answers with an ID token
  signed with its key (RS256).

A test can make the ID token wrong in one way (``id_token_changes``: another nonce, audience, expiry or
issuer, or None to leave a claim out; ``sign_with_other_key``) to see that Consult refuses it.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import threading
import time
from urllib.parse import urlencode

from flask import Flask, jsonify, redirect, request
from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey
from werkzeug.serving import make_server

CLIENT_ID = "consult-test-client"
CLIENT_SECRET = "consult-test-secret-that-is-long-enough"
KEY_ID = "test-signing-key"
# Claim values the tests map to Consult's roles (Entra app roles look like this).
ROLE_VALUES = {"admin": ("Consult.Admin",), "editor": ("Consult.Editor",), "analyst": ("Consult.Analyst",)}
CALLBACK_PATH = "/staff/sign-in/provider/return"


def _signing_key() -> RSAKey:
    return RSAKey.generate_key(2048, parameters={"kid": KEY_ID, "use": "sig", "alg": "RS256"}, private=True)


def person(sub: str = "user-1", email: str = "person@council.example", roles=("Consult.Editor",), **more) -> dict:
    """The claims of someone at the provider."""
    return {"sub": sub, "email": email, "email_verified": True, "name": "Test Person", "roles": list(roles), **more}


class TestProvider:
    __test__ = False  # not a test class, whatever pytest thinks of the name

    def __init__(self):
        self.key = _signing_key()
        self.other_key = _signing_key()  # same key id, different key: a forged signature
        self.app = self._make_app()
        self.server = make_server("127.0.0.1", 0, self.app, threaded=True)
        self.issuer = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, name="oidc-provider", daemon=True)
        self.redirect_uris: set[str] = set()
        self.reset()

    # Controls for the tests ----------------------------------------------------------------------

    def reset(self) -> None:
        self.user: dict = person()
        self.id_token_changes: dict = {}
        self.sign_with_other_key = False
        self.discovery_issuer: str | None = None  # a discovery document naming another issuer
        self.codes: dict[str, dict] = {}
        self.authorize_requests: list[dict] = []
        self.token_requests: list[dict] = []

    def consult_config(self, **changes) -> dict:
        """What Consult's configuration (consult/config.py) holds for this provider."""
        config = {
            "OIDC_ISSUER": self.issuer,
            "OIDC_DISCOVERY_URL": f"{self.issuer}/.well-known/openid-configuration",
            "OIDC_CLIENT_ID": CLIENT_ID,
            "OIDC_CLIENT_SECRET": CLIENT_SECRET,
            "OIDC_SCOPES": "openid email profile",
            "OIDC_ROLES_CLAIM": "roles",
            "OIDC_ROLE_VALUES": dict(ROLE_VALUES),
            "OIDC_PROVIDER_NAME": "Contoso",
            "OIDC_BUTTON_LABEL": "",
        }
        config.update(changes)
        return config

    def start(self) -> TestProvider:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.thread.join(timeout=10)
        self.server.server_close()

    # The provider ---------------------------------------------------------------------------------

    def _make_app(self) -> Flask:
        app = Flask("test_oidc_provider")
        app.add_url_rule("/.well-known/openid-configuration", view_func=self._discovery)
        app.add_url_rule("/jwks", view_func=self._jwks)
        app.add_url_rule("/authorize", view_func=self._authorize)
        app.add_url_rule("/token", view_func=self._token, methods=["POST"])
        return app

    def _discovery(self):
        return jsonify({
            "issuer": self.discovery_issuer or self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "jwks_uri": f"{self.issuer}/jwks",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "code_challenge_methods_supported": ["S256"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
            "scopes_supported": ["openid", "email", "profile"],
        })

    def _jwks(self):
        return jsonify(KeySet([self.key]).as_dict(private=False))

    def _authorize(self):
        args = request.args.to_dict()
        self.authorize_requests.append(args)
        redirect_uri = args.get("redirect_uri", "")
        if args.get("client_id") != CLIENT_ID or redirect_uri not in self.redirect_uris:
            # Never send anything to an address that is not registered.
            return "unknown client or redirect address", 400
        problem = None
        if args.get("response_type") != "code":
            problem = "unsupported_response_type"
        elif "openid" not in args.get("scope", "").split():
            problem = "invalid_scope"
        elif not args.get("state") or not args.get("nonce"):
            problem = "invalid_request"
        elif args.get("code_challenge_method") != "S256" or not args.get("code_challenge"):
            problem = "invalid_request"
        if problem:
            return redirect(f"{redirect_uri}?{urlencode({'error': problem, 'state': args.get('state', '')})}")
        code = secrets.token_urlsafe(24)
        self.codes[code] = {"claims": dict(self.user), "nonce": args["nonce"], "redirect_uri": redirect_uri,
                            "challenge": args["code_challenge"]}
        return redirect(f"{redirect_uri}?{urlencode({'code': code, 'state': args['state']})}")

    def _client_authenticated(self) -> bool:
        auth = request.authorization
        if auth is not None and auth.type == "basic":
            return auth.username == CLIENT_ID and auth.password == CLIENT_SECRET
        return request.form.get("client_id") == CLIENT_ID and request.form.get("client_secret") == CLIENT_SECRET

    def _token(self):
        form = request.form.to_dict()
        self.token_requests.append(form)
        if not self._client_authenticated():
            return jsonify({"error": "invalid_client"}), 401
        if form.get("grant_type") != "authorization_code":
            return jsonify({"error": "unsupported_grant_type"}), 400
        grant = self.codes.pop(form.get("code", ""), None)  # each code works once
        if grant is None or form.get("redirect_uri") != grant["redirect_uri"]:
            return jsonify({"error": "invalid_grant"}), 400
        verifier = form.get("code_verifier", "")
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
        if not verifier or challenge != grant["challenge"]:
            return jsonify({"error": "invalid_grant", "error_description": "PKCE verifier does not match"}), 400
        now = int(time.time())
        claims = {"iss": self.issuer, "aud": CLIENT_ID, "iat": now, "exp": now + 300, "auth_time": now,
                  "nonce": grant["nonce"], **grant["claims"]}
        for name, value in self.id_token_changes.items():
            if value is None:
                claims.pop(name, None)  # a claim left out
            else:
                claims[name] = value
        key = self.other_key if self.sign_with_other_key else self.key
        id_token = jwt.encode({"alg": "RS256", "kid": KEY_ID, "typ": "JWT"}, claims, key)
        return jsonify({"access_token": secrets.token_urlsafe(24), "token_type": "Bearer", "expires_in": 300,
                        "id_token": id_token, "scope": "openid email profile"})
