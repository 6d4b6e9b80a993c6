"""Staff sign-in and sign-out."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user
from sqlalchemy import select

from consult.auth import services
from consult.auth.forms import SignInForm
from consult.auth.sessions import role_required
from consult.extensions import db, limiter
from consult.htmx import render
from consult.models import Consultation

bp = Blueprint("auth", __name__, url_prefix="/staff")


def _safe_next(target: str | None) -> str:
    # Only paths on this site, never another host.
    if target and target.startswith("/") and not target.startswith("//") and not urlsplit(target).netloc:
        return target
    return url_for("auth.dashboard")


@bp.route("/sign-in", methods=["GET", "POST"])
@limiter.limit("10 per minute; 50 per hour", methods=["POST"])
def sign_in():
    form = SignInForm()
    failed = None
    if form.validate_on_submit():
        staff = services.authenticate(form.email.data, form.password.data)
        if staff is not None:
            session.clear()
            login_user(staff)
            return redirect(_safe_next(request.args.get("next")), code=303)
        failed = _("The email address or password is not right")
    status = 422 if request.method == "POST" else 200
    return render("auth/sign_in.html", status=status, form=form, failed=failed)


@bp.post("/sign-out")
def sign_out():
    if current_user.is_authenticated:
        services.end_sessions(current_user)
        db.session.commit()
    logout_user()
    session.clear()
    return redirect(url_for("auth.signed_out"), code=303)


@bp.get("/signed-out")
def signed_out():
    return render("auth/signed_out.html")


@bp.get("/")
@role_required("admin", "editor", "analyst")
def dashboard():
    consultations = db.session.execute(select(Consultation).order_by(Consultation.created_at)).scalars().all()
    return render("auth/dashboard.html", consultations=consultations)
