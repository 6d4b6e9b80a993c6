"""The results counted ahead (consult/results/counts.py) agree with the plain-Python reference: built
from the answers, kept up as responses arrive one at a time, and after responses are deleted.

The random consultations and responses are test_analysis_reference's: every kind of question the
strategy makes, branching (with answers left over from changed rules), optional questions left
empty, responses around the clock changes and midnight.
"""

from __future__ import annotations

from datetime import datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from consult.extensions import db
from consult.models import Response
from consult.results import analysis, counts, reference
from consult.results.plain import ResponseFilter, shape_of
from consult.results.responses import delete_response
from tests.results.analysis_data import QuestionSpec, ResponseSpec, add_responses, make_consultation, plain_responses
from tests.results.test_analysis_reference import cases


def _agrees(consultation, shapes, segment: int = counts.EVERYONE) -> None:
    counted = counts.counted_results(consultation.id, shapes, segment=segment)
    where = ResponseFilter(option_id=segment) if segment else ResponseFilter()
    expected = reference.summarise(shapes, plain_responses(consultation.id), where)
    assert counted is not None
    assert counted.overview == expected.overview
    for question_id, summary in expected.questions.items():
        assert counted.questions[question_id] == summary, f"question {question_id}"
    assert counted == expected


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large])
@given(case=cases(), data=st.data())
def test_counts_match_the_reference_when_built_added_to_and_deleted_from(app, case, data):
    with app.app_context():
        try:
            consultation = make_consultation(case.questions)
            shapes = shape_of(consultation)
            # Everyone, and the people who chose one answer (the cross-tab), when there are answers.
            options = [option.id for shape in shapes for option in shape.options]
            segments = [counts.EVERYONE] + ([data.draw(st.sampled_from(options), label="cross-tab")] if options else [])
            split = data.draw(st.integers(0, len(case.responses)), label="built from the first")
            add_responses(consultation, case.responses[:split])
            for segment in segments:
                counts.rebuild(consultation.id, shapes, segment)
                _agrees(consultation, shapes, segment)

            add_responses(consultation, case.responses[split:])  # counted in one by one, as store_response does
            for segment in segments:
                _agrees(consultation, shapes, segment)

            every = db.session.scalars(select(Response.id).where(Response.consultation_id == consultation.id)).all()
            gone = data.draw(st.lists(st.sampled_from(every), unique=True) if every else st.just([]), label="deleted")
            for response_id in gone:
                delete_response(db.session.get(Response, response_id))
            for segment in segments:
                _agrees(consultation, shapes, segment)
                # And the dashboard's summarise reads them.
                where = ResponseFilter(option_id=segment) if segment else ResponseFilter()
                assert analysis.summarise(consultation.id, shapes, where) == counts.counted_results(
                    consultation.id, shapes, segment=segment)
        finally:
            db.session.rollback()


def test_counts_wait_for_a_rebuild_after_the_questions_change(app):
    """Counts made for other questions are not used: summarise counts the answers, and a rebuild is
    queued (the test app runs it at once)."""
    with app.app_context():
        consultation = make_consultation([QuestionSpec("yes_no")])
        add_responses(consultation, [ResponseSpec(datetime(2027, 3, 10, 12), {0: [0]})])
        counts.rebuild(consultation.id, shape_of(consultation))
        db.session.commit()
        from consult.build.questions import add_question

        add_question(consultation, "number", "How many?")
        db.session.commit()
        db.session.expire_all()
        shapes = shape_of(consultation)
        assert counts.counted_results(consultation.id, shapes) is None
        live = analysis.summarise(consultation.id, shapes)
        assert live == analysis.summarise_answers(consultation.id, shapes)
        assert live.questions[shapes[1].id].asked == 1
        db.session.rollback()
        # As the dashboard's GET does: a reading transaction, so the job (run at once here) may write.
        with app.test_request_context(method="GET"):
            assert counts.rebuild_soon(consultation.id, shapes)
            db.session.rollback()  # a new transaction, to see what the job committed
            assert counts.counted_results(consultation.id, shapes) == live
            assert not counts.rebuild_soon(consultation.id, shapes)


def test_a_stored_response_is_counted(app):
    """store_response (online answers, paper and phone entry) adds each response to the counts."""
    from consult.respond.services import store_response

    with app.app_context():
        consultation = make_consultation([QuestionSpec("single_choice", ["Bus", "Car"]), QuestionSpec("number")])
        shapes = shape_of(consultation)
        counts.rebuild(consultation.id, shapes)
        choice, number = consultation.questions
        for n, (option, value) in enumerate([(choice.options[0], 3), (choice.options[1], 7), (choice.options[0], 4)]):
            store_response(consultation, consultation.questions, {choice.id: option.id, number.id: value},
                           key=f"counted-{n}", channel="paper", language="en", register="standard",
                           started_at=datetime(2027, 3, 10, 12), submitted_at=datetime(2027, 3, 10, 12, n))
        counted = counts.counted_results(consultation.id, shapes)
        assert counted == analysis.summarise_answers(consultation.id, shapes)
        assert counted.questions[choice.id].options == {choice.options[0].id: 2, choice.options[1].id: 1}
        assert counted.questions[number.id].numbers.median == 4.0
        assert counted.overview.by_channel == {"paper": 3}
        db.session.rollback()


