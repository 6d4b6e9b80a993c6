"""The session cookie when another site embeds the consultations in a frame.

The session holds the resident's draft and the form's CSRF token. A browser sends a SameSite=Lax
cookie only when the page at the top of the window is on Consult's own site, so inside a frame on
the council's site the cookie is left out: every answer would fail its CSRF check and nothing
would be saved. So, once admins list a site that may embed (organisation settings) and Consult runs
over HTTPS (SESSION_COOKIE_SECURE; browsers refuse SameSite=None without Secure), the session
cookie becomes ``SameSite=None; Secure; Partitioned``.

The trade-off, and why Partitioned: SameSite=None alone would send the cookie with requests other
sites start, including a signed-in staff member's. Partitioned (CHIPS) keys the cookie to the site
at the top of the window: the cookie a frame on www.example.gov.uk gets is a separate one that only
exists under that site, and the cookie set on Consult itself (staff's sign-in) is only ever sent
when Consult is the top page. What is lost compared with Lax is that a form on another site that
posts to Consult as a whole page now carries the cookie: every POST still needs its CSRF token
(and Flask-WTF checks the Referer over HTTPS), which is what stops that. Browsers that block
third-party cookies and know nothing of Partitioned (Safari) still leave the cookie out; the embed
code's link opens the consultation in its own tab for them. A draft started in the frame is not the
one started on Consult's own site: that is the partition, and the resume link still brings it back.

Switching changes the cookie's attributes, not its name, so nobody is signed out and a kiosk stays
a kiosk. For a while a browser may hold both kinds (one partitioned, one not) and send both: the
newer one comes last (RFC 6265 5.4), so that one is read, written back in the current kind, and the
other kind is removed.
"""

from __future__ import annotations

from flask.sessions import SecureCookieSessionInterface
from itsdangerous import BadSignature

from consult.embed.framing import embedding_on


class EmbeddableSessionInterface(SecureCookieSessionInterface):
    def framed_cookie(self, app) -> bool:
        return bool(app.config.get("SESSION_COOKIE_SECURE")) and embedding_on()

    def get_cookie_samesite(self, app):
        return "None" if self.framed_cookie(app) else super().get_cookie_samesite(app)

    def get_cookie_partitioned(self, app) -> bool:
        return self.framed_cookie(app) or super().get_cookie_partitioned(app)

    def open_session(self, app, request):
        values = request.cookies.getlist(self.get_cookie_name(app))
        if len(values) < 2:
            return super().open_session(app, request)
        serializer = self.get_signing_serializer(app)
        if serializer is None:
            return None
        max_age = int(app.permanent_session_lifetime.total_seconds())
        for value in reversed(values):
            try:
                session = self.session_class(serializer.loads(value, max_age=max_age))
            except BadSignature:
                continue
            break
        else:
            session = self.session_class()
        # Written back in this response, so the browser is left with one kind (save_session).
        session.modified = True
        session.duplicated = True
        return session

    def save_session(self, app, session, response) -> None:
        if not session.modified and not (session and self.should_set_cookie(app, session)):
            # Nothing to write (a stylesheet, a picture): as Flask does, without asking the database
            # whether embedding is on, which the cookie's attributes would.
            if session.accessed:
                response.vary.add("Cookie")
            return
        if getattr(session, "duplicated", False):
            self._remove_other_kind(app, response)
        super().save_session(app, session, response)

    def _remove_other_kind(self, app, response) -> None:
        framed = self.framed_cookie(app)
        response.delete_cookie(
            self.get_cookie_name(app),
            domain=self.get_cookie_domain(app),
            path=self.get_cookie_path(app),
            # A partitioned cookie is always Secure; a Lax one is Secure over HTTPS.
            secure=True if not framed else self.get_cookie_secure(app),
            httponly=self.get_cookie_httponly(app),
            partitioned=not framed,
            samesite="Lax" if framed else "None",
        )
