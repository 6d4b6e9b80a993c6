"""The staff idle timeout's own pages: how long is left, "Stay signed in", and the kept work.

The rule itself (ending an idle session, keeping a form) is consult/auth/idle.py.
"""

from __future__ import annotations

import re

from flask import Blueprint, jsonify, request, url_for
from flask_login import current_user

from consult.auth import idle, kept_work
from consult.auth.roles import EVERYONE
from consult.auth.sessions import role_required
from consult.extensions import db
from consult.htmx import redirect_to, render

bp = Blueprint("idle", __name__, url_prefix="/staff")

# A value worth showing to copy: it has letters, and it is not a long token with no spaces.
_TOKEN = re.compile(r"\S{24,}")


def _wants_json() -> bool:
    return request.accept_mimetypes.best == "application/json"


@bp.get("/session")
def status():
    """How long this browser's staff session has left (app.js asks before warning). Not activity.

    Open to anyone: without a session it says only that there is none, and why.
    """
    return jsonify(idle.status())


@bp.post("/session")
def stay():
    """ "Stay signed in": the request itself is the activity (idle.check_idle_session stamped it)."""
    if _wants_json():
        return jsonify(idle.status())
    return redirect_to(idle.page_they_were_on())


def _label(name: str) -> str:
    # Field names are all we know of the form ("title", "data_use", "options-0-label").
    words = re.sub(r"[-_]+", " ", name).strip()
    return words[:1].upper() + words[1:]


def _shown(value: str) -> bool:
    text = value.strip()
    return any(character.isalpha() for character in text) and not _TOKEN.fullmatch(text)


@bp.get("/kept-work", endpoint="kept_work")
@role_required(*EVERYONE)
def kept_work_page():
    work = kept_work.kept_work_for(current_user.id, request.cookies.get(idle.CLAIM_COOKIE))
    if work is None:
        return redirect_to(url_for("staff.index"))
    fields = [{"name": name, "value": value, "label": _label(name), "shown": _shown(value)}
              for name, value in kept_work.fields_of(work)]
    return render("auth/kept_work.html", work=work, fields=fields, replay_field=idle.REPLAY_FIELD)


@bp.post("/kept-work/discard")
@role_required(*EVERYONE)
def discard_kept_work():
    work = kept_work.kept_work_for(current_user.id, request.cookies.get(idle.CLAIM_COOKIE))
    page = work.page if work is not None else url_for("staff.index")
    if work is not None:
        kept_work.forget_kept_work(current_user.id, work.id)
        db.session.commit()
    response = redirect_to(page)
    response.delete_cookie(idle.CLAIM_COOKIE, path=url_for("idle.kept_work"))
    return response
