"""XLSForm in: ``flask import-xlsform`` and the service behind it. Every mapped feature, every refusal,
the exit statuses and what the command prints; a bad file creates nothing."""

from __future__ import annotations

import io
import zipfile

import pytest
from sqlalchemy import func, select

from consult.build.xlsform.building import consult_type_for
from consult.extensions import db
from consult.loading import load_consultation
from consult.models import Consultation, Question, Section
from consult.questions import REGISTRY
from tests.branching_helpers import condition_options
from tests.build.xlsforms import CY, EN, full_form, workbook

SETTINGS = [["form_title", "form_id"], ["Small form", "small_form"]]
YESNO = [["list_name", "name", "label"], ["yn", "yes", "Yes"], ["yn", "no", "No"]]


def run(app, tmp_path, data: bytes, *args: str, name: str = "form.xlsx"):
    path = tmp_path / name
    path.write_bytes(data)
    return app.test_cli_runner().invoke(args=["import-xlsform", str(path), *args])


def words(block) -> dict[str, str]:
    return {variant.language: variant.body for variant in block.variants if variant.register == "standard"} \
        if block is not None else {}


def consultation_count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Consultation))


def imported_lines(output: str) -> list[str]:
    """The report lines: everything after the address and the summary line."""
    return output.strip().splitlines()[2:]


# -- the mapping lives in the question types ---------------------------------------------------------

def test_each_type_declares_the_xlsform_types_it_reads():
    for qtype in REGISTRY.values():
        assert isinstance(qtype.xlsform_types, tuple) and isinstance(qtype.xlsform_appearances, tuple)
    assert consult_type_for("text", "").key == "short_text"
    assert consult_type_for("text", "multiline").key == "long_text"
    assert consult_type_for("integer", "").key == "number"
    assert consult_type_for("select_one", "minimal").key == "single_choice"
    assert consult_type_for("select_multiple", "").key == "multiple_choice"
    assert consult_type_for("geopoint", "") is None


def test_a_type_that_declares_an_xlsform_type_is_used_for_it(app, tmp_path, monkeypatch):
    """Nothing else to change: a type naming an XLSForm type in xlsform_types gets its rows."""
    monkeypatch.setattr(type(REGISTRY["short_text"]), "xlsform_types", ("text", "barcode"))
    survey = [["type", "name", "label"], ["barcode", "code", "Your code?"]]
    result = run(app, tmp_path, workbook(survey, settings=SETTINGS))
    assert result.exit_code == 0 and imported_lines(result.output) == []
    with app.app_context():
        assert [q.kind for q in load_consultation("small-form").questions] == ["short_text"]


# -- every mapped feature ----------------------------------------------------------------------------

def test_full_form_is_built_in_three_languages(app, tmp_path):
    result = run(app, tmp_path, full_form(), name="park.xlsx")
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert lines[0] == "/c/park-survey"
    assert lines[1] == "6 questions imported; languages: en, ar, cy"
    assert imported_lines(result.output) == []  # everything in this form has a place in Consult
    with app.app_context():
        consultation = load_consultation("park-survey")
        assert consultation.status == "draft" and consultation.default_language == "en"
        assert consultation.offered_languages == ["en", "ar", "cy"]
        assert words(consultation.title) == {"en": "Park survey"}
        # The note before the first question is the start page's summary, in every language.
        assert words(consultation.summary) == {"en": "Tell us about the park.", "cy": "Dywedwch wrthym am y parc.",
                                               "ar": "أخبرنا عن الحديقة."}
        name, story, visits, dog, walks, why = consultation.questions
        assert [q.kind for q in consultation.questions] == [
            "short_text", "long_text", "number", "single_choice", "multiple_choice", "short_text"]
        assert words(name.prompt) == {"en": "What is your first name?", "cy": "Beth yw eich enw cyntaf?",
                                      "ar": "ما اسمك الأول؟"}
        assert words(name.hint) == {"en": "Only your first name", "cy": "Eich enw cyntaf yn unig"}
        assert words(name.missing_message) == {"en": "Enter your first name"}
        assert [q.required for q in consultation.questions] == [True, False, True, True, False, False]
        assert visits.settings["min"] == 1 and visits.settings["max"] == 10
        assert [(o.value, words(o.label)) for o in dog.options] == [
            ("yes", {"en": "Yes", "cy": "Ie", "ar": "نعم"}), ("no", {"en": "No", "cy": "Na", "ar": "لا"})]
        assert [o.value for o in walks.options] == ["lake", "woods"]
        assert [o.value for o in condition_options(walks)] == ["yes"]
        assert condition_options(walks)[0].question_id == dog.id
        assert [o.value for o in condition_options(why)] == ["no"]
        assert not condition_options(name) and not story.hint


