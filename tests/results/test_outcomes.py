"""Staff write "you said, we did" outcomes, give them pictures, and publish the results page after closing."""

from __future__ import annotations

from sqlalchemy import select

from consult.demo import CLOSED_SLUG
from consult.extensions import db
from consult.models import AuditEntry, Consultation, Outcome, TextVariant
from tests.results.outcome_words import translate_outcomes


def _form_index(page, ending):
    forms = [form for form in page.soup.find_all("form") if form.get("method", "get").lower() == "post"]
    return next(i for i, form in enumerate(forms) if form.get("action", "").endswith(ending))


def _add(editor, slug, **fields):
    page = editor.get(f"/staff/results/{slug}/outcomes")
    return editor.submit(page, fields, form_index=_form_index(page, "/outcomes"))


def test_editors_add_change_order_and_delete_outcomes(app, signed_in, demo):
    editor = signed_in("editor")
    page = editor.get(f"/staff/results/{CLOSED_SLUG}/outcomes")
    assert page.status == 200 and page.h1 == "You said, we did"
    about = page.soup.find("select", attrs={"name": "about"})
    values = [option["value"] for option in about.find_all("option")]
    assert values[0] == "" and values[1].startswith("question-")

    added = _add(editor, CLOSED_SLUG, about=values[1], heard="Repairs take too long.",
                 action="We will hire two more engineers by June.", heard_easy="Repairs are slow.",
                 action_easy="We will get 2 more engineers.")
    assert "Outcome added." in added.text() and "Repairs take too long." in added.text()
    second = _add(editor, CLOSED_SLUG, about="", heard="People liked the phone line.", action="We will keep it.")
    with app.app_context():
        outcomes = db.session.scalars(select(Outcome).order_by(Outcome.position)).all()
        assert [o.position for o in outcomes] == [1, 2]
        first_id, second_id = outcomes[0].id, outcomes[1].id
        easy = db.session.scalars(select(TextVariant).where(
            TextVariant.block_id == outcomes[0].action_id, TextVariant.register == "easy")).one()
        assert easy.body == "We will get 2 more engineers."
        assert outcomes[0].question_id is not None and outcomes[1].question_id is None

    moved = editor.submit(second, form_index=_form_index(second, f"/outcomes/{second_id}/move"))
    with app.app_context():
        assert db.session.get(Outcome, second_id).position == 1

    change = editor.get(f"/staff/results/{CLOSED_SLUG}/outcomes/{first_id}")
    assert change.soup.find("textarea", attrs={"name": "heard_easy"}).get_text().strip() == "Repairs are slow."
    saved = editor.submit(change, {"action": "We hired two engineers in May.", "action_easy": ""})
    assert "Outcome saved." in saved.text()
    with app.app_context():
        action = db.session.get(Outcome, first_id).action
        assert {(v.register, v.body) for v in action.variants} == {("standard", "We hired two engineers in May.")}

    confirm = editor.get(f"/staff/results/{CLOSED_SLUG}/outcomes/{first_id}/delete")
    assert confirm.h1 == "Delete this outcome?"
    gone = editor.submit(confirm)
    assert "Outcome deleted." in gone.text()
    with app.app_context():
        assert db.session.get(Outcome, first_id) is None
        assert db.session.get(Outcome, second_id).position == 1
        actions = set(db.session.scalars(select(AuditEntry.action)))
        assert {"outcome.created", "outcome.changed", "outcome.deleted"} <= actions
    del moved


def test_both_texts_are_required_with_clear_messages(app, signed_in, demo):
    editor = signed_in("editor")
    refused = _add(editor, CLOSED_SLUG, about="", heard="  ", action="")
    assert refused.status == 422
    summary = refused.soup.select_one(".error-summary").get_text()
    assert "Say what people told you" in summary and "Say what you will do" in summary
    unknown = _add(editor, CLOSED_SLUG, about="question-999999", heard="a", action="b")
    assert unknown.status == 422


