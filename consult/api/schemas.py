"""JSON Schemas of what the API sends, for the OpenAPI document (openapi.py registers them)."""

from __future__ import annotations

_WORDS = {"type": "object", "additionalProperties": {"type": "string"},
          "description": "Words by language code"}
TEXTS = {"type": "object", "description": "Words by register (standard, easy), each by language code",
         "properties": {"standard": _WORDS, "easy": _WORDS}}
_CURSOR = {"type": ["string", "null"], "description": "Pass as ?cursor= for the next page; null on the last"}
_MOMENT = {"type": ["string", "null"], "format": "date-time"}
_VALUE = {"type": ["number", "string"],
          "description": "A number for whole-number questions; text (so nothing is rounded) for decimals and money"}

CELL = {
    "type": "object", "required": ["count", "state", "percent"],
    "properties": {
        "count": {"type": ["integer", "null"], "description": "null unless the state is shown"},
        "state": {"type": "string", "enum": ["shown", "small", "hidden"]},
        "percent": {"type": ["integer", "null"], "description": "Of the people asked, when shown"},
    },
}

SCHEMAS = {
    "Texts": TEXTS,
    "Cell": CELL,
    "Error": {
        "type": "object", "required": ["error"],
        "properties": {"error": {"type": "object", "required": ["status", "code", "message"], "properties": {
            "status": {"type": "integer"}, "code": {"type": "string"}, "message": {"type": "string"}}}},
    },
    "Consultation": {
        "type": "object", "required": ["slug", "state", "title", "languages"],
        "properties": {
            "slug": {"type": "string"}, "state": {"type": "string", "enum": ["draft", "scheduled", "open", "closed"]},
            "title": {"$ref": "#/components/schemas/Texts"}, "summary": {"$ref": "#/components/schemas/Texts"},
            "default_language": {"type": "string"}, "languages": {"type": "array", "items": {"type": "string"}},
            "opens_at": _MOMENT, "closes_at": _MOMENT, "small_group_threshold": {"type": "integer"},
        },
    },
    "Option": {
        "type": "object", "required": ["id", "value", "kind", "label"],
        "properties": {"id": {"type": "integer"}, "value": {"type": "string"},
                       "kind": {"type": "string", "enum": ["answer", "none", "prefer_not", "dont_know", "statement"]},
                       "label": {"$ref": "#/components/schemas/Texts"}},
    },
    "Question": {
        "type": "object", "required": ["id", "number", "type", "required", "prompt", "options"],
        "properties": {
            "id": {"type": "integer"}, "number": {"type": "integer"}, "type": {"type": "string"},
            "required": {"type": "boolean"}, "personal_data": {"type": "boolean"},
            "prompt": {"$ref": "#/components/schemas/Texts"}, "hint": {"$ref": "#/components/schemas/Texts"},
            "options": {"type": "array", "items": {"$ref": "#/components/schemas/Option"}},
        },
    },
    "OptionCount": {"allOf": [
        {"$ref": "#/components/schemas/Cell"},
        {"type": "object", "required": ["id", "value"],
         "properties": {"id": {"type": "integer"}, "value": {"type": "string"}}}],
        "description": "How many people chose this answer; the percentage is of the people asked"},
    "Values": {
        "type": ["object", "null"],
        "description": "Null when fewer people than the threshold answered: each is one person's answer",
        "properties": {name: _VALUE for name in ("minimum", "mean", "median", "maximum")},
    },
    "Dates": {
        "type": ["object", "null"],
        "description": "Null when fewer people than the threshold answered",
        "required": ["earliest", "latest", "by", "periods"],
        "properties": {
            "earliest": {"type": "string", "format": "date"}, "latest": {"type": "string", "format": "date"},
            "by": {"type": "string", "enum": ["month", "year"],
                   "description": "Counted by year when the dates span more than 24 months"},
            "periods": {"type": "array", "items": {"allOf": [
                {"$ref": "#/components/schemas/Cell"},
                {"type": "object", "required": ["starts"], "properties": {
                    "starts": {"type": "string", "format": "date",
                               "description": "The first day of the month or year"}}}]},
                        "description": "Percentages are of the people who answered"},
        },
    },
    "StatementResults": {
        "type": "object", "required": ["id", "value", "options", "skipped"],
        "properties": {"id": {"type": "integer"}, "value": {"type": "string"},
                       "options": {"type": "array", "items": {"$ref": "#/components/schemas/OptionCount"}},
                       "skipped": {"$ref": "#/components/schemas/Cell"}},
    },
    "RankedItem": {
        "type": "object", "required": ["id", "value", "mean_position", "first", "ranked"],
        "properties": {
            "id": {"type": "integer"}, "value": {"type": "string"},
            "mean_position": {"type": ["number", "null"],
                              "description": "1 is first; null when fewer than the threshold ranked it"},
            "first": {"$ref": "#/components/schemas/Cell"}, "ranked": {"$ref": "#/components/schemas/Cell"},
        },
    },
    "QuestionResults": {
        "type": "object", "required": ["question_id", "number", "type", "free_text", "asked", "answered", "skipped"],
        "description": "Which of the optional parts a question has depends on its type",
        "properties": {
            "question_id": {"type": "integer"}, "number": {"type": "integer"}, "type": {"type": "string"},
            "free_text": {"type": "boolean", "description": "Answers are words: only counted here"},
            "asked": {"$ref": "#/components/schemas/Cell"}, "answered": {"$ref": "#/components/schemas/Cell"},
            "skipped": {"$ref": "#/components/schemas/Cell"},
            "options": {"type": "array", "items": {"$ref": "#/components/schemas/OptionCount"},
                        "description": "Choice questions (single, multiple, yes/no, agree scale)"},
            "agreeing_percent": {"type": ["integer", "null"],
                                 "description": "Agree scale: of the people asked; null when not shown"},
            "middle_option_id": {"type": ["integer", "null"],
                                 "description": "Agree scale: the middle answer on the scale; null when not shown"},
            "values": {"$ref": "#/components/schemas/Values"},
            "dates": {"$ref": "#/components/schemas/Dates"},
            "statements": {"type": "array", "items": {"$ref": "#/components/schemas/StatementResults"},
                           "description": "Grids: each statement like a one-answer question"},
            "ranking": {"type": ["array", "null"], "items": {"$ref": "#/components/schemas/RankedItem"},
                        "description": "Rankings: null when fewer people than the threshold answered"},
        },
    },
    "Results": {
        "type": "object", "required": ["slug", "small_group_threshold", "responses", "questions"],
        "properties": {
            "slug": {"type": "string"}, "small_group_threshold": {"type": "integer"},
            "responses": {"$ref": "#/components/schemas/Cell"},
            "questions": {"type": "array", "items": {"$ref": "#/components/schemas/QuestionResults"}},
        },
    },
    "Answer": {
        "type": "object", "required": ["question_id"],
        "properties": {
            "question_id": {"type": "integer"}, "option_id": {"type": ["integer", "null"]},
            "statement_option_id": {"type": ["integer", "null"]}, "text": {"type": ["string", "null"]},
            "number": {"type": ["integer", "null"]},
            "amount": {"type": ["string", "null"], "description": "A decimal, as text so nothing is rounded"},
            "date": {"type": ["string", "null"], "format": "date"},
        },
    },
    "Response": {
        "type": "object", "required": ["id", "reference", "channel", "language", "answers"],
        "properties": {
            "id": {"type": "integer"}, "reference": {"type": "string"}, "channel": {"type": "string"},
            "language": {"type": "string"}, "register": {"type": "string"},
            "started_at": _MOMENT, "submitted_at": _MOMENT,
            "answers": {"type": "array", "items": {"$ref": "#/components/schemas/Answer"}},
        },
    },
}


