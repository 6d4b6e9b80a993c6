"""Publishing the results asks what publishing a consultation asks: every outcome in every offered
language, and in easy read wherever the consultation has an easy-read version (consult/results/publishing.py)."""

from __future__ import annotations

from sqlalchemy import select

from consult.demo import CLOSED_SLUG
from consult.extensions import db
from consult.models import Consultation
from tests.results.outcome_words import translate_outcomes

OUTCOMES = f"/staff/results/{CLOSED_SLUG}/outcomes"


def _publish_form(page) -> int:
    forms = [form for form in page.soup.find_all("form") if form.get("method", "get").lower() == "post"]
    return next(i for i, form in enumerate(forms) if form.get("action", "").endswith("/outcomes/publish"))


def _published(app) -> bool:
    with app.app_context():
        return db.session.scalar(select(Consultation.results_published_at).where(
            Consultation.slug == CLOSED_SLUG)) is not None


def _closed_id(app) -> int:
    with app.app_context():
        return db.session.scalar(select(Consultation.id).where(Consultation.slug == CLOSED_SLUG))


def test_publishing_results_with_an_untranslated_outcome_is_refused_naming_the_language_and_texts(
        app, signed_in, demo):
    editor = signed_in("editor")
    page = editor.get(OUTCOMES)
    added = editor.submit(page, {"about": "", "heard": "Repairs take too long.", "action": "We will hire more."},
                          form_index=next(i for i, form in enumerate(
                              f for f in page.soup.find_all("form") if f.get("method", "get").lower() == "post")
                              if form.get("action", "").endswith("/outcomes")))
    refused = editor.submit(added, form_index=_publish_form(added))
    assert refused.status == 422
    assert not _published(app)
    assert refused.title.startswith("Error: ")
    summary = [item.get_text(" ", strip=True) for item in refused.soup.select(".error-summary li")]
    # Welsh and Arabic: both texts untranslated; English and Welsh have easy read, the outcome has none.
    for expected in ("Welsh: “What we heard” in outcome 1 is not translated yet",
                     "Welsh: “What we will do” in outcome 1 is not translated yet",
                     "Arabic: “What we heard” in outcome 1 is not translated yet",
                     "Arabic: “What we will do” in outcome 1 is not translated yet",
                     "English: “What we heard” in outcome 1 has no easy-read version yet",
                     "Welsh: “What we will do” in outcome 1 has no easy-read version yet"):
        assert expected in summary, summary
    # Arabic has no easy-read version of the consultation, so no easy-read outcome is asked for in Arabic.
    assert not any(line.startswith("Arabic:") and "easy-read" in line for line in summary), summary
    # Each problem links to where it is fixed: the translation page for that language and register.
    links = {link["href"] for link in refused.soup.select("ul.checklist a")}
    assert any("/translate/cy" in href for href in links) and any("register=easy" in href for href in links), links

    with app.app_context():
        translate_outcomes(_closed_id(app))
    page = editor.get(OUTCOMES)
    assert not page.soup.select("ul.checklist a[id^=problem-]")
    published = editor.submit(page, form_index=_publish_form(page))
    assert published.status == 200 and "The results page is published." in published.text()
    assert _published(app)


def test_a_translation_left_behind_by_a_change_stops_publishing(app, signed_in, demo):
    from consult.loading import load_consultation
    from consult.models._time import utcnow
    from consult.results.outcomes import add_outcome, outcomes_of
    from consult.results.publishing import results_publishing_problems

    with app.test_request_context():
        consultation = load_consultation(CLOSED_SLUG)
        add_outcome(consultation, about=None, heard="Repairs take too long.", action="We will hire more.",
                    heard_easy="Repairs are slow.", action_easy="We will get 2 more.")
        db.session.commit()
        translate_outcomes(consultation.id)
        assert results_publishing_problems(consultation) == []
        outcome = outcomes_of(consultation)[0]
        english = next(v for v in outcome.action.variants if v.language == "en" and v.register == "standard")
        english.body, english.updated_at = "We will hire 3 more engineers.", utcnow()
        db.session.commit()
        problems = [problem.message for problem in results_publishing_problems(consultation)]
    assert "Welsh: “What we will do” in outcome 1 needs checking because the original words changed" in problems
    assert "Arabic: “What we will do” in outcome 1 needs checking because the original words changed" in problems
