"""The API's views. Each docstring's YAML (after ``---``) is its OpenAPI operation (openapi.py)."""

from __future__ import annotations

from flask import current_app, jsonify, request
from sqlalchemy import select
from sqlalchemy.orm import selectinload
from werkzeug.exceptions import HTTPException

from consult import audit
from consult.api import serialise
from consult.api.auth import current_token, require_analyst, scoped_consultation
from consult.api.blueprint import bp
from consult.api.errors import ApiError
from consult.api.pagination import page_of, read_page
from consult.extensions import db
from consult.loading import load_consultation
from consult.models import Response
from consult.models._time import utcnow
from consult.results import analysis
from consult.results.plain import shape_of


@bp.get("/consultations")
def consultations():
    """List the consultations this token may read.
    ---
    get:
      operationId: listConsultations
      summary: Consultations this token may read
      tags: [consultations]
      parameters:
        - Cursor
        - Limit
      responses:
        '200':
          description: A page of consultations, in the order they were created
          content:
            application/json:
              schema: ConsultationPage
        '400': BadRequest
        '401': Unauthorized
        '429': TooManyRequests
    """
    after, limit = read_page("consultations")
    items = [item for item in current_token().consultations if item.id > after][:limit + 1]
    items, cursor = page_of("consultations", items, limit)
    now = utcnow()
    return jsonify(data=[serialise.consultation(item, now) for item in items], next_cursor=cursor)


@bp.get("/consultations/<slug>")
def consultation(slug):
    """One consultation.
    ---
    get:
      operationId: getConsultation
      summary: One consultation
      tags: [consultations]
      parameters:
        - Slug
      responses:
        '200':
          description: The consultation
          content:
            application/json:
              schema: Consultation
        '401': Unauthorized
        '404': NotFound
        '429': TooManyRequests
    """
    return jsonify(serialise.consultation(scoped_consultation(slug), utcnow()))


@bp.get("/consultations/<slug>/questions")
def questions(slug):
    """A consultation's questions, in the order people are asked them.
    ---
    get:
      operationId: listQuestions
      summary: A consultation's questions, with their answers to choose from
      tags: [questions]
      parameters:
        - Slug
        - Cursor
        - Limit
      responses:
        '200':
          description: A page of questions
          content:
            application/json:
              schema: QuestionPage
        '400': BadRequest
        '401': Unauthorized
        '404': NotFound
        '429': TooManyRequests
    """
    found = _loaded(slug)
    kind = f"questions:{found.slug}"
    after, limit = read_page(kind)
    numbered = [(number, item) for number, item in enumerate(found.questions, start=1) if number > after]
    page, cursor = page_of(kind, numbered[:limit + 1], limit, key=lambda pair: pair[0])
    return jsonify(data=[serialise.question(item, number) for number, item in page], next_cursor=cursor)


@bp.get("/consultations/<slug>/results")
def results(slug):
    """Each question's results, with small groups protected.
    ---
    get:
      operationId: getResults
      summary: Each question's results, with small groups protected
      description: >
        The same figures as the staff dashboard and the public results, by the same rules. A count
        from 1 to the consultation's small-group threshold minus 1 is null with the state "small"; a
        count that would let a small one be worked out by subtraction is null with the state
        "hidden". Choice questions give each answer's count and percentage; numbers, decimals and
        money the lowest, middle and highest answers (null when too few answered); dates the earliest
        and latest and a count per month or year; grids each statement's answers; rankings each
        item's average position. Questions asking for personal details are left out, and the words
        people wrote are never included: written answers are only counted.
      tags: [results]
      parameters:
        - Slug
      responses:
        '200':
          description: The protected results
          content:
            application/json:
              schema: Results
        '401': Unauthorized
        '404': NotFound
        '429': TooManyRequests
    """
    found = _loaded(slug)
    shapes = shape_of(found)
    summary = analysis.summarise(found.id, shapes, zone=current_app.config["BABEL_DEFAULT_TIMEZONE"])
    threshold = found.small_group_threshold
    total = serialise.cell(serialise.protect.protect_total(summary.overview.total, threshold))
    questions = []
    for number, (shape, item) in enumerate(zip(shapes, found.questions), start=1):
        if item.type.personal_data:
            continue
        questions.append(serialise.question_results(shape, item, number, summary.questions[item.id], threshold))
    return jsonify(slug=found.slug, small_group_threshold=threshold, responses=total, questions=questions)


@bp.get("/consultations/<slug>/responses")
def responses(slug):
    """Each response and its answers (analyst tokens only).
    ---
    get:
      operationId: listResponses
      summary: Each response and its answers (analyst tokens only)
      description: Every read is written to the audit log.
      tags: [responses]
      parameters:
        - Slug
        - Cursor
        - Limit
      responses:
        '200':
          description: A page of responses, oldest first
          content:
            application/json:
              schema: ResponsePage
        '400': BadRequest
        '401': Unauthorized
        '403': Forbidden
        '404': NotFound
        '429': TooManyRequests
    """
    found = scoped_consultation(slug)
    require_analyst()
    kind = f"responses:{found.slug}"
    after, limit = read_page(kind)
    rows = list(db.session.scalars(
        select(Response).where(Response.consultation_id == found.id, Response.id > after)
        .options(selectinload(Response.answers)).order_by(Response.id).limit(limit + 1)))
    page, cursor = page_of(kind, rows, limit)
    token = current_token()
    audit.record("api.responses_read", "consultation", found.id,
                 f"token {token.id} ({token.name}): {len(page)} responses", staff=_nobody())
    db.session.commit()
    return jsonify(data=[serialise.response(item) for item in page], next_cursor=cursor)


@bp.get("/openapi.json")
def openapi_document():
    """This API's OpenAPI document (no token needed).
    ---
    get:
      operationId: getOpenAPIDocument
      summary: This document
      tags: [about]
      security: []
      responses:
        '200':
          description: The OpenAPI 3.1 document of this API
          content:
            application/json:
              schema: {type: object}
    """
    from consult.api.openapi import openapi_spec

    return jsonify(openapi_spec())


@bp.route("/<path:anything>", methods=["GET", "POST", "PUT", "PATCH", "DELETE"])
def unknown(anything):
    """Anything else under /api/v1: a JSON 404 (or 405 for a real address and the wrong method), not
    the site's HTML page. Werkzeug sends a method it has no rule for here, as this rule takes them all."""
    try:
        endpoint, _values = current_app.url_map.bind("").match(request.path, method="GET")
    except HTTPException:
        endpoint = None
    if endpoint not in (None, request.endpoint):
        raise ApiError(405, "This API only reads: use GET")
    raise ApiError(404, "There is nothing at this address in the API")


def _loaded(slug: str):
    """The consultation in scope, with its questions and options loaded in a few queries."""
    return load_consultation(scoped_consultation(slug).slug)


class _Nobody:
    """The audit entry's author for a token: no staff member is signed in (the detail names the token)."""

    id = None
    email = None


def _nobody():
    return _Nobody()