def test_the_branching_it_makes_is_what_residents_get(app, tmp_path, resident):
    """A condition made from ``relevant`` behaves like one staff set in the builder."""
    survey = [["type", "name", "label", "relevant", "required"],
              ["note", "hello", "Tell us about your dog.", "", ""],
              ["select_one yn", "dog", "Do you have a dog?", "", "yes"],
              ["text", "name", "What is its name?", "selected(${dog}, 'yes')", "yes"],
              ["text", "else", "Anything else?", "", "no"]]
    settings = [["form_title", "form_id"], ["Dogs", "dogs"]]
    assert run(app, tmp_path, workbook(survey, YESNO, settings), "--publish").exit_code == 0
    with app.app_context():
        consultation = load_consultation("dogs")
        assert consultation.status == "published"
        dog = consultation.questions[0]
        no = next(o.id for o in dog.options if o.value == "no")
    page = resident.get("/c/dogs")
    page = resident.submit(page)  # start
    page = resident.submit(page, {f"q{dog.id}": str(no)})
    assert page.h1.startswith("Anything else?")


def test_plain_label_columns_are_english(app, tmp_path):
    survey = [["type", "name", "label", "hint"], ["text", "a", "First?", "A hint"]]
    result = run(app, tmp_path, workbook(survey, settings=SETTINGS))
    assert result.exit_code == 0 and result.output.splitlines()[0] == "/c/small-form"
    with app.app_context():
        question = load_consultation("small-form").questions[0]
        assert words(question.prompt) == {"en": "First?"} and words(question.hint) == {"en": "A hint"}
        assert question.required is False  # XLSForm questions are optional unless marked


def test_welsh_first_form(app, tmp_path):
    """default_language in the settings sheet is the consultation's own language."""
    survey = [["type", "name", CY, EN], ["text", "a", "Beth?", "What?"]]
    settings = [["form_title", "form_id", "default_language"], ["Arolwg", "arolwg", "Welsh (cy)"]]
    assert run(app, tmp_path, workbook(survey, settings=settings)).exit_code == 0
    with app.app_context():
        consultation = load_consultation("arolwg")
        assert consultation.default_language == "cy" and consultation.offered_languages == ["cy", "en"]
        assert words(consultation.title) == {"cy": "Arolwg"}


def test_several_leading_notes_and_a_long_one(app, tmp_path):
    long_words = "Word " * 80
    survey = [["type", "name", "label"], ["note", "n1", long_words], ["note", "n2", "More about it."],
              ["text", "a", "First?"]]
    assert run(app, tmp_path, workbook(survey, settings=SETTINGS)).exit_code == 0
    with app.app_context():
        consultation = load_consultation("small-form")
        assert words(consultation.summary) == {}
        assert words(consultation.purpose) == {"en": long_words.strip() + "\n\nMore about it."}


def test_strict_limits_become_whole_numbers(app, tmp_path):
    survey = [["type", "name", "label", "constraint"], ["integer", "a", "How many?", ". > 0 and . < 100"],
              ["integer", "b", "How old?", ". >= 18"]]
    assert run(app, tmp_path, workbook(survey, settings=SETTINGS)).exit_code == 0
    with app.app_context():
        first, second = load_consultation("small-form").questions
        assert (first.settings["min"], first.settings["max"]) == (1, 99)
        assert (second.settings["min"], second.settings["max"]) == (18, None)


