"""Grids and rankings: every parse rule and its message, storage round trips through the database,
the exports' columns, and the results summaries against a hand-worked example."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from consult.build.questions import add_question
from consult.build.services import create_consultation
from consult.extensions import db
from consult.models import Answer, Consultation, Option, Question, Response
from consult.models._time import utcnow
from consult.questions.base import AnswerRow
from consult.results import analysis, reference
from consult.results.plain import RankStats, shape_of
from tests.helpers import Resident

STATEMENTS = ["Longer opening hours", "A new car park", "More benches"]
ITEMS = ["Buses", "Trains", "Cycle lanes", "Footpaths"]


@pytest.fixture
def made(app):
    """A published consultation with a grid (question 1) and a ranking (question 2)."""
    with app.app_context():
        now = utcnow().replace(microsecond=0)
        consultation = create_consultation("grid-rank", title={"en": "Grids and rankings"}, summary="Two questions.",
                                           status="published", opens_at=now - timedelta(days=1),
                                           closes_at=now + timedelta(days=30), other_languages=["cy"])
        grid = add_question(consultation, "grid", "How much do you agree with each idea?", options=STATEMENTS)
        ranking = add_question(consultation, "ranking", "Put these in order", options=ITEMS)
        db.session.commit()
        return {"slug": consultation.slug, "id": consultation.id, "grid": grid.id, "ranking": ranking.id}


def _question(question_id) -> Question:
    return db.session.get(Question, question_id)


def _ids(question, kind=None):
    return [option.id for option in question.options if kind is None or option.kind == kind]


# -- the grid's parts and rules ---------------------------------------------------------------------

def test_a_grid_has_the_staff_statements_and_the_agree_scale_by_default(app, made):
    with app.app_context():
        grid = _question(made["grid"])
        assert [o.label.variants[0].body for o in grid.type.statements(grid)] == STATEMENTS
        assert [o.value for o in grid.type.points(grid)] == ["agree_strongly", "agree", "neutral", "disagree",
                                                            "disagree_strongly"]
        # The option kind is allowed by the database (the migration changed the check constraint).
        assert {o.kind for o in grid.options} == {"statement", "answer"}


def test_grid_reads_one_field_per_statement_and_keeps_what_was_sent(app, made):
    with app.test_request_context():
        grid = _question(made["grid"])
        first, second, third = grid.type.statements(grid)
        agree = grid.type.points(grid)[1]
        form = MultiDict({f"q{grid.id}-s{first.id}": str(agree.id), f"q{grid.id}-s{second.id}": "",
                          f"q{grid.id}-s{third.id}": "nonsense"})
        raw = grid.type.read(grid, form)
        assert raw == [f"{first.id}:{agree.id}", f"{third.id}:nonsense"]


def test_grid_parse_rules_and_messages(app, made):
    with app.test_request_context():
        grid = _question(made["grid"])
        qtype = grid.type
        statements = qtype.statements(grid)
        points = qtype.points(grid)
        every = [f"{s.id}:{points[n].id}" for n, s in enumerate(statements)]
        assert qtype.check(grid, every).value == {s.id: points[n].id for n, s in enumerate(statements)}
        # Nothing: the question's own message.
        assert qtype.check(grid, []).error == "Select an answer for every statement"
        # Some but not all, when required: the same message, and the first gap is what the summary links to.
        partial = every[:1] + every[2:]
        assert qtype.check(grid, partial).error == "Select an answer for every statement"
        assert qtype.error_input_id(grid, partial) == f"q{grid.id}-s{statements[1].id}-{points[0].id}"
        assert qtype.statement_error(grid, partial, "x", statements[1]) == "Select an answer for this statement"
        assert qtype.statement_error(grid, partial, "x", statements[0]) is None
        # A point that is not on the scale, or a statement that is not the question's.
        bad_point = every[:2] + [f"{statements[2].id}:{statements[0].id}"]
        assert qtype.check(grid, bad_point).error == "Select one of the answers shown"
        assert qtype.statement_error(grid, bad_point, "x", statements[2]) == "Select one of the answers shown"
        assert qtype.check(grid, every + ["999999:1"]).error == "Select one of the answers shown"
        assert qtype.check(grid, [f"{statements[0].id}:<script>"]).error
        # Optional: a partly answered grid is kept as it is.
        grid.required = False
        assert qtype.check(grid, partial).value == {statements[0].id: points[0].id,
                                                    statements[2].id: points[2].id}
        assert qtype.check(grid, []).empty


def test_grid_rows_and_words(app, made):
    with app.test_request_context():
        grid = _question(made["grid"])
        qtype = grid.type
        statements, points = qtype.statements(grid), qtype.points(grid)
        value = {statements[1].id: points[4].id, statements[0].id: points[0].id}
        rows = qtype.rows(grid, value)
        # One row per statement, in the statements' order: the point chosen and the statement it answers.
        assert rows == [AnswerRow(option_id=points[0].id, statement_option_id=statements[0].id),
                        AnswerRow(option_id=points[4].id, statement_option_id=statements[1].id)]
        assert qtype.value_from_rows(grid, rows) == value
        assert qtype.selected(value) == {points[0].id, points[4].id}


# -- the ranking's rules ------------------------------------------------------------------------------

def _ranked(question, *positions):
    return [f"{item}:{position}" for item, position in zip(_ids(question, "answer"), positions) if position]


def test_ranking_parse_rules_and_messages(app, made):
    with app.test_request_context():
        ranking = _question(made["ranking"])
        qtype = ranking.type
        items = _ids(ranking, "answer")
        assert qtype.positions(ranking) == [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th")]
        assert qtype.check(ranking, _ranked(ranking, 2, 1, 4, 3)).value == dict(zip(items, [2, 1, 4, 3]))
        assert qtype.check(ranking, []).error == "Put the answers in order"
        assert qtype.check(ranking, _ranked(ranking, 1, 1, 2, 3)).error == (
            "You gave 2 answers the position 1st. Give each answer a different position.")
        assert qtype.error_input_id(ranking, _ranked(ranking, 2, 1, 1, 3)) == f"q{ranking.id}-i{items[1]}"
        assert qtype.check(ranking, _ranked(ranking, 3, 3, 3, 1)).error.startswith("You gave 3 answers the position 3rd")
        assert qtype.check(ranking, _ranked(ranking, 1, 2, 3, None)).error == "Give every answer a position"
        assert qtype.error_input_id(ranking, _ranked(ranking, 1, 2, 3, None)) == f"q{ranking.id}-i{items[3]}"
        assert qtype.check(ranking, _ranked(ranking, 1, 2, 3, 5)).error == "Select one of the positions shown"
        assert qtype.check(ranking, _ranked(ranking, 1, 2, 3, "x")).error == "Select one of the positions shown"
        assert qtype.check(ranking, ["999999:1"]).error == "Select one of the positions shown"


def test_ranking_top_n(app, made):
    with app.test_request_context():
        ranking = _question(made["ranking"])
        ranking.settings = {**ranking.settings, "top": 2}
        qtype = ranking.type
        items = _ids(ranking, "answer")
        assert qtype.positions(ranking) == [(1, "1st"), (2, "2nd")]
        assert qtype.check(ranking, _ranked(ranking, None, 2, 1, None)).value == {items[1]: 2, items[2]: 1}
        assert qtype.check(ranking, _ranked(ranking, None, 1, None, None)).error == (
            "Give positions 1st to 2nd to your top 2")
        assert qtype.check(ranking, _ranked(ranking, 1, 2, 3, None)).error == "Select one of the positions shown"
        assert "top 2" in qtype.how_to_rank(ranking)
        assert qtype.print_instructions(ranking, easy=False)[0].startswith("Choose your top 2.")


def test_ranking_rows_and_words(app, made):
    with app.test_request_context():
        ranking = _question(made["ranking"])
        qtype = ranking.type
        items = _ids(ranking, "answer")
        value = {items[0]: 2, items[1]: 1, items[2]: 4, items[3]: 3}
        rows = qtype.rows(ranking, value)
        assert rows[0] == AnswerRow(option_id=items[1], number=1)
        assert qtype.value_from_rows(ranking, rows) == value


# -- storage through the real pages, and the exports ------------------------------------------------

def _answer_both(app, made, grid_points, ranking_positions, htmx=False):
    """A resident answers both questions through the pages: grid_points are indexes into the scale."""
    resident = Resident(app.test_client(), htmx=htmx)
    page = resident.submit(resident.get(f"/c/{made['slug']}"))
    with app.app_context():
        grid = _question(made["grid"])
        statements, points = grid.type.statements(grid), grid.type.points(grid)
        grid_form = {f"q{grid.id}-s{s.id}": str(points[n].id) for s, n in zip(statements, grid_points) if n is not None}
        ranking = _question(made["ranking"])
        rank_form = {f"q{ranking.id}-i{item}": str(p) for item, p in zip(_ids(ranking, "answer"), ranking_positions)}
    page = resident.submit(page, grid_form)
    page = resident.submit(page, rank_form)
    assert page.path.endswith("/check"), page.text()[:400]
    done = resident.submit(page)
    assert done.path.endswith("/confirmation")
    return done


def test_answers_are_stored_one_row_per_statement_and_per_item(app, made):
    _answer_both(app, made, [0, 1, 4], [2, 1, 4, 3])
    with app.app_context():
        grid = _question(made["grid"])
        statements, points = grid.type.statements(grid), grid.type.points(grid)
        rows = db.session.scalars(select(Answer).where(Answer.question_id == grid.id).order_by(Answer.id)).all()
        assert [(r.statement_option_id, r.option_id) for r in rows] == [
            (statements[0].id, points[0].id), (statements[1].id, points[1].id), (statements[2].id, points[4].id)]
        assert grid.type.value_from_rows(grid, rows) == {statements[0].id: points[0].id,
                                                        statements[1].id: points[1].id,
                                                        statements[2].id: points[4].id}
        ranking = _question(made["ranking"])
        rows = db.session.scalars(select(Answer).where(Answer.question_id == ranking.id)).all()
        assert sorted((r.option_id, r.number) for r in rows) == sorted(zip(_ids(ranking, "answer"), [2, 1, 4, 3]))
        # Deleting a statement takes its answers with it (ON DELETE CASCADE), on both engines.
        db.session.delete(db.session.get(Option, statements[0].id))
        db.session.commit()
        left = db.session.scalars(select(Answer.statement_option_id).where(Answer.question_id == grid.id)).all()
        assert statements[0].id not in left and len(left) == 2


def test_the_check_page_shows_the_answers_in_words(app, made):
    resident = Resident(app.test_client())
    page = resident.submit(resident.get(f"/c/{made['slug']}"))
    with app.app_context():
        grid = _question(made["grid"])
        statements, points = grid.type.statements(grid), grid.type.points(grid)
        form = {f"q{grid.id}-s{s.id}": str(points[0].id) for s in statements}
        ranking = _question(made["ranking"])
        ranks = {f"q{ranking.id}-i{item}": str(p) for item, p in zip(_ids(ranking, "answer"), [2, 1, 4, 3])}
    page = resident.submit(resident.submit(page, form), ranks)
    text = page.text()
    assert "Longer opening hours: Strongly agree" in text
    assert "1st: Trains" in text and "4th: Cycle lanes" in text


def test_a_grid_page_with_errors_marks_each_unanswered_statement(app, made):
    resident = Resident(app.test_client())
    page = resident.submit(resident.get(f"/c/{made['slug']}"))
    with app.app_context():
        grid = _question(made["grid"])
        statements, points = grid.type.statements(grid), grid.type.points(grid)
        form = {f"q{grid.id}-s{statements[0].id}": str(points[2].id)}
    back = resident.submit(page, form)
    assert back.status == 422
    soup = back.soup
    summary_link = soup.select_one(".error-summary a")
    assert summary_link["href"] == f"#q{grid.id}-s{statements[1].id}-{points[0].id}"
    assert summary_link.get_text(strip=True) == "Select an answer for every statement"
    assert soup.find(id=f"q{grid.id}-s{statements[1].id}-error") is not None
    assert soup.find(id=f"q{grid.id}-s{statements[2].id}-error") is not None
    assert soup.find(id=f"q{grid.id}-s{statements[0].id}-error") is None
    # What was chosen is kept, the page's h1 is the question, and each statement is a fieldset's legend.
    assert soup.find(id=f"q{grid.id}-s{statements[0].id}-{points[2].id}").has_attr("checked")
    assert soup.find("h1").get_text(" ", strip=True).startswith("How much do you agree")
    legends = [legend.get_text(" ", strip=True) for legend in soup.select("fieldset > legend")]
    assert legends == STATEMENTS
    assert not soup.find("table"), "a grid on screen is never a table"


def test_a_ranking_page_with_errors_says_which_position_was_used_twice(app, made):
    resident = Resident(app.test_client(), htmx=True)
    page = resident.submit(resident.get(f"/c/{made['slug']}"))
    with app.app_context():
        grid = _question(made["grid"])
        points = grid.type.points(grid)
        form = {f"q{grid.id}-s{s.id}": str(points[0].id) for s in grid.type.statements(grid)}
        ranking = _question(made["ranking"])
        items = _ids(ranking, "answer")
    page = resident.submit(page, form)
    back = resident.submit(page, {f"q{ranking.id}-i{item}": str(p) for item, p in zip(items, [1, 1, 2, 3])})
    assert back.status == 422
    assert "You gave 2 answers the position 1st" in back.text()
    # The first answer given the repeated position is marked and linked from the summary.
    select_box = back.soup.find(id=f"q{ranking.id}-i{items[0]}")
    assert select_box["aria-invalid"] == "true"
    assert back.soup.find(id=f"q{ranking.id}-i{items[1]}").find("option", selected=True)["value"] == "1"
    assert back.soup.select_one(".error-summary a")["href"] == f"#q{ranking.id}-i{items[0]}"
    assert back.soup.find("label", attrs={"for": f"q{ranking.id}-i{items[0]}"}).get_text(strip=True) == "Buses"


def test_exports_have_a_column_per_statement_and_per_item(app, made, signed_in):
    # An optional grid, so a statement can be left out.
    with app.app_context():
        _question(made["grid"]).required = False
        db.session.commit()
    _answer_both(app, made, [0, None, 4], [2, 1, 4, 3])
    admin = signed_in("admin")
    rows = list(csv.reader(io.StringIO(admin.client.get(
        f"/staff/results/{made['slug']}/export.csv").get_data(as_text=True).lstrip("\ufeff"))))
    header, row = rows[0], rows[1]
    grid_columns = [n for n, name in enumerate(header) if name.startswith("How much do you agree")]
    assert [header[n] for n in grid_columns] == [f"How much do you agree with each idea?: {s}" for s in STATEMENTS]
    assert [row[n] for n in grid_columns] == ["Strongly agree", "", "Strongly disagree"]
    rank_columns = [n for n, name in enumerate(header) if name.startswith("Put these in order")]
    assert [header[n] for n in rank_columns] == [f"Put these in order: {item}" for item in ITEMS]
    assert [row[n] for n in rank_columns] == ["2", "1", "4", "3"]
    assert header[-1] == "Questions not asked (by number)" and len(row) == len(header)


# -- results: a hand-worked example ------------------------------------------------------------------

def test_results_summaries_by_hand(app, made):
    # Three people. Grid (optional) points by index: A [0, 1, 4], B [0, 0, None], C [1, None, None].
    # Ranking positions for Buses, Trains, Cycle lanes, Footpaths: A 2 1 4 3; B 1 2 3 4; C 2 1 3 4.
    with app.app_context():
        _question(made["grid"]).required = False
        db.session.commit()
    _answer_both(app, made, [0, 1, 4], [2, 1, 4, 3])
    _answer_both(app, made, [0, 0, None], [1, 2, 3, 4], htmx=True)
    _answer_both(app, made, [1, None, None], [2, 1, 3, 4])
    with app.app_context():
        consultation = db.session.get(Consultation, made["id"])
        shapes = shape_of(consultation)
        results = analysis.summarise(consultation.id, shapes)
        grid = _question(made["grid"])
        statements, points = grid.type.statements(grid), grid.type.points(grid)
        summary = results.questions[grid.id]
        assert (summary.asked, summary.answered) == (3, 3)
        counts = {statement.id: [summary.statements[statement.id][p.id] for p in points] for statement in statements}
        assert counts[statements[0].id] == [2, 1, 0, 0, 0]
        assert counts[statements[1].id] == [1, 1, 0, 0, 0]
        assert counts[statements[2].id] == [0, 0, 0, 0, 1]

        ranking = _question(made["ranking"])
        buses, trains, cycle, foot = _ids(ranking, "answer")
        ranks = results.questions[ranking.id].ranks
        assert results.questions[ranking.id].answered == 3
        assert ranks[buses] == RankStats(ranked=3, total=5, firsts=1)
        assert ranks[trains] == RankStats(ranked=3, total=4, firsts=2)
        assert ranks[cycle] == RankStats(ranked=3, total=10, firsts=0)
        assert ranks[foot] == RankStats(ranked=3, total=11, firsts=0)
        assert ranks[trains].mean == pytest.approx(4 / 3)

        # The plain-Python reference agrees with the SQL.
        plain = [reference.PlainResponse(id=r.id, submitted_at=r.submitted_at, channel=r.channel, language=r.language,
                                         register=r.register, answers=tuple(reference.PlainAnswer(
                                             a.question_id, a.option_id, a.text, a.number,
                                             statement_option_id=a.statement_option_id) for a in r.answers))
                 for r in db.session.scalars(select(Response)).all()]
        expected = reference.summarise(shapes, plain)
        for question_id in (grid.id, ranking.id):
            assert expected.questions[question_id] == results.questions[question_id]


def test_the_dashboard_shows_each_statement_and_the_ranking_table(app, made, signed_in):
    with app.app_context():
        consultation = db.session.get(Consultation, made["id"])
        consultation.small_group_threshold = 1
        db.session.commit()
    _answer_both(app, made, [0, 1, 4], [2, 1, 4, 3])
    _answer_both(app, made, [0, 0, 0], [1, 2, 3, 4])
    admin = signed_in("admin")
    page = admin.get(f"/staff/results/{made['slug']}")
    assert page.status == 200
    for statement in STATEMENTS:
        assert page.soup.find(["h4"], string=lambda s, statement=statement: s and statement in s), statement
    text = page.text()
    assert "Most people (100%) chose “Strongly agree”." in text  # the first statement
    table = page.soup.find("caption", string=lambda s: s and "order people chose" in s).find_parent("table")
    first_row = [cell.get_text(strip=True) for cell in table.select("tbody tr")[0].find_all(["th", "td"])]
    # Trains: positions 1 and 2, mean 1.5; Buses: 2 and 1, mean 1.5, one first each: Buses and Trains tie.
    assert first_row[1] == "1.5"
    assert "came top, with an average position of 1.5" in text
    public = Resident(app.test_client()).get(f"/c/{made['slug']}/results")
    if public.status == 200:
        assert "Longer opening hours" in public.text()


@pytest.mark.parametrize("register", ["standard", "easy"])
def test_printed_results(app, made, register):
    """The full report prints each statement's table and the ranking's; easy read says it in sentences."""
    from consult.printing.pdf import render_pdf
    from consult.results.printed import results_document

    with app.app_context():
        consultation = db.session.get(Consultation, made["id"])
        consultation.small_group_threshold = 1
        db.session.commit()
    _answer_both(app, made, [0, 1, 4], [2, 1, 4, 3])
    _answer_both(app, made, [0, 0, 0], [1, 2, 3, 4])
    with app.test_request_context():
        consultation = db.session.get(Consultation, made["id"])
        printed, html = results_document(consultation, "en", register)
        if register == "easy":
            assert "Longer opening hours: most people chose “Strongly agree”." in html
            assert "came top." in html
        else:
            for statement in STATEMENTS:
                assert statement in html
            assert "Average position (1 is first)" in html
        assert render_pdf(html, language="en", title=printed.document_title).startswith(b"%PDF")


def test_staff_add_statements_and_points_and_set_a_top_n(app, made, signed_in):
    with app.app_context():
        consultation = db.session.get(Consultation, made["id"])
        consultation.status = "draft"
        db.session.commit()
    editor = signed_in("editor")
    page = editor.get(f"/staff/consultations/{made['id']}/questions/{made['grid']}")
    assert page.soup.find(id="option-new-role-statement").has_attr("checked")
    # "Add answer" is a button of the question's one form (form="question-form").
    add = page.soup.find(id=page.soup.find("button", id="add-option")["form"])
    index = page.soup.find_all("form", method="post").index(add)
    editor.submit(page, {"label": "Cleaner streets", "role": "statement"}, form_index=index)
    page = editor.get(f"/staff/consultations/{made['id']}/questions/{made['grid']}")
    add = page.soup.find(id=page.soup.find("button", id="add-option")["form"])
    editor.submit(page, {"label": "Not sure", "role": "answer"},
                  form_index=page.soup.find_all("form", method="post").index(add))
    with app.app_context():
        grid = _question(made["grid"])
        words = [(o.kind, o.label.variants[0].body) for o in grid.options]
        assert ("statement", "Cleaner streets") in words and words[-1] == ("answer", "Not sure"), str(words)
        assert [kind for kind, _words in words[:4]] == ["statement"] * 4
    page = editor.get(f"/staff/consultations/{made['id']}/questions/{made['ranking']}")
    form = page.soup.find("form", attrs={"hx-target": "#question-editor"})
    saved = editor.submit(page, {"rank_top": "2"}, form_index=page.soup.find_all("form", method="post").index(form))
    assert saved.status == 200
    with app.app_context():
        assert _question(made["ranking"]).settings["top"] == 2
