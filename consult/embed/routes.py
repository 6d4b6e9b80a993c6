"""/staff/consultations/<id>/embed: the code to show a consultation on the organisation's own website.

Editors (and admins), like the consultation's page, which shows the same code for its own language.
Also the template globals the resident pages use when they may be framed (layouts/base.html).
"""

from __future__ import annotations

from flask import Blueprint, current_app

from consult.auth.roles import EDITORS
from consult.auth.sessions import role_required
from consult.embed.code import FALLBACK_HEIGHT, embed_code, embed_codes
from consult.embed.framing import framing_origins
from consult.htmx import render
from consult.loading import consultation_or_404, staff_texts
from consult.organisation import organisation

bp = Blueprint("embed", __name__, url_prefix="/staff/consultations")


@bp.record_once
def _hooks(state) -> None:
    from consult.embed import blocked

    blocked.init_app(state.app)  # framed answers from a browser that keeps no cookie there


@bp.get("/<int:consultation_id>/embed")
@role_required(*EDITORS)
def code(consultation_id):
    consultation = consultation_or_404(consultation_id)
    return render("embed/code.html", consultation=consultation, t=staff_texts(consultation),
                  codes=embed_codes(consultation))


@bp.app_template_global("embed_parents")
def embed_parents() -> tuple[str, ...]:
    """The sites that may frame this page: the framed page's script sends its height only to them."""
    return framing_origins()


@bp.app_template_global("embedding")
def embedding(consultation) -> dict:
    """What a staff page says about embedding a consultation: who may, whether answers can be sent
    from a frame (HTTPS only: consult/embed/cookies.py), and the code in its own language."""
    return {
        "origins": organisation().embed_origins,
        "secure": bool(current_app.config.get("SESSION_COOKIE_SECURE")),
        "code": embed_code(consultation, consultation.default_language),
        "languages": len(consultation.offered_languages),
        "height": FALLBACK_HEIGHT,
    }
