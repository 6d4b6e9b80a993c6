"""XLSForm groups in: field-list -> a section, table-list -> a grid, plain groups -> their questions;
or_other -> "Other, please specify". Workbooks made with openpyxl (tests/build/xlsforms.py)."""

from __future__ import annotations

from consult.extensions import db
from consult.loading import load_consultation
from consult.models import Section
from tests.build.test_xlsform_import import imported_lines, run, words
from tests.build.xlsforms import CY, EN, workbook

SETTINGS = [["form_title", "form_id", "default_language"], ["Groups form", "groups_form", "English (en)"]]
CHOICES = [["list_name", "name", EN, CY],
           ["yn", "yes", "Yes", "Ie"], ["yn", "no", "No", "Na"],
           ["agree", "agree", "Agree", "Cytuno"], ["agree", "neutral", "Not sure", "Ddim yn siŵr"],
           ["agree", "disagree", "Disagree", "Anghytuno"],
           ["pets", "dog", "Dog", "Ci"], ["pets", "cat", "Cat", "Cath"]]


def _form() -> bytes:
    survey = [
        ["type", "name", EN, CY, "appearance", "required"],
        ["text", "town", "Your town", "Eich tref", "", "yes"],
        ["begin_group", "about", "About you", "Amdanoch chi", "field-list", ""],
        ["text", "name", "Your name", "Eich enw", "", "yes"],
        ["select_one yn", "carer", "Are you a carer?", "Ydych chi'n ofalwr?", "", ""],
        ["end_group", "", "", "", "", ""],
        ["begin_group", "rate", "How much do you agree?", "Faint ydych chi'n cytuno?", "table-list", ""],
        ["select_one agree", "buses", "More buses", "Mwy o fysiau", "", "yes"],
        ["select_one agree", "trains", "More trains", "Mwy o drenau", "", "yes"],
        ["end_group", "", "", "", "", ""],
        ["begin_group", "plain", "Plain group", "Grŵp plaen", "", ""],
        ["text", "inside", "Inside the group", "Yn y grŵp", "", ""],
        ["end_group", "", "", "", "", ""],
        ["select_multiple pets or_other", "pets", "Your pets", "Eich anifeiliaid", "", ""],
    ]
    return workbook(survey, CHOICES, SETTINGS)


def test_groups_become_a_section_a_grid_and_loose_questions(app, tmp_path):
    result = run(app, tmp_path, _form())
    assert result.exit_code == 0, result.output
    lines = imported_lines(result.output)
    assert len(lines) == 1 and "begin_group: Consult has no groups" in lines[0]
    with app.app_context():
        consultation = load_consultation("groups-form")
        town, name, carer, grid, inside, pets = consultation.questions
        # field-list: the two questions share a section titled with the group's label, in both languages.
        assert name.section_id is not None and carer.section_id == name.section_id
        section = db.session.get(Section, name.section_id)
        assert words(section.title) == {"en": "About you", "cy": "Amdanoch chi"}
        assert town.section_id is None and grid.section_id is None and inside.section_id is None
        # table-list: one grid, its rows the statements and the list the scale.
        assert grid.kind == "grid" and words(grid.prompt)["en"] == "How much do you agree?"
        statements = [o for o in grid.options if o.kind == "statement"]
        points = [o for o in grid.options if o.kind == "answer"]
        assert [words(o.label)["en"] for o in statements] == ["More buses", "More trains"]
        assert [o.value for o in statements] == ["buses", "trains"]
        assert [(o.value, words(o.label)["cy"]) for o in points] == [
            ("agree", "Cytuno"), ("neutral", "Ddim yn siŵr"), ("disagree", "Anghytuno")]
        assert grid.required
        # or_other: "Other, please specify", its word in each language.
        other = pets.options[-1]
        assert other.write_in and words(other.label) == {"en": "Other", "cy": "Arall"}
        assert [o.value for o in pets.options[:-1]] == ["dog", "cat"]


def test_a_table_of_tick_boxes_becomes_a_section(app, tmp_path):
    """A grid chooses one point per statement; a table of select_multiple rows is put on one page instead."""
    survey = [
        ["type", "name", EN, "appearance"],
        ["begin_group", "mixed", "Mixed table", "table-list"],
        ["select_multiple pets", "a", "First", ""],
        ["select_multiple pets", "b", "Second", ""],
        ["end_group", "", "", ""],
    ]
    result = run(app, tmp_path, workbook(survey, [row[:3] for row in CHOICES], SETTINGS))
    assert result.exit_code == 0, result.output
    assert any("begin_group: Consult shows a table as a grid" in line for line in imported_lines(result.output))
    with app.app_context():
        first, second = load_consultation("groups-form").questions
        assert first.kind == "multiple_choice" and first.section_id is not None
        assert second.section_id == first.section_id


