"""The public "you said, we did" pages for closed consultations, and their printed results."""

from flask import Blueprint

public_bp = Blueprint("outcomes", __name__, url_prefix="/results")
