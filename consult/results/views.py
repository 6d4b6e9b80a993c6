"""Imports every module that adds views to the results blueprints, so that registering them is one import."""

# Each module below registers its routes on consult.results.blueprint.bp or public_blueprint.public_bp.
