"""XLSForm out: every consultation is written as a form pyxform converts, and importing it gives the
same questionnaire back (types, options, branching, texts in every language)."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from openpyxl import load_workbook
from pyxform.xls2xform import convert

from consult.build.branching_rules import ConditionInput, RuleInput, save_rule, save_section_rule
from consult.build.option_groups import add_group, other_option, place_options, set_other_option, sort_options
from consult.build.questions import add_question, set_condition
from consult.build.services import create_consultation, make_block
from consult.build.xlsform import import_xlsform
from consult.build.xlsform.building import consult_type_for
from consult.build.xlsform.writing import export_xlsform
from consult.extensions import db
from consult.loading import load_consultation
from consult.models import BranchCondition, BranchRule, Section
from consult.models._time import utcnow
from consult.questions import REGISTRY

READ_BY_IMPORT = sorted(key for key, qtype in REGISTRY.items() if qtype.xlsform_types)


def words(block) -> dict[str, str]:
    if block is None:
        return {}
    return {variant.language: variant.body for variant in block.variants if variant.register == "standard"}


def rules(stored, positions: dict[int, int]) -> list:
    return [(rule.action, rule.match, [(condition.test, positions[condition.source_id],
                                        [option.value for option in condition.options])
                                       for condition in rule.conditions])
            for rule in stored]


def describe(consultation) -> dict:
    """What a questionnaire is, without its database ids: the round trip must keep all of it."""
    positions = {question.id: n for n, question in enumerate(consultation.questions)}
    sections: dict[int, int] = {}
    questions = []
    for question in consultation.questions:
        qtype = question.type
        options = qtype.xlsform_choices(question)
        statements = qtype.xlsform_rows(question)
        # A type import cannot read comes back as the type that reads what it was written as, and a
        # special answer that type has no place for (the agree scale's "Don't know") as an ordinary one.
        # A question written as a table of statements comes back as a grid.
        reader = REGISTRY["grid"] if statements else consult_type_for(*qtype.xlsform_type(question))
        kinds = {option.id: option.kind if option.kind in reader.extra_answers else "answer" for option in options}
        questions.append({
            "kind": reader.key,
            "prompt": words(question.prompt), "hint": words(question.hint),
            "missing": words(question.missing_message) if question.required else {},
            "required": question.required,
            "range": qtype.xlsform_constraint(question),
            # Each answer with the heading it sits under (in every language), in the order people see them.
            "options": [(option.value, kinds[option.id], words(option.label), option.write_in,
                         words(option.group.heading) if option.group is not None else None) for option in options],
            "headings": [words(group.heading) for group in question.option_groups],
            "statements": [(statement.value, words(statement.label)) for statement in statements],
            # Which page it is on: the section's place among the sections, its title in every language and
            # its own condition ("Only show this page if ...").
            "section": (sections.setdefault(question.section_id, len(sections)), words(question.section.title),
                        rules(question.section.rules, positions))
            if question.section_id else None,
            "condition": rules(question.rules, positions),
        })
    return {"languages": consultation.offered_languages, "summary": words(consultation.summary),
            "title": words(consultation.title)[consultation.default_language], "questions": questions}


def round_trip(slug: str, tmp_path) -> tuple[dict, dict]:
    consultation = load_consultation(slug)
    data = export_xlsform(consultation)
    path = tmp_path / f"{slug}.xlsx"
    path.write_bytes(data)
    convert(xlsform=str(path), validate=False)  # raises on a form pyxform cannot convert
    report = import_xlsform(data, file_name=path.name, slug=f"{slug}-again")
    db.session.flush()
    return describe(consultation), describe(load_consultation(report.consultation.slug))


def every_type_consultation():
    """One question of every type, in English and Welsh, with a range, a hint, a message and branching."""
    now = utcnow()
    consultation = create_consultation(
        "every-type", title={"en": "Every type"}, summary={"en": "All of them", "cy": "Pob un"},
        opens_at=now, closes_at=now + timedelta(weeks=2), language="en", other_languages=["cy"])
    db.session.flush()
    first = None
    # The choice question first, so a later one can be asked only after some of its answers.
    for key in sorted(REGISTRY, key=lambda key: (key != "single_choice", key)):
        qtype = REGISTRY[key]
        options = [{"en": "= Red", "cy": "Coch"}, {"en": "Blue", "cy": "Glas"}] \
            if qtype.has_options and not qtype.fixed_options else []
        extras = {f"{name}_option": {"en": f"Special {name}", "cy": f"Arbennig {name}"} for name in qtype.extra_answers}
        question = add_question(consultation, key, {"en": f"The {key} question", "cy": f"Cwestiwn {key}"},
                                hint={"en": "A hint", "cy": "Awgrym"}, options=options, required=key != "email",
                                **extras)
        if key in ("number", "decimal"):
            question.settings = {**question.settings, "min": 1 if key == "number" else "0.5", "max": 10}
        if key == "single_choice":
            first = question
            question.missing_message = make_block({"en": "Choose a colour", "cy": "Dewiswch liw"}, "en")
        elif first is not None and key == "short_text":
            set_condition(question, first.options[:2])
    by_kind = {question.kind: question for question in consultation.questions}
    # "Other, please specify", in the staff's own words in both languages.
    for key in ("single_choice", "multiple_choice"):
        set_other_option(by_kind[key], True, "Something else", "en")
        other_option(by_kind[key]).label.set("cy", "Rhywbeth arall")
    # Headed groups of answers, in both languages: "Cool" first, so "Blue" now comes before "= Red".
    colours = by_kind["multiple_choice"]
    warm = add_group(colours, "Warm colours", "en")
    cool = add_group(colours, "Cool colours", "en")
    warm.heading.set("cy", "Lliwiau cynnes")
    cool.heading.set("cy", "Lliwiau oer")
    place_options(colours, {colours.options[0].id: warm.id, colours.options[1].id: cool.id})
    swap_groups(colours)
    # Two pages of several questions; the second holds the grid (a table-list inside a field-list).
    pages = []
    for keys, title in ((("address", "agree_scale"), {"en": "About you", "cy": "Amdanoch chi"}),
                        (("grid", "long_text"), {"en": "Your views", "cy": "Eich barn"})):
        section = Section(consultation_id=consultation.id, title=make_block(title, "en"))
        db.session.add(section)
        db.session.flush()
        pages.append(section)
        for key in keys:
            by_kind[key].section_id = section.id
    db.session.flush()
    # The first page is shown only to people who chose a colour: the section's own condition.
    save_section_rule(pages[0], by_kind["address"], RuleInput(conditions=[ConditionInput(
        first.id, "chosen", [first.options[0].id, first.options[1].id])]), "en")
    # A condition on a grid: "Agree" (its first point) in any statement's row.
    grid = by_kind["grid"]
    save_rule(by_kind["ranking"], RuleInput(conditions=[ConditionInput(
        grid.id, "chosen", [grid.type.points(grid)[0].id])]), "en")
    db.session.flush()
    return consultation


def swap_groups(question) -> None:
    """Put the question's second heading first, so its answers come first."""
    first, second = question.option_groups
    first.position, second.position = 2, 1
    db.session.flush()
    db.session.expire(question, ["option_groups"])
    sort_options(question)


