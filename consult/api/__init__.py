"""The read API (``/api/v1``): consultations, questions, protected results and, for analyst tokens,
responses, for the organisation's own dashboards and analysts' tools.

Tokens, not sessions: every request carries ``Authorization: Bearer <token>``; no cookie is read or
needed, so there is nothing for CSRF to forge. Staff make and revoke tokens on a page of their own
(token_routes.py). The OpenAPI document at ``/api/v1/openapi.json`` is built from the views' own
docstrings (openapi.py), so it cannot drift from the code.
"""
