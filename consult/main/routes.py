"""Pages that belong to no single consultation."""

from __future__ import annotations

from flask import Blueprint
from sqlalchemy import select, text

from consult.extensions import db
from consult.htmx import render
from consult.i18n import ContentCatalogue
from consult.models import Consultation
from consult.models.consultation import PUBLISHED
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
    return render("main/accessibility.html")


@bp.get("/health")
def health():
    db.session.execute(text("SELECT 1"))
    return {"status": "ok"}
