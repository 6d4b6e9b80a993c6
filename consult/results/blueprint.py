"""The staff results blueprint. Views live in several modules (dashboard, exports, themes, outcomes) on this one bp."""

from flask import Blueprint

bp = Blueprint("results", __name__, url_prefix="/staff/results")
