"""Staff sign-in and sign-out, managing staff (admins), each person's own account, the audit log.

Thin views: read the form, call a service, commit, then redirect (303 / HX-Location) or render.
Every staff view is guarded by role_required; every view that takes a path parameter also answers
GET (a page, or a confirmation step), so tests/test_security.py can walk them all.
"""

from __future__ import annotations

import re
from math import ceil
from urllib.parse import urlsplit

from flask import Blueprint, abort, current_app, flash, redirect, request, session, url_for
from flask_babel import force_locale
from flask_login import current_user, login_user, logout_user
from wtforms.fields.choices import SelectChoice

from consult.auth import attempts, second_step, services
from consult.auth.attempts import PASSWORD_LIMIT
from consult.auth.forms import (
    ROLE_HINTS,
    ROLE_LABELS,
    AddStaffForm,
    ChangePasswordForm,
    ChangeRoleForm,
    ConfirmForm,
    LanguageForm,
    SignInForm,
)
from consult.auth.passwords import MIN_PASSWORD_LENGTH
from consult.auth.roles import ADMINS, EVERYONE
from consult.auth.sessions import role_required
from consult.extensions import db, limiter
from consult.htmx import redirect_to, render
from consult.i18n import FORMAT_LOCALES, LANGUAGE_SESSION_KEY, language_name
from consult.request_values import positive_int
from consult.templating import current_language
from consult.translating import gettext as _
from consult.translating import lazy_gettext as _l

bp = Blueprint("auth", __name__, url_prefix="/staff")

AUDIT_PER_PAGE = 50
# Guessing passwords, at sign-in or with someone else's open session, is slowed the same way per
# address (PASSWORD_LIMIT); sign-in is also limited per account (consult/auth/attempts.py).

# A human label for each audit action key; unknown keys are shown as they are.
ACTION_LABELS = {
    "staff.created": _l("Staff member added"),
    "staff.role_changed": _l("Role changed"),
    "staff.deactivated": _l("Staff member deactivated"),
    "staff.reactivated": _l("Staff member reactivated"),
    "staff.password_changed": _l("Password changed"),
    "consultation.created": _l("Consultation created"),
    "consultation.published": _l("Consultation published"),
    "consultation.closed": _l("Consultation closed"),
    "consultation.deleted": _l("Consultation deleted"),
    "consultation.changed": _l("Consultation settings changed"),
    "consultation.unpublished": _l("Consultation unpublished"),
    "consultation.reopened": _l("Consultation reopened"),
    "consultation.small_groups_changed": _l("Small-group threshold changed"),
    "question.created": _l("Question added"),
    "question.changed": _l("Question changed"),
    "question.moved": _l("Question moved"),
    "question.deleted": _l("Question deleted"),
    "question.restored": _l("Question put back"),
    "translation.changed": _l("Translation changed"),
    "translation.imported": _l("Translations imported"),
    "plain_word.saved": _l("Word to avoid added"),
    "plain_word.deleted": _l("Word to avoid removed"),
    "picture.set": _l("Picture chosen"),
    "picture.removed": _l("Picture removed"),
    "picture.restored": _l("Picture put back"),
    "response.deleted": _l("Response deleted"),
    "theme.created": _l("Theme created"),
    "theme.renamed": _l("Theme renamed"),
    "theme.deleted": _l("Theme deleted"),
    "answer.themes_changed": _l("Answer tagged"),
    "outcome.created": _l("Outcome added"),
    "api_token.created": _l("API token made"),
    "api_token.revoked": _l("API token revoked"),
    "api.responses_read": _l("Responses read through the API"),
    "outcome.changed": _l("Outcome changed"),
    "outcome.deleted": _l("Outcome deleted"),
    "results.published": _l("Results page published"),
    "results.unpublished": _l("Results page hidden"),
    "consultation.about_you_added": _l("About you questions added"),
    "consultation.reach_targets_changed": _l("Expected shares changed"),
    "response.entered": _l("Paper or phone answers typed in"),
    "contact_request.done": _l("Request to hear back marked done"),
    "contact_request.not_done": _l("Request to hear back marked not done"),
    "contact_request.downloaded": _l("Requests to hear back downloaded"),
    "contact_request.details_deleted": _l("Contact details deleted"),
    "kiosk.started": _l("Kiosk started"),
    "kiosk.ended": _l("Kiosk ended"),
    "statement.changed": _l("Accessibility statement or privacy notice changed"),
    "organisation.saved": _l("Organisation settings changed"),
    "staff.two_step_on": _l("Two-step sign-in turned on"),
    "staff.two_step_off": _l("Two-step sign-in turned off"),
    "staff.two_step_reset": _l("Two-step sign-in reset by an admin"),
    "staff.recovery_code_used": _l("Signed in with a recovery code"),
    "staff.sign_in_code_refused": _l("Wrong sign-in code after the right password"),
    "staff.created_by_provider": _l("Staff member added at their first sign-in with the organisation’s account"),
    "staff.provider_linked": _l("Account connected to the organisation’s account"),
    "staff.role_from_provider": _l("Role changed by the organisation’s account"),
    # Data retention (consult/retention) and residents' requests about their answers (consult/rights).
    "retention.applied": _l("Retention rule applied"),
    "retention.rights_replies_forgotten": _l("Ways to reply to requests about answers deleted"),
    "rights.copy_made_csv": _l("Copy of a person’s answers taken (CSV)"),
    "rights.copy_made_pdf": _l("Copy of a person’s answers taken (PDF)"),
    "rights.copy_done": _l("Request for a copy of answers done"),
    "rights.delete_done": _l("Request to delete answers closed (no answers found)"),
    "response.deleted_on_request": _l("Response deleted at the person’s request"),
}