def test_a_cross_tab_is_counted_once_looked_at(app):
    """The first look at "people who chose Bus" is counted from the answers and builds its counts;
    then each new response that chose Bus (and only those) adds to them."""
    from consult.respond.services import store_response

    with app.app_context():
        consultation = make_consultation([QuestionSpec("single_choice", ["Bus", "Car"]), QuestionSpec("number")])
        shapes = shape_of(consultation)
        choice, number = consultation.questions
        bus, car = (option.id for option in choice.options)

        def store(n, option, value):
            store_response(consultation, consultation.questions, {choice.id: option, number.id: value},
                           key=f"cross-{n}", channel="online", language="en", register="standard",
                           started_at=datetime(2027, 3, 10, 12), submitted_at=datetime(2027, 3, 10, 12, n))

        store(0, bus, 3)
        store(1, car, 9)
        where = ResponseFilter(option_id=bus)
        assert counts.counted_results(consultation.id, shapes, segment=bus) is None
        counts.rebuild(consultation.id, shapes, counts.EVERYONE)
        counts.rebuild(consultation.id, shapes, bus)
        store(2, bus, 5)
        store(3, car, 1)
        counted = counts.counted_results(consultation.id, shapes, segment=bus)
        assert counted == analysis.summarise_answers(consultation.id, shapes, where)
        assert counted.overview.total == 2 and counted.questions[number.id].numbers.median == 4.0
        assert counts.counted_results(consultation.id, shapes, segment=car) is None  # never looked at
        db.session.rollback()


def test_rebuild_counts_command(app):
    with app.app_context():
        consultation = make_consultation([QuestionSpec("yes_no")])
        add_responses(consultation, [ResponseSpec(datetime(2027, 3, 10, 12), {0: [0]})])
        db.session.commit()
        slug = consultation.slug
    runner = app.test_cli_runner()
    done = runner.invoke(args=["rebuild-counts", slug])
    assert done.exit_code == 0 and f"{slug}: counted in" in done.output
    assert f"{slug}: up to date" in runner.invoke(args=["rebuild-counts", slug]).output
    assert runner.invoke(args=["rebuild-counts", "no-such-place"]).exit_code != 0


def test_residents_compiled_copy_has_the_same_plan(app):
    """Residents' answers are stored against the compiled copy of the consultation (consult/snapshots.py),
    the dashboard reads the models: both must fingerprint the same, or no response would be counted in."""
    from consult import snapshots

    with app.test_request_context():
        consultation = make_consultation([QuestionSpec("single_choice", ["Bus", "Car"]),
                                          QuestionSpec("yes_no", condition=(0, [0])), QuestionSpec("number")])
        db.session.commit()
        compiled = snapshots.build(consultation.id)
        assert counts.plan_of(shape_of(compiled.consultation)) == counts.plan_of(shape_of(consultation))


def test_a_response_stored_against_other_questions_puts_the_counts_out_of_date(app):
    with app.app_context():
        consultation = make_consultation([QuestionSpec("yes_no"), QuestionSpec("number")])
        shapes = shape_of(consultation)
        counts.rebuild(consultation.id, shapes)
        add_responses(consultation, [ResponseSpec(datetime(2027, 3, 10, 12), {0: [0], 1: 4})])
        assert counts.counted_results(consultation.id, shapes).overview.total == 1
        response = db.session.scalar(select(Response).where(Response.consultation_id == consultation.id))
        assert not counts.count_response(consultation.id, shapes[:1], response, [], 1)
        assert counts.counted_results(consultation.id, shapes) is None
        db.session.rollback()


def test_a_compiled_copys_shapes_are_worked_out_once_per_version(app):
    """Storing a response needs the shapes and their plan; for the compiled copy residents answer they are
    kept per version (counts.counted_shapes), and a change staff make gives the next copy its own."""
    from consult import snapshots
    from consult.build.questions import add_option

    with app.test_request_context():
        consultation = make_consultation([QuestionSpec("single_choice", ["Bus", "Car"]), QuestionSpec("number")])
        db.session.commit()
        compiled = snapshots.build(consultation.id).consultation
        first = counts.counted_shapes(compiled)
        assert counts.counted_shapes(snapshots.build(consultation.id).consultation) is first
        assert first == (shape_of(consultation), counts.plan_of(shape_of(consultation)))

        add_option(consultation.questions[0], "Train", "en")  # moves the version
        db.session.commit()
        again = counts.counted_shapes(snapshots.build(consultation.id).consultation)
        assert again is not first and again[1] != first[1]
        assert again == (shape_of(consultation), counts.plan_of(shape_of(consultation)))
        # The models themselves (staff's, perhaps not committed) are worked out every time.
        assert counts.counted_shapes(consultation) is not counts.counted_shapes(consultation)
