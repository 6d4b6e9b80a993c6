"""Pasting a list of answers, duplicating a question, and adding an answer to a live consultation."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from consult.build.answer_lists import read_answer_list
from consult.build.option_groups import add_group, place_options
from consult.build.question_copies import duplicate_question
from consult.build.questions import add_question, set_condition
from consult.build.services import create_consultation
from consult.extensions import db
from consult.loading import consultation_or_404
from consult.models import Answer, Option, Question, TextVariant
from consult.models._time import utcnow
from consult.pictures.services import symbol_picture
from consult.results.analysis import summarise
from consult.results.plain import shape_of
from tests.branching_helpers import condition_options
from tests.helpers import Resident
from tests.html_checks import assert_well_formed

SYMBOL = "1F68C"  # a bus


def _consultation(app, status="draft", slug="buses"):
    with app.app_context():
        now = utcnow()
        consultation = create_consultation(
            slug, title="Buses", summary="Tell us about buses.", status=status,
            opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=30), other_languages=("cy",))
        first = add_question(consultation, "yes_no", {"en": "Do you take the bus?", "cy": "Ydych chi’n dal y bws?"})
        choice = add_question(consultation, "single_choice", {"en": "Which bus?", "cy": "Pa fws?"},
                              hint={"en": "The one you take most.", "cy": "Yr un amlaf."},
                              options=[{"en": "Number 7", "cy": "Rhif 7"}, {"en": "Number 12", "cy": "Rhif 12"}],
                              prefer_not_option={"en": "Prefer not to say", "cy": "Gwell gennyf beidio â dweud"})
        last = add_question(consultation, "short_text", "Anything else?", required=False)
        db.session.commit()
        return consultation.id, first.id, choice.id, last.id


def _post_form(person, page, action_ending, data=None):
    if action_ending == "/options/paste":
        # "Add these answers" is a button of the question's one form, posted to its own address.
        return person.press(page, "paste-options", data)
    forms = [f for f in page.soup.find_all("form") if f.get("method", "").lower() == "post"]
    index = next(i for i, f in enumerate(forms) if f["action"].endswith(action_ending))
    return person.submit(page, data or {}, form_index=index)


def _labels(app, question_id, language="en"):
    with app.app_context():
        question = db.session.get(Question, question_id)
        return [next(v.body for v in option.label.variants if v.language == language) for option in question.options]


# -- paste a list -----------------------------------------------------------------------------

def test_reading_a_list_drops_blanks_repeats_and_bullets():
    found = read_answer_list("• Bus\n\n- Train\n  bus \nTram\n1 to 2 hours\n\nnumber 7", ["Number 7"])
    assert found.labels == ["Bus", "Train", "Tram", "1 to 2 hours"]
    assert (found.blank, found.repeated, found.problem) == (2, 2, None)


def test_reading_a_list_refuses_what_cannot_be_answers(app):
    with app.test_request_context():
        assert read_answer_list("\n \n", []).problem == "Paste or type the answers, one on each line"
        assert read_answer_list("Bus\nbus", ["BUS"]).problem == "All these answers are already in the list"
        long = read_answer_list("Bus\n" + "x" * 301, [])
        assert long.problem == "Line 2 is too long. An answer can have up to 300 characters"
        assert read_answer_list("\n".join(f"Stop {n}" for n in range(101)), []).problem == (
            "Paste up to 100 answers at a time")


@pytest.mark.parametrize("htmx", [False, True])
def test_paste_adds_answers_and_says_what_was_left_out(app, signed_in, htmx):
    consultation_id, _first, choice_id, _last = _consultation(app)
    editor = signed_in("editor", htmx=htmx)
    page = editor.get(f"/staff/consultations/{consultation_id}/questions/{choice_id}")
    if not htmx:
        assert_well_formed(page)
    textarea = page.soup.find("textarea", id="option-paste")
    assert page.soup.find("label", attrs={"for": "option-paste"}).get_text(strip=True) == "Paste a list of answers"
    assert "option-paste-hint" in textarea["aria-describedby"]
    assert textarea.find_parent("details").find("summary").get_text(strip=True) == "Add several answers at once"

    pasted = _post_form(editor, page, "/options/paste", {"answers": "Number 40\n\nNumber 12\nX1\nnumber 40\n"})
    assert pasted.status == 200
    expected = "2 answers added. 1 empty line was left out. 2 answers were already in the list, so they were left out."
    if htmx:
        assert "<html" not in pasted.html and pasted.soup.find(id="question-editor") is not None
        trigger = pasted.headers["HX-Trigger"]
        assert expected in trigger and '"focus": "paste-options"' in trigger
        assert pasted.soup.find("details", id="paste-answers").has_attr("open")
        # The question's own fields still show its stored words (not the paste form's empty fields).
        assert pasted.soup.find("textarea", id="prompt").get_text().strip() == "Which bus?"
        assert pasted.soup.find("textarea", id="hint").get_text().strip() == "The one you take most."
    else:
        assert expected in pasted.text()
    # New answers go after the ordinary ones, before "Prefer not to say".
    assert _labels(app, choice_id) == ["Number 7", "Number 12", "Number 40", "X1", "Prefer not to say"]


@pytest.mark.parametrize("htmx", [False, True])
def test_a_paste_that_cannot_be_used_comes_back_as_typed(app, signed_in, htmx):
    consultation_id, _first, choice_id, _last = _consultation(app)
    editor = signed_in("editor", htmx=htmx)
    page = editor.get(f"/staff/consultations/{consultation_id}/questions/{choice_id}")
    typed = "Number 40\n" + "y" * 400
    refused = _post_form(editor, page, "/options/paste", {"answers": typed})
    assert refused.status == 422
    summary = refused.soup.select_one(".error-summary a[href='#option-paste']")
    assert summary.get_text(strip=True) == "Line 2 is too long. An answer can have up to 300 characters"
    textarea = refused.soup.find("textarea", id="option-paste")
    assert textarea.get_text() == typed and "option-paste-error" in textarea["aria-describedby"]
    assert refused.soup.find("details", id="paste-answers").has_attr("open")
    empty = _post_form(editor, page, "/options/paste", {"answers": ""})
    assert empty.status == 422 and "Paste or type the answers, one on each line" in empty.text()
    assert _labels(app, choice_id) == ["Number 7", "Number 12", "Prefer not to say"]


def test_paste_is_not_offered_where_the_type_has_its_own_answers(app, signed_in):
    consultation_id, first_id, _choice, _last = _consultation(app)
    editor = signed_in("editor")
    page = editor.get(f"/staff/consultations/{consultation_id}/questions/{first_id}")
    assert page.soup.find(id="option-paste") is None
    before = _labels(app, first_id)
    sent = editor.post(f"/staff/consultations/{consultation_id}/questions/{first_id}/options/paste",
                       {"answers": "Maybe", "csrf_token": page.soup.find("input", attrs={"name": "csrf_token"})["value"]})
    assert sent.status == 200 and sent.path.endswith(f"/questions/{first_id}")
    assert _labels(app, first_id) == before and "Maybe" not in before


def _token(page) -> str:
    """The CSRF token a page gives htmx (every staff page has one on <body>)."""
    return json.loads(page.soup.find("body")["hx-headers:inherited"])["X-CSRFToken"]


def test_staff_routes_need_the_editor_role_and_a_csrf_token(app, signed_in):
    consultation_id, _first, choice_id, _last = _consultation(app)
    base = f"/staff/consultations/{consultation_id}/questions/{choice_id}"
    analyst = signed_in("analyst")
    token = _token(analyst.get("/staff/consultations/"))
    stranger = Resident(app.test_client())
    stranger_token = _token(stranger.get("/staff/sign-in"))
    for action, data in (("/options/paste", {"answers": "Tram"}), ("/copy", {})):
        assert analyst.client.post(base + action, data={**data, "csrf_token": token}).status_code == 403
        signed_out = stranger.client.post(base + action, data={**data, "csrf_token": stranger_token})
        assert signed_out.status_code in (302, 303) and "/staff/sign-in" in signed_out.headers["Location"]
    editor = signed_in("editor")
    assert editor.client.post(base + "/options/paste", data={"answers": "Tram"}).status_code == 400
    assert editor.client.post(base + "/copy", data={}).status_code == 400
    assert _labels(app, choice_id) == ["Number 7", "Number 12", "Prefer not to say"]
    with app.app_context():
        assert db.session.scalar(select(Question.id).where(Question.position == 4)) is None


# -- duplicate a question ---------------------------------------------------------------------

def test_duplicate_copies_everything_just_after_the_original(app):
    consultation_id, first_id, choice_id, last_id = _consultation(app)
    with app.test_request_context():
        original = db.session.get(Question, choice_id)
        original.picture = symbol_picture(SYMBOL, {"en": "A bus", "cy": "Bws"}, "en")
        original.options[0].picture = symbol_picture(SYMBOL, "A number 7 bus", "en")
        original.settings = {"note": {"kept": True}}
        original.missing_message = original.hint.__class__.of("Select a bus")
        original.prompt.set("en", "Pick one bus.", "easy")
        set_condition(original, [db.session.get(Question, first_id).options[0]])
        group = add_group(original, "Town buses", "en")
        place_options(original, {original.options[1].id: group.id})
        db.session.commit()

        copy = duplicate_question(db.session.get(Question, choice_id))
        db.session.commit()
        consultation = consultation_or_404(consultation_id)
        assert [q.id for q in consultation.questions] == [first_id, choice_id, copy.id, last_id]
        assert [q.position for q in consultation.questions] == [1, 2, 3, 4]
        original = db.session.get(Question, choice_id)

        def words(block):
            return sorted((v.language, v.register, v.body) for v in block.variants)

        assert words(copy.prompt) == [("cy", "standard", "Pa fws?"), ("en", "easy", "Pick one bus."),
                                      ("en", "standard", "Copy: Which bus?")]
        assert words(copy.hint) == words(original.hint) and copy.hint_id != original.hint_id
        assert words(copy.missing_message) == [("en", "standard", "Select a bus")]
        assert copy.missing_message_id != original.missing_message_id
        assert (copy.kind, copy.required, copy.settings) == (original.kind, original.required, original.settings)
        assert [(o.kind, o.value, o.position, words(o.label)) for o in copy.options] == [
            (o.kind, o.value, o.position, words(o.label)) for o in original.options]
        assert {o.label_id for o in copy.options}.isdisjoint({o.label_id for o in original.options})
        # Pictures: the same symbol, with a description of its own.
        assert (copy.picture.kind, copy.picture.ref) == (original.picture.kind, original.picture.ref)
        assert copy.picture.id != original.picture.id and words(copy.picture.alt) == words(original.picture.alt)
        assert copy.options[0].picture.ref == SYMBOL and copy.options[1].picture is None
        # Headed groups: the copy's own heading, over the copies of the same answers.
        assert [words(g.heading) for g in copy.option_groups] == [words(g.heading) for g in original.option_groups]
        assert copy.option_groups[0].id != original.option_groups[0].id
        assert [o.group is not None for o in copy.options] == [o.group is not None for o in original.options]
        assert all(o.group in (None, copy.option_groups[0]) for o in copy.options)
        # Branching: asked under the same condition, which looks at an earlier question.
        assert [o.id for o in condition_options(copy)] == [o.id for o in condition_options(original)]
        # The copy is its own: changing its words or settings leaves the original alone.
        copy.prompt.set("en", "Which train?")
        copy.settings["note"]["kept"] = False
        db.session.commit()
        assert words(db.session.get(Question, choice_id).prompt)[-1] == ("en", "standard", "Which bus?")
        assert db.session.get(Question, choice_id).settings == {"note": {"kept": True}}


def test_copied_translations_keep_their_state_and_the_changed_prompt_asks_for_checking(app):
    consultation_id, _first, choice_id, _last = _consultation(app)
    with app.test_request_context():
        from consult.build.translation import rows

        copy = duplicate_question(db.session.get(Question, choice_id))
        db.session.commit()
        stale = {row.unit.key for row in rows(consultation_or_404(consultation_id), "cy") if row.needs_checking}
        assert stale == {f"question.{copy.id}.prompt"}


@pytest.mark.parametrize("htmx", [False, True])
def test_duplicate_from_the_question_list(app, signed_in, htmx):
    consultation_id, _first, choice_id, _last = _consultation(app)
    editor = signed_in("editor", htmx=htmx)
    overview = editor.get(f"/staff/consultations/{consultation_id}")
    button = overview.soup.find("button", id=f"duplicate-{choice_id}")
    assert button.get_text(" ", strip=True) == "Duplicate question 2"
    done = _post_form(editor, overview, f"/questions/{choice_id}/copy")
    assert done.status == 200
    with app.app_context():
        copy_id = db.session.scalar(select(Question.id).where(Question.position == 3,
                                                              Question.consultation_id == consultation_id))
    message = "Question 2 copied. The copy is question 3, just after it: change what you need. To take the copy away, delete it."
    if htmx:
        assert done.soup.find(id="question-list") is not None and "<html" not in done.html
        trigger = done.headers["HX-Trigger"]
        assert message in trigger and f'"focus": "edit-{copy_id}"' in trigger
    else:
        assert_well_formed(done)
        assert message in done.text()
    link = done.soup.find(id=f"edit-{copy_id}")
    assert link.get_text(strip=True) == "Copy: Which bus?"
    # The way back is the list's Delete, which has its own Undo.
    assert done.soup.find("button", id=f"delete-{copy_id}") is not None


def test_duplicate_from_the_editor_opens_the_copy(app, signed_in):
    consultation_id, _first, choice_id, _last = _consultation(app)
    editor = signed_in("editor", htmx=True)
    page = editor.get(f"/staff/consultations/{consultation_id}/questions/{choice_id}")
    # A button of the editor's one form; nothing typed, so on to the copy.
    done = editor.press(page, "duplicate-question")
    assert done.status == 200 and done.h1 == "Question 3"
    assert "Question 2 copied." in done.text()
    assert done.soup.find("textarea", id="prompt").get_text().strip() == "Copy: Which bus?"


def test_a_deleted_question_is_not_duplicated(app, signed_in):
    consultation_id, _first, choice_id, _last = _consultation(app)
    editor = signed_in("editor")
    overview = editor.get(f"/staff/consultations/{consultation_id}")
    deleted = _post_form(editor, overview, f"/questions/{choice_id}/delete")
    token = deleted.soup.find("input", attrs={"name": "csrf_token"})["value"]
    sent = editor.client.post(f"/staff/consultations/{consultation_id}/questions/{choice_id}/copy",
                              data={"csrf_token": token})
    assert sent.status_code == 404


# -- a live consultation: answers can be added, not taken away ----------------------------------

def _answer(app, slug, choice_label):
    resident = Resident(app.test_client())
    page = resident.submit(resident.get(f"/c/{slug}"))
    page = resident.submit(page, {page.field_name(): page.option_value("Yes")})
    page = resident.submit(page, {page.field_name(): page.option_value(choice_label)})
    page = resident.submit(page, {})
    sent = resident.submit(page)
    assert sent.status == 200 and "/confirmation" in sent.path, sent.text()[:300]


@pytest.mark.parametrize("htmx", [False, True])
def test_an_answer_added_to_a_live_question_keeps_earlier_answers(app, signed_in, htmx):
    consultation_id, first_id, choice_id, _last = _consultation(app, status="published")
    _answer(app, "buses", "Number 12")
    with app.app_context():
        before = db.session.execute(select(Answer.response_id, Answer.option_id)
                                    .where(Answer.question_id == choice_id)).all()
    editor = signed_in("editor", htmx=htmx)
    page = editor.get(f"/staff/consultations/{consultation_id}/questions/{choice_id}")
    assert "You can add an answer that was missed" in page.soup.find(id="live-answers-note").get_text()
    assert page.soup.find(id=f"remove-option-{_option_id(app, choice_id, 'Number 7')}") is None
    # "Add answer" belongs to the question's one form (issue 13, item 14).
    added = _post_form(editor, page, f"/questions/{choice_id}", {"label": "Number 40"})
    assert added.status == 200
    pasted = _post_form(editor, editor.get(page.path), "/options/paste", {"answers": "X1\nNumber 7"})
    assert pasted.status == 200
    assert _labels(app, choice_id) == ["Number 7", "Number 12", "Number 40", "X1", "Prefer not to say"]
    with app.app_context():
        after = db.session.execute(select(Answer.response_id, Answer.option_id)
                                   .where(Answer.question_id == choice_id)).all()
        assert after == before  # the earlier response still says "Number 12"
        assert db.session.get(Option, before[0][1]).label.variants[0].body == "Number 12"

    # Results count the new answer from zero, then from the first person to choose it.
    counts = _counts(app, consultation_id, choice_id)
    assert (counts["Number 40"], counts["X1"], counts["Number 12"]) == (0, 0, 1)
    assert _dashboard_row(editor.get("/staff/results/buses"), "Number 40") is not None
    _answer(app, "buses", "Number 40")
    counts = _counts(app, consultation_id, choice_id)
    assert (counts["Number 40"], counts["Number 12"], counts["Number 7"]) == (1, 1, 0)

    # A type's own answers (yes/no) stay as they are.
    yes_no = editor.get(f"/staff/consultations/{consultation_id}/questions/{first_id}")
    assert yes_no.soup.find(id="option-new") is None and yes_no.soup.find(id="live-answers-note") is None


def _option_id(app, question_id, label):
    with app.app_context():
        question = db.session.get(Question, question_id)
        return next(o.id for o in question.options if o.label.variants[0].body == label)


def _counts(app, consultation_id, question_id) -> dict[str, int]:
    """How many people chose each answer, by its words, as the results count them."""
    with app.test_request_context():
        consultation = consultation_or_404(consultation_id)
        counts = summarise(consultation.id, shape_of(consultation)).questions[question_id].options
        question = db.session.get(Question, question_id)
        return {option.label.variants[0].body: counts[option.id] for option in question.options}


def _dashboard_row(dashboard, label):
    return next((row for row in dashboard.soup.find_all("tr")
                 if (cell := row.find(["th", "td"])) and cell.get_text(" ", strip=True) == label), None)


@pytest.mark.parametrize("htmx", [False, True])
def test_changes_to_a_live_questions_meaning_are_refused_with_a_reason(app, signed_in, htmx):
    consultation_id, _first, choice_id, _last = _consultation(app, status="published")
    _answer(app, "buses", "Number 7")
    editor = signed_in("editor", htmx=htmx)
    page = editor.get(f"/staff/consultations/{consultation_id}/questions/{choice_id}")
    token = page.soup.find("input", attrs={"name": "csrf_token"})["value"]
    number_7 = _option_id(app, choice_id, "Number 7")
    base = f"/staff/consultations/{consultation_id}/questions/{choice_id}"
    reason = "People have already answered, so answers cannot be removed, moved, or switched on or off"
    for action, data in ((f"/options/{number_7}/delete", {}), (f"/options/{number_7}/move", {"direction": "down"}),
                         ("/special", {"special": ["none"]})):
        refused = editor.post(base + action, {"csrf_token": token, **data}, target="div#question-editor")
        assert refused.status == 200 and refused.path == base
        assert reason in refused.text()
    assert _labels(app, choice_id) == ["Number 7", "Number 12", "Prefer not to say"]
    # Nor can questions be duplicated once people have answered.
    overview = editor.get(f"/staff/consultations/{consultation_id}")
    assert overview.soup.find("button", id=f"duplicate-{choice_id}") is None
    assert page.soup.find("button", id="duplicate-question") is None
    refused = editor.post(base + "/copy", {"csrf_token": token})
    assert "questions cannot be added, removed or reordered" in refused.text()
    with app.app_context():
        assert db.session.scalar(select(Question.id).where(Question.consultation_id == consultation_id,
                                                           Question.position == 4)) is None
        # The question's type is not something the builder changes.
        assert db.session.get(Question, choice_id).kind == "single_choice"
        assert db.session.scalar(select(TextVariant.id).where(TextVariant.body == "None of these")) is None