def test_slug_option_and_a_second_import_gets_its_own_address(app, tmp_path):
    survey = [["type", "name", "label"], ["text", "a", "First?"]]
    data = workbook(survey, settings=SETTINGS)
    assert run(app, tmp_path, data, "--slug", "my-own-form").output.splitlines()[0] == "/c/my-own-form"
    assert run(app, tmp_path, data).output.splitlines()[0] == "/c/small-form"
    assert run(app, tmp_path, data).output.splitlines()[0] == "/c/small-form-2"


def test_no_form_title_uses_the_file_name_and_says_so(app, tmp_path):
    survey = [["type", "name", "label"], ["text", "a", "First?"]]
    result = run(app, tmp_path, workbook(survey), name="bus_routes-2027.xlsx")
    assert result.exit_code == 0
    assert result.output.splitlines()[0] == "/c/bus-routes-2027"
    assert imported_lines(result.output) == [
        "settings sheet, form_title: there is no form_title, so the title is “bus routes 2027”. Change it in Settings"]
    with app.app_context():
        assert words(load_consultation("bus-routes-2027").title) == {"en": "bus routes 2027"}


# -- publishing ----------------------------------------------------------------------------------

def test_publish_when_the_checklist_passes(app, tmp_path):
    survey = [["type", "name", "label", "required"], ["note", "hello", "Tell us about buses.", ""],
              ["select_one yn", "bus", "Do you take the bus?", "yes"]]
    result = run(app, tmp_path, workbook(survey, YESNO, SETTINGS), "--publish")
    assert result.exit_code == 0 and result.output.strip().endswith("Published.")
    with app.app_context():
        assert load_consultation("small-form").state() == "open"


def test_publish_refused_prints_what_stops_it(app, tmp_path):
    # No note, so no summary; the title and the hint have no Welsh.
    survey = [["type", "name", EN, CY, "hint::English (en)"], ["text", "a", "First?", "Cyntaf?", "Only one"]]
    result = run(app, tmp_path, workbook(survey, settings=SETTINGS), "--publish")
    assert result.exit_code == 0
    output = result.output
    assert "Not published. Fix these first, in the builder:" in output
    assert "- Write a one-line summary" in output
    assert "- Welsh: 2 of 3 texts are not translated yet" in output
    with app.app_context():
        assert load_consultation("small-form").status == "draft"


# -- every refusal -------------------------------------------------------------------------------

