"""JSON errors for the API: ``{"error": {"status": 404, "code": "not_found", "message": "..."}}``.

API clients are programs, so the messages are English and stable; ``code`` is what a program tests.
"""

from __future__ import annotations

from flask import jsonify
from werkzeug.exceptions import HTTPException

_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
          429: "too_many_requests", 500: "server_error"}


class ApiError(Exception):
    def __init__(self, status: int, message: str, code: str | None = None):
        super().__init__(message)
        self.status, self.message, self.code = status, message, code or _CODES.get(status, "error")


def json_error(status: int, message: str, code: str | None = None):
    response = jsonify(error={"status": status, "code": code or _CODES.get(status, "error"), "message": message})
    response.status_code = status
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="consult"'
    return response


def init_errors(bp) -> None:
    @bp.errorhandler(ApiError)
    def api_error(error: ApiError):
        return json_error(error.status, error.message, error.code)

    def http_error(error: HTTPException):
        message = error.name or "Error"
        if error.code == 429:
            message = f"Too many requests for this token: {error.description}. Wait and try again"
        return json_error(error.code or 500, message)

    # By code as well as by class: Flask prefers the app's handler for a code (its HTML pages) over a
    # blueprint's handler for a class.
    bp.register_error_handler(HTTPException, http_error)
    for code in _CODES:
        bp.register_error_handler(code, http_error)

    @bp.errorhandler(Exception)
    def unexpected(error: Exception):  # never an HTML page to a program, nor a traceback
        bp_logger(error)
        return json_error(500, "Something went wrong on the server")


def bp_logger(error: Exception) -> None:
    from flask import current_app

    current_app.logger.exception("API request failed", exc_info=error)
