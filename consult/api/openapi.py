"""The OpenAPI 3.1 document, built by apispec from the API's own routes and view docstrings.

Paths come from the URL map (so a new view appears by itself) and each operation from the YAML in
its view's docstring; the shapes from schemas.py. Nothing is written by hand twice.
"""

from __future__ import annotations

import re

from apispec import APISpec
from apispec.yaml_utils import load_operations_from_docstring
from flask import current_app

from consult.api import schemas

_PARAMETER = re.compile(r"<(?:[^:<>]+:)?([^<>]+)>")


def openapi_spec() -> dict:
    spec = APISpec(
        title="Consult read API", version="1.0.0", openapi_version="3.1.0",
        info={"description": "Read consultations, questions, protected results and (with an analyst token) "
                             "responses. Send a token made by an administrator as "
                             "`Authorization: Bearer <token>`. Lists are paged with cursors."},
        servers=[{"url": "/api/v1"}],
        security=[{"bearerAuth": []}],
    )
    spec.components.security_scheme("bearerAuth", {"type": "http", "scheme": "bearer"})
    for name, schema in schemas.SCHEMAS.items():
        spec.components.schema(name, schema)
    for name, response in schemas.RESPONSES.items():
        spec.components.response(name, response)
    for name, parameter in schemas.PARAMETERS.items():
        spec.components.parameter(name, parameter["in"], {key: value for key, value in parameter.items()
                                                         if key != "in"})
    prefix = "/api/v1"
    for rule in sorted(current_app.url_map.iter_rules(), key=lambda rule: rule.rule):
        if not rule.endpoint.startswith("api."):
            continue
        view = current_app.view_functions[rule.endpoint]
        operations = load_operations_from_docstring(view.__doc__ or "")
        if not operations:
            continue
        spec.path(path=_PARAMETER.sub(r"{\1}", rule.rule.removeprefix(prefix)), operations=operations)
    return spec.to_dict()