def test_outcomes_are_translated_with_the_other_texts(app, signed_in, demo):
    editor = signed_in("editor")
    _add(editor, CLOSED_SLUG, about="", heard="Repairs take too long.", action="We will hire more engineers.")
    with app.app_context():
        consultation_id = db.session.scalar(select(Consultation.id).where(Consultation.slug == CLOSED_SLUG))
    page = editor.get(f"/staff/consultations/{consultation_id}/translate/cy")
    assert "You said, we did: outcome 1" in page.text()
    assert "Repairs take too long." in page.text()


def test_results_are_published_only_after_closing_and_with_an_outcome(app, signed_in, demo):
    editor = signed_in("editor")
    page = editor.get(f"/staff/results/{demo['slug']}/outcomes")  # the open demo consultation
    refused = editor.submit(page, form_index=_form_index(page, "/outcomes/publish"))
    assert "once the consultation has closed" in refused.text()
    page = editor.get(f"/staff/results/{CLOSED_SLUG}/outcomes")
    empty = editor.submit(page, form_index=_form_index(page, "/outcomes/publish"))
    assert "Write at least one outcome" in empty.text()
    _add(editor, CLOSED_SLUG, about="", heard="Repairs take too long.", action="We will hire more.")
    with app.app_context():
        translate_outcomes(db.session.scalar(select(Consultation.id).where(Consultation.slug == CLOSED_SLUG)))
    added = editor.get(f"/staff/results/{CLOSED_SLUG}/outcomes")
    published = editor.submit(added, form_index=_form_index(added, "/outcomes/publish"))
    assert "The results page is published." in published.text()
    with app.app_context():
        assert db.session.scalar(select(Consultation.results_published_at).where(
            Consultation.slug == CLOSED_SLUG)) is not None
    hidden = editor.submit(published, form_index=_form_index(published, "/outcomes/publish"))
    assert "hidden again" in hidden.text()


def test_analysts_read_results_but_do_not_write_outcomes(app, signed_in, demo):
    analyst = signed_in("analyst")
    assert analyst.get(f"/staff/results/{CLOSED_SLUG}/outcomes").status == 403


def _publish_closed(app, editor):
    _add(editor, CLOSED_SLUG, about="", heard="Repairs take too long.", action="We will hire more engineers.",
         heard_easy="Repairs are slow.", action_easy="We will get 2 more engineers.")
    with app.app_context():
        translate_outcomes(db.session.scalar(select(Consultation.id).where(Consultation.slug == CLOSED_SLUG)))
    page = editor.get(f"/staff/results/{CLOSED_SLUG}/outcomes")
    return editor.submit(page, form_index=_form_index(page, "/outcomes/publish"))


def test_the_public_results_page_shows_outcomes_and_protected_numbers(app, signed_in, demo, resident):
    assert resident.get(f"/results/{CLOSED_SLUG}").status == 404  # not published yet
    editor = signed_in("editor")
    assert "Preview" in editor.get(f"/results/{CLOSED_SLUG}").text()
    _publish_closed(app, editor)
    home = resident.get("/")
    link = home.soup.find("a", attrs={"href": f"/results/{CLOSED_SLUG}"})
    assert link is not None and "Read what people told us" in link.get_text()
    page = resident.get(f"/results/{CLOSED_SLUG}")
    assert page.status == 200 and "Preview" not in page.text()
    assert "Repairs take too long." in page.text() and "We will hire more engineers." in page.text()
    assert page.soup.select(".results-question")  # a summary for each question with answers to count
    assert "fewer than 5" in page.text().lower() or "no one answered" in page.text().lower()
    assert not page.soup.find("textarea")
    easy = resident.get(f"/results/{CLOSED_SLUG}?register=easy")
    assert "We will get 2 more engineers." in easy.text()
    welsh = resident.get(f"/results/{CLOSED_SLUG}?lang=cy")
    assert welsh.soup.find("html")["lang"] == "cy"
    assert resident.get(f"/results/{demo['slug']}").status == 404  # still open
