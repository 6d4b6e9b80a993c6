"""A closed consultation with published results for the easy-read results page, made straight in the database.

Question 1: 12 "Yes", 6 "No", 2 "Not sure" (fewer than 5) and 5 people who skipped it; question 2: more
than one answer each. Shared by the parsed-HTML and the browser tests of the easy-read results page.
"""

from __future__ import annotations

from datetime import timedelta

from consult.extensions import db

SLUG = "bus-colours"


def make_answered_consultation(slug: str = SLUG) -> str:
    """Call inside an app context; replaces an earlier one with the same address."""
    from consult.build.services import delete_consultation
    from consult.models import Consultation
    from consult.models._time import utcnow
    from tests.results.analysis_data import QuestionSpec, ResponseSpec, add_responses, make_consultation

    old = db.session.scalar(db.select(Consultation).where(Consultation.slug == slug))
    if old is not None:
        delete_consultation(old)
    consultation = make_consultation(
        [QuestionSpec("single_choice", ["Yes", "No", "Not sure"], required=False, prompt="Do you like the bus?"),
         QuestionSpec("multiple_choice", ["Red", "Blue"], prompt="Which colours?")],
        slug=slug, title="Buses")
    now = utcnow().replace(microsecond=0)
    consultation.opens_at, consultation.closes_at = now - timedelta(days=30), now - timedelta(days=1)
    when = now - timedelta(days=3)
    answers = [{0: [0], 1: [0, 1]}] * 12 + [{0: [1], 1: [1]}] * 6 + [{0: [2], 1: [0]}] * 2 + [{1: [1]}] * 5
    add_responses(consultation, [ResponseSpec(when, given) for given in answers])
    consultation.results_published_at = now
    db.session.commit()
    return slug