def test_every_type_import_reads_is_written_and_read_back(app, tmp_path):
    with app.app_context():
        every_type_consultation()
        before, after = round_trip("every-type", tmp_path)
        assert before == after
        kinds = {question["kind"] for question in after["questions"]}
        assert set(READ_BY_IMPORT) <= kinds
        assert any(question["condition"] for question in after["questions"])
        assert any(question["range"] for question in after["questions"])
        # Sections, the grid's statements and the "Other" boxes are part of what came back the same.
        by_kind = {question["prompt"]["en"].split()[1]: question for question in before["questions"]}
        assert by_kind["grid"]["statements"] and by_kind["grid"]["section"] == (1, {"en": "Your views", "cy": "Eich barn"}, [])
        assert [question["section"] for question in before["questions"]].count(None) == len(REGISTRY) - 4
        for kind in ("single_choice", "multiple_choice"):
            assert ("other", "answer", {"en": "Something else", "cy": "Rhywbeth arall"}, True, None) \
                in by_kind[kind]["options"]
        # Headed groups: both headings in both languages, and the answers in the order people see them.
        cool, warm = {"en": "Cool colours", "cy": "Lliwiau oer"}, {"en": "Warm colours", "cy": "Lliwiau cynnes"}
        colours = by_kind["multiple_choice"]
        assert colours["headings"] == [cool, warm]
        assert [(option[0], option[4]) for option in colours["options"]][:3] == [
            ("option_2", cool), ("option_1", warm), ("other", None)]
        # The first page's own condition came back as the section's, not as each question's.
        assert by_kind["address"]["section"][2] == [("ask", "any", [("chosen", 0, ["option_1", "option_2"])])]
        assert not by_kind["address"]["condition"] and not by_kind["agree_scale"]["condition"]
        # A condition on the grid came back as one (not reported and left out).
        grid = [n for n, question in enumerate(after["questions"]) if question["kind"] == "grid"][0]
        agree = by_kind["grid"]["options"][0][0]
        assert by_kind["ranking"]["condition"] == [("ask", "any", [("chosen", grid, [agree])])]