def test_imported_section_shows_on_one_page(app, tmp_path):
    from consult.build import services
    from tests.helpers import Resident

    assert run(app, tmp_path, _form()).exit_code == 0
    with app.app_context():
        consultation = load_consultation("groups-form")
        consultation.offered_languages  # noqa: B018
        consultation.languages.clear()
        services.publish(consultation)
        db.session.commit()
    resident = Resident(app.test_client())
    page = resident.submit(resident.get("/c/groups-form"))
    page = resident.submit(page, {page.field_name(): "Leeds"})
    assert page.h1 == "About you" and page.path == "/c/groups-form/q/2"
    assert [h2.get_text(" ", strip=True) for h2 in page.soup.select("form h2")][:2] == [
        "Your name", "Are you a carer? (optional)"]


def test_a_please_specify_row_after_its_choice_question_is_that_answers_box(app, tmp_path):
    """KoboToolbox's shape (and Consult's export): a text row named <question>_<choice>, asked only when
    that choice is chosen. A text row in any other shape stays a question of its own."""
    survey = [
        ["type", "name", EN, CY, "relevant"],
        ["select_one where", "where", "Where?", "Ble?", ""],
        ["text", "where_elsewhere", "Please describe", "Disgrifiwch", "selected(${where}, 'elsewhere')"],
        ["text", "why", "Why there?", "Pam yno?", "selected(${where}, 'home')"],
    ]
    choices = [["list_name", "name", EN, CY], ["where", "home", "At home", "Gartref"],
               ["where", "elsewhere", "Somewhere else", "Rhywle arall"]]
    result = run(app, tmp_path, workbook(survey, choices, SETTINGS))
    assert result.exit_code == 0, result.output
    with app.app_context():
        where, why = load_consultation("groups-form").questions
        assert [(o.value, o.write_in) for o in where.options] == [("home", False), ("elsewhere", True)]
        assert words(where.options[1].label) == {"en": "Somewhere else", "cy": "Rhywle arall"}
        assert why.kind == "short_text" and why.rules


def test_a_group_column_on_the_choices_sheet_puts_answers_under_headings(app, tmp_path):
    """Headed groups of answers: a choice's ``group`` names its heading, a choice of the list
    ``<list>_groups`` titled in every language; a heading named only in the column keeps its name."""
    survey = [["type", "name", EN, CY], ["select_one ethnic", "ethnic", "Your ethnic group", "Eich grŵp ethnig"]]
    choices = [["list_name", "name", EN, CY, "group"],
               ["ethnic", "indian", "Indian", "Indiaidd", "asian"],
               ["ethnic", "welsh", "Welsh", "Cymreig", "white"],
               ["ethnic", "chinese", "Chinese", "Tsieineaidd", "asian"],
               ["ethnic", "arab", "Arab", "Arabaidd", "other_group"],
               ["ethnic", "mixed", "Mixed", "Cymysg", ""],
               ["ethnic_groups", "white", "White", "Gwyn", ""],
               ["ethnic_groups", "asian", "Asian", "Asiaidd", ""]]
    result = run(app, tmp_path, workbook(survey, choices, SETTINGS))
    assert result.exit_code == 0, result.output
    assert imported_lines(result.output) == []
    with app.app_context():
        (ethnic,) = load_consultation("groups-form").questions
        assert [words(group.heading) for group in ethnic.option_groups] == [
            {"en": "White", "cy": "Gwyn"}, {"en": "Asian", "cy": "Asiaidd"}, {"en": "other_group"}]
        # In the order people see them: no heading first, then each heading's answers.
        assert [(o.value, o.group.position if o.group else None) for o in ethnic.options] == [
            ("mixed", None), ("welsh", 1), ("indian", 2), ("chinese", 2), ("arab", 3)]


def test_a_condition_on_every_row_of_a_table_is_on_the_grid_and_on_one_row_is_reported(app, tmp_path):
    """Consult's export writes "Agree at the grid" as Agree in any of its rows; a condition on one
    statement's row is something Consult cannot ask on, so it is reported, never guessed."""
    survey = [
        ["type", "name", EN, "appearance", "relevant"],
        ["begin_group", "rate", "How much do you agree?", "table-list", ""],
        ["select_one agree", "rate_buses", "More buses", "", ""],
        ["select_one agree", "rate_trains", "More trains", "", ""],
        ["end_group", "", "", "", ""],
        ["text", "why", "Why?", "", "selected(${rate_buses}, 'agree') or selected(${rate_trains}, 'agree')"],
        ["text", "what", "What?", "", "string-length(string(${rate_buses})) > 0 or "
                                      "string-length(string(${rate_trains})) > 0"],
        ["text", "which", "Which?", "", "selected(${rate_buses}, 'agree')"],
    ]
    result = run(app, tmp_path, workbook(survey, [row[:3] for row in CHOICES], SETTINGS))
    assert result.exit_code == 0, result.output
    lines = imported_lines(result.output)
    assert len(lines) == 1 and lines[0].startswith("survey sheet, row 8, text: Consult cannot ask this question")
    with app.app_context():
        grid, why, what, which = load_consultation("groups-form").questions
        assert [o.value for o in grid.options if o.kind == "statement"] == ["buses", "trains"]
        (rule,) = why.rules
        assert [(c.source_id, c.test, [o.value for o in c.options]) for c in rule.conditions] == [
            (grid.id, "chosen", ["agree"])]
        assert [(c.source_id, c.test) for c in what.rules[0].conditions] == [(grid.id, "answered")]
        assert not which.rules
