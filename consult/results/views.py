"""Imports every module that adds views to the results blueprints, so that registering them is one import."""

# Each module below registers its routes on consult.results.blueprint.bp or public_blueprint.public_bp.
from consult.contact import staff_routes  # noqa: E402,F401  (requests to hear about the results)
from consult.reach import routes as reach_routes  # noqa: E402,F401  (About you questions; who is missing)
from consult.results import (  # noqa: E402,F401  (exports; free-text answers and themes)  # noqa: E402,F401  (you said, we did; PDFs)  # noqa: E402,F401  (the dashboard; responses one by one)
    dashboard_routes,
    export_routes,
    outcome_routes,
    public_routes,
    report_routes,
    response_routes,
    theme_routes,
)
