"""The results count "asked" by the richer rules too (comparisons, not chosen, answered, skips,
exits), in SQL, the same as the plain-Python reference and the export's "not asked" column."""

from __future__ import annotations

from datetime import datetime

from consult.extensions import db
from consult.loading import load_consultation
from consult.respond.services import store_response
from consult.results import analysis, reference
from consult.results.plain import asked_questions, shape_of
from tests.branching_helpers import make_rules_consultation
from tests.results.analysis_data import plain_responses


def test_asked_and_answered_follow_every_kind_of_rule(app):
    with app.app_context():
        ids = make_rules_consultation()
        consultation = load_consultation("rules")
        q1, q2, q3, q4, q5 = ids["ids"]
        yes, no, often, never = ids["yes"], ids["no"], ids["often"], ids["never"]
        people = [
            {q1: yes, q2: 40, q3: often, q4: "Splott", q5: "More buses"},  # asked everything
            {q1: yes, q2: 15, q4: "Canton"},  # under 18: 3 passed over; 5 asked (4 answered)
            # A leftover answer to 3 (a rule added later): not asked, not counted, and it does not make 5 asked.
            {q1: yes, q2: 15, q3: never},
            {q1: no, q4: "Leftover"},  # an exit at 1: nothing after it was asked
        ]
        for number, values in enumerate(people):
            store_response(consultation, consultation.questions, values, key=f"person-{number}", channel="paper",
                           language="en", register="standard", started_at=datetime(2027, 1, 5, 10),
                           submitted_at=datetime(2027, 1, 5, 11))
        db.session.commit()
        shapes = shape_of(consultation)
        got = analysis.summarise(consultation.id, shapes)
        assert [got.questions[q].asked for q in ids["ids"]] == [4, 3, 1, 3, 2]
        assert [got.questions[q].answered for q in ids["ids"]] == [4, 3, 1, 2, 1]
        expected = reference.summarise(shapes, plain_responses(consultation.id))
        assert {q: (s.asked, s.answered) for q, s in got.questions.items()} == \
            {q: (s.asked, s.answered) for q, s in expected.questions.items()}
        by_person = [asked_questions(shapes, response.rows()) for response in
                     sorted(plain_responses(consultation.id), key=lambda response: response.id)]
        assert by_person == [{q1, q2, q3, q4, q5}, {q1, q2, q4, q5}, {q1, q2, q4}, {q1}]