def _me():
    return current_user._get_current_object()


def _safe_next(target: str | None) -> str:
    # Only paths on this site, never another host.
    if target and target.startswith("/") and not target.startswith("//") and not urlsplit(target).netloc:
        return target
    return url_for("staff.index")


def _clear_session_keeping_language() -> None:
    """A fresh session (nothing carried across a sign-in or sign-out) but the language chosen."""
    language = session.get(LANGUAGE_SESSION_KEY)
    session.clear()
    if language:
        session[LANGUAGE_SESSION_KEY] = language


def _errors(*fields) -> list[tuple[str, str]]:
    """(message, id) for the error summary; a radio group's link goes to its first radio."""
    found = []
    for field in fields:
        target = f"{field.id}-0" if field.type == "RadioField" else field.id
        found += [(message, target) for message in field.errors]
    return found


def _form_page(template: str, fields, **context):
    errors = _errors(*fields)
    status = 422 if request.method == "POST" and errors else 200
    return render(template, status=status, errors=errors, **context)


# Sign in and out -----------------------------------------------------------------------------


@bp.route("/sign-in", methods=["GET", "POST"])
@limiter.limit(PASSWORD_LIMIT, methods=["POST"])
def sign_in():
    form = SignInForm()
    failed = None
    status = 422 if request.method == "POST" else 200
    if form.validate_on_submit():
        if wait := attempts.count_attempt(form.email.data):
            return render("auth/sign_in.html", status=429, form=form, failed=attempts.held_message(wait))
        staff = services.authenticate(form.email.data, form.password.data)
        if staff is not None and staff.two_step_on:
            # Not signed in yet: the code comes first (consult/auth/two_step_routes.py).
            second_step.await_code(staff, request.args.get("next"))
            return redirect(url_for("auth.sign_in_code"), code=303)
        if staff is not None:
            return signed_in(staff, request.args.get("next"))
        failed = _("The email address or password is not right")
    return render("auth/sign_in.html", status=status, form=form, failed=failed)


def signed_in(staff, next_path: str | None):
    """Sign ``staff`` in to a fresh session, and go on to ``next_path`` (a path on this site)."""
    _clear_session_keeping_language()
    login_user(staff)
    response = redirect(_safe_next(next_path), code=303)
    # Only now: a browser that got no further than a right password is not one of the owner's.
    attempts.remember_browser(response, staff.email)
    return response


@bp.post("/sign-out")
def sign_out():
    if current_user.is_authenticated:
        services.end_sessions(current_user)
        db.session.commit()
    logout_user()
    _clear_session_keeping_language()
    return redirect(url_for("auth.signed_out"), code=303)


@bp.get("/signed-out")
def signed_out():
    return render("auth/signed_out.html")


# People (admins) -----------------------------------------------------------------------------


def _person(number: int):
    staff = services.get_staff(number)
    if staff is None:
        abort(404)
    return staff


def _refused(reason: str):
    messages = {
        services.SELF_DEMOTION: _("You cannot change your own role. Ask another admin to do it."),
        services.SELF_DEACTIVATION: _("You cannot deactivate your own account. Ask another admin to do it."),
    }
    return render("auth/person_refused.html", status=403, message=messages[reason])


@bp.get("/people")
@role_required(*ADMINS)
def people():
    return render("auth/people.html", people=services.list_staff(), role_labels=ROLE_LABELS)


@bp.route("/people/new", methods=["GET", "POST"])
@role_required(*ADMINS)
def add_person():
    form = AddStaffForm()
    if form.validate_on_submit():
        try:
            staff = services.add_staff(form.email.data, form.password.data, form.role.data, by=_me())
        except services.StaffChangeRefused:
            form.email.errors.append(_("There is already an account with this email address"))
        else:
            db.session.commit()
            flash(_("%(email)s can now sign in as %(role)s. Tell them their first password in a safe way.",
                    email=staff.email, role=ROLE_LABELS[staff.role]), "success")
            return redirect_to(url_for("auth.people"))
    return _form_page("auth/person_new.html", [form.email, form.role, form.password], form=form,
                      role_hints=ROLE_HINTS, min_length=MIN_PASSWORD_LENGTH)


