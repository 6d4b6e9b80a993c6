"""The builder's blueprints, shared by its route modules."""

from flask import Blueprint

bp = Blueprint("build", __name__, url_prefix="/staff/consultations")

# The staff home (/staff/) is the list of consultations, so the builder serves it; its own blueprint
# because every other builder address starts /staff/consultations.
home_bp = Blueprint("staff", __name__, url_prefix="/staff")