def test_rows_it_cannot_express_are_reported_and_the_rest_imported(app, tmp_path):
    survey = [
        ["type", "name", "label", "relevant", "constraint", "constraint_message", "required", "calculation",
         "appearance", "choice_filter", "media::image"],
        ["select_one yn", "dog", "Dog?", "", "", "", "yes", "", "", "", ""],                          # 2
        ["begin_repeat", "pets", "Pets", "", "", "", "", "", "", "", ""],                             # 3
        ["text", "pet_name", "Pet's name", "", "", "", "", "", "", "", ""],                           # 4
        ["end_repeat", "", "", "", "", "", "", "", "", "", ""],                                       # 5
        ["calculate", "twice", "", "", "", "", "", "2 * 2", "", "", ""],                              # 6
        ["geopoint", "where", "Where?", "", "", "", "", "", "", "", ""],                              # 7
        ["select_one_external yn", "ext", "From outside?", "", "", "", "", "", "", "", ""],           # 8
        ["osm building", "house", "Your house?", "", "", "", "", "", "", "", ""],                     # 9
        ["barcode", "code", "Scan it", "", "", "", "", "", "", "", ""],                              # 10
        ["integer", "age", "Age?", "${dog} > 2", "", "", "", "", "", "", ""],                         # 11
        ["text", "code2", "Postcode?", "", "regex(., '^[A-Z]')", "", "", "", "", "", ""],             # 12
        ["text", "short", "Short?", "", ". <= 10", "", "", "", "", "", ""],                           # 13
        ["integer", "count", "How many?", "", ". >= 1 and . <= 5", "1 to 5 please", "", "", "", "", ""],  # 14
        ["note", "later", "Thanks for that.", "", "", "", "", "", "", "", ""],                        # 15
        ["start", "started", "", "", "", "", "", "", "", "", ""],                                     # 16
        ["text", "maybe", "Why?", "", "", "", "${dog} = 'yes'", "", "", "", ""],                      # 17
        ["select_one yn", "filtered", "Again?", "", "", "", "", "", "", "dog = 'yes'", ""],           # 18
        ["text", "pic", "This one?", "", "", "", "", "", "", "", "dog.png"],                          # 19
        ["text", "piped", "Why ${dog}?", "", "", "", "", "", "", "", ""],                             # 20
        ["select_multiple yn", "multi", "Which?", "", "", "", "", "", "", "", ""],                    # 21
        ["text", "exact", "Only both?", "${multi} = 'yes'", "", "", "", "", "", "", ""],              # 22
        ["text", "gone", "After a skipped one?", "selected(${where}, 'x')", "", "", "", "", "", "", ""],  # 23
        ["text", "unknown_answer", "Maybe?", "selected(${dog}, 'perhaps')", "", "", "", "", "", "", ""],  # 24
    ]
    external = [["list_name", "name", "label"], ["yn", "yes", "Yes"]]
    result = run(app, tmp_path, workbook(survey, YESNO, SETTINGS, external_choices=external))
    assert result.exit_code == 0, result.output
    lines = imported_lines(result.output)
    expected = [
        ("row 3, begin_repeat:", "repeat group"),
        ("row 6, calculate:", "a calculation is not a question"),
        ("row 7, geopoint:", "no map answers"),
        ("row 8, select_one_external yn:", "external list"),
        ("row 9, osm building:", "OpenStreetMap"),
        ("row 10, barcode:", "no question type for “barcode”"),
        ("row 11, integer:", "only when “${dog} > 2”"),
        ("row 12, text:", "cannot check “regex(., '^[A-Z]')”"),
        ("row 13, text:", "cannot check “. <= 10”"),
        ("row 14, integer:", "constraint message was not imported"),
        ("row 15, note:", "no page of text between questions"),
        ("row 16, start:", "recorded by a phone or tablet"),
        ("row 17, text:", "required only sometimes (“${dog} = 'yes'”)"),
        ("row 18, select_one yn:", "choice_filter"),
        ("row 19, text:", "pictures, sounds and videos"),
        ("row 20, text:", "shows an earlier answer inside its words"),
        ("row 22, text:", "only when “${multi} = 'yes'”"),
        ("row 23, text:", "only when “selected(${where}, 'x')”"),
        ("row 24, text:", "only when “selected(${dog}, 'perhaps')”"),
    ]
    assert len(lines) == len(expected), "\n".join(lines)
    for line, (where, why) in zip(lines, expected):
        assert line.startswith(f"survey sheet, {where}") and why in line, line
    with app.app_context():
        consultation = load_consultation("small-form")
        prompts = [words(q.prompt)["en"] for q in consultation.questions]
        assert prompts == ["Dog?", "Age?", "Postcode?", "Short?", "How many?", "Why?", "Again?", "This one?",
                           "Why ${dog}?", "Which?", "Only both?", "After a skipped one?", "Maybe?"]
        by_prompt = {words(q.prompt)["en"]: q for q in consultation.questions}
        assert by_prompt["How many?"].settings["max"] == 5
        assert by_prompt["Why?"].required is False
        assert not any(condition_options(q) for q in consultation.questions)
        # The repeat's questions are not imported one by one either.
        assert "Pet's name" not in prompts


def test_or_other_becomes_other_please_specify(app, tmp_path):
    survey = [["type", "name", "label"], ["select_one yn or_other", "dog", "Dog?"], ["select_one yn", "cat", "Cat?"]]
    result = run(app, tmp_path, workbook(survey, YESNO, SETTINGS))
    assert result.exit_code == 0
    assert imported_lines(result.output) == []
    with app.app_context():
        dog, cat = load_consultation("small-form").questions
        # pyxform adds "Other" to the shared list; only the question with or_other asks for words with it.
        assert [(o.value, o.write_in) for o in dog.options] == [("yes", False), ("no", False), ("other", True)]
        assert words(dog.options[-1].label) == {"en": "Other"}
        assert [o.value for o in cat.options] == ["yes", "no"]


