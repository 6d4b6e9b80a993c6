"""The reach blueprint: who answered and who is missing, and the About you questions that tell.

Its pages sit beside a consultation's results (/staff/results/<slug>/reach), but the package owns them.
"""

from flask import Blueprint

bp = Blueprint("reach", __name__, url_prefix="/staff/results")