def page(item: str) -> dict:
    return {"type": "object", "required": ["data", "next_cursor"],
            "properties": {"data": {"type": "array", "items": {"$ref": f"#/components/schemas/{item}"}},
                           "next_cursor": _CURSOR}}


SCHEMAS.update(ConsultationPage=page("Consultation"), QuestionPage=page("Question"), ResponsePage=page("Response"))


def _error(description: str) -> dict:
    return {"description": description,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


RESPONSES = {
    "BadRequest": _error("A cursor or limit that cannot be used"),
    "Unauthorized": _error("No token, or one that is unknown, revoked or expired"),
    "Forbidden": _error("The token may not read this (responses need an analyst token)"),
    "NotFound": _error("No such consultation, or not one this token may read"),
    "TooManyRequests": _error("Too many requests with this token; wait and try again"),
}

PARAMETERS = {
    "Slug": {"name": "slug", "in": "path", "required": True, "schema": {"type": "string"},
             "description": "The consultation's web address (/c/<slug>)"},
    "Cursor": {"name": "cursor", "in": "query", "required": False, "schema": {"type": "string"},
               "description": "next_cursor from the previous page"},
    "Limit": {"name": "limit", "in": "query", "required": False,
              "schema": {"type": "integer", "minimum": 1, "maximum": 200, "default": 50}},
}
