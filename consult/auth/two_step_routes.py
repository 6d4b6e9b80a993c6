"""Two-step sign-in: the code after the password, setting it up, turning it off, an admin's reset.

Views on the auth blueprint (imported by app_setup). The rules are in consult/auth/two_step.py; who
is halfway through signing in is in consult/auth/second_step.py.
"""

from __future__ import annotations

from flask import current_app, flash, request, url_for
from flask_login import current_user, login_user
from limits import parse_many

from consult.auth import attempts, oidc, second_step, services, two_step
from consult.auth.forms import CodeForm, ConfirmForm, RecoveryCodeForm, TurnOffTwoStepForm
from consult.auth.roles import ADMINS, EVERYONE
from consult.auth.routes import _errors, _form_page, _me, _person, bp, signed_in
from consult.auth.sessions import role_required
from consult.extensions import db, limiter
from consult.htmx import redirect_to, render
from consult.translating import gettext as _
from consult.translating import ngettext

CODE_LIMITS = parse_many(two_step.CODE_LIMIT)


def allowed_before_two_step(view):
    """Marks a staff view that an admin who must set up two-step sign-in may still use."""
    view.allowed_before_two_step = True
    return view


@bp.before_app_request
def _two_step_first():
    """With TWO_FACTOR_REQUIRED, an admin without two-step sign-in reaches no staff page but its set-up."""
    if not current_app.config.get("TWO_FACTOR_REQUIRED"):
        return None
    view = current_app.view_functions.get(request.endpoint or "")
    # Staff views are the ones role_required guards; public pages (sign-out among them) stay open.
    if view is None or not hasattr(view, "required_roles") or getattr(view, "allowed_before_two_step", False):
        return None
    if oidc.signed_in_with_provider():
        return None  # the organisation's identity provider asked for its own second step, if any
    if current_user.is_authenticated and two_step.is_required_for(current_user) and not current_user.two_step_on:
        return redirect_to(url_for("auth.two_step_page"))
    return None


