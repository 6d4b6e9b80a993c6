"""The builder blueprint, shared by routes.py (consultations) and question_routes.py (questions)."""

from flask import Blueprint

bp = Blueprint("build", __name__, url_prefix="/staff/consultations")