# The parameter is called "number" (the staff member's number) so the route-walking security tests
# can fill it in.
@bp.route("/people/<int:number>/role", methods=["GET", "POST"])
@role_required(*ADMINS)
def change_role(number):
    staff = _person(number)
    if staff.id == current_user.id:
        return _refused(services.SELF_DEMOTION)
    form = ChangeRoleForm(data=None if request.method == "POST" else {"role": staff.role})
    if form.validate_on_submit():
        services.change_role(staff, form.role.data, by=_me())
        db.session.commit()
        flash(_("The role of %(email)s is now: %(role)s.", email=staff.email, role=ROLE_LABELS[staff.role]),
              "success")
        return redirect_to(url_for("auth.people"))
    return _form_page("auth/person_role.html", [form.role], form=form, person=staff, role_hints=ROLE_HINTS)


@bp.route("/people/<int:number>/deactivate", methods=["GET", "POST"])
@role_required(*ADMINS)
def deactivate_person(number):
    staff = _person(number)
    if staff.id == current_user.id:
        return _refused(services.SELF_DEACTIVATION)
    if not staff.active:
        return redirect_to(url_for("auth.people"))
    form = ConfirmForm()
    if form.validate_on_submit():
        services.deactivate_staff(staff, by=_me())
        db.session.commit()
        flash(_("%(email)s has been deactivated and signed out.", email=staff.email), "success")
        return redirect_to(url_for("auth.people"))
    return render("auth/person_deactivate.html", form=form, person=staff)


@bp.route("/people/<int:number>/reactivate", methods=["GET", "POST"])
@role_required(*ADMINS)
def reactivate_person(number):
    staff = _person(number)
    if staff.active:
        return redirect_to(url_for("auth.people"))
    form = ConfirmForm()
    if form.validate_on_submit():
        services.reactivate_staff(staff, by=_me())
        db.session.commit()
        flash(_("%(email)s has been reactivated and can sign in again.", email=staff.email), "success")
        return redirect_to(url_for("auth.people"))
    return render("auth/person_reactivate.html", form=form, person=staff, role_labels=ROLE_LABELS)


# Your account (everyone) ---------------------------------------------------------------------


@bp.get("/account")
@role_required(*EVERYONE)
def account():
    return render("auth/account.html", role_labels=ROLE_LABELS)


@bp.route("/account/password", methods=["GET", "POST"])
@role_required(*EVERYONE)
@limiter.limit(PASSWORD_LIMIT, methods=["POST"])
def change_password():
    me = _me()
    form = ChangePasswordForm()
    valid = form.validate_on_submit()
    if request.method == "POST" and form.current_password.data and not services.check_password(
            me, form.current_password.data):
        form.current_password.errors.append(_("Your current password is not right"))
        valid = False
    if valid:
        services.change_password(me, form.new_password.data)
        db.session.commit()
        # The new epoch ended every session, this one too: sign this one in again.
        login_user(me)
        flash(_("Your password has been changed. You have been signed out everywhere else."), "success")
        return redirect_to(url_for("auth.account"))
    return _form_page("auth/account_password.html",
                      [form.current_password, form.new_password, form.confirm_password], form=form,
                      min_length=MIN_PASSWORD_LENGTH)


@bp.route("/account/language", methods=["GET", "POST"])
@role_required(*EVERYONE)
def change_language():
    me = _me()
    supported = current_app.config["LANGUAGES"]
    current = me.locale if me.locale in supported else current_language()
    form = LanguageForm(data=None if request.method == "POST" else {"locale": current})
    form.locale.choices = [SelectChoice(code, language_name(code)) for code in supported]
    if form.validate_on_submit():
        language = form.locale.data
        services.set_locale(me, language)
        db.session.commit()
        # The remembered choice wins over the saved one (i18n.select_language), so set both.
        session[LANGUAGE_SESSION_KEY] = language
        with force_locale(FORMAT_LOCALES.get(language, language)):
            flash(_("Your language has been saved."), "success")
        return redirect_to(url_for("auth.account"))
    return _form_page("auth/account_language.html", [form.locale], form=form,
                      langs={code: code for code in supported})


# Audit log (admins) --------------------------------------------------------------------------


@bp.get("/audit")
@role_required(*ADMINS)
def audit_log():
    raw = request.args.get("page", "")
    if positive_int(raw) is None and re.fullmatch(r"-?[0-9]+", raw):
        abort(404)  # a number, but not a page: 0, negative, or more than the database could count
    page = positive_int(raw) or 1  # not a number at all ("x", "²"): the first page
    entries, total = services.audit_page(page, AUDIT_PER_PAGE)
    pages = max(1, ceil(total / AUDIT_PER_PAGE))
    if page > pages:
        abort(404)
    return render("auth/audit.html", entries=entries, page=page, pages=pages, total=total,
                  action_labels=ACTION_LABELS)
