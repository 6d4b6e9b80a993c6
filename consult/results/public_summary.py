"""What the public results page shows about the answers: the same SQL summaries and charts as the staff
dashboard, with small groups protected, but never free-text answers (people's own words stay with staff)
nor questions that ask for personal details."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app

from consult.results import analysis, present
from consult.results.plain import TEXT, shape_of


@dataclass(frozen=True)
class PublicSummary:
    total: str  # "124 people answered", or "fewer than 5" words
    has_responses: bool
    questions: list  # present.QuestionView, in order, free-text questions left out


def public_summary(consultation, texts, rtl: bool, lang_attr) -> PublicSummary:
    shapes = shape_of(consultation)
    results = analysis.summarise(consultation.id, shapes, zone=current_app.config["BABEL_DEFAULT_TIMEZONE"])
    threshold = consultation.small_group_threshold
    views = []
    for number, (shape, question) in enumerate(zip(shapes, consultation.questions), start=1):
        if shape.shape == TEXT or question.type.personal_data:
            continue
        views.append(present.question_view(shape, question, number, results.questions[question.id], texts,
                                           threshold, rtl, lang_attr))
    return PublicSummary(total=present.total_text(results.overview.total, threshold),
                         has_responses=results.overview.total > 0, questions=views)
