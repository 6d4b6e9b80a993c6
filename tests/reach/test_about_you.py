"""The About you questions, added in one step from the builder: words in English, Welsh and Arabic,
easy read in English and Welsh, "Prefer not to say" on each, pictures with alt text; refused once
people have answered; never added twice; audited; editors only; CSRF."""

from __future__ import annotations

from sqlalchemy import func, select

from consult.extensions import db
from consult.loading import load_consultation
from consult.models import AuditEntry, Question
from consult.models.content import EASY, STANDARD
from consult.reach import about_you
from consult.reach.services import about_you_questions
from tests.html_checks import assert_well_formed
from tests.reach.conftest import SLUG, add_answers, make_draft

ADD = f"/staff/results/{SLUG}/reach/about-you"


def _words(block, register=STANDARD) -> dict[str, str]:
    return {variant.language: variant.body for variant in block.variants if variant.register == register}


def _builder(app, editor):
    with app.app_context():
        consultation_id = load_consultation(SLUG).id
    return editor.get(f"/staff/consultations/{consultation_id}")


def test_one_step_adds_five_questions_in_three_languages_with_easy_read_and_pictures(app, editor):
    with app.app_context():
        make_draft(questions=2)
        db.session.commit()
    page = _builder(app, editor)
    block = page.soup.find(id="about-you")
    assert block is not None and block.find("button").get_text(strip=True) == "Add the About you questions"
    done = editor.submit(page, form_index=[form["action"] for form in page.soup.find_all("form", method="post")]
                         .index(ADD))
    assert done.status == 200 and done.path == page.path  # back on the builder page
    assert_well_formed(done)
    assert ("Added 5 About you questions at the end: age, disability, looking after someone, ethnic group and area."
            in done.text())
    assert "change the two example areas to the areas you serve" in done.text()
    # Added: the button has gone, and the block says so.
    block = done.soup.find(id="about-you")
    assert block.find("button") is None and "This consultation has 5 About you questions." in block.get_text(" ")

    with app.app_context():
        consultation = load_consultation(SLUG)
        questions = about_you_questions(consultation)
        assert [q.position for q in questions] == [3, 4, 5, 6, 7]  # at the end, after the two there were
        assert [q.settings["about_you"] for q in questions] == ["age", "disability", "carer", "ethnicity", "area"]
        for question, spec in zip(questions, about_you.QUESTIONS):
            assert question.kind == "single_choice" and question.required is False
            assert _words(question.prompt) == spec.prompt.standard
            assert set(_words(question.prompt, EASY)) == {"en", "cy"}
            hint = _words(question.hint)
            assert set(hint) == {"en", "cy", "ar"}
            assert hint["en"].endswith("We ask so we can check we hear from everyone. You do not have to answer.")
            assert hint["cy"].endswith("Does dim rhaid i chi ateb.")
            assert _words(question.hint, EASY)["en"].endswith("You do not have to answer.")
            # Every answer in three languages and in easy read; the last is "Prefer not to say".
            for option in question.options:
                assert set(_words(option.label)) == {"en", "cy", "ar"}
                assert set(_words(option.label, EASY)) == {"en", "cy"}
            last = question.options[-1]
            assert last.kind == "prefer_not" and last.value == "prefer_not"
            assert _words(last.label) == {"en": "Prefer not to say", "cy": "Mae’n well gen i beidio â dweud",
                                          "ar": "أفضّل ألا أقول"}
            assert [option.kind for option in question.options[:-1]] == ["answer"] * (len(question.options) - 1)
            # A picture on each question, with alt text in each language; one on "Prefer not to say" too.
            assert question.picture.kind == "symbol" and question.picture.ref == spec.picture.hexcode
            assert _words(question.picture.alt) == spec.picture.alt
            assert set(_words(last.picture.alt)) == {"en", "cy", "ar"}
        age, disability, carer, ethnicity, area = questions
        assert [o.value for o in age.options] == ["under_18", "18_24", "25_34", "35_44", "45_54", "55_64", "65_74",
                                                  "75_84", "85_over", "prefer_not"]
        assert [_words(o.label)["en"] for o in age.options][:3] == ["Under 18", "18 to 24", "25 to 34"]
        assert _words(age.options[8].label, EASY) == {"en": "85 or older", "cy": "85 neu hŷn"}
        # Welsh answers the question's own verb.
        assert [_words(o.label)["cy"] for o in disability.options[:2]] == ["Oes", "Nac oes"]
        assert [_words(o.label)["cy"] for o in carer.options[:2]] == ["Ydw", "Nac ydw"]
        assert disability.options[0].picture.ref == "2705" and disability.options[1].picture.ref == "274C"
        assert len([o for o in ethnicity.options if o.kind == "answer"]) == 5
        assert _words(ethnicity.options[4].label)["en"] == "Another ethnic group"
        assert "change this" in _words(area.options[0].label)["en"]
        entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "consultation.about_you_added"))
        assert entry.subject_id == consultation.id and entry.staff_email == "editor@example.org"
        assert entry.detail == f"{SLUG}: age, disability, carer, ethnicity, area"