def test_groups_are_reported_and_their_questions_imported(app, tmp_path):
    survey = [["type", "name", "label", "appearance", "relevant"],
              ["select_one yn", "dog", "Dog?", "", ""],
              ["begin_group", "about", "About your dog", "field-list", "selected(${dog}, 'yes')"],
              ["text", "dog_name", "Its name?", "", ""],
              ["text", "dog_age", "Its age?", "", "selected(${dog}, 'no')"],
              ["end_group", "", "", "", ""],
              ["begin_group", "plain", "Plain", "", ""],
              ["text", "inside", "Inside?", "", ""],
              ["end_group", "", "", "", ""]]
    result = run(app, tmp_path, workbook(survey, YESNO, SETTINGS))
    lines = imported_lines(result.output)
    # A field-list group is a section, and its condition the section's own ("Only show this page if"),
    # so the question inside keeps its own condition too: only the plain group is reported.
    assert len(lines) == 1 and lines[0].startswith("survey sheet, row 7, begin_group: Consult has no groups")
    with app.app_context():
        dog, name, age, inside = load_consultation("small-form").questions
        assert name.section_id is not None and age.section_id == name.section_id
        section = db.session.get(Section, name.section_id)
        assert [o.value for o in condition_options(section)] == ["yes"]  # the group's condition, the page's
        assert not condition_options(name) and [o.value for o in condition_options(age)] == ["no"]
        assert not condition_options(inside)
        assert dog.section_id is None and inside.section_id is None


def test_a_language_consult_does_not_offer_is_reported(app, tmp_path):
    survey = [["type", "name", EN, "label::Klingon (tlh)"], ["text", "a", "What?", "nuq?"]]
    result = run(app, tmp_path, workbook(survey, settings=SETTINGS))
    assert result.exit_code == 0
    assert imported_lines(result.output) == [
        "survey sheet, row 1, Klingon (tlh): Consult does not offer this language, so its texts were not imported"]
    with app.app_context():
        assert load_consultation("small-form").offered_languages == ["en"]


def test_choices_from_a_file_are_refused(app, tmp_path):
    survey = [["type", "name", "label"], ["select_one_from_file towns.csv", "town", "Town?"], ["text", "a", "A?"]]
    result = run(app, tmp_path, workbook(survey, settings=SETTINGS))
    assert result.exit_code == 0
    assert imported_lines(result.output) == [
        "survey sheet, row 2, select_one_from_file towns.csv: Consult cannot take answers from a file, so this "
        "question was not imported"]


# -- files that are not a usable XLSForm: exit 1, a short message, nothing created --------------------

def _zip_without_workbook() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("notes.txt", "hello")
    return buffer.getvalue()


BAD_FILES = {
    "not a workbook": (b"type,name,label\ntext,a,A\n", "not an Excel workbook (.xlsx)"),
    "a zip but not a workbook": (_zip_without_workbook(), "not an Excel workbook (.xlsx)"),
    "corrupt": (full_form()[:3000], "not an Excel workbook (.xlsx)"),
    "no survey sheet": (workbook(None, questions=[["type"], ["text"]], notes=[["a"]]), "no sheet called “survey”"),
    "duplicate headings": (workbook([["type", "name", "label", "label"], ["text", "a", "A", "B"]]),
                           "Two columns have the same heading, “label”"),
    "empty survey": (workbook([]), "The survey sheet is empty"),
    "headings only": (workbook([["type", "name", "label"]]), "The survey sheet is empty"),
    "no type column": (workbook([["name", "label"], ["a", "A"]]), "not a usable XLSForm"),
    "missing choices list": (workbook([["type", "name", "label"], ["select_one nope", "a", "A"]]),
                             "not a usable XLSForm"),
}


@pytest.mark.parametrize("case", BAD_FILES)
def test_a_file_that_is_not_a_usable_xlsform(app, tmp_path, case):
    data, message = BAD_FILES[case]
    result = run(app, tmp_path, data, "--publish")
    assert result.exit_code == 1
    assert result.output.startswith("Error: form.xlsx: ") and message in result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1
    assert consultation_count(app) == 0


