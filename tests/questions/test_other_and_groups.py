"""Answers that ask for words ("Other, please specify") and answers in headed groups, as the option
types read, check, store and show them."""

from __future__ import annotations

import pytest
from werkzeug.datastructures import MultiDict

from consult.build.option_groups import add_group, place_options, set_other_option
from consult.build.questions import add_question
from consult.build.services import create_consultation
from consult.extensions import db
from consult.i18n import ContentCatalogue
from consult.models._time import utcnow
from consult.questions._choices import WRITTEN, Chosen


@pytest.fixture
def consultation(app):
    with app.test_request_context():
        now = utcnow()
        c = create_consultation("other", title="Other", summary="Other answers", opens_at=now, closes_at=now,
                                other_languages=["cy"])
        yield c
        db.session.rollback()


def _with_other(consultation, kind="single_choice"):
    question = add_question(consultation, kind, "How do you travel?", options=["Bus", "Car"],
                            prefer_not_option="Prefer not to say")
    set_other_option(question, True, "Other", "en")
    return question


def _ids(question):
    return {option.label.variants[0].body: option.id for option in question.options}


def _texts(question):
    db.session.flush()
    return ContentCatalogue.load([option.label_id for option in question.options], language="en",
                                 default_language="en")


def test_the_other_answer_comes_after_the_ordinary_ones_and_before_prefer_not(consultation):
    question = _with_other(consultation)
    assert [option.label.variants[0].body for option in question.options] == [
        "Bus", "Car", "Other", "Prefer not to say"]
    assert [option.write_in for option in question.options] == [False, False, True, False]
    # Switched off again: gone.
    set_other_option(question, False, "Other", "en")
    assert "Other" not in _ids(question)


def test_reading_what_a_browser_sends_keeps_the_words_typed(consultation):
    """Without JavaScript the box is always there and may be sent with words while another answer is chosen."""
    question = _with_other(consultation)
    ids = _ids(question)
    name = question.type.field_name(question)
    box = f"{name}-written-{ids['Other']}"
    raw = question.type.read(question, MultiDict([(name, str(ids["Bus"])), (box, "  by canoe ")]))
    assert raw == [str(ids["Bus"]), f"{WRITTEN}{ids['Other']}:  by canoe "]
    # Other not chosen: the words are ignored, the answer is Bus.
    parsed = question.type.check(question, raw)
    assert parsed.error is None and parsed.value == ids["Bus"]
    assert getattr(parsed.value, "written", None) is None
    # The page shows the words back as typed (nothing lost).
    assert question.type.written_boxes(question, raw) == {str(ids["Other"]): "  by canoe "}


def test_other_chosen_with_words(consultation):
    question = _with_other(consultation)
    ids = _ids(question)
    name = question.type.field_name(question)
    raw = question.type.read(question, MultiDict([(name, str(ids["Other"])),
                                                  (f"{name}-written-{ids['Other']}", " by canoe\r\n ")]))
    parsed = question.type.check(question, raw)
    assert parsed.error is None
    assert parsed.value == ids["Other"] and isinstance(parsed.value, Chosen)
    assert parsed.value.written == "by canoe"
    # Branching and everything else that compares option ids still works.
    assert question.type.selected(parsed.value) == {ids["Other"]}
    texts = _texts(question)
    assert question.type.display(question, parsed.value, texts) == ["Other: by canoe"]


def test_other_chosen_with_an_empty_box_says_what_to_fix_and_points_at_the_box(consultation):
    """With JavaScript the box was shown when Other was chosen; an empty or blank box is refused either way."""
    question = _with_other(consultation)
    ids = _ids(question)
    name = question.type.field_name(question)
    for sent in ([(name, str(ids["Other"]))], [(name, str(ids["Other"])), (f"{name}-written-{ids['Other']}", "   ")]):
        raw = question.type.read(question, MultiDict(sent))
        parsed = question.type.check(question, raw)
        assert parsed.error == "Enter your other answer"
        assert question.type.written_error(question, raw) == (ids["Other"], "Enter your other answer")
        assert question.type.error_input_id(question, raw) == f"{name}-written-{ids['Other']}"
    # A different error still points at the first answer.
    raw = [str(ids["Bus"]), str(ids["Car"])]
    assert question.type.check(question, raw).error == "Select only one answer"
    assert question.type.error_input_id(question, raw) == f"{name}-{ids['Bus']}"