@pytest.mark.parametrize("slug", ["equipment-service", "wheelchair-repairs", "riverside-park"])
def test_the_demo_consultations_come_back_the_same(demo, app, tmp_path, slug):
    with app.app_context():
        before, after = round_trip(slug, tmp_path)
        assert before == after


def test_languages_are_label_columns_with_their_code(app):
    with app.app_context():
        consultation = every_type_consultation()
        book = load_workbook(io.BytesIO(export_xlsform(consultation)))
        headings = [cell.value for cell in book["survey"][1]]
        assert "label::English (en)" in headings and "label::Welsh (cy)" in headings
        assert "hint::Welsh (cy)" in headings
        # A label starting with "=" is kept as words, never a formula.
        choices = [[cell.value for cell in row] for row in book["choices"].iter_rows()]
        assert any("= Red" in row for row in choices)
        assert book["settings"]["D2"].value == "English (en)"


def test_the_command_writes_a_file(demo, app, tmp_path):
    path = tmp_path / "out.xlsx"
    result = app.test_cli_runner().invoke(args=["export-xlsform", "equipment-service", str(path)])
    assert result.exit_code == 0, result.output
    convert(xlsform=str(path), validate=False)
    missing = app.test_cli_runner().invoke(args=["export-xlsform", "no-such-thing", str(path)])
    assert missing.exit_code == 1 and "no-such-thing" in missing.output


def test_editors_download_it_and_residents_cannot(demo, signed_in, resident, tmp_path):
    url = f"/staff/consultations/{demo['id']}/xlsform"
    editor = signed_in("editor")
    builder = editor.get(f"/staff/consultations/{demo['id']}")
    link = builder.soup.find("a", href=url)
    assert link is not None and link.get_text(strip=True) == "Download as an XLSForm (.xlsx)"
    response = editor.client.get(url)
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == 'attachment; filename="equipment-service.xlsx"'
    path = tmp_path / "download.xlsx"
    path.write_bytes(response.data)
    convert(xlsform=str(path), validate=False)
    assert resident.client.get(url).status_code in (302, 303, 401, 403)
    assert signed_in("analyst").client.get(url).status_code == 403


def test_richer_branching_is_written_as_xpath_pyxform_converts(app, tmp_path):
    """Comparisons, "not chosen" and skips have no shape the import reads, but other tools run them."""
    with app.app_context():
        consultation = every_type_consultation()
        by_kind = {question.kind: question for question in consultation.questions}
        number, colour, phone = by_kind["number"], by_kind["single_choice"], by_kind["phone"]
        postcode, yes_no = by_kind["postcode"], by_kind["yes_no"]
        phone.rules.append(BranchRule(action="ask", match="all", conditions=[
            BranchCondition(source_id=number.id, test="between", low="2", high="8"),
            BranchCondition(source_id=colour.id, test="not_chosen", options=[colour.options[0]])]))
        # Skipping from the number question to the yes/no question passes over the postcode question.
        number.rules.append(BranchRule(action="skip", match="any", target_id=yes_no.id, conditions=[
            BranchCondition(source_id=number.id, test="more", low="5")]))
        db.session.flush()
        db.session.expire_all()
        consultation = load_consultation("every-type")
        data = export_xlsform(consultation)
        path = tmp_path / "rich.xlsx"
        path.write_bytes(data)
        convert(xlsform=str(path), validate=False)
        survey = list(load_workbook(io.BytesIO(data))["survey"].iter_rows(values_only=True))
        headings = survey[0]
        rows = {row[1]: dict(zip(headings, row)) for row in survey[1:]}
        names = {question.id: f"q{n}" for n, question in enumerate(consultation.questions, start=1)}
        n, c = names[number.id], names[colour.id]
        # The phone question has its own rule, and comes between the skip's start and its target.
        assert rows[names[phone.id]]["relevant"] == (
            f"((${{{n}}} >= 2 and ${{{n}}} <= 8) and not(selected(${{{c}}}, 'option_1'))) and not(${{{n}}} > 5)")
        assert rows[names[postcode.id]]["relevant"] == f"not(${{{n}}} > 5)"
        assert not rows[names[yes_no.id]]["relevant"]


def test_a_choice_question_without_answers_yet_still_converts(app, tmp_path):
    with app.app_context():
        now = utcnow()
        consultation = create_consultation("half-built", title={"en": "Half built"}, summary={"en": "Not yet"},
                                           opens_at=now, closes_at=now + timedelta(weeks=2))
        db.session.flush()
        add_question(consultation, "single_choice", {"en": "Which one?"}, options=[])
        add_question(consultation, "short_text", {"en": "Why?"})
        db.session.flush()
        path = tmp_path / "half.xlsx"
        path.write_bytes(export_xlsform(load_consultation("half-built")))
        convert(xlsform=str(path), validate=False)