def test_translations_are_complete_and_none_needs_checking(app, editor):
    from consult.build.translation import rows

    with app.app_context():
        make_draft(questions=0)
        db.session.commit()
    editor.post(ADD, {"csrf_token": _token(app, editor)})
    with app.app_context():
        consultation = load_consultation(SLUG)
        ours = [row for row in rows(consultation, "cy") if row.unit.key.startswith(("question.", "option.", "picture."))]
        assert ours and all(row.translated and not row.needs_checking for row in ours)
        easy = [row for row in rows(consultation, "en", EASY) if row.unit.key.startswith(("question.", "option."))]
        assert easy and all(row.translated for row in easy)


def _token(app, person) -> str:
    with app.app_context():
        consultation_id = load_consultation(SLUG).id
    page = person.get(f"/staff/consultations/{consultation_id}")
    return page.soup.find("input", attrs={"name": "csrf_token"})["value"]


def _count(app) -> int:
    with app.app_context():
        return len(about_you_questions(load_consultation(SLUG)))


def test_only_the_languages_the_consultation_offers(app, editor):
    with app.app_context():
        make_draft(languages=())
        db.session.commit()
    editor.post(ADD, {"csrf_token": _token(app, editor)})
    with app.app_context():
        for question in about_you_questions(load_consultation(SLUG)):
            assert set(_words(question.prompt)) == {"en"} and set(_words(question.prompt, EASY)) == {"en"}
            assert set(_words(question.picture.alt)) == {"en"}


def test_a_welsh_consultation_gets_welsh_first(app, editor):
    with app.app_context():
        make_draft(languages=("en",), default="cy")
        db.session.commit()
    editor.post(ADD, {"csrf_token": _token(app, editor)})
    with app.app_context():
        age = about_you_questions(load_consultation(SLUG))[0]
        assert _words(age.prompt) == {"cy": "Faint yw eich oed chi?", "en": "How old are you?"}


def test_a_consultation_in_another_language_is_refused_with_a_reason(app, editor):
    with app.app_context():
        make_draft(languages=(), default="pl")
        db.session.commit()
    page = editor.post(ADD, {"csrf_token": _token(app, editor)})
    assert "written in Polish, so they cannot be added" in page.text()
    assert _count(app) == 0


def test_never_added_twice(app, editor):
    from consult.build.questions import delete_question

    with app.app_context():
        make_draft()
        db.session.commit()
    editor.post(ADD, {"csrf_token": _token(app, editor)})
    page = editor.post(ADD, {"csrf_token": _token(app, editor)})
    assert "The About you questions are already in this consultation, so nothing was added." in page.text()
    assert _count(app) == 5
    # One deleted: only that one comes back, and the page says which were there already.
    with app.app_context():
        consultation = load_consultation(SLUG)
        delete_question(about_you_questions(consultation)[2])
        db.session.commit()
    page = _builder(app, editor)
    page = editor.submit(page, form_index=[form["action"] for form in page.soup.find_all("form", method="post")]
                         .index(ADD))
    assert "Added 1 About you question at the end: looking after someone." in page.text()
    assert ("These were already there, so they were not added again: age, disability, ethnic group and area."
            in page.text())
    with app.app_context():
        assert [about_you.BY_KEY[q.settings["about_you"]].key
                for q in about_you_questions(load_consultation(SLUG))] == ["age", "disability", "ethnicity", "area",
                                                                            "carer"]
        assert db.session.scalar(select(func.count()).select_from(AuditEntry)
                                 .where(AuditEntry.action == "consultation.about_you_added")) == 2


def test_refused_once_people_have_answered(app, editor):
    with app.app_context():
        add_answers(make_draft(), [("online", {})])
        db.session.commit()
    with app.app_context():
        consultation_id = load_consultation(SLUG).id
    builder = editor.get(f"/staff/consultations/{consultation_id}")
    # The builder offers no button once people have answered ...
    assert builder.soup.find(id="about-you").find("button") is None
    token = builder.soup.find("input", attrs={"name": "csrf_token"})["value"]
    # ... and a request made anyway is refused, with the reason.
    page = editor.post(ADD, {"csrf_token": token})
    assert "People have already answered, so questions cannot be added, removed or reordered." in page.text()
    assert _count(app) == 0


def test_editors_only_and_a_csrf_token_needed(app, editor, analyst):
    with app.app_context():
        make_draft()
        db.session.commit()
    assert editor.client.post(ADD, data={}).status_code == 400
    analyst_token = analyst.get("/staff/").soup.find("input", attrs={"name": "csrf_token"})["value"]
    assert analyst.client.post(ADD, data={"csrf_token": analyst_token}).status_code == 403
    assert _count(app) == 0
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Question)) == 1


def test_the_questions_are_answered_like_any_other(app, editor, resident):
    """A resident sees a question with its hint, its picture and "Prefer not to say", in easy read too."""
    with app.app_context():
        make_draft(questions=0)
        db.session.commit()
    editor.post(ADD, {"csrf_token": _token(app, editor)})
    with app.app_context():
        consultation = load_consultation(SLUG)
        consultation.status = "published"
        consultation.opens_at = consultation.opens_at.replace(year=2020)
        consultation.closes_at = consultation.closes_at.replace(year=2099)
        db.session.commit()
    page = resident.submit(resident.get(f"/c/{SLUG}?register=easy"))
    assert "How old are you?" in page.h1
    assert "We ask this to check we hear from all kinds of people. You do not have to answer." in page.text()
    assert page.soup.find("img", alt="A birthday cake") is not None
    assert page.option_value("I do not want to say")
    assert_well_formed(page)