def _held(seconds: int) -> str:
    minutes = max(1, -(-seconds // 60))
    if minutes > 90:
        hours = -(-minutes // 60)
        return ngettext("Too many codes tried. Try again in %(num)d hour.",
                        "Too many codes tried. Try again in %(num)d hours.", hours)
    return ngettext("Too many codes tried. Try again in %(num)d minute.",
                    "Too many codes tried. Try again in %(num)d minutes.", minutes)


def _code_message(result: str) -> str:
    return {
        two_step.BAD_FORMAT: _("The code must be 6 numbers"),
        two_step.WRONG: _("The code is not right. Enter the code your app shows now"),
        two_step.REUSED: _("This code has already been used. Wait for your app to show a new code, then enter it"),
    }[result]


# Signing in: the second step ---------------------------------------------------------------------


def _code_page(template: str, form, staff, check):
    """The code page and its recovery-code twin: count the try, check it, sign in or say what is wrong."""
    status = 422 if request.method == "POST" else 200
    if form.validate_on_submit():
        if wait := attempts.count_attempt(staff.email, kind="code-attempt", limits=CODE_LIMITS):
            form.code.errors = [_held(wait)]
            status = 429
        else:
            message = check(staff, form.code.data)
            db.session.commit()
            if message is None:
                return None
            form.code.errors = [message]
    return render(template, status=status, form=form, errors=_errors(form.code))


@bp.route("/sign-in/code", methods=["GET", "POST"])
@limiter.limit(two_step.CODE_LIMIT, methods=["POST"])
def sign_in_code():
    waiting = second_step.pending()
    if waiting is None:
        return redirect_to(url_for("auth.sign_in"))
    staff, next_path = waiting

    def check(staff, typed):
        result = two_step.check_code(staff, typed)
        if result == two_step.ACCEPTED:
            return None
        two_step.record_refused_code(staff)
        return _code_message(result)

    page = _code_page("auth/sign_in_code.html", CodeForm(), staff, check)
    return page or signed_in(staff, next_path)


@bp.route("/sign-in/recovery-code", methods=["GET", "POST"])
@limiter.limit(two_step.CODE_LIMIT, methods=["POST"])
def sign_in_recovery():
    waiting = second_step.pending()
    if waiting is None:
        return redirect_to(url_for("auth.sign_in"))
    staff, next_path = waiting

    def check(staff, typed):
        if two_step.use_recovery_code(staff, typed):
            return None
        two_step.record_refused_code(staff)
        return _("This recovery code is not right, or it has already been used")

    page = _code_page("auth/sign_in_recovery.html", RecoveryCodeForm(), staff, check)
    if page is not None:
        return page
    response = signed_in(staff, next_path)
    left = two_step.recovery_codes_left(staff)
    flash(ngettext("You signed in with a recovery code. You have %(num)d recovery code left.",
                   "You signed in with a recovery code. You have %(num)d recovery codes left.", left), "success")
    if left <= 3:
        flash(_("To get new recovery codes, turn two-step sign-in off in Your account and set it up again."),
              "success")
    return response


# Your account: setting up and turning off ---------------------------------------------------------


@bp.route("/account/two-step", methods=["GET", "POST"])
@allowed_before_two_step
@role_required(*EVERYONE)
def two_step_page():
    """What two-step sign-in is, whether it is on, and the way to set it up or turn it off."""
    me = _me()
    form = ConfirmForm()
    if not me.two_step_on and form.validate_on_submit():
        two_step.start_setup(me)
        db.session.commit()
        return redirect_to(url_for("auth.two_step_set_up"))
    left = two_step.recovery_codes_left(me) if me.two_step_on else 0
    return render("auth/two_step.html", form=form, left=left, required=two_step.is_required_for(me))


@bp.route("/account/two-step/set-up", methods=["GET", "POST"])
@allowed_before_two_step
@role_required(*EVERYONE)
def two_step_set_up():
    me = _me()
    if me.two_step_on or not me.totp_secret:
        return redirect_to(url_for("auth.two_step_page"))
    form = CodeForm()
    status = 422 if request.method == "POST" else 200
    if form.validate_on_submit():
        result, codes = two_step.finish_setup(me, form.code.data)
        db.session.commit()
        if result == two_step.ACCEPTED:
            # Turning it on ended every session, this one too: sign this one in again.
            login_user(me)
            # Shown in this response and never again (the codes are kept only as hashes): no redirect
            # to a page that would have to find them somewhere.
            return render("auth/two_step_codes.html", codes=codes)
        form.code.errors = [_code_message(result)]
    return render("auth/two_step_set_up.html", status=status, form=form, errors=_errors(form.code),
                  uri=two_step.setup_uri(me), qr=two_step.qr_data_uri(two_step.setup_uri(me)),
                  groups=two_step.grouped(me.totp_secret))


@bp.route("/account/two-step/turn-off", methods=["GET", "POST"])
@role_required(*EVERYONE)
@limiter.limit(attempts.PASSWORD_LIMIT, methods=["POST"])
def two_step_turn_off():
    me = _me()
    if not me.two_step_on:
        return redirect_to(url_for("auth.two_step_page"))
    form = TurnOffTwoStepForm()
    valid = form.validate_on_submit()
    if valid and not services.check_password(me, form.password.data):
        form.password.errors.append(_("Your password is not right"))
        valid = False
    if valid:
        two_step.turn_off(me, by=me)
        db.session.commit()
        flash(_("Two-step sign-in is off. You sign in with your password only."), "success")
        return redirect_to(url_for("auth.account"))
    return _form_page("auth/two_step_turn_off.html", [form.password], form=form,
                      required=two_step.is_required_for(me))


# An admin, for someone who lost their phone and their recovery codes ---------------------------


@bp.route("/people/<int:number>/two-step", methods=["GET", "POST"])
@role_required(*ADMINS)
def reset_two_step(number):
    person = _person(number)
    if person.id == current_user.id:
        # Their own: with their password, like everyone else (no admin shortcut round it).
        return redirect_to(url_for("auth.two_step_turn_off"))
    if not person.two_step_on:
        return redirect_to(url_for("auth.people"))
    form = ConfirmForm()
    if form.validate_on_submit():
        two_step.turn_off(person, by=_me())
        db.session.commit()
        flash(_("Two-step sign-in for %(email)s has been reset. They have been signed out, and can sign in "
                "with their password and set it up again.", email=person.email), "success")
        return redirect_to(url_for("auth.people"))
    return render("auth/person_two_step.html", form=form, person=person)
