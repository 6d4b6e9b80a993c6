"""Imports every module that adds views to the results blueprints, so that registering them is one import."""

# Each module below registers its routes on consult.results.blueprint.bp or public_blueprint.public_bp.
from consult.results import export_routes, theme_routes  # noqa: E402,F401  (exports; free-text answers and themes)
from consult.results import outcome_routes, public_routes, report_routes  # noqa: E402,F401  (you said, we did; PDFs)
from consult.results import dashboard_routes, response_routes  # noqa: E402,F401  (the dashboard; responses one by one)
from consult.contact import staff_routes  # noqa: E402,F401  (requests to hear about the results)
from consult.reach import routes as reach_routes  # noqa: E402,F401  (About you questions; who is missing)
