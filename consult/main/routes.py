"""Pages that belong to no single consultation."""

from __future__ import annotations

from flask import Blueprint, current_app, make_response, url_for
from sqlalchemy import select, text

from consult.addresses import public_base_url
from consult.extensions import db
from consult.htmx import render
from consult.i18n import ContentCatalogue
from consult.models import Consultation
from consult.models._time import utcnow
from consult.models.consultation import PUBLISHED
from consult.models.content import EASY
from consult.respond.context import chosen_register
from consult.statements import security_txt as security_file
from consult.statements.services import statement_for
from consult.templating import current_language

bp = Blueprint("main", __name__)


@bp.get("/")
def home():
    consultations = db.session.execute(
        select(Consultation).where(Consultation.status == PUBLISHED).order_by(Consultation.closes_at)
    ).scalars().all()
    by_state = {"open": [], "closed": [], "scheduled": []}
    for consultation in consultations:
        by_state.setdefault(consultation.state(), []).append(consultation)
    by_state["closed"].reverse()  # most recently closed first
    block_ids = [block_id for c in consultations for block_id in (c.title_id, c.summary_id)]
    texts = ContentCatalogue.load(block_ids, language=current_language(), default_language="en")
    return render("main/home.html", open=by_state["open"], closed=by_state["closed"],
                  scheduled=by_state["scheduled"], t=texts)


@bp.get("/accessibility")
def accessibility():
    return _statement("accessibility")


@bp.get("/privacy")
def privacy():
    return _statement("privacy")


def _statement(kind: str):
    statement = statement_for(kind, current_language(), current_app.config["DRAFT_DAYS"])
    # No easy-read version of these pages yet: someone who chose easy read is told so plainly.
    return render("main/statement.html", statement=statement, easy_read=chosen_register() == EASY)


@bp.get(security_file.PATH)
def security_txt():
    body = security_file.security_txt(current_app.config["SECURITY_CONTACT"], public_base_url(),
                                      url_for("main.privacy"), utcnow().date())
    response = make_response(body or security_file.MISSING, 200 if body else 404)
    response.mimetype = "text/plain"
    return response


@bp.get("/health")
def health():
    db.session.execute(text("SELECT 1"))
    return {"status": "ok"}
