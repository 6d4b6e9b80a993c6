"""XLSForm out: every consultation is written as a form pyxform converts, and importing it gives the
same questionnaire back (types, options, branching, texts in every language)."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from openpyxl import load_workbook
from pyxform.xls2xform import convert

from consult.build.questions import add_question, set_condition
from consult.build.services import create_consultation, make_block
from consult.build.xlsform import import_xlsform
from consult.build.xlsform.building import consult_type_for
from consult.build.xlsform.writing import export_xlsform
from consult.extensions import db
from consult.loading import load_consultation
from consult.models import BranchCondition, BranchRule
from consult.models._time import utcnow
from consult.questions import REGISTRY

READ_BY_IMPORT = sorted(key for key, qtype in REGISTRY.items() if qtype.xlsform_types)


def words(block) -> dict[str, str]:
    if block is None:
        return {}
    return {variant.language: variant.body for variant in block.variants if variant.register == "standard"}


def describe(consultation) -> dict:
    """What a questionnaire is, without its database ids: the round trip must keep all of it."""
    positions = {question.id: n for n, question in enumerate(consultation.questions)}
    questions = []
    for question in consultation.questions:
        qtype = question.type
        options = qtype.xlsform_choices(question)
        # A type import cannot read comes back as the type that reads what it was written as, and a
        # special answer that type has no place for (the agree scale's "Don't know") as an ordinary one.
        reader = consult_type_for(*qtype.xlsform_type(question))
        kinds = {option.id: option.kind if option.kind in reader.extra_answers else "answer" for option in options}
        questions.append({
            "kind": reader.key,
            "prompt": words(question.prompt), "hint": words(question.hint),
            "missing": words(question.missing_message) if question.required else {},
            "required": question.required,
            "range": qtype.xlsform_constraint(question),
            "options": [(option.value, kinds[option.id], words(option.label)) for option in options],
            "condition": [(rule.action, rule.match, [(condition.test, positions[condition.source_id],
                                                      [option.value for option in condition.options])
                                                     for condition in rule.conditions])
                          for rule in question.rules],
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
    db.session.flush()
    return consultation


def test_every_type_import_reads_is_written_and_read_back(app, tmp_path):
    with app.app_context():
        every_type_consultation()
        before, after = round_trip("every-type", tmp_path)
        assert before == after
        kinds = {question["kind"] for question in after["questions"]}
        assert set(READ_BY_IMPORT) <= kinds
        assert any(question["condition"] for question in after["questions"])
        assert any(question["range"] for question in after["questions"])


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