def test_other_words_have_a_limit(consultation):
    question = _with_other(consultation)
    other = _ids(question)["Other"]
    raw = [str(other), f"{WRITTEN}{other}:" + "x" * 201]
    assert question.type.check(question, raw).error == "Your other answer must be 200 characters or fewer"
    raw = [str(other), f"{WRITTEN}{other}:" + "x" * 200]
    assert question.type.check(question, raw).value.written == "x" * 200


def test_storage_round_trip_keeps_the_option_and_its_words_on_one_row(consultation):
    for kind in ("single_choice", "multiple_choice"):
        question = _with_other(consultation, kind)
        ids = _ids(question)
        chosen = [str(ids["Bus"]), str(ids["Other"]), f"{WRITTEN}{ids['Other']}:on foot"]
        raw = chosen if kind == "multiple_choice" else chosen[1:]
        value = question.type.check(question, raw).value
        rows = question.type.rows(question, value)
        by_option = {row.option_id: row.text for row in rows}
        assert by_option[ids["Other"]] == "on foot"
        if kind == "multiple_choice":
            assert by_option[ids["Bus"]] is None
        back = question.type.value_from_rows(question, rows)
        assert back == value
        written = [getattr(item, "written", None) for item in (back if kind == "multiple_choice" else [back])]
        assert "on foot" in written


def test_shown_values_and_export_cells_say_other_and_the_words(consultation):
    from consult.models import Answer

    question = _with_other(consultation, "multiple_choice")
    ids = _ids(question)
    answers = [Answer(question_id=question.id, option_id=ids["Other"], text="on foot"),
               Answer(question_id=question.id, option_id=ids["Bus"])]
    texts = ContentCatalogue.load([option.label_id for option in question.options], language="en",
                                  default_language="en")
    shown = question.type.shown_values(question, answers, texts)
    assert [str(value) for value in shown] == ["Bus", "Other: on foot"]
    labels = {option.id: option.label.variants[0].body for option in question.options}
    positions = {option.id: option.position for option in question.options}
    assert question.type.export_cell(question, answers, labels, positions) == "Bus; Other: on foot"


def test_written_answers_are_asked_of_the_type(consultation):
    question = add_question(consultation, "single_choice", "Colour?", options=["Red", "Blue"])
    assert not question.type.has_written_answers(question)
    set_other_option(question, True, "Other", "en")
    assert question.type.has_written_answers(question)
    text = add_question(consultation, "long_text", "Tell us more")
    assert text.type.has_written_answers(text)


def test_groups_give_sections_in_order_with_their_headings(consultation):
    question = add_question(consultation, "single_choice", "Which fruit?",
                            options=["Apple", "Pear", "Lemon", "Lime", "Something else"],
                            prefer_not_option="Prefer not to say")
    ids = _ids(question)
    citrus = add_group(question, "Citrus", "en")
    orchard = add_group(question, "Orchard", "en")
    citrus.heading.set("cy", "Sitrws")
    place_options(question, {ids["Lemon"]: citrus.id, ids["Lime"]: citrus.id, ids["Apple"]: orchard.id,
                             ids["Pear"]: orchard.id})
    texts = ContentCatalogue.load([option.label_id for option in question.options], language="cy",
                                  default_language="en")
    sections = question.type.option_sections(question, texts)
    assert [[option.label.variants[0].body for option in section.options] for section in sections] == [
        ["Something else"], ["Lemon", "Lime"], ["Apple", "Pear"], ["Prefer not to say"]]
    # Headings come in the page's language, through the catalogue's fallback, even though it did not load them.
    assert [(section.heading.text, section.heading.lang) if section.heading else None for section in sections] == [
        None, ("Sitrws", "cy"), ("Orchard", "en"), None]
    assert [section.or_before for section in sections] == [False, False, False, True]
    # The stored order matches what people see, so paper, exports and results list them the same way.
    assert [option.label.variants[0].body for option in question.options] == [
        "Something else", "Lemon", "Lime", "Apple", "Pear", "Prefer not to say"]