def test_sections_grids_and_other_boxes_are_written_as_xlsform_users_write_them(app):
    with app.app_context():
        consultation = every_type_consultation()
        names = {question.kind: f"q{n}" for n, question in enumerate(consultation.questions, start=1)}
        data = export_xlsform(consultation)
        survey = list(load_workbook(io.BytesIO(data))["survey"].iter_rows(values_only=True))
        headings = survey[0]
        rows = [dict(zip(headings, row)) for row in survey[1:]]
        types = [row["type"] for row in rows]
        # Each section is a field-list group titled in every language; the grid's table-list sits inside one.
        sections = [row for row in rows if row["type"] == "begin_group" and row["appearance"] == "field-list"]
        assert [(row["label::English (en)"], row["label::Welsh (cy)"]) for row in sections] == [
            ("About you", "Amdanoch chi"), ("Your views", "Eich barn")]
        assert types.count("begin_group") == types.count("end_group") == 3
        grid = next(index for index, row in enumerate(rows) if row["name"] == names["grid"])
        assert rows[grid]["appearance"] == "table-list" and rows[grid - 1] == sections[1]
        statements = rows[grid + 1:grid + 3]
        assert [row["label::Welsh (cy)"] for row in statements] == ["Coch", "Glas"]
        assert len({row["type"] for row in statements}) == 1 and statements[0]["type"].startswith("select_one ")
        assert rows[grid + 3]["type"] == "end_group"
        # "Other": an explicit choice, then its box asked only when it is chosen.
        choice = next(index for index, row in enumerate(rows) if row["name"] == names["single_choice"])
        box = rows[choice + 1]
        assert box["type"] == "text" and box["name"] == f"{names['single_choice']}_other"
        assert box["relevant"] == f"selected(${{{names['single_choice']}}}, 'other')"
        assert (box["label::English (en)"], box["label::Welsh (cy)"]) == ("Please describe", "Disgrifiwch")
        # A section's own condition is its group's relevant, once: not repeated on its questions.
        first = names["single_choice"]
        assert sections[0]["relevant"] == f"selected(${{{first}}}, 'option_1') or selected(${{{first}}}, 'option_2')"
        assert not rows[types.index("begin_group") + 1]["relevant"] and not sections[1]["relevant"]
        # Headed groups: a plain "group" column naming each answer's heading, and the headings as a list of
        # their own titled in every language.
        choices = list(load_workbook(io.BytesIO(data))["choices"].iter_rows(values_only=True))
        listed = [dict(zip(choices[0], row)) for row in choices[1:]]
        colours = f"{names['multiple_choice']}_answers"
        assert [(row["name"], row["group"]) for row in listed if row["list_name"] == colours][:3] == [
            ("option_2", "group_1"), ("option_1", "group_2"), ("other", None)]
        assert [(row["name"], row["label::English (en)"], row["label::Welsh (cy)"]) for row in listed
                if row["list_name"] == f"{colours}_groups"] == [
            ("group_1", "Cool colours", "Lliwiau oer"), ("group_2", "Warm colours", "Lliwiau cynnes")]
        assert not any(row["group"] for row in listed if row["list_name"] != colours)


def test_a_condition_on_a_grid_looks_at_its_rows(app, tmp_path):
    """A grid's answers are in its statements' rows: "chose Agree" is Agree in any row."""
    with app.app_context():
        consultation = every_type_consultation()
        by_kind = {question.kind: question for question in consultation.questions}
        grid, money, number = by_kind["grid"], by_kind["money"], by_kind["number"]
        point = grid.type.points(grid)[0]
        money.rules.append(BranchRule(action="ask", match="any", conditions=[
            BranchCondition(source_id=grid.id, test="chosen", options=[point])]))
        number.rules.append(BranchRule(action="ask", match="any", conditions=[
            BranchCondition(source_id=grid.id, test="answered")]))
        db.session.flush()
        db.session.expire_all()
        consultation = load_consultation("every-type")
        data = export_xlsform(consultation)
        path = tmp_path / "grid-condition.xlsx"
        path.write_bytes(data)
        convert(xlsform=str(path), validate=False)
        survey = list(load_workbook(io.BytesIO(data))["survey"].iter_rows(values_only=True))
        rows = {row[1]: dict(zip(survey[0], row)) for row in survey[1:] if row[1]}
        names = {question.id: f"q{n}" for n, question in enumerate(consultation.questions, start=1)}
        g = names[grid.id]
        statement_rows = [name for name in rows if name.startswith(f"{g}_")]
        assert len(statement_rows) == 2
        assert rows[names[money.id]]["relevant"] == " or ".join(
            f"selected(${{{row}}}, '{point.value}')" for row in statement_rows)
        assert rows[names[number.id]]["relevant"] == " or ".join(
            f"string-length(string(${{{row}}})) > 0" for row in statement_rows)
