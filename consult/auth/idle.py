"""Staff idle timeout: a staff session with no request for STAFF_IDLE_MINUTES ends on its next one.

The rule lives on the server, so it holds with JavaScript off. Every request of a signed-in staff
member stamps the time into their session (SEEN_KEY, inside the signed cookie). A request that
arrives later than the limit ends the session before its view runs. Since the stamp is signed into
the cookie, any copy of a cookie that went unused for that long is dead for good: refreshing it
would take a request it cannot survive. (Residents never have a staff session, so this never
touches them; a kiosk device has its own idle rule in consult/kiosk/.)

What the person was doing is not lost, as in GOV.UK's timeout pattern:
- The ended session remembers whose it was (ENDED_KEY) until they sign in again.
- A page they ask for (GET) sends them to sign in, with a plain message, and back to that page.
- A form they send (POST) to a staff page is kept on the server (consult/auth/kept_work.py), not
  in the cookie: a cookie holds about 4 KB and anyone with the browser could read it. It is kept
  for its author only, shown only in the browser that sent it (a claim cookie), capped in size,
  and never from pages that carry residents' answers or passwords (NEVER_KEPT_FROM, and any field
  named like a password). After signing in they land on the kept-work page, which shows what they
  typed, to copy, inside a form that sends the same fields again, with a fresh CSRF token, to where
  they were going. The page's own view handles it as if the session had never ended: saved, or
  shown again with its errors and the typed values in place. Replaying through the real view is
  what makes this work for every form (only the view knows its form); nothing is sent until the
  person presses the button.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

from flask import after_this_request, current_app, has_request_context, request, session, url_for
from flask_babel import format_timedelta
from flask_login import current_user, logout_user, user_logged_in

from consult.auth import kept_work
from consult.extensions import db
from consult.htmx import is_htmx, redirect_to
from consult.i18n import LANGUAGE_SESSION_KEY
from consult.request_values import positive_int
from consult.translating import gettext as _
from consult.translating import ngettext

SEEN_KEY = "staff_seen"
ENDED_KEY = "staff_idle_ended"
CLAIM_COOKIE = "kept_work"
# The hidden field the kept-work page adds to the form it sends again: that kept row is then done.
REPLAY_FIELD = "kept_work"
# GOV.UK's timeout warning comes 2 minutes before the end (half the limit when that is shorter).
WARNING_SECONDS = 120
# Not touched at all: files, and sign-out, which ends every session of the person anyway.
IGNORED = {None, "static", "auth.sign_out"}
# Asking how long is left is not activity.
NOT_ACTIVITY = {"idle.status"}
# Forms from these blueprints are never kept: auth has passwords and two-step codes; entry is staff
# typing in residents' paper and phone answers; idle is this feature's own.
NEVER_KEPT_FROM = {"auth", "entry", "idle"}


def _now() -> float:
    return time.time()


def idle_seconds() -> int:
    return int(current_app.config["STAFF_IDLE_MINUTES"] * 60)


def warning_seconds() -> int:
    return min(WARNING_SECONDS, idle_seconds() // 2)


def init_app(app) -> None:
    # After the CSRF check (registered earlier, in csrf.init_app), so a forged post is never kept,
    # and after refuse_nul_bytes.
    from consult.auth.idle_routes import bp

    app.register_blueprint(bp)
    app.before_request(check_idle_session)
    app.context_processor(template_values)
    user_logged_in.connect(_stamp_sign_in)


def _stamp_sign_in(_sender, user=None, **_extra) -> None:
    session[SEEN_KEY] = int(_now())
    session.pop(ENDED_KEY, None)


# The rule ------------------------------------------------------------------------------------


def _seen_granularity() -> float:
    """How stale the stored time may get before a request writes it again.

    Writing it on every request would send a new session cookie with each one, and two requests at
    once (a page's pictures beside a form being sent) would each carry back their own copy of the
    session: the last to arrive wins, and a message flashed by the other is lost. So the time is
    written at most once a minute (or a tenth of the limit, when that is shorter); the rule stays
    right to within that.
    """
    return min(60.0, idle_seconds() / 10)


def check_idle_session():
    """Before every request: end a staff session that was idle too long, keep its work, go to sign in."""
    endpoint = request.endpoint
    if endpoint in IGNORED:
        return None
    if current_user.is_authenticated:
        now = _now()
        seen = session.get(SEEN_KEY)
        if not isinstance(seen, int | float):
            # Signed in before this rule existed: the clock starts now.
            session[SEEN_KEY] = int(now)
            return None
        if now - seen <= idle_seconds():
            if endpoint not in NOT_ACTIVITY and now - seen >= _seen_granularity():
                session[SEEN_KEY] = int(now)
            _notice_replay()
            return None
        _end_session(now)
    ended = _ended()
    if ended is None or not _is_staff_page():
        # Elsewhere (a consultation, the sign-in page) the person simply carries on, signed out.
        return None
    claim_key = None
    if request.method == "POST" and request.blueprint not in NEVER_KEPT_FROM:
        ended, claim_key = _keep_posted_work(ended)
    response = redirect_to(url_for("auth.sign_in", next=_next_page(ended)), whole_page=True)
    if claim_key:
        response.set_cookie(CLAIM_COOKIE, claim_key, max_age=kept_work.KEEP_HOURS * 3600,
                            path=url_for("idle.kept_work"), httponly=True, samesite="Lax",
                            secure=current_app.config["SESSION_COOKIE_SECURE"])
    return response


def _end_session(now: float) -> None:
    """Sign out here (only this session: the person's other devices were not idle), keeping the
    language, the CSRF token (a form on its way still validates) and whose session it was."""
    staff = current_user._get_current_object()
    token_key = current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token")
    kept = {key: session[key] for key in (LANGUAGE_SESSION_KEY, token_key) if key in session}
    logout_user()
    session.clear()
    session.update(kept)
    session[ENDED_KEY] = {"staff": staff.id, "epoch": staff.session_epoch, "at": int(now)}


def _ended() -> dict | None:
    """Whose session ended for lack of activity in this browser, if it did (and not too long ago)."""
    ended = session.get(ENDED_KEY)
    if not isinstance(ended, dict) or not isinstance(ended.get("at"), int):
        return None
    if _now() - ended["at"] > kept_work.KEEP_HOURS * 3600:
        session.pop(ENDED_KEY, None)
        return None
    return ended


def _is_staff_page() -> bool:
    """A view guarded by role_required (it marks the views it wraps)."""
    view = current_app.view_functions.get(request.endpoint)
    return getattr(view, "required_roles", None) is not None


def _keep_posted_work(ended: dict) -> tuple[dict, str | None]:
    """Keep the form for its author: (what the session now says, the key for the claim cookie or None)."""
    from consult.models import StaffUser

    staff = db.session.get(StaffUser, ended.get("staff"))
    # Signed out everywhere since (or deactivated): nobody to keep it for.
    if staff is None or not staff.active or staff.session_epoch != ended.get("epoch"):
        return ended, None
    try:
        fields = kept_work.keepable_fields(request.form.items(multi=True))
    except kept_work.TooMuch:
        return _note_ended(ended, kept="too_much"), None
    action = _this_address()
    if not fields or action.startswith("//"):  # the kept-work page sends it back here: this site only
        return ended, None
    key, claim_hash = kept_work.new_claim()
    had_files = any(upload.filename for upload in request.files.values())
    kept_work.keep_work(staff.id, action, page_they_were_on(), fields, claim_hash, had_files)
    db.session.commit()
    return _note_ended(ended, kept="kept"), key


def _note_ended(ended: dict, **changes) -> dict:
    session[ENDED_KEY] = {**ended, **changes}
    return session[ENDED_KEY]


def _this_address() -> str:
    return (request.script_root + request.full_path).rstrip("?")


def page_they_were_on() -> str:
    """The page the person was looking at: the one asked for, or for a form or an htmx request the
    page it came from (Referer; the Referrer-Policy sends it on this site only). Without a Referer,
    the form's own address when it is also a page, else the staff home."""
    if request.method == "GET" and not is_htmx():
        return _this_address()
    referrer = urlsplit(request.referrer or "")
    if referrer.path.startswith("/") and not referrer.path.startswith("//") and referrer.netloc == request.host:
        return referrer.path + (f"?{referrer.query}" if referrer.query else "")
    if request.url_rule is not None and "GET" in request.url_rule.methods:
        return _this_address()
    return url_for("staff.index")


def _next_page(ended: dict) -> str:
    if ended.get("kept") == "kept":
        return url_for("idle.kept_work")
    return page_they_were_on()


def _notice_replay() -> None:
    """The kept-work page's form is being sent: once the view has answered, that kept work is done."""
    if request.method != "POST" or REPLAY_FIELD not in request.form:
        return
    work_id = positive_int(request.form[REPLAY_FIELD])
    if work_id is None:
        return
    staff_id = current_user.id

    @after_this_request
    def forget(response):
        if response.status_code < 500:
            kept_work.forget_kept_work(staff_id, work_id)
            db.session.commit()
            response.delete_cookie(CLAIM_COOKIE, path=url_for("idle.kept_work"))
        return response


# What pages need -------------------------------------------------------------------------------


def status() -> dict:
    """For app.js: how long this session has left, or why it has none."""
    if current_user.is_authenticated:
        seen = session.get(SEEN_KEY, _now())
        left = max(0, int(seen + idle_seconds() - _now()))
        return {"signed_in": True, "seconds_left": left, "warning_seconds": warning_seconds()}
    reason = "idle" if _ended() is not None else "signed_out"
    return {"signed_in": False, "seconds_left": 0, "ended": reason}


@dataclass(frozen=True)
class IdleWarning:
    """What templates/auth/_idle_warning.html needs."""

    idle_seconds: int
    warning_seconds: int
    # "2 minutes", in the page's language: the dialog's words before app.js counts down.
    warning_text: str


def idle_message() -> str:
    minutes = current_app.config["STAFF_IDLE_MINUTES"]
    return ngettext("You were signed out because you had not done anything for %(num)d minute. "
                    "Sign in again to carry on.",
                    "You were signed out because you had not done anything for %(num)d minutes. "
                    "Sign in again to carry on.", minutes)


def sign_in_notice() -> list[str]:
    """The sign-in page's explanation after a session ended for lack of activity ([] otherwise)."""
    ended = _ended()
    if ended is None:
        return []
    sentences = [idle_message()]
    if ended.get("kept") == "kept":
        sentences.append(_("What you typed has been kept. You will see it after you sign in."))
    elif ended.get("kept") == "too_much":
        sentences.append(_("What you typed was too long to keep, so it was not saved."))
    return sentences


def template_values() -> dict:
    if not has_request_context():
        return {}
    values = {"idle_sign_in_notice": sign_in_notice, "idle_message": idle_message}
    if current_user.is_authenticated:
        warning = warning_seconds()
        text = format_timedelta(timedelta(seconds=warning), threshold=1, add_direction=False)
        values["staff_idle"] = IdleWarning(idle_seconds(), warning, text)
    return values