def test_a_bad_or_taken_address_creates_nothing(app, tmp_path):
    survey = [["type", "name", "label"], ["text", "a", "First?"]]
    data = workbook(survey, settings=SETTINGS)
    bad = run(app, tmp_path, data, "--slug", "Not A Slug")
    assert bad.exit_code == 1 and "cannot be a web address" in bad.output
    assert run(app, tmp_path, data, "--slug", "taken").exit_code == 0
    taken = run(app, tmp_path, data, "--slug", "taken")
    assert taken.exit_code == 1 and "Another consultation uses the web address “taken”" in taken.output
    assert consultation_count(app) == 1


def test_a_missing_file_is_a_usage_error(app, tmp_path):
    result = app.test_cli_runner().invoke(args=["import-xlsform", str(tmp_path / "nothing.xlsx")])
    assert result.exit_code == 2 and consultation_count(app) == 0


def test_nothing_half_made_when_building_fails(app, tmp_path, monkeypatch):
    """One transaction: a failure after some questions exist leaves no consultation behind."""
    from consult.build.xlsform.building import Builder
    from consult.build.xlsform.reading import XLSFormError

    def broken(*args, **kwargs):
        raise XLSFormError("stopped on purpose")

    monkeypatch.setattr(Builder, "notice_extras", broken)
    result = run(app, tmp_path, full_form())
    assert result.exit_code == 1 and "stopped on purpose" in result.output
    assert consultation_count(app) == 0
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Question)) == 0


def test_several_conditions_become_one_rule_of_any_or_all(app, tmp_path):
    """relevant with and/or over earlier questions, as the export writes them (and KoboToolbox users do)."""
    from consult import branching

    survey = [
        ["type", "name", "label", "relevant", "required"],
        ["select_one yn", "dog", "Dog?", "", "yes"],
        ["integer", "age", "Age?", "", "yes"],
        ["date", "seen", "When did you last see a vet?", "", ""],
        ["text", "both", "Old dog?", "selected(${dog}, 'yes') and ${age} > 10", ""],
        ["text", "either", "No dog or young?", "not(selected(${dog}, 'yes')) or ${age} < 3", ""],
        ["text", "range", "Middle aged?", "${age} >= 4 and ${age} <= 9", ""],
        ["text", "lately", "Seen lately?", "string-length(string(${seen})) > 0 and ${seen} > date('2026-01-01')", ""],
        ["text", "mixed", "Mixed?", "selected(${dog}, 'yes') and (${age} > 1 or ${age} < 0)", ""],
    ]
    result = run(app, tmp_path, workbook(survey, YESNO, SETTINGS))
    assert result.exit_code == 0, result.output
    with app.app_context():
        consultation = db.session.scalar(select(Consultation).order_by(Consultation.id.desc()))
        by_prompt = {words(question.prompt)["en"]: question for question in consultation.questions}

        def rule(prompt):
            [found] = [r for r in by_prompt[prompt].rules if r.action == branching.ASK]
            return found.match, [(c.source_id, c.test, sorted(o.value for o in c.options), c.low, c.high)
                                 for c in found.conditions]

        dog, age, seen = (by_prompt[p].id for p in ("Dog?", "Age?", "When did you last see a vet?"))
        assert rule("Old dog?") == ("all", [(dog, "chosen", ["yes"], None, None), (age, "more", [], "10", None)])
        assert rule("No dog or young?") == ("any", [(dog, "not_chosen", ["yes"], None, None),
                                                    (age, "less", [], None, "3")])
        assert rule("Middle aged?") == ("all", [(age, "between", [], "4", "9")])
        assert rule("Seen lately?") == ("all", [(seen, "answered", [], None, None),
                                                (seen, "more", [], "2026-01-01", None)])
        assert not by_prompt["Mixed?"].rules, "and/or mixed inside one rule is reported, not guessed"
    assert any(line.startswith("survey sheet, row 9,") for line in imported_lines(result.output)), result.output
