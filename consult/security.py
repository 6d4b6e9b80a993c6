"""Response headers that every page carries."""

from __future__ import annotations

from flask import current_app

from consult.embed.framing import framing_origins


def content_security_policy(frame_ancestors: tuple[str, ...] = ()) -> str:
    """No inline script or style anywhere, so the policy needs neither 'unsafe-inline' nor 'unsafe-eval'.

    ``frame_ancestors``: the sites that may frame this page (checked origins, consult/site_origins.py);
    none means no site may, not even this one.
    """
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "form-action 'self'",
            "frame-ancestors " + (" ".join(frame_ancestors) if frame_ancestors else "'none'"),
            "base-uri 'none'",
            "object-src 'none'",
        ]
    )


CONTENT_SECURITY_POLICY = content_security_policy()

# One year, the usual recommended minimum. No includeSubDomains: Consult cannot know what
# else runs under its host name (an organisation may serve it from its own bare domain, beside an older
# plain-HTTP intranet), and a browser that has seen the header would refuse those sites for a year.
# Operators who know every subdomain is HTTPS can add it at their proxy.
STRICT_TRANSPORT_SECURITY = "max-age=31536000"


def add_security_headers(response):
    headers = response.headers
    # A resident page the organisation lets its own site embed (consult/embed/framing.py).
    ancestors = framing_origins()
    headers.setdefault("Content-Security-Policy", content_security_policy(ancestors))
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "same-origin")
    if not ancestors:
        # X-Frame-Options has no way to name other sites: with an allow-list it would contradict the
        # policy (browsers that know frame-ancestors ignore it then, older ones would refuse the frame).
        headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    if response.mimetype == "text/html":
        # Answers appear in pages; keep them out of shared caches and the back-forward cache.
        headers.setdefault("Cache-Control", "no-store")
    if headers.get("Content-Disposition", "").lower().startswith("attachment"):
        # Every download (answer exports, contact lists, translation files) is a copy of staff data: never
        # kept in a browser's or proxy's cache. Set, not defaulted: send_file() puts "no-cache" there itself.
        headers["Cache-Control"] = "no-store"
    if current_app.config.get("SESSION_COOKIE_SECURE"):
        # Secure cookies mean the site is served over HTTPS only: tell browsers never to try plain HTTP.
        headers.setdefault("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY)
    return response
